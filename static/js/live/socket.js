// @ts-check
/* The connection to /live (docs/realtime.md): connect, reconnect by itself, paint every
 * connection indicator, and send events that resolve with their ack (or a timeout/offline
 * error). Error messages in acks come translated from the server; `errorText` shows them. */
// @ts-ignore -- the ESM build of socket.io-client (node_modules/socket.io-client/dist), served by
// workshop/assets.py at /vendor/; this relative URL finds it from /static/js/live/. Typed below.
import { io as untypedIo } from "../../../vendor/socket.io.esm.min.js";
import { t } from "./i18n.js";

/** @typedef {import("socket.io-client").Socket} Socket */
/** @typedef {import("./types.js").Ack} Ack */
/** @typedef {import("./types.js").AckError} AckError */
/** @typedef {"connecting"|"online"|"reconnecting"|"offline"|"refused"} ConnState */

/** @type {typeof import("socket.io-client").io} */
const io = untypedIo;

const CONN_TEXT = { connecting: "conn_connecting", online: "conn_online", reconnecting: "conn_reconnecting",
  offline: "conn_offline", refused: "conn_refused" };

/**
 * Paint every connection indicator ([data-conn-indicator]) with the state, in words.
 * @param {ConnState} state
 */
export function paintConnection(state) {
  for (const node of document.querySelectorAll("[data-conn-indicator]")) {
    node.setAttribute("data-conn", state);
    /** @type {HTMLElement} */ (node).hidden = false;
    const text = node.querySelector(".conn-text") || node;
    text.textContent = t(CONN_TEXT[state] || "conn_connecting");
  }
}

/**
 * The refusal sent at connect: {code, message}, also when the server packed it in the message.
 * @param {any} err the `connect_error` error
 * @returns {AckError}
 */
function refusal(err) {
  if (err && err.data && typeof err.data === "object" && err.data.code) return err.data;
  const message = err && err.message ? String(err.message) : "";
  const match = message.match(/['"]code['"]\s*:\s*['"](\w+)['"]/);
  return { code: match ? match[1] : "unauthorized", message };
}

/**
 * @typedef {object} ConnectHandlers
 * @property {(state: ConnState) => void} [onStatus]   after every change of the connection
 * @property {(why: AckError) => void} [onRefused]     the server refused the connection
 * @property {(socket: Socket) => void} [onConnect]    (re)connected; `state` follows
 */

/**
 * Connect to /live with `auth`; reconnects by itself. Without `onRefused`, a refused
 * connection is tried again after 5 s.
 * @param {Record<string, any> | ((cb: (data: object) => void) => void)} auth `{token | projector_key,
 *   session_id, view?}`, or a function handing it over before each (re)connection (a fresh token)
 * @param {ConnectHandlers} [handlers]
 * @returns {Socket}
 */
export function connect(auth, handlers = {}) {
  // WebSocket first: one round trip to connect instead of a long-poll handshake and an upgrade
  // (three on slow 3G); long-polling only where a network refuses WebSockets.
  const socket = io("/live", {
    auth, reconnectionDelay: 1000, reconnectionDelayMax: 5000, randomizationFactor: 0.3, timeout: 15000,
    transports: ["websocket", "polling"], tryAllTransports: true,
  });
  /** @param {ConnState} next */
  const set = (next) => {
    paintConnection(next);
    if (handlers.onStatus) handlers.onStatus(next);
  };
  const lost = () => set(navigator.onLine === false ? "offline" : "reconnecting");

  socket.on("connect", () => {
    set("online");
    if (handlers.onConnect) handlers.onConnect(socket);
  });
  socket.on("disconnect", (reason) => {
    lost();
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), 1500);
  });
  socket.on("connect_error", (err) => {
    if (socket.active) { lost(); return; }
    const why = refusal(err);
    set("refused");
    if (handlers.onRefused) handlers.onRefused(why);
    else setTimeout(() => socket.connect(), 5000);
  });
  window.addEventListener("offline", () => { if (!socket.connected) set("offline"); });
  window.addEventListener("online", () => { if (!socket.connected) set("reconnecting"); });
  paintConnection("connecting");
  return socket;
}

/**
 * Emit `event` and resolve with its ack; with `{ok: false, error}` after `ms` without an answer
 * (code "timeout") or at once when offline (code "offline").
 * @param {Socket|null} socket
 * @param {string} event
 * @param {Record<string, any>} [data]
 * @param {number} [ms]
 * @returns {Promise<Ack>}
 */
export function ack(socket, event, data, ms = 10000) {
  return new Promise((resolve) => {
    if (!socket || !socket.connected) {
      resolve({ ok: false, error: { code: "offline", message: t("err_offline") } });
      return;
    }
    socket.timeout(ms).emit(event, data || {}, (err, response) => {
      if (err) resolve({ ok: false, error: { code: "timeout", message: t("err_timeout") } });
      else if (!response || typeof response !== "object") {
        resolve({ ok: false, error: { code: "bad_ack", message: t("err_generic") } });
      } else resolve(response);
    });
  });
}

/**
 * The sentence to show for a refusal: the server's (already in the page's language), else a
 * generic one. An unexpected server failure is acked with an English message: say it ourselves.
 * @param {AckError|null|undefined} error
 * @returns {string}
 */
export function errorText(error) {
  if (error && error.code === "server_error") return t("err_server_error");
  return (error && error.message) || t("err_generic");
}
