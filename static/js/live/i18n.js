// @ts-check
/* Client texts: translated strings and labels from the page, the English or Spanish field of
 * an item, and every number, share, count of votes and countdown through Intl. */
import { cfg, lang } from "./config.js";

const STRINGS = cfg.strings || {};
const LABELS = cfg.labels || {};
// "es", not "es-PE": Peru's CLDR locale writes decimal points ("3.4"), the server's Babel and every
// document decimal commas ("3,4", "56,2 %")
const LOCALE = lang === "en" ? "en-GB" : "es";
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key);
/** Plural rules of the page's language (Safari before 13 has none: then "one" is 1). */
const plurals = typeof Intl.PluralRules === "function" ? new Intl.PluralRules(LOCALE) : null;

/**
 * Translated string `key`, with `{name}` placeholders filled from `params`.
 * @param {string} key
 * @param {Record<string, string|number>} [params]
 * @returns {string}
 */
export function t(key, params) {
  const entry = has(STRINGS, key) ? STRINGS[key] : key;
  const text = typeof entry === "object" ? String(entry.other) : String(entry);
  return params ? fill(text, params) : text;
}

/**
 * @param {string} text
 * @param {Record<string, string|number>} params
 */
function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (match, name) => (has(params, name) ? String(params[name]) : match));
}

/**
 * The plural string `key` for the count `n` ("1 se unió" / "2 se unieron"): workshop/live/strings.py
 * hands each plural string over as its forms by CLDR category (from ngettext), and Intl.PluralRules
 * picks the one for `n` in the page's language. `{n}` is `n` formatted; more `params` as in `t`.
 * @param {string} key
 * @param {number} n
 * @param {Record<string, string|number>} [params]
 * @returns {string}
 */
export function plural(key, n, params) {
  const entry = has(STRINGS, key) ? STRINGS[key] : key;
  const forms = typeof entry === "object" ? entry : { other: String(entry) };
  const category = plurals ? plurals.select(n) : n === 1 ? "one" : "other";
  return fill(String(forms[category] || forms.other), { n: num(n), ...(params || {}) });
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

/**
 * A decision's outcome as words: "Agreed"; a merge names the item it went into ("Merged into LA-4 · …",
 * or with `short` only its code, for one line of a board).
 * @param {{outcome: string, merged_into?: any}} decision
 * @param {{short?: boolean}} [opts]
 */
export function decisionText(decision, opts = {}) {
  const into = decision.merged_into;
  if (!into) return label("outcomes", decision.outcome);
  return t("merged_into", { item: opts.short && into.code ? into.code : codeTitle(into) });
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

/**
 * "1 vote" / "12 votes".
 * @param {number} n
 * @returns {string}
 */
export function votesText(n) {
  return plural("votes_n", n);
}

/**
 * An amount of soles as the documents write it: "S/ 1.250.000" / "S/ 1,250,000" (the sign never
 * parted from the digits); "—" when there is none.
 * @param {number|null|undefined} value
 * @returns {string}
 */
export function pen(value) {
  if (missing(value)) return "—";
  return "S/\u00a0" + format("pen", { maximumFractionDigits: 0, useGrouping: /** @type {any} */ ("always") }).format(value);
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
