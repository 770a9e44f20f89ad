"""The programme dashboard and an item's page in a real browser against the real server: the
dashboard follows a running session by itself (a join, a vote, a decision show up without a reload),
and the pages are looked at at 1366×768.

Screenshots go to tests/screenshots/programme-*.png (git-ignored): look at them.
"""
from __future__ import annotations

import pytest
import requests

from helpers import Api, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]
LAPTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "es-PE"}


def vote_over_socket(url: str, session_id: int, token: str, round_id: int, value) -> dict:
    """A phone without a browser: connect, vote, read the ack, leave."""
    import socketio

    client = socketio.Client(reconnection=False)
    client.connect(url, namespaces=["/live"], auth={"token": token, "session_id": session_id},
                   transports=["websocket"])
    try:
        return client.call("vote", {"round_id": round_id, "value": value, "client_vote_id": f"v-{token[:12]}"},
                           namespace="/live", timeout=10)
    finally:
        client.disconnect()


def join(url: str, code: str, name: str, organisation: str, sector: str) -> str:
    r = requests.post(f"{url}/api/v1/join", json={"code": code, "name": name, "organisation": organisation,
                                                  "sector": sector}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["participant_token"]


def test_dashboard_follows_a_running_session(chromium, server):
    api = Api(server.url)
    programme = api.call("POST", "/programmes", json={"name": "Programa del tablero", "institution": "CONCYTEC"})
    pid = programme["id"]
    granos = api.call("POST", f"/programmes/{pid}/initiatives", json={"name": "Granos andinos — Ayacucho"})
    cafe = api.call("POST", f"/programmes/{pid}/initiatives", json={"name": "Café — Cusco & <b>Puno</b>"})
    items = [api.call("POST", f"/initiatives/{granos['id']}/items", json={
        "kind": kind, "title": title, "axis": "Financiamiento", "horizon": "short", "lead_institution": "Agrobanco",
        "budget_pen": budget, "budget_price_year": 2022})
        for kind, title, budget in (("action_line", "Crédito para cooperativas de quinua", 1_200_000),
                                    ("action_line", "Laboratorio de calidad de granos", 800_000),
                                    ("policy_reform", "Ley de semillas nativas", 50_000))]
    api.call("POST", f"/initiatives/{cafe['id']}/items", json={"kind": "action_line", "title": "Planta de tostado"})
    api.call("POST", f"/initiatives/{cafe['id']}/sessions", json={"title": "Café: situación actual", "phase": 1})
    session = api.call("POST", f"/initiatives/{granos['id']}/sessions", json={
        "title": "Situación actual", "phase": 1, "place": "Huamanga", "item_ids": [i["id"] for i in items]})
    api.call("POST", f"/initiatives/{granos['id']}/sessions", json={"title": "Posicionamiento", "phase": 2})
    api.call("POST", f"/sessions/{session['id']}/start")
    tokens = [join(server.url, session["join_code"], name, org, sector) for name, org, sector in (
        ("Ana Quispe", "Gobierno Regional de Ayacucho", "public"), ("Beto Huamán", "Cooperativa Los Andes", "private"))]

    errors: list[str] = []
    context = chromium.new_context(**LAPTOP)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    login(page, server)
    page.goto(f"{server.url}/programmes/{pid}/dashboard")
    cell = f"#cell-{session['id']}"
    assert "2 participantes" in page.inner_text(f"{cell} .cell-people")
    page.wait_for_function("() => document.querySelector('#refresh').textContent.includes('Actualizado')")
    page.evaluate("() => { window.mesaSamePage = true; }")  # gone if the page reloads
    first_chart = page.get_attribute("img.chart >> nth=0", "src")

    # A third person joins, then votes: the cell follows without a reload.
    tokens.append(join(server.url, session["join_code"], "Carla Ruiz", "UNSCH", "academic"))
    page.wait_for_function(f"() => document.querySelector('{cell} .cell-people').textContent.includes('3 ')",
                           timeout=15_000)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds", json={
        "item_ids": [items[0]["id"]], "method": "approve", "anonymous": False})
    api.call("POST", f"/rounds/{round_['id']}/open")
    for token in tokens:
        assert vote_over_socket(server.url, session["id"], token, round_["id"], "approve")["ok"]
    page.wait_for_function(f"() => document.querySelector('{cell} .cell-votes').textContent.includes('3 votos')",
                           timeout=15_000)
    # The round closes and the table agrees: the totals, the cell and the agreed list follow.
    api.call("POST", f"/rounds/{round_['id']}/close")
    api.call("POST", f"/items/{items[0]['id']}/decision", json={"session_id": session["id"], "outcome": "agreed",
                                                                 "reason": ""})
    page.wait_for_function("() => document.querySelector('#fig-lines').textContent.trim() === '1'", timeout=15_000)
    assert "1 ítem acordado" in page.inner_text(f"{cell} .cell-agreed")
    assert "S/ 1.200.000" in page.inner_text("#fig-budget")
    assert page.locator("#refresh.live").count() == 1
    assert page.evaluate("() => window.mesaSamePage === true"), "the dashboard reloaded instead of updating"
    assert page.get_attribute("img.chart >> nth=0", "src") != first_chart  # the charts were fetched again
    page.wait_for_function("() => Array.from(document.querySelectorAll('img.chart')).every(i => i.complete)")
    assert page.locator("text=Café — Cusco & <b>Puno</b>").count() >= 1
    shot(page, "programme-dashboard-live")

    # The agreed item's page: the round with its tally per sector and the decision.
    page.click("#agreed-lists details summary")
    page.click(f"#agreed-lists details a[href='/items/{items[0]['id']}']")
    page.wait_for_selector("ol.timeline")
    text = page.inner_text("main")
    for expected in ("Situación actual", "A favor / neutral / en contra", "Aprobada", "Huamanga"):
        assert expected in text, expected
    shot(page, "programme-item")
    page.goto(f"{server.url}/programmes/{pid}/items?q=CREDITO")
    assert "1 ítem encontrado" in page.inner_text("#found-count")
    shot(page, "programme-find")
    assert errors == []
    context.close()


def test_demo_dashboard_and_an_agreed_item(chromium, demo_server):
    """The demo programme's dashboard (every initiative × phase) and, from it, an agreed item's page:
    under the Content-Security-Policy, with no script error; in Spanish and English."""
    programmes = requests.get(f"{demo_server.url}/api/v1/programmes", timeout=10).json()
    pid = programmes[0]["id"]
    problems: list[str] = []
    context = chromium.new_context(**LAPTOP)
    page = context.new_page()
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    login(page, demo_server)
    page.goto(f"{demo_server.url}/programmes/{pid}")
    page.click(f"a[href='/programmes/{pid}/dashboard']")
    page.wait_for_function("() => document.querySelector('#refresh').textContent.length > 0")
    stats = requests.get(f"{demo_server.url}/api/v1/programmes/{pid}/stats", timeout=10).json()
    assert page.inner_text("#fig-people").replace(".", "") == str(stats["stakeholders"]["total"])
    assert page.locator("table.matrix tbody tr").count() == len(stats["initiatives"])
    shot(page, "programme-demo-dashboard")
    if stats["items"]["action_line"]["agreed"]:
        page.click("#agreed-lists details summary >> nth=0")
        page.click("#agreed-lists details[open] a >> nth=0")
        page.wait_for_selector("ol.timeline")
        assert page.locator("section.round").count() >= 1
        shot(page, "programme-demo-item")
        page.goto(page.url + "?lang=en")
        assert "History" in page.inner_text("main")
    page.goto(f"{demo_server.url}/programmes/{pid}/dashboard?lang=en")
    assert "Sessions held" in page.inner_text("main")
    shot(page, "programme-demo-dashboard-en")
    assert problems == []
    context.close()
