// @ts-check
/* Comments and proposals from the phone: the comments about the item on screen (my own marked,
 * up-votes shown at once and undone if refused), the comment form with its counter, and the
 * proposal form. */
import { commentsAbout, commentsById } from "../comments.js";
import { byId as $, el, replace, sectorTag } from "../dom.js";
import { num, plural, t } from "../i18n.js";
import { ack, errorText } from "../socket.js";
import { KEYS, loadJSON, saveJSON } from "./store.js";

/** @typedef {import("../types.js").State} State */
/** @typedef {import("../types.js").Comment} Comment */
/** @typedef {import("../types.js").Person} Person */
/** @typedef {import("../socket.js").Socket} Socket */

const COMMENT_MAX = 500;

/** @type {() => Socket|null} */
let socket = () => null;
/** @type {State|null} */
let state = null;
/** @type {Person|null} */
let me = null;
/** @type {Record<number, Comment>} */
let comments = {};
/** @type {Record<number, boolean>} comment ids I up-voted */
let myUpvotes = {};
/** @type {Record<number, {id: number, item_id: number|null, body: string, at: string}>} my comments a facilitator hid */
let hiddenMine = {};
/** @type {number[]} ids of my own comments */
const mine = loadJSON(KEYS.mine) || [];

/**
 * Take the comments of a `state` (and my up-votes and who I am, when it says).
 * @param {State} s
 * @param {Person|null} person
 */
export function commentsFromState(s, person) {
  state = s;
  me = person;
  if (Object.prototype.hasOwnProperty.call(s, "my_upvotes")) {
    myUpvotes = {};
    for (const id of s.my_upvotes || []) myUpvotes[id] = true;
  }
  comments = commentsById(s.comments);
  if (Object.prototype.hasOwnProperty.call(s, "my_comments")) serverMine = s.my_comments || [];
  if (Object.prototype.hasOwnProperty.call(s, "my_hidden_comments")) {
    hiddenMine = {};
    for (const c of s.my_hidden_comments || []) hiddenMine[c.id] = c;
  }
}

/**
 * A `comment` event (new or changed).
 * @param {Comment} c
 */
export function onComment(c) {
  if (!c || !c.id) return;
  comments[c.id] = c;
  delete hiddenMine[c.id];  // shown again
  renderComments();
}

/**
 * A `comment_removed` event: a facilitator hid it.
 * @param {{id: number}} data
 */
export function onCommentRemoved(data) {
  if (!data || !comments[data.id]) return;
  const c = comments[data.id];
  // my own stays, marked as hidden (the fresh state that follows says it too): never a silent vanishing
  if (isMine(c)) hiddenMine[c.id] = { id: c.id, item_id: c.item_id, body: c.body, at: "" };
  delete comments[data.id];
  renderComments();
}

/** @type {number[]} my comments' ids as the server knows them (`my_comments`: also those sent from another phone) */
let serverMine = [];

/** @param {Comment} c */
function isMine(c) {
  if (mine.includes(c.id) || serverMine.includes(c.id)) return true;
  // an anonymous comment names nobody: only its id tells that it is mine
  return !!(me && !c.anonymous && c.author && c.author === me.name && c.organisation === me.organisation);
}

export function renderComments() {
  if (!state) return;
  const itemId = state.item ? state.item.id : null;
  const list = commentsAbout(comments, itemId);
  const hidden = Object.values(hiddenMine).filter((c) => c.item_id === itemId);
  $("comment-empty").hidden = list.length + hidden.length > 0;
  replace($("comment-list"), hidden.map(hiddenNode), list.map(commentNode));
}

/** One of my comments a facilitator hid: only I see it, and I am told. @param {{id: number, body: string}} c */
function hiddenNode(c) {
  return el("li", { class: "comment hidden-mine", dataset: { commentId: c.id, hidden: "true" } },
    el("p", { class: "notice wait comment-hidden-note", role: "status" }, t("comment_hidden_note")),
    el("p", { class: "comment-body" }, c.body));
}

/** @param {Comment} c */
function commentNode(c) {
  const voted = !!myUpvotes[c.id];
  const upvotes = num(c.upvotes || 0);
  return el("li", { class: "comment" + (c.is_pinned ? " pinned" : ""), dataset: { commentId: c.id } },
    el("div", { class: "comment-meta" },
      el("strong", { class: "comment-author" + (c.anonymous ? " anonymous" : "") }, c.author || t("anonymous")),
      c.organisation ? el("span", { class: "comment-org" }, c.organisation) : null,
      sectorTag(c.sector, "small")),
    el("p", { class: "comment-body" }, c.body),
    el("div", { class: "comment-foot" },
      c.is_pinned ? el("span", { class: "badge pin" }, "★ " + t("pinned")) : null,
      isMine(c) ? el("span", { class: "small muted own" }, t("your_comment"), " · ▲ " + upvotes)
        : el("button", { type: "button", class: "upvote", "data-key": "up-" + c.id, dataset: { upvote: c.id },
          "aria-pressed": String(voted), "aria-label": plural(voted ? "upvoted_n" : "upvotes_n", c.upvotes || 0),
          onclick: () => upvote(c) }, el("span", { "aria-hidden": "true" }, "▲ "), upvotes)));
}

/** Up-vote at once on screen; undone if the server refuses. @param {Comment} c */
async function upvote(c) {
  if (myUpvotes[c.id]) return;
  myUpvotes[c.id] = true;
  c.upvotes = (c.upvotes || 0) + 1;
  renderComments();
  const res = await ack(socket(), "upvote", { comment_id: c.id });
  const err = $("comment-error");
  if (res.ok) {
    if (comments[c.id]) comments[c.id].upvotes = res.upvotes;
    err.hidden = true;
  } else {
    delete myUpvotes[c.id];
    if (comments[c.id]) comments[c.id].upvotes = Math.max(0, (comments[c.id].upvotes || 1) - 1);
    if (res.error && res.error.code === "own_comment" && !mine.includes(c.id)) { mine.push(c.id); saveJSON(KEYS.mine, mine); }
    err.textContent = errorText(res.error);
    err.hidden = false;
  }
  renderComments();
}

/** The comment form, shown while the session is live; its "comment anonymously" box only while
 * the facilitator allows it (unticked when they turn it off, so nothing is refused by surprise). */
export function renderCommentForm() {
  const form = $("comment-form");
  if (!form || !state) return;
  form.hidden = !(state.session && state.session.status === "live");
  const allowed = !!(state.session && state.session.allow_anonymous_comments);
  $("comment-anonymous-row").hidden = !allowed;
  if (!allowed) $("comment-anonymous", HTMLInputElement).checked = false;
}

function updateCounter() {
  const n = $("comment-body", HTMLTextAreaElement).value.length;
  const counter = $("comment-count");
  counter.textContent = t("chars_count", { n: num(n), max: num(COMMENT_MAX) });
  counter.classList.toggle("warn", n > COMMENT_MAX - 50);
}

/** @param {SubmitEvent} event */
async function submitComment(event) {
  event.preventDefault();
  const body = $("comment-body", HTMLTextAreaElement);
  const text = body.value.trim();
  const err = $("comment-error");
  if (!text) { err.textContent = t("err_comment_empty"); err.hidden = false; body.focus(); return; }
  if (text.length > COMMENT_MAX) { err.textContent = t("err_too_long"); err.hidden = false; return; }
  const button = $("comment-submit", HTMLButtonElement);
  button.disabled = true;
  const anonymous = $("comment-anonymous", HTMLInputElement);
  /** @type {{body: string, anonymous?: boolean}} */
  const data = { body: text };
  if (anonymous.checked && !$("comment-anonymous-row").hidden) data.anonymous = true;
  const res = await ack(socket(), "comment", data);
  button.disabled = false;
  if (res.ok) {
    body.value = "";
    updateCounter();
    err.hidden = true;
    mine.push(res.comment_id);
    saveJSON(KEYS.mine, mine.slice(-200));
    renderComments();
  } else {
    err.textContent = errorText(res.error);
    err.hidden = false;
  }
}

/** @param {SubmitEvent} event */
async function submitProposal(event) {
  event.preventDefault();
  const form = $("propose-form", HTMLFormElement);
  const err = $("propose-error"), done = $("propose-done");
  const kind = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name="kind"]:checked'));
  const titleInput = $("propose-title", HTMLInputElement);
  const descInput = $("propose-description", HTMLTextAreaElement);
  const title = titleInput.value.trim();
  done.hidden = true;
  if (!title) { err.textContent = t("err_proposal_title"); err.hidden = false; titleInput.focus(); return; }
  const button = $("propose-submit", HTMLButtonElement);
  button.disabled = true;
  const res = await ack(socket(), "propose", { kind: kind ? kind.value : "action_line", title, description: descInput.value.trim() });
  button.disabled = false;
  if (res.ok) {
    err.hidden = true;
    titleInput.value = "";
    descInput.value = "";
    done.textContent = t("proposal_sent");
    done.hidden = false;
  } else {
    err.textContent = errorText(res.error);
    err.hidden = false;
  }
}

/**
 * Bind the comment and proposal forms.
 * @param {() => Socket|null} getSocket the phone's socket now
 */
export function initTalk(getSocket) {
  socket = getSocket;
  $("comment-form").addEventListener("submit", submitComment);
  $("comment-body").addEventListener("input", updateCounter);
  $("propose-form").addEventListener("submit", submitProposal);
  updateCounter();
}
