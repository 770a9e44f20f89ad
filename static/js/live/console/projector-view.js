// @ts-check
/* The console's hold on the room's screen: the projector's dark theme — `projector_view` events,
 * relayed by the server to the session's projectors and to the other consoles (whose toggle
 * follows). The full-screen join screen is the run-of-show's `projector_mode` (Q, console/runshow.js),
 * kept on the session so that a reloaded projector keeps it. */
import { byId } from "../dom.js";
import { act, desk } from "./desk.js";

const view = { theme: "light" };

function paint() {
  const theme = byId("btn-pj-theme");
  if (theme) theme.setAttribute("aria-pressed", String(view.theme === "dark"));
}

/** Switch the projector between the light and the dark theme. @param {EventTarget|null} [button] */
export function toggleProjectorTheme(button) {
  const theme = view.theme === "dark" ? "light" : "dark";
  return act(button || byId("btn-pj-theme"), "projector_view", { theme }, byId("pj-view-error"))
    .then((res) => { if (res.ok) { view.theme = theme; paint(); } return res; });
}

/** Wire the two toggles and follow what other consoles ask. */
export function bindProjectorView() {
  const theme = byId("btn-pj-theme");
  if (theme) theme.addEventListener("click", (event) => { toggleProjectorTheme(event.currentTarget); });
  if (desk.socket) {
    desk.socket.on("projector_view", (data) => {
      if (!data) return;
      if (data.theme === "dark" || data.theme === "light") view.theme = data.theme;
      paint();
    });
  }
  paint();
}
