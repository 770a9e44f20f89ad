"""Backup and restore (SQLite and PostgreSQL), and a whole programme exported as JSON and imported.

The programme round trips: the demo programme, and a small one with what the demo lacks (removed
and merged participants, proposals, a merged item, an overridden decision, hidden comments), are
exported, imported into an empty database and exported again: the same document once ids are
renumbered, the same statistics, minutes facts and tallies (recomputed from the imported votes).
"""
from __future__ import annotations

import copy
import dataclasses
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from helpers import make_config, postgres_database
from workshop import create_app
from workshop.archive import database, programme
from workshop.extensions import db
from workshop.programmes.models import Initiative, Programme

# --- Helpers ----------------------------------------------------------------------------------


def _app_on(path: Path):
    return create_app(make_config(f"sqlite:///{path}"))


def _head() -> str:
    """The newest migration revision (what a restore migrates to)."""
    from flask import current_app

    from workshop.archive.database import known_revisions

    return known_revisions(current_app)[1]


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def expected_after_import(document: dict, imported: programme.Imported) -> dict:
    """`document` with every id replaced by the one the import gave (what the re-export must be),
    and the accounts the import created disabled."""
    out, ids = copy.deepcopy(document), imported.ids
    for person in out["staff"]:
        person["is_enabled"] = person["is_enabled"] and person["email"] not in imported.created_staff

    def new(key, old):
        return None if old is None else ids[key][old]

    def item_key(old):
        return str(ids["items"][int(old)])

    methods = {r["id"]: r["method"] for r in document["rounds"]}
    for part in (programme.PROGRAMME, *programme.PARTS):
        rows = [out["programme"]] if part is programme.PROGRAMME else out[part.key]
        for row in rows:
            old_round = row.get("round_id")
            row["id"] = new(part.key, row["id"])
            for column, target in part.refs.items():
                row[column] = new(target, row[column])
            if part.key == "rounds":
                row["final_tally"] = programme.remap_tally(row["method"], row["final_tally"], item_key)
                row["outcome_detail"] = programme.remap_outcome(row["outcome_detail"], item_key)
            elif part.key == "votes":
                row["value"] = programme.remap_value(methods[old_round], row["value"], item_key)
            elif part.key == "events":
                row["data"] = programme.remap_event_data(row["data"], new)
        rows.sort(key=lambda row: row["id"])  # a document lists rows by id
    for key in ("exported_at", "schema_revision"):
        out.pop(key)
    return out


def _without_ids(value):
    """Statistics or minutes facts with the ids (which differ between databases) left out."""
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()
                if k not in ("id", "programme_id", "filename_stem", "generated", "text", "created")}
    if isinstance(value, (list, tuple)):
        return [_without_ids(v) for v in value]
    return value


def _facts(programme_id: int) -> dict:
    """What Mesa says of a programme: its statistics, every session's minutes, every round's tally
    recomputed from its votes."""
    from workshop.documents.data import session_facts
    from workshop.programmes.models import Item
    from workshop.reports.stats import programme_stats
    from workshop.sessions.models import Session
    from workshop.voting import rules
    from workshop.voting.models import Round
    from workshop.voting.services import ballots

    found = db.session.get(Programme, programme_id)
    sessions = db.session.scalars(select(Session).where(Session.initiative_id.in_([i.id for i in found.initiatives]))
                                  .order_by(Session.id)).all()
    rounds = db.session.scalars(select(Round).where(Round.session_id.in_([s.id for s in sessions]))
                                .order_by(Round.id)).all()
    for round_ in rounds:  # the frozen tally is the one the imported votes give
        if round_.final_tally is not None:
            assert rules.tally(round_.method, ballots(round_.id), round_.item_ids) == round_.final_tally
    codes = dict(db.session.execute(
        select(Item.id, Item.code).join(Session, Session.initiative_id == Item.initiative_id)
        .where(Session.id.in_([s.id for s in sessions]))).all())
    minutes = [_without_ids(session_facts(s.id, "en")) for s in sessions]
    for facts in minutes:  # the rounds on several items name them by id: by code instead
        for round_ in facts["multi_rounds"]:
            round_["items"] = [(code, title) for code, _id, title in round_["items"]]
            for key in ("item_results", "item_phrases", "item_figures"):
                round_[key] = {codes[item_id]: value for item_id, value in round_[key].items()}
    return {
        "stats": _without_ids(programme_stats(found)),
        "minutes": minutes,
        "rounds": [(r.method, r.state, r.outcome, (r.outcome_detail or {}).get("explanation")) for r in rounds],
    }


def round_trip(source_app, tmp_path: Path, programme_id: int):
    """Export from the current app, import into an app on an empty migrated database, export again."""
    document = json.loads(json.dumps(programme.export_programme(db.session.get(Programme, programme_id))))
    before = _facts(programme_id)
    target = _app_on(tmp_path / "empty.sqlite")
    with target.app_context():
        db.create_all()
        imported = programme.import_programme(json.loads(json.dumps(document)))
        again = programme.export_programme(imported.programme)
        after = _facts(imported.programme.id)
        db.session.remove()
        db.engine.dispose()
    return document, imported, again, before, after


@pytest.fixture
def rich_programme(app, make_staff, make_programme, join):
    """A programme with what the demo lacks: removals, merges, proposals, a merged item, hidden
    comments, an overridden decision, a second session with its facilitators, every voting method."""
    from workshop.programmes.models import Item
    from workshop.sessions import discussion, participants, services
    from workshop.voting import services as voting

    admin, facilitator = make_staff("admin"), make_staff("facilitator")
    prog, initiative = make_programme(items=5)
    items = list(initiative.items)
    ids = [i.id for i in items]
    session = services.create_session(initiative, phase_number=2, title="Posicionamiento", status="scheduled",
                                      facilitators=[facilitator], item_ids=ids, staff=admin)
    services.transition(session, "live", staff=facilitator)
    people = [join(session, sector=s) for s in ("public", "private", "academic", "civil_society", "private", "public")]
    twin, _ = join(session, sector="private", name="Persona 2 bis")
    comment = discussion.add_comment(people[0][0], "¿Y el riego?", ids[0])
    discussion.upvote(people[2][0], comment.id)
    hidden = discussion.add_comment(people[3][0], "spam", ids[1])
    discussion.moderate(session.id, hidden.id, True, None, staff=facilitator)
    accepted = discussion.propose(people[2][0], "action_line", "Centro de acopio", "En Huanta")
    discussion.handle_proposal(session, accepted.id, True, staff=facilitator)
    rejected = discussion.propose(people[3][0], "policy_reform", "Otra cosa")
    discussion.handle_proposal(session, rejected.id, False, staff=facilitator)
    values = {"approve": lambda n: ["approve", "reject", "neutral"][n % 3], "score": lambda n: 1 + n % 5,
              "impact_feasibility": lambda n: {"impact": 1 + n % 5, "feasibility": 5 - n % 5},
              "dots": lambda n: {str(ids[1 + n % 3]): 2, str(ids[1 + (n + 1) % 3]): 1},
              "ranking": lambda n: [ids[1 + (n + k) % 3] for k in range(3)]}
    for method, value in values.items():
        on = [ids[0]] if method in ("approve", "score", "impact_feasibility") else ids[1:4]
        round_ = voting.create_round(session, item_ids=on, method=method, dots=3 if method == "dots" else None,
                                     cross_sector=method == "approve", staff=facilitator, open_now=True)
        for n, person in enumerate([p for p, _token in people] + [twin]):
            voting.cast_vote(person, round_.id, value(n), f"{method}-{n}")
        voting.close_round(round_, staff=facilitator)
    # After the votes: the closed rounds are recounted without them.
    participants.remove(session, people[5][0].id, "A test join", staff=facilitator)
    participants.merge(session, people[1][0].id, twin.id, "Joined twice", staff=facilitator)
    voting.record_decision(session, items[0], "agreed", "The table weighed the dissent", staff=facilitator)
    voting.record_decision(session, items[0], "deferred", "Budget unknown", staff=admin)
    merged, into = items[3], items[4]  # into a later item: the import must write the target first
    voting.record_decision(session, merged, "merged", "Say the same", staff=facilitator, into=into.id)
    services.transition(session, "closed", staff=facilitator)
    services.create_session(initiative, phase_number=3, title="Hoja de ruta", status="draft",
                            facilitators=[facilitator, admin], item_ids=[into.id], staff=admin)
    assert db.session.get(Item, merged.id).merged_into_id == into.id
    yield prog


# --- The format covers the schema -----------------------------------------------------------------


def test_every_table_and_reference_of_the_schema_is_covered(app):
    """A new table or a new foreign key fails here until the export says what to do with it."""
    covered = {p.model.__tablename__ for p in (programme.PROGRAMME, *programme.PARTS)} | set(programme.NOT_PARTS)
    assert {t.name for t in db.metadata.sorted_tables} == covered
    for part in programme.PARTS:
        foreign = {c.name for c in part.table.columns if c.foreign_keys}
        assert foreign == set(part.refs) | set(part.staff), part.key


# --- Round trips ------------------------------------------------------------------------------------


def test_demo_programme_round_trips_into_an_empty_database(demo_app, tmp_path):
    first_id = db.session.scalar(select(func.min(Programme.id)))
    document, imported, again, before, after = round_trip(demo_app, tmp_path, first_id)
    assert document["format"] == "mesa-programme" and document["version"] == 1
    assert len(document["votes"]) > 1000 and len(document["events"]) > 1000 and document["decisions"]
    assert {r["method"] for r in document["rounds"]} == {"approve", "score", "impact_feasibility", "dots", "ranking"}
    again.pop("exported_at"), again.pop("schema_revision")
    assert again == expected_after_import(document, imported)
    assert after == before
    assert sorted(imported.created_staff) == sorted(s["email"] for s in document["staff"])


def test_rich_programme_round_trips(rich_programme, tmp_path, app):
    document, imported, again, before, after = round_trip(app, tmp_path, rich_programme.id)
    assert any(p["removed_at"] for p in document["participants"])
    assert any(p["merged_into_id"] for p in document["participants"])
    assert {p["state"] for p in document["proposals"]} == {"accepted", "rejected"}
    assert any(i["merged_into_id"] and i["merged_into_id"] > i["id"] for i in document["items"])
    assert [d["reason"] for d in document["decisions"]] == ["The table weighed the dissent", "Budget unknown",
                                                           "Say the same"]
    merge = document["decisions"][-1]
    assert merge["outcome"] == "merged" and merge["merged_into_id"] > merge["item_id"]
    assert {d["decided_by"] for d in document["decisions"]} == {s["email"] for s in document["staff"]}
    assert all(len(s["facilitators"]) >= 1 for s in document["sessions"])
    assert "token_hash" not in document["participants"][0] and "projector_key" not in document["sessions"][0]
    again.pop("exported_at"), again.pop("schema_revision")
    assert again == expected_after_import(document, imported)
    assert after == before
    codes = sorted(i["code"] for i in document["items"])
    assert codes == sorted(i["code"] for i in again["items"]) and len(set(codes)) == len(codes) == 6
    initiative = document["initiatives"][0]
    assert (initiative["last_action_line_number"], initiative["last_policy_reform_number"]) == (4, 2)
    assert again["initiatives"][0]["last_action_line_number"] == 4


def test_imported_staff_are_mapped_by_email_or_created_disabled(rich_programme, app, make_staff):
    from workshop.accounts.models import StaffUser
    from workshop.voting.models import Decision

    document = programme.export_programme(rich_programme)
    emails = [s["email"] for s in document["staff"]]
    first, second_, merge = document["decisions"]
    assert first["decided_by"] != second_["decided_by"]
    stand_in = make_staff("admin", email="jefa@example.org")
    imported = programme.import_programme(copy.deepcopy(document), staff_map={second_["decided_by"]: stand_in.email})
    assert imported.created_staff == []  # the other one exists already in this database
    decided_by = {d.reason: d.decided_by.email for d in db.session.scalars(
        select(Decision).where(Decision.session_id.in_(list(imported.ids["sessions"].values()))))}
    assert decided_by == {first["reason"]: first["decided_by"], second_["reason"]: stand_in.email,
                          merge["reason"]: merge["decided_by"]}
    for person in document["staff"]:
        person["email"] = "new-" + person["email"]
    for row in document["decisions"]:
        row["decided_by"] = "new-" + row["decided_by"]
    for row in document["events"]:
        row["staff"] = row["staff"] and "new-" + row["staff"]
    for row in document["sessions"]:
        row["facilitators"] = ["new-" + e for e in row["facilitators"]]
    second = programme.import_programme(document)
    assert sorted(second.created_staff) == sorted("new-" + e for e in emails)
    for email in second.created_staff:
        user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
        assert not user.is_enabled and not user.check_password("")


def test_an_import_next_to_the_original_gets_new_join_codes_and_secrets(rich_programme, app):
    from workshop.sessions.models import Participant, Session

    document = programme.export_programme(rich_programme)
    imported = programme.import_programme(copy.deepcopy(document))
    for old, new in imported.ids["sessions"].items():
        original, copy_ = db.session.get(Session, old), db.session.get(Session, new)
        assert copy_.join_code != original.join_code and copy_.projector_key != original.projector_key
    for old, new in imported.ids["participants"].items():
        original, copy_ = db.session.get(Participant, old), db.session.get(Participant, new)
        assert copy_.token_hash != original.token_hash and copy_.personal_code != original.personal_code
    assert programme.export_programme(imported.programme)["votes"] == expected_after_import(
        document, imported)["votes"]


# --- Refused imports change nothing -------------------------------------------------------------------


def _refused(document, code: str):
    from workshop.accounts.models import StaffUser
    from workshop.refusals import Refusal

    counts = (_count(Programme), _count(StaffUser))
    with pytest.raises(Refusal) as refusal:
        programme.import_programme(document)
    assert refusal.value.code == code, refusal.value.message
    assert (_count(Programme), _count(StaffUser)) == counts
    return refusal.value.message


_RICH: dict[str, str] = {}


@pytest.mark.parametrize("damage, code, says", [
    (lambda d: d.update(version=2), "unknown_export_version", "version (2)"),
    (lambda d: d.update(format="something"), "not_an_export", "not a Mesa programme export"),
    (lambda d: d.pop("votes"), "invalid_export", "votes is not a list"),
    (lambda d: d["items"][0].update(title=7), "invalid_export", "items[0].title is not text"),
    (lambda d: d["items"][0].update(title="x" * 301), "invalid_export", "longer than 300"),
    (lambda d: d["items"][0].update(colour="red"), "invalid_export", "unknown field colour"),
    (lambda d: d["sessions"][0].update(starts_at="tomorrow"), "invalid_export", "not a date and time"),
    (lambda d: d["votes"][0].update(participant_id=999999), "invalid_export", "refers to nothing in participants"),
    (lambda d: d["decisions"][0].update(decided_by="nobody@example.org"), "invalid_export", "names nobody"),
    (lambda d: d["items"].append(dict(d["items"][0])), "invalid_export", "no id of its own"),
    (lambda d: d["events"][0]["data"].update(round_id=999999), "invalid_export", "not an id of rounds"),
    (lambda d: [r for r in d["rounds"] if r["method"] == "dots"][0]["final_tally"]["dots"].update({"999999": 1}),
     "invalid_export", "not an id of items"),
    # Valid field by field, refused by the database in the one transaction: nothing stays.
    (lambda d: d["votes"].append({**d["votes"][0], "id": 999999}), "invalid_export", "break a rule of the database"),
    (lambda d: d["items"][0].update(status="lost"), "invalid_export", "break a rule of the database"),
])
def test_a_damaged_export_is_refused_and_changes_nothing(request, app, damage, code, says):
    if "document" not in _RICH:  # made once for the module: the cases import into an empty database
        _RICH["document"] = json.dumps(programme.export_programme(request.getfixturevalue("rich_programme")))
    document = json.loads(_RICH["document"])
    for person in document["staff"]:  # accounts the import would create: a refusal creates none
        person["email"] = "other-" + person["email"]
    for row in document["decisions"]:
        row["decided_by"] = "other-" + row["decided_by"]
    for row in document["events"]:
        row["staff"] = row["staff"] and "other-" + row["staff"]
    for row in document["sessions"]:
        row["facilitators"] = ["other-" + e for e in row["facilitators"]]
    damage(document)
    assert says in _refused(document, code)


def test_the_commands_export_and_import_and_refuse_a_corrupt_file(rich_programme, app, tmp_path):
    runner = app.test_cli_runner()
    target = tmp_path / "programme.json"
    result = runner.invoke(args=["export-programme", str(rich_programme.id), str(target)])
    assert result.exit_code == 0, result.output
    assert "7 participants" in result.output and json.loads(target.read_text())["format"] == "mesa-programme"
    refused = runner.invoke(args=["export-programme", str(rich_programme.id), str(target)])
    assert refused.exit_code == 1 and "exists already" in refused.output
    before = _count(Programme)
    result = runner.invoke(args=["import-programme", str(target)])
    assert result.exit_code == 0, result.output
    assert _count(Programme) == before + 1 and "Imported 'Programa de prueba' as programme" in result.output
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    result = runner.invoke(args=["import-programme", str(corrupt)])
    assert result.exit_code == 1 and "not a Mesa programme export" in result.output
    assert _count(Programme) == before + 1
    result = runner.invoke(args=["export-programme", "999999", str(tmp_path / "none.json")])
    assert result.exit_code == 1 and "no programme 999999" in result.output


def test_the_export_api_is_for_admins(rich_programme, app, client, token_for):
    path = f"/api/v1/programmes/{rich_programme.id}/export.json"
    response = client.get(path, headers=token_for("admin"))
    assert response.status_code == 200, response.get_data(as_text=True)
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_json()
    body.pop("exported_at")
    expected = programme.export_programme(rich_programme)
    expected.pop("exported_at")
    assert body == expected
    assert client.get(path, headers=token_for("facilitator")).status_code == 403
    assert client.get(path, headers=token_for("secretariat")).status_code == 403
    assert client.get(path).status_code == 401
    assert client.get("/api/v1/programmes/999999/export.json", headers=token_for("admin")).status_code == 404


# --- SQLite backup and restore --------------------------------------------------------------------


def _writer(path: Path, stop: threading.Event, written: list[int], deadline: float) -> None:
    """Write a programme and one initiative of it per transaction, as fast as it can, until told."""
    conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    try:
        while not stop.is_set() and time.monotonic() < deadline:
            conn.execute("BEGIN IMMEDIATE")
            cur = conn.execute("INSERT INTO programmes (name, institution, description, description_en, created_at) "
                               "VALUES ('w', '', '', '', '2026-01-01 00:00:00')")
            conn.execute("INSERT INTO initiatives (programme_id, name, name_en, value_chain, value_chain_en, region, "
                         "summary, summary_en, position, last_action_line_number, last_policy_reform_number, "
                         "created_at) VALUES (?, 'w', '', '', '', '', '', '', 0, 0, 0, '2026-01-01 00:00:00')",
                         (cur.lastrowid,))
            conn.execute("COMMIT")
            written.append(cur.lastrowid)
    finally:
        conn.close()


def test_sqlite_backup_while_another_connection_writes_is_consistent(demo_app, tmp_path):
    path = Path(db.engine.url.database)
    demo_programmes, demo_initiatives = _count(Programme), _count(Initiative)
    db.session.remove()
    stop, written = threading.Event(), []
    deadline = time.monotonic() + 60
    writer = threading.Thread(target=_writer, args=(path, stop, written, deadline))
    writer.start()
    try:
        while len(written) < 20 and time.monotonic() < deadline:  # the writer is under way
            time.sleep(0.005)
        result = demo_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite")])
        during = len(written)
        while len(written) < during + 20 and time.monotonic() < deadline:  # and it went on writing after
            time.sleep(0.005)
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert len(written) >= during + 20
    copy_ = sqlite3.connect(tmp_path / "backup.sqlite")
    try:
        assert copy_.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert copy_.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        programmes = copy_.execute("SELECT count(*) FROM programmes").fetchone()[0]
        initiatives = copy_.execute("SELECT count(*) FROM initiatives").fetchone()[0]
        # whole transactions only: the demo's programmes and initiatives, plus pairs
        assert programmes - demo_programmes == initiatives - demo_initiatives
        assert 20 <= programmes - demo_programmes < len(written)  # a moment during the writes
    finally:
        copy_.close()
    assert not (tmp_path / "backup.sqlite-wal").exists()
    again = demo_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup.sqlite")])
    assert again.exit_code == 1 and "exists already" in again.output


def test_sqlite_restore_brings_back_the_backup_and_refuses_a_database_in_use(demo_app, tmp_path):
    path = Path(db.engine.url.database)
    runner = demo_app.test_cli_runner()
    backup = tmp_path / "backup.sqlite"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    before, demo_programmes = _facts(1), _count(Programme)
    db.session.add(Programme(name="Después de la copia"))
    db.session.commit()
    holder = subprocess.Popen([sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                               "c.execute('SELECT count(*) FROM programmes').fetchall(); print('open', flush=True); "
                               "sys.stdin.read()", str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        refused = runner.invoke(args=["restore", str(backup)])
        assert refused.exit_code == 1 and "open in another process" in refused.output
        assert _count(Programme) == demo_programmes + 1
        forced = runner.invoke(args=["restore", str(backup), "--force"])
        assert forced.exit_code == 0, forced.output
    finally:
        holder.communicate("", timeout=30)
    assert _count(Programme) == demo_programmes and _facts(1) == before
    db.session.add(Programme(name="Otra vez"))
    db.session.commit()
    result = runner.invoke(args=["restore", str(backup)])
    assert result.exit_code == 0, result.output
    assert f"schema revision {_head()}" in result.output and _count(Programme) == demo_programmes


def test_sqlite_restore_migrates_an_older_backup_forward(app, tmp_path):
    from flask_migrate import upgrade

    old = tmp_path / "old.sqlite"
    older = _app_on(old)
    with older.app_context():
        upgrade(directory=older.extensions["migrate"].directory, revision="0002")
        db.session.execute(text("INSERT INTO programmes (name, institution, description, description_en, created_at) "
                                "VALUES ('De antes', '', '', '', '2022-01-01 00:00:00')"))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    live = _app_on(tmp_path / "live.sqlite")
    with live.app_context():
        result = live.test_cli_runner().invoke(args=["restore", str(old)])
        assert result.exit_code == 0, result.output
        assert f"migrated from 0002 to {_head()}" in result.output
        assert db.session.scalar(select(Programme.name)) == "De antes"
        assert db.session.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
        db.session.remove()
        db.engine.dispose()


def test_sqlite_restore_refuses_what_is_not_a_mesa_backup(demo_app, tmp_path):
    runner = demo_app.test_cli_runner()
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    torn = tmp_path / "torn.sqlite"
    torn.write_bytes(Path(db.engine.url.database).read_bytes()[:200_000])
    future = tmp_path / "future.sqlite"
    shutil.copy(db.engine.url.database, future)
    conn = sqlite3.connect(future)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = _facts(1)
    for path, says in ((other, "not a Mesa backup"), (garbage, "not a Mesa backup"), (torn, "not a Mesa backup"),
                       (future, "(9999) is not one this Mesa knows"), (tmp_path / "none.sqlite", "no file at")):
        result = runner.invoke(args=["restore", str(path)])
        assert result.exit_code == 1 and says in result.output, (path, result.output)
    assert _facts(1) == before


def test_sqlite_in_use_probe_sees_another_process():
    """The probe can fail both ways: free when nobody has the file open, busy while someone does."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.sqlite"
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        assert database.in_use(path)  # this process's own open connection counts too
        conn.close()
        assert not database.in_use(path)


# --- PostgreSQL -------------------------------------------------------------------------------------


def test_postgres_backup_and_restore(tmp_path):
    from flask_migrate import upgrade
    from sqlalchemy import create_engine

    with postgres_database("mesa_backup") as url:
        app = create_app(make_config(url))
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            db.session.add(Programme(name="Antes"))
            db.session.commit()
            runner = app.test_cli_runner()
            archive = tmp_path / "mesa.dump"
            result = runner.invoke(args=["backup", str(archive)])
            assert result.exit_code == 0, result.output
            db.session.add(Programme(name="Después"))
            db.session.commit()
            other = create_engine(url)
            with other.connect():  # another process's connection: a running server
                refused = runner.invoke(args=["restore", str(archive)])
                assert refused.exit_code == 1 and "open in another process" in refused.output
            other.dispose()
            assert _count(Programme) == 2
            not_a_dump = tmp_path / "notes.dump"
            not_a_dump.write_bytes(b"PGDMP" + b"\x00" * 100)
            result = runner.invoke(args=["restore", str(not_a_dump)])
            assert result.exit_code == 1 and "not a Mesa backup" in result.output
            result = runner.invoke(args=["restore", str(archive)])
            assert result.exit_code == 0, result.output
            assert [p.name for p in db.session.scalars(select(Programme))] == ["Antes"]
            assert db.session.execute(text("SELECT version_num FROM alembic_version")).scalar() == _head()
            db.session.add(Programme(name="Sigue funcionando"))  # sequences came back with the tables
            db.session.commit()
            db.session.remove()
            db.engine.dispose()


def test_a_programme_imports_into_postgres(rich_programme, app):
    from flask_migrate import upgrade

    document = json.loads(json.dumps(programme.export_programme(rich_programme)))
    before = _facts(rich_programme.id)
    with postgres_database("mesa_import") as url:
        target = create_app(make_config(url))
        with target.app_context():
            upgrade(directory=target.extensions["migrate"].directory)
            imported = programme.import_programme(copy.deepcopy(document))
            again = programme.export_programme(imported.programme)
            assert again["schema_revision"] == _head()
            again.pop("exported_at"), again.pop("schema_revision")
            assert again == expected_after_import(document, imported)
            assert _facts(imported.programme.id) == before
            broken = copy.deepcopy(document)
            broken["votes"].append({**broken["votes"][0], "id": 999999})
            with pytest.raises(Exception, match="break a rule of the database"):
                programme.import_programme(broken)
            assert _count(Programme) == 1
            db.session.remove()
            db.engine.dispose()


def test_the_commands_run_from_the_shell_as_documented(demo_db, tmp_path):
    """`flask --app workshop backup FILE`, as docs/operations.md says, finds the factory and the database
    of the environment."""
    database_file = tmp_path / "mesa.sqlite"
    shutil.copy(demo_db, database_file)
    flask = Path(sys.executable).with_name("flask")
    env = {"PATH": str(flask.parent), "WORKSHOP_DATABASE_URL": f"sqlite:///{database_file}",
           "PYTHONWARNINGS": "ignore", "HOME": str(tmp_path)}
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([str(flask), "--app", "workshop", "backup", str(tmp_path / "copy.sqlite")], cwd=root,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Backed up to" in result.stdout and (tmp_path / "copy.sqlite").stat().st_size > 1_000_000
    result = subprocess.run([str(flask), "--app", "workshop", "restore", str(tmp_path / "missing.sqlite")], cwd=root,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "Error: There is no file at" in result.stderr
