// @ts-check
/* The projector's dots and ranking results: one row per item, ranked, every track the same length
 * (fixed columns for the rank, the title and the figure), each bar split by sector in the sectors'
 * colours. Up to 8 items one row each; more in two columns of two-line rows. */
import { SECTORS } from "../config.js";
import { codeTag, el, sectorTag } from "../dom.js";
import { label, num, pct, plural, t, tr } from "../i18n.js";
import { isWithheld, width } from "../results/parts.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */
/** @typedef {import("../types.js").Outcome} Outcome */

/** Up to this many items: one line per item; more: two columns. */
export const ONE_COLUMN_MAX = 8;

/** @param {string} method @param {Tally|undefined} f @returns {Record<string, number>} */
function figuresOf(method, f) {
  return (f && (method === "dots" ? f.dots : f.borda)) || {};
}

/**
 * The items of `round`, the most dots or points first (ties: agenda order).
 * @param {Round} round
 * @param {string} method
 * @param {Tally} tally
 */
export function rankedItems(round, method, tally) {
  const figures = figuresOf(method, tally);
  return round.items.map((item, index) => ({ item, index, value: figures[String(item.id)] || 0 }))
    .sort((a, b) => b.value - a.value || a.index - b.index);
}

/** @param {string} verdict */
function verdictMark(verdict) {
  const text = label("outcomes", verdict);
  return el("span", { class: "verdict-mark " + verdict, title: text },
    el("span", { "aria-hidden": "true" }, verdict === "agreed" ? "✓" : verdict === "rejected" ? "✗" : "…"),
    el("span", { class: "visually-hidden" }, " " + text));
}

/**
 * The ranked rows of a dots or ranking round.
 * @param {Round} round
 * @param {{tally: Tally, outcome?: Outcome}} res
 * @returns {HTMLElement}
 */
export function rankedBoard(round, res) {
  const method = round.method;
  const tally = res.tally || { total: 0 };
  const rows = rankedItems(round, method, tally);
  const max = Math.max(0, ...rows.map((r) => r.value));
  const verdicts = (res.outcome && res.outcome.items) || {};
  const layout = rows.length > ONE_COLUMN_MAX ? "two" : "one";
  const list = el("ol", { class: "pj-rank", dataset: { layout, method, count: rows.length } },
    rows.map((row, index) => {
      const id = String(row.item.id);
      const verdict = verdicts[id];
      /** @type {HTMLElement[]} */
      const segments = [];
      let shown = 0;
      for (const code of SECTORS) {
        if (isWithheld(tally, code)) continue;
        const value = figuresOf(method, tally.by_sector && tally.by_sector[code])[id] || 0;
        shown += value;
        if (value > 0) {
          segments.push(el("span", { class: "pj-seg sector-fill " + code, dataset: { fill: code },
            style: { width: width(max ? value / max : 0) } }));
        }
      }
      const rest = Math.max(0, row.value - shown); // withheld sectors' share: grey, unnamed
      if (rest > 0) {
        segments.push(el("span", { class: "pj-seg pj-seg-withheld", dataset: { fill: "withheld" },
          style: { width: width(max ? rest / max : 0) } }));
      }
      const sub = method === "dots"
        ? plural("pj_people", (tally.voters && tally.voters[id]) || 0)
        : t("top_half_short", { support: pct(tally.support && tally.support[id]) });
      return el("li", { class: "pj-rank-row", dataset: { itemId: id, row: id, verdict: verdict || null, rank: index + 1 } },
        el("span", { class: "pj-rank-no" }, num(index + 1)),
        el("span", { class: "pj-rank-title" }, codeTag(row.item), " ", el("span", { class: "pj-rank-text" }, tr(row.item, "title"))),
        el("span", { class: "pj-rank-track", "aria-hidden": "true" }, segments),
        el("span", { class: "pj-rank-value" },
          el("span", { class: "pj-rank-main" }, verdict ? [verdictMark(verdict), " "] : null,
            el("strong", null, method === "dots" ? t("dots_short", { dots: num(row.value) })
              : t("points_short", { points: num(row.value) }))),
          el("span", { class: "pj-rank-sub" }, sub)));
    }));
  const legend = el("p", { class: "pj-legend" }, SECTORS.map((code) =>
    el("span", { class: "pj-legend-item", dataset: { sector: code } }, sectorTag(code),
      isWithheld(tally, code) ? [" ", el("span", { class: "muted-text" }, "(" + t("withheld_pair") + ")")] : null)));
  return el("div", { class: "pj-ranked", dataset: { method } }, list, legend);
}
