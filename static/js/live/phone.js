// @ts-check
/* The phone (entry module of /j/<code>): join, vote, see the results, comment and propose — on
 * a cheap phone and a weak network. Joining is in phone/join.js, the vote kept until acked in
 * phone/ballot.js, the controls of each method in phone/controls.js, comments and proposals in
 * phone/talk.js, what survives a reload in phone/store.js. */
import { countdown, msUntil, syncClock } from "./clock.js";
import { byId as $, clear, el, replace, sectorTag } from "./dom.js";
import { label, num, t, tr, votesText } from "./i18n.js";
import { LiveResults, decisionBox, isMulti, resultParts, shownDecision } from "./results.js";
import { connect, errorText } from "./socket.js";
import { Ballot } from "./phone/ballot.js";
import { describeVote, voteControls } from "./phone/controls.js";
import { initJoin, notice, rejoin, setBoot, showJoin, showOnly, whoAmI } from "./phone/join.js";
import { hasPass, joinWithPass, keepPass } from "./phone/pass.js";
import { KEYS, load, remove, save } from "./phone/store.js";
import { commentsFromState, initTalk, onComment, onCommentRemoved, renderCommentForm, renderComments } from "./phone/talk.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./socket.js").Socket} Socket */

const DESC_CLAMP = 140;
const HINTS = { approve: "hint_approve", score: "hint_score", impact_feasibility: "hint_if", dots: "hint_dots",
  ranking: "hint_ranking" };

/** @type {Socket|null} */
let socket = null;
/** @type {State|null} the latest `state` */
let state = null;
/** @type {import("./types.js").Person|null} */
let me = null;
const results = new LiveResults();
const ballot = new Ballot(() => socket, renderVote, renderVoteStatus);
/** Re-renders the vote card when the countdown reaches zero (the closed round's state may come later). */
let deadlineTimer = 0;
/** Asks again, while this phone waits to be admitted, whether the facilitator has admitted it. */
let admissionTimer = 0;
const ADMISSION_POLL = 5000;

/** Drop the token and the vote not yet sent: the phone must join again. */
function forget() {
  remove(KEYS.token);
  ballot.dropPending();
}

/* ---- Live ------------------------------------------------------------------------------- */

/** @param {import("./phone/join.js").Joined} joined */
function start(joined) {
  save(KEYS.token, joined.participant_token);
  keepPass(/** @type {any} */ (joined));
  remove(KEYS.removed);
  showOnly("live-view");
  document.body.classList.add("joined");
  $("item-title-text").textContent = t("connecting_title");
  if (socket) socket.close();
  socket = connect({ token: joined.participant_token, session_id: joined.session_id }, {
    onConnect: () => ballot.flush(),
    onStatus: () => { renderVoteStatus(); renderCommentForm(); },
    onRefused: (why) => {
      socket.close();
      socket = null;
      if (why.code === "unauthorized") {
        forget();
        showJoin(t("join_again"));
      } else if (why.code === "participant_removed") {
        showRemoved();
      } else if (why.code === "signed_out") {
        forget();
        showJoin(t("signed_out"));
      } else if (why.code === "storage_unavailable") {
        setBoot(errorText(why));  // the server cannot read its database right now: try again shortly
        setTimeout(() => { if (!socket) start(joined); }, 3000);
      } else {
        setBoot(errorText(why));
      }
    },
  });
  socket.on("state", onState);
  socket.on("tally", (data) => { if (results.onTally(state, data)) renderResults(); });
  socket.on("comment", onComment);
  socket.on("comment_removed", onCommentRemoved);
  socket.on("removed", onRemoved);
  socket.on("signed_out", onSignedOut);
}

/**
 * The person continued on another phone with their personal code: this phone stops taking part.
 * @param {{participant_id: number}} data
 */
function onSignedOut(data) {
  if (me && data && data.participant_id && data.participant_id !== me.participant_id) return;
  if (socket) { socket.close(); socket = null; }
  forget();
  document.body.classList.remove("joined");
  state = null;
  me = null;
  showJoin(t("signed_out"));
}

/**
 * The facilitator removed this phone's participant (or merged it into another): stop voting, say so.
 * @param {{participant_id: number}} data
 */
function onRemoved(data) {
  if (me && data && data.participant_id && data.participant_id !== me.participant_id) return;
  showRemoved();
}

function showRemoved() {
  if (socket) { socket.close(); socket = null; }
  forget();
  save(KEYS.removed, "1");
  clearTimeout(admissionTimer);
  admissionTimer = 0;
  clearTimeout(deadlineTimer);
  document.body.classList.remove("joined");
  state = null;
  me = null;
  ballot.counted = null;
  showOnly("removed-view");
  const heading = $("removed-heading");
  heading.setAttribute("tabindex", "-1");
  heading.focus();
}

/** While the facilitator has not admitted this phone, ask again now and then (a rejoin with the
 * token: the same participant, no join limit). A fresh `state` with `me` says it too. */
function watchAdmission() {
  if (admissionTimer || !me || me.admitted !== false) return; // already asking, or nothing to ask
  admissionTimer = window.setTimeout(async () => {
    const token = load(KEYS.token);
    const answer = token && me ? await whoAmI(token) : null;
    admissionTimer = 0;
    if (answer && answer.ok && answer.data && answer.data.admitted && me) {
      me.admitted = true;
      render();
    } else watchAdmission();
  }, ADMISSION_POLL);
}

/** @param {State} s */
function onState(s) {
  syncClock(s.server_time);
  const oldRound = state && state.round ? state.round.id : null;
  state = s;
  const has = (key) => Object.prototype.hasOwnProperty.call(s, key);
  if (has("me") && s.me) me = s.me;
  watchAdmission();
  ballot.fromState(s, (s.round ? s.round.id : null) !== oldRound);
  results.fromState(s);
  commentsFromState(s, me);
  render();
}

function render() {
  renderSession();
  renderItem();
  renderDecision();
  renderVote();
  renderResults();
  renderComments();
  renderCommentForm();
  renderMe();
}

const isLive = () => !!(state && state.session && state.session.status === "live");
/** The round on screen: the server sends only the open one, or the closed one of the current item. */
const round = () => (state ? state.round : null);
/** The countdown of the open round reached zero: no more votes, even before the closed round arrives. */
const isTimeUp = () => { const r = round(); return !!(r && r.state === "open" && r.timer_ends_at && msUntil(r.timer_ends_at) <= 0); };
/** The facilitator has not admitted this phone yet. */
const isWaiting = () => !!(me && me.admitted === false);
const isOpen = () => { const r = round(); return !!(r && r.state === "open" && isLive() && !isTimeUp() && !isWaiting()); };

function renderSession() {
  const s = state.session;
  $("session-title").textContent = s.title;
  const note = $("session-note");
  if (s.status === "closed") notice(note, t("session_ended"), "");
  else if (s.status !== "live") notice(note, t("session_paused"), "wait");
  else notice(note, "", "");
  $("propose").hidden = !isLive();
}

function renderItem() {
  const item = state.item;
  const r = round();
  const card = $("item-card");
  const kind = $("item-kind"), title = $("item-title-text"), desc = $("item-desc"), more = $("item-more");
  const code = $("item-code");
  // a vote on several items shows them all in the vote card: the "current" one would mislead
  card.hidden = !!(r && isMulti(r.method));
  if (!item) {
    const closed = state.session.status === "closed";
    kind.textContent = "";
    code.hidden = true;
    title.textContent = closed ? t("thanks_title") : t("no_item_title");
    desc.textContent = closed ? "" : t("no_item_text");
    desc.hidden = !desc.textContent;
    desc.classList.remove("clamped");
    more.hidden = true;
    return;
  }
  const changed = card.getAttribute("data-item-id") !== String(item.id);
  card.setAttribute("data-item-id", String(item.id));
  kind.textContent = label("kinds", item.kind);
  code.textContent = item.code || "";
  code.hidden = !item.code;
  title.textContent = tr(item, "title");
  desc.textContent = tr(item, "description");
  desc.hidden = !desc.textContent;
  const long = desc.textContent.length > DESC_CLAMP;
  more.hidden = !long;
  if (changed || !long) {
    desc.classList.toggle("clamped", long);
    more.setAttribute("aria-expanded", "false");
    more.textContent = t("read_more");
  }
}

function toggleDescription() {
  const desc = $("item-desc"), more = $("item-more");
  const open = more.getAttribute("aria-expanded") === "true";
  desc.classList.toggle("clamped", open);
  more.setAttribute("aria-expanded", String(!open));
  more.textContent = open ? t("read_more") : t("read_less");
}

/* ---- Voting ----------------------------------------------------------------------------- */

/** @param {any} value */
function sendVote(value) {
  const r = round();
  if (!r || !isOpen()) return;
  ballot.send(r, value);
}

function renderVote() {
  const r = round();
  const card = $("vote-card");
  const open = isOpen();
  const timeUp = isTimeUp();
  const waiting = isWaiting();
  $("live-view").setAttribute("data-phase", !r ? "none" : open || (waiting && r.state === "open" && !timeUp) ? "open" : "closed");
  renderAdmission();
  clearTimeout(deadlineTimer);
  if (!r) { card.hidden = true; countdown($("countdown"), null); return; }
  card.hidden = false;
  card.setAttribute("data-method", r.method);
  card.setAttribute("data-round-state", r.state);
  card.setAttribute("data-round-id", String(r.id));
  card.setAttribute("data-votable", String(open));
  if (r.state === "open" && r.timer_ends_at && !timeUp) {
    // at zero the buttons go, even if the closed round's state is still on its way
    deadlineTimer = window.setTimeout(renderVote, Math.max(0, msUntil(r.timer_ends_at)) + 50);
  }
  $("vote-title").textContent = open || waiting && r.state === "open" && !timeUp
    ? (isMulti(r.method) ? label("methods", r.method) : t("vote_now"))
    : timeUp ? t("times_up") : t("voting_closed");
  let hint = t(HINTS[r.method] || "hint_approve", { dots: num(r.dots || 0) });
  // the phone promises anonymity only when the round gives it
  hint += " " + (r.anonymous ? t("anonymous_note") : t("named_note"));
  $("vote-hint").textContent = open ? hint : "";
  countdown($("countdown"), r.state === "open" ? r.timer_ends_at : null);
  replace($("vote-controls"), waiting && r.state === "open" ? null : voteControls(r, {
    open, current: ballot.shown(r), draft: (initial) => ballot.draftFor(r, initial), send: sendVote, refresh: renderVote,
  }));
  renderVoteStatus();
}

function renderVoteStatus() {
  const box = $("vote-status");
  const r = round();
  if (!box || !r) return;
  const { state: name, text } = ballot.status(r, {
    connected: !!(socket && socket.connected), open: isOpen(), described: describeVote(r, ballot.shown(r)),
    timeUp: isTimeUp(), waiting: isWaiting(),
  });
  box.setAttribute("data-state", name);
  if (box.textContent !== text) box.textContent = text;
}

/** While the facilitator has not admitted this phone: say so (no vote is offered meanwhile). */
function renderAdmission() {
  const waiting = isWaiting() && isLive();
  notice($("admission-note"), waiting ? t("waiting_admission") : "", "wait");
}

/* ---- The table's decision --------------------------------------------------------------- */

/** Once the table decides, the phone shows it before any computed result. */
function renderDecision() {
  const box = $("decision-box");
  const d = shownDecision(state);
  const r = round();
  const multi = !!(r && isMulti(r.method));
  // a live region: rebuilt (and read out) only when the decision itself changes
  const key = d ? [d.id, d.outcome, d.reason, multi].join("|") : "";
  box.hidden = !d;
  if (box.getAttribute("data-shown") === key) return;
  box.setAttribute("data-shown", key);
  replace(box, d ? decisionBox(d, multi ? state.item : null) : null);
}

/* ---- Results ---------------------------------------------------------------------------- */

function renderResults() {
  const card = $("results-card");
  const r = round();
  const box = $("results");
  if (!r) { card.hidden = true; return; }
  const res = results.of(r);
  if (!res) {
    card.hidden = r.state === "open" && r.results === "live";
    replace(box, el("p", { class: "muted" }, r.results_visible ? t("results_loading") : t("results_hidden_phone")));
    return;
  }
  card.hidden = false;
  const parts = resultParts(r, res, { compact: true, decided: !!shownDecision(state) });
  replace(box,
    parts.outcome,
    el("p", { class: "small muted res-total" }, votesText(parts.total)),
    parts.overall,
    el("h3", { class: "res-sub" }, t("by_sector")),
    parts.sectors);
}

/* ---- Me --------------------------------------------------------------------------------- */

function renderMe() {
  const box = $("me");
  const code = $("my-code");
  if (!me) { clear(box); code.hidden = true; return; }
  replace(box, t("you_are", { name: me.name, organisation: me.organisation }), " ", sectorTag(me.sector, "small"));
  code.hidden = !me.personal_code;
  // discreet, at the foot: the code that lets this person continue on another phone
  if (me.personal_code) {
    const [before, after] = t("personal_code_note", { code: "\u0000" }).split("\u0000");
    replace(code, before, el("strong", { class: "code-value", translate: "no" }, me.personal_code), after || "");
  }
}

/** "Not you?": close the connection, forget this phone's participant and show the join form. */
function leave() {
  if (socket) { socket.close(); socket = null; }
  clearTimeout(admissionTimer);
  admissionTimer = 0;
  forget();
  document.body.classList.remove("joined");
  state = null;
  me = null;
  ballot.counted = null;
  showJoin();
  const name = $("join-name");
  if (name) name.focus();
}

/* ---- Boot ------------------------------------------------------------------------------- */

initJoin(start, forget);
initTalk(() => socket);
$("leave").addEventListener("click", leave);
$("item-more").addEventListener("click", toggleDescription);
$("removed-join").addEventListener("click", () => {
  remove(KEYS.removed);
  showJoin();
  $("join-name").focus();
});
const token = load(KEYS.token);
if (token) { setBoot(t("connecting")); rejoin(token); } else if (load(KEYS.removed)) showOnly("removed-view");
else if (hasPass()) { setBoot(t("connecting")); joinWithPass(start, () => showJoin(), () => !!load(KEYS.token)); }
else showJoin();
