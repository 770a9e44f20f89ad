/* Mesa live screens — shared helpers for phone.js, projector.js and console.js.
 *
 * Plain ES2017, no framework. Everything user data touches is built with createElement and
 * textContent (see `el`), never with HTML strings. The page hands its configuration and its
 * translated strings in `window.MESA` (see workshop/live/strings.py).
 */
(function () {
  "use strict";

  var CFG = window.MESA || {};
  var STR = CFG.strings || {};
  var LABELS = CFG.labels || {};
  var LANG = CFG.lang || document.documentElement.lang || "es";
  var SECTORS = ["public", "private", "academic", "civil_society"];
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* ---- Texts ------------------------------------------------------------------------- */

  /** Translated string `key`, with `{name}` placeholders filled from `params`. */
  function t(key, params) {
    var text = Object.prototype.hasOwnProperty.call(STR, key) ? String(STR[key]) : key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match;
    });
  }

  /** A translated label of a code (`label("sectors", "public")`), or the code itself. */
  function label(group, code) {
    var table = LABELS[group] || {};
    return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : String(code == null ? "" : code);
  }

  /** The English field on English pages when it is filled in, else the Spanish one. */
  function tr(obj, field) {
    if (!obj) return "";
    var english = LANG === "en" ? obj[field + "_en"] : "";
    return english || obj[field] || "";
  }

  /** The message to show for an ack error: a translated one for known codes, else the server's. */
  function errorText(error) {
    if (!error) return t("err_generic");
    var key = "err_" + error.code;
    if (Object.prototype.hasOwnProperty.call(STR, key)) return STR[key];
    return error.message || t("err_generic");
  }

  /* ---- DOM --------------------------------------------------------------------------- */

  var PROPS = { checked: 1, disabled: 1, hidden: 1, value: 1, selected: 1, multiple: 1, required: 1,
    indeterminate: 1, open: 1 };

  function setAttrs(node, attrs) {
    if (!attrs) return node;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (key === "innerHTML" || key === "outerHTML") throw new Error("el(): HTML strings are not allowed");
      if (value === null || value === undefined || value === false && !(key in PROPS)) return;
      if (key === "class") node.setAttribute("class", value);
      else if (key === "text") node.textContent = String(value);
      else if (key === "style") {
        Object.keys(value).forEach(function (prop) {
          if (prop.indexOf("--") === 0) node.style.setProperty(prop, value[prop]);
          else node.style[prop] = value[prop];
        });
      } else if (key === "dataset") {
        Object.keys(value).forEach(function (name) {
          if (value[name] !== null && value[name] !== undefined) node.dataset[name] = String(value[name]);
        });
      } else if (key.indexOf("on") === 0 && typeof value === "function") {
        node.addEventListener(key.slice(2), value);
      } else if (key in PROPS) node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    return node;
  }

  function appendChildren(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      if (Array.isArray(child)) appendChildren(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    });
    return node;
  }

  /** el("button", {class: "btn", onclick: fn}, "text", childNode, [more]) — text is never parsed. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    return appendChildren(node, Array.prototype.slice.call(arguments, 2));
  }

  /** The same for SVG elements. */
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = String(value);
        else if (key === "class") node.setAttribute("class", value);
        else node.setAttribute(key, String(value));
      });
    }
    return appendChildren(node, Array.prototype.slice.call(arguments, 2));
  }

  function clear(node) {
    while (node && node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  /** Replace the children of `node`; keyboard focus stays on the element with the same data-key. */
  function replace(node) {
    var children = Array.prototype.slice.call(arguments, 1);
    var active = document.activeElement;
    var key = active && node.contains(active) && active.getAttribute("data-key");
    clear(node);
    appendChildren(node, children);
    if (key) {
      var again = node.querySelector('[data-key="' + cssEscape(key) + '"]');
      if (again && !again.disabled) again.focus();
    }
    return node;
  }

  function cssEscape(value) {
    return window.CSS && CSS.escape ? CSS.escape(value) : String(value).replace(/["\\]/g, "\\$&");
  }

  function show(node, visible) {
    if (node) node.hidden = !visible;
  }

  function byId(id) {
    return document.getElementById(id);
  }

  /* ---- Numbers ----------------------------------------------------------------------- */

  var LOCALE = LANG === "en" ? "en-GB" : "es-PE";
  var numberFormats = {};

  function num(value, digits) {
    if (value === null || value === undefined || isNaN(value)) return "—";
    var d = digits === undefined ? 0 : digits;
    var key = "n" + d;
    if (!numberFormats[key]) {
      numberFormats[key] = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 0, maximumFractionDigits: d });
    }
    return numberFormats[key].format(value);
  }

  /** A share in [0, 1] as "60 %". */
  function pct(share) {
    if (share === null || share === undefined || isNaN(share)) return "—";
    if (!numberFormats.pct) {
      numberFormats.pct = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });
    }
    return numberFormats.pct.format(share);
  }

  function share(part, total) {
    return total ? part / total : 0;
  }

  /* ---- Time -------------------------------------------------------------------------- */

  /** Milliseconds of an ISO date from the server (Python isoformat, microseconds allowed). */
  function parseTime(iso) {
    if (!iso) return NaN;
    var text = String(iso).replace(/(\.\d{3})\d+/, "$1");
    if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += "Z";
    return Date.parse(text);
  }

  var clock = {
    skew: 0,
    /** Remember how far this device's clock is from the server's (from `state.server_time`). */
    sync: function (serverIso) {
      var server = parseTime(serverIso);
      if (!isNaN(server)) clock.skew = server - Date.now();
    },
    now: function () {
      return Date.now() + clock.skew;
    }
  };

  var countdowns = [];

  /** Show a countdown to `endsIso` in `node` ("2:05"); hides the node without a timer. */
  function countdown(node, endsIso) {
    if (!node) return;
    countdowns = countdowns.filter(function (c) { return c.node !== node; });
    var ends = parseTime(endsIso);
    if (!endsIso || isNaN(ends)) {
      node.hidden = true;
      node.removeAttribute("data-state");
      return;
    }
    countdowns.push({ node: node, ends: ends });
    node.hidden = false;
    tick();
  }

  function formatSeconds(total) {
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function tick() {
    var now = clock.now();
    countdowns.forEach(function (c) {
      var left = Math.max(0, Math.ceil((c.ends - now) / 1000));
      var state = left === 0 ? "done" : left <= 10 ? "urgent" : "running";
      var text = left === 0 ? t("times_up") : formatSeconds(left);
      var value = c.node.querySelector(".countdown-value") || c.node;
      if (value.textContent !== text) value.textContent = text;
      if (c.node.getAttribute("data-state") !== state) c.node.setAttribute("data-state", state);
      c.node.setAttribute("data-seconds", String(left));
    });
  }
  setInterval(tick, 250);

  /* ---- Storage ----------------------------------------------------------------------- */

  var store = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: keep going */ }
    },
    remove: function (key) {
      try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
    },
    getJSON: function (key) {
      var raw = store.get(key);
      if (!raw) return null;
      try { return JSON.parse(raw); } catch (e) { return null; }
    },
    setJSON: function (key, value) {
      store.set(key, JSON.stringify(value));
    }
  };

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  /* ---- Socket ------------------------------------------------------------------------ */

  var CONN_TEXT = { connecting: "conn_connecting", online: "conn_online", reconnecting: "conn_reconnecting",
    offline: "conn_offline", refused: "conn_refused" };

  /** Paint every connection indicator ([data-conn-indicator]) with the state, in words. */
  function paintConnection(state) {
    var nodes = document.querySelectorAll("[data-conn-indicator]");
    Array.prototype.forEach.call(nodes, function (node) {
      node.setAttribute("data-conn", state);
      node.hidden = false;
      var text = node.querySelector(".conn-text") || node;
      text.textContent = t(CONN_TEXT[state] || "conn_connecting");
    });
  }

  /** The refusal sent at connect: {code, message}, also when the server packed it in the message. */
  function refusal(err) {
    if (err && err.data && typeof err.data === "object" && err.data.code) return err.data;
    var message = err && err.message ? String(err.message) : "";
    var match = message.match(/['"]code['"]\s*:\s*['"](\w+)['"]/);
    return { code: match ? match[1] : "unauthorized", message: message };
  }

  /**
   * Connect to /live with `auth`; reconnects by itself. handlers: onStatus(state),
   * onRefused({code, message}), onConnect(socket). Returns the socket.
   */
  function connect(auth, handlers) {
    handlers = handlers || {};
    var status = "connecting";
    var socket = window.io("/live", {
      auth: auth, reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.3, timeout: 15000
    });

    function set(next) {
      status = next;
      paintConnection(next);
      if (handlers.onStatus) handlers.onStatus(next);
    }

    function lost() {
      set(navigator.onLine === false ? "offline" : "reconnecting");
    }

    socket.on("connect", function () {
      set("online");
      if (handlers.onConnect) handlers.onConnect(socket);
    });
    socket.on("disconnect", function (reason) {
      lost();
      if (reason === "io server disconnect") setTimeout(function () { socket.connect(); }, 1500);
    });
    socket.on("connect_error", function (err) {
      if (!socket.active) {
        var why = refusal(err);
        set("refused");
        if (handlers.onRefused) handlers.onRefused(why);
        else setTimeout(function () { socket.connect(); }, 5000);
      } else lost();
    });
    window.addEventListener("offline", function () { if (!socket.connected) set("offline"); });
    window.addEventListener("online", function () { if (!socket.connected) set("reconnecting"); });
    paintConnection(status);
    socket.mesaStatus = function () { return status; };
    return socket;
  }

  /** Emit `event` and resolve with its ack, or with {ok: false, error} after `ms` or when offline. */
  function ack(socket, event, data, ms) {
    return new Promise(function (resolve) {
      if (!socket || !socket.connected) {
        resolve({ ok: false, error: { code: "offline", message: t("err_offline") } });
        return;
      }
      socket.timeout(ms || 10000).emit(event, data || {}, function (err, response) {
        if (err) resolve({ ok: false, error: { code: "timeout", message: t("err_timeout") } });
        else if (!response || typeof response !== "object") {
          resolve({ ok: false, error: { code: "bad_ack", message: t("err_generic") } });
        } else resolve(response);
      });
    });
  }

  /* ---- Comments ---------------------------------------------------------------------- */

  /** Pinned first, then the most up-voted, then the newest. */
  function sortComments(list) {
    return list.slice().sort(function (a, b) {
      if (!!b.is_pinned !== !!a.is_pinned) return b.is_pinned ? 1 : -1;
      if ((b.upvotes || 0) !== (a.upvotes || 0)) return (b.upvotes || 0) - (a.upvotes || 0);
      return b.id - a.id;
    });
  }

  function sectorTag(code, extraClass) {
    if (!code) return null;
    return el("span", { class: "sector " + code + (extraClass ? " " + extraClass : ""), "data-sector": code },
      label("sectors", code));
  }

  /* ---- Results ----------------------------------------------------------------------- */

  var CHOICES = [["approve", "✓"], ["neutral", "–"], ["reject", "✗"]];
  var SECTOR_SHAPES = { public: "square", private: "bar", academic: "circle", civil_society: "diamond" };

  function barRow(key, labelNode, ratio, value, extraClass) {
    var width = Math.max(0, Math.min(1, ratio || 0)) * 100;
    return el("div", { class: "bar-row" + (extraClass ? " " + extraClass : ""), "data-key": null, dataset: { row: key } },
      el("div", { class: "bar-label" }, labelNode),
      el("div", { class: "bar-track", "aria-hidden": "true" },
        el("div", { class: "bar-fill", style: { width: width.toFixed(1) + "%" } })),
      el("div", { class: "bar-value" }, value));
  }

  function votesText(n) {
    return n === 1 ? t("one_vote") : t("n_votes", { n: num(n) });
  }

  function itemTitles(round) {
    var titles = {};
    (round && round.items || []).forEach(function (item) { titles[String(item.id)] = tr(item, "title"); });
    return titles;
  }

  function supportLine(tally, round) {
    return el("p", { class: "res-support" },
      el("span", { class: "res-support-value" }, t("support_is", { support: pct(tally.support) })),
      round && typeof round.threshold === "number"
        ? el("span", { class: "res-threshold" }, t("threshold_is", { threshold: pct(round.threshold) })) : null);
  }

  /* approve ------------------------------------------------------------------------------ */

  function approveOverall(tally, round) {
    var counts = tally.counts || {};
    var total = tally.total || 0;
    return el("div", { class: "res-overall res-approve" },
      el("div", { class: "bars" }, CHOICES.map(function (choice) {
        var n = counts[choice[0]] || 0;
        return barRow(choice[0],
          [el("span", { class: "choice-icon", "aria-hidden": "true" }, choice[1]), t("choice_" + choice[0])],
          share(n, total), num(n) + " · " + pct(share(n, total)), "choice-" + choice[0]);
      })),
      supportLine(tally, round));
  }

  function stackedTrack(counts, total) {
    return el("div", { class: "stack-track", "aria-hidden": "true" }, CHOICES.map(function (choice) {
      var n = counts[choice[0]] || 0;
      var ratio = share(n, total);
      if (!n) return null;
      return el("span", { class: "seg seg-" + choice[0], style: { width: (ratio * 100).toFixed(1) + "%" } },
        ratio >= 0.1 ? choice[1] + " " + num(n) : "");
    }));
  }

  function approveSectors(tally) {
    return SECTORS.map(function (code) {
      var f = tally.by_sector && tally.by_sector[code] || { total: 0, counts: {} };
      var counts = f.counts || {};
      var spoken = CHOICES.map(function (c) { return t("choice_" + c[0]) + " " + num(counts[c[0]] || 0); }).join(", ");
      return el("div", { class: "sector-row", dataset: { sector: code } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        f.total ? stackedTrack(counts, f.total) : el("div", { class: "stack-track empty-track", "aria-hidden": "true" }),
        el("div", { class: "sector-row-value" },
          f.total ? [el("strong", null, pct(f.support)), " ", el("span", { class: "muted-text" }, votesText(f.total))]
            : el("span", { class: "muted-text" }, t("no_votes_yet"))),
        el("span", { class: "visually-hidden" }, f.total ? spoken : ""));
    });
  }

  /* score -------------------------------------------------------------------------------- */

  function scoreOverall(tally, round) {
    var counts = tally.counts || {};
    var total = tally.total || 0;
    var max = 0;
    ["1", "2", "3", "4", "5"].forEach(function (k) { max = Math.max(max, counts[k] || 0); });
    return el("div", { class: "res-overall res-score" },
      el("div", { class: "stat-pair" },
        el("div", { class: "big-stat" }, el("span", { class: "big-stat-value", dataset: { stat: "mean" } }, num(tally.mean, 1)),
          el("span", { class: "big-stat-label" }, t("mean_of_5"))),
        el("div", { class: "big-stat" }, el("span", { class: "big-stat-value", dataset: { stat: "support" } }, pct(tally.support)),
          el("span", { class: "big-stat-label" }, t("scores_4_5")))),
      el("div", { class: "cols", role: "list" }, ["1", "2", "3", "4", "5"].map(function (k) {
        var n = counts[k] || 0;
        return el("div", { class: "col" + (Number(k) >= 4 ? " col-strong" : ""), role: "listitem", dataset: { row: k } },
          el("span", { class: "col-count" }, num(n)),
          el("span", { class: "col-bar-wrap", "aria-hidden": "true" },
            el("span", { class: "col-bar", style: { height: (max ? n / max * 100 : 0).toFixed(1) + "%" } })),
          el("span", { class: "col-label" }, el("span", { class: "visually-hidden" }, t("score_label") + " "), k),
          el("span", { class: "visually-hidden" }, " " + pct(share(n, total))));
      })),
      round && typeof round.threshold === "number"
        ? el("p", { class: "res-support" }, el("span", { class: "res-threshold" }, t("threshold_is", { threshold: pct(round.threshold) }))) : null);
  }

  function scoreSectors(tally) {
    return SECTORS.map(function (code) {
      var f = tally.by_sector && tally.by_sector[code] || { total: 0 };
      return el("div", { class: "sector-row", dataset: { sector: code } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        el("div", { class: "bar-track" + (f.total ? "" : " empty-track"), "aria-hidden": "true" },
          el("div", { class: "bar-fill sector-fill " + code, style: { width: (f.total ? (f.mean || 0) / 5 * 100 : 0).toFixed(1) + "%" } })),
        el("div", { class: "sector-row-value" },
          f.total ? [el("strong", null, t("mean_short", { mean: num(f.mean, 1) })), " ",
            el("span", { class: "muted-text" }, votesText(f.total))]
            : el("span", { class: "muted-text" }, t("no_votes_yet"))));
    });
  }

  /* impact × feasibility ----------------------------------------------------------------- */

  function shapeAt(code, x, y, r) {
    var shape = SECTOR_SHAPES[code] || "circle";
    var common = { class: "mark mark-" + code };
    if (shape === "circle") return svg("circle", Object.assign({ cx: x, cy: y, r: r }, common));
    if (shape === "square") return svg("rect", Object.assign({ x: x - r, y: y - r, width: 2 * r, height: 2 * r }, common));
    if (shape === "bar") return svg("rect", Object.assign({ x: x - r * 1.2, y: y - r * 0.7, width: 2.4 * r, height: 1.4 * r }, common));
    return svg("rect", Object.assign({ x: x - r * 0.85, y: y - r * 0.85, width: 1.7 * r, height: 1.7 * r,
      transform: "rotate(45 " + x + " " + y + ")" }, common));
  }

  function matrixPlot(tally) {
    var pad = 14, size = 100;
    function px(v) { return pad + (v - 1) / 4 * (size - 2 * pad); }
    function py(v) { return size - pad - (v - 1) / 4 * (size - 2 * pad); }
    var nodes = [
      svg("rect", { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, class: "plot-frame" }),
      svg("rect", { x: px(3), y: pad, width: px(5) - px(3), height: py(3) - pad, class: "plot-win" }),
      svg("line", { x1: px(3), y1: pad, x2: px(3), y2: size - pad, class: "plot-cut" }),
      svg("line", { x1: pad, y1: py(3), x2: size - pad, y2: py(3), class: "plot-cut" }),
      svg("text", { x: px(4), y: pad + 6, class: "plot-q", "text-anchor": "middle", text: t("quadrant_quick_win") }),
      svg("text", { x: px(2), y: pad + 6, class: "plot-q", "text-anchor": "middle", text: t("quadrant_strategic") }),
      svg("text", { x: px(4), y: size - pad - 3, class: "plot-q", "text-anchor": "middle", text: t("quadrant_easy") }),
      svg("text", { x: px(2), y: size - pad - 3, class: "plot-q", "text-anchor": "middle", text: t("quadrant_avoid") }),
      svg("text", { x: size / 2, y: size - 3, class: "plot-axis", "text-anchor": "middle", text: t("feasibility") + " →" }),
      svg("text", { x: 4, y: size / 2, class: "plot-axis", "text-anchor": "middle",
        transform: "rotate(-90 4 " + size / 2 + ")", text: t("impact") + " →" })
    ];
    SECTORS.forEach(function (code) {
      var f = tally.by_sector && tally.by_sector[code];
      if (f && f.total && f.impact_mean != null) nodes.push(shapeAt(code, px(f.feasibility_mean), py(f.impact_mean), 2.6));
    });
    if (tally.total && tally.impact_mean != null) {
      nodes.push(svg("circle", { cx: px(tally.feasibility_mean), cy: py(tally.impact_mean), r: 4.2, class: "mark-all" }));
    }
    var labelText = tally.total ? t("plot_summary", { impact: num(tally.impact_mean, 1), feasibility: num(tally.feasibility_mean, 1) })
      : t("no_votes_yet");
    return svg.apply(null, ["svg", { viewBox: "0 0 100 100", class: "matrix-plot", role: "img", "aria-label": labelText }].concat(nodes));
  }

  function ifOverall(tally, round, opts) {
    return el("div", { class: "res-overall res-if" },
      el("div", { class: "if-figures" },
        el("div", { class: "stat-pair" },
          el("div", { class: "big-stat stat-impact" }, el("span", { class: "big-stat-value", dataset: { stat: "impact" } }, num(tally.impact_mean, 1)),
            el("span", { class: "big-stat-label" }, t("impact_of_5"))),
          el("div", { class: "big-stat stat-feasibility" }, el("span", { class: "big-stat-value", dataset: { stat: "feasibility" } }, num(tally.feasibility_mean, 1)),
            el("span", { class: "big-stat-label" }, t("feasibility_of_5")))),
        tally.quadrant ? el("p", { class: "quadrant", dataset: { quadrant: tally.quadrant } },
          el("span", { class: "quadrant-label" }, t("quadrant")), " ",
          el("strong", null, t("quadrant_" + tally.quadrant))) : null,
        el("p", { class: "res-support" }, el("span", { class: "res-support-value" }, t("if_support_is", { support: pct(tally.support) })),
          round && typeof round.threshold === "number" ? el("span", { class: "res-threshold" }, t("threshold_is", { threshold: pct(round.threshold) })) : null)),
      opts.plot === false ? null : el("div", { class: "if-plot" }, matrixPlot(tally),
        el("p", { class: "plot-legend" }, el("span", { class: "legend-all" }, t("all_sectors")))));
  }

  function ifSectors(tally) {
    function cell(value, fill) {
      return el("td", { class: "if-cell" }, el("span", { class: "cell-value" }, num(value, 1)),
        el("span", { class: "cell-track", "aria-hidden": "true" },
          el("span", { class: "cell-fill " + fill, style: { width: ((value || 0) / 5 * 100).toFixed(1) + "%" } })));
    }
    return el("table", { class: "res-if-table" },
      el("thead", null, el("tr", null,
        el("th", { scope: "col" }, el("span", { class: "visually-hidden" }, t("sector"))),
        el("th", { scope: "col" }, t("impact")), el("th", { scope: "col" }, t("feasibility")),
        el("th", { scope: "col", class: "if-votes" }, el("span", { class: "visually-hidden" }, t("votes"))))),
      el("tbody", null, SECTORS.map(function (code) {
        var f = tally.by_sector && tally.by_sector[code] || { total: 0 };
        return el("tr", { class: "sector-row-if", dataset: { sector: code } },
          el("th", { scope: "row" }, sectorTag(code)),
          f.total ? cell(f.impact_mean, "fill-impact") : el("td", { class: "muted-text" }, "—"),
          f.total ? cell(f.feasibility_mean, "fill-feasibility") : el("td", { class: "muted-text" }, "—"),
          el("td", { class: "if-votes muted-text" }, f.total ? votesText(f.total) : t("no_votes_yet")));
      })));
  }

  /* dots and ranking --------------------------------------------------------------------- */

  function multiFigures(method, f) {
    return method === "dots" ? (f.dots || {}) : (f.borda || {});
  }

  function multiOverall(method, tally, round, outcome) {
    var titles = itemTitles(round);
    var figures = multiFigures(method, tally);
    var ids = Object.keys(titles);
    ids.sort(function (a, b) { return (figures[b] || 0) - (figures[a] || 0); });
    var max = 0;
    ids.forEach(function (id) { max = Math.max(max, figures[id] || 0); });
    var items = outcome && outcome.items || {};
    return el("div", { class: "res-overall res-multi" },
      el("ol", { class: "bars ranked" }, ids.map(function (id, index) {
        var value = figures[id] || 0;
        var text = method === "dots"
          ? [t("dots_short", { dots: num(value) }), el("span", { class: "bar-sub" }, " · " + t("people_short", { people: num(tally.voters && tally.voters[id] || 0) }))]
          : [t("points_short", { points: num(value) }), el("span", { class: "bar-sub" }, " · " + t("top_half_short", { support: pct(tally.support && tally.support[id]) }))];
        var verdict = items[id];
        var labelNode = [el("span", { class: "rank-no" }, (index + 1) + "."), " ", el("span", { class: "rank-title" }, titles[id],
          verdict ? [" ", el("span", { class: "badge " + verdict }, (verdict === "agreed" ? "✓ " : "") + label("outcomes", verdict))] : null)];
        var row = barRow(id, labelNode, max ? value / max : 0, text, "multi-row");
        var li = el("li", { dataset: { itemId: id } });
        li.appendChild(row);
        return li;
      })));
  }

  function multiSectors(method, tally, round) {
    var titles = itemTitles(round);
    var overall = multiFigures(method, tally);
    var ids = Object.keys(titles);
    ids.sort(function (a, b) { return (overall[b] || 0) - (overall[a] || 0); });
    return SECTORS.map(function (code) {
      var f = tally.by_sector && tally.by_sector[code] || { total: 0 };
      var figures = multiFigures(method, f);
      var best = null;
      ids.forEach(function (id) { if (best === null || (figures[id] || 0) > (figures[best] || 0)) best = id; });
      return el("div", { class: "sector-row sector-row-top", dataset: { sector: code } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        el("div", { class: "sector-row-value" }, f.total && best !== null
          ? [el("span", { class: "muted-text" }, t("top_choice") + " "), el("strong", null, titles[best]), " ",
            el("span", { class: "muted-text" }, votesText(f.total))]
          : el("span", { class: "muted-text" }, t("no_votes_yet"))));
    });
  }

  /** Dots and ranking on the projector and console: one table, items × (all, each sector). */
  function multiTable(method, tally, round, outcome) {
    var titles = itemTitles(round);
    var overall = multiFigures(method, tally);
    var ids = Object.keys(titles);
    ids.sort(function (a, b) { return (overall[b] || 0) - (overall[a] || 0); });
    var verdicts = outcome && outcome.items || {};
    var maxAll = 0;
    ids.forEach(function (id) { maxAll = Math.max(maxAll, overall[id] || 0); });
    var maxBySector = {};
    SECTORS.forEach(function (code) {
      var f = multiFigures(method, tally.by_sector && tally.by_sector[code] || {});
      maxBySector[code] = 0;
      ids.forEach(function (id) { maxBySector[code] = Math.max(maxBySector[code], f[id] || 0); });
    });
    function cell(value, max, fillClass) {
      return [el("span", { class: "cell-value" }, num(value)),
        el("span", { class: "cell-track", "aria-hidden": "true" },
          el("span", { class: "cell-fill " + fillClass, style: { width: (max ? value / max * 100 : 0).toFixed(1) + "%" } }))];
    }
    return el("div", { class: "res-overall res-table-wrap", dataset: { method: method } }, el("table", { class: "res-table" },
      el("caption", { class: "visually-hidden" }, method === "dots" ? t("dots_by_sector") : t("points_by_sector")),
      el("thead", null, el("tr", null,
        el("th", { scope: "col", class: "col-rank" }, el("span", { class: "visually-hidden" }, t("position"))),
        el("th", { scope: "col", class: "col-item" }, t("item")),
        el("th", { scope: "col", class: "col-all" }, t("all_sectors"),
          el("span", { class: "th-votes" }, method === "dots" ? t("unit_dots") : t("unit_points"))),
        SECTORS.map(function (code) {
          var f = tally.by_sector && tally.by_sector[code] || { total: 0 };
          return el("th", { scope: "col", class: "col-sector", dataset: { sector: code } }, sectorTag(code),
            el("span", { class: "th-votes" }, votesText(f.total || 0)));
        }))),
      el("tbody", null, ids.map(function (id, index) {
        var value = overall[id] || 0;
        var verdict = verdicts[id];
        var sub = method === "dots"
          ? t("people_short", { people: num(tally.voters && tally.voters[id] || 0) })
          : t("top_half_short", { support: pct(tally.support && tally.support[id]) });
        return el("tr", { dataset: { itemId: id, verdict: verdict || null } },
          el("td", { class: "col-rank" }, String(index + 1),
            verdict ? el("span", { class: "verdict-mark " + verdict, title: label("outcomes", verdict) },
              el("span", { "aria-hidden": "true" }, verdict === "agreed" ? "✓" : verdict === "rejected" ? "✗" : "…"),
              el("span", { class: "visually-hidden" }, " " + label("outcomes", verdict))) : null),
          el("th", { scope: "row", class: "col-item" }, el("span", { class: "item-clamp" }, titles[id])),
          el("td", { class: "col-all" }, cell(value, maxAll, "all-fill"), el("span", { class: "cell-sub" }, sub)),
          SECTORS.map(function (code) {
            var f = multiFigures(method, tally.by_sector && tally.by_sector[code] || {});
            return el("td", { class: "col-sector", dataset: { sector: code } }, cell(f[id] || 0, maxBySector[code], "sector-fill " + code));
          }));
      }))));
  }

  /* outcome ------------------------------------------------------------------------------ */

  function outcomeBox(outcome) {
    if (!outcome || !outcome.result) return null;
    var result = outcome.result;
    var icon = result === "agreed" ? "✓" : result === "rejected" ? "✗" : "…";
    var explanation = outcome.explanation || {};
    var why = typeof explanation === "string" ? explanation : explanation[LANG] || explanation.es || explanation.en;
    return el("div", { class: "outcome outcome-" + result, dataset: { result: result } },
      el("p", { class: "outcome-result" }, el("span", { class: "outcome-icon", "aria-hidden": "true" }, icon),
        el("span", { class: "outcome-label" }, label("outcomes", result))),
      why ? el("p", { class: "outcome-why" }, why) : null);
  }

  /**
   * Results of a round as DOM: {overall, sectors, outcome} nodes (any may be null).
   * opts: {compact: bool (phone), plot: bool}
   */
  function results(round, res, opts) {
    opts = opts || {};
    var tally = res && res.tally;
    if (!round || !tally) return { overall: null, sectors: null, outcome: null };
    var method = round.method;
    var overall, sectors;
    if (method === "approve") { overall = approveOverall(tally, round); sectors = approveSectors(tally); }
    else if (method === "score") { overall = scoreOverall(tally, round); sectors = scoreSectors(tally); }
    else if (method === "impact_feasibility") { overall = ifOverall(tally, round, opts); sectors = ifSectors(tally); }
    else if (opts.compact) { overall = multiOverall(method, tally, round, res.outcome); sectors = multiSectors(method, tally, round); }
    else { overall = multiTable(method, tally, round, res.outcome); sectors = null; }
    return {
      overall: overall,
      sectors: sectors ? el("div", { class: "res-sectors res-sectors-" + method, dataset: { method: method } }, sectors) : null,
      outcome: outcomeBox(res.outcome),
      total: tally.total || 0
    };
  }

  /** What every screen keeps of a `state`: the results it may show and the comments by id. */
  function fromState(s) {
    var comments = {};
    (s.comments || []).forEach(function (c) { comments[c.id] = c; });
    return {
      results: s.results && s.round ? { round_id: s.round.id, tally: s.results.tally, outcome: s.results.outcome } : null,
      comments: comments
    };
  }

  function isMulti(method) {
    return method === "dots" || method === "ranking";
  }

  window.Mesa = {
    isMulti: isMulti, fromState: fromState,
    cfg: CFG, lang: LANG, sectors: SECTORS, t: t, label: label, tr: tr, errorText: errorText,
    el: el, svg: svg, clear: clear, replace: replace, show: show, byId: byId,
    num: num, pct: pct, share: share, votesText: votesText,
    clock: clock, parseTime: parseTime, countdown: countdown, formatSeconds: formatSeconds,
    store: store, randomId: randomId,
    connect: connect, ack: ack, paintConnection: paintConnection,
    sortComments: sortComments, sectorTag: sectorTag, results: results, outcomeBox: outcomeBox,
    itemTitles: itemTitles
  };
})();
