"""The run-of-show's plan: each agenda item's planned round and time budget, and the programme's
defaults by phase. Pure reading and writing of plans; the next step and opening a planned round are
the voting slice's (`workshop.voting.runshow`).

A plan is resolved field by field: what the agenda entry says, else the programme's default for
the session's phase, else Mesa's built-in default for that phase. Entries sharing a vote group are
voted together in one multi-item round (dots, ranking), planned on the group's first entry.
"""
from __future__ import annotations

import math
from typing import Any, Optional

from sqlalchemy import func, select

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Programme
from ..refusals import Conflict, NotFound, Refusal
from .models import PLAN_FIELDS, AgendaEntry, Participant, Session

#: The voting methods of one item and of several (as in `workshop.voting.rules`, which sits above).
SINGLE_ITEM_METHODS = ("approve", "score", "impact_feasibility")
MULTI_ITEM_METHODS = ("dots", "ranking")

#: Mesa's defaults per phase (1 current situation, 2 competitive positioning, 3 roadmap); a phase
#: beyond 3 takes phase 3's. `method` is the round of a single item, `group_method` that of a vote
#: group; `quorum_share` makes the quorum a share of the participants present when the round opens
#: (at least one vote), unless a plan gives a quorum in votes.
BUILT_IN_DEFAULTS: dict[int, dict[str, Any]] = {
    1: {"method": "approve", "group_method": "dots", "quorum_share": 0.5, "threshold": 0.5, "cross_sector": False,
        "anonymous": True, "results": "live", "dots": None, "seconds": 60, "minutes": 8},
    2: {"method": "score", "group_method": "ranking", "quorum_share": 0.5, "threshold": 0.6, "cross_sector": False,
        "anonymous": True, "results": "hidden", "dots": None, "seconds": 90, "minutes": 10},
    3: {"method": "impact_feasibility", "group_method": "dots", "quorum_share": 0.5, "threshold": 0.6,
        "cross_sector": True, "anonymous": True, "results": "hidden", "dots": None, "seconds": 90, "minutes": 12},
}
DEFAULT_KEYS = tuple(BUILT_IN_DEFAULTS[1])


# --- Defaults -------------------------------------------------------------------------------------


def _check_defaults(values: dict[str, Any]) -> None:
    """Refuse defaults the rules would refuse at open (the API schema checks types and ranges)."""
    if values.get("method") is not None and values["method"] not in SINGLE_ITEM_METHODS:
        raise Refusal("invalid_defaults", "The default method of one item must be approve, score or "
                      "impact_feasibility.")
    if values.get("group_method") is not None and values["group_method"] not in MULTI_ITEM_METHODS:
        raise Refusal("invalid_defaults", "The default method of a vote group must be dots or ranking.")


def phase_defaults(programme: Optional[Programme], phase: int) -> dict[str, Any]:
    """The defaults for a phase: the programme's own over Mesa's built-in ones."""
    base = dict(BUILT_IN_DEFAULTS[min(max(phase, 1), 3)])
    own = ((programme.round_defaults or {}) if programme else {}).get(str(phase)) or {}
    base.update({k: v for k, v in own.items() if k in DEFAULT_KEYS})
    return base


def programme_defaults(programme: Programme) -> dict[str, Any]:
    """Every phase's defaults (1–3, and any other phase the programme set), and which are its own."""
    phases = sorted({1, 2, 3} | {int(k) for k in (programme.round_defaults or {}) if k.isdigit()})
    return {"phases": {str(n): phase_defaults(programme, n) for n in phases},
            "own": programme.round_defaults or {}}


def set_programme_defaults(programme: Programme, phases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Change the programme's defaults of the phases given; a field set to None goes back to Mesa's."""
    own = {k: dict(v) for k, v in (programme.round_defaults or {}).items()}
    for phase, values in phases.items():
        _check_defaults(values)
        merged = {k: v for k, v in {**own.get(phase, {}), **values}.items() if v is not None}
        if merged:
            own[phase] = merged
        else:
            own.pop(phase, None)
    programme.round_defaults = own or None
    db.session.commit()
    return programme_defaults(programme)


# --- Plans ----------------------------------------------------------------------------------------


def group_of(session: Session, entry: AgendaEntry) -> list[AgendaEntry]:
    """The entries voted with `entry` (itself alone when it has no group or the group has one entry)."""
    if entry.plan_vote_group is None:
        return [entry]
    members = [e for e in session.agenda if e.plan_vote_group == entry.plan_vote_group]
    return members if len(members) >= 2 else [entry]


def resolved_plan(session: Session, entry: AgendaEntry, defaults: Optional[dict[str, Any]] = None,
                  present: Optional[int] = None) -> dict[str, Any]:
    """The round planned for `entry` (for a vote group: the group's, from its first entry), every
    field filled in, and the quorum for `present` participants when given."""
    defaults = defaults or phase_defaults(session.initiative.programme, session.phase.number)
    members = group_of(session, entry)
    lead = members[0]
    multi = len(members) > 1
    method = lead.plan_method
    if method is None or (method in MULTI_ITEM_METHODS) != multi:
        method = defaults["group_method"] if multi else defaults["method"]

    def pick(field: str):
        value = getattr(lead, f"plan_{field}")
        return defaults[field] if value is None else value

    seconds = pick("seconds")
    minutes = entry.plan_minutes if entry.plan_minutes is not None else defaults["minutes"]
    plan = {
        "method": method, "item_ids": [e.item_id for e in members], "group": lead.plan_vote_group if multi else None,
        "quorum": lead.plan_quorum, "quorum_share": defaults["quorum_share"], "threshold": pick("threshold"),
        "cross_sector": pick("cross_sector"), "anonymous": pick("anonymous"), "results": pick("results"),
        "dots": (lead.plan_dots or defaults["dots"] or 2 * len(members)) if method == "dots" else None,
        "seconds": seconds or None, "minutes": minutes,
        "own": sorted(f for f in PLAN_FIELDS if getattr(entry, f"plan_{f}") is not None),
    }
    if present is not None:
        plan["quorum_now"] = quorum_for(plan, present)
    return plan


def quorum_for(plan: dict[str, Any], present: int) -> int:
    """The quorum in votes: the plan's, else its share of those present (never 0: at least one vote)."""
    if plan.get("quorum") is not None:
        return plan["quorum"]
    return max(1, math.ceil(plan["quorum_share"] * present - 1e-9))


def present_count(session_id: int) -> int:
    """Participants who may vote now: joined, admitted, not removed."""
    return db.session.scalar(select(func.count(Participant.id)).where(
        Participant.session_id == session_id, Participant.removed_at.is_(None),
        Participant.is_admitted.is_(True))) or 0


def entry_of(session: Session, item_id: int) -> AgendaEntry:
    entry = next((e for e in session.agenda if e.item_id == item_id), None)
    if entry is None:
        raise NotFound("not_in_agenda", "That item is not on the agenda.")
    return entry


def update_plan(session: Session, item_id: int, data: dict[str, Any], staff: Optional[StaffUser] = None) -> AgendaEntry:
    """Change an agenda entry's plan (validated fields; None resets one to the default)."""
    if session.status == "closed":
        raise Conflict("session_closed", "This session has ended; its plan is kept as it was.")
    entry = entry_of(session, item_id)
    for field, value in data.items():
        setattr(entry, f"plan_{field}", value)
    method = entry.plan_method
    if method is not None and entry.plan_vote_group is None and method in MULTI_ITEM_METHODS:
        raise Refusal("invalid_plan", "Dots and ranking vote on several items: give the item a vote group "
                      "shared with the others.")
    db.session.flush()
    if len(group_of(session, entry)) > 1 and method is not None and method in SINGLE_ITEM_METHODS:
        raise Refusal("invalid_plan", "A vote group is voted with dots or ranking.")
    log_event(session.id, "agenda_plan", staff=staff, item_id=item_id, fields=sorted(data))
    db.session.commit()
    signals.agenda_changed.send(session.id)
    return entry
