"""Countdowns close rounds on the real server (eventlet), also across a restart."""
from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta, timezone

import pytest

from helpers import Api, live_session, run_server

pytestmark = pytest.mark.server


def _set_deadline(db_path, round_id: int, seconds_from_now: float) -> None:
    """Move a round's stored deadline (what the clock reads), as if time had passed."""
    deadline = datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE rounds SET timer_ends_at = ? WHERE id = ?",
                     (deadline.strftime("%Y-%m-%d %H:%M:%S.%f"), round_id))


def _wait_closed(api: Api, round_id: int, within: float = 15.0) -> dict:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        round_ = api.call("GET", f"/rounds/{round_id}")
        if round_["state"] == "closed":
            return round_
        time.sleep(0.1)  # bounded poll of a condition on another process
    raise AssertionError(f"round {round_id} still open {within:.0f} s after its deadline")


def test_the_countdown_closes_the_round_and_survives_a_restart(tmp_path):
    db_path = tmp_path / "server.sqlite"
    with run_server(tmp_path) as server:
        api = Api(server.url)
        session = live_session(api, items=2)
        first = api.call("POST", f"/sessions/{session['id']}/rounds",
                         json={"item_ids": session["item_ids"][:1], "method": "approve"})
        api.call("POST", f"/rounds/{first['id']}/open", json={"seconds": 600})
        _set_deadline(db_path, first["id"], 0.5)
        closed = _wait_closed(api, first["id"])
        assert closed["outcome"] in ("agreed", "rejected", "no_quorum")
        second = api.call("POST", f"/sessions/{session['id']}/rounds",
                          json={"item_ids": session["item_ids"][1:], "method": "approve"})
        api.call("POST", f"/rounds/{second['id']}/open", json={"seconds": 600})
    # The server is down when the countdown ends…
    _set_deadline(db_path, second["id"], -1)
    with run_server(tmp_path) as server:
        # …and closes the round as soon as it is back.
        assert _wait_closed(Api(server.url), second["id"])["state"] == "closed"
        assert "Traceback" not in server.output


@pytest.fixture(params=[("sqlite", "eventlet"), ("sqlite", "threading"), ("postgresql", "eventlet"),
                        ("postgresql", "gevent")], ids=lambda p: f"{p[0]}-{p[1]}")
def racing_server(request, tmp_path):
    """A real server in one async mode on SQLite or a throw-away PostgreSQL database."""
    database, mode = request.param
    env = {"WORKSHOP_ASYNC_MODE": mode, "WORKSHOP_JOIN_LIMIT_PER_ADDRESS": "1000/60"}
    if database == "postgresql":
        from helpers import postgres_database

        with postgres_database("mesa_race") as url, run_server(tmp_path, WORKSHOP_DATABASE_URL=url, **env) as server:
            yield server
    else:
        with run_server(tmp_path, **env) as server:
            yield server


def test_votes_racing_a_close_over_real_sockets_are_all_in_the_tally(racing_server):
    """Phones keep voting over Socket.IO while the facilitator closes the round through the API:
    the frozen tally equals the last vote each phone had acked, in every async mode."""
    import threading

    import socketio

    from helpers import join_over_http

    api = Api(racing_server.url)
    session = live_session(api, items=1)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                      json={"item_ids": session["item_ids"], "method": "approve", "anonymous": False})
    api.call("POST", f"/rounds/{round_['id']}/open")
    phones = []
    for n in range(16):
        token = join_over_http(racing_server.url, session, n, ("public", "private", "academic", "civil_society")[n % 4])
        phone = socketio.Client(reconnection=False)
        phone.connect(racing_server.url, namespaces=["/live"], auth={"token": token, "session_id": session["id"]},
                      transports=["websocket"])
        phones.append(phone)
    acked: dict[int, str] = {}
    lock = threading.Lock()
    go = threading.Event()

    def vote_until_refused(n: int, phone) -> None:
        go.wait(10)
        for k in range(40):  # bounded: at most 40 votes a phone
            value = ("approve", "neutral", "reject")[(n + k) % 3]
            ack = phone.call("vote", {"round_id": round_["id"], "value": value, "client_vote_id": f"{n}-{k}"},
                             namespace="/live", timeout=15)
            if not ack["ok"]:
                assert ack["error"]["code"] in ("round_closed", "rate_limited"), ack
                if ack["error"]["code"] == "round_closed":
                    return
                continue
            with lock:
                acked[n] = value

    threads = [threading.Thread(target=vote_until_refused, args=(n, p)) for n, p in enumerate(phones)]
    for t in threads:
        t.start()
    go.set()
    while not acked:  # let the room get going, then close in the middle of it
        threading.Event().wait(0.01)
    closed = api.call("POST", f"/rounds/{round_['id']}/close")
    for t in threads:
        t.join(timeout=60)
    # Hang up all at once (a client's disconnect waits for the server's goodbye).
    closers = [threading.Thread(target=phone.disconnect) for phone in phones]
    for t in closers:
        t.start()
    for t in closers:
        t.join(timeout=15)
    expected = {c: sum(1 for v in acked.values() if v == c) for c in ("approve", "neutral", "reject")}
    assert closed["tally"]["counts"] == expected
    assert closed["tally"]["total"] == len(acked)
    assert "Traceback" not in racing_server.output
