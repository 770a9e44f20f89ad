"""Snapshots of a session for the three audiences: phones, the projector and staff.

A client needs nothing but the latest `state` it got: every connect, reconnect and big
change (round opened or closed, item changed, decision) sends a fresh one.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

from flask import current_app
from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db, socketio
from ..programmes.models import Item
from ..sessions import participants as participants_service
from ..sessions.models import (
    SECTORS,
    AgendaEntry,
    Comment,
    CommentUpvote,
    Participant,
    Proposal,
    Session,
    Stakeholder,
)
from ..util import utcnow
from ..voting import anonymity, runshow
from ..voting import services as voting
from ..voting.models import Decision, Round, RoundItem, Vote
from .presence import presence

AUDIENCES = ("participant", "projector", "staff")
#: How many comments a snapshot carries (pinned first, then the most up-voted).
COMMENT_LIMIT = 100


@contextmanager
def turn() -> Iterator[None]:
    """A socket's snapshot waits its turn: one at a time per process, and everything else that is
    ready runs before each.

    Building a snapshot never gives the event loop a chance to run anything else (SQLite and CPU,
    ~9 ms), so a reconnect storm of 1,000 phones ran 1,000 builds back to back: for 9 s no vote was
    acked and no state left (bench/suite.py, "votes during the storm"). The phone whose turn it is
    lets the loop run once before building (the acks, sends and votes that are ready go; the other
    phones' connects reach this line and wait in it), then builds, and its state leaves at once
    (no yield between the build and the send, so no newer state can overtake it).

    It first ends the caller's transaction (what it read to identify the phone): a phone waiting
    in line must not hold one of the pool's few connections, or the votes' next commit waits for a
    connection until the storm is over (it did: every vote of the storm was acked at its end)."""
    db.session.commit()
    lock = current_app.extensions.get("mesa.snapshot_turn")
    if lock is None:
        lock = current_app.extensions.setdefault("mesa.snapshot_turn", threading.RLock())
    with lock:
        socketio.sleep(0)
        yield


def iso(value) -> Optional[str]:
    return value.isoformat() if value is not None else None


def item_view(item: Item) -> dict[str, Any]:
    return {
        "id": item.id, "code": item.code, "kind": item.kind, "title": item.title, "title_en": item.title_en,
        "description": item.description, "description_en": item.description_en, "status": item.status,
        "axis": item.axis, "axis_en": item.axis_en, "horizon": item.horizon,
        # The roadmap fields the room weighs an item by (issue 10 §3): who leads it, with whom,
        # how its progress is measured and what it costs (Peruvian soles, formatted by the client).
        "lead_institution": item.lead_institution, "partners": item.partners,
        "indicator": item.indicator, "indicator_en": item.indicator_en,
        "budget_pen": item.budget_pen, "budget_source": item.budget_source,
        "budget_price_year": item.budget_price_year,
    }


def current_round(session: Session) -> Optional[Round]:
    """The round on screen: the open one; else the last closed one while its item is still
    under discussion (moving to another item clears it)."""
    round_ = db.session.scalar(
        select(Round).where(Round.session_id == session.id, Round.state != "draft")
        .options(selectinload(Round.entries).joinedload(RoundItem.item))  # its items in one statement
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
        #: 1 for the first vote on its items, 2 for a re-vote… (the phone marks a re-vote; the console says
        #: "Round 2 on this item": screens never show the database id)
        "attempt": attempt(round_),
    }


def attempt(round_: Round) -> int:
    """Which vote on the same items this round is: 1 the first, 2 a re-vote, and so on (one statement,
    whatever the number of rounds in the session)."""
    items = set(round_.item_ids)
    rows = db.session.execute(
        select(RoundItem.round_id, RoundItem.item_id).join(Round, Round.id == RoundItem.round_id)
        .where(Round.session_id == round_.session_id, Round.state != "draft", Round.id < round_.id)).all()
    earlier: dict[int, set[int]] = {}
    for round_id, item_id in rows:
        earlier.setdefault(round_id, set()).add(item_id)
    return 1 + sum(1 for ids in earlier.values() if ids == items)


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
            "is_override": decision.is_override, "at": iso(decision.decided_at),
            "merged_into": merge_target(decision)}


def merge_target(decision: Decision) -> Optional[dict[str, Any]]:
    """A merge's other item ({id, code, title, title_en}); None for other decisions. Loaded only
    for merges, which are few."""
    if decision.merged_into_id is None:
        return None
    target = decision.merged_into
    return {"id": target.id, "code": target.code, "title": target.title, "title_en": target.title_en}


def comment_view(comment: Comment, audience: str) -> dict[str, Any]:
    """A comment as `audience` sees it. An anonymous one names nobody to anybody, the console
    included: author, organisation and sector are null (the phone that wrote it knows its own ids
    from `my_comments`)."""
    stakeholder = comment.participant.stakeholder if comment.participant else None
    return _comment(comment, stakeholder.name if stakeholder else None,
                    stakeholder.organisation if stakeholder else None,
                    stakeholder.sector if stakeholder else None, audience)


def _comment(c, name: Optional[str], organisation: Optional[str], sector: Optional[str],
             audience: str) -> dict[str, Any]:
    """`comment_view` of a comment (an entity or a row with the same column names) and its author."""
    named = not c.is_anonymous
    view = {
        "id": c.id, "item_id": c.item_id, "body": c.body, "upvotes": c.upvotes, "is_pinned": c.is_pinned,
        "at": iso(c.created_at), "anonymous": c.is_anonymous,
        "author": name if named else None, "organisation": organisation if named else None,
        "sector": sector if named else None,
    }
    if audience == "staff":
        view["is_hidden"] = c.is_hidden
    return view


def comments(session_id: int, audience: str) -> list[dict[str, Any]]:
    """The session's comments as `audience` sees them: pinned first, then the most up-voted. Plain
    rows with their authors in one statement (no entities: a snapshot is built per phone connect)."""
    stmt = (select(Comment.id, Comment.item_id, Comment.body, Comment.upvotes, Comment.is_pinned,
                   Comment.created_at, Comment.is_anonymous, Comment.is_hidden,
                   Stakeholder.name, Stakeholder.organisation, Stakeholder.sector)
            .outerjoin(Participant, Participant.id == Comment.participant_id)
            .outerjoin(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
            .where(Comment.session_id == session_id))
    if audience != "staff":
        stmt = stmt.where(Comment.is_hidden.is_(False))
    stmt = stmt.order_by(Comment.is_pinned.desc(), Comment.upvotes.desc(), Comment.id.desc()).limit(COMMENT_LIMIT)
    return [_comment(row, row.name, row.organisation, row.sector, audience) for row in db.session.execute(stmt)]


def session_view(session: Session) -> dict[str, Any]:
    initiative = session.initiative
    return {
        "id": session.id, "title": session.title, "status": session.status, "join_code": session.join_code,
        "place": session.place, "starts_at": iso(session.starts_at), "invited_only": session.invited_only,
        #: Whether phones may comment anonymously (the phone shows its checkbox, the console its switch).
        "allow_anonymous_comments": session.allow_anonymous_comments,
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
    if audience in ("staff", "projector"):
        #: The run-of-show: each agenda item's plan and time budget, the next step of the one key,
        #: `next_item_id` (what comes next), the session clock and the projector's mode.
        state["run_of_show"] = runshow.run_of_show(session)
    if audience == "staff":
        state.update(staff_extras(session))
    elif audience == "participant":
        state["agenda"] = public_agenda(session)
    elif audience == "projector":
        state.update(projector_extras(session))
    return state


def _people():
    """The console's view of the present participants (removed ones are on record, not in the room)."""
    return (select(Participant.id, Stakeholder.name, Stakeholder.organisation, Stakeholder.sector,
                   Participant.is_admitted, Participant.personal_code)
            .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
            .where(Participant.removed_at.is_(None)).order_by(Participant.id))


def _person(row) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "organisation": row.organisation, "sector": row.sector,
            "admitted": row.is_admitted, "personal_code": row.personal_code}


def participant_view(session_id: int, participant_id: int) -> Optional[dict[str, Any]]:
    """One present participant as the console lists them (None: not present in that session)."""
    row = db.session.execute(_people().where(Participant.session_id == session_id,
                                             Participant.id == participant_id)).first()
    return {**_person(row), "online": row.id in presence().online(session_id)} if row else None


def public_agenda(session: Session) -> list[dict[str, Any]]:
    """The agenda as a phone shows it: each item (with its roadmap fields) and the table's latest
    decision on it, if any."""
    latest: dict[int, Decision] = {}
    for d in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                .order_by(Decision.decided_at, Decision.id)):
        latest[d.item_id] = d
    entries = db.session.scalars(select(AgendaEntry).where(AgendaEntry.session_id == session.id)
                                 .options(joinedload(AgendaEntry.item)).order_by(AgendaEntry.position))
    return [{**item_view(entry.item), "outcome": latest[entry.item_id].outcome if entry.item_id in latest else None}
            for entry in entries]


def item_brief(item: Item) -> dict[str, Any]:
    """An item as a line of a list: its code, kind and title."""
    return {"id": item.id, "code": item.code, "kind": item.kind, "title": item.title, "title_en": item.title_en}


def joined_by_sector(session_id: int) -> dict[str, int]:
    """People in the room per sector (removed ones not counted), every sector named."""
    rows = db.session.execute(
        select(Stakeholder.sector, func.count(Participant.id))
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Participant.session_id == session_id, Participant.removed_at.is_(None))
        .group_by(Stakeholder.sector)).all()
    counts = {sector: 0 for sector in SECTORS}
    for sector, n in rows:
        if sector in counts:
            counts[sector] = n
    return counts


#: How many agenda items the projector's "what comes next" lists.
UPCOMING_LIMIT = 3


def projector_extras(session: Session) -> dict[str, Any]:
    """What the room's screen shows between the votes (three queries, whatever the agenda's size):

    - `decisions`: the table's latest decision on each agenda item decided so far, in agenda
      order — the board between items and the closing summary;
    - `upcoming`: the next agenda items not decided yet, after the one under discussion (or from
      the top when none is), at most UPCOMING_LIMIT;
    - `agenda_total`: how many items the agenda has;
    - `joined_by_sector`: people in the room per sector, for the join screen.
    """
    entries = db.session.execute(
        select(Item).join(AgendaEntry, AgendaEntry.item_id == Item.id)
        .where(AgendaEntry.session_id == session.id).order_by(AgendaEntry.position, AgendaEntry.id)).scalars().all()
    latest: dict[int, Decision] = {}
    for decision in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                       .order_by(Decision.decided_at, Decision.id)):
        latest[decision.item_id] = decision  # the latest is what counts
    decisions = []
    for item in entries:
        decision = latest.get(item.id)
        if decision is not None:
            decisions.append({**item_brief(item), "item_id": item.id, "outcome": decision.outcome,
                              "reason": decision.reason, "at": iso(decision.decided_at),
                              "merged_into": merge_target(decision)})
    ids = [item.id for item in entries]
    start = ids.index(session.current_item_id) + 1 if session.current_item_id in ids else 0
    upcoming = [item_brief(item) for item in entries[start:] if item.id not in latest][:UPCOMING_LIMIT]
    return {"decisions": decisions, "upcoming": upcoming, "agenda_total": len(entries),
            "joined_by_sector": joined_by_sector(session.id)}


def staff_extras(session: Session) -> dict[str, Any]:
    """Agenda, decisions, pending proposals and the participant list, for the console."""
    decisions: dict[int, list[dict[str, Any]]] = {}
    for d in db.session.scalars(select(Decision).where(Decision.session_id == session.id)
                                .order_by(Decision.decided_at, Decision.id)):
        decisions.setdefault(d.item_id, []).append(decision_view(d))
    agenda = []
    computed = voting.computed_outcomes(session.id)
    entries = db.session.scalars(select(AgendaEntry).where(AgendaEntry.session_id == session.id)
                                 .options(joinedload(AgendaEntry.item)).order_by(AgendaEntry.position))
    for entry in entries:
        view = item_view(entry.item)
        view["computed_outcome"] = computed.get(entry.item_id, (None, None))[1]
        history = decisions.get(entry.item_id, [])
        view["decision"] = history[-1] if history else None  # the latest is what counts
        view["decisions"] = history
        agenda.append(view)
    proposals = db.session.scalars(
        select(Proposal).where(Proposal.session_id == session.id, Proposal.state == "pending")
        .options(joinedload(Proposal.participant).joinedload(Participant.stakeholder)).order_by(Proposal.id))
    present = db.session.execute(_people().where(Participant.session_id == session.id)).all()
    online = presence().online(session.id)
    sector_counts = {sector: sum(1 for p in present if p.sector == sector) for sector in SECTORS}
    return {
        "agenda": agenda,
        "proposals": [{"id": p.id, "kind": p.kind, "title": p.title, "description": p.description,
                       "author": p.participant.stakeholder.name if p.participant else None} for p in proposals],
        "participants": [{**_person(p), "online": p.id in online} for p in present],
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
                   "personal_code": participant.personal_code, "admitted": participant.is_admitted,
                   "registered": stakeholder.is_registered}
    round_ = state["round"]
    vote = db.session.scalar(select(Vote).where(Vote.round_id == round_["id"], Vote.participant_id == participant.id)) \
        if round_ else None
    state["my_vote"] = {"round_id": vote.round_id, "value": vote.value, "client_vote_id": vote.client_vote_id} \
        if vote else None
    mine = db.session.scalars(select(Comment).where(Comment.participant_id == participant.id)
                              .order_by(Comment.id)).all()
    state["my_comments"] = [c.id for c in mine]
    # what became of what this person sent: proposals accepted (or merged) or declined, comments hidden
    state["my_proposals"] = [
        {"id": p.id, "title": p.title, "kind": p.kind, "state": proposal_outcome(p)}
        for p in db.session.scalars(select(Proposal).where(Proposal.participant_id == participant.id)
                                    .order_by(Proposal.id))]
    state["my_hidden_comments"] = [
        {"id": c.id, "item_id": c.item_id, "body": c.body, "at": iso(c.created_at)}
        for c in mine if c.is_hidden]
    state["my_upvotes"] = list(db.session.scalars(
        select(CommentUpvote.comment_id).join(Comment, Comment.id == CommentUpvote.comment_id)
        .where(CommentUpvote.participant_id == participant.id, Comment.session_id == participant.session_id)))
    return state


def proposal_outcome(proposal: Proposal) -> str:
    """pending, accepted, merged (accepted, then merged into another item) or rejected."""
    if proposal.state == "accepted" and proposal.item_id:
        item = db.session.get(Item, proposal.item_id)
        if item is not None and item.status == "merged":
            return "merged"
    return proposal.state
