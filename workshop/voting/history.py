"""An item's whole history: the sessions it went through, its rounds (tallies per sector, small cells
of anonymous rounds withheld), comments and every decision with its reason and who recorded it.

An item that others were merged into carries their history too: the rounds, comments and decisions
of the merged items are listed with it (each names its own `item_id`), so merging two items keeps
both histories."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from sqlalchemy import func, select

from ..extensions import db
from ..programmes.models import Item
from ..sessions.models import AgendaEntry, Comment, Session
from . import anonymity, services
from .models import Decision, Round, RoundItem


def merged_from(item: Item) -> list[Item]:
    """The items merged into `item`, and those merged into them, oldest first."""
    found: list[Item] = []
    frontier = [item.id]
    seen = {item.id}
    while frontier:
        rows = db.session.scalars(select(Item).where(Item.merged_into_id.in_(frontier)).order_by(Item.id)).all()
        frontier = [i.id for i in rows if i.id not in seen]
        seen.update(frontier)
        found.extend(i for i in rows if i.id in frontier)
    return found


@dataclass
class History:
    item: Item
    merged_from: list[Item]
    sessions: list[Session]
    rounds: list[Round]
    comments: list[Comment]
    decisions: list[Decision]
    #: session id → the ids of the history's items on its agenda
    agenda: dict[int, list[int]] = field(default_factory=dict)

    @property
    def item_ids(self) -> list[int]:
        return [self.item.id] + [i.id for i in self.merged_from]

    @property
    def merged_into(self) -> Optional[Item]:
        return self.item.merged_into


def item_history(item: Item) -> History:
    """Everything that happened to `item` (and the items merged into it), in time order."""
    others = merged_from(item)
    ids = [item.id] + [i.id for i in others]
    rounds = db.session.scalars(
        select(Round).where(Round.id.in_(select(RoundItem.round_id).where(RoundItem.item_id.in_(ids))),
                            Round.state != "draft")
        .order_by(func.coalesce(Round.opened_at, Round.created_at), Round.id)).all()
    comments = db.session.scalars(select(Comment).where(Comment.item_id.in_(ids), Comment.is_hidden.is_(False))
                                  .order_by(Comment.created_at, Comment.id)).all()
    decisions = db.session.scalars(select(Decision).where(Decision.item_id.in_(ids))
                                   .order_by(Decision.decided_at, Decision.id)).all()
    agenda: dict[int, list[int]] = {}
    for session_id, item_id in db.session.execute(
            select(AgendaEntry.session_id, AgendaEntry.item_id).where(AgendaEntry.item_id.in_(ids))):
        agenda.setdefault(session_id, []).append(item_id)
    session_ids = {r.session_id for r in rounds} | {c.session_id for c in comments} | \
        {d.session_id for d in decisions} | set(agenda)
    sessions = db.session.scalars(select(Session).where(Session.id.in_(session_ids))).all() if session_ids else []
    return History(item, others, sorted(sessions, key=_in_time), list(rounds), list(comments), list(decisions),
                   agenda)


def _in_time(session: Session) -> tuple:
    """Sessions by phase, then by when they were held (or are planned; undated last), then by id."""
    when = session.started_at or session.starts_at
    return (session.phase.number, when is None, when.timestamp() if when else 0, session.id)


def round_view(round_: Round, lang: str) -> dict[str, Any]:
    """What anyone on staff may see of a round: the tally with small anonymous cells withheld, the
    outcome and its sentence (one that withholds a small sector's result when it would name it)."""
    tally = anonymity.public_tally(round_, services.current_tally(round_))
    detail = round_.outcome_detail or {}
    return {"round": round_, "tally": tally, "outcome": round_.outcome,
            "item_outcomes": detail.get("items") or {},
            "explanation": anonymity.public_explanation(round_, lang),
            "withheld": sorted(s for s, v in (tally.get("by_sector") or {}).items()
                               if isinstance(v, dict) and v.get("suppressed"))}
