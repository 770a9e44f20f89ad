"""Writes to sessions: lifecycle, agenda, joining, and the event log every change goes to."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..accounts.models import StaffUser
from ..extensions import db
from ..programmes.models import Initiative, Item, Phase
from ..refusals import Refusal
from ..util import name_key, new_join_code, new_token, normalise_join_code, token_digest
from .models import (
    SECTORS, AgendaEntry, Event, Participant, Session, Stakeholder, TransitionError,
)


class SessionError(Refusal):
    """A refused session operation."""


def log_event(session_id: int, kind: str, *, staff: Optional[StaffUser] = None,
              participant: Optional[Participant] = None, **data: Any) -> Event:  # or a voting.Voter
    """Add an event to the session's log (committed with the change it records)."""
    event = Event(
        session_id=session_id, kind=kind, data=data,
        actor_kind="staff" if staff else "participant" if participant else "system",
        staff_user_id=staff.id if staff else None,
        participant_id=participant.id if participant else None,
    )
    db.session.add(event)
    return event


def _unused_join_code() -> str:
    for _ in range(50):
        code = new_join_code()
        if db.session.scalar(select(Session.id).where(Session.join_code == code)) is None:
            return code
    raise RuntimeError("Could not find a free join code.")  # 31^6 codes: not reachable in practice


def create_session(initiative: Initiative, *, phase_number: int, title: str, starts_at: Optional[datetime] = None,
                   place: str = "", status: str = "draft", facilitators: list[StaffUser] = (),
                   item_ids: list[int] = (), staff: Optional[StaffUser] = None) -> Session:
    """A new session of `initiative` in its phase `phase_number`, with a fresh join code."""
    phase = db.session.scalar(
        select(Phase).where(Phase.initiative_id == initiative.id, Phase.number == phase_number)
    )
    if phase is None:
        raise SessionError("unknown_phase", "The initiative has no phase %(phase)s.", phase=phase_number)
    if status not in ("draft", "scheduled"):
        raise SessionError("invalid_status", "A new session is a draft or scheduled.")
    session = Session(
        initiative=initiative, phase=phase, title=title, starts_at=starts_at, place=place, status=status,
        join_code=_unused_join_code(), projector_key=secrets.token_urlsafe(24),
    )
    session.facilitators = list(facilitators)
    db.session.add(session)
    db.session.flush()
    set_agenda(session, list(item_ids), commit=False)
    log_event(session.id, "session_created", staff=staff, title=title)
    db.session.commit()
    return session


def set_agenda(session: Session, item_ids: list[int], *, commit: bool = True) -> None:
    """Make the agenda exactly `item_ids`, in that order (items of the session's initiative)."""
    if len(set(item_ids)) != len(item_ids):
        raise SessionError("duplicate_items", "An item appears twice in the agenda.")
    valid = set(db.session.scalars(
        select(Item.id).where(Item.initiative_id == session.initiative_id, Item.id.in_(item_ids))
    )) if item_ids else set()
    missing = [i for i in item_ids if i not in valid]
    if missing:
        raise SessionError("unknown_items", "Not items of this initiative: %(ids)s.", ids=missing)
    by_item = {entry.item_id: entry for entry in session.agenda}
    for entry in list(session.agenda):
        if entry.item_id not in valid:
            session.agenda.remove(entry)
    for position, item_id in enumerate(item_ids):
        entry = by_item.get(item_id) or AgendaEntry(item_id=item_id)
        entry.position = position
        if entry not in session.agenda:
            session.agenda.append(entry)
    if session.id is not None:
        log_event(session.id, "agenda", item_ids=list(item_ids))
    if commit:
        db.session.commit()


def update_session(session: Session, data: dict[str, Any], staff: Optional[StaffUser] = None) -> Session:
    """Apply validated changes: details, a draft/scheduled status, facilitators and the agenda."""
    data = dict(data)
    status = data.pop("status", None)
    users = None
    if "facilitator_ids" in data:  # check everything before changing anything
        ids = data.pop("facilitator_ids")
        users = list(db.session.scalars(select(StaffUser).where(StaffUser.id.in_(ids)))) if ids else []
        if len(users) != len(set(ids)):
            raise SessionError("unknown_staff", "A facilitator named does not exist.")
    if "item_ids" in data:
        set_agenda(session, data.pop("item_ids"), commit=False)
    if status is not None and status != session.status:
        try:
            session.move_to(status)
        except TransitionError as exc:
            raise SessionError(exc.code, exc.template, 409, **exc.params) from exc
        log_event(session.id, "session_status", staff=staff, status=status)
    if users is not None:
        session.facilitators = users
    for key, value in data.items():
        setattr(session, key, value)
    log_event(session.id, "session_updated", staff=staff, fields=sorted(data))
    db.session.commit()
    return session


def add_to_agenda(session: Session, item: Item) -> None:
    """Append `item` to the end of the agenda unless it is there already."""
    if any(e.item_id == item.id for e in session.agenda):
        return
    session.agenda.append(AgendaEntry(item_id=item.id, position=len(session.agenda)))


def move_in_agenda(session: Session, item_id: int, offset: int) -> None:
    """Move an agenda item up (-1) or down (+1)."""
    ids = [e.item_id for e in session.agenda]
    if item_id not in ids:
        raise SessionError("not_in_agenda", "That item is not on the agenda.", 404)
    index = ids.index(item_id)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    set_agenda(session, ids)


def transition(session: Session, status: str, staff: Optional[StaffUser] = None) -> Session:
    """Move a session through its lifecycle and log it; ending closes any open round."""
    try:
        previous = session.status
        session.move_to(status)
    except TransitionError as exc:
        raise SessionError(exc.code, exc.template, 409, **exc.params) from exc
    if status == "closed":
        from ..voting.services import close_open_rounds

        close_open_rounds(session, staff=staff, commit=False)
    kind = {"live": "session_started", "closed": "session_ended"}.get(status, "session_status")
    log_event(session.id, kind, staff=staff, previous=previous, status=status)
    db.session.commit()
    return session


def session_by_code(code: str) -> Optional[Session]:
    """The session with this join code, however the person typed it."""
    return db.session.scalar(select(Session).where(Session.join_code == normalise_join_code(code)))


def _clean(value: Any, field: str, limit: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise SessionError("invalid_field", "%(field)s must be text.", field=field)
    value = " ".join(value.split())
    if required and not value:
        raise SessionError("missing_field", "%(field)s is required.", field=field)
    if len(value) > limit:
        raise SessionError("invalid_field", "%(field)s must be at most %(limit)s characters.", field=field,
                           limit=limit)
    return value


def join(code: str, *, name: Any = None, organisation: Any = None, sector: Any = None, region: Any = "",
         participant_token: Optional[str] = None) -> tuple[Participant, str, bool]:
    """Let a stakeholder into a live session. Returns (participant, token, is_new).

    The same token, or the same name and organisation on another phone, is the same
    participant: a reload or a new phone never makes a second voter.
    """
    session = session_by_code(code) if isinstance(code, str) else None
    if session is None:
        raise SessionError("unknown_code", "No session has that code. Check the code on the screen.", 404)
    if participant_token and isinstance(participant_token, str):
        participant = db.session.scalar(
            select(Participant).where(Participant.token_hash == token_digest(participant_token))
        )
        if participant is not None and participant.session_id == session.id:
            return participant, participant_token, False
    if not session.is_live:
        raise SessionError("session_not_live", "This session is not open for joining right now.", 409)
    name = _clean(name, "name", 120)
    organisation = _clean(organisation, "organisation", 200)
    region = _clean(region, "region", 120, required=False)
    if sector not in SECTORS:
        raise SessionError("invalid_sector", "sector must be one of %(sectors)s.", sectors=", ".join(SECTORS))
    programme_id = session.initiative.programme_id
    stakeholder = _find_or_create_stakeholder(programme_id, name, organisation, sector, region)
    token = new_token()
    participant = db.session.scalar(
        select(Participant).where(Participant.session_id == session.id,
                                  Participant.stakeholder_id == stakeholder.id)
    )
    is_new = participant is None
    if is_new:
        participant = Participant(session_id=session.id, stakeholder_id=stakeholder.id, token_hash=token_digest(token))
        db.session.add(participant)
        db.session.flush()
        log_event(session.id, "joined", participant=participant, sector=sector)
    else:
        participant.token_hash = token_digest(token)  # the person's new phone takes over
        log_event(session.id, "rejoined", participant=participant)
    try:
        db.session.commit()
    except IntegrityError:  # the same person joined twice at once: the other request won
        db.session.rollback()
        return join(code, name=name, organisation=organisation, sector=sector, region=region)
    return participant, token, is_new


def _find_or_create_stakeholder(programme_id: int, name: str, organisation: str, sector: str,
                                region: str) -> Stakeholder:
    keys = dict(programme_id=programme_id, name_key=name_key(name), organisation_key=name_key(organisation))
    stakeholder = db.session.scalar(select(Stakeholder).filter_by(**keys))
    if stakeholder is None:
        stakeholder = Stakeholder(name=name, organisation=organisation, sector=sector, region=region, **keys)
        db.session.add(stakeholder)
        db.session.flush()
    else:
        stakeholder.sector = sector
        stakeholder.region = region or stakeholder.region
    return stakeholder


def participant_count(session_id: int) -> int:
    """How many people have joined the session."""
    return db.session.scalar(select(func.count(Participant.id)).where(Participant.session_id == session_id))
