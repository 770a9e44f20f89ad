"""The tallies of open rounds, kept in this process's memory and checked against the database.

A group of votes moves its round's `tally_version` by one in the same commit (so does a close, and
a participant removed, merged or re-sectored); right after the commit, `committed()` adds the
group's ballots to the memory tally when it held the version just before, and forgets the round
otherwise (another process, or a correction, committed in between). `current()` answers from
memory when the version the caller read from the round's row is the one kept, and otherwise reads
the round's votes again (the first use after a start, or after a commit elsewhere). So the
memory is only ever a cache of the database, right in one process and in many: a process that
sees only its own votes never shows a tally without the others' once the round's row told it
their version. The version is read before the votes, so a tally is never labelled newer than
what it counts.
"""
from __future__ import annotations

import threading
from typing import Any, NamedTuple

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..sessions.models import Participant
from . import rules
from .models import Vote

#: Rounds kept in memory per process (the open ones matter; older ones go first).
KEPT = 64


class Counted(NamedTuple):
    """A round's tally as of one version, and how many votes count in it."""

    version: int
    figures: dict[str, Any]
    voted: int


class _Kept:
    __slots__ = ("version", "ballots", "figures")

    def __init__(self, version: int, ballots: dict[int, rules.Ballot]):
        self.version = version
        self.ballots = ballots  # participant id -> ballot (removed participants' left out)
        self.figures: dict[str, Any] | None = None  # the tally of `ballots`, made on first use


class _Memory:
    def __init__(self):
        self.lock = threading.Lock()
        self.rounds: dict[int, _Kept] = {}


def _memory() -> _Memory:
    return current_app.extensions.setdefault("mesa.tally_memory", _Memory())


def committed(round_id: int, version: int, ballots: list[tuple[int, rules.Ballot]]) -> None:
    """A commit took the round to `version` with these ballots (each replaces its voter's)."""
    memory = _memory()
    with memory.lock:
        kept = memory.rounds.get(round_id)
        if kept is None:
            return
        if kept.version != version - 1:
            del memory.rounds[round_id]  # something else committed in between: read it all again
            return
        for participant_id, ballot in ballots:
            kept.ballots[participant_id] = ballot
        kept.version = version
        if ballots:
            kept.figures = None


def forget(round_id: int) -> None:
    """Drop a round from memory (it closed: its frozen tally is in the database)."""
    memory = _memory()
    with memory.lock:
        memory.rounds.pop(round_id, None)


def current(round_id: int, version: int, method: str, item_ids: list[int]) -> Counted:
    """The open round's tally at `version` (read from its row in the caller's transaction)."""
    memory = _memory()
    with memory.lock:
        kept = memory.rounds.get(round_id)
        if kept is not None and kept.version == version:
            if kept.figures is None:
                kept.figures = rules.tally(method, kept.ballots.values(), item_ids)
            return Counted(version, kept.figures, len(kept.ballots))
    rows = db.session.execute(
        select(Vote.participant_id, Vote.sector, Vote.value).join(Participant, Participant.id == Vote.participant_id)
        .where(Vote.round_id == round_id, Participant.removed_at.is_(None)))
    kept = _Kept(version, {participant_id: rules.Ballot(sector, value) for participant_id, sector, value in rows})
    kept.figures = rules.tally(method, kept.ballots.values(), item_ids)
    with memory.lock:
        present = memory.rounds.get(round_id)
        if present is None or present.version < version:
            memory.rounds.pop(round_id, None)
            memory.rounds[round_id] = kept
            while len(memory.rounds) > KEPT:
                memory.rounds.pop(next(iter(memory.rounds)))
    return Counted(version, kept.figures, len(kept.ballots))
