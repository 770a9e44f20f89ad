"""What one acked vote costs the load generator: bench/swarm.py's raw client against python-socketio's
AsyncClient, both against the bare server (bench/bare_server.py), in this process.

    .venv/bin/python bench/client_cost.py [--phones 100] [--seconds 5]

Each kind of client keeps `--phones` phones voting in a closed loop for `--seconds`; the line
says the client process's CPU time per acked vote and its share of one core. The swarm of
bench/suite.py uses the raw client because it costs less than half as much per vote.
"""
from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.suite import free_port, stop, wait_healthy  # noqa: E402
from bench.swarm import Phone  # noqa: E402


async def _votes(call, round_id: int, deadline: float, n: int) -> int:
    count = 0
    while time.monotonic() < deadline:
        count += 1
        ack = await call("vote", {"round_id": round_id, "value": "approve", "client_vote_id": f"{n}-{count}"})
        assert ack["ok"], ack
    return count


async def raw(url: str, phones: int, seconds: float) -> tuple[int, float]:
    round_id = requests.post(f"{url}/bench/rounds", timeout=10).json()["id"]
    tokens = [requests.post(f"{url}/api/v1/join", timeout=10).json()["participant_token"] for _ in range(phones)]
    async with aiohttp.ClientSession() as http:
        clients = [Phone(http, url, {"token": t, "session_id": 1}) for t in tokens]
        await asyncio.gather(*(c.connect() for c in clients))
        cpu, deadline = time.process_time(), time.monotonic() + seconds
        counts = await asyncio.gather(*(_votes(c.call, round_id, deadline, n) for n, c in enumerate(clients)))
        used = time.process_time() - cpu
        await asyncio.gather(*(c.close() for c in clients))
    return sum(counts), used


async def python_socketio(url: str, phones: int, seconds: float) -> tuple[int, float]:
    round_id = requests.post(f"{url}/bench/rounds", timeout=10).json()["id"]
    clients = []
    for _ in range(phones):
        token = requests.post(f"{url}/api/v1/join", timeout=10).json()["participant_token"]
        client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
        await client.connect(url, namespaces=["/live"], transports=["websocket"],
                             auth={"token": token, "session_id": 1})
        clients.append(client)
    cpu, deadline = time.process_time(), time.monotonic() + seconds
    counts = await asyncio.gather(*(
        _votes(lambda e, d, c=c: c.call(e, d, namespace="/live", timeout=30), round_id, deadline, n)
        for n, c in enumerate(clients)))
    used = time.process_time() - cpu
    for client in clients:
        await client.disconnect()
    return sum(counts), used


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=5)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "bare_server.py"), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(url, process, Path("/dev/null"))
        for name, kind in (("raw (bench/swarm.py)", raw), ("python-socketio AsyncClient", python_socketio),
                           ("raw (bench/swarm.py)", raw)):
            acks, used = asyncio.run(kind(url, args.phones, args.seconds))
            print(f"{name:<28} {acks:>6} acks in {args.seconds:g} s   client CPU {used * 1e6 / max(1, acks):5.0f} µs "
                  f"per acked vote   {used / args.seconds:4.0%} of a core", flush=True)
    finally:
        stop(process)


if __name__ == "__main__":
    main()
