// @ts-check
/* The page's configuration: the JSON data block `#mesa-config` written by
 * templates/live/_scripts.html (screen, language, session, translated strings and labels, and the
 * console's own keys). Read once. A data block, not an inline script: the page's
 * Content-Security-Policy runs no inline script. */

/**
 * @typedef {object} PageConfig
 * @property {"phone"|"projector"|"console"} screen
 * @property {string} lang
 * @property {{id: number, join_code: string, status: string, title: string, programme_id?: number, invited_only?: boolean}} session
 * @property {Record<string, string|Record<string, string>>} strings  workshop/live/strings.py client_strings()
 *   (a plural string is its forms by CLDR category: {one, other})
 * @property {Record<string, Record<string, string>>} labels   client_labels()
 * @property {number} [min_cell]        the smallest sector an anonymous round shows (ANONYMITY_MIN_CELL)
 * @property {string} [staff_token]     console, and a projector opened with a staff login: a short-lived token for the live socket only
 * @property {string} [join_host]       projector: the join address without the code ("mesa.example.org/j")
 * @property {boolean} [can_steer]      console
 * @property {string} [projector_url]   console
 */

/** @type {PageConfig} */
export const cfg = readConfig();

/** @returns {PageConfig} */
function readConfig() {
  const block = document.getElementById("mesa-config");
  return block && block.textContent ? JSON.parse(block.textContent) : /** @type {any} */ ({});
}

/** The page's language ("es" or "en"). */
export const lang = cfg.lang || document.documentElement.lang || "es";

/** The smallest sector an anonymous round shows; staff `state.min_cell` says it too. */
export const MIN_CELL = Number(cfg.min_cell) > 0 ? Number(cfg.min_cell) : 3;

/** The four sectors, in the order every screen lists them. */
export const SECTORS = ["public", "private", "academic", "civil_society"];
