"""The projector in real Chromium: every stage at 1920×1080 and 1280×720, in Spanish and English,
with results of 2, 6 and 20 items; nothing outside the screen, cut, or on top of something else.

One server, one browser and four projector pages (two sizes × two languages) follow one session
from the join screen to the closing summary; a staff socket steers it and phones vote over
Socket.IO. Each state is checked on every page by `layout_problems` (the bounding boxes of the
visible leaves: text lines, images, plots, tracks) and screenshotted in tests/screenshots/.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import requests

from helpers import SECTORS, Api, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]

#: MESA_PROJECTOR_ALL=1: go through every state and report every problem at the end (while fixing).
STRICT = not os.environ.get("MESA_PROJECTOR_ALL")
SIZES = {"1080": {"width": 1920, "height": 1080}, "720": {"width": 1280, "height": 720}}
LANGS = ("es", "en")

#: The check every state passes: the visible leaves of the page — each line of text (its glyph
#: boxes, through a Range), each image, SVG mark and label, and each bar's track — must lie inside
#: the viewport, must not be cut by an ancestor that hides overflow (unless that ancestor says it
#: clips on purpose: a line clamp or an ellipsis) and must not overlap one another. Text hidden on
#: purpose (clamped lines, `.visually-hidden`) is not on screen and is left out.
LAYOUT_CHECK = re.search(r"\(\) => \{.*\}", (Path(__file__).parent / "layout_check.js").read_text(), re.S).group(0)

#: The smallest text that is not a label or a footnote: the body of the page's content.
SMALLEST_BODY_TEXT = """() => {
  let smallest = 1e9, where = '';
  const body = ['.pj-item-title', '.pj-item-desc', '.pj-fact dd', '.pj-rank-title', '.bar-label', '.pj-board-title',
                '.pj-next-title', '.pj-join-how', '.decision-reason', '.pj-hidden-text'];
  for (const e of document.querySelectorAll(body.join(', '))) {
    if (!e.getClientRects().length || getComputedStyle(e).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < smallest) { smallest = size; where = e.className; }
  }
  return [smallest, where];
}"""


class Room:
    """The session under test: a staff socket to steer it, phones (Socket.IO clients) to vote, and
    the four projector pages."""

    def __init__(self, server, chromium):
        import socketio

        self.server = server
        self.chromium = chromium
        self.errors: list[str] = []
        self.found: dict = {}
        self.api = Api(server.url)
        programme = self.api.call("POST", "/programmes", json={"name": "Programa regional de innovación"})
        initiative = self.api.call("POST", f"/programmes/{programme['id']}/initiatives",
                                   json={"name": "Cacao fino de aroma", "name_en": "Fine-flavour cocoa"})
        titles = ["Centro de acopio y fermentación de cacao fino para cooperativas del valle",
                  "Ventanilla única regional para certificaciones orgánicas y de comercio justo",
                  "Escuela de campo <b>para</b> jóvenes productores & técnicos",
                  "Laboratorio de calidad sensorial", "Fondo concursable de innovación",
                  "Marca territorial del cacao de la región con denominación de origen y plan de promoción"]
        self.items = []
        for n in range(20):
            item = self.api.call("POST", f"/initiatives/{initiative['id']}/items", json={
                "kind": "action_line" if n % 3 else "policy_reform",
                "title": titles[n % len(titles)] + ("" if n < len(titles) else f" ({n + 1})"),
                "title_en": f"Action {n + 1}: cocoa "
                + ("collection and fermentation centre for cooperatives" if n % 2 else "quality lab")})
            self.api.call("PATCH", f"/items/{item['id']}", json={
                "description": "Infraestructura compartida para que las cooperativas fermenten y sequen el grano con "
                               "protocolos comunes, mejorando el precio pagado al productor. " * (2 if n == 0 else 1),
                "lead_institution": "Gobierno Regional de San Martín — Dirección Regional de Agricultura",
                "partners": "Cooperativa Oro Verde, Universidad Nacional de San Martín, SENASA, PROMPERÚ",
                "indicator": "Toneladas de cacao fermentado con protocolo común por año",
                "budget_pen": 1250000 + n * 13500, "budget_price_year": 2024,
                "horizon": ("short", "medium", "long")[n % 3],
                "axis": "Competitividad"})
            self.items.append(item)
        self.session = self.api.call("POST", f"/initiatives/{initiative['id']}/sessions", json={
            "title": "Cacao fino de aroma — Priorización", "phase": 3, "item_ids": [i["id"] for i in self.items]})
        self.api.call("POST", f"/sessions/{self.session['id']}/start")
        self.staff = socketio.Client(reconnection=False)
        self.staff.connect(server.url, namespaces=["/live"], transports=["websocket"],
                           auth={"token": self.api.token, "session_id": self.session["id"]})
        self.pages = {}
        for lang in LANGS:
            for size, viewport in SIZES.items():
                context = chromium.new_context(viewport=viewport, locale="es-PE")
                page = context.new_page()
                page.on("pageerror", lambda error: self.errors.append(str(error)))
                self.pages[(lang, size)] = page
        self.phones: list = []

    def projector_link(self) -> str:
        """The projector's link with its key, as the console offers it."""
        context = self.chromium.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        login(page, self.server)
        page.goto(f"{self.server.url}/sessions/{self.session['id']}/console")
        link = page.get_attribute("#projector-link", "href")
        context.close()
        assert "key=" in link
        return link.replace(self.server.url, "")

    def open_pages(self, url: str):
        for (lang, _size), page in self.pages.items():
            page.goto(f"{self.server.url}{url}&lang={lang}")

    def join(self, n: int):
        import socketio

        for i in range(n):
            r = requests.post(f"{self.server.url}/api/v1/join", timeout=10, json={
                "code": self.session["join_code"], "name": f"Persona {len(self.phones) + 1}",
                "organisation": f"Organización {i % 5}", "sector": SECTORS[i % 4]})
            assert r.status_code == 200, r.text
            phone = socketio.Client(reconnection=False)
            phone.connect(self.server.url, namespaces=["/live"], transports=["websocket"],
                          auth={"token": r.json()["participant_token"], "session_id": self.session["id"]})
            self.phones.append(phone)

    def steer(self, event: str, data: dict) -> dict:
        ack = self.staff.call(event, data, namespace="/live", timeout=10)
        assert ack.get("ok"), (event, ack)
        return ack

    def round(self, method: str, items: list[dict], votes, *, close=True, **options) -> int:
        body = {"item_ids": [i["id"] for i in items], "method": method, **options}
        if method == "dots":
            body.setdefault("dots", 5)
        round_ = self.api.call("POST", f"/sessions/{self.session['id']}/rounds", json=body)
        self.api.call("POST", f"/rounds/{round_['id']}/open")
        for n, phone in enumerate(self.phones):
            ack = phone.call("vote", {"round_id": round_["id"], "value": votes(n),
                                      "client_vote_id": f"r{round_['id']}-{n}"}, namespace="/live", timeout=10)
            assert ack.get("ok"), ack
        if close:
            self.api.call("POST", f"/rounds/{round_['id']}/close")
        return round_["id"]

    def check(self, name: str, stage: str, extra: str = "() => true"):
        """Every page shows `stage` (and `extra` holds); no layout problem; a screenshot each."""
        found = {}
        for (lang, size), page in self.pages.items():
            page.wait_for_selector(f"#pj[data-stage={stage}]", state="attached", timeout=30000)
            page.wait_for_function(extra, timeout=30000)
            # bars have finished moving (their transitions are animations until they end)
            page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running' "
                                   "|| a.effect.getTiming().iterations === Infinity)", timeout=10000)
            problems = page.evaluate(LAYOUT_CHECK)
            if size == "720":
                smallest, where = page.evaluate(SMALLEST_BODY_TEXT)
                if smallest < 17.5:
                    problems.append(f"body text {smallest:.1f} px ({where})")
            if problems:
                found[f"{name} {lang} {size}"] = problems
            shot(page, f"projector-{name}-{lang}-{size}")
        if STRICT:
            assert found == {}, found
        else:
            self.found.update(found)
        assert self.errors == []

    def close(self):
        for phone in self.phones:
            phone.disconnect()
        self.staff.disconnect()
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="module")
def room(server, chromium):
    room = Room(server, chromium)
    yield room
    room.close()


def test_every_stage_fits_both_screens_in_both_languages(room):
    s = room.session
    room.open_pages(room.projector_link())
    # Before the first item: the join screen, the QR filling most of the height, the room counted live.
    room.check("01-join-empty", "join")
    room.join(12)
    room.check("02-join", "join", "() => document.querySelector('#pj-turnout').dataset.joined === '12'")
    for (lang, size), page in room.pages.items():
        qr = page.evaluate("() => document.querySelector('.pj-qr').getBoundingClientRect().height")
        assert qr >= 0.7 * SIZES[size]["height"], (lang, size, qr)
        assert "3" in page.inner_text(".pj-join-sector[data-sector=public]")
        assert page.inner_text("#pj-join-count") == \
            ("12 personas en la sala" if lang == "es" else "12 people in the room")

    # Discussion: the item card with every field; the budget in soles, as the documents write it.
    room.steer("set_item", {"item_id": room.items[0]["id"]})
    room.check("03-discussion", "discussion")
    for (lang, _size), page in room.pages.items():
        budget = page.inner_text(".pj-fact[data-fact=budget] dd")
        assert budget.startswith("S/\u00a01.250.000" if lang == "es" else "S/\u00a01,250,000"), budget
        for fact in ("lead", "partners", "indicator", "horizon"):
            assert page.is_visible(f".pj-fact[data-fact={fact}]")
        assert not page.is_visible(".lang") and not page.is_visible("#conn")  # nothing for the facilitator only

    # Voting with results hidden: turnout and the timer; then revealed, live.
    a = room.items[0]
    round_id = room.round("approve", [a], lambda n: ("approve", "approve", "neutral", "reject")[n % 4], close=False,
                          results="hidden")
    room.steer("timer", {"round_id": round_id, "seconds": 300})
    room.check("04-voting-hidden", "voting", "() => document.querySelector('#pj-results').dataset.view === 'hidden'")
    for (lang, _size), page in room.pages.items():
        text = page.inner_text("#pj-voted")
        assert text == ("12 de 12 han votado" if lang == "es" else "12 of 12 have voted"), text
        assert re.fullmatch(r"\d+:\d\d", page.inner_text("#pj-countdown .countdown-value"))
    room.steer("reveal", {"round_id": round_id, "revealed": True})
    room.check("05-voting-live", "voting", "() => document.querySelector('#pj-results').dataset.view === 'results'")
    tracks = room.pages[("es", "1080")].evaluate(
        "() => Array.from(document.querySelectorAll('#pj-overall .bar-track'))"
        ".map(e => Math.round(e.getBoundingClientRect().width))")
    assert len(tracks) == 3 and len(set(tracks)) == 1, tracks  # equal tracks, whatever the figures' widths
    assert room.pages[("es", "1080")].evaluate(  # bars move to their new value, they do not jump
        "() => getComputedStyle(document.querySelector('#pj-overall .bar-fill')).transitionProperty.includes('width')")
    room.api.call("POST", f"/rounds/{round_id}/close")
    room.check("06-results-approve", "results", "() => !!document.querySelector('#pj-outcome .outcome')")
    room.api.call("POST", f"/items/{a['id']}/decision", json={"session_id": s["id"], "outcome": "agreed",
                                                             "reason": "La mesa prioriza el acopio: " + "x" * 300})
    room.check("07-decision", "decision", "() => !!document.querySelector('#pj-decision .decision')")

    # Between items: the board of decisions and what comes next; a merge names its item's code
    # only, so that its row fits beside the others.
    last = room.items[-1]
    room.api.call("POST", f"/items/{last['id']}/decision", json={
        "session_id": s["id"], "outcome": "merged", "into": a["id"], "reason": "Dice lo mismo que " + "y" * 200})
    room.steer("set_item", {"item_id": None})
    room.check("08-between", "between", "() => document.querySelectorAll('.pj-board-row').length === 2")
    for (lang, _size), page in room.pages.items():
        assert page.is_visible(".pj-next-row.is-next")
        assert "bienvenida" not in page.inner_text("body").lower()
        merged = page.inner_text(f".pj-board-row[data-item-id='{last['id']}'] .pj-board-outcome")
        assert merged == (f"Fusionada en {a['code']}" if lang == "es" else f"Merged into {a['code']}"), merged
    room.api.call("POST", f"/items/{last['id']}/decision", json={  # back, to be voted below
        "session_id": s["id"], "outcome": "deferred", "reason": "No era lo mismo"})

    # The console asks for the dark theme: every stage follows; remembered after a reload.
    room.steer("projector_view", {"theme": "dark"})
    room.check("09-dark-between", "between", "() => document.body.classList.contains('pj-dark')")
    page = room.pages[("es", "720")]
    page.reload()
    page.wait_for_selector("#pj[data-stage=between]", state="attached")
    assert page.evaluate("() => document.body.classList.contains('pj-dark')")
    room.steer("set_item", {"item_id": room.items[1]["id"]})
    room.check("10-dark-discussion", "discussion")
    room.round("approve", [room.items[1]], lambda n: ("approve", "reject", "neutral")[n % 3])
    room.check("11-dark-results", "results", "() => !!document.querySelector('#pj-outcome .outcome')")
    room.steer("projector_view", {"theme": "light"})

    room.round("score", [room.items[1]], lambda n: 1 + n % 5)
    room.check("12-results-score", "results",
               "() => !!document.querySelector('#pj-results[data-method=score] .outcome')"
               " && !document.body.classList.contains('pj-dark')")
    room.round("impact_feasibility", [room.items[2]], lambda n: {"impact": 2 + n % 4, "feasibility": 1 + (n * 3) % 5})
    room.check("13-results-matrix", "results", "() => !!document.querySelector('.pj-plot .mark-all')")
    for (lang, size), page in room.pages.items():
        plot = page.evaluate("() => document.querySelector('.pj-plot').getBoundingClientRect().height")
        assert plot >= 0.5 * SIZES[size]["height"], (lang, size, plot)  # the chart uses the screen

    for count in (2, 6, 20):
        items = room.items[:count]
        room.round("dots", items, lambda n: {str(items[n % count]["id"]): 3, str(items[(n * 7 + 1) % count]["id"]): 2})
        room.check(f"14-dots-{count}", "results",
                   f"() => document.querySelectorAll('.pj-rank[data-method=dots] .pj-rank-row').length === {count}")
        assert_all_items_shown(room, count)
        room.round("ranking", items, lambda n: [i["id"] for i in items[n % count:] + items[:n % count]][:5])
        room.check(f"14-ranking-{count}", "results",
                   f"() => document.querySelectorAll('.pj-rank[data-method=ranking] .pj-rank-row').length === {count}")
        assert_all_items_shown(room, count)

    # The console asks for the join screen, and leaves it.
    room.steer("projector_view", {"join": True})
    room.check("15-join-forced", "join")
    room.steer("projector_view", {"join": False})
    room.check("16-back", "results")

    # The end: a closing summary, not the last round with a small pill.
    room.api.call("POST", f"/sessions/{s['id']}/end")
    room.check("17-closing", "closing", "() => !!document.querySelector('.pj-closing')")
    for (lang, _size), page in room.pages.items():
        text = page.inner_text(".pj-closing-figures")
        assert ("12 personas participaron" in text and "1 punto aprobado" in text) if lang == "es" else \
            ("12 people took part" in text and "1 item agreed" in text), text
    assert room.found == {}, "\n".join(f"{k}: {v}" for k, v in room.found.items())


def assert_all_items_shown(room, count: int) -> None:
    """Every item of the round is on screen, on one page or across the pages as they turn."""
    for (lang, size), page in room.pages.items():
        pages = page.evaluate("() => document.querySelector('#pj-pager').hidden ? 1 : "
                              "Number((document.querySelector('#pj-pager').textContent.match(/\\d+$/) || ['1'])[0])")
        shown = page.evaluate("() => document.querySelectorAll('.pj-rank-row:not([hidden])').length")
        assert shown * pages >= count, (lang, size, shown, pages)
        if count <= 6:
            assert pages == 1 and shown == count, (lang, size, shown, pages)  # up to 6 items: one page, never cut


def test_a_projector_opened_with_a_staff_login_needs_no_key(server, chromium):
    """The bug: opened from a staff login without `?key=`, the page said the link was not valid;
    its socket now opens with a live-scope staff token."""
    api = Api(server.url)
    programme = api.call("POST", "/programmes", json={"name": "Programa"})
    initiative = api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Quinua"})
    item = api.call("POST", f"/initiatives/{initiative['id']}/items", json={"kind": "action_line", "title": "Acopio"})
    session = api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                       json={"title": "Taller", "phase": 3, "item_ids": [item["id"]]})
    api.call("POST", f"/sessions/{session['id']}/start")
    context = chromium.new_context(viewport=SIZES["720"])
    page = context.new_page()
    login(page, server)
    page.goto(f"{server.url}/sessions/{session['id']}/projector")
    page.wait_for_selector("#conn[data-conn=online]", state="attached", timeout=10000)
    page.wait_for_selector("#pj[data-stage=join]", state="attached")
    assert "no es válido" not in page.inner_text("body")
    page.goto(f"{server.url}/sessions/{session['id']}/projector?theme=dark&lang=en")  # the dark theme by address
    page.wait_for_selector("#pj[data-stage=join][data-theme=dark]", state="attached")
    assert page.evaluate("() => document.body.classList.contains('pj-dark') && "
                         "localStorage.getItem('mesa.projector.theme') === 'dark'")
    # The console's toggles reach it: the full-screen join screen on and off, the theme back to light.
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds", json={"item_ids": [item["id"]], "method": "approve"})
    api.call("POST", f"/rounds/{round_['id']}/open")
    page.wait_for_selector("#pj[data-stage=voting]", state="attached")
    console = context.new_page()
    console.goto(f"{server.url}/sessions/{session['id']}/console")
    console.wait_for_selector("#conn[data-conn=online]")
    console.click("#btn-pj-theme")  # the console starts from light: dark is asked again, then light
    console.wait_for_selector("#btn-pj-theme[aria-pressed=true]")
    console.click("#btn-pj-theme")
    console.wait_for_selector("#btn-pj-theme[aria-pressed=false]")
    page.wait_for_selector("#pj[data-theme=light]", state="attached")
    console.click("#btn-qr")  # the run-of-show's join screen (Q), held across the projector's reloads
    console.wait_for_selector("#btn-qr[aria-pressed=true]")
    page.wait_for_selector("#pj[data-stage=join]", state="attached")
    page.reload()
    page.wait_for_selector("#pj[data-stage=join]", state="attached")
    console.click("#btn-qr")
    console.wait_for_selector("#btn-qr[aria-pressed=false]")
    page.wait_for_selector("#pj[data-stage=voting]", state="attached")
    context.close()
