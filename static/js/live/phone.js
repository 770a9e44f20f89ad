// @ts-check
/* The phone's entry module (/j/<code>). Kept to what joining needs, so that on a slow network the
 * join form works and the live connection opens while the person types; the rest of the phone —
 * voting, results, comments, proposals, the agenda (phone/app.js) — loads meanwhile. The form is
 * in the page's HTML, shown before any script runs. */
import { cfg } from "./config.js";
import { initJoin } from "./phone/join.js";
import { joinOverSocket, openLink } from "./phone/link.js";
import { KEYS, load } from "./phone/store.js";

const app = import("./phone/app.js");
initJoin((joined) => { app.then((phone) => phone.start(joined)); }, joinOverSocket);
if (!load(KEYS.token) && !load(KEYS.removed) && cfg.session.status !== "closed") openLink();
app.then((phone) => phone.boot());
