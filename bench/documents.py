"""Document build times, and vote-ack latency while a big document is built in the live server.

    .venv/bin/python bench/documents.py [--phones 100] [--seconds 8] [--skip-live]

1. Builds a synthetic session in a temporary SQLite file — 500 participants, 40 items, 40 approve
   rounds (a third of them named) with every participant voting (20,000 votes), a dots and a
   ranking round, 2,000 comments, decisions with override reasons, the whole event log — and times
   its minutes PDF in-process (gathering the facts + laying out the PDF). Target: ≤ 2 s.
2. Loads the demo programme (8 initiatives) into another temporary file and times the programme
   report PDF. Target: ≤ 5 s.
3. Starts the real server (`python run.py`, eventlet, as `make run`) on the synthetic database,
   joins N phones to a small live session, lets them vote over websockets (each phone every
   ~0.6 s, within the rate limit), and measures the vote-ack latency first with nothing else
   going on, then while the same process builds the big minutes PDF over and over.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.room import open_room  # noqa: E402
from tests.helpers import make_config, run_server  # noqa: E402

SECTORS = ("public", "private", "academic", "civil_society")
#: Seconds between the quiet phase and the building one, not measured: a vote sent just before the
#: first build starts must not count as "quiet".
GAP = 1.0
#: Seconds of voting before anything is measured: every phone's first vote arrives at once.
WARM_UP = 3.0
WEIGHTS = (0.26, 0.38, 0.2, 0.16)
COMMENTS = [
    "Hace falta asegurar el financiamiento del Gobierno Regional antes de comprometer plazos.",
    "¿Quién se encarga del seguimiento del indicador? Propongo que la universidad lo mida cada año.",
    "Las asociaciones de productores necesitan capacitación en gestión, no solo en técnica.",
    "Coincido: sin semilla certificada no hay mercado de exportación posible.",
    "La municipalidad puede aportar el local y la logística para los talleres.",
    "Ojo con el riesgo climático: heladas y sequías cada vez más frecuentes en la zona alta.",
]


# --- 1. A big synthetic session ---------------------------------------------------------------


def build_big_session(app, participants: int = 500, items: int = 40, comments: int = 2000) -> int:
    """Fill the app's (empty) database with one big closed session and return its id."""
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from workshop.eventlog import Event
    from workshop.extensions import db
    from workshop.programmes import services as programmes
    from workshop.sessions import services as sessions
    from workshop.sessions.models import Comment, Participant, Stakeholder
    from workshop.util import name_key, token_digest
    from workshop.voting import rules
    from workshop.voting.models import Decision, Round, RoundItem, Vote

    rng = random.Random(7)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)  # as the server would, so it can serve it
        programme = programmes.create_programme({"name": "Banco de pruebas 2025", "institution": "CONCYTEC"})
        initiative = programmes.create_initiative(programme, {"name": "Cacao y chocolate — San Martín",
                                                              "region": "San Martín"})
        axes = ["Productividad y calidad", "Transformación", "Mercados", "Institucionalidad"]
        created = []
        for i in range(items):
            created.append(programmes.create_item(initiative, {
                "kind": "action_line" if i % 3 else "policy_reform",
                "title": f"Ítem {i + 1}: programa de mejora de la cadena del cacao en la región, componente {i + 1}",
                "description": "Descripción del ítem con su alcance, beneficiarios y plazos de ejecución.",
                "axis": axes[i % 4], "horizon": ("short", "medium", "long")[i % 3],
                "lead_institution": "Gobierno Regional de San Martín", "partners": "UNSM, DEVIDA, cooperativas",
                "indicator": "Hectáreas renovadas", "budget_pen": 250_000 + 10_000 * i}))
        start = datetime(2025, 5, 12, 19, 0, tzinfo=timezone.utc)
        session = sessions.create_session(initiative, phase_number=2, title="Sesión de posicionamiento",
                                          starts_at=start, place="Auditorio de la UNSM, Tarapoto",
                                          status="scheduled", item_ids=[i.id for i in created])
        session.status, session.started_at, session.ended_at = "closed", start, start + timedelta(hours=5)
        db.session.commit()
        sid, pid = session.id, programme.id

        clock = [start]

        def tick(seconds: float) -> datetime:
            clock[0] += timedelta(seconds=seconds)
            return clock[0]

        people = []
        for n in range(participants):
            sector = rng.choices(SECTORS, WEIGHTS)[0]
            name, org = f"Persona {n + 1} Ñahui Ríos", f"Organización {n % 90 + 1} de San Martín"
            people.append({"programme_id": pid, "name": name, "organisation": org, "sector": sector,
                           "region": "San Martín", "name_key": name_key(name), "organisation_key": name_key(org)})
        db.session.execute(insert(Stakeholder), people)
        stakeholder_ids = db.session.scalars(db.select(Stakeholder.id).order_by(Stakeholder.id)).all()
        joined = [{"session_id": sid, "stakeholder_id": s, "token_hash": token_digest(secrets.token_hex(16)),
                   "joined_at": tick(0.5)} for s in stakeholder_ids]
        db.session.execute(insert(Participant), joined)
        voters = db.session.execute(db.select(Participant.id, Stakeholder.sector).join(
            Stakeholder, Stakeholder.id == Participant.stakeholder_id).where(Participant.session_id == sid)).all()
        events = [{"session_id": sid, "at": j["joined_at"], "kind": "joined", "actor_kind": "participant",
                   "data": {}} for j in joined]
        votes, decisions, comment_rows = [], [], []

        def close(method, item_ids, ballots, anonymous, quorum=50, threshold=0.6, cross=False):
            figures = rules.tally(method, ballots, item_ids)
            outcome = rules.decide(method, figures, rules.Rule(quorum, threshold, cross), item_ids)
            opened = tick(30)
            round_ = Round(session_id=sid, method=method, quorum=quorum, threshold=threshold, is_cross_sector=cross,
                           is_anonymous=anonymous, results="live", state="closed", opened_at=opened,
                           closed_at=tick(120), outcome=outcome.result, final_tally=figures,
                           dots_budget=2 * len(item_ids) if method == "dots" else None,
                           outcome_detail={"reason": outcome.reason, "params": outcome.params,
                                           "items": outcome.items, "explanation": {
                                               "es": outcome.explanation("es"), "en": outcome.explanation("en")}})
            round_.entries = [RoundItem(item_id=i, position=k) for k, i in enumerate(item_ids)]
            db.session.add(round_)
            db.session.flush()
            events.append({"session_id": sid, "at": opened, "kind": "round_opened", "actor_kind": "staff",
                           "data": {"round_id": round_.id}})
            events.append({"session_id": sid, "at": round_.closed_at, "kind": "round_closed", "actor_kind": "staff",
                           "data": {"round_id": round_.id, "outcome": round_.outcome}})
            return round_, outcome

        for k, item in enumerate(created):
            lean = rng.uniform(0.45, 0.9)
            ballots, values = [], []
            for voter_id, sector in voters:
                r = rng.random()
                value = "approve" if r < lean else "neutral" if r < lean + 0.15 else "reject"
                ballots.append(rules.Ballot(sector, value))
                values.append((voter_id, sector, value))
            round_, outcome = close("approve", [item.id], ballots, anonymous=k % 3 != 0, cross=k % 2 == 0)
            for voter_id, sector, value in values:
                at = tick(0.01)
                votes.append({"round_id": round_.id, "participant_id": voter_id, "value": value, "sector": sector,
                              "client_vote_id": secrets.token_hex(6), "cast_at": at})
                events.append({"session_id": sid, "at": at, "kind": "vote_counted", "actor_kind": "participant",
                               "participant_id": voter_id, "data": {"round_id": round_.id}})
            computed = outcome.items[str(item.id)]
            override = k % 7 == 3
            final = ("deferred" if computed == "agreed" else "agreed") if override else computed
            decisions.append({"session_id": sid, "item_id": item.id,
                              "outcome": final if final != "no_quorum" else "deferred",
                              "computed_outcome": computed, "round_id": round_.id,
                              "reason": "La mesa pidió un estudio de costos antes de decidir." if override else "",
                              "decided_at": tick(60)})
            events.append({"session_id": sid, "at": clock[0], "kind": "decision", "actor_kind": "staff",
                           "data": {"item_id": item.id, "outcome": decisions[-1]["outcome"]}})
        for method in ("dots", "ranking"):
            ids = [i.id for i in created[:10]]
            ballots = []
            for voter_id, sector in voters:
                if method == "dots":
                    value = {str(i): 1 for i in rng.sample(ids, 4)}
                else:
                    value = rng.sample(ids, len(ids))
                ballots.append(rules.Ballot(sector, value))
                votes.append({"round_id": None, "participant_id": voter_id, "value": value, "sector": sector,
                              "client_vote_id": secrets.token_hex(6), "cast_at": tick(0.01)})
            round_, _ = close(method, ids, ballots, anonymous=True, threshold=0.4)
            for v in votes[-len(voters):]:
                v["round_id"] = round_.id
        for n in range(comments):
            voter_id, _sector = rng.choice(voters)
            comment_rows.append({"session_id": sid, "item_id": created[n % items].id, "participant_id": voter_id,
                                 "body": rng.choice(COMMENTS), "upvotes": rng.choice([0, 0, 1, 2, 5, 9, 14]),
                                 "is_hidden": n % 50 == 0, "is_pinned": n % 97 == 0, "created_at": tick(1)})
            events.append({"session_id": sid, "at": clock[0], "kind": "comment", "actor_kind": "participant",
                           "participant_id": voter_id, "data": {"item_id": created[n % items].id}})
        db.session.execute(insert(Vote), votes)
        db.session.execute(insert(Comment), comment_rows)
        db.session.execute(insert(Decision), decisions)
        db.session.execute(insert(Event), events)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return sid


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


# --- 3. Vote acks while a document builds ---------------------------------------------------------


async def vote_loop(url, session_id, round_id, tokens, phases, clock_started: threading.Event):
    """Phones vote until the last phase ends; each ack's latency is filed under the phase it was sent in."""
    import socketio

    clients = []
    for token in tokens:
        client = socketio.AsyncClient(reconnection=False)
        await client.connect(url, namespaces=["/live"], transports=["websocket"],
                             auth={"token": token, "session_id": session_id})
        clients.append(client)
    latencies: dict[str, list[float]] = {name: [] for name, _ in phases}
    refused = [0]
    counter = [0]
    boundaries, t = [], time.monotonic()
    for name, seconds in phases:
        boundaries.append((name, t, t + seconds))
        t += seconds
    end = t
    clock_started.set()  # the document builder times its start from here

    def phase_at(moment: float):
        return next((name for name, a, b in boundaries if a <= moment < b), None)

    async def phone(n, client):
        await asyncio.sleep(random.uniform(0, 0.6))
        while time.monotonic() < end:
            counter[0] += 1
            sent = time.monotonic()
            ack = await client.call("vote", {"round_id": round_id, "value": random.choice(["approve", "reject"]),
                                             "client_vote_id": f"{n}-{counter[0]}"}, namespace="/live", timeout=60)
            phase = phase_at(sent)
            if ack.get("ok") and phase:
                latencies[phase].append(time.monotonic() - sent)
            elif not ack.get("ok"):
                refused[0] += 1
            await asyncio.sleep(random.uniform(0.5, 0.7))

    await asyncio.gather(*(phone(n, c) for n, c in enumerate(clients)))
    for client in clients:
        await client.disconnect()
    return latencies, refused[0]


def live(db_path: Path, big_session: int, phones: int, seconds: float) -> None:
    import requests

    database_url = f"sqlite:///{db_path}"
    with tempfile.TemporaryDirectory() as tmp, run_server(Path(tmp), WORKSHOP_DATABASE_URL=database_url) as server:
        staff_token, session_id, round_id, tokens = open_room(server.url, phones)
        headers = {"Authorization": f"Bearer {staff_token}"}
        builds: list[float] = []
        failures: list[str] = []
        stop = threading.Event()
        clock_started = threading.Event()

        def build_documents():
            clock_started.wait(timeout=300)
            time.sleep(WARM_UP + seconds + GAP / 2)  # warm-up and the quiet phase first, then half the gap
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    r = requests.get(f"{server.url}/api/v1/sessions/{big_session}/minutes.pdf", headers=headers,
                                     timeout=120)
                except requests.RequestException as exc:
                    failures.append(repr(exc))
                    return
                if r.status_code != 200 or not r.content.startswith(b"%PDF"):
                    failures.append(f"HTTP {r.status_code}: {r.text[:200]}")
                    return
                builds.append(time.perf_counter() - started)

        builder = threading.Thread(target=build_documents, daemon=True)
        builder.start()
        latencies, refused = asyncio.run(vote_loop(server.url, session_id, round_id, tokens,
                                                   [("warm-up", WARM_UP), ("quiet", seconds), ("gap", GAP),
                                                    ("building", seconds)], clock_started))
        stop.set()
        builder.join(timeout=120)

    def summary(values: list[float]) -> str:
        if not values:
            return "no acks"
        values = sorted(values)
        pct = lambda q: values[min(len(values) - 1, int(q * len(values)))] * 1000  # noqa: E731
        return (f"{len(values)} acks   p50 {pct(0.5):.1f} ms   p95 {pct(0.95):.1f} ms   p99 {pct(0.99):.1f} ms   "
                f"max {values[-1] * 1000:.1f} ms")

    print(f"live server (eventlet, SQLite, loopback): {phones} phones voting every ~0.6 s, {seconds:.0f} s per phase")
    print(f"  vote ack, nothing else running:        {summary(latencies['quiet'])}")
    print(f"  vote ack, while building minutes PDFs: {summary(latencies['building'])}")
    print(f"  minutes PDFs served meanwhile: {len(builds)}"
          + (f", {statistics.mean(builds):.2f} s each over HTTP" if builds else "")
          + f"   refused votes (rate limit): {refused}")
    if failures:
        print(f"  document requests FAILED: {failures}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--skip-live", action="store_true")
    args = parser.parse_args()

    from workshop import create_app
    from workshop.documents import data, minutes_pdf, report_pdf

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.sqlite"
        app = create_app(make_config(f"sqlite:///{big}"))
        started = time.perf_counter()
        sid = build_big_session(app)
        print(f"synthetic session built in {time.perf_counter() - started:.1f} s "
              "(500 participants, 40 items, 42 rounds, 21,000 votes, 2,000 comments)")
        with app.app_context():
            gather, facts = timed(lambda: data.session_facts(sid, "es"))
            layout, pdf = timed(lambda: minutes_pdf.build(facts))
        pages = _pages(pdf)
        print(f"minutes PDF, big session:  {gather + layout:.2f} s  (facts {gather:.2f} s + layout {layout:.2f} s; "
              f"{pages} pages, {len(pdf) // 1024} KiB)   target <= 2 s")

        demo = Path(tmp) / "demo.sqlite"
        demo_app = create_app(make_config(f"sqlite:///{demo}"))
        with demo_app.app_context():
            from workshop.demo.loader import load_demo
            from workshop.extensions import db

            db.create_all()
            programme = load_demo()
            gather, facts = timed(lambda: data.programme_facts(programme.id, "es"))
            layout, pdf = timed(lambda: report_pdf.build(facts))
            db.session.remove()
            db.engine.dispose()
        print(f"programme report, 8 initiatives:  {gather + layout:.2f} s  (facts {gather:.2f} s + layout "
              f"{layout:.2f} s; {_pages(pdf)} pages)   target <= 5 s")
        if not args.skip_live:
            live(big, sid, args.phones, args.seconds)


def _pages(pdf: bytes) -> str:
    try:
        import io

        from pypdf import PdfReader

        return str(len(PdfReader(io.BytesIO(pdf)).pages))
    except ImportError:
        return "?"


if __name__ == "__main__":
    main()
