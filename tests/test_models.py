"""Invariants the database keeps, migrations, and the demo programme — on SQLite and PostgreSQL."""
from __future__ import annotations

import json
import os
import shutil
from contextlib import ExitStack

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from helpers import make_config, postgres_database
from workshop import create_app
from workshop.extensions import db


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database of each kind; PostgreSQL gets a throw-away database of its own."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.sqlite'}"
        return
    with postgres_database() as url:
        yield url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def migrated_once(request, tmp_path_factory):
    """An app on a database of each kind brought to head by the migrations (as at start-up), once
    per module."""
    from workshop.bootstrap import prepare

    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('migrated') / 'm.sqlite'}"
        else:
            url = stack.enter_context(postgres_database())
        app = create_app(make_config(url))
        with open(os.devnull, "w") as quiet:
            prepare(app, out=quiet)
        yield app
        with app.app_context():
            db.engine.dispose()


@pytest.fixture
def migrated(migrated_once):
    """The migrated database, emptied (its schema and revision kept) for each test."""
    app = migrated_once
    with app.app_context():
        with db.engine.begin() as conn:
            for table in reversed(db.metadata.sorted_tables):
                conn.execute(table.delete())
        yield app
        db.session.rollback()
        db.session.remove()


def test_migrations_reach_head_and_match_the_models(migrated):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), db.metadata)
    assert diff == []


def test_every_revision_upgrades_to_head(database_url):
    """An older database (at any earlier revision) reaches head on start."""
    from alembic.script import ScriptDirectory
    from flask_migrate import upgrade

    from workshop.bootstrap import prepare

    app = create_app(make_config(database_url))
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config(app.extensions["migrate"].directory)
        revisions = [r.revision for r in ScriptDirectory.from_config(config).walk_revisions()]
        for revision in reversed(revisions):
            upgrade(directory=app.extensions["migrate"].directory, revision=revision)
        db.engine.dispose()
    prepare(app, out=open(os.devnull, "w"))
    with app.app_context():
        assert db.session.execute(text("SELECT version_num FROM alembic_version")).scalar() == revisions[0]
        db.engine.dispose()


def _vote_setup():
    from workshop.programmes import services as programmes
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    programme = programmes.create_programme({"name": "P"})
    initiative = programmes.create_initiative(programme, {"name": "I"})
    item = programmes.create_item(initiative, {"kind": "action_line", "title": "T"})
    session = sessions.create_session(initiative, phase_number=1, title="S", item_ids=[item.id])
    sessions.transition(session, "live")
    participant, _, _ = sessions.join(session.join_code, name="Ana", organisation="Org", sector="public")
    round_ = voting.create_round(session, item_ids=[item.id], method="approve")
    return participant, round_


def test_database_refuses_a_second_vote_row(migrated):
    from workshop.voting.models import Vote

    participant, round_ = _vote_setup()
    db.session.add(Vote(round_id=round_.id, participant_id=participant.id, value="approve", sector="public",
                        client_vote_id="a"))
    db.session.commit()
    db.session.add(Vote(round_id=round_.id, participant_id=participant.id, value="reject", sector="public",
                        client_vote_id="b"))
    with pytest.raises(IntegrityError, match="uq_votes_round_participant|UNIQUE"):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(select(func.count(Vote.id))) == 1


@pytest.mark.parametrize("statement", [
    "UPDATE rounds SET state = 'finished'",
    "UPDATE rounds SET threshold = 1.5",
    "UPDATE rounds SET state = 'closed'",  # closed without an outcome
    "UPDATE items SET status = 'merged'",  # merged without a target
    "UPDATE items SET kind = 'wish'",
    "UPDATE sessions SET status = 'paused'",
    "UPDATE stakeholders SET sector = 'farmers'",
])
def test_check_constraints_refuse_invalid_states(migrated, statement):
    _vote_setup()
    with pytest.raises(IntegrityError):
        db.session.execute(text(statement))
        db.session.commit()
    db.session.rollback()


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    app = create_app(make_config(f"sqlite:///{tmp_path / 'p.sqlite'}"))
    with app.app_context():
        assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert db.session.execute(text("PRAGMA busy_timeout")).scalar() == 10000
        db.engine.dispose()


def test_demo_counts(demo_app):
    """Two programmes: IVAI 2021–2022, finished (tests/test_demo.py checks its figures against the case
    study), and the rehearsal, with one session prepared to run live."""
    from workshop.programmes.models import Initiative, Item, Programme
    from workshop.sessions.models import Comment, Session, Stakeholder
    from workshop.voting.models import Decision, Round, Vote

    assert db.session.scalar(select(func.count(Programme.id))) == 2
    assert db.session.scalar(select(func.count(Initiative.id))) == 9
    assert db.session.scalar(select(func.count(Session.id))) == 25
    statuses = dict(db.session.execute(select(Session.status, func.count()).group_by(Session.status)).all())
    assert statuses == {"closed": 24, "scheduled": 1}
    assert db.session.scalar(select(func.count(Stakeholder.id))) >= 500
    sectors = set(db.session.scalars(select(Stakeholder.sector).distinct()))
    assert sectors == {"public", "private", "academic", "civil_society"}
    assert db.session.scalar(select(func.count(Round.id)).where(Round.state == "closed")) > 100
    assert db.session.scalar(select(func.count(Vote.id))) > 3000
    assert db.session.scalar(select(func.count(Comment.id))) > 100
    assert db.session.scalar(select(func.count(Decision.id))) > 50
    ivai = db.session.scalar(select(Programme).where(Programme.name == "IVAI 2021–2022"))
    for initiative in ivai.initiatives:
        kinds = [i.kind for i in initiative.items]
        assert kinds.count("action_line") >= 6 and kinds.count("policy_reform") >= 6
        assert all(i.title_en for i in initiative.items)
        by_phase = {s.phase.number: s for s in initiative.sessions}
        assert {s.status for s in by_phase.values()} == {"closed"}
        # The roadmap session's agenda: what phase 2 agreed or deferred, and nothing else.
        carried = {d.item_id for d in db.session.scalars(select(Decision).where(
            Decision.session_id == by_phase[2].id, Decision.outcome.in_(("agreed", "deferred"))))}
        assert carried and {e.item_id for e in by_phase[3].agenda} == carried
    assert db.session.scalar(select(func.count(Item.id)).where(Item.status == "agreed")) == 37 + 34


def test_demo_frozen_tallies_count_the_vote_rows(demo_app):
    """Every closed demo round's frozen tally agrees with the `votes` table, counted here by SQL.

    The count does not go through the voting rules: a loader that froze a tally before its last vote,
    counted a vote twice or filed one under the wrong sector fails here.
    """
    from collections import Counter, defaultdict

    from workshop.voting.models import Round, Vote

    rows = db.session.execute(select(Vote.round_id, Vote.sector, Vote.value, func.count())
                              .join(Round, Round.id == Vote.round_id).where(Round.state == "closed")
                              .group_by(Vote.round_id, Vote.sector, Vote.value)).all()
    counted: dict[int, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for round_id, sector, value, n in rows:
        key = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        counted[round_id][sector][key] += n

    rounds = db.session.scalars(select(Round).where(Round.state == "closed")).all()
    assert len(rounds) > 100 and len(counted) == len(rounds)  # every closed round had votes
    checked = Counter()
    for round_ in rounds:
        by_sector, tally = counted[round_.id], round_.final_tally
        assert tally["total"] == sum(sum(c.values()) for c in by_sector.values()), round_.id
        for sector, figures in tally["by_sector"].items():
            assert figures["total"] == sum(by_sector[sector].values()), (round_.id, sector)
        if round_.method in ("approve", "score"):  # counts per choice, overall and per sector
            everyone = sum(by_sector.values(), Counter())
            assert {k: n for k, n in tally["counts"].items() if n} == dict(everyone), round_.id
            for sector, figures in tally["by_sector"].items():
                assert {k: n for k, n in figures["counts"].items() if n} == dict(by_sector[sector])
        if round_.method == "approve":
            assert tally["support"] == pytest.approx(everyone["approve"] / tally["total"])
        if round_.method == "dots":  # the dots each item got, added up from the ballots
            dots = Counter()
            for sector in by_sector.values():
                for ballot, n in sector.items():
                    for item_id, given in json.loads(ballot).items():
                        dots[item_id] += given * n
            assert {k: v for k, v in tally["dots"].items() if v} == dict(dots), round_.id
        checked[round_.method] += 1
    assert checked["approve"] > 50 and checked["score"] and checked["dots"]


def test_demo_is_a_history_played_through_the_services(demo_app):
    """The demo is what a real programme leaves: sessions started and ended at their times, each
    session's log in time order, every vote with its receipt and its event, up-votes as rows, only
    people who joined as stakeholders, and nothing stamped in the future."""
    from datetime import datetime, timezone

    from workshop.eventlog import Event
    from workshop.sessions.models import Comment, CommentUpvote, Participant, Session, Stakeholder
    from workshop.voting.models import Round, Vote, VoteReceipt

    now = datetime.now(timezone.utc)
    for session in db.session.scalars(select(Session).where(Session.status == "closed")):
        events = db.session.scalars(select(Event).where(Event.session_id == session.id).order_by(Event.id)).all()
        times = [e.at for e in events]
        assert times == sorted(times) and times[-1] < now, session.id
        kinds = {e.kind: e.at for e in events}
        assert session.starts_at == session.started_at == kinds["session_started"] < session.ended_at
        assert kinds["session_ended"] == session.ended_at and kinds["session_created"] < session.started_at
        assert session.current_item_id is None
        joined = db.session.scalars(select(Participant.joined_at).where(Participant.session_id == session.id)).all()
        assert joined and all(session.started_at < t < session.ended_at for t in joined)
    assert db.session.scalar(select(func.count(Session.id)).where(
        Session.status == "scheduled", Session.started_at.is_(None), Session.created_at < now)) == 1

    outside = select(func.count(Vote.id)).join(Round, Round.id == Vote.round_id).where(
        (Vote.cast_at < Round.opened_at) | (Vote.cast_at > Round.closed_at))
    assert db.session.scalar(outside) == 0
    votes = db.session.scalar(select(func.count(Vote.id)))
    receipted = select(func.count(Vote.id)).join(VoteReceipt, (VoteReceipt.round_id == Vote.round_id)
                                                 & (VoteReceipt.participant_id == Vote.participant_id)
                                                 & (VoteReceipt.client_vote_id == Vote.client_vote_id))
    assert db.session.scalar(receipted) == votes > 3000
    assert db.session.scalar(select(func.count(Event.id)).where(Event.kind == "vote_counted")) == votes

    upvotes = dict(db.session.execute(select(CommentUpvote.comment_id, func.count()).group_by(
        CommentUpvote.comment_id)).all())
    comments = db.session.execute(select(Comment.id, Comment.upvotes)).all()
    assert all(upvotes.get(id_, 0) == n for id_, n in comments) and sum(upvotes.values()) > 400
    lonely = select(func.count(Stakeholder.id)).where(~select(Participant.id).where(
        Participant.stakeholder_id == Stakeholder.id).exists())
    assert db.session.scalar(lonely) == 0


def test_demo_mutes_only_the_after_commit_signals(demo_db):
    """The loader mutes the signals the live layer hears after a commit; the two sent inside a
    transaction (they keep the record whole) stay heard, and a new signal needs a decision here."""
    from workshop import signals
    from workshop.demo.loader import AFTER_COMMIT

    in_transaction = {signals.session_closing, signals.participant_amended}
    assert set(AFTER_COMMIT) | in_transaction == set(signals.ALL) and not set(AFTER_COMMIT) & in_transaction
    assert not any(signal.is_muted for signal in signals.ALL)  # demo_db loaded the demo here: none left muted


def test_clock_at_is_the_time_services_stamp(app):
    """util.clock_at sets the time utcnow() and the columns' defaults give, in its block and its
    thread only."""
    import threading
    from datetime import datetime, timedelta, timezone

    from workshop.accounts.models import StaffUser
    from workshop.util import clock_at, utcnow

    past = datetime(2021, 9, 6, 15, 0, tzinfo=timezone(timedelta(hours=-5)))
    seen = []
    with clock_at(past) as at:
        assert at == past and utcnow() == past and utcnow().tzinfo == timezone.utc
        with clock_at(past + timedelta(minutes=5)):
            assert utcnow() == past + timedelta(minutes=5)
        assert utcnow() == past
        thread = threading.Thread(target=lambda: seen.append(utcnow()))
        thread.start()
        thread.join()
        db.session.add(StaffUser(email="old@example.org", name="Old", role="admin", password_hash="x"))
        db.session.commit()
    assert seen[0] > past + timedelta(days=365) and utcnow() > past + timedelta(days=365)
    assert db.session.scalar(select(StaffUser.created_at).where(StaffUser.email == "old@example.org")) == past
    with pytest.raises(ValueError):
        with clock_at(datetime(2021, 9, 6)):
            pass


def test_demo_loads_on_an_empty_database_at_start_only(tmp_path, demo_db):
    """demo_db is what start-up (`prepare` with DEMO) made of an empty file; a restart adds nothing."""
    from workshop.bootstrap import prepare
    from workshop.programmes.models import Programme
    from workshop.voting.models import Vote

    shutil.copy(demo_db, tmp_path / "d.sqlite")
    app = create_app(make_config(f"sqlite:///{tmp_path / 'd.sqlite'}", DEMO=True))
    with app.app_context():
        votes = db.session.scalar(select(func.count(Vote.id)))
        db.session.remove()
    with open(os.devnull, "w") as quiet:
        prepare(app, out=quiet)
    with app.app_context():
        assert db.session.scalar(select(func.count(Programme.id))) == 2
        assert db.session.scalar(select(func.count(Vote.id))) == votes > 3000
        db.engine.dispose()


def test_an_older_demo_database_keeps_every_row_and_rule_when_upgraded(tmp_path, demo_db):
    """A database made at the first revision and full of sessions reaches head intact."""
    import sqlite3

    from flask_migrate import upgrade

    from workshop.bootstrap import prepare

    # The demo (demo_db) is written by today's services, at head; its rows are then copied into a
    # database at the first revision, column by column (the columns that revision has).
    shutil.copy(demo_db, tmp_path / "new.sqlite")
    app = create_app(make_config(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    tables = ("items", "agenda_entries", "round_items", "votes", "decisions", "comments", "events")
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="0001")
        db.session.remove()
        db.engine.dispose()
    old = sqlite3.connect(tmp_path / "old.sqlite")
    old.execute("PRAGMA foreign_keys=OFF")
    old.execute(f"ATTACH DATABASE '{tmp_path / 'new.sqlite'}' AS new")
    for (table,) in old.execute("SELECT name FROM main.sqlite_master WHERE type='table' "
                                "AND name NOT IN ('alembic_version') AND name NOT LIKE 'sqlite_%'").fetchall():
        columns = ", ".join(row[1] for row in old.execute(f"PRAGMA main.table_info({table})"))
        old.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    old.commit()
    old.close()
    with app.app_context():
        before = {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        db.session.remove()
        db.engine.dispose()
    prepare(app, out=open(os.devnull, "w"))
    with app.app_context():
        after = {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        assert after == before and before["votes"] > 1000
        # Every item got a stable code, unique in its initiative.
        codes = db.session.execute(text("SELECT initiative_id, code FROM items")).all()
        assert all(code for _, code in codes) and len(set(codes)) == len(codes)
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(IntegrityError):  # the items' check constraints survived the table copy
            db.session.execute(text("UPDATE items SET status = 'merged'"))
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()


def test_passwords_are_hashed_with_the_configured_method(app, make_staff):
    """Production hashes with scrypt; the suite's one PBKDF2 round is a test setting only."""
    import subprocess
    import sys

    from helpers import ROOT

    environ = {k: v for k, v in os.environ.items() if k != "WORKSHOP_PASSWORD_HASH"}
    default = subprocess.run([sys.executable, "-c", "import config; print(config.Config.PASSWORD_HASH_METHOD)"],
                             cwd=ROOT, env=environ, capture_output=True, text=True, check=True).stdout
    assert default.strip() == "scrypt"
    cheap = make_staff("admin", password="one password")
    assert cheap.password_hash.startswith("pbkdf2:sha256:1$")
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"
    strong = make_staff("admin", password="another password")
    assert strong.password_hash.startswith("scrypt:")
    assert cheap.check_password("one password") and strong.check_password("another password")
    assert not cheap.check_password("another password") and not strong.check_password("one password")


def test_a_driverless_postgresql_url_uses_the_installed_driver():
    """`postgresql://…` as psql and hosting panels write it (SQLAlchemy 2.1 would look for psycopg
    3, which Mesa does not install) connects through psycopg2; other URLs stay as they are."""
    from sqlalchemy import create_engine, text

    from config import database_url

    assert database_url("postgres://u@h/db") == "postgresql+psycopg2://u@h/db"
    assert database_url("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"
    assert database_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"
    with postgres_database() as url:
        plain = "postgresql://" + url.split("://", 1)[1]
        engine = create_engine(database_url(plain))
        try:
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar() == 1
        finally:
            engine.dispose()
