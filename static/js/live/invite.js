// @ts-check
/* The personal invitation's landing page (/i/<token>, templates/registry/invite.html): joins the
 * programme's live session as the invited person (POST /api/v1/join with `invitation_token`), keeps
 * what the phone page reads — the session's participant token under "mesa:<CODE>" (phone/store.js)
 * and the programme's pass under "mesa:pass:<programme id>" (phone/pass.js) — and opens the phone
 * page, which rejoins with them: the person votes without typing. One live session: joins at once;
 * several: a button each; none: the page looks again every 15 seconds. */

/** @typedef {{token: string, programme_id: number, waiting: boolean, auto: boolean, lang: string, network: string}} InviteConfig */

const block = document.getElementById("mesa-invite");
/** @type {InviteConfig} */
const cfg = block && block.textContent ? JSON.parse(block.textContent) : /** @type {any} */ ({});
const WAIT_MS = 15000;
const RETRY_MS = 5000;

/**
 * @param {string} key
 * @param {string} value
 */
function keep(key, value) {
  try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: the phone page asks */ }
}

/** @param {string} id */
function node(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/** @param {boolean} busy */
function setBusy(busy) {
  const status = node("invite-status");
  if (status) status.hidden = !busy;
  for (const button of document.querySelectorAll("button[data-code]")) {
    /** @type {HTMLButtonElement} */ (button).disabled = busy;
  }
}

/** @param {string} text */
function showError(text) {
  const box = node("invite-error");
  if (!box) return;
  box.textContent = text;
  box.hidden = !text;
}

/** @param {string} code */
async function join(code) {
  setBusy(true);
  showError("");
  let response;
  try {
    response = await fetch("/api/v1/join?lang=" + encodeURIComponent(cfg.lang || "es"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ code, invitation_token: cfg.token }),
    });
  } catch (e) {
    response = null;
  }
  const data = response ? await response.json().catch(() => ({})) : {};
  if (response && response.ok) {
    keep("mesa:" + code, data.participant_token);
    if (data.stakeholder_token) keep("mesa:pass:" + data.programme_id, data.stakeholder_token);
    window.location.replace("/j/" + encodeURIComponent(code));
    return;
  }
  setBusy(false);
  if (!response || response.status >= 500) {
    showError(cfg.network || "");
    setTimeout(() => join(code), RETRY_MS);
    return;
  }
  showError((data.error && data.error.message) || "");
}

for (const button of document.querySelectorAll("button[data-code]")) {
  button.addEventListener("click", () => join(/** @type {HTMLElement} */ (button).dataset.code || ""));
}
const first = /** @type {HTMLElement|null} */ (document.querySelector("button[data-code]"));
if (cfg.auto && first) join(first.dataset.code || "");
if (cfg.waiting) setTimeout(() => window.location.reload(), WAIT_MS);
