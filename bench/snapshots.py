"""What one snapshot costs in a full room: statements and milliseconds per audience, in process.

    .venv/bin/python bench/snapshots.py [--items 20] [--people 300] [--comments 100] [--repeat 50]
                                        [--profile participant|projector|staff]

Builds a live session on an SQLite file through the real services (agenda, people, comments, a
closed round with a decision, an open dots round with votes), then times `live.state.snapshot` for
each audience as a connect does (nothing cached between calls) and counts its SQL statements. A
phone's reconnect costs the `participant` line; a reconnect storm of N phones costs N of them.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402

from bench.room import SECTORS, in_process_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--comments", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--profile", choices=("participant", "projector", "staff"),
                        help="also profile that audience's snapshots (cProfile) and print where their time goes")
    args = parser.parse_args()
    app = in_process_app()
    with app.app_context():
        from workshop.extensions import db
        from workshop.live import state
        from workshop.programmes import services as programmes
        from workshop.sessions import discussion
        from workshop.sessions import services as sessions
        from workshop.sessions.models import Participant, Session
        from workshop.voting import services as voting

        programme = programmes.create_programme({"name": "Bench"})
        initiative = programmes.create_initiative(programme, {"name": "I"})
        items = [programmes.create_item(initiative, {"kind": "action_line", "title": f"Item {n}"})
                 for n in range(args.items)]
        session = sessions.create_session(initiative, phase_number=3, title="S", status="scheduled",
                                          item_ids=[i.id for i in items])
        sessions.transition(session, "live")
        people = [sessions.join(session.join_code, name=f"P{n}", organisation=f"Org {n % 40}",
                                sector=SECTORS[n % 4])[0] for n in range(args.people)]
        for n in range(args.comments):
            discussion.add_comment(people[n % len(people)], f"Comment {n}", item_id=items[n % args.items].id)
        closed = voting.create_round(session, item_ids=[items[0].id], method="approve", open_now=True)
        for person in people:
            voting.cast_vote(person, closed.id, "approve", f"a-{person.id}")
        voting.close_round(closed)
        voting.record_decision(session, items[0], "agreed")
        open_ = voting.create_round(session, item_ids=[i.id for i in items[:6]], method="dots", dots=3,
                                    open_now=True)
        for person in people:
            voting.cast_vote(person, open_.id, {str(items[1].id): 2, str(items[2].id): 1}, f"d-{person.id}")
        db.session.commit()

        statements = [0]
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1))
        print(f"room: {args.items} agenda items, {args.people} people, {args.comments} comments (SQLite, in process)")
        for audience in state.AUDIENCES:
            statements[0] = 0
            started = time.perf_counter()
            for _ in range(args.repeat):
                db.session.expire_all()
                snap = state.snapshot(db.session.get(Session, session.id), audience)
                if audience == "participant":
                    state.for_participant(snap, db.session.get(Participant, people[-1].id))
                db.session.commit()
            elapsed = (time.perf_counter() - started) / args.repeat
            print(f"  {audience:<12} {statements[0] / args.repeat:5.0f} statements  "
                  f"{elapsed * 1000:6.1f} ms per snapshot")
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                db.session.expire_all()
                snap = state.snapshot(db.session.get(Session, session.id), args.profile)
                if args.profile == "participant":
                    state.for_participant(snap, db.session.get(Participant, people[-1].id))
                db.session.commit()
            profiler.disable()
            print(f"\nwhere a {args.profile} snapshot's time goes (cProfile, cumulative, Mesa's functions):")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"workshop/", 25)


if __name__ == "__main__":
    main()
