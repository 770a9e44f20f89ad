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
