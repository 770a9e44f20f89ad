// @ts-check
/* Results on every screen, written once: `LiveResults` keeps the results of the round on
 * screen from `state` and `tally` events (the one tally handler), `resultParts` renders them
 * for any method, `outcomeBox` shows a closed round's outcome and why. */
import { parseTime } from "./clock.js";
import { lang } from "./config.js";
import { codeTag, el } from "./dom.js";
import { decisionText, label, t, tr } from "./i18n.js";
import { approveOverall, approveSectors } from "./results/approve.js";
import { matrixOverall, matrixSectors } from "./results/matrix.js";
import { rankedOverall, rankedSectors, rankedTable } from "./results/ranked.js";
import { scoreOverall, scoreSectors } from "./results/score.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Round} Round */
/** @typedef {import("./types.js").Results} Results */
/** @typedef {import("./types.js").Outcome} Outcome */
/** @typedef {import("./types.js").TallyEvent} TallyEvent */
/** @typedef {import("./types.js").Decision} Decision */
/** @typedef {import("./types.js").Item} Item */

/** The results of the round on screen, as the `state` and `tally` events bring them. */
export class LiveResults {
  constructor() {
    /** @type {Results|null} */
    this.current = null;
    /** True while the round's results are hidden from this screen (projector). */
    this.hidden = false;
    /** The round and tally version on screen: a tally older than it is dropped (two server
     * processes may deliver tallies out of order). */
    this.seen = { round_id: 0, version: -1 };
  }

  /**
   * Whether a tally of `roundId` at `version` is older than the one on screen; if not, it is now
   * the one on screen. Events without a version (an older server) are always taken.
   * @param {number} roundId
   * @param {number|undefined} version
   */
  stale(roundId, version) {
    if (typeof version !== "number") return false;
    if (this.seen.round_id === roundId && version < this.seen.version) return true;
    this.seen = { round_id: roundId, version };
    return false;
  }

  /**
   * Take the results a `state` carries (none while they are hidden from this audience).
   * @param {State} s
   */
  fromState(s) {
    this.current = s.results && s.round ? { round_id: s.round.id, tally: s.results.tally, outcome: s.results.outcome } : null;
    this.hidden = !!(s.round && !s.round.results_visible);
    if (s.round && s.results && typeof s.results.version === "number") this.seen = { round_id: s.round.id, version: s.results.version };
  }

  /**
   * Take a `tally` event about the round of `state` (it updates `state.turnout` too).
   * @param {State|null} state
   * @param {TallyEvent} data
   * @returns {boolean} false when the event is about another round, or older than the tally on
   *   screen (nothing changed)
   */
  onTally(state, data) {
    if (!state || !state.round || !data || data.round_id !== state.round.id) return false;
    if (this.stale(data.round_id, data.version)) return false;
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

const ICONS = { agreed: "✓", rejected: "✗", merged: "→" };

/**
 * A closed round's computed result, worded as what it is: the rules' sentence ("No alcanza el umbral: 40 %
 * de apoyo (umbral 60 %)…") under "Result of the vote" — not a verdict of the table. `decided`:
 * the table has decided, so this box steps back (smaller, muted) under the decision.
 * @param {Outcome|null|undefined} outcome
 * @param {{decided?: boolean}} [opts]
 * @returns {HTMLElement|null}
 */
export function outcomeBox(outcome, opts = {}) {
  if (!outcome || !outcome.result) return null;
  const result = outcome.result;
  const explanation = outcome.explanation || {};
  const why = typeof explanation === "string" ? explanation : explanation[lang] || explanation.es || explanation.en;
  return el("div", { class: "outcome outcome-" + result + (opts.decided ? " outcome-secondary" : ""), dataset: { result } },
    el("p", { class: "outcome-kicker" }, t("vote_result")),
    el("p", { class: "outcome-result" }, el("span", { class: "outcome-icon", "aria-hidden": "true" }, ICONS[result] || "…"),
      el("span", { class: "outcome-why" }, why || label("outcomes", result))));
}

/**
 * The table's decision as the room sees it — "Decision of the table: Agreed", the reason, and
 * whether it differs from the vote. It comes before any computed result: the screen never
 * contradicts the chair. `item`: name the item (a vote on several items is on screen).
 * @param {Decision|null|undefined} decision
 * @param {Item|null} [item]
 * @returns {HTMLElement|null}
 */
export function decisionBox(decision, item) {
  if (!decision || !decision.outcome) return null;
  const outcome = decision.outcome;
  return el("div", { class: "decision decision-" + outcome,
    dataset: { decision: outcome, override: String(!!decision.is_override) } },
  el("p", { class: "decision-kicker" }, t("table_decision"),
    item ? el("span", { class: "decision-item" }, " · ", codeTag(item), " ", tr(item, "title")) : null),
  el("p", { class: "decision-result" }, el("span", { class: "decision-icon", "aria-hidden": "true" }, ICONS[outcome] || "…"),
    el("span", { class: "decision-label" }, decisionText(decision))),
  decision.reason ? el("p", { class: "decision-reason" }, t("decision_reason", { reason: decision.reason })) : null,
  decision.is_override ? el("p", { class: "decision-note" }, t("decision_override_note")) : null);
}

/**
 * The decision to show with `state`: the table's latest on the item under discussion — except
 * while a vote opened after it is under way (then the room is deciding again).
 * @param {import("./types.js").State|null} s
 * @returns {Decision|null}
 */
export function shownDecision(s) {
  const d = s && s.decision;
  if (!d || !d.outcome) return null;
  if (s.item && d.item_id && d.item_id !== s.item.id) return null;
  const r = s.round;
  if (r && r.state === "open" && r.opened_at && d.at && parseTime(d.at) < parseTime(r.opened_at)) return null;
  return d;
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
 * @param {{compact?: boolean, plot?: boolean, decided?: boolean}} [opts] compact: the phone's layout; plot: false
 *   leaves out the matrix plot; decided: the table has decided (the computed result steps back)
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
    outcome: outcomeBox(res.outcome, { decided: !!opts.decided }),
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
