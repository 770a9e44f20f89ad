"""Anonymous comments in real Chromium (issue 10 §4): the facilitator allows them from the console, a
phone at 360×740 ticks "Comentar de forma anónima", and the projector, the console and the other
phones show "Anónimo" — never the name. Screenshots of the phone with the box in Spanish and
English, the console and the projector in tests/screenshots/ (look at them).
"""
from __future__ import annotations

import pytest
import socketio

from helpers import CONSOLE, PHONE, Api, login, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]

NAME, ORG = "Rocío Wiraqocha", "Cooperativa Kallpawasi"
HOSTILE = '<img src=x onerror="window.__xss=1"> & <b>negrita</b>'


def guard(page, errors):
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(dialog.message), dialog.dismiss()))
    return page


def phone(chromium, server, code, lang, errors, name, organisation, sector):
    context = chromium.new_context(**PHONE)
    page = guard(context.new_page(), errors)
    page.goto(f"{server.url}/j/{code}?lang={lang}")
    page.fill("#join-name", name)
    page.fill("#join-organisation", organisation)
    page.click(f"label:has(#join-sector-{sector})")
    page.click("#join-submit")
    page.wait_for_selector("#live-view:not([hidden])")
    page.wait_for_selector("#conn[data-conn=online]")
    return context, page


def test_a_phone_comments_anonymously_and_every_screen_says_anonimo(chromium, server):
    errors: list[str] = []
    api = Api(server.url)
    programme = api.call("POST", "/programmes", json={"name": "Programa"})
    initiative = api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Cacao"})
    item = api.call("POST", f"/initiatives/{initiative['id']}/items", json={"kind": "action_line",
                                                                          "title": "Centro de acopio"})
    session = api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                       json={"title": "Priorización", "phase": 3, "item_ids": [item["id"]]})
    api.call("POST", f"/sessions/{session['id']}/start")

    console_context = chromium.new_context(**CONSOLE)
    console = guard(console_context.new_page(), errors)
    login(console, server)
    console.goto(f"{server.url}/sessions/{session['id']}/console")
    console.wait_for_selector("#conn[data-conn=online]")
    staff = socketio.Client(reconnection=False)
    staff.connect(server.url, namespaces=["/live"], transports=["websocket"],
                  auth={"token": api.token, "session_id": session["id"]})
    assert staff.call("set_item", {"item_id": item["id"]}, namespace="/live", timeout=10)["ok"]
    projector_context = chromium.new_context(viewport={"width": 1280, "height": 720}, locale="es-PE")
    projector = guard(projector_context.new_page(), errors)
    url = console.get_attribute("#projector-link", "href")
    projector.goto(server.url + url if url.startswith("/") else url)
    projector.wait_for_selector("#conn[data-conn=online]", state="attached")  # the pill shows only when offline

    author_context, author = phone(chromium, server, session["join_code"], "es", errors, NAME, ORG, "civil_society")
    other_context, other = phone(chromium, server, session["join_code"], "en", errors, "José Ccahuana", "UNSCH",
                                 "academic")
    api.call("PATCH", f"/sessions/{session['id']}", json={"allow_anonymous_comments": False})  # the default
    assert author.is_hidden("#comment-anonymous-row")  # off: no box to tick

    # the facilitator allows it from the console: the box appears on every phone
    console.click("#tab-comments")  # the console's room lists are tabs: participants, proposals, comments
    console.check("#anonymous-comments")
    author.wait_for_selector("#comment-anonymous-row:not([hidden])")
    other.wait_for_selector("#comment-anonymous-row:not([hidden])")
    assert "Comentar de forma anónima" in author.inner_text("#comment-anonymous-row")
    assert "Comment anonymously" in other.inner_text("#comment-anonymous-row")
    author.fill("#comment-body", "Falta el presupuesto " + HOSTILE)
    author.check("#comment-anonymous")
    shot(author, "phone-anonymous-checkbox-es")
    other.fill("#comment-body", "A named comment")
    shot(other, "phone-anonymous-checkbox-en")

    author.click("#comment-submit")
    author.wait_for_selector("#comment-list li[data-comment-id] .own")
    comment_id = author.get_attribute("#comment-list li[data-comment-id]", "data-comment-id")
    mine = f"li[data-comment-id='{comment_id}']"
    assert author.inner_text(f"#comment-list {mine} .comment-author") == "Anónimo"
    assert HOSTILE in author.inner_text(f"#comment-list {mine} .comment-body")
    other.wait_for_selector(f"#comment-list {mine}")
    assert other.inner_text(f"#comment-list {mine} .comment-author") == "Anonymous"
    console.wait_for_selector(f"#comments-list {mine}")
    assert console.inner_text(f"#comments-list {mine} .comment-author") == "Anónimo"
    projector.wait_for_selector(f".pj-comment[data-comment-id='{comment_id}']")
    assert projector.inner_text(f".pj-comment[data-comment-id='{comment_id}'] .pj-author") == "Anónimo"
    for page, where in ((other, "#comment-list"), (console, "#comments-list"), (projector, "body")):
        text = page.inner_text(where)
        assert "Wiraqocha" not in text and "Kallpawasi" not in text, where
    shot(author, "phone-anonymous-sent-es")
    shot(console, "console-anonymous-comment")
    shot(projector, "projector-anonymous-comment")

    # turned off: the box goes away, the comment stays anonymous (after a reload too)
    console.uncheck("#anonymous-comments")
    author.wait_for_selector("#comment-anonymous-row", state="hidden")
    assert not author.is_checked("#comment-anonymous")
    projector.reload()
    projector.wait_for_selector(f".pj-comment[data-comment-id='{comment_id}']")
    assert projector.inner_text(f".pj-comment[data-comment-id='{comment_id}'] .pj-author") == "Anónimo"
    assert author.inner_text(f"#comment-list {mine} .comment-author") == "Anónimo"
    for page in (author, other, console, projector):
        assert page.evaluate("() => window.__xss") is None
    assert errors == []
    staff.disconnect()
    for context in (author_context, other_context, projector_context, console_context):
        context.close()
