// @ts-check
/* What the phone keeps across reloads (localStorage, keyed by the join code): its participant
 * token, the vote not yet acked, the ids of its own comments, and that the facilitator removed it. Private mode just keeps nothing. */
import { cfg } from "../config.js";

const PREFIX = "mesa:" + cfg.session.join_code;

/** The keys this phone uses for the session. */
export const KEYS = { token: PREFIX, pending: PREFIX + ":pending", mine: PREFIX + ":mine", removed: PREFIX + ":removed" };

/**
 * @param {string} key
 * @returns {string|null}
 */
export function load(key) {
  try { return window.localStorage.getItem(key); } catch (e) { return null; }
}

/**
 * @param {string} key
 * @param {string} value
 */
export function save(key, value) {
  try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: keep going */ }
}

/** @param {string} key */
export function remove(key) {
  try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ }
}

/**
 * @param {string} key
 * @returns {any} the parsed value, or null
 */
export function loadJSON(key) {
  const raw = load(key);
  if (!raw) return null;
  try { return JSON.parse(raw); } catch (e) { return null; }
}

/**
 * @param {string} key
 * @param {any} value
 */
export function saveJSON(key, value) {
  save(key, JSON.stringify(value));
}

/**
 * A fresh random id (a vote's client_vote_id).
 * @returns {string}
 */
export function randomId() {
  if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
