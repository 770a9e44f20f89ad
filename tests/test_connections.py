"""The server's connections at the edge (run.py under eventlet), against the real server on loopback.

With the timeouts and caps scaled down: silent sockets are closed after the read or idle timeout,
healthy WebSockets and long-polling clients are not (Engine.IO's pings keep them talking), one
address holding its cap leaves the server answering everyone else, and a long-polling POST over
Engine.IO's buffer is answered 413 at once. Every wait is bounded by a deadline.
"""
from __future__ import annotations

import socket
import time

import pytest
import requests
import socketio

from helpers import Api, live_session, run_server

pytestmark = pytest.mark.server

READ_TIMEOUT, IDLE_TIMEOUT = 2.5, 1.5
PING_INTERVAL, PING_TIMEOUT = 0.5, 1.0
CAP = 12
#: A second loopback address: the "other client" of the cap tests (Linux routes all of 127/8 to lo).
OTHER_ADDRESS = "127.0.0.2"


@pytest.fixture(scope="module")
def edge_server(tmp_path_factory):
    """A server with short timeouts and a small cap per address."""
    with run_server(tmp_path_factory.mktemp("edge"), WORKSHOP_READ_TIMEOUT=str(READ_TIMEOUT),
                    WORKSHOP_IDLE_TIMEOUT=str(IDLE_TIMEOUT), WORKSHOP_PING_INTERVAL=str(PING_INTERVAL),
                    WORKSHOP_PING_TIMEOUT=str(PING_TIMEOUT), WORKSHOP_CONNECTIONS_PER_ADDRESS=str(CAP),
                    WORKSHOP_MAX_CONNECTIONS="40") as running:
        yield running


def address(server) -> tuple[str, int]:
    host, port = server.url.rsplit("//", 1)[1].split(":")
    return host, int(port)


def connect(server, source: str = "127.0.0.1") -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.connect(address(server))
    return sock


def closed_after(sock: socket.socket, limit: float, since: float | None = None) -> float:
    """Seconds from `since` (default: now) until the server closed `sock`, reading what it sent
    meanwhile; fails when it is still open `limit` seconds after `since`."""
    start = time.monotonic() if since is None else since
    sock.settimeout(0.2)
    while time.monotonic() - start < limit:
        try:
            if sock.recv(65536) == b"":
                return time.monotonic() - start
        except TimeoutError:
            continue
        except ConnectionResetError:
            return time.monotonic() - start
    raise AssertionError(f"the server kept the socket open for more than {limit} s")


def test_silent_and_half_sent_sockets_are_closed_after_their_timeout(edge_server):
    start = time.monotonic()
    idle = [connect(edge_server) for _ in range(5)]
    half_sent = [connect(edge_server) for _ in range(5)]
    for sock in half_sent:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    kept_alive = connect(edge_server)
    kept_alive.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    # Never before its timeout, and within a few seconds after it (the machine may be busy).
    for sock in idle + [kept_alive]:
        assert IDLE_TIMEOUT - 0.2 <= closed_after(sock, IDLE_TIMEOUT + 3, since=start)
    for sock in half_sent:
        assert READ_TIMEOUT - 0.2 <= closed_after(sock, READ_TIMEOUT + 3, since=start)
    for sock in idle + half_sent + [kept_alive]:
        sock.close()
    assert requests.get(f"{edge_server.url}/healthz", timeout=5).status_code == 200


def test_healthy_live_connections_outlive_the_timeouts(edge_server):
    """Screens that say nothing for twice the read timeout stay connected, over WebSocket and long
    polling alike: Engine.IO's pings and pongs cross each connection every PING_INTERVAL."""
    api = Api(edge_server.url)
    session = live_session(api, items=1)
    clients, disconnects = [], []
    for transport in ("websocket", "polling"):
        client = socketio.Client(reconnection=False)
        client.on("disconnect", lambda *args, t=transport: disconnects.append(t), namespace="/live")
        client.connect(edge_server.url, namespaces=["/live"], transports=[transport],
                       auth={"token": api.token, "session_id": session["id"]})
        clients.append(client)
    try:
        deadline = time.monotonic() + 2 * READ_TIMEOUT
        while time.monotonic() < deadline and not disconnects:
            clients[0].sleep(0.2)
        assert not disconnects and all(client.connected for client in clients)
        for client in clients:
            # Still a working connection, not a half-dead one: an event is answered (staff do not vote).
            answer = client.call("vote", {}, namespace="/live", timeout=5)
            assert answer["ok"] is False and answer["error"]["code"] == "forbidden"
    finally:
        for client in clients:
            client.disconnect()


def test_one_address_at_its_cap_leaves_the_server_to_everyone_else(tmp_path):
    with run_server(tmp_path, WORKSHOP_CONNECTIONS_PER_ADDRESS=str(CAP), WORKSHOP_MAX_CONNECTIONS="40") as server:
        api = Api(server.url)
        session = live_session(api, items=1)
        held = [connect(server, OTHER_ADDRESS) for _ in range(CAP)]
        # Every one of them is held by the server (it answers a request on each) …
        for sock in held[:2]:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            sock.settimeout(5)
            assert sock.recv(65536).startswith(b"HTTP/1.1 200")
        # … and one more from the same address is closed at once, without an answer.
        extra = connect(server, OTHER_ADDRESS)
        extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert closed_after(extra, 3) < 3
        # Everyone else is answered as usual.
        start = time.monotonic()
        assert requests.get(f"{server.url}/healthz", timeout=5).status_code == 200
        assert requests.get(f"{server.url}/j/{session['join_code']}", timeout=5).status_code == 200
        assert time.monotonic() - start < 3
        # The address's connections are counted until they close, then it is served again.
        for sock in held + [extra]:
            sock.close()
        deadline = time.monotonic() + 5
        while True:
            again = connect(server, OTHER_ADDRESS)
            again.settimeout(2)
            try:
                again.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if again.recv(65536).startswith(b"HTTP/1.1 200"):
                    break
            except OSError:
                pass
            finally:
                again.close()
            assert time.monotonic() < deadline, "the address stayed capped after its sockets closed"


def engineio_session(url: str) -> str:
    """A long-polling Engine.IO session (the handshake only): its sid."""
    response = requests.get(f"{url}/socket.io/?EIO=4&transport=polling", timeout=5)
    assert response.status_code == 200, response.text
    import json

    return json.loads(response.text[1:])["sid"]


def test_an_oversized_long_polling_post_is_answered_413_at_once(edge_server):
    sid = engineio_session(edge_server.url)
    url = f"{edge_server.url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    start = time.monotonic()
    response = requests.post(url, data=b"4" + b"x" * 100_000, headers={"Content-Type": "text/plain"}, timeout=10)
    elapsed = time.monotonic() - start
    assert response.status_code == 413 and elapsed < 1.0, (response.status_code, elapsed)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    # The Engine.IO session it was sent on is over.
    assert requests.get(url, timeout=5).status_code == 400
    # A body within the limit is still taken as usual (a pong) …
    sid = engineio_session(edge_server.url)
    url = f"{edge_server.url}/socket.io/?EIO=4&transport=polling&sid={sid}"
    assert requests.post(url, data=b"3", headers={"Content-Type": "text/plain"}, timeout=5).text == "OK"
    # … and one Engine.IO refuses for another reason (a packet type it does not know) is answered at
    # once too: it used to wait, like the oversized one, for a GET poll that never came.
    start = time.monotonic()
    response = requests.post(url, data=b"6", headers={"Content-Type": "text/plain"}, timeout=5)
    assert response.status_code == 400 and time.monotonic() - start < 1.0
    assert requests.get(url, timeout=5).status_code == 400
    assert "Traceback" not in edge_server.output


@pytest.mark.parametrize("settings, message", [
    ({"WORKSHOP_READ_TIMEOUT": "30", "WORKSHOP_PING_INTERVAL": "20", "WORKSHOP_PING_TIMEOUT": "20"},
     "must exceed the ping interval"),
    ({"WORKSHOP_CONNECTIONS_PER_ADDRESS": "50", "WORKSHOP_MAX_CONNECTIONS": "50"}, "must be below"),
], ids=["read timeout under the pings", "cap per address not under the total"])
def test_settings_that_would_defeat_the_limits_are_refused_at_start(tmp_path, settings, message):
    with pytest.raises(RuntimeError, match=message):
        with run_server(tmp_path, timeout=20, **settings):
            pass
