// @ts-check
/* The console's hold on the room's screen: the full-screen join screen (QR, code, the room counted
 * by sector) on and off, and the projector's dark theme — `projector_view` events, relayed by the
 * server to the session's projectors and to the other consoles (whose toggles follow). Keyboard
 * shortcuts can call `toggleJoinScreen` / `toggleProjectorTheme`. */
import { byId } from "../dom.js";
import { act, desk } from "./desk.js";

const view = { join: false, theme: "light" };

function paint() {
  const join = byId("btn-pj-join"), theme = byId("btn-pj-theme");
  if (join) join.setAttribute("aria-pressed", String(view.join));
  if (theme) theme.setAttribute("aria-pressed", String(view.theme === "dark"));
}

/** Show the join screen on the projector, or leave it. @param {EventTarget|null} [button] */
export function toggleJoinScreen(button) {
  const join = !view.join; // set, not flipped, on the ack: the relayed event may arrive first
  return act(button || byId("btn-pj-join"), "projector_view", { join }, byId("pj-view-error"))
    .then((res) => { if (res.ok) { view.join = join; paint(); } return res; });
}

/** Switch the projector between the light and the dark theme. @param {EventTarget|null} [button] */
export function toggleProjectorTheme(button) {
  const theme = view.theme === "dark" ? "light" : "dark";
  return act(button || byId("btn-pj-theme"), "projector_view", { theme }, byId("pj-view-error"))
    .then((res) => { if (res.ok) { view.theme = theme; paint(); } return res; });
}

/** Wire the two toggles and follow what other consoles ask. */
export function bindProjectorView() {
  const join = byId("btn-pj-join"), theme = byId("btn-pj-theme");
  if (join) join.addEventListener("click", (event) => { toggleJoinScreen(event.currentTarget); });
  if (theme) theme.addEventListener("click", (event) => { toggleProjectorTheme(event.currentTarget); });
  if (desk.socket) {
    desk.socket.on("projector_view", (data) => {
      if (!data) return;
      if (typeof data.join === "boolean") view.join = data.join;
      if (data.theme === "dark" || data.theme === "light") view.theme = data.theme;
      paint();
    });
  }
  paint();
}
