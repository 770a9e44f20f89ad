"""deploy/cluster: several processes of run.py behind nginx, on Redis and PostgreSQL, on this machine.

One test starts the set with the documented command (two processes, the shared Redis on a channel
of its own, a throw-away PostgreSQL database), uses it as phones and a projector would, and stops it.
"""
from __future__ import annotations

import re
import subprocess
import threading
import time
import uuid

import pytest
import requests
import socketio

from helpers import (
    CLUSTER_COMMAND,
    REDIS_URL,
    ROOT,
    SECTORS,
    Api,
    Watcher,
    check_redis,
    join_over_http,
    live_session,
    postgres_database,
    run_cluster,
    service_or_skip,
)

pytestmark = pytest.mark.server


def _phone(url: str, token: str, session_id: int, polling_only: bool) -> socketio.Client:
    phone = socketio.Client(reconnection=False)
    # Long-polling only: every request of the session is a new HTTP request that nginx must send to
    # the process holding the session. Otherwise polling first, then the upgrade to WebSocket.
    phone.connect(url, namespaces=["/live"], auth={"token": token, "session_id": session_id},
                  transports=["polling"] if polling_only else ["polling", "websocket"], wait_timeout=15)
    return phone


def test_the_cluster_command_serves_phones_and_a_projector_through_nginx(tmp_path):
    queue = service_or_skip("Redis", REDIS_URL, check_redis)
    channel = f"mesa-test-{uuid.uuid4().hex[:8]}"  # the shared Redis: a channel no other run uses
    with postgres_database("mesa_cluster") as database, \
            run_cluster(tmp_path / "cluster", database, queue, processes=2, WORKSHOP_MESSAGE_QUEUE_CHANNEL=channel,
                        WORKSHOP_JOIN_LIMIT_PER_ADDRESS="1000/60") as cluster:
        health = requests.get(f"{cluster.url}/healthz", timeout=5)
        assert health.status_code == 200
        assert health.json()["checks"] == {"database": "ok", "storage": "ok", "message_queue": "ok"}
        assert cluster.mesa == ["mesa-1", "mesa-2"]
        # Loopback only: nginx listens on 127.0.0.1, and so does every process.
        conf = (cluster.dir / "nginx.conf").read_text()
        assert re.findall(r"^\s*listen\s+(\S+);", conf, re.M) == [cluster.url.removeprefix("http://")]
        for name in cluster.mesa:
            assert requests.get(f"{cluster.process_url(name)}/healthz", timeout=5).status_code == 200
        status = subprocess.run([str(CLUSTER_COMMAND), "status", "--dir", str(cluster.dir)], cwd=ROOT,
                                capture_output=True, text=True, timeout=30)
        assert status.returncode == 0 and status.stdout.count(" up") == 3, status.stdout
        again = subprocess.run([str(CLUSTER_COMMAND), "up", "--dir", str(cluster.dir), "--database-url", database,
                                "--message-queue", queue], cwd=ROOT, capture_output=True, text=True, timeout=30)
        assert again.returncode == 1 and "already up" in again.stderr

        api = Api(cluster.url)
        session = live_session(api, items=1)
        projector = Watcher(cluster.url, session["id"], api.token)
        round_ = api.call("POST", f"/sessions/{session['id']}/rounds",
                          json={"item_ids": session["item_ids"], "method": "approve", "anonymous": False})
        api.call("POST", f"/rounds/{round_['id']}/open")
        phones, processes, values = [], set(), ("approve", "neutral", "reject")
        # nginx picks a process at random for each new socket: 8 phones, and more until both have some.
        while len(phones) < 8 or processes != {"p1", "p2"} and len(phones) < 40:
            n = len(phones)
            token = join_over_http(cluster.url, session, n, SECTORS[n % 4])
            phone = _phone(cluster.url, token, session["id"], polling_only=n % 2 == 0)
            processes.add(phone.eio.sid.split(".", 1)[0])
            phones.append(phone)
        assert processes == {"p1", "p2"}, "nginx sent every new socket to the same process"
        # Both processes listen on the configured channel of the message queue (from their first socket on).
        import redis

        client = redis.Redis.from_url(queue)
        assert dict(client.pubsub_numsub(channel)) == {channel.encode(): 2}
        client.close()
        acks = []

        def vote(n: int, phone: socketio.Client) -> None:
            acks.append(phone.call("vote", {"round_id": round_["id"], "value": values[n % 3],
                                            "client_vote_id": f"c{n}"}, namespace="/live", timeout=15))

        threads = [threading.Thread(target=vote, args=(n, p)) for n, p in enumerate(phones)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert len(acks) == len(phones) and all(a["ok"] for a in acks), acks
        expected = {v: sum(1 for n in range(len(phones)) if values[n % 3] == v) for v in values}
        final = projector.wait_for(lambda t: t["tally"]["counts"] == expected, timeout=15)
        assert final["tally"]["total"] == len(phones)

        # Votes keep coming through both processes for 3 s: the projector gets at most four tallies a
        # second in all (each process would send four of its own without the flush lease), their
        # versions never go back, and the last one holds every phone's last vote.
        seen: list[tuple[float, int]] = []
        projector.client.on("tally", lambda data: (seen.append((time.monotonic(), data["version"])),
                                                   projector._tally(data)), namespace="/live")
        last = {}

        def keep_voting(n: int, phone: socketio.Client) -> None:
            k, until = 0, time.monotonic() + 3
            while time.monotonic() < until:
                k += 1
                value = values[(n + k) % 3]
                ack = phone.call("vote", {"round_id": round_["id"], "value": value, "client_vote_id": f"k{n}-{k}"},
                                 namespace="/live", timeout=15)
                assert ack["ok"], ack
                last[n] = value
                time.sleep(0.45)  # within the per-phone limit (10 votes in 5 s)

        started = time.monotonic()
        threads = [threading.Thread(target=keep_voting, args=(n, p)) for n, p in enumerate(phones)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        expected = {v: sum(1 for value in last.values() if value == v) for v in values}
        final = projector.wait_for(lambda t: t["tally"]["counts"] == expected, timeout=15)
        window = [at for at, _version in seen if at >= started]
        elapsed = max(window) - started
        assert len(window) <= 4 * elapsed + 1, (len(window), elapsed)  # at most 4 a second in all
        assert len(window) >= 2 * elapsed, (len(window), elapsed)      # and still live
        versions = [version for _at, version in seen]
        assert versions == sorted(versions) and final["version"] == versions[-1]
        print(f"cluster, 2 processes: {len(window)} tallies at the projector in {elapsed:.2f} s "
              f"({len(window) / elapsed:.1f}/s), versions {versions[0]}..{versions[-1]}")

        # A long-polling request is routed by its session id: one naming another process (or none of
        # ours) reaches a Mesa process, which refuses it; nothing else is ever reached.
        for forged in ("p2.forged", "p9.forged", "forged"):
            r = requests.get(f"{cluster.url}/socket.io/?EIO=4&transport=polling&sid={forged}", timeout=10)
            assert r.status_code == 400, (forged, r.status_code)
        # A long-polling body over Socket.IO's 64 KiB is answered 413 by nginx at once.
        sid = phones[0].eio.sid
        r = requests.post(f"{cluster.url}/socket.io/?EIO=4&transport=polling&sid={sid}", data=b"4" * 70_000,
                          timeout=10)
        assert r.status_code == 413
        closed = api.call("POST", f"/rounds/{round_['id']}/close")
        assert closed["tally"]["counts"] == expected
        for phone in phones + [projector.client]:
            phone.disconnect()
        for name in cluster.mesa:
            assert "Traceback" not in cluster.output(name), cluster.output(name)[-3000:]
    # `down` (run_cluster's exit) stopped nginx and both processes.
    assert not any(cluster.alive(name) for name in cluster.processes)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{cluster.url}/healthz", timeout=2)


def test_the_cluster_command_refuses_what_it_cannot_run(tmp_path):
    """The cluster keeps its data in PostgreSQL and meets in Redis: other settings are refused at
    once, with a sentence, before anything starts."""
    command = [str(CLUSTER_COMMAND), "up", "--dir", str(tmp_path / "c"), "--port", "1"]
    sqlite = subprocess.run(command + ["--database-url", f"sqlite:///{tmp_path / 'x.sqlite'}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=30)
    assert sqlite.returncode == 1 and "PostgreSQL" in sqlite.stderr
    no_redis = subprocess.run(command + ["--database-url", "postgresql://postgres@127.0.0.1/x",
                                         "--message-queue", "amqp://guest@127.0.0.1//"], cwd=ROOT,
                              capture_output=True, text=True, timeout=30)
    assert no_redis.returncode == 1 and "Redis" in no_redis.stderr
    assert not (tmp_path / "c" / "cluster.json").exists()
    nothing = subprocess.run([str(CLUSTER_COMMAND), "down", "--dir", str(tmp_path / "c")], cwd=ROOT,
                             capture_output=True, text=True, timeout=30)
    assert nothing.returncode == 0 and "nothing to stop" in nothing.stdout
