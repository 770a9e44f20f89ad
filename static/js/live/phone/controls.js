// @ts-check
/* The phone's vote controls, one kind per method: three choices (approve), a 1–5 scale
 * (score), two scales (impact × feasibility), dot steppers (dots), up/down moves (ranking);
 * and, once a dots or ranking round is closed, my vote as a plain list. */
import { codeTag, el } from "../dom.js";
import { codeTitle, num, plural, t, tr } from "../i18n.js";
import { isMulti } from "../results.js";
import { CHOICES } from "../results/parts.js";

/** @typedef {import("../types.js").Round} Round */

/**
 * @typedef {object} VoteContext
 * @property {boolean} open        the round takes votes now
 * @property {any} current         my vote in this round (pending or counted), or null
 * @property {(initial: () => any) => {value: any}} draft   the vote being composed
 * @property {(value: any) => void} send
 * @property {() => void} refresh  re-render the vote card
 */

/**
 * @param {string} key data-key, so that the focus survives a re-render
 * @param {Record<string, any>} attrs
 * @param {import("../dom.js").Child} children
 * @param {boolean} open
 */
function voteButton(key, attrs, children, open) {
  return el("button", { type: "button", class: "vote-btn", "data-key": key, disabled: !open, ...attrs }, children);
}

/** @param {VoteContext} ctx */
function approveControls(ctx) {
  return el("div", { class: "vote-grid three", role: "group", "aria-label": t("vote_now") },
    CHOICES.map(([choice, icon]) => voteButton("v-" + choice, {
      class: "vote-btn choice-" + choice, "aria-pressed": String(ctx.current === choice), dataset: { vote: choice },
      onclick: () => ctx.send(choice),
    }, [el("span", { class: "vote-icon", "aria-hidden": "true" }, icon), el("span", null, t("choice_" + choice))], ctx.open)));
}

/**
 * Five buttons 1–5 for `axisName`.
 * @param {string} key          data-key prefix ("score-", "impact-", "feasibility-")
 * @param {number|null} current
 * @param {(n: number) => void} onPick
 * @param {string} axisName
 * @param {boolean} open
 */
function scale(key, current, onPick, axisName, open) {
  return el("div", { class: "vote-grid five", role: "group", "aria-label": axisName },
    [1, 2, 3, 4, 5].map((n) => voteButton(key + n, {
      class: "vote-btn num", "aria-pressed": String(current === n), dataset: { vote: n, axis: key.replace(/-$/, "") },
      "aria-label": axisName + ": " + n, onclick: () => onPick(n),
    }, num(n), open)));
}

const scaleEnds = () => el("div", { class: "scale-ends", "aria-hidden": "true" },
  el("span", null, t("scale_low")), el("span", null, t("scale_high")));

/** @param {VoteContext} ctx */
function scoreControls(ctx) {
  const current = typeof ctx.current === "number" ? ctx.current : null;
  return el("div", null, scale("score-", current, ctx.send, t("score_label"), ctx.open), scaleEnds());
}

/** Impact and feasibility: the vote is sent once both are picked. @param {VoteContext} ctx */
function matrixControls(ctx) {
  const current = ctx.current;
  const d = ctx.draft(() => (current && typeof current === "object" ? { impact: current.impact, feasibility: current.feasibility } : {}));
  const pick = (axis) => (n) => {
    d.value[axis] = n;
    if (d.value.impact && d.value.feasibility) ctx.send({ impact: d.value.impact, feasibility: d.value.feasibility });
    else ctx.refresh();
  };
  const axis = (name) => el("p", { class: "axis-label", id: "axis-" + name },
    el("strong", null, t(name)), " ", el("span", { class: "muted small" }, t(name + "_help")));
  return el("div", { class: "if-vote" },
    axis("impact"), scale("impact-", d.value.impact || null, pick("impact"), t("impact"), ctx.open),
    axis("feasibility"), scale("feasibility-", d.value.feasibility || null, pick("feasibility"), t("feasibility"), ctx.open),
    scaleEnds());
}

const sameJSON = (a, b) => JSON.stringify(a) === JSON.stringify(b);
/** @param {string} text @param {number} n at most 60 */
const repeat = (text, n) => text.repeat(Math.max(0, Math.min(n, 60)));

/** Share the round's dots among its items, then send them. @param {Round} r @param {VoteContext} ctx */
function dotsControls(r, ctx) {
  const current = ctx.current;
  const budget = r.dots || 0;
  /** @type {{value: Record<string, number>}} */
  const d = ctx.draft(() => {
    const value = {};
    for (const item of r.items) value[String(item.id)] = (current && current[String(item.id)]) || 0;
    return value;
  });
  const used = Object.values(d.value).reduce((sum, n) => sum + (n || 0), 0);
  const left = budget - used;
  const sent = {};
  for (const item of r.items) sent[String(item.id)] = (current && current[String(item.id)]) || 0;
  const dirty = current !== null ? !sameJSON(sent, d.value) : used > 0;
  const change = (id, delta) => () => {
    const next = (d.value[id] || 0) + delta;
    if (next < 0 || (delta > 0 && left <= 0)) return;
    d.value[id] = next;
    ctx.refresh();
  };
  const sendDots = () => {
    const value = {};
    for (const [k, n] of Object.entries(d.value)) if (n > 0) value[k] = n;
    ctx.send(value);
  };
  return el("div", { class: "dots-vote" },
    el("p", { class: "dots-left", id: "dots-left", "aria-live": "polite" },
      el("strong", null, plural("dots_left_n", left, { total: num(budget) })),
      el("span", { class: "dot-pips", "aria-hidden": "true" }, repeat("●", used), repeat("○", left))),
    el("ul", { class: "dots-list" }, r.items.map((item) => {
      const id = String(item.id);
      const n = d.value[id] || 0;
      const title = codeTitle(item);
      return el("li", { class: "dots-item", dataset: { itemId: id } },
        el("span", { class: "dots-title" }, codeTag(item), " ", tr(item, "title")),
        el("span", { class: "dot-pips item-pips", "aria-hidden": "true" }, repeat("●", n)),
        el("span", { class: "stepper" },
          el("button", { type: "button", class: "step", "data-key": "minus-" + id, dataset: { dotsMinus: id },
            disabled: !ctx.open || n <= 0, "aria-label": t("dot_remove", { item: title }), onclick: change(id, -1) }, "−"),
          el("output", { class: "step-value", "aria-live": "polite", dataset: { dotsValue: id } }, num(n)),
          el("button", { type: "button", class: "step", "data-key": "plus-" + id, dataset: { dotsPlus: id },
            disabled: !ctx.open || left <= 0, "aria-label": t("dot_add", { item: title }), onclick: change(id, 1) }, "+")));
    })),
    ctx.open ? el("button", { type: "button", class: "btn block big", id: "vote-send", "data-key": "send",
      disabled: used < 1, onclick: sendDots }, t("send_dots")) : null,
    ctx.open && dirty && used > 0 ? el("p", { class: "draft-note small" }, t("not_sent_yet")) : null);
}

/** Put the round's items in order with up/down buttons, then send. @param {Round} r @param {VoteContext} ctx */
function rankingControls(r, ctx) {
  const current = ctx.current;
  const ids = r.items.map((item) => item.id);
  /** @type {{value: number[]}} */
  const d = ctx.draft(() => (Array.isArray(current) && current.length === ids.length ? current.slice() : ids.slice()));
  const titles = {};
  /** @type {Record<string, import("../types.js").Item>} */
  const items = {};
  for (const item of r.items) { titles[item.id] = codeTitle(item); items[item.id] = item; }
  const dirty = Array.isArray(current) ? !sameJSON(current, d.value) : true;
  const move = (index, delta) => () => {
    const target = index + delta;
    if (target < 0 || target >= d.value.length) return;
    const [moved] = d.value.splice(index, 1);
    d.value.splice(target, 0, moved);
    ctx.refresh();
    // keep the focus on the moved item: on the same arrow, or the other one at either end
    let again = /** @type {HTMLButtonElement|null} */ (document.querySelector(`[data-key="${delta < 0 ? "up-" : "down-"}${moved}"]`));
    if (again && again.disabled) again = document.querySelector(`[data-key="${delta < 0 ? "down-" : "up-"}${moved}"]`);
    if (again) again.focus();
    const live = document.getElementById("rank-live");
    if (live) live.textContent = t("moved_to", { item: titles[moved], position: num(target + 1) });
  };
  return el("div", { class: "rank-vote" },
    el("ol", { class: "rank-list", id: "rank-list" }, d.value.map((id, index) => el("li", { class: "rank-item", dataset: { itemId: id } },
      el("span", { class: "rank-pos", "aria-hidden": "true" }, num(index + 1)),
      el("span", { class: "rank-title" }, codeTag(items[id]), " ", tr(items[id], "title")),
      el("span", { class: "rank-moves" },
        el("button", { type: "button", class: "step", "data-key": "up-" + id, dataset: { rankUp: id },
          disabled: !ctx.open || index === 0, "aria-label": t("move_up", { item: titles[id] }), onclick: move(index, -1) }, "↑"),
        el("button", { type: "button", class: "step", "data-key": "down-" + id, dataset: { rankDown: id },
          disabled: !ctx.open || index === d.value.length - 1, "aria-label": t("move_down", { item: titles[id] }),
          onclick: move(index, 1) }, "↓"))))),
    el("p", { class: "visually-hidden", id: "rank-live", "aria-live": "polite" }),
    ctx.open ? el("button", { type: "button", class: "btn block big", id: "vote-send", "data-key": "send",
      onclick: () => ctx.send(d.value.slice()) }, t("send_ranking")) : null,
    ctx.open && dirty && current !== null ? el("p", { class: "draft-note small" }, t("not_sent_yet")) : null);
}

/** A closed dots or ranking round: my vote as a plain list (no controls). @param {Round} r @param {any} value */
function closedSummary(r, value) {
  const titles = {};
  for (const item of r.items) titles[String(item.id)] = codeTitle(item);
  if (value === null) return el("p", { class: "muted small" }, t("did_not_vote"));
  if (r.method === "ranking") {
    return el("div", { class: "vote-summary" }, el("p", { class: "small muted" }, t("your_ranking")),
      el("ol", { class: "summary-list" }, value.map((id) => el("li", null, titles[String(id)] || "#" + id))));
  }
  return el("div", { class: "vote-summary" }, el("p", { class: "small muted" }, t("your_dots")),
    el("ul", { class: "summary-list plain" }, r.items.filter((item) => value[String(item.id)]).map((item) =>
      el("li", null, el("strong", null, num(value[String(item.id)]) + " ● "), titles[String(item.id)]))));
}

/**
 * The controls for `round` (or, closed, my dots or ranking as a list).
 * @param {Round} round
 * @param {VoteContext} ctx
 * @returns {HTMLElement}
 */
export function voteControls(round, ctx) {
  if (!ctx.open && isMulti(round.method)) return closedSummary(round, ctx.current);
  if (round.method === "approve") return approveControls(ctx);
  if (round.method === "score") return scoreControls(ctx);
  if (round.method === "impact_feasibility") return matrixControls(ctx);
  if (round.method === "dots") return dotsControls(round, ctx);
  return rankingControls(round, ctx);
}

/**
 * My vote in words, for the status line ("" for dots and ranking, shown in the controls).
 * @param {Round} round
 * @param {any} value
 * @returns {string}
 */
export function describeVote(round, value) {
  if (value === null || value === undefined) return "";
  if (round.method === "approve") return t("choice_" + value);
  if (round.method === "score") return num(value);
  if (round.method === "impact_feasibility") {
    return t("impact_short", { value: num(value.impact) }) + " · " + t("feasibility_short", { value: num(value.feasibility) });
  }
  return "";
}
