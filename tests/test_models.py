"""Invariants the database keeps, migrations, and the demo programme — on SQLite and PostgreSQL."""
from __future__ import annotations

import os

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from tests.conftest import make_config, postgres_database
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


@pytest.fixture
def migrated(database_url):
    """An app whose database was brought to head by the migrations (as at start-up)."""
    from workshop.bootstrap import prepare

    app = create_app(make_config(database_url))
    prepare(app, out=open(os.devnull, "w"))
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


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
    from workshop.programmes.models import Initiative, Item, Programme
    from workshop.sessions.models import Comment, Decision, Session, Stakeholder
    from workshop.voting.models import Round, Vote

    assert db.session.scalar(select(func.count(Programme.id))) == 1
    assert db.session.scalar(select(func.count(Initiative.id))) == 8
    assert db.session.scalar(select(func.count(Session.id))) == 24
    statuses = dict(db.session.execute(select(Session.status, func.count()).group_by(Session.status)).all())
    assert statuses == {"closed": 16, "scheduled": 8}
    assert db.session.scalar(select(func.count(Stakeholder.id))) >= 300
    sectors = set(db.session.scalars(select(Stakeholder.sector).distinct()))
    assert sectors == {"public", "private", "academic", "civil_society"}
    assert db.session.scalar(select(func.count(Round.id)).where(Round.state == "closed")) > 100
    assert db.session.scalar(select(func.count(Vote.id))) > 3000
    assert db.session.scalar(select(func.count(Comment.id))) > 100
    assert db.session.scalar(select(func.count(Decision.id))) > 50
    for initiative in db.session.scalars(select(Initiative)):
        kinds = [i.kind for i in initiative.items]
        assert kinds.count("action_line") >= 6 and kinds.count("policy_reform") >= 6
        assert all(i.title_en for i in initiative.items)
        phase3 = [s for s in initiative.sessions if s.phase.number == 3][0]
        assert phase3.status == "scheduled"
        assert phase3.agenda and all(e.item.status == "agreed" for e in phase3.agenda)
    assert db.session.scalar(select(func.count(Item.id)).where(Item.status == "agreed")) >= 37


def test_demo_history_matches_its_own_rules(demo_app):
    """Every closed demo round's frozen tally is what the rules compute from its votes."""
    from workshop.voting import services
    from workshop.voting.models import Round
    from workshop.voting import rules

    for round_ in db.session.scalars(select(Round).where(Round.state == "closed").limit(60)):
        assert round_.final_tally == rules.tally(round_.method, services.ballots(round_), round_.item_ids)


def test_demo_loads_on_an_empty_database_at_start_only(tmp_path):
    from workshop.bootstrap import prepare
    from workshop.programmes.models import Programme

    config = make_config(f"sqlite:///{tmp_path / 'd.sqlite'}", DEMO=True)
    app = create_app(config)
    prepare(app, out=open(os.devnull, "w"))
    prepare(app, out=open(os.devnull, "w"))  # a restart loads nothing twice
    with app.app_context():
        assert db.session.scalar(select(func.count(Programme.id))) == 1
        db.engine.dispose()


def test_an_older_demo_database_keeps_every_row_and_rule_when_upgraded(tmp_path):
    """A database made at the first revision and full of sessions reaches head intact."""
    from flask_migrate import upgrade

    from workshop.bootstrap import prepare
    from workshop.demo.loader import load_demo

    app = create_app(make_config(f"sqlite:///{tmp_path / 'old.sqlite'}"))
    tables = ("items", "agenda_entries", "round_items", "votes", "decisions", "comments", "events")
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory, revision="0001")
        load_demo()
        before = {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        db.session.remove()
        db.engine.dispose()
    prepare(app, out=open(os.devnull, "w"))
    with app.app_context():
        after = {t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        assert after == before and before["votes"] > 1000
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(IntegrityError):  # the items' check constraints survived the table copy
            db.session.execute(text("UPDATE items SET status = 'merged'"))
            db.session.commit()
        db.session.rollback()
        db.engine.dispose()
