// @ts-check
/* The console's "open a round" form: which agenda items are ticked, the hint for the chosen
 * method, filling the form for an item (or like an earlier round), and opening the round. */
import { byId as $, el, replace } from "../dom.js";
import { num, t, tr } from "../i18n.js";
import { act, agendaItem, desk, focusHeading, showError } from "./desk.js";

/** @typedef {import("../types.js").Round} Round */

/** The methods that vote on exactly one item; the others need two or more. */
const SINGLE = ["approve", "score", "impact_feasibility"];

/** @type {number[]|null} ids ticked in the form (null: not touched yet, the current item) */
let selectedItems = null;

const input = (id) => $(id, HTMLInputElement);
const currentMethod = () => $("round-method", HTMLSelectElement).value;

/** The agenda as checkboxes. */
export function renderRoundItems() {
  const state = desk.state;
  if (!desk.steer || !state) return;
  if (selectedItems === null) selectedItems = state.item ? [state.item.id] : [];
  selectedItems = selectedItems.filter((id) => !!agendaItem(id));
  replace($("round-items"), (state.agenda || []).map((item) => {
    const id = "round-item-" + item.id;
    return el("label", { class: "check", for: id },
      el("input", { type: "checkbox", id, name: "round-item", value: String(item.id), "data-key": id,
        checked: selectedItems.includes(item.id),
        onchange: (ev) => {
          if (ev.currentTarget.checked) { if (!selectedItems.includes(item.id)) selectedItems.push(item.id); }
          else selectedItems = selectedItems.filter((x) => x !== item.id);
          renderItemsHint();
        } }),
      " ", tr(item, "title"));
  }));
  renderItemsHint();
}

function renderItemsHint() {
  const method = currentMethod();
  const n = (selectedItems || []).length;
  const single = SINGLE.includes(method);
  const hint = $("round-items-hint");
  hint.textContent = single ? t("needs_one_item", { n: num(n) }) : t("needs_two_items", { n: num(n) });
  hint.classList.toggle("bad", !(single ? n === 1 : n >= 2) && n > 0);
  $("round-dots-field").hidden = method !== "dots";
}

/**
 * Fill the form for a vote on these items (and with the settings of `like`), then focus it.
 * @param {number[]} ids
 * @param {Round} [like]
 */
export function prepareRound(ids, like) {
  selectedItems = ids.slice();
  const method = $("round-method", HTMLSelectElement);
  if (like) {
    method.value = like.method;
    input("round-quorum").value = String(like.quorum);
    input("round-threshold").value = String(Math.round(like.threshold * 100));
    input("round-cross-sector").checked = !!like.cross_sector;
    input("round-anonymous").checked = !!like.anonymous;
    input(like.results === "hidden" ? "round-results-hidden" : "round-results-live").checked = true;
    input("round-dots").value = like.dots ? String(like.dots) : "";
  } else if (ids.length === 1 && !SINGLE.includes(currentMethod())) {
    method.value = "approve";
  }
  renderRoundItems();
  const card = $("open-round-card");
  if (card.scrollIntoView) card.scrollIntoView({ block: "start", behavior: "smooth" });
  method.focus();
}

/**
 * A whole number typed in `field`: null when empty, NaN when not a whole number.
 * @param {HTMLInputElement} field
 */
function intOrNull(field) {
  const text = String(field.value || "").trim();
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && Math.floor(n) === n ? n : NaN;
}

/** @param {SubmitEvent} event */
function submitOpenRound(event) {
  event.preventDefault();
  const err = $("open-round-error");
  showError(err, null);
  const method = currentMethod();
  const ids = (selectedItems || []).slice();
  const single = SINGLE.includes(method);
  /** @param {string} key @param {HTMLElement|null} field */
  const fail = (key, field) => {
    err.textContent = t(key);
    err.hidden = false;
    if (field) field.focus();
  };
  const firstBox = $("round-items").querySelector("input");
  if (single && ids.length !== 1) return fail("err_one_item", firstBox);
  if (!single && ids.length < 2) return fail("err_two_items", firstBox);
  let quorum = intOrNull(input("round-quorum"));
  if (quorum === null) quorum = 0;
  if (Number.isNaN(quorum) || quorum < 0) return fail("err_quorum", input("round-quorum"));
  const thresholdText = input("round-threshold").value;
  const threshold = Number(thresholdText);
  if (String(thresholdText).trim() === "" || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    return fail("err_threshold", input("round-threshold"));
  }
  /** @type {Record<string, any>} */
  const data = {
    item_ids: ids, method, quorum, threshold: Math.round(threshold * 10) / 1000,
    cross_sector: input("round-cross-sector").checked, anonymous: input("round-anonymous").checked,
    results: input("round-results-hidden").checked ? "hidden" : "live",
  };
  if (method === "dots") {
    const dots = intOrNull(input("round-dots"));
    if (Number.isNaN(dots) || (dots !== null && dots < 1)) return fail("err_dots", input("round-dots"));
    if (dots !== null) data.dots = dots;
  }
  const seconds = intOrNull(input("round-seconds"));
  if (Number.isNaN(seconds) || (seconds !== null && (seconds < 5 || seconds > 3600))) {
    return fail("err_seconds", input("round-seconds"));
  }
  if (seconds !== null) data.seconds = seconds;
  act($("btn-open-round"), "open_round", data, err).then((res) => {
    if (res.ok) {
      input("round-seconds").value = "";
      focusHeading("round-title");
    }
  });
}

/** Bind the form (steering users only). */
export function bindRoundForm() {
  $("open-round-form").addEventListener("submit", submitOpenRound);
  $("round-method").addEventListener("change", renderItemsHint);
}
