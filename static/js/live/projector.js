// @ts-check
/* The projector (entry module of /sessions/<id>/projector): one stage for every moment of the
 * session, readable from the back of the room at 1920×1080 and 1280×720 —
 *   join        the QR code filling the height, the code, the room counted by sector (before the
 *               first item, and whenever the console asks for it: `projector_view` {join});
 *   discussion  the item card: code, kind, title, description, lead institution, partners,
 *               indicator, budget, horizon; the comment wall beside it;
 *   voting      turnout and timer, and the results as they come when they are live;
 *   results     the closed round's results and computed outcome;
 *   decision    the table's decision and its reason first, the vote's result under it;
 *   between     the decisions so far and what comes next;
 *   closing     the session has ended: thanks, the counts, every decision.
 * Results of any size fit (they shrink, then page); bars move from their last value. A dark theme
 * (`?theme=dark`, or the console's `projector_view` {theme}) is remembered on this screen. It only
 * listens; it never sends. It connects with the projector link's key, or — opened with a staff
 * login and no key — with a live-scope staff token as a projector view. */
import { countdown, syncClock } from "./clock.js";
import { commentsAbout, commentsById } from "./comments.js";
import { cfg } from "./config.js";
import { byId as $, clear, el, replace, sectorTag } from "./dom.js";
import { label, num, plural, t, tr, votesText } from "./i18n.js";
import { boardOf, decisionNow } from "./projector/stage.js";
import { betweenBoard, closingBoard, itemFacts, joinCount } from "./projector/boards.js";
import { animateFills, fitScale, measureFills, overflows } from "./projector/fit.js";
import { matrixBoard } from "./projector/matrix.js";
import { ONE_COLUMN_MAX, rankedBoard } from "./projector/ranked.js";
import { LiveResults, decisionBox, isMulti, resultParts } from "./results.js";
import { connect, errorText } from "./socket.js";

/** @typedef {import("./projector/stage.js").PState} PState */
/** @typedef {import("./projector/boards.js").CardItem} CardItem */
/** @typedef {import("./types.js").Comment} Comment */

const WALL_SIZE = 6;
/** Seconds each page of a long result stays up. */
const PAGE_SECONDS = 8;
/** A lost connection shows only after this long (a blip is no news for the room). */
const CONN_GRACE_MS = 6000;
const THEME_KEY = "mesa.projector.theme";

/** @type {PState|null} */
let state = null;
/** @type {Record<number, Comment>} */
let comments = {};
const results = new LiveResults();
/** The console asked for the join screen. */
let joinForced = false;
let page = 0;
/** Rows on a page of a ranking too long for one screen (set by fitResults). */
let rowsPerPage = 1;
/** @type {number|null} */
let pageTimer = null;
/** @type {number|null} */
let connTimer = null;

const root = () => $("pj");

/* ---- Connection ------------------------------------------------------------------------- */

const key = new URLSearchParams(window.location.search).get("key") || "";
let token = cfg.staff_token || "";
let connections = 0;

/** socket.io's auth: the link's key, or a staff token fetched again before each reconnection.
 * @param {(data: object) => void} cb */
function auth(cb) {
  if (key) { cb({ projector_key: key, session_id: cfg.session.id }); return; }
  const send = () => cb({ token, session_id: cfg.session.id, view: "projector" });
  if (connections++ === 0 && token) { send(); return; }
  fetch("/api/v1/auth/live-token", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => { if (data && data.token) token = data.token; }, () => {})
    .then(send);
}

/** @param {string} status */
function onStatus(status) {
  if (status === "online") {
    if (connTimer !== null) { clearTimeout(connTimer); connTimer = null; }
    root().removeAttribute("data-conn-lost");
  } else if (connTimer === null) {
    connTimer = window.setTimeout(() => { connTimer = null; root().setAttribute("data-conn-lost", "true"); }, CONN_GRACE_MS);
  }
}

function start() {
  const socket = connect(auth, {
    onStatus,
    onRefused: (why) => {
      root().setAttribute("data-conn-lost", "true");
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
  socket.on("turnout", (figures) => {
    if (!state || !figures) return;
    state.turnout = { joined: figures.joined, voted: figures.voted };
    if (figures.by_sector) state.joined_by_sector = figures.by_sector;
    renderTurnout();
    renderJoin();
  });
  socket.on("comment", (c) => { if (c && c.id) { comments[c.id] = c; renderWall(); } });
  socket.on("comment_removed", (data) => {
    if (data && comments[data.id]) { delete comments[data.id]; renderWall(); }
  });
  socket.on("run_of_show", (plan) => { if (state) { state.run_of_show = plan; render(); } });
  socket.on("projector_view", (view) => {
    if (!view) return;
    if (view.theme === "dark" || view.theme === "light") setTheme(view.theme);
    if (typeof view.join === "boolean") { joinForced = view.join; render(); }
  });
}

/* ---- Theme ------------------------------------------------------------------------------ */

/** @param {string} theme */
function setTheme(theme) {
  document.body.classList.toggle("pj-dark", theme === "dark");
  root().setAttribute("data-theme", theme);
  try { localStorage.setItem(THEME_KEY, theme); } catch (e) { /* private mode: this page only */ }
}

function initialTheme() {
  const asked = new URLSearchParams(window.location.search).get("theme");
  let kept = null;
  try { kept = localStorage.getItem(THEME_KEY); } catch (e) { /* private mode */ }
  setTheme(asked === "dark" || asked === "light" ? asked : kept === "dark" ? "dark" : "light");
}

/* ---- Rendering -------------------------------------------------------------------------- */

/** @param {PState} s */
function onState(s) {
  syncClock(s.server_time);
  state = s;
  results.fromState(s);
  comments = commentsById(s.comments);
  render();
}

/** Which stage the room sees now. */
function stageOf() {
  // the join screen when a console asked for it: held by the run-of-show (Q on the console, kept
  // across reloads) or for the moment (`projector_view`)
  const held = !!(state.run_of_show && state.run_of_show.projector_mode === "join");
  return boardOf(state, joinForced || held);
}

function render() {
  if (!state) return;
  const stage = stageOf();
  const pj = root();
  const r = state.round;
  pj.setAttribute("data-stage", stage);
  pj.setAttribute("data-method", r ? r.method : "");
  // the comment wall (and the small QR) beside one item; a vote on several items or a plot needs the width
  const side = (stage === "discussion" || stage === "voting" || stage === "results" || stage === "decision")
    && !(r && (isMulti(r.method) || r.method === "impact_feasibility"));
  pj.setAttribute("data-side", side ? "true" : "false");
  $("pj-session").textContent = state.session.title;
  renderJoin();
  renderHead(stage);
  renderCard(stage);
  renderRoundBar(stage);
  renderTurnout();
  renderDecision(stage);
  renderBoard(stage);
  renderResults();
  renderWall();
  // sized last, once every other part of the stage has taken (or left) its place
  if (!$("pj-card").hidden) fitScale($("pj-card"), bodyFloor(), 1.3);
  if (!$("pj-board").hidden) fitScale($("pj-board"), bodyFloor(), 1.4);
}

/** The smallest --fit that keeps body text at about 18 px or more (on a 1280-wide screen, 1em is 18.6 px). */
function bodyFloor() {
  const base = parseFloat(getComputedStyle(document.body).fontSize) || 18;
  return Math.min(1, Math.max(0.8, 17.5 / base));
}

function renderJoin() {
  if (!state) return;
  const joined = (state.turnout && state.turnout.joined) || 0;
  const count = joinCount(joined, state.joined_by_sector);
  $("pj-join-how").textContent = t("pj_join_how", { host: cfg.join_host || "" });
  $("pj-invited").hidden = !state.session.invited_only;  // only invited people vote; everyone may follow
  $("pj-join-count").textContent = count.total;
  replace($("pj-join-sectors"), count.sectors);
}

/** @param {string} stage */
function renderHead(stage) {
  const item = /** @type {CardItem|null} */ (state.item);
  const r = state.round;
  const kind = $("pj-item-kind"), title = $("pj-item-title-text"), code = $("pj-item-code");
  code.hidden = true;
  kind.textContent = "";
  if (stage === "closing") {
    title.textContent = t("pj_closing_title");
  } else if (stage === "between") {
    title.textContent = t("pj_board_title");
  } else if (r && isMulti(r.method)) {
    kind.textContent = t("n_items", { n: num(r.items.length) });
    title.textContent = r.method === "dots" ? t("pj_dots_title", { dots: num(r.dots || 0) }) : t("pj_ranking_title");
  } else if (item) {
    kind.textContent = label("kinds", item.kind) + (stage === "discussion" ? " · " + t("pj_discussing") : "");
    code.textContent = item.code || "";
    code.hidden = !item.code;
    title.textContent = tr(item, "title");
  } else {
    title.textContent = state.session.status === "live" ? t("pj_join_title") : t("starting_soon");
  }
  const long = title.textContent.length;
  $("pj-item-title").setAttribute("data-length", long > 110 ? "long" : long > 60 ? "medium" : "short");
}

/** @param {string} stage */
function renderCard(stage) {
  const item = /** @type {CardItem|null} */ (state.item);
  const card = $("pj-card");
  card.hidden = stage !== "discussion" || !item;
  if (card.hidden) return;
  const desc = tr(item, "description");
  const descNode = $("pj-item-desc");
  descNode.textContent = desc;
  descNode.hidden = !desc;
  const facts = itemFacts(item);
  replace($("pj-facts"), facts);
  $("pj-facts").hidden = !facts.length;
  card.setAttribute("data-facts", String(facts.length));
}

/** @param {string} stage */
function renderRoundBar(stage) {
  const r = state.round;
  const bar = $("pj-roundbar");
  bar.hidden = !r || stage === "between" || stage === "closing" || stage === "join";
  if (bar.hidden) { countdown($("pj-countdown"), null); return; }
  bar.setAttribute("data-round-state", r.state);
  $("pj-method").textContent = label("methods", r.method);
  const roundState = $("pj-round-state");
  roundState.textContent = r.state === "open" ? t("voting_open") : t("voting_closed");
  roundState.className = "pj-round-state " + (r.state === "open" ? "is-open" : "is-closed");
  countdown($("pj-countdown"), r.state === "open" ? r.timer_ends_at : null);
}

function renderTurnout() {
  if (!state) return;
  const figures = state.turnout || { joined: 0, voted: 0 };
  const box = $("pj-turnout");
  box.setAttribute("data-joined", String(figures.joined));
  box.setAttribute("data-voted", String(figures.voted));
  const r = state.round;
  const votedText = plural("pj_voted", figures.voted, { voted: num(figures.voted), joined: num(figures.joined) });
  $("pj-turnout-text").textContent = r && stageOf() !== "join" ? votedText : plural("pj_in_room", figures.joined);
  $("pj-voted").textContent = votedText;
  $("pj-hidden-sub").textContent = votedText;
  const share = figures.joined ? Math.min(1, figures.voted / figures.joined) : 0;
  $("pj-progress-fill").style.width = (share * 100).toFixed(1) + "%";
}

/** The table's decision first; the computed result steps back under it. @param {string} stage */
function renderDecision(stage) {
  const box = $("pj-decision");
  const d = stage === "decision" ? decisionNow(state) : null;
  const r = state.round;
  box.hidden = !d;
  replace(box, d ? decisionBox(d, r && isMulti(r.method) ? state.item : null) : null);
  $("pj-main").setAttribute("data-decided", d ? "true" : "false");
}

function stopPaging() {
  if (pageTimer !== null) { clearInterval(pageTimer); pageTimer = null; }
  page = 0;
}

/** The results area: hidden (turnout only), or the results of the round at their size. */
function renderResults() {
  if (!state) return;
  const r = state.round;
  const stage = stageOf();
  const hiddenBox = $("pj-hidden"), grid = $("pj-res-grid"), outcome = $("pj-outcome");
  const section = $("pj-results");
  const active = !!r && (stage === "voting" || stage === "results" || stage === "decision");
  section.hidden = !active && !(stage === "decision");
  if (!r || !active) {
    section.setAttribute("data-view", stage === "decision" ? "decision-only" : "none");
    hiddenBox.hidden = true; grid.hidden = true; clear(outcome);
    $("pj-pager").hidden = true;
    stopPaging();
    return;
  }
  section.setAttribute("data-method", r.method);
  const res = results.of(r);
  if (results.hidden || !res) {
    hiddenBox.hidden = false; grid.hidden = true; clear(outcome);
    $("pj-pager").hidden = true;
    section.setAttribute("data-view", "hidden");
    stopPaging();
    return;
  }
  hiddenBox.hidden = true;
  grid.hidden = false;
  section.setAttribute("data-view", "results");
  const before = measureFills(grid);
  const decided = stage === "decision";
  const parts = resultParts(r, res, { compact: false, decided });
  replace(outcome, parts.outcome);
  $("pj-total").textContent = "· " + votesText(parts.total);
  let overall = parts.overall, sectors = parts.sectors;
  if (isMulti(r.method)) { overall = rankedBoard(r, res); sectors = null; }
  else if (r.method === "impact_feasibility") { overall = matrixBoard(res.tally, r); sectors = null; }
  replace($("pj-overall"), overall);
  replace($("pj-sectors"), sectors);
  grid.setAttribute("data-columns", sectors ? "2" : "1");
  $("pj-sectors-box").hidden = !sectors;
  fitResults();
  // a sector's stacked segment too narrow for its figure shows none (the figures are beside it)
  for (const seg of grid.querySelectorAll(".seg")) if (seg.scrollWidth > seg.clientWidth + 1) seg.textContent = "";
  animateFills(grid, before);
}

/** Shrink the results to fit; a long ranking that still does not fit is shown a page at a time. */
function fitResults() {
  const section = $("pj-results");
  const rows = /** @type {HTMLElement[]} */ (Array.from(section.querySelectorAll(".pj-rank-row")));
  for (const row of rows) row.hidden = false;
  const pager = $("pj-pager");
  pager.hidden = true;
  // a ranking's titles stay body-sized (≈ 18 px and up): below that it pages instead of shrinking
  const floor = rows.length ? bodyFloor() : 0.8;
  const ceiling = !rows.length ? 1.35 : rows.length <= 6 ? 1.5 : 1.15;
  if (fitScale(section, floor, ceiling) || !rows.length) { stopPaging(); return; }
  // Pages: the fewest that fit at the smallest scale (each page laid out for its own row count).
  const list = rows[0].parentElement;
  let perPage = 1;
  for (let pages = 2; pages <= rows.length; pages++) {
    perPage = Math.ceil(rows.length / pages);
    rows.forEach((row, index) => { row.hidden = index >= perPage; });
    list.setAttribute("data-layout", perPage > ONE_COLUMN_MAX ? "two" : "one");
    pager.hidden = false;
    pager.textContent = t("pj_page", { page: num(1), pages: num(pages) });
    if (!overflows(section)) break;
  }
  const pages = Math.ceil(rows.length / perPage);
  if (page >= pages) page = 0;
  rowsPerPage = perPage;
  showPage(rows, perPage, pages);
  fitScale(section, floor, ceiling); // a page of fewer rows may grow back
  if (pageTimer === null) {
    pageTimer = window.setInterval(() => {
      const now = /** @type {HTMLElement[]} */ (Array.from($("pj-results").querySelectorAll(".pj-rank-row")));
      const count = Math.ceil(now.length / rowsPerPage);
      page = (page + 1) % Math.max(1, count);
      showPage(now, rowsPerPage, count);
    }, PAGE_SECONDS * 1000);
  }
}

/** @param {HTMLElement[]} rows @param {number} perPage @param {number} pages */
function showPage(rows, perPage, pages) {
  rows.forEach((row, index) => { row.hidden = Math.floor(index / perPage) !== page; });
  const list = rows.length ? rows[0].parentElement : null;
  if (list) list.setAttribute("data-page-size", String(Math.min(perPage, rows.length)));
  $("pj-pager").textContent = t("pj_page", { page: num(page + 1), pages: num(pages) });
}

/** @param {string} stage */
function renderBoard(stage) {
  const board = $("pj-board");
  board.hidden = stage !== "between" && stage !== "closing";
  if (board.hidden) { clear(board); return; }
  const decisions = state.decisions || [];
  const total = state.agenda_total || 0;
  replace(board, stage === "between" ? betweenBoard(decisions, state.upcoming || [], total)
    : closingBoard(decisions, (state.turnout && state.turnout.joined) || 0, total));
  board.setAttribute("data-decisions", String(decisions.length));
  board.setAttribute("data-kind", stage);
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

/** The comment wall in the side column. */
function renderWall() {
  if (!state) return;
  const list = commentsAbout(comments, state.item ? state.item.id : null).slice(0, WALL_SIZE);
  $("pj-comments-empty").hidden = list.length > 0;
  $("pj-comments-empty").textContent = t("pj_comment_hint");
  replace($("pj-comments"), list.map(commentNode));
  fit($("pj-comments"));
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
  for (const node of document.querySelectorAll(".pj-qr, .pj-mini-qr")) {
    const img = /** @type {HTMLImageElement} */ (node);
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
}

let resizing = 0;
window.addEventListener("resize", () => {
  cancelAnimationFrame(resizing);
  resizing = requestAnimationFrame(() => { if (state) render(); });
});
initialTheme();
repairQr();
start();
