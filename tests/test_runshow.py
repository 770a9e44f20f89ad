"""The run-of-show: planned rounds per agenda item, the programme's defaults by phase, the one next
step that moves a session along, and who is connected now (presence)."""
from __future__ import annotations

import pytest

from workshop.extensions import socketio

NS = "/live"
pytestmark = pytest.mark.fresh_app


def plan_of(client, headers, session, item_id):
    r = client.get(f"/api/v1/sessions/{session.id}/agenda", headers=headers)
    assert r.status_code == 200, r.json
    return next(p["plan"] for p in r.json if p["item_id"] == item_id)


def test_defaults_by_phase_and_a_quorum_that_is_never_zero(client, make_session, token_for, join):
    session = make_session(items=3)
    headers = token_for("facilitator")
    first = session.agenda[0].item_id
    plan = plan_of(client, headers, session, first)
    # phase 3: impact × feasibility, cross-sector, hidden results; the quorum a share of those present
    assert plan["method"] == "impact_feasibility" and plan["cross_sector"] is True and plan["results"] == "hidden"
    assert plan["quorum"] is None and plan["quorum_share"] == 0.5
    assert plan["quorum_now"] == 1  # nobody has joined yet: still one vote, never "quorum 0"
    for _ in range(5):
        join(session)
    assert plan_of(client, headers, session, first)["quorum_now"] == 3  # half of 5, rounded up
    assert plan["minutes"] == 12 and plan["own"] == []


def test_the_programme_changes_a_phase_default_and_a_null_gives_it_back(client, make_session, token_for):
    session = make_session(items=2)
    programme_id = session.initiative.programme_id
    headers = token_for("facilitator")
    r = client.patch(f"/api/v1/programmes/{programme_id}/round-defaults", headers=headers,
                     json={"phases": {"3": {"method": "score", "minutes": 7, "quorum_share": 0.75}}})
    assert r.status_code == 200, r.json
    assert r.json["phases"]["3"]["method"] == "score" and r.json["phases"]["1"]["method"] == "approve"
    assert r.json["own"] == {"3": {"method": "score", "minutes": 7, "quorum_share": 0.75}}
    plan = plan_of(client, headers, session, session.agenda[0].item_id)
    assert plan["method"] == "score" and plan["minutes"] == 7
    r = client.patch(f"/api/v1/programmes/{programme_id}/round-defaults", headers=headers,
                     json={"phases": {"3": {"method": None}}})
    assert r.json["phases"]["3"]["method"] == "impact_feasibility" and r.json["own"]["3"] == {
        "minutes": 7, "quorum_share": 0.75}
    assert client.get(f"/api/v1/programmes/{programme_id}/round-defaults", headers=headers).json == r.json


@pytest.mark.parametrize("body, code", [
    ({"phases": {"3": {"method": "dots"}}}, "validation_error"),  # one item is not voted with dots
    ({"phases": {"3": {"quorum_share": 0}}}, "validation_error"),
    ({"phases": {"x": {"minutes": 3}}}, "validation_error"),
    ({"phases": {}}, "validation_error"),
])
def test_bad_defaults_are_refused_and_change_nothing(client, make_session, token_for, body, code):
    session = make_session(items=1)
    programme_id = session.initiative.programme_id
    headers = token_for("facilitator")
    r = client.patch(f"/api/v1/programmes/{programme_id}/round-defaults", headers=headers, json=body)
    assert r.status_code == 400 and r.json["error"]["code"] == code
    assert client.get(f"/api/v1/programmes/{programme_id}/round-defaults", headers=headers).json["own"] == {}


def test_secretariat_reads_the_plan_but_cannot_change_it(client, make_session, token_for):
    session = make_session(items=1)
    item_id = session.agenda[0].item_id
    secretariat = token_for("secretariat")
    assert client.get(f"/api/v1/sessions/{session.id}/agenda", headers=secretariat).status_code == 200
    r = client.patch(f"/api/v1/sessions/{session.id}/agenda/{item_id}", headers=secretariat, json={"minutes": 3})
    assert r.status_code == 403
    r = client.patch(f"/api/v1/programmes/{session.initiative.programme_id}/round-defaults", headers=secretariat,
                     json={"phases": {"1": {"minutes": 3}}})
    assert r.status_code == 403


def test_plan_an_item_and_a_vote_group(client, make_session, token_for):
    session = make_session(items=4)
    headers = token_for("facilitator")
    ids = [e.item_id for e in session.agenda]
    base = f"/api/v1/sessions/{session.id}/agenda"
    r = client.patch(f"{base}/{ids[0]}", headers=headers, json={
        "method": "approve", "quorum": 4, "threshold": 0.75, "cross_sector": False, "anonymous": False,
        "results": "live", "seconds": 45, "minutes": 5})
    assert r.status_code == 200, r.json
    plan = r.json["plan"]
    assert (plan["method"], plan["quorum_now"], plan["threshold"], plan["anonymous"], plan["seconds"],
            plan["minutes"]) == ("approve", 4, 0.75, False, 45, 5)
    assert "quorum" in plan["own"] and "minutes" in plan["own"]
    # dots on one item alone: refused, nothing changed
    r = client.patch(f"{base}/{ids[1]}", headers=headers, json={"method": "dots"})
    assert r.status_code == 400 and r.json["error"]["code"] == "invalid_plan"
    assert plan_of(client, headers, session, ids[1])["method"] == "impact_feasibility"
    # items 2–4 in one group: one dots round over the three, planned on the first
    for item_id in ids[1:]:
        assert client.patch(f"{base}/{item_id}", headers=headers, json={"vote_group": 1}).status_code == 200
    r = client.patch(f"{base}/{ids[1]}", headers=headers, json={"method": "dots", "dots": 4})
    assert r.status_code == 200, r.json
    group_plan = plan_of(client, headers, session, ids[3])
    assert group_plan["method"] == "dots" and group_plan["item_ids"] == ids[1:] and group_plan["dots"] == 4
    # back to the default
    r = client.patch(f"{base}/{ids[0]}", headers=headers, json={"method": None, "quorum": None})
    assert r.json["plan"]["method"] == "impact_feasibility" and r.json["plan"]["quorum"] is None
    # bad input
    for body in ({"threshold": 1.5}, {"minutes": -1}, {"method": "vote"}, {"quorum": "3"}, {"seconds": True}):
        r = client.patch(f"{base}/{ids[0]}", headers=headers, json=body)
        assert r.status_code == 400 and r.json["error"]["code"] == "validation_error", body
    assert client.patch(f"{base}/999999", headers=headers, json={"minutes": 3}).status_code == 404


@pytest.fixture
def console(app, client, make_staff):
    from workshop.accounts.auth import issue_staff_token

    made = []

    def connect(session, auth=None):
        auth = auth or {"token": issue_staff_token(make_staff("facilitator")), "session_id": session.id}
        sio = socketio.test_client(app, namespace=NS, auth=auth, flask_test_client=client)
        made.append(sio)
        return sio

    yield connect
    for sio in made:
        if sio.is_connected(NS):
            sio.disconnect(NS)


def last_state(sio):
    states = [e["args"][0] for e in sio.get_received(NS) if e["name"] == "state"]
    return states[-1] if states else None


def test_the_one_key_runs_an_agenda_with_a_vote_group_to_the_end(app, client, console, make_session, join,
                                                                token_for):
    from workshop.extensions import db
    from workshop.voting import services as voting
    from workshop.voting.models import Decision, Round

    session = make_session(status="scheduled", items=4)
    ids = [e.item_id for e in session.agenda]
    headers = token_for("facilitator")
    for item_id in ids[2:]:
        client.patch(f"/api/v1/sessions/{session.id}/agenda/{item_id}", headers=headers, json={"vote_group": 2})
    client.patch(f"/api/v1/sessions/{session.id}/agenda/{ids[0]}", headers=headers,
                 json={"method": "approve", "seconds": 0})
    staff = console(session)
    state = last_state(staff)
    assert state["run_of_show"]["step"]["action"] == "start"

    def press(expected):
        reply = staff.emit("advance", {"step": expected}, namespace=NS, callback=True)
        assert reply["ok"], reply
        return reply["step"]

    def decide(item_id, outcome="agreed", reason=""):
        reply = staff.emit("decide", {"item_id": item_id, "outcome": outcome, "reason": reason}, namespace=NS,
                           callback=True)
        assert reply["ok"], reply

    def step():
        from workshop.extensions import db
        from workshop.sessions.models import Session
        from workshop.voting import runshow

        db.session.expire_all()
        return runshow.next_step(db.session.get(Session, session.id))

    press("start")
    participant, _token = join(session)
    assert step() == {"action": "discuss", "item_ids": [ids[0]]}
    press("discuss")
    # a pressed key that no longer matches the step is refused and does nothing
    reply = staff.emit("advance", {"step": "close"}, namespace=NS, callback=True)
    assert not reply["ok"] and reply["error"]["code"] == "step_changed"
    opened = press("open")
    round_ = db.session.get(Round, opened["round_id"])
    assert (round_.method, round_.quorum, round_.timer_ends_at) == ("approve", 1, None)
    voting.cast_vote(voting.Voter(participant.id, session.id, "public"), round_.id, "approve", "v1")
    assert step()["action"] == "close"
    press("close")
    assert step() == {"action": "decide", "item_ids": [ids[0]], "round_id": round_.id}
    # the state the console gets carries the step, the plan and what comes next
    state = last_state(staff)
    assert state["run_of_show"]["step"]["action"] == "decide"
    assert state["run_of_show"]["next_item_id"] == ids[1]
    decide(ids[0])
    assert step() == {"action": "next", "item_ids": [ids[1]]}
    press("next")
    press("open")  # the default of phase 3: impact × feasibility, a 90 s countdown
    press("close")
    decide(ids[1], "deferred", "Falta el presupuesto")
    assert step() == {"action": "next", "item_ids": [ids[2]]}
    press("next")
    # a vote group: discuss each item, then one dots round over the group
    assert step() == {"action": "discuss", "item_ids": [ids[3]]}
    press("discuss")
    opened = press("open")
    group_round = db.session.get(Round, opened["round_id"])
    assert group_round.method == "dots" and group_round.item_ids == ids[2:]
    press("close")
    assert step()["action"] == "decide" and step()["item_ids"] == [ids[2]]
    decide(ids[2], "rejected", "Sin votos")
    assert step()["item_ids"] == [ids[3]]
    decide(ids[3], "rejected", "Sin votos")
    assert step() == {"action": "end", "item_ids": []}
    press("end")
    assert step()["action"] == "none"
    assert db.session.query(Decision).filter_by(session_id=session.id).count() == 4


def test_presence_follows_the_phones_sockets(app, client, console, make_session, join):
    session = make_session(items=1)
    staff = console(session)
    participant, token = join(session)
    staff.get_received(NS)
    phone = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                                 flask_test_client=client)
    heard = [e["args"][0] for e in staff.get_received(NS) if e["name"] == "presence"]
    assert {"participant_id": participant.id, "online": True} in heard
    second = console(session)
    people = last_state(second)["participants"]
    assert [p["online"] for p in people if p["id"] == participant.id] == [True]
    phone.disconnect(NS)
    heard = [e["args"][0] for e in staff.get_received(NS) if e["name"] == "presence"]
    assert heard == [{"participant_id": participant.id, "online": False}]
    third = console(session)
    assert [p["online"] for p in last_state(third)["participants"] if p["id"] == participant.id] == [False]


def test_a_phone_that_joins_over_its_socket_is_present(app, client, console, make_session):
    """The phone's join form opens its socket before joining (issue 10's slow-3G join): joining over
    it counts the person as connected, as a connect with a token does."""
    session = make_session(items=1)
    staff = console(session)
    staff.get_received(NS)
    phone = socketio.test_client(app, namespace=NS, auth={"session_id": session.id, "view": "join"},
                                 flask_test_client=client)
    ack = phone.emit("join", {"code": session.join_code, "name": "Rosa Mamani", "organisation": "Cooperativa",
                              "sector": "private"}, namespace=NS, callback=True)
    assert ack["ok"], ack
    heard = [e["args"][0] for e in staff.get_received(NS) if e["name"] == "presence"]
    assert heard == [{"participant_id": ack["participant_id"], "online": True}]
    phone.disconnect(NS)
    heard = [e["args"][0] for e in staff.get_received(NS) if e["name"] == "presence"]
    assert heard == [{"participant_id": ack["participant_id"], "online": False}]


def test_projector_mode_reaches_the_projector_snapshot(app, client, console, make_session):
    session = make_session(items=2)
    staff = console(session)
    screen = console(session, {"projector_key": session.projector_key, "session_id": session.id})
    assert last_state(screen)["run_of_show"]["projector_mode"] == "auto"
    reply = staff.emit("projector_mode", {"mode": "join"}, namespace=NS, callback=True)
    assert reply["ok"], reply
    shown = last_state(screen)["run_of_show"]
    assert shown["projector_mode"] == "join" and shown["items"][0]["plan"]["method"] == "impact_feasibility"
    bad = staff.emit("projector_mode", {"mode": "disco"}, namespace=NS, callback=True)
    assert not bad["ok"] and bad["error"]["code"] == "invalid_mode"


def test_the_session_page_plans_each_item_and_the_phase_defaults(make_session, logged_in, make_staff):
    from workshop.extensions import db
    from workshop.programmes.models import Programme

    session = make_session(status="scheduled", items=2)
    browser = logged_in("admin")
    first = session.agenda[0].item_id
    page = browser.get(f"/sessions/{session.id}")
    html = page.get_data(as_text=True).replace("\xa0", " ")
    assert page.status_code == 200
    assert f'id="plan-{first}"' in html and "Impacto × factibilidad" in html
    assert "quórum 50 % de presentes" in html and "12 minutos" in html and "cuenta atrás 90 s" in html
    assert "24 minutos" in html  # the planned time of the two items  # decimal comma, plurals, no "quórum de 0"
    token = html.split('name="csrf_token" value="')[1].split('"')[0]
    r = browser.post(f"/sessions/{session.id}/agenda/{first}/plan", data={
        "csrf_token": token, "method": "approve", "quorum": "3", "threshold": "66,7", "cross_sector": "no",
        "anonymous": "", "results": "live", "dots": "", "seconds": "45", "minutes": "5", "vote_group": ""})
    assert r.status_code == 302
    entry = session.agenda[0]
    db.session.refresh(entry)
    assert (entry.plan_method, entry.plan_quorum, round(entry.plan_threshold, 3), entry.plan_cross_sector,
            entry.plan_anonymous, entry.plan_seconds, entry.plan_minutes) == ("approve", 3, 0.667, False, None, 45, 5)
    html = browser.get(f"/sessions/{session.id}").get_data(as_text=True).replace("\xa0", " ")
    assert "quórum 3 votos" in html and "umbral 67 %" in html and "5 minutos" in html
    # a bad value is refused next to nothing changed
    r = browser.post(f"/sessions/{session.id}/agenda/{first}/plan", data={"csrf_token": token, "minutes": "<b>"})
    db.session.refresh(entry)
    assert r.status_code == 302 and entry.plan_minutes == 5
    # the phase's defaults, from the same page
    r = browser.post(f"/programmes/{session.initiative.programme_id}/round-defaults/3", data={
        "csrf_token": token, "method": "score", "group_method": "ranking", "quorum_share": "60", "threshold": "50",
        "cross_sector": "no", "anonymous": "yes", "results": "live", "seconds": "30", "minutes": "7",
        "next": f"/sessions/{session.id}#defaults"})
    assert r.status_code == 302 and r.headers["Location"].endswith(f"/sessions/{session.id}#defaults")
    programme = db.session.get(Programme, session.initiative.programme_id)
    assert programme.round_defaults["3"]["method"] == "score" and programme.round_defaults["3"]["quorum_share"] == 0.6
    html = browser.get(f"/sessions/{session.id}").get_data(as_text=True)
    assert "Puntaje de prioridad" in html or "prioridad" in html


def test_presence_across_processes_through_redis_and_a_dead_process_stops_counting():
    """Two processes (two Presence objects) on one Redis: each sees the other's phones; when one
    dies without a goodbye (its alive key expires), its phones stop counting."""
    import secrets

    import redis

    from workshop.live.presence import Presence

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"mesa-test-runshow-{secrets.token_hex(4)}"
    first, second = Presence(url, prefix), Presence(url, prefix)
    try:
        assert first.change(7, 1, +1) is True
        assert first.change(7, 1, +1) is False  # a second tab of the same phone: no news
        assert second.change(7, 2, +1) is True
        assert first.online(7) == second.online(7) == {1, 2}
        assert second.change(7, 2, -1) is True
        assert first.online(7) == {1}
        second.change(7, 3, +1)
        first.redis.delete(first._alive_key(second.process))  # the second process died
        assert first.online(7) == {1}
    finally:
        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
