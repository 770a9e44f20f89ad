"""The summary of an initiative (issue 11, part 3) — the case study's "eight summaries, one per
initiative, outlining process and achievements" — in PDF and DOCX, read back and checked against
the database, counted here independently of `documents.summary_data`."""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from pypdf import PdfReader
from sqlalchemy import select
from test_documents import docx_text, pdf_pages, pdf_text, words
from test_escaping import EVIL, MARKUP, pdf_links, world  # noqa: F401 - world is a fixture

from workshop.documents.text import label, money

DEMO_INITIATIVE = 5  # Granos andinos — Ayacucho: pinned comments on items voted anonymously and by name


@pytest.fixture
def demo(demo_app):
    """(client, staff headers) on a private copy of the demo."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff

    user = create_staff(email="secretaria.resumen@example.org", name="Secretaría Resumen", role="secretariat",
                        password="correct horse battery")
    return demo_app.test_client(), {"Authorization": f"Bearer {issue_staff_token(user)}"}


def _counted(initiative_id: int) -> dict:
    """What the summary must say, counted straight from the tables."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions.models import Comment, Participant, Session, Stakeholder
    from workshop.voting.models import Round, RoundItem

    sessions = db.session.scalars(select(Session).where(Session.initiative_id == initiative_id)).all()
    people = db.session.execute(
        select(Stakeholder.id, Stakeholder.sector, Stakeholder.organisation).distinct()
        .join(Participant, Participant.stakeholder_id == Stakeholder.id)
        .join(Session, Session.id == Participant.session_id)
        .where(Session.initiative_id == initiative_id, Participant.removed_at.is_(None))).all()
    orgs = defaultdict(set)
    for _sid, sector, organisation in people:
        orgs[sector].add(" ".join(organisation.casefold().split()))
    items = db.session.scalars(select(Item).where(Item.initiative_id == initiative_id,
                                                  Item.is_archived.is_(False))).all()
    agreed = [i for i in items if i.status == "agreed"]
    pinned = db.session.execute(
        select(Comment, Stakeholder.name, Stakeholder.organisation)
        .join(Session, Session.id == Comment.session_id)
        .join(Participant, Participant.id == Comment.participant_id)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Session.initiative_id == initiative_id, Comment.is_pinned.is_(True), Comment.is_hidden.is_(False),
               Participant.removed_at.is_(None))).all()
    anonymous_pairs = set(db.session.execute(
        select(Round.session_id, RoundItem.item_id).join(RoundItem, RoundItem.round_id == Round.id)
        .where(Round.is_anonymous.is_(True))).all())
    return {
        "held": sum(1 for s in sessions if s.status == "closed"),
        "people": len(people),
        "by_sector": Counter(sector for _sid, sector, _org in people),
        "orgs": {s: len(v) for s, v in orgs.items()},
        "agreed": agreed,
        "by_kind": Counter(i.kind for i in agreed),
        "budget": sum(i.budget_pen or 0 for i in agreed),
        "deferred": [i for i in items if i.status == "deferred"],
        "pinned": [(c, name, org, (c.session_id, c.item_id) in anonymous_pairs) for c, name, org in pinned],
    }


def test_the_summary_says_what_the_database_holds_in_both_languages(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.services import create_session

    client, headers = demo
    initiative = db.session.get(Initiative, DEMO_INITIATIVE)
    # The demo's programme is finished; the record moves on: the table takes back a rejected item
    # (deferred) and plans a follow-up session, so the summary has next steps to tell.
    taken_back = db.session.scalars(select(Item).where(Item.initiative_id == DEMO_INITIATIVE,
                                                       Item.status == "rejected").order_by(Item.id)).first()
    taken_back.status = "deferred"
    db.session.commit()
    create_session(initiative, phase_number=3, title="Seguimiento de la hoja de ruta", status="scheduled",
                   starts_at=datetime.now(timezone.utc) + timedelta(days=30))
    want = _counted(DEMO_INITIATIVE)
    assert want["held"] and want["people"] and want["deferred"]
    anonymous = [p for p in want["pinned"] if p[3]]
    named = [p for p in want["pinned"] if not p[3]]
    assert anonymous and named  # the demo has both kinds of pinned comment

    for lang in ("es", "en"):
        response = client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/summary.pdf?lang={lang}", headers=headers)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        stem = "resumen-de-la-iniciativa" if lang == "es" else "initiative-summary"
        assert f"{stem}-5-" in response.headers["Content-Disposition"]
        docx = client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/summary.docx?lang={lang}", headers=headers)
        assert docx.status_code == 200 and f"{stem}-5-" in docx.headers["Content-Disposition"]
        assert 2 <= pdf_pages(response.data) <= 4
        for fmt, text in (("pdf", pdf_text(response.data)), ("docx", docx_text(docx.data))):
            where = (lang, fmt)
            name = initiative.name_en if lang == "en" else initiative.name
            assert name in text and initiative.region in text and initiative.programme.name in text, where
            held, people = ("Sesiones realizadas", "Personas distintas") if lang == "es" else (
                "Sessions held", "Distinct people")
            assert f"{want['held']} {held}" in text, where
            assert f"{want['people']} {people}" in text, where
            # Participation by sector: people and organisations, each sector's row as the table prints it.
            for sector in ("public", "private", "academic", "civil_society"):
                n = want["by_sector"].get(sector, 0)
                share = n / want["people"]
                pct = f"{round(share * 100, 1):g}".replace(".", ",") + " %" if lang == "es" else \
                    f"{round(share * 100, 1):g}%"
                row = f"{label('sectors', sector, lang)} {n} {pct} {want['orgs'].get(sector, 0)}"
                assert row in text, (where, row)
            # The achievements: agreed items by kind, each with code, title and lead; the budget.
            lines, reforms = want["by_kind"]["action_line"], want["by_kind"]["policy_reform"]
            heading = ("Líneas de acción acordadas", "Propuestas de reforma de política acordadas") if lang == "es" \
                else ("Action lines agreed", "Policy reform proposals agreed")
            assert f"{heading[0]} ({lines})" in text and f"{heading[1]} ({reforms})" in text, where
            for item in want["agreed"]:
                title = item.title_en if lang == "en" else item.title
                assert item.code in text and words(title) in text and words(item.lead_institution) in text, \
                    (where, item.code)
            assert words(money(want["budget"], lang)) in text, where
            for item in want["deferred"]:
                assert f"{item.code} · " in text, where
            # Voices: every pinned visible comment, quoted; credited only when not anonymous.
            for comment, author, organisation, secret in want["pinned"]:
                assert f"“{words(comment.body)}”" in text, (where, comment.id)
            for _c, author, organisation, _secret in named:
                assert f"— {author}, {organisation} · " in text, where
            credited = {author for _c, author, _o, _s in named}
            for _c, author, organisation, _secret in anonymous:
                if author not in credited:
                    assert author not in text, (where, author)
            anonymous_credit = "Una persona participante (votación anónima)" if lang == "es" else \
                "A participant (anonymous vote)"
            assert text.count(anonymous_credit) == len({words(c.body) for c, *_ in anonymous}), where
            # Next steps: the scheduled session.
            assert ("Próxima sesión: fase 3" if lang == "es" else "Next session: phase 3") in text, where


def test_every_demo_summary_is_two_to_four_pages_in_both_languages(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Programme

    client, headers = demo
    ids = db.session.scalars(select(Initiative.id).join(Programme).where(Programme.name == "IVAI 2021–2022")).all()
    assert len(ids) == 8
    for initiative_id in ids:
        for lang in ("es", "en"):
            body = client.get(f"/api/v1/initiatives/{initiative_id}/summary.pdf?lang={lang}", headers=headers).data
            assert 2 <= pdf_pages(body) <= 4, (initiative_id, lang, pdf_pages(body))


def test_the_files_say_who_publishes_them_what_they_are_and_in_which_language(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Initiative

    client, headers = demo
    initiative = db.session.get(Initiative, DEMO_INITIATIVE)
    institution = initiative.programme.institution
    for lang, title in (("es", "Resumen de la iniciativa"), ("en", "Initiative summary")):
        name = initiative.name_en if lang == "en" else initiative.name
        body = client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/summary.pdf?lang={lang}", headers=headers).data
        reader = PdfReader(io.BytesIO(body))
        meta = reader.metadata
        assert meta.title == f"{title} — {name}" and meta.author == institution
        assert name in meta.subject and initiative.programme.name in meta.subject
        assert reader.trailer["/Root"]["/Lang"] == lang
        core = Document(io.BytesIO(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/summary.docx?lang={lang}",
                                              headers=headers).data)).core_properties
        assert core.title == meta.title and core.author == institution and core.subject == meta.subject
        assert core.language == lang
        assert abs((core.created.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)).total_seconds()) < 600
    # The DOCX carries the participation chart as a picture.
    doc = Document(io.BytesIO(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/summary.docx",
                                         headers=headers).data))
    assert len(doc.inline_shapes) == 1


@pytest.fixture
def room(app, make_session, join, make_staff, token_for):
    """A closed session: item 1 voted by name, item 2 anonymously; pinned comments on both, by people
    whose names appear nowhere else in a summary; and comments a summary must leave out."""
    from workshop.extensions import db
    from workshop.sessions import discussion, participants
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=2)
    first, second = [entry.item_id for entry in session.agenda]
    nora, _ = join(session, sector="public", name="Nora Nominal", organisation="Municipalidad Nominal")
    ana, _ = join(session, sector="academic", name="Ana Anónima", organisation="Organización Secreta")
    gone, _ = join(session, sector="private", name="Gina Retirada", organisation="Empresa Borrada")
    named = voting.create_round(session, item_ids=[first], method="approve", anonymous=False)
    voting.open_round(named)
    voting.cast_vote(nora, named.id, "approve", "n1")
    voting.close_round(named)
    secret = voting.create_round(session, item_ids=[second], method="approve", anonymous=True)
    voting.open_round(secret)
    voting.cast_vote(ana, secret.id, "reject", "a1")
    voting.close_round(secret)
    said = {
        "named": discussion.add_comment(nora, "Dicho por Nora & <b>R&D</b> <a href='http://x.test/'>aquí</a>",
                                        item_id=first),
        "secret": discussion.add_comment(ana, "Dicho por Ana: que no se sepa", item_id=second),
        "hidden": discussion.add_comment(nora, "Comentario oculto y destacado", item_id=first),
        "plain": discussion.add_comment(nora, "Comentario sin destacar", item_id=first),
        "removed": discussion.add_comment(gone, "Comentario de alguien retirado", item_id=first),
    }
    for key in ("named", "secret", "hidden", "removed"):
        discussion.moderate(session.id, said[key].id, hidden=key == "hidden", pinned=True)
    participants.remove(session, gone.id, "se unió por error")
    sessions.transition(session, "closed")
    db.session.commit()
    return session, token_for(make_staff("secretariat"))


def test_voices_are_pinned_visible_comments_credited_only_when_not_anonymous(client, room):
    session, headers = room
    base = f"/api/v1/initiatives/{session.initiative_id}"
    for lang in ("es", "en"):
        pdf = client.get(f"{base}/summary.pdf?lang={lang}", headers=headers)
        docx = client.get(f"{base}/summary.docx?lang={lang}", headers=headers)
        assert pdf.status_code == docx.status_code == 200
        anonymous_credit = "Una persona participante (votación anónima)" if lang == "es" else \
            "A participant (anonymous vote)"
        for fmt, text in (("pdf", pdf_text(pdf.data)), ("docx", docx_text(docx.data))):
            where = (lang, fmt)
            # The markup of a comment is printed as typed, never obeyed.
            assert "“Dicho por Nora & <b>R&D</b> <a href='http://x.test/'>aquí</a>”" in text, where
            assert "— Nora Nominal, Municipalidad Nominal · " in text, where
            assert "“Dicho por Ana: que no se sepa”" in text, where
            assert f"— {anonymous_credit} · " in text, where
            # Ana's name nowhere; her organisation once, in the list of organisations taking part.
            assert "Ana Anónima" not in text and text.count("Organización Secreta") == 1, where
            for left_out in ("Comentario oculto", "Comentario sin destacar", "Comentario de alguien retirado",
                             "Gina Retirada"):
                assert left_out not in text, (where, left_out)
            # One session held, two people who count (the removed one left out).
            # The labels under the key figures agree with them.
            assert ("1 Sesión realizada" if lang == "es" else "1 Session held") in text, where
            people = "2 Personas distintas" if lang == "es" else "2 Distinct people"
            assert people in text, where
        assert not [a for page in PdfReader(io.BytesIO(pdf.data)).pages
                    for a in (page.get("/Annots") or [])], "a comment's markup made a link"


def test_an_empty_initiative_gets_a_valid_summary_that_says_so(client, make_programme, make_staff, token_for):
    _programme, initiative = make_programme(items=0)
    headers = token_for(make_staff("facilitator"))
    for lang, says in (("es", "Esta iniciativa aún no tiene sesiones ni ítems"),
                       ("en", "This initiative has no sessions or items yet")):
        pdf = client.get(f"/api/v1/initiatives/{initiative.id}/summary.pdf?lang={lang}", headers=headers)
        assert pdf.status_code == 200 and says in pdf_text(pdf.data)
        docx = client.get(f"/api/v1/initiatives/{initiative.id}/summary.docx?lang={lang}", headers=headers)
        assert docx.status_code == 200 and says in docx_text(docx.data)


def test_unknown_initiative_is_404_bad_language_400_and_anonymous_callers_401(client, make_programme, make_staff,
                                                                              token_for):
    _programme, initiative = make_programme(items=1)
    headers = token_for(make_staff("secretariat"))
    for ending in ("summary.pdf", "summary.docx"):
        missing = client.get(f"/api/v1/initiatives/999999/{ending}", headers=headers)
        assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
        bad = client.get(f"/api/v1/initiatives/{initiative.id}/{ending}?lang=fr", headers=headers)
        assert bad.status_code == 400
        assert client.get(f"/api/v1/initiatives/{initiative.id}/{ending}").status_code == 401


def test_the_initiative_page_offers_the_summary_beside_the_roadmap(app, make_programme, logged_in):
    _programme, initiative = make_programme(items=1)
    page = logged_in("secretariat").get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    roadmap = page.index(f"/api/v1/initiatives/{initiative.id}/roadmap.pdf")
    for ending in ("summary.pdf?lang=es", "summary.pdf?lang=en", "summary.docx?lang=es", "summary.docx?lang=en"):
        assert page.index(f"/api/v1/initiatives/{initiative.id}/{ending}") > roadmap
    assert page.index('id="summary"') < page.index("<h2>Sesiones</h2>")


def test_awkward_text_in_every_field_is_printed_as_typed(client, world):  # noqa: F811 - the fixture
    """test_escaping's world (markup, formulas, RTL marks, emoji, controls, 10,000 characters in every text
    field), its comments pinned: both summaries in both languages are a 200 with the text as typed."""
    from workshop.extensions import db
    from workshop.sessions.models import Comment

    ids, headers, _used = world
    db.session.execute(db.update(Comment).values(is_pinned=True))
    db.session.commit()
    base = f"/api/v1/initiatives/{ids['initiative']}"
    for lang in ("es", "en"):
        pdf = client.get(f"{base}/summary.pdf?lang={lang}", headers=headers)
        docx = client.get(f"{base}/summary.docx?lang={lang}", headers=headers)
        assert pdf.status_code == 200 and docx.status_code == 200, (pdf.data[:300], docx.data[:300])
        assert not [uri for uri in pdf_links(pdf.data) if EVIL in uri]
        for text in (pdf_text(pdf.data), docx_text(docx.data)):
            for sample in MARKUP:
                assert words(sample) in text, (lang, sample)
            assert "CtrlNUL end" in text, lang  # the controls dropped, the rest printed


def test_next_steps_give_the_first_steps_with_their_year_leads_and_the_deferred_items(client, make_programme,
                                                                                       make_staff, token_for):
    """A programme that sets its start year dates the short term (start + short_horizon_years); the first
    steps are the agreed short-term items with their leads; deferred items say why (or that no reason
    was recorded); the acknowledgement closes the document."""
    from workshop.extensions import db

    programme, initiative = make_programme(items=3)
    programme.start_year, programme.short_horizon_years = 2022, 3
    programme.acknowledgement, programme.acknowledgement_en = "Con el apoyo del Banco Mundial.", "With the World Bank."
    first, medium, later = initiative.items
    first.status, first.horizon, first.lead_institution = "agreed", "short", "INIA Ayacucho"
    medium.status, medium.horizon, medium.lead_institution = "agreed", "medium", "MIDAGRI"
    later.status = "deferred"
    db.session.commit()
    headers = token_for(make_staff("secretariat"))
    for lang, short, no_reason, thanks in (
            ("es", "Primeros pasos: Corto plazo (hasta 2025)", "No se registró el motivo.",
             "Con el apoyo del Banco Mundial."),
            ("en", "First steps: Short term (by 2025)", "No reason was recorded.", "With the World Bank.")):
        for ending, read in (("pdf", pdf_text), ("docx", docx_text)):
            text = read(client.get(f"/api/v1/initiatives/{initiative.id}/summary.{ending}?lang={lang}",
                                   headers=headers).data)
            assert short in text, (lang, ending)
            assert f"{first.code} · {first.title} — INIA Ayacucho" in text, (lang, ending)
            assert f"{medium.code} · {medium.title} — MIDAGRI" not in text, (lang, ending)  # not a first step
            assert f"{later.code} · {later.title}: {no_reason}" in text, (lang, ending)
            assert thanks in text, (lang, ending)
