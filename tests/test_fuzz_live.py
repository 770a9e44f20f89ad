"""Fuzz every Socket.IO event of /live (hypothesis), as a participant, a facilitator and the projector.

Whatever the payload — any JSON shape, huge integers, fractions, nesting, unicode, control
characters — the ack is a well-formed `{"ok": ...}` answer, nothing is logged at ERROR (a
traceback fails the test), and a refused payload leaves every table of the database as it was.
bench/fuzz.py runs the same against a real server, with many more cases.
"""
from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import EVENTS, payloads, well_formed
from helpers import fill
from workshop.extensions import db as _db
from workshop.extensions import socketio

NS = "/live"
pytestmark = pytest.mark.fresh_app


class _Unlimited:
    """The live limits lifted, so that the fuzz reaches the handlers rather than the rate limits."""

    def __getattr__(self, name):
        return self

    def allow(self, *_args, **_kwargs) -> bool:
        return True


def fingerprint() -> dict:
    """Every row of every table, as committed."""
    _db.session.rollback()
    return {table.name: sorted(map(repr, _db.session.execute(table.select()).all()))
            for table in _db.metadata.sorted_tables}


@pytest.fixture
def stage(app, client, make_session, make_staff, join, monkeypatch):
    """A live session with an open round, a comment, a proposal, two participants, and a client of
    each role."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.live import events
    from workshop.sessions import discussion
    from workshop.voting.services import create_round

    monkeypatch.setattr(events, "limits", lambda: _Unlimited())
    session = make_session(items=3)
    items = [entry.item for entry in session.agenda]
    round_ = create_round(session, item_ids=[items[0].id], method="approve", open_now=True)
    participant, token = join(session, name="Ana Fuzz")
    twin, _ = join(session, name="Ana Fuzz", organisation="Otra")
    comment = discussion.add_comment(twin, "Primero", items[0].id)
    proposal = discussion.propose(twin, "policy_reform", "Ley", "")
    facilitator = make_staff("facilitator")
    clients = []

    def connect(auth):
        sio = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=client)
        assert sio.is_connected(NS)
        clients.append(sio)
        return sio

    roles = {"participant": connect({"token": token, "session_id": session.id}),
             "staff": connect({"token": issue_staff_token(facilitator), "session_id": session.id}),
             "projector": connect({"projector_key": session.projector_key, "session_id": session.id})}
    ids = {"round": round_.id, "item": items[0].id, "item2": items[1].id, "comment": comment.id,
           "proposal": proposal.id, "participant": participant.id, "twin": twin.id}
    yield roles, ids
    for sio in clients:
        if sio.is_connected(NS):
            sio.disconnect(NS)


def test_every_event_is_fuzzed():
    """EVENTS follows the namespace: a new event that nobody fuzzes fails here."""
    from workshop.live import events  # noqa: F401 - registers the handlers

    handlers = set(socketio.server.handlers[NS]) if socketio.server else {
        name for name, _handler, namespace in socketio.handlers if namespace == NS}
    assert handlers - {"connect", "disconnect"} == set(EVENTS)


#: Cases per event in `make test` (bench/fuzz.py runs thousands against a real server).
EXAMPLES = 15


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_no_payload_raises_or_changes_state_when_refused(stage, caplog, event):
    roles, ids = stage
    valid = fill(EVENTS[event], ids)

    known = {}  # the database's fingerprint, while no payload was accepted since it was taken

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(role=st.sampled_from(sorted(roles)), payload=payloads(event, valid))
    def check(role, payload):
        before = known.pop("rows", None) or fingerprint()
        with caplog.at_level(logging.INFO):
            reply = roles[role].emit(event, payload, namespace=NS, callback=True)
        errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
        assert not errors, (payload, [r.getMessage() for r in errors])
        assert well_formed(reply), (payload, reply)
        if not reply["ok"]:
            assert reply["error"]["code"] != "server_error"
            after = fingerprint()
            assert after == before, (role, payload, reply)
            known["rows"] = after

    check()


# --- Strict types: what used to slip through ---------------------------------------------------


def _ack(sio, event, data):
    return sio.emit(event, data, namespace=NS, callback=True)


@pytest.mark.parametrize("event, change", [
    ("reveal", {"revealed": "no"}), ("reveal", {"revealed": 0}), ("reveal", {"revealed": 1}),
    ("timer", {"seconds": 30.5}), ("timer", {"seconds": True}), ("close_round", {"round_id": 1.0}),
    ("close_round", {"round_id": 2**63}), ("open_round", {"quorum": 1.5}), ("open_round", {"cross_sector": "yes"}),
    ("open_round", {"threshold": "0.5"}), ("set_admission", {"required": "false"}),
    ("set_anonymous_comments", {"allowed": "false"}), ("set_anonymous_comments", {"allowed": 1}),
    ("moderate", {"hidden": "true"}), ("decide", {"reason": "a\x00b"}), ("set_item", {"item_id": -1}),
    ("projector_view", {"join": "true"}), ("projector_view", {"theme": "Dark"}),
])
def test_loose_values_are_refused(stage, event, change):
    roles, ids = stage
    valid = fill(EVENTS[event], ids)
    before = fingerprint()
    reply = _ack(roles["staff"], event, {**valid, **change})
    assert reply["ok"] is False and reply["error"]["code"] in ("invalid_payload", "unknown_round", "unknown_item")
    assert fingerprint() == before


@pytest.mark.parametrize("field, text", [("title", "Riego\x00"), ("title", "\u202eogeiR"), ("title", "a\nb"),
                                         ("description", "x\x1b[31m"), ("title", "\ud800")])
def test_control_characters_are_refused_in_proposals(stage, field, text):
    roles, _ids = stage
    before = fingerprint()
    reply = _ack(roles["participant"], "propose", {**EVENTS["propose"], field: text})
    assert reply["ok"] is False and reply["error"]["code"] == "invalid_payload" and field in reply["error"]["fields"]
    assert fingerprint() == before


def test_texts_are_trimmed_and_may_hold_newlines_where_long(stage):
    from workshop.sessions.models import Proposal

    roles, _ids = stage
    reply = _ack(roles["participant"], "propose", {"title": "  Riego  ", "description": "Uno\r\nDos\tTres"})
    assert reply["ok"], reply
    proposal = _db.session.get(Proposal, reply["proposal_id"])
    assert proposal.title == "Riego" and proposal.description == "Uno\nDos\tTres"


def test_reveal_takes_booleans(stage):
    from workshop.voting.models import Round

    roles, ids = stage
    assert _ack(roles["staff"], "reveal", {"round_id": ids["round"], "revealed": False})["ok"]
    assert _db.session.get(Round, ids["round"]).is_revealed is False
    assert _ack(roles["staff"], "reveal", {"round_id": ids["round"], "revealed": True})["ok"]
    _db.session.expire_all()
    assert _db.session.get(Round, ids["round"]).is_revealed is True
