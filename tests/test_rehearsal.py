"""`flask rehearse`: simulated phones join a live session through the real server and vote."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from helpers import ROOT, SECTORS, Api, join_over_http, live_session

pytestmark = pytest.mark.server


def _rehearse(server, *args: str) -> subprocess.Popen:
    env = {**os.environ, "WORKSHOP_DATABASE_URL": f"sqlite:///{server.log_path.parent / 'server.sqlite'}",
           "WORKSHOP_SECRET_KEY": "server-test-secret", "WORKSHOP_DEMO": "0", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "flask", "--app", "workshop", "rehearse", *args,
                             "--url", server.url], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_rehearsal_phones_vote_on_an_open_round_and_leave_the_record_at_the_end(server):
    api = Api(server.url)
    session = live_session(api)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                      json={"item_ids": session["item_ids"][:1], "method": "approve"})
    api.call("POST", f"/rounds/{round_['id']}/open")
    process = _rehearse(server, str(session["id"]), "--phones", "6", "--pace", "1", "--minutes", "2")
    try:
        tally = _wait(lambda: (t := api.call("GET", f"/rounds/{round_['id']}")["tally"])["total"] == 6 and t,
                      60, "six rehearsal votes on the round")
        assert sum(tally["counts"].values()) == 6
        people = api.call("GET", f"/sessions/{session['id']}/participants")["participants"]
        assert sorted(p["name"] for p in people) == [f"Ensayo {n}" for n in range(1, 7)]
        assert {p["organisation"] for p in people} == {"Ensayo (simulado)"}
        assert {p["sector"] for p in people} == set(SECTORS)
        process.send_signal(signal.SIGINT)  # Ctrl-C: the rehearsal removes its participants
        output, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, output
    assert "Removed 6 simulated participants" in output, output
    people = api.call("GET", f"/sessions/{session['id']}/participants")["participants"]
    assert all(p["removed_at"] for p in people), people
    assert api.call("GET", f"/rounds/{round_['id']}")["tally"]["total"] == 0  # their votes no longer count


def test_rehearsal_refuses_a_session_with_real_participants_or_not_live(server):
    api = Api(server.url)
    session = live_session(api)
    join_over_http(server.url, session, 1, "public")
    process = _rehearse(server, str(session["id"]), "--phones", "3", "--minutes", "0.1")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 1 and "has 1 real participants" in output, output
    assert len(api.call("GET", f"/sessions/{session['id']}/participants")["participants"]) == 1
    api.call("POST", f"/sessions/{session['id']}/end")
    process = _rehearse(server, str(session["id"]), "--phones", "3", "--yes", "--minutes", "0.1")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 1 and "start it first" in output, output
    assert len(api.call("GET", f"/sessions/{session['id']}/participants")["participants"]) == 1
