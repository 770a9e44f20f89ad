// @ts-check
/* The phone's vote in the round on screen. Votes are never lost: each vote gets a fresh
 * client_vote_id, is kept in localStorage as pending, and is sent again with the same id after
 * every reconnect (and after a timeout) until the server acks it. Also the vote being composed
 * (impact × feasibility, dots, ranking) before it is sent. */
import { t } from "../i18n.js";
import { ack, errorText } from "../socket.js";
import { KEYS, loadJSON, randomId, remove, saveJSON } from "./store.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").State} State */
/** @typedef {import("../types.js").Vote} Vote */
/** @typedef {import("socket.io-client").Socket} Socket */
/** @typedef {{round_id: number, value: any}} Draft */

/** Refusals worth sending the same vote again for (same client_vote_id), with a growing pause
 * (storage_unavailable: the server could not store it just now — a full disk, a lost database). */
const RETRIED = ["busy", "server_error", "rate_limited", "bad_ack", "storage_unavailable"];
/** The pauses before each new try of a retried refusal (ms); after the last, the person is told. */
const BACKOFF = [1000, 2000, 4000, 8000, 16000];
/** Refusals whose message already says that the vote was not counted. */
const SAYS_NOT_COUNTED = ["round_closed", "time_up", "participant_removed", "not_admitted", "signed_out"];

/**
 * The sentence for a vote the server refused for good: plainly not counted, and why.
 * @param {import("../types.js").AckError|undefined} error
 * @param {boolean} gaveUp  a retried refusal that kept coming back
 */
function notCounted(error, gaveUp) {
  const why = errorText(error);
  if (gaveUp) return t("vote_not_counted", { why }) + " " + t("vote_try_again");
  return error && SAYS_NOT_COUNTED.includes(error.code) ? why : t("vote_not_counted", { why });
}

export class Ballot {
  /**
   * @param {() => Socket|null} socket   the phone's socket now (it changes on a new join)
   * @param {() => void} changed          re-render the vote card
   * @param {() => void} statusChanged    re-render only the vote's status line
   */
  constructor(socket, changed, statusChanged) {
    this.socket = socket;
    this.changed = changed;
    this.statusChanged = statusChanged;
    /** @type {Vote|null} not acked yet (kept in localStorage) */
    this.pending = loadJSON(KEYS.pending);
    /** @type {Vote|null} acked by the server */
    this.counted = null;
    /** Why the last vote was refused ("" when it was not). */
    this.error = "";
    /** @type {Draft|null} */
    this.draft = null;
    this.retryTimer = 0;
    /** Tries of the pending vote refused with a retried code (busy, server_error, rate_limited). */
    this.attempts = 0;
  }

  /**
   * Take what a `state` says about my vote. A state to the whole audience carries no `my_vote`:
   * then the counted vote is kept for the same round.
   * @param {State} s
   * @param {boolean} newRound the round on screen changed
   */
  fromState(s, newRound) {
    const roundId = s.round ? s.round.id : null;
    if (Object.prototype.hasOwnProperty.call(s, "my_vote")) this.counted = s.my_vote;
    else if (this.counted && this.counted.round_id !== roundId) this.counted = null;
    if (this.pending && this.counted && this.pending.client_vote_id === this.counted.client_vote_id) this.dropPending();
    if (newRound) { this.error = ""; this.draft = null; }
  }

  /** Forget the vote not sent yet (a new join, or leaving). */
  dropPending() {
    clearTimeout(this.retryTimer);
    this.pending = null;
    this.attempts = 0;
    remove(KEYS.pending);
  }

  /**
   * The value to show as mine in `round`: the pending one, else the counted one.
   * @param {Round|null} round
   */
  shown(round) {
    if (!round) return null;
    if (this.pending && this.pending.round_id === round.id) return this.pending.value;
    if (this.counted && this.counted.round_id === round.id) return this.counted.value;
    return null;
  }

  /**
   * The vote being composed in `round`, made with `initial()` the first time.
   * @param {Round} round
   * @param {() => any} initial
   * @returns {Draft}
   */
  draftFor(round, initial) {
    if (!this.draft || this.draft.round_id !== round.id) this.draft = { round_id: round.id, value: initial() };
    return this.draft;
  }

  /**
   * Vote `value` in `round` (it must be open): kept as pending, then sent.
   * @param {Round} round
   * @param {any} value
   */
  send(round, value) {
    this.error = "";
    this.attempts = 0;
    this.pending = { round_id: round.id, value, client_vote_id: randomId() };
    saveJSON(KEYS.pending, this.pending);
    this.changed();
    this.flush();
  }

  /** Send the pending vote (again, with the same id) if the socket is up. A vote is never
   * dropped silently: what can be retried is sent again (bounded), what cannot is said. */
  async flush() {
    clearTimeout(this.retryTimer);
    const socket = this.socket();
    if (!this.pending || !socket || !socket.connected) { this.statusChanged(); return; }
    const vote = this.pending;
    this.statusChanged();
    const res = await ack(socket, "vote", { round_id: vote.round_id, value: vote.value, client_vote_id: vote.client_vote_id }, 15000);
    if (!this.pending || this.pending.client_vote_id !== vote.client_vote_id) return; // a newer vote replaced it
    const code = res.error ? res.error.code : "";
    if (res.ok) {
      this.counted = { round_id: vote.round_id, value: vote.value, client_vote_id: vote.client_vote_id };
      this.dropPending();
      this.error = "";
    } else if (code === "timeout" || code === "offline") {
      this.retryTimer = window.setTimeout(() => this.flush(), 3000); // no answer: send it again, same id
    } else if (RETRIED.includes(code) && this.attempts < BACKOFF.length) {
      const pause = BACKOFF[this.attempts] * (0.8 + Math.random() * 0.4);
      this.attempts += 1;
      this.retryTimer = window.setTimeout(() => this.flush(), pause);
    } else {
      this.dropPending();
      this.error = notCounted(res.error, RETRIED.includes(code));
    }
    this.changed();
  }

  /**
   * The status line of my vote: data-state (none, pending, retrying, queued, error, closed,
   * counted, waiting) and text.
   * @param {Round} round
   * @param {{connected: boolean, open: boolean, described: string, timeUp?: boolean, waiting?: boolean}} now
   *   `described`: my vote in words; `timeUp`: the countdown reached zero; `waiting`: not admitted yet
   * @returns {{state: string, text: string}}
   */
  status(round, { connected, open, described, timeUp = false, waiting = false }) {
    const counted = !!(this.counted && this.counted.round_id === round.id);
    let state = "none", text = "";
    if (this.pending && this.pending.round_id === round.id) {
      const retrying = this.attempts > 0;
      state = !connected ? "queued" : retrying ? "retrying" : "pending";
      text = !connected ? t("vote_queued") : retrying ? t("vote_retrying") : t("vote_sending");
    } else if (this.error) {
      state = "error";
      text = this.error + (counted ? " " + t("previous_vote_stands") : "");
    } else if (round.state !== "open" || timeUp) {
      state = "closed";
      text = counted ? t("closed_counted") : timeUp ? t("vote_time_up") : t("voting_closed");
    } else if (waiting) {
      state = "waiting";
      text = t("waiting_admission_vote");
    } else if (counted) {
      state = "counted";
      text = t("vote_counted");
    } else if (open) {
      text = t("vote_not_yet");
    }
    if (described && state !== "none" && state !== "error" && state !== "waiting") {
      text = t("your_vote", { vote: described }) + " — " + text;
    }
    return { state, text };
  }
}
