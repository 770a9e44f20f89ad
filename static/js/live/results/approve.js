// @ts-check
/* Results of an approve / neutral / reject round: three bars overall, one stacked bar per sector. */
import { SECTORS } from "../config.js";
import { el, sectorTag } from "../dom.js";
import { num, pct, t, votesText } from "../i18n.js";
import { CHOICES, barRow, isWithheld, sectorFigures, share, supportLine, width, withheldNode } from "./parts.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */

/**
 * @param {Tally} tally
 * @param {Round} round
 */
export function approveOverall(tally, round) {
  const counts = tally.counts || {};
  const total = tally.total || 0;
  return el("div", { class: "res-overall res-approve" },
    el("div", { class: "bars" }, CHOICES.map(([choice, icon]) => {
      const n = counts[choice] || 0;
      return barRow(choice,
        [el("span", { class: "choice-icon", "aria-hidden": "true" }, icon), t("choice_" + choice)],
        share(n, total), num(n) + " · " + pct(share(n, total)), "choice-" + choice);
    })),
    supportLine(t("support_is", { support: pct(tally.support) }), round));
}

/** @param {Record<string, number>} counts @param {number} total */
function stackedTrack(counts, total) {
  return el("div", { class: "stack-track", "aria-hidden": "true" }, CHOICES.map(([choice, icon]) => {
    const n = counts[choice] || 0;
    const ratio = share(n, total);
    if (!n) return null;
    return el("span", { class: "seg seg-" + choice, style: { width: width(ratio) } },
      ratio >= 0.1 ? icon + " " + num(n) : "");
  }));
}

/**
 * One row per sector: the stacked choices, the support and the number of votes.
 * @param {Tally} tally
 */
export function approveSectors(tally) {
  return SECTORS.map((code) => {
    if (isWithheld(tally, code)) {
      return el("div", { class: "sector-row is-withheld", dataset: { sector: code, withheld: "true" } },
        el("div", { class: "sector-row-name" }, sectorTag(code)),
        el("div", { class: "stack-track withheld-track", "aria-hidden": "true" }),
        el("div", { class: "sector-row-value" }, withheldNode(tally)));
    }
    const f = sectorFigures(tally, code);
    const counts = f.counts || {};
    const spoken = CHOICES.map(([choice]) => t("choice_" + choice) + " " + num(counts[choice] || 0)).join(", ");
    return el("div", { class: "sector-row", dataset: { sector: code } },
      el("div", { class: "sector-row-name" }, sectorTag(code)),
      f.total ? stackedTrack(counts, f.total) : el("div", { class: "stack-track empty-track", "aria-hidden": "true" }),
      el("div", { class: "sector-row-value" },
        f.total ? [el("strong", null, pct(f.support)), " ", el("span", { class: "muted-text" }, votesText(f.total))]
          : el("span", { class: "muted-text" }, t("no_votes_yet"))),
      el("span", { class: "visually-hidden" }, f.total ? spoken : ""));
  });
}
