"""Services announce, live listens: the console follows a change however it was made, and limits
shared through Redis hold across processes."""
from __future__ import annotations

import pytest

from helpers import REDIS_URL, STAFF_PASSWORD, check_redis, service_or_skip
from workshop.extensions import socketio

NS = "/live"


def _agendas(sio):
    return [e["args"][0] for e in sio.get_received(NS) if e["name"] == "agenda"]


def test_the_console_sees_the_agenda_change_from_the_page_the_api_and_the_socket(app, make_session,
                                                                                 make_staff,
                                                                                 join):
    from workshop.accounts.auth import issue_staff_token

    session = make_session(items=3)
    facilitator = make_staff("facilitator")
    token = issue_staff_token(facilitator)
    console = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                                   flask_test_client=app.test_client())
    console.get_received(NS)
    first, second, third = [e.item_id for e in session.agenda]

    # 1. The session page removes an item.
    browser = app.test_client()
    assert browser.post("/login", data={"email": facilitator.email, "password": STAFF_PASSWORD}).status_code == 302
    removed = browser.post(f"/sessions/{session.id}/agenda", data={"action": "remove", "item_id": third})
    assert removed.status_code == 302
    assert [i["id"] for i in _agendas(console)[-1]] == [first, second]

    # 2. The API replaces the whole agenda.
    response = app.test_client().patch(f"/api/v1/sessions/{session.id}", json={"item_ids": [second, first]},
                                       headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.get_json()
    assert [i["id"] for i in _agendas(console)[-1]] == [second, first]

    # 3. On the socket, accepting a proposal appends its item.
    _participant, phone_token = join(session)
    phone = socketio.test_client(app, namespace=NS, auth={"token": phone_token, "session_id": session.id},
                                 flask_test_client=app.test_client())
    proposed = phone.emit("propose", {"kind": "policy_reform", "title": "Ventanilla única"}, namespace=NS,
                          callback=True)
    assert proposed["ok"], proposed
    accepted = console.emit("handle_proposal", {"proposal_id": proposed["proposal_id"], "accept": True},
                            namespace=NS, callback=True)
    assert accepted["ok"], accepted
    assert [i["id"] for i in _agendas(console)[-1]] == [second, first, accepted["item_id"]]


def test_join_limits_are_shared_by_processes_through_redis():
    """Two workers (two limiters on one Redis) count the same window."""
    from workshop.ratelimit import RedisLimiter

    url = service_or_skip("Redis", REDIS_URL, check_redis)
    first, second = RedisLimiter(url), RedisLimiter(url)
    key = f"test-{id(first)}"
    hits = [(first if n % 2 else second).hit("join-address", key, 5, 60) for n in range(8)]
    assert hits == [True] * 5 + [False] * 3


@pytest.mark.parametrize("count", [1, 3])
def test_memory_limiter_windows(count):
    from workshop.ratelimit import MemoryLimiter

    limiter = MemoryLimiter()
    assert [limiter.hit("b", "k", count, 10, now=0.0) for _ in range(count + 1)] == [True] * count + [False]
    assert limiter.hit("b", "k", count, 10, now=10.5)  # a new window
