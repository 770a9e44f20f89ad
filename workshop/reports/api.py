"""API: programme statistics, the programme's item search and the phase pipeline."""
from __future__ import annotations

from flask import Response, request

from ..accounts.auth import api_staff_required, current_actor
from ..accounts.permissions import require_steer
from ..api.core import STAFF, Blueprint, get_or_404
from ..extensions import db
from ..programmes.models import Initiative, Programme
from ..refusals import NotFound
from ..sessions.models import Session
from . import pipeline
from .schemas import FromPhaseInSchema, FromPhaseOutSchema, ItemSearchOutSchema, ItemSearchQuerySchema
from .search import find
from .stats import programme_stats, stats_json

blp = Blueprint("api_reports", __name__, description="Programme statistics, item search and the phase pipeline")


@blp.get("/programmes/<int:programme_id>/stats")
@blp.response(200)
def stats(programme_id):
    """Sessions (total, closed, live, held…), distinct people and organisations by sector, items by kind
    and status, the agreed items' budget (soles, with the years of its prices), overall and per
    initiative; each initiative lists its phases with their sessions (date, place, participants by
    sector, votes cast, items agreed): the dashboard's initiatives × phases matrix. The answer
    carries an ETag: sent back in If-None-Match, an unchanged answer is a bare 304 (the dashboard
    polls this)."""
    body, etag = stats_json(programme_stats(get_or_404(Programme, programme_id, "programme")))
    response = Response(body, mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


@blp.get("/programmes/<int:programme_id>/items")
@api_staff_required()
@blp.arguments(ItemSearchQuerySchema, location="query")
@blp.response(200, ItemSearchOutSchema)
@blp.doc(security=STAFF)
def search_items(query, programme_id):
    """Find the programme's items (archived ones left out) by initiative, kind, status, axis, horizon,
    lead institution and words (`q`: every word must appear; case and accents ignored)."""
    programme = get_or_404(Programme, programme_id, "programme")
    if query.get("initiative") is not None:
        initiative = db.session.get(Initiative, query["initiative"])
        if initiative is None or initiative.programme_id != programme.id:
            raise NotFound("unknown_initiative", "No initiative %(id)s in this programme.", id=query["initiative"])
    found = find(programme, query)
    for item in found.items:
        item.initiative  # noqa: B018 - loaded for the schema
    return {"total": found.total, "truncated": found.truncated, "items": found.items}


@blp.post("/sessions/<int:session_id>/agenda/from-phase")
@api_staff_required()
@blp.arguments(FromPhaseInSchema(), location="json", required=False)
@blp.response(200, FromPhaseOutSchema)
@blp.doc(security=STAFF)
def agenda_from_phase(data, session_id):
    """Bring the items agreed in an earlier phase of the initiative (`phase`, default the one just
    before the session's; with `include_deferred`, the deferred ones too) onto this draft or scheduled
    session's agenda, after what is there. Items already on it are skipped, so repeating the call
    changes nothing. A live or closed session is refused (409)."""
    session = get_or_404(Session, session_id, "session")
    require_steer(current_actor().staff, session)
    data = data or {}
    return pipeline.bring_from_phase(session, phase=data.get("phase"),
                                     include_deferred=data.get("include_deferred", False),
                                     staff=current_actor().staff)
