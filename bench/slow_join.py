"""From the join link to a counted vote on emulated slow 3G, typed at a phone's pace.

A real Chromium (Debian's, through Playwright) on a 360×740 phone viewport, its network throttled
through the DevTools protocol (`Network.emulateNetworkConditions`: 2 s round trip, 50 KB/s down and
up, empty cache), opens `/j/<code>` of a live session whose approve round is open, types a name and
an organisation at 4 characters a second as soon as the form shows, taps a sector and "Join", taps
"Approve" once the vote card shows, and stops the clock when the phone says the vote was counted
(the server's ack). Prints the breakdown and the bytes the phone downloaded before it could vote.

Chromium's emulation throttles HTTP requests but not WebSocket traffic (measured: a vote's ack came
back 0.4 s after the tap). So the phone reaches the server through a loopback proxy that holds every
chunk of a WebSocket connection 1 s in each direction (its handshake included): a 2 s round trip for
the live connection too. Other connections pass through untouched (the emulation delays them).

    .venv/bin/python bench/slow_join.py            # one run against a fresh server (about 25 s)
    .venv/bin/python bench/slow_join.py --runs 3   # the figure is the slowest run

The PRODUCT.md target is 20 s, typing included (docs/performance.md).
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.room import UNLIMITED_JOINS, open_room  # noqa: E402
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, run_server  # noqa: E402

#: Slow 3G as the issue defines it: 2 s round trip, 50 KB/s each way (CDP takes bytes per second).
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50 * 1024, "uploadThroughput": 50 * 1024}
#: A phone's typing pace: 4 characters a second.
KEY_DELAY_MS = 250
NAME = "Rocío Quispe Huamán"
ORGANISATION = "Cooperativa Agraria Ñuñoa"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "es-PE"}


class WebSocketDelay:
    """A TCP proxy on loopback: WebSocket connections (their first bytes ask for an upgrade) get
    `delay` seconds each way on every chunk, in order; other connections pass straight through."""

    def __init__(self, upstream_port: int, delay: float = SLOW_3G["latency"] / 2000):
        self.upstream_port, self.delay = upstream_port, delay
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(10)

    def _run(self):
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _serve(self, reader, writer):
        try:
            first = await reader.read(65536)
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
        except OSError:
            writer.close()
            return
        delay = self.delay if b"transport=websocket" in first.split(b"\r\n", 1)[0] else 0.0
        await asyncio.gather(self._pipe(reader, up_writer, delay, first), self._pipe(up_reader, writer, delay),
                             return_exceptions=True)

    async def _pipe(self, reader, writer, delay: float, first: bytes = b""):
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while True:
                due, chunk = await queue.get()
                if chunk is None:
                    break
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                writer.write(chunk)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(deliver())
        try:
            if first:
                queue.put_nowait((time.monotonic() + delay, first))
            while chunk := await reader.read(65536):
                queue.put_nowait((time.monotonic() + delay, chunk))
        finally:
            queue.put_nowait((0, None))
            await sender


class Bytes:
    """What the phone downloaded, from the DevTools protocol's own counts (headers included)."""

    def __init__(self, cdp):
        self.http = 0
        self.requests: list[tuple[str, int]] = []
        self.frames_in = 0
        self._urls: dict[str, str] = {}
        cdp.on("Network.requestWillBeSent", lambda e: self._urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived",
               lambda e: setattr(self, "frames_in", self.frames_in + len(e["response"]["payloadData"])))

    def _finished(self, event):
        size = int(event.get("encodedDataLength", 0))
        self.http += size
        self.requests.append((self._urls.get(event["requestId"], "?"), size))


class Pace:
    """Keystrokes and taps at the phone's pace, 250 ms apart by the clock (Playwright's own `delay`
    adds its round trips to the browser to every key)."""

    def __init__(self, start: float):
        self.at = start

    def next(self) -> None:
        self.at += KEY_DELAY_MS / 1000
        time.sleep(max(0.0, self.at - time.monotonic()))


def one_run(browser, url: str, code: str, sector: str = "private") -> dict:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    counted = Bytes(cdp)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    marks: dict[str, float] = {}
    live: dict[str, float] = {}

    def watch(ws):
        live.setdefault("socket opening", time.monotonic())
        ws.on("framereceived", lambda frame: live.setdefault("socket connected", time.monotonic())
              if str(frame).startswith("40/live") else None)

    page.on("websocket", watch)
    start = time.monotonic()
    page.goto(f"{url}/j/{code}", wait_until="commit", timeout=60000)
    page.wait_for_selector("#join-name:visible", timeout=60000)
    marks["form shown"] = time.monotonic()
    paced = Pace(time.monotonic())
    page.click("#join-name")
    for char in NAME:
        paced.next()
        page.keyboard.type(char)
    page.click("#join-organisation")
    for char in ORGANISATION:
        paced.next()
        page.keyboard.type(char)
    paced.next()  # one tap is worth one keystroke of a person's time
    page.click(f"label:has(#join-sector-{sector})")
    paced.next()
    marks["typed"] = time.monotonic()
    page.click("#join-submit")
    page.wait_for_selector("#vote-card[data-votable=true] #vote-controls [data-vote=approve]", timeout=60000)
    marks["vote card shown"] = time.monotonic()
    Pace(time.monotonic()).next()  # the tap on "Approve"
    page.click("#vote-controls [data-vote=approve]")
    page.wait_for_selector("#vote-status[data-state=counted]", timeout=60000)
    marks["vote counted"] = time.monotonic()
    page_bytes = counted.http
    requests = list(counted.requests)
    frames = counted.frames_in
    context.close()
    if errors:
        raise RuntimeError(f"page errors: {errors}")
    return {"start": start, "marks": marks, "live": live, "bytes": page_bytes, "requests": requests,
            "frames": frames, "joined_over": "HTTP" if any("/api/v1/join" in r for r, _ in requests) else "socket"}


def report(run: dict) -> float:
    previous = run["start"]
    steps = []
    for name, at in run["marks"].items():
        steps.append(f"{name} +{at - previous:.1f} s")
        previous = at
    total = run["marks"]["vote counted"] - run["start"]
    typing = (len(NAME) + len(ORGANISATION) + 1) * KEY_DELAY_MS / 1000
    print(f"join link -> counted vote: {total:.1f} s   ({' | '.join(steps)})")
    print("  live connection: " + ", ".join(f"{name} at {at - run['start']:.1f} s" for name, at in run["live"].items())
          + f"; joined over the {run['joined_over']}")
    print(f"  of which typing and taps at 4/s: {typing + 2 * KEY_DELAY_MS / 1000:.1f} s; "
          f"machine time {total - typing - 2 * KEY_DELAY_MS / 1000:.1f} s")
    print(f"  downloaded over HTTP: {run['bytes'] / 1024:.1f} KB in {len(run['requests'])} requests"
          f" (+ {run['frames'] / 1024:.1f} KB of WebSocket frames)")
    for address, size in sorted(run["requests"], key=lambda r: -r[1]):
        print(f"    {size / 1024:6.1f} KB  {address.split('/', 3)[-1][:90]}")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with run_server(Path(tmp), **UNLIMITED_JOINS) as server:
            proxy = WebSocketDelay(int(server.url.rsplit(":", 1)[1]))
            phone_url = f"http://127.0.0.1:{proxy.port}"
            print(f"slow 3G: latency {SLOW_3G['latency']} ms, {SLOW_3G['downloadThroughput'] // 1024} KB/s down, "
                  f"{SLOW_3G['uploadThroughput'] // 1024} KB/s up; typing {1000 // KEY_DELAY_MS} characters/s; "
                  f"viewport 360x740")
            warm_up(server.url)
            totals = []
            for _ in range(args.runs):
                _token, _session_id, _round_id, _tokens = open_room(server.url, 0)
                code = _join_code(server.url, _token, _session_id)
                totals.append(report(one_run(browser, phone_url, code)))
            print(f"slowest of {len(totals)}: {max(totals):.1f} s (target 20 s)")
        browser.close()
    return 0 if max(totals) <= 20.0 else 1


def warm_up(url: str) -> None:
    """One join and vote over the join form's socket, unthrottled, before the clock runs: a venue's
    server has served joins before the person in the bench arrives (the first join of a fresh
    process costs it about 1 s of imports and first queries)."""
    import socketio

    token, session_id, round_id, _ = open_room(url, 0)
    client = socketio.Client(reconnection=False)
    client.connect(url, namespaces=["/live"], transports=["websocket"], auth={"session_id": session_id, "view": "join"})
    body = {"code": _join_code(url, token, session_id), "name": "Warm Up", "organisation": "Bench", "sector": "public"}
    answer = client.call("join", body, namespace="/live", timeout=30)
    assert answer["ok"], answer
    client.call("vote", {"round_id": round_id, "value": "approve", "client_vote_id": "warm-up"}, namespace="/live")
    client.disconnect()


def _join_code(url: str, token: str, session_id: int) -> str:
    import requests

    return requests.get(f"{url}/api/v1/sessions/{session_id}", headers={"Authorization": f"Bearer {token}"},
                        timeout=10).json()["join_code"]


if __name__ == "__main__":
    sys.exit(main())
