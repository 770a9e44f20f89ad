"""The vote path alone, in process: `voting.services.cast_vote` against an SQLite file.

    .venv/bin/python bench/vote_path.py [--phones 200] [--votes 10] [--group 1]

Prints the cost of one stored vote (statements and commit, no sockets). Bounded: phones × votes.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.room import SECTORS, in_process_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--votes", type=int, default=10, help="votes per phone (each replaces the last)")
    parser.add_argument("--group", type=int, default=1,
                        help="votes stored per commit (voting.services.cast_votes, as the group commit does)")
    args = parser.parse_args()
    app = in_process_app()
    with app.app_context():
        from workshop.programmes import services as programmes
        from workshop.sessions import services as sessions
        from workshop.voting import services as voting

        programme = programmes.create_programme({"name": "Bench"})
        initiative = programmes.create_initiative(programme, {"name": "I"})
        item = programmes.create_item(initiative, {"kind": "action_line", "title": "T"})
        session = sessions.create_session(initiative, phase_number=1, title="S", status="scheduled",
                                          item_ids=[item.id])
        sessions.transition(session, "live")
        voters = []
        for n in range(args.phones):
            participant, _token, _ = sessions.join(session.join_code, name=f"P{n}", organisation="O",
                                                   sector=SECTORS[n % 4])
            voters.append(voting.Voter(participant.id, session.id, participant.sector, participant.token_hash))
        round_ = voting.create_round(session, item_ids=[item.id], method="approve", open_now=True)
        requests = [voting.VoteRequest(voter, round_.id, ("approve", "neutral", "reject")[(k + voter.id) % 3],
                                       f"{k}-{voter.id}") for k in range(args.votes) for voter in voters]
        started, count = time.perf_counter(), 0
        for start in range(0, len(requests), args.group):
            group = requests[start:start + args.group]
            if args.group == 1:
                voting.cast_vote(*group[0])
            else:
                assert all(ack["ok"] for ack in voting.cast_votes(group))
            count += len(group)
        elapsed = time.perf_counter() - started
    print(f"vote path (SQLite, in process, {args.group} per commit): {count} votes in {elapsed:.2f} s -> "
          f"{elapsed / count * 1e6:.0f} us per stored vote")


if __name__ == "__main__":
    main()
