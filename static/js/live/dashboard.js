// @ts-check
/**
 * The programme dashboard keeps itself up to date: it asks the stats endpoint for its figures every
 * few seconds (every `poll_live` s while a session of the programme is live, `poll_idle` s
 * otherwise) with the ETag of the last answer, so an unchanged programme costs a bare 304. When the
 * figures change it fetches the board again, rendered by the server (charts are server-side SVG),
 * and swaps it in. Polling stops while the tab is hidden and resumes, at once, when it shows again.
 *
 * Why polling and not a socket room: the dashboard is a staff page watched by a few coordinators,
 * its figures change at the pace of joins and decisions (votes only move a counter), and a
 * programme-wide room would make every vote of every session fan out to one more audience on the
 * hub's hot path. A conditional GET every 3 s is one small indexed read per watcher.
 */

/**
 * @typedef {{stats_url: string, board_url: string, etag: string, poll_live: number, poll_idle: number, lang: string,
 *   strings: {updated: string, offline: string, live: string}}} DashboardConfig
 */

const configNode = document.getElementById("mesa-config");
/** @type {DashboardConfig} */
const config = JSON.parse(configNode ? configNode.textContent || "{}" : "{}");
const statusNode = document.getElementById("refresh");
const timeFormat = new Intl.DateTimeFormat(config.lang, { hour: "2-digit", minute: "2-digit" });

/** The ETag of the figures the board on screen shows (the page was rendered with them). */
let etag = config.etag;
/** @type {number | undefined} */
let timer;
let failures = 0;

/** @param {string} text @param {string} kind */
function say(text, kind) {
  if (!statusNode) return;
  statusNode.textContent = text;
  statusNode.className = "refresh small " + kind;
}

function isLive() {
  const board = document.getElementById("board");
  return !!board && Number(board.getAttribute("data-live") || "0") > 0;
}

function stamp() {
  const updated = config.strings.updated.replace("%(time)s", timeFormat.format(new Date()));
  say(isLive() ? updated + " · " + config.strings.live : updated, isLive() ? "live" : "");
}

/** Swap the board for the server's fresh rendering of it. */
async function reloadBoard() {
  const response = await fetch(config.board_url, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!response.ok) throw new Error("board " + response.status);
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = doc.getElementById("board");
  const current = document.getElementById("board");
  if (!fresh || !current) throw new Error("no board");
  // Keep open whichever "agreed items" lists the reader had opened.
  const open = Array.from(current.querySelectorAll("details[open] summary"), (s) => s.textContent);
  fresh.querySelectorAll("details summary").forEach((s) => {
    if (open.indexOf(s.textContent) >= 0 && s.parentElement) s.parentElement.setAttribute("open", "");
  });
  current.replaceWith(document.adoptNode(fresh));
}

async function poll() {
  timer = undefined;
  try {
    /** @type {Record<string, string>} */
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    const response = await fetch(config.stats_url, { credentials: "same-origin", headers, cache: "no-cache" });
    if (response.status === 200) {
      const fresh = response.headers.get("ETag");
      if (fresh !== etag) await reloadBoard();
      etag = fresh;
    } else if (response.status !== 304) {
      throw new Error("stats " + response.status);
    }
    failures = 0;
    stamp();
  } catch (_error) {
    failures += 1;
    say(config.strings.offline, "offline");
  }
  schedule();
}

function schedule() {
  if (timer !== undefined || document.hidden) return;
  const seconds = isLive() ? config.poll_live : config.poll_idle;
  const backoff = Math.min(60, seconds * Math.pow(2, Math.min(failures, 4)));
  timer = window.setTimeout(poll, (failures ? backoff : seconds) * 1000);
}

document.addEventListener("visibilitychange", () => {
  if (document.hidden) {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
  } else {
    poll();
  }
});

poll();
export {};
