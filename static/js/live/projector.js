// @ts-check
/* The projector (entry module of /sessions/<id>/projector): the join code, the item under
 * discussion, turnout, live results and the comment wall — readable from the back of the room.
 * It only listens; it never sends. */
import { countdown, syncClock } from "./clock.js";
import { commentsAbout, commentsById } from "./comments.js";
import { cfg } from "./config.js";
import { byId as $, clear, el, replace, sectorTag } from "./dom.js";
import { label, num, t, tr, votesText } from "./i18n.js";
import { LiveResults, decisionBox, isMulti, resultParts, shownDecision } from "./results.js";
import { connect, errorText } from "./socket.js";

/** @typedef {import("./types.js").State} State */
/** @typedef {import("./types.js").Comment} Comment */

const WALL_SIZE = 6;
const BIG_WALL_SIZE = 8;

/** @type {State|null} */
let state = null;
/** @type {Record<number, Comment>} */
let comments = {};
const results = new LiveResults();

function start() {
  const key = new URLSearchParams(window.location.search).get("key") || "";
  const socket = connect({ projector_key: key, session_id: cfg.session.id }, {
    onRefused: (why) => {
      $("pj-item-title-text").textContent = why.code === "unauthorized" ? t("projector_refused") : errorText(why);
      setTimeout(() => socket.connect(), 10000);
    },
  });
  socket.on("state", onState);
  socket.on("tally", (data) => {
    if (!results.onTally(state, data)) return;
    renderTurnout();
    renderResults();
  });
  socket.on("turnout", (figures) => { if (state) { state.turnout = figures; renderTurnout(); } });
  socket.on("comment", (c) => { if (c && c.id) { comments[c.id] = c; renderWall(); } });
  socket.on("comment_removed", (data) => {
    if (data && comments[data.id]) { delete comments[data.id]; renderWall(); }
  });
}

/** @param {State} s */
function onState(s) {
  syncClock(s.server_time);
  state = s;
  results.fromState(s);
  comments = commentsById(s.comments);
  renderHead();
  renderRoundBar();
  renderTurnout();
  renderDecision();
  renderResults();
  renderWall();
}

function renderHead() {
  const s = state.session;
  $("pj-session").textContent = s.title;
  $("pj-code").textContent = s.join_code;
  $("pj-invited").hidden = !s.invited_only;
  const ended = $("pj-ended");
  ended.hidden = s.status !== "closed";
  ended.textContent = t("session_closed_chip");
  const item = state.item;
  const r = state.round;
  const kind = $("pj-item-kind"), title = $("pj-item-title-text"), desc = $("pj-item-desc");
  const code = $("pj-item-code");
  code.hidden = true;
  $("pj-main").setAttribute("data-has-round", r ? "true" : "false");
  if (r && isMulti(r.method)) {
    kind.textContent = t("n_items", { n: num(r.items.length) });
    title.textContent = r.method === "dots" ? t("pj_dots_title", { dots: num(r.dots || 0) }) : t("pj_ranking_title");
    desc.textContent = "";
  } else if (item) {
    kind.textContent = label("kinds", item.kind);
    code.textContent = item.code || "";
    code.hidden = !item.code;
    title.textContent = tr(item, "title");
    desc.textContent = tr(item, "description");
  } else {
    kind.textContent = "";
    title.textContent = s.status === "closed" ? t("session_ended") : s.status === "live" ? t("welcome_title")
      : t("starting_soon");
    desc.textContent = s.status === "live" ? t("welcome_text") : "";
  }
  desc.hidden = !desc.textContent || !!r;
  $("pj-item-title").classList.toggle("long", title.textContent.length > 90);
}

function renderRoundBar() {
  const r = state.round;
  const bar = $("pj-roundbar");
  bar.hidden = !r;
  if (!r) { countdown($("pj-countdown"), null); return; }
  bar.setAttribute("data-round-state", r.state);
  $("pj-method").textContent = label("methods", r.method);
  const roundState = $("pj-round-state");
  roundState.textContent = r.state === "open" ? t("voting_open") : t("voting_closed");
  roundState.className = "pj-round-state " + (r.state === "open" ? "is-open" : "is-closed");
  countdown($("pj-countdown"), r.state === "open" ? r.timer_ends_at : null);
}

function renderTurnout() {
  const figures = (state && state.turnout) || { joined: 0, voted: 0 };
  const box = $("pj-turnout");
  box.setAttribute("data-joined", String(figures.joined));
  box.setAttribute("data-voted", String(figures.voted));
  $("pj-joined").textContent = num(figures.joined);
  $("pj-voted").textContent = state && state.round ? num(figures.voted) : "—";
  $("pj-hidden-sub").textContent = t("turnout_line", { voted: num(figures.voted), joined: num(figures.joined) });
}

/** The table's decision on the item under discussion: once the table decides, it comes first
 * and the computed result steps back under it — the screen never contradicts the chair. */
function renderDecision() {
  const box = $("pj-decision");
  const d = shownDecision(state);
  const r = state.round;
  box.hidden = !d;
  replace(box, d ? decisionBox(d, r && isMulti(r.method) ? state.item : null) : null);
  $("pj-main").setAttribute("data-decided", d ? "true" : "false");
}

/** The results area: waiting (no round; the comment wall during discussion), hidden, or the results. */
function renderResults() {
  const r = state.round;
  const waiting = $("pj-waiting"), hiddenBox = $("pj-hidden"), grid = $("pj-res-grid"), outcome = $("pj-outcome");
  const section = $("pj-results");
  section.setAttribute("data-view", "none");
  const discussing = !r && state.session.status === "live" && !!state.item;
  /** @type {HTMLElement} */ ($("pj-main").parentNode).setAttribute("data-mode", discussing ? "discussion" : "vote");
  if (!r) {
    waiting.hidden = false;
    hiddenBox.hidden = true; grid.hidden = true; clear(outcome);
    section.setAttribute("data-view", "waiting");
    renderWall();
    return;
  }
  waiting.hidden = true;
  const res = results.of(r);
  if (results.hidden || !res) {
    hiddenBox.hidden = false; grid.hidden = true; clear(outcome);
    section.setAttribute("data-view", "hidden");
    return;
  }
  hiddenBox.hidden = true;
  grid.hidden = false;
  section.setAttribute("data-view", "results");
  section.setAttribute("data-method", r.method);
  const parts = resultParts(r, res, { compact: false, decided: !!shownDecision(state) });
  replace(outcome, parts.outcome);
  $("pj-total").textContent = "· " + votesText(parts.total);
  replace($("pj-overall"), parts.overall);
  replace($("pj-sectors"), parts.sectors);
  grid.setAttribute("data-columns", parts.sectors ? "2" : "1");
  $("pj-sectors-box").hidden = !parts.sectors;
}

/** @param {Comment} c */
function commentNode(c) {
  return el("li", { class: "pj-comment" + (c.is_pinned ? " pinned" : ""), dataset: { commentId: c.id } },
    el("p", { class: "pj-comment-body" }, c.body),
    el("p", { class: "pj-comment-meta" },
      c.is_pinned ? el("span", { class: "pj-pin" }, "★ " + t("pinned")) : null,
      el("span", { class: "pj-votes" }, "▲ " + num(c.upvotes || 0)),
      el("span", { class: "pj-author" }, c.author || t("anonymous")),
      sectorTag(c.sector)));
}

/** The comment wall: in the side column during a vote, across the main area during discussion. */
function renderWall() {
  if (!state) return;
  const list = commentsAbout(comments, state.item ? state.item.id : null);
  const side = list.slice(0, WALL_SIZE);
  $("pj-comments-empty").hidden = side.length > 0;
  replace($("pj-comments"), side.map(commentNode));
  fit($("pj-comments"));
  const waiting = $("pj-waiting");
  if (waiting.hidden) return;
  const status = state.session.status;
  const big = status === "live" && state.item ? list.slice(0, BIG_WALL_SIZE) : [];
  replace(waiting,
    big.length ? el("h2", { class: "pj-section-title" }, t("comments_title")) : null,
    big.length ? el("ul", { class: "pj-bigwall", id: "pj-bigwall" }, big.map(commentNode))
      : el("p", { class: "pj-waiting-text" }, status === "live" ? t("discussion_in_progress")
        : status === "closed" ? t("thanks_title") : t("starting_soon")));
  waiting.classList.toggle("has-wall", big.length > 0);
  if (big.length) fit($("pj-bigwall"));
}

/**
 * Hide the comments that would be cut off at the bottom of their list.
 * @param {HTMLElement|null} list
 */
function fit(list) {
  if (!list) return;
  const items = /** @type {HTMLElement[]} */ (Array.from(list.children));
  for (const li of items) li.hidden = false;
  const limit = list.getBoundingClientRect().bottom + 1;
  for (const li of items) if (li.getBoundingClientRect().bottom > limit) li.hidden = true;
}

/** The QR SVG is served without its xmlns, which an <img> refuses to draw: add it and retry.
 * (An SVG shown through <img> never runs scripts.) Harmless once the server sends xmlns. */
function repairQr() {
  const img = /** @type {HTMLImageElement|null} */ (document.querySelector(".pj-qr"));
  if (!img) return;
  const fix = async () => {
    if (img.getAttribute("data-repaired")) return;
    img.setAttribute("data-repaired", "1");
    try {
      const r = await fetch(img.src, { credentials: "same-origin" });
      let text = r.ok ? await r.text() : "";
      if (!text || !text.includes("<svg")) return;
      if (!/<svg[^>]*\sxmlns=/.test(text)) text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
      img.src = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
    } catch (e) { /* keep the code and the address, which are on screen anyway */ }
  };
  if (img.complete && img.naturalWidth === 0) fix();
  img.addEventListener("error", fix);
}

window.addEventListener("resize", () => { fit($("pj-comments")); fit($("pj-bigwall")); });
repairQr();
start();
