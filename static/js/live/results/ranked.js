// @ts-check
/* Results of a dots or ranking round (several items): on the phone a ranked list of bars and
 * each sector's top choice; on the projector and console one table, items × (all, each sector). */
import { SECTORS } from "../config.js";
import { el, sectorTag } from "../dom.js";
import { label, num, pct, plural, t, votesText } from "../i18n.js";
import { barRow, isWithheld, itemTitles, sectorFigures, width, withheldNode, withheldText } from "./parts.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */
/** @typedef {import("../types.js").Outcome} Outcome */

/**
 * Dots per item, or Borda points per item.
 * @param {string} method
 * @param {Tally} f
 * @returns {Record<string, number>}
 */
function figuresOf(method, f) {
  return (method === "dots" ? f.dots : f.borda) || {};
}

/** The round's item ids, the most dots or points first. @param {Round} round @param {Record<string, number>} figures */
function rankedIds(round, figures) {
  return Object.keys(itemTitles(round)).sort((a, b) => (figures[b] || 0) - (figures[a] || 0));
}

/** @param {Record<string, number>} figures @param {string[]} ids */
function maxOf(figures, ids) {
  return Math.max(0, ...ids.map((id) => figures[id] || 0));
}

/** "12 people" (dots) or "60 % in top half" (ranking) for one item. @param {string} method @param {Tally} tally @param {string} id */
function subline(method, tally, id) {
  return method === "dots"
    ? plural("people_n", (tally.voters && tally.voters[id]) || 0)
    : t("top_half_short", { support: pct(tally.support && tally.support[id]) });
}

/**
 * Phone: the items as ranked bars, each with the verdict once the round is closed.
 * @param {string} method
 * @param {Tally} tally
 * @param {Round} round
 * @param {Outcome} [outcome]
 */
export function rankedOverall(method, tally, round, outcome) {
  const titles = itemTitles(round);
  const figures = figuresOf(method, tally);
  const ids = rankedIds(round, figures);
  const max = maxOf(figures, ids);
  const verdicts = (outcome && outcome.items) || {};
  return el("div", { class: "res-overall res-multi" },
    el("ol", { class: "bars ranked" }, ids.map((id, index) => {
      const value = figures[id] || 0;
      const main = method === "dots" ? plural("dots_n", value) : plural("points_n", value);
      const verdict = verdicts[id];
      const labelNode = [el("span", { class: "rank-no" }, num(index + 1) + "."), " ", el("span", { class: "rank-title" }, titles[id],
        verdict ? [" ", el("span", { class: "badge " + verdict }, (verdict === "agreed" ? "✓ " : "") + label("outcomes", verdict))] : null)];
      return el("li", { dataset: { itemId: id } },
        barRow(id, labelNode, max ? value / max : 0, [main, el("span", { class: "bar-sub" }, " · " + subline(method, tally, id))],
          "multi-row"));
    })));
}

/**
 * Phone: each sector's top choice.
 * @param {string} method
 * @param {Tally} tally
 * @param {Round} round
 */
export function rankedSectors(method, tally, round) {
  const titles = itemTitles(round);
  const ids = rankedIds(round, figuresOf(method, tally));
  return SECTORS.map((code) => {
    if (isWithheld(tally, code)) {
      return el("div", { class: "sector-row sector-row-top is-withheld", dataset: { sector: code, withheld: "true" } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        el("div", { class: "sector-row-value" }, withheldNode(tally)));
    }
    const f = sectorFigures(tally, code);
    const figures = figuresOf(method, f);
    let best = null;
    for (const id of ids) if (best === null || (figures[id] || 0) > (figures[best] || 0)) best = id;
    return el("div", { class: "sector-row sector-row-top", dataset: { sector: code } },
      el("div", { class: "sector-row-name" }, sectorTag(code)),
      el("div", { class: "sector-row-value" }, f.total && best !== null
        ? [el("span", { class: "muted-text" }, t("top_choice") + " "), el("strong", null, titles[best]), " ",
          el("span", { class: "muted-text" }, votesText(f.total))]
        : el("span", { class: "muted-text" }, t("no_votes_yet"))));
  });
}

/** @param {string} verdict */
function verdictMark(verdict) {
  const text = label("outcomes", verdict);
  return el("span", { class: "verdict-mark " + verdict, title: text },
    el("span", { "aria-hidden": "true" }, verdict === "agreed" ? "✓" : verdict === "rejected" ? "✗" : "…"),
    el("span", { class: "visually-hidden" }, " " + text));
}

/**
 * Projector and console: one table, items × (all, each sector).
 * @param {string} method
 * @param {Tally} tally
 * @param {Round} round
 * @param {Outcome} [outcome]
 */
export function rankedTable(method, tally, round, outcome) {
  const titles = itemTitles(round);
  const overall = figuresOf(method, tally);
  const ids = rankedIds(round, overall);
  const verdicts = (outcome && outcome.items) || {};
  const maxAll = maxOf(overall, ids);
  /** @type {Record<string, Record<string, number>>} */
  const bySector = {};
  for (const code of SECTORS) bySector[code] = figuresOf(method, sectorFigures(tally, code));
  /** @param {number} value @param {number} max @param {string} fillClass */
  const cell = (value, max, fillClass) => [el("span", { class: "cell-value" }, num(value)),
    el("span", { class: "cell-track", "aria-hidden": "true" },
      el("span", { class: "cell-fill " + fillClass, style: { width: width(max ? value / max : 0) } }))];
  return el("div", { class: "res-overall res-table-wrap", dataset: { method } }, el("table", { class: "res-table" },
    el("caption", { class: "visually-hidden" }, method === "dots" ? t("dots_by_sector") : t("points_by_sector")),
    el("thead", null, el("tr", null,
      el("th", { scope: "col", class: "col-rank" }, el("span", { class: "visually-hidden" }, t("position"))),
      el("th", { scope: "col", class: "col-item" }, t("item")),
      el("th", { scope: "col", class: "col-all" }, t("all_sectors"),
        el("span", { class: "th-votes" }, method === "dots" ? t("unit_dots") : t("unit_points"))),
      SECTORS.map((code) => el("th", { scope: "col", class: "col-sector", dataset: { sector: code } }, sectorTag(code),
        isWithheld(tally, code) ? withheldNode(tally, "span")
          : el("span", { class: "th-votes" }, votesText(sectorFigures(tally, code).total || 0)))))),
    el("tbody", null, ids.map((id, index) => {
      const verdict = verdicts[id];
      return el("tr", { dataset: { itemId: id, verdict: verdict || null } },
        el("td", { class: "col-rank" }, num(index + 1), verdict ? verdictMark(verdict) : null),
        el("th", { scope: "row", class: "col-item" }, el("span", { class: "item-clamp" }, titles[id])),
        el("td", { class: "col-all" }, cell(overall[id] || 0, maxAll, "all-fill"),
          el("span", { class: "cell-sub" }, subline(method, tally, id))),
        SECTORS.map((code) => el("td", { class: "col-sector", dataset: { sector: code } },
          isWithheld(tally, code) ? [el("span", { class: "muted-text", "aria-hidden": "true" }, "—"),
            el("span", { class: "visually-hidden" }, withheldText(tally))]
            : cell(bySector[code][id] || 0, maxOf(bySector[code], ids), "sector-fill " + code))));
    }))));
}
