"""Mesa against a bare Flask-SocketIO server, one swarm driving both: every figure of issue 13.

    .venv/bin/python bench/suite.py                      # 1,000 phones, eventlet, SQLite (make bench)
    .venv/bin/python bench/suite.py --phones 2000 --seconds 10
    .venv/bin/python bench/suite.py --async-mode gevent  # or threading; both servers in that mode
    .venv/bin/python bench/suite.py --database postgres  # a throw-away PostgreSQL database
    .venv/bin/python bench/suite.py --cluster 2          # deploy/cluster: 2 processes behind nginx,
                                                         # Redis, PostgreSQL; 2,000 phones by default

For each server in turn (the bare one first, then Mesa) it starts the server on a free loopback
port, joins the phones through `POST /api/v1/join`, and with a swarm of phones spread over
`--workers` processes (bench/swarm.py: raw WebSocket Socket.IO clients) measures:

- join: every phone joins through `POST /api/v1/join` (4 requests in flight per worker);
- connect: every phone opens its socket (at most `--connect-concurrency` at a time per worker)
  and waits for its `state`; the time for all of them, and p50/p99 per phone;
- sustained votes: `--sustain-phones` phones each send their next vote as soon as the last is
  acked, for `--seconds`; acked votes a second, the server's CPU per acked vote (utime + stime
  from /proc/<pid>/stat), ack p50/p99;
- a burst: in a fresh round every phone votes once within one second; ack p99, and the
  projector lag: from the last ack to the first `tally` at the projector that counts them all;
- memory: the server's RSS with every phone connected, and per phone (RSS with the phones
  connected minus RSS before they connected, over the number of phones; target ≤ 150 KB);
- a reconnect storm: `--storm` phones drop their sockets at once and reconnect at once; the time
  until all have their `state` again, and the acks of `--storm-voters` other phones that stay
  connected and vote meanwhile, once a second each (does a storm stall the votes?).

It prints both servers' figures side by side with Mesa/bare and the issue's targets, the
machine's load average (the machine is shared) and how busy the swarm was: the busiest swarm
process's share of one core while the votes ran, next to the server's. The swarm is not the
bottleneck while it stays well below 100 % and the server's is near 100 % (one process uses
one core). Every wait is bounded; servers and workers are stopped on the way out.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.pyspy import Sampler  # noqa: E402
from bench.room import SECTORS  # noqa: E402
from bench.swarm import Swarm, raise_fd_limit  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
ADMIN = {"email": "admin@example.org", "password": "admin-password-1"}


# --- The servers -----------------------------------------------------------------------------


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


def rss_bytes(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1]) * 1024
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen | None, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"{url} did not become healthy within {timeout:.0f} s:\n{tail}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class Bare:
    """bench/bare_server.py."""

    name = "bare"

    def __init__(self, tmp: Path, args):
        self.tmp, self.args = tmp, args

    @contextlib.contextmanager
    def running(self):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = self.log_path = self.tmp / "bare.log"
        with open(log, "w") as out:
            process = subprocess.Popen([sys.executable, str(ROOT / "bench" / "bare_server.py"), "--port", str(port),
                                        "--async-mode", self.args.async_mode], cwd=ROOT, stdout=out,
                                       stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        try:
            wait_healthy(self.url, process, log)
            self.pids = [process.pid]
            yield self
        finally:
            stop(process)

    def room(self) -> tuple[int, str, dict]:
        return 1, "bench", {"view": "projector"}

    def new_round(self) -> int:
        return requests.post(f"{self.url}/bench/rounds", timeout=10).json()["id"]

    def describe(self) -> str:
        return f"bench/bare_server.py ({self.args.async_mode}, votes in memory)"


class Mesa:
    """run.py on one port (SQLite or PostgreSQL), or deploy/cluster's processes behind nginx."""

    name = "Mesa"

    def __init__(self, tmp: Path, args):
        self.tmp, self.args = tmp, args
        self.round_id = None

    def env(self) -> dict:
        phones = self.args.phones
        return {
            "WORKSHOP_DEMO": "0", "WORKSHOP_SECRET_KEY": "bench-secret", "PYTHONUNBUFFERED": "1",
            "WORKSHOP_ADMIN_EMAIL": ADMIN["email"], "WORKSHOP_ADMIN_PASSWORD": ADMIN["password"],
            "WORKSHOP_PASSWORD_HASH": "pbkdf2:sha256:1000",  # setup logins, not what is measured
            "WORKSHOP_ASYNC_MODE": self.args.async_mode,
            # every bench phone comes from 127.0.0.1: lift the limits that exist against one device
            # flooding a real room (joins and votes per address/participant, connections per address)
            "WORKSHOP_JOIN_LIMIT_PER_ADDRESS": "1000000/60", "WORKSHOP_JOIN_LIMIT_PER_SESSION": "1000000/10",
            "WORKSHOP_VOTE_LIMIT": "1000000/1",
            "WORKSHOP_CONNECTIONS_PER_ADDRESS": str(phones + 200),
            "WORKSHOP_MAX_CONNECTIONS": str(max(4096, phones + 1000)),
            "WORKSHOP_RATELIMIT_PREFIX": f"mesa-bench-{uuid.uuid4().hex[:8]}",
        }

    @contextlib.contextmanager
    def running(self):
        with contextlib.ExitStack() as stack:
            database = None
            if self.args.database == "postgres" or self.args.cluster:
                from tests.helpers import postgres_database

                database = stack.enter_context(postgres_database("mesa_bench"))
            if self.args.cluster:
                yield from self._cluster(database)
            else:
                yield from self._single(database)

    def _single(self, database):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        log = self.log_path = self.tmp / "mesa.log"
        env = {**os.environ, **self.env(), "WORKSHOP_HOST": "127.0.0.1", "WORKSHOP_PORT": str(port),
               "WORKSHOP_DATABASE_URL": database or f"sqlite:///{self.tmp / 'mesa.sqlite'}"}
        with open(log, "w") as out:
            process = subprocess.Popen([sys.executable, str(ROOT / "run.py")], cwd=ROOT, stdout=out,
                                       stderr=subprocess.STDOUT, env=env)
        try:
            wait_healthy(self.url, process, log)
            self.pids = [process.pid]
            yield self
        finally:
            stop(process)

    def _cluster(self, database):
        state = self.tmp / "cluster"
        port = free_port()
        env = {**os.environ, **self.env(), "WORKSHOP_CONNECTIONS_PER_ADDRESS": "0"}
        command = [sys.executable, str(ROOT / "deploy" / "cluster.py")]
        up = subprocess.run(command + ["up", "--dir", str(state), "--processes", str(self.args.cluster),
                                       "--port", str(port), "--database-url", database,
                                       "--channel", f"mesa-bench-{uuid.uuid4().hex[:8]}",
                                       "--conn-per-address", str(self.args.phones + 200)],
                            env=env, capture_output=True, text=True, timeout=180)
        try:
            if up.returncode:
                raise RuntimeError(f"deploy/cluster up failed:\n{up.stdout}{up.stderr}")
            record = json.loads((state / "cluster.json").read_text())
            self.log_path = state / "logs" / "mesa-1.log"
            self.url = record["url"]
            self.pids = [p["pid"] for p in record["processes"]]  # nginx and every run.py
            yield self
        finally:
            subprocess.run(command + ["down", "--dir", str(state)], capture_output=True, timeout=60)

    def room(self) -> tuple[int, str, dict]:
        self.token = requests.post(f"{self.url}/api/v1/auth/token", json=ADMIN, timeout=30).json()["token"]
        self.headers = {"Authorization": f"Bearer {self.token}"}
        programme = self._post("/programmes", {"name": "Bench"})
        initiative = self._post(f"/programmes/{programme['id']}/initiatives", {"name": "Bench"})
        self.item = self._post(f"/initiatives/{initiative['id']}/items", {"kind": "action_line", "title": "Bench"})
        session = self._post(f"/initiatives/{initiative['id']}/sessions",
                             {"title": "Bench", "phase": 1, "item_ids": [self.item["id"]]})
        self._post(f"/sessions/{session['id']}/start")
        self.session_id = session["id"]
        return session["id"], session["join_code"], {"token": self.token, "view": "projector"}

    def _post(self, path: str, body: dict | None = None) -> dict:
        response = requests.post(f"{self.url}/api/v1{path}", json=body, headers=self.headers, timeout=60)
        if response.status_code >= 400:
            raise RuntimeError(f"POST {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else {}

    def new_round(self) -> int:
        if self.round_id:
            self._post(f"/rounds/{self.round_id}/close")
        # hidden results: phones get no tallies (the bare server sends none to phones either);
        # the projector still gets the turnout 4 times a second
        round_ = self._post(f"/sessions/{self.session_id}/rounds",
                            {"item_ids": [self.item["id"]], "method": "approve", "results": "hidden"})
        self._post(f"/rounds/{round_['id']}/open")
        self.round_id = round_["id"]
        return self.round_id

    def describe(self) -> str:
        if self.args.cluster:
            return (f"deploy/cluster: {self.args.cluster} × run.py behind nginx, Redis, PostgreSQL "
                    f"({self.args.async_mode}; CPU and RSS summed over nginx and every process)")
        return f"run.py ({self.args.async_mode}, {'PostgreSQL' if self.args.database == 'postgres' else 'SQLite'})"


# --- One run against one server ----------------------------------------------------------------


@dataclass
class Figures:
    phones: int = 0
    join_seconds: float = 0.0
    connect_seconds: float = 0.0
    connect_p50: float = 0.0
    connect_p99: float = 0.0
    votes_per_second: float = 0.0
    cpu_per_vote_us: float = 0.0
    ack_p50: float = 0.0
    ack_p99: float = 0.0
    sustained_acks: int = 0
    sustained_refused: dict = field(default_factory=dict)
    server_busy: float = 0.0
    swarm_busy: float = 0.0
    burst_p50: float = 0.0
    burst_p99: float = 0.0
    burst_acks: int = 0
    burst_refused: dict = field(default_factory=dict)
    projector_lag: float | None = None
    rss_mb: float = 0.0
    per_phone_kb: float = 0.0
    storm_phones: int = 0
    storm_seconds: float = 0.0
    storm_p50: float = 0.0
    storm_failed: int = 0
    #: Votes of the phones that stayed connected through the storm, sent meanwhile.
    storm_votes: int = 0
    storm_vote_p50: float = 0.0
    storm_vote_p99: float = 0.0
    lost: int = 0
    notes: list = field(default_factory=list)
    profile: str = ""


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def split(items: list, parts: int) -> list[list]:
    return [items[n::parts] for n in range(parts)]


def log(message: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def acked(fig: Figures, results: list[dict], refused: dict[str, int]) -> list[float]:
    """The ack latencies of the swarm workers' votes (`swarm.Votes.result()` each); phones lost go
    to `fig` (two notes a worker), refusals by code to `refused`."""
    fig.lost += sum(len(r["lost"]) for r in results)
    fig.notes.extend(e for r in results for e in r["lost"][:2])
    for r in results:
        for code, count in r["refused"].items():
            refused[code] = refused.get(code, 0) + count
    return [x for r in results for x in r["latencies"]]


def measure(server, args) -> Figures:
    fig = Figures(phones=args.phones)
    session_id, join_code, projector_auth = server.room()
    workers = args.workers
    swarm = Swarm(server.url, session_id, workers, projector_auth)
    sampler = Sampler(server.name, server.pids, args.profile) if args.profile else None

    def phase(name: str):
        return sampler.phase(name) if sampler else contextlib.nullcontext()

    try:
        names = [(f"Bench {n + 1}", f"Org {n % 40}", SECTORS[n % 4]) for n in range(args.phones)]
        log(f"{server.name}: joining {args.phones} phones")
        with phase("join"):
            joined = swarm.run("join", per_worker=[{"join_code": join_code, "names": part}
                                                   for part in split(names, workers)], timeout=1200)
        fig.join_seconds = max(r["seconds"] for r in joined)
        round_id = server.new_round()
        time.sleep(0.5)
        rss_before = rss_bytes(server.pids)

        log(f"{server.name}: connecting")
        with phase("connect"):
            connected = swarm.run("connect", concurrency=args.connect_concurrency, timeout=1200)
        durations = [d for r in connected for d in r["durations"]]
        fig.connect_seconds = max(r["seconds"] for r in connected)
        fig.connect_p50, fig.connect_p99 = pct(durations, 0.5), pct(durations, 0.99)
        time.sleep(1.0)  # let the connects' garbage go before reading the memory
        rss_after = rss_bytes(server.pids)
        fig.rss_mb = rss_after / 2**20
        fig.per_phone_kb = (rss_after - rss_before) / 1024 / args.phones

        active = min(args.sustain_phones, args.phones)
        log(f"{server.name}: {active} phones voting as fast as acks come back for {args.seconds:g} s")
        per_worker_active = [len(part) for part in split(list(range(active)), workers)]
        cpu0, wall0 = cpu_seconds(server.pids), time.monotonic()
        with phase("votes"):
            sustained = swarm.run("sustain", per_worker=[{"active": a} for a in per_worker_active],
                                  round_id=round_id, seconds=args.seconds, timeout=args.seconds + 120)
        wall = time.monotonic() - wall0
        cpu = cpu_seconds(server.pids) - cpu0
        latencies = acked(fig, sustained, fig.sustained_refused)
        fig.sustained_acks = len(latencies)
        elapsed = max(r["seconds"] for r in sustained)
        fig.votes_per_second = len(latencies) / elapsed
        fig.cpu_per_vote_us = cpu / max(1, len(latencies)) * 1e6
        fig.ack_p50, fig.ack_p99 = pct(latencies, 0.5), pct(latencies, 0.99)
        fig.server_busy = cpu / wall / len([p for p in server.pids])
        fig.swarm_busy = max(r["cpu"] / r["seconds"] for r in sustained)

        log(f"{server.name}: burst — every phone votes once within one second, in a new round")
        burst_round = server.new_round()
        time.sleep(0.5)
        with phase("burst"):
            burst = swarm.run("burst", round_id=burst_round, at=time.monotonic() + 0.5, spread=1.0, timeout=300)
        latencies = acked(fig, burst, fig.burst_refused)
        fig.burst_acks = len(latencies)
        fig.burst_p50, fig.burst_p99 = pct(latencies, 0.5), pct(latencies, 0.99)
        last_ack = max(r["last_ack"] for r in burst)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            tallies = swarm.run("tallies_seen")[0]["tallies"]
            final = [at for at, rid, voted in tallies if rid == burst_round and voted >= fig.burst_acks]
            if final:
                # below zero: the projector had the final count before the last phone got its ack
                # (the ack waited in the server's queue); counted as 0, the early margin noted
                lag = min(final) - last_ack
                fig.projector_lag = max(0.0, lag)
                if lag < 0:
                    fig.notes.append(f"the projector showed the burst's final count {-lag * 1000:.0f} ms before "
                                     "the last ack reached its phone")
                break
            time.sleep(0.1)

        storm = min(args.storm, args.phones)
        if args.storm_voters:
            log(f"{server.name}: {args.storm_voters} more phones join, to vote through the storm")
            watchers = [(f"Watcher {n + 1}", f"Org {n % 40}", SECTORS[n % 4]) for n in range(args.storm_voters)]
            swarm.run("watch", per_worker=[{"join_code": join_code, "names": part}
                                           for part in split(watchers, workers)], timeout=600)
        log(f"{server.name}: reconnect storm — {storm} phones drop and reconnect at once"
            + (f", while {args.storm_voters} others vote" if args.storm_voters else ""))
        fig.storm_phones = storm
        swarm.run("drop", per_worker=[{"count": len(part)} for part in split(list(range(storm)), workers)])
        time.sleep(1.0)
        at = time.monotonic() + 0.3
        counts = [{"count": len(part)} for part in split(list(range(storm)), workers)]
        with phase("storm"):
            stormed = swarm.run("storm", per_worker=counts, at=at, timeout=300,
                                round_id=burst_round if args.storm_voters else None)
        arrivals = [t - at for r in stormed for t in r["state_at"]]
        storm_votes = acked(fig, [r["votes"] for r in stormed], {})
        fig.storm_votes = len(storm_votes)
        fig.storm_vote_p50, fig.storm_vote_p99 = pct(storm_votes, 0.5), pct(storm_votes, 0.99)
        fig.storm_failed = sum(r["failed"] for r in stormed)
        for r in stormed:
            fig.notes.extend(r["errors"])
        fig.storm_seconds = max(arrivals) if arrivals else float("nan")
        fig.storm_p50 = pct(arrivals, 0.5)
        swarm.run("close", timeout=60)
    finally:
        swarm.close()
    if sampler:
        fig.profile = sampler.report()
    return fig


# --- The report ----------------------------------------------------------------------------------


def _fmt(value, unit_digits=1) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return f"{value:,.{unit_digits}f}"


def report(args, figures: dict[str, Figures], describe: dict[str, str], loads: tuple, started: float) -> str:
    bare, mesa = figures.get("bare"), figures.get("Mesa")
    rows = []

    def row(label, attr, scale=1.0, digits=1, target=""):
        b = getattr(bare, attr) if bare else None
        m = getattr(mesa, attr) if mesa else None
        b = None if b is None else b * scale
        m = None if m is None else m * scale
        ratio = f"{m / b:.2f}×" if (b and m is not None and b == b and m == m) else "—"
        rows.append((label, _fmt(b, digits), _fmt(m, digits), ratio, target))

    n, storm = args.phones, min(args.storm, args.phones)
    active = min(args.sustain_phones, args.phones)
    row(f"join: all {n} phones through POST /api/v1/join (s)", "join_seconds", digits=1)
    row(f"connect: all {n} phones have their state (s)", "connect_seconds", digits=2)
    row("connect per phone p50 (ms)", "connect_p50", 1000)
    row("connect per phone p99 (ms)", "connect_p99", 1000)
    row(f"sustained acked votes/s ({active} phones, closed loop)", "votes_per_second", digits=0,
        target="Mesa ≥ 0.8× bare")
    row("server CPU per acked vote (µs)", "cpu_per_vote_us", digits=0, target="Mesa ≤ 1.5× bare")
    row("sustained ack p50 (ms)", "ack_p50", 1000)
    row("sustained ack p99 (ms)", "ack_p99", 1000)
    row(f"burst: {n} phones vote within 1 s, ack p50 (ms)", "burst_p50", 1000)
    row(f"burst: {n} phones vote within 1 s, ack p99 (ms)", "burst_p99", 1000, target="Mesa ≤ 1.5× bare")
    row("projector: final tally after last ack (ms)", "projector_lag", 1000, digits=0, target="≤ 500 ms")
    row(f"server RSS with {n} phones connected (MB)", "rss_mb")
    row("memory per connected phone (KB)", "per_phone_kb", target="≤ 150 KB")
    row(f"reconnect storm: {storm} phones, until all have state (s)", "storm_seconds", digits=2)
    row("reconnect storm: p50 per phone (s)", "storm_p50", digits=2)
    if args.storm_voters:
        row(f"votes during the storm ({args.storm_voters} phones, one vote a second each): acked", "storm_votes",
            digits=0)
        row("votes during the storm: ack p50 (ms)", "storm_vote_p50", 1000)
        row("votes during the storm: ack p99 (ms)", "storm_vote_p99", 1000)

    width = max(len(r[0]) for r in rows)
    out = []
    load = [" ".join(f"{x:.2f}" for x in each) for each in loads]
    out.append(f"Mesa bench suite — {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
               f"load average {load[0]} at the start, {load[1]} at the end (the machine is shared)")
    out.append(f"command: {' '.join(['bench/suite.py'] + sys.argv[1:])}")
    for name in ("bare", "Mesa"):
        if name in describe:
            out.append(f"  {name}: {describe[name]}")
    out.append(f"  swarm: {args.workers} processes of raw WebSocket Socket.IO clients (bench/swarm.py), loopback")
    out.append("")
    out.append(f"{'figure':<{width}}  {'bare':>10}  {'Mesa':>10}  {'Mesa/bare':>9}  target")
    for label, b, m, ratio, target in rows:
        out.append(f"{label:<{width}}  {b:>10}  {m:>10}  {ratio:>9}  {target}")
    out.append("")
    for name, fig in figures.items():
        refused = ", ".join(f"{k} {v}" for k, v in {**fig.sustained_refused, **fig.burst_refused}.items()) or "none"
        out.append(f"{name}: sustained {fig.sustained_acks} acks, burst {fig.burst_acks}/{fig.phones} acked, "
                   f"refused: {refused}; phones whose socket closed or went unacked while voting {fig.lost}; "
                   f"storm failures {fig.storm_failed}; while voting the server used "
                   f"{fig.server_busy:.0%} of a core (per process), the busiest swarm process {fig.swarm_busy:.0%}"
                   + (" — the SWARM may be the bottleneck" if fig.swarm_busy > 0.9 else "")
                   + (" — with votes always waiting, the server got less than a core: other work took the CPU "
                      "(see the load average), so its votes/s are a lower bound" if fig.server_busy < 0.8
                      and fig.swarm_busy <= 0.9 else ""))
        for note in fig.notes[:3]:
            out.append(f"    {note}")
    out.append(f"ratios are Mesa/bare: below 1 is better for times, CPU and memory, above 1 for votes/s. "
               f"Total {time.monotonic() - started:.0f} s.")
    return "\n".join(out)


def server_log_tail(server, lines: int = 25) -> None:
    """The end of the server's log on standard error: what it said when something went wrong."""
    path = getattr(server, "log_path", None)
    if path and path.exists():
        tail = path.read_text(errors="replace").splitlines()[-lines:]
        print(f"--- the last {len(tail)} lines of {server.name}'s log ({path}):", *tail, "---", sep="\n",
              file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--phones", type=int, help="phones connected (default 1,000; 2,000 with --cluster)")
    parser.add_argument("--seconds", type=float, default=10, help="length of the sustained vote (default 10)")
    parser.add_argument("--sustain-phones", type=int, default=300,
                        help="phones voting in a closed loop during the sustained run (default 300)")
    parser.add_argument("--storm", type=int, default=1000, help="phones in the reconnect storm (default 1,000)")
    parser.add_argument("--storm-voters", type=int, default=50,
                        help="more phones that stay connected and vote through the storm (default 50; 0: none)")
    parser.add_argument("--async-mode", choices=("eventlet", "gevent", "threading"), default="eventlet")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--cluster", type=int, default=0, metavar="N",
                        help="Mesa as deploy/cluster: N processes behind nginx on Redis and PostgreSQL")
    parser.add_argument("--workers", type=int, default=2, help="swarm processes (default 2)")
    parser.add_argument("--connect-concurrency", type=int, default=50,
                        help="connects in flight per swarm process while connecting (default 50)")
    parser.add_argument("--only", choices=("bare", "mesa"), help="measure one server only")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="record each phase of each server with py-spy into DIR and summarise it "
                             "(sampling costs the server a little CPU: take figures without it)")
    args = parser.parse_args(argv)
    if args.phones is None:
        args.phones = 2000 if args.cluster else 1000
    if args.phones < args.workers:
        parser.error("--phones must be at least --workers")
    limit = raise_fd_limit()
    if limit < 2 * args.phones + 1000:
        print(f"warning: only {limit} open files allowed (ulimit -n); {args.phones} phones need about "
              f"{2 * args.phones + 1000} between the server and the swarm", file=sys.stderr)
    started = time.monotonic()
    loads = [os.getloadavg()]
    figures, describe = {}, {}
    with tempfile.TemporaryDirectory(prefix="mesa-bench-") as tmp:
        for kind in (Bare, Mesa):
            if args.only and args.only != kind.name.lower():
                continue
            server = kind(Path(tmp), args)
            with server.running():
                describe[kind.name] = server.describe()
                try:
                    figures[kind.name] = fig = measure(server, args)
                except BaseException:
                    server_log_tail(server)
                    raise
                if fig.lost or fig.storm_failed or fig.burst_acks < fig.phones:
                    server_log_tail(server)
    loads.append(os.getloadavg())
    print(report(args, figures, describe, loads, started), flush=True)
    for name, fig in figures.items():
        if fig.profile:
            print(f"\nWhere {name}'s time went (py-spy, {args.profile}):\n{fig.profile}", flush=True)
    incomplete = [name for name, fig in figures.items()
                  if fig.burst_acks < fig.phones or fig.storm_failed or fig.lost]
    if incomplete:
        print(f"INCOMPLETE: {', '.join(incomplete)} lost phones, did not ack every burst vote or did not "
              "reconnect every phone (see the lines above)", flush=True)
    return 1 if incomplete else 0


if __name__ == "__main__":
    threading.current_thread().name = "suite"
    sys.exit(main())
