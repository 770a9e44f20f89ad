// @ts-check
/* The console's "open a round" form: which agenda items are ticked, the hint for the chosen
 * method, filling the form for an item (or like an earlier round), the warning before an
 * anonymous cross-sector round that could reveal a small sector's votes, and opening the round. */
import { MIN_CELL, SECTORS } from "../config.js";
import { byId as $, el, replace } from "../dom.js";
import { codeTitle, label, num, t } from "../i18n.js";
import { act, agendaItem, desk, focusHeading, showError } from "./desk.js";

/** @typedef {import("../types.js").Round} Round */

/** The methods that vote on exactly one item; the others need two or more. */
const SINGLE = ["approve", "score", "impact_feasibility"];

/** @type {number[]|null} ids ticked in the form (null: not touched yet, the current item) */
let selectedItems = null;
/** The risk the facilitator chose to accept with "Open anyway" ("" when none). */
let acceptedRisk = "";

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
      " ", codeTitle(item));
  }));
  renderItemsHint();
  renderRisk();
}

/**
 * Sectors present with fewer people than the minimum cell: in an anonymous cross-sector round the
 * rule itself could reveal how they voted ("only civil society did not reach the threshold").
 * @returns {{code: string, n: number}[]}
 */
function riskySectors() {
  const state = desk.state;
  if (!state || !input("round-anonymous").checked || !input("round-cross-sector").checked) return [];
  const minCell = state.min_cell || MIN_CELL;
  /** @type {Record<string, number>} */
  const counts = {};
  for (const code of SECTORS) counts[code] = 0;
  // the live list (updated on every join), else the snapshot's counts
  if (state.participants) for (const p of state.participants) counts[p.sector] = (counts[p.sector] || 0) + 1;
  else Object.assign(counts, state.sector_counts || {});
  return SECTORS.filter((code) => counts[code] > 0 && counts[code] < minCell).map((code) => ({ code, n: counts[code] }));
}

/** The warning under the form, as soon as the settings and the room make a round risky. */
export function renderRisk() {
  if (!desk.steer || !desk.state) return;
  const risky = riskySectors();
  const box = $("round-risk");
  const key = risky.map((r) => r.code + r.n).join(",");
  if (key !== acceptedRisk) acceptedRisk = "";
  if (!risky.length) box.classList.remove("asked");
  const asked = box.classList.contains("asked");
  box.hidden = risky.length === 0;
  box.setAttribute("data-risky", risky.map((r) => r.code).join(" "));
  replace(box, risky.length ? [
    el("p", { class: "risk-title" }, el("strong", null, t("risk_title"))),
    el("ul", { class: "risk-list" }, risky.map((r) => el("li", { dataset: { sector: r.code } },
      t(r.n === 1 ? "risk_one" : "risk_many", { n: num(r.n), sector: label("sectors", r.code).toLocaleLowerCase() })))),
    el("p", { class: "risk-advice small" }, t("risk_advice")),
    el("button", { type: "button", class: "btn secondary small", id: "btn-open-anyway", "data-key": "open-anyway", hidden: !asked,
      onclick: () => { acceptedRisk = key; submitOpenRound(null); } }, t("open_anyway")),
  ] : null);
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
    renderRisk();
  } else {
    // the item's planned round (the run-of-show), its quorum for those present now: never 0
    const rs = desk.state && desk.state.run_of_show;
    const planned = rs ? rs.items.find((i) => i.id === ids[0]) : null;
    if (planned && planned.plan.item_ids.length === ids.length) {
      const plan = planned.plan;
      method.value = plan.method;
      input("round-quorum").value = String(plan.quorum_now !== undefined ? plan.quorum_now : plan.quorum || 1);
      input("round-threshold").value = String(Math.round(plan.threshold * 1000) / 10);
      input("round-cross-sector").checked = !!plan.cross_sector;
      input("round-anonymous").checked = !!plan.anonymous;
      input(plan.results === "hidden" ? "round-results-hidden" : "round-results-live").checked = true;
      input("round-dots").value = plan.dots ? String(plan.dots) : "";
      input("round-seconds").value = plan.seconds ? String(plan.seconds) : "";
      renderRisk();
    } else if (ids.length === 1 && !SINGLE.includes(currentMethod())) {
      method.value = "approve";
    }
  }
  renderRoundItems();
  const card = $("open-round-card");
  /** @type {HTMLDetailsElement} */ (card).open = true;  // folded under the decision until needed
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

/** @param {SubmitEvent|null} event  null: "Open anyway" after the warning */
function submitOpenRound(event) {
  if (event) event.preventDefault();
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
  const risky = riskySectors();
  const key = risky.map((r) => r.code + r.n).join(",");
  if (risky.length && acceptedRisk !== key) {
    // warn before opening: the facilitator confirms with "Open anyway" (or changes the settings)
    $("round-risk").classList.add("asked");
    renderRisk();
    $("btn-open-anyway").focus();
    return;
  }
  act($("btn-open-round"), "open_round", data, err).then((res) => {
    if (res.ok) {
      input("round-seconds").value = "";
      acceptedRisk = "";
      $("round-risk").classList.remove("asked");
      focusHeading("round-title");
    }
  });
}

/** Bind the form (steering users only). */
export function bindRoundForm() {
  $("open-round-form").addEventListener("submit", submitOpenRound);
  $("round-method").addEventListener("change", renderItemsHint);
  for (const id of ["round-anonymous", "round-cross-sector"]) {
    $(id).addEventListener("change", () => { $("round-risk").classList.remove("asked"); renderRisk(); });
  }
}
