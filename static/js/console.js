/* Mesa console: the facilitator steers the live session — agenda, rounds, results,
 * decisions, moderation and proposals. Every action is a socket event with an ack; a refusal
 * is shown next to the control that caused it. */
(function () {
  "use strict";

  var M = window.Mesa;
  var t = M.t, el = M.el, $ = M.byId;
  var CFG = M.cfg;
  var STEER = !!CFG.can_steer;
  var SINGLE = ["approve", "score", "impact_feasibility"];

  var socket = null;
  var state = null;
  var results = null;          // {round_id, tally, outcome}
  var comments = {};
  var selectedItems = null;     // ids ticked in the open-round form (null: not touched yet)
  var decisionItem = null;      // item id chosen in the decision form

  /* ---- Actions ------------------------------------------------------------------------- */

  function showError(node, error) {
    if (!node) return;
    node.textContent = error ? M.errorText(error) : "";
    node.hidden = !error;
  }

  /** Send a steering event; disable `button` meanwhile; show a refusal in `errNode`. */
  function act(button, event, data, errNode) {
    if (!STEER) return Promise.resolve({ ok: false });
    if (button) button.disabled = true;
    showError(errNode, null);
    return M.ack(socket, event, data, 15000).then(function (res) {
      if (button) button.disabled = false;
      if (!res.ok) showError(errNode, res.error);
      return res;
    });
  }

  /* ---- Socket -------------------------------------------------------------------------- */

  function start() {
    socket = M.connect({ token: CFG.staff_token, session_id: CFG.session.id }, {
      onRefused: function (why) {
        showError($("session-error"), { code: why.code === "unauthorized" ? "login_expired" : why.code, message: why.message });
      }
    });
    socket.on("state", onState);
    socket.on("tally", function (data) {
      if (!state || !state.round || !data || data.round_id !== state.round.id) return;
      if (data.turnout) state.turnout = data.turnout;
      if (data.tally) results = { round_id: data.round_id, tally: data.tally, outcome: data.outcome || (results && results.outcome) };
      renderTurnout();
      renderRoundResults();
    });
    socket.on("turnout", function (figures) { if (state) { state.turnout = figures; renderTurnout(); } });
    socket.on("participants", function (people) { if (state) { state.participants = people || []; renderParticipants(); } });
    socket.on("proposals", function (list) { if (state) { state.proposals = list || []; renderProposals(); } });
    socket.on("agenda", function (agenda) { if (state) { state.agenda = agenda || []; renderAgenda(); renderRoundItems(); renderDecision(); } });
    socket.on("comment", function (c) { if (c && c.id) { comments[c.id] = c; renderComments(); } });
    socket.on("comment_removed", function (data) {
      // staff get the hidden comment as a `comment` with is_hidden; keep it listed
      if (data && comments[data.id]) { comments[data.id].is_hidden = true; renderComments(); }
    });
  }

  function onState(s) {
    M.clock.sync(s.server_time);
    state = s;
    var kept = M.fromState(s);
    results = kept.results;
    comments = kept.comments;
    render();
  }

  function render() {
    renderSession();
    renderTurnout();
    renderAgenda();
    renderCurrent();
    renderRound();
    renderRoundItems();
    renderDecision();
    renderParticipants();
    renderProposals();
    renderComments();
  }

  function agendaItem(id) {
    var list = state && state.agenda || [];
    for (var i = 0; i < list.length; i++) if (list[i].id === id) return list[i];
    return null;
  }

  function itemTitle(id) {
    var item = agendaItem(id);
    if (item) return M.tr(item, "title");
    if (state && state.round) {
      for (var i = 0; i < state.round.items.length; i++) if (state.round.items[i].id === id) return M.tr(state.round.items[i], "title");
    }
    if (state && state.item && state.item.id === id) return M.tr(state.item, "title");
    return "#" + id;
  }

  /* ---- Session ------------------------------------------------------------------------- */

  function renderSession() {
    var s = state.session;
    $("c-title").textContent = s.title;
    var badge = $("c-status");
    badge.textContent = M.label("session_statuses", s.status);
    badge.className = "badge " + s.status;
    badge.setAttribute("data-status", s.status);
    if (STEER) {
      $("btn-start").hidden = !(s.status === "draft" || s.status === "scheduled");
      $("btn-end").hidden = s.status !== "live";
      if (s.status !== "live") closeEndConfirm();
      var live = s.status === "live";
      $("btn-open-round").disabled = !live;
      $("open-round-note").hidden = live || s.status === "closed";
      $("open-round-card").setAttribute("data-live", String(live));
    }
  }

  function renderTurnout() {
    var figures = state.turnout || { joined: 0, voted: 0 };
    var box = $("c-turnout");
    box.setAttribute("data-joined", String(figures.joined));
    box.setAttribute("data-voted", String(figures.voted));
    box.textContent = state.round
      ? t("turnout_line", { voted: M.num(figures.voted), joined: M.num(figures.joined) })
      : t("joined_line", { joined: M.num(figures.joined) });
    var info = $("round-turnout");
    if (info) info.textContent = t("turnout_line", { voted: M.num(figures.voted), joined: M.num(figures.joined) });
  }

  function closeEndConfirm() {
    var box = $("end-confirm");
    if (box) box.hidden = true;
    var end = $("btn-end");
    if (end) end.setAttribute("aria-expanded", "false");
  }

  /* ---- Agenda -------------------------------------------------------------------------- */

  function renderAgenda() {
    var list = state.agenda || [];
    var currentId = state.item ? state.item.id : null;
    $("agenda-empty").hidden = list.length > 0;
    M.replace($("agenda-list"), list.map(function (item) {
      var current = item.id === currentId;
      var title = M.tr(item, "title");
      return el("li", { class: "agenda-item" + (current ? " is-current" : ""), dataset: { itemId: item.id },
        "aria-current": current ? "true" : null },
        el("div", { class: "agenda-title" },
          current ? el("span", { class: "now-tag" }, t("now")) : null,
          el("span", null, title)),
        el("div", { class: "agenda-meta" },
          el("span", { class: "badge kind" }, M.label("kinds", item.kind)),
          el("span", { class: "badge " + item.status, dataset: { status: item.status } }, M.label("item_statuses", item.status)),
          item.computed_outcome ? el("span", { class: "agenda-computed", dataset: { computed: item.computed_outcome } },
            t("vote_gave", { outcome: M.label("outcomes", item.computed_outcome) })) : null,
          item.decision ? el("span", { class: "agenda-decision", dataset: { decision: item.decision.outcome } },
            t("decided_as", { outcome: M.label("outcomes", item.decision.outcome) })) : null),
        STEER ? el("div", { class: "agenda-actions" },
          el("button", { type: "button", class: "btn small secondary", "data-key": "set-" + item.id, dataset: { action: "set-item", itemId: item.id },
            "aria-pressed": String(current), disabled: current || state.session.status !== "live",
            "aria-label": t("discuss_now") + ": " + title, onclick: function (ev) { setItem(ev.currentTarget, item.id); } }, t("discuss_now")),
          el("button", { type: "button", class: "btn small secondary", "data-key": "vote-" + item.id, dataset: { action: "prepare-round", itemId: item.id },
            "aria-label": t("prepare_vote") + ": " + title, onclick: function () { prepareRound([item.id]); } }, t("prepare_vote")),
          el("button", { type: "button", class: "btn small secondary", "data-key": "decide-" + item.id, dataset: { action: "decide", itemId: item.id },
            "aria-label": t("decide") + ": " + title, onclick: function () { chooseDecision(item.id); } }, t("decide"))) : null);
    }));
  }

  function setItem(button, id) {
    act(button, "set_item", { item_id: id }, $("agenda-error"));
  }

  /* ---- Current item -------------------------------------------------------------------- */

  function renderCurrent() {
    var item = state.item;
    var box = $("current-item");
    if (STEER) $("btn-clear-item").hidden = !item || state.session.status !== "live";
    if (!item) {
      M.replace(box, el("p", { class: "muted" }, t("no_current_item")));
      return;
    }
    M.replace(box,
      el("p", { class: "c-kind" }, el("span", { class: "badge kind" }, M.label("kinds", item.kind))),
      el("h3", { class: "c-item-title", dataset: { itemId: item.id } }, M.tr(item, "title")),
      M.tr(item, "description") ? el("p", { class: "c-item-desc" }, M.tr(item, "description")) : null);
  }

  /* ---- Round --------------------------------------------------------------------------- */

  function yesNo(value) {
    return value ? t("yes") : t("no");
  }

  function renderRound() {
    var r = state.round;
    var card = $("round-card");
    M.countdown($("round-countdown"), r && r.state === "open" ? r.timer_ends_at : null);
    if (!r) {
      card.removeAttribute("data-round-id");
      M.replace($("round-info"), el("p", { class: "muted" }, t("no_round_yet")));
      if (STEER) $("round-actions").hidden = true;
      renderRoundResults();
      return;
    }
    card.setAttribute("data-round-id", String(r.id));
    card.setAttribute("data-round-state", r.state);
    var resultsText = r.results === "live" ? t("results_live")
      : r.is_revealed ? t("results_revealed") : t("results_hidden_short");
    M.replace($("round-info"),
      el("p", { class: "round-line" },
        el("span", { class: "badge " + (r.state === "open" ? "live" : "closed"), dataset: { roundState: r.state } },
          r.state === "open" ? t("voting_open") : t("voting_closed")),
        " ", el("strong", null, M.label("methods", r.method)),
        " ", el("span", { class: "muted small" }, t("round_no", { id: r.id }))),
      el("ul", { class: "round-items" }, r.items.map(function (item) {
        return el("li", { dataset: { itemId: item.id } }, M.tr(item, "title"));
      })),
      el("p", { class: "round-settings small" },
        [t("quorum_is", { n: M.num(r.quorum) }), t("threshold_is", { threshold: M.pct(r.threshold) }),
          t("cross_sector_is", { value: yesNo(r.cross_sector) }), r.anonymous ? t("anonymous") : t("named_votes"),
          resultsText].concat(r.method === "dots" ? [t("dots_budget_is", { n: M.num(r.dots) })] : []).join(" · ")),
      el("p", { class: "round-turnout", id: "round-turnout" }));
    renderTurnout();
    if (STEER) {
      var open = r.state === "open" && state.session.status === "live";
      $("round-actions").hidden = false;
      $("btn-close-round").hidden = r.state !== "open";
      $("btn-reveal").hidden = !(r.results === "hidden" && !r.is_revealed && r.state === "open");
      $("btn-hide-results").hidden = !(r.results === "hidden" && r.is_revealed && r.state === "open");
      $("btn-reopen").hidden = r.state !== "closed" || state.session.status !== "live";
      $("timer-controls").hidden = !open;
      $("btn-timer-stop").hidden = !r.timer_ends_at;
    }
    renderRoundResults();
  }

  function renderRoundResults() {
    var box = $("round-results");
    var r = state && state.round;
    if (!r || !results || results.round_id !== r.id) {
      M.replace(box, r ? el("p", { class: "muted" }, t("results_loading")) : null);
      return;
    }
    var parts = M.results(r, results, { compact: false });
    M.replace(box,
      parts.outcome,
      el("h3", { class: "res-sub" }, t("all_participants"), " ", el("span", { class: "muted small" }, "· " + M.votesText(parts.total))),
      parts.overall,
      parts.sectors ? el("h3", { class: "res-sub" }, t("by_sector")) : null,
      parts.sectors);
  }

  function roundId() {
    return state && state.round ? state.round.id : null;
  }

  function focusHeading(id) {
    var heading = $(id);
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  function bindRoundActions() {
    if (!STEER) return;
    var err = $("round-error");
    $("btn-close-round").addEventListener("click", function (ev) {
      act(ev.currentTarget, "close_round", { round_id: roundId() }, err).then(function (res) {
        // The button disappears with the open round: keep keyboard users in the round card.
        if (res.ok) focusHeading("round-title");
      });
    });
    $("btn-reveal").addEventListener("click", function (ev) {
      act(ev.currentTarget, "reveal", { round_id: roundId(), revealed: true }, err);
    });
    $("btn-hide-results").addEventListener("click", function (ev) {
      act(ev.currentTarget, "reveal", { round_id: roundId(), revealed: false }, err);
    });
    $("btn-timer-start").addEventListener("click", function (ev) {
      var seconds = parseInt($("timer-seconds").value, 10);
      if (!(seconds >= 5 && seconds <= 3600)) { showError(err, { code: "bad_seconds" }); $("timer-seconds").focus(); return; }
      act(ev.currentTarget, "timer", { round_id: roundId(), seconds: seconds }, err);
    });
    $("btn-timer-stop").addEventListener("click", function (ev) {
      act(ev.currentTarget, "timer", { round_id: roundId(), seconds: 0 }, err);
    });
    $("btn-reopen").addEventListener("click", function () {
      var r = state.round;
      if (!r) return;
      prepareRound(r.items.map(function (i) { return i.id; }), r);
    });
    $("btn-clear-item").addEventListener("click", function (ev) {
      act(ev.currentTarget, "set_item", { item_id: null }, $("agenda-error"));
    });
    $("btn-start").addEventListener("click", function (ev) {
      act(ev.currentTarget, "start_session", {}, $("session-error"));
    });
    $("btn-end").addEventListener("click", function (ev) {
      $("end-confirm").hidden = false;
      ev.currentTarget.setAttribute("aria-expanded", "true");
      $("btn-end-confirm").focus();
    });
    $("btn-end-cancel").addEventListener("click", function () {
      closeEndConfirm();
      $("btn-end").focus();
    });
    $("btn-end-confirm").addEventListener("click", function (ev) {
      act(ev.currentTarget, "end_session", {}, $("session-error")).then(function (res) { if (res.ok) closeEndConfirm(); });
    });
  }

  /* ---- Open a round -------------------------------------------------------------------- */

  function currentMethod() {
    return $("round-method").value;
  }

  function renderRoundItems() {
    if (!STEER || !state) return;
    var list = state.agenda || [];
    if (selectedItems === null) selectedItems = state.item ? [state.item.id] : [];
    selectedItems = selectedItems.filter(function (id) { return !!agendaItem(id); });
    M.replace($("round-items"), list.map(function (item) {
      var id = "round-item-" + item.id;
      return el("label", { class: "check", for: id },
        el("input", { type: "checkbox", id: id, name: "round-item", value: String(item.id), "data-key": id,
          checked: selectedItems.indexOf(item.id) >= 0,
          onchange: function (ev) {
            if (ev.currentTarget.checked) { if (selectedItems.indexOf(item.id) < 0) selectedItems.push(item.id); }
            else selectedItems = selectedItems.filter(function (x) { return x !== item.id; });
            renderItemsHint();
          } }),
        " ", M.tr(item, "title"));
    }));
    renderItemsHint();
  }

  function renderItemsHint() {
    var method = currentMethod();
    var n = (selectedItems || []).length;
    var single = SINGLE.indexOf(method) >= 0;
    var hint = $("round-items-hint");
    hint.textContent = single ? t("needs_one_item", { n: n }) : t("needs_two_items", { n: n });
    var ok = single ? n === 1 : n >= 2;
    hint.classList.toggle("bad", !ok && n > 0);
    $("round-dots-field").hidden = method !== "dots";
  }

  /** Fill the form for a vote on these items (and the settings of `like`), then focus it. */
  function prepareRound(ids, like) {
    selectedItems = ids.slice();
    if (like) {
      $("round-method").value = like.method;
      $("round-quorum").value = like.quorum;
      $("round-threshold").value = Math.round(like.threshold * 100);
      $("round-cross-sector").checked = !!like.cross_sector;
      $("round-anonymous").checked = !!like.anonymous;
      $(like.results === "hidden" ? "round-results-hidden" : "round-results-live").checked = true;
      $("round-dots").value = like.dots || "";
    } else if (ids.length === 1 && SINGLE.indexOf(currentMethod()) < 0) {
      $("round-method").value = "approve";
    }
    renderRoundItems();
    var card = $("open-round-card");
    if (card.scrollIntoView) card.scrollIntoView({ block: "start", behavior: "smooth" });
    $("round-method").focus();
  }

  function intOrNull(input) {
    var text = String(input.value || "").trim();
    if (!text) return null;
    var n = Number(text);
    return isFinite(n) && Math.floor(n) === n ? n : NaN;
  }

  function submitOpenRound(event) {
    event.preventDefault();
    var err = $("open-round-error");
    showError(err, null);
    var method = currentMethod();
    var ids = (selectedItems || []).slice();
    var single = SINGLE.indexOf(method) >= 0;
    function fail(key, input) {
      err.textContent = t(key);
      err.hidden = false;
      if (input) input.focus();
    }
    if (single && ids.length !== 1) return fail("err_one_item", $("round-items").querySelector("input"));
    if (!single && ids.length < 2) return fail("err_two_items", $("round-items").querySelector("input"));
    var quorum = intOrNull($("round-quorum"));
    if (quorum === null) quorum = 0;
    if (isNaN(quorum) || quorum < 0) return fail("err_quorum", $("round-quorum"));
    var threshold = Number($("round-threshold").value);
    if (String($("round-threshold").value).trim() === "" || !isFinite(threshold) || threshold < 0 || threshold > 100) {
      return fail("err_threshold", $("round-threshold"));
    }
    var data = {
      item_ids: ids, method: method, quorum: quorum, threshold: Math.round(threshold * 10) / 1000,
      cross_sector: $("round-cross-sector").checked, anonymous: $("round-anonymous").checked,
      results: $("round-results-hidden").checked ? "hidden" : "live"
    };
    if (method === "dots") {
      var dots = intOrNull($("round-dots"));
      if (isNaN(dots) || dots !== null && dots < 1) return fail("err_dots", $("round-dots"));
      if (dots !== null) data.dots = dots;
    }
    var seconds = intOrNull($("round-seconds"));
    if (isNaN(seconds) || seconds !== null && (seconds < 5 || seconds > 3600)) return fail("err_seconds", $("round-seconds"));
    if (seconds !== null) data.seconds = seconds;
    act($("btn-open-round"), "open_round", data, err).then(function (res) {
      if (res.ok) {
        $("round-seconds").value = "";
        focusHeading("round-title");
      }
    });
  }

  /* ---- Decisions ----------------------------------------------------------------------- */

  function chooseDecision(id) {
    decisionItem = id;
    $("decision-done").hidden = true;
    renderDecision(true);
    var card = $("decision-card");
    if (card.scrollIntoView) card.scrollIntoView({ block: "start", behavior: "smooth" });
    $("decision-outcome").focus();
  }

  function renderDecision(reset) {
    if (!STEER || !state) return;
    var list = state.agenda || [];
    var select = $("decision-item");
    if (decisionItem === null || !agendaItem(decisionItem)) {
      decisionItem = state.item && agendaItem(state.item.id) ? state.item.id : list.length ? list[0].id : null;
      reset = true;
    }
    var focused = document.activeElement === select;
    M.clear(select);
    list.forEach(function (item) {
      select.appendChild(el("option", { value: String(item.id), selected: item.id === decisionItem }, M.tr(item, "title")));
    });
    if (focused) select.focus();
    var item = agendaItem(decisionItem);
    var computed = item && item.computed_outcome;
    var box = $("decision-computed");
    box.setAttribute("data-computed", computed || "");
    M.replace(box,
      computed ? [t("computed_is") + " ", el("strong", { class: "badge " + computed }, M.label("outcomes", computed))]
        : t("no_computed"),
      item && item.decision ? el("span", { class: "decision-current" }, " · " + t("recorded_as", { outcome: M.label("outcomes", item.decision.outcome) }) +
        (item.decision.reason ? " — " + item.decision.reason : "")) : null);
    if (reset) {
      var outcome = item && item.decision ? item.decision.outcome
        : computed === "agreed" || computed === "rejected" ? computed : "";
      $("decision-outcome").value = outcome;
      $("decision-reason").value = item && item.decision && item.decision.reason || "";
    }
    updateReasonNeed();
  }

  function reasonRequired() {
    var item = agendaItem(decisionItem);
    var computed = item && item.computed_outcome;
    var outcome = $("decision-outcome").value;
    return !!(computed && outcome && outcome !== computed);
  }

  function updateReasonNeed() {
    var need = reasonRequired();
    var hint = $("decision-reason-need");
    hint.textContent = need ? t("reason_required_hint") : "(" + t("optional") + ")";
    var reason = $("decision-reason");
    reason.required = need;
    $("decision-reason-field").classList.toggle("required", need);
    if (!need) { reason.removeAttribute("aria-invalid"); $("decision-reason-field").classList.remove("invalid"); }
  }

  function submitDecision(event) {
    event.preventDefault();
    var err = $("decision-error");
    var done = $("decision-done");
    showError(err, null);
    done.hidden = true;
    var outcome = $("decision-outcome").value;
    var reason = $("decision-reason").value.trim();
    if (!decisionItem) { err.textContent = t("err_decision_item"); err.hidden = false; return; }
    if (!outcome) { err.textContent = t("err_decision_outcome"); err.hidden = false; $("decision-outcome").focus(); return; }
    if (reasonRequired() && !reason) {
      err.textContent = t("err_reason_required");
      err.hidden = false;
      $("decision-reason").setAttribute("aria-invalid", "true");
      $("decision-reason-field").classList.add("invalid");
      $("decision-reason").focus();
      return;
    }
    var id = decisionItem;
    act($("btn-decide"), "decide", { item_id: id, outcome: outcome, reason: reason }, err).then(function (res) {
      if (res.ok) {
        done.textContent = t("decision_saved", { item: itemTitle(id), outcome: M.label("outcomes", res.outcome || outcome) });
        done.hidden = false;
      }
    });
  }

  /* ---- People, proposals, comments ----------------------------------------------------- */

  function renderParticipants() {
    var people = state.participants || [];
    $("participants-count").textContent = M.num(people.length);
    var counts = {};
    M.sectors.forEach(function (s) { counts[s] = 0; });
    people.forEach(function (p) { counts[p.sector] = (counts[p.sector] || 0) + 1; });
    M.replace($("sector-counts"), M.sectors.map(function (s) {
      return el("li", { dataset: { sector: s } }, M.sectorTag(s), el("span", { class: "sector-count" }, M.num(counts[s])));
    }));
    M.replace($("participants-list"), people.map(function (p) {
      return el("li", { dataset: { participantId: p.id } },
        el("span", { class: "person-name" }, p.name), " ",
        el("span", { class: "muted small" }, p.organisation), " ", M.sectorTag(p.sector, "small"));
    }));
  }

  function renderProposals() {
    var list = state.proposals || [];
    $("proposals-count").textContent = M.num(list.length);
    $("proposals-empty").hidden = list.length > 0;
    M.replace($("proposals-list"), list.map(function (p) {
      return el("li", { class: "proposal", dataset: { proposalId: p.id } },
        el("p", { class: "proposal-title" }, el("span", { class: "badge kind" }, M.label("kinds", p.kind)), " ", el("strong", null, p.title)),
        p.description ? el("p", { class: "proposal-desc small" }, p.description) : null,
        p.author ? el("p", { class: "muted small" }, t("proposed_by", { name: p.author })) : null,
        STEER ? el("div", { class: "row" },
          el("button", { type: "button", class: "btn small", "data-key": "accept-" + p.id, dataset: { action: "accept", proposalId: p.id },
            "aria-label": t("accept") + ": " + p.title,
            onclick: function (ev) { act(ev.currentTarget, "handle_proposal", { proposal_id: p.id, accept: true }, $("proposals-error")); } }, t("accept")),
          el("button", { type: "button", class: "btn small secondary", "data-key": "reject-" + p.id, dataset: { action: "reject", proposalId: p.id },
            "aria-label": t("reject") + ": " + p.title,
            onclick: function (ev) { act(ev.currentTarget, "handle_proposal", { proposal_id: p.id, accept: false }, $("proposals-error")); } }, t("reject"))) : null);
    }));
  }

  function renderComments() {
    var list = M.sortComments(Object.keys(comments).map(function (k) { return comments[k]; }));
    $("comments-count").textContent = M.num(list.length);
    $("comments-empty").hidden = list.length > 0;
    var currentId = state && state.item ? state.item.id : null;
    M.replace($("comments-list"), list.map(function (c) {
      var err = $("comments-error");
      function moderate(change) {
        return function (ev) { act(ev.currentTarget, "moderate", Object.assign({ comment_id: c.id }, change), err); };
      }
      return el("li", { class: "comment" + (c.is_pinned ? " pinned" : "") + (c.is_hidden ? " is-hidden" : ""),
        dataset: { commentId: c.id, hidden: String(!!c.is_hidden), pinned: String(!!c.is_pinned) } },
        el("div", { class: "comment-meta" },
          el("strong", { class: "comment-author" }, c.author || t("anonymous")),
          c.organisation ? el("span", { class: "comment-org" }, c.organisation) : null,
          M.sectorTag(c.sector, "small")),
        c.item_id && c.item_id !== currentId ? el("p", { class: "comment-item small muted" }, t("about_item", { item: itemTitle(c.item_id) })) : null,
        el("p", { class: "comment-body" }, c.body),
        el("div", { class: "comment-foot" },
          el("span", { class: "small" }, "▲ " + M.num(c.upvotes || 0)),
          c.is_pinned ? el("span", { class: "badge pin" }, "★ " + t("pinned")) : null,
          c.is_hidden ? el("span", { class: "badge hidden-badge" }, t("hidden")) : null,
          STEER ? el("span", { class: "comment-actions" },
            el("button", { type: "button", class: "btn small secondary", "data-key": (c.is_pinned ? "unpin-" : "pin-") + c.id,
              dataset: { action: c.is_pinned ? "unpin" : "pin", commentId: c.id },
              onclick: moderate({ pinned: !c.is_pinned }) }, c.is_pinned ? t("unpin") : t("pin")),
            el("button", { type: "button", class: "btn small secondary", "data-key": (c.is_hidden ? "unhide-" : "hide-") + c.id,
              dataset: { action: c.is_hidden ? "unhide" : "hide", commentId: c.id },
              onclick: moderate({ hidden: !c.is_hidden }) }, c.is_hidden ? t("unhide") : t("hide"))) : null));
    }));
  }

  /* ---- Boot ---------------------------------------------------------------------------- */

  function boot() {
    if (STEER) {
      bindRoundActions();
      $("open-round-form").addEventListener("submit", submitOpenRound);
      $("round-method").addEventListener("change", renderItemsHint);
      $("decision-form").addEventListener("submit", submitDecision);
      $("decision-item").addEventListener("change", function (ev) {
        decisionItem = parseInt(ev.currentTarget.value, 10);
        $("decision-done").hidden = true;
        showError($("decision-error"), null);
        renderDecision(true);
      });
      $("decision-outcome").addEventListener("change", updateReasonNeed);
      $("decision-reason").addEventListener("input", function () {
        if ($("decision-reason").value.trim()) {
          $("decision-reason").removeAttribute("aria-invalid");
          $("decision-reason-field").classList.remove("invalid");
        }
      });
    }
    start();
  }

  boot();
})();
