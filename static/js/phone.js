/* Mesa phone: join, vote, see results, comment and propose — on a cheap phone and a weak network.
 *
 * Votes are never lost: each vote gets a fresh client_vote_id, is kept in localStorage as
 * pending and resent with the same id after every reconnect until the server acks it.
 */
(function () {
  "use strict";

  var M = window.Mesa;
  var t = M.t, el = M.el, $ = M.byId;
  var CFG = M.cfg;
  var CODE = CFG.session.join_code;
  var KEY = "mesa:" + CODE;
  var PENDING_KEY = KEY + ":pending";
  var MINE_KEY = KEY + ":mine";
  var CHOICES = [["approve", "✓"], ["neutral", "–"], ["reject", "✗"]];
  var COMMENT_MAX = 500;

  var socket = null;
  var sessionId = CFG.session.id;
  var state = null;           // the latest `state`
  var me = null;              // {participant_id, name, organisation, sector}
  var myVote = null;          // {round_id, value, client_vote_id} acked by the server
  var myUpvotes = {};         // comment id -> true
  var comments = {};          // comment id -> comment
  var results = null;        // {round_id, tally, outcome}
  var pending = M.store.getJSON(PENDING_KEY); // {round_id, value, client_vote_id} not yet acked
  var voteError = "";
  var draft = null;           // {round_id, value} being composed (impact × feasibility, dots, ranking)
  var mine = M.store.getJSON(MINE_KEY) || [];  // ids of my own comments
  var retryTimer = null;
  var joinTimer = null;

  /* ---- Join ---------------------------------------------------------------------------- */

  function postJoin(body) {
    return fetch("/api/v1/join", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) return { ok: true, data: data };
        if (response.status >= 500) return { ok: false, network: true };
        return { ok: false, status: response.status, error: data && data.error || { code: "error", message: "" } };
      });
    }, function () {
      return { ok: false, network: true };
    });
  }

  function showOnly(id) {
    ["boot", "join-view", "ended-view", "live-view"].forEach(function (name) { M.show($(name), name === id); });
  }

  function setBoot(text) {
    var boot = $("boot");
    M.replace(boot, el("p", null, text));
    showOnly("boot");
  }

  function rejoin(token) {
    postJoin({ code: CODE, participant_token: token }).then(function (r) {
      if (r.ok) { start(r.data); return; }
      if (r.network) {
        M.paintConnection("offline");
        setBoot(t("join_retrying"));
        setTimeout(function () { rejoin(token); }, 5000);
        return;
      }
      forget();
      showJoin(r.error && r.error.code === "session_not_live" ? t("not_live_yet") : t("join_again"));
    });
  }

  function notice(node, text, kind) {
    node.textContent = text || "";
    node.hidden = !text;
    node.className = "notice" + (kind ? " " + kind : "");
  }

  function showJoin(message) {
    if (CFG.session.status === "closed" && !message) { showOnly("ended-view"); return; }
    showOnly("join-view");
    if (navigator.onLine === false) M.paintConnection("offline");
    else $("conn").hidden = true;
    var waiting = CFG.session.status !== "live";
    notice($("join-notice"), message || (waiting ? t("not_live_yet") : ""), waiting ? "wait" : "");
  }

  function readJoinForm() {
    var form = $("join-form");
    var sector = form.querySelector('input[name="sector"]:checked');
    return {
      name: form.elements.name.value.replace(/\s+/g, " ").trim(),
      organisation: form.elements.organisation.value.replace(/\s+/g, " ").trim(),
      sector: sector ? sector.value : "",
      region: form.elements.region.value.replace(/\s+/g, " ").trim()
    };
  }

  function fieldError(field, text) {
    var box = document.querySelector('#join-form [data-field="' + field + '"]');
    var msg = $("join-" + field + "-error");
    if (!box || !msg) return false;
    box.classList.toggle("invalid", !!text);
    msg.textContent = text || "";
    msg.hidden = !text;
    var input = box.querySelector("input");
    if (input && field !== "sector") input.setAttribute("aria-invalid", text ? "true" : "false");
    return true;
  }

  function clearJoinErrors() {
    ["name", "organisation", "sector", "region"].forEach(function (f) { fieldError(f, ""); });
    $("join-error").hidden = true;
  }

  function focusFirstInvalid() {
    var box = document.querySelector("#join-form .invalid");
    var input = box && box.querySelector("input");
    if (input) input.focus();
  }

  var FIELD_TEXT = { name: "err_name", organisation: "err_organisation", sector: "err_sector", region: "err_region" };

  function showApiErrors(error) {
    var shown = false;
    if (error.fields && typeof error.fields === "object") {
      Object.keys(error.fields).forEach(function (field) {
        var detail = error.fields[field];
        var text = FIELD_TEXT[field] ? t(FIELD_TEXT[field]) : [].concat(detail).join(" ");
        if (fieldError(field, text)) shown = true;
      });
    } else if (/^(missing_field|invalid_field|invalid_sector)$/.test(error.code)) {
      var match = /^(name|organisation|region|sector)\b/.exec(error.message || "");
      var field = error.code === "invalid_sector" ? "sector" : match && match[1];
      if (field) shown = fieldError(field, t(FIELD_TEXT[field]));
    }
    if (!shown) {
      var box = $("join-error");
      box.textContent = error.code === "unknown_code" ? t("err_unknown_code") : M.errorText(error);
      box.hidden = false;
    }
    focusFirstInvalid();
  }

  function submitJoin(event) {
    event.preventDefault();
    clearTimeout(joinTimer);
    clearJoinErrors();
    var data = readJoinForm();
    var missing = false;
    if (!data.name) missing = fieldError("name", t("err_name")) || true;
    if (!data.organisation) missing = fieldError("organisation", t("err_organisation")) || true;
    if (!data.sector) missing = fieldError("sector", t("err_sector")) || true;
    if (missing) { focusFirstInvalid(); return; }
    tryJoin(data);
  }

  function tryJoin(data) {
    var button = $("join-submit");
    button.disabled = true;
    button.textContent = t("joining");
    var body = { code: CODE, name: data.name, organisation: data.organisation, sector: data.sector };
    if (data.region) body.region = data.region;
    postJoin(body).then(function (r) {
      button.disabled = false;
      button.textContent = t("join");
      if (r.ok) { start(r.data); return; }
      if (r.network) {
        var box = $("join-error");
        box.textContent = t("err_network");
        box.hidden = false;
        return;
      }
      if (r.error.code === "session_not_live") {
        notice($("join-notice"), t("not_live_waiting"), "wait");
        joinTimer = setTimeout(function () { tryJoin(data); }, 10000);
        return;
      }
      showApiErrors(r.error);
    });
  }

  function forget() {
    M.store.remove(KEY);
    M.store.remove(PENDING_KEY);
    pending = null;
  }

  /* ---- Live ---------------------------------------------------------------------------- */

  function start(joined) {
    clearTimeout(joinTimer);
    M.store.set(KEY, joined.participant_token);
    sessionId = joined.session_id;
    showOnly("live-view");
    document.body.classList.add("joined");
    renderSkeleton();
    if (socket) socket.close();
    socket = M.connect({ token: joined.participant_token, session_id: sessionId }, {
      onConnect: flush,
      onStatus: function () { renderVoteStatus(); renderCommentForm(); },
      onRefused: function (why) {
        socket.close();
        socket = null;
        if (why.code === "unauthorized") {
          forget();
          showJoin(t("join_again"));
        } else {
          setBoot(M.errorText(why));
        }
      }
    });
    socket.on("state", onState);
    socket.on("tally", onTally);
    socket.on("comment", onComment);
    socket.on("comment_removed", function (data) {
      if (data && comments[data.id]) { delete comments[data.id]; renderComments(); }
    });
  }

  function renderSkeleton() {
    $("item-title").textContent = t("connecting_title");
  }

  function onState(s) {
    M.clock.sync(s.server_time);
    var oldRound = state && state.round ? state.round.id : null;
    state = s;
    var roundId = s.round ? s.round.id : null;
    if (Object.prototype.hasOwnProperty.call(s, "me") && s.me) me = s.me;
    if (Object.prototype.hasOwnProperty.call(s, "my_vote")) myVote = s.my_vote;
    else if (myVote && myVote.round_id !== roundId) myVote = null;
    if (Object.prototype.hasOwnProperty.call(s, "my_upvotes")) {
      myUpvotes = {};
      (s.my_upvotes || []).forEach(function (id) { myUpvotes[id] = true; });
    }
    if (pending && myVote && pending.client_vote_id === myVote.client_vote_id) {
      pending = null;
      M.store.remove(PENDING_KEY);
    }
    if (roundId !== oldRound) { voteError = ""; draft = null; }
    var kept = M.fromState(s);
    results = kept.results;
    comments = kept.comments;
    render();
  }

  function onTally(data) {
    if (!state || !state.round || !data || data.round_id !== state.round.id) return;
    if (data.turnout) state.turnout = data.turnout;
    if (data.tally) {
      results = { round_id: data.round_id, tally: data.tally, outcome: data.outcome || (results && results.outcome) };
    }
    renderResults();
  }

  function onComment(c) {
    if (!c || !c.id) return;
    comments[c.id] = c;
    renderComments();
  }

  function render() {
    renderSession();
    renderItem();
    renderVote();
    renderResults();
    renderComments();
    renderCommentForm();
    renderMe();
  }

  function isLive() {
    return state && state.session && state.session.status === "live";
  }

  function renderSession() {
    var s = state.session;
    $("session-title").textContent = s.title;
    var note = $("session-note");
    if (s.status === "closed") notice(note, t("session_ended"), "");
    else if (s.status !== "live") notice(note, t("session_paused"), "wait");
    else notice(note, "", "");
    $("propose").hidden = !isLive();
  }

  var DESC_CLAMP = 140;

  function renderItem() {
    var item = state.item;
    var r = round();
    var card = $("item-card");
    var kind = $("item-kind"), title = $("item-title"), desc = $("item-desc"), more = $("item-more");
    // a vote on several items shows them all in the vote card: the "current" one would mislead
    card.hidden = !!(r && M.isMulti(r.method));
    if (!item) {
      kind.textContent = "";
      title.textContent = state.session.status === "closed" ? t("thanks_title") : t("no_item_title");
      desc.textContent = state.session.status === "closed" ? "" : t("no_item_text");
      desc.hidden = !desc.textContent;
      desc.classList.remove("clamped");
      more.hidden = true;
      return;
    }
    var changed = card.getAttribute("data-item-id") !== String(item.id);
    card.setAttribute("data-item-id", String(item.id));
    kind.textContent = M.label("kinds", item.kind);
    title.textContent = M.tr(item, "title");
    desc.textContent = M.tr(item, "description");
    desc.hidden = !desc.textContent;
    var long = desc.textContent.length > DESC_CLAMP;
    more.hidden = !long;
    if (changed || !long) {
      desc.classList.toggle("clamped", long);
      more.setAttribute("aria-expanded", "false");
      more.textContent = t("read_more");
    }
  }

  function toggleDescription() {
    var desc = $("item-desc"), more = $("item-more");
    var open = more.getAttribute("aria-expanded") === "true";
    desc.classList.toggle("clamped", open);
    more.setAttribute("aria-expanded", String(!open));
    more.textContent = open ? t("read_more") : t("read_less");
  }

  /* ---- Voting -------------------------------------------------------------------------- */

  /** The round on screen: the server sends only the open one, or the closed one of the current item. */
  function round() {
    return state ? state.round : null;
  }

  function isOpen() {
    var r = round();
    return !!(r && r.state === "open" && isLive());
  }

  /** The value to show as mine: the pending one, else the counted one (for this round). */
  function shownValue() {
    var r = round();
    if (!r) return null;
    if (pending && pending.round_id === r.id) return pending.value;
    if (myVote && myVote.round_id === r.id) return myVote.value;
    return null;
  }

  function sendVote(value) {
    var r = round();
    if (!r || !isOpen()) return;
    voteError = "";
    pending = { round_id: r.id, value: value, client_vote_id: M.randomId() };
    M.store.setJSON(PENDING_KEY, pending);
    renderVote();
    flush();
  }

  /** Send the pending vote (again, with the same id) if the socket is up. */
  function flush() {
    clearTimeout(retryTimer);
    if (!pending || !socket || !socket.connected) { renderVoteStatus(); return; }
    var vote = pending;
    renderVoteStatus();
    M.ack(socket, "vote", { round_id: vote.round_id, value: vote.value, client_vote_id: vote.client_vote_id }, 15000)
      .then(function (res) {
        if (!pending || pending.client_vote_id !== vote.client_vote_id) return; // a newer vote replaced it
        if (res.ok) {
          myVote = { round_id: vote.round_id, value: vote.value, client_vote_id: vote.client_vote_id };
          pending = null;
          M.store.remove(PENDING_KEY);
          voteError = "";
        } else if (res.error && (res.error.code === "timeout" || res.error.code === "offline")) {
          retryTimer = setTimeout(flush, 3000); // no answer: send it again, same id
        } else {
          pending = null;
          M.store.remove(PENDING_KEY);
          voteError = M.errorText(res.error);
        }
        renderVote();
      });
  }

  var HINTS = { approve: "hint_approve", score: "hint_score", impact_feasibility: "hint_if", dots: "hint_dots",
    ranking: "hint_ranking" };

  function renderVote() {
    var r = round();
    var card = $("vote-card");
    $("live-view").setAttribute("data-phase", !r ? "none" : isOpen() ? "open" : "closed");
    if (!r) { card.hidden = true; M.countdown($("countdown"), null); return; }
    card.hidden = false;
    card.setAttribute("data-method", r.method);
    card.setAttribute("data-round-state", r.state);
    card.setAttribute("data-round-id", String(r.id));
    $("vote-title").textContent = isOpen() ? (M.isMulti(r.method) ? M.label("methods", r.method) : t("vote_now")) : t("voting_closed");
    var hint = t(HINTS[r.method] || "hint_approve", { dots: r.dots || 0 });
    if (r.anonymous) hint += " " + t("anonymous_note");
    $("vote-hint").textContent = isOpen() ? hint : "";
    M.countdown($("countdown"), isOpen() ? r.timer_ends_at : null);
    var controls;
    if (!isOpen() && M.isMulti(r.method)) controls = closedSummary(r);
    else if (r.method === "approve") controls = approveControls(r);
    else if (r.method === "score") controls = scoreControls(r);
    else if (r.method === "impact_feasibility") controls = ifControls(r);
    else if (r.method === "dots") controls = dotsControls(r);
    else controls = rankingControls(r);
    M.replace($("vote-controls"), controls);
    renderVoteStatus();
  }

  function voteButton(key, attrs, children) {
    var open = isOpen();
    var base = { type: "button", class: "vote-btn", "data-key": key, disabled: !open };
    return el("button", Object.assign(base, attrs), children);
  }

  function approveControls(r) {
    var current = shownValue();
    return el("div", { class: "vote-grid three", role: "group", "aria-label": t("vote_now") },
      CHOICES.map(function (c) {
        return voteButton("v-" + c[0], {
          class: "vote-btn choice-" + c[0], "aria-pressed": String(current === c[0]), dataset: { vote: c[0] },
          onclick: function () { sendVote(c[0]); }
        }, [el("span", { class: "vote-icon", "aria-hidden": "true" }, c[1]), el("span", null, t("choice_" + c[0]))]);
      }));
  }

  function scale(key, current, onPick, axisName) {
    return el("div", { class: "vote-grid five", role: "group", "aria-label": axisName },
      [1, 2, 3, 4, 5].map(function (n) {
        return voteButton(key + n, {
          class: "vote-btn num", "aria-pressed": String(current === n), dataset: { vote: n, axis: key.replace(/-$/, "") },
          "aria-label": axisName + ": " + n, onclick: function () { onPick(n); }
        }, String(n));
      }));
  }

  function scoreControls(r) {
    var current = shownValue();
    return el("div", null,
      scale("score-", typeof current === "number" ? current : null, sendVote, t("score_label")),
      el("div", { class: "scale-ends", "aria-hidden": "true" }, el("span", null, t("scale_low")), el("span", null, t("scale_high"))));
  }

  function ensureDraft(r, initial) {
    if (!draft || draft.round_id !== r.id) draft = { round_id: r.id, value: initial() };
    return draft;
  }

  function ifControls(r) {
    var current = shownValue();
    var d = ensureDraft(r, function () {
      return current && typeof current === "object" ? { impact: current.impact, feasibility: current.feasibility } : {};
    });
    function pick(axis) {
      return function (n) {
        d.value[axis] = n;
        if (d.value.impact && d.value.feasibility) sendVote({ impact: d.value.impact, feasibility: d.value.feasibility });
        else renderVote();
      };
    }
    return el("div", { class: "if-vote" },
      el("p", { class: "axis-label", id: "axis-impact" }, el("strong", null, t("impact")), " ", el("span", { class: "muted small" }, t("impact_help"))),
      scale("impact-", d.value.impact || null, pick("impact"), t("impact")),
      el("p", { class: "axis-label", id: "axis-feasibility" }, el("strong", null, t("feasibility")), " ", el("span", { class: "muted small" }, t("feasibility_help"))),
      scale("feasibility-", d.value.feasibility || null, pick("feasibility"), t("feasibility")),
      el("div", { class: "scale-ends", "aria-hidden": "true" }, el("span", null, t("scale_low")), el("span", null, t("scale_high"))));
  }

  function sameJSON(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function dotsControls(r) {
    var current = shownValue();
    var budget = r.dots || 0;
    var d = ensureDraft(r, function () {
      var value = {};
      r.items.forEach(function (item) { value[String(item.id)] = current && current[String(item.id)] || 0; });
      return value;
    });
    var used = 0;
    Object.keys(d.value).forEach(function (k) { used += d.value[k] || 0; });
    var left = budget - used;
    var open = isOpen();
    var sent = {};
    r.items.forEach(function (item) { sent[String(item.id)] = current && current[String(item.id)] || 0; });
    var dirty = current !== null ? !sameJSON(sent, d.value) : used > 0;
    function change(id, delta) {
      return function () {
        var next = (d.value[id] || 0) + delta;
        if (next < 0 || delta > 0 && left <= 0) return;
        d.value[id] = next;
        renderVote();
      };
    }
    return el("div", { class: "dots-vote" },
      el("p", { class: "dots-left", id: "dots-left", "aria-live": "polite" },
        el("strong", null, t("dots_left", { left: M.num(left), total: M.num(budget) })),
        el("span", { class: "dot-pips", "aria-hidden": "true" }, repeat("●", used), repeat("○", Math.max(0, left)))),
      el("ul", { class: "dots-list" }, r.items.map(function (item) {
        var id = String(item.id);
        var n = d.value[id] || 0;
        var title = M.tr(item, "title");
        return el("li", { class: "dots-item", dataset: { itemId: id } },
          el("span", { class: "dots-title" }, title),
          el("span", { class: "dot-pips item-pips", "aria-hidden": "true" }, repeat("●", n)),
          el("span", { class: "stepper" },
            el("button", { type: "button", class: "step", "data-key": "minus-" + id, dataset: { dotsMinus: id },
              disabled: !open || n <= 0, "aria-label": t("dot_remove", { item: title }), onclick: change(id, -1) }, "−"),
            el("output", { class: "step-value", "aria-live": "polite", dataset: { dotsValue: id } }, M.num(n)),
            el("button", { type: "button", class: "step", "data-key": "plus-" + id, dataset: { dotsPlus: id },
              disabled: !open || left <= 0, "aria-label": t("dot_add", { item: title }), onclick: change(id, 1) }, "+")));
      })),
      open ? el("button", { type: "button", class: "btn block big", id: "vote-send", "data-key": "send",
        disabled: used < 1, onclick: function () {
          var value = {};
          Object.keys(d.value).forEach(function (k) { if (d.value[k] > 0) value[k] = d.value[k]; });
          sendVote(value);
        } }, t("send_dots")) : null,
      open && dirty && used > 0 ? el("p", { class: "draft-note small" }, t("not_sent_yet")) : null);
  }

  function repeat(text, n) {
    var out = "";
    for (var i = 0; i < n && i < 60; i++) out += text;
    return out;
  }

  function rankingControls(r) {
    var current = shownValue();
    var ids = r.items.map(function (item) { return item.id; });
    var d = ensureDraft(r, function () {
      return Array.isArray(current) && current.length === ids.length ? current.slice() : ids.slice();
    });
    var titles = {};
    r.items.forEach(function (item) { titles[item.id] = M.tr(item, "title"); });
    var open = isOpen();
    var dirty = Array.isArray(current) ? !sameJSON(current, d.value) : true;
    function move(index, delta) {
      return function () {
        var target = index + delta;
        if (target < 0 || target >= d.value.length) return;
        var moved = d.value.splice(index, 1)[0];
        d.value.splice(target, 0, moved);
        var key = (delta < 0 ? "up-" : "down-") + moved;
        renderVote();
        var again = document.querySelector('[data-key="' + key + '"]');
        if (again && again.disabled) again = document.querySelector('[data-key="' + (delta < 0 ? "down-" : "up-") + moved + '"]');
        if (again) again.focus();
        var live = $("rank-live");
        if (live) live.textContent = t("moved_to", { item: titles[moved], position: target + 1 });
      };
    }
    return el("div", { class: "rank-vote" },
      el("ol", { class: "rank-list", id: "rank-list" }, d.value.map(function (id, index) {
        return el("li", { class: "rank-item", dataset: { itemId: id } },
          el("span", { class: "rank-pos", "aria-hidden": "true" }, String(index + 1)),
          el("span", { class: "rank-title" }, titles[id]),
          el("span", { class: "rank-moves" },
            el("button", { type: "button", class: "step", "data-key": "up-" + id, dataset: { rankUp: id },
              disabled: !open || index === 0, "aria-label": t("move_up", { item: titles[id] }), onclick: move(index, -1) }, "↑"),
            el("button", { type: "button", class: "step", "data-key": "down-" + id, dataset: { rankDown: id },
              disabled: !open || index === d.value.length - 1, "aria-label": t("move_down", { item: titles[id] }),
              onclick: move(index, 1) }, "↓")));
      })),
      el("p", { class: "visually-hidden", id: "rank-live", "aria-live": "polite" }),
      open ? el("button", { type: "button", class: "btn block big", id: "vote-send", "data-key": "send",
        onclick: function () { sendVote(d.value.slice()); } }, t("send_ranking")) : null,
      open && dirty && current !== null ? el("p", { class: "draft-note small" }, t("not_sent_yet")) : null);
  }

  /** A closed dots or ranking round: my vote as a plain list (no controls). */
  function closedSummary(r) {
    var value = shownValue();
    var titles = {};
    r.items.forEach(function (item) { titles[String(item.id)] = M.tr(item, "title"); });
    if (value === null) return el("p", { class: "muted small" }, t("did_not_vote"));
    if (r.method === "ranking") {
      return el("div", { class: "vote-summary" }, el("p", { class: "small muted" }, t("your_ranking")),
        el("ol", { class: "summary-list" }, value.map(function (id) { return el("li", null, titles[String(id)] || "#" + id); })));
    }
    return el("div", { class: "vote-summary" }, el("p", { class: "small muted" }, t("your_dots")),
      el("ul", { class: "summary-list plain" }, r.items.filter(function (item) { return value[String(item.id)]; }).map(function (item) {
        return el("li", null, el("strong", null, M.num(value[String(item.id)]) + " ● "), titles[String(item.id)]);
      })));
  }

  function describeVote(r, value) {
    if (value === null || value === undefined) return "";
    if (r.method === "approve") return t("choice_" + value);
    if (r.method === "score") return String(value);
    if (r.method === "impact_feasibility") {
      return t("impact_short", { value: value.impact }) + " · " + t("feasibility_short", { value: value.feasibility });
    }
    return "";
  }

  function renderVoteStatus() {
    var box = $("vote-status");
    var r = round();
    if (!box || !r) return;
    var connected = !!(socket && socket.connected);
    var stateName = "none", text = "";
    var mineShown = describeVote(r, shownValue());
    if (pending && pending.round_id === r.id) {
      stateName = connected ? "pending" : "queued";
      text = connected ? t("vote_sending") : t("vote_queued");
    } else if (voteError) {
      stateName = "error";
      text = voteError + (myVote && myVote.round_id === r.id ? " " + t("previous_vote_stands") : "");
    } else if (r.state !== "open") {
      stateName = "closed";
      text = myVote && myVote.round_id === r.id ? t("closed_counted") : t("voting_closed");
    } else if (myVote && myVote.round_id === r.id) {
      stateName = "counted";
      text = t("vote_counted");
    } else if (isOpen()) {
      text = t("vote_not_yet");
    }
    if (mineShown && stateName !== "none" && stateName !== "error") text = t("your_vote", { vote: mineShown }) + " — " + text;
    box.setAttribute("data-state", stateName);
    if (box.textContent !== text) box.textContent = text;
  }

  /* ---- Results ------------------------------------------------------------------------- */

  function renderResults() {
    var card = $("results-card");
    var r = round();
    var box = $("results");
    if (!r) { card.hidden = true; return; }
    if (!results || results.round_id !== r.id) {
      card.hidden = r.state === "open" && r.results === "live";
      M.replace(box, el("p", { class: "muted" }, r.results_visible ? t("results_loading") : t("results_hidden_phone")));
      return;
    }
    card.hidden = false;
    var parts = M.results(r, results, { compact: true });
    M.replace(box,
      parts.outcome,
      el("p", { class: "small muted res-total" }, M.votesText(parts.total)),
      parts.overall,
      el("h3", { class: "res-sub" }, t("by_sector")),
      parts.sectors);
  }

  /* ---- Comments ------------------------------------------------------------------------ */

  function isMine(c) {
    if (mine.indexOf(c.id) >= 0) return true;
    return !!(me && c.author && c.author === me.name && c.organisation === me.organisation);
  }

  function renderComments() {
    if (!state) return;
    var itemId = state.item ? state.item.id : null;
    var list = Object.keys(comments).map(function (k) { return comments[k]; }).filter(function (c) {
      return itemId === null || c.item_id === itemId;
    });
    list = M.sortComments(list);
    $("comment-empty").hidden = list.length > 0;
    M.replace($("comment-list"), list.map(commentNode));
  }

  function commentNode(c) {
    var own = isMine(c);
    var voted = !!myUpvotes[c.id];
    return el("li", { class: "comment" + (c.is_pinned ? " pinned" : ""), dataset: { commentId: c.id } },
      el("div", { class: "comment-meta" },
        el("strong", { class: "comment-author" }, c.author || t("anonymous")),
        c.organisation ? el("span", { class: "comment-org" }, c.organisation) : null,
        M.sectorTag(c.sector, "small")),
      el("p", { class: "comment-body" }, c.body),
      el("div", { class: "comment-foot" },
        c.is_pinned ? el("span", { class: "badge pin" }, "★ " + t("pinned")) : null,
        own ? el("span", { class: "small muted own" }, t("your_comment"), " · ▲ " + M.num(c.upvotes || 0))
          : el("button", { type: "button", class: "upvote", "data-key": "up-" + c.id, dataset: { upvote: c.id },
            "aria-pressed": String(voted), "aria-label": t(voted ? "upvoted_label" : "upvote_label", { n: M.num(c.upvotes || 0) }),
            onclick: function () { upvote(c); } }, el("span", { "aria-hidden": "true" }, "▲ "), M.num(c.upvotes || 0))));
  }

  function upvote(c) {
    if (myUpvotes[c.id]) return;
    myUpvotes[c.id] = true;
    c.upvotes = (c.upvotes || 0) + 1;
    renderComments();
    M.ack(socket, "upvote", { comment_id: c.id }).then(function (res) {
      var err = $("comment-error");
      if (res.ok) {
        if (comments[c.id]) comments[c.id].upvotes = res.upvotes;
        err.hidden = true;
      } else {
        delete myUpvotes[c.id];
        if (comments[c.id]) comments[c.id].upvotes = Math.max(0, (comments[c.id].upvotes || 1) - 1);
        if (res.error && res.error.code === "own_comment" && mine.indexOf(c.id) < 0) { mine.push(c.id); M.store.setJSON(MINE_KEY, mine); }
        err.textContent = M.errorText(res.error);
        err.hidden = false;
      }
      renderComments();
    });
  }

  function renderCommentForm() {
    var form = $("comment-form");
    if (!form || !state) return;
    form.hidden = !isLive();
  }

  function updateCounter() {
    var body = $("comment-body");
    var n = body.value.length;
    var counter = $("comment-count");
    counter.textContent = t("chars_count", { n: M.num(n), max: M.num(COMMENT_MAX) });
    counter.classList.toggle("warn", n > COMMENT_MAX - 50);
  }

  function submitComment(event) {
    event.preventDefault();
    var body = $("comment-body");
    var text = body.value.trim();
    var err = $("comment-error");
    if (!text) { err.textContent = t("err_comment_empty"); err.hidden = false; body.focus(); return; }
    if (text.length > COMMENT_MAX) { err.textContent = t("err_too_long"); err.hidden = false; return; }
    var button = $("comment-submit");
    button.disabled = true;
    M.ack(socket, "comment", { body: text }).then(function (res) {
      button.disabled = false;
      if (res.ok) {
        body.value = "";
        updateCounter();
        err.hidden = true;
        mine.push(res.comment_id);
        M.store.setJSON(MINE_KEY, mine.slice(-200));
        renderComments();
      } else {
        err.textContent = M.errorText(res.error);
        err.hidden = false;
      }
    });
  }

  /* ---- Proposals ----------------------------------------------------------------------- */

  function submitProposal(event) {
    event.preventDefault();
    var form = $("propose-form");
    var err = $("propose-error"), done = $("propose-done");
    var kind = form.querySelector('input[name="kind"]:checked');
    var title = form.elements.title.value.trim();
    var description = form.elements.description.value.trim();
    done.hidden = true;
    if (!title) { err.textContent = t("err_proposal_title"); err.hidden = false; form.elements.title.focus(); return; }
    var button = $("propose-submit");
    button.disabled = true;
    M.ack(socket, "propose", { kind: kind ? kind.value : "action_line", title: title, description: description })
      .then(function (res) {
        button.disabled = false;
        if (res.ok) {
          err.hidden = true;
          form.elements.title.value = "";
          form.elements.description.value = "";
          done.textContent = t("proposal_sent");
          done.hidden = false;
        } else {
          err.textContent = M.errorText(res.error);
          err.hidden = false;
        }
      });
  }

  /* ---- Me ------------------------------------------------------------------------------ */

  function renderMe() {
    var box = $("me");
    if (!me) { M.clear(box); return; }
    M.replace(box, t("you_are", { name: me.name, organisation: me.organisation }), " ", M.sectorTag(me.sector, "small"));
  }

  function leave() {
    if (socket) { socket.close(); socket = null; }
    forget();
    document.body.classList.remove("joined");
    state = null; me = null; myVote = null;
    showJoin();
    var name = $("join-name");
    if (name) name.focus();
  }

  /* ---- Boot ---------------------------------------------------------------------------- */

  function boot() {
    $("join-form").addEventListener("submit", submitJoin);
    $("comment-form").addEventListener("submit", submitComment);
    $("comment-body").addEventListener("input", updateCounter);
    $("propose-form").addEventListener("submit", submitProposal);
    $("leave").addEventListener("click", leave);
    $("item-more").addEventListener("click", toggleDescription);
    updateCounter();
    var token = M.store.get(KEY);
    if (token) { setBoot(t("connecting")); rejoin(token); } else showJoin();
  }

  boot();
})();
