"""Faults: storage that refuses writes, and a cluster losing Redis or its PostgreSQL connections.

Storage (in process, real mechanisms): an SQLite database that cannot grow (`PRAGMA
max_page_count` reached: SQLite's own SQLITE_FULL, as on a full disk) and a PostgreSQL database
made read-only (`default_transaction_read_only`, SQLSTATE 25006, as on a standby). A vote over the
socket, a join over HTTP and /healthz must say `storage_unavailable` (503) with the reason, and
nothing may be acked that was not stored.

The cluster (deploy/cluster: two processes behind nginx, a private redis-server, a throw-away
PostgreSQL database): 40 simulated phones vote through nginx while Redis restarts, then while
PostgreSQL connections are dropped. No acked vote is lost or counted twice, the processes recover
by themselves, every phone gets its acks, and the projector shows the right final tally.
"""
from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine, event, func, select, text

from helpers import PG_ADMIN_URL, make_config, postgres_database
from workshop import create_app, health
from workshop.extensions import db as _db
from workshop.extensions import socketio

NS = "/live"
SECTORS = ("public", "private", "academic", "civil_society")


# --- Storage that refuses writes (in process) --------------------------------------------------


def _live_round():
    """A live session with an open named approve round (opened by a facilitator)."""
    from workshop.accounts.services import create_staff
    from workshop.programmes import services as programmes
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    programme = programmes.create_programme({"name": "Programa", "institution": "CONCYTEC"})
    initiative = programmes.create_initiative(programme, {"name": "Granos andinos", "region": "Ayacucho"})
    item = programmes.create_item(initiative, {"kind": "action_line", "title": "Acción 1"})
    session = sessions.create_session(initiative, phase_number=3, title="Hoja de ruta", status="scheduled",
                                      item_ids=[item.id])
    sessions.transition(session, "live")
    facilitator = create_staff("facilitator@example.org", "Facilitadora", "facilitator", "a long password")
    round_ = voting.create_round(session, item_ids=[item.id], method="approve", staff=facilitator, open_now=True,
                                 anonymous=False)
    return session, round_


def _join(client, session, n: int, lang: str | None = None):
    body = {"code": session.join_code, "name": f"Persona {n}", "organisation": f"Org {n}", "sector": SECTORS[n % 4]}
    return client.post("/api/v1/join" + (f"?lang={lang}" if lang else ""), json=body)


def _phone(app, client, session, token):
    return socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                                flask_test_client=client)


def _vote(phone, round_id, value, cvid):
    return phone.emit("vote", {"round_id": round_id, "value": value, "client_vote_id": cvid}, namespace=NS,
                      callback=True)


def _counts(model_column, **where):
    from workshop.voting.models import Vote, VoteReceipt

    _db.session.rollback()
    table = {"votes": Vote, "receipts": VoteReceipt}[model_column]
    return _db.session.scalar(select(func.count()).select_from(table).filter_by(**where))


def _stored_cvids(round_id):
    from workshop.voting.models import VoteReceipt

    _db.session.rollback()
    return set(_db.session.scalars(select(VoteReceipt.client_vote_id).where(VoteReceipt.round_id == round_id)))


def _healthz_now(client):
    """/healthz with the write probe run now (it is cached for a few seconds otherwise)."""
    client.application.extensions.pop("mesa.write_probe", None)
    return client.get("/healthz")


@pytest.mark.fresh_app
def test_a_full_sqlite_database_refuses_joins_and_votes_cleanly(app, client):
    """The database file cannot grow by a single page (SQLITE_FULL, as on a full disk): /healthz says
    so at once; people keep joining and voting into the room left in existing pages, and the first
    join and the first vote that need more are refused `storage_unavailable` (503, reason "full"),
    never `server_error`; every acked vote is stored and the refused ones are not."""
    app.config["JOIN_LIMIT_PER_ADDRESS"] = (100_000, 60)
    app.config["JOIN_LIMIT_PER_SESSION"] = (100_000, 10)
    session, round_ = _live_round()
    round_id = round_.id
    tokens = [_join(client, session, n).json["participant_token"] for n in range(2)]
    first = _phone(app, client, session, tokens[0])
    assert _vote(first, round_id, "approve", "before")["ok"]
    assert _healthz_now(client).status_code == 200

    # From now on no connection of the app may grow the file: the real SQLite limit, on every
    # connection (the pool is emptied so that each new one gets it).
    pages = _db.session.execute(text("PRAGMA page_count")).scalar()
    _db.session.commit()
    event.listen(_db.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA max_page_count = {pages}"))
    _db.engine.dispose()

    health_full = _healthz_now(client)
    assert health_full.status_code == 503
    assert health_full.json["checks"]["storage"] == "error: full"
    assert health_full.json["checks"]["database"] == "ok"
    assert health_full.json["error"]["code"] == "storage_unavailable"

    # Joins fill what room is left in the pages the file has; the first that needs a page is refused.
    joined, refused = 0, None
    for n in range(2, 2000):  # bounded: a page of 4 KiB holds far fewer people
        response = _join(client, session, n)
        if response.status_code != 200:
            refused = response
            break
        joined += 1
        tokens.append(response.json["participant_token"])
    assert refused is not None, "2,000 joins fitted in a database that cannot grow"
    assert refused.status_code == 503, refused.json
    assert refused.json["error"]["code"] == "storage_unavailable"
    assert refused.json["error"]["reason"] == "full"
    assert "nothing was saved" in refused.json["error"]["message"]
    spanish = _join(client, session, 9999, lang="es")  # the sentence in the caller's language
    assert spanish.status_code == 503 and "no se guardó nada" in spanish.json["error"]["message"]
    from workshop.sessions.models import Participant

    _db.session.rollback()
    assert _db.session.scalar(select(func.count()).select_from(Participant)
                              .where(Participant.session_id == session.id)) == 2 + joined

    # Votes of the people who got in, until one does not fit.
    acked, refusal = {"before"}, None
    for n, token in enumerate(tokens[1:], start=1):
        phone = _phone(app, client, session, token)
        reply = _vote(phone, round_id, "reject", f"phone-{n:04d}-{'x' * 40}")
        phone.disconnect(NS)
        if not reply["ok"]:
            refusal = (f"phone-{n:04d}-{'x' * 40}", reply)
            break
        acked.add(reply["client_vote_id"])
    if refusal is None:  # every one of them fitted: the first phone changes its vote again and again
        for k in range(2000):
            reply = _vote(first, round_id, ("reject", "neutral")[k % 2], f"again-{k:04d}-{'y' * 40}")
            if not reply["ok"]:
                refusal = (f"again-{k:04d}-{'y' * 40}", reply)
                break
            acked.add(reply["client_vote_id"])
    assert refusal is not None, "votes kept fitting in a database that cannot grow"
    cvid, reply = refusal
    assert reply["error"]["code"] == "storage_unavailable", reply
    assert reply["error"]["reason"] == "full"
    assert "no se guardó nada" in reply["error"]["message"]  # the phone's language (Spanish by default)
    stored = _stored_cvids(round_id)
    assert acked <= stored, f"acked but not stored: {acked - stored}"
    assert cvid not in stored
    # The same vote sent again is refused again (the phone keeps it), never half-stored.
    assert _vote(first, round_id, "neutral", cvid)["error"]["code"] == "storage_unavailable"
    assert cvid not in _stored_cvids(round_id)
    first.disconnect(NS)


@pytest.fixture
def postgres_app(tmp_path):
    """An app of its own on a throw-away PostgreSQL database; its context is pushed."""
    with postgres_database("mesa_faults") as url:
        app = create_app(make_config(url, JOIN_LIMIT_PER_ADDRESS=(100_000, 60)))
        with app.app_context():
            _db.create_all()
            yield app, url.rsplit("/", 1)[1]
            _db.session.remove()
            _db.engine.dispose()


def _set_read_only(database: str, on: bool) -> None:
    """Make the database read-only (as a standby is) for every new connection, and end the ones it has:
    the app reconnects by itself (pool_pre_ping) and gets the new setting."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            setting = "on" if on else "off"
            conn.execute(text(f'ALTER DATABASE "{database}" SET default_transaction_read_only = {setting}'))
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                              "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": database})
    finally:
        admin.dispose()


def test_a_read_only_postgresql_database_refuses_cleanly_and_recovers_by_itself(postgres_app, monkeypatch):
    app, database = postgres_app
    client = app.test_client()
    session, round_ = _live_round()
    round_id = round_.id
    token = _join(client, session, 0).json["participant_token"]
    phone = _phone(app, client, session, token)
    assert _vote(phone, round_id, "approve", "ok-before")["ok"]

    _set_read_only(database, True)
    health_ro = _healthz_now(client)
    assert health_ro.status_code == 503, health_ro.json
    assert health_ro.json["checks"]["storage"] == "error: read_only"
    assert health_ro.json["error"]["code"] == "storage_unavailable"

    reply = _vote(phone, round_id, "reject", "refused-while-read-only")
    assert reply["ok"] is False and reply["error"]["code"] == "storage_unavailable", reply
    assert reply["error"]["reason"] == "read_only"
    joined = _join(client, session, 1)
    assert joined.status_code == 503, joined.json
    assert joined.json["error"]["code"] == "storage_unavailable" and joined.json["error"]["reason"] == "read_only"
    assert _stored_cvids(round_id) == {"ok-before"}
    assert _counts("votes", round_id=round_id) == 1

    # The database takes writes again: the same app (no restart) stores the vote the phone resends.
    _set_read_only(database, False)
    monkeypatch.setattr(health, "FAILURE_MEMORY", 0.5)
    reply = _vote(phone, round_id, "reject", "refused-while-read-only")
    assert reply["ok"] and reply["duplicate"] is False, reply
    assert _stored_cvids(round_id) == {"ok-before", "refused-while-read-only"}
    assert _join(client, session, 3).status_code == 200
    deadline = time.monotonic() + 5
    while (status := _healthz_now(client).status_code) != 200 and time.monotonic() < deadline:
        time.sleep(0.1)  # bounded: the memory of the last refused write fades after FAILURE_MEMORY
    assert status == 200
    phone.disconnect(NS)


def test_storage_errors_are_classified_by_code_not_by_luck():
    """The classification reads SQLite's result codes and PostgreSQL's SQLSTATEs; other errors stay bugs."""
    import sqlite3

    from sqlalchemy.exc import IntegrityError, OperationalError

    from workshop import storage

    class PgError(Exception):
        def __init__(self, pgcode):
            super().__init__("boom")
            self.pgcode = pgcode

    assert storage.classify(OperationalError("INSERT", {}, PgError("53100"))) == "full"
    assert storage.classify(OperationalError("INSERT", {}, PgError("25006"))) == "read_only"
    assert storage.classify(OperationalError("SELECT", {}, PgError("57P01"))) == "unreachable"
    assert storage.classify(OperationalError("SELECT", {}, PgError("08006"))) == "unreachable"
    assert storage.classify(IntegrityError("INSERT", {}, PgError("23505"))) is None
    assert storage.classify(OperationalError("SELECT", {}, PgError("40P01"))) is None  # a deadlock: retried
    locked = sqlite3.connect(":memory:")
    try:
        locked.execute("SELECT * FROM nowhere")
    except sqlite3.OperationalError as exc:
        assert storage.classify(OperationalError("SELECT", {}, exc)) is None  # no such table: a bug
    assert storage.classify(ValueError("database or disk is full")) is None  # not a driver's error
    assert storage.lasting(OperationalError("INSERT", {}, PgError("53100")))
    assert not storage.lasting(OperationalError("SELECT", {}, PgError("57P01")))


# --- The cluster: a vote storm through nginx while Redis restarts or PostgreSQL drops connections ---

PHONES = 40
VALUES = ("approve", "neutral", "reject")
#: The phone's pauses before resending a refused vote (static/js/live/phone/ballot.js), scaled down.
BACKOFF = tuple(0.25 * s for s in (1, 2, 4, 8, 16))
RETRIED = {"busy", "server_error", "rate_limited", "bad_ack", "storage_unavailable"}
#: Everything in a storm, faults and recovery included, ends within this many seconds.
STORM_DEADLINE = 90.0


class Phone:
    """A phone as static/js/live/phone/ballot.js behaves: each vote gets a fresh client_vote_id and
    stays pending until acked; it is sent again with the same id after a timeout or while the
    socket is down, and after a refusal worth retrying (busy, storage_unavailable…) with a growing
    pause, at most len(BACKOFF) times."""

    def __init__(self, n: int, token: str):
        self.n, self.token = n, token
        self.client = None
        self.acked: list[tuple[str, str]] = []  # (client_vote_id, value), in order
        self.refusals: dict[str, int] = {}
        self.timeouts = 0
        self.gave_up: list[str] = []

    async def connect(self, url: str, session_id: int) -> None:
        import socketio as sio

        self.client = sio.AsyncClient(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        # Long-polling first, then the upgrade to WebSocket: nginx must keep both on one process.
        await self.client.connect(url, namespaces=[NS], auth={"token": self.token, "session_id": session_id},
                                  wait_timeout=20)
        #: Which process holds the socket: Mesa's session ids start with its route (p1., p2.).
        self.process = self.client.eio.sid.split(".", 1)[0]

    async def vote(self, round_id: int, value: str, deadline: float) -> bool:
        import asyncio
        import uuid

        import socketio as sio

        cvid, attempts = uuid.uuid4().hex, 0
        while time.monotonic() < deadline:
            try:
                ack = await self.client.call("vote", {"round_id": round_id, "value": value, "client_vote_id": cvid},
                                             namespace=NS, timeout=5)
            except (sio.exceptions.TimeoutError, sio.exceptions.BadNamespaceError,
                    sio.exceptions.DisconnectedError):
                self.timeouts += 1  # no answer, or offline: the same vote again shortly
                await asyncio.sleep(0.3)
                continue
            if not isinstance(ack, dict):
                ack = {"ok": False, "error": {"code": "bad_ack"}}
            if ack.get("ok"):
                self.acked.append((cvid, value))
                return True
            code = ack["error"]["code"]
            self.refusals[code] = self.refusals.get(code, 0) + 1
            if code not in RETRIED or attempts >= len(BACKOFF):
                self.gave_up.append(f"{cvid}: {ack['error']}")
                return False
            await asyncio.sleep(BACKOFF[attempts] * (0.8 + 0.4 * (self.n % 5) / 4))
            attempts += 1
        self.gave_up.append(f"{cvid}: still pending at the deadline")
        return False


class Projector:
    """The projector's socket (through nginx): the last tally it received."""

    def __init__(self):
        self.client, self.tally = None, None

    async def connect(self, url: str, session_id: int, token: str) -> None:
        import socketio as sio

        self.client = sio.AsyncClient(reconnection=True, reconnection_delay=0.2, reconnection_delay_max=1)
        self.client.on("tally", self._tally, namespace=NS)
        await self.client.connect(url, namespaces=[NS], auth={"token": token, "session_id": session_id,
                                                              "view": "projector"}, wait_timeout=20)
        self.process = self.client.eio.sid.split(".", 1)[0]

    async def _tally(self, data):
        self.tally = data

    async def shows(self, counts: dict, within: float) -> dict | None:
        import asyncio

        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.tally and self.tally.get("tally", {}).get("counts") == counts:
                return self.tally
            await asyncio.sleep(0.05)  # bounded wait for the server's push
        return None


@pytest.fixture(scope="module")
def faulty_cluster(tmp_path_factory):
    """Two processes behind nginx (deploy/cluster) on a private redis-server and a throw-away
    PostgreSQL database; yields (cluster, redis, database url)."""
    from helpers import private_redis, run_cluster

    folder = tmp_path_factory.mktemp("faults")
    with postgres_database("mesa_faults") as url, private_redis(folder) as redis, \
            run_cluster(folder / "cluster", url, redis.url, WORKSHOP_JOIN_LIMIT_PER_ADDRESS="100000/60") as cluster:
        yield cluster, redis, url


def _room(cluster, phones: int = PHONES):
    """A session through nginx with an open named approve round and `phones` people joined."""
    from helpers import Api, join_over_http, live_session

    api = Api(cluster.url)
    session = live_session(api, items=1)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                      json={"item_ids": session["item_ids"], "method": "approve", "anonymous": False})
    api.call("POST", f"/rounds/{round_['id']}/open")
    tokens = [join_over_http(cluster.url, session, n, SECTORS[n % 4]) for n in range(phones)]
    return api, session, round_["id"], tokens


def _run_async(main):
    """Run the coroutine function `main` in an event loop of its own, in a thread of its own (the
    browser tests' Playwright keeps a loop running in the main thread), and return its result."""
    import asyncio
    import threading

    outcome = {}

    def run():
        try:
            outcome["result"] = asyncio.run(main())
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="storm")
    thread.start()
    thread.join(STORM_DEADLINE + 60)
    if thread.is_alive():
        raise AssertionError("the storm did not end in time")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


class Storm:
    """The phones and the projector of a room, connected through nginx."""

    def __init__(self, round_id: int):
        self.round_id, self.phones, self.projector = round_id, [], Projector()
        self.deadline = time.monotonic() + STORM_DEADLINE

    async def connect(self, cluster, session, tokens, api_token) -> None:
        import asyncio

        self.phones = [Phone(n, token) for n, token in enumerate(tokens)]
        await asyncio.gather(*(p.connect(cluster.url, session["id"]) for p in self.phones))
        await self.projector.connect(cluster.url, session["id"], api_token)

    async def wave(self, seconds: float) -> None:
        """Every phone votes again and again for `seconds`, then waits for its last vote's ack."""
        import asyncio

        until = time.monotonic() + seconds

        async def keep_voting(phone):
            k = len(phone.acked)
            while time.monotonic() < until:
                await phone.vote(self.round_id, VALUES[(phone.n + k) % 3], self.deadline)
                k += 1
                await asyncio.sleep(0.5 + 0.5 * ((phone.n * 7 + k) % 10) / 10)  # a quick thumb, not a script

        await asyncio.gather(*(keep_voting(p) for p in self.phones))

    def expected(self) -> dict:
        """The tally the room must show: each phone's last acked vote."""
        return {v: sum(1 for p in self.phones if p.acked and p.acked[-1][1] == v) for v in VALUES}

    def gave_up(self) -> list[str]:
        return [g for p in self.phones for g in p.gave_up]

    async def close(self) -> None:
        for client in [p.client for p in self.phones] + [self.projector.client]:
            await client.disconnect()


def _check_the_record(cluster, database_url, api, round_id, phones, expected):
    """Every acked vote is stored, none twice, the last one of each phone is the one counted, and the
    frozen tally agrees."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            receipts = set(conn.scalars(text("SELECT client_vote_id FROM vote_receipts WHERE round_id = :r"),
                                        {"r": round_id}))
            counted = list(conn.scalars(text("SELECT client_vote_id FROM votes WHERE round_id = :r"),
                                        {"r": round_id}))
    finally:
        engine.dispose()
    acked = {cvid for p in phones for cvid, _ in p.acked}
    assert acked <= receipts, f"{len(acked - receipts)} acked votes are not stored"
    assert len(counted) == len(set(counted)) == sum(1 for p in phones if p.acked), "a phone counted twice"
    assert set(counted) == {p.acked[-1][0] for p in phones if p.acked}, "a counted vote is not the phone's last"
    closed = api.call("POST", f"/rounds/{round_id}/close")
    assert closed["tally"]["counts"] == expected
    assert closed["tally"]["total"] == len(counted) == PHONES


def _check_recovered(cluster, pids):
    import requests

    for name in cluster.mesa:
        assert cluster.alive(name) and cluster.processes[name]["pid"] == pids[name], f"{name} was restarted"
        health_check = requests.get(f"{cluster.process_url(name)}/healthz", timeout=5)
        assert health_check.status_code == 200, (name, health_check.text)
        assert set(health_check.json()["checks"].values()) == {"ok"}


def test_a_redis_restart_mid_storm_loses_no_vote_and_the_projector_catches_up(faulty_cluster):
    """Redis stops in the middle of the storm; the phones' acks never needed it. The storm ends while
    Redis is down and a phone on the other process than the projector's changes its vote last, so
    the projector's process missed it: once Redis is back, each process subscribes again by itself
    and resends its own screens the state, and the projector shows the right tally. Then the room
    goes on voting through the restarted Redis."""
    import asyncio

    cluster, redis, database_url = faulty_cluster
    pids = {name: cluster.processes[name]["pid"] for name in cluster.mesa}
    api, session, round_id, tokens = _room(cluster)

    async def main():
        storm = Storm(round_id)
        await storm.connect(cluster, session, tokens, api.token)
        wave = asyncio.create_task(storm.wave(4.0))
        await asyncio.sleep(1.5)
        await asyncio.to_thread(redis.stop)
        await wave  # the first wave ends while Redis is down…
        # …the projector's process sends its last tallies (a flush repeats for up to PHONE_INTERVAL)…
        await asyncio.sleep(1.5)
        other = next(p for p in storm.phones if p.process != storm.projector.process)
        assert await other.vote(round_id, VALUES[(VALUES.index(other.acked[-1][1]) + 1) % 3], storm.deadline)
        # …and the last change of all, on the other process, cannot reach the projector's process.
        await asyncio.sleep(1.5)
        await asyncio.to_thread(redis.start)
        restarted = time.monotonic()
        caught_up = await storm.projector.shows(storm.expected(), within=20)
        catching_up = time.monotonic() - restarted
        await storm.wave(1.5)  # the room goes on through the restarted Redis
        final = await storm.projector.shows(storm.expected(), within=20)
        await storm.close()
        return storm, caught_up, final, catching_up

    storm, caught_up, final, seconds = _run_async(main)
    assert not storm.gave_up(), storm.gave_up()[:5]
    assert {p.process for p in storm.phones} == {"p1", "p2"}  # both processes took phones
    assert not {code for p in storm.phones for code in p.refusals} - {"rate_limited"}, \
        [p.refusals for p in storm.phones]
    assert caught_up is not None, "the projector kept the tally it had when Redis went down"
    assert final is not None, f"the projector never showed {storm.expected()}"
    _check_the_record(cluster, database_url, api, round_id, storm.phones, storm.expected())
    _check_recovered(cluster, pids)
    for name in cluster.mesa:
        assert "Traceback" not in cluster.output(name), cluster.output(name)[-3000:]
    print(f"\nredis restart: {sum(len(p.acked) for p in storm.phones)} votes acked; the projector caught up "
          f"{seconds:.1f} s after Redis was back")


def test_dropped_postgresql_connections_mid_storm_lose_no_vote(faulty_cluster):
    """Every connection of the database is terminated (pg_terminate_backend) six times in the middle
    of the storm: votes caught in a dropped transaction are tried again by the server, or refused
    and resent by the phone, and every phone ends with its votes acked and counted once."""
    import asyncio

    cluster, _redis, database_url = faulty_cluster
    pids = {name: cluster.processes[name]["pid"] for name in cluster.mesa}
    api, session, round_id, tokens = _room(cluster)
    database = database_url.rsplit("/", 1)[1]
    killed = []

    def terminate_backends() -> int:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                return conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                         "WHERE datname = :name AND pid <> pg_backend_pid()"),
                                    {"name": database}).scalar()
        finally:
            admin.dispose()

    async def main():
        storm = Storm(round_id)
        await storm.connect(cluster, session, tokens, api.token)
        wave = asyncio.create_task(storm.wave(5.0))
        await asyncio.sleep(1.5)
        for _ in range(6):
            killed.append(await asyncio.to_thread(terminate_backends))
            await asyncio.sleep(0.3)
        await wave
        shown = await storm.projector.shows(storm.expected(), within=20)
        await storm.close()
        return storm, shown

    storm, shown = _run_async(main)
    assert sum(killed) > 0, "no connection was dropped"
    assert not storm.gave_up(), storm.gave_up()[:5]
    refusals = {code for p in storm.phones for code in p.refusals}
    assert "server_error" not in refusals, "a dropped connection was answered as a bug"
    assert shown is not None, f"the projector never showed {storm.expected()}"
    _check_the_record(cluster, database_url, api, round_id, storm.phones, storm.expected())
    _check_recovered(cluster, pids)
    for name in cluster.mesa:
        assert "live event vote failed" not in cluster.output(name)
    print(f"\npostgresql drops: {sum(killed)} connections ended, {sum(len(p.acked) for p in storm.phones)} votes "
          f"acked, refusals {refusals or 'none'}")


def test_a_connect_while_the_database_cannot_be_read_is_refused_cleanly(app, make_session, join, monkeypatch,
                                                                        caplog):
    """The database drops the connection while a phone connects: the connection is refused
    `storage_unavailable` (the phone tries again), with no traceback in the log."""
    from sqlalchemy.exc import OperationalError

    from workshop.extensions import socketio
    from workshop.live import events

    class PgError(Exception):
        pgcode = "57P01"  # admin_shutdown: the server ended the connection

    session = make_session(status="live")
    _participant, token = join(session)

    def lost(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, PgError("terminating connection"))

    monkeypatch.setattr(events, "snapshot", lost)
    with caplog.at_level("INFO"):
        phone = socketio.test_client(app, namespace="/live", auth={"token": token, "session_id": session.id},
                                     flask_test_client=app.test_client())
    assert not phone.is_connected("/live")
    assert not [r for r in caplog.records if r.exc_info], "a storage failure at connect is no bug"
    monkeypatch.undo()
    again = socketio.test_client(app, namespace="/live", auth={"token": token, "session_id": session.id},
                                 flask_test_client=app.test_client())
    assert again.is_connected("/live")
    again.disconnect("/live")


def test_a_change_stored_before_the_push_failed_is_answered_ok(app, make_session, join, token_for, monkeypatch,
                                                               caplog):
    """The round closes and commits; then the database drops while the live layer reads the screens'
    snapshots. The facilitator is told ok (the round is closed, and stays so), not "nothing was
    saved"; no traceback is logged, and the screens catch up at the next change."""
    from sqlalchemy.exc import OperationalError

    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.models import StaffUser
    from workshop.live import broadcast
    from workshop.voting.models import Round

    class PgError(Exception):
        pgcode = "57P01"

    session, round_ = _live_round()
    facilitator = _db.session.scalar(select(StaffUser).where(StaffUser.role == "facilitator"))
    console = socketio.test_client(app, namespace=NS, flask_test_client=app.test_client(),
                                   auth={"token": issue_staff_token(facilitator), "session_id": session.id})
    assert console.is_connected(NS)
    monkeypatch.setattr(broadcast, "snapshot", lambda *a, **k: (_ for _ in ()).throw(
        OperationalError("SELECT", {}, PgError("terminating connection"))))
    with caplog.at_level("INFO"):
        ack = console.emit("close_round", {"round_id": round_.id}, namespace=NS, callback=True)
    assert ack["ok"] is True, ack
    _db.session.rollback()
    assert _db.session.get(Round, round_.id).state == "closed"
    assert not [r for r in caplog.records if r.exc_info], "a push that failed after the commit is no bug"
    console.disconnect(NS)


def test_a_login_holds_no_database_transaction_while_it_hashes(app, make_staff, monkeypatch):
    """Logins queue for the one hashing slot: none may hold a pooled database connection meanwhile
    (the room's votes need them)."""
    from workshop.accounts import auth

    make_staff("admin", email="a@example.org")
    seen = []
    real = auth.run_hash

    def watch(*args, **kwargs):
        seen.append(_db.session().in_transaction())
        return real(*args, **kwargs)

    monkeypatch.setattr(auth, "run_hash", watch)
    assert auth.authenticate("a@example.org", "wrong") is None
    assert auth.authenticate("nobody@example.org", "wrong") is None
    assert len(seen) >= 2 and not any(seen)  # (the first unknown email also makes the dummy hash)
