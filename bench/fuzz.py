"""Fuzz a real Mesa server: every socket event, every API operation, raw frames — ≥ 10,000 cases.

    .venv/bin/python bench/fuzz.py [--cases 10000] [--seed N]

Starts `python run.py` (eventlet, SQLite, as `make run` does) on a loopback port with a fresh
database and captures its output. Then, with hypothesis:

1. socket events: each event of /live gets a session of its own and its share of the cases, sent
   by a participant, a facilitator and the projector over WebSocket (python-socketio): any JSON
   shape, 20-digit integers, fractions, nesting, odd unicode, and the valid payload with one field
   replaced. Every ack must be well-formed and never `server_error`; after a refused one the
   database (read from its file) must be exactly as before.
2. the API: schemathesis against /api/openapi.json, every operation, valid and invalid requests,
   with the admin's token and (half the time) real ids in the path. No 5xx; a 4xx changes nothing.
3. raw frames: hostile JSON bodies on every JSON call (400 `bad_json`), malformed Socket.IO
   frames over WebSocket (the connection is closed) and long-polling bodies (400 at once).

Prints the cases run per part and every finding; fails (exit 1) on any finding, any 5xx, or any
traceback or ERROR line in the server's log.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import requests
import socketio
import websocket
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from bench.room import UNLIMITED_JOINS  # noqa: E402
from fuzzing import EVENTS, differences, payloads, sqlite_fingerprint, well_formed  # noqa: E402
from helpers import SERVER_ADMIN_EMAIL, SERVER_ADMIN_PASSWORD, fill, run_server  # noqa: E402

NS = "/live"
#: Operations that build a document: each case costs a layout, so they get fewer cases.
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".csv")


class Run:
    """Counters and findings of one fuzz run."""

    def __init__(self, url: str, database: Path):
        self.url, self.database = url, database
        self.cases: Counter = Counter()
        self.outcomes: Counter = Counter()
        self.findings: list[str] = []
        self._known = None  # the database's fingerprint while nothing was accepted since

    def finding(self, text: str) -> None:
        if len(self.findings) < 200:
            self.findings.append(text[:600])
        print("  FINDING:", text[:300], flush=True)

    def forget(self) -> None:
        """The database changed on purpose (a new stage): the next case reads it afresh."""
        self._known = None

    def before(self) -> dict:
        known, self._known = self._known, None
        return known or sqlite_fingerprint(self.database)

    def unchanged(self, before: dict, what: str) -> None:
        """Check that a refused request left the database as it was."""
        after = sqlite_fingerprint(self.database)
        if after != before:
            self.finding(f"state changed by refused {what}: {json.dumps(differences(before, after), default=str)}")
        else:
            self._known = after


def admin_headers(url: str) -> dict:
    r = requests.post(f"{url}/api/v1/auth/token", json={"email": SERVER_ADMIN_EMAIL,
                                                        "password": SERVER_ADMIN_PASSWORD}, timeout=10)
    r.raise_for_status()
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _live_client(url: str, auth: dict) -> socketio.Client:
    client = socketio.Client(reconnection=False)
    client.connect(url, namespaces=[NS], auth=auth, transports=["websocket"], wait_timeout=10)
    return client


def stage(url: str, headers: dict) -> tuple[dict, dict]:
    """A live session with three items, an open approve round, two participants (one name, two
    organisations), a comment and a proposal; a client of each role. Returns (ids, clients)."""
    def call(method, path, **kwargs):
        r = requests.request(method, f"{url}/api/v1{path}", headers=headers, timeout=30, **kwargs)
        assert r.status_code < 400, (path, r.status_code, r.text)
        return r.json() if r.content else {}

    programme = call("POST", "/programmes", json={"name": "Fuzz"})
    initiative = call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Granos"})
    items = [call("POST", f"/initiatives/{initiative['id']}/items", json={"kind": "action_line", "title": f"A{n}"})
             ["id"] for n in range(3)]
    session = call("POST", f"/initiatives/{initiative['id']}/sessions",
                   json={"title": "Taller", "phase": 1, "item_ids": items})
    call("POST", f"/sessions/{session['id']}/start")
    people = []
    for organisation in ("Org", "Otra"):
        r = requests.post(f"{url}/api/v1/join", json={"code": session["join_code"], "name": "Ana Fuzz",
                                                      "organisation": organisation, "sector": "public"}, timeout=10)
        assert r.status_code == 200, r.text
        people.append(r.json())
    round_ = call("POST", f"/sessions/{session['id']}/rounds", json={"item_ids": [items[0]], "method": "approve"})
    call("POST", f"/rounds/{round_['id']}/open")
    token = headers["Authorization"].split()[1]
    clients = {"participant": _live_client(url, {"token": people[0]["participant_token"], "session_id": session["id"]}),
               "staff": _live_client(url, {"token": token, "session_id": session["id"]}),
               "projector": _live_client(url, {"token": token, "session_id": session["id"], "view": "projector"})}
    twin = _live_client(url, {"token": people[1]["participant_token"], "session_id": session["id"]})
    comment = twin.call("comment", {"body": "Primero", "item_id": items[0]}, namespace=NS, timeout=10)
    proposal = twin.call("propose", {"kind": "policy_reform", "title": "Ley"}, namespace=NS, timeout=10)
    twin.disconnect()
    assert comment["ok"] and proposal["ok"], (comment, proposal)
    ids = {"round": round_["id"], "item": items[0], "item2": items[1], "comment": comment["comment_id"],
           "proposal": proposal["proposal_id"], "participant": people[0]["participant_id"],
           "twin": people[1]["participant_id"]}
    return ids, clients


def fuzz_events(run: Run, headers: dict, per_event: int, run_seed: int) -> None:
    for event in sorted(EVENTS):
        ids, clients = stage(run.url, headers)
        run.forget()
        valid = fill(EVENTS[event], ids)
        started = time.monotonic()

        @seed(run_seed + len(event))
        @settings(max_examples=per_event, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(role=st.sampled_from(sorted(clients)), payload=payloads(event, valid))
        def check(role, payload):
            before = run.before()
            run.cases["socket events"] += 1
            try:
                reply = clients[role].call(event, payload, namespace=NS, timeout=15)
            except Exception as exc:  # noqa: BLE001 - a dropped connection or no ack is a finding
                run.finding(f"{event} as {role}: no ack ({type(exc).__name__}) for {payload!r:.200}")
                clients[role] = _reconnect(run, clients[role], role, ids, headers)
                return
            if not well_formed(reply):
                run.finding(f"{event} as {role}: malformed ack {reply!r:.200} for {payload!r:.200}")
                return
            run.outcomes["ack ok" if reply["ok"] else "ack refused"] += 1
            if reply["ok"]:
                _settle(clients["staff"], event, payload, reply)
                return
            if reply["error"]["code"] == "server_error":
                run.finding(f"{event} as {role}: server_error for {payload!r:.200}")
            run.unchanged(before, f"{event} as {role} ({reply['error']['code']}) {payload!r:.200}")

        check()
        for client in clients.values():
            client.disconnect()
        print(f"  {event}: {per_event} cases in {time.monotonic() - started:.1f} s", flush=True)


def _settle(staff: socketio.Client, event: str, payload, reply: dict) -> None:
    """Stop a countdown an accepted event started: the clock would close the round later, in the
    middle of another case, and that case would seem to have changed the database."""
    round_id = None
    if event == "timer" and isinstance(payload, dict) and payload.get("seconds"):
        round_id = payload.get("round_id")
    if event == "open_round" and isinstance(payload, dict) and payload.get("seconds"):
        round_id = reply.get("round_id")
    if round_id:
        staff.call("timer", {"round_id": round_id, "seconds": 0}, namespace=NS, timeout=15)


def _reconnect(run: Run, client, role: str, ids: dict, headers: dict):
    try:
        client.disconnect()
    except Exception:  # noqa: BLE001
        pass
    client = stage(run.url, headers)[1][role]
    run.forget()
    return client


def fuzz_api(run: Run, headers: dict, per_operation: int, run_seed: int) -> None:
    """schemathesis over every operation of the OpenAPI document."""
    import schemathesis
    from schemathesis.generation.modes import GenerationMode

    ids, clients = stage(run.url, headers)
    for client in clients.values():
        client.disconnect()
    run.forget()
    admin_id = requests.get(f"{run.url}/api/v1/staff", headers=headers, timeout=10).json()[0]["id"]
    # The calls on staff accounts work on this one: disabling or re-passwording the bench's own admin
    # would end its token, and every later case would be a 401.
    target = requests.post(f"{run.url}/api/v1/staff", headers=headers, timeout=10, json={
        "email": "target@example.org", "name": "Target", "role": "facilitator", "password": "target-password-1"})
    target.raise_for_status()
    run.forget()
    real = {"item_id": ids["item"], "round_id": ids["round"], "user_id": target.json()["id"],
            "participant_id": ids["participant"], "number": 1}
    for programme in requests.get(f"{run.url}/api/v1/programmes", headers=headers, timeout=10).json()[-1:]:
        real["programme_id"] = programme["id"]
        real["initiative_id"] = programme["initiatives"][0]["id"]
        real["session_id"] = programme["initiatives"][0]["sessions"][0]["id"]
    schema = schemathesis.openapi.from_url(f"{run.url}/api/openapi.json")
    http = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        examples = per_operation // 4 if operation.path.endswith(DOCUMENT_SUFFIXES) else per_operation
        started, before_count = time.monotonic(), run.cases["api"]
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @seed(run_seed)
            @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode), use_real_ids=st.booleans())
            def check(case, use_real_ids):
                if use_real_ids and case.path_parameters:
                    case.path_parameters = {k: real.get(k, v) for k, v in case.path_parameters.items()}
                if case.path_parameters and case.path_parameters.get("user_id") == admin_id:
                    case.path_parameters = {**case.path_parameters, "user_id": real["user_id"]}
                before = run.before()
                run.cases["api"] += 1
                try:
                    response = case.call(base_url=run.url, session=http, headers=headers, timeout=60)
                except Exception as exc:  # noqa: BLE001 - no answer at all is a finding
                    run.finding(f"{operation.label}: no answer ({type(exc).__name__}: {exc})")
                    return
                run.outcomes[f"http {response.status_code // 100}xx"] += 1
                if response.status_code >= 500:
                    run.finding(f"{operation.label}: {response.status_code} for {case.path_parameters} "
                                f"{case.query} {case.body!r:.200}")
                elif response.status_code >= 400:
                    run.unchanged(before, f"{operation.label} ({response.status_code}) {case.body!r:.200}")

            try:
                check()
            except Unsatisfiable:  # nothing in this operation can be made invalid
                pass
        print(f"  {operation.label}: {run.cases['api'] - before_count} cases in {time.monotonic() - started:.1f} s",
              flush=True)


HOSTILE_BODIES = ["[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, '{"name": ' + "9" * 5000 + "}",
                  '{"x": NaN}', '{"x": 1e400}', '{"x": "\\ud800"', "\xff", "{" * 60_000]
HOSTILE_FRAMES = ["42/live,[\"vote\"," + "[" * 5000 + "]" * 5000 + "]", "42/live,[\"vote\",{\"round_id\":" + "9" * 5000
                  + "}]", "42/live,[\"vote\",NaN]", "42/live,{\"vote\":1}", "42/live,[]", "42/live,[[\"vote\"]]",
                  "42/live,[\"vote\"", "4x", "45-/live,[\"vote\",{\"_placeholder\":true,\"num\":0}]", "44/live,{}",
                  "49", "4", "42/live," + "9" * 200, "43/live,1{}", "x", "bAAAA", "4" + "[" * 60_000]


def fuzz_frames(run: Run, headers: dict, count: int, run_seed: int) -> None:
    ids, clients = stage(run.url, headers)
    for client in clients.values():
        client.disconnect()
    run.forget()
    token = headers["Authorization"].split()[1]
    session_id = requests.get(f"{run.url}/api/v1/programmes", headers=headers, timeout=10).json()[-1][
        "initiatives"][0]["sessions"][0]["id"]
    spec = requests.get(f"{run.url}/api/openapi.json", timeout=10).json()
    json_calls = [(method.upper(), path) for path, operations in spec["paths"].items()
                  for method, operation in operations.items()
                  if isinstance(operation, dict) and "application/json" in (operation.get("requestBody") or {}).get(
                      "content", {})]
    real = {"programme_id": 1, "initiative_id": 1, "item_id": ids["item"], "session_id": session_id,
            "round_id": ids["round"], "user_id": 1, "participant_id": ids["participant"]}
    for method, path in json_calls:
        url = run.url + path.format(**{k: real.get(k, 1) for k in real})
        for body in HOSTILE_BODIES:
            before = run.before()
            run.cases["hostile JSON bodies"] += 1
            r = requests.request(method, url, data=body.encode("utf-8", "surrogatepass"), headers={
                **headers, "Content-Type": "application/json"}, timeout=30)
            run.outcomes[f"http {r.status_code // 100}xx"] += 1
            if r.status_code >= 500 or (r.status_code == 400 and r.json()["error"]["code"] != "bad_json"):
                run.finding(f"hostile body on {method} {path}: {r.status_code} {r.text[:200]}")
            if r.status_code >= 400:
                run.unchanged(before, f"hostile body on {method} {path}")
    rng = random.Random(run_seed)
    garbage = [HOSTILE_FRAMES[n % len(HOSTILE_FRAMES)] for n in range(len(HOSTILE_FRAMES))]
    alphabet = "0123456789[]{}\",:/-_abcxyz\\ \x00\u202e🙂"
    while len(garbage) < count:
        prefix = rng.choice(["42/live,", "4", "40/live,", "43/live,1", "2/live,", "45-/live,", ""])
        garbage.append(prefix + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))))
    port = run.url.rsplit(":", 1)[1]
    auth = json.dumps({"token": token, "session_id": session_id})
    started = time.monotonic()
    for n, frame in enumerate(garbage):
        if n and n % 250 == 0:
            print(f"  frames: {n} in {time.monotonic() - started:.1f} s", flush=True)
        before = run.before()
        if n % 3 == 2:
            run.cases["long-polling bodies"] += 1
            opened = requests.get(f"{run.url}/socket.io/?EIO=4&transport=polling", timeout=10)
            sid = json.loads(opened.text[1:])["sid"]
            r = requests.post(f"{run.url}/socket.io/?EIO=4&transport=polling&sid={sid}",
                              data=frame.encode("utf-8", "surrogatepass"), timeout=10)
            run.outcomes[f"polling POST {r.status_code}"] += 1
            if r.status_code >= 500:
                run.finding(f"polling body {frame[:60]!r}: {r.status_code}")
        else:
            run.cases["WebSocket frames"] += 1
            ws = websocket.create_connection(f"ws://127.0.0.1:{port}/socket.io/?EIO=4&transport=websocket", timeout=10)
            try:
                ws.recv()  # engine.io's open packet
                ws.send(f"40/live,{auth}")
                ws.recv()  # the namespace's connect (then its state event)
                ws.send(frame)
                run.outcomes[_after_frame(ws)] += 1
            except Exception:  # noqa: BLE001 - the server closing the connection is the expected answer
                run.outcomes["WebSocket closed by the server"] += 1
            finally:
                ws.close()
        run.unchanged(before, f"frame {frame[:60]!r}")


def _after_frame(ws) -> str:
    """What the server did after a frame: closed the connection (engine.io's CLOSE packet, or the
    socket), answered it, or nothing within 0.5 s (a well-formed frame that asks for no answer)."""
    ws.settimeout(0.5)
    deadline = time.monotonic() + 0.5
    while time.monotonic() < deadline:
        try:
            packet = ws.recv()
        except websocket.WebSocketTimeoutException:
            break
        except Exception:  # noqa: BLE001
            return "WebSocket closed by the server"
        if packet in ("1", "") or packet is None:
            return "WebSocket closed by the server"
        if packet.startswith("43/live,"):
            return "WebSocket frame acked"
    return "WebSocket frame, no answer"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000, help="about how many cases in all (default 10,000)")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2**32)
    per_event = max(10, int(args.cases * 0.45) // len(EVENTS))
    per_operation = max(4, int(args.cases * 0.5) // 2 // 36)  # ~42 operations, documents get a quarter
    frames = max(50, int(args.cases * 0.10))
    print(f"bench/fuzz.py: seed {run_seed}; {per_event} cases per socket event, {per_operation} per API operation "
          f"and mode, {frames} raw frames", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mesa-fuzz-") as folder:
        with run_server(Path(folder), **UNLIMITED_JOINS) as server:
            run = Run(server.url, Path(folder) / "server.sqlite")
            headers = admin_headers(server.url)
            for title, part, size in (("1. socket events", fuzz_events, per_event),
                                      ("2. the API (schemathesis)", fuzz_api, per_operation),
                                      ("3. hostile bodies and raw frames", fuzz_frames, frames)):
                print(title, flush=True)
                try:
                    part(run, headers, size, run_seed)
                except Exception as exc:  # noqa: BLE001 - report it with the rest
                    run.finding(f"{title} stopped: {type(exc).__name__}: {exc}")
                headers = admin_headers(server.url)  # a fresh token for the next part
            time.sleep(1)  # the last log lines
            log = server.output
    tracebacks = log.count("Traceback (most recent call last)")
    errors = [line for line in log.splitlines() if " ERROR " in f" {line} " or line.startswith("ERROR")]
    refusal_lines = sum("mesa.refusals" in line for line in log.splitlines())
    total = sum(run.cases.values())
    print(f"\n{total} cases in {time.monotonic() - started:.0f} s (seed {run_seed}):")
    for part, n in run.cases.items():
        print(f"  {part:24} {n:6}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(run.outcomes.items())))
    print(f"server log: {len(log):,} bytes, {len(log.splitlines())} lines, {refusal_lines} refusal lines "
          f"(rate-limited per address), {tracebacks} tracebacks, {len(errors)} ERROR lines")
    for line in sorted(set(errors))[:10]:
        print("  ERROR line:", line[:200])
    if tracebacks:
        start = log.index("Traceback (most recent call last)")
        print(log[max(0, start - 300):start + 2500])
    print(f"findings: {len(run.findings)}")
    for text in run.findings[:50]:
        print("  -", text)
    return 1 if run.findings or tracebacks or errors or total < args.cases * 0.95 else 0


if __name__ == "__main__":
    sys.exit(main())
