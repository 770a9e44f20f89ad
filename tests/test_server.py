"""The real server (`python run.py` under eventlet) driven by real clients over loopback."""
from __future__ import annotations

import threading

import pytest
import requests
import socketio

from helpers import SECTORS, Api, Watcher, join_over_http, live_session, run_server

pytestmark = pytest.mark.server


def test_twenty_phones_vote_and_the_projector_sees_the_final_tally(server):
    api = Api(server.url)
    session = live_session(api)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                      json={"item_ids": session["item_ids"][:1], "method": "approve", "quorum": 10,
                            "threshold": 0.5, "cross_sector": False, "anonymous": True, "results": "live"})
    api.call("POST", f"/rounds/{round_['id']}/open")
    projector = Watcher(server.url, session["id"], api.token)
    phones, acks, errors = [], [], []
    for n in range(20):
        token = join_over_http(server.url, session, n, SECTORS[n % 4])
        phone = socketio.Client(reconnection=False)
        phone.connect(server.url, namespaces=["/live"], auth={"token": token, "session_id": session["id"]},
                      transports=["websocket"])
        phones.append(phone)

    def vote(n, phone):
        value = "approve" if n % 5 else "reject"
        try:
            acks.append(phone.call("vote", {"round_id": round_["id"], "value": value, "client_vote_id": f"v{n}"},
                                   namespace="/live", timeout=10))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=vote, args=(n, p)) for n, p in enumerate(phones)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not errors and len(acks) == 20 and all(a["ok"] for a in acks)
    final = projector.wait_for(lambda t: t["tally"]["total"] == 20)
    assert final["tally"]["counts"] == {"approve": 16, "neutral": 0, "reject": 4}
    assert final["tally"]["by_sector"]["public"]["total"] == 5
    assert final["turnout"] == {"joined": 20, "voted": 20}
    closed = api.call("POST", f"/rounds/{round_['id']}/close")
    assert closed["outcome"] == "agreed" and closed["tally"]["total"] == 20
    for phone in phones + [projector.client]:
        phone.disconnect()
    assert "Traceback" not in server.output


def test_a_phone_that_drops_resends_and_is_counted_once(server):
    api = Api(server.url)
    session = live_session(api)
    round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                      json={"item_ids": session["item_ids"][:1], "method": "score"})
    api.call("POST", f"/rounds/{round_['id']}/open")
    token = join_over_http(server.url, session, 1, "academic")
    auth = {"token": token, "session_id": session["id"]}
    phone = socketio.Client(reconnection=False)
    phone.connect(server.url, namespaces=["/live"], auth=auth, transports=["websocket"])
    vote = {"round_id": round_["id"], "value": 4, "client_vote_id": "pending-1"}
    phone.emit("vote", vote, namespace="/live")  # sent, and the connection drops before the ack
    phone.disconnect()
    states = []
    phone = socketio.Client(reconnection=False)
    phone.on("state", states.append, namespace="/live")
    phone.connect(server.url, namespaces=["/live"], auth=auth, transports=["websocket"])
    reply = phone.call("vote", vote, namespace="/live", timeout=10)  # the phone resends what was not confirmed
    assert reply["ok"] is True and reply["client_vote_id"] == "pending-1"
    assert states and states[0]["audience"] == "participant"
    again = phone.call("vote", vote, namespace="/live", timeout=10)
    assert again["ok"] and again["duplicate"] is True
    tally = api.call("GET", f"/rounds/{round_['id']}")["tally"]
    assert tally["total"] == 1 and tally["counts"]["4"] == 1
    phone.disconnect()


def test_bad_token_is_refused_at_connect(server):
    api = Api(server.url)
    session = live_session(api)
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server.url, namespaces=["/live"], auth={"token": "forged", "session_id": session["id"]},
                       transports=["websocket"], wait_timeout=5)


def test_foreign_origin_is_refused(server):
    r = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling", headers={"Origin": "http://evil.example"},
                     timeout=5)
    assert r.status_code == 400
    ok = requests.get(f"{server.url}/socket.io/?EIO=4&transport=polling", headers={"Origin": server.url}, timeout=5)
    assert ok.status_code == 200


def test_first_start_prints_a_random_admin_password_that_works(tmp_path):
    with run_server(tmp_path, WORKSHOP_ADMIN_EMAIL=None, WORKSHOP_ADMIN_PASSWORD=None) as running:
        line = [ln for ln in running.output.splitlines() if "first admin created" in ln][0]
        password = line.split("password:")[1].split()[0]
        assert "admin@example.org" in line
        Api(running.url, "admin@example.org", password)
        assert requests.post(f"{running.url}/api/v1/auth/token",
                             json={"email": "admin@example.org", "password": "wrong"}, timeout=5).status_code == 401


@pytest.mark.parametrize("mode", ["gevent", "threading"])
def test_other_async_modes_serve_votes_over_websocket(tmp_path, mode):
    with run_server(tmp_path, WORKSHOP_ASYNC_MODE=mode) as running:
        api = Api(running.url)
        session = live_session(api)
        round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                          json={"item_ids": session["item_ids"][:1], "method": "approve"})
        api.call("POST", f"/rounds/{round_['id']}/open")
        phone = socketio.Client(reconnection=False)
        phone.connect(running.url, namespaces=["/live"], transports=["websocket"],
                      auth={"token": join_over_http(running.url, session, 1, "public"), "session_id": session["id"]})
        assert phone.call("vote", {"round_id": round_["id"], "value": "approve", "client_vote_id": "m"},
                          namespace="/live", timeout=10)["ok"]
        phone.disconnect()
        assert api.call("GET", f"/rounds/{round_['id']}")["tally"]["total"] == 1
        assert f"({mode})" in running.output
