"""Accessibility, weight, self-containment, keyboard use and screenshots of every screen."""
from __future__ import annotations

import pytest
import requests

from helpers import CONSOLE, PHONE, PROJECTOR, ROOT, login, rehearsal_session, shot, staff_api

pytestmark = [pytest.mark.browser, pytest.mark.server]
AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()


def axe_violations(page) -> list[dict]:
    """Serious and critical axe-core violations of the page as it is now."""
    page.evaluate(AXE + "\n;0")  # through DevTools: the page's CSP runs no inline script tag
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.fixture(scope="module")
def live_room(chromium, demo_server):
    """A started demo session (the rehearsal's agenda) with an open round, a console, a projector and one phone."""
    server = demo_server
    headers = staff_api(server)
    _initiative, session = rehearsal_session(server, "Accesibilidad")
    requests.post(f"{server.url}/api/v1/sessions/{session['id']}/start", headers=headers, timeout=10)
    agenda = requests.get(f"{server.url}/api/v1/sessions/{session['id']}", headers=headers, timeout=10).json()["agenda"]
    round_ = requests.post(f"{server.url}/api/v1/sessions/{session['id']}/rounds", headers=headers, timeout=10,
                           json={"item_ids": [agenda[0]["id"]], "method": "score"}).json()
    requests.post(f"{server.url}/api/v1/rounds/{round_['id']}/open", headers=headers, timeout=10)
    return server, session, headers


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_screen_is_accessible_and_screenshotted(chromium, live_room, lang):
    server, session, headers = live_room
    found = {}
    phone_context = chromium.new_context(**PHONE)
    phone = phone_context.new_page()
    phone.goto(f"{server.url}/j/{session['join_code']}?lang={lang}")
    phone.wait_for_selector("#join-form")
    found["phone join"] = axe_violations(phone)
    shot(phone, f"quality-phone-join-{lang}")
    phone.fill("#join-name", f"Ana {lang}")
    phone.fill("#join-organisation", "Bodega Tacama")
    phone.click("label:has(#join-sector-private)")
    phone.click("#join-submit")
    phone.wait_for_selector("#vote-card[data-round-state=open]")
    phone.click("[data-axis=score][data-vote='4']")
    phone.wait_for_selector("#vote-status[data-state=counted]")
    found["phone voting"] = axe_violations(phone)
    shot(phone, f"quality-phone-voted-{lang}")

    projector_context = chromium.new_context(**PROJECTOR)
    projector = projector_context.new_page()
    console_context = chromium.new_context(**CONSOLE)
    console = console_context.new_page()
    login(console, server)
    console.goto(f"{server.url}/sessions/{session['id']}/console?lang={lang}")
    console.wait_for_selector("#round-card[data-round-state=open]")
    found["console"] = axe_violations(console)
    shot(console, f"quality-console-{lang}")
    projector.goto(server.url + console.get_attribute("#projector-link", "href") + f"&lang={lang}")
    projector.wait_for_selector("#pj-results[data-view=results]")
    found["projector"] = axe_violations(projector)
    shot(projector, f"quality-projector-{lang}")
    for path in ("/", f"/sessions/{session['id']}", "/admin/staff"):
        console.goto(f"{server.url}{path}")
        found[path] = axe_violations(console)
    anonymous = chromium.new_context(**PHONE).new_page()
    anonymous.goto(f"{server.url}/login?lang={lang}")
    found["login"] = axe_violations(anonymous)
    anonymous.context.close()
    for context in (phone_context, projector_context, console_context):
        context.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_phone_page_is_light_and_every_request_stays_on_mesa(chromium, live_room):
    server, session, _headers = live_room
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    requests_seen = []
    page.on("requestfinished", lambda r: requests_seen.append(r))
    page.goto(f"{server.url}/j/{session['join_code']}", wait_until="networkidle")
    transferred = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in requests_seen
                      if not r.url.startswith(("ws:", "data:")))
    assert transferred <= 150 * 1024, f"first load {transferred} bytes"
    foreign = [r.url for r in requests_seen if not r.url.startswith((server.url, "data:", "blob:"))]
    assert foreign == []
    context.close()


def test_every_page_requests_only_its_own_origin(chromium, live_room):
    server, session, _headers = live_room
    context = chromium.new_context(**CONSOLE)
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: None if r.url.startswith((server.url, "data:", "blob:", "ws://127.0.0.1"))
            else foreign.append(r.url))
    login(page, server)
    programme_id = requests.get(f"{server.url}/api/v1/programmes", timeout=10).json()[0]["id"]
    for path in ("/", f"/programmes/{programme_id}", f"/sessions/{session['id']}",
                 f"/sessions/{session['id']}/console", f"/j/{session['join_code']}", "/api/openapi.json"):
        page.goto(f"{server.url}{path}", wait_until="networkidle")
    assert foreign == []
    context.close()


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_console_works_with_the_keyboard_alone(chromium, demo_server):
    server = demo_server
    _initiative, session = rehearsal_session(server, "Teclado")
    context = chromium.new_context(**CONSOLE)
    page = context.new_page()
    login(page, server)
    page.goto(f"{server.url}/sessions/{session['id']}/console")
    page.wait_for_selector("#btn-start:not([hidden])")
    tab_to(page, "#btn-start")
    page.keyboard.press("Enter")
    page.wait_for_selector("#c-status[data-status=live]")
    tab_to(page, "[data-action=prepare-round]")
    page.keyboard.press("Enter")
    tab_to(page, "#btn-open-round")
    page.keyboard.press("Enter")
    page.wait_for_selector("#round-card[data-round-state=open]")
    tab_to(page, "#btn-close-round")
    page.keyboard.press("Enter")
    page.wait_for_selector("#round-card[data-round-state=closed]")
    # The focus lands somewhere visible, not back at the top of the page.
    page.wait_for_function("() => document.activeElement !== document.body && "
                           "getComputedStyle(document.activeElement).outlineStyle !== 'none'", timeout=5000)
    context.close()


def test_language_choice_is_remembered_on_the_phone(chromium, live_room):
    server, session, _headers = live_room
    context = chromium.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{server.url}/j/{session['join_code']}?lang=en")
    page.goto(f"{server.url}/j/{session['join_code']}")
    assert page.get_attribute("html", "lang") == "en"
    page.goto(f"{server.url}/j/{session['join_code']}?lang=es")
    assert page.get_attribute("html", "lang") == "es"
    context.close()
