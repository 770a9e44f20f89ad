"""The record a programme hands to ministries: identity, anonymity, decisions, timers, codes and
races — on SQLite and PostgreSQL."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select

from helpers import make_config, postgres_database
from workshop import create_app
from workshop.extensions import db, socketio
from workshop.refusals import Conflict, Refusal

# --- Identity --------------------------------------------------------------------------------


def test_typing_someones_name_never_makes_you_that_person(app, make_session, client):
    session = make_session()
    first = client.post("/api/v1/join", json={"code": session.join_code, "name": "Ana Quispe",
                                              "organisation": "Cooperativa Agraria", "sector": "civil_society"})
    assert first.status_code == 200
    body = first.get_json()
    again = client.post("/api/v1/join", json={"code": session.join_code, "name": "  ana QUISPE ",
                                              "organisation": "cooperativa agraria", "sector": "public"})
    assert again.status_code == 409
    assert again.get_json()["error"]["code"] == "identity_taken"
    assert body["participant_token"] not in again.get_data(as_text=True)
    # The real person's phone still works: a reload is the same voter.
    reload = client.post("/api/v1/join", json={"code": session.join_code,
                                               "participant_token": body["participant_token"]})
    assert reload.get_json()["participant_id"] == body["participant_id"]
    # With the personal code from the first phone, the person continues on a new phone.
    moved = client.post("/api/v1/join", json={"code": session.join_code, "name": "Ana Quispe",
                                              "organisation": "Cooperativa Agraria", "sector": "civil_society",
                                              "personal_code": body["personal_code"].lower()})
    assert moved.status_code == 200 and moved.get_json()["participant_id"] == body["participant_id"]


def test_a_wrong_personal_code_is_refused(app, make_session, join):
    from workshop.sessions import services

    session = make_session()
    participant, _ = join(session, name="Luis Mamani", organisation="UNSCH")
    with pytest.raises(Conflict) as refused:
        services.join(session.join_code, name="Luis Mamani", organisation="UNSCH", sector="academic",
                      personal_code="WRONG1")
    assert refused.value.code == "identity_taken"


def test_joins_are_limited_per_address(app, make_session, client):
    app.config["JOIN_LIMIT_PER_ADDRESS"] = (3, 60)
    session = make_session()
    answers = [client.post("/api/v1/join", json={"code": session.join_code, "name": f"Bot {n}",
                                                 "organisation": "X", "sector": "public"}) for n in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "Retry-After" not in answers[0].headers
    assert 1 <= int(answers[3].headers["Retry-After"]) <= 60  # the phone knows when to try again
    assert answers[3].get_json()["error"]["code"] == "rate_limited"


def test_join_codes_are_not_in_anonymous_answers(app, make_session, client, token_for):
    session = make_session()
    assert session.join_code not in client.get("/api/v1/programmes").get_data(as_text=True)
    staff = client.get("/api/v1/programmes", headers=token_for("secretariat")).get_data(as_text=True)
    assert session.join_code in staff


# --- Decisions as history ---------------------------------------------------------------------


def test_every_decision_is_kept_oldest_first(app, make_session, client, token_for):
    session = make_session()
    item = session.agenda[0].item
    headers = token_for("admin")
    first = client.post(f"/api/v1/items/{item.id}/decision", headers=headers,
                        json={"session_id": session.id, "outcome": "deferred", "reason": "Falta información"})
    assert first.status_code == 200, first.get_json()
    second = client.post(f"/api/v1/items/{item.id}/decision", headers=headers,
                         json={"session_id": session.id, "outcome": "agreed", "reason": "Tras el debate"})
    assert second.status_code == 200
    listed = client.get(f"/api/v1/items/{item.id}/decisions", headers=headers).get_json()
    assert [d["outcome"] for d in listed] == ["deferred", "agreed"]
    assert [d["reason"] for d in listed] == ["Falta información", "Tras el debate"]
    assert all(d["decided_by"] and d["decided_at"] and d["session_id"] == session.id for d in listed)
    items = client.get(f"/api/v1/initiatives/{session.initiative_id}/items", headers=headers).get_json()
    assert {i["id"]: i["status"] for i in items}[item.id] == "agreed"
    history = client.get(f"/api/v1/items/{item.id}/history", headers=headers).get_json()
    assert [d["outcome"] for d in history["decisions"]] == ["deferred", "agreed"]
    assert [s["id"] for s in history["sessions"]] == [session.id]


def test_a_multi_item_round_never_overwrites_an_items_own_result(app, make_session, join):
    from workshop.voting import services as voting

    session = make_session(items=3)
    a, b, _c = [e.item_id for e in session.agenda]
    people = [join(session)[0] for _ in range(3)]
    own = voting.create_round(session, item_ids=[a], method="approve", threshold=0.5, open_now=True)
    for n, person in enumerate(people):
        voting.cast_vote(person, own.id, "approve", f"own-{n}")
    voting.close_round(own)
    dots = voting.create_round(session, item_ids=[a, b], method="dots", dots=2, threshold=0.9, open_now=True)
    for n, person in enumerate(people):
        voting.cast_vote(person, dots.id, {str(b): 2}, f"dots-{n}")
    voting.close_round(dots)
    assert voting.item_result(dots, a) != "agreed"  # the dots round alone would not agree item a
    round_, computed = voting.computed_outcome(session.id, a)
    assert (round_.id, computed) == (own.id, "agreed")


def test_client_vote_ids_are_per_round(app, make_session, join):
    from workshop.voting import services as voting
    from workshop.voting.models import Vote

    session = make_session(items=2)
    person, _ = join(session)
    first = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve", open_now=True)
    assert voting.cast_vote(person, first.id, "approve", "same-id")["duplicate"] is False
    voting.close_round(first)
    second = voting.create_round(session, item_ids=[session.agenda[1].item_id], method="approve", open_now=True)
    ack = voting.cast_vote(person, second.id, "reject", "same-id")
    assert ack["duplicate"] is False
    assert db.session.scalar(select(Vote.value).where(Vote.round_id == second.id)) == "reject"


def test_a_refused_open_leaves_no_draft_behind(app, make_session):
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    session = make_session(items=2)
    voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve", open_now=True)
    before = db.session.scalar(select(func.count(Round.id)))
    with pytest.raises(Conflict):
        voting.create_round(session, item_ids=[session.agenda[1].item_id], method="approve", open_now=True)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Round.id))) == before


# --- The timer closes voting ------------------------------------------------------------------


def test_the_countdown_closes_the_round_and_refuses_later_votes(app, make_session, join):
    from workshop.util import utcnow
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    session = make_session()
    person, _ = join(session)
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve",
                                 open_now=True, seconds=30)
    assert voting.cast_vote(person, round_.id, "approve", "before")["ok"]
    # Time passes (the deadline is in the database, as after a restart): the vote is refused…
    db.session.execute(Round.__table__.update().where(Round.id == round_.id)
                       .values(timer_ends_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        voting.cast_vote(person, round_.id, "reject", "after")
    assert refused.value.code == "time_up"
    # …and the clock closes the round with the vote that came in time.
    assert voting.close_due_rounds() == [round_.id]
    db.session.refresh(round_)
    assert round_.state == "closed" and round_.final_tally["counts"]["approve"] == 1
    assert voting.close_due_rounds() == []


# --- Anonymity --------------------------------------------------------------------------------


def test_small_sectors_of_an_anonymous_round_are_suppressed_in_the_api(app, make_session, join, client, token_for):
    from workshop.voting import services as voting

    session = make_session()
    voters = [join(session, sector="public")[0] for _ in range(4)] + [join(session, sector="civil_society")[0]]
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve",
                                 anonymous=True, cross_sector=True, threshold=0.6, open_now=True)
    for n, person in enumerate(voters):
        voting.cast_vote(person, round_.id, "reject" if person.sector == "civil_society" else "approve", f"v{n}")
    voting.close_round(round_)
    body = client.get(f"/api/v1/rounds/{round_.id}", headers=token_for("secretariat")).get_json()
    by_sector = body["tally"]["by_sector"]
    assert by_sector["civil_society"] == {"suppressed": True}
    # Only one small sector: the next smallest is withheld too, or the total would give it away.
    assert by_sector["public"] == {"suppressed": True}
    assert body["tally"]["total"] == 5
    assert "civil" not in (body["explanation"] or "").lower() and "0 %" not in (body["explanation"] or "")


def test_named_rounds_show_every_sector(app, make_session, join, client, token_for):
    from workshop.voting import services as voting

    session = make_session()
    person = join(session, sector="academic")[0]
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve",
                                 anonymous=False, open_now=True)
    voting.cast_vote(person, round_.id, "approve", "v")
    body = client.get(f"/api/v1/rounds/{round_.id}", headers=token_for("admin")).get_json()
    assert body["tally"]["by_sector"]["academic"]["counts"]["approve"] == 1


# --- Stable codes -----------------------------------------------------------------------------


def test_items_get_stable_codes_never_reused(app, make_programme, client, token_for):
    from workshop.programmes import services

    _programme, initiative = make_programme(items=4)
    codes = {i.id: i.code for i in initiative.items}
    assert sorted(codes.values()) == ["LA-1", "LA-2", "RP-1", "RP-2"]
    archived = initiative.items[-1]
    assert archived.code == "RP-2"
    services.set_archived(archived, True)
    new = services.create_item(initiative, {"kind": "policy_reform", "title": "Nueva reforma"})
    assert new.code == "RP-3"  # RP-2 is archived, never given again
    listed = client.get(f"/api/v1/initiatives/{initiative.id}/items", headers=token_for("admin")).get_json()
    shown = {i["id"]: i["code"] for i in listed}
    assert shown[new.id] == "RP-3"
    assert all(shown[k] == v for k, v in codes.items() if k in shown)


# --- Races on both databases --------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def racing_app(request, tmp_path):
    """An app on a real file database (SQLite) or a throw-away PostgreSQL database."""
    def build(url):
        app = create_app(make_config(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 20, "max_overflow": 20}
                                     if url.startswith("postgresql") else {}))
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
        return app

    if request.param == "sqlite":
        yield build(f"sqlite:///{tmp_path / 'race.sqlite'}")
    else:
        with postgres_database() as url:
            app = build(url)
            yield app
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def _setup_room(app, people: int):
    from workshop.programmes import services as programmes
    from workshop.sessions import services as sessions

    with app.app_context():
        programme = programmes.create_programme({"name": "Carrera", "institution": "X"})
        initiative = programmes.create_initiative(programme, {"name": "Café — Junín"})
        items = [programmes.create_item(initiative, {"kind": "action_line", "title": f"Ítem {n}"}) for n in range(2)]
        session = sessions.create_session(initiative, phase_number=1, title="S", status="scheduled",
                                          item_ids=[i.id for i in items])
        sessions.transition(session, "live")
        app.config["JOIN_LIMIT_PER_ADDRESS"] = (10_000, 60)
        voters = []
        for n in range(people):
            participant, _token, _ = sessions.join(session.join_code, name=f"P{n}", organisation="O",
                                                   sector=("public", "private", "academic", "civil_society")[n % 4])
            voters.append((participant.id, participant.session_id, participant.sector))
        return session.id, [i.id for i in items], voters


def test_two_consoles_merging_a_pair_both_ways_leave_one_merge(racing_app):
    """A into B and B into A at once: one merge stands and the other is refused; never each merged
    into the other. (A second SQLite writer that found the file locked would show by its exception's
    name, and fail the test.)"""
    from workshop.programmes.models import Item
    from workshop.sessions.models import Session
    from workshop.voting import services as voting

    session_id, (a, b), _ = _setup_room(racing_app, 0)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def console(item_id, into):
        with racing_app.app_context():
            start.wait()
            try:
                voting.record_decision(db.session.get(Session, session_id), db.session.get(Item, item_id), "merged",
                                       "Duplicados", into=into)
                outcomes.append("merged")
            except Refusal as exc:
                outcomes.append(exc.code)
            except Exception as exc:  # noqa: BLE001 - SQLite's second writer may find the file locked
                outcomes.append(type(exc).__name__)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=console, args=pair) for pair in ((a, b), (b, a))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    with racing_app.app_context():
        merged = {i.id: i.merged_into_id for i in db.session.query(Item).filter(Item.id.in_((a, b)))}
    assert outcomes.count("merged") == 1, outcomes
    other = [outcome for outcome in outcomes if outcome != "merged"]
    assert other and other[0] in ("into_merged", "item_merged", "merged_meanwhile"), outcomes
    assert sorted(v is None for v in merged.values()) == [False, True], merged


def test_every_acked_vote_is_in_the_frozen_tally(racing_app):
    """Phones keep voting while the facilitator closes the round: whatever was acked is counted."""
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    session_id, item_ids, voters = _setup_room(racing_app, 24)
    with racing_app.app_context():
        round_ = voting.create_round(db.session.get(__import__("workshop.sessions.models", fromlist=["Session"])
                                                    .Session, session_id),
                                     item_ids=[item_ids[0]], method="approve", open_now=True)
        round_id = round_.id
    acked: dict[int, str] = {}
    lock = threading.Lock()
    start = threading.Barrier(len(voters) + 1)

    def phone(voter):
        with racing_app.app_context():
            start.wait()
            for n in range(30):
                value = ("approve", "neutral", "reject")[n % 3]
                try:
                    voting.cast_vote(voting.Voter(*voter), round_id, value, f"{voter[0]}-{n}")
                except Refusal:
                    break
                with lock:
                    acked[voter[0]] = value
            db.session.remove()

    def closer():
        with racing_app.app_context():
            start.wait()
            voting.close_round(db.session.get(Round, round_id))
            db.session.remove()

    threads = [threading.Thread(target=phone, args=(v,)) for v in voters]
    threads.append(threading.Thread(target=closer))
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    with racing_app.app_context():
        frozen = db.session.get(Round, round_id).final_tally
        expected = {c: sum(1 for v in acked.values() if v == c) for c in ("approve", "neutral", "reject")}
        assert frozen["counts"] == expected
        assert frozen["total"] == len(acked)


def test_two_rounds_opened_at_once_leave_one_open(racing_app):
    from workshop.sessions.models import Session
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    session_id, item_ids, _ = _setup_room(racing_app, 0)
    with racing_app.app_context():
        session = db.session.get(Session, session_id)
        drafts = [voting.create_round(session, item_ids=[i], method="approve").id for i in item_ids]
    results = []
    start = threading.Barrier(2)

    def opener(round_id):
        with racing_app.app_context():
            start.wait()
            try:
                voting.open_round(db.session.get(Round, round_id))
                results.append("opened")
            except Conflict as exc:
                results.append(exc.code)
            db.session.remove()

    threads = [threading.Thread(target=opener, args=(r,)) for r in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(results) == ["opened", "round_already_open"]
    with racing_app.app_context():
        assert db.session.scalar(select(func.count(Round.id)).where(Round.state == "open")) == 1


def test_one_person_joining_from_two_phones_at_once_is_one_participant(racing_app):
    from workshop.sessions import services as sessions
    from workshop.sessions.models import Participant, Session

    session_id, _items, _ = _setup_room(racing_app, 0)
    with racing_app.app_context():
        code = db.session.get(Session, session_id).join_code
    outcomes = []
    start = threading.Barrier(4)

    def phone():
        with racing_app.app_context():
            start.wait()
            try:
                sessions.join(code, name="Rosa Huamán", organisation="Minagri", sector="public")
                outcomes.append("joined")
            except Conflict as exc:
                outcomes.append(exc.code)
            db.session.remove()

    threads = [threading.Thread(target=phone) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["identity_taken"] * 3 + ["joined"]
    with racing_app.app_context():
        assert db.session.scalar(select(func.count(Participant.id))) == 1


# --- The facilitator's hand on who is in the room ------------------------------------------------


def _approve_round(session, voters, values):
    from workshop.voting import services as voting

    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve",
                                 anonymous=False, open_now=True)
    for n, (person, value) in enumerate(zip(voters, values)):
        voting.cast_vote(person, round_.id, value, f"c{n}")
    return round_


def test_removing_a_participant_takes_their_votes_out_everywhere(app, make_session, join, client, token_for):
    from workshop.eventlog import Event
    from workshop.voting import services as voting

    session = make_session()
    real = [join(session)[0] for _ in range(3)]
    fake = join(session, name="Bot", organisation="Script")[0]
    round_ = _approve_round(session, real + [fake], ["approve"] * 3 + ["reject"])
    voting.close_round(round_)
    assert round_.final_tally["total"] == 4
    headers = token_for("admin")
    response = client.post(f"/api/v1/sessions/{session.id}/participants/{fake.id}/remove", headers=headers,
                           json={"reason": "Prueba del técnico"})
    assert response.status_code == 200, response.get_json()
    tally = client.get(f"/api/v1/rounds/{round_.id}", headers=headers).get_json()["tally"]
    assert tally["total"] == 3 and tally["counts"]["reject"] == 0
    kinds = [e.kind for e in db.session.scalars(select(Event).where(Event.session_id == session.id))]
    assert "participant_removed" in kinds and "round_recounted" in kinds
    removed = db.session.scalar(select(Event).where(Event.kind == "participant_removed"))
    assert removed.data["reason"] == "Prueba del técnico" and removed.staff_user_id is not None
    # A removal needs a reason, and the removed phone cannot vote any more.
    assert client.post(f"/api/v1/sessions/{session.id}/participants/{real[0].id}/remove", headers=headers,
                       json={}).status_code == 400
    second = voting.create_round(session, item_ids=[session.agenda[1].item_id], method="approve", open_now=True)
    with pytest.raises(Refusal) as refused:
        voting.cast_vote(fake, second.id, "approve", "late")
    assert refused.value.code == "participant_removed"


def test_merging_duplicates_keeps_one_vote_and_both_histories(app, make_session, join, client, token_for):
    from workshop.eventlog import Event

    session = make_session()
    first = join(session, name="María Flores", organisation="Gobierno Regional")[0]
    second = join(session, name="María Flores Ccori", organisation="Gobierno Regional")[0]
    others = [join(session)[0] for _ in range(2)]
    headers = token_for("admin")
    listed = client.get(f"/api/v1/sessions/{session.id}/participants", headers=headers).get_json()
    assert [first.id, second.id] in listed["possible_duplicates"]
    round_ = _approve_round(session, [second] + others, ["approve", "reject", "reject"])
    response = client.post(f"/api/v1/sessions/{session.id}/participants/merge", headers=headers,
                           json={"keep_id": first.id, "duplicate_id": second.id, "reason": "La misma persona"})
    assert response.status_code == 200, response.get_json()
    tally = client.get(f"/api/v1/rounds/{round_.id}", headers=headers).get_json()["tally"]
    assert tally["total"] == 3 and tally["counts"]["approve"] == 1  # the vote moved to the kept participant
    merged = db.session.scalar(select(Event).where(Event.kind == "participants_merged"))
    assert merged.data["kept_id"] == first.id and merged.data["merged_id"] == second.id
    # Both people's own events stay in the log.
    joined = {e.participant_id for e in db.session.scalars(select(Event).where(Event.kind == "joined"))}
    assert {first.id, second.id} <= joined


def test_correcting_a_sector_retallies_the_votes(app, make_session, join, client, token_for):
    session = make_session()
    people = [join(session, sector="public")[0] for _ in range(4)]
    round_ = _approve_round(session, people, ["approve"] * 4)
    headers = token_for("admin")
    response = client.patch(f"/api/v1/sessions/{session.id}/participants/{people[0].id}", headers=headers,
                            json={"sector": "academic", "reason": "Es de la universidad"})
    assert response.status_code == 200
    tally = client.get(f"/api/v1/rounds/{round_.id}", headers=headers).get_json()["tally"]
    assert tally["by_sector"]["public"]["total"] == 3 and tally["by_sector"]["academic"]["total"] == 1


def test_a_session_can_require_admission(app, make_session, client, token_for):
    from workshop.sessions.models import Participant
    from workshop.voting import services as voting

    session = make_session()
    headers = token_for("admin")
    assert client.patch(f"/api/v1/sessions/{session.id}", headers=headers,
                        json={"requires_admission": True}).status_code == 200
    joined = client.post("/api/v1/join", json={"code": session.join_code, "name": "Nuevo", "organisation": "X",
                                               "sector": "private"}).get_json()
    assert joined["admitted"] is False
    person = db.session.get(Participant, joined["participant_id"])
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve", open_now=True)
    with pytest.raises(Refusal) as refused:
        voting.cast_vote(person, round_.id, "approve", "early")
    assert refused.value.code == "not_admitted"
    assert client.post(f"/api/v1/sessions/{session.id}/participants/{person.id}/admit",
                       headers=headers).status_code == 200
    assert voting.cast_vote(person, round_.id, "approve", "admitted")["ok"]


def test_another_sessions_facilitator_cannot_steer_over_the_socket(app, make_session, make_staff, client):
    from workshop.accounts.auth import issue_staff_token
    from workshop.sessions.services import update_session

    session = make_session()
    named, other = make_staff("facilitator"), make_staff("facilitator")
    update_session(session, {"facilitator_ids": [named.id]})
    sio = socketio.test_client(app, namespace="/live", auth={"token": issue_staff_token(other),
                                                             "session_id": session.id},
                               flask_test_client=client)
    reply = sio.emit("set_item", {"item_id": session.agenda[0].item_id}, namespace="/live", callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "forbidden"
    own = socketio.test_client(app, namespace="/live", auth={"token": issue_staff_token(named),
                                                             "session_id": session.id},
                               flask_test_client=app.test_client())
    assert own.emit("set_item", {"item_id": session.agenda[0].item_id}, namespace="/live", callback=True)["ok"]


def test_the_old_phone_stops_when_the_person_continues_on_a_new_one(app, make_session, client):
    """After a takeover with the personal code, the first phone's open socket can no longer vote."""
    from workshop.voting import services as voting

    session = make_session()
    body = {"code": session.join_code, "name": "Ana Quispe", "organisation": "Cooperativa", "sector": "private"}
    first = client.post("/api/v1/join", json=body).get_json()
    old_phone = socketio.test_client(app, namespace="/live",
                                     auth={"token": first["participant_token"], "session_id": session.id},
                                     flask_test_client=app.test_client())
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve", open_now=True)
    assert old_phone.emit("vote", {"round_id": round_.id, "value": "approve", "client_vote_id": "a"},
                          namespace="/live", callback=True)["ok"]
    moved = client.post("/api/v1/join", json={**body, "personal_code": first["personal_code"]}).get_json()
    assert moved["participant_id"] == first["participant_id"]
    assert any(e["name"] == "signed_out" for e in old_phone.get_received("/live"))
    reply = old_phone.emit("vote", {"round_id": round_.id, "value": "reject", "client_vote_id": "b"},
                           namespace="/live", callback=True)
    assert reply["ok"] is False and reply["error"]["code"] == "signed_out"
    new_phone = socketio.test_client(app, namespace="/live",
                                     auth={"token": moved["participant_token"], "session_id": session.id},
                                     flask_test_client=app.test_client())
    assert new_phone.emit("vote", {"round_id": round_.id, "value": "reject", "client_vote_id": "c"},
                          namespace="/live", callback=True)["ok"]


def test_opening_admission_lets_in_whoever_was_waiting(app, make_session, join):
    from workshop.sessions import participants

    session = make_session()
    participants.set_requires_admission(session, True)
    waiting, _ = join(session)
    assert waiting.is_admitted is False
    participants.set_requires_admission(session, False)
    db.session.refresh(waiting)
    assert waiting.is_admitted is True


def test_spreadsheet_exports_never_run_typed_text_as_a_formula(app, make_session, client, token_for):
    import csv
    import io

    session = make_session()
    client.post("/api/v1/join", json={"code": session.join_code, "name": "=HYPERLINK(\"http://x\",\"y\")",
                                      "organisation": "+cmd|' /C calc'!A0", "sector": "public"})
    text = client.get(f"/api/v1/sessions/{session.id}/data.csv?sheet=participants",
                      headers=token_for("admin")).get_data().decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'=HYPERLINK(\"http://x\",\"y\")" in cells and "'+cmd|' /C calc'!A0" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_programme_stats_leave_out_removed_participants(app, make_session, join, client, token_for):
    from workshop.sessions import participants

    session = make_session()
    join(session)
    gone, _ = join(session)
    url = f"/api/v1/programmes/{session.initiative.programme_id}/stats"
    assert client.get(url).get_json()["stakeholders"]["total"] == 2
    participants.remove(session, gone.id, "Prueba")
    assert client.get(url).get_json()["stakeholders"]["total"] == 1



def test_the_real_person_joins_after_the_impostor_is_removed(app, make_session, client, token_for):
    """Someone typed Ana's name first; the facilitator removes them; Ana joins as herself, and the
    impostor's votes do not come back."""
    from workshop.voting import services as voting

    session = make_session()
    body = {"code": session.join_code, "name": "Ana Quispe", "organisation": "Cooperativa", "sector": "civil_society"}
    impostor = client.post("/api/v1/join", json=body).get_json()
    round_ = voting.create_round(session, item_ids=[session.agenda[0].item_id], method="approve", anonymous=False,
                                 open_now=True)
    from workshop.sessions.models import Participant

    voting.cast_vote(db.session.get(Participant, impostor["participant_id"]), round_.id, "reject", "i")
    headers = token_for("admin")
    assert client.post(f"/api/v1/sessions/{session.id}/participants/{impostor['participant_id']}/remove",
                       headers=headers, json={"reason": "No era Ana"}).status_code == 200
    real = client.post("/api/v1/join", json={**body, "sector": "public"})
    assert real.status_code == 200, real.get_json()
    ana = real.get_json()
    assert ana["participant_id"] != impostor["participant_id"] and ana["is_new"] is True
    voting.cast_vote(db.session.get(Participant, ana["participant_id"]), round_.id, "approve", "a")
    tally = client.get(f"/api/v1/rounds/{round_.id}", headers=headers).get_json()["tally"]
    assert tally["total"] == 1 and tally["counts"] == {"approve": 1, "neutral": 0, "reject": 0}
    assert tally["by_sector"]["public"]["total"] == 1 and tally["by_sector"]["civil_society"]["total"] == 0
