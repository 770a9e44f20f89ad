// @ts-check
/* The projector's impact × feasibility chart: a square plot as tall as the results area, each
 * sector's mark named beside it (labels placed so that none covers another, a mark or a
 * quadrant's name), and the figures with the sectors' table beside it. */
import { SECTORS } from "../config.js";
import { el, svg } from "../dom.js";
import { label, num, t } from "../i18n.js";
import { matrixFigures, matrixSectors, shapeAt } from "../results/matrix.js";

/** @typedef {import("../types.js").Round} Round */
/** @typedef {import("../types.js").Tally} Tally */
/** @typedef {{x: number, y: number, w: number, h: number}} Box */

const SIZE = 100, PAD_LEFT = 11, PAD_BOTTOM = 10, PAD = 3;
const FONT = 3.4;          // label size, in plot units (the plot is 100 × 100)
const CHAR = FONT * 0.56;  // an average character's width at that size

const left = PAD_LEFT, rightEdge = SIZE - PAD, top = PAD, bottom = SIZE - PAD_BOTTOM;
/** @param {number} v a mean in [1, 5] */
const px = (v) => left + (v - 1) / 4 * (rightEdge - left);
/** @param {number} v */
const py = (v) => bottom - (v - 1) / 4 * (bottom - top);

/** @param {Box} a @param {Box} b */
function collide(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** @param {Box} box */
function inside(box) {
  return box.x >= left + 0.5 && box.x + box.w <= rightEdge - 0.5 && box.y >= top + 0.5 && box.y + box.h <= bottom - 0.5;
}

/**
 * Where to write `text` next to a mark at (x, y) of radius r: the first of several places around
 * it (right, left, above, below, then further out) that stays in the frame and covers nothing
 * placed so far.
 * @param {string} text
 * @param {number} x
 * @param {number} y
 * @param {number} r
 * @param {Box[]} taken
 * @returns {{x: number, y: number, anchor: string, box: Box, far: boolean}}
 */
export function placeLabel(text, x, y, r, taken) {
  const w = text.length * CHAR + 1, h = FONT * 1.2;
  /** @type {[number, number, string][]} dx, dy of the text's anchor point, its anchor */
  const spots = [];
  for (const step of [0, 1, 2, 3, 4, 5]) {
    const off = r + 1 + step * h;
    spots.push([off, -step * h, "start"], [off, step * h, "start"], [-off, -step * h, "end"], [-off, step * h, "end"],
      [0, -(r + 1 + step * h), "middle"], [0, r + 1 + step * h + h, "middle"]);
  }
  let fallback = null;
  for (const [dx, dy, anchor] of spots) {
    const ax = x + dx, ay = y + dy + h * 0.35;
    const bx = anchor === "start" ? ax : anchor === "end" ? ax - w : ax - w / 2;
    const box = { x: bx, y: ay - h * 0.8, w, h };
    if (!fallback && inside(box)) fallback = { x: ax, y: ay, anchor, box, far: false };
    if (inside(box) && !taken.some((other) => collide(box, other))) {
      return { x: ax, y: ay, anchor, box, far: Math.abs(dx) > r + 1.5 || Math.abs(dy) > r + 1.5 + h };
    }
  }
  return fallback || { x: x + r + 1, y, anchor: "start", box: { x: x + r + 1, y: y - h, w, h }, far: false };
}

/**
 * The plot: quadrants, ticks, every sector's mark with its name, and everyone's mark.
 * @param {Tally} tally
 */
export function bigPlot(tally) {
  /** @type {{code: string, x: number, y: number, r: number, text: string}[]} */
  const marks = [];
  if (tally.total && tally.impact_mean != null) {
    marks.push({ code: "all", x: px(tally.feasibility_mean), y: py(tally.impact_mean), r: 3.2, text: t("all_sectors") });
  }
  for (const code of SECTORS) {
    const f = tally.by_sector && tally.by_sector[code];
    if (f && f.total && !f.suppressed && f.impact_mean != null) {
      marks.push({ code, x: px(f.feasibility_mean), y: py(f.impact_mean), r: 2.2, text: label("sectors", code) });
    }
  }
  /** @type {Box[]} */
  const taken = marks.map((m) => ({ x: m.x - m.r, y: m.y - m.r, w: 2 * m.r, h: 2 * m.r }));
  const qFont = FONT * 0.9;
  /** A quadrant's name in its outer corner, or by the cut line when a mark sits in that corner.
   * @param {string} key @param {boolean} right @param {boolean} upper */
  const quadrant = (key, right, upper) => {
    const text = t(key);
    const w = text.length * qFont * 0.56, h = qFont * 1.2;
    const x = right ? rightEdge - 1.5 : left + 1.5;
    const anchor = right ? "end" : "start";
    const ys = upper ? [top + qFont + 1, py(3) - 1.5] : [bottom - 1.5, py(3) + qFont + 1];
    let spot = null;
    for (const y of ys) {
      const box = { x: right ? x - w : x, y: y - qFont, w, h };
      if (!taken.some((other) => collide(box, other))) { spot = { y, box }; break; }
    }
    if (!spot) spot = { y: ys[0], box: { x: right ? x - w : x, y: ys[0] - qFont, w, h } };
    taken.push(spot.box);
    return svg("text", { x, y: spot.y, class: "pj-plot-q", "text-anchor": anchor, text });
  };
  const nodes = [
    svg("rect", { x: left, y: top, width: rightEdge - left, height: bottom - top, class: "plot-frame" }),
    svg("rect", { x: px(3), y: top, width: rightEdge - px(3), height: py(3) - top, class: "plot-win" }),
    svg("line", { x1: px(3), y1: top, x2: px(3), y2: bottom, class: "plot-cut" }),
    svg("line", { x1: left, y1: py(3), x2: rightEdge, y2: py(3), class: "plot-cut" }),
    quadrant("quadrant_quick_win", true, true),
    quadrant("quadrant_strategic", false, true),
    quadrant("quadrant_easy", true, false),
    quadrant("quadrant_avoid", false, false),
  ];
  for (const v of [1, 2, 3, 4, 5]) {
    nodes.push(svg("text", { x: px(v), y: bottom + FONT + 0.5, class: "pj-plot-tick", "text-anchor": "middle", text: num(v) }));
    nodes.push(svg("text", { x: left - 1.5, y: py(v) + FONT * 0.35, class: "pj-plot-tick", "text-anchor": "end", text: num(v) }));
  }
  nodes.push(svg("text", { x: (left + rightEdge) / 2, y: SIZE - 1, class: "pj-plot-axis", "text-anchor": "middle",
    text: t("feasibility") + " →" }));
  nodes.push(svg("text", { x: FONT, y: (top + bottom) / 2, class: "pj-plot-axis", "text-anchor": "middle",
    transform: `rotate(-90 ${FONT} ${(top + bottom) / 2})`, text: t("impact") + " →" }));

  const labels = [];
  for (const m of marks) {
    const spot = placeLabel(m.text, m.x, m.y, m.r, taken);
    taken.push(spot.box);
    if (spot.far) {
      const cx = Math.max(spot.box.x, Math.min(m.x, spot.box.x + spot.box.w));
      const cy = Math.max(spot.box.y, Math.min(m.y, spot.box.y + spot.box.h));
      labels.push(svg("line", { x1: m.x, y1: m.y, x2: cx, y2: cy, class: "pj-plot-leader" }));
    }
    labels.push(svg("text", { x: spot.x, y: spot.y, "text-anchor": spot.anchor, class: "pj-plot-label pj-label-" + m.code,
      "data-label": m.code, text: m.text }));
  }
  // marks over the leaders, everyone's mark on top
  for (const m of marks.slice().reverse()) {
    nodes.push(m.code === "all" ? svg("circle", { cx: m.x, cy: m.y, r: m.r, class: "mark-all", "data-mark": "all" })
      : shapeAt(m.code, m.x, m.y, m.r));
  }
  const summary = tally.total
    ? t("plot_summary", { impact: num(tally.impact_mean, 1), feasibility: num(tally.feasibility_mean, 1) })
    : t("no_votes_yet");
  return svg("svg", { viewBox: `0 0 ${SIZE} ${SIZE}`, class: "pj-plot", role: "img", "aria-label": summary },
    nodes, labels);
}

/**
 * The whole impact × feasibility view: figures and the sectors' table on the left, the plot on the right.
 * @param {Tally} tally
 * @param {Round} round
 */
export function matrixBoard(tally, round) {
  return el("div", { class: "pj-matrix res-overall" },
    el("div", { class: "pj-matrix-side" }, ...matrixFigures(tally, round),
      el("div", { class: "pj-matrix-table" }, matrixSectors(tally))),
    el("div", { class: "pj-matrix-plot" }, bigPlot(tally)));
}
