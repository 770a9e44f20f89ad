"""The phase pipeline: one action brings the items agreed in an earlier phase of an initiative (and,
if chosen, the deferred ones) onto a later session's agenda.

An item is carried by the table's latest decision on it in the sessions of that phase: agreed (and
deferred, when asked) come; rejected, undecided, merged and archived items stay behind. Items
already on the agenda are left where they are, so the action can be repeated safely. Only a draft
or scheduled session's agenda is prepared this way: a live session's agenda belongs to its
facilitator at the console, and a closed one is record. The items keep their ids and codes, so
their history (rounds, comments, decisions of every session) follows them."""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import select

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Item, Phase
from ..refusals import Conflict, Refusal
from ..sessions.models import AgendaEntry, Session
from ..voting.models import Decision
from .search import _number


def phase_outcomes(initiative_id: int, phase_number: int) -> dict[int, str]:
    """item id → the table's latest decision on it in the sessions of that phase."""
    rows = db.session.execute(
        select(Decision.item_id, Decision.outcome).join(Session, Session.id == Decision.session_id)
        .join(Phase, Phase.id == Session.phase_id)
        .where(Session.initiative_id == initiative_id, Phase.number == phase_number)
        .order_by(Decision.decided_at, Decision.id)).all()
    return {item_id: outcome for item_id, outcome in rows}


def source_phase(session: Session, phase: Optional[int]) -> int:
    """The earlier phase to carry from: `phase`, or the one just before the session's."""
    number = phase if phase is not None else session.phase.number - 1
    if session.phase.number <= 1 and phase is None:
        raise Refusal("no_earlier_phase", "This session is in the first phase: there is no earlier phase to "
                                          "bring items from.")
    if not 1 <= number < session.phase.number:
        raise Refusal("invalid_phase", "Choose a phase before this session's (phase %(phase)s).",
                      phase=session.phase.number)
    exists = db.session.scalar(select(Phase.id).where(Phase.initiative_id == session.initiative_id,
                                                      Phase.number == number))
    if exists is None:
        raise Refusal("invalid_phase", "Choose a phase before this session's (phase %(phase)s).",
                      phase=session.phase.number)
    return number


def candidates(session: Session, phase: int, include_deferred: bool) -> list[Item]:
    """The items the action would carry, agreed ones first, each kind in code order."""
    outcomes = phase_outcomes(session.initiative_id, phase)
    wanted = {"agreed"} | ({"deferred"} if include_deferred else set())
    ids = [i for i, outcome in outcomes.items() if outcome in wanted]
    if not ids:
        return []
    items = db.session.scalars(select(Item).where(Item.id.in_(ids), Item.is_archived.is_(False),
                                                  Item.status != "merged")).all()
    return sorted(items, key=lambda i: (outcomes[i.id] != "agreed", i.kind, _number(i.code), i.id))


def bring_from_phase(session: Session, *, phase: Optional[int] = None, include_deferred: bool = False,
                     staff: Optional[StaffUser] = None) -> dict[str, Any]:
    """Append the items agreed (and deferred, if asked) in an earlier phase to the session's agenda,
    skipping those already on it. Returns what was added and what was there already."""
    if session.status == "live":
        raise Conflict("agenda_not_preparable", "This session is live: its agenda is changed at the console, not "
                                                "brought from an earlier phase.")
    if session.status != "draft" and session.status != "scheduled":
        raise Conflict("agenda_not_preparable", "This session has ended: its agenda is part of the record.")
    number = source_phase(session, phase)
    present = {e.item_id for e in session.agenda}
    added, already = [], []
    for item in candidates(session, number, include_deferred):
        if item.id in present:
            already.append(item.id)
            continue
        session.agenda.append(AgendaEntry(item_id=item.id, position=len(session.agenda)))
        present.add(item.id)
        added.append(item.id)
    log_event(session.id, "agenda_from_phase", staff=staff, phase=number, include_deferred=include_deferred,
              added=added, already=already)
    db.session.commit()
    if added:
        signals.agenda_changed.send(session.id)
    return {"session_id": session.id, "phase": number, "added": added, "already": already,
            "agenda": [e.item_id for e in session.agenda]}
