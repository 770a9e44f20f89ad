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
    from workshop.sessions.models import Participant, Session
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
    assert "Posicionamiento competitivo" in text and "4 de abril de 2022" in text
    for entry in session.agenda:
        assert entry.item.title in text
    # Attendance: the number of participants and the ñ of a stakeholder's name.
    participants = db.session.scalar(select(func.count()).select_from(Participant).where(
        Participant.session_id == DEMO_SESSION))
    assert f"{participants} Participantes" in text
    assert "Núñez" in text or "ñ" in text
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
    from workshop.voting.models import Decision

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
    assert len(doc.inline_shapes) >= 1 + 14
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
    assert any("más información técnica" in (row[reason] or "") and row[departs] == "Sí" for row in decisions[1:])
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
    assert "Anexo. Ítems rechazados y aplazados" in text and "Evidencia de apoyo" in text
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
    """File properties: the document and its subject as title, "Mesa — <institution>" as author, made now
    (python-docx's template said "python-docx", 2013)."""
    from datetime import datetime, timezone

    from workshop.extensions import db
    from workshop.programmes.models import Initiative

    client, headers = demo
    initiative = db.session.get(Initiative, DEMO_INITIATIVE)
    author = f"Mesa — {initiative.programme.institution}"
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
