/* Mesa projector: the join code, the item under discussion, turnout, live results and the
 * comment wall — readable from the back of the room. It only listens; it never sends. */
(function () {
  "use strict";

  var M = window.Mesa;
  var t = M.t, el = M.el, $ = M.byId;
  var CFG = M.cfg;
  var WALL_SIZE = 6;
  var BIG_WALL_SIZE = 8;

  var state = null;
  var results = null;   // {round_id, tally, outcome}
  var hidden = false;
  var comments = {};
  var socket = null;

  function start() {
    var key = new URLSearchParams(window.location.search).get("key") || "";
    socket = M.connect({ projector_key: key, session_id: CFG.session.id }, {
      onRefused: function (why) {
        $("pj-item-title").textContent = why.code === "unauthorized" ? t("projector_refused") : M.errorText(why);
        setTimeout(function () { socket.connect(); }, 10000);
      }
    });
    socket.on("state", onState);
    socket.on("tally", onTally);
    socket.on("turnout", function (figures) { if (state) { state.turnout = figures; renderTurnout(); } });
    socket.on("comment", function (c) { if (c && c.id) { comments[c.id] = c; renderWall(); } });
    socket.on("comment_removed", function (data) {
      if (data && comments[data.id]) { delete comments[data.id]; renderWall(); }
    });
  }

  function onState(s) {
    M.clock.sync(s.server_time);
    state = s;
    var kept = M.fromState(s);
    results = kept.results;
    hidden = !!(s.round && !s.round.results_visible);
    comments = kept.comments;
    render();
  }

  function onTally(data) {
    if (!state || !state.round || !data || data.round_id !== state.round.id) return;
    if (data.turnout) state.turnout = data.turnout;
    if (data.hidden) hidden = true;
    else if (data.tally) {
      hidden = false;
      results = { round_id: data.round_id, tally: data.tally, outcome: data.outcome || (results && results.outcome) };
    }
    renderTurnout();
    renderResults();
  }

  function render() {
    renderHead();
    renderRoundBar();
    renderTurnout();
    renderResults();
    renderWall();
  }

  function renderHead() {
    var s = state.session;
    $("pj-session").textContent = s.title;
    $("pj-code").textContent = s.join_code;
    var ended = $("pj-ended");
    ended.hidden = s.status !== "closed";
    ended.textContent = t("session_closed_chip");
    var item = state.item;
    var r = state.round;
    var kind = $("pj-item-kind"), title = $("pj-item-title"), desc = $("pj-item-desc");
    $("pj-main").setAttribute("data-has-round", r ? "true" : "false");
    if (r && M.isMulti(r.method)) {
      kind.textContent = t("n_items", { n: M.num(r.items.length) });
      title.textContent = r.method === "dots" ? t("pj_dots_title", { dots: M.num(r.dots || 0) }) : t("pj_ranking_title");
      desc.textContent = "";
    } else if (item) {
      kind.textContent = M.label("kinds", item.kind);
      title.textContent = M.tr(item, "title");
      desc.textContent = M.tr(item, "description");
    } else {
      kind.textContent = "";
      title.textContent = s.status === "closed" ? t("session_ended") : s.status === "live" ? t("welcome_title")
        : t("starting_soon");
      desc.textContent = s.status === "live" ? t("welcome_text") : "";
    }
    desc.hidden = !desc.textContent || !!r;
    title.classList.toggle("long", title.textContent.length > 90);
  }

  function renderRoundBar() {
    var r = state.round;
    var bar = $("pj-roundbar");
    bar.hidden = !r;
    if (!r) { M.countdown($("pj-countdown"), null); return; }
    bar.setAttribute("data-round-state", r.state);
    $("pj-method").textContent = M.label("methods", r.method);
    var roundState = $("pj-round-state");
    roundState.textContent = r.state === "open" ? t("voting_open") : t("voting_closed");
    roundState.className = "pj-round-state " + (r.state === "open" ? "is-open" : "is-closed");
    M.countdown($("pj-countdown"), r.state === "open" ? r.timer_ends_at : null);
  }

  function renderTurnout() {
    var figures = state && state.turnout || { joined: 0, voted: 0 };
    var box = $("pj-turnout");
    box.setAttribute("data-joined", String(figures.joined));
    box.setAttribute("data-voted", String(figures.voted));
    $("pj-joined").textContent = M.num(figures.joined);
    $("pj-voted").textContent = state && state.round ? M.num(figures.voted) : "—";
    $("pj-hidden-sub").textContent = t("turnout_line", { voted: M.num(figures.voted), joined: M.num(figures.joined) });
  }

  function renderResults() {
    var r = state.round;
    var waiting = $("pj-waiting"), hiddenBox = $("pj-hidden"), grid = $("pj-res-grid"), outcome = $("pj-outcome");
    var section = $("pj-results");
    section.setAttribute("data-view", "none");
    var discussing = !r && state.session.status === "live" && !!state.item;
    $("pj-main").parentNode.setAttribute("data-mode", discussing ? "discussion" : "vote");
    if (!r) {
      waiting.hidden = false;
      hiddenBox.hidden = true; grid.hidden = true; M.clear(outcome);
      section.setAttribute("data-view", "waiting");
      renderWall();
      return;
    }
    waiting.hidden = true;
    if (hidden || !results || results.round_id !== r.id) {
      hiddenBox.hidden = false; grid.hidden = true; M.clear(outcome);
      section.setAttribute("data-view", "hidden");
      return;
    }
    hiddenBox.hidden = true;
    grid.hidden = false;
    section.setAttribute("data-view", "results");
    section.setAttribute("data-method", r.method);
    var parts = M.results(r, results, { compact: false });
    M.replace(outcome, parts.outcome);
    $("pj-total").textContent = "· " + M.votesText(parts.total);
    M.replace($("pj-overall"), parts.overall);
    M.replace($("pj-sectors"), parts.sectors);
    grid.setAttribute("data-columns", parts.sectors ? "2" : "1");
    $("pj-sectors-box").hidden = !parts.sectors;
  }

  function commentNode(c) {
    return el("li", { class: "pj-comment" + (c.is_pinned ? " pinned" : ""), dataset: { commentId: c.id } },
      el("p", { class: "pj-comment-body" }, c.body),
      el("p", { class: "pj-comment-meta" },
        c.is_pinned ? el("span", { class: "pj-pin" }, "★ " + t("pinned")) : null,
        el("span", { class: "pj-votes" }, "▲ " + M.num(c.upvotes || 0)),
        el("span", { class: "pj-author" }, c.author || t("anonymous")),
        M.sectorTag(c.sector)));
  }

  /** The comment wall: in the side column during a vote, across the main area during discussion. */
  function renderWall() {
    if (!state) return;
    var itemId = state.item ? state.item.id : null;
    var list = Object.keys(comments).map(function (k) { return comments[k]; })
      .filter(function (c) { return itemId === null || c.item_id === itemId; });
    list = M.sortComments(list);
    var side = list.slice(0, WALL_SIZE);
    $("pj-comments-empty").hidden = side.length > 0;
    M.replace($("pj-comments"), side.map(commentNode));
    fit($("pj-comments"));
    var waiting = $("pj-waiting");
    if (waiting.hidden) return;
    var status = state.session.status;
    var big = status === "live" && state.item ? list.slice(0, BIG_WALL_SIZE) : [];
    M.replace(waiting,
      big.length ? el("h2", { class: "pj-section-title" }, t("comments_title")) : null,
      big.length ? el("ul", { class: "pj-bigwall", id: "pj-bigwall" }, big.map(commentNode))
        : el("p", { class: "pj-waiting-text" }, status === "live" ? t("discussion_in_progress")
          : status === "closed" ? t("thanks_title") : t("starting_soon")));
    waiting.classList.toggle("has-wall", big.length > 0);
    if (big.length) fit($("pj-bigwall"));
  }

  /** Hide the comments that would be cut off at the bottom of their list. */
  function fit(list) {
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (li) { li.hidden = false; });
    var limit = list.getBoundingClientRect().bottom + 1;
    items.forEach(function (li) { if (li.getBoundingClientRect().bottom > limit) li.hidden = true; });
  }

  window.addEventListener("resize", function () { fit($("pj-comments")); fit($("pj-bigwall")); });

  /** The QR SVG is served without its xmlns, which an <img> refuses to draw: add it and retry.
   * (An SVG shown through <img> never runs scripts.) Harmless once the server sends xmlns. */
  function repairQr() {
    var img = document.querySelector(".pj-qr");
    if (!img) return;
    function fix() {
      if (img.getAttribute("data-repaired")) return;
      img.setAttribute("data-repaired", "1");
      fetch(img.src, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.text() : ""; }).then(function (text) {
        if (!text || text.indexOf("<svg") < 0) return;
        if (!/<svg[^>]*\sxmlns=/.test(text)) text = text.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
        img.src = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
      }).catch(function () { /* keep the code and the address, which are on screen anyway */ });
    }
    if (img.complete && img.naturalWidth === 0) fix();
    img.addEventListener("error", fix);
  }

  repairQr();
  start();
})();
