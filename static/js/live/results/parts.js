// @ts-check
/* Pieces every results view is built from: the approve choices, a labelled bar, the support
 * and threshold line, a sector's figures and the titles of a round's items. */
import { MIN_CELL, SECTORS } from "../config.js";
import { el } from "../dom.js";
import { codeTitle, num, pct, t } from "../i18n.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */
/** @typedef {import("../dom.js").Child} Child */

/** The approve choices and their icons. */
export const CHOICES = /** @type {const} */ ([["approve", "✓"], ["neutral", "–"], ["reject", "✗"]]);

/**
 * `part / total`, 0 without a total.
 * @param {number} part
 * @param {number} total
 */
export function share(part, total) {
  return total ? part / total : 0;
}

/**
 * A width in % for a CSS style, from a share in [0, 1].
 * @param {number} ratio
 * @returns {string}
 */
export function width(ratio) {
  return (ratio * 100).toFixed(1) + "%";
}

/**
 * One bar: label, track filled to `ratio`, value.
 * @param {string} key       data-row
 * @param {Child} labelNode
 * @param {number} ratio     in [0, 1]
 * @param {Child} value
 * @param {string} [extraClass]
 */
export function barRow(key, labelNode, ratio, value, extraClass) {
  return el("div", { class: "bar-row" + (extraClass ? " " + extraClass : ""), dataset: { row: key } },
    el("div", { class: "bar-label" }, labelNode),
    el("div", { class: "bar-track", "aria-hidden": "true" },
      el("div", { class: "bar-fill", style: { width: width(Math.max(0, Math.min(1, ratio || 0))) } })),
    el("div", { class: "bar-value" }, value));
}

/**
 * The round's threshold ("Threshold 60 %"), or null when the round has none.
 * @param {Round} round
 */
export function thresholdNode(round) {
  return round && typeof round.threshold === "number"
    ? el("span", { class: "res-threshold" }, t("threshold_is", { threshold: pct(round.threshold) })) : null;
}

/**
 * "Support 67 %" and the threshold.
 * @param {string} text the support sentence
 * @param {Round} round
 */
export function supportLine(text, round) {
  return el("p", { class: "res-support" }, el("span", { class: "res-support-value" }, text), thresholdNode(round));
}

/**
 * A sector's figures (an empty tally when the sector has none).
 * @param {Tally} tally
 * @param {string} code
 * @returns {Tally}
 */
export function sectorFigures(tally, code) {
  return (tally.by_sector && tally.by_sector[code]) || { total: 0 };
}

/**
 * The titles of a round's items with their codes ("LA-3 · Title"), by item id (as a string).
 * @param {Round} round
 * @returns {Record<string, string>}
 */
export function itemTitles(round) {
  /** @type {Record<string, string>} */
  const titles = {};
  for (const item of (round && round.items) || []) titles[String(item.id)] = codeTitle(item);
  return titles;
}

/**
 * Whether a sector's figures are withheld: in an anonymous round the server sends
 * `{"suppressed": true}` for a sector too small to show, for every audience.
 * @param {Tally} tally
 * @param {string} code
 */
export function isWithheld(tally, code) {
  const f = tally && tally.by_sector && tally.by_sector[code];
  return !!(f && f.suppressed);
}

/**
 * What a withheld sector says instead of figures — never "no votes". The server withholds every
 * sector with fewer than MIN_CELL votes and, when only one is that small, the next smallest too:
 * "fewer than N votes" is said only when it is sure for every withheld sector.
 * @param {Tally} tally
 * @returns {string}
 */
export function withheldText(tally) {
  const withheld = SECTORS.filter((code) => isWithheld(tally, code));
  let sure = withheld.length !== 2;
  if (!sure) {
    const shown = SECTORS.filter((code) => !isWithheld(tally, code))
      .reduce((sum, code) => sum + ((tally.by_sector && tally.by_sector[code] && tally.by_sector[code].total) || 0), 0);
    sure = (tally.total || 0) - shown <= MIN_CELL; // two sectors both below the minimum
  }
  return sure ? t("withheld_cell", { n: num(MIN_CELL) }) : t("withheld_pair");
}

/**
 * A withheld sector's words as a node.
 * @param {Tally} tally
 * @param {string} [tag]
 */
export function withheldNode(tally, tag = "span") {
  return el(/** @type {"span"} */ (tag), { class: "withheld", dataset: { withheld: "true" } },
    el("span", { class: "withheld-mark", "aria-hidden": "true" }, "◌"), " ", withheldText(tally));
}
