// @ts-check
/* Comments as every screen keeps them: by id, in the order they are shown (pinned first, then
 * the most up-voted, then the newest), and those about the item on screen. */

/** @typedef {import("./types.js").Comment} Comment */

/**
 * The comments of a `state`, by id.
 * @param {Comment[]|null|undefined} list
 * @returns {Record<number, Comment>}
 */
export function commentsById(list) {
  /** @type {Record<number, Comment>} */
  const byId = {};
  for (const c of list || []) byId[c.id] = c;
  return byId;
}

/**
 * Pinned first, then the most up-voted, then the newest.
 * @param {Comment[]} list
 * @returns {Comment[]} a sorted copy
 */
export function sortComments(list) {
  return list.slice().sort((a, b) => {
    if (!!b.is_pinned !== !!a.is_pinned) return b.is_pinned ? 1 : -1;
    if ((b.upvotes || 0) !== (a.upvotes || 0)) return (b.upvotes || 0) - (a.upvotes || 0);
    return b.id - a.id;
  });
}

/**
 * The comments about `itemId` (all of them when no item is on screen), sorted.
 * @param {Record<number, Comment>} comments
 * @param {number|null} itemId
 * @returns {Comment[]}
 */
export function commentsAbout(comments, itemId) {
  return sortComments(Object.values(comments).filter((c) => itemId === null || c.item_id === itemId));
}
