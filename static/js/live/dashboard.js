// @ts-check
/**
 * The programme dashboard keeps itself up to date. It asks the stats endpoint for the figures
 * every few seconds (`poll_live` s while a session of the programme is live, `poll_idle` s
 * otherwise) with the ETag of the figures on screen, so an unchanged programme costs a bare 304.
 * When they change it writes the new figures into the board as text (never markup), reloads the
 * charts — SVG images drawn by the server — under a new address, and rebuilds the agreed items'
 * lists from the item search. A change of shape (a session added, started or ended, renamed or
 * moved; an initiative added) reloads the page, which the server lays out again. Polling stops
 * while the tab is hidden and resumes at once when it shows again; errors back off up to 60 s.
 *
 * Why polling and not a socket room: the dashboard is a staff page watched by a few coordinators,
 * its figures move at the pace of joins and decisions (votes only move a counter), and a
 * programme-wide room would make every vote of every session fan out to one more audience on the
 * hub's hot path. A conditional GET every 3 s is a few grouped reads per watcher.
 */

/**
 * @typedef {{total: number, by_sector: Record<string, number>}} BySector
 * @typedef {{id: number, title: string, status: string, place: string, participants: BySector, votes: number,
 *   items_agreed: {total: number}}} SessionFigures
 * @typedef {{id: number, stakeholders: BySector, items: Record<string, Record<string, number>>,
 *   phases: {number: number, sessions: SessionFigures[]}[]}} InitiativeFigures
 * @typedef {{sessions: Record<string, number>, stakeholders: BySector, organisations: BySector,
 *   items: Record<string, Record<string, number>>, budget: {total_pen: number, price_years: number[],
 *   items_not_estimated: number, items_without_price_year: number}, initiatives: InitiativeFigures[]}} Stats
 * @typedef {{id: number, code: string, title: string, title_en: string, initiative_id: number}} FoundItem
 * @typedef {{programme_id: number, stats_url: string, agreed_url: string, etag: string, poll_live: number,
 *   poll_idle: number, lang: string, sector_order: string[], labels: {session_statuses: Record<string, string>,
 *   sectors: Record<string, string>}, plurals: Record<string, string[]>, plurals_budget: Record<string, string[]>,
 *   strings: Record<string, string>}} DashboardConfig
 */

const configNode = document.getElementById("mesa-config");
/** @type {DashboardConfig} */
const config = JSON.parse(configNode ? configNode.textContent || "{}" : "{}");
const statusNode = document.getElementById("refresh");
const timeFormat = new Intl.DateTimeFormat(config.lang, { hour: "2-digit", minute: "2-digit" });
const numberFormat = new Intl.NumberFormat(config.lang);
const pluralRules = new Intl.PluralRules(config.lang);

/** The ETag of the figures on screen (the page was rendered with them). */
let etag = config.etag;
/** @type {number | undefined} */
let timer;
let failures = 0;

// --- Text ------------------------------------------------------------------------------------------

/** @param {number} n */
function int(n) {
  return numberFormat.format(n || 0);
}

/**
 * A translated message with `%(name)s` / `%(name)d` filled in.
 * @param {string} message
 * @param {Record<string, string>} params
 */
function fill(message, params) {
  return message.replace(/%\((\w+)\)[sd]/g, (_m, key) => (key in params ? params[key] : ""));
}

/**
 * The singular or plural form for `n`, with `n` written in.
 * @param {string[]} forms
 * @param {number} n
 */
function plural(forms, n) {
  return fill(pluralRules.select(n) === "one" ? forms[0] : forms[1], { num: int(n) });
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} attrs
 * @param {...(Node|string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const key of Object.keys(attrs)) node.setAttribute(key, attrs[key]);
  for (const child of children) node.append(child);
  return node;
}

/**
 * Replace the children of `node` (Element.replaceChildren, for browsers from before 2020).
 * @param {Element} node
 * @param {(Node|string)[]} children
 */
function replaceAll(node, children) {
  while (node.firstChild) node.removeChild(node.firstChild);
  for (const child of children) node.append(child);
}

/**
 * Set the text of the element with this id, if it is on the page.
 * @param {string} id
 * @param {string} text
 */
function setText(id, text) {
  const node = document.getElementById(id);
  if (node && node.textContent !== text) node.textContent = text;
}

/** @param {string} text @param {string} kind */
function say(text, kind) {
  if (!statusNode) return;
  statusNode.textContent = text;
  statusNode.className = "refresh small " + kind;
}

function board() {
  return /** @type {HTMLElement} */ (document.getElementById("board"));
}

function isLive() {
  return Number(board().getAttribute("data-live") || "0") > 0;
}

function stamp() {
  const updated = fill(config.strings.updated, { time: timeFormat.format(new Date()) });
  say(isLive() ? updated + " · " + config.strings.live : updated, isLive() ? "live" : "");
}

// --- Writing the figures ------------------------------------------------------------------------------

/**
 * Whether the page's layout still fits the figures: the same initiatives and sessions, each with
 * the same status, title and place.
 * @param {Stats} stats
 */
function sameShape(stats) {
  if (board().getAttribute("data-initiatives") !== stats.initiatives.map((i) => i.id).join(",")) return false;
  const cells = Array.from(document.querySelectorAll("[data-session]"));
  const sessions = stats.initiatives.flatMap((i) => i.phases.flatMap((p) => p.sessions));
  if (cells.length !== sessions.length) return false;
  return sessions.every((s) => {
    const cell = document.getElementById("cell-" + s.id);
    return !!cell && cell.getAttribute("data-shape") === [s.status, s.title, s.place].join("|");
  });
}

/** @param {Stats["budget"]} budget */
function budgetNote(budget) {
  const years = budget.price_years;
  const note = [years.length === 1 ? fill(config.strings.one_year, { year: String(years[0]) })
    : years.length ? fill(config.strings.years, { years: years.join(", ") }) : config.strings.no_year];
  if (budget.items_without_price_year) note.push(plural(config.plurals_budget.unpriced, budget.items_without_price_year));
  if (budget.items_not_estimated) note.push(plural(config.plurals_budget.not_estimated, budget.items_not_estimated));
  return note.join(" ");
}

/** @param {Stats} stats */
function writeFigures(stats) {
  const heldNode = document.getElementById("fig-held");
  if (heldNode && heldNode.firstChild) heldNode.firstChild.textContent = int(stats.sessions.held);
  const of = heldNode && heldNode.querySelector(".stat-of");
  if (of) of.textContent = " / " + int(stats.sessions.total);
  setText("fig-live", int(stats.sessions.live));
  setText("fig-people", int(stats.stakeholders.total));
  setText("fig-orgs", int(stats.organisations.total));
  setText("fig-lines", int(stats.items.action_line.agreed));
  setText("fig-reforms", int(stats.items.policy_reform.agreed));
  setText("fig-budget", "S/ " + int(stats.budget.total_pen));
  setText("budget-note", budgetNote(stats.budget));
  board().setAttribute("data-live", String(stats.sessions.live));
  for (const initiative of stats.initiatives) {
    setText("people-" + initiative.id, plural(config.plurals.people, initiative.stakeholders.total));
    setText("agreed-" + initiative.id, plural(config.plurals.agreed,
      initiative.items.action_line.agreed + initiative.items.policy_reform.agreed));
    for (const phase of initiative.phases) for (const session of phase.sessions) writeCell(session);
  }
}

/** @param {SessionFigures} session */
function writeCell(session) {
  const cell = document.getElementById("cell-" + session.id);
  if (!cell) return;
  const people = cell.querySelector(".cell-people");
  if (people) people.textContent = plural(config.plurals.participants, session.participants.total);
  const sectors = cell.querySelector(".cell-sectors");
  if (sectors) {
    const tags = config.sector_order.filter((code) => session.participants.by_sector[code])
      .map((code) => el("span", { class: "sector " + code, title: config.labels.sectors[code] },
        el("span", { class: "visually-hidden" }, config.labels.sectors[code] + ": "),
        int(session.participants.by_sector[code])));
    replaceAll(sectors, tags.flatMap((tag) => [tag, " "]));
  }
  const agreed = cell.querySelector(".cell-agreed");
  if (agreed) agreed.textContent = plural(config.plurals.agreed, session.items_agreed.total);
  const votes = cell.querySelector(".cell-votes");
  if (votes) votes.textContent = plural(config.plurals.votes, session.votes);
}

function reloadCharts() {
  document.querySelectorAll("img.chart[data-src]").forEach((img) => {
    const src = img.getAttribute("data-src") + "&v=" + encodeURIComponent(etag.replace(/"/g, ""));
    if (img.getAttribute("src") !== src) img.setAttribute("src", src);
  });
}

/** Rebuild the agreed items' lists (per initiative, folded) from the item search. */
async function rebuildAgreed() {
  const response = await fetch(config.agreed_url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error("items " + response.status);
  /** @type {{items: FoundItem[]}} */
  const found = await response.json();
  const lists = document.getElementById("agreed-lists");
  if (!lists) return;
  const open = new Set(Array.from(lists.querySelectorAll("details[open]"), (d) => d.getAttribute("data-initiative")));
  const names = new Map();
  document.querySelectorAll("table.matrix th[scope=row] > a").forEach((a, n) => {
    names.set(board().getAttribute("data-initiatives").split(",")[n], a.textContent || "");
  });
  const english = config.lang === "en";
  const blocks = [];
  for (const id of names.keys()) {
    const mine = found.items.filter((item) => String(item.initiative_id) === id);
    if (!mine.length) continue;
    const details = el("details", { "data-initiative": id },
      el("summary", {}, names.get(id) + " ", el("span", { class: "muted small" }, "(" + int(mine.length) + ")")),
      el("ul", { class: "item-links" }, ...mine.map((item) => el("li", {},
        el("a", { href: "/items/" + item.id }, el("span", { class: "code" }, item.code || ""), " ",
          english && item.title_en ? item.title_en : item.title)))));
    if (open.has(id)) details.setAttribute("open", "");
    blocks.push(details);
  }
  replaceAll(lists, blocks.length ? blocks : [el("p", { class: "muted" }, config.strings.none_agreed)]);
}

// --- Polling --------------------------------------------------------------------------------------------

async function poll() {
  timer = undefined;
  try {
    /** @type {Record<string, string>} */
    const headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    const response = await fetch(config.stats_url, { credentials: "same-origin", headers, cache: "no-cache" });
    if (response.status === 200) {
      const fresh = response.headers.get("ETag") || "";
      if (fresh !== etag) {
        /** @type {Stats} */
        const stats = await response.json();
        if (!sameShape(stats)) {
          window.location.reload();
          return;
        }
        etag = fresh;
        writeFigures(stats);
        reloadCharts();
        await rebuildAgreed();
      }
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
  const wait = failures ? Math.min(60, seconds * Math.pow(2, Math.min(failures, 4))) : seconds;
  timer = window.setTimeout(poll, wait * 1000);
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
