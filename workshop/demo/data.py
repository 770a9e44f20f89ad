"""The demo's data files (workshop/demo/data/<programme>/*.toml): read, validated, or refused loudly.

A programme folder has `programme.toml` (the programme, its staff, the name lists people are made
from, and its initiative files in order) and one file per initiative (the initiative, its candidate
items, and its sessions: date, place, who came, the agenda with how the room voted on each item,
the table's decision and reason, and the comments said about it). See data/README.md.

Programmes, initiatives and items are validated by the schemas the API and the spreadsheet import
use (`programmes.schemas`), made strict about unknown keys so a misspelt field fails rather than
vanishes; the sessions by the schemas below. Every error names the file, the line of the table it
is in and the key: `3-superfruits.toml:212 items[4] (LA-5): budget_pen: Not a valid integer.`
"""
from __future__ import annotations

import tomllib
from datetime import datetime, time
from pathlib import Path
from typing import Any

import marshmallow as ma
from marshmallow import fields, validate

from ..api.core import Choice, Int, LongText, Name, Schema
from ..programmes.schemas import InitiativeInSchema, ItemImportSchema, ProgrammeInSchema
from ..sessions.discussion import COMMENT_MAX
from ..sessions.models import SECTORS

ROOT = Path(__file__).parent / "data"
CODE_PREFIXES = {"action_line": "LA", "policy_reform": "RP"}


class DataError(ValueError):
    """A data file that cannot be loaded: which file, where in it, and what is wrong."""

    def __init__(self, path: Path, where: str, message: str, line: int | None = None):
        self.path, self.where, self.line = path, where, line
        place = f"{path.name}:{line}" if line else path.name
        super().__init__(f"{place} {where}: {message}" if where else f"{place}: {message}")


def _strict(schema: type[Schema]) -> type[Schema]:
    """The schema, refusing keys it does not know (a typo in a data file must not pass unseen)."""
    return type(f"Strict{schema.__name__}", (schema,), {"Meta": type("Meta", (), {"unknown": ma.RAISE})})


class _StrictSchema(Schema):
    class Meta:
        unknown = ma.RAISE


class _Item(_strict(ItemImportSchema)):
    code = Name(12, required=True, validate=validate.Regexp(r"^(LA|RP)-[1-9]\d*$"))


class _Initiative(_strict(InitiativeInSchema)):
    people = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)
    organisations = fields.Dict(keys=Choice(SECTORS), values=fields.List(Name(200), validate=validate.Length(min=1)),
                                required=True)
    items = fields.List(fields.Raw(), required=True)
    sessions = fields.List(fields.Raw(), required=True)


class _People(_StrictSchema):
    core = fields.Dict(keys=Choice(SECTORS), values=Int(validate=validate.Range(min=0, max=100)), required=True)


class _Staff(_StrictSchema):
    email = Name(200, required=True, validate=validate.Email())
    name = Name(200, required=True)
    role = Choice(("facilitator", "secretariat"), required=True)


class _Names(_StrictSchema):
    given = fields.List(Name(40), required=True, validate=validate.Length(min=10))
    surnames = fields.List(Name(40), required=True, validate=validate.Length(min=10))


class _Programme(_StrictSchema):
    programme = fields.Dict(required=True)
    set_up = fields.Raw(load_default=None)
    initiatives = fields.List(Name(120), required=True, validate=validate.Length(min=1))
    staff = fields.List(fields.Dict(), required=True, validate=validate.Length(min=1))
    names = fields.Dict(required=True)


_share = lambda: fields.Float(validate=validate.Range(min=0, max=1))  # noqa: E731


class _Comment(_StrictSchema):
    text = LongText(COMMENT_MAX, required=True)
    sector = Choice(SECTORS, load_default=None)
    upvotes = Int(load_default=0, validate=validate.Range(min=0, max=50))
    pinned = fields.Boolean(load_default=False)


class _RoundOptions(_StrictSchema):
    quorum = Int(validate=validate.Range(min=0, max=1000))
    threshold = fields.Float(validate=validate.Range(min=0, max=1))
    cross_sector = fields.Boolean()
    anonymous = fields.Boolean()
    results = Choice(("live", "hidden"))


class _Entry(_StrictSchema):
    item = Name(12, required=True)
    vote = fields.Dict(keys=Choice(SECTORS), values=_share(), load_default=None)
    scores = fields.Dict(keys=Choice(("impact", "feasibility")), values=fields.Float(validate=validate.Range(1, 5)),
                         load_default=None)
    priority = fields.Float(validate=validate.Range(1, 5), load_default=None)
    round = fields.Nested(_RoundOptions, load_default=dict)
    decision = Choice(("agreed", "rejected", "deferred"), load_default=None)
    reason = LongText(2000, load_default="")
    comments = fields.List(fields.Nested(_Comment), load_default=list)

    @ma.validates_schema
    def _consistent(self, data, **_kwargs):
        if data["vote"] is not None and set(data["vote"]) != set(SECTORS):
            raise ma.ValidationError(f"give the share approving for every sector: {', '.join(SECTORS)}.", "vote")
        if sum(data[key] is not None for key in ("vote", "scores", "priority")) > 1:
            raise ma.ValidationError("an item is voted one way in a session: vote, scores or priority.", "vote")
        if data["decision"] and data["vote"] is None:
            raise ma.ValidationError("a decision needs the vote it follows.", "decision")
        if data["decision"] == "deferred" and not data["reason"]:
            raise ma.ValidationError("a deferred item needs the reason the table gave.", "reason")


class _MultiRound(_StrictSchema):
    method = Choice(("dots", "ranking"), required=True)
    dots = Int(load_default=None, validate=validate.Range(min=1, max=50))
    weights = fields.Dict(keys=Name(12), values=Int(validate=validate.Range(min=1, max=100)), required=True)

    @ma.validates_schema
    def _dots_for_dots(self, data, **_):
        if (data["method"] == "dots") != (data.get("dots") is not None):
            raise ma.ValidationError("a dots round says how many dots each person has; a ranking round does not.",
                                     "dots")
        if len(data["weights"]) < 2:
            raise ma.ValidationError("a round on several items needs two items or more.", "weights")


class _Session(_StrictSchema):
    phase = Int(required=True, validate=validate.Range(min=1, max=3))
    starts_at = fields.Raw(load_default=None)
    scheduled_time = fields.Raw(load_default=None)
    place = Name(300, required=True)
    facilitator = Name(200, required=True)
    attendance = fields.Dict(keys=Choice(SECTORS), values=Int(validate=validate.Range(min=0, max=500)),
                             load_default=dict)
    rule = fields.Nested(_RoundOptions, load_default=dict)
    agenda = fields.List(fields.Nested(_Entry), required=True, validate=validate.Length(min=1))
    rounds = fields.List(fields.Nested(_MultiRound), load_default=list)

    @ma.validates_schema
    def _when(self, data, **_kwargs):
        if (data["starts_at"] is None) == (data["scheduled_time"] is None):
            raise ma.ValidationError("a session is either held (starts_at, a date and time with its offset) or "
                                     "prepared for the day of the load (scheduled_time, a local time).", "starts_at")
        if data["starts_at"] is not None and not (isinstance(data["starts_at"], datetime)
                                                  and data["starts_at"].tzinfo is not None):
            raise ma.ValidationError("a date and time with its UTC offset, e.g. 2021-09-06T15:00:00-05:00.",
                                     "starts_at")
        if data["scheduled_time"] is not None and not isinstance(data["scheduled_time"], time):
            raise ma.ValidationError("a local time, e.g. 10:00:00.", "scheduled_time")


def _flat(messages: Any, prefix: str = "") -> str:
    """Marshmallow's nested messages as `key: message; other.key: message`."""
    if isinstance(messages, dict):
        return "; ".join(_flat(v, f"{prefix}{k}." if not isinstance(k, int) else f"{prefix[:-1]}[{k}].")
                         for k, v in messages.items())
    if isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        return f"{prefix[:-1]}: {' '.join(messages)}" if prefix else " ".join(messages)
    return "; ".join(_flat(m, prefix) for m in messages)


class _Lines:
    """Where the tables of a TOML file start, to point an error at its line."""

    def __init__(self, text: str):
        self.headers = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)
                        if line.startswith("[")]

    def nth(self, header: str, index: int, after: int = 0) -> int | None:
        found = [n for n, h in self.headers if h == header and n > after]
        return found[index] if index < len(found) else None

    def session_entry(self, session: int, entry: int | None = None, header: str = "[[sessions.agenda]]") -> int | None:
        start = self.nth("[[sessions]]", session)
        if entry is None or start is None:
            return start
        end = self.nth("[[sessions]]", session + 1) or 10**9
        line = self.nth(header, entry, after=start)
        return line if line is not None and line < end else start


def _read(path: Path) -> tuple[dict, _Lines]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataError(path, "", f"cannot be read ({exc.strerror}).") from exc
    try:
        return tomllib.loads(text), _Lines(text)
    except tomllib.TOMLDecodeError as exc:  # its message names the line and column
        raise DataError(path, "", f"is not valid TOML: {exc}.") from exc


def _load(schema: Schema, raw: Any, path: Path, where: str, line: int | None) -> dict:
    if not isinstance(raw, dict):
        raise DataError(path, where, "must be a table.", line)
    try:
        return schema.load(raw)
    except ma.ValidationError as exc:
        raise DataError(path, where, _flat(exc.messages), line) from exc


def read_programme(folder: Path) -> dict:
    """Read and validate a programme folder: {"programme", "set_up", "staff", "names", "initiatives": [...]}."""
    path = folder / "programme.toml"
    raw, lines = _read(path)
    data = _load(_Programme(), raw, path, "", None)
    programme = _load(_strict(ProgrammeInSchema)(), data["programme"], path, "[programme]",
                      lines.nth("[programme]", 0))
    if data["set_up"] is not None and (not isinstance(data["set_up"], datetime) or data["set_up"].tzinfo is None):
        raise DataError(path, "set_up", "a date and time with its UTC offset, e.g. 2021-08-16T09:00:00-05:00.")
    staff = [_load(_Staff(), s, path, f"staff[{i}]", lines.nth("[[staff]]", i)) for i, s in enumerate(data["staff"])]
    names = _load(_Names(), data["names"], path, "[names]", lines.nth("[names]", 0))
    emails = {s["email"] for s in staff}
    initiatives = [read_initiative(folder / name, emails) for name in data["initiatives"]]
    return {"programme": programme, "set_up": data["set_up"], "staff": staff, "names": names,
            "initiatives": initiatives}


def read_initiative(path: Path, staff_emails: set[str]) -> dict:
    """Read and validate one initiative file; its sessions must hold together (see `_check_sessions`)."""
    raw, lines = _read(path)
    data = _load(_strict(_Initiative)(), raw, path, "", None)
    people = _load(_People(), data.pop("people"), path, "[people]", lines.nth("[people]", 0))
    items, codes = [], {}
    for index, raw_item in enumerate(data.pop("items")):
        code = raw_item.get("code") if isinstance(raw_item, dict) else None
        where = f"items[{index}]" + (f" ({code})" if isinstance(code, str) else "")
        item = _load(_Item(), raw_item, path, where, lines.nth("[[items]]", index))
        expected = f"{CODE_PREFIXES[item['kind']]}-{sum(1 for i in items if i['kind'] == item['kind']) + 1}"
        if item["code"] != expected:
            raise DataError(path, where, f"code {item['code']!r}: items of each kind are numbered in order, "
                            f"this one is {expected!r} (codes are given by Mesa as items are created).",
                            lines.nth("[[items]]", index))
        codes[item["code"]] = item
        items.append(item)
    sessions = []
    for index, raw_session in enumerate(data.pop("sessions")):
        line = lines.session_entry(index)
        try:
            session = _Session().load(raw_session) if isinstance(raw_session, dict) else None
        except ma.ValidationError as exc:
            entry = next((k for k in exc.messages.get("agenda", {}) if isinstance(k, int)), None) \
                if isinstance(exc.messages.get("agenda"), dict) else None
            raise DataError(path, f"sessions[{index}]", _flat(exc.messages),
                            lines.session_entry(index, entry)) from exc
        if session is None:
            raise DataError(path, f"sessions[{index}]", "must be a table.", line)
        sessions.append(session)
    _check_sessions(path, lines, sessions, codes, people["core"], staff_emails)
    return {**data, "path": path, "people": people, "items": items, "sessions": sessions}


def _check_sessions(path: Path, lines: _Lines, sessions: list[dict], codes: dict[str, dict],
                    core: dict[str, int], staff_emails: set[str]) -> None:
    """What the schemas cannot see: known items and staff, the core group present, held sessions in
    date order, and every deferred item on a later session's agenda."""
    held = [s["starts_at"] for s in sessions if s["starts_at"] is not None]
    if held != sorted(held):
        raise DataError(path, "sessions", "held sessions are listed in the order they were held.")
    for index, session in enumerate(sessions):
        where = f"sessions[{index}] (phase {session['phase']})"
        if session["facilitator"] not in staff_emails:
            raise DataError(path, where, f"facilitator {session['facilitator']!r} is not in programme.toml's staff.",
                            lines.session_entry(index))
        if session["starts_at"] is not None:
            short = [s for s in SECTORS if session["attendance"].get(s, 0) < core.get(s, 0)]
            if short:
                raise DataError(path, where, f"attendance: fewer than the core group in {', '.join(short)}.",
                                lines.session_entry(index))
        seen = set()
        for number, entry in enumerate(session["agenda"]):
            line = lines.session_entry(index, number)
            if entry["item"] not in codes:
                raise DataError(path, f"{where} agenda[{number}]", f"item {entry['item']!r} is not in this file's "
                                "items.", line)
            if entry["item"] in seen:
                raise DataError(path, f"{where} agenda[{number}]", f"item {entry['item']!r} is twice on the agenda.",
                                line)
            seen.add(entry["item"])
            if entry["decision"] == "deferred":
                later = [s for s in sessions[index + 1:] if any(e["item"] == entry["item"] for e in s["agenda"])]
                if not later:
                    raise DataError(path, f"{where} agenda[{number}]", f"{entry['item']} is deferred: it must be "
                                    "on a later session's agenda, where the table decides it.", line)
        for number, round_ in enumerate(session["rounds"]):
            unknown = set(round_["weights"]) - seen
            if unknown or len(round_["weights"]) < 2:
                raise DataError(path, f"{where} rounds[{number}]", "weights: two or more items of this session's "
                                f"agenda{' (not on it: ' + ', '.join(sorted(unknown)) + ')' if unknown else ''}.",
                                lines.session_entry(index, number, "[[sessions.rounds]]"))


def programme_folders() -> list[Path]:
    """The demo's programmes, in the order they load (the finished one first: its ids are stable)."""
    return [ROOT / name for name in ("ivai", "ensayo")]

