// @ts-check
/* Pieces every results view is built from: the approve choices, a labelled bar, the support
 * and threshold line, a sector's figures and the titles of a round's items. */
import { el } from "../dom.js";
import { pct, t, tr } from "../i18n.js";

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
 * The titles of a round's items, by item id (as a string).
 * @param {Round} round
 * @returns {Record<string, string>}
 */
export function itemTitles(round) {
  /** @type {Record<string, string>} */
  const titles = {};
  for (const item of (round && round.items) || []) titles[String(item.id)] = tr(item, "title");
  return titles;
}
