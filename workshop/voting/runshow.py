"""The run-of-show live: the one next step that moves a session along, opening an item's planned
round (`workshop.sessions.plan` holds the plans and the defaults by phase), and what the console
and the projector read of it.

The next step is computed from the committed state alone, so every console agrees on it:

    discuss (put the first undecided item up) → open (its planned round) → close → decide (each
    item the round covered, the computed outcome preselected) → next (the next undecided item) …
    → end

Items of a vote group are discussed one after the other before their one round opens.
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import select

from .. import signals
from ..accounts.models import StaffUser
from ..eventlog import log_event
from ..extensions import db
from ..programmes.models import Item
from ..refusals import Conflict, Refusal
from ..sessions import discussion
from ..sessions import services as sessions
from ..sessions.models import AgendaEntry, Session
from ..sessions.plan import entry_of, group_of, phase_defaults, present_count, resolved_plan
from .models import Decision, Round, RoundItem

#: What the one key can do next ("decide" goes through the decision form, "none": the session ended).
STEPS = ("start", "discuss", "open", "close", "decide", "next", "end", "none")

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
    # the agenda's items in one statement, held here: `entry.item` below reads them from the identity map
    loaded = db.session.scalars(select(Item).join(AgendaEntry, AgendaEntry.item_id == Item.id)
                       .where(AgendaEntry.session_id == session.id)).all()
    items = []
    for entry in session.agenda:
        plan = resolved_plan(session, entry, defaults, present)
        item = entry.item
        items.append({"id": item.id, "code": item.code, "kind": item.kind, "title": item.title,
                      "title_en": item.title_en, "plan": plan, "decision": decisions.get(item.id)})
    del loaded
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
