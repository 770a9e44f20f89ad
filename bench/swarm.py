"""A swarm of phones spread over processes, for bench/suite.py.

Each worker process runs one asyncio loop with many raw Socket.IO clients (`Phone`): a WebSocket
(aiohttp) speaking Engine.IO 4 / Socket.IO 5 text frames by hand. python-socketio's AsyncClient
costs several times more CPU per event than this, and on two shared cores the load generator
must not be what limits the figures: every worker reports the CPU it used in each phase, and
the suite prints the busiest worker's share of a core next to the figures (a worker near 100 %
would mean the swarm, not the server, set the pace).

The controller (`Swarm`) talks to the workers over pipes: each command runs on every worker at
once and returns what each measured. Times are `time.monotonic()`, one clock for every process
on Linux, so acks in one worker compare with tallies seen by another.
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing
import random
import resource
import time

import aiohttp

NAMESPACE = "/live"
VALUES = ("approve", "neutral", "reject")


def raise_fd_limit(wanted: int = 65536) -> int:
    """Raise this process's soft limit on open files towards `wanted` (up to the hard limit).
    Children inherit it: the servers and workers the suite starts hold one descriptor per phone."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


class ConnectRefused(Exception):
    pass


class Phone:
    """One Socket.IO client on one WebSocket, namespace /live. Acks are futures by id; `state`
    events set `state_at` (the moment the snapshot arrived); `on_tally` gets parsed tallies."""

    def __init__(self, http: aiohttp.ClientSession, url: str, auth: dict, on_tally=None):
        self.http, self.url, self.auth, self.on_tally = http, url, auth, on_tally
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.reader: asyncio.Task | None = None
        self.acks: dict[int, asyncio.Future] = {}
        self.next_id = 0
        self.state = asyncio.Event()
        self.state_at = 0.0
        self.connected: asyncio.Future | None = None

    async def connect(self, timeout: float = 60) -> float:
        """Open the socket and wait for the `state` snapshot; returns the moment it arrived."""
        self.state = asyncio.Event()
        self.connected = asyncio.get_running_loop().create_future()
        ws_url = self.url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        self.ws = await self.http.ws_connect(ws_url, timeout=aiohttp.ClientWSTimeout(ws_close=5), heartbeat=None,
                                             autoping=True, max_msg_size=0)
        opening = await asyncio.wait_for(self.ws.receive(), timeout)
        if opening.type != aiohttp.WSMsgType.TEXT or not opening.data.startswith("0"):
            raise ConnectRefused(f"no Engine.IO open packet: {opening.type} {str(opening.data)[:80]}")
        await self.ws.send_str(f"40{NAMESPACE}," + json.dumps(self.auth))
        self.reader = asyncio.create_task(self._read())
        await asyncio.wait_for(self.connected, timeout)
        await asyncio.wait_for(self.state.wait(), timeout)
        return self.state_at

    async def _read(self) -> None:
        ws = self.ws
        prefix_event, prefix_ack = f"42{NAMESPACE},", f"43{NAMESPACE},"
        try:
            async for msg in ws:
                if msg.type != aiohttp.WSMsgType.TEXT:
                    break
                data = msg.data
                if data == "2":
                    await ws.send_str("3")
                elif data.startswith(prefix_ack):
                    body = data[len(prefix_ack):]
                    bracket = body.index("[")
                    future = self.acks.pop(int(body[:bracket]), None)
                    if future is not None and not future.done():
                        future.set_result(json.loads(body[bracket:])[0])
                elif data.startswith(prefix_event):
                    body = data[len(prefix_event):]
                    if body.startswith('["state"'):
                        self.state_at = time.monotonic()
                        self.state.set()
                    elif self.on_tally is not None and body.startswith('["tally"'):
                        self.on_tally(time.monotonic(), json.loads(body)[1])
                elif data.startswith(f"40{NAMESPACE},"):
                    if not self.connected.done():
                        self.connected.set_result(True)
                elif data.startswith(f"44{NAMESPACE},"):
                    if not self.connected.done():
                        self.connected.set_exception(ConnectRefused(data[len(NAMESPACE) + 3:][:200]))
        except (aiohttp.ClientError, ConnectionError):
            pass
        finally:
            for future in self.acks.values():
                if not future.done():
                    future.set_exception(ConnectionError("socket closed"))
            self.acks.clear()
            if self.connected is not None and not self.connected.done():
                self.connected.set_exception(ConnectRefused("closed before the namespace connected"))

    async def call(self, event: str, data: dict, timeout: float = 60) -> dict:
        """Send an event and wait for its ack; ConnectionError when the socket is gone."""
        if self.ws is None or self.ws.closed or self.reader is None or self.reader.done():
            raise ConnectionError("socket closed")
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.acks[self.next_id] = future
        try:
            await self.ws.send_str(f"42{NAMESPACE},{self.next_id}" + json.dumps([event, data]))
        except aiohttp.ClientError as error:
            self.acks.pop(self.next_id, None)
            raise ConnectionError(f"socket closed: {error!r}") from None
        return await asyncio.wait_for(future, timeout)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.reader is not None:
            await asyncio.gather(self.reader, return_exceptions=True)


def _cpu() -> float:
    return time.process_time()


class Votes:
    """The acks of a set of votes: latencies, refusals by code, phones lost, the last ack's time."""

    def __init__(self):
        self.latencies: list[float] = []
        self.refused: dict[str, int] = {}
        self.lost: list[str] = []
        self.last_ack = 0.0

    def result(self) -> dict:
        return {"latencies": self.latencies, "refused": self.refused, "lost": self.lost, "last_ack": self.last_ack}

    async def send(self, phone: Phone, round_id: int, client_vote_id: str) -> bool | None:
        """One vote and its ack: True if counted, False if refused, None if the socket was lost."""
        sent = time.monotonic()
        try:
            ack = await phone.call("vote", {"round_id": round_id, "value": random.choice(VALUES),
                                            "client_vote_id": client_vote_id})
        except (ConnectionError, asyncio.TimeoutError) as error:
            self.lost.append(repr(error))  # the server closed it or never acked
            return None
        now = time.monotonic()
        if ack.get("ok"):
            self.latencies.append(now - sent)
            self.last_ack = max(self.last_ack, now)
            return True
        code = (ack.get("error") or {}).get("code", "?")
        self.refused[code] = self.refused.get(code, 0) + 1
        return False

    async def loop(self, tag: str, phone: Phone, round_id: int, going, pace: float = 0.0) -> None:
        """Vote, wait for the ack, vote again, while `going()`: at once, or with `pace` one vote
        every `pace` seconds (a person's pace). A lost socket ends the loop."""
        if pace:
            await asyncio.sleep(random.uniform(0, pace))
        count = 0
        while going():
            count += 1
            started = time.monotonic()
            counted = await self.send(phone, round_id, f"{tag}-{count}")
            if counted is None:
                return
            if not counted:
                await asyncio.sleep(0.05)
            if pace:
                await asyncio.sleep(max(0.0, started + pace - time.monotonic()))


class Worker:
    """The phones of one process, and (in worker 0) the projector."""

    def __init__(self, index: int, url: str, session_id: int, projector_auth: dict | None):
        self.index, self.url, self.session_id, self.projector_auth = index, url, session_id, projector_auth
        self.tokens: list[str] = []
        self.phones: list[Phone] = []
        #: Phones that stay connected through the reconnect storm and vote meanwhile (`watch`).
        self.watchers: list[Phone] = []
        self.projector: Phone | None = None
        self.tallies: list[tuple[float, int, int]] = []  # (seen at, round id, voted)
        self.http: aiohttp.ClientSession | None = None

    def _tally(self, at: float, data: dict) -> None:
        turnout = data.get("turnout") or {}
        voted = turnout.get("voted")
        if voted is None:
            voted = (data.get("tally") or {}).get("total", -1)
        self.tallies.append((at, data.get("round_id"), voted))

    async def join(self, join_code: str, names: list[tuple[str, str, str]], concurrency: int = 4) -> dict:
        """Join through POST /api/v1/join, `concurrency` requests at a time."""
        started, cpu = time.monotonic(), _cpu()
        self.tokens = await self._join(join_code, names, concurrency)
        return {"seconds": time.monotonic() - started, "cpu": _cpu() - cpu}

    async def _join(self, join_code: str, names: list[tuple[str, str, str]], concurrency: int) -> list[str]:
        gate = asyncio.Semaphore(concurrency)

        async def one(name, organisation, sector):
            async with gate:
                async with self.http.post(f"{self.url}/api/v1/join", json={
                        "code": join_code, "name": name, "organisation": organisation, "sector": sector}) as r:
                    body = await r.json()
                    if r.status != 200:
                        raise RuntimeError(f"join refused: {r.status} {body}")
                    return body["participant_token"]

        return list(await asyncio.gather(*(one(*n) for n in names)))

    async def watch(self, join_code: str, names: list[tuple[str, str, str]]) -> dict:
        """Join and connect the phones that will vote through the reconnect storm."""
        tokens = await self._join(join_code, names, 4)
        self.watchers = [Phone(self.http, self.url, {"token": t, "session_id": self.session_id}) for t in tokens]
        await asyncio.gather(*(p.connect() for p in self.watchers))
        return {}

    async def connect(self, concurrency: int) -> dict:
        gate = asyncio.Semaphore(concurrency)
        started, cpu = time.monotonic(), _cpu()
        if self.projector_auth and self.projector is None:
            self.projector = Phone(self.http, self.url, {**self.projector_auth, "session_id": self.session_id},
                                   on_tally=self._tally)
            await self.projector.connect()
        self.phones = [Phone(self.http, self.url, {"token": t, "session_id": self.session_id}) for t in self.tokens]
        durations: list[float] = []

        async def one(phone):
            async with gate:
                begun = time.monotonic()
                await phone.connect()
                durations.append(phone.state_at - begun)

        await asyncio.gather(*(one(p) for p in self.phones))
        return {"durations": durations, "seconds": time.monotonic() - started, "cpu": _cpu() - cpu}

    async def sustain(self, round_id: int, seconds: float, active: int) -> dict:
        """The first `active` phones each send their next vote as soon as the last is acked."""
        started, cpu = time.monotonic(), _cpu()
        deadline = started + seconds
        votes = Votes()
        await asyncio.gather(*(votes.loop(f"s{self.index}-{n}", p, round_id, lambda: time.monotonic() < deadline)
                               for n, p in enumerate(self.phones[:active])))
        return {**votes.result(), "seconds": time.monotonic() - started, "cpu": _cpu() - cpu}

    async def burst(self, round_id: int, at: float, spread: float) -> dict:
        """Every phone votes once, at a random moment within `spread` seconds from `at`."""
        started, cpu = time.monotonic(), _cpu()
        votes = Votes()

        async def one(n: int, phone: Phone):
            await asyncio.sleep(max(0.0, at + random.uniform(0, spread) - time.monotonic()))
            await votes.send(phone, round_id, f"b{self.index}-{n}")

        await asyncio.gather(*(one(n, p) for n, p in enumerate(self.phones)))
        return {**votes.result(), "seconds": time.monotonic() - started, "cpu": _cpu() - cpu}

    async def drop(self, count: int) -> dict:
        """Close the first `count` phones' sockets at once (a Wi-Fi drop)."""
        await asyncio.gather(*(p.close() for p in self.phones[:count]))
        return {}

    async def storm(self, count: int, at: float, round_id: int | None = None, pace: float = 1.0) -> dict:
        """The first `count` phones reconnect all at once at `at`; returns when each had its `state`.
        With `round_id`, the watchers vote meanwhile, each once every `pace` seconds, until the last
        phone has it."""
        cpu = _cpu()
        await asyncio.sleep(max(0.0, at - time.monotonic()))
        storming = [True]
        votes = Votes()
        voters = [asyncio.ensure_future(votes.loop(f"w{self.index}-{n}", p, round_id, lambda: storming[0], pace))
                  for n, p in enumerate(self.watchers if round_id else [])]
        results = await asyncio.gather(*(p.connect(timeout=120) for p in self.phones[:count]),
                                       return_exceptions=True)
        storming[0] = False
        await asyncio.gather(*voters)
        errors = [repr(r) for r in results if isinstance(r, BaseException)]
        done = [r for r in results if not isinstance(r, BaseException)]
        return {"state_at": done, "errors": errors[:5], "failed": len(errors), "cpu": _cpu() - cpu,
                "votes": votes.result()}

    async def tallies_seen(self) -> dict:
        return {"tallies": list(self.tallies)}

    async def close(self) -> dict:
        everyone = self.phones + self.watchers + ([self.projector] if self.projector else [])
        await asyncio.gather(*(p.close() for p in everyone),
                             return_exceptions=True)
        return {}

    async def serve(self, conn) -> None:
        loop = asyncio.get_running_loop()
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        async with aiohttp.ClientSession(connector=connector) as self.http:
            while True:
                command, kwargs = await loop.run_in_executor(None, conn.recv)
                if command == "exit":
                    conn.send(("ok", {}))
                    return
                try:
                    result = await getattr(self, command)(**kwargs)
                    conn.send(("ok", result))
                except Exception as error:  # noqa: BLE001 - reported to the controller, which stops
                    conn.send(("error", f"worker {self.index}, {command}: {error!r}"))


def _worker_main(conn, index, url, session_id, projector_auth) -> None:
    raise_fd_limit()
    asyncio.run(Worker(index, url, session_id, projector_auth).serve(conn))


class Swarm:
    """`workers` processes sharing the phones; `run(command, **kwargs)` runs it on all of them."""

    def __init__(self, url: str, session_id: int, workers: int, projector_auth: dict | None):
        context = multiprocessing.get_context("spawn")  # no inherited event loops or sockets
        self.pipes, self.processes = [], []
        for index in range(workers):
            ours, theirs = context.Pipe()
            process = context.Process(target=_worker_main, daemon=True,
                                      args=(theirs, index, url, session_id, projector_auth if index == 0 else None))
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def run(self, command: str, per_worker: list[dict] | None = None, timeout: float = 300, **kwargs) -> list[dict]:
        for n, pipe in enumerate(self.pipes):
            pipe.send((command, {**kwargs, **(per_worker[n] if per_worker else {})}))
        results = []
        for n, pipe in enumerate(self.pipes):
            if not pipe.poll(timeout):
                raise RuntimeError(f"swarm worker {n} did not finish {command} within {timeout:.0f} s")
            status, result = pipe.recv()
            if status != "ok":
                raise RuntimeError(result)
            results.append(result)
        return results

    def close(self) -> None:
        for pipe in self.pipes:
            try:
                pipe.send(("exit", {}))
            except (BrokenPipeError, OSError):
                pass
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()
                process.join(timeout=5)
