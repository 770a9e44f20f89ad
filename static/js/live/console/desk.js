// @ts-check
/* What every part of the console shares: the latest `state`, the socket, whether this user may
 * steer, and `act` — the one way the console sends a steering event and shows a refusal next to
 * the control that caused it. */
import { cfg } from "../config.js";
import { byId } from "../dom.js";
import { codeTitle } from "../i18n.js";
import { ack, errorText } from "../socket.js";

/** @typedef {import("../types.js").State} State */
/** @typedef {import("../types.js").Item} Item */
/** @typedef {import("../types.js").Ack} Ack */
/** @typedef {import("../types.js").AckError} AckError */

export const desk = {
  /** @type {State|null} the latest `state` (kept up to date by the smaller events) */
  state: null,
  /** @type {import("../socket.js").Socket|null} */
  socket: null,
  /** Admins and facilitators steer; the secretariat only watches. */
  steer: !!cfg.can_steer,
};

/**
 * Show a refusal in `node`, or hide it (no error).
 * @param {HTMLElement|null} node
 * @param {AckError|null} error
 */
export function showError(node, error) {
  if (!node) return;
  node.textContent = error ? errorText(error) : "";
  node.hidden = !error;
}

/**
 * Send a steering event; disable `button` meanwhile; show a refusal in `errNode`.
 * @param {EventTarget|null} button   the control that caused it (a button)
 * @param {string} event
 * @param {Record<string, any>} data
 * @param {HTMLElement|null} errNode
 * @returns {Promise<Ack>}
 */
export async function act(button, event, data, errNode) {
  if (!desk.steer) return { ok: false };
  const control = /** @type {HTMLButtonElement|null} */ (button);
  if (control) control.disabled = true;
  showError(errNode, null);
  const res = await ack(desk.socket, event, data, 15000);
  if (control) control.disabled = false;
  if (!res.ok) showError(errNode, res.error);
  return res;
}

/**
 * The agenda item `id`, or null.
 * @param {number} id
 * @returns {Item|null}
 */
export function agendaItem(id) {
  return ((desk.state && desk.state.agenda) || []).find((item) => item.id === id) || null;
}

/**
 * The title of item `id` with its code (from the agenda, the round or the current item), else "#id".
 * @param {number} id
 * @returns {string}
 */
export function itemTitle(id) {
  const state = desk.state;
  const item = agendaItem(id)
    || (state && state.round && state.round.items.find((i) => i.id === id))
    || (state && state.item && state.item.id === id ? state.item : null);
  return item ? codeTitle(item) : "#" + id;
}

/**
 * Move the keyboard focus to a heading (when the control that had it disappeared).
 * @param {string} id
 */
export function focusHeading(id) {
  const heading = byId(id);
  if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
}
