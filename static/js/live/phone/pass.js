// @ts-check
/* The phone's pass for the programme, kept beside the session's participant token (localStorage
 * "mesa:pass:<programme id>"): the server gives it on a join (`stakeholder_token`), and the first
 * visit to another session of the same programme sends it instead of the form, so the person joins
 * as themselves without typing and counts once across the programme. A pass the server no longer
 * knows (withdrawn, e.g. with the person's invitation) is forgotten and the form shown. */
import { cfg, lang } from "../config.js";
import { load, remove, save } from "./store.js";

const PROGRAMME = cfg.session && cfg.session.programme_id;
const KEY = "mesa:pass:" + PROGRAMME;
const RETRY_MS = 10000;

/**
 * Keep the pass a join answered with.
 * @param {{stakeholder_token?: string|null}} joined
 */
export function keepPass(joined) {
  if (PROGRAMME && joined && joined.stakeholder_token) save(KEY, joined.stakeholder_token);
}

/** Whether this phone holds a pass for the session's programme. */
export function hasPass() {
  return !!(PROGRAMME && load(KEY));
}

/**
 * Join with the pass. `joined` gets the API's answer; `fallback(notLive)` shows the form (the pass
 * was refused, the network is down, or the session is not live yet: then it tries again while
 * this phone has not joined another way).
 * @param {(joined: any) => void} joined
 * @param {(notLive: boolean) => void} fallback
 * @param {() => boolean} joinedMeanwhile
 */
export async function joinWithPass(joined, fallback, joinedMeanwhile) {
  const token = load(KEY);
  if (!token) { fallback(false); return; }
  let response = null;
  try {
    response = await fetch("/api/v1/join?lang=" + encodeURIComponent(lang), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ code: cfg.session.join_code, stakeholder_token: token }),
    });
  } catch (e) { /* offline: the form, and another try */ }
  const data = response ? await response.json().catch(() => ({})) : {};
  if (joinedMeanwhile()) return;
  if (response && response.ok) { joined(data); return; }
  const code = data && data.error ? data.error.code : "";
  if (response && response.status < 500 && code !== "session_not_live" && code !== "rate_limited") {
    remove(KEY);  // refused for good: the person joins with the form (or their invitation)
    fallback(false);
    return;
  }
  fallback(code === "session_not_live");
  setTimeout(() => { if (!joinedMeanwhile()) joinWithPass(joined, () => {}, joinedMeanwhile); }, RETRY_MS);
}
