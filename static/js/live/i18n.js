// @ts-check
/* Client texts: translated strings and labels from the page, the English or Spanish field of
 * an item, and every number, share, count of votes and countdown through Intl. */
import { cfg, lang } from "./config.js";

const STRINGS = cfg.strings || {};
const LABELS = cfg.labels || {};
const LOCALE = lang === "en" ? "en-GB" : "es"; // "es": decimal commas, as the documents (es-PE has points)
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * Translated string `key`, with `{name}` placeholders filled from `params`.
 * @param {string} key
 * @param {Record<string, string|number>} [params]
 * @returns {string}
 */
export function t(key, params) {
  const text = has(STRINGS, key) ? String(STRINGS[key]) : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name) => (has(params, name) ? String(params[name]) : match));
}

/**
 * The translated label of a code (`label("sectors", "public")`), or the code itself.
 * @param {string} group
 * @param {string|number|null|undefined} code
 * @returns {string}
 */
export function label(group, code) {
  const table = LABELS[group] || {};
  return has(table, code) ? table[code] : String(code == null ? "" : code);
}

/**
 * The English field on English pages when it is filled in, else the Spanish one.
 * @param {Record<string, any>|null|undefined} obj
 * @param {string} field
 * @returns {string}
 */
export function tr(obj, field) {
  if (!obj) return "";
  const english = lang === "en" ? obj[field + "_en"] : "";
  return english || obj[field] || "";
}

/**
 * An item's title in the page's language with its stable code before it ("LA-3 · Title"), for
 * plain-text places (options, labels); on screen, `codeTag()` and the title side by side.
 * @param {{code?: string|null, title?: string, title_en?: string}|null|undefined} item
 * @returns {string}
 */
export function codeTitle(item) {
  if (!item) return "";
  const title = tr(item, "title");
  return item.code ? item.code + " · " + title : title;
}

/* ---- Numbers ---------------------------------------------------------------------------- */

/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/** @param {string} key @param {Intl.NumberFormatOptions} options */
function format(key, options) {
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(LOCALE, options));
  return formats.get(key);
}

const missing = (value) => value === null || value === undefined || Number.isNaN(Number(value));

/**
 * A number in the page's language with at most `digits` decimals; "—" when there is none.
 * @param {number|null|undefined} value
 * @param {number} [digits]
 * @returns {string}
 */
export function num(value, digits = 0) {
  if (missing(value)) return "—";
  return format("n" + digits, { minimumFractionDigits: 0, maximumFractionDigits: digits }).format(value);
}

/**
 * A share in [0, 1] as a percentage ("60 %"); "—" when there is none.
 * @param {number|null|undefined} share
 * @returns {string}
 */
export function pct(share) {
  if (missing(share)) return "—";
  return format("pct", { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** Plural rules of the page's language (Safari before 13 has none: then "one" is 1). */
const plurals = typeof Intl.PluralRules === "function" ? new Intl.PluralRules(LOCALE) : null;

/**
 * "1 vote" / "12 votes".
 * @param {number} n
 * @returns {string}
 */
export function votesText(n) {
  const one = plurals ? plurals.select(n) === "one" : n === 1;
  return one ? t("one_vote") : t("n_votes", { n: num(n) });
}

/** @type {Intl.DateTimeFormat|null} */
let timeFormat = null;

/**
 * The time of an ISO date from the server, in the page's language ("15:04").
 * @param {string} iso
 * @returns {string}
 */
export function timeText(iso) {
  let text = String(iso).replace(/(\.\d{3})\d+/, "$1");
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(text)) text += "Z"; // the server's times are UTC
  const when = new Date(text);
  if (Number.isNaN(when.getTime())) return "";
  if (!timeFormat) timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: "2-digit", minute: "2-digit" });
  return timeFormat.format(when);
}

/**
 * Seconds left as a countdown: "2:05".
 * @param {number} total whole seconds
 * @returns {string}
 */
export function clockText(total) {
  const seconds = format("ss", { minimumIntegerDigits: 2, useGrouping: false }).format(total % 60);
  return format("mm", { useGrouping: false }).format(Math.floor(total / 60)) + ":" + seconds;
}
