"""What the projector's snapshot carries for its stages (workshop/live/state.py `projector_extras`,
`item_view`) and the console's `projector_view` event, with the Flask-SocketIO test client."""
from __future__ import annotations

import pytest

from workshop.extensions import db, socketio

NS = "/live"
pytestmark = pytest.mark.fresh_app


def last(sio, name):
    found = [e["args"][0] for e in sio.get_received(NS) if e["name"] == name]
    return found[-1] if found else None


@pytest.fixture
def room(app, client, make_session, make_staff, join):
    from workshop.accounts.auth import issue_staff_token

    session = make_session()
    clients = []

    def connect(auth):
        sio = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=client)
        clients.append(sio)
        return sio

    staff = connect({"token": issue_staff_token(make_staff("facilitator")), "session_id": session.id})
    screen = connect({"projector_key": session.projector_key, "session_id": session.id})
    yield session, staff, screen, connect, join
    for sio in clients:
        if sio.is_connected(NS):
            sio.disconnect(NS)


def test_the_projector_snapshot_has_the_board_the_next_items_and_the_room_by_sector(room):
    session, staff, screen, _connect, join = room
    items = [entry.item for entry in session.agenda]
    items[0].lead_institution, items[0].budget_pen, items[0].partners = "Gobierno Regional", 1250000, "SENASA"
    db.session.commit()
    for sector in ("public", "public", "academic"):
        join(session, sector=sector)
    state = last(screen, "turnout")
    assert state["by_sector"] == {"public": 2, "private": 0, "academic": 1, "civil_society": 0}

    screen.get_received(NS)
    assert staff.emit("set_item", {"item_id": items[0].id}, namespace=NS, callback=True)["ok"]
    state = last(screen, "state")
    assert state["item"]["lead_institution"] == "Gobierno Regional" and state["item"]["budget_pen"] == 1250000
    assert state["item"]["partners"] == "SENASA" and "indicator" in state["item"] and "horizon" in state["item"]
    assert state["decisions"] == [] and state["agenda_total"] == len(items)
    assert [i["id"] for i in state["upcoming"]] == [i.id for i in items[1:4]]  # after the one under discussion
    assert state["joined_by_sector"]["public"] == 2

    reply = staff.emit("decide", {"item_id": items[0].id, "outcome": "agreed", "reason": "Prioridad"},
                       namespace=NS, callback=True)
    assert reply["ok"], reply
    assert staff.emit("set_item", {"item_id": None}, namespace=NS, callback=True)["ok"]
    state = last(screen, "state")
    board = [(d["item_id"], d["outcome"], d["reason"]) for d in state["decisions"]]
    assert board == [(items[0].id, "agreed", "Prioridad")]
    assert [i["id"] for i in state["upcoming"]] == [i.id for i in items[1:4]]  # decided items are not next
    staff_state = last(staff, "state")
    assert "upcoming" not in staff_state and "joined_by_sector" not in staff_state  # the console has its own

    # the agenda changes: the projector's "what comes next" follows at once
    from workshop.signals import agenda_changed

    screen.get_received(NS)
    items[1].title = "Nuevo primero"
    db.session.commit()
    agenda_changed.send(session.id)
    assert last(screen, "state")["upcoming"][0]["title"] == "Nuevo primero"


def test_the_console_sends_the_projector_its_join_screen_and_theme(room):
    session, staff, screen, connect, join = room
    screen.get_received(NS)
    reply = staff.emit("projector_view", {"join": True, "theme": "dark"}, namespace=NS, callback=True)
    assert reply == {"ok": True, "view": {"join": True, "theme": "dark"}}
    assert last(screen, "projector_view") == {"join": True, "theme": "dark"}
    reply = staff.emit("projector_view", {"join": False}, namespace=NS, callback=True)
    assert last(screen, "projector_view") == {"join": False}
    for bad in ({}, {"theme": "blue"}, {"join": "yes"}, {"join": None, "theme": None}):
        screen.get_received(NS)
        reply = staff.emit("projector_view", bad, namespace=NS, callback=True)
        assert reply["ok"] is False and reply["error"]["code"], (bad, reply)
        assert last(screen, "projector_view") is None, bad  # refused: nothing relayed
    _participant, token = join(session)
    phone = connect({"token": token, "session_id": session.id})
    for sio in (phone, screen):
        reply = sio.emit("projector_view", {"join": True}, namespace=NS, callback=True)
        assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
