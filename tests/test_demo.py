"""The demo (issue 12 §6): IVAI 2021–2022 as the case study tells it, played through the services from
the data files in workshop/demo/data/, and a rehearsal programme ready to run live.

The case study's figures are counted here straight from the tables (sessions, participants and
stakeholders, decisions), not through the stats code; then the stats endpoint and the programme
report must say the same. The data files are read here with tomllib, apart from the loader, to
check that every comment was written for its item and every deferred item comes back.
"""
from __future__ import annotations

import shutil
import tomllib
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_report import expected_figures, fetch, pdf_text

from workshop.extensions import db

LIMA = timezone(timedelta(hours=-5))
DATA = Path(__file__).resolve().parent.parent / "workshop" / "demo" / "data"
SECTORS = ("public", "private", "academic", "civil_society")
#: The case study (/work/shared/seed-ivai-case-study.txt, PRODUCT.md).
CASE_STUDY = {"initiatives": 8, "phases": 3, "sessions": 24, "people": 500, "lines": 37, "reforms": 34}


@pytest.fixture
def demo(demo_app):
    """(client, staff headers, the IVAI programme) on a private copy of the demo."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff
    from workshop.programmes.models import Programme

    user = create_staff(email="coordinacion@example.org", name="Coordinación", role="secretariat",
                        password="correct horse battery")
    ivai = db.session.scalar(select(Programme).where(Programme.name == "IVAI 2021–2022"))
    return demo_app.test_client(), {"Authorization": f"Bearer {issue_staff_token(user)}"}, ivai


def _sessions(programme_id: int):
    from workshop.programmes.models import Initiative
    from workshop.sessions.models import Session

    return db.session.scalars(select(Session).join(Initiative).where(Initiative.programme_id == programme_id)
                              .order_by(Session.id)).all()


def _final_decisions(programme_id: int) -> dict[int, tuple[str, str]]:
    """item id → (kind, the outcome of its latest decision), from the decisions table."""
    from workshop.programmes.models import Initiative, Item
    from workshop.voting.models import Decision

    rows = db.session.execute(select(Decision.item_id, Item.kind, Decision.outcome)
                              .join(Item, Item.id == Decision.item_id).join(Initiative)
                              .where(Initiative.programme_id == programme_id)
                              .order_by(Decision.decided_at, Decision.id)).all()
    return {item_id: (kind, outcome) for item_id, kind, outcome in rows}  # the last one wins


def test_the_demo_has_the_case_studys_figures(demo):
    """8 initiatives × 3 phases, 24 sessions held in 2021–2022 in the initiatives' regions, 500+
    distinct people of the four sectors (some in several sessions, each counted once), 37 action
    lines and 34 reform proposals agreed by the tables' latest decisions, some rejected, none left
    deferred; and the stats endpoint and the programme report say the same."""
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.models import Participant, Session, Stakeholder

    client, headers, ivai = demo
    initiatives = db.session.scalars(select(Initiative).where(Initiative.programme_id == ivai.id)).all()
    assert len(initiatives) == CASE_STUDY["initiatives"]
    sessions = _sessions(ivai.id)
    assert len(sessions) == CASE_STUDY["sessions"]
    for initiative in initiatives:
        assert sorted(p.number for p in initiative.phases) == [1, 2, 3]
        held = sorted((s for s in sessions if s.initiative_id == initiative.id), key=lambda s: s.starts_at)
        assert [s.phase.number for s in held] == [1, 2, 3], initiative.name
    for session in sessions:
        assert session.status == "closed" and session.place
        for moment in (session.starts_at, session.started_at, session.ended_at):
            assert moment.astimezone(LIMA).year in (2021, 2022), (session.id, moment)

    rows = db.session.execute(select(Participant.session_id, Stakeholder.id, Stakeholder.sector)
                              .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
                              .join(Session, Session.id == Participant.session_id).join(Initiative)
                              .where(Initiative.programme_id == ivai.id, Participant.removed_at.is_(None))).all()
    people = {stakeholder: sector for _session, stakeholder, sector in rows}
    assert len(people) >= CASE_STUDY["people"]
    assert set(people.values()) == set(SECTORS)
    sessions_of = Counter(stakeholder for _session, stakeholder, _sector in rows)
    assert len(rows) > len(people) and max(sessions_of.values()) == 3  # the core groups came every time
    keys = db.session.execute(select(Stakeholder.name_key, Stakeholder.organisation_key)
                              .where(Stakeholder.id.in_(list(people)))).all()
    assert len(set(keys)) == len(keys)  # nobody is two stakeholders

    final = _final_decisions(ivai.id)
    outcomes = Counter(final.values())
    assert outcomes[("action_line", "agreed")] == CASE_STUDY["lines"]
    assert outcomes[("policy_reform", "agreed")] == CASE_STUDY["reforms"]
    assert outcomes[("action_line", "rejected")] and outcomes[("policy_reform", "rejected")]
    assert not any(outcome == "deferred" for _kind, outcome in final.values())
    statuses = dict(db.session.execute(select(Item.id, Item.status).join(Initiative)
                                       .where(Initiative.programme_id == ivai.id)).all())
    assert {item_id: outcome for item_id, (_kind, outcome) in final.items()} == statuses  # every item decided

    stats = client.get(f"/api/v1/programmes/{ivai.id}/stats", headers=headers).get_json()
    assert stats["sessions"]["total"] == stats["sessions"]["closed"] == CASE_STUDY["sessions"]
    assert stats["stakeholders"]["total"] == len(people)
    assert stats["stakeholders"]["by_sector"] == {s: sum(1 for x in people.values() if x == s) for s in SECTORS}
    assert stats["items"]["action_line"]["agreed"] == CASE_STUDY["lines"]
    assert stats["items"]["policy_reform"]["agreed"] == CASE_STUDY["reforms"]

    budget = sum(db.session.scalars(select(Item.budget_pen).where(Item.id.in_(
        [i for i, (_k, outcome) in final.items() if outcome == "agreed"]))))
    counted = {"closed": 24, "planned": 24, "people": len(people), "lines": 37, "reforms": 34, "budget": budget}
    for lang in ("es", "en"):
        text = pdf_text(fetch(client, headers, "pdf", lang, programme_id=ivai.id))
        for value, label in expected_figures(counted, lang):
            assert f"{value} {label}" in text, (lang, value, label)


def test_eight_summaries_one_per_initiative(demo):
    """The case study's eight summaries: each initiative's summary document, from the data."""
    from workshop.programmes.models import Initiative

    client, headers, ivai = demo
    initiatives = db.session.scalars(select(Initiative).where(Initiative.programme_id == ivai.id)).all()
    summaries = [client.get(f"/api/v1/initiatives/{i.id}/summary.pdf", headers=headers) for i in initiatives]
    assert [r.status_code for r in summaries] == [200] * 8
    for initiative, response in zip(initiatives, summaries):
        assert initiative.summary and initiative.summary.split()[0] in pdf_text(response.data)


def _data_comments() -> dict[tuple[str, int, str], list[str]]:
    """(initiative name, phase, item code) → the comments its data file writes for that item there."""
    said = defaultdict(list)
    programme = tomllib.loads((DATA / "ivai" / "programme.toml").read_text())
    for name in programme["initiatives"]:
        data = tomllib.loads((DATA / "ivai" / name).read_text())
        for session in data["sessions"]:
            for entry in session["agenda"]:
                said[(data["name"], session["phase"], entry["item"])] += [c["text"] for c in entry.get("comments", [])]
    return said


def test_every_comment_was_written_for_its_item(demo):
    """Each comment is on an item its session had on its agenda, and is one the data wrote for that
    item in that session (no comment attached at random); its up-votes are rows, as many as written."""
    from workshop.programmes.models import Item
    from workshop.sessions.models import AgendaEntry, Comment, CommentUpvote

    _client, _headers, ivai = demo
    said = _data_comments()
    sessions = {s.id: s for s in _sessions(ivai.id)}
    comments = db.session.scalars(select(Comment).where(Comment.session_id.in_(list(sessions)))).all()
    assert len(comments) == sum(len(texts) for texts in said.values()) > 200
    for comment in comments:
        session = sessions[comment.session_id]
        assert comment.item_id is not None
        on_agenda = db.session.scalar(select(func.count(AgendaEntry.id)).where(
            AgendaEntry.session_id == session.id, AgendaEntry.item_id == comment.item_id))
        assert on_agenda == 1, comment.body
        item = db.session.get(Item, comment.item_id)
        assert comment.body in said[(session.initiative.name, session.phase.number, item.code)], comment.body
    upvotes = dict(db.session.execute(select(CommentUpvote.comment_id, func.count()).group_by(
        CommentUpvote.comment_id)).all())
    assert all(upvotes.get(c.id, 0) == c.upvotes for c in comments) and sum(upvotes.values()) > 300
    assert any(c.is_pinned for c in comments)


def test_every_deferred_item_is_decided_in_a_later_phase(demo):
    """An item the table deferred is on the agenda of a later phase's session of its initiative, and
    decided there (agreed or rejected)."""
    from workshop.sessions.models import AgendaEntry, Session
    from workshop.voting.models import Decision

    _client, _headers, ivai = demo
    sessions = {s.id: s for s in _sessions(ivai.id)}
    deferred = db.session.scalars(select(Decision).where(Decision.outcome == "deferred",
                                                         Decision.session_id.in_(list(sessions)))).all()
    assert len(deferred) >= 8
    for decision in deferred:
        phase = sessions[decision.session_id].phase.number
        later = db.session.scalars(select(Decision).join(Session, Session.id == Decision.session_id).where(
            Decision.item_id == decision.item_id, Decision.decided_at > decision.decided_at)).all()
        assert later and all(sessions[d.session_id].phase.number > phase for d in later), decision.item_id
        assert later[-1].outcome in ("agreed", "rejected")
        assert db.session.scalar(select(func.count(AgendaEntry.id)).where(
            AgendaEntry.session_id == later[-1].session_id, AgendaEntry.item_id == decision.item_id)) == 1
        assert decision.reason and later[-1].reason  # the minutes say why, both times


def test_decisions_follow_the_votes_or_say_why(demo):
    """Every decision refers to a closed round of its session; where it differs from what the rules
    computed (a deferral), it carries the table's reason."""
    from workshop.voting.models import Decision, Round

    _client, _headers, ivai = demo
    sessions = {s.id for s in _sessions(ivai.id)}
    decisions = db.session.scalars(select(Decision).where(Decision.session_id.in_(list(sessions)))).all()
    assert len(decisions) > 150
    for decision in decisions:
        round_ = db.session.get(Round, decision.round_id)
        assert round_.state == "closed" and round_.session_id == decision.session_id
        if decision.outcome != decision.computed_outcome:
            assert decision.reason, decision.id


def test_the_rehearsal_is_ready_to_run_live(demo):
    """A second programme with one session scheduled for today, seven items on its agenda, nobody
    joined yet: what `make run` offers to start."""
    from workshop.programmes.models import Programme
    from workshop.sessions.models import Participant

    _client, _headers, _ivai = demo
    rehearsal = db.session.scalar(select(Programme).where(Programme.name == "Ensayo — cadena de la quinua"))
    (initiative,) = rehearsal.initiatives
    (session,) = initiative.sessions
    assert session.status == "scheduled" and len(session.agenda) == 7 and session.join_code
    assert session.starts_at.astimezone(LIMA).date() == datetime.now(LIMA).date()
    assert not db.session.scalar(select(func.count(Participant.id)).where(Participant.session_id == session.id))
    assert [e.item.code for e in session.agenda] == ["LA-1", "LA-2", "LA-3", "LA-4", "RP-1", "RP-2", "RP-3"]
    assert all(e.item.title_en and e.item.lead_institution and e.item.indicator for e in session.agenda)


# --- The data files fail loudly ----------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path):
    """A copy of the IVAI data folder to spoil, and a function that reads it back."""
    from workshop.demo.data import read_programme

    folder = tmp_path / "ivai"
    shutil.copytree(DATA / "ivai", folder)

    def edit(name: str, old: str, new: str, count: int = 1) -> None:
        path = folder / name
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new, count))

    return folder, edit, lambda: read_programme(folder)


def _line_of(path: Path, needle: str, nth: int = 0) -> int:
    lines = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if needle in line]
    return lines[nth]


def test_the_data_files_as_they_are_load(app):
    from workshop.demo.data import programme_folders, read_programme

    for folder in programme_folders():
        assert read_programme(folder)["initiatives"]


def test_a_bad_item_is_refused_with_its_file_line_and_key(app, copy):
    from workshop.demo.data import DataError

    folder, edit, read = copy
    edit("3-superfruits.toml", "budget_pen = 6200000", 'budget_pen = "mucho"')
    with pytest.raises(DataError) as caught:
        read()
    message = str(caught.value)
    line = _line_of(folder / "3-superfruits.toml", "[[items]]", 2)
    assert message.startswith(f"3-superfruits.toml:{line} items[2] (LA-3): budget_pen:"), message


def test_a_misspelt_key_is_refused_not_ignored(app, copy):
    from workshop.demo.data import DataError

    folder, edit, read = copy
    edit("1-pisco.toml", "lead_institution = ", "lead_insitution = ")
    with pytest.raises(DataError, match=r"^1-pisco.toml:\d+ items\[0\] \(LA-1\): .*lead_insitution: Unknown field"):
        read()


def test_a_deferred_item_must_come_back(app, copy):
    from workshop.demo.data import DataError

    folder, edit, read = copy
    text = (folder / "5-andean-grains.toml").read_text()
    phase3 = text.index("phase = 3")
    entry = text.index('item = "LA-6"', phase3)  # deferred in phase 2, decided in phase 3
    start = text.rindex("[[sessions.agenda]]", 0, entry)
    end = text.index("[[sessions.agenda]]", entry)
    (folder / "5-andean-grains.toml").write_text(text[:start] + text[end:])
    with pytest.raises(DataError, match=r"5-andean-grains.toml:\d+ sessions\[1\] \(phase 2\) agenda\[5\]: LA-6 is "
                                        r"deferred: it must be on a later session's agenda"):
        read()


def test_unknown_items_staff_and_broken_toml_are_refused(app, copy):
    from workshop.demo.data import DataError

    folder, edit, read = copy
    edit("8-tourism.toml", 'item = "RP-6"', 'item = "RP-60"')
    with pytest.raises(DataError, match=r"8-tourism.toml:\d+ sessions\[0\] \(phase 1\) agenda\[12\]: item 'RP-60' is "
                                        "not in this file's items"):
        read()
    edit("8-tourism.toml", 'item = "RP-60"', 'item = "RP-6"')
    edit("8-tourism.toml", 'facilitator = "', 'facilitator = "nadie@example.org", x = "')
    with pytest.raises(DataError, match=r"8-tourism.toml: is not valid TOML: .*line \d+"):
        read()


def test_votes_that_contradict_the_decision_fail_the_load(app, copy):
    """The rules, not the data, compute the result: a decision the votes do not give, without a
    reason, stops the load at that item."""
    from workshop.demo.data import DataError
    from workshop.demo.loader import _quiet, _unlimited_joins, play

    folder, edit, _read = copy
    programme = (folder / "programme.toml").read_text()
    (folder / "programme.toml").write_text(programme.replace('  "2-mining', '#  "2-mining').replace(
        '  "3-', '#  "3-').replace('  "4-', '#  "4-').replace('  "5-', '#  "5-').replace('  "6-', '#  "6-')
        .replace('  "7-', '#  "7-').replace('  "8-', '#  "8-'))
    text = (folder / "1-pisco.toml").read_text()
    phase2 = text.index("phase = 2")
    first_vote = text.index("vote = {", phase2)
    end = text.index("}", first_vote)
    (folder / "1-pisco.toml").write_text(text[:first_vote] + 'vote = { public = 0.2, private = 0.2, academic = 0.2, '
                                         'civil_society = 0.2 }' + text[end + 1:])
    with _quiet(), _unlimited_joins(), pytest.raises(DataError) as caught:
        play(folder, {}, datetime.now(LIMA).date())
    assert str(caught.value).startswith("1-pisco.toml sessions[1] (phase 2) agenda[0] (LA-1): the votes give "
                                        "'rejected' under the round's rule, the data decides 'agreed'"), caught.value
