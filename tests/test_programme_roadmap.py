"""The programme roadmap (PDF, DOCX, XLSX) and the programme's data workbook (issue 11, parts 4–5).

Every document is read back — pypdf, python-docx, openpyxl — and its figures are checked against
counts made here, independently, from the database: the agreed items, the totals by axis,
horizon, lead institution and budget source with their budget sums, the reforms grouped by the
institution that must act (spellings that differ only by case or spaces are one institution), the
sessions, participation, decisions and rounds. Numbers are stored as numbers, shares as numbers
with a percent format, times as dates; no cell is a formula; small anonymous cells are withheld;
removed participants are out and merged duplicates count once.
"""
from __future__ import annotations

import io
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select
from test_escaping import EVIL, FORMULAS, LONG_WORD, MARKUP, MIX, docx_text, pdf_links, world  # noqa: F401

DEMO_PROGRAMME = 1
HORIZONS_ES = {"short": "Corto plazo (hasta 2024)", "medium": "Mediano plazo (hasta 2027)",
               "long": "Largo plazo (hasta 2032)", None: "Sin horizonte"}
HORIZONS_EN = {"short": "Short term (by 2024)", "medium": "Medium term (by 2027)", "long": "Long term (by 2032)",
               None: "No horizon"}
SOURCES_ES = {"public": "Pública", "private": "Privada", "mixed": "Mixta", None: "Sin especificar"}


def words(text: str) -> str:
    return " ".join(text.split())


def norm(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    return " ".join(words(page.extract_text()) for page in PdfReader(io.BytesIO(body)).pages)


def rows_of(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def demo(demo_app):
    """(client, staff headers) on a private copy of the demo, with the issue-11 fields filled in: a
    start year, budget sources and price years, indicators as baseline → target; one lead
    institution spelt two ways; an agreed item without axis, one without horizon, one without budget."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff
    from workshop.extensions import db
    from workshop.programmes.models import Item, Programme

    programme = db.session.get(Programme, DEMO_PROGRAMME)
    programme.start_year = 2022
    items = db.session.scalars(select(Item).join(Item.initiative).where(
        Item.initiative.has(programme_id=DEMO_PROGRAMME)).order_by(Item.id)).all()
    sources = ["public", "private", "mixed", None]
    for n, item in enumerate(items):
        item.budget_source = sources[n % 4]
        item.budget_price_year = 2022 + n % 2 if item.budget_pen is not None else None
        item.baseline, item.target, item.target_year = f"{n} %", f"{n + 10} %", 2027
        item.verification = "Informe anual del Gobierno Regional"
    agreed = [i for i in items if i.status == "agreed" and not i.is_archived]
    reforms = [i for i in agreed if i.kind == "policy_reform"]
    reforms[0].lead_institution = "Ministerio de la Producción (PRODUCE)"
    reforms[1].lead_institution = "  ministerio de la  producción (produce) "
    reforms[2].lead_institution = "MINISTERIO DE LA PRODUCCIÓN (PRODUCE)"
    lines = [i for i in agreed if i.kind == "action_line"]
    lines[0].axis, lines[0].axis_en = "", ""
    lines[1].horizon = None
    lines[2].budget_pen = None
    db.session.commit()
    user = create_staff(email="secretaria.hoja@example.org", name="Secretaría", role="secretariat",
                        password="correct horse battery")
    return demo_app.test_client(), {"Authorization": f"Bearer {issue_staff_token(user)}"}


def _agreed():
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item

    return db.session.execute(
        select(Item, Initiative).join(Initiative, Initiative.id == Item.initiative_id)
        .where(Initiative.programme_id == DEMO_PROGRAMME, Item.status == "agreed", Item.is_archived.is_(False))
    ).all()


def _expected_totals(agreed) -> dict[str, dict[str, tuple[int, int, int, int, int]]]:
    """Per grouping, label → (items, action lines, reforms, budget sum, not estimated), counted here."""
    groups: dict[str, dict] = {k: defaultdict(list) for k in ("axis", "horizon", "lead", "source")}
    lead_names: dict[str, list[str]] = defaultdict(list)
    for item, _initiative in agreed:
        groups["axis"][(" ".join(item.axis.split()) or "Sin eje asignado")].append(item)
        groups["horizon"][HORIZONS_ES[item.horizon]].append(item)
        groups["lead"][norm(item.lead_institution)].append(item)
        lead_names[norm(item.lead_institution)].append(" ".join(item.lead_institution.split()))
        groups["source"][SOURCES_ES[item.budget_source]].append(item)
    out = {}
    for code, by in groups.items():
        out[code] = {}
        for key, items in by.items():
            label = key
            if code == "lead":
                names = Counter(lead_names[key])
                label = max(names, key=lambda n: (names[n], -lead_names[key].index(n))) if key else \
                    "Sin institución líder"
            out[code][label] = (len(items), sum(i.kind == "action_line" for i in items),
                                sum(i.kind == "policy_reform" for i in items),
                                sum(i.budget_pen or 0 for i in items), sum(i.budget_pen is None for i in items))
    return out


def _assert_typed(wb) -> None:
    """No formula anywhere; every header row frozen; every column given a width."""
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.column_dimensions["A"].width and ws.column_dimensions["B"].width, ws.title
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_programme_roadmap_xlsx_has_every_agreed_item_and_totals_counted_from_the_database(demo):
    client, headers = demo
    response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/roadmap.xlsx", headers=headers)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "hoja-de-ruta-del-programa-1-" in response.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames == ["Programa", "Ítems acordados", "Reformas por institución", "Por eje", "Por horizonte",
                             "Por institución líder", "Por fuente"]
    _assert_typed(wb)
    assert wb.properties.creator == "CONCYTEC" and wb.properties.language == "es"
    assert wb.properties.title.startswith("Hoja de ruta del programa")
    agreed = _agreed()

    # Items: every agreed item, with its horizon's year and typed figures.
    ws = wb["Ítems acordados"]
    header = [c.value for c in ws[1]]
    col = {name: header.index(name) for name in ("Código", "Iniciativa", "Título", "Horizonte", "Plazo (año)",
                                                 "Institución líder", "Presupuesto (S/)", "Fuente del presupuesto",
                                                 "Año de precios", "Línea de base", "Meta", "Año de la meta")}
    body = list(ws.iter_rows(min_row=2))
    assert len(body) == len(agreed)
    expected = {(initiative.name, item.code): item for item, initiative in agreed}
    seen = set()
    years = {"short": 2024, "medium": 2027, "long": 2032, None: None}
    for row in body:
        key = (row[col["Iniciativa"]].value, row[col["Código"]].value)
        item = expected[key]
        seen.add(key)
        assert row[col["Título"]].value == item.title
        assert row[col["Horizonte"]].value == HORIZONS_ES[item.horizon]
        assert row[col["Plazo (año)"]].value == years[item.horizon]
        assert row[col["Institución líder"]].value == (" ".join(item.lead_institution.split()) or None) or norm(
            row[col["Institución líder"]].value) == norm(item.lead_institution)
        money = row[col["Presupuesto (S/)"]]
        assert money.value == item.budget_pen
        if item.budget_pen is not None:
            assert money.data_type == "n" and "S/" in money.number_format
        assert row[col["Fuente del presupuesto"]].value == SOURCES_ES[item.budget_source]
        assert row[col["Año de precios"]].value == item.budget_price_year
        assert row[col["Año de la meta"]].value == 2027 and row[col["Año de la meta"]].data_type == "n"
        assert row[col["Línea de base"]].value == item.baseline and row[col["Meta"]].value == item.target
    assert seen == set(expected)

    # Totals: the same counts and sums as counted here from the items in the database.
    want = _expected_totals(agreed)
    budget_total = sum(item.budget_pen or 0 for item, _ in agreed)
    for sheet, code in (("Por eje", "axis"), ("Por horizonte", "horizon"), ("Por institución líder", "lead"),
                        ("Por fuente", "source")):
        rows = list(wb[sheet].iter_rows(min_row=2))
        got = {r[0].value: tuple(c.value for c in r[1:]) for r in rows[:-1]}
        nonzero = {k: v for k, v in got.items() if v[0]}
        assert nonzero == want[code], sheet
        total = rows[-1]
        assert total[0].value == "Total"
        assert [c.value for c in total[1:]] == [len(agreed), sum(i.kind == "action_line" for i, _ in agreed),
                                                sum(i.kind == "policy_reform" for i, _ in agreed), budget_total,
                                                sum(i.budget_pen is None for i, _ in agreed)]
        for r in rows:
            assert all(c.data_type == "n" for c in r[1:]), (sheet, r[0].value)
            assert "S/" in r[4].number_format
    assert set(got) == set(SOURCES_ES.values())  # every source, even one with no item
    # One institution spelt three ways is one row.
    assert sum(1 for name in want["lead"] if norm(name) == "ministerio de la producción (produce)") == 1
    assert want["lead"]["Ministerio de la Producción (PRODUCE)"][0] >= 3

    # Reforms by the institution that must act: every agreed reform once, under its lead.
    rows = rows_of(wb["Reformas por institución"])[1:]
    reforms = [(item, initiative) for item, initiative in agreed if item.kind == "policy_reform"]
    assert len(rows) == len(reforms)
    by_lead = defaultdict(set)
    for row in rows:
        by_lead[norm(row[0])].add((row[3], row[1]))
    assert by_lead == {key: {(ini.name, item.code) for item, ini in reforms if norm(item.lead_institution) == key}
                       for key in {norm(item.lead_institution) for item, _ in reforms}}


def test_programme_roadmap_pdf_in_both_languages(demo):
    client, headers = demo
    agreed = _agreed()
    for lang, title, horizons in (("es", "Hoja de ruta del programa", HORIZONS_ES),
                                  ("en", "Programme roadmap", HORIZONS_EN)):
        response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/roadmap.pdf?lang={lang}", headers=headers)
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        reader = PdfReader(io.BytesIO(response.data))
        info = reader.metadata
        assert info.title.startswith(title) and "IVAI" in info.title
        assert info.author == "CONCYTEC" and info.subject
        assert reader.trailer["/Root"]["/Lang"] == lang
        assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == (
            ["1. Presentación", "2. Totales"] if lang == "es" else ["1. Introduction", "2. Totals"])
        text = " ".join(words(page.extract_text()) for page in reader.pages)
        for item, initiative in agreed:
            english = lang == "en" and item.title_en
            assert words(f"{item.code} {item.title_en if english else item.title}") in text, item.code
        for label in horizons.values():
            assert label in text
        assert "→" not in text and "\ufffd" not in text
        # Totals: the whole programme's row, money as Babel writes it.
        budget = sum(item.budget_pen or 0 for item, _ in agreed)
        money = f"S/ {budget:,}".replace(",", "." if lang == "es" else ",")
        assert f"Total {len(agreed)} " in text and money in text
        # Reforms by institution: the one ministry spelt three ways is one heading.
        assert text.count("Ministerio de la Producción (PRODUCE)") >= 2  # contents and heading
        assert "ministerio de la producción (produce)" not in text
        if lang == "es":
            assert "3. Reformas de política por la institución que debe actuar" in text
            assert "de 0 % a 10 % al 2027" in text  # an indicator, baseline to target by year
            assert "Sin eje asignado" in text and "Sin estimar" in text and "precios de 2022" in text
        else:
            assert "from 0 % to 10 % by 2027" in text and "prices of 2022" in text


def test_programme_roadmap_docx_same_content_and_reforms_grouped_by_lead(demo):
    client, headers = demo
    response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/roadmap.docx", headers=headers)
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.data))
    core = doc.core_properties
    assert core.author == "CONCYTEC" and core.language == "es" and core.title.startswith("Hoja de ruta del programa")
    assert abs(core.created.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)) < timedelta(minutes=5)
    agreed = _agreed()
    text = " ".join(words("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in doc.element.body.iter(qn("w:p")))
    for item, _ in agreed:
        assert words(item.title) in text, item.code
    # Section 3: each lead's heading, then the table of its reforms — exactly the database's grouping.
    reforms = [(item, ini) for item, ini in agreed if item.kind == "policy_reform"]
    expected = defaultdict(set)
    for item, ini in reforms:
        expected[norm(item.lead_institution) or "sin institución líder"].add((item.code, words(item.title)))
    grouped, lead, section = defaultdict(set), None, None
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            line = words("".join(t.text or "" for t in element.iter(qn("w:t"))))
            if line.startswith(("3. ", "4. ")):
                section = line[0]
            elif section == "3" and line.startswith("3."):
                lead = norm(line.split(" ", 1)[1])
        elif element.tag == qn("w:tbl") and section == "3" and lead:
            rows = [[words("".join(t.text or "" for t in tc.iter(qn("w:t")))) for tc in tr.iter(qn("w:tc"))]
                    for tr in element.iter(qn("w:tr"))][1:]
            grouped[lead] |= {(r[0], r[1]) for r in rows}
    assert grouped == expected


def test_programme_data_xlsx_counts_typed_cells_and_dates(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.models import Participant, Session, Stakeholder
    from workshop.voting.models import Decision, Round

    client, headers = demo
    response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/data.xlsx", headers=headers)
    assert response.status_code == 200
    assert "datos-del-programa-1-" in response.headers["Content-Disposition"]
    wb = load_workbook(io.BytesIO(response.data))
    assert wb.sheetnames == ["Programa", "Ítems", "Sesiones", "Participación", "Decisiones", "Rondas"]
    _assert_typed(wb)
    initiatives = db.session.scalars(select(Initiative.id).where(Initiative.programme_id == DEMO_PROGRAMME)).all()

    items = db.session.scalars(select(Item).where(Item.initiative_id.in_(initiatives))).all()
    ws = wb["Ítems"]
    header = [c.value for c in ws[1]]
    body = list(ws.iter_rows(min_row=2))
    assert len(body) == len(items)
    statuses = Counter(r[header.index("Estado")].value for r in body)
    assert statuses["Aprobada"] == sum(i.status == "agreed" for i in items)
    assert all(r[0].data_type == "n" for r in body)
    assert sum(r[header.index("Presupuesto (S/)")].value or 0 for r in body) == sum(i.budget_pen or 0 for i in items)

    sessions = db.session.scalars(select(Session).where(Session.initiative_id.in_(initiatives))).all()
    ws = wb["Sesiones"]
    header = [c.value for c in ws[1]]
    body = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert set(body) == {s.id for s in sessions}
    people = Counter()
    by_sector = Counter()
    for session_id, sector in db.session.execute(
            select(Participant.session_id, Stakeholder.sector).join(Stakeholder)
            .where(Participant.session_id.in_(body), Participant.removed_at.is_(None))):
        people[session_id] += 1
        by_sector[(session_id, sector)] += 1
    for s in sessions:
        row = body[s.id]
        assert row[header.index("Participantes")].value == people[s.id]
        held = row[header.index("Realizada desde")]
        if s.started_at:
            assert held.is_date and held.data_type == "d" and "yy" in held.number_format
    ws = wb["Participación"]
    header = [c.value for c in ws[1]]
    labels = {"Público": "public", "Privado": "private", "Académico": "academic", "Sociedad civil": "civil_society"}
    for row in ws.iter_rows(min_row=2):
        session_id, sector = row[0].value, labels[row[header.index("Sector")].value]
        assert row[header.index("Personas")].value == by_sector[(session_id, sector)]
        share = row[header.index("Proporción de la sesión")]
        if people[session_id]:
            assert share.data_type == "n" and "%" in share.number_format
            assert share.value == pytest.approx(by_sector[(session_id, sector)] / people[session_id])

    decisions = db.session.scalars(select(Decision).where(Decision.session_id.in_(body))).all()
    ws = wb["Decisiones"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == len(decisions)
    assert sum(r[header.index("Vigente")].value == "Sí" for r in rows) == len({d.item_id for d in decisions})
    assert rows and all(r[header.index("Registrada")].is_date for r in rows)
    assert {r[header.index("Motivo")].value for r in rows if r[header.index("Motivo")].value} == {
        d.reason for d in decisions if d.reason}

    rounds = db.session.scalars(select(Round).where(Round.session_id.in_(body), Round.state != "draft")).all()
    ws = wb["Rondas"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2))
    assert len(rows) == sum(len(r.entries) for r in rounds)
    support = header.index("Apoyo")
    checked = 0
    for row in rows:
        cell = row[support]
        if cell.value is not None:
            assert cell.data_type == "n" and "%" in cell.number_format and 0 <= cell.value <= 1
            checked += 1
        assert row[header.index("Votos")].data_type == "n"
    assert checked


def test_programme_data_withholds_small_anonymous_cells_and_counts_who_counts(client, make_session, join, make_staff,
                                                                               token_for):
    """Four public-sector people and one from civil society in an anonymous round: both sectors'
    cells say "reservado" and carry no figure. A removed test join is not counted; a merged
    duplicate counts once. A title that looks like a formula stays text."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import participants as room
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=1)
    item = db.session.get(Item, session.agenda[0].item_id)
    item.title = '=HYPERLINK("http://example.org/x","clic")'
    public = [join(session, sector="public", name=f"Funcionaria {n}")[0] for n in range(4)]
    civil, _ = join(session, sector="civil_society", name="Clara Única", organisation="Asociación")
    ghost, _ = join(session, sector="academic", name="Prueba Fantasma", organisation="Laboratorio")
    twin, _ = join(session, sector="public", name="Funcionaria 0 bis")
    round_ = voting.create_round(session, item_ids=[item.id], method="approve", anonymous=True)
    voting.open_round(round_)
    for person, value in zip(public + [civil], ("approve", "approve", "approve", "neutral", "reject")):
        voting.cast_vote(person, round_.id, value, f"a{person.id}")
    voting.close_round(round_)
    staff = make_staff("facilitator", name="Lucía Paredes")
    room.remove(session, ghost.id, "Inscripción de prueba", staff=staff)
    room.merge(session, public[0].id, twin.id, "La misma persona", staff=staff)
    voting.record_decision(session, item, "agreed", staff=staff)
    sessions.transition(session, "closed")
    db.session.commit()
    headers = token_for(make_staff("secretariat"))

    body = client.get(f"/api/v1/programmes/{session.initiative.programme_id}/data.xlsx", headers=headers).data
    wb = load_workbook(io.BytesIO(body))
    _assert_typed(wb)
    ws = wb["Rondas"]
    header = [c.value for c in ws[1]]
    (row,) = list(ws.iter_rows(min_row=2))
    for sector in ("Público", "Sociedad civil"):
        for what in ("votos", "apoyo"):
            assert row[header.index(f"{sector}: {what}")].value == "reservado", (sector, what)
    assert row[header.index("Votos")].value == 5
    assert row[header.index("Apoyo")].value == pytest.approx(0.6)
    assert "solo alcanzó" not in " ".join(str(c.value) for c in row if c.value)
    participation = {r[header_index].value: r for r in wb["Participación"].iter_rows(min_row=2)
                     for header_index in [5]}
    assert participation["Público"][6].value == 4  # the merged duplicate once
    assert participation["Académico"][6].value == 0  # the removed test join not at all
    assert participation["Sociedad civil"][6].value == 1
    sessions_row = list(wb["Sesiones"].iter_rows(min_row=2))[0]
    assert sessions_row[10].value == 5
    everything = " ".join(str(c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value)
    assert "Prueba Fantasma" not in everything and "Laboratorio" not in everything
    title = next(c for r in wb["Ítems"].iter_rows(min_row=2) for c in r if str(c.value).startswith("=HYPERLINK"))
    assert title.data_type == "s" and title.value == item.title and title.quotePrefix
    decision_title = wb["Decisiones"]["C2"]
    assert decision_title.data_type == "s" and decision_title.value == item.title


def test_empty_and_unknown_programmes(client, make_staff, token_for):
    from workshop.programmes import services

    headers = token_for(make_staff("facilitator"))
    for path in ("roadmap.pdf", "roadmap.docx", "roadmap.xlsx", "data.xlsx"):
        response = client.get(f"/api/v1/programmes/999999/{path}", headers=headers)
        assert response.status_code == 404 and response.json["error"]["code"] == "not_found"
        assert client.get(f"/api/v1/programmes/999999/{path}").status_code == 401
    programme = services.create_programme({"name": "Programa vacío", "institution": "CONCYTEC"})
    base = f"/api/v1/programmes/{programme.id}"
    text = pdf_text(client.get(f"{base}/roadmap.pdf", headers=headers).data)
    assert "Todavía no se ha acordado ninguna línea de acción ni reforma en este programa." in text
    assert "El programa no tiene año de inicio: los horizontes se dan sin años." in text
    english = pdf_text(client.get(f"{base}/roadmap.pdf?lang=en", headers=headers).data)
    assert "No action line or reform has been agreed in this programme yet." in english
    doc = Document(io.BytesIO(client.get(f"{base}/roadmap.docx", headers=headers).data))
    assert doc.core_properties.author == "CONCYTEC"
    wb = load_workbook(io.BytesIO(client.get(f"{base}/roadmap.xlsx", headers=headers).data))
    assert len(rows_of(wb["Ítems acordados"])) == 1
    assert rows_of(wb["Por fuente"])[-1] == ["Total", 0, 0, 0, 0, 0]
    wb = load_workbook(io.BytesIO(client.get(f"{base}/data.xlsx?lang=en", headers=headers).data))
    assert wb.sheetnames == ["Programme", "Items", "Sessions", "Participation", "Decisions", "Rounds"]
    assert client.get(f"{base}/data.xlsx?lang=fr", headers=headers).status_code == 400


def test_the_programme_page_links_to_the_programme_roadmap_and_data(logged_in, make_programme):
    programme, _initiative = make_programme(items=1)
    page = logged_in("secretariat").get(f"/programmes/{programme.id}").get_data(as_text=True)
    for path in ("roadmap.pdf", "roadmap.docx", "roadmap.xlsx", "data.xlsx"):
        for lang in ("es", "en"):
            assert f'href="/api/v1/programmes/{programme.id}/{path}?lang={lang}"' in page, (path, lang)


# --- Text is data (issue 14, part 1): the same corpus as tests/test_escaping.py -----------------------



def test_programme_documents_print_awkward_text_as_typed(client, world):  # noqa: F811 - the imported fixture
    from workshop.documents import safe
    from workshop.extensions import db
    from workshop.programmes.models import Item

    ids, headers, _used = world
    for item in db.session.scalars(select(Item).where(Item.initiative_id == ids["initiative"])):
        item.baseline, item.target, item.verification = FORMULAS[0], FORMULAS[3], MIX
        item.target_year, item.budget_source, item.budget_price_year = 2030, "mixed", 2023
    db.session.commit()
    base = f"/api/v1/programmes/{ids['programme']}"
    for lang in ("es", "en"):
        response = client.get(f"{base}/roadmap.pdf?lang={lang}", headers=headers)
        assert response.status_code == 200
        assert not [uri for uri in pdf_links(response.data) if EVIL in uri]
        text = pdf_text(response.data)
        for sample in MARKUP:
            assert words(sample) in text, (lang, sample)
        assert "CtrlNUL end" in text  # the institution's controls dropped, the rest printed
    response = client.get(f"{base}/roadmap.docx", headers=headers)
    assert response.status_code == 200
    text = docx_text(response.data)
    for sample in MARKUP:
        assert words(sample) in text, sample
    assert LONG_WORD in text.replace(" ", "")
    for path in ("roadmap.xlsx", "data.xlsx"):
        response = client.get(f"{base}/{path}", headers=headers)
        assert response.status_code == 200, path
        wb = load_workbook(io.BytesIO(response.data))
        quoted, values = [], []
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, ws.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        values.append(cell.value)
                        if cell.value.startswith(safe.FORMULA_STARTS):
                            assert cell.data_type == "s" and cell.quotePrefix, (path, ws.title, cell.coordinate)
                            quoted.append(cell.value)
        for sample in (FORMULAS[0], FORMULAS[3]):
            assert sample in quoted, (path, sample)
        every = "\n".join(values)
        for sample in MARKUP:
            assert sample in every, (path, sample)
