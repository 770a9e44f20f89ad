"""Group commit of votes (issue 13): a group of votes in one transaction, each acked only after
its commit, refusals kept to their own vote, the tally version, and the in-memory tally checked
against the database — on SQLite and PostgreSQL, and through a real server in each async mode."""
from __future__ import annotations

import threading

import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from helpers import SECTORS, Api, Watcher, join_over_http, live_session, make_config, postgres_database, run_server
from workshop import create_app
from workshop.extensions import db
from workshop.refusals import Refusal

VALUES = ("approve", "neutral", "reject")


def _build(url: str):
    app = create_app(make_config(url, SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 20, "max_overflow": 20}
                                 if url.startswith("postgresql") else {}))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """The URL of an empty migrated database: an SQLite file, or a throw-away PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'votes.sqlite'}"
    else:
        with postgres_database("mesa_vote") as url:
            yield url


@pytest.fixture
def room(database):
    """(app, round id, voters): a live session with an open approve round and 40 joined people."""
    from workshop.programmes import services as programmes
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    app = _build(database)
    with app.app_context():
        app.config["JOIN_LIMIT_PER_ADDRESS"] = (10_000, 60)
        programme = programmes.create_programme({"name": "Votos", "institution": "X"})
        initiative = programmes.create_initiative(programme, {"name": "Café — Junín"})
        items = [programmes.create_item(initiative, {"kind": "action_line", "title": f"Ítem {n}"}) for n in range(2)]
        session = sessions.create_session(initiative, phase_number=1, title="S", status="scheduled",
                                          item_ids=[i.id for i in items])
        sessions.transition(session, "live")
        voters = []
        for n in range(40):
            participant, _token, _ = sessions.join(session.join_code, name=f"P{n}", organisation="O",
                                                   sector=SECTORS[n % 4])
            voters.append(voting.Voter(participant.id, session.id, participant.sector, participant.token_hash))
        round_ = voting.create_round(session, item_ids=[items[0].id], method="approve", open_now=True,
                                     anonymous=False)
        round_id = round_.id
    yield app, round_id, voters
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _stored(round_id: int) -> dict[int, str]:
    from workshop.voting.models import Vote

    return dict(db.session.execute(select(Vote.participant_id, Vote.value).where(Vote.round_id == round_id)).all())


def _version(round_id: int) -> int:
    from workshop.voting.models import Round

    db.session.expire_all()
    return db.session.get(Round, round_id).tally_version


def test_a_group_of_votes_is_one_commit_and_each_is_acked(room):
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    app, round_id, voters = room
    with app.app_context():
        before = _version(round_id)
        requests = [voting.VoteRequest(v, round_id, VALUES[n % 3], f"c{n}") for n, v in enumerate(voters)]
        results = voting.cast_votes(requests)
        assert [r["ok"] for r in results] == [True] * len(voters)
        assert not any(r["duplicate"] or r["replaced"] for r in results)
        assert _version(round_id) == before + 1  # one commit, one new version
        assert _stored(round_id) == {v.id: VALUES[n % 3] for n, v in enumerate(voters)}
        counted = voting.versioned_tally(db.session.get(Round, round_id))
        assert counted.version == before + 1 and counted.voted == len(voters)
        assert counted.figures["counts"] == {value: sum(1 for n in range(len(voters)) if VALUES[n % 3] == value)
                                             for value in VALUES}


def test_a_later_vote_replaces_an_earlier_one_in_the_same_group_and_a_repeat_counts_once(room):
    from workshop.voting import services as voting
    from workshop.voting.models import Round, VoteReceipt

    app, round_id, voters = room
    ana, luis = voters[0], voters[1]
    with app.app_context():
        results = voting.cast_votes([
            voting.VoteRequest(ana, round_id, "approve", "a1"),
            voting.VoteRequest(luis, round_id, "reject", "l1"),
            voting.VoteRequest(ana, round_id, "reject", "a2"),    # replaces a1 in the same group
            voting.VoteRequest(luis, round_id, "reject", "l1"),   # the same vote resent: acked, counted once
        ])
        assert [r["ok"] for r in results] == [True] * 4
        assert [r["replaced"] for r in (results[0], results[2])] == [False, True]
        assert results[3]["duplicate"] is True and results[1]["duplicate"] is False
        assert _stored(round_id) == {ana.id: "reject", luis.id: "reject"}
        # A later group resending a1 (its answer was lost) is acked as a duplicate and changes nothing.
        again = voting.cast_votes([voting.VoteRequest(ana, round_id, "approve", "a1")])
        assert again[0]["ok"] and again[0]["duplicate"]
        assert _stored(round_id) == {ana.id: "reject", luis.id: "reject"}
        assert db.session.scalar(select(func.count(VoteReceipt.id))) == 3
        tally = voting.current_tally(db.session.get(Round, round_id))
        assert tally["counts"] == {"approve": 0, "neutral": 0, "reject": 2} and tally["total"] == 2


def test_a_refused_vote_does_not_sink_its_group(room):
    from workshop.voting import services as voting

    app, round_id, voters = room
    with app.app_context():
        results = voting.cast_votes([
            voting.VoteRequest(voters[0], round_id, "approve", "ok-0"),
            voting.VoteRequest(voters[1], round_id, "maybe", "bad-value"),
            voting.VoteRequest(voters[2], round_id + 999, "approve", "no-round"),
            voting.VoteRequest(voters[3], round_id, "reject", ""),
            voting.VoteRequest(voters[4], round_id, "neutral", "ok-4"),
        ])
        assert results[0]["ok"] and results[4]["ok"]
        assert [r.code for r in results[1:4]] == ["invalid_value", "unknown_round", "invalid_client_vote_id"]
        assert _stored(round_id) == {voters[0].id: "approve", voters[4].id: "neutral"}


def test_votes_in_a_group_for_a_closed_round_are_refused_and_the_rest_stored(room):
    from workshop.sessions.models import Session
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    app, round_id, voters = room
    with app.app_context():
        voting.close_round(db.session.get(Round, round_id))
        session = db.session.get(Session, voters[0].session_id)
        other = voting.create_round(session, item_ids=[session.agenda[1].item_id], method="approve", open_now=True)
        results = voting.cast_votes([
            voting.VoteRequest(voters[0], round_id, "approve", "late"),
            voting.VoteRequest(voters[0], other.id, "approve", "new"),
        ])
        assert isinstance(results[0], Refusal) and results[0].code == "round_closed"
        assert results[1]["ok"]
        assert _stored(round_id) == {} and _stored(other.id) == {voters[0].id: "approve"}


def test_a_commit_that_fails_acks_no_vote(room, monkeypatch):
    """The commit itself fails (the database went away): no vote of the group is acked ok, nothing
    is stored, and the phones' resends are stored once the database answers again."""
    from workshop.voting import services as voting

    app, round_id, voters = room
    with app.app_context():
        real_commit = db.session.commit
        failures = []

        def failing_commit():
            failures.append(1)
            raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

        monkeypatch.setattr(db.session, "commit", failing_commit)
        requests = [voting.VoteRequest(v, round_id, "approve", f"c{n}") for n, v in enumerate(voters[:10])]
        with pytest.raises(OperationalError):
            voting.cast_votes(requests)
        assert failures  # it reached the commit
        monkeypatch.setattr(db.session, "commit", real_commit)
        db.session.rollback()
        assert _stored(round_id) == {}
        results = voting.cast_votes(requests)
        assert all(r["ok"] and not r["duplicate"] for r in results)
        assert len(_stored(round_id)) == 10


def test_a_busy_database_is_retried_and_then_refused_busy(room, monkeypatch):
    from workshop.voting import services as voting

    app, round_id, voters = room
    with app.app_context():
        def locked():
            raise OperationalError("COMMIT", {}, Exception("database is locked"))

        monkeypatch.setattr(db.session, "commit", locked)
        results = voting.cast_votes([voting.VoteRequest(v, round_id, "approve", f"c{n}")
                                     for n, v in enumerate(voters[:3])])
        assert [r.code for r in results] == ["busy"] * 3 and results[0].status == 503
        monkeypatch.undo()
        db.session.rollback()
        assert _stored(round_id) == {}


def _cast_at_once(app, round_id, voters, rounds_each: int = 3):
    """Every voter's handler casts through the vote queue at the same moment, `rounds_each` times."""
    from workshop.live import votequeue
    from workshop.voting import services as voting

    acks, errors = {}, []
    lock = threading.Lock()
    start = threading.Barrier(len(voters))

    def phone(n, voter):
        with app.app_context():
            start.wait()
            for k in range(rounds_each):
                value = VALUES[(n + k) % 3]
                try:
                    ack = votequeue.queue().cast(voting.VoteRequest(voter, round_id, value, f"{n}-{k}"))
                except Exception as exc:  # noqa: BLE001 - collected, the test fails on it
                    with lock:
                        errors.append(exc)
                    return
                with lock:
                    acks[(voter.id, k)] = (ack, value)

    threads = [threading.Thread(target=phone, args=(n, v)) for n, v in enumerate(voters)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return acks, errors


def test_many_votes_at_once_share_commits_and_every_ack_is_stored(room):
    """40 phones press at once, three times: fewer commits than votes, every ack committed, the
    memory tally equal to a count of the database."""
    from workshop.live import votequeue
    from workshop.voting import rules
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    app, round_id, voters = room
    with app.app_context():
        before = _version(round_id)
    acks, errors = _cast_at_once(app, round_id, voters)
    assert not errors, errors
    assert len(acks) == 3 * len(voters) and all(ack["ok"] for ack, _ in acks.values())
    with app.app_context():
        queue = votequeue.queue()
        assert queue.votes == 3 * len(voters)
        assert queue.groups < queue.votes, (queue.groups, queue.votes)  # votes shared commits
        assert _stored(round_id) == {v.id: VALUES[(n + 2) % 3] for n, v in enumerate(voters)}
        round_ = db.session.get(Round, round_id)
        assert round_.tally_version == before + queue.groups  # one version per group
        assert voting.current_tally(round_) == rules.tally("approve", voting.ballots(round_id), round_.item_ids)


def test_a_bug_in_one_vote_of_a_group_reaches_that_vote_only(room, monkeypatch):
    from workshop.live import votequeue
    from workshop.voting import rules
    from workshop.voting import services as voting

    app, round_id, voters = room
    real = rules.normalise_value

    def buggy(method, value, *args):
        if value == "neutral":
            raise RuntimeError("a bug")
        return real(method, value, *args)

    monkeypatch.setattr(rules, "normalise_value", buggy)
    with app.app_context():
        results = votequeue._commit([voting.VoteRequest(v, round_id, VALUES[n % 3], f"c{n}")
                                     for n, v in enumerate(voters[:6])])
        assert [type(r).__name__ if isinstance(r, Exception) else r["ok"] for r in results] == \
               [True, "RuntimeError", True, True, "RuntimeError", True]
        assert set(_stored(round_id)) == {voters[n].id for n in (0, 2, 3, 5)}


def test_the_memory_tally_follows_votes_stored_by_another_process(room):
    """Two apps on one database stand for two processes: each sees the other's votes in its tally,
    because the round's version tells it its memory is behind."""
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    app, round_id, voters = room
    other = create_app(make_config(app.config["SQLALCHEMY_DATABASE_URI"]))
    try:
        with app.app_context():
            voting.cast_votes([voting.VoteRequest(v, round_id, "approve", "a") for v in voters[:5]])
            assert voting.versioned_tally(db.session.get(Round, round_id)).voted == 5  # memory now holds it
        with other.app_context():
            voting.cast_votes([voting.VoteRequest(v, round_id, "reject", "b") for v in voters[5:8]])
            db.session.remove()
        with app.app_context():
            counted = voting.versioned_tally(db.session.get(Round, round_id))
            assert counted.figures["counts"] == {"approve": 5, "neutral": 0, "reject": 3}
            assert counted.version == _version(round_id)
            # This process's next group finds its memory one commit behind: it is read again.
            voting.cast_votes([voting.VoteRequest(voters[8], round_id, "neutral", "c")])
            counted = voting.versioned_tally(db.session.get(Round, round_id))
            assert counted.figures["counts"] == {"approve": 5, "neutral": 1, "reject": 3} and counted.voted == 9
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def test_removing_a_voter_moves_the_version_and_the_memory_tally_on(room):
    from workshop.sessions import participants
    from workshop.sessions.models import Session
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    app, round_id, voters = room
    with app.app_context():
        voting.cast_votes([voting.VoteRequest(v, round_id, "approve", "a") for v in voters[:4]])
        before = voting.versioned_tally(db.session.get(Round, round_id))
        assert before.voted == 4
        participants.remove(db.session.get(Session, voters[0].session_id), voters[0].id, "Prueba")
        after = voting.versioned_tally(db.session.get(Round, round_id))
        assert after.version > before.version and after.voted == 3 and after.figures["counts"]["approve"] == 3
        closed = voting.close_round(db.session.get(Round, round_id))
        assert closed.tally_version > after.version and closed.final_tally["total"] == 3


# --- Through a real server: every async mode -------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize("mode", ["eventlet", "gevent", "threading"])
def test_a_room_voting_at_once_is_acked_and_tallied_in_every_async_mode(tmp_path, mode):
    import socketio

    with run_server(tmp_path, WORKSHOP_ASYNC_MODE=mode, WORKSHOP_JOIN_LIMIT_PER_ADDRESS="1000/60") as server:
        api = Api(server.url)
        session = live_session(api, items=1)
        projector = Watcher(server.url, session["id"], api.token)
        round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                          json={"item_ids": session["item_ids"], "method": "approve", "anonymous": False})
        api.call("POST", f"/rounds/{round_['id']}/open")
        phones = []
        for n in range(30):
            phone = socketio.Client(reconnection=False)
            phone.connect(server.url, namespaces=["/live"], transports=["websocket"],
                          auth={"token": join_over_http(server.url, session, n, SECTORS[n % 4]),
                                "session_id": session["id"]})
            phones.append(phone)
        acks: list = [None] * (2 * len(phones))
        start = threading.Barrier(len(phones))

        def press(n, phone):
            start.wait()
            for k in range(2):  # the second vote replaces the first
                acks[2 * n + k] = phone.call("vote", {"round_id": round_["id"], "value": VALUES[(n + k) % 3],
                                                      "client_vote_id": f"c{n}-{k}"}, namespace="/live", timeout=20)

        threads = [threading.Thread(target=press, args=(n, p)) for n, p in enumerate(phones)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert all(a and a["ok"] for a in acks), [a for a in acks if not (a and a["ok"])][:3]
        expected = {v: sum(1 for n in range(len(phones)) if VALUES[(n + 1) % 3] == v) for v in VALUES}
        final = projector.wait_for(lambda t: t["tally"]["counts"] == expected, timeout=15)
        assert isinstance(final["version"], int) and final["turnout"]["voted"] == len(phones)
        closed = api.call("POST", f"/rounds/{round_['id']}/close")
        assert closed["tally"]["counts"] == expected
        for phone in phones + [projector.client]:
            phone.disconnect()
        assert "Traceback" not in server.output


@pytest.mark.server
def test_a_vote_waiting_for_sqlites_lock_does_not_freeze_the_server(tmp_path):
    """Another process holds SQLite's write lock (a backup, a command): the vote waits for it in
    green sleeps, and the server keeps answering everything else meanwhile; the vote is acked once
    the lock is released."""
    import sqlite3
    import time

    import requests
    import socketio

    with run_server(tmp_path) as server:
        api = Api(server.url)
        session = live_session(api, items=1)
        round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                          json={"item_ids": session["item_ids"], "method": "approve"})
        api.call("POST", f"/rounds/{round_['id']}/open")
        phone = socketio.Client(reconnection=False)
        phone.connect(server.url, namespaces=["/live"], transports=["websocket"],
                      auth={"token": join_over_http(server.url, session, 0, "public"), "session_id": session["id"]})
        holder = sqlite3.connect(tmp_path / "server.sqlite", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # the write lock, as another process's long write holds it
        acks = []
        voter = threading.Thread(target=lambda: acks.append(phone.call(
            "vote", {"round_id": round_["id"], "value": "approve", "client_vote_id": "v1"},
            namespace="/live", timeout=30)))
        voter.start()
        slowest = 0.0
        for _ in range(20):  # the vote arrives and waits meanwhile; every answer stays quick
            started = time.monotonic()
            assert requests.get(f"{server.url}/static/js/live/results.js", timeout=10).status_code == 200
            slowest = max(slowest, time.monotonic() - started)
        assert not acks  # still waiting for the lock
        holder.execute("ROLLBACK")
        holder.close()
        voter.join(timeout=30)
        assert acks and acks[0]["ok"], acks
        assert slowest < 1.0, slowest
        phone.disconnect()


def test_an_import_continues_the_item_codes_in_one_write(app, make_session):
    from workshop.programmes import services as programmes
    from workshop.programmes.models import Item

    session = make_session()
    initiative = session.initiative
    before = {kind: db.session.scalar(select(func.count(Item.id)).where(
        Item.initiative_id == initiative.id, Item.kind == kind)) for kind in ("action_line", "policy_reform")}
    rows = "tipo,título\n" + "".join(f"{'línea de acción' if n % 3 else 'reforma'},Ítem {n}\n" for n in range(300))
    parsed = programmes.parse_import("items.csv", rows.encode())
    assert parsed.ok, parsed.errors
    items = programmes.import_items(initiative, parsed)
    assert [i.title for i in items] == [f"Ítem {n}" for n in range(300)]
    lines = [i.code for i in items if i.kind == "action_line"]
    reforms = [i.code for i in items if i.kind == "policy_reform"]
    assert lines == [f"LA-{before['action_line'] + n}" for n in range(1, 201)]
    assert reforms == [f"RP-{before['policy_reform'] + n}" for n in range(1, 101)]
    # The next item made by hand takes the next code.
    one = programmes.create_item(initiative, {"kind": "action_line", "title": "A mano"})
    assert one.code == f"LA-{before['action_line'] + 201}"


@pytest.fixture
def run_long_calls(monkeypatch) -> list[str]:
    """The names of the functions handed to `offload.run_long` (an OS thread under eventlet and gevent)."""
    from workshop import offload

    calls: list[str] = []
    real = offload.run_long

    def recording(fn, *args, **kwargs):
        calls.append(fn.__name__)
        return real(fn, *args, **kwargs)

    monkeypatch.setattr(offload, "run_long", recording)
    return calls


def test_a_spreadsheet_is_read_off_the_event_loop(app, run_long_calls):
    """Reading a spreadsheet is seconds of CPU for a big file: it goes through `offload.run_long`
    (bench figures in docs/performance.md)."""
    from workshop.programmes import services as programmes

    parsed = programmes.parse_import("items.csv", "tipo,título\nreforma,Una\n".encode())
    assert parsed.ok and run_long_calls == ["_parse_import"]


def test_an_imports_answer_is_built_off_the_event_loop(client, token_for, make_programme, run_long_calls):
    """Listing every imported item is seconds of CPU for 60,000 rows: the API reads them back as
    plain rows and builds its JSON answer through `offload.run_long`, the same answer as before."""
    import io

    _, initiative = make_programme(items=0)
    rows = "tipo,título,presupuesto\nreforma,Una,1000\nlínea de acción,Dos & <b>tres</b>,\n".encode()
    r = client.post(f"/api/v1/initiatives/{initiative.id}/items/import", headers=token_for("secretariat"),
                    data={"file": (io.BytesIO(rows), "items.csv")}, content_type="multipart/form-data")
    assert r.status_code == 201 and r.mimetype == "application/json"
    assert run_long_calls == ["_parse_import", "_import_answer"]
    assert r.json["created"] == 2
    listed = {i["id"]: i for i in client.get(f"/api/v1/initiatives/{initiative.id}/items").json}
    for item in r.json["items"]:  # every field as the item listing gives it
        assert {k: v for k, v in listed[item["id"]].items() if k in item} == item
    assert [(i["code"], i["title"], i["budget_pen"]) for i in r.json["items"]] == [
        ("RP-1", "Una", 1000), ("LA-1", "Dos & <b>tres</b>", None)]
