"""Writes to sessions: lifecycle, agenda and joining. Each change is logged and announced after commit."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Initiative, Item, Phase
from ..ratelimit import limiter
from ..refusals import Conflict, NotFound, Refusal, TooMany
from ..util import name_key, new_join_code, new_token, normalise_join_code, token_digest
from . import identity
from .models import SECTORS, SEXES, AgendaEntry, Participant, Session, Stakeholder
from .participants import announce_admitted, apply_admission


def unused_join_code() -> str:
    """A join code no session has yet."""
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
        raise NotFound("unknown_phase", "The initiative has no phase %(phase)s.", phase=phase_number)
    if status not in ("draft", "scheduled"):
        raise Refusal("invalid_status", "A new session is a draft or scheduled.")
    session = Session(
        initiative=initiative, phase=phase, title=title, starts_at=starts_at, place=place, status=status,
        join_code=unused_join_code(), projector_key=secrets.token_urlsafe(24),
    )
    session.facilitators = list(facilitators)
    db.session.add(session)
    db.session.flush()
    set_agenda(session, list(item_ids), commit=False)
    log_event(session.id, "session_created", staff=staff, title=title)
    db.session.commit()
    return session


def set_agenda(session: Session, item_ids: list[int], *, commit: bool = True,
               staff: Optional[StaffUser] = None) -> None:
    """Make the agenda exactly `item_ids`, in that order (items of the session's initiative)."""
    if len(set(item_ids)) != len(item_ids):
        raise Refusal("duplicate_items", "An item appears twice in the agenda.")
    valid = set(db.session.scalars(
        select(Item.id).where(Item.initiative_id == session.initiative_id, Item.id.in_(item_ids))
    )) if item_ids else set()
    missing = [i for i in item_ids if i not in valid]
    if missing:
        raise Refusal("unknown_items", "Not items of this initiative: %(ids)s.", ids=missing)
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
        log_event(session.id, "agenda", staff=staff, item_ids=list(item_ids))
    if commit:
        db.session.commit()
        signals.agenda_changed.send(session.id)


def update_session(session: Session, data: dict[str, Any], staff: Optional[StaffUser] = None) -> Session:
    """Apply validated changes: details, a draft/scheduled status, facilitators and the agenda."""
    data = dict(data)
    status = data.pop("status", None)
    users = None
    if "facilitator_ids" in data:  # check everything before changing anything
        ids = data.pop("facilitator_ids")
        users = list(db.session.scalars(select(StaffUser).where(StaffUser.id.in_(ids)))) if ids else []
        if len(users) != len(set(ids)):
            raise Refusal("unknown_staff", "A facilitator named does not exist.")
    admitted = []
    if "requires_admission" in data:  # the same rule as the console's switch
        admitted = apply_admission(session, data.pop("requires_admission"), staff)
    if "allow_anonymous_comments" in data:  # the same rule as the console's switch
        from .discussion import apply_anonymous_comments  # discussion imports this module
        apply_anonymous_comments(session, data.pop("allow_anonymous_comments"), staff)
    agenda_changed = "item_ids" in data
    if agenda_changed:
        set_agenda(session, data.pop("item_ids"), commit=False)
    if status is not None and status != session.status:
        session.move_to(status)
        log_event(session.id, "session_status", staff=staff, status=status)
    if users is not None:
        session.facilitators = users
    for key, value in data.items():
        setattr(session, key, value)
    log_event(session.id, "session_updated", staff=staff, fields=sorted(data))
    db.session.commit()
    signals.session_changed.send(session.id)
    if agenda_changed:
        signals.agenda_changed.send(session.id)
    announce_admitted(session.id, admitted)
    return session


def add_to_agenda(session: Session, item: Item) -> None:
    """Append `item` to the end of the agenda unless it is there already."""
    if any(e.item_id == item.id for e in session.agenda):
        return
    session.agenda.append(AgendaEntry(item_id=item.id, position=len(session.agenda)))


def move_in_agenda(session: Session, item_id: int, offset: int, staff: Optional[StaffUser] = None) -> None:
    """Move an agenda item up (-1) or down (+1)."""
    ids = [e.item_id for e in session.agenda]
    if item_id not in ids:
        raise NotFound("not_in_agenda", "That item is not on the agenda.")
    index = ids.index(item_id)
    target = max(0, min(len(ids) - 1, index + offset))
    ids.insert(target, ids.pop(index))
    set_agenda(session, ids, staff=staff)


def transition(session: Session, status: str, staff: Optional[StaffUser] = None) -> Session:
    """Move a session through its lifecycle and log it; ending closes any open round."""
    previous = session.status
    session.move_to(status)
    if status == "closed":
        signals.session_closing.send(session.id, staff=staff)  # the voting slice closes open rounds
    kind = {"live": "session_started", "closed": "session_ended"}.get(status, "session_status")
    log_event(session.id, kind, staff=staff, previous=previous, status=status)
    db.session.commit()
    signals.session_changed.send(session.id)
    return session


def session_by_code(code: str) -> Optional[Session]:
    """The session with this join code, however the person typed it."""
    return db.session.scalar(select(Session).where(Session.join_code == normalise_join_code(code)))


def _clean(value: Any, field: str, limit: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Refusal("invalid_field", "%(field)s must be text.", field=field)
    value = " ".join(value.split())
    if required and not value:
        raise Refusal("missing_field", "%(field)s is required.", field=field)
    if len(value) > limit:
        raise Refusal("invalid_field", "%(field)s must be at most %(limit)s characters.", field=field,
                           limit=limit)
    return value


def participant_from_token(token: Any) -> Optional[Participant]:
    """The participant a participant token belongs to, or None."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return db.session.scalar(select(Participant).where(Participant.token_hash == token_digest(token)))


#: Personal codes: shown on the person's phone, typed on a new phone to prove who they are.
PERSONAL_CODE_LENGTH = 6


@dataclass
class Entry:
    """What a join gives the phone: the participant, its token, whether it is new, and the pass the
    phone keeps for the programme's other sessions (None when the join did not ask for one)."""

    participant: Participant
    token: str
    is_new: bool
    stakeholder_token: Optional[str] = None


def join(code: str, *, name: Any = None, organisation: Any = None, sector: Any = None, region: Any = "",
         sex: Any = None, participant_token: Optional[str] = None, personal_code: Any = None,
         address: Optional[str] = None) -> tuple[Participant, str, bool]:
    """Let a stakeholder into a live session by what they typed. Returns (participant, token, is_new);
    see `enter` for the rules."""
    entry = enter(code, name=name, organisation=organisation, sector=sector, region=region, sex=sex,
                  participant_token=participant_token, personal_code=personal_code, address=address)
    return entry.participant, entry.token, entry.is_new


def enter(code: str, *, name: Any = None, organisation: Any = None, sector: Any = None, region: Any = "",
          sex: Any = None, participant_token: Optional[str] = None, personal_code: Any = None,
          stakeholder_token: Any = None, invitation_token: Any = None, address: Optional[str] = None,
          with_pass: bool = False, attempt: int = 0) -> Entry:
    """Let a stakeholder into a live session.

    The same token (a reload of the same phone) is the same participant. A personal invitation, or
    a pass a phone got on an earlier join in the programme, joins as that person without the form
    (and takes over from another phone of theirs in the session). Typing the name and organisation
    of someone already in the session never makes you that person: it is refused, unless the
    personal code shown on that person's first phone comes with it (they changed phone; the old
    phone's token stops working). Typing those of a person on the programme's registry is refused
    too: they join with their invitation. Joins are limited per address and per session.
    `with_pass`: give the phone a pass for the programme (the API does; scripts need not).
    """
    session = session_by_code(code) if isinstance(code, str) else None
    if session is None:
        raise NotFound("unknown_code", "No session has that code. Check the code on the screen.")
    if participant_token and isinstance(participant_token, str):
        participant = participant_from_token(participant_token)
        if participant is not None and participant.session_id == session.id and not participant.is_removed:
            return Entry(participant, participant_token, False)
    if not session.is_live:
        raise Conflict("session_not_live", "This session is not open for joining right now.")
    programme_id = session.initiative.programme_id
    proven, how, pass_token = None, "", None
    if invitation_token is not None:
        proven = identity.stakeholder_by_invitation(invitation_token)
        if proven is None:
            raise NotFound("unknown_invitation", "This invitation link is not valid: it was mistyped, replaced by "
                           "a newer one or withdrawn. Ask the secretariat for yours.")
        if proven.programme_id != programme_id:
            raise Refusal("invitation_elsewhere", "This invitation is for another programme's sessions.", 403)
        how = "invitation"
    elif stakeholder_token is not None:
        proven = identity.stakeholder_by_pass(stakeholder_token)
        if proven is not None and proven.programme_id == programme_id:
            how, pass_token = "pass", stakeholder_token
        elif name is None:  # nothing else to go by: the phone forgets its pass and shows the form
            raise Refusal("unknown_pass", "This phone's saved identity is no longer valid; join with your name.", 401)
        else:
            proven = None
    issue = with_pass and pass_token is None  # a new pass, in the join's own transaction
    if proven is not None:
        entry = _enter_as(session, proven, how, address, issue)
    else:
        entry = _enter_typed(session, name=name, organisation=organisation, sector=sector, region=region, sex=sex,
                             personal_code=personal_code, address=address, issue=issue)
    if entry is None:  # the same person joined at the same moment from another phone: ask again
        if attempt >= 3:
            raise Conflict("busy", "Several phones joined with this name at once; try again.")
        return enter(code, name=name, organisation=organisation, sector=sector, region=region, sex=sex,
                     personal_code=personal_code, stakeholder_token=stakeholder_token,
                     invitation_token=invitation_token, address=address, with_pass=with_pass, attempt=attempt + 1)
    if not issue:
        entry.stakeholder_token = pass_token if with_pass else None
    return entry


def _present(session: Session, stakeholder: Stakeholder) -> Optional[Participant]:
    return db.session.scalar(select(Participant).where(
        Participant.session_id == session.id, Participant.stakeholder_id == stakeholder.id,
        Participant.removed_at.is_(None)))


def _take_over(session: Session, existing: Participant, kind: str, issue: bool) -> Entry:
    """The person proved who they are on another phone: it takes over; the old one stops."""
    token = new_token()
    existing.token_hash = token_digest(token)
    pass_token = identity.issue_pass(existing.stakeholder) if issue else None
    log_event(session.id, kind, participant=existing)
    db.session.commit()
    signals.participants_changed.send(session.id, participant_id=existing.id, change="moved")
    return Entry(existing, token, False, pass_token)


def _new_participant(session: Session, stakeholder: Stakeholder, issue: bool, **logged: Any) -> Optional[Entry]:
    token = new_token()
    # A new participant, also when this person was removed from the session before (a test join, an
    # impostor): the removed one stays on record with its votes left out.
    participant = Participant(session=session, stakeholder=stakeholder, token_hash=token_digest(token),
                              personal_code=new_join_code()[:PERSONAL_CODE_LENGTH],
                              is_admitted=not session.requires_admission)
    db.session.add(participant)
    try:
        db.session.flush()
        pass_token = identity.issue_pass(stakeholder) if issue else None
        log_event(session.id, "joined", participant=participant, sector=stakeholder.sector,
                  admitted=participant.is_admitted, **logged)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return None
    signals.participants_changed.send(session.id, participant_id=participant.id, change="joined")
    return Entry(participant, token, True, pass_token)


def _enter_as(session: Session, stakeholder: Stakeholder, how: str, address: Optional[str],
              issue: bool) -> Optional[Entry]:
    """Join as a person who proved it (an invitation or a pass): no form, no question."""
    existing = _present(session, stakeholder)
    if existing is not None:
        return _take_over(session, existing, "rejoined_with_" + how, issue)
    allow_join(session.id, address)
    return _new_participant(session, stakeholder, issue, proof=how)


def _enter_typed(session: Session, *, name: Any, organisation: Any, sector: Any, region: Any, sex: Any,
                 personal_code: Any, address: Optional[str], issue: bool) -> Optional[Entry]:
    """Join by what the person typed."""
    name = _clean(name, "name", 120)
    organisation = _clean(organisation, "organisation", 200)
    region = _clean(region, "region", 120, required=False)
    if sector not in SECTORS:
        raise Refusal("invalid_sector", "sector must be one of %(sectors)s.", sectors=", ".join(SECTORS))
    if sex is not None and sex not in SEXES:  # optional: not asked is None, "prefer not to say" is undisclosed
        raise Refusal("invalid_sex", "sex must be one of %(sexes)s, or left out.", sexes=", ".join(SEXES))
    keys = dict(programme_id=session.initiative.programme_id, name_key=name_key(name),
                organisation_key=name_key(organisation))
    stakeholder = identity.followed(db.session.scalar(select(Stakeholder).filter_by(**keys)))
    existing = _present(session, stakeholder) if stakeholder else None
    if existing is not None:
        if not (isinstance(personal_code, str) and personal_code
                and secrets.compare_digest(normalise_join_code(personal_code), existing.personal_code)):
            raise Conflict("identity_taken", "Someone with this name and organisation has already joined. If that "
                           "is you on a new phone, enter the personal code shown on your first phone, or ask the "
                           "facilitator.")
        return _take_over(session, existing, "rejoined_with_code", issue)
    if stakeholder is not None and stakeholder.is_registered:
        raise Conflict("identity_registered", "This name and organisation are on the programme's list of invited "
                       "participants: join with your personal invitation (the QR code on your badge), or ask the "
                       "secretariat.")
    allow_join(session.id, address)
    if stakeholder is None:
        stakeholder = Stakeholder(name=name, organisation=organisation, sector=sector, region=region, sex=sex,
                                  **keys)
        db.session.add(stakeholder)
    else:  # the person as they say they are today (an impostor's earlier guess does not stick)
        stakeholder.sector = sector
        stakeholder.region = region or stakeholder.region
        stakeholder.sex = sex or stakeholder.sex
    return _new_participant(session, stakeholder, issue)


def may_vote(participant: Participant) -> bool:
    """Whether the session lets this participant vote as to who they are: everyone, or in an
    invited-only session the people on the programme's registry (admission aside)."""
    return not participant.session.invited_only or participant.stakeholder.is_registered


def join_with(data: dict[str, Any], address: Optional[str]) -> Entry:
    """`enter` with the fields of a JoinInSchema payload, as POST /api/v1/join and the phone's socket
    `join` event both send them (a field added to the schema reaches both); the phone gets a pass."""
    return enter(
        data["code"], name=data.get("name"), organisation=data.get("organisation"), sector=data.get("sector"),
        region=data.get("region", ""), sex=data.get("sex"), participant_token=data.get("participant_token"),
        personal_code=data.get("personal_code"), stakeholder_token=data.get("stakeholder_token"),
        invitation_token=data.get("invitation_token"), address=address, with_pass=True)


def join_answer(entry: Entry) -> dict[str, Any]:
    """What a phone learns when it joins (JoinOutSchema)."""
    participant = entry.participant
    return {"participant_token": entry.token, "session_id": participant.session_id,
            "participant_id": participant.id, "is_new": entry.is_new,
            "personal_code": participant.personal_code, "admitted": participant.is_admitted,
            "programme_id": participant.session.initiative.programme_id,
            "stakeholder_token": entry.stakeholder_token, "may_vote": may_vote(participant)}


def allow_join(session_id: int, address: Optional[str]) -> None:
    """Refuse a join beyond the limits per address and per session (a script stuffing the room)."""
    hit = limiter().hit("join-address", address or "?", *current_app.config["JOIN_LIMIT_PER_ADDRESS"])
    if not hit:
        raise TooMany("rate_limited", "Too many joins from this device or network; wait a minute and try again.",
                      retry_after=hit.retry_seconds)
    hit = limiter().hit("join-session", session_id, *current_app.config["JOIN_LIMIT_PER_SESSION"])
    if not hit:
        raise TooMany("rate_limited", "Many people are joining right now; wait a few seconds and try again.",
                      retry_after=hit.retry_seconds)


def participant_count(session_id: int) -> int:
    """How many people have joined the session (removed ones not counted)."""
    return db.session.scalar(select(func.count(Participant.id)).where(
        Participant.session_id == session_id, Participant.removed_at.is_(None)))

