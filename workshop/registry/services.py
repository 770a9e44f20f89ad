"""Writes to the registry: people added, edited, imported and merged, invitations issued and
withdrawn. Every change is logged in `registry_events` (and, where it touches a session, in that
session's event log), in the transaction of the change."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from marshmallow import ValidationError
from sqlalchemy import func, or_, select, update

from .. import offload, signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Initiative, Programme
from ..programmes.services import UnreadableFile, _cell, _read_table
from ..refusals import Conflict, NotFound, Refusal
from ..sessions import identity
from ..sessions.models import Participant, Session, Stakeholder, StakeholderPass
from ..sessions.participants import merge_in_transaction
from ..util import name_key, utcnow
from .models import RegistryEvent
from .schemas import PersonImportSchema

#: People per page of the registry.
PAGE_SIZE = 100


def _log(programme_id: int, kind: str, stakeholder: Optional[Stakeholder], staff: Optional[StaffUser] = None,
         other: Optional[Stakeholder] = None, **data: Any) -> None:
    db.session.add(RegistryEvent(programme_id=programme_id, kind=kind,
                                 stakeholder_id=stakeholder.id if stakeholder else None,
                                 other_stakeholder_id=other.id if other else None,
                                 staff_user_id=staff.id if staff else None, data=data))


def person_of(programme: Programme, stakeholder_id: Any) -> Stakeholder:
    """The person with this id in the programme's registry, or a not-found refusal."""
    person = db.session.get(Stakeholder, stakeholder_id) if isinstance(stakeholder_id, int) else None
    if person is None or person.programme_id != programme.id:
        raise NotFound("unknown_person", "No such person in this programme.")
    return person


# --- Reading --------------------------------------------------------------------------------------


@dataclass
class Attendance:
    session_id: int
    title: str
    initiative: str
    initiative_en: str
    phase: int
    date: Any
    status: str


@dataclass
class PersonRow:
    person: Stakeholder
    sessions: list[Attendance] = field(default_factory=list)


@dataclass
class Listing:
    people: list[PersonRow]
    total: int
    page: int
    pages: int


def _search(programme_id: int, query: str, registered: Optional[bool]):
    statement = select(Stakeholder).where(Stakeholder.programme_id == programme_id,
                                          Stakeholder.merged_into_id.is_(None))
    key = name_key(query)
    if key:
        like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(or_(Stakeholder.name_key.like(like, escape="\\"),
                                        Stakeholder.organisation_key.like(like, escape="\\")))
    if registered is not None:
        statement = statement.where(Stakeholder.registered_at.is_not(None) if registered
                                    else Stakeholder.registered_at.is_(None))
    return statement


def attendance(stakeholder_ids: list[int]) -> dict[int, list[Attendance]]:
    """The sessions each person took part in (present, not removed), in date order: one query."""
    out: dict[int, list[Attendance]] = {i: [] for i in stakeholder_ids}
    if not stakeholder_ids:
        return out
    rows = db.session.execute(
        select(Participant.stakeholder_id, Session.id, Session.title, Initiative.name, Initiative.name_en,
               Session.phase_id, Session.starts_at, Session.started_at, Session.status)
        .join(Session, Session.id == Participant.session_id).join(Initiative, Initiative.id == Session.initiative_id)
        .where(Participant.stakeholder_id.in_(stakeholder_ids), Participant.removed_at.is_(None))
        .order_by(func.coalesce(Session.started_at, Session.starts_at), Session.id)).all()
    from ..programmes.models import Phase

    phases = dict(db.session.execute(select(Phase.id, Phase.number).where(
        Phase.id.in_({r.phase_id for r in rows}))).all()) if rows else {}
    for r in rows:
        out[r.stakeholder_id].append(Attendance(r.id, r.title, r.name, r.name_en or "", phases.get(r.phase_id, 0),
                                                r.started_at or r.starts_at, r.status))
    return out


def listing(programme: Programme, query: str = "", page: int = 1, registered: Optional[bool] = None) -> Listing:
    """The programme's people (merged ones left out), found by name or organisation, by pages."""
    statement = _search(programme.id, query, registered)
    total = db.session.scalar(select(func.count()).select_from(statement.subquery()))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    people = list(db.session.scalars(statement.order_by(Stakeholder.name_key, Stakeholder.id)
                                     .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)))
    seen = attendance([p.id for p in people])
    return Listing([PersonRow(p, seen[p.id]) for p in people], total, page, pages)


def history(person: Stakeholder) -> list[RegistryEvent]:
    """The registry's log about the person, newest first (merges into them included)."""
    return list(db.session.scalars(select(RegistryEvent).where(or_(
        RegistryEvent.stakeholder_id == person.id, RegistryEvent.other_stakeholder_id == person.id))
        .order_by(RegistryEvent.id.desc()).limit(200)))


def merged_into(person: Stakeholder) -> list[Stakeholder]:
    """The records merged into this person."""
    return list(db.session.scalars(select(Stakeholder).where(Stakeholder.merged_into_id == person.id)
                                   .order_by(Stakeholder.id)))


# --- Adding and editing ---------------------------------------------------------------------------


def _keys(programme_id: int, name: str, organisation: str) -> dict[str, Any]:
    return dict(programme_id=programme_id, name_key=name_key(name), organisation_key=name_key(organisation))


def _same(keys: dict[str, Any]) -> Optional[Stakeholder]:
    return db.session.scalar(select(Stakeholder).filter_by(**keys))


def add_person(programme: Programme, data: dict[str, Any], staff: Optional[StaffUser] = None) -> Stakeholder:
    """Put a person on the registry. Someone already known from a session (what they typed) is
    registered as they are; someone already registered is refused."""
    keys = _keys(programme.id, data["name"], data["organisation"])
    person = identity.followed(_same(keys))
    if person is not None and person.is_registered:
        raise Conflict("duplicate_person", "This person is on the registry already.")
    if person is None:
        person = Stakeholder(**keys)
        db.session.add(person)
    person.name, person.organisation, person.sector = data["name"], data["organisation"], data["sector"]
    person.region = data.get("region", "") or person.region or ""
    person.registered_at = utcnow()
    db.session.flush()
    _log(programme.id, "added", person, staff, name=person.name)
    db.session.commit()
    return person


def update_person(person: Stakeholder, data: dict[str, Any], staff: Optional[StaffUser] = None) -> Stakeholder:
    """Correct a person's name, organisation, sector or region. Votes already cast keep the sector
    they were cast under (a facilitator's sector correction in a session recounts that session)."""
    if person.merged_into_id is not None:
        raise Conflict("person_merged", "This record was merged into another person; edit that one.")
    name, organisation = data.get("name", person.name), data.get("organisation", person.organisation)
    keys = _keys(person.programme_id, name, organisation)
    other = _same(keys)
    if other is not None and other.id != person.id:
        raise Conflict("duplicate_person", "Another person has this name and organisation: merge the two instead.")
    before = {k: getattr(person, k) for k in ("name", "organisation", "sector", "region")}
    person.name, person.organisation = name, organisation
    person.name_key, person.organisation_key = keys["name_key"], keys["organisation_key"]
    person.sector = data.get("sector", person.sector)
    person.region = data.get("region", person.region)
    if data.get("registered") and person.registered_at is None:
        person.registered_at = utcnow()
    changed = {k: [v, getattr(person, k)] for k, v in before.items() if getattr(person, k) != v}
    _log(person.programme_id, "edited", person, staff, changed=changed)
    db.session.commit()
    return person


# --- Merging --------------------------------------------------------------------------------------


def merge(programme: Programme, keep_id: Any, duplicate_id: Any, reason: str = "",
          staff: Optional[StaffUser] = None) -> Stakeholder:
    """Merge two records of one person. The duplicate's participations move to the kept person
    (where both took part in a session, the two participants are merged there as a facilitator
    would: the kept one's vote stands, the other's fills in); its phones' passes follow; its
    invitation moves over when the kept person has none (else it is withdrawn). The duplicate stays
    on record, marked merged; the registry's log and each session's log say who became whom."""
    keep, duplicate = person_of(programme, keep_id), person_of(programme, duplicate_id)
    if keep.id == duplicate.id:
        raise Refusal("same_person", "Choose two different people to merge.")
    if keep.merged_into_id is not None or duplicate.merged_into_id is not None:
        raise Conflict("person_merged", "One of them was merged into someone else already.")
    kept_present = {p.session_id: p for p in db.session.scalars(select(Participant).where(
        Participant.stakeholder_id == keep.id, Participant.removed_at.is_(None)))}
    moved, merged_in, sessions = [], [], set()
    for participant in db.session.scalars(select(Participant).where(Participant.stakeholder_id == duplicate.id)
                                          .order_by(Participant.id)).all():
        session = participant.session
        other = kept_present.get(participant.session_id)
        if other is not None and not participant.is_removed:
            merge_in_transaction(session, other, participant, reason, staff)
            merged_in.append(participant.id)
        else:
            log_event(session.id, "stakeholders_merged", staff=staff, participant_id_changed=participant.id,
                      kept_name=keep.name, merged_name=duplicate.name, reason=reason)
            moved.append(participant.id)
        participant.stakeholder_id = keep.id
        sessions.add(session.id)
    db.session.flush()
    db.session.execute(update(StakeholderPass).where(StakeholderPass.stakeholder_id == duplicate.id)
                       .values(stakeholder_id=keep.id))
    if keep.invitation_hash is None and duplicate.invitation_hash is not None:
        invitation = (duplicate.invitation_hash, duplicate.invitation_nonce, duplicate.invited_at)
        duplicate.invitation_hash = duplicate.invitation_nonce = duplicate.invited_at = None
        db.session.flush()
        keep.invitation_hash, keep.invitation_nonce, keep.invited_at = invitation
    else:
        duplicate.invitation_hash = duplicate.invitation_nonce = duplicate.invited_at = None
    keep.registered_at = keep.registered_at or duplicate.registered_at
    duplicate.merged_into_id = keep.id
    _log(programme.id, "merged", keep, staff, other=duplicate, reason=reason, kept_name=keep.name,
         merged_name=duplicate.name, merged_organisation=duplicate.organisation, sessions=sorted(sessions),
         participants_moved=moved, participants_merged=merged_in)
    db.session.commit()
    for session_id in sorted(sessions):
        signals.participants_changed.send(session_id, participant_id=None, change="merged")
    return keep


# --- Import from spreadsheets ---------------------------------------------------------------------

#: Column headings accepted, Spanish or English.
IMPORT_COLUMNS = {
    "name": ("name", "nombre", "nombre completo", "nombres y apellidos", "full name"),
    "organisation": ("organisation", "organization", "organización", "organizacion", "institución", "institucion",
                     "entidad"),
    "sector": ("sector",),
    "region": ("region", "región"),
}
#: Friendly spellings of sectors.
SECTOR_ALIASES = {
    "público": "public", "publico": "public", "sector público": "public", "sector publico": "public",
    "estado": "public", "gobierno": "public",
    "privado": "private", "sector privado": "private", "empresa": "private", "empresarial": "private",
    "académico": "academic", "academico": "academic", "academia": "academic", "universidad": "academic",
    "sociedad civil": "civil_society", "civil society": "civil_society", "civil": "civil_society",
}
#: Most rows in one import.
MAX_ROWS = 5000


@dataclass
class ImportPreview:
    """Rows read from a file, what each will do, and the errors of the bad ones."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Row number as the spreadsheet shows it (heading is row 1) → field → messages.
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    #: Per row: "new" (added), "register" (known from a session, now registered), "update" (on the
    #: registry already: corrected to the file's sector and region).
    actions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    def count(self, action: str) -> int:
        return self.actions.count(action)


def read_people(filename: str, content: bytes) -> ImportPreview:
    """Read a CSV or XLSX of people and validate every row; pure (no database): run in a thread."""
    table = [row for row in _read_table(filename, content) if any(_cell(c) != "" for c in row)]
    if not table:
        raise UnreadableFile("The file is empty.")
    if len(table) > MAX_ROWS + 1:
        raise UnreadableFile("The file has too many rows (at most 5000 people per import).")
    lookup = {alias: key for key, aliases in IMPORT_COLUMNS.items() for alias in aliases}
    headings = [str(_cell(h)).lower() for h in table[0]]
    columns = [lookup.get(h) for h in headings]
    unknown = [str(table[0][i]) for i, c in enumerate(columns) if c is None and headings[i]]
    result = ImportPreview(unknown_columns=unknown)
    if not {"name", "organisation", "sector"} <= set(columns):
        raise UnreadableFile("The first row must name the columns; name (nombre), organisation (organización) and "
                             "sector are required.")
    schema = PersonImportSchema()
    first_row: dict[tuple[str, str], int] = {}
    for number, row in enumerate(table[1:], start=2):
        raw: dict[str, Any] = {}
        for key, value in zip(columns, row):
            if key is None:
                continue
            value = _cell(value)
            value = value if isinstance(value, str) else str(value)
            if key == "sector":
                value = SECTOR_ALIASES.get(value.lower(), value.lower().replace(" ", "_"))
            raw[key] = value
        try:
            data = schema.load(raw)
        except ValidationError as exc:
            result.errors[number] = exc.messages
            continue
        pair = (name_key(data["name"]), name_key(data["organisation"]))
        if pair in first_row:
            result.errors[number] = {"name": [f"The same name and organisation as row {first_row[pair]}."]}
            continue
        first_row[pair] = number
        result.rows.append(data)
    return result


def preview_import(programme: Programme, filename: str, content: bytes) -> ImportPreview:
    """Read the file in an OS thread (the event loop keeps serving votes), then say what each row
    will do against the registry. Writes nothing."""
    preview = offload.run(read_people, filename, content)
    preview.actions = [_action(programme.id, row) for row in preview.rows]
    return preview


def _action(programme_id: int, row: dict[str, Any]) -> str:
    person = identity.followed(_same(_keys(programme_id, row["name"], row["organisation"])))
    if person is None:
        return "new"
    return "update" if person.is_registered else "register"


def import_people(programme: Programme, rows: list[dict[str, Any]], staff: Optional[StaffUser] = None,
                  filename: str = "") -> ImportPreview:
    """Write every row of a checked import in one transaction: new people added, people known from
    sessions registered, registered ones corrected."""
    if not rows:
        raise Refusal("empty_import", "There are no rows to import.")
    preview = ImportPreview(rows=rows)
    now = utcnow()
    for row in rows:
        keys = _keys(programme.id, row["name"], row["organisation"])
        person = identity.followed(_same(keys))
        if person is None:
            person = Stakeholder(name=row["name"], organisation=row["organisation"], **keys)
            db.session.add(person)
            preview.actions.append("new")
        else:
            preview.actions.append("update" if person.is_registered else "register")
        person.sector = row["sector"]
        person.region = row.get("region") or person.region or ""
        person.registered_at = person.registered_at or now
    db.session.flush()
    _log(programme.id, "imported", None, staff, filename=filename[:200], new=preview.count("new"),
         registered=preview.count("register"), updated=preview.count("update"))
    db.session.commit()
    return preview


# --- Invitations ----------------------------------------------------------------------------------


def invite(person: Stakeholder, staff: Optional[StaffUser] = None) -> str:
    """A new personal invitation (the old link stops working); registers the person."""
    if person.merged_into_id is not None:
        raise Conflict("person_merged", "This record was merged into another person; invite that one.")
    renewed = person.invitation_hash is not None
    token = identity.issue_invitation(person)
    _log(person.programme_id, "invitation_renewed" if renewed else "invited", person, staff)
    db.session.commit()
    return token


def invite_all(programme: Programme, staff: Optional[StaffUser] = None) -> int:
    """An invitation for every registered person who has none; returns how many were made."""
    people = list(db.session.scalars(select(Stakeholder).where(
        Stakeholder.programme_id == programme.id, Stakeholder.merged_into_id.is_(None),
        Stakeholder.registered_at.is_not(None), Stakeholder.invitation_hash.is_(None))))
    for person in people:
        identity.issue_invitation(person)
    if people:
        _log(programme.id, "invited_all", None, staff, count=len(people))
    db.session.commit()
    return len(people)


def revoke(person: Stakeholder, staff: Optional[StaffUser] = None) -> Stakeholder:
    """Withdraw the person's invitation and the passes of their phones (a lost badge, a leaked link)."""
    identity.revoke_invitation(person)
    _log(person.programme_id, "invitation_revoked", person, staff)
    db.session.commit()
    return person


@dataclass
class Invitation:
    person: Stakeholder
    token: Optional[str]


def invitations(programme: Programme, ids: Optional[list[int]] = None) -> list[Invitation]:
    """The programme's people with an invitation (or those of `ids`), by name; `token` is None where
    the app's secret key changed since the invitation was made (issue it again)."""
    statement = select(Stakeholder).where(Stakeholder.programme_id == programme.id,
                                          Stakeholder.merged_into_id.is_(None),
                                          Stakeholder.invitation_hash.is_not(None))
    if ids:
        statement = statement.where(Stakeholder.id.in_(ids))
    people = db.session.scalars(statement.order_by(Stakeholder.name_key, Stakeholder.id))
    return [Invitation(p, identity.invitation_token(p)) for p in people]


def live_sessions(programme_id: int) -> list[Session]:
    """The programme's live sessions (where an invitation joins), oldest start first."""
    return list(db.session.scalars(select(Session).join(Initiative, Initiative.id == Session.initiative_id)
                                   .where(Initiative.programme_id == programme_id, Session.status == "live")
                                   .order_by(Session.started_at, Session.id)))

