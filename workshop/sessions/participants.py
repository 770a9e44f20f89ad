"""The facilitator's hand on who is in the room: admit, remove, correct a sector, merge duplicates.

Every change is logged in the event log with who did it and why, and announced after commit.
Removing, merging or correcting a sector changes which votes count and how: inside the same
transaction, `signals.participant_amended` lets the voting slice move or re-sector the votes and
recount the session's closed rounds (`workshop.voting`), so this module never touches votes.
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import or_, select

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..refusals import Conflict, NotFound, Refusal
from ..util import name_key, utcnow
from .models import SECTORS, Participant, Session, Stakeholder

REASON_MAX = 500


def participant_in(session: Session, participant_id: Any) -> Participant:
    """The participant with this id in the session, or a not-found refusal."""
    participant = db.session.get(Participant, participant_id) if isinstance(participant_id, int) else None
    if participant is None or participant.session_id != session.id:
        raise NotFound("unknown_participant", "No such participant in this session.")
    return participant


def _reason(reason: Any, required: bool = True) -> str:
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise Refusal("invalid_reason", "The reason must be text.")
    reason = " ".join(reason.split())
    if required and not reason:
        raise Refusal("reason_required", "Say why, for the minutes.")
    if len(reason) > REASON_MAX:
        raise Refusal("invalid_reason", "The reason must be at most %(limit)s characters.", limit=REASON_MAX)
    return reason


def remove(session: Session, participant_id: Any, reason: Any, staff: Optional[StaffUser] = None) -> Participant:
    """Remove a participant (a test join, a mistake): their votes stop counting everywhere."""
    participant = participant_in(session, participant_id)
    if participant.is_removed:
        raise Conflict("already_removed", "This participant was removed already.")
    reason = _reason(reason)
    participant.removed_at = utcnow()
    log_event(session.id, "participant_removed", staff=staff, removed_id=participant.id, reason=reason,
              name=participant.stakeholder.name)
    signals.participant_amended.send(session.id, participant_id=participant.id, change="removed", staff=staff)
    db.session.commit()
    signals.participants_changed.send(session.id, participant_id=participant.id, change="removed")
    return participant


def admit(session: Session, participant_id: Any, staff: Optional[StaffUser] = None) -> Participant:
    """Let a participant who is waiting vote (sessions that require admission)."""
    participant = participant_in(session, participant_id)
    if participant.is_admitted:
        return participant
    participant.is_admitted = True
    log_event(session.id, "participant_admitted", staff=staff, admitted_id=participant.id)
    db.session.commit()
    signals.participants_changed.send(session.id, participant_id=participant.id, change="admitted")
    return participant


def correct_sector(session: Session, participant_id: Any, sector: Any, reason: Any = "",
                   staff: Optional[StaffUser] = None) -> Participant:
    """Correct a participant's sector; their votes in this session are tallied under the new one."""
    participant = participant_in(session, participant_id)
    if sector not in SECTORS:
        raise Refusal("invalid_sector", "sector must be one of %(sectors)s.", sectors=", ".join(SECTORS))
    previous = participant.stakeholder.sector
    if previous == sector:
        return participant
    participant.stakeholder.sector = sector
    log_event(session.id, "sector_corrected", staff=staff, participant_id_changed=participant.id,
              previous=previous, sector=sector, reason=_reason(reason, required=False))
    signals.participant_amended.send(session.id, participant_id=participant.id, change="sector", sector=sector,
                                     staff=staff)
    db.session.commit()
    signals.participants_changed.send(session.id, participant_id=participant.id, change="sector")
    return participant


def merge(session: Session, keep_id: Any, duplicate_id: Any, reason: Any = "",
          staff: Optional[StaffUser] = None) -> Participant:
    """Merge a duplicate into the participant to keep (one person who joined twice). The duplicate
    is kept in the records as merged and removed; where only it voted in a round, its vote becomes
    the kept participant's; where both did, the kept one's vote stands. Both histories stay in the
    event log."""
    keep = participant_in(session, keep_id)
    duplicate = participant_in(session, duplicate_id)
    if keep.id == duplicate.id:
        raise Refusal("same_participant", "Choose two different participants to merge.")
    if keep.is_removed or duplicate.is_removed:
        raise Conflict("already_removed", "A removed participant cannot be merged.")
    merge_in_transaction(session, keep, duplicate, _reason(reason, required=False), staff)
    db.session.commit()
    signals.participants_changed.send(session.id, participant_id=duplicate.id, change="merged")
    return keep


def merge_in_transaction(session: Session, keep: Participant, duplicate: Participant, reason: str,
                         staff: Optional[StaffUser] = None) -> None:
    """Merge two present participants of `session` in the caller's transaction (it commits, then
    sends `participants_changed`). The registry's merge of two people uses it too."""
    duplicate.merged_into_id = keep.id
    duplicate.removed_at = utcnow()
    log_event(session.id, "participants_merged", staff=staff, kept_id=keep.id, merged_id=duplicate.id,
              reason=reason, kept_name=keep.stakeholder.name, merged_name=duplicate.stakeholder.name)
    signals.participant_amended.send(session.id, participant_id=duplicate.id, change="merged", into=keep.id,
                                     staff=staff)


def _words(text: str) -> set[str]:
    return set(name_key(text).split())


def possible_duplicates(session_id: int) -> list[tuple[int, int]]:
    """Pairs (earlier, later) of present participants who may be one person: the same name in
    another organisation, or in the same organisation a name whose words contain the other's.
    Compares only within a name or an organisation, so a room of 1,000 costs little."""
    rows = db.session.execute(
        select(Participant.id, Stakeholder.name, Stakeholder.name_key, Stakeholder.organisation_key)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.session_id == session_id, Participant.removed_at.is_(None))
        .order_by(Participant.id)).all()
    by_name: dict[str, list[int]] = {}
    by_org: dict[str, list[tuple[int, set[str]]]] = {}
    for pid, name, key, org in rows:
        by_name.setdefault(key, []).append(pid)
        by_org.setdefault(org, []).append((pid, _words(name)))
    pairs: set[tuple[int, int]] = set()
    for ids in by_name.values():
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:])
    for people in by_org.values():
        for i, (a, a_words) in enumerate(people):
            for b, b_words in people[i + 1:]:
                if a_words <= b_words or b_words <= a_words:
                    pairs.add((a, b))
    return sorted(pairs)[:200]


def duplicates_of(session_id: int, participant_id: int) -> list[tuple[int, int]]:
    """The pairs of `possible_duplicates` that hold one participant: a join asks only about the
    newcomer (one indexed statement), so the console's list grows with the room, not its square."""
    me = db.session.execute(
        select(Participant.id, Stakeholder.name, Stakeholder.name_key, Stakeholder.organisation_key)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.id == participant_id, Participant.session_id == session_id,
               Participant.removed_at.is_(None))).first()
    if me is None:
        return []
    others = db.session.execute(
        select(Participant.id, Stakeholder.name, Stakeholder.name_key, Stakeholder.organisation_key)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.session_id == session_id, Participant.removed_at.is_(None), Participant.id != me.id,
               or_(Stakeholder.name_key == me.name_key, Stakeholder.organisation_key == me.organisation_key))
        .order_by(Participant.id).limit(200)).all()
    mine = _words(me.name)
    pairs = []
    for other in others:
        theirs = _words(other.name)
        if other.name_key == me.name_key or mine <= theirs or theirs <= mine:
            pairs.append((min(me.id, other.id), max(me.id, other.id)))
    return pairs


def apply_admission(session: Session, required: bool, staff: Optional[StaffUser] = None) -> list[Participant]:
    """Set whether the facilitator admits each new participant, in the caller's transaction; turning
    it off lets in whoever was waiting. Returns those let in (to announce after the commit)."""
    if not isinstance(required, bool):
        raise Refusal("invalid_payload", "required must be true or false.")
    session.requires_admission = required
    waiting = [] if required else [p for p in session.participants if not p.is_admitted and not p.is_removed]
    for participant in waiting:  # opening the door lets in whoever was waiting at it
        participant.is_admitted = True
    log_event(session.id, "admission_required" if required else "admission_open", staff=staff,
              admitted_ids=[p.id for p in waiting])
    return waiting


def announce_admitted(session_id: int, admitted: list[Participant]) -> None:
    """After the commit: each participant let in gets told."""
    for participant in admitted:
        signals.participants_changed.send(session_id, participant_id=participant.id, change="admitted")


def set_requires_admission(session: Session, required: bool, staff: Optional[StaffUser] = None) -> Session:
    """Whether the facilitator admits each new participant before they may vote."""
    admitted = apply_admission(session, required, staff)
    db.session.commit()
    signals.session_changed.send(session.id)
    announce_admitted(session.id, admitted)
    return session
