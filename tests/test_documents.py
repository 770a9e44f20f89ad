"""Documents: minutes (PDF, DOCX), raw data (XLSX, CSV), roadmap and programme report.

The content is read back — PDF text with pypdf, DOCX with python-docx, XLSX with openpyxl — and
checked against the database: titles, counts, sector percentages, decisions and override reasons,
accents, both languages; anonymity over every format; 404s, empty documents and staff-only access.
"""
from __future__ import annotations

import csv
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from workshop.documents.text import label
from workshop.voting import anonymity

DEMO_SESSION = 14  # Granos andinos — Ayacucho, phase 2, closed
DEMO_INITIATIVE = 5  # Granos andinos — Ayacucho
DEMO_PROGRAMME = 1


# --- Helpers ------------------------------------------------------------------------------------


def words(text: str) -> str:
    """Runs of white space (non-breaking ones too) as one plain space, as `pdf_text` reads them."""
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    assert body.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(body))
    assert len(reader.pages) >= 1
    return " ".join(words(page.extract_text()) for page in reader.pages)


def pdf_pages(body: bytes) -> int:
    return len(PdfReader(io.BytesIO(body)).pages)


def docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


def workbook(body: bytes):
    return load_workbook(io.BytesIO(body))


def rows_of(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())  # a BOM, so that Excel reads the accents right
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def es_pct(share: float) -> str:
    value = round(share * 100, 1)
    text = str(int(value)) if value == int(value) else str(value)
    return f"{text.replace('.', ',')} %"


def en_pct(share: float) -> str:
    value = round(share * 100, 1)
    return f"{int(value) if value == int(value) else value}%"


@pytest.fixture
def demo(demo_app):
    """(client, staff headers) on a private copy of the demo."""
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff

    user = create_staff(email="secretaria.docs@example.org", name="Secretaría Docs", role="secretariat",
                        password="correct horse battery")
    return demo_app.test_client(), {"Authorization": f"Bearer {issue_staff_token(user)}"}


# --- Minutes ------------------------------------------------------------------------------------


def test_minutes_pdf_spanish_content(demo):
    from workshop.extensions import db
    from workshop.sessions.models import Participant, Session, Stakeholder
    from workshop.voting.models import Decision, Round

    client, headers = demo
    response = client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "acta-de-sesion-14-granos-andinos-ayacucho" in disposition
    text = pdf_text(response.data)

    session = db.session.get(Session, DEMO_SESSION)
    assert "Acta de sesión" in text and "Ítems tratados" in text and "Cronología de la sesión" in text
    assert session.initiative.name in text and session.place.split(",")[0] in text
    assert "Posicionamiento competitivo" in text and "5 de abril de 2022" in text
    for entry in session.agenda:
        assert entry.item.title in text
    # Attendance: the number of participants, and the annex names each of them, ñ and all.
    participants = db.session.scalar(select(func.count()).select_from(Participant).where(
        Participant.session_id == DEMO_SESSION))
    assert f"{participants} Participantes" in text
    with_enye = db.session.scalars(select(Stakeholder.name).join(Participant).where(
        Participant.session_id == DEMO_SESSION, Stakeholder.name.contains("ñ"))).all()
    assert with_enye and [name for name in with_enye if name not in text] == []
    # Tallies: every closed single-item round's support, overall and per sector (small cells of
    # anonymous rounds withheld), as printed, with the rules' sentence and the result in words.
    for round_ in db.session.scalars(select(Round).where(Round.session_id == DEMO_SESSION, Round.method == "approve")):
        tally = round_.final_tally
        assert es_pct(tally["support"]) in text
        hidden = anonymity.withheld_sectors(tally) if round_.is_anonymous else set()
        for code, sector in tally["by_sector"].items():
            if sector["total"] and code not in hidden:
                assert es_pct(sector["support"]) in text
        assert words(anonymity.public_explanation(round_, "es")) in text
        threshold = es_pct(round_.threshold)
        phrase = {"agreed": f"alcanza el umbral de {threshold}", "no_quorum": "sin quórum"}.get(
            round_.outcome, f"no alcanza el umbral de {threshold}")
        assert f"Resultado calculado: {phrase}" in text
    # Decisions, and the override with its reason.
    overridden = [d for d in db.session.scalars(select(Decision).where(Decision.session_id == DEMO_SESSION))
                  if d.is_override]
    assert overridden
    for decision in overridden:
        assert decision.reason in text
    assert "La mesa se apartó del resultado calculado (alcanza el umbral de 60 %)" in text
    assert "Registrada por " in text
    assert f"Decisión registrada: {label('outcomes', 'deferred', 'es')}" in text
    assert f"Decisión registrada: {label('outcomes', 'rejected', 'es')}" in text
    assert "Página 1 de" in text and "Generado por Mesa el" in text


def test_minutes_pdf_english(demo):
    from workshop.extensions import db
    from workshop.sessions.models import Session

    client, headers = demo
    response = client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf?lang=en", headers=headers)
    assert response.status_code == 200
    assert "session-minutes-14-andean-grains-ayacucho" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    session = db.session.get(Session, DEMO_SESSION)
    assert "Session minutes" in text and "Items discussed" in text and "Timeline of the session" in text
    assert "Andean grains — Ayacucho" in text and "Competitive positioning" in text
    for entry in session.agenda:
        assert entry.item.title_en in text
    assert "Approve" in text and label("sectors", "civil_society", "en") in text and "Page 1 of" in text
    assert "The table departed from the computed result (reaches the threshold of 60%)" in text
    assert "Recorded by " in text
    assert "Acta de sesión" not in text


def test_minutes_docx_has_the_same_content(demo):
    from workshop.extensions import db
    from workshop.sessions.models import Session
    from workshop.voting.models import Decision, Round, Vote

    client, headers = demo
    pdf = pdf_text(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf", headers=headers).data)
    response = client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.docx", headers=headers)
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert response.headers["Content-Disposition"].endswith(".docx")
    text = docx_text(response.data)
    session = db.session.get(Session, DEMO_SESSION)
    for entry in session.agenda:
        assert entry.item.title in text
    for needle in ("Acta de sesión", "Participantes por sector", "Asistencia por organización", "Ítems tratados",
                   "Votos nominales",
                   "Comentarios más apoyados", "Cronología de la sesión", "Anexo. Lista de asistentes",
                   "La mesa se apartó del resultado calculado (alcanza el umbral de 60 %)"):
        assert needle in text and needle in pdf
    for decision in db.session.scalars(select(Decision).where(Decision.session_id == DEMO_SESSION)):
        if decision.reason:
            assert decision.reason in text
    # Charts come as pictures: attendance plus one per round with votes.
    doc = Document(io.BytesIO(response.data))
    rounds_with_votes = db.session.scalar(select(func.count(func.distinct(Vote.round_id))).join(Round).where(
        Round.session_id == DEMO_SESSION))
    assert rounds_with_votes >= 13 and len(doc.inline_shapes) >= 1 + rounds_with_votes
    english = docx_text(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.docx?lang=en", headers=headers).data)
    assert "Session minutes" in english and "Items discussed" in english


def test_data_xlsx_and_csv(demo):
    from workshop.extensions import db
    from workshop.sessions.models import Comment, Participant
    from workshop.voting.models import Decision, Round, Vote

    client, headers = demo
    response = client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.xlsx", headers=headers)
    assert response.status_code == 200 and response.headers["Content-Disposition"].endswith(".xlsx")
    wb = workbook(response.data)
    assert wb.sheetnames == ["Sesión", "Participantes", "Votos", "Comentarios", "Decisiones", "Rondas"]

    def count(model, *where):
        return db.session.scalar(select(func.count()).select_from(model).where(*where))

    n_participants = count(Participant, Participant.session_id == DEMO_SESSION)
    n_votes = db.session.scalar(select(func.count()).select_from(Vote).join(Round).where(
        Round.session_id == DEMO_SESSION))
    assert len(rows_of(wb["Participantes"])) == n_participants + 1
    assert len(rows_of(wb["Votos"])) == n_votes + 1
    assert len(rows_of(wb["Comentarios"])) == count(Comment, Comment.session_id == DEMO_SESSION) + 1
    decisions = rows_of(wb["Decisiones"])
    assert len(decisions) == count(Decision, Decision.session_id == DEMO_SESSION) + 1
    header = decisions[0]
    reason, departs = header.index("Motivo"), header.index("Se apartó del cálculo")
    overridden = [d.reason for d in db.session.scalars(select(Decision).where(Decision.session_id == DEMO_SESSION))
                  if d.is_override]
    assert overridden and all(any(row[reason] == why and row[departs] == "Sí" for row in decisions[1:])
                              for why in overridden)
    assert "Alcanza el umbral de 60 %" in {words(row[header.index("Resultado calculado")]) for row in decisions[1:]}
    assert rows_of(wb["Participantes"])[0][:4] == ["ID", "Nombre", "Organización", "Sector"]

    english = workbook(client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.xlsx?lang=en", headers=headers).data)
    assert english.sheetnames == ["Session", "Participants", "Votes", "Comments", "Decisions", "Rounds"]

    votes = client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.csv?sheet=votes", headers=headers)
    assert votes.status_code == 200 and votes.mimetype == "text/csv"
    assert votes.headers["Content-Disposition"].endswith("-votes.csv")
    assert len(csv_rows(votes.data)) == n_votes + 1
    bundle = client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.zip", headers=headers)
    assert bundle.status_code == 200
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        assert sorted(archive.namelist()) == sorted(
            f"{s}.csv" for s in ("participants", "votes", "comments", "decisions", "rounds"))
        assert len(csv_rows(archive.read("participants.csv"))) == n_participants + 1
    assert client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.csv", headers=headers).status_code == 400
    assert client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.csv?sheet=nope", headers=headers).status_code == 400


# --- Roadmap and report ---------------------------------------------------------------------------


def test_roadmap_pdf(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Item

    client, headers = demo
    response = client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/roadmap.pdf", headers=headers)
    assert response.status_code == 200
    assert "hoja-de-ruta-5-granos-andinos-ayacucho.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    items = db.session.scalars(select(Item).where(Item.initiative_id == DEMO_INITIATIVE)).all()
    agreed = [i for i in items if i.status == "agreed"]
    others = [i for i in items if i.status in ("rejected", "deferred")]
    assert agreed and others
    for item in agreed + others:
        assert item.title in text
    for item in agreed:
        assert item.lead_institution in text and item.axis in text
    assert "Hoja de ruta" in text and "Contenido" in text and "Situación actual" in text
    assert "Línea de tiempo: horizonte × eje estratégico" in text
    assert "Ítems rechazados y aplazados" in text and "Evidencia de apoyo" in text
    assert label("horizons", "short", "es") in text and "S/ " in text
    for item in agreed:  # the items' own stable codes, never a renumbering of the print
        assert item.code in text

    english = pdf_text(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/roadmap.pdf?lang=en", headers=headers).data)
    for item in agreed:
        assert item.title_en in english
    assert "Roadmap" in english and "Contents" in english and "Evidence of support" in english
    assert label("horizons", "short", "en") in english
    for item in agreed:  # the same codes in every language
        assert item.code in english


def test_programme_report_pdf(demo):
    from workshop.extensions import db
    from workshop.programmes.models import Programme
    from workshop.reports.stats import programme_stats

    client, headers = demo
    response = client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/report.pdf", headers=headers)
    assert response.status_code == 200
    text = pdf_text(response.data)
    programme = db.session.get(Programme, DEMO_PROGRAMME)
    stats = programme_stats(programme)
    for initiative in programme.initiatives:
        assert initiative.name in text
    assert "Informe del programa" in text and "Resúmenes por iniciativa" in text
    assert f"{stats['stakeholders']['total']} Personas participantes" in text
    agreed_lines = sum(i["items"]["action_line"]["agreed"] for i in stats["initiatives"])
    assert f"{agreed_lines} Líneas de acción acordadas" in text
    assert "Logros:" in text and "Participantes por sector e iniciativa" in text
    english = pdf_text(client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/report.pdf?lang=en", headers=headers).data)
    assert "Programme report" in english and "Andean grains — Ayacucho" in english and "Achievements:" in english


def test_counts_read_as_grammar_and_numbers_as_babel_writes_them(demo):
    """ngettext for every count ("1 apoyo", "1 comentario visible"); budgets spelled out, not "S/ 16,2 M"."""
    import re

    from workshop.documents.text import money_short
    from workshop.extensions import db
    from workshop.programmes.models import Item

    client, headers = demo
    for lang, one in (("es", r"\b1 (apoyos|comentarios|votos|participantes|reconexiones)\b"),
                      ("en", r"\b1 (up-votes|comments|votes|participants|reconnections)\b")):
        minutes = pdf_text(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf?lang={lang}", headers=headers).data)
        assert not re.search(one, minutes), re.search(one, minutes)
        assert not re.search(r"\b1 de 1 comentarios", minutes)
    minutes = pdf_text(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf", headers=headers).data)
    assert re.search(r"· 1 apoyo\b", minutes) and re.search(r"\b\d+ apoyos\b", minutes)
    assert re.search(r"\b1 comentario visible\b", minutes) or re.search(r"\b\d+ comentarios visibles\b", minutes)

    agreed = db.session.scalars(select(Item).where(Item.initiative_id == DEMO_INITIATIVE, Item.status == "agreed",
                                                   Item.is_archived.is_(False))).all()
    total = sum(i.budget_pen or 0 for i in agreed)
    assert total >= 1_000_000
    roadmap = pdf_text(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/roadmap.pdf", headers=headers).data)
    assert words(money_short(total, "es")) in roadmap and " millones" in words(money_short(total, "es"))
    english = pdf_text(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/roadmap.pdf?lang=en", headers=headers).data)
    assert words(money_short(total, "en")) in english and " million" in words(money_short(total, "en"))
    assert not re.search(r"S/ [\d.,]+ M\b", roadmap + english)


def test_documents_say_who_made_them_what_they_are_and_when(demo):
    """File properties: the document and its subject as title, the programme's institution as author, made
    now (python-docx's template said "python-docx", 2013)."""
    from datetime import datetime, timezone

    from workshop.extensions import db
    from workshop.programmes.models import Initiative

    client, headers = demo
    initiative = db.session.get(Initiative, DEMO_INITIATIVE)
    author = initiative.programme.institution
    this_year = datetime.now(timezone.utc).year

    roadmap = PdfReader(io.BytesIO(client.get(f"/api/v1/initiatives/{DEMO_INITIATIVE}/roadmap.pdf",
                                              headers=headers).data)).metadata
    assert roadmap.title == f"Hoja de ruta — {initiative.name}" and roadmap.author == author
    report = PdfReader(io.BytesIO(client.get(f"/api/v1/programmes/{DEMO_PROGRAMME}/report.pdf?lang=en",
                                             headers=headers).data)).metadata
    assert report.title == f"Programme report — {initiative.programme.name}" and report.author == author
    minutes = PdfReader(io.BytesIO(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf",
                                              headers=headers).data)).metadata
    assert minutes.title.startswith("Acta de sesión — ") and minutes.author == author

    core = Document(io.BytesIO(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.docx", headers=headers).data)
                    ).core_properties
    assert core.title == minutes.title and core.author == author and core.last_modified_by == author
    assert core.created.year == this_year and core.language == "es"
    sheet = workbook(client.get(f"/api/v1/sessions/{DEMO_SESSION}/data.xlsx", headers=headers).data).properties
    assert sheet.creator == author and sheet.title.startswith("Datos de la sesión — ")
    assert sheet.created.year == this_year


# --- Anonymity, in every format -------------------------------------------------------------------


@pytest.fixture
def voted(app, make_session, join, make_staff, token_for):
    """A closed session with a named round and an anonymous one.

    Nora votes only in the named round, Ana only in the anonymous one, Beto in both.
    """
    from workshop.extensions import db
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=2)
    first, second = [entry.item_id for entry in session.agenda]
    nora, _ = join(session, sector="public", name="Nora Nominal", organisation="Municipalidad Nominal")
    ana, _ = join(session, sector="academic", name="Ana Anónima", organisation="Organización Secreta")
    beto, _ = join(session, sector="private", name="Beto Ambos", organisation="Cámara Mixta")
    named = voting.create_round(session, item_ids=[first], method="approve", anonymous=False)
    voting.open_round(named)
    voting.cast_vote(nora, named.id, "approve", "n1")
    voting.cast_vote(beto, named.id, "neutral", "b1")
    voting.close_round(named)
    secret = voting.create_round(session, item_ids=[second], method="approve", anonymous=True)
    voting.open_round(secret)
    voting.cast_vote(ana, secret.id, "reject", "a1")
    voting.cast_vote(beto, secret.id, "approve", "b2")
    voting.close_round(secret)
    sessions.transition(session, "closed")
    db.session.commit()
    return session, token_for(make_staff("secretariat")), {"nora": nora.id, "ana": ana.id, "beto": beto.id}


def test_anonymous_rounds_never_link_a_person_to_a_vote(client, voted):
    session, headers, ids = voted
    base = f"/api/v1/sessions/{session.id}"
    texts = {"pdf": pdf_text(client.get(f"{base}/minutes.pdf", headers=headers).data),
             "pdf-en": pdf_text(client.get(f"{base}/minutes.pdf?lang=en", headers=headers).data),
             "docx": docx_text(client.get(f"{base}/minutes.docx", headers=headers).data)}
    for fmt, text in texts.items():
        # Named round: who voted what is in the minutes.
        lang = "en" if fmt == "pdf-en" else "es"
        approve = "Approve" if lang == "en" else "A favor"
        public, private = label("sectors", "public", lang), label("sectors", "private", lang)
        assert f"{approve} (1) {public} (1): Nora Nominal (Municipalidad Nominal)" in text, fmt
        assert f"Neutral (1) {private} (1): Beto Ambos (Cámara Mixta)" in text, fmt
        # Ana voted only anonymously: her name is in the list of attendees and nowhere else.
        assert text.count("Ana Anónima") == 1, fmt
        # Beto: the attendees list and the named round — never the anonymous one.
        assert text.count("Beto Ambos") == 2, fmt
        # Her organisation: the attendance by organisation and the attendees list only.
        assert text.count("Organización Secreta") == 2, fmt

    xlsx = workbook(client.get(f"{base}/data.xlsx", headers=headers).data)
    votes_csv = csv_rows(client.get(f"{base}/data.csv?sheet=votes", headers=headers).data)
    with zipfile.ZipFile(io.BytesIO(client.get(f"{base}/data.zip", headers=headers).data)) as archive:
        zipped = {name: archive.read(name).decode("utf-8-sig") for name in archive.namelist()}
    for rows in (rows_of(xlsx["Votos"]), votes_csv):
        header, body = rows[0], rows[1:]
        anonymous = [r for r in body if str(r[0]) == "2"]
        named = [r for r in body if str(r[0]) == "1"]
        assert len(anonymous) == 2 and len(named) == 2
        for row in anonymous:
            cells = [str(c) for c in row if c not in (None, "")]
            assert not any(x in " ".join(cells) for x in ("Ana", "Beto", "Secreta", "Mixta"))
            assert row[header.index("Participante")] in (None, "")  # no id to look up in Participantes
            assert row[header.index("Organización")] in (None, "")
            assert row[header.index("Emitido")] in (None, "")  # no time to match with the join log
        # One voter per sector: both sectors are withheld, and the rows are sorted by value, not by
        # when they came in nor by the sector they hide.
        assert [r[header.index("Sector")] for r in anonymous] == ["reservado", "reservado"]
        assert [r[header.index("Voto")] for r in anonymous] == ["A favor", "En contra"]
        assert {(r[header.index("Nombre")], r[header.index("Voto")]) for r in named} == {
            ("Nora Nominal", "A favor"), ("Beto Ambos", "Neutral")}
    assert "Ana Anónima" not in zipped["votes.csv"] and "Ana Anónima" in zipped["participants.csv"]
    for name, body in zipped.items():
        if name != "participants.csv":
            assert "Ana Anónima" not in body and "Organización Secreta" not in body


# --- Bad input, empty documents, access ----------------------------------------------------------


@pytest.mark.parametrize("url", [
    "/api/v1/sessions/999999/minutes.pdf", "/api/v1/sessions/999999/minutes.docx",
    "/api/v1/sessions/999999/data.xlsx", "/api/v1/sessions/999999/data.csv?sheet=votes",
    "/api/v1/sessions/999999/data.zip", "/api/v1/initiatives/999999/roadmap.pdf",
    "/api/v1/programmes/999999/report.pdf",
])
def test_unknown_ids_are_404_json(client, make_staff, token_for, url):
    response = client.get(url, headers=token_for(make_staff("secretariat")))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_empty_session_initiative_and_programme_give_valid_documents(client, make_session, make_staff, token_for):
    from workshop.programmes import services

    headers = token_for(make_staff("facilitator"))
    session = make_session(status="scheduled", items=0)
    base = f"/api/v1/sessions/{session.id}"
    text = pdf_text(client.get(f"{base}/minutes.pdf", headers=headers).data)
    assert "Aún no se ha registrado ningún participante" in text and "La agenda de esta sesión está vacía" in text
    assert "Esta sesión aún no tiene participantes, votaciones ni decisiones" in text
    english = pdf_text(client.get(f"{base}/minutes.pdf?lang=en", headers=headers).data)
    assert "no participant has joined" in english.lower()
    docx = docx_text(client.get(f"{base}/minutes.docx", headers=headers).data)
    assert "Esta sesión aún no tiene participantes" in docx
    wb = workbook(client.get(f"{base}/data.xlsx", headers=headers).data)
    assert len(rows_of(wb["Votos"])) == 1  # the header row
    assert len(csv_rows(client.get(f"{base}/data.csv?sheet=participants", headers=headers).data)) == 1

    programme = services.create_programme({"name": "Programa vacío", "institution": "CONCYTEC"})
    report = pdf_text(client.get(f"/api/v1/programmes/{programme.id}/report.pdf", headers=headers).data)
    assert "Este programa aún no tiene iniciativas" in report
    initiative = services.create_initiative(programme, {"name": "Iniciativa sin sesiones", "region": "Puno"})
    roadmap = client.get(f"/api/v1/initiatives/{initiative.id}/roadmap.pdf", headers=headers)
    assert roadmap.status_code == 200 and pdf_pages(roadmap.data) >= 3
    text = pdf_text(roadmap.data)
    assert "Esta iniciativa aún no tiene sesiones ni ítems" in text
    assert "todavía no tiene líneas de acción ni reformas acordadas" in text


def test_documents_are_for_staff_only(client, make_session, join, make_staff, token_for):
    session = make_session(status="live", items=1)
    _participant, token = join(session)
    urls = [f"/api/v1/sessions/{session.id}/minutes.pdf", f"/api/v1/sessions/{session.id}/minutes.docx",
            f"/api/v1/sessions/{session.id}/data.xlsx", f"/api/v1/sessions/{session.id}/data.csv?sheet=votes",
            f"/api/v1/sessions/{session.id}/data.zip", f"/api/v1/initiatives/{session.initiative_id}/roadmap.pdf",
            f"/api/v1/programmes/{session.initiative.programme_id}/report.pdf"]
    for url in urls:
        assert client.get(url).status_code == 401
        # A participant's token is not a staff token: 401, as the access policy has it (tests/test_access.py).
        refused = client.get(url, headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 401 and refused.json["error"]["code"] == "invalid_token"
    for role in ("admin", "facilitator", "secretariat"):
        headers = token_for(make_staff(role))
        for url in urls:
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (role, url)
            assert response.headers["Content-Disposition"].startswith("attachment;")
            assert "no-store" in response.headers["Cache-Control"]


def test_bad_language_is_a_400(client, make_session, make_staff, token_for):
    session = make_session(status="live", items=1)
    response = client.get(f"/api/v1/sessions/{session.id}/minutes.pdf?lang=fr",
                          headers=token_for(make_staff("secretariat")))
    assert response.status_code == 400 and response.json["error"]["code"] == "validation_error"


def test_vera_has_every_latin_glyph_the_documents_need():
    """The bundled font must cover Spanish (and the signs the documents print)."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from workshop.documents import style

    for variant in style.FONT_FILES:
        cmap = TTFontFile(str(style.font_path(variant))).charToGlyph
        missing = [c for c in "áéíóúÁÉÍÓÚñÑüÜ¿¡€–—“”«»…·×" if ord(c) not in cmap]
        assert not missing, (variant, missing)


def test_pdf_embeds_the_font(demo):
    client, headers = demo
    reader = PdfReader(io.BytesIO(client.get(f"/api/v1/sessions/{DEMO_SESSION}/minutes.pdf", headers=headers).data))
    fonts = set()
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else {}
            fonts.add((str(font["/BaseFont"]), "/FontFile2" in descriptor))
    assert fonts and all(embedded for _, embedded in fonts)
    assert all("BitstreamVeraSans" in name for name, _ in fonts)  # Vera, subset and embedded


# --- The record (issue 9): anonymity, decisions, who counts, dates, codes, incomplete items -----------


def _every_format(client, headers, session, lang="es") -> dict[str, str]:
    """The text of every document and export about `session`, by format."""
    base = f"/api/v1/sessions/{session.id}"
    out = {"pdf": pdf_text(client.get(f"{base}/minutes.pdf?lang={lang}", headers=headers).data),
           "docx": docx_text(client.get(f"{base}/minutes.docx?lang={lang}", headers=headers).data)}
    wb = workbook(client.get(f"{base}/data.xlsx?lang={lang}", headers=headers).data)
    out["xlsx"] = "\n".join(" | ".join(words("" if c is None else str(c)) for c in row)
                            for ws in wb.worksheets for row in rows_of(ws))
    for sheet in ("participants", "votes", "comments", "decisions", "rounds"):
        body = client.get(f"{base}/data.csv?sheet={sheet}&lang={lang}", headers=headers).data
        out[f"csv-{sheet}"] = "\n".join(" | ".join(words(c) for c in row) for row in csv_rows(body))
    with zipfile.ZipFile(io.BytesIO(client.get(f"{base}/data.zip?lang={lang}", headers=headers).data)) as archive:
        out["zip"] = "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    out["roadmap"] = pdf_text(client.get(f"/api/v1/initiatives/{session.initiative_id}/roadmap.pdf?lang={lang}",
                                         headers=headers).data)
    out["report"] = pdf_text(client.get(f"/api/v1/programmes/{session.initiative.programme_id}/report.pdf"
                                        f"?lang={lang}", headers=headers).data)
    return {fmt: text if fmt.startswith(("xlsx", "csv")) else words(text) for fmt, text in out.items()}


@pytest.fixture
def lone_voice(app, make_session, join, make_staff, token_for):
    """A room of four public-sector people and one from civil society; an anonymous cross-sector
    approve round (threshold 60 %) that she alone rejects, and an anonymous dot vote. The table
    then agrees the item anyway, with a reason."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=2)
    first, second = [db.session.get(Item, entry.item_id) for entry in session.agenda]
    public = [join(session, sector="public", name=f"Funcionaria {n}", organisation="Gobierno Regional")[0]
              for n in range(4)]
    civil, _ = join(session, sector="civil_society", name="Clara Única", organisation="Asociación de Productoras")
    facilitator = make_staff("facilitator", name="Lucía Paredes")
    approve = voting.create_round(session, item_ids=[first.id], method="approve", threshold=0.6, cross_sector=True,
                                  anonymous=True)
    voting.open_round(approve)
    for person, value in zip(public, ("approve", "approve", "approve", "neutral")):
        voting.cast_vote(person, approve.id, value, f"a{person.id}")
    voting.cast_vote(civil, approve.id, "reject", "a-civil")
    voting.close_round(approve)
    dots = voting.create_round(session, item_ids=[first.id, second.id], method="dots", dots=2, anonymous=True)
    voting.open_round(dots)
    for person, value in zip(public, ({first.id: 2}, {first.id: 1, second.id: 1}, {first.id: 2}, {first.id: 2})):
        voting.cast_vote(person, dots.id, {str(k): v for k, v in value.items()}, f"d{person.id}")
    voting.cast_vote(civil, dots.id, {str(second.id): 2}, "d-civil")
    voting.close_round(dots)
    voting.record_decision(session, first, "agreed", "La mesa prioriza el consenso regional.", staff=facilitator)
    sessions.transition(session, "closed")
    db.session.commit()
    return session, token_for(make_staff("secretariat"))


def test_small_sector_cells_of_anonymous_rounds_are_withheld_everywhere(client, lone_voice):
    """She is the only civil-society voter: no document or export gives her figure (nor the
    public sector's, which would give it away by difference), and each says why in words."""
    import re

    from workshop.documents import data
    from workshop.voting.models import Round

    session, headers = lone_voice
    approve = Round.query.filter_by(session_id=session.id, method="approve").one()
    assert approve.outcome_detail["params"]["sector"] == "civil_society"  # the rule named her result
    for lang, civil, public, reason in (("es", "Sociedad civil", "Público", "Su cifra no se muestra"),
                                        ("en", "Civil society", "Public", "Its figure is withheld")):
        texts = _every_format(client, headers, session, lang)
        withheld = "reservado" if lang == "es" else "withheld"
        for fmt, text in texts.items():
            # The rules' sentence named her sector's 0 %: replaced wherever an outcome is told.
            assert "solo alcanzó" not in text and "only reached" not in text, fmt
            # Her row (1 vote: 0 approve, 0 neutral, 1 reject) and the public row (4: 3, 1, 0).
            assert not re.search(rf"{civil}\s*\|?\s*1\s*\|?\s*0\s*\|?\s*0\s*\|?\s*1\b", text), fmt
            assert not re.search(rf"{public}\s*\|?\s*4\s*\|?\s*3\s*\|?\s*1\s*\|?\s*0\b", text), fmt
        for fmt in ("pdf", "docx"):
            text = texts[fmt]
            assert f"{civil} ({withheld}) {withheld}" in text and f"{public} ({withheld}) {withheld}" in text, fmt
            assert ("Cifras reservadas (Público, Sociedad civil): menos de 3 votantes en una ronda anónima"
                    if lang == "es" else
                    "Figures withheld (Public, Civil society): fewer than 3 voters in an anonymous round") in text
            assert reason in text and "n = 1" not in text and "n = 4" not in text, fmt
        assert "n = 5" in texts["pdf"]  # the chart's total row is drawn; its sector rows are empty
        # The dots table: her 2 dots on the second item, the public sector's 1, withheld (the
        # private and academic sectors, absent, gave none).
        assert f"3 {withheld} 0 0 {withheld}" in texts["pdf"]
        # Raw data: the round's per-sector columns, and the sector of each of its votes.
        for fmt in ("xlsx", "csv-rounds", "csv-votes", "zip"):
            assert withheld in texts[fmt], fmt
        votes = [line for line in texts["csv-votes"].splitlines()[1:] if line.startswith("1 |")]
        assert len(votes) == 5 and all(f"| {withheld} |" in line for line in votes)
        assert civil not in texts["csv-votes"]
        # Roadmap evidence of the agreed item: support overall, the two sectors withheld.
        assert f"60 {'%' if lang == 'es' else ''}".strip() in texts["roadmap"]
        assert f"{withheld} — — {withheld}" in texts["roadmap"]
    # Tables and charts come from the same facts: the withheld rows carry no figure and no bar.
    facts = data.session_facts(session.id, "es")
    for rf in [r for item in facts.items for r in item.rounds] + facts.multi_rounds:
        for row in rf.table.rows:
            if row[0].startswith(("Sociedad civil", "Público")):
                assert set(row[1:]) <= {"reservado", "—"}, row
        for label_, parts, *_ in (rf.chart.rows if rf.chart.kind == "shares" else []):
            if label_.startswith(("Sociedad civil", "Público")):
                assert parts == []
        if rf.method == "dots":
            assert all(colour not in {"#1d4ed8", "#15803d"} for _, parts, *_ in rf.chart.rows for _, colour in parts)


def test_every_decision_is_in_the_minutes_and_the_data_with_who_recorded_it(client, make_session, join, make_staff,
                                                                            token_for):
    """A second decision never hides the first: both, with their reasons and who recorded them, and
    the latest as the item's decision. Dots rounds speak per item, never one verdict for the round."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=2)
    first, second = [db.session.get(Item, entry.item_id) for entry in session.agenda]
    people = [join(session, sector=s)[0] for s in ("public", "private", "academic", "public", "private")]
    round_ = voting.create_round(session, item_ids=[first.id], method="approve", threshold=0.6, anonymous=False)
    voting.open_round(round_)
    for person, value in zip(people, ("approve", "approve", "reject", "reject", "neutral")):
        voting.cast_vote(person, round_.id, value, f"v{person.id}")
    voting.close_round(round_)  # 40 %: below the threshold
    dots = voting.create_round(session, item_ids=[first.id, second.id], method="dots", dots=1, threshold=0.5)
    voting.open_round(dots)
    for person, item in zip(people, (first, first, first, second, second)):
        voting.cast_vote(person, dots.id, {str(item.id): 1}, f"d{person.id}")
    voting.close_round(dots)  # first: 60 % reach 50 %; second: 40 % do not
    lucia, tomas = make_staff("facilitator", name="Lucía Paredes"), make_staff("facilitator", name="Tomás Quispe")
    voting.record_decision(session, first, "rejected", staff=lucia)
    voting.record_decision(session, first, "agreed", "El gobierno regional ofreció cofinanciarla.", staff=tomas)
    sessions.transition(session, "closed")
    headers = token_for(make_staff("secretariat"))

    texts = _every_format(client, headers, session)
    for fmt in ("pdf", "docx"):
        text = texts[fmt]
        assert "Historial de decisiones" in text and "La mesa registró 2 decisiones sobre este ítem; rige la última." \
            in text, fmt
        assert "Resultado calculado: no alcanza el umbral de 60 % · Decisión: Rechazada · Registrada por Lucía " \
               "Paredes" in text, fmt
        assert "Resultado calculado: no alcanza el umbral de 60 % · Decisión: Aprobada · Registrada por Tomás " \
               "Quispe" in text, fmt
        assert "Decisión registrada: Aprobada" in text and "Decisión registrada: Rechazada" not in text, fmt
        assert "El gobierno regional ofreció cofinanciarla." in text
        assert "La mesa se apartó del resultado calculado (no alcanza el umbral de 60 %)." in text
        assert "Registrada por Tomás Quispe" in text
        # Dots: per item, in words; the rules' one verdict for the round is not told.
        assert "Resultado calculado: 1 de 2 ítems alcanza el umbral de 50 %" in text, fmt
        assert f"{first.code} · {first.title}: alcanza el umbral de 50 %" in text, fmt
        assert f"{second.code} · {second.title}: no alcanza el umbral de 50 %" in text, fmt
        assert "1 de 2 propuestas supera el umbral" not in text, fmt
    assert f"1 {first.code} Línea de acción {first.title} Aprobada" in texts["pdf"]  # the agenda: the latest
    decisions = [line.split(" | ") for line in texts["csv-decisions"].splitlines()]
    header, rows = decisions[0], decisions[1:]
    assert len(rows) == 2
    column = {name: header.index(name) for name in ("Código", "Decisión", "Resultado calculado", "Motivo",
                                                    "Registrada por", "Vigente")}
    assert [(r[column["Decisión"]], r[column["Registrada por"]], r[column["Vigente"]]) for r in rows] == [
        ("Rechazada", "Lucía Paredes", "No"), ("Aprobada", "Tomás Quispe", "Sí")]
    assert {r[column["Resultado calculado"]] for r in rows} == {"No alcanza el umbral de 60 %"}
    assert {r[column["Código"]] for r in rows} == {first.code}
    rounds = texts["csv-rounds"]
    assert f"{first.code}: alcanza el umbral de 50 %; {second.code}: no alcanza el umbral de 50 %" in rounds
    assert "1 de 2 propuestas supera" not in rounds


def test_removed_and_merged_participants_are_left_out_of_every_document(client, make_session, join, make_staff,
                                                                         token_for):
    """A test join removed and a duplicate merged: neither is an attendee, a voter or an author in
    any document; their removal and the merge are in the timeline with the reason."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import discussion
    from workshop.sessions import participants as room
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting
    from workshop.voting.models import Round

    session = make_session(status="live", items=1)
    item = db.session.get(Item, session.agenda[0].item_id)
    ana, _ = join(session, sector="public", name="Ana Quispe", organisation="Municipalidad")
    beto, _ = join(session, sector="private", name="Beto Rojas", organisation="Cámara")
    ghost, _ = join(session, sector="academic", name="Prueba Fantasma", organisation="Laboratorio Fantasma")
    twin, _ = join(session, sector="public", name="Ana Q.", organisation="Municipalidad Duplicada")
    round_ = voting.create_round(session, item_ids=[item.id], method="approve", anonymous=False)
    voting.open_round(round_)
    for person, value in ((ana, "approve"), (beto, "approve"), (ghost, "reject"), (twin, "neutral")):
        voting.cast_vote(person, round_.id, value, f"v{person.id}")
    voting.close_round(round_)
    discussion.add_comment(ghost, "Comentario fantasma que no debe figurar", item_id=item.id)
    staff = make_staff("facilitator", name="Lucía Paredes")
    room.remove(session, ghost.id, "Inscripción de prueba del equipo técnico", staff=staff)
    room.merge(session, ana.id, twin.id, "La misma persona desde un teléfono nuevo", staff=staff)
    sessions.transition(session, "closed")
    db.session.refresh(round_)
    assert db.session.get(Round, round_.id).final_tally["total"] == 2  # recounted: Ana and Beto
    headers = token_for(make_staff("secretariat"))

    texts = _every_format(client, headers, session)
    for fmt, text in texts.items():
        for gone in ("Prueba Fantasma", "Laboratorio Fantasma", "Municipalidad Duplicada", "Comentario fantasma"):
            assert gone not in text, (fmt, gone)
    for fmt in ("pdf", "docx"):
        text = texts[fmt]
        assert "2 Participantes" in text or "Participantes 2" in text or "2 participantes" in text.lower(), fmt
        assert "A favor (2) Público (1): Ana Quispe (Municipalidad) Privado (1): Beto Rojas (Cámara)" in text, fmt
        assert "En contra" not in text.split("Votos nominales")[1].split("Decisión")[0], fmt
        assert ("Se retiró a un participante de la sesión; sus votos ya no cuentan. Motivo: Inscripción de prueba "
                "del equipo técnico") in text, fmt
        assert ("Se unieron en uno dos registros de Ana Quispe; sus votos cuentan una sola vez. Motivo: La misma "
                "persona desde un teléfono nuevo") in text, fmt
        assert "Ronda 1 recontada tras un cambio en quiénes participan: de 4 a 3 votos" in text, fmt
        # What the removed participant did is not counted either (the duplicate's join is, then merged).
        assert "3 participantes se unieron" in text and "1 comentario" not in text, fmt
    participants = texts["csv-participants"].splitlines()
    assert len(participants) == 3 and "Ana Quispe" in texts["csv-participants"]
    assert len(texts["csv-votes"].splitlines()) == 3
    assert "2 Personas distintas" in texts["roadmap"]
    assert "2 Personas participantes" in texts["report"]


def test_documents_date_a_session_by_when_it_was_held(client, make_session, join, make_staff, token_for):
    """Scheduled for the 4th, held on the 6th: the 6th everywhere; the 4th only as what was
    scheduled. A session never held keeps its scheduled date, marked as such."""
    from datetime import datetime, timezone

    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    session = make_session(status="live", items=1)
    item = db.session.get(Item, session.agenda[0].item_id)
    person, _ = join(session)
    round_ = voting.create_round(session, item_ids=[item.id], method="approve", anonymous=False)
    voting.open_round(round_)
    voting.cast_vote(person, round_.id, "approve", "v1")
    voting.close_round(round_)
    voting.record_decision(session, item, "agreed")
    sessions.transition(session, "closed")
    session.starts_at = datetime(2022, 4, 4, 14, 30, tzinfo=timezone.utc)  # 09:30 in Lima
    session.started_at = datetime(2022, 4, 6, 15, 0, tzinfo=timezone.utc)
    session.ended_at = datetime(2022, 4, 6, 18, 45, tzinfo=timezone.utc)
    later = sessions.create_session(session.initiative, phase_number=3, title="Validación", status="scheduled",
                                    starts_at=datetime(2022, 6, 1, 14, 0, tzinfo=timezone.utc))
    db.session.commit()
    headers = token_for(make_staff("secretariat"))

    minutes = client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=headers)
    assert minutes.headers["Content-Disposition"].endswith("-2022-04-06.pdf")
    texts = _every_format(client, headers, session)
    for fmt in ("pdf", "docx"):
        assert "6 de abril de 2022 (programada para el 4 de abril de 2022)" in texts[fmt], fmt
        assert "10:00–13:45" in texts[fmt], fmt
    assert "6 de abril de 2022 (programada para el 4 de abril de 2022) | " not in texts["xlsx"]
    assert "Fecha | 6 de abril de 2022 (programada para el 4 de abril de 2022)" in texts["xlsx"]
    assert "Horario | 10:00–13:45" in texts["xlsx"]
    roadmap = texts["roadmap"]
    assert "6 abr 2022" in roadmap and "4 abr 2022" not in roadmap
    assert "programada para el 1 jun 2022" in roadmap
    assert "Periodo: 6 abr 2022 – 6 abr 2022" in texts["report"]
    assert "programada para el 1 jun 2022" in texts["report"]

    never = client.get(f"/api/v1/sessions/{later.id}/minutes.pdf", headers=headers)
    assert never.headers["Content-Disposition"].endswith("-programada-2022-06-01.pdf")
    text = pdf_text(never.data)
    assert "Programada para el 1 de junio de 2022" in text and "09:00 (programada)" in text
    english = pdf_text(client.get(f"/api/v1/sessions/{later.id}/minutes.pdf?lang=en", headers=headers).data)
    assert "Scheduled for June 1, 2022" in english and "09:00 (scheduled)" in english


def test_items_keep_their_codes_and_incomplete_ones_are_counted_alike(client, make_programme, make_staff, token_for):
    """The roadmap prints each item's own code, never a numbering of its own (so a letter citing
    RP-2 stays right); an item agreed without horizon is under "Sin horizonte", one without budget
    "Sin estimar", and the roadmap and the report add up the same money."""
    from workshop.documents import data
    from workshop.extensions import db
    from workshop.programmes.models import Item

    programme, initiative = make_programme(items=6)  # LA-1, RP-1, LA-2, RP-2, LA-3, RP-3
    items = {item.code: item for item in db.session.query(Item).filter_by(initiative_id=initiative.id)}
    for code, horizon, budget in (("LA-2", "short", 1_000_000), ("RP-2", None, 500_000), ("LA-3", "medium", None)):
        items[code].status, items[code].horizon, items[code].budget_pen = "agreed", horizon, budget
        items[code].axis = "Productividad"
    db.session.commit()
    headers = token_for(make_staff("secretariat"))

    roadmap = pdf_text(client.get(f"/api/v1/initiatives/{initiative.id}/roadmap.pdf", headers=headers).data)
    for code in ("LA-2", "RP-2", "LA-3"):
        assert f"{code} {items[code].title}" in roadmap
    assert "LA-1" not in roadmap and "RP-1" not in roadmap and "AL-" not in roadmap
    english = pdf_text(client.get(f"/api/v1/initiatives/{initiative.id}/roadmap.pdf?lang=en", headers=headers).data)
    assert "RP-2" in english and "PR-1" not in english
    assert "Sin horizonte" in roadmap and "Sin estimar" in roadmap
    assert "Total S/ 1.000.000 — — S/ 500.000 S/ 1.500.000" in roadmap  # the budget table's total row
    assert "1 ítem acordado no tiene presupuesto estimado (LA-3)" in roadmap
    facts = data.initiative_facts(initiative.id, "es")
    assert facts.horizons == ["Corto plazo", "Mediano plazo", "Largo plazo", "Sin horizonte"]
    assert facts.grid[(0, 3)] == [("RP-2", "#b45309")] and (0, 2) not in facts.grid

    report = pdf_text(client.get(f"/api/v1/programmes/{programme.id}/report.pdf", headers=headers).data)
    assert "S/ 1.500.000 1" in report  # the overview: the same total, one item not estimated
    assert "Presupuesto estimado de los ítems acordados: S/ 1.500.000; 1 ítem sin estimar." in report
    for code in ("LA-2", "RP-2", "LA-3"):
        assert f"{code} · {items[code].title}" in report
    # A re-print after another item is agreed keeps every code as it was.
    items["LA-1"].status = "agreed"
    db.session.commit()
    again = pdf_text(client.get(f"/api/v1/initiatives/{initiative.id}/roadmap.pdf", headers=headers).data)
    for code in ("LA-1", "LA-2", "RP-2", "LA-3"):
        assert f"{code} {items[code].title}" in again


def test_markup_and_very_long_text_in_every_format(client, make_session, join, make_staff, token_for):
    """Names, organisations, reasons, comments and titles are text, never markup, in every format;
    10,000 characters (one unbroken word among them) break no layout; a name that looks like a
    formula stays text in the workbook."""
    from workshop.extensions import db
    from workshop.programmes.models import Item
    from workshop.sessions import discussion
    from workshop.sessions import participants as room
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting
    from workshop.voting.models import Decision

    hostile = "Ana & <b>Negrita</b> <img src=x> ‘<i>’"
    long_words = ("Texto largo & <b>marcado</b> " * 400)[:10_000]
    one_word = "x" * 10_000
    session = make_session(status="live", items=2)
    first, second = [db.session.get(Item, entry.item_id) for entry in session.agenda]
    ana, _ = join(session, sector="civil_society", name=hostile, organisation="Org <img src=x> & Cía")
    beto, _ = join(session, sector="public", name='=HYPERLINK("http://ejemplo.org","clic")', organisation="Min")
    gone, _ = join(session, sector="private", name="Temporal", organisation="Temporal")
    beto.stakeholder.organisation = long_words
    first.title, first.title_en = f"Título <b>{hostile}</b>", f"Title <b>{hostile}</b>"
    first.description, first.axis = long_words, "Eje & <i>cursiva</i>"
    first.horizon, first.budget_pen = None, None
    db.session.commit()
    for method, anonymous in (("approve", False), ("score", True)):
        round_ = voting.create_round(session, item_ids=[first.id], method=method, anonymous=anonymous)
        voting.open_round(round_)
        voting.cast_vote(ana, round_.id, "approve" if method == "approve" else 4, f"{method}-a")
        voting.cast_vote(beto, round_.id, "reject" if method == "approve" else 2, f"{method}-b")
        voting.close_round(round_)
    dots = voting.create_round(session, item_ids=[first.id, second.id], method="dots", dots=2, anonymous=False)
    voting.open_round(dots)
    voting.cast_vote(ana, dots.id, {str(first.id): 2}, "d-a")
    voting.close_round(dots)
    comment = discussion.add_comment(ana, "Comentario <b>negrita</b> & <img src=x>", item_id=first.id)
    comment.body = f"<b>{long_words}</b> {one_word}"
    staff = make_staff("facilitator", name="Facilitadora <b>&</b>")
    decision = voting.record_decision(session, first, "agreed", "Motivo <b>negrita</b> & <img src=x>", staff=staff)
    db.session.get(Decision, decision.id).reason = f"{long_words} {one_word}"
    voting.record_decision(session, first, "deferred", "Segunda <i>decisión</i> & <img src=x>", staff=staff)
    room.remove(session, gone.id, f"Motivo & <b>{one_word[:400]}</b>", staff=staff)
    sessions.transition(session, "closed")
    first.status = "agreed"
    db.session.commit()
    headers = token_for(make_staff("secretariat"))

    texts = _every_format(client, headers, session)
    texts["pdf-en"] = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf?lang=en", headers=headers).data)
    for fmt in ("pdf", "docx", "pdf-en"):
        text = texts[fmt]
        assert hostile in text, fmt  # as typed: not bold, not an image, not an error
        assert "Segunda <i>decisión</i> & <img src=x>" in text, fmt
        assert "Texto largo & <b>marcado</b>" in text, fmt
    assert "Eje & <i>cursiva</i>" in texts["roadmap"] and "Título <b>" in texts["roadmap"]
    for fmt in ("xlsx", "csv-comments", "csv-decisions", "zip"):
        assert one_word in texts[fmt], fmt
    assert hostile in texts["csv-participants"] and hostile in texts["xlsx"]
    wb = workbook(client.get(f"/api/v1/sessions/{session.id}/data.xlsx", headers=headers).data)
    cells = [c for row in wb["Participantes"].iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula Excel would run
