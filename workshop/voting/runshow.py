"""The run-of-show: each agenda item's planned round and time budget, the programme's defaults by
phase, and the one next step that moves a live session along.

A plan is resolved field by field: what the agenda entry says, else the programme's default for
the session's phase, else Mesa's built-in default for that phase. Entries sharing a vote group are
voted together in one multi-item round (dots, ranking), planned on the group's first entry.

The next step is computed from the committed state alone, so every console agrees on it:

    discuss (put the first undecided item up) → open (its planned round) → close → decide (each
    item the round covered, the computed outcome preselected) → next (the next undecided item) …
    → end

Items of a vote group are discussed one after the other before their one round opens.
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
from ..sessions import discussion
from ..sessions import services as sessions
from ..sessions.models import PLAN_FIELDS, AgendaEntry, Participant, Session
from . import rules
from .models import Decision, Round, RoundItem

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

STEPS = ("start", "discuss", "open", "close", "decide", "next", "end", "none")


# --- Defaults -------------------------------------------------------------------------------------


def _check_defaults(values: dict[str, Any]) -> None:
    """Refuse defaults the rules would refuse at open (the API schema checks types and ranges)."""
    if values.get("method") is not None and values["method"] not in rules.SINGLE_ITEM_METHODS:
        raise Refusal("invalid_defaults", "The default method of one item must be approve, score or "
                      "impact_feasibility.")
    if values.get("group_method") is not None and values["group_method"] not in rules.MULTI_ITEM_METHODS:
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
    if method is None or (method in rules.MULTI_ITEM_METHODS) != multi:
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
    if method is not None and entry.plan_vote_group is None and method in rules.MULTI_ITEM_METHODS:
        raise Refusal("invalid_plan", "Dots and ranking vote on several items: give the item a vote group "
                      "shared with the others.")
    db.session.flush()
    if len(group_of(session, entry)) > 1 and method is not None and method in rules.SINGLE_ITEM_METHODS:
        raise Refusal("invalid_plan", "A vote group is voted with dots or ranking.")
    log_event(session.id, "agenda_plan", staff=staff, item_id=item_id, fields=sorted(data))
    db.session.commit()
    signals.agenda_changed.send(session.id)
    return entry


# --- The next step ------------------------------------------------------------------------------


def _decided(session_id: int) -> set[int]:
    return set(db.session.scalars(select(Decision.item_id).where(Decision.session_id == session_id)))


def _closed_round_on(session_id: int, item_ids: list[int]) -> Optional[Round]:
    """The latest closed round of the session on exactly these items."""
    rounds = db.session.scalars(
        select(Round).join(RoundItem).where(Round.session_id == session_id, Round.state == "closed",
                                            RoundItem.item_id == item_ids[0])
        .order_by(Round.closed_at.desc(), Round.id.desc()))
    return next((r for r in rounds if sorted(r.item_ids) == sorted(item_ids)), None)


def next_step(session: Session) -> dict[str, Any]:
    """What the one key does now: {"action", "item_ids", "round_id"?}."""
    if session.status in ("draft", "scheduled"):
        return {"action": "start", "item_ids": []}
    if session.status == "closed":
        return {"action": "none", "item_ids": []}
    open_round = db.session.scalar(select(Round).where(Round.session_id == session.id, Round.state == "open"))
    if open_round is not None:
        return {"action": "close", "item_ids": open_round.item_ids, "round_id": open_round.id}
    decided = _decided(session.id)
    agenda = list(session.agenda)
    ids = [e.item_id for e in agenda]
    current = next((e for e in agenda if e.item_id == session.current_item_id), None)

    def next_undecided(after: int) -> Optional[int]:
        order = ids[after + 1:] + ids[:after + 1]
        return next((i for i in order if i not in decided), None)

    if current is None:
        first = next_undecided(len(ids) - 1)
        return {"action": "discuss", "item_ids": [first]} if first else {"action": "end", "item_ids": []}
    members = group_of(session, current)
    unit = [e.item_id for e in members]
    voted = _closed_round_on(session.id, unit)
    undecided = [i for i in unit if i not in decided]
    if undecided and voted is not None:
        return {"action": "decide", "item_ids": [undecided[0]], "round_id": voted.id}
    if undecided and voted is None and not (len(unit) == 1 and current.item_id in decided):
        position = unit.index(current.item_id)
        if position < len(unit) - 1:  # a vote group: discuss each of its items, then vote once
            return {"action": "discuss", "item_ids": [unit[position + 1]]}
        return {"action": "open", "item_ids": unit}
    following = next_undecided(ids.index(members[-1].item_id))
    return {"action": "next", "item_ids": [following]} if following else {"action": "end", "item_ids": []}


def open_planned(session: Session, item_id: int, staff: Optional[StaffUser] = None) -> Round:
    """Open the round planned for the item (its vote group's, when it has one)."""
    from .services import create_round

    plan = resolved_plan(session, entry_of(session, item_id), present=present_count(session.id))
    return create_round(session, item_ids=plan["item_ids"], method=plan["method"], quorum=plan["quorum_now"],
                        threshold=plan["threshold"], cross_sector=plan["cross_sector"], anonymous=plan["anonymous"],
                        results=plan["results"], dots=plan["dots"], staff=staff, open_now=True,
                        seconds=plan["seconds"])


def advance(session: Session, expected: str, staff: Optional[StaffUser] = None) -> dict[str, Any]:
    """Take the next step, if it is still the one the console showed (`expected`): two presses of
    the key, or two consoles, never take two steps. Deciding goes through `record_decision`."""
    from .services import close_round

    step = next_step(session)
    if step["action"] != expected:
        raise Conflict("step_changed", "The session moved on meanwhile; check the console and press again.")
    action = step["action"]
    if action == "start":
        sessions.transition(session, "live", staff)
    elif action in ("discuss", "next"):
        discussion.set_current_item(session, step["item_ids"][0], staff)
    elif action == "open":
        step["round_id"] = open_planned(session, step["item_ids"][0], staff).id
    elif action == "close":
        close_round(db.session.get(Round, step["round_id"]), staff=staff)
    elif action == "end":
        sessions.transition(session, "closed", staff)
    else:
        raise Conflict("no_step", "Record the decision with the decision form.")
    return step


# --- What the screens show ------------------------------------------------------------------------


def run_of_show(session: Session) -> dict[str, Any]:
    """The plan as the console and the projector read it: each item's round and time budget, the
    next step, what comes next, and the clocks (session start, current item since)."""
    defaults = phase_defaults(session.initiative.programme, session.phase.number)
    present = present_count(session.id)
    decisions = {}
    for d in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                .order_by(Decision.decided_at, Decision.id)):
        decisions[d.item_id] = d.outcome
    items = []
    for entry in session.agenda:
        plan = resolved_plan(session, entry, defaults, present)
        item = entry.item
        items.append({"id": item.id, "code": item.code, "kind": item.kind, "title": item.title,
                      "title_en": item.title_en, "plan": plan, "decision": decisions.get(item.id)})
    step = next_step(session)
    coming = None
    if step["action"] in ("discuss", "next"):
        coming = step["item_ids"][0]
    else:
        ids = [i["id"] for i in items]
        if session.current_item_id in ids:
            after = ids[ids.index(session.current_item_id) + 1:]
            coming = next((i for i in after if i not in decisions), None)
    return {
        "items": items,
        "step": step,
        #: The agenda item after the one under discussion that is still to be decided (None at the end).
        "next_item_id": coming,
        "planned_minutes": sum(i["plan"]["minutes"] or 0 for i in items),
        "decided": len(decisions),
        "present": present,
        "started_at": session.started_at.isoformat() if session.started_at else None,
        "item_since": session.current_item_since.isoformat() if session.current_item_since else None,
        "projector_mode": session.projector_mode,
    }


def set_projector_mode(session: Session, mode: str, staff: Optional[StaffUser] = None) -> None:
    """Show the full-screen join screen on the projector ("join"), or follow the session ("auto")."""
    if mode not in ("auto", "join"):
        raise Refusal("invalid_mode", "mode must be auto or join.")
    session.projector_mode = mode
    log_event(session.id, "projector_mode", staff=staff, mode=mode)
    db.session.commit()
    signals.session_changed.send(session.id)
