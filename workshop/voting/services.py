"""Rounds, votes and decisions: every write of the voting slice goes through here."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, NamedTuple, Optional

from flask import current_app
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from ..accounts.models import StaffUser
from ..extensions import db
from ..programmes.models import Item
from ..sessions.models import Decision, Event, Participant, Session, TransitionError
from ..sessions.services import SessionError, log_event
from ..util import is_id, utcnow
from . import rules
from .models import Round, RoundItem, Vote, VoteReceipt


class VotingError(SessionError):
    """A refused voting operation (same shape as SessionError)."""


def create_round(session: Session, *, item_ids: list[int], method: str, quorum: int = 0,
                 threshold: float = 0.5, cross_sector: bool = False, anonymous: bool = True,
                 results: str = "live", dots: Optional[int] = None,
                 staff: Optional[StaffUser] = None) -> Round:
    """A new draft round on items of the session's initiative."""
    if session.status == "closed":
        raise VotingError("session_closed", "This session has ended; no new rounds.", 409)
    if method == "dots" and dots is None:
        dots = 2 * len(item_ids) if item_ids else None
    try:
        rules.validate_rule(method, item_ids, rules.Rule(quorum, threshold, cross_sector), dots)
    except rules.InvalidVote as exc:
        raise VotingError(exc.code, exc.message) from exc
    if results not in ("live", "hidden"):
        raise VotingError("invalid_round", "results must be 'live' or 'hidden'.")
    found = set(db.session.scalars(select(Item.id).where(
        Item.id.in_(item_ids), Item.initiative_id == session.initiative_id, Item.is_archived.is_(False))))
    missing = [i for i in item_ids if i not in found]
    if missing:
        raise VotingError("unknown_items", "Not items of this session's initiative: %(ids)s.", 404, ids=missing)
    round_ = Round(
        session_id=session.id, method=method, quorum=quorum, threshold=threshold,
        is_cross_sector=cross_sector, is_anonymous=anonymous, results=results,
        dots_budget=dots if method == "dots" else None, state="draft",
    )
    round_.entries = [RoundItem(item_id=item_id, position=i) for i, item_id in enumerate(item_ids)]
    db.session.add(round_)
    db.session.flush()
    log_event(session.id, "round_created", staff=staff, round_id=round_.id, method=method, item_ids=item_ids)
    db.session.commit()
    return round_


def open_round(round_: Round, *, staff: Optional[StaffUser] = None, seconds: Optional[int] = None) -> Round:
    """Open a draft round in a live session; one open round per session at a time."""
    session = db.session.get(Session, round_.session_id)
    if not session.is_live:
        raise VotingError("session_not_live", "Start the session before opening a round.", 409)
    other = db.session.scalar(select(Round.id).where(
        Round.session_id == session.id, Round.state == "open", Round.id != round_.id))
    if other is not None:
        raise VotingError("round_already_open", "Round %(round)s is still open; close it first.", 409, round=other)
    try:
        round_.open()
    except TransitionError as exc:
        raise VotingError(exc.code, exc.template, 409, **exc.params) from exc
    if seconds:
        round_.timer_ends_at = utcnow() + timedelta(seconds=seconds)
    session.current_item_id = round_.entries[0].item_id
    log_event(session.id, "round_opened", staff=staff, round_id=round_.id, seconds=seconds)
    db.session.commit()
    return round_


def ballots(round_: Round) -> list[rules.Ballot]:
    """The votes that count in a round, as the rules see them."""
    rows = db.session.execute(select(Vote.sector, Vote.value).where(Vote.round_id == round_.id))
    return [rules.Ballot(sector, value) for sector, value in rows]


def current_tally(round_: Round) -> dict[str, Any]:
    """The tally of a round: frozen once closed, computed from the votes while open."""
    if round_.final_tally is not None:
        return round_.final_tally
    return rules.tally(round_.method, ballots(round_), round_.item_ids)


def outcome_of(round_: Round, tally: Optional[dict[str, Any]] = None) -> rules.Outcome:
    """The outcome the round's rule gives for its tally."""
    rule = rules.Rule(round_.quorum, round_.threshold, round_.is_cross_sector)
    return rules.decide(round_.method, tally or current_tally(round_), rule, round_.item_ids)


def freeze(round_: Round) -> dict[str, Any]:
    """Close the round with its tally and computed outcome frozen; returns the tally."""
    tally = rules.tally(round_.method, ballots(round_), round_.item_ids)
    outcome = outcome_of(round_, tally)
    detail = {
        "reason": outcome.reason, "params": outcome.params, "items": outcome.items,
        "explanation": {"es": outcome.explanation("es"), "en": outcome.explanation("en")},
    }
    round_.close(outcome.result, detail, tally)
    return tally


def close_round(round_: Round, *, staff: Optional[StaffUser] = None, commit: bool = True) -> Round:
    """Close an open round, freezing its tally and computed outcome."""
    try:
        tally = freeze(round_)
    except TransitionError as exc:
        raise VotingError(exc.code, exc.template, 409, **exc.params) from exc
    log_event(round_.session_id, "round_closed", staff=staff, round_id=round_.id,
              outcome=round_.outcome, total=tally["total"])
    if commit:
        db.session.commit()
    return round_


def close_open_rounds(session: Session, *, staff: Optional[StaffUser] = None, commit: bool = True) -> None:
    """Close every round still open in a session (when the session ends)."""
    for round_ in db.session.scalars(select(Round).where(Round.session_id == session.id, Round.state == "open")):
        close_round(round_, staff=staff, commit=False)
    if commit:
        db.session.commit()


def set_revealed(round_: Round, revealed: bool, *, staff: Optional[StaffUser] = None) -> Round:
    """Show (or hide again) a hidden round's results to participants and the projector."""
    round_.is_revealed = revealed
    log_event(round_.session_id, "results_revealed" if revealed else "results_hidden", staff=staff,
              round_id=round_.id)
    db.session.commit()
    return round_


class Voter(NamedTuple):
    """Who votes: enough of a participant to store a vote without loading it."""

    id: int
    session_id: int
    sector: str


def round_item_ids(round_id: int) -> list[int]:
    """The items of a round, in order. They never change after creation, so each app keeps them."""
    cache = current_app.extensions.setdefault("mesa.round_items", {})
    if round_id not in cache:
        cache[round_id] = list(db.session.scalars(
            select(RoundItem.item_id).where(RoundItem.round_id == round_id).order_by(RoundItem.position)))
    return cache[round_id]


def cast_vote(participant: Participant | Voter, round_id: Any, value: Any, client_vote_id: Any) -> dict[str, Any]:
    """Store a participant's vote and return the ack. Resent votes are acked and counted once;
    a new vote replaces the earlier one while the round is open.

    This is the hot path of a session (a room of phones voting at once): a few plain
    statements and one commit, with the database's unique constraints settling any race.
    """
    if not isinstance(client_vote_id, str) or not 1 <= len(client_vote_id) <= 64:
        raise VotingError("invalid_client_vote_id", "client_vote_id must be a string of 1 to 64 characters.")
    row = None
    if is_id(round_id):
        row = db.session.execute(select(Round.session_id, Round.state, Round.method, Round.dots_budget)
                                 .where(Round.id == round_id)).first()
    if row is None or row.session_id != participant.session_id:
        raise VotingError("unknown_round", "There is no such round in this session.", 404)
    ack = {"ok": True, "round_id": round_id, "client_vote_id": client_vote_id}
    already = db.session.scalar(select(VoteReceipt.id).where(
        VoteReceipt.participant_id == participant.id, VoteReceipt.client_vote_id == client_vote_id))
    if already is not None:
        return {**ack, "duplicate": True}
    if row.state != "open":
        if row.state == "closed":
            raise VotingError("round_closed", "This round is closed; the vote was not counted.", 409)
        raise VotingError("round_not_open", "This round has not opened yet.", 409)
    try:
        normalised = rules.normalise_value(row.method, value, round_item_ids(round_id), row.dots_budget)
    except rules.InvalidVote as exc:
        raise VotingError(exc.code, exc.message) from exc
    now = utcnow()
    fields = {"value": normalised, "sector": participant.sector, "client_vote_id": client_vote_id, "cast_at": now}
    existing = db.session.scalar(select(Vote.id).where(Vote.round_id == round_id,
                                                       Vote.participant_id == participant.id))
    try:
        if existing is None:
            db.session.execute(insert(Vote).values(round_id=round_id, participant_id=participant.id, **fields))
        else:
            db.session.execute(update(Vote).where(Vote.id == existing).values(**fields))
        db.session.execute(insert(VoteReceipt).values(round_id=round_id, participant_id=participant.id,
                                                      client_vote_id=client_vote_id, received_at=now))
        db.session.execute(insert(Event).values(
            session_id=row.session_id, at=now, kind="vote_changed" if existing else "vote_counted",
            actor_kind="participant", participant_id=participant.id, data={"round_id": round_id}))
        db.session.commit()
    except IntegrityError:
        # The same phone sent twice at once (or the same vote id raced): the first one stored wins.
        db.session.rollback()
        return cast_vote(participant, round_id, value, client_vote_id)
    return {**ack, "duplicate": False, "replaced": existing is not None}


def last_closed_round(session_id: int, item_id: int) -> Optional[Round]:
    """The item's most recently closed round in the session, if any."""
    return db.session.scalar(
        select(Round).join(RoundItem).where(
            Round.session_id == session_id, RoundItem.item_id == item_id, Round.state == "closed")
        .order_by(Round.closed_at.desc(), Round.id.desc()).limit(1)
    )


def computed_outcome(session_id: int, item_id: int) -> tuple[Optional[Round], Optional[str]]:
    """(round, outcome) the rules computed for an item in a session, or (None, None)."""
    round_ = last_closed_round(session_id, item_id)
    if round_ is None:
        return None, None
    return round_, (round_.outcome_detail or {}).get("items", {}).get(str(item_id), round_.outcome)


def record_decision(session: Session, item: Item, outcome: str, reason: str = "",
                    staff: Optional[StaffUser] = None) -> Decision:
    """Record the decision on an item; differing from the computed outcome needs a reason."""
    if outcome not in ("agreed", "rejected", "deferred"):
        raise VotingError("invalid_outcome", "outcome must be agreed, rejected or deferred.")
    if item.initiative_id != session.initiative_id:
        raise VotingError("unknown_item", "That item does not belong to this session's initiative.", 404)
    reason = " ".join((reason or "").split())
    if len(reason) > 2000:
        raise VotingError("invalid_reason", "The reason must be at most 2,000 characters.")
    round_, computed = computed_outcome(session.id, item.id)
    if computed is not None and computed != outcome and not reason:
        raise VotingError("reason_required",
                          "The vote gave '%(computed)s'; recording '%(outcome)s' needs a reason for the minutes.",
                          computed=computed, outcome=outcome)
    decision = db.session.scalar(select(Decision).where(Decision.session_id == session.id,
                                                        Decision.item_id == item.id))
    if decision is None:
        decision = Decision(session_id=session.id, item_id=item.id)
        db.session.add(decision)
    decision.outcome, decision.reason, decision.computed_outcome = outcome, reason, computed
    decision.round_id = round_.id if round_ else None
    decision.decided_by_id = staff.id if staff else None
    decision.decided_at = utcnow()
    item.status = outcome
    log_event(session.id, "decision", staff=staff, item_id=item.id, outcome=outcome, computed=computed,
              reason=reason, is_override=computed is not None and computed != outcome)
    db.session.commit()
    return decision


def round_in_session(round_id: Any, session_id: int) -> Round:
    """The round with this id if it belongs to the session, else a not-found refusal."""
    round_ = db.session.get(Round, round_id) if is_id(round_id) else None
    if round_ is None or round_.session_id != session_id:
        raise VotingError("unknown_round", "There is no such round in this session.", 404)
    return round_


def set_timer(round_: Round, seconds: int, staff: Optional[StaffUser] = None) -> Round:
    """Start a countdown on an open round (0 stops it); the projector and phones show it."""
    if round_.state != "open":
        raise VotingError("round_not_open", "Only an open round has a timer.", 409)
    round_.timer_ends_at = utcnow() + timedelta(seconds=seconds) if seconds else None
    log_event(round_.session_id, "timer", staff=staff, round_id=round_.id, seconds=seconds)
    db.session.commit()
    return round_
