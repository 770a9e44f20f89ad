"""Vote throughput and projector lag against the real server (eventlet, SQLite), over loopback.

    .venv/bin/python bench/votes.py [--phones 300] [--seconds 10] [--results live|hidden]

Starts `python run.py` on a free loopback port with a fresh database, joins N phones through
the API, connects them and one projector with python-socketio (websocket), opens an approve
round, and lets every phone change its vote as fast as its acks come back (bounded by the
per-phone rate limit and by --seconds). Prints acked votes per second, ack latency, how many
`tally` events the projector and the phones received per second, and how long after the last
ack the projector showed the final count.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import socketio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.room import UNLIMITED_JOINS, open_room  # noqa: E402
from tests.helpers import run_server  # noqa: E402

VALUES = ("approve", "neutral", "reject")


async def run(url, staff_token, session_id, round_id, tokens, seconds, interval, ramp):
    projector = socketio.AsyncClient(reconnection=False)
    tally_times: list[tuple[float, int]] = []
    projector.on("tally", lambda d: tally_times.append((time.monotonic(), (d.get("turnout") or {}).get("voted", 0),
                                                        d)), namespace="/live")
    await projector.connect(url, namespaces=["/live"], transports=["websocket"],
                            auth={"token": staff_token, "session_id": session_id, "view": "projector"})
    phones, phone_tallies = [], [0]
    for token in tokens:
        client = socketio.AsyncClient(reconnection=False)

        def on_tally(_data):
            phone_tallies[0] += 1

        client.on("tally", on_tally, namespace="/live")
        await client.connect(url, namespaces=["/live"], transports=["websocket"],
                             auth={"token": token, "session_id": session_id})
        phones.append(client)
    latencies, refused, acked_at = [], [0], [0.0]
    deadline = time.monotonic() + seconds
    counter = [0]

    async def phone_loop(n, client):
        if ramp:
            await asyncio.sleep(random.uniform(0, ramp))
        while time.monotonic() < deadline:
            counter[0] += 1
            sent = time.monotonic()
            ack = await client.call("vote", {"round_id": round_id, "value": random.choice(VALUES),
                                             "client_vote_id": f"{n}-{counter[0]}"}, namespace="/live", timeout=30)
            if ack.get("ok"):
                acked_at[0] = time.monotonic()
                latencies.append(acked_at[0] - sent)
                if interval:
                    await asyncio.sleep(random.uniform(0.5, 1.5) * interval)
            else:
                refused[0] += 1
                await asyncio.sleep(0.5)  # rate limited: back off as a phone would

    started = time.monotonic()
    await asyncio.gather(*(phone_loop(n, c) for n, c in enumerate(phones)))
    elapsed = time.monotonic() - started
    last_ack = acked_at[0]
    seen = None  # the first tally the projector gets after the last ack carries the final figures
    waited_until = time.monotonic() + 5
    while time.monotonic() < waited_until:
        after = [t for t, _voted, _data in tally_times if t >= last_ack]
        if after:
            seen = after[0] - last_ack
            break
        await asyncio.sleep(0.01)
    for client in phones + [projector]:
        await client.disconnect()
    return elapsed, latencies, refused[0], tally_times, phone_tallies[0], seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--results", choices=("live", "hidden"), default="live")
    parser.add_argument("--ramp", type=float, default=0.0,
                        help="phones cast their first vote at a random moment within this many seconds")
    parser.add_argument("--interval", type=float, default=0.0,
                        help="seconds a phone waits between its votes (0: as fast as acks come back)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), **UNLIMITED_JOINS) as server:
        staff_token, session_id, round_id, tokens = open_room(server.url, args.phones, args.results)
        elapsed, latencies, refused, tallies, phone_tallies, lag = asyncio.run(
            run(server.url, staff_token, session_id, round_id, tokens, args.seconds, args.interval, args.ramp))
    latencies.sort()
    pct = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    print(f"phones: {args.phones}   ramp: {args.ramp or 'none'}   interval: {args.interval or 'none'}   "
          f"results: {args.results}   duration: {elapsed:.1f} s   (eventlet, SQLite, loopback)")
    print(f"acked votes: {len(latencies)}  ->  {len(latencies) / elapsed:.0f} votes/s   "
          f"refused (rate limit): {refused}")
    print(f"ack latency ms: p50 {pct(0.5):.1f}   p95 {pct(0.95):.1f}   p99 {pct(0.99):.1f}   "
          f"mean {statistics.mean(latencies) * 1000:.1f}")
    print(f"tally events at the projector: {len(tallies)} ({len(tallies) / elapsed:.1f}/s)")
    print(f"tally events at all phones: {phone_tallies} "
          f"({phone_tallies / elapsed / max(1, args.phones):.2f}/s per phone)")
    print(f"projector got the final tally {lag * 1000:.0f} ms after the last ack" if lag is not None
          else "projector got no tally after the last ack")


if __name__ == "__main__":
    main()
