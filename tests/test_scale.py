"""Several processes behind a proxy: PostgreSQL for data, Redis as the Socket.IO message queue.

A vote on one worker must reach the projector connected to another.
"""
from __future__ import annotations

import uuid

import pytest
import requests
import socketio

from helpers import (
    REDIS_URL,
    Api,
    Watcher,
    check_redis,
    join_over_http,
    live_session,
    postgres_database,
    run_server,
    service_or_skip,
)

pytestmark = pytest.mark.server


@pytest.fixture
def postgres_url():
    with postgres_database("mesa_scale") as url:
        yield url


@pytest.fixture
def queue_url():
    url = service_or_skip("Redis", REDIS_URL, check_redis)
    return url.rsplit("/", 1)[0] + "/5"


def test_vote_on_one_worker_reaches_the_projector_on_another(tmp_path, postgres_url, queue_url):
    # A channel of this run's own: other runs on the shared Redis also have a session 1 and its rooms.
    env = {"WORKSHOP_DATABASE_URL": postgres_url, "WORKSHOP_MESSAGE_QUEUE": queue_url,
           "WORKSHOP_MESSAGE_QUEUE_CHANNEL": f"mesa-test-{uuid.uuid4().hex[:8]}"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with run_server(tmp_path / "a", **env) as first, run_server(tmp_path / "b", **env) as second:
        health = requests.get(f"{second.url}/healthz", timeout=5).json()
        assert health["checks"] == {"database": "ok", "storage": "ok", "message_queue": "ok"}
        api = Api(first.url)
        session = live_session(api)
        projector = Watcher(second.url, session["id"], api.token)  # the projector sits on worker B
        round_ = api.call("POST", f"/sessions/{session['id']}/rounds",  # named: sector figures are shown
                          json={"item_ids": session["item_ids"][:1], "method": "approve", "anonymous": False})
        api.call("POST", f"/rounds/{round_['id']}/open")  # opened through worker A
        phones = []
        for n in range(6):
            token = join_over_http(first.url, session, n, ("public", "private", "academic")[n % 3])
            phone = socketio.Client(reconnection=False)
            phone.connect(first.url, namespaces=["/live"], auth={"token": token, "session_id": session["id"]},
                          transports=["websocket"])
            assert phone.call("vote", {"round_id": round_["id"], "value": "approve", "client_vote_id": f"s{n}"},
                              namespace="/live", timeout=10)["ok"]
            phones.append(phone)
        final = projector.wait_for(lambda t: t["tally"]["total"] == 6)
        assert final["tally"]["by_sector"]["academic"]["counts"]["approve"] == 2
        assert any(s.get("round") and s["round"]["id"] == round_["id"] for s in projector.states)
        for phone in phones + [projector.client]:
            phone.disconnect()


def test_healthz_without_a_queue_checks_only_the_database(tmp_path):
    with run_server(tmp_path, WORKSHOP_MESSAGE_QUEUE=None) as server:
        r = requests.get(f"{server.url}/healthz", timeout=5)
        assert r.status_code == 200 and r.json()["checks"] == {"database": "ok", "storage": "ok"}


def test_healthz_reports_an_unreachable_queue(app):
    app.config["MESSAGE_QUEUE"] = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    r = app.test_client().get("/healthz")
    assert r.status_code == 503 and r.json["checks"]["message_queue"].startswith("error")
    assert r.json["error"]["code"] == "unavailable"
