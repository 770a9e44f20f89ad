"""The run-of-show in a real browser against the real server: a facilitator runs a prepared
eight-item agenda (approve, score, impact × feasibility, a dots group, a ranking group) from the
console with the keyboard alone while three phones vote over Socket.IO, through to the end of the
session, and every decision is recorded. The console fits a 1366×768 laptop: no page scroll in
the live flow and no element overlapping another, in Spanish and English.

Screenshots go to tests/screenshots/runshow-*.png (git-ignored): look at them.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
import requests

from helpers import Api, join_over_http, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]
LAPTOP = {"viewport": {"width": 1366, "height": 768}}

#: The cockpit's layout check: the page does not scroll; the cards, their headings, buttons and
#: fields stay inside the window and do not overlap (one inside the other is fine).
LAYOUT = (Path(__file__).parent / "console_layout.js").read_text(encoding="utf-8").split("*/", 1)[1].strip()


def guard(page, errors):
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page


class Phone:
    """A phone without a browser: votes as soon as a round opens (once per round)."""

    def __init__(self, url: str, session_id: int, token: str, choose):
        import socketio

        self.client = socketio.Client(reconnection=False)
        self.session_id, self.choose = session_id, choose
        self.voted: set[int] = set()
        self.acks: list[dict] = []
        self.lock = threading.Lock()
        self.client.on("state", self.on_state, namespace="/live")
        self.client.connect(url, namespaces=["/live"], auth={"token": token, "session_id": session_id},
                            transports=["websocket"])

    def on_state(self, state):
        round_ = state.get("round")
        if not round_ or round_["state"] != "open":
            return
        with self.lock:
            if round_["id"] in self.voted:
                return
            self.voted.add(round_["id"])
        value = self.choose(round_)
        self.client.emit("vote", {"round_id": round_["id"], "value": value, "client_vote_id": f"r{round_['id']}"},
                         namespace="/live", callback=self.acks.append)


def prepared_session(url: str, items: int = 8) -> tuple[Api, dict, list[int]]:
    """A phase-3 session of `items` items, planned: two approve, a score, an impact × feasibility,
    a dots group of two and a ranking group of two (no countdowns: the key closes each round)."""
    api = Api(url)
    programme = api.call("POST", "/programmes", json={"name": "Programa & <b>prueba</b>"})
    initiative = api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Granos andinos"})
    titles = ["Centro de acopio de quinua en Huamanga", "Certificación orgánica asociativa",
              "Laboratorio regional de calidad", "Ordenanza de compras públicas locales",
              "Fondo concursable para cooperativas", "Ventanilla única de exportación",
              "Red de extensionistas agrarios", "Marca colectiva «Granos de Ayacucho»"]
    ids = [api.call("POST", f"/initiatives/{initiative['id']}/items",
                    json={"kind": "action_line" if n % 2 == 0 else "policy_reform", "title": titles[n]})["id"]
           for n in range(items)]
    session = api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                       json={"title": "Hoja de ruta — sesión 3", "phase": 3, "item_ids": ids, "status": "scheduled"})
    plans = {0: {"method": "approve", "minutes": 5}, 1: {"method": "approve", "results": "live"},
             2: {"method": "score"}, 3: {"method": "impact_feasibility", "results": "live"},
             4: {"vote_group": 1}, 5: {"vote_group": 1}, 6: {"vote_group": 2}, 7: {"vote_group": 2}}
    for n, item_id in enumerate(ids):
        api.call("PATCH", f"/sessions/{session['id']}/agenda/{item_id}",
                 json={**plans.get(n, {}), "seconds": 0})
    if items >= 8:
        api.call("PATCH", f"/sessions/{session['id']}/agenda/{ids[4]}", json={"method": "dots", "dots": 3})
        api.call("PATCH", f"/sessions/{session['id']}/agenda/{ids[6]}", json={"method": "ranking"})
    return api, session, ids


def ballot(round_):
    """What every phone votes: yes to everything, dots all on the first item, the agenda's order."""
    items = [i["id"] for i in round_["items"]]
    return {"approve": "approve", "score": 5, "impact_feasibility": {"impact": 5, "feasibility": 4},
            "dots": {str(items[0]): round_["dots"]}, "ranking": items}[round_["method"]]


def console_page(browser, server, session, errors, lang="es"):
    context = browser.new_context(**LAPTOP, locale="es-PE" if lang == "es" else "en-GB")
    page = guard(context.new_page(), errors)
    login(page, server)
    page.goto(f"{server.url}/sessions/{session['id']}/console?lang={lang}")
    page.wait_for_selector("#conn[data-conn=online]")
    page.wait_for_selector("#btn-next[data-step]")
    return context, page


def step(page) -> str:
    return page.get_attribute("#btn-next", "data-step")


def press_until(page, current: str) -> str:
    """Press N and wait until the step (its action or its items) changes; the new step's action."""
    key = page.get_attribute("#btn-next", "data-step-key")
    page.keyboard.press("n")
    try:
        page.wait_for_function(f"() => document.querySelector('#btn-next').dataset.stepKey !== '{key}'", timeout=10000)
    except Exception:
        shot(page, "runshow-stuck")
        errors = [page.inner_text(f"#{e}") for e in ("step-error", "decision-error", "round-error", "session-error")]
        raise AssertionError(f"stuck at {current}: {errors}") from None
    return step(page)


def layout(page, name: str) -> None:
    problems = page.evaluate(LAYOUT)
    shot(page, name)
    assert problems == [], (name, problems)


def test_a_prepared_eight_item_agenda_runs_from_the_keyboard_alone(chromium, server):
    errors: list[str] = []
    api, session, ids = prepared_session(server.url)
    context, page = console_page(chromium, server, session, errors)
    try:
        # the preparation page: each item's planned round folded under it, the phase's defaults below
        page.goto(f"{server.url}/sessions/{session['id']}")
        page.click(f"#plan-{ids[4]} > summary")
        assert "Votación por puntos" in page.inner_text(f"#plan-{ids[4]}")
        assert page.input_value(f"#vote_group-plan-{ids[4]}") == "1"
        shot(page, "runshow-session-page-es")
        page.goto(f"{server.url}/sessions/{session['id']}/console?lang=es")
        page.wait_for_selector("#btn-next[data-step]")
        assert step(page) == "start"
        assert "Iniciar la sesión" in page.inner_text("#btn-next")
        layout(page, "runshow-console-1-before-es")
        # the shortcuts overlay, opened and closed from the keyboard
        page.keyboard.press("?")
        page.wait_for_selector("#help-overlay:not([hidden])")
        assert "Siguiente paso" in page.inner_text("#help-overlay")
        shot(page, "runshow-console-2-shortcuts-es")
        page.keyboard.press("Escape")
        page.wait_for_selector("#help-overlay", state="hidden")
        assert press_until(page, "start") == "discuss"
        phones = [Phone(server.url, session["id"], join_over_http(server.url, session, n, sector), ballot)
                  for n, sector in enumerate(("public", "private", "academic"))]
        page.wait_for_function("() => document.querySelector('#online-line').dataset.online === '3'")
        seen: list[str] = []
        decided = 0
        current = "discuss"
        shots = {"open": False, "decide": False, "close": False}
        while current != "end":
            seen.append(current)
            if current == "close":
                # the three phones' votes are in before the key closes the round
                page.wait_for_function("() => document.querySelector('#c-turnout').dataset.voted === '3'")
                if not shots["close"]:
                    shots["close"] = True
                    assert "Ronda 1 de este punto" in page.inner_text("#round-info")  # never the database id
                    layout(page, "runshow-console-3-voting-es")
            if current == "decide":
                decided += 1
                if not shots["decide"]:
                    shots["decide"] = True
                    assert page.input_value("#decision-outcome") == "agreed"  # the computed outcome, preselected
                    layout(page, "runshow-console-4-decide-es")
            if current == "discuss" and decided == 4 and not shots["open"]:
                shots["open"] = True
                layout(page, "runshow-console-5-group-es")
            assert len(seen) < 60, seen
            current = press_until(page, current)
        # the end asks first; Enter on the focused confirmation ends the session
        page.keyboard.press("n")
        page.wait_for_selector("#end-confirm:not([hidden])")
        assert page.evaluate("() => document.activeElement.id") == "btn-end-confirm"
        page.keyboard.press("Enter")
        page.wait_for_selector("#c-status[data-status=closed]")
        page.wait_for_selector("#btn-next[data-step=none]")
        layout(page, "runshow-console-6-ended-es")
        assert decided == 8
        assert seen.count("open") == 6 and seen.count("close") == 6  # four single rounds, two groups
        for phone in phones:
            assert all(a.get("ok") for a in phone.acks), phone.acks
            assert len(phone.acks) == 6
            phone.client.disconnect()
        outcomes = []
        for item_id in ids:
            history = api.call("GET", f"/items/{item_id}/decisions")
            assert len(history) == 1, history
            outcomes.append(history[0]["outcome"])
        # the dots group put every dot on its first item; the ranking group keeps the agenda's order
        assert outcomes[:5] == ["agreed"] * 5 and outcomes[5] == "rejected", outcomes
        assert errors == []
    finally:
        context.close()


def test_the_cockpit_fits_a_laptop_in_english_with_presence_and_the_join_screen(chromium, server):
    errors: list[str] = []
    api, session, ids = prepared_session(server.url, items=3)
    api.call("POST", f"/sessions/{session['id']}/start")
    tokens = [join_over_http(server.url, session, n, s) for n, s in enumerate(("public", "civil_society"))]
    context, page = console_page(chromium, server, session, errors, lang="en")
    try:
        assert step(page) == "discuss" and "Discuss" in page.inner_text("#btn-next")
        phone = Phone(server.url, session["id"], tokens[0], ballot)
        page.wait_for_function("() => document.querySelector('#online-line').dataset.online === '1'")
        assert "Connected now: 1 of 2" in page.inner_text("#online-line")
        assert page.get_attribute(".person[data-online=true]", "data-participant-id")
        press_until(page, "discuss")
        assert step(page) == "open"
        assert "quorum 1 vote" in page.inner_text("#step-hint")  # half of the two present: one vote, never 0
        press_until(page, "open")
        page.wait_for_function("() => document.querySelector('#c-turnout').dataset.voted === '1'")
        # typing in a field never fires a shortcut: "n" in the reason does not close the round
        page.focus("#decision-reason")
        page.keyboard.type("nqv+")
        assert step(page) == "close" and page.input_value("#decision-reason") == "nqv+"
        page.fill("#decision-reason", "")
        page.keyboard.press("Escape")  # leaves the field: the shortcuts work again
        assert page.evaluate("() => document.activeElement === document.body")
        # the join screen on the projector: Q, and back
        page.keyboard.press("q")
        page.wait_for_selector("#btn-qr[aria-pressed=true]")
        layout(page, "runshow-console-7-voting-en")
        page.keyboard.press("q")
        page.wait_for_selector("#btn-qr[aria-pressed=false]")
        # a countdown from the keyboard, then paused and resumed
        page.keyboard.press("+")
        page.wait_for_selector("#round-countdown:not([hidden])")
        page.keyboard.press("p")
        page.wait_for_selector("#round-countdown.paused")
        assert "Paused" in page.inner_text("#round-countdown")
        page.keyboard.press("p")
        page.wait_for_selector("#round-countdown:not(.paused)")
        press_until(page, "close")
        assert step(page) == "decide"
        layout(page, "runshow-console-8-decide-en")
        phone.client.disconnect()
        page.wait_for_function("() => document.querySelector('#online-line').dataset.online === '0'")
        assert errors == []
    finally:
        context.close()
        requests.post(f"{server.url}/api/v1/sessions/{session['id']}/end", headers=api.headers, timeout=10)
