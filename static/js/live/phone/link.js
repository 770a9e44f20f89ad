// @ts-check
/* The phone's one connection to /live, shared by the small entry module (static/js/live/phone.js),
 * which opens it while the person is still typing, and the rest of the phone (phone/app.js), which
 * fills in its handlers once loaded. Before the phone has joined, the socket is the join form's: it
 * may only send `join`, whose answer makes it the participant's and carries the first `state`. */
import { cfg } from "../config.js";
import { ack, connect } from "../socket.js";
import { KEYS, load } from "./store.js";

/** @typedef {import("../socket.js").Socket} Socket */
/** @typedef {import("../socket.js").ConnectHandlers} ConnectHandlers */

/** The open socket (or null) and the handlers phone/app.js sets on it. */
export const link = { /** @type {Socket|null} */ socket: null, /** @type {ConnectHandlers} */ handlers: {} };

/**
 * The credentials before each (re)connection: the participant's token once the phone has one,
 * else those of the join form.
 * @param {(data: object) => void} cb
 */
function auth(cb) {
  const token = load(KEYS.token);
  cb(token ? { token, session_id: cfg.session.id } : { session_id: cfg.session.id, view: "join" });
}

/** The socket, opened if it is not. @returns {Socket} */
export function openLink() {
  if (!link.socket) link.socket = connect(auth, link.handlers);
  return link.socket;
}

export function closeLink() {
  if (link.socket) { link.socket.close(); link.socket = null; }
}

/**
 * Join over the open socket: one round trip, and the answer carries the first `state`.
 * @param {Record<string, any>} body the join's body (phone/join.js `joinBody`)
 * @returns {Promise<import("./join.js").JoinAnswer|null>} null when the socket cannot (then the API)
 */
export async function joinOverSocket(body) {
  const socket = link.socket;
  if (!socket || !socket.connected || load(KEYS.token)) return null;
  const res = await ack(socket, "join", body, 20000);
  if (res.ok) return { ok: true, data: /** @type {any} */ (res) };
  const code = res.error ? res.error.code : "";
  if (code === "offline" || code === "forbidden" || code === "unauthorized") return null;
  if (code === "timeout") return { ok: false, network: true };
  return { ok: false, status: 400, error: res.error };
}
