"""API: voting rounds, decisions and an item's history."""
from __future__ import annotations

from ..accounts.auth import api_staff_required, current_actor
from ..accounts.permissions import require_steer
from ..api.core import STAFF, Blueprint, get_or_404
from ..i18n import current_lang
from ..programmes.models import Item
from ..sessions.models import Session
from . import anonymity, services
from .history import item_history
from .models import Round
from .schemas import (
    DecisionInSchema,
    DecisionOutSchema,
    ItemHistorySchema,
    RoundInSchema,
    RoundOpenSchema,
    RoundOutSchema,
)

blp = Blueprint("api_voting", __name__, description="Voting rounds and decisions")


class RoundView:
    """A round as the API shows it: its settings, the tally (small cells of an anonymous round
    suppressed) and, once closed, the outcome."""

    def __init__(self, round_: Round):
        self._round = round_
        self.tally = anonymity.public_tally(round_, services.current_tally(round_))
        detail = round_.outcome_detail or {}
        self.outcome_detail = {"reason": detail.get("reason"), "items": detail.get("items")} if detail else None
        self.explanation = anonymity.public_explanation(round_, current_lang())

    def __getattr__(self, name):
        return getattr(self._round, name)


def _steerable(session_id: int) -> Session:
    session = get_or_404(Session, session_id, "session")
    require_steer(current_actor().staff, session)
    return session


@blp.post("/sessions/<int:session_id>/rounds")
@api_staff_required()
@blp.arguments(RoundInSchema)
@blp.response(201, RoundOutSchema)
@blp.doc(security=STAFF)
def create_round(data, session_id):
    """Create a draft round: approve, score and impact_feasibility take one item; dots and ranking two or more."""
    session = _steerable(session_id)
    return RoundView(services.create_round(session, staff=current_actor().staff, **data))


@blp.get("/rounds/<int:round_id>")
@api_staff_required()
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def get_round(round_id):
    """A round with its tally (overall and by_sector) and, once closed, its outcome."""
    return RoundView(get_or_404(Round, round_id, "round"))


@blp.post("/rounds/<int:round_id>/open")
@api_staff_required()
@blp.arguments(RoundOpenSchema(), location="json", required=False)
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def open_round(data, round_id):
    """Open a round for votes (the session must be live; one open round at a time). With
    `seconds`, the round closes by itself when the countdown ends."""
    round_ = get_or_404(Round, round_id, "round")
    _steerable(round_.session_id)
    return RoundView(services.open_round(round_, staff=current_actor().staff, seconds=(data or {}).get("seconds")))


@blp.post("/rounds/<int:round_id>/close")
@api_staff_required()
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def close_round(round_id):
    """Close a round: the tally is frozen and the outcome computed."""
    round_ = get_or_404(Round, round_id, "round")
    _steerable(round_.session_id)
    return RoundView(services.close_round(round_, staff=current_actor().staff))


@blp.post("/items/<int:item_id>/decision")
@api_staff_required()
@blp.arguments(DecisionInSchema)
@blp.response(200, DecisionOutSchema)
@blp.doc(security=STAFF)
def decide(data, item_id):
    """Record the table's decision on an item in a session; differing from the computed result
    needs a reason. `merged` merges the item into `into` (with a reason): both histories are kept
    and read together. Earlier decisions are kept."""
    item = get_or_404(Item, item_id, "item")
    session = _steerable(data["session_id"])
    return services.record_decision(session, item, data["outcome"], data["reason"], staff=current_actor().staff,
                                    round_id=data.get("round_id"), into=data.get("into"))


@blp.get("/items/<int:item_id>/decisions")
@api_staff_required()
@blp.response(200, DecisionOutSchema(many=True))
@blp.doc(security=STAFF)
def decisions(item_id):
    """Every decision on the item, oldest first: a later decision never erases an earlier one."""
    get_or_404(Item, item_id, "item")
    return services.decisions_of(item_id)


@blp.get("/items/<int:item_id>/history")
@api_staff_required()
@blp.response(200, ItemHistorySchema)
@blp.doc(security=STAFF)
def history(item_id):
    """The item's sessions, rounds (with tallies), comments and decisions; an item others were merged
    into lists theirs too (`merged_from`; each round, comment and decision names its item)."""
    item = get_or_404(Item, item_id, "item")
    found = item_history(item)
    return {"item": item, "merged_from": found.merged_from, "merged_into": found.merged_into,
            "item_ids": found.item_ids, "sessions": found.sessions,
            "rounds": [RoundView(r) for r in found.rounds], "comments": found.comments,
            "decisions": found.decisions}

