"""Bounded JSON and strict input: what used to be a 500, a traceback or a silent cast.

- JSON over HTTP: nesting deeper than 32, integers over 20 digits, NaN/Infinity → 400 `bad_json`
  from every endpoint that takes a body, one log line, no traceback.
- Socket.IO frames: the same bounds, and malformed frames, close the connection with one line.
- Strict fields: 1.5 is not an id or a quorum, "no" is not a boolean, control characters and bidi
  overrides are not part of a name (the API, the pages, and PostgreSQL, which refuses NUL).
- Refusals are logged one line each, at most 10 a minute per address, then one "suppressed" line.
"""
from __future__ import annotations

import logging
import time

import pytest
from sqlalchemy import func, select

from helpers import fill, make_config, postgres_database
from workshop import safejson
from workshop.extensions import socketio
from workshop.refusallog import RefusalLog, refusals


@pytest.fixture(autouse=True)
def _fresh_refusal_budgets():
    """The tests count refusal lines: each starts with every address's budget unspent."""
    refusals.reset()

# --- The decoder ---------------------------------------------------------------------------------


def test_bounds_of_the_decoder():
    assert safejson.loads("[" * 32 + "]" * 32) is not None
    assert safejson.loads('["' + "[" * 5000 + '"]') == ["[" * 5000]  # brackets in strings do not nest
    assert safejson.loads("9" * 20) == int("9" * 20) and safejson.loads("-" + "9" * 20) == -int("9" * 20)
    assert safejson.loads('{"a": 0.5, "b": 1e3}') == {"a": 0.5, "b": 1000.0}
    for bad in ("[" * 33 + "]" * 33, "[" * 100_000, '{"a":' * 40 + "1" + "}" * 40, "9" * 21, "9" * 5000, "NaN",
                "-Infinity", "1e999", "1." + "0" * 60, "{not json", "", b"\xff", '"\\ud800'):
        with pytest.raises(safejson.BadJSON):
            safejson.loads(bad)


def test_decoder_is_linear_on_hostile_text():
    """Unterminated strings full of escapes and quotes: the depth scan never backtracks."""
    for text in ('["\\"' * 20_000, '"' + "\\" * 60_000, "[" * 40 + '"' * 40_000):
        started = time.perf_counter()
        with pytest.raises(safejson.BadJSON):
            safejson.loads(text)
        assert time.perf_counter() - started < 0.5


# --- JSON bodies over HTTP -----------------------------------------------------------------------

HOSTILE_BODIES = ["[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, '{"name": ' + "9" * 5000 + "}",
                  '{"x": NaN}', '{"x": 1e400}', '{"x": "\\ud800"', "\xff"]


def _json_operations(client) -> list[tuple[str, str]]:
    """(METHOD, path) of every call that takes a JSON body, from the OpenAPI document."""
    spec = client.get("/api/openapi.json").json
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict):
                continue
            content = (operation.get("requestBody") or {}).get("content", {})
            if "application/json" in content:
                found.append((method.upper(), path.replace("{", "<").replace("}", ">")))
    return found


def test_hostile_json_is_a_400_everywhere(app, client, make_session, make_staff, token_for, caplog):
    import re

    session = make_session()
    headers = token_for(make_staff("admin"))
    operations = _json_operations(client)
    assert ("POST", "/api/v1/auth/token") in operations and ("POST", "/api/v1/join") in operations
    with caplog.at_level(logging.INFO):
        for method, path in operations:
            url = re.sub(r"<[^>]+>", str(session.id), path)
            for body in HOSTILE_BODIES:
                r = client.open(url, method=method, data=body, content_type="application/json", headers=headers)
                assert r.status_code < 500, (method, url, body[:30], r.status_code)
                if r.status_code == 400:
                    assert r.json["error"]["code"] == "bad_json", (url, r.json)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    lines = [r.getMessage() for r in caplog.records if r.name == "mesa.refusals"]
    assert lines[0].startswith("refused bad_json POST /api/v1/") and len(lines) == 10  # then rate-limited


def test_request_get_json_is_bounded_too(app):
    with app.test_request_context("/x", method="POST", data="[" * 100 + "]" * 100, content_type="application/json"):
        from flask import request

        from workshop.refusals import Refusal

        with pytest.raises(Refusal) as refused:
            request.get_json()
        assert refused.value.code == "bad_json"


# --- Socket.IO frames --------------------------------------------------------------------------

NS = "/live"


@pytest.mark.fresh_app
@pytest.mark.parametrize("frame", [
    "42/live,[\"vote\"," + "[" * 5000 + "]" * 5000 + "]", "42/live,[\"vote\",{\"round_id\":" + "9" * 5000 + "}]",
    "42/live,[\"vote\",NaN]", "42/live,{\"vote\":1}", "42/live,[]", "42/live,[[\"vote\"]]", "42/live,[\"vote\"",
    "4x", "45-/live,[\"vote\",{\"_placeholder\":true,\"num\":0}]", "44/live,{}", "49", "",
    "2/live," + "9" * 200, "43/live,1{}",
])
def test_a_malformed_frame_ends_the_connection_with_one_line(app, client, make_session, join, caplog, frame):
    session = make_session()
    _participant, token = join(session)
    sio = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                               flask_test_client=client)
    server = socketio.server
    sid = server.manager.sid_from_eio_sid(sio.eio_sid, NS)
    assert server.manager.is_connected(sid, NS)
    with caplog.at_level(logging.INFO):
        server._handle_eio_message(sio.eio_sid, frame[1:] if frame.startswith("4") else frame)
    assert not server.manager.is_connected(sid, NS)
    lines = [r for r in caplog.records if r.name == "mesa.refusals"]
    assert len(lines) == 1 and "bad_frame" in lines[0].getMessage() and len(lines[0].getMessage()) < 200
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("body, problem", [
    (b"4" + b"2/live,[]", None), (b"40/live,{}\x1e42/live,[\"vote\",{}]", None), (b"bAAAA", None),
    (b"x", "unknown engine.io packet type"), (b"", "empty packet"), (b"\xff\xfe", "body is not UTF-8"),
    (b"b!!!", "bad base64 packet"), (b"9", "unknown engine.io packet type"), (b"3\x1e\x1e", "empty packet"),
    (b"0", "unknown engine.io packet type"), (b"6", "unknown engine.io packet type"),
    (b"3\x1e2", "unknown engine.io packet type"),
])
def test_long_polling_bodies_are_checked_before_engineio(body, problem):
    from workshop.live.frames import payload_problem

    assert payload_problem(body) == problem


@pytest.mark.fresh_app  # socketio.server is the server of the app made last
def test_a_malformed_long_polling_post_is_a_400_at_once(app, client, caplog):
    import json

    opened = client.get("/socket.io/?EIO=4&transport=polling")
    assert opened.status_code == 200
    sid = json.loads(opened.get_data(as_text=True)[1:])["sid"]
    with caplog.at_level(logging.INFO):
        r = client.post(f"/socket.io/?EIO=4&transport=polling&sid={sid}", data=b"9")
    assert r.status_code == 400
    assert socketio.server.eio.sockets[sid].closed
    assert [r.getMessage() for r in caplog.records if r.name == "mesa.refusals"] == [
        "refused bad_frame engine.io POST (unknown engine.io packet type) from 127.0.0.1"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


# --- Strict fields in the API ---------------------------------------------------------------------


def test_a_fractional_session_id_records_no_decision(client, make_session, token_for):
    from workshop.voting.models import Decision

    session = make_session()
    item = session.agenda[0].item
    headers = token_for("facilitator")
    for bad in (1.5, float(session.id), "1", True, [session.id], 2**63, -1, 0):
        r = client.post(f"/api/v1/items/{item.id}/decision", headers=headers,
                        json={"session_id": bad, "outcome": "deferred", "reason": "r"})
        assert r.status_code == 400 and r.json["error"]["code"] == "validation_error", (bad, r.json)
        assert "session_id" in r.json["error"]["fields"]
    assert client.application.extensions["sqlalchemy"].session.scalar(select(func.count(Decision.id))) == 0


@pytest.mark.parametrize("change", [{"quorum": 1.5}, {"quorum": "2"}, {"quorum": True}, {"cross_sector": "yes"},
                                    {"anonymous": 0}, {"threshold": "0.5"}, {"threshold": True},
                                    {"dots": 2.0}, {"item_ids": ["{item}"]}, {"method": ["approve"]}])
def test_round_options_are_strict(client, make_session, token_for, change):
    session = make_session()
    item = session.agenda[0].item
    body = fill({"item_ids": ["{item}"], "method": "approve", **change}, {"item": item.id})
    if change.get("item_ids"):
        body["item_ids"] = [str(item.id)]
    r = client.post(f"/api/v1/sessions/{session.id}/rounds", headers=token_for("facilitator"), json=body)
    assert r.status_code == 400 and set(r.json["error"]["fields"]) == set(change), r.json


NAMES = ["Ana\x00", "\u202eanA", "Ana\u2066", "A\x1bna", "Ana\nQuispe", "Ana\x85", "\ud800"]


@pytest.mark.parametrize("name", NAMES)
def test_control_characters_are_refused_in_names(client, make_session, token_for, name):
    session = make_session()
    headers = token_for("admin")
    calls = [("POST", "/api/v1/join", {"code": session.join_code, "name": name, "organisation": "Org",
                                       "sector": "public"}, "name"),
             ("POST", "/api/v1/programmes", {"name": name}, "name"),
             ("POST", f"/api/v1/programmes/{session.initiative.programme_id}/initiatives", {"name": name}, "name"),
             ("POST", f"/api/v1/initiatives/{session.initiative_id}/items", {"kind": "action_line", "title": name},
              "title"),
             ("PATCH", f"/api/v1/sessions/{session.id}", {"place": name}, "place"),
             ("POST", "/api/v1/staff", {"email": "x@example.org", "name": name, "role": "facilitator",
                                        "password": "long-enough-1"}, "name")]
    for method, url, body, field in calls:
        r = client.open(url, method=method, json=body, headers=headers)
        assert r.status_code == 400 and field in r.json["error"]["fields"], (url, r.json)


def test_long_texts_keep_newlines_and_names_are_trimmed(client, make_programme, token_for):
    _, initiative = make_programme(items=0)
    r = client.post(f"/api/v1/initiatives/{initiative.id}/items", headers=token_for("admin"),
                    json={"kind": "action_line", "title": "  Riego  ", "description": "Uno\r\nDos\tTres"})
    assert r.status_code == 201 and r.json["title"] == "Riego" and r.json["description"] == "Uno\nDos\tTres"


def test_staff_booleans_are_strict(client, make_staff, token_for):
    other = make_staff("facilitator")
    for bad in ("no", "false", 0, 1, None):
        r = client.patch(f"/api/v1/staff/{other.id}", headers=token_for("admin"), json={"is_enabled": bad})
        assert r.status_code == 400, bad
    assert other.is_enabled is True


def test_query_booleans_are_strict(client, make_programme):
    _, initiative = make_programme(items=1)
    assert client.get(f"/api/v1/initiatives/{initiative.id}/items?include_archived=true").status_code == 200
    assert client.get(f"/api/v1/initiatives/{initiative.id}/items?include_archived=maybe").status_code == 400


def test_dates_stay_within_what_converts(client, make_session, token_for):
    session = make_session()
    headers = token_for("admin")
    for bad in ("9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00", 20261203, "2026-13-01T00:00"):
        r = client.patch(f"/api/v1/sessions/{session.id}", headers=headers, json={"starts_at": bad})
        assert r.status_code == 400 and "starts_at" in r.json["error"]["fields"], (bad, r.json)
    assert client.patch(f"/api/v1/sessions/{session.id}", headers=headers,
                        json={"starts_at": "2026-12-03T15:00:00-05:00"}).status_code == 200


# --- Pages -----------------------------------------------------------------------------------------


def test_pages_refuse_control_characters_with_a_message(logged_in, make_programme, db):
    from workshop.programmes.models import Programme
    from workshop.sessions.models import Session

    browser = logged_in("admin")
    _, initiative = make_programme(items=1)
    before = db.session.scalar(select(func.count(Programme.id)))
    r = browser.post("/programmes/new", data={"name": "Programa\x00", "institution": "X"})
    assert r.status_code == 400 and "No se admiten caracteres de control (U+0000)." in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Programme.id))) == before
    r = browser.post(f"/initiatives/{initiative.id}/sessions/new",
                     data={"title": "Taller \u202e", "phase": "1", "status": "scheduled"})
    assert r.status_code == 400 and "U+202E" in r.get_data(as_text=True)
    r = browser.post(f"/initiatives/{initiative.id}/sessions/new",
                     data={"title": "Taller", "phase": "1.5", "status": "scheduled"})
    assert r.status_code == 400 and "No es un número entero válido." in r.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Session.id))) == 0
    ok = browser.post(f"/initiatives/{initiative.id}/sessions/new",
                      data={"title": "Taller", "phase": "1", "status": "scheduled",
                            "item_ids": [str(initiative.items[0].id)]})
    assert ok.status_code == 302


def test_postgresql_gets_no_nul():
    """PostgreSQL refuses NUL in text: it must be refused before it gets there (it was a 500)."""
    from workshop import create_app
    from workshop.extensions import db

    with postgres_database() as url:
        app = create_app(make_config(url))
        with app.app_context():
            db.create_all()
            from workshop.programmes import services
            from workshop.sessions import services as sessions

            programme = services.create_programme({"name": "P"})
            initiative = services.create_initiative(programme, {"name": "I"})
            item = services.create_item(initiative, {"kind": "action_line", "title": "T"})
            session = sessions.create_session(initiative, phase_number=1, title="S", status="scheduled",
                                              item_ids=[item.id])
            sessions.transition(session, "live")
            client = app.test_client()
            for body in ({"name": "Ana\x00"}, {"organisation": "Org\x00"}, {"region": "\x00"},
                         {"participant_token": "\x00"}, {"personal_code": "\x00"}):
                join = {"code": session.join_code, "name": "Ana", "organisation": "Org", "sector": "public", **body}
                r = client.post("/api/v1/join", json=join)
                assert r.status_code == 400, (body, r.status_code, r.get_data(as_text=True)[:200])
            db.session.remove()
            db.engine.dispose()


# --- The refusal log ---------------------------------------------------------------------------------


def test_refusals_are_logged_once_each_then_counted(caplog):
    log = RefusalLog(per_minute=3, window=60)
    with caplog.at_level(logging.INFO, logger="mesa.refusals"):
        for n in range(10):
            log.refused("invalid_payload", "event vote", "10.0.0.1", now=100.0 + n)
        log.refused("invalid_payload", "event vote", "10.0.0.2", now=105.0)  # another address has its own budget
        log.refused("bad_json", "POST /api/v1/join\x00\n", "10.0.0.1", now=161.0)  # the next minute
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["refused invalid_payload event vote from 10.0.0.1"] * 3 + [
        "refused invalid_payload event vote from 10.0.0.2",
        "7 more refusals from 10.0.0.1 suppressed in the last minute",
        "refused bad_json POST /api/v1/join?? from 10.0.0.1"]
    assert all(r.levelno == logging.INFO for r in caplog.records)


def test_the_import_confirmation_reads_bounded_json(logged_in, make_programme):
    _, initiative = make_programme(items=0)
    browser = logged_in("admin")
    for rows in ("[" * 5000 + "]" * 5000, "[" + "9" * 5000 + "]", "NaN", "{"):
        r = browser.post(f"/initiatives/{initiative.id}/import", data={"rows_json": rows})
        assert r.status_code == 400, rows[:20]
