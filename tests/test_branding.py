"""Branding, file properties, participation by sex and layout of the documents (issue 11, parts 6–8).

- A programme's logos are uploaded by admins only, checked by their content (PNG or JPEG that
  decodes, at most 1 MB), refused with a translated sentence otherwise, and then printed: on page 1
  of every PDF (cover or title block) with the funders' acknowledgement, small in every page header,
  in the DOCX header and title block.
- Every PDF says its full title, the institution as author, its subject and language; every DOCX the
  same in its core properties, created now.
- Sex is optional on joining (the phone's one select, the API's `sex`), reported only in aggregate
  with small groups withheld as sector cells are.
- Headings travel with what follows; a closed session's undecided items are not "pending".
"""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

from workshop.extensions import db


def image_bytes(size: tuple[int, int], fmt: str = "PNG", colour=(11, 85, 99)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, fmt)
    return out.getvalue()


INSTITUTION_PNG = image_bytes((120, 40))
FUNDER_JPEG = image_bytes((90, 30), "JPEG", (180, 83, 9))


def forget_user() -> None:
    """Requests of a test share its app context, where Flask-Login keeps the user it loaded: forget it,
    so that each browser's request loads its own (as tests/test_access.py does)."""
    from flask import g

    g.pop("_login_user", None)


def as_(logged_in, role: str):
    """A new browser logged in as a new account of `role` (the app context forgets the last user first)."""
    forget_user()
    browser = logged_in(role)
    forget_user()
    return browser


def upload(browser, programme_id: int, data: bytes, filename: str = "logo.png", role: str = "institution",
           name: str = "CONCYTEC", content_type: str = "image/png"):
    forget_user()
    return browser.post(f"/programmes/{programme_id}/logos", content_type="multipart/form-data",
                        data={"role": role, "name": name, "file": (io.BytesIO(data), filename, content_type)})


def logos_of(programme_id: int) -> list:
    from workshop.programmes.models import ProgrammeLogo

    db.session.expire_all()
    return list(db.session.scalars(db.select(ProgrammeLogo).where(ProgrammeLogo.programme_id == programme_id)
                                   .order_by(ProgrammeLogo.position)))


def pdf_page_images(body: bytes, page: int) -> list[tuple[int, int]]:
    """Pixel sizes of the images drawn on a page (reportlab wraps each in a form XObject)."""
    reader = PdfReader(io.BytesIO(body))
    return sorted(image.image.size for image in reader.pages[page].images)


def pdf_text(body: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in doc.element.body.iter(qn("w:p"))]
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


@pytest.fixture
def branded(make_session, logged_in, join):
    """A closed session of a programme with an institution logo, a funder's logo and an acknowledgement
    (uploaded and typed through the admin's edit page), a few participants; returns (session, admin)."""
    session = make_session()
    for n in range(3):
        join(session, sector=("public", "private", "academic")[n])
    from workshop.sessions import services

    services.transition(session, "closed")
    programme_id = session.initiative.programme_id
    admin = as_(logged_in, "admin")
    assert upload(admin, programme_id, INSTITUTION_PNG).status_code == 302
    assert upload(admin, programme_id, FUNDER_JPEG, "funder.jpg", "funder", "Banco Mundial",
                  "image/jpeg").status_code == 302
    forget_user()
    saved = admin.post(f"/programmes/{programme_id}/edit", data={
        "name": "Programa de prueba", "institution": "CONCYTEC",
        "acknowledgement": "Con el apoyo del Banco Mundial.", "acknowledgement_en": "With the World Bank's support."})
    assert saved.status_code == 302
    return session, admin


# --- Uploads ---------------------------------------------------------------------------------------


def test_a_logo_that_is_not_a_png_or_jpeg_image_is_refused_and_nothing_is_stored(make_programme, logged_in):
    programme, _ = make_programme()
    admin = as_(logged_in, "admin")
    gif = io.BytesIO()
    Image.new("RGB", (20, 20)).save(gif, "GIF")
    truncated = INSTITUTION_PNG[: len(INSTITUTION_PNG) // 2]
    for data, filename in ((b"%PDF-1.4 not an image", "logo.png"), (b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                                                                       "logo.png"),
                           (gif.getvalue(), "logo.gif"), (truncated, "logo.png"), (b"", "logo.png")):
        response = upload(admin, programme.id, data, filename)
        assert response.status_code == 400, filename
        page = response.get_data(as_text=True)
        assert ("El logo debe ser una imagen PNG o JPEG." in page
                or "Elija primero una imagen PNG o JPEG." in page), page[:2000]
    too_big = INSTITUTION_PNG + b"\0" * (1024 * 1024)  # a valid PNG with a megabyte after it
    response = upload(admin, programme.id, too_big)
    assert response.status_code == 400
    assert "El logo pesa 1.025 KB; lo máximo aceptado es 1.024 KB." in response.get_data(as_text=True)
    huge = image_bytes((4001, 10))
    response = upload(admin, programme.id, huge)
    assert response.status_code == 400
    assert "El logo mide 4.001 × 10 píxeles; lo máximo aceptado es 4.000 píxeles por lado." in response.get_data(
        as_text=True)
    english = admin.post(f"/programmes/{programme.id}/logos?lang=en", content_type="multipart/form-data",
                         data={"role": "institution", "file": (io.BytesIO(b"GIF89a"), "x.png", "image/png")})
    assert english.status_code == 400 and "The logo must be a PNG or JPEG image." in english.get_data(as_text=True)
    assert logos_of(programme.id) == []


def test_only_admins_may_change_the_logos(make_programme, logged_in, client):
    programme, _ = make_programme()
    for role in ("secretariat", "facilitator"):
        assert upload(as_(logged_in, role), programme.id, INSTITUTION_PNG).status_code == 403
    anonymous = upload(client, programme.id, INSTITUTION_PNG)
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    assert logos_of(programme.id) == []
    admin = as_(logged_in, "admin")
    assert upload(admin, programme.id, INSTITUTION_PNG).status_code == 302
    (logo,) = logos_of(programme.id)
    for role in ("secretariat", "facilitator"):
        browser = as_(logged_in, role)
        forget_user()
        assert browser.post(f"/programmes/{programme.id}/logos/{logo.id}/delete").status_code == 403
        forget_user()
        image = browser.get(f"/programmes/{programme.id}/logos/{logo.id}")  # staff may see it
        assert image.status_code == 200 and image.data == INSTITUTION_PNG
    assert len(logos_of(programme.id)) == 1


def test_the_edit_page_lists_reorders_and_removes_logos(make_programme, logged_in):
    programme, _ = make_programme()
    admin = as_(logged_in, "admin")
    for name in ("Primero", "Segundo"):
        assert upload(admin, programme.id, FUNDER_JPEG, "f.jpg", "funder", name, "image/jpeg").status_code == 302
    first, second = logos_of(programme.id)
    assert (first.content_type, first.name, first.data) == ("image/jpeg", "Primero", FUNDER_JPEG)
    page = admin.get(f"/programmes/{programme.id}/edit").get_data(as_text=True)
    assert f'src="/programmes/{programme.id}/logos/{first.id}"' in page and 'name="acknowledgement"' in page
    image = admin.get(f"/programmes/{programme.id}/logos/{first.id}")
    assert image.mimetype == "image/jpeg" and image.headers["X-Content-Type-Options"] == "nosniff"
    assert admin.post(f"/programmes/{programme.id}/logos/{second.id}/move", data={"direction": "up"}).status_code == 302
    assert [logo.name for logo in logos_of(programme.id)] == ["Segundo", "Primero"]
    assert admin.post(f"/programmes/{programme.id}/logos/{second.id}/move",
                      data={"direction": "sideways"}).status_code == 400
    assert admin.post(f"/programmes/{programme.id}/logos/{first.id}/delete").status_code == 302
    assert [logo.name for logo in logos_of(programme.id)] == ["Segundo"]
    other, _ = make_programme(name="Otro")  # a logo is reached only through its own programme
    assert admin.get(f"/programmes/{other.id}/logos/{second.id}").status_code == 404


# --- On the documents -----------------------------------------------------------------------------


def test_the_logos_and_the_acknowledgement_are_on_every_pdf(branded, token_for, client):
    session, _admin = branded
    headers = token_for("secretariat")
    institution, funder = (120, 40), (90, 30)
    for url in (f"/api/v1/sessions/{session.id}/minutes.pdf",
                f"/api/v1/initiatives/{session.initiative_id}/roadmap.pdf",
                f"/api/v1/programmes/{session.initiative.programme_id}/report.pdf"):
        for lang, thanks in (("es", "Con el apoyo del Banco Mundial."), ("en", "With the World Bank's support.")):
            response = client.get(f"{url}?lang={lang}", headers=headers)
            assert response.status_code == 200, url
            body = response.data
            assert institution in pdf_page_images(body, 0) and funder in pdf_page_images(body, 0), url
            assert pdf_page_images(body, 1) == [institution], url  # small, in the running header
            first_page = " ".join(PdfReader(io.BytesIO(body)).pages[0].extract_text().split())
            assert thanks in first_page, (url, lang)


def test_the_docx_carries_the_logos_in_its_header_and_title_block(branded, token_for, client):
    session, _admin = branded
    headers = token_for("secretariat")
    body = client.get(f"/api/v1/sessions/{session.id}/minutes.docx", headers=headers).data
    doc = Document(io.BytesIO(body))
    header = doc.sections[0].header
    pictures = header._element.findall(".//" + qn("pic:pic"))
    assert len(pictures) == 1  # the institution's logo, small
    sizes = []
    for shape in doc.inline_shapes:
        part = doc.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
        sizes.append(Image.open(io.BytesIO(part.blob)).size)
    assert (120, 40) in sizes and (90, 30) in sizes  # title block: the institution's and the funder's
    assert "Con el apoyo del Banco Mundial." in docx_text(body)


def test_a_programme_without_logos_gets_plain_documents(make_session, token_for, client):
    session = make_session()
    body = client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=token_for("secretariat")).data
    assert pdf_page_images(body, 0) == []
    docx = Document(io.BytesIO(client.get(f"/api/v1/sessions/{session.id}/minutes.docx",
                                          headers=token_for("secretariat")).data))
    assert docx.sections[0].header._element.findall(".//" + qn("pic:pic")) == []


# --- File properties ------------------------------------------------------------------------------


def test_every_pdf_says_its_title_author_subject_and_language(make_session, token_for, client):
    session = make_session()
    initiative = session.initiative
    headers = token_for("secretariat")
    expected = {
        f"/api/v1/sessions/{session.id}/minutes.pdf": ("Acta de sesión — Hoja de ruta",
                                                       "Session minutes — Hoja de ruta"),
        f"/api/v1/initiatives/{initiative.id}/roadmap.pdf": (f"Hoja de ruta — {initiative.name}",
                                                             f"Roadmap — {initiative.name}"),
        f"/api/v1/programmes/{initiative.programme_id}/report.pdf": ("Informe del programa — Programa de prueba",
                                                                     "Programme report — Programa de prueba"),
    }
    for url, titles in expected.items():
        for lang, title in zip(("es", "en"), titles):
            reader = PdfReader(io.BytesIO(client.get(f"{url}?lang={lang}", headers=headers).data))
            meta = reader.metadata
            assert meta.title == title, url
            assert meta.author == "CONCYTEC"  # the programme's institution, not "Mesa"
            assert meta.subject.startswith("Programa de prueba")
            assert reader.trailer["/Root"]["/Lang"] == lang


def test_the_docx_properties_say_what_it_is_who_made_it_and_when(make_session, token_for, client):
    session = make_session()
    before = datetime.now(timezone.utc) - timedelta(seconds=1)
    for lang in ("es", "en"):
        core = Document(io.BytesIO(client.get(f"/api/v1/sessions/{session.id}/minutes.docx?lang={lang}",
                                              headers=token_for("secretariat")).data)).core_properties
        assert core.author == core.last_modified_by == "CONCYTEC"
        assert core.title == ("Acta de sesión — Hoja de ruta" if lang == "es" else "Session minutes — Hoja de ruta")
        assert before <= core.created <= datetime.now(timezone.utc) + timedelta(seconds=1)
        assert core.created > datetime.now(timezone.utc) - timedelta(minutes=1) and core.modified == core.created
        assert core.language == lang and "python-docx" not in (core.comments + core.author)


def test_the_shared_docx_properties_function_sets_the_text_language():
    """New DOCX builders call docx_props.properties: Word checks the spelling in the document's language."""
    from workshop.documents import docx_props
    from workshop.documents.data import Meta
    from workshop.documents.text import Text

    doc = Document()
    meta = Meta("es", Text("es"), "", "Resumen", "Programa · Iniciativa", title="Resumen — Iniciativa",
                author="CONCYTEC", created=datetime.now(timezone.utc))
    docx_props.properties(doc, meta)
    lang = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "es-PE"
    assert (doc.core_properties.title, doc.core_properties.author) == ("Resumen — Iniciativa", "CONCYTEC")


# --- Participation by sex -------------------------------------------------------------------------


def test_joining_asks_sex_as_an_optional_field(make_session, client):
    from workshop.sessions.models import Stakeholder

    session = make_session()
    with_it = client.post("/api/v1/join", json={"code": session.join_code, "name": "Ana", "organisation": "Org",
                                                "sector": "public", "sex": "female"})
    without = client.post("/api/v1/join", json={"code": session.join_code, "name": "Luis", "organisation": "Org",
                                                "sector": "public"})
    undisclosed = client.post("/api/v1/join", json={"code": session.join_code, "name": "Sam", "organisation": "Org",
                                                    "sector": "private", "sex": "undisclosed"})
    assert with_it.status_code == without.status_code == undisclosed.status_code == 200
    wrong = client.post("/api/v1/join", json={"code": session.join_code, "name": "Eva", "organisation": "Org",
                                              "sector": "public", "sex": "yes"})
    assert wrong.status_code == 400 and wrong.get_json()["error"]["code"]
    db.session.expire_all()
    assert {s.name: s.sex for s in db.session.scalars(db.select(Stakeholder))} == {
        "Ana": "female", "Luis": None, "Sam": "undisclosed"}
    page = client.get(f"/j/{session.join_code}").get_data(as_text=True)
    select = page[page.index('<select id="join-sex" name="sex"'):]
    select = select[:select.index("</select>")]
    assert '<option value="">' in select and "required" not in select
    for code, word in (("female", "Mujer"), ("male", "Hombre"), ("other", "Otro"),
                       ("undisclosed", "Prefiero no decirlo")):
        assert f'<option value="{code}">{word}</option>' in select


def test_sex_is_reported_in_aggregate_with_small_groups_withheld(make_session, join, token_for, client):
    """4 women, 2 men, 3 who prefer not to say, minimum cell 3: the men's 2 is withheld, and with it the
    next smallest group (3), so that 9 − 4 − … gives nothing away; the women's 4 is shown."""
    from workshop.sessions import services
    from workshop.sessions.models import Participant

    session = make_session()
    sexes = ["female"] * 4 + ["male"] * 2 + ["undisclosed"] * 3
    for n, sex in enumerate(sexes):
        participant, _ = join(session, sector=("public", "private", "academic")[n % 3])
        participant.stakeholder.sex = sex
    db.session.commit()
    services.transition(session, "closed")
    headers = token_for("secretariat")
    expected = {"es": ("Participación por sexo", "Mujer 4 44,4 %", "Hombre reservado reservado",
                       "Prefiero no decirlo reservado reservado", "Sin dato 0 0 %"),
                "en": ("Participation by sex", "Woman 4 44.4%", "Man withheld withheld",
                       "Prefer not to say withheld withheld", "Not stated 0 0%")}
    for lang, lines in expected.items():
        pdf = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf?lang={lang}", headers=headers).data)
        docx = docx_text(client.get(f"/api/v1/sessions/{session.id}/minutes.docx?lang={lang}", headers=headers).data)
        for line in lines:
            assert line in pdf, (lang, line)
            assert line in docx, (lang, line)
        assert "Hombre 2" not in pdf and "Man 2" not in pdf
    book = load_workbook(io.BytesIO(client.get(f"/api/v1/sessions/{session.id}/data.xlsx", headers=headers).data))
    cover = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row and row[0]}
    assert cover["Participación por sexo"].startswith(
        "Mujer: 4 · Hombre: reservado · Otro: 0 · Prefiero no decirlo: reservado · Sin dato: 0.")
    participants = list(book["Participantes"].iter_rows(values_only=True))
    assert "Sexo" not in participants[0] and len(participants) == len(sexes) + 1  # never per person
    assert db.session.scalar(db.select(db.func.count(Participant.id))) == len(sexes)


def test_no_sex_table_when_nobody_was_asked(make_session, join, token_for, client):
    session = make_session()
    for _ in range(4):
        join(session)
    text = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=token_for("secretariat")).data)
    assert "Participación por sexo" not in text


# --- Layout -------------------------------------------------------------------------------------


def test_a_closed_sessions_undecided_items_are_not_pending(make_session, token_for, client):
    from workshop.sessions import services

    session = make_session()
    headers = token_for("secretariat")
    live = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=headers).data)
    assert "Pendiente" in live and "Sin decisión registrada" not in live
    services.transition(session, "closed")
    closed = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=headers).data)
    assert "Pendiente" not in closed and closed.count("Sin decisión registrada") == 4
    english = pdf_text(client.get(f"/api/v1/sessions/{session.id}/minutes.pdf?lang=en", headers=headers).data)
    assert english.count("No decision recorded") == 4


def _layout(story_tail, app) -> list[str]:
    """The text of each page of a PDF whose first page is filled but for ~120 points, then `story_tail`."""
    from workshop.documents import pdfbase, style
    from workshop.documents.data import Meta
    from workshop.documents.text import Text

    style.register_fonts()
    meta = Meta("es", Text("es"), "", "Prueba", "Prueba")
    filler = pdfbase.Spacer(1, style.PAGE_SIZE[1] - style.MARGIN_TOP - style.MARGIN_BOTTOM - 120)
    body = pdfbase.render([filler] + pdfbase.heading("Encabezado de prueba", 0, "h") + story_tail, meta)
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages]


def test_a_heading_never_stays_behind_what_cannot_follow_it(app):
    """A heading that fits at the foot of a page above a figure that does not goes with the figure."""
    from reportlab.graphics.shapes import Drawing, Rect

    figure = Drawing(400, 200)
    figure.add(Rect(0, 0, 400, 200))
    pages = _layout([figure], app)
    assert "Encabezado de prueba" not in pages[0] and "Encabezado de prueba" in pages[1]


def test_a_heading_starts_its_long_table_on_the_same_page(app):
    """…but a long table starts under its heading and splits, instead of leaving the page blank."""
    from workshop.documents import pdfbase
    from workshop.documents.data import Table

    table = Table(["Organización", "Personas"], [[f"Organización {n}", str(n)] for n in range(80)], [], [4, 1], [1])
    pages = _layout([pdfbase.data_table(table)], app)
    assert "Encabezado de prueba" in pages[0] and "Organización 1 " in pages[0] + " "


def test_the_api_adds_and_removes_logos_for_admins_only(make_programme, token_for, client):
    programme, _ = make_programme()
    url = f"/api/v1/programmes/{programme.id}/logos"

    def post(headers, data, role="funder"):
        return client.post(url, headers=headers, content_type="multipart/form-data",
                           data={"role": role, "name": "Banco Mundial", "file": (io.BytesIO(data), "x.png")})

    admin = token_for("admin")
    assert post(token_for("secretariat"), INSTITUTION_PNG).status_code == 403
    refused = post(admin, b"GIF89a\x01\x00\x01\x00")
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "not_an_image"
    assert post(admin, INSTITUTION_PNG, role="sponsor").get_json()["error"]["code"] == "invalid_role"
    assert logos_of(programme.id) == []
    made = post(admin, FUNDER_JPEG)
    assert made.status_code == 201
    assert made.get_json() == {"id": made.get_json()["id"], "role": "funder", "name": "Banco Mundial",
                               "content_type": "image/jpeg", "position": 1}
    assert client.delete(f"{url}/{made.get_json()['id']}", headers=token_for("facilitator")).status_code == 403
    assert client.delete(f"{url}/{made.get_json()['id']}", headers=admin).status_code == 204
    assert logos_of(programme.id) == []


def test_a_big_logo_is_embedded_at_print_size(make_session, logged_in, token_for, client):
    """A 3,000-pixel logo (accepted: under 4,000 px and 1 MB) is scaled down once to 800 px for the
    documents, so that no page decodes the whole image again and the files stay small."""
    session = make_session()
    big = image_bytes((3000, 1000))
    assert len(big) < 1024 * 1024
    assert upload(as_(logged_in, "admin"), session.initiative.programme_id, big).status_code == 302
    body = client.get(f"/api/v1/sessions/{session.id}/minutes.pdf", headers=token_for("secretariat")).data
    assert pdf_page_images(body, 0) == [(800, 267)]
