// @ts-check
/* The console's lists: who has joined (with a count per sector), the proposals waiting for a
 * facilitator (accept or reject), and every comment with its moderation (pin, hide). */
import { SECTORS } from "../config.js";
import { byId as $, el, replace, sectorTag } from "../dom.js";
import { label, num, t } from "../i18n.js";
import { sortComments } from "../comments.js";
import { act, desk, itemTitle } from "./desk.js";

/** @typedef {import("../types.js").Comment} Comment */

export function renderParticipants() {
  const people = desk.state.participants || [];
  $("participants-count").textContent = num(people.length);
  const counts = {};
  for (const s of SECTORS) counts[s] = 0;
  for (const p of people) counts[p.sector] = (counts[p.sector] || 0) + 1;
  replace($("sector-counts"), SECTORS.map((s) =>
    el("li", { dataset: { sector: s } }, sectorTag(s), el("span", { class: "sector-count" }, num(counts[s])))));
  replace($("participants-list"), people.map((p) => el("li", { dataset: { participantId: p.id } },
    el("span", { class: "person-name" }, p.name), " ",
    el("span", { class: "muted small" }, p.organisation), " ", sectorTag(p.sector, "small"))));
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
