// @ts-check
/* Time: the server's clock (corrected for this device's skew from `state.server_time`) and the
 * round countdowns ("2:05", then "Time's up"), ticking four times a second. */
import { clockText, t } from "./i18n.js";

/**
 * Milliseconds of an ISO date from the server (Python isoformat, microseconds allowed).
 * @param {string|null|undefined} iso
 * @returns {number} NaN without a date
 */
export function parseTime(iso) {
  if (!iso) return NaN;
  let text = String(iso).replace(/(\.\d{3})\d+/, "$1");
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += "Z";
  return Date.parse(text);
}

let skew = 0;

/**
 * Remember how far this device's clock is from the server's.
 * @param {string} serverIso `state.server_time`
 */
export function syncClock(serverIso) {
  const server = parseTime(serverIso);
  if (!Number.isNaN(server)) skew = server - Date.now();
}

/** @returns {number} the server's time now, in milliseconds */
export function serverNow() {
  return Date.now() + skew;
}

/**
 * Milliseconds from now (server time) until `iso`: negative once it has passed, NaN without one.
 * @param {string|null|undefined} iso
 * @returns {number}
 */
export function msUntil(iso) {
  return parseTime(iso) - serverNow();
}

/** @type {{node: HTMLElement, ends: number}[]} */
let countdowns = [];

/**
 * Show a countdown to `endsIso` in `node` (in its `.countdown-value` if it has one); hides the
 * node when there is no timer. The node gets data-state running | urgent | done and data-seconds.
 * @param {HTMLElement|null} node
 * @param {string|null|undefined} endsIso
 */
export function countdown(node, endsIso) {
  if (!node) return;
  countdowns = countdowns.filter((c) => c.node !== node);
  const ends = parseTime(endsIso);
  if (!endsIso || Number.isNaN(ends)) {
    node.hidden = true;
    node.removeAttribute("data-state");
    return;
  }
  countdowns.push({ node, ends });
  node.hidden = false;
  tick();
}

function tick() {
  const now = serverNow();
  for (const c of countdowns) {
    const left = Math.max(0, Math.ceil((c.ends - now) / 1000));
    const state = left === 0 ? "done" : left <= 10 ? "urgent" : "running";
    const text = left === 0 ? t("times_up") : clockText(left);
    const value = c.node.querySelector(".countdown-value") || c.node;
    if (value.textContent !== text) value.textContent = text;
    if (c.node.getAttribute("data-state") !== state) c.node.setAttribute("data-state", state);
    c.node.setAttribute("data-seconds", String(left));
  }
}
setInterval(tick, 250);
