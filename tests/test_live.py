"""Socket flows of /live with the Flask-SocketIO test client (no real transport)."""
from __future__ import annotations

import pytest

from workshop.extensions import socketio
from workshop.live import broadcast

NS = "/live"
#: These tests flush tallies themselves: on the shared app, a flusher thread started by an earlier
#: test could flush first.
pytestmark = pytest.mark.fresh_app


@pytest.fixture
def connect(app, client):
    """Factory: a Socket.IO test client on /live with the given auth."""
    clients = []

    def make(auth):
        sio = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=client)
        clients.append(sio)
        return sio

    yield make
    for sio in clients:
        if sio.is_connected(NS):
            sio.disconnect(NS)


@pytest.fixture
def room(make_session, make_staff, join, connect):
    """A live session with a facilitator console and a projector connected."""
    from workshop.accounts.auth import issue_staff_token

    session = make_session()
    facilitator = make_staff("facilitator")
    staff = connect({"token": issue_staff_token(facilitator), "session_id": session.id})
    screen = connect({"projector_key": session.projector_key, "session_id": session.id})

    def phone(sector="public", name=None):
        participant, token = join(session, sector=sector, name=name)
        return participant, connect({"token": token, "session_id": session.id})

    return session, staff, screen, phone


def events(sio, name):
    return [e["args"][0] for e in sio.get_received(NS) if e["name"] == name]


def ack(sio, event, data=None):
    return sio.emit(event, data if data is not None else {}, namespace=NS, callback=True)


def open_round(staff, session, method="approve", items=1, **extra):
    item_ids = [e.item_id for e in session.agenda][:items]
    reply = ack(staff, "open_round", {"item_ids": item_ids, "method": method, **extra})
    assert reply["ok"], reply
    return reply["round_id"], item_ids


def test_connect_sends_the_state_snapshot(room):
    session, staff, screen, phone = room
    participant, sio = phone("academic", name="Ana Quispe")
    state = events(sio, "state")[-1]
    assert state["audience"] == "participant"
    assert state["session"]["join_code"] == session.join_code
    assert state["me"]["name"] == "Ana Quispe" and state["me"]["sector"] == "academic"
    assert state["my_vote"] is None
    staff_state = events(staff, "state")[-1]
    assert staff_state["audience"] == "staff" and len(staff_state["agenda"]) == 4
    assert events(screen, "state")[-1]["audience"] == "projector"


@pytest.mark.parametrize("auth", [None, {}, {"session_id": 1}, {"token": "junk", "session_id": 1},
                                  {"token": "junk", "session_id": "1"}, {"projector_key": "nope", "session_id": 1},
                                  "a string"])
def test_bad_auth_is_refused_at_connect(app, client, make_session, auth):
    make_session()
    sio = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=client)
    assert not sio.is_connected(NS)


def test_participant_token_of_another_session_is_refused(app, client, make_session, join):
    first, second = make_session(), make_session()
    _, token = join(first)
    sio = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": second.id},
                               flask_test_client=client)
    assert not sio.is_connected(NS)


def test_vote_is_acked_counted_and_reaches_the_projector(room):
    session, staff, screen, phone = room
    round_id, _ = open_round(staff, session)
    opened = events(screen, "state")[-1]
    assert opened["round"]["id"] == round_id and opened["round"]["state"] == "open"
    _, sio = phone("private")
    reply = ack(sio, "vote", {"round_id": round_id, "value": "approve", "client_vote_id": "c1"})
    assert reply == {"ok": True, "round_id": round_id, "client_vote_id": "c1", "duplicate": False,
                     "replaced": False}
    screen.get_received(NS)
    assert broadcast.flush_tallies() == 1
    tally = events(screen, "tally")[-1]
    assert tally["tally"]["counts"]["approve"] == 1
    assert tally["tally"]["by_sector"]["private"] == {"suppressed": True}  # one voter: an anonymous round hides it
    assert tally["turnout"] == {"joined": 1, "voted": 1}


def test_repeated_client_vote_id_counts_once_and_last_vote_wins(room):
    from workshop.extensions import db
    from workshop.voting.models import Round
    from workshop.voting.services import current_tally

    session, staff, _screen, phone = room
    round_id, _ = open_round(staff, session, method="score")
    _, sio = phone()
    assert ack(sio, "vote", {"round_id": round_id, "value": 2, "client_vote_id": "a"})["duplicate"] is False
    again = ack(sio, "vote", {"round_id": round_id, "value": 2, "client_vote_id": "a"})
    assert again["ok"] and again["duplicate"] is True
    changed = ack(sio, "vote", {"round_id": round_id, "value": 5, "client_vote_id": "b"})
    assert changed["ok"] and changed["replaced"] is True
    late_resend = ack(sio, "vote", {"round_id": round_id, "value": 2, "client_vote_id": "a"})
    assert late_resend["duplicate"] is True  # an old resend never overwrites a newer vote
    db.session.expire_all()
    tally = current_tally(db.session.get(Round, round_id))
    assert tally["total"] == 1 and tally["counts"]["5"] == 1 and tally["counts"]["2"] == 0


def test_reconnect_gets_own_vote_in_state(room, join, connect):
    session, staff, _screen, _phone = room
    round_id, _ = open_round(staff, session)
    _participant, token = join(session)
    first = connect({"token": token, "session_id": session.id})
    ack(first, "vote", {"round_id": round_id, "value": "neutral", "client_vote_id": "x"})
    first.disconnect(NS)
    again = connect({"token": token, "session_id": session.id})
    state = events(again, "state")[-1]
    assert state["my_vote"] == {"round_id": round_id, "value": "neutral", "client_vote_id": "x"}
    assert state["round"]["state"] == "open"


@pytest.mark.parametrize("payload, code", [
    ({"round_id": 99999, "value": "approve", "client_vote_id": "q"}, "unknown_round"),
    ({"round_id": "1", "value": "approve", "client_vote_id": "q"}, "unknown_round"),
    ({"value": "approve", "client_vote_id": "q"}, "unknown_round"),
    ({"round_id": 1, "value": "approve"}, "invalid_client_vote_id"),
    ({"round_id": 1, "value": "approve", "client_vote_id": "x" * 65}, "invalid_client_vote_id"),
    ({"round_id": 1, "value": "maybe", "client_vote_id": "q"}, "invalid_value"),
    ({"round_id": 1, "value": {"$gt": 1}, "client_vote_id": "q"}, "invalid_value"),
])
def test_bad_votes_are_refused_and_change_nothing(room, payload, code):
    from sqlalchemy import func, select

    from workshop.extensions import db
    from workshop.voting.models import Vote

    session, staff, _screen, phone = room
    round_id, _ = open_round(staff, session)
    if payload.get("round_id") == 1:
        payload = {**payload, "round_id": round_id}
    _, sio = phone()
    reply = ack(sio, "vote", payload)
    assert reply["ok"] is False and reply["error"]["code"] == code and reply["error"]["message"]
    assert db.session.scalar(select(func.count(Vote.id))) == 0


@pytest.mark.parametrize("payload, code", [
    ("text", "invalid_payload"), (42, "invalid_payload"), (["list"], "invalid_payload"),
    (None, "invalid_client_vote_id"),  # no data at all reads as an empty object: the vote's id is missing
])
def test_non_object_payloads_are_refused(room, payload, code):
    _session, _staff, _screen, phone = room
    _, sio = phone()
    reply = sio.emit("vote", payload, namespace=NS, callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == code, reply


def test_closed_round_refuses_votes(room):
    session, staff, _screen, phone = room
    round_id, _ = open_round(staff, session)
    _, sio = phone()
    closed = ack(staff, "close_round", {"round_id": round_id})
    assert closed["ok"] and closed["outcome"] == "rejected"
    reply = ack(sio, "vote", {"round_id": round_id, "value": "approve", "client_vote_id": "late"})
    assert reply["ok"] is False and reply["error"]["code"] == "round_closed"


@pytest.mark.parametrize("event, data", [
    ("open_round", {"item_ids": [1], "method": "approve"}),
    ("close_round", {"round_id": 1}),
    ("reveal", {"round_id": 1, "revealed": True}),
    ("timer", {"round_id": 1, "seconds": 30}),
    ("set_item", {"item_id": 1}),
    ("moderate", {"comment_id": 1, "hidden": True}),
    ("handle_proposal", {"proposal_id": 1, "accept": True}),
    ("decide", {"item_id": 1, "outcome": "agreed"}),
    ("start_session", {}),
    ("end_session", {}),
])
def test_staff_events_are_refused_for_participants_projector_and_secretariat(room, connect, make_staff,
                                                                              event, data):
    from sqlalchemy import func, select

    from workshop.accounts.auth import issue_staff_token
    from workshop.eventlog import Event
    from workshop.extensions import db

    session, _staff, screen, phone = room
    secretariat = connect({"token": issue_staff_token(make_staff("secretariat")), "session_id": session.id})
    _, sio = phone()
    before = db.session.scalar(select(func.count(Event.id)))
    for client in (sio, screen, secretariat):
        reply = ack(client, event, data)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    assert db.session.scalar(select(func.count(Event.id))) == before


def test_phone_events_are_refused_for_staff(room):
    session, staff, _screen, _phone = room
    reply = ack(staff, "vote", {"round_id": 1, "value": "approve", "client_vote_id": "s"})
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"


def test_hidden_results_reach_phones_only_when_revealed(room):
    session, staff, screen, phone = room
    round_id, _ = open_round(staff, session, results="hidden")
    _, sio = phone()
    assert events(sio, "state")[-1]["results"] is None
    ack(sio, "vote", {"round_id": round_id, "value": "approve", "client_vote_id": "h"})
    sio.get_received(NS), screen.get_received(NS)
    broadcast.flush_tallies()
    assert events(sio, "tally") == []
    hidden = events(screen, "tally")[-1]
    assert hidden["hidden"] is True and "tally" not in hidden and hidden["turnout"]["voted"] == 1
    assert ack(staff, "reveal", {"round_id": round_id, "revealed": True})["ok"]
    assert events(sio, "state")[-1]["results"]["tally"]["total"] == 1
    assert events(screen, "state")[-1]["results"]["tally"]["counts"]["approve"] == 1


def test_every_method_end_to_end(room):
    session, staff, _screen, phone = room
    phones = [phone(sector) for sector in ("public", "private", "academic", "civil_society")]
    cases = [
        ("approve", 1, lambda ids: "approve", lambda t: t["counts"]["approve"] == 4),
        ("score", 1, lambda ids: 4, lambda t: t["mean"] == 4),
        ("impact_feasibility", 1, lambda ids: {"impact": 5, "feasibility": 3}, lambda t: t["impact_mean"] == 5),
        ("dots", 3, lambda ids: {str(ids[0]): 2, str(ids[1]): 1}, lambda t: t["dots"][str(t["_ids"][0])] == 8),
        ("ranking", 3, lambda ids: list(reversed(ids)), lambda t: t["borda"][str(t["_ids"][2])] == 8),
    ]
    for method, count, value, check in cases:
        round_id, ids = open_round(staff, session, method=method, items=count)
        for n, (_, sio) in enumerate(phones):
            reply = ack(sio, "vote", {"round_id": round_id, "value": value(ids), "client_vote_id": f"{method}{n}"})
            assert reply["ok"], (method, reply)
        closed = ack(staff, "close_round", {"round_id": round_id})
        assert closed["ok"]
        from workshop.extensions import db
        from workshop.voting.models import Round

        tally = dict(db.session.get(Round, round_id).final_tally, _ids=ids)
        assert tally["total"] == 4 and check(tally), (method, tally)
        assert sum(tally["by_sector"][s]["total"] for s in tally["by_sector"]) == 4


def test_comments_upvotes_and_moderation(room):
    session, staff, screen, phone = room
    _, author = phone(name="Autora")
    _, reader = phone(name="Lectora")
    hostile = '<img src=x onerror="alert(1)"> ¿Y el agua?'
    made = ack(author, "comment", {"body": hostile})
    assert made["ok"]
    wall = events(screen, "comment")
    assert wall[-1]["body"] == hostile and wall[-1]["author"] == "Autora"
    assert ack(author, "upvote", {"comment_id": made["comment_id"]})["error"]["code"] == "own_comment"
    up = ack(reader, "upvote", {"comment_id": made["comment_id"]})
    assert up["ok"] and up["upvotes"] == 1
    assert ack(reader, "upvote", {"comment_id": made["comment_id"]})["upvotes"] == 1  # once per person
    assert ack(staff, "moderate", {"comment_id": made["comment_id"], "hidden": True})["ok"]
    assert events(screen, "comment_removed")[-1] == {"id": made["comment_id"]}
    assert events(staff, "comment")[-1]["is_hidden"] is True
    assert ack(author, "comment", {"body": "x" * 501})["error"]["code"] == "too_long"
    assert ack(author, "comment", {"body": "   "})["error"]["code"] == "invalid_payload"


def test_comment_rate_limit(room):
    _session, _staff, _screen, phone = room
    _, sio = phone()
    replies = [ack(sio, "comment", {"body": f"comentario {n}"}) for n in range(8)]
    assert [r["ok"] for r in replies].count(True) == 6
    assert replies[-1]["error"]["code"] == "rate_limited"


def test_proposal_accepted_joins_the_agenda(room):
    session, staff, _screen, phone = room
    _, sio = phone()
    made = ack(sio, "propose", {"kind": "policy_reform", "title": "Ordenanza de compras públicas de quinua"})
    assert made["ok"]
    assert events(staff, "proposals")[-1][0]["title"] == "Ordenanza de compras públicas de quinua"
    accepted = ack(staff, "handle_proposal", {"proposal_id": made["proposal_id"], "accept": True})
    assert accepted["ok"] and accepted["item_id"]
    assert events(staff, "agenda")[-1][-1]["id"] == accepted["item_id"]
    again = ack(staff, "handle_proposal", {"proposal_id": made["proposal_id"], "accept": False})
    assert again["error"]["code"] == "proposal_handled"


def test_decision_override_needs_a_reason(room):
    session, staff, _screen, phone = room
    round_id, (item_id,) = open_round(staff, session, quorum=1)
    _, sio = phone()
    ack(sio, "vote", {"round_id": round_id, "value": "approve", "client_vote_id": "d"})
    assert ack(staff, "close_round", {"round_id": round_id})["outcome"] == "agreed"
    refused = ack(staff, "decide", {"item_id": item_id, "outcome": "rejected"})
    assert refused["error"]["code"] == "reason_required"
    assert ack(staff, "decide", {"item_id": item_id, "outcome": "agreed"})["ok"]
    entry = [a for a in events(staff, "state")[-1]["agenda"] if a["id"] == item_id][0]
    assert entry["decision"]["outcome"] == "agreed" and entry["computed_outcome"] == "agreed"


def test_merging_two_items_from_the_console(room):
    """The console's decision form merges an item into another of the agenda: the ack, the
    console's agenda and the projector's board name the item it went into; a merged item is not
    voted on again, and bringing it back needs a reason."""
    session, staff, screen, _phone = room
    first, second = [e.item_id for e in session.agenda][:2]
    assert ack(staff, "decide", {"item_id": first, "outcome": "merged", "into": second})["error"]["code"] == \
        "reason_required"
    assert ack(staff, "decide", {"item_id": first, "outcome": "merged", "reason": "Lo mismo"})["error"]["code"] == \
        "into_required"
    merged = ack(staff, "decide", {"item_id": first, "outcome": "merged", "into": second,
                                   "reason": "Dicen lo mismo"})
    assert merged["ok"] and merged["outcome"] == "merged"
    entry = [a for a in events(staff, "state")[-1]["agenda"] if a["id"] == first][0]
    assert entry["status"] == "merged"
    assert entry["decision"]["merged_into"]["id"] == second and entry["decision"]["reason"] == "Dicen lo mismo"
    board = events(screen, "state")[-1]["decisions"]
    assert [(d["item_id"], d["outcome"], d["merged_into"]["id"]) for d in board] == [(first, "merged", second)]
    again = ack(staff, "open_round", {"item_ids": [first], "method": "approve"})
    assert again["error"]["code"] == "item_merged"
    assert ack(staff, "decide", {"item_id": first, "outcome": "deferred"})["error"]["code"] == "reason_required"
    assert ack(staff, "decide", {"item_id": first, "outcome": "deferred", "reason": "No eran lo mismo"})["ok"]
    entry = [a for a in events(staff, "state")[-1]["agenda"] if a["id"] == first][0]
    assert entry["status"] == "deferred" and [d["outcome"] for d in entry["decisions"]] == ["merged", "deferred"]


def test_second_round_on_the_same_item(room):
    session, staff, _screen, _phone = room
    first, (item_id,) = open_round(staff, session)
    assert ack(staff, "open_round", {"item_ids": [item_id], "method": "approve"})["error"]["code"] == \
        "round_already_open"
    ack(staff, "close_round", {"round_id": first})
    second, _ = open_round(staff, session)
    assert second != first


def test_every_change_goes_to_the_event_log(room):
    from sqlalchemy import select

    from workshop.eventlog import Event
    from workshop.extensions import db

    session, staff, _screen, phone = room
    round_id, (item_id,) = open_round(staff, session)
    _, sio = phone()
    ack(sio, "vote", {"round_id": round_id, "value": "approve", "client_vote_id": "e1"})
    ack(sio, "comment", {"body": "Bien"})
    ack(staff, "close_round", {"round_id": round_id})
    ack(staff, "decide", {"item_id": item_id, "outcome": "rejected", "reason": "Presupuesto"})
    kinds = list(db.session.scalars(select(Event.kind).where(Event.session_id == session.id).order_by(Event.id)))
    for kind in ("session_started", "round_created", "round_opened", "joined", "vote_counted", "comment",
                 "round_closed", "decision"):
        assert kind in kinds, kind


def test_a_closed_round_leaves_the_screens_when_the_facilitator_moves_on(room):
    session, staff, screen, _phone = room
    round_id, (item_id,) = open_round(staff, session)
    ack(staff, "close_round", {"round_id": round_id})
    assert events(screen, "state")[-1]["round"]["id"] == round_id  # still on screen with its item
    other = [e.item_id for e in session.agenda][1]
    assert ack(staff, "set_item", {"item_id": other})["ok"]
    moved = events(screen, "state")[-1]
    assert moved["item"]["id"] == other and moved["round"] is None and moved["results"] is None
    assert ack(staff, "set_item", {"item_id": item_id})["ok"]
    assert events(screen, "state")[-1]["round"]["id"] == round_id
