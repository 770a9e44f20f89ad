// @ts-check
/* The facilitator console (entry module of /sessions/<id>/console): the session, the agenda, the
 * item on screen, the round with its live results and controls. The open-a-round form is in
 * console/round-form.js, decisions in console/decision.js, people, proposals and comments in
 * console/lists.js; console/desk.js holds what they share. */
import { countdown, syncClock } from "./clock.js";
import { commentsById } from "./comments.js";
import { cfg } from "./config.js";
import { byId as $, codeTag, el, replace } from "./dom.js";
import { codeTitle, decisionText, label, num, pct, plural, t, timeText, tr, votesText } from "./i18n.js";
import { LiveResults, decisionBox, resultParts, shownDecision } from "./results.js";
import { connect } from "./socket.js";
import { chooseDecision, bindDecisionForm, renderDecision } from "./console/decision.js";
import { act, desk, focusHeading, showError } from "./console/desk.js";
import { applyParticipant, bindPeople, renderComments, renderParticipants, renderProposals } from "./console/lists.js";
import { bindProjectorView } from "./console/projector-view.js";
import { bindRoundForm, prepareRound, renderRisk, renderRoundItems } from "./console/round-form.js";
import { agendaPlan, bindRunOfShow, renderClocks, renderPause, renderProjectorMode, renderStep } from "./console/runshow.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Comment} Comment */

const results = new LiveResults();
/** @type {Record<number, Comment>} */
let comments = {};
/** Agenda items whose decision history is unfolded (kept across re-renders). */
const openHistories = new Set();

/* The console's token is short-lived (it may only open this socket): the page's serves the first
 * connection, and every later one asks for a fresh token with the login cookie first. */
let token = cfg.staff_token || "";
let connections = 0;
let retried = false;

/** @returns {Promise<void>} a fresh token in `token` (kept as it was when the fetch fails) */
function refreshToken() {
  return fetch("/api/v1/auth/live-token", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => { if (data && data.token) token = data.token; }, () => {});
}

/** socket.io's auth callback: asked before every (re)connection. @param {(data: object) => void} cb */
function auth(cb) {
  const send = () => cb({ token, session_id: cfg.session.id });
  if (connections++ === 0) send();
  else refreshToken().then(send);
}

function start() {
  const socket = connect(auth, {
    onConnect: () => { retried = false; },
    onRefused: (why) => {
      if (why.code === "unauthorized" && !retried) { retried = true; socket.connect(); return; }
      if (why.code === "storage_unavailable") setTimeout(() => socket.connect(), 3000);  // a database blip: try again
      showError($("session-error"), why.code === "unauthorized" ? { code: "login_expired", message: t("err_login_expired") } : why);
    },
  });
  socket.on("access_revoked", () => {
    showError($("session-error"), { code: "login_expired", message: t("err_login_expired") });
  });
  desk.socket = socket;
  bindProjectorView();
  socket.on("state", onState);
  socket.on("tally", (data) => {
    if (!results.onTally(desk.state, data)) return;
    renderTurnout();
    renderRoundResults();
  });
  /** Apply a smaller event to the state, then re-render what shows it. */
  const update = (apply, ...renders) => (data) => {
    if (!desk.state) return;
    apply(desk.state, data);
    for (const render of renders) render();
  };
  socket.on("turnout", update((s, figures) => { s.turnout = figures; }, renderTurnout));
  socket.on("participant", update(applyParticipant, renderParticipants, renderRisk));
  socket.on("presence", update((s, change) => {
    for (const p of s.participants || []) if (p.id === change.participant_id) p.online = !!change.online;
  }, renderParticipants, renderTurnout));
  socket.on("proposals", update((s, list) => { s.proposals = list || []; }, renderProposals));
  socket.on("agenda", update((s, agenda) => { s.agenda = agenda || []; }, renderAgenda, renderRoundItems, renderDecision));
  socket.on("run_of_show", update((s, plan) => { s.run_of_show = plan; }, renderAgenda, renderStep, renderClocks));
  socket.on("comment", (c) => { if (c && c.id) { comments[c.id] = c; renderComments(comments); } });
  socket.on("comment_removed", (data) => {
    // staff get the hidden comment as a `comment` with is_hidden; keep it listed
    if (data && comments[data.id]) { comments[data.id].is_hidden = true; renderComments(comments); }
  });
}

/** @param {State} s */
function onState(s) {
  syncClock(s.server_time);
  desk.state = s;
  results.fromState(s);
  comments = commentsById(s.comments);
  renderSession();
  renderTurnout();
  renderAgenda();
  renderCurrent();
  renderRound();
  renderRoundItems();
  renderDecision();
  renderParticipants();
  renderProposals();
  renderComments(comments);
  renderStep();
  renderClocks();
  renderProjectorMode();
  renderPause();
}

/* ---- Session ---------------------------------------------------------------------------- */

function renderSession() {
  const s = desk.state.session;
  $("c-title").textContent = s.title;
  const badge = $("c-status");
  badge.textContent = label("session_statuses", s.status);
  badge.className = "badge " + s.status;
  badge.setAttribute("data-status", s.status);
  $("c-invited").hidden = !s.invited_only;
  if (!desk.steer) return;
  $("btn-start").hidden = !(s.status === "draft" || s.status === "scheduled");
  $("btn-end").hidden = s.status !== "live";
  if (s.status !== "live") closeEndConfirm();
  const live = s.status === "live";
  $("btn-open-round", HTMLButtonElement).disabled = !live;
  $("open-round-note").hidden = live || s.status === "closed";
  $("open-round-card").setAttribute("data-live", String(live));
}

function renderTurnout() {
  const state = desk.state;
  const figures = state.turnout || { joined: 0, voted: 0 };
  const box = $("c-turnout");
  // Votes against the people connected now: someone who left does not count as "not voted yet".
  const people = state.participants || [];
  const online = people.filter((p) => p.online).length;
  const line = state.participants ? votesText(figures.voted) + " · " + t("online_line", { online: num(online), joined: num(figures.joined) })
    : plural("voted_of_joined", figures.voted, { joined: num(figures.joined) });
  box.setAttribute("data-joined", String(figures.joined));
  box.setAttribute("data-voted", String(figures.voted));
  box.textContent = state.round ? line : plural("joined_n", figures.joined);
  const info = $("round-turnout");
  if (info) info.textContent = line;
}

function closeEndConfirm() {
  const box = $("end-confirm");
  if (box) box.hidden = true;
  const end = $("btn-end");
  if (end) end.setAttribute("aria-expanded", "false");
}

/* ---- Agenda and the item on screen ------------------------------------------------------ */

function renderAgenda() {
  const state = desk.state;
  const list = state.agenda || [];
  const currentId = state.item ? state.item.id : null;
  $("agenda-empty").hidden = list.length > 0;
  replace($("agenda-list"), list.map((item) => {
    const current = item.id === currentId;
    const title = codeTitle(item);
    const history = item.decisions || [];
    /** @param {string} key @param {string} action @param {string} text @param {Record<string, any>} attrs */
    const button = (key, action, text, attrs) => el("button", { type: "button", class: "btn small secondary",
      "data-key": key + "-" + item.id, dataset: { action, itemId: item.id }, "aria-label": text + ": " + title, ...attrs }, text);
    const next = !!(state.run_of_show && state.run_of_show.next_item_id === item.id);
    return el("li", { class: "agenda-item" + (current ? " is-current" : "") + (next ? " is-next" : ""), dataset: { itemId: item.id },
      "aria-current": current ? "true" : null },
    el("div", { class: "agenda-title" },
      current ? el("span", { class: "now-tag" }, t("now")) : null,
      codeTag(item), " ", el("span", null, tr(item, "title"))),
    agendaPlan(item.id),
    el("div", { class: "agenda-meta" },
      el("span", { class: "badge kind" }, label("kinds", item.kind)),
      el("span", { class: "badge " + item.status, dataset: { status: item.status } }, label("item_statuses", item.status)),
      item.computed_outcome ? el("span", { class: "agenda-computed", dataset: { computed: item.computed_outcome } },
        t("vote_gave", { outcome: label("outcomes", item.computed_outcome) })) : null,
      item.decision ? el("span", { class: "agenda-decision", dataset: { decision: item.decision.outcome } },
        t("decided_as", { outcome: decisionText(item.decision) })) : null),
    history.length ? el("details", { class: "agenda-history", open: openHistories.has(item.id), dataset: { itemId: item.id },
      ontoggle: (ev) => { if (ev.currentTarget.open) openHistories.add(item.id); else openHistories.delete(item.id); } },
    el("summary", null, t("decisions_n", { n: num(history.length) })),
    el("ol", { class: "history-list" }, history.map((d) => el("li", { dataset: { decisionId: d.id, outcome: d.outcome } },
      d.at ? el("span", { class: "history-when" }, timeText(d.at)) : null, " ",
      el("strong", null, decisionText(d)),
      d.computed ? el("span", { class: "muted" }, " · " + t("history_computed", { outcome: label("outcomes", d.computed) })) : null,
      d.reason ? el("span", { class: "history-reason" }, " — " + t("decision_reason", { reason: d.reason })) : null)))) : null,
    desk.steer ? el("div", { class: "agenda-actions" },
      button("set", "set-item", t("discuss_now"), { "aria-pressed": String(current), disabled: current || state.session.status !== "live",
        onclick: (ev) => act(ev.currentTarget, "set_item", { item_id: item.id }, $("agenda-error")) }),
      // a merged item is not voted on again (the server refuses it too); its decision can still change
      item.status === "merged" ? null : button("vote", "prepare-round", t("prepare_vote"), { onclick: () => prepareRound([item.id]) }),
      button("decide", "decide", t("decide"), { onclick: () => chooseDecision(item.id) })) : null);
  }));
}

function renderCurrent() {
  const state = desk.state;
  const item = state.item;
  const box = $("current-item");
  if (desk.steer) $("btn-clear-item").hidden = !item || state.session.status !== "live";
  if (!item) {
    replace(box, el("p", { class: "muted" }, t("no_current_item")));
    return;
  }
  const description = tr(item, "description");
  replace(box,
    el("p", { class: "c-kind" }, el("span", { class: "badge kind" }, label("kinds", item.kind))),
    el("h3", { class: "c-item-title", dataset: { itemId: item.id } }, codeTag(item), " ", tr(item, "title")),
    description ? el("p", { class: "c-item-desc", tabindex: 0 }, description) : null);  // it may scroll: reachable by keyboard
}

/* ---- Round ------------------------------------------------------------------------------ */

function renderRound() {
  const state = desk.state;
  const r = state.round;
  const card = $("round-card");
  countdown($("round-countdown"), r && r.state === "open" ? r.timer_ends_at : null);
  if (!r) {
    card.removeAttribute("data-round-id");
    replace($("round-info"), el("p", { class: "muted" }, t("no_round_yet")));
    if (desk.steer) $("round-actions").hidden = true;
    renderRoundResults();
    return;
  }
  card.setAttribute("data-round-id", String(r.id));
  card.setAttribute("data-round-state", r.state);
  const resultsText = r.results === "live" ? t("results_live")
    : r.is_revealed ? t("results_revealed") : t("results_hidden_short");
  const settings = [t("quorum_is", { n: num(r.quorum) }), t("threshold_is", { threshold: pct(r.threshold) }),
    t("cross_sector_is", { value: r.cross_sector ? t("yes") : t("no") }), r.anonymous ? t("anonymous") : t("named_votes"),
    resultsText];
  if (r.method === "dots") settings.push(t("dots_budget_is", { n: num(r.dots) }));
  replace($("round-info"),
    el("p", { class: "round-line" },
      el("span", { class: "badge " + (r.state === "open" ? "live" : "closed"), dataset: { roundState: r.state } },
        r.state === "open" ? t("voting_open") : t("voting_closed")),
      " ", el("strong", null, label("methods", r.method)),
      " ", el("span", { class: "round-ordinal" }, t(r.items.length > 1 ? "round_ordinal_many" : "round_ordinal_one", { n: num(r.attempt || 1) }))),
    el("ul", { class: "round-items" }, r.items.map((item) => el("li", { dataset: { itemId: item.id } },
      codeTag(item), " ", tr(item, "title")))),
    el("p", { class: "round-settings small" }, settings.join(" · ")),
    el("p", { class: "round-turnout", id: "round-turnout" }));
  renderTurnout();
  if (desk.steer) {
    const open = r.state === "open" && state.session.status === "live";
    const hiddenResults = r.results === "hidden" && r.state === "open";
    $("round-actions").hidden = false;
    $("btn-close-round").hidden = r.state !== "open";
    $("btn-reveal").hidden = !(hiddenResults && !r.is_revealed);
    $("btn-hide-results").hidden = !(hiddenResults && r.is_revealed);
    $("btn-reopen").hidden = r.state !== "closed" || state.session.status !== "live";
    $("timer-controls").hidden = !open;
    $("btn-timer-stop").hidden = !r.timer_ends_at;
  }
  renderRoundResults();
}

function renderRoundResults() {
  const box = $("round-results");
  const r = desk.state && desk.state.round;
  const res = results.of(r);
  const decided = shownDecision(desk.state);
  const decision = decided ? decisionBox(decided, null) : null;
  if (!res) {
    replace(box, decision, r ? el("p", { class: "muted" }, t("results_loading")) : null);
    return;
  }
  const parts = resultParts(r, res, { compact: false, decided: !!decided });
  replace(box,
    decision,
    parts.outcome,
    el("h3", { class: "res-sub" }, t("all_participants"), " ", el("span", { class: "muted small" }, "· " + votesText(parts.total))),
    parts.overall,
    parts.sectors ? el("h3", { class: "res-sub" }, t("by_sector")) : null,
    parts.sectors);
}

const roundId = () => (desk.state && desk.state.round ? desk.state.round.id : null);

/** The round's buttons, the timer, the session's start and end (steering users only). */
function bindRoundActions() {
  const err = $("round-error");
  /** @param {string} id @param {(ev: Event) => void} handler */
  const onClick = (id, handler) => $(id).addEventListener("click", handler);
  onClick("btn-close-round", async (ev) => {
    const res = await act(ev.currentTarget, "close_round", { round_id: roundId() }, err);
    // The button disappears with the open round: keep keyboard users in the round card.
    if (res.ok) focusHeading("round-title");
  });
  onClick("btn-reveal", (ev) => act(ev.currentTarget, "reveal", { round_id: roundId(), revealed: true }, err));
  onClick("btn-hide-results", (ev) => act(ev.currentTarget, "reveal", { round_id: roundId(), revealed: false }, err));
  onClick("btn-timer-start", (ev) => {
    const field = $("timer-seconds", HTMLInputElement);
    const seconds = parseInt(field.value, 10);
    if (!(seconds >= 5 && seconds <= 3600)) {
      showError(err, { code: "bad_seconds", message: t("err_seconds") });
      field.focus();
      return;
    }
    act(ev.currentTarget, "timer", { round_id: roundId(), seconds }, err);
  });
  onClick("btn-timer-stop", (ev) => act(ev.currentTarget, "timer", { round_id: roundId(), seconds: 0 }, err));
  onClick("btn-reopen", () => {
    const r = desk.state.round;
    if (r) prepareRound(r.items.map((i) => i.id), r);
  });
  onClick("btn-clear-item", (ev) => act(ev.currentTarget, "set_item", { item_id: null }, $("agenda-error")));
  onClick("btn-start", (ev) => act(ev.currentTarget, "start_session", {}, $("session-error")));
  onClick("btn-end", (ev) => {
    $("end-confirm").hidden = false;
    /** @type {HTMLElement} */ (ev.currentTarget).setAttribute("aria-expanded", "true");
    $("btn-end-confirm").focus();
  });
  onClick("btn-end-cancel", () => {
    closeEndConfirm();
    $("btn-end").focus();
  });
  onClick("btn-end-confirm", async (ev) => {
    const res = await act(ev.currentTarget, "end_session", {}, $("session-error"));
    if (res.ok) closeEndConfirm();
  });
}

/* ---- Boot ------------------------------------------------------------------------------- */

bindRunOfShow();
if (desk.steer) {
  bindRoundActions();
  bindRoundForm();
  bindDecisionForm();
  bindPeople();
}
start();
