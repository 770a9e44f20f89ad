"""Logins against the real server with scrypt: what a known and an unknown email cost, and what a
login flood does to the votes of a room, with the attempt limits lifted and with them on.

    .venv/bin/python bench/login.py [--phones 30] [--seconds 8] [--flooders 8] [--tries 20]

Starts `python run.py` (eventlet, SQLite, loopback) with the production hash (scrypt, not the
test suite's cheap one). 1) `POST /api/v1/auth/token` timed for a known email with a wrong
password, an unknown email, and the right password, one at a time (limits lifted). 2) N phones
vote once a second each; the vote-ack latency is measured for `--seconds` alone, then while
`--flooders` threads post wrong passwords as fast as they are answered. 3) The same flood against
a server with the default limits: how many attempts are answered 429 without hashing.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.room import UNLIMITED_JOINS, open_room  # noqa: E402
from tests.helpers import SERVER_ADMIN_EMAIL, SERVER_ADMIN_PASSWORD, run_server  # noqa: E402

SCRYPT = {"WORKSHOP_PASSWORD_HASH": "scrypt", **UNLIMITED_JOINS}
NO_LOGIN_LIMITS = {"WORKSHOP_LOGIN_LIMIT_PER_ACCOUNT": "1000000/60", "WORKSHOP_LOGIN_LIMIT_PER_ADDRESS": "1000000/60"}


def ms(values: list[float], q: float = 0.5) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000


def timings(url: str, tries: int) -> dict[str, list[float]]:
    cases = {"known email, wrong password": (SERVER_ADMIN_EMAIL, "wrong password"),
             "unknown email": ("nobody@example.org", "wrong password"),
             "known email, right password": (SERVER_ADMIN_EMAIL, SERVER_ADMIN_PASSWORD)}
    http = requests.Session()
    http.post(f"{url}/api/v1/auth/token", json={"email": "warm@example.org", "password": "x"})  # the dummy hash
    found: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(tries):
        for name, (email, password) in cases.items():
            started = time.perf_counter()
            http.post(f"{url}/api/v1/auth/token", json={"email": email, "password": password}, timeout=30)
            found[name].append(time.perf_counter() - started)
    return found


class Flood:
    """Threads posting wrong passwords for the admin as fast as they are answered."""

    def __init__(self, url: str, threads: int):
        self.url, self.stop, self.answers = url, threading.Event(), []
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(threads)]

    def _run(self):
        http = requests.Session()
        while not self.stop.is_set():
            response = http.post(f"{self.url}/api/v1/auth/token",
                                 json={"email": SERVER_ADMIN_EMAIL, "password": "guess"}, timeout=30)
            self.answers.append(response.status_code)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)


async def vote_for(url: str, session_id: int, round_id: int, tokens: list[str], seconds: float) -> list[float]:
    phones = []
    for token in tokens:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(url, namespaces=["/live"], transports=["websocket"],
                             auth={"token": token, "session_id": session_id})
        phones.append(client)
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    async def phone(n, client):
        await asyncio.sleep(random.uniform(0, 1))
        count = 0
        while time.monotonic() < deadline:
            count += 1
            sent = time.monotonic()
            ack = await client.call("vote", {"round_id": round_id, "value": random.choice(("approve", "reject")),
                                             "client_vote_id": f"{n}-{count}-{sent}"}, namespace="/live", timeout=30)
            if ack.get("ok"):
                latencies.append(time.monotonic() - sent)
            await asyncio.sleep(1.0)

    await asyncio.gather(*(phone(n, c) for n, c in enumerate(phones)))
    for client in phones:
        await client.disconnect()
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--flooders", type=int, default=8)
    parser.add_argument("--tries", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), **SCRYPT, **NO_LOGIN_LIMITS) as server:
        for name, values in timings(server.url, args.tries).items():
            print(f"{name:30s} p50 {ms(values):6.1f} ms   min {min(values) * 1000:6.1f}   "
                  f"max {max(values) * 1000:6.1f}   (n={len(values)}, scrypt, limits lifted)")
        _token, session_id, round_id, tokens = open_room(server.url, args.phones)
        calm = asyncio.run(vote_for(server.url, session_id, round_id, tokens, args.seconds))
        with Flood(server.url, args.flooders) as flood:
            stormy = asyncio.run(vote_for(server.url, session_id, round_id, tokens, args.seconds))
        print(f"vote ack, no flood:          p50 {ms(calm):6.1f} ms  p95 {ms(calm, 0.95):6.1f} ms  (n={len(calm)})")
        print(f"vote ack, login flood:       p50 {ms(stormy):6.1f} ms  p95 {ms(stormy, 0.95):6.1f} ms  "
              f"(n={len(stormy)}; {len(flood.answers) / args.seconds:.0f} attempts/s answered, "
              f"{args.flooders} threads, limits lifted)")
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), **SCRYPT) as server:
        with Flood(server.url, args.flooders) as flood:
            time.sleep(args.seconds)
        counts = {code: flood.answers.count(code) for code in sorted(set(flood.answers))}
        print(f"flood with the default limits: {len(flood.answers)} attempts in {args.seconds:.0f} s, "
              f"answers {counts} (429: refused before any hash)")


if __name__ == "__main__":
    main()
