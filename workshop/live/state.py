"""Snapshots of a session for the three audiences: phones, the projector and staff.

A client needs nothing but the latest `state` it got: every connect, reconnect and big
change (round opened or closed, item changed, decision) sends a fresh one.
"""
from __future__ import annotations

from typing import Any, Optional

from sqlalchemy import case, func, select

from ..extensions import db
from ..programmes.models import Item
from ..sessions import participants as participants_service
from ..sessions.models import SECTORS, Comment, CommentUpvote, Participant, Proposal, Session, Stakeholder
from ..util import utcnow
from ..voting import anonymity
from ..voting import services as voting
from ..voting.models import Decision, Round, Vote

AUDIENCES = ("participant", "projector", "staff")
#: How many comments a snapshot carries (pinned first, then the most up-voted).
COMMENT_LIMIT = 100


def iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None


def item_view(item: Item) -> dict[str, Any]:
    return {
        "id": item.id, "code": item.code, "kind": item.kind, "title": item.title, "title_en": item.title_en,
        "description": item.description, "description_en": item.description_en, "status": item.status,
        "axis": item.axis, "horizon": item.horizon,
    }


def current_round(session: Session) -> Optional[Round]:
    """The round on screen: the open one; else the last closed one while its item is still
    under discussion (moving to another item clears it)."""
    round_ = db.session.scalar(
        select(Round).where(Round.session_id == session.id, Round.state != "draft")
        .order_by(case((Round.state == "open", 0), else_=1), Round.opened_at.desc(), Round.id.desc()).limit(1)
    )
    if round_ is None or round_.state == "open":
        return round_
    return round_ if session.current_item_id in round_.item_ids else None


def round_view(round_: Round) -> dict[str, Any]:
    return {
        "id": round_.id, "state": round_.state, "method": round_.method,
        "items": [{"id": i.id, "code": i.code, "title": i.title, "title_en": i.title_en, "kind": i.kind}
                  for i in round_.items],
        "quorum": round_.quorum, "threshold": round_.threshold, "cross_sector": round_.is_cross_sector,
        "anonymous": round_.is_anonymous, "results": round_.results, "is_revealed": round_.is_revealed,
        "results_visible": round_.results_visible, "dots": round_.dots_budget,
        "opened_at": iso(round_.opened_at), "closed_at": iso(round_.closed_at),
        "timer_ends_at": iso(round_.timer_ends_at),
    }


def turnout(session_id: int, round_id: Optional[int]) -> dict[str, int]:
    """People joined (removed ones not counted), and votes that count in the round."""
    joined = db.session.scalar(select(func.count(Participant.id)).where(
        Participant.session_id == session_id, Participant.removed_at.is_(None)))
    voted = db.session.scalar(select(func.count(Vote.id)).join(Participant, Participant.id == Vote.participant_id)
                              .where(Vote.round_id == round_id, Participant.removed_at.is_(None))) if round_id else 0
    return {"joined": joined or 0, "voted": voted or 0}


def results_for(round_: Round, audience: str) -> Optional[dict[str, Any]]:
    """Tally and outcome as `audience` may see them now (None while hidden from it). In an
    anonymous round small sector cells are withheld for every audience, the console included."""
    if audience != "staff" and not round_.results_visible:
        return None
    counted = voting.versioned_tally(round_)
    #: `version`: the round's tally version; a screen drops a tally older than the one it shows.
    out: dict[str, Any] = {"tally": anonymity.public_tally(round_, counted.figures), "version": counted.version}
    if round_.state == "closed":
        detail = round_.outcome_detail or {}
        out["outcome"] = {"result": round_.outcome, "reason": detail.get("reason"),
                          "items": detail.get("items"),
                          "explanation": {lang: anonymity.public_explanation(round_, lang) for lang in ("es", "en")}}
    return out


def decision_view(decision: Optional[Decision]) -> Optional[dict[str, Any]]:
    """The table's decision as the room sees it."""
    if decision is None:
        return None
    return {"id": decision.id, "item_id": decision.item_id, "outcome": decision.outcome,
            "computed": decision.computed_outcome, "reason": decision.reason, "round_id": decision.round_id,
            "is_override": decision.is_override, "at": iso(decision.decided_at)}


def comment_view(comment: Comment, audience: str) -> dict[str, Any]:
    stakeholder = comment.participant.stakeholder if comment.participant else None
    view = {
        "id": comment.id, "item_id": comment.item_id, "body": comment.body, "upvotes": comment.upvotes,
        "is_pinned": comment.is_pinned, "at": iso(comment.created_at),
        "author": stakeholder.name if stakeholder else None,
        "organisation": stakeholder.organisation if stakeholder else None,
        "sector": stakeholder.sector if stakeholder else None,
    }
    if audience == "staff":
        view["is_hidden"] = comment.is_hidden
    return view


def comments(session_id: int, audience: str) -> list[dict[str, Any]]:
    stmt = select(Comment).where(Comment.session_id == session_id)
    if audience != "staff":
        stmt = stmt.where(Comment.is_hidden.is_(False))
    stmt = stmt.order_by(Comment.is_pinned.desc(), Comment.upvotes.desc(), Comment.id.desc()).limit(COMMENT_LIMIT)
    return [comment_view(c, audience) for c in db.session.scalars(stmt)]


def session_view(session: Session) -> dict[str, Any]:
    initiative = session.initiative
    return {
        "id": session.id, "title": session.title, "status": session.status, "join_code": session.join_code,
        "place": session.place, "starts_at": iso(session.starts_at),
        "initiative": {"id": initiative.id, "name": initiative.name, "name_en": initiative.name_en},
        "phase": {"number": session.phase.number, "name": session.phase.name, "name_en": session.phase.name_en},
    }


def snapshot(session: Session, audience: str) -> dict[str, Any]:
    """What every client of `audience` needs; the per-participant part is added by `for_participant`."""
    round_ = current_round(session)
    state: dict[str, Any] = {
        "audience": audience,
        "server_time": iso(utcnow()),
        "session": session_view(session),
        "item": item_view(session.current_item) if session.current_item else None,
        "round": round_view(round_) if round_ else None,
        "results": results_for(round_, audience) if round_ else None,
        #: The table's latest decision on the item under discussion: the room sees what the chair decided.
        "decision": decision_view(voting.latest_decision(session.id, session.current_item_id))
        if session.current_item_id else None,
        "turnout": turnout(session.id, round_.id if round_ else None),
        "comments": comments(session.id, audience),
    }
    if audience == "staff":
        state.update(staff_extras(session))
    return state


def staff_extras(session: Session) -> dict[str, Any]:
    """Agenda, decisions, pending proposals and the participant list, for the console."""
    decisions: dict[int, list[dict[str, Any]]] = {}
    for d in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                .order_by(Decision.decided_at, Decision.id)):
        decisions.setdefault(d.item_id, []).append(decision_view(d))
    agenda = []
    for entry in session.agenda:
        view = item_view(entry.item)
        _, view["computed_outcome"] = voting.computed_outcome(session.id, entry.item_id)
        history = decisions.get(entry.item_id, [])
        view["decision"] = history[-1] if history else None  # the latest is what counts
        view["decisions"] = history
        agenda.append(view)
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.session_id == session.id, Proposal.state == "pending").order_by(Proposal.id))
    people = db.session.execute(
        select(Participant.id, Stakeholder.name, Stakeholder.organisation, Stakeholder.sector,
               Participant.is_admitted, Participant.personal_code, Participant.removed_at)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.session_id == session.id).order_by(Participant.id)
    ).all()
    present = [p for p in people if p.removed_at is None]
    sector_counts = {sector: sum(1 for p in present if p.sector == sector) for sector in SECTORS}
    return {
        "agenda": agenda,
        "proposals": [{"id": p.id, "kind": p.kind, "title": p.title, "description": p.description,
                       "author": p.participant.stakeholder.name if p.participant else None} for p in proposals],
        "participants": [{"id": p.id, "name": p.name, "organisation": p.organisation, "sector": p.sector,
                          "admitted": p.is_admitted, "personal_code": p.personal_code}
                         for p in present],
        "possible_duplicates": participants_service.possible_duplicates(session.id),
        "requires_admission": session.requires_admission,
        #: For the console's warning: in an anonymous cross-sector round, a sector this small could
        #: be revealed by the rule itself.
        "sector_counts": sector_counts,
        "min_cell": anonymity.min_cell(),
    }


def for_participant(state: dict[str, Any], participant: Participant) -> dict[str, Any]:
    """Add what only this phone should see: who it is, its vote and its up-votes."""
    stakeholder = participant.stakeholder
    state = dict(state)
    state["me"] = {"participant_id": participant.id, "name": stakeholder.name,
                   "organisation": stakeholder.organisation, "sector": stakeholder.sector,
                   "personal_code": participant.personal_code, "admitted": participant.is_admitted}
    round_ = state["round"]
    vote = db.session.scalar(select(Vote).where(Vote.round_id == round_["id"], Vote.participant_id == participant.id)) \
        if round_ else None
    state["my_vote"] = {"round_id": vote.round_id, "value": vote.value, "client_vote_id": vote.client_vote_id} \
        if vote else None
    state["my_comments"] = list(db.session.scalars(
        select(Comment.id).where(Comment.participant_id == participant.id)))
    state["my_upvotes"] = list(db.session.scalars(
        select(CommentUpvote.comment_id).join(Comment, Comment.id == CommentUpvote.comment_id)
        .where(CommentUpvote.participant_id == participant.id, Comment.session_id == participant.session_id)))
    return state
