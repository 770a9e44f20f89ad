// @ts-check
/* Small DOM helpers. Everything user data touches is built with createElement and textContent
 * (`el`, `svg`), never from HTML strings; `replace` keeps the keyboard focus across re-renders. */
import { label } from "./i18n.js";

/**
 * A child for `el`/`svg`: nodes, text (never parsed), nested lists; null, undefined and false are skipped.
 * @typedef {Node|string|number|boolean|null|undefined|ChildList} Child
 * @typedef {Child[]} ChildList
 */

const SVG_NS = "http://www.w3.org/2000/svg";
/** Attributes set as properties (booleans and values), not as attributes. */
const PROPS = new Set(["checked", "disabled", "hidden", "value", "selected", "multiple", "required",
  "indeterminate", "open"]);

/** @param {HTMLElement} node @param {Record<string, any>|null|undefined} attrs */
function setAttrs(node, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "innerHTML" || key === "outerHTML") throw new Error("el(): HTML strings are not allowed");
    if (value === null || value === undefined || (value === false && !PROPS.has(key))) continue;
    if (key === "class") node.setAttribute("class", value);
    else if (key === "text") node.textContent = String(value);
    else if (key === "style") {
      for (const [prop, v] of Object.entries(value)) {
        if (prop.startsWith("--")) node.style.setProperty(prop, v);
        else node.style[prop] = v;
      }
    } else if (key === "dataset") {
      for (const [name, v] of Object.entries(value)) {
        if (v !== null && v !== undefined) node.dataset[name] = String(v);
      }
    } else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (PROPS.has(key)) node[key] = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

/** @param {Node} node @param {ChildList} children */
function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

/**
 * `el("button", {class: "btn", onclick: fn}, "text", childNode, [more])` — text is never parsed.
 * attrs: `class`, `text`, `style` (object), `dataset` (object), `on<event>` listeners, properties
 * (checked, disabled, hidden, value…) and any other attribute; null, undefined and false skip one.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

/**
 * The same for SVG elements (attributes only, plus `text` and `class`).
 * @param {string} tag
 * @param {Record<string, any>|null} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs, ...children) {
  const node = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/**
 * Remove every child of `node`.
 * @template {Node|null} N
 * @param {N} node
 * @returns {N}
 */
export function clear(node) {
  while (node && node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/**
 * Replace the children of `node`; the keyboard focus stays on the element with the same data-key.
 * @param {HTMLElement} node
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function replace(node, ...children) {
  const active = document.activeElement;
  const key = active && node.contains(active) && active.getAttribute("data-key");
  clear(node);
  append(node, children);
  if (key) {
    const again = /** @type {HTMLButtonElement|null} */ (node.querySelector(`[data-key="${CSS.escape(key)}"]`));
    if (again && !again.disabled) again.focus();
  }
  return node;
}

/**
 * Show or hide `node` (the `hidden` attribute); nothing when there is no node.
 * @param {HTMLElement|null} node
 * @param {boolean} visible
 */
export function show(node, visible) {
  if (node) node.hidden = !visible;
}

/**
 * `document.getElementById`; pass the element's class (`byId("x", HTMLInputElement)`) for its type.
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @param {{new (): T, prototype: T}} [_kind]
 * @returns {T}
 */
export function byId(id, _kind) {
  return /** @type {T} */ (document.getElementById(id));
}

/**
 * The coloured, labelled tag of a sector (null without a sector).
 * @param {string|null|undefined} code
 * @param {string} [extraClass]
 * @returns {HTMLElement|null}
 */
export function sectorTag(code, extraClass) {
  if (!code) return null;
  return el("span", { class: "sector " + code + (extraClass ? " " + extraClass : ""), "data-sector": code },
    label("sectors", code));
}

/**
 * An item's stable code (LA-3, RP-2) as a tag, to put before its title; null without a code.
 * @param {{code?: string|null}|null|undefined} item
 * @returns {HTMLElement|null}
 */
export function codeTag(item) {
  const code = item && item.code;
  return code ? el("span", { class: "item-code", dataset: { code } }, code) : null;
}
