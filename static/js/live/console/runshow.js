// @ts-check
/* The run-of-show on the console: the one key (N) and its button that move the session along —
 * discuss → open the planned round → close → decide → next item — the other shortcuts (listed on
 * the `?` overlay), the session clock and the item's time budget with its overrun, the projector's
 * join screen, and the countdown's pause. The server computes the next step (`run_of_show.step`
 * in the staff snapshot); the console shows it and asks for it by name, so a double press or a
 * second console never takes two steps. Shortcuts never fire while a field has the focus. */
import { msUntil, parseTime, serverNow } from "../clock.js";
import { byId as $, el } from "../dom.js";
import { clockText, codeTitle, label, num, pct, plural, t } from "../i18n.js";
import { chooseOutcome, followStep, submitDecision } from "./decision.js";
import { act, agendaItem, desk, showError } from "./desk.js";

/** @typedef {import("../types.js").Plan} Plan */
/** @typedef {import("../types.js").RunOfShow} RunOfShow */

/** The countdown paused with P: the round and the seconds it had left. */
let paused = /** @type {{roundId: number, seconds: number}|null} */ (null);
const STEP_SECONDS = 30;


/** @returns {RunOfShow|null} */
const show = () => (desk.state && desk.state.run_of_show) || null;

/**
 * Minutes as "12 min" or "1 h 05 min" (no seconds).
 * @param {number} minutes
 */
export function minutesText(minutes) {
  const whole = Math.max(0, Math.floor(minutes));
  if (whole < 60) return t("minutes_only", { m: num(whole) });
  const m = whole % 60;
  return t("hours_minutes", { h: num(Math.floor(whole / 60)), m: (m < 10 ? "0" : "") + num(m) });
}

/**
 * The plan in one line: "Impact × feasibility · quorum 3 votes · threshold 60 % · 12 min".
 * @param {Plan} plan
 */
export function planLine(plan) {
  const quorum = plan.quorum_now !== undefined ? plan.quorum_now : plan.quorum;
  const bits = [label("methods", plan.method)];
  if (plan.item_ids.length > 1) bits.push(t("plan_group", { n: num(plan.item_ids.length) }));
  if (quorum !== null && quorum !== undefined) bits.push(plural("plan_quorum", quorum));
  bits.push(t("plan_threshold", { share: pct(plan.threshold) }));
  if (plan.cross_sector) bits.push(t("plan_every_sector"));
  if (plan.results === "hidden") bits.push(t("plan_hidden"));
  if (plan.seconds) bits.push(t("plan_countdown", { time: clockText(plan.seconds) }));
  return bits.join(" · ");
}

/** The item's plan (from the run-of-show) or null. @param {number} id */
export function planOf(id) {
  const rs = show();
  const found = rs ? rs.items.find((i) => i.id === id) : null;
  return found ? found.plan : null;
}

/** The step button and its hint. */
export function renderStep() {
  if (!desk.steer) return;
  const rs = show();
  const button = $("btn-next", HTMLButtonElement);
  const step = rs ? rs.step : { action: "none", item_ids: [] };
  const first = step.item_ids.length ? step.item_ids[0] : null;
  const item = first !== null ? agendaItem(first) : null;
  const name = item ? codeTitle(item) : "";
  const plan = first !== null ? planOf(first) : null;
  /** @type {Record<string, string>} */
  const texts = {
    start: t("step_start"), discuss: t("step_discuss", { item: name }), next: t("step_next", { item: name }),
    open: t("step_open", { method: plan ? label("methods", plan.method) : "" }), close: t("step_close"),
    decide: t("step_decide", { item: name }), end: t("step_end"), none: t("step_none"),
  };
  $("btn-next-text").textContent = texts[step.action] || texts.none;
  button.setAttribute("data-step", step.action);
  button.setAttribute("data-step-key", step.action + ":" + step.item_ids.join(","));
  button.disabled = step.action === "none";
  button.classList.toggle("danger", step.action === "end");
  const hints = { start: t("hint_start"), discuss: t("hint_discuss"), next: t("hint_discuss"), close: t("hint_close"),
    decide: t("hint_decide"), end: t("hint_end") };
  $("step-hint").textContent = step.action === "open" && plan ? planLine(plan) : (/** @type {any} */ (hints))[step.action] || "";
  $("decision-card").classList.toggle("is-step", step.action === "decide");
  if (step.action === "decide" && first !== null) followStep(first);
}

/** Take the step the button shows (the N key). */
export async function takeStep() {
  const rs = show();
  if (!desk.steer || !rs) return;
  const action = rs.step.action;
  const err = $("step-error");
  if (action === "decide") { submitDecision(); return; }
  if (action === "none") return;
  if (action === "end") { $("btn-end").click(); return; }  // asks for confirmation first
  await act($("btn-next"), "advance", { step: action }, err);
}

/* ---- Clocks ------------------------------------------------------------------------------ */

/** The session clock in the header and the item's time against its budget (every 15 s; no seconds). */
export function renderClocks() {
  const rs = show();
  const state = desk.state;
  const sessionClock = $("c-clock");
  const itemClock = $("item-clock");
  if (!rs || !state) return;
  const now = serverNow();
  if (rs.started_at && state.session.status === "live") {
    const elapsed = (now - parseTime(rs.started_at)) / 60000;
    sessionClock.textContent = t("session_clock", { elapsed: minutesText(elapsed), planned: minutesText(rs.planned_minutes) });
    sessionClock.classList.toggle("over", rs.planned_minutes > 0 && elapsed > rs.planned_minutes);
  } else {
    sessionClock.textContent = rs.planned_minutes ? t("session_clock", { elapsed: minutesText(0), planned: minutesText(rs.planned_minutes) }) : "";
    sessionClock.classList.remove("over");
  }
  const plan = state.item ? planOf(state.item.id) : null;
  if (state.item && rs.item_since && state.session.status === "live") {
    const spent = (now - parseTime(rs.item_since)) / 60000;
    const budget = plan && plan.minutes !== null ? plan.minutes : null;
    const over = budget !== null && spent > budget ? spent - budget : 0;
    itemClock.textContent = budget !== null ? t("item_clock", { spent: minutesText(spent), budget: minutesText(budget) })
      + (over >= 1 ? " · " + t("item_over", { over: minutesText(over) }) : "") : minutesText(spent);
    itemClock.classList.toggle("over", over >= 1);
    itemClock.setAttribute("data-over", String(Math.floor(over)));
  } else {
    itemClock.textContent = "";
    itemClock.classList.remove("over");
  }
}

/* ---- The countdown: ± and pause ------------------------------------------------------------ */

/** Seconds left on the open round's countdown (0: none runs). */
function secondsLeft() {
  const r = desk.state && desk.state.round;
  if (!r || r.state !== "open" || !r.timer_ends_at) return 0;
  return Math.max(0, Math.round(msUntil(r.timer_ends_at) / 1000));
}

/** @param {number} delta seconds (negative: less) */
function nudgeTimer(delta) {
  const r = desk.state && desk.state.round;
  const err = $("round-error");
  if (!r || r.state !== "open") { showError(err, { code: "no_round", message: t("err_no_round_timer") }); return; }
  const base = paused && paused.roundId === r.id ? paused.seconds : secondsLeft();
  const plan = planOf(r.items[0].id);
  const start = base || (delta > 0 ? (plan && plan.seconds) || 60 : 0);
  const seconds = Math.min(3600, Math.max(5, (base ? start + delta : start)));
  if (paused && paused.roundId === r.id) { paused.seconds = seconds; renderPause(); return; }
  act(null, "timer", { round_id: r.id, seconds }, err);
}

function togglePause() {
  const r = desk.state && desk.state.round;
  const err = $("round-error");
  if (!r || r.state !== "open") { showError(err, { code: "no_round", message: t("err_no_round_timer") }); return; }
  if (paused && paused.roundId === r.id) {
    const seconds = Math.max(5, paused.seconds);
    paused = null;
    act(null, "timer", { round_id: r.id, seconds }, err).then(renderPause);
    return;
  }
  const left = secondsLeft();
  if (!left) return;
  paused = { roundId: r.id, seconds: left };
  act(null, "timer", { round_id: r.id, seconds: 0 }, err).then((res) => { if (!res.ok) paused = null; renderPause(); });
}

/** The paused countdown in the round card. */
export function renderPause() {
  const r = desk.state && desk.state.round;
  if (paused && (!r || r.id !== paused.roundId || r.state !== "open")) paused = null;
  const node = $("round-countdown");
  if (!node) return;
  node.classList.toggle("paused", !!paused);
  if (paused) {
    node.hidden = false;
    const value = node.querySelector(".countdown-value");
    if (value) value.textContent = t("paused", { time: clockText(paused.seconds) });
  }
}

/* ---- Projector, reveal, overlay, tabs ----------------------------------------------------- */

export function renderProjectorMode() {
  const rs = show();
  const button = $("btn-qr");
  if (button) button.setAttribute("aria-pressed", String(!!rs && rs.projector_mode === "join"));
}

function toggleJoinScreen() {
  const rs = show();
  if (!rs) return;
  act($("btn-qr"), "projector_mode", { mode: rs.projector_mode === "join" ? "auto" : "join" }, $("session-error"));
}

function toggleReveal() {
  const r = desk.state && desk.state.round;
  if (!r || r.results !== "hidden" || r.state !== "open") return;
  act(null, "reveal", { round_id: r.id, revealed: !r.is_revealed }, $("round-error"));
}

/** @type {HTMLElement|null} where the focus was before the overlay opened */
let beforeHelp = null;

/** @param {boolean} [open] */
function toggleHelp(open) {
  const box = $("help-overlay");
  const wanted = open === undefined ? box.hidden : open;
  if (wanted === !box.hidden) return;
  box.hidden = !wanted;
  if (wanted) {
    beforeHelp = /** @type {HTMLElement|null} */ (document.activeElement);
    $("btn-help-close").focus();
  } else if (beforeHelp && beforeHelp.focus) {
    beforeHelp.focus();
  }
}

/** The room's three lists as tabs (arrow keys move between them). */
function bindTabs() {
  const tabs = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(".c-tabs [role=tab]")));
  /** @param {HTMLElement} chosen */
  const select = (chosen) => {
    for (const tab of tabs) {
      const on = tab === chosen;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      $(/** @type {string} */ (tab.getAttribute("aria-controls"))).hidden = !on;
    }
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (ev) => {
      const step = ev.key === "ArrowRight" ? 1 : ev.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      ev.preventDefault();
      const next = tabs[(i + step + tabs.length) % tabs.length];
      select(next);
      next.focus();
    });
  });
}

/** Whether the key press is typing (a field, a select, an editable area): shortcuts stay quiet. */
function typing(target) {
  const node = /** @type {HTMLElement|null} */ (target);
  if (!node || !node.tagName) return false;
  const tag = node.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT" || node.isContentEditable) return true;
  if (tag !== "INPUT") return false;
  const type = (/** @type {HTMLInputElement} */ (node)).type;
  return !["checkbox", "radio", "button", "submit", "reset"].includes(type);
}

/** @param {KeyboardEvent} ev */
function onKey(ev) {
  const help = !$("help-overlay").hidden;
  if (ev.key === "Escape") {
    if (help) { ev.preventDefault(); toggleHelp(false); return; }
    if (typing(ev.target)) { /** @type {HTMLElement} */ (ev.target).blur(); ev.preventDefault(); }
    return;
  }
  if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && /** @type {HTMLElement} */ (ev.target).closest
      && /** @type {HTMLElement} */ (ev.target).closest("#decision-form")) {
    ev.preventDefault();
    submitDecision();
    return;
  }
  if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing || typing(ev.target)) return;
  const key = ev.key;
  if (key === "?") { ev.preventDefault(); toggleHelp(); return; }
  if (help) return;
  if (!desk.steer) return;
  /** @type {Record<string, () => void>} */
  const actions = {
    n: () => { takeStep(); }, N: () => { takeStep(); },
    "1": () => chooseOutcome("agreed"), "2": () => chooseOutcome("rejected"), "3": () => chooseOutcome("deferred"),
    v: toggleReveal, V: toggleReveal, q: toggleJoinScreen, Q: toggleJoinScreen,
    "+": () => nudgeTimer(STEP_SECONDS), "=": () => nudgeTimer(STEP_SECONDS), "-": () => nudgeTimer(-STEP_SECONDS),
    p: togglePause, P: togglePause,
  };
  const run = actions[key];
  if (!run) return;
  ev.preventDefault();
  run();
}

/** Bind the step button, the shortcuts, the overlay, the join-screen button and the tabs; tick the clocks. */
export function bindRunOfShow() {
  bindTabs();
  document.addEventListener("keydown", onKey);
  $("btn-help").addEventListener("click", () => toggleHelp(true));
  $("btn-help-close").addEventListener("click", () => toggleHelp(false));
  $("help-overlay").addEventListener("click", (ev) => { if (ev.target === ev.currentTarget) toggleHelp(false); });
  window.setInterval(renderClocks, 15000);
  if (!desk.steer) return;
  $("btn-next").addEventListener("click", () => { takeStep(); });
  $("btn-qr").addEventListener("click", toggleJoinScreen);
}

/** The agenda's plan line and budget for an item (or null). @param {number} id */
export function agendaPlan(id) {
  const plan = planOf(id);
  if (!plan) return null;
  const rs = show();
  return el("p", { class: "agenda-plan", dataset: { next: String(!!rs && rs.next_item_id === id) } },
    rs && rs.next_item_id === id ? el("strong", null, t("next_tag") + " · ") : null,
    planLine(plan) + (plan.minutes !== null ? " · " + t("plan_minutes", { n: num(plan.minutes) }) : ""));
}
