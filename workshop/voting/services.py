"""Rounds, votes and decisions: every write of the voting slice goes through here.

Concurrency (every database and async mode): the database keeps the invariants, not the
process. At most one open round per session is a partial unique index; a round opens and
closes with a conditional UPDATE (`WHERE state = …`), and the close reads the ballots only
after that UPDATE, in the same transaction; a vote is written only `WHERE` its round is still
open and its countdown has not ended (and on PostgreSQL under a share lock on the round row,
which the close's UPDATE waits for). So every vote acked `ok` is in the frozen tally, and a vote
that loses the race is refused.
"""
from __future__ import annotations

import time
from datetime import timedelta
from typing import Any, NamedTuple, Optional

from flask import current_app
from sqlalchemy import bindparam, event, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import aliased, selectinload
from sqlalchemy.pool import Pool

from .. import offload, signals, storage
from ..accounts.models import StaffUser
from ..eventlog import Event, log_event
from ..extensions import SQLITE_BUSY_TIMEOUT_MS, db
from ..programmes.models import Item
from ..refusals import Conflict, NotFound, Refusal
from ..sessions.models import Participant, Session, Stakeholder
from ..util import is_id, utcnow
from . import rules, tallies
from .models import DECISION_OUTCOMES, Decision, Round, RoundItem, Vote, VoteReceipt

#: How often a write that lost a race (a unique constraint, a lock) is tried again.
RETRIES = 3


def create_round(session: Session, *, item_ids: list[int], method: str, quorum: int = 0,
                 threshold: float = 0.5, cross_sector: bool = False, anonymous: bool = True,
                 results: str = "live", dots: Optional[int] = None,
                 staff: Optional[StaffUser] = None, open_now: bool = False,
                 seconds: Optional[int] = None) -> Round:
    """A new round on items of the session's initiative: a draft, or opened at once (`open_now`).

    Opening at once is one transaction: if the round cannot open, no draft is left behind.
    """
    if session.status == "closed":
        raise Conflict("session_closed", "This session has ended; no new rounds.")
    if method == "dots" and dots is None:
        dots = 2 * len(item_ids) if item_ids else None
    rules.validate_rule(method, item_ids, rules.Rule(quorum, threshold, cross_sector), dots)
    if results not in ("live", "hidden"):
        raise Refusal("invalid_round", "results must be 'live' or 'hidden'.")
    found = set(db.session.scalars(select(Item.id).where(
        Item.id.in_(item_ids), Item.initiative_id == session.initiative_id, Item.is_archived.is_(False))))
    missing = [i for i in item_ids if i not in found]
    if missing:
        raise NotFound("unknown_items", "Not items of this session's initiative: %(ids)s.", ids=missing)
    merged = db.session.scalars(select(Item.code).where(Item.id.in_(item_ids), Item.merged_into_id.is_not(None))).all()
    if merged:
        raise Conflict("item_merged", "Merged into another item, so no longer voted on: %(codes)s.",
                       codes=", ".join(sorted(c or "?" for c in merged)))
    round_ = Round(
        session_id=session.id, method=method, quorum=quorum, threshold=threshold,
        is_cross_sector=cross_sector, is_anonymous=anonymous, results=results,
        dots_budget=dots if method == "dots" else None, state="draft",
    )
    round_.entries = [RoundItem(item_id=item_id, position=i) for i, item_id in enumerate(item_ids)]
    db.session.add(round_)
    db.session.flush()
    log_event(session.id, "round_created", staff=staff, round_id=round_.id, method=method, item_ids=item_ids)
    if open_now:
        _open(round_, session, staff, seconds)  # refuses → the caller's rollback drops the draft too
    _commit_or_refuse_second_open()
    if open_now:
        signals.round_changed.send(session.id, round_id=round_.id, change="opened")
    return round_


def _second_open() -> Conflict:
    return Conflict("round_already_open", "Another round of this session is open; close it first.")


def _commit_or_refuse_second_open() -> None:
    try:
        db.session.commit()
    except IntegrityError as exc:  # uq_rounds_one_open_per_session: another round opened meanwhile
        db.session.rollback()
        raise _second_open() from exc


def _open(round_: Round, session: Session, staff: Optional[StaffUser], seconds: Optional[int]) -> None:
    if not session.is_live:
        raise Conflict("session_not_live", "Start the session before opening a round.")
    other = db.session.scalar(select(Round.id).where(
        Round.session_id == session.id, Round.state == "open", Round.id != round_.id))
    if other is not None:
        raise _second_open()
    if seconds is not None and not 5 <= seconds <= 3600:
        raise Refusal("invalid_seconds", "seconds must be between 5 and 3600.")
    now = utcnow()
    deadline = now + timedelta(seconds=seconds) if seconds else None
    try:
        opened = db.session.execute(
            update(Round).where(Round.id == round_.id, Round.state == "draft")
            .values(state="open", opened_at=now, timer_ends_at=deadline)
            .execution_options(synchronize_session=False)).rowcount
    except IntegrityError as exc:  # uq_rounds_one_open_per_session: another round opened meanwhile
        db.session.rollback()
        raise _second_open() from exc
    if not opened:
        db.session.refresh(round_)
        raise Conflict("round_not_draft", "This round is %(state)s; only a new round opens.", state=round_.state)
    db.session.refresh(round_)
    if session.current_item_id not in round_.item_ids:
        session.current_item_id = round_.entries[0].item_id
        session.current_item_since = now
    log_event(session.id, "round_opened", staff=staff, round_id=round_.id, seconds=seconds)


def open_round(round_: Round, *, staff: Optional[StaffUser] = None, seconds: Optional[int] = None) -> Round:
    """Open a draft round in a live session (optionally with a countdown that closes it)."""
    _open(round_, db.session.get(Session, round_.session_id), staff, seconds)
    _commit_or_refuse_second_open()
    signals.round_changed.send(round_.session_id, round_id=round_.id, change="opened")
    return round_


def ballots(round_id: int) -> list[rules.Ballot]:
    """The votes that count in a round, as the rules see them (removed participants' excluded)."""
    rows = db.session.execute(
        select(Vote.sector, Vote.value).join(Participant, Participant.id == Vote.participant_id)
        .where(Vote.round_id == round_id, Participant.removed_at.is_(None)))
    return [rules.Ballot(sector, value) for sector, value in rows]


def current_tally(round_: Round) -> dict[str, Any]:
    """The tally of a round: frozen once closed; while open, this process's in-memory tally of it
    (read again from the votes when the round's tally version moved on without it)."""
    return versioned_tally(round_).figures


def versioned_tally(round_: Round) -> tallies.Counted:
    """The round's tally with its version and the number of votes that count in it."""
    if round_.final_tally is not None:
        return tallies.Counted(round_.tally_version or 0, round_.final_tally, round_.final_tally.get("total", 0))
    return tallies.current(round_.id, round_.tally_version or 0, round_.method, round_item_ids(round_.id))


def outcome_of(round_: Round, tally: Optional[dict[str, Any]] = None) -> rules.Outcome:
    """The outcome the round's rule gives for its tally."""
    rule = rules.Rule(round_.quorum, round_.threshold, round_.is_cross_sector)
    return rules.decide(round_.method, tally or current_tally(round_), rule, round_.item_ids)


def _outcome_fields(round_: Round, tally: dict[str, Any]) -> dict[str, Any]:
    outcome = outcome_of(round_, tally)
    detail = {
        "reason": outcome.reason, "params": outcome.params, "items": outcome.items,
        "explanation": {"es": outcome.explanation("es"), "en": outcome.explanation("en")},
    }
    return {"outcome": outcome.result, "outcome_detail": detail, "final_tally": tally}


def _close(round_: Round, staff: Optional[StaffUser], reason: str = "staff") -> bool:
    """Close in the current transaction; False when the round was not open (someone else closed it)."""
    now = utcnow()
    # 1. Stop the votes: the conditional UPDATE takes the row (PostgreSQL waits for every vote
    #    holding its share lock; SQLite for the writer). Placeholder outcome, replaced below.
    closed = db.session.execute(
        update(Round).where(Round.id == round_.id, Round.state == "open")
        .values(state="closed", closed_at=now, outcome="no_quorum", tally_version=Round.tally_version + 1)
        .execution_options(synchronize_session=False)).rowcount
    if not closed:
        return False
    # 2. Only now read the ballots: every vote that was acked is committed and visible.
    db.session.refresh(round_)
    tally = rules.tally(round_.method, ballots(round_.id), round_.item_ids)
    for key, value in _outcome_fields(round_, tally).items():
        setattr(round_, key, value)
    log_event(round_.session_id, "round_closed", staff=staff, round_id=round_.id, outcome=round_.outcome,
              total=tally["total"], by=reason)
    return True


def close_round(round_: Round, *, staff: Optional[StaffUser] = None, commit: bool = True,
                reason: str = "staff") -> Round:
    """Close an open round, freezing its tally and computed outcome."""
    if not _close(round_, staff, reason):
        db.session.rollback()
        db.session.refresh(round_)
        raise Conflict("round_not_open", "This round is %(state)s; only an open round closes.", state=round_.state)
    if commit:
        db.session.commit()
        signals.round_changed.send(round_.session_id, round_id=round_.id, change="closed")
    return round_


def close_open_rounds(session_id: int, *, staff: Optional[StaffUser] = None) -> None:
    """Close every round still open in a session, in the caller's transaction (the session ends)."""
    for round_ in db.session.scalars(select(Round).where(Round.session_id == session_id, Round.state == "open")):
        _close(round_, staff, "session_ended")


def close_due_rounds() -> list[int]:
    """Close every open round whose countdown has ended; returns their ids. Safe in every process
    at once: the conditional UPDATE lets exactly one of them close each round."""
    due = db.session.scalars(select(Round).where(Round.state == "open", Round.timer_ends_at.is_not(None),
                                                 Round.timer_ends_at <= utcnow())).all()
    closed = []
    for round_ in due:
        if _close(round_, None, "timer"):
            db.session.commit()
            closed.append(round_.id)
            signals.round_changed.send(round_.session_id, round_id=round_.id, change="closed")
        else:
            db.session.rollback()
    db.session.commit()  # end the read transaction
    return closed


def rounds_counting_down() -> int:
    """How many open rounds have a countdown running (the clock stops at zero)."""
    count = db.session.scalar(select(func.count(Round.id)).where(Round.state == "open",
                                                                Round.timer_ends_at.is_not(None)))
    db.session.commit()
    return count or 0


def set_revealed(round_: Round, revealed: bool, *, staff: Optional[StaffUser] = None) -> Round:
    """Show (or hide again) a hidden round's results to participants and the projector."""
    round_.is_revealed = revealed
    log_event(round_.session_id, "results_revealed" if revealed else "results_hidden", staff=staff,
              round_id=round_.id)
    db.session.commit()
    signals.round_changed.send(round_.session_id, round_id=round_.id, change="revealed")
    return round_


def set_timer(round_: Round, seconds: int, staff: Optional[StaffUser] = None) -> Round:
    """Start a countdown on an open round (0 stops it); when it ends the round closes by itself."""
    if not isinstance(seconds, int) or not 0 <= seconds <= 3600:
        raise Refusal("invalid_seconds", "seconds must be between 0 and 3600.")
    deadline = utcnow() + timedelta(seconds=seconds) if seconds else None
    changed = db.session.execute(
        update(Round).where(Round.id == round_.id, Round.state == "open").values(timer_ends_at=deadline)
        .execution_options(synchronize_session=False)).rowcount
    if not changed:
        db.session.rollback()
        raise Conflict("round_not_open", "Only an open round has a timer.")
    log_event(round_.session_id, "timer", staff=staff, round_id=round_.id, seconds=seconds)
    db.session.commit()
    db.session.refresh(round_)
    signals.round_changed.send(round_.session_id, round_id=round_.id, change="timer")
    return round_


class Voter(NamedTuple):
    """Who votes: enough of a participant to store a vote without loading it."""

    id: int
    session_id: int
    sector: str
    #: The SHA-256 of the token the phone connected with; when given, the vote is refused once the
    #: participant's token changed (the person moved to a new phone with their personal code).
    token_hash: Optional[str] = None


def round_item_ids(round_id: int) -> list[int]:
    """The items of a round, in order. They never change after creation, so each app keeps them."""
    cache = current_app.extensions.setdefault("mesa.round_items", {})
    if round_id not in cache:
        cache[round_id] = list(db.session.scalars(
            select(RoundItem.item_id).where(RoundItem.round_id == round_id).order_by(RoundItem.position)))
    return cache[round_id]


def _vote_refusal(state: str, timer_ends_at) -> Refusal:
    if state == "open" and timer_ends_at is not None and timer_ends_at <= utcnow():
        return Conflict("time_up", "Time is up for this round; the vote was not counted.")
    if state == "closed":
        return Conflict("round_closed", "This round is closed; the vote was not counted.")
    return Conflict("round_not_open", "This round has not opened yet.")


class VoteRequest(NamedTuple):
    """One vote as a phone sent it, waiting for its group's commit."""

    voter: Participant | Voter
    round_id: Any
    value: Any
    client_vote_id: Any


#: The most votes one group commit takes (a bigger group waits for the next commit).
GROUP_LIMIT = 500


class _VoteStatements:
    """The vote path's statements, built once with bound parameters: building and keying a statement
    costs more than running it, and a room of phones runs these thousands of times a minute. Core
    tables, not the ORM entities: executed with a list of parameters, they are one executemany."""

    def __init__(self):
        rounds, votes, receipts, events = Round.__table__, Vote.__table__, VoteReceipt.__table__, Event.__table__
        participants, stakeholders = Participant.__table__, Stakeholder.__table__
        rids, pids = bindparam("rids", expanding=True), bindparam("pids", expanding=True)
        rid, now = bindparam("rid"), bindparam("now", type_=rounds.c.timer_ends_at.type)
        sessions = Session.__table__
        self.rounds = (select(rounds.c.id, rounds.c.session_id, rounds.c.state, rounds.c.method,
                              rounds.c.dots_budget, rounds.c.timer_ends_at, sessions.c.invited_only)
                       .join_from(rounds, sessions, sessions.c.id == rounds.c.session_id)
                       .where(rounds.c.id.in_(rids)))
        # The round's row taken for the group's transaction, only while the round is open and its
        # countdown has not ended: a close (its own conditional UPDATE of this row) waits for the
        # commit on PostgreSQL and for the writer on SQLite, so every vote of the group is in the
        # frozen tally, or the group saw the round closed. The version tells the screens and the
        # in-memory tallies which commit they show.
        self.take_round = (
            update(rounds).where(rounds.c.id == rid, rounds.c.state == "open",
                                 or_(rounds.c.timer_ends_at.is_(None), rounds.c.timer_ends_at > now))
            .values(tally_version=rounds.c.tally_version + 1).returning(rounds.c.tally_version))
        self.state = select(rounds.c.state, rounds.c.timer_ends_at).where(rounds.c.id == rid)
        # The voters' state and sector come from the database, not the socket: a facilitator may have
        # removed them or corrected their sector since they connected (in any process).
        self.people = (
            select(participants.c.id, participants.c.removed_at, participants.c.is_admitted,
                   participants.c.token_hash, stakeholders.c.sector, stakeholders.c.registered_at)
            .join_from(participants, stakeholders, stakeholders.c.id == participants.c.stakeholder_id)
            .where(participants.c.id.in_(pids)))
        # Supersets (every pair of the rounds × voters), filtered in Python: one statement each.
        self.receipts = select(receipts.c.round_id, receipts.c.participant_id, receipts.c.client_vote_id).where(
            receipts.c.round_id.in_(rids), receipts.c.participant_id.in_(pids),
            receipts.c.client_vote_id.in_(bindparam("cvids", expanding=True)))
        self.existing = select(votes.c.round_id, votes.c.participant_id).where(
            votes.c.round_id.in_(rids), votes.c.participant_id.in_(pids))
        columns = votes.c
        self.replace = update(votes).where(columns.round_id == bindparam("b_rid"),
                                           columns.participant_id == bindparam("b_pid")).values(
            value=bindparam("value", type_=columns.value.type), sector=bindparam("sector"),
            client_vote_id=bindparam("client_vote_id"), cast_at=bindparam("cast_at", type_=columns.cast_at.type))
        self.insert = insert(votes)
        self.store_receipts = insert(receipts)
        self.log = insert(events)


_STATEMENTS: Optional[_VoteStatements] = None


def _statements() -> _VoteStatements:
    global _STATEMENTS
    if _STATEMENTS is None:
        _STATEMENTS = _VoteStatements()
    return _STATEMENTS


def cast_vote(participant: Participant | Voter, round_id: Any, value: Any, client_vote_id: Any) -> dict[str, Any]:
    """Store one participant's vote and return the ack, or raise its refusal: `cast_votes` with a
    group of one."""
    result = cast_votes([VoteRequest(participant, round_id, value, client_vote_id)])[0]
    if isinstance(result, Refusal):
        raise result
    return result


def cast_votes(requests: list[VoteRequest]) -> list[dict[str, Any] | Refusal]:
    """Store a group of votes in one transaction and one commit; each vote's ack, or its refusal,
    in the order given. This is the hot path of a session (a room of phones voting at once), and
    acked still means durable: an ack is returned only after the commit that holds its vote.

    Each vote is checked before anything is written, so a refused vote (a closed round, a bad
    value, a removed voter) gets its refusal and the others are stored. A vote resent with the
    same client_vote_id in the same round is acked and counted once (also within one group); a
    new vote replaces the voter's earlier one while the round is open (the last of a group
    wins). Refused (and nothing stored) once the round is closed or its countdown has ended.

    The whole group is tried again when a lock timed out, the same voter's vote raced in from
    another process, or the database connection dropped (a restart, a failover): the receipts make a
    retry after a commit whose answer was lost an ack of the stored votes. A full disk or a
    read-only database is not retried: it raises, and so does a bug (the caller may try the
    group's votes one by one, so that one bad vote does not sink the others).
    """
    requests = list(requests)
    attempt, waited_since = 0, None
    while True:
        try:
            results, versions = _cast_votes(requests)
            break
        except (IntegrityError, OperationalError) as exc:
            db.session.rollback()
            if storage.lasting(exc):
                raise
            if _locked_elsewhere(exc):  # SQLite, another process writing: wait without blocking the loop
                waited_since = waited_since or time.monotonic()
                if time.monotonic() - waited_since < LOCK_WAIT:
                    time.sleep(min(0.2, 0.005 * 2 ** min(attempt, 6)))  # green under eventlet and gevent
                    attempt += 1
                    continue
                attempt = RETRIES
            if attempt >= RETRIES:
                if storage.classify(exc):
                    raise
                busy = Conflict("busy", "The server is busy; your phone will send the vote again.", 503)
                return [busy for _ in requests]
            attempt += 1
        except BaseException:
            db.session.rollback()
            raise
    for round_id, (session_id, version, ballots) in versions.items():
        tallies.committed(round_id, version, ballots)
        if ballots:
            signals.vote_counted.send(session_id, round_id=round_id)
    return results


#: How long a group of votes waits for SQLite's write lock while another process holds it (seconds),
#: as the connection's busy_timeout would, but in green sleeps.
LOCK_WAIT = 10.0
#: The connection's flag: its busy_timeout was set to 0 for a group of votes (reset at check-in).
_NO_WAIT = "mesa.no_busy_wait"


def _wait_green(session) -> None:
    """Under eventlet or gevent on SQLite, SQLite's busy_timeout would wait for another process's
    write lock inside the event loop's thread, freezing every socket of the process (15 s of lock
    stalled every ack for 14 s). The group's connection fails at once instead (busy_timeout 0), and
    `cast_votes` waits in green sleeps; the connection gets its wait back when it returns to the pool."""
    if session.get_bind().dialect.name != "sqlite" or offload.mode() == "threading":
        return
    connection = session.connection()
    record = connection.connection.info
    if not record.get(_NO_WAIT):
        connection.exec_driver_sql("PRAGMA busy_timeout = 0")
        record[_NO_WAIT] = True


@event.listens_for(Pool, "checkin")
def _restore_busy_wait(dbapi_connection, record) -> None:
    if dbapi_connection is not None and record is not None and record.info.pop(_NO_WAIT, False):
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()


def _locked_elsewhere(exc: BaseException) -> bool:
    """SQLite's "database is locked" (SQLITE_BUSY, also a stale snapshot in WAL mode)."""
    code = getattr(getattr(exc, "orig", None), "sqlite_errorcode", None)
    return code is not None and code & 0xFF == 5


def _refusal_of_voter(person, voter, invited_only: bool = False) -> Optional[Refusal]:
    if person.removed_at is not None:
        return Refusal("participant_removed", "The facilitator removed you from this session; your vote was not "
                       "counted.", 403)
    if getattr(voter, "token_hash", None) and person.token_hash != voter.token_hash:
        return Refusal("signed_out", "You continued on another phone; this one no longer votes.", 401)
    if not person.is_admitted:
        return Refusal("not_admitted", "The facilitator has not admitted you yet; your vote was not counted.", 403)
    if invited_only and person.registered_at is None:  # an invited-only session: the registry votes
        return Refusal("invited_only", "Only invited participants vote in this session; you can follow it and "
                       "comment.", 403)
    return None


def _cast_votes(requests: list[VoteRequest]):
    """One attempt: (results, {round_id: (session_id, new version, [(participant_id, Ballot)])})."""
    results: list[Any] = [None] * len(requests)
    unknown = NotFound("unknown_round", "There is no such round in this session.")
    todo = []
    for i, request in enumerate(requests):
        cvid = request.client_vote_id
        if not isinstance(cvid, str) or not 1 <= len(cvid) <= 64:
            results[i] = Refusal("invalid_client_vote_id", "client_vote_id must be a string of 1 to 64 characters.")
        elif not is_id(request.round_id):
            results[i] = unknown
        else:
            todo.append(i)
    if not todo:
        return results, {}
    sql, session, now = _statements(), db.session, utcnow()
    _wait_green(session)
    rounds = {row.id: row for row in session.execute(sql.rounds, {"rids": sorted({requests[i].round_id
                                                                                  for i in todo})})}
    # Take the rounds this group may write to, in id order (two groups never wait for each other
    # in a circle); a round that is not open any more is refused below with its state.
    wanted = sorted({requests[i].round_id for i in todo if requests[i].round_id in rounds
                     and rounds[requests[i].round_id].session_id == requests[i].voter.session_id})
    taken: dict[int, int] = {}
    for round_id in wanted:
        version = session.execute(sql.take_round, {"rid": round_id, "now": now}).scalar()
        if version is not None:
            taken[round_id] = version
    pids = sorted({requests[i].voter.id for i in todo})
    people = {row.id: row for row in session.execute(sql.people, {"pids": pids})}
    rids = sorted(taken)
    receipts = {tuple(row) for row in session.execute(sql.receipts, {"rids": rids, "pids": pids, "cvids": sorted(
        {requests[i].client_vote_id for i in todo})})} if rids else set()
    existing = {tuple(row) for row in session.execute(sql.existing, {"rids": rids, "pids": pids})} if rids else set()
    closed: dict[int, Refusal] = {}
    stored: dict[tuple[int, int], dict[str, Any]] = {}  # the last vote of each voter in each round
    new_receipts, log_rows = [], []
    for i in todo:
        request = requests[i]
        round_id, voter, cvid = request.round_id, request.voter, request.client_vote_id
        row, person = rounds.get(round_id), people.get(voter.id)
        if row is None or person is None or row.session_id != voter.session_id:
            results[i] = unknown
            continue
        refusal = _refusal_of_voter(person, voter, row.invited_only)
        if refusal is not None:
            results[i] = refusal
            continue
        ack = {"ok": True, "round_id": round_id, "client_vote_id": cvid}
        key = (round_id, voter.id, cvid)
        if key in receipts:
            results[i] = {**ack, "duplicate": True}
            continue
        if round_id not in taken:
            if round_id not in closed:
                state, deadline = session.execute(sql.state, {"rid": round_id}).one()
                closed[round_id] = _vote_refusal(state, deadline)
            results[i] = closed[round_id]
            continue
        try:
            value = rules.normalise_value(row.method, request.value, round_item_ids(round_id), row.dots_budget)
        except rules.InvalidVote as exc:
            results[i] = exc
            continue
        pair = (round_id, voter.id)
        replaced = pair in existing or pair in stored
        receipts.add(key)
        stored[pair] = {"round_id": round_id, "participant_id": voter.id, "value": value, "sector": person.sector,
                        "client_vote_id": cvid, "cast_at": now}
        new_receipts.append({"round_id": round_id, "participant_id": voter.id, "client_vote_id": cvid,
                             "received_at": now})
        log_rows.append({"session_id": row.session_id, "at": now, "kind": "vote_changed" if replaced else
                         "vote_counted", "actor_kind": "participant", "participant_id": voter.id,
                         "data": {"round_id": round_id}})
        results[i] = {**ack, "duplicate": False, "replaced": replaced}
    if not stored:  # every vote refused or a repeat: the rounds' versions stay, nothing changes
        session.rollback()
        return results, {}
    connection = session.connection()
    updates = [{**v, "b_rid": v["round_id"], "b_pid": v["participant_id"]} for pair, v in stored.items()
               if pair in existing]
    inserts = [v for pair, v in stored.items() if pair not in existing]
    if updates:
        connection.execute(sql.replace, updates)
    if inserts:
        connection.execute(sql.insert, inserts)
    if new_receipts:
        connection.execute(sql.store_receipts, new_receipts)
        connection.execute(sql.log, log_rows)
    session.commit()
    versions: dict[int, tuple[int, int, list]] = {
        round_id: (rounds[round_id].session_id, version, []) for round_id, version in taken.items()}
    for (round_id, participant_id), v in stored.items():
        versions[round_id][2].append((participant_id, rules.Ballot(v["sector"], v["value"])))
    return results, versions


def closed_rounds_of(session_id: int, item_id: int) -> list[Round]:
    """The item's closed rounds in the session, newest first."""
    return list(db.session.scalars(
        select(Round).join(RoundItem).where(
            Round.session_id == session_id, RoundItem.item_id == item_id, Round.state == "closed")
        .order_by(Round.closed_at.desc(), Round.id.desc())))


def item_result(round_: Round, item_id: int) -> Optional[str]:
    """What a closed round computed for one of its items (per item, multi-item rounds included)."""
    if round_.state != "closed":
        return None
    return (round_.outcome_detail or {}).get("items", {}).get(str(item_id), round_.outcome)


def _reference(rounds: list[Round]) -> Optional[Round]:
    """Of an item's closed rounds, newest first: its latest own (single-item) round, else the latest
    multi-item round it was in."""
    own = [r for r in rounds if r.method in rules.SINGLE_ITEM_METHODS]
    return (own or rounds or [None])[0]


def reference_round(session_id: int, item_id: int) -> Optional[Round]:
    """The round a decision on the item refers to by default (see `_reference`)."""
    return _reference(closed_rounds_of(session_id, item_id))


def computed_outcome(session_id: int, item_id: int) -> tuple[Optional[Round], Optional[str]]:
    """(round, result) the rules computed for an item in a session, or (None, None)."""
    round_ = reference_round(session_id, item_id)
    return (round_, item_result(round_, item_id)) if round_ else (None, None)


def computed_outcomes(session_id: int) -> dict[int, tuple[Round, Optional[str]]]:
    """`computed_outcome` for every item of the session at once: one statement for the closed
    rounds and one for their items, whatever the length of the agenda (the console's snapshot)."""
    rounds = db.session.scalars(
        select(Round).where(Round.session_id == session_id, Round.state == "closed")
        .options(selectinload(Round.entries))
        .order_by(Round.closed_at.desc(), Round.id.desc())).all()
    by_item: dict[int, list[Round]] = {}
    for round_ in rounds:
        for entry in round_.entries:
            by_item.setdefault(entry.item_id, []).append(round_)
    out = {}
    for item_id, item_rounds in by_item.items():
        round_ = _reference(item_rounds)
        out[item_id] = (round_, item_result(round_, item_id))
    return out


def record_decision(session: Session, item: Item, outcome: str, reason: str = "",
                    staff: Optional[StaffUser] = None, round_id: Optional[int] = None,
                    into: Any = None) -> Decision:
    """Record the table's decision on an item; one that differs from the computed result needs a
    reason. Every decision is kept: a later one never erases an earlier one, and the latest is
    the item's status.

    `merged` (with `into`, another item of the initiative, and a reason) records that the two say
    the same thing: the item's status becomes "merged", and from then on the kept item's history
    carries both (`history.item_history`); the merged item leaves new rounds and roadmaps. A later
    decision on a merged item brings it back (it needs a reason too)."""
    if outcome not in DECISION_OUTCOMES:
        raise Refusal("invalid_outcome", "outcome must be agreed, rejected, deferred or merged.")
    if item.initiative_id != session.initiative_id:
        raise NotFound("unknown_item", "That item does not belong to this session's initiative.")
    reason = " ".join((reason or "").split())
    if len(reason) > 2000:
        raise Refusal("invalid_reason", "The reason must be at most 2,000 characters.")
    if outcome == "merged":
        return _merge(session, item, into, reason, staff)
    if into is not None:
        raise Refusal("invalid_into", "Only a merge names the item it goes into.")
    if round_id is not None:
        round_ = db.session.get(Round, round_id) if is_id(round_id) else None
        if round_ is None or round_.session_id != session.id or item.id not in round_.item_ids \
                or round_.state != "closed":
            raise NotFound("unknown_round", "That is not a closed round on this item in this session.")
        computed = item_result(round_, item.id)
    else:
        round_, computed = computed_outcome(session.id, item.id)
    if computed is not None and computed != outcome and not reason:
        raise Refusal("reason_required",
                      "The vote gave '%(computed)s'; recording '%(outcome)s' needs a reason for the minutes.",
                      computed=computed, outcome=outcome)
    unmerged = item.merged_into
    if unmerged is not None and not reason:
        raise Refusal("reason_required", "%(item)s was merged into %(into)s; bringing it back needs a reason "
                      "for the minutes.", item=item.code or item.id, into=unmerged.code or unmerged.id)
    decision = Decision(session_id=session.id, item_id=item.id, outcome=outcome, reason=reason,
                        computed_outcome=computed, round_id=round_.id if round_ else None,
                        decided_by_id=staff.id if staff else None, decided_at=utcnow())
    db.session.add(decision)
    item.status, item.merged_into_id = outcome, None
    db.session.flush()
    log_event(session.id, "decision", staff=staff, item_id=item.id, decision_id=decision.id, outcome=outcome,
              computed=computed, round_id=decision.round_id, reason=reason,
              is_override=computed is not None and computed != outcome,
              **({"unmerged_from": unmerged.id} if unmerged is not None else {}))
    db.session.commit()
    signals.decision_recorded.send(session.id, item_id=item.id, decision_id=decision.id)
    return decision


def _merge(session: Session, item: Item, into: Any, reason: str, staff: Optional[StaffUser]) -> Decision:
    """Merge `item` into the item `into` (see `record_decision`)."""
    if into is None:
        raise Refusal("into_required", "Choose the item to merge into.")
    target = db.session.get(Item, into) if is_id(into) else None
    if target is None or target.initiative_id != item.initiative_id or target.is_archived:
        raise NotFound("unknown_into", "Choose another item of this initiative to merge into.")
    if target.id == item.id:
        raise Refusal("invalid_into", "An item cannot be merged into itself.")
    # Both rows locked (in id order) and read again: two consoles merging A into B and B into A
    # at once must not leave each merged into the other (PostgreSQL; SQLite has one writer).
    db.session.scalars(select(Item).where(Item.id.in_(sorted((item.id, target.id)))).order_by(Item.id)
                       .with_for_update().execution_options(populate_existing=True)).all()
    if item.merged_into_id is not None:
        raise Conflict("item_merged", "%(item)s is already merged into %(into)s.", item=item.code or item.id,
                       into=item.merged_into.code or item.merged_into_id)
    if target.merged_into_id is not None:
        raise Conflict("into_merged", "%(into)s was merged into %(other)s; merge into that one.",
                       into=target.code or target.id, other=target.merged_into.code or target.merged_into_id)
    if not reason:
        raise Refusal("reason_required", "A merge needs a reason for the minutes (why the two are one).")
    busy = db.session.scalar(select(Round.id).join(RoundItem).where(
        Round.state == "open", RoundItem.item_id.in_((item.id, target.id))).limit(1))
    if busy is not None:
        raise Conflict("round_open", "A round on one of these items is open; close it before merging.")
    # The write itself checks again, within SQLite's write lock: there a read takes no lock, and
    # a second console's merge of the other way round, read before this one's commit, lands here.
    other = aliased(Item)
    written = db.session.execute(
        update(Item).where(Item.id == item.id, Item.merged_into_id.is_(None),
                           ~select(other.id).where(other.id == target.id, other.merged_into_id.is_not(None)).exists())
        .values(status="merged", merged_into_id=target.id).execution_options(synchronize_session=False))
    if written.rowcount != 1:
        db.session.rollback()
        raise Conflict("merged_meanwhile", "One of the two items was merged by someone else just now; look again.")
    db.session.expire(item)
    decision = Decision(session_id=session.id, item_id=item.id, outcome="merged", reason=reason,
                        merged_into_id=target.id, decided_by_id=staff.id if staff else None, decided_at=utcnow())
    db.session.add(decision)
    db.session.flush()
    log_event(session.id, "decision", staff=staff, item_id=item.id, decision_id=decision.id, outcome="merged",
              computed=None, round_id=None, reason=reason, is_override=False, merged_into=target.id,
              merged_into_code=target.code)
    db.session.commit()
    signals.decision_recorded.send(session.id, item_id=item.id, decision_id=decision.id)
    return decision


def decisions_of(item_id: int, session_id: Optional[int] = None) -> list[Decision]:
    """Every decision on an item (in one session, or all), oldest first."""
    stmt = select(Decision).where(Decision.item_id == item_id)
    if session_id is not None:
        stmt = stmt.where(Decision.session_id == session_id)
    return list(db.session.scalars(stmt.order_by(Decision.decided_at, Decision.id)))


def latest_decision(session_id: int, item_id: int) -> Optional[Decision]:
    """The table's latest decision on an item in a session."""
    return db.session.scalar(select(Decision).where(Decision.session_id == session_id, Decision.item_id == item_id)
                             .order_by(Decision.decided_at.desc(), Decision.id.desc()).limit(1))


def round_in_session(round_id: Any, session_id: int) -> Round:
    """The round with this id if it belongs to the session, else a not-found refusal."""
    round_ = db.session.get(Round, round_id) if is_id(round_id) else None
    if round_ is None or round_.session_id != session_id:
        raise NotFound("unknown_round", "There is no such round in this session.")
    return round_


def recount_closed_rounds(session_id: int, staff: Optional[StaffUser] = None) -> None:
    """Re-freeze the tallies of the session's closed rounds (after a participant was removed or
    merged, their votes no longer count); the change is logged with the totals before and after."""
    for round_ in db.session.scalars(select(Round).where(Round.session_id == session_id,
                                                         Round.state == "closed")):
        before = (round_.final_tally or {}).get("total")
        tally = rules.tally(round_.method, ballots(round_.id), round_.item_ids)
        if tally == round_.final_tally:
            continue
        for key, value in _outcome_fields(round_, tally).items():
            setattr(round_, key, value)
        log_event(session_id, "round_recounted", staff=staff, round_id=round_.id, total_before=before,
                  total_after=tally["total"], outcome=round_.outcome)


def amend_votes(session_id: int, participant_id: int, change: str, *, staff: Optional[StaffUser] = None,
                into: Optional[int] = None, sector: Optional[str] = None) -> None:
    """Follow a change of who a participant is, in the caller's transaction: a corrected sector
    re-sectors their votes; a merge gives their votes to the kept participant where that one had
    none in the round; then closed rounds are recounted (removed participants' votes no longer
    count, see `ballots`). The session's open rounds move to a new tally version first (taking
    their rows, as a group of votes does), so every process's in-memory tally is read again."""
    db.session.execute(update(Round).where(Round.session_id == session_id, Round.state == "open")
                       .values(tally_version=Round.tally_version + 1).execution_options(synchronize_session=False))
    if change == "sector" and sector:
        db.session.execute(update(Vote).where(Vote.participant_id == participant_id).values(sector=sector)
                           .execution_options(synchronize_session=False))
    if change == "merged" and into:
        kept = db.session.get(Participant, into)
        keep_sector = kept.sector if kept else None
        taken = set(db.session.scalars(select(Vote.round_id).where(Vote.participant_id == into)))
        for vote in db.session.scalars(select(Vote).where(Vote.participant_id == participant_id)):
            if vote.round_id not in taken:
                vote.participant_id = into
                if keep_sector:
                    vote.sector = keep_sector
        db.session.flush()
    recount_closed_rounds(session_id, staff=staff)
