// @ts-check
/* Results of a 1–5 score round: mean and share of 4–5 overall, a column per score, and each
 * sector's mean as a bar. */
import { SECTORS } from "../config.js";
import { el, sectorTag } from "../dom.js";
import { num, pct, t, votesText } from "../i18n.js";
import { isWithheld, sectorFigures, share, thresholdNode, width, withheldNode } from "./parts.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */

const SCORES = ["1", "2", "3", "4", "5"];

/**
 * @param {Tally} tally
 * @param {Round} round
 */
export function scoreOverall(tally, round) {
  const counts = tally.counts || {};
  const total = tally.total || 0;
  const max = Math.max(0, ...SCORES.map((k) => counts[k] || 0));
  const threshold = thresholdNode(round);
  return el("div", { class: "res-overall res-score" },
    el("div", { class: "stat-pair" },
      el("div", { class: "big-stat" }, el("span", { class: "big-stat-value", dataset: { stat: "mean" } }, num(tally.mean, 1)),
        el("span", { class: "big-stat-label" }, t("mean_of_5"))),
      el("div", { class: "big-stat" }, el("span", { class: "big-stat-value", dataset: { stat: "support" } }, pct(tally.support)),
        el("span", { class: "big-stat-label" }, t("scores_4_5")))),
    el("div", { class: "cols", role: "list" }, SCORES.map((k) => {
      const n = counts[k] || 0;
      return el("div", { class: "col" + (Number(k) >= 4 ? " col-strong" : ""), role: "listitem", dataset: { row: k } },
        el("span", { class: "col-count" }, num(n)),
        el("span", { class: "col-bar-wrap", "aria-hidden": "true" },
          el("span", { class: "col-bar", style: { height: width(max ? n / max : 0) } })),
        el("span", { class: "col-label" }, el("span", { class: "visually-hidden" }, t("score_label") + " "), k),
        el("span", { class: "visually-hidden" }, " " + pct(share(n, total))));
    })),
    threshold ? el("p", { class: "res-support" }, threshold) : null);
}

/**
 * One row per sector: its mean score as a bar.
 * @param {Tally} tally
 */
export function scoreSectors(tally) {
  return SECTORS.map((code) => {
    if (isWithheld(tally, code)) {
      return el("div", { class: "sector-row is-withheld", dataset: { sector: code, withheld: "true" } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        el("div", { class: "bar-track withheld-track", "aria-hidden": "true" }),
        el("div", { class: "sector-row-value" }, withheldNode(tally)));
    }
    const f = sectorFigures(tally, code);
    return el("div", { class: "sector-row", dataset: { sector: code } },
      el("div", { class: "sector-row-name" }, sectorTag(code)),
      el("div", { class: "bar-track" + (f.total ? "" : " empty-track"), "aria-hidden": "true" },
        el("div", { class: "bar-fill sector-fill " + code, style: { width: width(f.total ? (f.mean || 0) / 5 : 0) } })),
      el("div", { class: "sector-row-value" },
        f.total ? [el("strong", null, t("mean_short", { mean: num(f.mean, 1) })), " ",
          el("span", { class: "muted-text" }, votesText(f.total))]
          : el("span", { class: "muted-text" }, t("no_votes_yet"))));
  });
}
