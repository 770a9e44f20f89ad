// @ts-check
/* Joining from the phone: the boot, join and ended views, the join form with its checks and
 * the API's answers, waiting for a session that has not started, and rejoining with the token
 * kept from an earlier visit (POST /api/v1/join). */
import { cfg, lang } from "../config.js";
import { byId as $, el, replace, show } from "../dom.js";
import { t } from "../i18n.js";
import { errorText, paintConnection } from "../socket.js";

/** @typedef {{participant_token: string, session_id: number, participant_id?: number, personal_code?: string, admitted?: boolean, state?: import("../types.js").State}} Joined */
/** @typedef {{ok: boolean, data?: Joined, network?: boolean, status?: number, error?: any}} JoinAnswer */

const CODE = cfg.session.join_code;
const FIELD_TEXT = { name: "err_name", organisation: "err_organisation", sector: "err_sector", region: "err_region",
  personal_code: "err_personal_code" };
const FIELDS = ["name", "organisation", "sector", "region", "sex", "personal_code"];

/** @type {(joined: Joined) => void} */
let onJoined = () => {};
/** Join over the socket opened while the person types (null when it is not connected). @type {(body: Record<string, any>) => Promise<JoinAnswer|null>} */
let overSocket = async () => null;
let joinTimer = 0;

/**
 * @param {Record<string, any>} body
 * @returns {Promise<JoinAnswer>}
 */
async function postJoin(body) {
  let response;
  try {
    // ?lang= : the API's refusals in the page's language (English otherwise)
    response = await fetch("/api/v1/join?lang=" + encodeURIComponent(lang), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
    });
  } catch (e) {
    return { ok: false, network: true };
  }
  const data = await response.json().catch(() => ({}));
  if (response.ok) return { ok: true, data };
  if (response.status >= 500) return { ok: false, network: true };
  return { ok: false, status: response.status, error: (data && data.error) || { code: "error", message: "" } };
}

/**
 * Show one of the phone's views: boot, join-view, ended-view, removed-view or live-view.
 * @param {string} id
 */
export function showOnly(id) {
  for (const name of ["boot", "join-view", "ended-view", "removed-view", "live-view"]) show($(name), name === id);
}

/**
 * Ask again who this phone is (a rejoin with its token: no new participant, no join limit) —
 * e.g. whether the facilitator has admitted it yet.
 * @param {string} token
 * @returns {Promise<JoinAnswer>}
 */
export function whoAmI(token) {
  return postJoin({ code: CODE, participant_token: token });
}

/**
 * The boot view with a message (connecting, retrying, a refusal).
 * @param {string} text
 */
export function setBoot(text) {
  replace($("boot"), el("p", null, text));
  showOnly("boot");
}

/**
 * A notice paragraph: hidden without text; `kind` adds a class ("wait").
 * @param {HTMLElement} node
 * @param {string} text
 * @param {string} [kind]
 */
export function notice(node, text, kind) {
  node.textContent = text || "";
  node.hidden = !text;
  node.className = "notice" + (kind ? " " + kind : "");
}

/**
 * The join form (or the ended view for a closed session), with `message` above it.
 * @param {string} [message]
 */
export function showJoin(message) {
  if (cfg.session.status === "closed" && !message) { showOnly("ended-view"); return; }
  showOnly("join-view");
  if (navigator.onLine === false) paintConnection("offline");  // else the join form's socket paints it
  const waiting = cfg.session.status !== "live";
  notice($("join-notice"), message || (waiting ? t("not_live_yet") : ""), waiting ? "wait" : "");
}

const clean = (value) => value.replace(/\s+/g, " ").trim();

function readJoinForm() {
  const form = $("join-form", HTMLFormElement);
  const sector = /** @type {HTMLInputElement|null} */ (form.querySelector('input[name="sector"]:checked'));
  const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value;
  return {
    name: clean(field("name")),
    organisation: clean(field("organisation")),
    sector: sector ? sector.value : "",
    region: clean(field("region")),
    sex: field("sex"),
    // only once the server said that this name and organisation are taken
    personal_code: $("join-code-field").hidden ? "" : field("personal_code").replace(/[\s-]+/g, "").toUpperCase(),
  };
}

/**
 * Mark a field of the join form as wrong (or right again, without text).
 * @param {string} field
 * @param {string} text
 * @returns {boolean} whether the form has that field
 */
function fieldError(field, text) {
  const box = document.querySelector(`#join-form [data-field="${field}"]`);
  const msg = $(`join-${field.replace(/_/g, "-")}-error`);
  if (!box || !msg) return false;
  box.classList.toggle("invalid", !!text);
  msg.textContent = text || "";
  msg.hidden = !text;
  const input = box.querySelector("input, select");
  if (input && field !== "sector") input.setAttribute("aria-invalid", text ? "true" : "false");
  return true;
}

function clearJoinErrors() {
  for (const field of FIELDS) fieldError(field, "");
  $("join-error").hidden = true;
}

function focusFirstInvalid() {
  const box = document.querySelector("#join-form .invalid");
  const input = box && /** @type {HTMLElement|null} */ (box.querySelector("input, select"));
  if (input) input.focus();
}

/** The API refused the join: show it by the field it is about, else above the button. */
function showApiErrors(error) {
  let shown = false;
  if (error.fields && typeof error.fields === "object") {
    for (const [field, detail] of Object.entries(error.fields)) {
      const text = FIELD_TEXT[field] ? t(FIELD_TEXT[field]) : [].concat(detail).join(" ");
      if (fieldError(field, text)) shown = true;
    }
  } else if (error.code === "identity_taken") {
    shown = askPersonalCode(error);
  } else if (/^(missing_field|invalid_field|invalid_sector)$/.test(error.code)) {
    const match = /^(name|organisation|region|sector)\b/.exec(error.message || "");
    const field = error.code === "invalid_sector" ? "sector" : match && match[1];
    if (field) shown = fieldError(field, t(FIELD_TEXT[field]));
  }
  if (!shown) {
    const box = $("join-error");
    box.textContent = error.code === "unknown_code" ? t("err_unknown_code") : errorText(error);
    box.hidden = false;
  }
  focusFirstInvalid();
}

/**
 * Someone with this name and organisation is in the session already: if it is this person on a
 * new phone, the personal code shown on the first phone lets them continue as themselves.
 * @param {{code: string, message?: string}} error
 * @returns {boolean} shown by the field
 */
function askPersonalCode(error) {
  const box = $("join-code-field");
  const again = !box.hidden && !!$("join-personal-code", HTMLInputElement).value.trim();
  box.hidden = false;
  $("join-identity").textContent = error.message || t("identity_taken");
  fieldError("personal_code", again ? t("err_personal_code_wrong") : "");
  const input = $("join-personal-code", HTMLInputElement);
  if (box.scrollIntoView) box.scrollIntoView({ block: "center" });
  input.focus();
  if (again) input.select();
  return true;
}

/** @param {SubmitEvent} event */
function submitJoin(event) {
  event.preventDefault();
  clearTimeout(joinTimer);
  clearJoinErrors();
  const data = readJoinForm();
  let missing = false;
  if (!data.name) missing = fieldError("name", t("err_name")) || true;
  if (!data.organisation) missing = fieldError("organisation", t("err_organisation")) || true;
  if (!data.sector) missing = fieldError("sector", t("err_sector")) || true;
  if (!$("join-code-field").hidden && !/^[A-Z0-9]{4,12}$/.test(data.personal_code)) {
    missing = fieldError("personal_code", t("err_personal_code")) || true;
  }
  if (missing) { focusFirstInvalid(); return; }
  tryJoin(data);
}

/**
 * The body of a join (POST /api/v1/join, or the socket's `join` event: the same fields). The one
 * place it is built: a credential that lets a person in without typing goes here too.
 * @param {Partial<ReturnType<typeof readJoinForm>>} data
 * @returns {Record<string, any>}
 */
export function joinBody(data) {
  const body = { code: CODE };
  for (const key of ["name", "organisation", "sector", "region", "sex", "personal_code"]) {
    // optional fields are left out when empty (a sex not chosen is stored as "not asked")
    if (data[key]) body[key] = data[key];
  }
  return body;
}

/**
 * Join with `body`: over the socket already open (the answer carries the first state), else
 * through the API.
 * @param {Record<string, any>} body
 * @returns {Promise<JoinAnswer>}
 */
export async function sendJoin(body) {
  return (await overSocket(body)) || postJoin(body);
}

/** @param {ReturnType<typeof readJoinForm>} data */
async function tryJoin(data) {
  const button = $("join-submit", HTMLButtonElement);
  button.disabled = true;
  button.textContent = t("joining");
  const r = await sendJoin(joinBody(data));
  button.disabled = false;
  button.textContent = t("join");
  if (r.ok) { onJoined(r.data); return; }
  if (r.network) {
    const box = $("join-error");
    box.textContent = t("err_network");
    box.hidden = false;
    return;
  }
  if (r.error.code === "session_not_live") {
    notice($("join-notice"), t("not_live_waiting"), "wait");
    joinTimer = window.setTimeout(() => tryJoin(data), 10000);
    return;
  }
  showApiErrors(r.error);
}

/**
 * Bind the join form. `joined` gets the answer once the phone is in; `viaSocket` joins over the
 * open socket (null when it is not connected: then the API).
 * @param {(joined: Joined) => void} joined
 * @param {(body: Record<string, any>) => Promise<JoinAnswer|null>} viaSocket
 */
export function initJoin(joined, viaSocket) {
  onJoined = (answer) => { clearTimeout(joinTimer); joined(answer); };
  overSocket = viaSocket;
  $("join-form").addEventListener("submit", submitJoin);
}
