"""Real browsers against the real server: a facilitator, a projector and phones in one room.

Chromium (Debian's) is driven by Playwright. Screenshots of every screen go to
tests/screenshots/ (git-ignored) — look at them.
"""
from __future__ import annotations

import time

import pytest
import requests

from helpers import CONSOLE, PHONE, PROJECTOR, login, rehearsal_session, shot, staff_api

pytestmark = [pytest.mark.browser, pytest.mark.server]
HOSTILE_NAME = '<img src=x onerror="window.__xss=1">'
HOSTILE_COMMENT = '<script>window.__xss=1</script> <a href="javascript:window.__xss=1">enlace</a>'


def guard(page, errors):
    """Fail on any script dialog; collect page errors."""
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    return page


def join_phone(browser, server, code, name, organisation, sector, errors):
    context = browser.new_context(**PHONE)
    page = guard(context.new_page(), errors)
    page.goto(f"{server.url}/j/{code}")
    page.fill("#join-name", name)
    page.fill("#join-organisation", organisation)
    page.click(f"label:has(#join-sector-{sector})")
    page.click("#join-submit")
    page.wait_for_selector("#live-view:not([hidden])")
    page.wait_for_selector("#conn[data-conn=online]")
    return context, page


def test_a_room_votes_live_from_phones_to_projector(chromium, demo_server):
    server, errors = demo_server, []
    headers = staff_api(server)
    initiative, session = rehearsal_session(server)
    items = requests.get(f"{server.url}/api/v1/sessions/{session['id']}", headers=headers, timeout=10).json()["agenda"]
    item = items[0]

    # The facilitator logs in and starts the session from the console.
    console_context = chromium.new_context(**CONSOLE)
    console = guard(console_context.new_page(), errors)
    login(console, server)
    console.goto(f"{server.url}/sessions/{session['id']}/console")
    console.wait_for_selector("#conn[data-conn=online]")
    shot(console, "console-1-scheduled-es")
    console.click("#btn-start")
    console.wait_for_selector("#c-status[data-status=live]")

    # The projector opens its link (no login).
    projector_url = console.get_attribute("#projector-link", "href")
    projector_context = chromium.new_context(**PROJECTOR)
    projector = guard(projector_context.new_page(), errors)
    projector.goto(server.url + projector_url if projector_url.startswith("/") else projector_url)
    projector.wait_for_selector("#pj-code")
    assert projector.inner_text("#pj-code").replace(" ", "") == session["join_code"]
    assert projector.evaluate("document.querySelector('.pj-qr img, img.pj-qr') && "
                              "document.querySelector('.pj-qr img, img.pj-qr').naturalWidth > 0")

    # Three phones join by code.
    phones = [join_phone(chromium, server, session["join_code"], name, org, sector, errors)
              for name, org, sector in (("Rocío Quispe Huamán", "Cooperativa Agraria Ñuñoa", "private"),
                                        (HOSTILE_NAME, "Municipalidad <b>Huamanga</b>", "public"),
                                        ("José Ccahuana", "UNSCH", "academic"))]
    projector.wait_for_selector("#pj-turnout[data-joined='3']")
    shot(phones[0][1], "phone-1-joined-es")

    # The facilitator opens an approve round on the first agenda item, results hidden until revealed.
    console.click(f"[data-action=prepare-round][data-item-id='{item['id']}']")
    console.select_option("#round-method", "approve")
    console.check("#round-results-hidden")
    console.uncheck("#round-cross-sector")  # the phase-3 plan asks every sector; one person each would show
    console.click("#btn-open-round")
    console.wait_for_selector("#round-card[data-round-state=open]")
    round_id = int(console.get_attribute("#round-card", "data-round-id"))

    # Each phone votes and sees it counted; the projector follows within a second.
    for (_context, phone), value in zip(phones, ("approve", "approve", "reject")):
        phone.wait_for_selector("#vote-card[data-round-state=open]")
        phone.click(f"#vote-controls [data-vote={value}]")
        phone.wait_for_selector("#vote-status[data-state=counted]", timeout=5000)
    last_ack = time.monotonic()
    projector.wait_for_selector("#pj-turnout[data-voted='3']", timeout=5000)
    lag = time.monotonic() - last_ack
    assert lag < 1.0, f"projector took {lag:.2f} s"
    assert projector.get_attribute("#pj-results", "data-view") == "hidden"  # turnout only, no results yet
    shot(projector, "projector-0-hidden-es")

    # The facilitator reveals the results: per-sector bars appear without a reload.
    console.click("#btn-reveal")
    projector.wait_for_selector("#pj-results[data-view=results] #pj-sectors .sector-row[data-sector=academic]")
    assert "Counted" in phones[0][1].inner_text("#vote-status") or "Contado" in phones[0][1].inner_text("#vote-status")
    shot(phones[0][1], "phone-2-counted-es")
    shot(projector, "projector-1-live-es")

    # Comments, including hostile text, reach the wall as plain text.
    for _context, phone in phones[:2]:
        phone.fill("#comment-body", HOSTILE_COMMENT)
        phone.click("#comment-submit")
    projector.wait_for_selector("#pj-comments li[data-comment-id]")
    assert HOSTILE_COMMENT in projector.inner_text("#pj-comments")
    console.click("#tab-comments")  # the console's room lists are tabs: participants, proposals, comments
    console.wait_for_selector("#comments-list li[data-comment-id]")

    # A phone goes offline, changes its vote, comes back: counted once, the new value.
    offline_context, offline_phone = phones[2]
    offline_context.set_offline(True)
    offline_phone.wait_for_selector("#conn:not([data-conn=online])", timeout=15000)
    offline_phone.click("#vote-controls [data-vote=neutral]")
    offline_phone.wait_for_selector("#vote-status:not([data-state=counted])")
    shot(offline_phone, "phone-3-offline-es")
    offline_context.set_offline(False)
    offline_phone.wait_for_selector("#vote-status[data-state=counted]", timeout=20000)
    tally = requests.get(f"{server.url}/api/v1/rounds/{round_id}", headers=headers, timeout=10).json()["tally"]
    assert tally["total"] == 3 and tally["counts"] == {"approve": 2, "neutral": 1, "reject": 0}
    projector.wait_for_function(  # the projector's bars follow the changed vote, no reload
        "() => document.querySelector('#pj-results .bar-row[data-row=neutral]').textContent.includes('1')")

    # The facilitator closes the round and records a decision that overrides the vote, with a reason.
    console.click("#btn-close-round")
    console.wait_for_selector("#round-card[data-round-state=closed]")
    projector.wait_for_selector("#pj-outcome .outcome[data-result]")
    shot(projector, "projector-2-closed-es")
    console.click(f"[data-action=decide][data-item-id='{item['id']}']")
    computed = console.get_attribute("#decision-computed", "data-computed")
    assert computed == "agreed"
    console.select_option("#decision-outcome", "deferred")
    console.click("#btn-decide")
    console.wait_for_selector("#decision-error:not([hidden])")  # a reason is needed for an override
    console.fill("#decision-reason", "Falta el costeo del Gobierno Regional.")
    console.click("#btn-decide")
    console.wait_for_selector("#decision-done:not([hidden])")
    shot(console, "console-2-decided-es")
    statuses = {i["id"]: i["status"] for i in
                requests.get(f"{server.url}/api/v1/initiatives/{initiative['id']}/items", timeout=10).json()}
    assert statuses[item["id"]] == "deferred"

    # The table finds that the second item says what the first says: it merges them, with a reason.
    twin = items[1]
    console.select_option("#decision-item", str(twin["id"]))
    assert console.is_hidden("#decision-into-field")
    console.select_option("#decision-outcome", "merged")
    console.wait_for_selector("#decision-into-field:not([hidden])")
    assert str(twin["id"]) not in console.eval_on_selector_all("#decision-into option", "os => os.map(o => o.value)")
    console.click("#btn-decide")
    assert "fusiona" in console.inner_text("#decision-error")  # the item to merge into comes first
    console.select_option("#decision-into", str(item["id"]))
    console.click("#btn-decide")
    console.wait_for_selector("#decision-reason[aria-invalid=true]")  # and a reason for the minutes
    console.fill("#decision-reason", "Las dos líneas piden lo mismo.")
    console.click("#btn-decide")
    console.wait_for_function("() => document.querySelector('#decision-done').textContent.includes('Fusionada')")
    assert item["code"] in console.inner_text("#decision-done")
    console.wait_for_selector(f"#agenda-list [data-item-id='{twin['id']}'] [data-status=merged]")
    shot(console, "console-3-merged-es")
    statuses = {i["id"]: i["status"] for i in
                requests.get(f"{server.url}/api/v1/initiatives/{initiative['id']}/items", timeout=10).json()}
    assert statuses[twin["id"]] == "merged"

    # The secretariat's minutes download in the browser, with the decision in them.
    console.goto(f"{server.url}/sessions/{session['id']}")
    with console.expect_download() as download_info:
        console.click("#documents a[href$='/minutes.pdf?lang=es']")
    download = download_info.value
    pdf = download.path().read_bytes()
    assert pdf.startswith(b"%PDF") and download.suggested_filename.startswith("acta-de-sesion-")
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Falta el costeo del Gobierno Regional." in " ".join(text.split())
    assert f"Fusionada en {item['code']}" in " ".join(text.split())
    assert "Las dos líneas piden lo mismo." in " ".join(text.split())

    # No script ran anywhere, and the hostile name shows as text.
    for page in [console, projector] + [p for _c, p in phones]:
        assert page.evaluate("window.__xss === undefined")
    assert HOSTILE_NAME in phones[1][1].inner_text("#me")
    assert not errors, errors
    for context in [console_context, projector_context] + [c for c, _p in phones]:
        context.close()
