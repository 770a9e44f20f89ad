"""The record on the three live screens, in a real browser against the real server: a person who
changes phone continues with their personal code, the facilitator removes a participant and the
projector's figures drop, and the table's decision — not the computed result — is what the room
sees. Also: small sectors of an anonymous round shown as withheld, the warning before a round that
could reveal them, admission, and the countdown that ends voting on the phone.

Screenshots go to tests/screenshots/record-*.png (git-ignored): look at them.
"""
from __future__ import annotations

import re

import pytest
import requests

from helpers import CONSOLE, PHONE, PROJECTOR, login, rehearsal_session, shot, staff_api

pytestmark = [pytest.mark.browser, pytest.mark.server]
SMALL_PROJECTOR = {"viewport": {"width": 1280, "height": 720}, "locale": "es-PE"}


def guard(page, errors):
    """Fail on any script dialog; collect page errors."""
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page


def started_session(server, title: str) -> tuple[dict, dict, list[dict]]:
    """A new session of the demo's rehearsal, started; its staff headers and its agenda."""
    headers = staff_api(server)
    _initiative, session = rehearsal_session(server, title)
    r = requests.post(f"{server.url}/api/v1/sessions/{session['id']}/start", headers=headers, timeout=10)
    assert r.status_code == 200, r.text
    agenda = requests.get(f"{server.url}/api/v1/sessions/{session['id']}", headers=headers, timeout=10).json()["agenda"]
    return session, headers, agenda


def open_round(server, headers, session, item_id: int, **options) -> int:
    """Create and open a round through the API; returns its id."""
    seconds = options.pop("seconds", None)
    body = {"item_ids": [item_id], "method": "approve", **options}
    round_ = requests.post(f"{server.url}/api/v1/sessions/{session['id']}/rounds", headers=headers, json=body,
                           timeout=10).json()
    r = requests.post(f"{server.url}/api/v1/rounds/{round_['id']}/open", headers=headers,
                      json={"seconds": seconds} if seconds else {}, timeout=10)
    assert r.status_code == 200, r.text
    return round_["id"]


def phone_page(browser, server, code, errors, lang: str | None = None):
    context = browser.new_context(**PHONE)
    page = guard(context.new_page(), errors)
    page.goto(f"{server.url}/j/{code}" + (f"?lang={lang}" if lang else ""))
    page.wait_for_selector("#join-form")
    return context, page


def fill_join(page, name, organisation, sector):
    page.fill("#join-name", name)
    page.fill("#join-organisation", organisation)
    page.click(f"label:has(#join-sector-{sector})")
    page.click("#join-submit")


def join_phone(browser, server, code, name, organisation, sector, errors, lang: str | None = None):
    context, page = phone_page(browser, server, code, errors, lang)
    fill_join(page, name, organisation, sector)
    page.wait_for_selector("#live-view:not([hidden])")
    page.wait_for_selector("#conn[data-conn=online]")
    return context, page


def join_over_http(server, session, name, organisation, sector) -> dict:
    r = requests.post(f"{server.url}/api/v1/join", timeout=10, json={
        "code": session["join_code"], "name": name, "organisation": organisation, "sector": sector})
    assert r.status_code == 200, r.text
    return r.json()


def vote_over_socket(server, session, token: str, round_id: int, value) -> dict:
    """A phone without a browser: connect, vote, read the ack, leave."""
    import socketio

    client = socketio.Client(reconnection=False)
    client.connect(server.url, namespaces=["/live"], auth={"token": token, "session_id": session["id"]},
                   transports=["websocket"])
    try:
        return client.call("vote", {"round_id": round_id, "value": value, "client_vote_id": f"v-{token[:12]}"},
                           namespace="/live", timeout=10)
    finally:
        client.disconnect()


def console_page(browser, server, session, errors, lang: str | None = None):
    context = browser.new_context(**CONSOLE)
    page = guard(context.new_page(), errors)
    login(page, server)
    page.goto(f"{server.url}/sessions/{session['id']}/console" + (f"?lang={lang}" if lang else ""))
    page.wait_for_selector("#conn[data-conn=online]")
    return context, page


def projector_page(browser, server, console, errors, size=PROJECTOR, lang: str | None = None):
    url = console.get_attribute("#projector-link", "href")
    context = browser.new_context(**size)
    page = guard(context.new_page(), errors)
    page.goto((server.url + url if url.startswith("/") else url) + (f"&lang={lang}" if lang else ""))
    page.wait_for_selector("#conn[data-conn=online]", state="attached")  # the room sees it only when lost
    return context, page


def participants(server, headers, session) -> list[dict]:
    return requests.get(f"{server.url}/api/v1/sessions/{session['id']}/participants", headers=headers,
                        timeout=10).json()["participants"]


def test_a_second_phone_with_the_same_name_continues_only_with_the_personal_code(chromium, demo_server):
    server, errors = demo_server, []
    session, headers, agenda = started_session(server, "Proveedores mineros")
    first_context, first = join_phone(chromium, server, session["join_code"], "Rosa Chávez Llanos",
                                      "Cámara de Comercio de Cajamarca", "private", errors)
    first.wait_for_selector("#my-code:not([hidden]) .code-value")
    code = first.inner_text("#my-code .code-value")
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code
    assert "Tu código personal" in first.inner_text("#my-code")
    round_id = open_round(server, headers, session, agenda[0]["id"])
    first.wait_for_selector("#vote-card[data-round-state=open]")
    first.click("#vote-controls [data-vote=approve]")
    first.wait_for_selector("#vote-status[data-state=counted]")

    # Someone types the same name and organisation on another phone: no way in without the code.
    second_context, second = phone_page(chromium, server, session["join_code"], errors)
    fill_join(second, "rosa chávez  llanos", "Cámara de Comercio de Cajamarca", "private")
    second.wait_for_selector("#join-code-field:not([hidden])")
    assert "código personal" in second.inner_text("#join-identity")
    assert "facilitador" in second.inner_text("#join-personal-code-hint")
    assert second.is_hidden("#live-view")
    shot(second, "record-phone-1-identity-taken-es")
    second.fill("#join-personal-code", "ZZZZZZ")
    second.click("#join-submit")
    second.wait_for_selector("#join-personal-code-error:not([hidden])")
    assert second.is_hidden("#live-view")
    shot(second, "record-phone-2-wrong-code-es")

    # With the code from the first phone (typed loosely), the person continues as themselves.
    second.fill("#join-personal-code", f"{code[:3].lower()}-{code[3:]}")
    second.click("#join-submit")
    second.wait_for_selector("#live-view:not([hidden])")
    second.wait_for_selector("#conn[data-conn=online]")
    assert "Rosa Chávez Llanos" in second.inner_text("#me")
    assert second.inner_text("#my-code .code-value") == code
    second.wait_for_selector("#vote-card[data-round-state=open]")
    second.wait_for_selector("#vote-controls [data-vote=approve][aria-pressed=true]")  # their vote, kept
    second.click("#vote-controls [data-vote=reject]")
    second.wait_for_selector("#vote-status[data-state=counted]")
    shot(second, "record-phone-3-continued-es")
    present = [p for p in participants(server, headers, session) if not p["removed_at"]]
    assert [p["name"] for p in present] == ["Rosa Chávez Llanos"]  # one person, one voter
    tally = requests.get(f"{server.url}/api/v1/rounds/{round_id}", headers=headers, timeout=10).json()["tally"]
    assert tally["total"] == 1 and tally["counts"]["reject"] == 1

    # Tapping faster than the vote limit: the refused vote is sent again (same id) until it counts.
    second.evaluate("""() => { for (let i = 0; i < 14; i++) document.querySelector(
        `#vote-controls [data-vote=${i % 2 ? "approve" : "reject"}]`).click();
        document.querySelector("#vote-controls [data-vote=neutral]").click(); }""")
    second.wait_for_selector("#vote-status[data-state=retrying]", timeout=10000)
    second.wait_for_selector("#vote-status[data-state=counted]", timeout=40000)
    tally = requests.get(f"{server.url}/api/v1/rounds/{round_id}", headers=headers, timeout=10).json()["tally"]
    assert tally["total"] == 1 and tally["counts"]["neutral"] == 1  # the last tap, counted once

    assert not errors, errors
    for context in (first_context, second_context):
        context.close()


def test_the_facilitator_removes_a_participant_and_the_projector_drops(chromium, demo_server):
    server, errors = demo_server, []
    session, headers, agenda = started_session(server, "Superfrutas")
    item = agenda[0]
    console_context, console = console_page(chromium, server, session, errors)
    projector_context, projector = projector_page(chromium, server, console, errors)
    people = [("Ana Quispe", "Municipalidad Provincial de Tambopata", "public"),
              ("Ana Quispe Huamán", "Municipalidad Provincial de Tambopata", "public"),
              ("Luis Cabrera", "Gobierno Regional de Madre de Dios", "public"),
              ("Jorge Vela", "Agroexportadora Amazónica", "private"),
              ("Carmen Ríos", "Universidad Nacional Amazónica", "academic")]
    tokens = {name: join_over_http(server, session, name, org, sector)["participant_token"]
              for name, org, sector in people}
    projector.wait_for_selector("#pj-turnout[data-joined='5']")

    # The console lists them and spots the two entries that may be one person.
    console.wait_for_selector("#duplicates:not([hidden]) [data-action=merge]")
    assert "Ana Quispe Huamán" in console.inner_text("#duplicates")

    # Admission: from now on the facilitator admits each new participant.
    console.check("#admission-required")
    console.wait_for_function("() => document.querySelector('#admission-required').checked")
    phone_context, phone = join_phone(chromium, server, session["join_code"], "Elena Mamani",
                                      "Federación de Castañeros", "civil_society", errors)
    phone.wait_for_selector("#admission-note:not([hidden])")
    assert "admitirá" in phone.inner_text("#admission-note")
    shot(phone, "record-phone-0-waiting-es")
    console.wait_for_selector("#people-details[open]")  # unfolded by itself: someone is waiting
    console.wait_for_selector("#participants-list li[data-admitted=false] [data-action=admit]")
    console.click("#participants-list li[data-admitted=false] [data-action=code]")
    console.wait_for_selector("#participants-list .code-panel .code-value")
    shot(console, "record-console-1-people-es")
    console.click("#participants-list li[data-admitted=false] [data-action=admit]")
    console.wait_for_selector("#participants-list li[data-admitted=false]", state="detached")
    phone.wait_for_selector("#admission-note[hidden]", state="attached", timeout=15000)

    # An anonymous cross-sector round with one civil-society person: the console warns first.
    console.click(f"[data-action=prepare-round][data-item-id='{item['id']}']")
    console.select_option("#round-method", "approve")
    console.check("#round-results-live")  # the form starts from the item's planned round (phase 3: hidden)
    console.check("#round-cross-sector")
    console.wait_for_selector("#round-risk:not([hidden]) li[data-sector=civil_society]")
    risk = console.inner_text("#round-risk")
    assert "1 persona del sector" in risk and "podría revelar su voto" in risk
    console.click("#btn-open-round")
    console.wait_for_selector("#btn-open-anyway:not([hidden])")
    assert console.get_attribute("#round-card", "data-round-state") != "open"
    shot(console, "record-console-2-warning-es")
    console.click("#btn-open-anyway")
    console.wait_for_selector("#round-card[data-round-state=open]")
    round_id = int(console.get_attribute("#round-card", "data-round-id"))
    assert "anónimo" in phone.inner_text("#vote-hint")

    # Everyone votes; the private and academic sectors (one voter each) and civil society are withheld.
    phone.wait_for_selector("#vote-card[data-votable=true]")
    phone.click("#vote-controls [data-vote=approve]")
    phone.wait_for_selector("#vote-status[data-state=counted]")
    for name, _org, _sector in people:
        assert vote_over_socket(server, session, tokens[name], round_id, "approve")["ok"]
    projector.wait_for_selector("#pj-turnout[data-voted='6']")
    projector.wait_for_selector("#pj-sectors .sector-row[data-sector=civil_society][data-withheld=true]")
    withheld = projector.inner_text("#pj-sectors .sector-row[data-sector=civil_society]")
    assert "reservado: menos de 3 votos" in withheld and "Aún no hay votos" not in withheld
    assert projector.is_visible("#pj-sectors .sector-row[data-sector=public]:not([data-withheld])")
    shot(projector, "record-projector-1-withheld-es")
    phone.wait_for_selector("#results .sector-row[data-sector=private][data-withheld=true]")
    shot(phone, "record-phone-4-withheld-es")
    small_context, small = projector_page(chromium, server, console, errors, SMALL_PROJECTOR)
    small.wait_for_selector("#pj-sectors .sector-row[data-withheld=true]")
    shot(small, "record-projector-2-withheld-1280-es")
    small_context.close()

    # The facilitator removes a test join, with a reason: turnout and tally drop on the projector.
    removed = next(p for p in participants(server, headers, session) if p["name"] == "Luis Cabrera")
    console.click(f"#participants-list li[data-participant-id='{removed['id']}'] [data-action=remove]")
    console.click("#participants-list .person-panel [data-key=panel-ok]")  # no reason yet: refused here
    console.wait_for_selector("#participants-list .person-panel .form-error:not([hidden])")
    console.fill(f"#remove-reason-{removed['id']}", "Inscripción de prueba del equipo técnico")
    console.click("#participants-list .person-panel [data-key=panel-ok]")
    projector.wait_for_selector("#pj-turnout[data-joined='5'][data-voted='5']")
    projector.wait_for_function("() => document.querySelector('#pj-total').textContent.includes('5')")
    console.wait_for_selector(f"#participants-list li[data-participant-id='{removed['id']}']", state="detached")
    tally = requests.get(f"{server.url}/api/v1/rounds/{round_id}", headers=headers, timeout=10).json()["tally"]
    assert tally["total"] == 5
    shot(projector, "record-projector-3-after-removal-es")

    # The two entries of one person are merged from the console.
    first = next(p for p in participants(server, headers, session) if p["name"] == "Ana Quispe")
    console.click(f"#duplicates [data-action=merge][data-keep-id='{first['id']}']")
    console.wait_for_selector("#duplicates .person-panel")
    shot(console, "record-console-3-merge-es")
    console.click("#duplicates .person-panel [data-key=panel-ok]")
    console.wait_for_selector("#duplicates", state="hidden")
    projector.wait_for_selector("#pj-turnout[data-joined='4'][data-voted='4']")

    assert not errors, errors
    for context in (console_context, projector_context, phone_context):
        context.close()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_table_decision_overrides_the_computed_result_on_every_screen(chromium, demo_server, lang):
    server, errors = demo_server, []
    session, headers, agenda = started_session(server, "Textil" if lang == "es" else "Industria de la madera")
    item = agenda[0]
    console_context, console = console_page(chromium, server, session, errors, lang)
    projector_context, projector = projector_page(chromium, server, console, errors, lang=lang)
    phones = [join_phone(chromium, server, session["join_code"], name, org, sector, errors, lang)
              for name, org, sector in (("Marco Apaza", "Textiles del Sur", "private"),
                                        ("Lucía Flores", "Universidad Nacional de San Agustín", "academic"))]
    round_id = open_round(server, headers, session, item["id"], threshold=0.6, anonymous=False)
    phone = phones[0][1]
    phone.wait_for_selector("#vote-card[data-round-state=open]")
    code = item.get("code")
    if code:
        projector.wait_for_selector("#pj-item-code:not([hidden])")
        assert code in phone.inner_text("#item-title") and code in projector.inner_text("#pj-item-title")
        assert code in console.inner_text(f"#agenda-list li[data-item-id='{item['id']}']")
    hint = phone.inner_text("#vote-hint")
    assert ("nominal" in hint) if lang == "es" else ("named vote" in hint)
    assert "anónimo" not in hint and "anonymous" not in hint
    phone.click("#vote-controls [data-vote=approve]")
    phones[1][1].click("#vote-controls [data-vote=reject]")
    phone.wait_for_selector("#vote-status[data-state=counted]")
    phones[1][1].wait_for_selector("#vote-status[data-state=counted]")
    shot(phone, f"record-phone-5-voting-{lang}")
    requests.post(f"{server.url}/api/v1/rounds/{round_id}/close", headers=headers, timeout=10)
    projector.wait_for_selector("#pj-outcome .outcome[data-result=rejected]")
    phone.wait_for_selector("#results .outcome[data-result=rejected]")

    # The table decides otherwise, with a reason; every screen shows the table's decision first.
    reason = "El gremio textil se compromete a cofinanciar el piloto."
    console.click(f"[data-action=decide][data-item-id='{item['id']}']")
    console.select_option("#decision-outcome", "agreed")
    console.fill("#decision-reason", reason)
    console.click("#btn-decide")
    console.wait_for_selector("#decision-done:not([hidden])")
    for page, box in ((projector, "#pj-decision"), (phone, "#decision-box")):
        page.wait_for_selector(f"{box}:not([hidden]) .decision[data-decision=agreed][data-override=true]")
        text = page.text_content(box)  # as written (the kicker is upper-cased by CSS)
        assert reason in text
        assert ("Decisión de la mesa" in text and "Aprobada" in text) if lang == "es" else \
            ("Decision of the table" in text and "Agreed" in text)
        page.wait_for_selector(".outcome.outcome-secondary[data-result=rejected]")  # steps back, worded as the vote
    # the decision comes before the computed result
    assert projector.evaluate("document.querySelector('#pj-decision').compareDocumentPosition("
                              "document.querySelector('#pj-outcome')) & Node.DOCUMENT_POSITION_FOLLOWING")
    assert phone.evaluate("document.querySelector('#decision-box').getBoundingClientRect().top < "
                          "document.querySelector('#results-card').getBoundingClientRect().top")
    shot(phone, f"record-phone-6-decision-{lang}")
    shot(projector, f"record-projector-4-decision-{lang}")
    small_context, small = projector_page(chromium, server, console, errors, SMALL_PROJECTOR, lang=lang)
    small.wait_for_selector("#pj-decision .decision")
    shot(small, f"record-projector-5-decision-1280-{lang}")
    small_context.close()

    # The console keeps the decision history of the item.
    history = console.wait_for_selector(f"#agenda-list li[data-item-id='{item['id']}'] .agenda-history")
    history.click()
    assert reason in console.inner_text(f"#agenda-list li[data-item-id='{item['id']}'] .history-list")
    shot(console, f"record-console-4-decided-{lang}")

    assert not errors, errors
    for context in [console_context, projector_context] + [c for c, _p in phones]:
        context.close()


def test_the_phone_stops_offering_the_vote_at_zero_and_knows_when_it_is_removed(chromium, demo_server):
    server, errors = demo_server, []
    session, headers, agenda = started_session(server, "Acuicultura")
    context, phone = join_phone(chromium, server, session["join_code"], "Pedro Zapata", "Langostinera Tumbes",
                                "private", errors)
    open_round(server, headers, session, agenda[0]["id"], seconds=5)
    phone.wait_for_selector("#vote-card[data-votable=true] #countdown:not([hidden])")
    # the server closes the round at zero too; the phone takes the buttons away at zero on its own
    phone.wait_for_selector("#vote-card[data-votable=false]", timeout=8000)
    assert phone.evaluate("[...document.querySelectorAll('#vote-controls button')].every((b) => b.disabled)")
    phone.wait_for_selector("#vote-card[data-round-state=closed]", timeout=10000)

    # The facilitator removes this participant: the phone says so and offers no vote any more.
    person = participants(server, headers, session)[0]
    r = requests.post(f"{server.url}/api/v1/sessions/{session['id']}/participants/{person['id']}/remove",
                      headers=headers, json={"reason": "Se unió por error"}, timeout=10)
    assert r.status_code == 200, r.text
    phone.wait_for_selector("#removed-view:not([hidden])")
    assert phone.is_hidden("#live-view") and "retiró" in phone.inner_text("#removed-view")
    phone.reload()
    phone.wait_for_selector("#removed-view:not([hidden])")  # also after a reload
    shot(phone, "record-phone-7-removed-es")
    assert not errors, errors
    context.close()
