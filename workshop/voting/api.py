"""API: voting rounds and decisions."""
from __future__ import annotations

from ..accounts.auth import api_staff_required, current_actor
from ..api.core import ApiError, Blueprint
from ..i18n import current_lang
from ..programmes.api import STAFF, get_or_404
from ..programmes.models import Item
from ..sessions.models import Session
from . import services
from .models import Round
from .schemas import DecisionInSchema, DecisionOutSchema, RoundInSchema, RoundOpenSchema, RoundOutSchema

blp = Blueprint("api_voting", __name__, description="Voting rounds and decisions")
RUNNERS = ("facilitator",)


def _call(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except services.VotingError as exc:
        raise ApiError(exc.status, exc.code, exc.message) from exc


class RoundView:
    """A round as the API shows it: its settings, the tally and, once closed, the outcome."""

    def __init__(self, round_: Round):
        self._round = round_
        self.tally = services.current_tally(round_)
        detail = round_.outcome_detail or {}
        self.outcome_detail = {"reason": detail.get("reason"), "items": detail.get("items")} if detail else None
        self.explanation = (detail.get("explanation") or {}).get(current_lang()) if detail else None

    def __getattr__(self, name):
        return getattr(self._round, name)


round_view = RoundView


@blp.post("/sessions/<int:session_id>/rounds")
@api_staff_required(*RUNNERS)
@blp.arguments(RoundInSchema)
@blp.response(201, RoundOutSchema)
@blp.doc(security=STAFF)
def create_round(data, session_id):
    """Create a draft round: approve, score and impact_feasibility take one item; dots and ranking two or more."""
    session = get_or_404(Session, session_id, "session")
    round_ = _call(services.create_round, session, staff=current_actor().staff, **data)
    return round_view(round_)


@blp.get("/rounds/<int:round_id>")
@api_staff_required()
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def get_round(round_id):
    """A round with its tally (overall and by_sector) and, once closed, its outcome."""
    return round_view(get_or_404(Round, round_id, "round"))


@blp.post("/rounds/<int:round_id>/open")
@api_staff_required(*RUNNERS)
@blp.arguments(RoundOpenSchema(), location="json", required=False)
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def open_round(data, round_id):
    """Open a round for votes (the session must be live; one open round at a time)."""
    round_ = _call(services.open_round, get_or_404(Round, round_id, "round"), staff=current_actor().staff,
                   seconds=(data or {}).get("seconds"))
    from ..live.broadcast import session_changed

    session_changed(round_.session_id)
    return round_view(round_)


@blp.post("/rounds/<int:round_id>/close")
@api_staff_required(*RUNNERS)
@blp.response(200, RoundOutSchema)
@blp.doc(security=STAFF)
def close_round(round_id):
    """Close a round: the tally is frozen and the outcome computed."""
    round_ = _call(services.close_round, get_or_404(Round, round_id, "round"), staff=current_actor().staff)
    from ..live.broadcast import session_changed

    session_changed(round_.session_id)
    return round_view(round_)


@blp.post("/items/<int:item_id>/decision")
@api_staff_required(*RUNNERS)
@blp.arguments(DecisionInSchema)
@blp.response(200, DecisionOutSchema)
@blp.doc(security=STAFF)
def decide(data, item_id):
    """Record the decision on an item in a session; overriding the computed outcome needs a reason."""
    item = get_or_404(Item, item_id, "item")
    session = get_or_404(Session, data["session_id"], "session")
    decision = _call(services.record_decision, session, item, data["outcome"], data["reason"],
                     staff=current_actor().staff)
    from ..live.broadcast import session_changed

    session_changed(session.id)
    return decision
