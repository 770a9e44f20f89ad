"""A whole programme as one JSON document, and back: `export_programme` / `import_programme`.

The document (`"format": "mesa-programme", "version": 1`) holds the programme and one list per
table of its record, in the order they are written back: initiatives, phases, items, stakeholders,
sessions, agenda entries, participants, comments, up-votes, proposals, rounds, round items, votes,
vote receipts, decisions, the event log and the validated roadmap versions. Every row keeps its id
*in the file*; references are those ids, and an import gives every row a new id and rewrites every
reference, including the item ids inside a round's frozen tally and outcome, a dots or ranking
ballot, and the event log's data.

Staff are named by email (`"staff"` lists who is referred to). An import maps each email to the
account that has it, or creates a disabled account (no one can log in with it until an admin
enables it and sets a password).

Not exported, made anew on import: participants' bearer tokens and personal codes (credentials
that live on the phones) and the sessions' projector keys (secrets in a link). A session keeps its
join code unless another session already uses it. People's personal invitations and their phones'
passes are not exported either (the secretariat makes new invitations after an import).

An import checks the whole document first (format, version, every field's type and length, every
reference) and then writes it in one transaction: a refused import writes nothing.
"""
from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any, Optional

from sqlalchemy import JSON, BigInteger, Boolean, Float, Integer, LargeBinary, String, func, insert, select, text
from sqlalchemy.exc import IntegrityError

from ..accounts.models import ROLES, StaffUser
from ..documents.models import RoadmapVersion
from ..eventlog import Event
from ..extensions import UTCDateTime, db
from ..programmes.models import Initiative, Item, Phase, Programme, ProgrammeLogo
from ..refusals import Refusal
from ..registry.models import RegistryEvent
from ..sessions.models import (
    AgendaEntry,
    Comment,
    CommentUpvote,
    Participant,
    Proposal,
    Session,
    Stakeholder,
    session_facilitators,
)
from ..sessions.services import PERSONAL_CODE_LENGTH
from ..util import new_join_code, new_token, token_digest, utcnow
from ..voting.models import Decision, Round, RoundItem, Vote, VoteReceipt

FORMAT = "mesa-programme"
VERSION = 1
#: Methods whose ballots and tallies name items (the others vote on one item at a time).
ITEM_KEYED_METHODS = ("dots", "ranking")
#: Keys of a tally (and of each sector's figures) keyed by item id, for those methods.
ITEM_KEYED_FIGURES = ("dots", "voters", "borda", "support")
#: Keys of the event log's data holding ids, and the list their ids belong to.
EVENT_ID_KEYS = {
    "item_id": "items", "item_ids": "items", "comment_id": "comments", "proposal_id": "proposals",
    "round_id": "rounds", "decision_id": "decisions", "removed_id": "participants",
    "admitted_id": "participants", "admitted_ids": "participants", "participant_id_changed": "participants",
    "kept_id": "participants", "merged_id": "participants", "merged_into": "items", "unmerged_from": "items",
}


@dataclass(frozen=True)
class Part:
    """One list of the document: a table of the programme's record."""

    key: str
    model: Any
    #: column → the list its id refers to (the first one names the row's owner: what scopes it).
    refs: dict[str, str]
    #: column holding a staff user's id → the field holding their email in the document.
    staff: dict[str, str] = field(default_factory=dict)
    #: columns never exported (credentials); the import makes them anew.
    omit: frozenset[str] = frozenset()

    @property
    def table(self):
        return self.model.__table__

    @property
    def self_ref(self) -> Optional[str]:
        return next((column for column, key in self.refs.items() if key == self.key), None)

    @cached_property
    def columns(self) -> tuple[Any, ...]:
        """The columns written as they are (not the id, references, staff or omitted ones)."""
        skip = {"id", *self.refs, *self.staff, *self.omit}
        return tuple(c for c in self.table.columns if c.name not in skip)


PROGRAMME = Part("programme", Programme, {})
PARTS: tuple[Part, ...] = (
    Part("logos", ProgrammeLogo, {"programme_id": "programme"}),
    Part("initiatives", Initiative, {"programme_id": "programme"}),
    Part("phases", Phase, {"initiative_id": "initiatives"}),
    Part("items", Item, {"initiative_id": "initiatives", "merged_into_id": "items"}),
    Part("stakeholders", Stakeholder, {"programme_id": "programme", "merged_into_id": "stakeholders"},
         omit=frozenset({"invitation_hash", "invitation_nonce", "invited_at"})),
    Part("registry_events", RegistryEvent,
         {"programme_id": "programme", "stakeholder_id": "stakeholders", "other_stakeholder_id": "stakeholders"},
         staff={"staff_user_id": "staff"}),
    Part("sessions", Session, {"initiative_id": "initiatives", "phase_id": "phases", "current_item_id": "items"},
         omit=frozenset({"projector_key"})),
    Part("agenda_entries", AgendaEntry, {"session_id": "sessions", "item_id": "items"}),
    Part("participants", Participant,
         {"session_id": "sessions", "stakeholder_id": "stakeholders", "merged_into_id": "participants"},
         omit=frozenset({"token_hash", "personal_code"})),
    Part("comments", Comment, {"session_id": "sessions", "item_id": "items", "participant_id": "participants"}),
    Part("comment_upvotes", CommentUpvote, {"comment_id": "comments", "participant_id": "participants"}),
    Part("proposals", Proposal, {"session_id": "sessions", "participant_id": "participants", "item_id": "items"}),
    Part("rounds", Round, {"session_id": "sessions"}),
    Part("round_items", RoundItem, {"round_id": "rounds", "item_id": "items"}),
    Part("votes", Vote, {"round_id": "rounds", "participant_id": "participants"}),
    Part("vote_receipts", VoteReceipt, {"round_id": "rounds", "participant_id": "participants"}),
    Part("decisions", Decision, {"session_id": "sessions", "item_id": "items", "round_id": "rounds",
                                 "merged_into_id": "items"},
         staff={"decided_by_id": "decided_by"}),
    Part("events", Event, {"session_id": "sessions", "participant_id": "participants"},
         staff={"staff_user_id": "staff"}),
    Part("roadmap_versions", RoadmapVersion, {"initiative_id": "initiatives"},
         staff={"validated_by_id": "validated_by"}),
)
#: Tables of the database that are not a programme's record, or are written with another part.
NOT_PARTS = {"staff_users": "accounts, referred to by email", "session_facilitators": "a session's facilitators",
             "revoked_tokens": "credentials, never exported",
             "stakeholder_passes": "credentials kept on phones, never exported (people join again once)"}


def _refuse(detail: str, **params: Any) -> Refusal:
    return Refusal("invalid_export", "This file is not a Mesa programme export that can be imported: %(detail)s.",
                   detail=detail % params if params else detail)


# --- Export --------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):  # logos: base64 in the JSON
        return base64.b64encode(value).decode("ascii")
    return value.isoformat() if isinstance(value, datetime) else value


def _scopes(programme_id: int) -> dict[str, Any]:
    """For each part, a subquery of the ids of its rows that belong to the programme."""
    scopes: dict[str, Any] = {"programme": select(Programme.id).where(Programme.id == programme_id)}
    for part in PARTS:
        owner_column, owner = next(iter(part.refs.items()))
        scopes[part.key] = select(part.table.c.id).where(part.table.c[owner_column].in_(scopes[owner]))
    return scopes


def export_programme(programme: Programme) -> dict[str, Any]:
    """The whole record of `programme` as a JSON-ready document."""
    scopes = _scopes(programme.id)
    emails: dict[int, str] = {}
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION, "exported_at": utcnow().isoformat(),
                                "schema_revision": _schema_revision()}
    for part in (PROGRAMME, *PARTS):
        rows = db.session.execute(select(part.table).where(part.table.c.id.in_(scopes[part.key]))
                                  .order_by(part.table.c.id)).mappings().all()
        out = []
        for row in rows:
            item = {"id": row["id"]}
            item.update((column, row[column]) for column in part.refs if column in row)
            for column, name in part.staff.items():
                item[name] = _email(row[column], emails)
            item.update((c.name, _plain(row[c.name])) for c in part.columns)
            out.append(item)
        if part is PROGRAMME:
            document["programme"] = out[0]
        else:
            document[part.key] = out
    facilitators: dict[int, list[str]] = {}
    for session_id, user_id in db.session.execute(
            select(session_facilitators.c.session_id, session_facilitators.c.staff_user_id)
            .where(session_facilitators.c.session_id.in_(scopes["sessions"]))
            .order_by(session_facilitators.c.session_id, session_facilitators.c.staff_user_id)):
        facilitators.setdefault(session_id, []).append(_email(user_id, emails))
    for session in document["sessions"]:
        session["facilitators"] = sorted(facilitators.get(session["id"], []))
    users = db.session.scalars(select(StaffUser).where(StaffUser.id.in_(list(emails))).order_by(StaffUser.email))
    document["staff"] = [{"email": u.email, "name": u.name, "role": u.role, "is_enabled": u.is_enabled}
                         for u in users]
    return document


def _email(user_id: Optional[int], emails: dict[int, str]) -> Optional[str]:
    if user_id is None:
        return None
    if user_id not in emails:
        emails[user_id] = db.session.scalar(select(StaffUser.email).where(StaffUser.id == user_id))
    return emails[user_id]


def _schema_revision() -> Optional[str]:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - a database made with create_all (tests) has no alembic_version
        db.session.rollback()
        return None


# --- Validation ----------------------------------------------------------------------------------

_INT_RANGE = {True: 2**63, False: 2**31}


def _check_value(where: str, column: Any, value: Any) -> None:
    """Refuse a value the column cannot hold (types from the model, so every column is checked)."""
    if value is None:
        if not column.nullable:
            raise _refuse("%(where)s may not be empty", where=where)
        return
    kind = column.type
    if isinstance(kind, UTCDateTime):
        if not isinstance(value, str):
            raise _refuse("%(where)s is not a date and time", where=where)
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise _refuse("%(where)s is not a date and time", where=where) from None
    elif isinstance(kind, JSON):
        return
    elif isinstance(kind, LargeBinary):
        try:
            base64.b64decode(value, validate=True)
        except (TypeError, ValueError, binascii.Error):
            raise _refuse("%(where)s is not base64", where=where) from None
    elif isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise _refuse("%(where)s is not true or false", where=where)
    elif isinstance(kind, Integer):
        limit = _INT_RANGE[isinstance(kind, BigInteger)]
        if not isinstance(value, int) or isinstance(value, bool) or not -limit <= value < limit:
            raise _refuse("%(where)s is not a whole number", where=where)
    elif isinstance(kind, Float):
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise _refuse("%(where)s is not a number", where=where)
    elif isinstance(kind, String):
        if not isinstance(value, str):
            raise _refuse("%(where)s is not text", where=where)
        if kind.length is not None and len(value) > kind.length:
            raise _refuse("%(where)s is longer than %(length)s characters", where=where, length=kind.length)


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate(document: Any) -> None:
    """Refuse a document that is not a complete, consistent programme export of this version."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise Refusal("not_an_export", "This file is not a Mesa programme export.")
    version = document.get("version")
    if version != VERSION:
        raise Refusal("unknown_export_version",
                      "This export's version (%(version)s) is not one this Mesa can import (it imports version "
                      "%(supported)s).", version=str(version), supported=VERSION)
    staff = document.get("staff")
    if not isinstance(staff, list) or not all(isinstance(s, dict) for s in staff):
        raise _refuse("staff is not a list")
    emails = set()
    for n, person in enumerate(staff):
        for name in ("email", "name"):
            _check_value(f"staff[{n}].{name}", StaffUser.__table__.c[name], person.get(name))
        if person.get("role") not in ROLES:
            raise _refuse("staff[%(n)s].role is not a role", n=n)
        emails.add(person["email"].casefold())
    ids: dict[str, set[int]] = {}
    if not isinstance(document.get("programme"), dict):
        raise _refuse("programme is missing")
    for part in (PROGRAMME, *PARTS):
        rows = [document["programme"]] if part is PROGRAMME else document.get(part.key)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _refuse("%(key)s is not a list", key=part.key)
        known = {"id", *part.refs, *part.staff.values(), *(c.name for c in part.columns)}
        if part.key == "sessions":
            known.add("facilitators")
        seen: set[int] = set()
        for n, row in enumerate(rows):
            where = f"{part.key}[{n}]"
            unknown = sorted(set(row) - known)
            if unknown:
                raise _refuse("%(where)s has an unknown field %(field)s", where=where, field=unknown[0])
            if not _is_id(row.get("id")) or row["id"] in seen:
                raise _refuse("%(where)s has no id of its own", where=where)
            seen.add(row["id"])
            for column in part.columns:
                if column.name in row:
                    _check_value(f"{where}.{column.name}", column, row[column.name])
                elif not column.nullable and column.default is None and column.server_default is None:
                    raise _refuse("%(where)s.%(field)s is missing", where=where, field=column.name)
            for name in part.staff.values():
                email = row.get(name)
                if email is not None and (not isinstance(email, str) or email.casefold() not in emails):
                    raise _refuse("%(where)s.%(field)s names nobody in staff", where=where, field=name)
            if part.key == "sessions":
                people = row.get("facilitators", [])
                if not isinstance(people, list) or any(not isinstance(e, str) or e.casefold() not in emails
                                                       for e in people):
                    raise _refuse("%(where)s.facilitators names somebody not in staff", where=where)
        ids[part.key] = seen
    for part in PARTS:  # references, once every part's ids are known (items refer to items)
        for n, row in enumerate(document[part.key]):
            for column, target in part.refs.items():
                value = row.get(column)
                if value is None and part.table.c[column].nullable:
                    continue
                if not _is_id(value) or value not in ids[target]:
                    raise _refuse("%(where)s.%(field)s refers to nothing in %(target)s",
                                  where=f"{part.key}[{n}]", field=column, target=target)


# --- Import --------------------------------------------------------------------------------------


@dataclass
class Imported:
    """What an import made: the new programme and, per list, the new id of every id in the file."""

    programme: Programme
    ids: dict[str, dict[int, int]]
    created_staff: list[str]


class _Ids:
    """The id maps of an import; a lookup of an id the file does not hold refuses the import."""

    def __init__(self) -> None:
        self.maps: dict[str, dict[int, int]] = {}

    def __call__(self, key: str, old: Any) -> Optional[int]:
        if old is None:
            return None
        try:
            return self.maps[key][int(old)]
        except (KeyError, ValueError, TypeError):
            raise _refuse("%(old)s is not an id of %(key)s", old=repr(old), key=key) from None

    def item_key(self, old: Any) -> str:
        return str(self("items", old))


def remap_value(method: str, value: Any, ids: Callable[[Any], str]) -> Any:
    """A ballot with its item ids rewritten (`ids` maps an old id to the new one, as text)."""
    if method == "dots" and isinstance(value, dict):
        return {ids(k): v for k, v in value.items()}
    if method == "ranking" and isinstance(value, list):
        return [int(ids(k)) for k in value]
    return value


def remap_tally(method: str, tally: Any, ids: Callable[[Any], str]) -> Any:
    """A round's frozen tally with its item ids rewritten (only dots and ranking name items)."""
    if not isinstance(tally, dict) or method not in ITEM_KEYED_METHODS:
        return tally
    out = dict(tally)
    for key in ITEM_KEYED_FIGURES:
        if isinstance(out.get(key), dict):
            out[key] = {ids(k): v for k, v in out[key].items()}
    if isinstance(out.get("by_sector"), dict):
        out["by_sector"] = {sector: remap_tally(method, figures, ids) for sector, figures in out["by_sector"].items()}
    return out


def remap_outcome(detail: Any, ids: Callable[[Any], str]) -> Any:
    """A round's outcome with its item ids rewritten: the result per item and the params naming items."""
    if not isinstance(detail, dict):
        return detail
    out = dict(detail)
    if isinstance(out.get("items"), dict):
        out["items"] = {ids(k): v for k, v in out["items"].items()}
    if isinstance(out.get("params"), dict):
        params = dict(out["params"])
        if isinstance(params.get("agreed_items"), list):
            params["agreed_items"] = [int(ids(k)) for k in params["agreed_items"]]
        if params.get("best_item") is not None:
            params["best_item"] = int(ids(params["best_item"]))
        out["params"] = params
    return out


def remap_event_data(data: Any, ids: Callable[[str, Any], Optional[int]]) -> Any:
    """The event log's data with the ids it names rewritten (other keys are copied)."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key, target in EVENT_ID_KEYS.items():
        value = out.get(key)
        if isinstance(value, list):
            out[key] = [ids(target, v) for v in value]
        elif value is not None:
            out[key] = ids(target, value)
    return out


def _batches(part: Part, rows: list[dict]) -> list[list[dict]]:
    """Rows in batches such that a row referring to a row of its own list comes after it."""
    column = part.self_ref
    if column is None:
        return [rows]
    placed: set[int] = set()
    batches, waiting = [], rows
    while waiting:
        batch = [r for r in waiting if r.get(column) is None or r[column] in placed]
        if not batch:
            raise _refuse("%(key)s.%(field)s goes round in a circle", key=part.key, field=column)
        placed.update(r["id"] for r in batch)
        batches.append(batch)
        waiting = [r for r in waiting if r["id"] not in placed]
    return batches


def _staff_ids(document: dict, mapping: dict[str, str], created: list[str]) -> dict[str, int]:
    """Email (folded) → the id of the account it maps to, creating missing accounts disabled."""
    out: dict[str, int] = {}
    for person in document["staff"]:
        email = mapping.get(person["email"].casefold(), person["email"])
        user = db.session.scalar(select(StaffUser).where(func.lower(StaffUser.email) == email.casefold()))
        if user is None:
            user = StaffUser(email=email, name=person["name"], role=person["role"], is_enabled=False)
            user.set_password(secrets.token_urlsafe(32))  # nobody knows it: an admin sets one on enabling
            db.session.add(user)
            db.session.flush()
            created.append(email)
        out[person["email"].casefold()] = user.id
    return out


def _row_values(part: Part, row: dict, ids: _Ids, staff: dict[str, int], methods: dict[int, str]) -> dict:
    values: dict[str, Any] = {}
    for column in part.columns:
        if column.name not in row:
            values[column.name] = _default(column)
            continue
        value = row[column.name]
        if isinstance(column.type, UTCDateTime) and value is not None:
            value = datetime.fromisoformat(value)
        elif isinstance(column.type, LargeBinary) and value is not None:
            value = base64.b64decode(value)
        values[column.name] = value
    for column, target in part.refs.items():
        values[column] = ids(target, row.get(column))
    for column, name in part.staff.items():
        email = row.get(name)
        values[column] = staff[email.casefold()] if email else None
    item_key = ids.item_key
    if part.key == "rounds":
        values["final_tally"] = remap_tally(row["method"], row.get("final_tally"), item_key)
        values["outcome_detail"] = remap_outcome(row.get("outcome_detail"), item_key)
    elif part.key == "votes":
        values["value"] = remap_value(methods.get(row["round_id"], ""), row.get("value"), item_key)
    elif part.key == "events":
        values["data"] = remap_event_data(row.get("data") or {}, ids)
    elif part.key == "participants":
        values["token_hash"] = token_digest(new_token())  # no phone holds it: the old phones are not let in
        values["personal_code"] = new_join_code()[:PERSONAL_CODE_LENGTH]
    elif part.key == "sessions":
        values["projector_key"] = secrets.token_urlsafe(24)
    return values


def _default(column: Any) -> Any:
    """The value of a column a document leaves out (validation refused those that need one)."""
    if column.default is None:
        return None
    return column.default.arg if column.default.is_scalar else column.default.arg(None)


def _free_join_code(code: Optional[str], taken: set[str]) -> str:
    while not code or code in taken or db.session.scalar(select(Session.id).where(Session.join_code == code)):
        code = new_join_code()
    taken.add(code)
    return code


def _remap_fixups(document: dict) -> None:
    """Refuse a document whose JSON fields name items the file does not hold, before writing."""
    items = {r["id"] for r in document["items"]}
    rounds = {r["id"]: r for r in document["rounds"]}

    def item(old: Any) -> str:
        try:
            if int(old) in items:
                return str(old)
        except (TypeError, ValueError):
            pass
        raise _refuse("%(old)s is not an id of items", old=repr(old))

    for r in rounds.values():
        remap_tally(r["method"], r.get("final_tally"), item)
        remap_outcome(r.get("outcome_detail"), item)
    for v in document["votes"]:
        remap_value(rounds[v["round_id"]]["method"], v.get("value"), item)
    known = {key: {r["id"] for r in document[key]} for key in set(EVENT_ID_KEYS.values())}

    def any_id(key: str, old: Any) -> int:
        if _is_id(old) and old in known[key]:
            return old
        raise _refuse("%(old)s is not an id of %(key)s", old=repr(old), key=key)

    for e in document["events"]:
        remap_event_data(e.get("data") or {}, any_id)


def import_programme(document: Any, *, staff_map: Optional[dict[str, str]] = None) -> Imported:
    """Write the programme of `document` as a new programme, in one transaction; refuse (writing
    nothing) a document that is not a valid export of this version. `staff_map` maps emails of the
    file to accounts of this database."""
    validate(document)
    _remap_fixups(document)
    mapping = {k.casefold(): v for k, v in (staff_map or {}).items()}
    ids, created = _Ids(), []
    methods = {r["id"]: r["method"] for r in document["rounds"]}
    try:
        staff = _staff_ids(document, mapping, created)
        taken: set[str] = set()
        for part in (PROGRAMME, *PARTS):
            rows = [document["programme"]] if part is PROGRAMME else document[part.key]
            new_ids = ids.maps.setdefault(part.key, {})
            for batch in _batches(part, rows):
                values = [_row_values(part, row, ids, staff, methods) for row in batch]
                if part.key == "sessions":
                    for row, value in zip(batch, values):
                        value["join_code"] = _free_join_code(row.get("join_code"), taken)
                if not values:
                    continue
                result = db.session.execute(
                    insert(part.table).returning(part.table.c.id, sort_by_parameter_order=True), values)
                new_ids.update(zip((r["id"] for r in batch), result.scalars().all()))
        facilitators = [{"session_id": ids("sessions", s["id"]), "staff_user_id": staff[email.casefold()]}
                        for s in document["sessions"] for email in dict.fromkeys(s.get("facilitators", []))]
        if facilitators:
            db.session.execute(insert(session_facilitators), facilitators)
        db.session.commit()
    except IntegrityError as exc:
        db.session.rollback()
        raise _refuse("its rows break a rule of the database (%(rule)s)", rule=str(exc.orig).splitlines()[0]) from None
    except BaseException:
        db.session.rollback()
        raise
    programme = db.session.get(Programme, ids("programme", document["programme"]["id"]))
    return Imported(programme, ids.maps, created)
