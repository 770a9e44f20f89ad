// @ts-check
/* The projector's two layout helpers: bars that move from where they were to where they are now
 * (every tally re-renders the results, so the browser alone would only ever see the end width),
 * and content that shrinks to fit its box (never cut, never scrolled) down to a floor. */

/** The fills that grow: their width (or a column's height) is what changes from tally to tally. */
const FILLS = ".bar-fill, .cell-fill, .col-bar, .seg, .pj-seg";

/**
 * A stable key for a fill: its own data-fill, else the keys of its ancestors and its class.
 * @param {Element} node
 * @param {Element} root
 */
function keyOf(node, root) {
  const parts = [node.getAttribute("data-fill") || node.getAttribute("class") || ""];
  for (let at = node.parentElement; at && at !== root; at = at.parentElement) {
    const key = at.getAttribute("data-row") || at.getAttribute("data-item-id") || at.getAttribute("data-sector");
    if (key) parts.push(key);
  }
  return parts.join("|");
}

/**
 * The current size of every fill in `root`, by key (before its content is replaced).
 * @param {Element|null} root
 * @returns {Map<string, {width: string, height: string}>}
 */
export function measureFills(root) {
  const sizes = new Map();
  if (!root) return sizes;
  for (const node of root.querySelectorAll(FILLS)) {
    const style = /** @type {HTMLElement} */ (node).style;
    sizes.set(keyOf(node, root), { width: style.width, height: style.height });
  }
  return sizes;
}

/**
 * Start every fill in `root` from its size in `before` (or from zero when new), then let its
 * CSS transition carry it to the size it was rendered with.
 * @param {Element|null} root
 * @param {Map<string, {width: string, height: string}>} before
 */
export function animateFills(root, before) {
  if (!root || (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches)) return;
  /** @type {[HTMLElement, string, string][]} */
  const moves = [];
  for (const node of root.querySelectorAll(FILLS)) {
    const fill = /** @type {HTMLElement} */ (node);
    const was = before.get(keyOf(fill, root));
    const prop = fill.classList.contains("col-bar") ? "height" : "width";
    const target = fill.style[prop];
    if (!target) continue;
    const start = was && was[prop] ? was[prop] : "0%";
    if (start === target) continue;
    fill.style[prop] = start;
    moves.push([fill, prop, target]);
  }
  if (!moves.length) return;
  void (/** @type {HTMLElement} */ (root)).offsetWidth; // the start sizes are laid out before the change
  for (const [fill, prop, target] of moves) fill.style[prop] = target;
}

/** Boxes inside a fitted box that hide their own overflow: content cut there does not fit either. */
const INNER = ".pj-res-grid > section, .pj-matrix-side, .pj-board-col, .pj-card";

/** @param {Element} node */
function spills(node) {
  return node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1;
}

/**
 * Whether `box`'s content spills out of it, or out of a box inside it that hides its overflow
 * (a pixel of rounding aside).
 * @param {HTMLElement} box
 */
export function overflows(box) {
  if (spills(box)) return true;
  for (const inner of box.querySelectorAll(INNER)) if (spills(inner)) return true;
  return false;
}

/**
 * Size `box`'s content (its `--fit` font scale) to the largest scale between `floor` and
 * `ceiling` at which it fits: small content grows to use the screen, big content shrinks. Returns
 * whether it fits at the scale it ends with (false: even `floor` overflows).
 * @param {HTMLElement} box
 * @param {number} [floor]
 * @param {number} [ceiling]
 */
export function fitScale(box, floor = 0.7, ceiling = 1) {
  box.style.setProperty("--fit", String(ceiling));
  if (!overflows(box)) return true;
  box.style.setProperty("--fit", String(floor));
  if (overflows(box)) return false;
  let low = floor, high = ceiling;
  for (let i = 0; i < 7; i++) { // bisect: within 1 % of the largest scale that fits
    const mid = (low + high) / 2;
    box.style.setProperty("--fit", String(mid));
    if (overflows(box)) high = mid; else low = mid;
  }
  box.style.setProperty("--fit", String(low));
  return true;
}
