"""The phone at 360×740 in real Chromium (issue 10 §4): join and vote over the join form's socket,
the agenda and the item's roadmap fields, a re-vote marked as such, the proposer told what became of
the proposal, a comment's author told when it is hidden, "may be out of date" while offline — in
Spanish and English, with screenshots of each state in tests/screenshots/ (look at them). And the
smallest phones: at 320 px no screen scrolls sideways and no text runs out of its box, in every
connection state and vote method, even with a pasted address as an item's title.
"""
from __future__ import annotations

import pytest
import socketio

from helpers import PHONE, SCREENSHOTS, Api, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]

HOSTILE = '<img src=x onerror="window.__xss=1"> & <b>negrita</b>'


class Room:
    """A live session with two items carrying roadmap fields, and a facilitator's socket."""

    def __init__(self, server, titles=("Centro de acopio 1", "Centro de acopio 2")):
        self.api = Api(server.url)
        programme = self.api.call("POST", "/programmes", json={"name": "Programa"})
        initiative = self.api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Cacao"})
        self.items = [self.api.call("POST", f"/initiatives/{initiative['id']}/items", json={
            "kind": "action_line", "title": title, "lead_institution": "Gobierno Regional & Co",
            "partners": "UNSCH, " + HOSTILE, "indicator": "Toneladas acopiadas al año", "budget_pen": 1250000 * n,
            "horizon": "medium"}) for n, title in enumerate(titles, start=1)]
        self.session = self.api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                                     json={"title": "Priorización", "phase": 3,
                                           "item_ids": [i["id"] for i in self.items]})
        self.api.call("POST", f"/sessions/{self.session['id']}/start")
        self.staff = socketio.Client(reconnection=False)
        self.staff.connect(server.url, namespaces=["/live"], transports=["websocket"],
                           auth={"token": self.api.token, "session_id": self.session["id"]})

    def emit(self, event: str, data: dict) -> dict:
        ack = self.staff.call(event, data, namespace="/live", timeout=10)
        assert ack["ok"], ack
        return ack

    def vote_on(self, item: dict) -> int:
        return self.emit("open_round", {"item_ids": [item["id"]], "method": "approve"})["round_id"]

    def close(self):
        self.staff.disconnect()


@pytest.fixture
def room(server):
    made = Room(server)
    yield made
    made.close()


def phone(chromium, server, room, lang="es"):
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server.url}/j/{room.session['join_code']}?lang={lang}")
    return context, page, errors


def join(page, name="Rocío Quispe", organisation="Cooperativa Ñuñoa", sector="private"):
    page.fill("#join-name", name)
    page.fill("#join-organisation", organisation)
    page.click(f"label:has(#join-sector-{sector})")
    page.click("#join-submit")
    page.wait_for_selector("#live-view:not([hidden])")
    page.wait_for_selector("#conn[data-conn=online]")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_join_vote_agenda_and_item_fields(chromium, server, room, lang):
    context, page, errors = phone(chromium, server, room, lang)
    # the form is in the HTML: usable before any script has run
    assert page.is_visible("#join-form") and page.is_hidden("#boot")
    shot(page, f"phone-p-1-join-{lang}")
    requests_seen = []
    page.on("request", lambda r: requests_seen.append(r.url))
    page.wait_for_selector("#conn[data-conn=online]")  # the join form's socket, open while typing
    join(page)
    assert not any("/api/v1/join" in url for url in requests_seen), "joined over HTTP, not the open socket"

    room.emit("set_item", {"item_id": room.items[0]["id"]})
    page.wait_for_selector("#item-fields:not([hidden]) [data-field=field_budget]")
    budget = page.inner_text("#item-fields [data-field=field_budget] dd")
    assert budget == ("S/\u00a01.250.000" if lang == "es" else "S/\u00a01,250,000")
    assert HOSTILE in page.inner_text("#item-fields [data-field=field_partners] dd")
    assert "Gobierno Regional & Co" in page.inner_text("#item-fields")
    # the agenda: both items, the current one marked
    page.click("#agenda summary")
    assert page.locator("#agenda-list li").count() == 2
    assert page.get_attribute("#agenda-list li.current", "data-item-id") == str(room.items[0]["id"])
    assert ("2 ítems" if lang == "es" else "2 items") in page.inner_text("#agenda-title")

    round_id = room.vote_on(room.items[0])
    page.wait_for_selector(f"#vote-card[data-round-id='{round_id}'][data-votable=true]")
    assert page.is_hidden("#revote-note")
    page.click("#vote-controls [data-vote=approve]")
    page.wait_for_selector("#vote-status[data-state=counted]")
    shot(page, f"phone-p-2-voted-{lang}")
    room.emit("close_round", {"round_id": round_id})
    room.emit("reveal", {"round_id": round_id, "revealed": True})
    page.wait_for_selector("#results-card:not([hidden]) .res-total")
    assert page.inner_text(".res-total") == ("1 voto" if lang == "es" else "1 vote")
    room.emit("decide", {"item_id": room.items[0]["id"], "outcome": "agreed", "reason": ""})
    page.wait_for_selector(f"#agenda-list li[data-item-id='{room.items[0]['id']}'] .badge.outcome.agreed")
    shot(page, f"phone-p-3-agenda-{lang}")
    assert page.evaluate("() => window.__xss") is None
    assert errors == []
    context.close()


def test_a_revote_is_marked(chromium, server, room):
    context, page, errors = phone(chromium, server, room)
    join(page)
    room.emit("set_item", {"item_id": room.items[1]["id"]})
    first = room.vote_on(room.items[1])
    page.wait_for_selector(f"#vote-card[data-round-id='{first}']")
    assert page.locator("#vote-title .badge.revote").count() == 0
    room.emit("close_round", {"round_id": first})
    second = room.vote_on(room.items[1])
    page.wait_for_selector(f"#vote-card[data-round-id='{second}'][data-votable=true].revote")
    assert page.inner_text("#vote-title .badge.revote") == "Nueva votación"
    assert "votación 2" in page.inner_text("#revote-note")
    page.click("#vote-controls [data-vote=reject]")
    page.wait_for_selector("#vote-status[data-state=counted]")
    shot(page, "phone-p-4-revote-es")
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_proposer_is_told_and_a_hidden_comment_is_kept_for_its_author(chromium, server, room, lang):
    context, page, errors = phone(chromium, server, room, lang)
    join(page)
    room.emit("set_item", {"item_id": room.items[0]["id"]})
    other_context, other, _ = phone(chromium, server, room, lang)
    join(other, name="José Ccahuana", organisation="UNSCH", sector="academic")

    # a proposal: pending, then accepted — the proposer sees each
    page.click("#propose summary")
    page.fill("#propose-title", "Vivero comunal " + HOSTILE)
    page.click("#propose-submit")
    page.wait_for_selector("#my-proposals-list li[data-state=pending]")
    proposal_id = int(page.get_attribute("#my-proposals-list li", "data-proposal-id"))
    room.emit("handle_proposal", {"proposal_id": proposal_id, "accept": True})
    page.wait_for_selector(f"#my-proposals-list li[data-proposal-id='{proposal_id}'][data-state=accepted]")
    assert HOSTILE in page.inner_text("#my-proposals-list")
    shot(page, f"phone-p-5-proposal-accepted-{lang}")

    # a comment hidden by the facilitator: gone for the others, kept and explained for its author
    page.fill("#comment-body", "Falta el presupuesto de " + HOSTILE)
    page.click("#comment-submit")
    page.wait_for_selector("#comment-list li[data-comment-id]")
    comment_id = int(page.get_attribute("#comment-list li[data-comment-id]", "data-comment-id"))
    other.wait_for_selector(f"#comment-list li[data-comment-id='{comment_id}']")
    room.emit("moderate", {"comment_id": comment_id, "hidden": True})
    other.wait_for_selector(f"#comment-list li[data-comment-id='{comment_id}']", state="detached")
    page.wait_for_selector(f"#comment-list li[data-comment-id='{comment_id}'][data-hidden=true] .comment-hidden-note")
    page.reload()  # after a reload too: from the state
    page.wait_for_selector(f"#comment-list li[data-comment-id='{comment_id}'][data-hidden=true]")
    shot(page, f"phone-p-6-comment-hidden-{lang}")
    room.emit("moderate", {"comment_id": comment_id, "hidden": False})
    page.wait_for_selector(f"#comment-list li[data-comment-id='{comment_id}']:not([data-hidden])")

    # a second proposal, declined
    page.click("#propose summary") if not page.is_visible("#propose-title") else None
    page.fill("#propose-title", "Otra idea")
    page.click("#propose-submit")
    page.wait_for_selector("#my-proposals-list li[data-state=pending]")
    second = int(page.get_attribute("#my-proposals-list li[data-state=pending]", "data-proposal-id"))
    room.emit("handle_proposal", {"proposal_id": second, "accept": False})
    page.wait_for_selector(f"#my-proposals-list li[data-proposal-id='{second}'][data-state=rejected]")
    assert page.evaluate("() => window.__xss") is None
    assert errors == []
    other_context.close()
    context.close()


def test_offline_results_are_marked_stale(chromium, server, room):
    context, page, errors = phone(chromium, server, room)
    join(page)
    room.emit("set_item", {"item_id": room.items[0]["id"]})
    round_id = room.vote_on(room.items[0])
    page.wait_for_selector(f"#vote-card[data-round-id='{round_id}']")
    assert page.is_hidden("#stale-note")
    context.set_offline(True)
    page.wait_for_selector("#stale-note:not([hidden])", timeout=30000)
    assert "desactualizado" in page.inner_text("#stale-note")
    assert "stale" in page.get_attribute("#live-view", "class")
    shot(page, "phone-p-7-offline-stale-es")
    context.set_offline(False)
    page.wait_for_selector("#stale-note[hidden]", state="attached", timeout=30000)
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_bar_fits_a_small_phone_in_every_connection_state(chromium, server, room, lang, width):
    """The bar's connection indicator, in its longest words ("Reconectando…"), once pushed the
    language switch past a 360 px screen: the page scrolled sideways and "English" was out of reach.
    Every state, in the page's own translated words, must leave both languages on screen."""
    context = chromium.new_context(**dict(PHONE, viewport={"width": width, "height": 700}))
    page = context.new_page()
    page.goto(f"{server.url}/j/{room.session['join_code']}?lang={lang}")
    page.wait_for_selector("#join-form")
    strings = page.evaluate("JSON.parse(document.getElementById('mesa-config').textContent).strings")
    for state in ("connecting", "online", "reconnecting", "offline", "refused"):
        page.evaluate("""([state, text]) => {
            const node = document.getElementById("conn");
            node.hidden = false; node.dataset.conn = state; node.querySelector(".conn-text").textContent = text;
        }""", [state, strings[f"conn_{state}"]])
        layout = page.evaluate("""() => ({
            scroll: document.documentElement.scrollWidth,
            links: [...document.querySelectorAll(".phone-bar .lang a")].map(a => a.getBoundingClientRect().right),
            conn: document.getElementById("conn").getBoundingClientRect(),
        })""")
        assert layout["scroll"] <= width, (state, layout)
        assert len(layout["links"]) == 2 and max(layout["links"]) <= width, (state, layout)
        assert layout["conn"]["width"] > 0 and layout["conn"]["right"] <= min(layout["links"]), (state, layout)
    shot(page, f"phone-p-bar-{width}-{lang}")
    # the names stay for screen readers: the switch is "English", not "EN"
    assert page.get_by_role("link", name="English").count() == 1
    context.close()


LONG_WORD = "https://www.gob.pe/institucion/regionayacucho/informes-publicaciones/" + "x" * 120


@pytest.fixture
def long_room(server):
    """A room whose items' titles are, or end in, one long unbroken word (a pasted address)."""
    made = Room(server, titles=("Acopio " + LONG_WORD, "Vivero " + "Ñ" * 90))
    yield made
    made.close()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_no_phone_screen_scrolls_sideways_at_320_px(chromium, server, long_room, lang):
    """Every screen a phone goes through — the join form, each vote method's card, the results, the
    agenda, comments, proposals — fits a 320 px screen, even with an item title or a comment that
    is one long unbroken word (a pasted address)."""
    room = long_room
    context = chromium.new_context(**dict(PHONE, viewport={"width": 320, "height": 640}))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server.url}/j/{room.session['join_code']}?lang={lang}")
    wide = []

    def check(where):
        """The page fits 320 px and nothing is wider than its box (a table wider than its card, a word
        wider than its button: text spilling over, which the page's width alone does not show)."""
        if spill := spilling(page):
            wide.append((where, spill))
            shot(page, f"phone-p-wide-{where}-{lang}")

    page.wait_for_selector("#join-form")
    check("join")
    shot(page, f"phone-p-320-join-{lang}")
    join(page)
    room.emit("set_item", {"item_id": room.items[0]["id"]})
    page.wait_for_selector("#item-fields:not([hidden])")
    check("item")
    page.fill("#comment-body", "Ver " + LONG_WORD)
    page.click("#comment-submit")
    page.wait_for_selector("#comment-list li[data-comment-id]")
    page.click("#propose summary")
    page.fill("#propose-title", "Propuesta " + LONG_WORD[:150])
    page.click("#propose-submit")
    page.wait_for_selector("#my-proposals-list li[data-state=pending]")
    page.click("#agenda summary")
    check("comment-proposal-agenda")
    both = [item["id"] for item in room.items]
    for method in ("approve", "score", "impact_feasibility", "dots", "ranking"):
        item_ids = both if method in ("dots", "ranking") else both[:1]
        round_id = room.emit("open_round", {"item_ids": item_ids, "method": method})["round_id"]
        page.wait_for_selector(f"#vote-card[data-round-id='{round_id}'][data-votable=true]")
        check(f"vote-{method}")
        room.emit("close_round", {"round_id": round_id})
        room.emit("reveal", {"round_id": round_id, "revealed": True})
        page.wait_for_selector(f"#vote-card[data-round-id='{round_id}'][data-round-state=closed]")
        page.wait_for_selector("#results-card:not([hidden]) .res-total")
        check(f"results-{method}")
        if method == "impact_feasibility":  # the plot's four quadrant names do not run into each other
            boxes = page.evaluate("""[...document.querySelectorAll("#results .plot-q")].map(n => {
                const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
            assert len(boxes) == 4
            overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
            assert overlaps == [], overlaps
        page.locator("#results-card").screenshot(path=str(SCREENSHOTS / f"phone-p-320-results-{method}-{lang}.png"))
    room.emit("decide", {"item_id": room.items[0]["id"], "outcome": "agreed", "reason": LONG_WORD})
    page.wait_for_selector("#decision-box:not([hidden])")
    check("decision")
    shot(page, f"phone-p-320-{lang}")
    context.close()
    assert wide == [], "\n".join(map(str, wide))
    assert errors == []


def test_a_long_unbroken_title_and_reason_fit_the_console_and_the_projector(chromium, server, long_room):
    """The same pasted address as an item's title and as a decision's reason: the console at 1366 px
    and the projector at 1280×720 keep every box within its width. Before, the projector's decision
    box gave the title's column all the width and set the reason one letter a line, and the console's
    turnout ran under its connection pill."""
    room = long_room
    console_context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="es-PE")
    console = console_context.new_page()
    login(console, server)
    console.goto(f"{server.url}/sessions/{room.session['id']}/console")
    console.wait_for_selector("#conn[data-conn=online]")
    projector_context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="es-PE")
    projector = projector_context.new_page()
    projector.goto(server.url + console.get_attribute("#projector-link", "href"))
    room.emit("set_item", {"item_id": room.items[0]["id"]})
    round_id = room.vote_on(room.items[0])
    console.wait_for_selector("#round-card[data-round-state=open]")
    projector.wait_for_selector("#pj-results[data-view=results]")
    spills = {"console open": spilling(console), "projector open": spilling(projector)}
    room.emit("close_round", {"round_id": round_id})
    room.emit("decide", {"item_id": room.items[0]["id"], "outcome": "agreed", "reason": LONG_WORD})
    console.wait_for_selector("#round-card[data-round-state=closed]")
    projector.wait_for_selector("#pj-decision .decision .decision-reason")
    spills.update({"console decided": spilling(console), "projector decided": spilling(projector)})
    reason = projector.evaluate("document.querySelector('#pj-decision .decision-reason').getBoundingClientRect().width")
    shot(console, "console-long-title-es")
    shot(projector, "projector-long-title-decided-es")
    # the staff's pages of the session and its initiative: the agenda's row and the items' table (which
    # scrolls in its card; its hidden "Edit <title>" text once widened the page from there)
    for path in (f"/sessions/{room.session['id']}", f"/initiatives/{room.session['initiative_id']}"):
        console.goto(f"{server.url}{path}")
        spills[path] = spilling(console)
    console_context.close()
    projector_context.close()
    assert {where: found for where, found in spills.items() if found} == {}
    assert reason > 300, f"the reason's column is {reason} px wide"


def spilling(page) -> list[str]:
    """Boxes whose content is wider than they are (text running out of them), and the page's own width."""
    return page.evaluate("""() => [document.documentElement, ...document.querySelectorAll("body *")]
        .filter(n => n.getClientRects().length && n.clientWidth && n.scrollWidth > n.clientWidth + 1
                && (n === document.documentElement || getComputedStyle(n).overflowX === "visible")
                && !n.closest(".visually-hidden, svg"))
        .slice(0, 4).map(n => `${n.tagName.toLowerCase()}#${n.id}.${n.className} ${n.scrollWidth}>${n.clientWidth}`)""")
