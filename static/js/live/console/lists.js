// @ts-check
/* The console's lists: who is in the room — with a count per sector, admission, removal, sector
 * corrections, the personal code on demand and possible duplicates to merge — the proposals
 * waiting for a facilitator (accept or reject), and every comment with its moderation. */
import { SECTORS } from "../config.js";
import { byId as $, el, replace, sectorTag } from "../dom.js";
import { label, num, t } from "../i18n.js";
import { sortComments } from "../comments.js";
import { act, desk, itemTitle, showError } from "./desk.js";

/** @typedef {import("../types.js").Comment} Comment */
/** @typedef {import("../types.js").Person} Person */
/** @typedef {import("../types.js").State} State */
/** @typedef {import("../types.js").ParticipantEvent} ParticipantEvent */

/**
 * The one action form open in the people card: remove, correct the sector, show the code, or
 * merge a pair. Kept across re-renders (people join while the facilitator types a reason).
 * @type {{kind: "remove"|"sector"|"code"|"merge", id: number, keep?: number, node?: HTMLElement}|null}
 */
let panel = null;

const people = () => (desk.state && desk.state.participants) || [];
/** @param {number} id */
const person = (id) => people().find((p) => p.id === id) || null;

/**
 * Open (or close, when the same) an action form in the people card.
 * @param {"remove"|"sector"|"code"|"merge"} kind
 * @param {number} id
 * @param {number} [keep]
 */
function toggle(kind, id, keep) {
  const same = panel && panel.kind === kind && panel.id === id && panel.keep === keep;
  panel = same ? null : { kind, id, keep };
  showError($("people-error"), null);
  renderParticipants();
  const first = /** @type {HTMLElement|null} */ (document.querySelector("#people-card .person-panel textarea, " +
    "#people-card .person-panel select, #people-card .person-panel input, #people-card .person-panel button"));
  if (!same && first) first.focus();
}

function closePanel() {
  const was = panel;
  panel = null;
  renderParticipants();
  if (!was) return;
  // back to the button that opened it (the person may be gone: then nowhere in particular)
  const selector = was.kind === "merge" ? `[data-key="merge-${was.keep}-${was.id % 100000 === was.keep
    ? Math.floor(was.id / 100000) : was.id % 100000}"]` : `[data-key="${was.kind}-${was.id}"]`;
  const again = /** @type {HTMLElement|null} */ (document.querySelector(selector));
  if (again) again.focus();
}

/**
 * A labelled reason field for the minutes.
 * @param {string} id
 * @param {string} text
 * @param {boolean} required
 */
function reasonField(id, text, required) {
  return el("div", { class: "field" },
    el("label", { for: id }, text, " ", el("span", { class: "hint" }, required ? "" : "(" + t("optional") + ")")),
    el("textarea", { id, rows: 2, maxlength: 500, required, "data-key": id }));
}

/**
 * Buttons under an action form.
 * @param {string} text
 * @param {(button: HTMLButtonElement) => void} onConfirm
 * @param {string} [danger]
 */
function panelButtons(text, onConfirm, danger) {
  return el("div", { class: "row" },
    el("button", { type: "button", class: "btn small" + (danger ? " danger" : ""), "data-key": "panel-ok",
      onclick: (ev) => onConfirm(/** @type {HTMLButtonElement} */ (ev.currentTarget)) }, text),
    el("button", { type: "button", class: "btn small secondary", "data-key": "panel-cancel", onclick: closePanel }, t("cancel")));
}

/** @param {HTMLElement} form @param {string} id */
const valueOf = (form, id) => {
  const field = /** @type {HTMLInputElement|HTMLTextAreaElement|HTMLSelectElement|null} */ (form.querySelector("#" + id));
  return field ? field.value.trim() : "";
};

/**
 * Send a people action from a panel; close the panel once the server agrees.
 * @param {HTMLButtonElement} button
 * @param {string} event
 * @param {Record<string, any>} data
 */
async function send(button, event, data) {
  const err = /** @type {HTMLElement} */ (button.closest(".person-panel").querySelector(".form-error"));
  const res = await act(button, event, data, err);
  if (res.ok) closePanel();
}

/** @param {Person} p */
function removePanel(p) {
  const id = "remove-reason-" + p.id;
  const box = el("div", { class: "person-panel", dataset: { panel: "remove" } },
    reasonField(id, t("remove_reason", { name: p.name }), true),
    el("p", { class: "form-error", role: "alert", hidden: true }),
    panelButtons(t("remove_confirm"), (button) => {
      const reason = valueOf(box, id);
      if (!reason) {
        showError(/** @type {HTMLElement} */ (box.querySelector(".form-error")), { code: "reason_required", message: t("err_remove_reason") });
        /** @type {HTMLElement} */ (box.querySelector("#" + id)).focus();
        return;
      }
      send(button, "remove_participant", { participant_id: p.id, reason });
    }, "danger"));
  return box;
}

/** @param {Person} p */
function sectorPanel(p) {
  const select = "sector-new-" + p.id, reason = "sector-reason-" + p.id;
  const box = el("div", { class: "person-panel", dataset: { panel: "sector" } },
    el("div", { class: "field" }, el("label", { for: select }, t("sector")),
      el("select", { id: select, "data-key": select }, SECTORS.map((code) =>
        el("option", { value: code, selected: code === p.sector }, label("sectors", code))))),
    reasonField(reason, t("reason_for_minutes"), false),
    el("p", { class: "form-error", role: "alert", hidden: true }),
    panelButtons(t("save"), (button) => {
      send(button, "correct_sector", { participant_id: p.id, sector: valueOf(box, select), reason: valueOf(box, reason) });
    }));
  return box;
}

/** @param {Person} p */
function codePanel(p) {
  return el("div", { class: "person-panel code-panel", dataset: { panel: "code" } },
    el("p", null, t("code_of", { name: p.name }), " ",
      el("strong", { class: "code-value", dataset: { personalCode: p.id }, translate: "no" }, p.personal_code || "—")),
    el("p", { class: "small muted" }, t("code_help")),
    el("button", { type: "button", class: "btn small secondary", "data-key": "panel-cancel", onclick: closePanel }, t("hide_code")));
}

/**
 * The form of the open panel, built once and kept while it stays open.
 * @param {Person} p
 */
function panelFor(p) {
  if (!panel || panel.id !== p.id || panel.kind === "merge") return null;
  if (!panel.node) panel.node = panel.kind === "remove" ? removePanel(p) : panel.kind === "sector" ? sectorPanel(p) : codePanel(p);
  return panel.node;
}

/** @param {Person} p @param {boolean} marks  show admitted / waiting marks */
function personRow(p, marks) {
  const steer = desk.steer;
  const waiting = p.admitted === false;
  /** @param {string} kind @param {string} text @param {string} aria @param {() => void} onclick */
  const button = (kind, text, aria, onclick) => el("button", { type: "button", class: "btn small secondary",
    "data-key": kind + "-" + p.id, dataset: { action: kind, participantId: p.id }, "aria-label": aria,
    "aria-expanded": kind === "admit" ? null : String(!!(panel && panel.kind === kind && panel.id === p.id)), onclick }, text);
  const online = !!p.online;
  return el("li", { class: "person" + (waiting ? " is-waiting" : ""),
    dataset: { participantId: p.id, admitted: String(!waiting), online: String(online) } },
    el("div", { class: "person-line" },
      el("span", { class: "presence-dot", role: "img", "aria-label": online ? t("online") : t("offline"),
        title: online ? t("online") : t("offline") }),
      el("span", { class: "person-name" }, p.name),
      marks ? el("span", { class: "badge " + (waiting ? "waiting" : "admitted"), dataset: { mark: waiting ? "waiting" : "admitted" } },
        waiting ? t("mark_waiting") : t("mark_admitted")) : null),
    el("div", { class: "person-meta" }, el("span", { class: "muted small" }, p.organisation), " ", sectorTag(p.sector, "small")),
    steer ? el("div", { class: "person-actions", dataset: { personActions: p.id } },
      waiting ? el("button", { type: "button", class: "btn small", "data-key": "admit-" + p.id,
        dataset: { action: "admit", participantId: p.id }, "aria-label": t("admit") + ": " + p.name,
        onclick: (ev) => act(ev.currentTarget, "admit_participant", { participant_id: p.id }, $("people-error")) }, t("admit")) : null,
      button("code", t("show_code"), t("show_code_of", { name: p.name }), () => toggle("code", p.id)),
      button("sector", t("correct_sector"), t("correct_sector") + ": " + p.name, () => toggle("sector", p.id)),
      button("remove", t("remove_person"), t("remove_person") + ": " + p.name, () => toggle("remove", p.id))) : null,
    panelFor(p));
}

/** One number for a pair of participants (the merge form's key). @param {Person} a @param {Person} b */
const pairKey = (a, b) => Math.min(a.id, b.id) * 100000 + Math.max(a.id, b.id);

/** Pairs of present participants who may be one person, each with "Merge, keep …" both ways. */
function renderDuplicates() {
  const pairs = ((desk.state && desk.state.possible_duplicates) || [])
    .map(([a, b]) => [person(a), person(b)]).filter(([a, b]) => a && b);
  $("duplicates").hidden = pairs.length === 0;
  if (panel && panel.kind === "merge" && !pairs.some(([a, b]) => pairKey(a, b) === panel.id)) panel = null;
  replace($("duplicates-list"), pairs.map(([a, b]) => {
    const pairId = pairKey(a, b);
    const open = !!(panel && panel.kind === "merge" && panel.id === pairId);
    /** @param {Person} keep @param {Person} dup */
    const mergeButton = (keep, dup) => el("button", { type: "button", class: "btn small secondary",
      "data-key": "merge-" + keep.id + "-" + dup.id, dataset: { action: "merge", keepId: keep.id, duplicateId: dup.id },
      "aria-expanded": String(!!(open && panel.keep === keep.id)),
      onclick: () => toggle("merge", pairId, keep.id) }, t("merge_keep", { name: keep.name }));
    let form = null;
    if (open) {
      const keep = panel.keep === a.id ? a : b, dup = keep === a ? b : a;
      if (!panel.node) {
        const reason = "merge-reason-" + pairId;
        const box = el("div", { class: "person-panel", dataset: { panel: "merge" } },
          el("p", { class: "small" }, t("merge_explain", { keep: keep.name, duplicate: dup.name })),
          reasonField(reason, t("reason_for_minutes"), false),
          el("p", { class: "form-error", role: "alert", hidden: true }),
          panelButtons(t("merge"), (button) => send(button, "merge_participants",
            { keep_id: keep.id, duplicate_id: dup.id, reason: valueOf(box, reason) })));
        panel.node = box;
      }
      form = panel.node;
    }
    return el("li", { class: "duplicate", dataset: { pair: a.id + "-" + b.id } },
      el("p", { class: "small muted" }, t("may_be_same")),
      el("ul", { class: "duplicate-people" }, [a, b].map((p) => el("li", { dataset: { participantId: p.id } },
        el("strong", null, p.name), " ", el("span", { class: "muted small" }, p.organisation), " ", sectorTag(p.sector, "small")))),
      desk.steer ? el("div", { class: "row duplicate-actions", dataset: { personActions: pairId } }, mergeButton(a, b), mergeButton(b, a)) : null,
      form);
  }));
}

/**
 * Apply a `participant` event: one person in or out of the list, and the pairs of possible
 * duplicates they are in (the server sends the change, never the whole room again).
 * @param {State} state @param {ParticipantEvent} data
 */
export function applyParticipant(state, data) {
  if (!data || typeof data.id !== "number") return;
  const list = (state.participants || []).filter((p) => p.id !== data.id);
  if (data.participant) {
    list.push(data.participant);
    list.sort((a, b) => a.id - b.id);
  }
  state.participants = list;
  const pairs = (state.possible_duplicates || []).filter(([a, b]) => a !== data.id && b !== data.id);
  state.possible_duplicates = data.participant ? pairs.concat(data.duplicates || []) : pairs;
}

export function renderParticipants() {
  const state = desk.state;
  const list = people();
  $("participants-count").textContent = num(list.length);
  const online = list.filter((p) => p.online).length;
  $("online-line").textContent = t("online_line", { online: num(online), joined: num(list.length) });
  $("online-line").setAttribute("data-online", String(online));
  const counts = {};
  for (const s of SECTORS) counts[s] = 0;
  for (const p of list) counts[p.sector] = (counts[p.sector] || 0) + 1;
  replace($("sector-counts"), SECTORS.map((s) =>
    el("li", { dataset: { sector: s } }, sectorTag(s), el("span", { class: "sector-count" }, num(counts[s])))));
  const required = !!state.requires_admission;
  const toggleBox = /** @type {HTMLInputElement|null} */ ($("admission-required"));
  if (toggleBox && document.activeElement !== toggleBox) toggleBox.checked = required;
  const waiting = list.filter((p) => p.admitted === false);
  const note = $("waiting-count");
  note.hidden = waiting.length === 0;
  note.textContent = t("n_waiting", { n: num(waiting.length) });
  const details = /** @type {HTMLDetailsElement} */ ($("people-details"));
  if (waiting.length && !details.open) details.open = true; // people wait for the facilitator: show them
  if (panel && panel.kind !== "merge" && !person(panel.id)) panel = null;
  $("participants-empty").hidden = list.length > 0;
  const marks = required || waiting.length > 0;
  // waiting people first: they need the facilitator
  const admitted = list.filter((p) => p.admitted !== false);
  const ordered = waiting.concat(admitted.filter((p) => p.online), admitted.filter((p) => !p.online));
  replace($("participants-list"), ordered.map((p) => personRow(p, marks)));
  renderDuplicates();
}

/** Bind the admission toggle and the anonymous comments toggle (steering users only). */
export function bindPeople() {
  bindAnonymousComments();
  const box = /** @type {HTMLInputElement|null} */ ($("admission-required"));
  if (!box) return;
  box.addEventListener("change", async () => {
    const wanted = box.checked;
    const res = await act(box, "set_admission", { required: wanted }, $("people-error"));
    if (!res.ok) box.checked = !wanted;
  });
}

/** The "allow anonymous comments" switch: turning it off keeps earlier anonymous comments anonymous. */
function bindAnonymousComments() {
  const box = /** @type {HTMLInputElement|null} */ ($("anonymous-comments"));
  if (!box) return;
  box.addEventListener("change", async () => {
    const wanted = box.checked;
    const res = await act(box, "set_anonymous_comments", { allowed: wanted }, $("comments-error"));
    if (!res.ok) box.checked = !wanted;
  });
}

export function renderProposals() {
  const list = desk.state.proposals || [];
  $("proposals-count").textContent = num(list.length);
  $("proposals-empty").hidden = list.length > 0;
  /** @param {import("../types.js").Proposal} p @param {boolean} accept */
  const handle = (p, accept) => (ev) => act(ev.currentTarget, "handle_proposal", { proposal_id: p.id, accept }, $("proposals-error"));
  replace($("proposals-list"), list.map((p) => el("li", { class: "proposal", dataset: { proposalId: p.id } },
    el("p", { class: "proposal-title" }, el("span", { class: "badge kind" }, label("kinds", p.kind)), " ", el("strong", null, p.title)),
    p.description ? el("p", { class: "proposal-desc small" }, p.description) : null,
    p.author ? el("p", { class: "muted small" }, t("proposed_by", { name: p.author })) : null,
    desk.steer ? el("div", { class: "row" },
      el("button", { type: "button", class: "btn small", "data-key": "accept-" + p.id, dataset: { action: "accept", proposalId: p.id },
        "aria-label": t("accept") + ": " + p.title, onclick: handle(p, true) }, t("accept")),
      el("button", { type: "button", class: "btn small secondary", "data-key": "reject-" + p.id, dataset: { action: "reject", proposalId: p.id },
        "aria-label": t("reject") + ": " + p.title, onclick: handle(p, false) }, t("reject"))) : null)));
}

/**
 * Every comment (hidden ones too, marked), pinned first; moderation buttons for steering users.
 * @param {Record<number, Comment>} comments
 */
export function renderComments(comments) {
  const list = sortComments(Object.values(comments));
  const anonymousBox = /** @type {HTMLInputElement|null} */ ($("anonymous-comments"));
  if (anonymousBox && desk.state && document.activeElement !== anonymousBox) {
    anonymousBox.checked = !!desk.state.session.allow_anonymous_comments;
  }
  $("comments-count").textContent = num(list.length);
  $("comments-empty").hidden = list.length > 0;
  const state = desk.state;
  const currentId = state && state.item ? state.item.id : null;
  const err = $("comments-error");
  /** @param {Comment} c @param {Record<string, boolean>} change */
  const moderate = (c, change) => (ev) => act(ev.currentTarget, "moderate", { comment_id: c.id, ...change }, err);
  replace($("comments-list"), list.map((c) => el("li", {
    class: "comment" + (c.is_pinned ? " pinned" : "") + (c.is_hidden ? " is-hidden" : ""),
    dataset: { commentId: c.id, hidden: String(!!c.is_hidden), pinned: String(!!c.is_pinned) },
  },
  el("div", { class: "comment-meta" },
    el("strong", { class: "comment-author" }, c.author || t("anonymous")),
    c.organisation ? el("span", { class: "comment-org" }, c.organisation) : null,
    sectorTag(c.sector, "small")),
  c.item_id && c.item_id !== currentId ? el("p", { class: "comment-item small muted" }, t("about_item", { item: itemTitle(c.item_id) })) : null,
  el("p", { class: "comment-body" }, c.body),
  el("div", { class: "comment-foot" },
    el("span", { class: "small" }, "▲ " + num(c.upvotes || 0)),
    c.is_pinned ? el("span", { class: "badge pin" }, "★ " + t("pinned")) : null,
    c.is_hidden ? el("span", { class: "badge hidden-badge" }, t("hidden")) : null,
    desk.steer ? el("span", { class: "comment-actions" },
      el("button", { type: "button", class: "btn small secondary", "data-key": (c.is_pinned ? "unpin-" : "pin-") + c.id,
        dataset: { action: c.is_pinned ? "unpin" : "pin", commentId: c.id },
        onclick: moderate(c, { pinned: !c.is_pinned }) }, c.is_pinned ? t("unpin") : t("pin")),
      el("button", { type: "button", class: "btn small secondary", "data-key": (c.is_hidden ? "unhide-" : "hide-") + c.id,
        dataset: { action: c.is_hidden ? "unhide" : "hide", commentId: c.id },
        onclick: moderate(c, { hidden: !c.is_hidden }) }, c.is_hidden ? t("unhide") : t("hide"))) : null))));
}
