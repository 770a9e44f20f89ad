"""Snapshots cost a fixed number of statements, whatever the size of the room (no N+1).

A phone's reconnect, the projector's and the console's snapshots are built while the hub waits:
with one statement per comment, per agenda item or per participant, a reconnect storm of a full
room would block every socket for seconds. These tests count the statements each snapshot issues
on a small room and on a room ten times bigger: the count must not grow.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from workshop.extensions import db
from workshop.live import broadcast, state
from workshop.sessions import discussion, participants
from workshop.voting import services as voting

SECTORS = ("public", "private", "academic", "civil_society")


@contextmanager
def counted():
    """Yield a list that receives every SQL statement this thread runs meanwhile (the tally
    flusher's background thread queries the same engine now and then: not ours to count)."""
    statements: list[str] = []
    engine = db.engine
    me = threading.get_ident()

    def record(conn, cursor, statement, parameters, context, executemany):
        if threading.get_ident() == me:
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def build_room(make_session, join, *, items: int, people: int, comments: int):
    """A live session with `items` on its agenda, `people` joined (some removed), `comments` by
    different people, pending proposals, decisions on a few items and a closed and an open round."""
    session = make_session(items=items)
    item_ids = [entry.item_id for entry in session.agenda]
    joined = [join(session, sector=SECTORS[n % 4])[0] for n in range(people)]
    for person in joined[:max(1, people // 10)]:
        participants.remove(session, person.id, reason="prueba")
    present = [p for p in joined if p.removed_at is None]
    for n in range(comments):
        comment = discussion.add_comment(present[n % len(present)], f"Comentario {n}", item_id=item_ids[n % items])
        if n % 7 == 0:
            discussion.moderate(session.id, comment.id, hidden=True, pinned=None)
    for n in range(max(1, items // 4)):
        discussion.propose(present[n], "action_line", f"Propuesta {n}")
    closed = voting.create_round(session, item_ids=item_ids[:1], method="approve", quorum=1)
    voting.open_round(closed)
    for person in present[:5]:
        voting.cast_vote(person, closed.id, "approve", f"c-{person.id}")
    voting.close_round(closed)
    voting.record_decision(session, closed.items[0], "agreed")
    open_ = voting.create_round(session, item_ids=item_ids[: min(items, 6)], method="dots", dots=3)
    voting.open_round(open_)
    for person in present[:5]:
        voting.cast_vote(person, open_.id, {str(item_ids[0]): 2, str(item_ids[1]): 1}, f"d-{person.id}")
    db.session.commit()
    return session, present


def costs(session, phone, monkeypatch) -> dict[str, int]:
    # Every audience has someone in its room, and nothing really goes out.
    monkeypatch.setattr(broadcast, "listening", lambda room: True)
    sent: list[tuple[str, object]] = []
    monkeypatch.setattr(broadcast, "emit", lambda event, data, to: sent.append((event, data)))
    out = {}
    for audience in state.AUDIENCES:
        # The open round's tally is in this process's memory once anything asked for it (the tally
        # flusher's thread may or may not have yet): ask once first, so that every room is counted
        # with it kept, as in a running session.
        state.snapshot(db.session.get(type(session), session.id), audience)
        db.session.expire_all()  # a fresh connect: nothing cached in the identity map
        with counted() as statements:
            snap = state.snapshot(db.session.get(type(session), session.id), audience)
            if audience == "participant":
                state.for_participant(snap, db.session.get(type(phone), phone.id))
        out[audience] = len(statements)
    db.session.expire_all()
    with counted() as statements:
        broadcast.session_changed(session.id)
    out["session_changed"] = len(statements)
    db.session.expire_all()
    sent.clear()
    with counted() as statements:
        broadcast.participants_changed(session.id, phone.id)
    out["participants_changed"] = len(statements)
    # A join sends staff that one person, not the room again.
    (delta,) = [data for event, data in sent if event == "participant"]
    assert delta["participant"]["id"] == phone.id and delta["id"] == phone.id
    assert "participants" not in [event for event, _ in sent]
    return out


@pytest.mark.fresh_app
def test_snapshot_statements_do_not_grow_with_the_room(app, make_session, join, monkeypatch):
    app.config["JOIN_LIMIT_PER_ADDRESS"] = app.config["JOIN_LIMIT_PER_SESSION"] = (100_000, 60)
    small_session, small_people = build_room(make_session, join, items=4, people=12, comments=10)
    big_session, big_people = build_room(make_session, join, items=20, people=120, comments=100)
    small = costs(small_session, small_people[-1], monkeypatch)
    big = costs(big_session, big_people[-1], monkeypatch)
    assert big == small, f"statements grew with the room: small {small}, big {big}"
    # And the counts themselves stay small: a phone's snapshot (with the agenda and what became of
    # its own proposals and comments) is a handful of statements.
    assert big["participant"] <= 20, big
    assert big["projector"] <= 22, big  # with the board, what comes next, the join counts and the run-of-show
    assert big["staff"] <= 26, big
    assert big["session_changed"] <= 60, big


def test_a_socket_waiting_for_its_snapshot_turn_holds_no_database_connection(app):
    """`state.turn()` ends the caller's read before waiting in line: 1,000 phones of a reconnect
    storm waiting for their turn held every connection of the pool, and the votes' next commit
    waited for one until the storm was over."""
    from sqlalchemy import text

    db.session.execute(text("SELECT 1"))
    pool = db.engine.pool
    holding = pool.checkedout()
    assert db.session().in_transaction() and holding >= 1
    with state.turn():
        assert not db.session().in_transaction()
        assert pool.checkedout() == holding - 1
