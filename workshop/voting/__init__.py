"""Voting: rounds, votes and decisions; `rules.py` holds the pure voting rules."""
from __future__ import annotations

from flask import Flask

from .. import signals


def _close_rounds_with_session(session_id: int, staff=None, **_):
    from .services import close_open_rounds

    close_open_rounds(session_id, staff=staff)


def _amend_votes(session_id: int, participant_id: int, change: str, staff=None, into=None, sector=None, **_):
    from .services import amend_votes

    amend_votes(session_id, participant_id, change, staff=staff, into=into, sector=sector)


def init_voting(app: Flask) -> None:
    """Subscribe the voting slice to the signals it follows (once per process)."""
    signals.session_closing.connect(_close_rounds_with_session, weak=False)
    signals.participant_amended.connect(_amend_votes, weak=False)
