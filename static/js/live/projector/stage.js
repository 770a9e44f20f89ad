// @ts-check
/* Which stage the projector shows, from the state alone (and whether the console asked for the
 * join screen): a pure function, so that every screen of the room agrees. */
import { parseTime } from "../clock.js";
import { shownDecision } from "../results.js";

/**
 * The projector's snapshot: the common state plus what state.py's `projector_extras` adds.
 * @typedef {import("../types.js").State & {
 *   decisions?: import("./boards.js").BoardDecision[],
 *   upcoming?: import("./boards.js").BriefItem[],
 *   agenda_total?: number,
 *   joined_by_sector?: Record<string, number>,
 * }} PState
 */

/**
 * join | discussion | voting | results | decision | between | closing
 * @param {PState} s
 * @param {boolean} joinForced the console asked for the join screen
 * @returns {string}
 */
export function boardOf(s, joinForced) {
  const status = s.session.status;
  if (status === "closed") return "closing";
  if (joinForced || status !== "live") return "join";
  const r = s.round;
  if (r && r.state === "open") return "voting";
  if (decisionNow(s)) return "decision";
  if (r) return "results";
  if (s.item) return "discussion";
  return (s.decisions && s.decisions.length) ? "between" : "join";
}

/**
 * The table's decision on the item on screen, when it is about what is on screen: not one taken
 * before the round on screen was opened (that round asks the room again).
 * @param {PState|null} s
 * @returns {import("../types.js").Decision|null}
 */
export function decisionNow(s) {
  const d = shownDecision(s);
  const r = s && s.round;
  if (d && r && r.opened_at && d.at && parseTime(d.at) < parseTime(r.opened_at)) return null;
  return d;
}
