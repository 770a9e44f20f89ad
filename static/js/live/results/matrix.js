// @ts-check
/* Results of an impact × feasibility round: the two means, the quadrant, a plot with every
 * sector as its own shape, and a table of the sectors' means. */
import { SECTORS } from "../config.js";
import { el, sectorTag, svg } from "../dom.js";
import { num, pct, t, votesText } from "../i18n.js";
import { isWithheld, sectorFigures, supportLine, width, withheldNode } from "./parts.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */

/** Each sector's mark on the plot, so that it reads without colour too. */
const SECTOR_SHAPES = { public: "square", private: "bar", academic: "circle", civil_society: "diamond" };

/** A sector's mark (here and on the projector's chart). @param {string} code @param {number} x @param {number} y @param {number} r */
export function shapeAt(code, x, y, r) {
  const shape = SECTOR_SHAPES[code] || "circle";
  const common = { class: "mark mark-" + code };
  if (shape === "circle") return svg("circle", { cx: x, cy: y, r, ...common });
  if (shape === "square") return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, ...common });
  if (shape === "bar") return svg("rect", { x: x - r * 1.2, y: y - r * 0.7, width: 2.4 * r, height: 1.4 * r, ...common });
  return svg("rect", { x: x - r * 0.85, y: y - r * 0.85, width: 1.7 * r, height: 1.7 * r,
    transform: `rotate(45 ${x} ${y})`, ...common });
}

/** At the plot's 4-unit bold type, half the frame (36 units) holds about 13 characters a line. */
const QUADRANT_LINE_CHARS = 13;
const QUADRANT_LINE_HEIGHT = 4.4;

/**
 * `text` in lines of at most `max` characters, broken between words (a longer word has a line of its own).
 * @param {string} text @param {number} max
 * @returns {string[]}
 */
function wrapWords(text, max) {
  /** @type {string[]} */
  const lines = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length ? lines[lines.length - 1] : null;
    if (last !== null && last.length + 1 + word.length <= max) lines[lines.length - 1] = last + " " + word;
    else lines.push(word);
  }
  return lines;
}

/** @param {Tally} tally */
function matrixPlot(tally) {
  const pad = 14, size = 100;
  const px = (v) => pad + (v - 1) / 4 * (size - 2 * pad);
  const py = (v) => size - pad - (v - 1) / 4 * (size - 2 * pad);
  // A quadrant's name in lines that fit half the plot ("Apuesta estratégica" ran into "Victoria rápida"):
  // upper names hang from the top, lower names stand on the bottom.
  const quadrant = (x, y, key, upper = true) => {
    const lines = wrapWords(t(key), QUADRANT_LINE_CHARS);
    const first = upper ? y : y - (lines.length - 1) * QUADRANT_LINE_HEIGHT;
    return svg("text", { x, y: first, class: "plot-q", "text-anchor": "middle" },
      ...lines.map((line, n) => svg("tspan", { x, dy: n ? QUADRANT_LINE_HEIGHT : 0, text: line })));
  };
  const nodes = [
    svg("rect", { x: pad, y: pad, width: size - 2 * pad, height: size - 2 * pad, class: "plot-frame" }),
    svg("rect", { x: px(3), y: pad, width: px(5) - px(3), height: py(3) - pad, class: "plot-win" }),
    svg("line", { x1: px(3), y1: pad, x2: px(3), y2: size - pad, class: "plot-cut" }),
    svg("line", { x1: pad, y1: py(3), x2: size - pad, y2: py(3), class: "plot-cut" }),
    quadrant(px(4), pad + 6, "quadrant_quick_win"),
    quadrant(px(2), pad + 6, "quadrant_strategic"),
    quadrant(px(4), size - pad - 3, "quadrant_easy", false),
    quadrant(px(2), size - pad - 3, "quadrant_avoid", false),
    svg("text", { x: size / 2, y: size - 3, class: "plot-axis", "text-anchor": "middle", text: t("feasibility") + " →" }),
    svg("text", { x: 4, y: size / 2, class: "plot-axis", "text-anchor": "middle",
      transform: `rotate(-90 4 ${size / 2})`, text: t("impact") + " →" }),
  ];
  for (const code of SECTORS) {
    const f = tally.by_sector && tally.by_sector[code];
    if (f && f.total && f.impact_mean != null) nodes.push(shapeAt(code, px(f.feasibility_mean), py(f.impact_mean), 2.6));
  }
  if (tally.total && tally.impact_mean != null) {
    nodes.push(svg("circle", { cx: px(tally.feasibility_mean), cy: py(tally.impact_mean), r: 4.2, class: "mark-all" }));
  }
  const summary = tally.total
    ? t("plot_summary", { impact: num(tally.impact_mean, 1), feasibility: num(tally.feasibility_mean, 1) })
    : t("no_votes_yet");
  return svg("svg", { viewBox: "0 0 100 100", class: "matrix-plot", role: "img", "aria-label": summary }, nodes);
}

/**
 * The two means, the quadrant and the support line (also the projector's chart's side).
 * @param {Tally} tally
 * @param {Round} round
 */
export function matrixFigures(tally, round) {
  /** @param {string} stat @param {number} value @param {string} key */
  const bigStat = (stat, value, key) => el("div", { class: "big-stat stat-" + stat },
    el("span", { class: "big-stat-value", dataset: { stat } }, num(value, 1)),
    el("span", { class: "big-stat-label" }, t(key)));
  return [
    el("div", { class: "stat-pair" },
      bigStat("impact", tally.impact_mean, "impact_of_5"),
      bigStat("feasibility", tally.feasibility_mean, "feasibility_of_5")),
    tally.quadrant ? el("p", { class: "quadrant", dataset: { quadrant: tally.quadrant } },
      el("span", { class: "quadrant-label" }, t("quadrant")), " ",
      el("strong", null, t("quadrant_" + tally.quadrant))) : null,
    supportLine(t("if_support_is", { support: pct(tally.support) }), round),
  ];
}

/**
 * The two means, the quadrant and the support; the plot unless `plot` is false.
 * @param {Tally} tally
 * @param {Round} round
 * @param {{plot?: boolean}} opts
 */
export function matrixOverall(tally, round, opts) {
  return el("div", { class: "res-overall res-if" },
    el("div", { class: "if-figures" }, ...matrixFigures(tally, round)),
    opts.plot === false ? null : el("div", { class: "if-plot" }, matrixPlot(tally),
      el("p", { class: "plot-legend" }, el("span", { class: "legend-all" }, t("all_sectors")))));
}

/**
 * A table: each sector's impact and feasibility means and its votes.
 * @param {Tally} tally
 */
export function matrixSectors(tally) {
  /** @param {number} value @param {string} fill */
  const cell = (value, fill) => el("td", { class: "if-cell" }, el("span", { class: "cell-value" }, num(value, 1)),
    el("span", { class: "cell-track", "aria-hidden": "true" },
      el("span", { class: "cell-fill " + fill, style: { width: width((value || 0) / 5) } })));
  const hiddenHead = (key) => el("span", { class: "visually-hidden" }, t(key));
  return el("table", { class: "res-if-table" },
    el("thead", null, el("tr", null,
      el("th", { scope: "col" }, hiddenHead("sector")),
      el("th", { scope: "col" }, t("impact")), el("th", { scope: "col" }, t("feasibility")),
      el("th", { scope: "col", class: "if-votes" }, hiddenHead("votes")))),
    el("tbody", null, SECTORS.map((code) => {
      if (isWithheld(tally, code)) {
        return el("tr", { class: "sector-row-if is-withheld", dataset: { sector: code, withheld: "true" } },
          el("th", { scope: "row" }, sectorTag(code)),
          el("td", { colspan: 3, class: "if-withheld" }, withheldNode(tally)));
      }
      const f = sectorFigures(tally, code);
      const votes = votesText(f.total || 0);
      return el("tr", { class: "sector-row-if", dataset: { sector: code } },
        // the phone has no room for the votes column: it shows them under the sector's name
        el("th", { scope: "row" }, sectorTag(code), el("span", { class: "if-votes-under muted-text" }, votes)),
        f.total ? cell(f.impact_mean, "fill-impact") : el("td", { class: "muted-text" }, "—"),
        f.total ? cell(f.feasibility_mean, "fill-feasibility") : el("td", { class: "muted-text" }, "—"),
        el("td", { class: "if-votes muted-text" }, votes));
    })));
}
