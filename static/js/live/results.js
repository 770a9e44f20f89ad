// @ts-check
/* Results on every screen, written once: `LiveResults` keeps the results of the round on
 * screen from `state` and `tally` events (the one tally handler), `resultParts` renders them
 * for any method, `outcomeBox` shows a closed round's outcome and why. */
import { lang } from "./config.js";
import { el } from "./dom.js";
import { label } from "./i18n.js";
import { approveOverall, approveSectors } from "./results/approve.js";
import { matrixOverall, matrixSectors } from "./results/matrix.js";
import { rankedOverall, rankedSectors, rankedTable } from "./results/ranked.js";
import { scoreOverall, scoreSectors } from "./results/score.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Round} Round */
/** @typedef {import("./types.js").Results} Results */
/** @typedef {import("./types.js").Outcome} Outcome */
/** @typedef {import("./types.js").TallyEvent} TallyEvent */

/** The results of the round on screen, as the `state` and `tally` events bring them. */
export class LiveResults {
  constructor() {
    /** @type {Results|null} */
    this.current = null;
    /** True while the round's results are hidden from this screen (projector). */
    this.hidden = false;
  }

  /**
   * Take the results a `state` carries (none while they are hidden from this audience).
   * @param {State} s
   */
  fromState(s) {
    this.current = s.results && s.round ? { round_id: s.round.id, tally: s.results.tally, outcome: s.results.outcome } : null;
    this.hidden = !!(s.round && !s.round.results_visible);
  }

  /**
   * Take a `tally` event about the round of `state` (it updates `state.turnout` too).
   * @param {State|null} state
   * @param {TallyEvent} data
   * @returns {boolean} false when the event is about another round (nothing changed)
   */
  onTally(state, data) {
    if (!state || !state.round || !data || data.round_id !== state.round.id) return false;
    if (data.turnout) state.turnout = data.turnout;
    if (data.hidden) this.hidden = true;
    else if (data.tally) {
      this.hidden = false;
      this.current = { round_id: data.round_id, tally: data.tally, outcome: data.outcome || (this.current && this.current.outcome) };
    }
    return true;
  }

  /**
   * The results of `round`, or null while there are none for it.
   * @param {Round|null} round
   * @returns {Results|null}
   */
  of(round) {
    return round && this.current && this.current.round_id === round.id ? this.current : null;
  }
}

/**
 * A closed round's outcome and why, in the page's language (null without one).
 * @param {Outcome|null|undefined} outcome
 * @returns {HTMLElement|null}
 */
export function outcomeBox(outcome) {
  if (!outcome || !outcome.result) return null;
  const result = outcome.result;
  const icon = result === "agreed" ? "✓" : result === "rejected" ? "✗" : "…";
  const explanation = outcome.explanation || {};
  const why = typeof explanation === "string" ? explanation : explanation[lang] || explanation.es || explanation.en;
  return el("div", { class: "outcome outcome-" + result, dataset: { result } },
    el("p", { class: "outcome-result" }, el("span", { class: "outcome-icon", "aria-hidden": "true" }, icon),
      el("span", { class: "outcome-label" }, label("outcomes", result))),
    why ? el("p", { class: "outcome-why" }, why) : null);
}

/**
 * @typedef {object} ResultParts
 * @property {HTMLElement|null} overall   every participant's figures
 * @property {HTMLElement|null} sectors   the figures per sector (null: in `overall`'s table)
 * @property {HTMLElement|null} outcome   see outcomeBox
 * @property {number} total               the number of votes
 */

/**
 * The results of a round as DOM, for the screen to lay out.
 * @param {Round} round
 * @param {Results} res
 * @param {{compact?: boolean, plot?: boolean}} [opts] compact: the phone's layout; plot: false leaves out the matrix plot
 * @returns {ResultParts}
 */
export function resultParts(round, res, opts = {}) {
  const tally = res && res.tally;
  if (!round || !tally) return { overall: null, sectors: null, outcome: null, total: 0 };
  const method = round.method;
  let overall, sectors;
  if (method === "approve") { overall = approveOverall(tally, round); sectors = approveSectors(tally); }
  else if (method === "score") { overall = scoreOverall(tally, round); sectors = scoreSectors(tally); }
  else if (method === "impact_feasibility") { overall = matrixOverall(tally, round, opts); sectors = matrixSectors(tally); }
  else if (opts.compact) { overall = rankedOverall(method, tally, round, res.outcome); sectors = rankedSectors(method, tally, round); }
  else { overall = rankedTable(method, tally, round, res.outcome); sectors = null; }
  return {
    overall,
    sectors: sectors ? el("div", { class: "res-sectors res-sectors-" + method, dataset: { method } }, sectors) : null,
    outcome: outcomeBox(res.outcome),
    total: tally.total || 0,
  };
}

/**
 * A vote on several items (dots, ranking), shown as a list of items rather than one item.
 * @param {string} method
 */
export function isMulti(method) {
  return method === "dots" || method === "ranking";
}
