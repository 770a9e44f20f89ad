// @ts-check
/* The phone (loaded by the entry module static/js/live/phone.js while the person types): join, vote,
 * see the results, comment and propose — on a cheap phone and a weak network. Joining is in
 * phone/join.js, the connection in phone/link.js, the vote kept until acked in
 * phone/ballot.js, the controls of each method in phone/controls.js, comments and proposals in
 * phone/talk.js, what survives a reload in phone/store.js. */
import { countdown, msUntil, syncClock } from "../clock.js";
import { byId as $, clear, el, replace, sectorTag } from "../dom.js";
import { label, num, pen, plural, t, tr, votesText } from "../i18n.js";
import { LiveResults, decisionBox, isMulti, resultParts, shownDecision } from "../results.js";
import { cfg } from "../config.js";
import { errorText } from "../socket.js";
import { Ballot } from "./ballot.js";
import { describeVote, voteControls } from "./controls.js";
import { notice, setBoot, showJoin, showOnly, whoAmI } from "./join.js";
import { closeLink, link, openLink } from "./link.js";
import { hasPass, joinWithPass, keepPass } from "./pass.js";
import { KEYS, load, remove, save } from "./store.js";
import { commentsFromState, initTalk, onComment, onCommentRemoved, renderCommentForm, renderComments } from "./talk.js";

/** @typedef {import("../types.js").State} State */
/** @typedef {import("../socket.js").Socket} Socket */

const DESC_CLAMP = 140;
const HINTS = { approve: "hint_approve", score: "hint_score", impact_feasibility: "hint_if", dots: "hint_dots",
  ranking: "hint_ranking" };

/** @type {Socket|null} */
let socket = null;
/** @type {State|null} the latest `state` */
let state = null;
/** @type {import("../types.js").Person|null} */
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

/** The connection (opened once; the entry module may have opened it while the person typed). */
function ensureSocket() {
  if (socket && socket === link.socket) return socket;
  socket = openLink();
  Object.assign(link.handlers, {
    onConnect: () => { if (load(KEYS.token)) ballot.flush(); },
    onStatus: () => { renderVoteStatus(); renderCommentForm(); renderStale(); },
    onRefused: (why) => {
      if (why.code === "unauthorized" || why.code === "signed_out") {
        forget();
        showJoinForm(t(why.code === "signed_out" ? "signed_out" : "join_again"));
        setTimeout(() => { if (socket && !socket.connected) socket.connect(); }, 100);  // as the join form's
      } else if (why.code === "participant_removed") {
        showRemoved();
      } else if (why.code === "storage_unavailable") {
        if (load(KEYS.token)) setBoot(errorText(why));  // the server cannot read its database right now
        setTimeout(() => { if (socket && !socket.connected) socket.connect(); }, 3000);
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
  return socket;
}

/** Drop the connection (removed, signed out): a new one opens with the join form. */
function dropSocket() {
  closeLink();
  socket = null;
}

/** The join form, with its connection opening. @param {string} [message] */
function showJoinForm(message) {
  showJoin(message);
  ensureSocket();
}

/** @param {import("./join.js").Joined} joined */
export function start(joined) {
  const had = load(KEYS.token);
  save(KEYS.token, joined.participant_token);
  keepPass(/** @type {any} */ (joined));  // the programme's pass: the next session joins without the form
  remove(KEYS.removed);
  showOnly("live-view");
  document.body.classList.add("joined");
  if (joined.state) { ensureSocket(); onState(joined.state); return; }  // joined over the socket: it is this participant's now
  $("item-title-text").textContent = t("connecting_title");
  if (socket && (socket.connected || had !== joined.participant_token)) { socket.disconnect(); socket.connect(); }
  else ensureSocket();
}

/**
 * The person continued on another phone with their personal code: this phone stops taking part.
 * @param {{participant_id: number}} data
 */
function onSignedOut(data) {
  if (me && data && data.participant_id && data.participant_id !== me.participant_id) return;
  dropSocket();
  forget();
  document.body.classList.remove("joined");
  state = null;
  me = null;
  showJoinForm(t("signed_out"));
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
  dropSocket();
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
  renderAgenda();
  renderProposals();
  renderMe();
  renderStale();
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
    renderFields(null);
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
  renderFields(item);
  const long = desc.textContent.length > DESC_CLAMP;
  more.hidden = !long;
  if (changed || !long) {
    desc.classList.toggle("clamped", long);
    more.setAttribute("aria-expanded", "false");
    more.textContent = t("read_more");
  }
}

/**
 * The item's roadmap fields (lead institution, partners, indicator, budget in soles, horizon): the
 * room prioritises budget lines seeing the budget. Empty fields are left out.
 * @param {Record<string, any>|null} item
 */
function renderFields(item) {
  const box = $("item-fields");
  const rows = !item ? [] : [
    ["field_lead", item.lead_institution],
    ["field_partners", item.partners],
    ["field_indicator", tr(item, "indicator")],
    ["field_budget", item.budget_pen == null ? "" : pen(item.budget_pen)],
    ["field_horizon", item.horizon ? label("horizons", item.horizon) : ""],
  ].filter(([, value]) => value);
  box.hidden = rows.length === 0;
  replace(box, rows.map(([key, value]) => el("div", { class: "p-field", dataset: { field: key } },
    el("dt", null, t(key)), el("dd", null, value))));
}

/* ---- Agenda and what became of my proposals ---------------------------------------------- */

/** The session's agenda: the item under discussion marked, the table's decisions shown. */
function renderAgenda() {
  const list = (state && state.agenda) || [];
  const box = $("agenda");
  box.hidden = list.length === 0;
  const current = state && state.item ? state.item.id : null;
  $("agenda-title").textContent = t("agenda") + " · " + plural("items_n", list.length);
  replace($("agenda-list"), list.map((item) => el("li", {
    class: "agenda-item" + (item.id === current ? " current" : ""), dataset: { itemId: item.id },
    "aria-current": item.id === current ? "true" : null,
  },
  el("span", { class: "agenda-title" },
    item.code ? el("span", { class: "item-code" }, item.code) : null, " ", tr(item, "title")),
  item.id === current ? el("span", { class: "badge now" }, t("agenda_current")) : null,
  item.outcome ? el("span", { class: "badge outcome " + item.outcome }, label("outcomes", item.outcome)) : null,
  item.budget_pen != null ? el("span", { class: "small muted agenda-budget" }, pen(item.budget_pen)) : null)));
}

/** My proposals and what the facilitators did with each. */
function renderProposals() {
  const mine = (state && state.my_proposals) || [];
  $("my-proposals").hidden = mine.length === 0;
  replace($("my-proposals-list"), mine.map((p) => el("li", { class: "my-proposal", dataset: { proposalId: p.id, state: p.state } },
    el("strong", null, p.title), " ",
    el("span", { class: "badge proposal " + p.state }, t("proposal_" + p.state)))));
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
  // a second (or later) round on the same items says so: the earlier vote does not carry over
  const again = (r.attempt || 1) > 1;
  card.classList.toggle("revote", again);
  notice($("revote-note"), again && r.state === "open" ? t("revote_note", { n: num(r.attempt) }) : "", "revote");
  if (again) $("vote-title").prepend(el("span", { class: "badge revote" }, t("revote_badge")), " ");
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

/* ---- Offline ---------------------------------------------------------------------------- */

/** While the connection is down the phone shows the last results it had: say they may be stale. */
function renderStale() {
  const stale = !!state && !(socket && socket.connected);
  $("live-view").classList.toggle("stale", stale);
  notice($("stale-note"), stale ? t("results_may_be_stale") : "", "wait");
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
  dropSocket();
  clearTimeout(admissionTimer);
  admissionTimer = 0;
  forget();
  document.body.classList.remove("joined");
  state = null;
  me = null;
  ballot.counted = null;
  showJoinForm();
  const name = $("join-name");
  if (name) name.focus();
}

/* ---- Boot ------------------------------------------------------------------------------- */

/** Called by the entry module once this module has loaded (the join form may be in use already). */
export function boot() {
  initTalk(() => socket);
  $("leave").addEventListener("click", leave);
  $("item-more").addEventListener("click", toggleDescription);
  $("removed-join").addEventListener("click", () => {
    remove(KEYS.removed);
    showJoinForm();
    $("join-name").focus();
  });
  if (document.body.classList.contains("joined")) return;  // joined before this module had loaded
  const token = load(KEYS.token);
  // With a token kept from an earlier visit the socket connects as that participant (its `state`
  // follows); else the join form stays and its connection is open already.
  if (token) start({ participant_token: token, session_id: cfg.session.id });
  else if (load(KEYS.removed)) showOnly("removed-view");
  else if (hasPass()) { setBoot(t("connecting")); joinWithPass(start, () => showJoinForm(), () => !!load(KEYS.token)); }
  else showJoinForm();
}
