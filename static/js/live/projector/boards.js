// @ts-check
/* The projector's boards: the item card's facts, the join screen's count by sector, the board of
 * decisions between items and the closing summary. Words through the catalogue, counts through
 * the page's plural rules, soles and numbers through Intl. */
import { SECTORS } from "../config.js";
import { codeTag, el, sectorTag } from "../dom.js";
import { decisionText, label, num, pen, plural, t, tr } from "../i18n.js";

/**
 * An item with the fields the projector's card shows (state.py `item_view`).
 * @typedef {import("../types.js").Item & {lead_institution?: string, partners?: string, indicator?: string,
 *   indicator_en?: string, budget_pen?: number|null, budget_price_year?: number|null, horizon?: string|null,
 *   axis?: string, axis_en?: string}} CardItem
 */
/**
 * A line of the board of decisions (state.py `projector_extras`).
 * @typedef {{item_id: number, code?: string|null, kind: string, title: string, title_en?: string,
 *   outcome: string, reason?: string|null, at?: string|null, merged_into?: any}} BoardDecision
 */
/** @typedef {{id: number, code?: string|null, kind: string, title: string, title_en?: string}} BriefItem */

/**
 * The item card's facts: lead institution, partners, indicator, budget, horizon and axis — each
 * only when the item has it.
 * @param {CardItem} item
 * @returns {HTMLElement[]}
 */
export function itemFacts(item) {
  /** @type {[string, string, string][]} key, label, value */
  const facts = [];
  const add = (key, labelKey, value) => { if (value) facts.push([key, t(labelKey), value]); };
  add("lead", "pj_lead", item.lead_institution);
  add("partners", "pj_partners", item.partners);
  add("indicator", "pj_indicator", tr(item, "indicator"));
  if (item.budget_pen !== null && item.budget_pen !== undefined) {
    add("budget", "pj_budget", pen(item.budget_pen) +
      (item.budget_price_year ? " · " + t("pj_prices_of", { year: String(item.budget_price_year) }) : ""));
  }
  add("horizon", "pj_horizon", item.horizon ? label("horizons", item.horizon) : "");
  add("axis", "pj_axis", tr(item, "axis"));
  return facts.map(([key, name, value]) => el("div", { class: "pj-fact", dataset: { fact: key } },
    el("dt", null, name), el("dd", null, value)));
}

/**
 * The join screen's count: "12 people in the room" and a line per sector.
 * @param {number} joined
 * @param {Record<string, number>|null|undefined} bySector
 */
export function joinCount(joined, bySector) {
  return {
    total: joined ? plural("pj_in_room", joined) : t("pj_nobody_yet"),
    sectors: SECTORS.map((code) => el("li", { class: "pj-join-sector", dataset: { sector: code, n: (bySector && bySector[code]) || 0 } },
      sectorTag(code), el("span", { class: "pj-join-n" }, num((bySector && bySector[code]) || 0)))),
  };
}

const ICONS = { agreed: "✓", rejected: "✗", deferred: "…", merged: "→" };

/** @param {BoardDecision} d */
function decisionLine(d) {
  return el("li", { class: "pj-board-row decided-" + d.outcome, dataset: { itemId: d.item_id, outcome: d.outcome } },
    el("span", { class: "pj-board-icon decision-icon", "aria-hidden": "true" }, ICONS[d.outcome] || "…"),
    el("span", { class: "pj-board-title" }, codeTag(d), " ", tr(d, "title")),
    el("span", { class: "pj-board-outcome" }, decisionText(d, { short: true })),
    d.reason ? el("span", { class: "pj-board-reason" }, d.reason) : null);
}

/** @param {BriefItem} item @param {number} index */
function upcomingLine(item, index) {
  return el("li", { class: "pj-next-row" + (index === 0 ? " is-next" : ""), dataset: { itemId: item.id } },
    el("span", { class: "pj-next-kind" }, label("kinds", item.kind)),
    el("span", { class: "pj-next-title" }, codeTag(item), " ", tr(item, "title")));
}

/**
 * Counts by outcome: "3 items agreed · 1 item rejected".
 * @param {BoardDecision[]} decisions
 */
function outcomeCounts(decisions) {
  return ["agreed", "rejected", "deferred", "merged"].map((outcome) => {
    const n = decisions.filter((d) => d.outcome === outcome).length;
    return n ? el("span", { class: "pj-count decided-" + outcome, dataset: { outcome, n } },
      el("span", { class: "pj-board-icon decision-icon", "aria-hidden": "true" }, ICONS[outcome]), plural("pj_" + outcome, n)) : null;
  });
}

/**
 * Between items: the decisions so far and what comes next.
 * @param {BoardDecision[]} decisions
 * @param {BriefItem[]} upcoming
 * @param {number} total agenda items
 */
export function betweenBoard(decisions, upcoming, total) {
  return el("div", { class: "pj-between" },
    el("section", { class: "pj-board-col pj-board-decisions" },
      el("h2", { class: "pj-board-h" }, t("pj_board_title"),
        total ? el("span", { class: "pj-board-progress" }, t("pj_decided_of", { n: num(decisions.length), total: num(total) })) : null),
      decisions.length ? el("ol", { class: "pj-board-list" }, decisions.map(decisionLine))
        : el("p", { class: "pj-board-empty" }, t("pj_board_empty"))),
    el("section", { class: "pj-board-col pj-board-next" },
      el("h2", { class: "pj-board-h" }, t("pj_next_title")),
      upcoming.length ? el("ol", { class: "pj-next-list" }, upcoming.map(upcomingLine))
        : el("p", { class: "pj-board-empty" }, t("pj_agenda_done"))));
}

/**
 * The session has ended: thanks, the counts, every decision.
 * @param {BoardDecision[]} decisions
 * @param {number} joined
 * @param {number} total
 */
export function closingBoard(decisions, joined, total) {
  return el("div", { class: "pj-closing" },
    el("p", { class: "pj-closing-figures" },
      joined ? el("span", { class: "pj-count" }, plural("pj_took_part", joined)) : null,
      total ? el("span", { class: "pj-count" }, t("pj_decided_of", { n: num(decisions.length), total: num(total) })) : null,
      outcomeCounts(decisions)),
    decisions.length ? el("ol", { class: "pj-board-list pj-closing-list" }, decisions.map(decisionLine)) : null);
}
