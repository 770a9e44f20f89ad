"""The programme report, PDF and DOCX (issue 11): its presentation is counted from the record, the
two formats say the same, each initiative's roadmap is said validated or a draft, and the layout
keeps its meaning (a key figure never wraps, plurals agree, chart labels keep the region, headings
stay with what follows).

Every figure is counted again here from the database — sessions closed and planned, distinct
people who count (removed participants left out) by sector, agreed items by kind and their budget —
and looked for in the text read back from the PDF (pypdf) and the DOCX (python-docx).
"""
from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader
from sqlalchemy import func, select

DEMO_PROGRAMME = 1
SECTORS = ("public", "private", "academic", "civil_society")
SECTOR_NAMES = {"es": {"public": "público", "private": "privado", "academic": "académico",
                       "civil_society": "sociedad civil"},
                "en": {"public": "public", "private": "private", "academic": "academic",
                       "civil_society": "civil society"}}


# --- Reading the documents back ---------------------------------------------------------------------


def words(text: str) -> str:
    """Runs of white space (non-breaking ones too) as one plain space."""
    return " ".join(text.split())


def pdf_pages(body: bytes) -> list[str]:
    assert body.startswith(b"%PDF-")
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


def pdf_text(body: bytes) -> str:
    return " ".join(words(page) for page in pdf_pages(body))


def docx_paragraphs(body: bytes) -> list[str]:
    doc = Document(io.BytesIO(body))
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    return [words(p) for p in paragraphs if p.strip()]


def docx_text(body: bytes) -> str:
    return " ".join(docx_paragraphs(body))


def docx_figures(body: bytes) -> list[tuple[str, str]]:
    """The key figures of a report's DOCX: the first table whose cells each hold a number and its label."""
    doc = Document(io.BytesIO(body))
    for table in doc.tables:
        cells = table.rows[0].cells
        if len(table.rows) == 1 and all(len(c.paragraphs) == 2 for c in cells):
            return [(c.paragraphs[0].text, c.paragraphs[1].text) for c in cells]
    raise AssertionError("no key-figure band in the DOCX")


def es_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def en_int(n: int) -> str:
    return f"{n:,}"


def money(n: int, lang: str) -> str:
    return "S/ " + (es_int(n) if lang == "es" else en_int(n))


def millions(n: int, lang: str) -> str:
    """'S/ 16,2 millones' / 'S/ 16.2 million' (one decimal, none when it is 0)."""
    value = round(n / 1_000_000, 1)
    digits = str(int(value)) if value == int(value) else str(value)
    return f"S/ {digits.replace('.', ',')} millones" if lang == "es" else f"S/ {digits} million"


# --- Counting from the database, independently of the documents' code ---------------------------------


def counts(programme_id: int) -> dict:
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.models import Participant, Session, Stakeholder

    in_programme = select(Initiative.id).where(Initiative.programme_id == programme_id)
    statuses = db.session.scalars(select(Session.status).where(Session.initiative_id.in_(in_programme))).all()
    people = db.session.execute(
        select(Stakeholder.id, Stakeholder.sector).distinct()
        .join(Participant, Participant.stakeholder_id == Stakeholder.id)
        .join(Session, Session.id == Participant.session_id)
        .where(Session.initiative_id.in_(in_programme), Participant.removed_at.is_(None))).all()
    agreed = db.session.scalars(select(Item).where(Item.initiative_id.in_(in_programme), Item.status == "agreed",
                                                   Item.is_archived.is_(False))).all()
    return {"closed": sum(1 for s in statuses if s == "closed"), "planned": len(statuses),
            "people": len(people), "by_sector": {s: sum(1 for _, x in people if x == s) for s in SECTORS},
            "lines": sum(1 for i in agreed if i.kind == "action_line"),
            "reforms": sum(1 for i in agreed if i.kind == "policy_reform"),
            "budget": sum(i.budget_pen or 0 for i in agreed),
            "initiatives": db.session.scalar(select(func.count()).select_from(in_programme.subquery()))}


def expected_figures(c: dict, lang: str) -> list[tuple[str, str]]:
    n = es_int if lang == "es" else en_int
    if lang == "es":
        return [(f"{n(c['closed'])} / {n(c['planned'])}", "Sesiones realizadas / previstas"),
                (n(c["people"]), "Personas participantes"), (n(c["lines"]), "Líneas de acción acordadas"),
                (n(c["reforms"]), "Reformas de política acordadas"),
                (millions(c["budget"], lang), "Presupuesto estimado")]
    return [(f"{n(c['closed'])} / {n(c['planned'])}", "Sessions held / planned"),
            (n(c["people"]), "People taking part"), (n(c["lines"]), "Action lines agreed"),
            (n(c["reforms"]), "Policy reforms agreed"),
            (millions(c["budget"], lang), "Estimated budget")]


def expected_presentation(c: dict, lang: str) -> list[str]:
    n = es_int if lang == "es" else en_int
    names = SECTOR_NAMES[lang]
    sectors = ", ".join(f"{names[s]}: {n(c['by_sector'][s])}" for s in SECTORS)
    if lang == "es":
        return [f"en {n(c['initiatives'])} iniciativas, el programa realizó {n(c['closed'])} de las "
                f"{n(c['planned'])} sesiones previstas.",
                f"Participaron {n(c['people'])} personas distintas ({sectors}).",
                f"Las mesas acordaron {n(c['lines'])} líneas de acción y {n(c['reforms'])} propuestas de reforma de "
                f"políticas públicas, con un presupuesto estimado de {money(c['budget'], lang)}."]
    return [f"in {n(c['initiatives'])} initiatives, the programme held {n(c['closed'])} of the "
            f"{n(c['planned'])} sessions planned.",
            f"{n(c['people'])} distinct people took part ({sectors}).",
            f"The tables agreed {n(c['lines'])} action lines and {n(c['reforms'])} public policy reform proposals, "
            f"with an estimated budget of {money(c['budget'], lang)}."]


@pytest.fixture
def demo(demo_app):
    """(client, staff headers) on a private copy of the demo."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff

    user = create_staff(email="secretaria.informe@example.org", name="Secretaría Informe", role="secretariat",
                        password="correct horse battery")
    return demo_app.test_client(), {"Authorization": f"Bearer {issue_staff_token(user)}"}


def fetch(client, headers, kind: str, lang: str, programme_id: int = DEMO_PROGRAMME) -> bytes:
    response = client.get(f"/api/v1/programmes/{programme_id}/report.{kind}?lang={lang}", headers=headers)
    assert response.status_code == 200, response.data[:300]
    return response.data


# --- The presentation is the record's -------------------------------------------------------------------


def test_the_presentation_is_counted_from_the_record(demo):
    """Sessions held of planned, distinct people by sector, lines and reforms agreed, the budget: the
    presentation and the key figures equal counts made here from the database — also after the record
    changes (a reform agreed, a person removed) — and the typed description stays apart, as the
    programme's own words, with its own figures."""
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.models import Participant
    from workshop.sessions.services import create_session

    client, headers = demo
    # The record moves on: one more reform agreed, with a budget; one participant removed.
    reform = db.session.scalars(select(Item).join(Initiative).where(
        Initiative.programme_id == DEMO_PROGRAMME, Item.kind == "policy_reform", Item.status != "agreed",
        Item.is_archived.is_(False)).order_by(Item.id)).first()
    reform.status, reform.budget_pen = "agreed", 1_234_000
    removed = db.session.scalars(select(Participant).order_by(Participant.id)).first()
    removed.removed_at = datetime.now(timezone.utc)
    db.session.commit()
    # The demo's programme is finished (24 of 24 held); a follow-up session is planned, not yet held.
    initiative = db.session.scalars(select(Initiative).where(Initiative.programme_id == DEMO_PROGRAMME)).first()
    create_session(initiative, phase_number=3, title="Seguimiento de la hoja de ruta", status="scheduled")
    c = counts(DEMO_PROGRAMME)
    assert c["closed"] < c["planned"] and c["people"] and c["lines"] and c["reforms"]

    for lang in ("es", "en"):
        pdf, docx = pdf_text(fetch(client, headers, "pdf", lang)), docx_text(fetch(client, headers, "docx", lang))
        for text in (pdf, docx):
            for sentence in expected_presentation(c, lang):
                assert sentence in text, (lang, sentence)
            for value, label in expected_figures(c, lang):
                assert f"{value} {label}" in text, (lang, value, label)
        assert [(words(v), words(k)) for v, k in docx_figures(fetch(client, headers, "docx", lang))] \
            == expected_figures(c, lang)

    # The programme's own words, apart and after the counted presentation; their figures are theirs.
    pdf = pdf_text(fetch(client, headers, "pdf", "es"))
    own = pdf.index("El programa en sus propias palabras")
    assert pdf.index("Las mesas acordaron") < own < pdf.index("más de 500 actores")
    assert "500" not in pdf[pdf.index("1. Presentación", pdf.index("Contenido") + 40):own]
    assert "pueden diferir de las que da la descripción" in pdf


def test_the_pdf_and_the_docx_carry_the_same_figures(demo):
    """Key figures, the presentation, every row of the results and roadmaps tables and every summary's
    lines: what the DOCX says, the PDF says too, in both languages."""
    client, headers = demo
    for lang in ("es", "en"):
        pdf_body, docx_body = fetch(client, headers, "pdf", lang), fetch(client, headers, "docx", lang)
        pdf = pdf_text(pdf_body)
        figures = docx_figures(docx_body)
        assert len(figures) == 5
        for value, label in figures:
            assert words(f"{value} {label}") in pdf
        paragraphs = docx_paragraphs(docx_body)
        presentation = paragraphs[paragraphs.index("1. " + ("Presentación" if lang == "es" else "Introduction")) + 1]
        assert presentation in pdf
        doc = Document(io.BytesIO(docx_body))
        tables = [t for t in doc.tables if len(t.rows) > 1]
        assert len(tables) >= 3
        for table in tables:
            for row in table.rows[1:]:
                line = words(" ".join(cell.text for cell in row.cells))
                assert line in pdf, (lang, line)
        for marker in ("Proceso:", "Logros:", "Presupuesto estimado de los ítems acordados") if lang == "es" else (
                "Process:", "Achievements:", "Estimated budget of the agreed items"):
            lines = [p for p in paragraphs if p.startswith(marker)]
            assert len(lines) == 8
            for line in lines:
                assert line in pdf


def test_each_initiative_says_whether_its_roadmap_is_validated(demo):
    """Validated (its last version's number and date, while the roadmap still says what that version
    says) or a draft (never validated, or changed since), for every initiative, in the summaries and
    the roadmaps table, in both formats and languages; the presentation counts the validated ones.
    The roadmaps are validated as the secretariat does it, through the API."""
    from workshop.documents.models import RoadmapVersion
    from workshop.extensions import db
    from workshop.programmes.models import Item, Programme

    client, headers = demo
    initiatives = db.session.get(Programme, DEMO_PROGRAMME).initiatives  # in the report's order
    first, second, third = initiatives[:3]

    def validate(initiative) -> None:
        response = client.post(f"/api/v1/initiatives/{initiative.id}/roadmap/versions", headers=headers)
        assert response.status_code == 201, response.get_json()

    def change(initiative) -> None:
        item = db.session.scalars(select(Item).where(Item.initiative_id == initiative.id, Item.status == "agreed")
                                  .order_by(Item.id)).first()
        item.budget_pen = (item.budget_pen or 0) + 1_000
        db.session.commit()

    validate(first)
    change(first)
    validate(first)  # version 2, the roadmap as it is now
    validate(second)
    change(second)  # a draft again: changed since version 1
    validate(third)
    when = datetime(2026, 12, 3, 15, 0, tzinfo=timezone.utc)  # the day printed, whatever today is
    for version in db.session.scalars(select(RoadmapVersion)):
        version.validated_at = when
    db.session.commit()

    lines = {"es": ("Hoja de ruta validada (versión {n}, 3 de diciembre de 2026)",
                    "Hoja de ruta: borrador (cambió después de la versión 1, validada el 3 de diciembre de 2026)",
                    "Hoja de ruta: borrador (aún no validada)", "Hojas de ruta validadas por la secretaría: 2 de 8."),
             "en": ("Roadmap validated (version {n}, December 3, 2026)",
                    "Roadmap: draft (changed since version 1, validated on December 3, 2026)",
                    "Roadmap: draft (not validated yet)", "Roadmaps validated by the secretariat: 2 of 8.")}
    for lang, (validated, changed, draft, total) in lines.items():
        for kind in ("pdf", "docx"):
            body = fetch(client, headers, kind, lang)
            text = pdf_text(body) if kind == "pdf" else docx_text(body)
            assert total in text, (kind, lang)
            # Each initiative's summary, from its heading to the next one.
            names = [f"3.{i} {s.name_en if lang == 'en' and s.name_en else s.name}"
                     for i, s in enumerate(initiatives, start=1)]
            starts = [text.rindex(name) for name in names]
            prefix = validated.split(" (")[0]
            for i, start in enumerate(starts):
                section = text[start:starts[i + 1] if i + 1 < len(starts) else len(text)]
                if i == 0:
                    assert validated.format(n=2) in section and draft not in section, (kind, lang)
                elif i == 1:
                    assert changed in section and prefix not in section, (kind, lang)
                elif i == 2:
                    assert validated.format(n=1) in section and draft not in section, (kind, lang)
                else:
                    assert draft in section and prefix not in section, (kind, lang, i)
    # The roadmaps table: a row per initiative with its state, its last validated version and its date.
    pdf = pdf_text(fetch(client, headers, "pdf", "es"))
    assert f"{first.name} Validada 2 3 dic 2026" in pdf
    assert f"{second.name} Borrador 1 3 dic 2026" in pdf
    assert f"{third.name} Validada 1 3 dic 2026" in pdf
    assert f"{initiatives[3].name} Borrador — —" in pdf


def test_the_budget_key_figure_never_wraps(demo):
    """'S/ 16,2 millones' — the issue's budget, once printed 'S/ 16,2' / 'M' — stays on one line of the
    PDF (and in the DOCX holds no space Word may break at), and so does a far longer amount."""
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item

    client, headers = demo
    agreed = db.session.scalars(select(Item).join(Initiative).where(
        Initiative.programme_id == DEMO_PROGRAMME, Item.status == "agreed", Item.is_archived.is_(False))
        .order_by(Item.id)).all()
    for amount in (16_180_000, 987_654_321_000):
        for item in agreed:
            item.budget_pen = None
        agreed[0].budget_pen = amount
        db.session.commit()
        for lang in ("es", "en"):
            figure = {16_180_000: {"es": "S/ 16,2 millones", "en": "S/ 16.2 million"},
                      987_654_321_000: {"es": "S/ 987,7 mil millones", "en": "S/ 987.7 billion"}}[amount][lang]
            lines = [words(line) for page in pdf_pages(fetch(client, headers, "pdf", lang))
                     for line in page.splitlines()]
            assert any(line == figure for line in lines), (lang, figure)
            assert not any(re.search(r"S/ [\d.,]+ M\b", line) for line in lines)
            value = docx_figures(fetch(client, headers, "docx", lang))[-1][0]
            assert words(value) == figure and " " not in value  # no-break spaces only


def test_plurals_agree_with_their_figure(client, make_session, join, make_staff, token_for):
    """One session of one, one person, one line and one reform: every label in the singular
    ("1 reforma de política acordada"), from the catalogue, in both languages and formats."""
    from workshop.extensions import db
    from workshop.programmes.models import Item

    session = make_session(status="live", items=2)
    join(session, sector="academic")
    from workshop.sessions import services
    services.transition(session, "closed")
    for item in db.session.scalars(select(Item).where(Item.initiative_id == session.initiative_id)):
        item.status, item.budget_pen = "agreed", 250_000
    db.session.commit()
    programme_id = session.initiative.programme_id
    headers = token_for(make_staff("secretariat"))
    for kind in ("pdf", "docx"):
        es = fetch(client, headers, kind, "es", programme_id)
        text = pdf_text(es) if kind == "pdf" else docx_text(es)
        for phrase in ("1 / 1 Sesión realizada / prevista", "1 Persona participante", "1 Línea de acción acordada",
                       "1 Reforma de política acordada", "S/ 500.000 Presupuesto estimado",
                       "en 1 iniciativa, el programa realizó 1 de 1 sesión prevista",
                       "Participó 1 persona distinta (público: 0, privado: 0, académico: 1, sociedad civil: 0)",
                       "Las mesas acordaron 1 línea de acción y 1 propuesta de reforma de políticas públicas"):
            assert phrase in text, (kind, phrase)
        en = fetch(client, headers, kind, "en", programme_id)
        text = pdf_text(en) if kind == "pdf" else docx_text(en)
        for phrase in ("1 / 1 Session held / planned", "1 Person taking part", "1 Action line agreed",
                       "1 Policy reform agreed", "1 distinct person took part", "1 of the 1 session planned"):
            assert phrase in text, (kind, phrase)
        wrong = re.search(r"\b1 (Personas participantes|Líneas de acción acordadas|Reformas de política acordadas|"
                          r"Sesiones realizadas|People taking part|Action lines agreed|Policy reforms agreed)"
                          r"\b(?! \()", text)
        assert not wrong, text[wrong.start() - 80:wrong.end() + 40]


def test_chart_labels_keep_the_region(demo_app):
    """The items-per-initiative chart names every initiative whole (two lines when needed); a name too
    long even for that is shortened in its value chain, never in its region."""
    from workshop.documents import charts, style
    from workshop.documents.report_data import report_facts
    from workshop.documents.report_pdf import W, items_chart, label_lines

    facts = report_facts(DEMO_PROGRAMME, "es")
    labels = [s.text for s in items_chart(facts, W).shapes if isinstance(s, charts.Text)]
    joined = " ".join(labels)
    for summary in facts.initiatives:
        assert summary.name in joined  # whole: "Turismo cultural, natural y de aventura — Lambayeque y La Libertad"
    long = ("Cadena de valor de productos forestales no maderables, ecoturismo comunitario y artesanía "
            "sostenible de la Amazonía — Madre de Dios")
    lines = label_lines(long, "Madre de Dios", 150)
    assert len(lines) == 2 and lines[-1].endswith("… — Madre de Dios")
    assert all(style.text_width(line, charts.LABEL_SIZE) <= 150 for line in lines)


def test_headings_are_kept_with_what_follows(demo):
    """No page of the report ends with a heading (its table, chart or text went to the next page)."""
    client, headers = demo
    headings = {"es": {"Cifras clave", "El programa en sus propias palabras", "Resultados por iniciativa",
                       "Hojas de ruta", "Participantes por sector", "Ítems acordados por iniciativa",
                       "Participantes por sector e iniciativa", "Sesiones por fase", "Ítems por estado",
                       "2. Cifras del programa", "3. Resúmenes por iniciativa"},
                "en": {"Key figures", "The programme in its own words", "Results by initiative", "Roadmaps",
                       "Participants by sector", "Items agreed by initiative", "Participants by sector and initiative",
                       "Sessions per phase", "Items by status", "2. Programme figures", "3. Initiative summaries"}}
    for lang in ("es", "en"):
        pages = pdf_pages(fetch(client, headers, "pdf", lang))
        assert len(pages) >= 10
        for number, page in enumerate(pages[2:], start=3):
            lines = [words(x) for x in page.splitlines() if x.strip()]
            footer = next(i for i, x in enumerate(lines) if re.match(r"(Página|Page) \d+ (de|of) \d+", x))
            last = lines[footer - 1]
            assert last not in headings[lang] and not re.match(r"3\.\d+ ", last), (lang, number, last)
            assert not re.match(r"(Líneas de acción acordadas|Reformas de política acordadas|Action lines agreed|"
                                r"Policy reforms agreed) \(\d+\)$", last), (lang, number, last)


def test_the_docx_says_who_made_it_what_it_is_and_when(demo):
    """Core properties: the report and the programme as title, the institution as author, created
    now (python-docx's template said "python-docx", 2013), the document's language."""
    from workshop.extensions import db
    from workshop.programmes.models import Programme

    client, headers = demo
    programme = db.session.get(Programme, DEMO_PROGRAMME)
    for lang, title in (("es", "Informe del programa"), ("en", "Programme report")):
        response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/report.docx?lang={lang}", headers=headers)
        assert response.status_code == 200
        assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        assert response.headers["Cache-Control"] == "private, no-store"
        stem = "informe-del-programa-1-" if lang == "es" else "programme-report-1-"
        assert f"filename={stem}" in response.headers["Content-Disposition"]
        assert response.headers["Content-Disposition"].endswith(".docx")
        core = Document(io.BytesIO(response.data)).core_properties
        assert core.title == f"{title} — {programme.name}"
        assert core.author == programme.institution == "CONCYTEC"
        assert core.language == lang
        created = core.created if core.created.tzinfo else core.created.replace(tzinfo=timezone.utc)
        assert abs(datetime.now(timezone.utc) - created) < timedelta(minutes=5)


def test_an_unknown_or_empty_programme(client, make_staff, token_for):
    from workshop.programmes import services

    headers = token_for(make_staff("facilitator"))
    missing = client.get("/api/v1/programmes/999999/report.docx", headers=headers)
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/programmes/1/report.docx?lang=fr", headers=headers).status_code == 400
    assert client.get("/api/v1/programmes/1/report.docx").status_code == 401
    programme = services.create_programme({"name": "Programa vacío", "institution": "CONCYTEC"})
    for kind in ("pdf", "docx"):
        body = fetch(client, headers, kind, "es", programme.id)
        text = pdf_text(body) if kind == "pdf" else docx_text(body)
        assert "Este programa aún no tiene iniciativas" in text
        assert "0 / 0 Sesiones realizadas / previstas" in text and "0 Personas participantes" in text
