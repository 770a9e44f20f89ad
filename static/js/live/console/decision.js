// @ts-check
/* The console's decision form: choose an item, see what its last closed vote gave, record the
 * decision — with a reason when it differs from the vote (the server checks it too). */
import { byId as $, clear, el, replace } from "../dom.js";
import { codeTitle, decisionText, label, t } from "../i18n.js";
import { act, agendaItem, desk, itemTitle, showError } from "./desk.js";

/** @type {number|null} the item chosen in the form */
let decisionItem = null;
/** @type {number|null} the item the run-of-show's "decide" step last put in the form */
let followed = null;
/** @type {number|null} the item under discussion at the last render */
let lastCurrent = null;

const outcomeSelect = () => $("decision-outcome", HTMLSelectElement);
const reasonField = () => $("decision-reason", HTMLTextAreaElement);
const intoSelect = () => $("decision-into", HTMLSelectElement);

/**
 * Choose `id` in the form (from the agenda's "Decide…") and focus the decision.
 * @param {number} id
 */
export function chooseDecision(id) {
  decisionItem = id;
  $("decision-done").hidden = true;
  renderDecision(true);
  const card = $("decision-card");
  if (card.scrollIntoView) card.scrollIntoView({ block: "start", behavior: "smooth" });
  outcomeSelect().focus();
}

/**
 * The run-of-show's step is "decide" on `id`: put it in the form once, the vote's outcome chosen
 * (the facilitator may still change it; an edit in progress on the same item is kept).
 * @param {number} id
 */
export function followStep(id) {
  if (followed === id && decisionItem === id) return;
  followed = id;
  decisionItem = id;
  $("decision-done").hidden = true;
  showError($("decision-error"), null);
  renderDecision(true);
}

/**
 * Choose the decision with a key (1 agreed, 2 rejected, 3 deferred).
 * @param {string} outcome
 */
export function chooseOutcome(outcome) {
  outcomeSelect().value = outcome;
  updateReasonNeed();
  if (reasonRequired()) reasonField().focus();
}

/** Record the decision in the form (the N key, Ctrl+Enter): as pressing its button. */
export function submitDecision() {
  const form = /** @type {HTMLFormElement} */ ($("decision-form"));
  if (form.requestSubmit) form.requestSubmit();
  else form.dispatchEvent(new Event("submit", { cancelable: true }));
}

/**
 * The form for the chosen item (the current one, else the first, until one is chosen).
 * @param {boolean} [reset] fill the outcome and reason from the item's decision or vote
 */
export function renderDecision(reset = false) {
  const state = desk.state;
  if (!desk.steer || !state) return;
  const list = state.agenda || [];
  const select = $("decision-item", HTMLSelectElement);
  const currentId = state.item ? state.item.id : null;
  if (currentId !== lastCurrent) {  // a new item under discussion: the form follows it
    lastCurrent = currentId;
    if (currentId !== null && agendaItem(currentId) && currentId !== decisionItem) {
      decisionItem = currentId;
      reset = true;
      $("decision-done").hidden = true;
    }
  }
  if (decisionItem === null || !agendaItem(decisionItem)) {
    decisionItem = state.item && agendaItem(state.item.id) ? state.item.id : list.length ? list[0].id : null;
    reset = true;
  }
  const focused = document.activeElement === select;
  clear(select);
  for (const item of list) {
    select.appendChild(el("option", { value: String(item.id), selected: item.id === decisionItem }, codeTitle(item)));
  }
  if (focused) select.focus();
  const item = agendaItem(decisionItem);
  const computed = item && item.computed_outcome;
  const box = $("decision-computed");
  box.setAttribute("data-computed", computed || "");
  replace(box,
    computed ? [t("computed_is") + " ", el("strong", { class: "badge " + computed }, label("outcomes", computed))]
      : t("no_computed"),
    item && item.decision ? el("span", { class: "decision-current" }, " · " + t("recorded_as", { outcome: decisionText(item.decision) })
      + (item.decision.reason ? " — " + item.decision.reason : "")) : null);
  renderInto(item && item.decision && item.decision.merged_into ? item.decision.merged_into.id : null, reset);
  if (reset) {
    outcomeSelect().value = item && item.decision ? item.decision.outcome
      : computed === "agreed" || computed === "rejected" ? computed : "";
    reasonField().value = (item && item.decision && item.decision.reason) || "";
  }
  updateReasonNeed();
}

/**
 * The "merge into" choices: the agenda's other items that are not merged themselves.
 * @param {number|null} current the item the chosen one is merged into, if it is
 * @param {boolean} reset choose `current` (else keep the choice being made)
 */
function renderInto(current, reset) {
  const select = intoSelect();
  const keep = reset ? current : (parseInt(select.value, 10) || current);
  const others = (desk.state.agenda || []).filter((i) => i.id !== decisionItem && i.status !== "merged");
  clear(select);
  select.appendChild(el("option", { value: "" }, others.length ? t("choose") : t("merge_into_none")));
  for (const other of others) {
    select.appendChild(el("option", { value: String(other.id), selected: other.id === keep }, codeTitle(other)));
  }
}

/** Why the reason is required now, or "" when it is not. */
function reasonNeed() {
  const item = agendaItem(decisionItem);
  const computed = item && item.computed_outcome;
  const outcome = outcomeSelect().value;
  if (outcome === "merged") return "merge";
  if (outcome && item && item.status === "merged") return "unmerge";
  return computed && outcome && outcome !== computed ? "override" : "";
}

function reasonRequired() {
  return reasonNeed() !== "";
}

/** @param {boolean} invalid */
function markReason(invalid) {
  if (invalid) reasonField().setAttribute("aria-invalid", "true");
  else reasonField().removeAttribute("aria-invalid");
  $("decision-reason-field").classList.toggle("invalid", invalid);
}

const NEED_HINTS = { override: "reason_required_hint", merge: "merge_reason_hint", unmerge: "unmerge_reason_hint" };

function updateReasonNeed() {
  const why = reasonNeed();
  const need = why !== "";
  $("decision-reason-need").textContent = need ? t(NEED_HINTS[why]) : "(" + t("optional") + ")";
  reasonField().required = need;
  $("decision-into-field").hidden = outcomeSelect().value !== "merged";
  $("decision-reason-field").classList.toggle("required", need);
  if (!need) markReason(false);
}

/** @param {Event} event */
async function onSubmit(event) {
  event.preventDefault();
  const err = $("decision-error");
  const done = $("decision-done");
  showError(err, null);
  done.hidden = true;
  const outcome = outcomeSelect().value;
  const reason = reasonField().value.trim();
  if (!decisionItem) { err.textContent = t("err_decision_item"); err.hidden = false; return; }
  if (!outcome) { err.textContent = t("err_decision_outcome"); err.hidden = false; outcomeSelect().focus(); return; }
  const into = outcome === "merged" ? parseInt(intoSelect().value, 10) || null : null;
  if (outcome === "merged" && !into) {
    err.textContent = t("err_merge_into");
    err.hidden = false;
    intoSelect().focus();
    return;
  }
  if (reasonRequired() && !reason) {
    err.textContent = t({ merge: "err_merge_reason", unmerge: "err_unmerge_reason" }[reasonNeed()] || "err_reason_required");
    err.hidden = false;
    markReason(true);
    reasonField().focus();
    return;
  }
  const id = decisionItem;
  const res = await act($("btn-decide"), "decide", { item_id: id, outcome, reason, into }, err);
  if (res.ok) {
    const target = into ? agendaItem(into) : null;
    done.textContent = t("decision_saved", {
      item: itemTitle(id),
      outcome: decisionText({ outcome: res.outcome || outcome, merged_into: target }),
    });
    done.hidden = false;
  }
}

/** Bind the form (steering users only). */
export function bindDecisionForm() {
  $("decision-form").addEventListener("submit", onSubmit);
  $("decision-item").addEventListener("change", (ev) => {
    decisionItem = parseInt(/** @type {HTMLSelectElement} */ (ev.currentTarget).value, 10);
    $("decision-done").hidden = true;
    showError($("decision-error"), null);
    renderDecision(true);
  });
  $("decision-outcome").addEventListener("change", updateReasonNeed);
  $("decision-into").addEventListener("change", () => showError($("decision-error"), null));
  $("decision-reason").addEventListener("input", () => {
    if (reasonField().value.trim()) markReason(false);
  });
}
