"""The roadmap of an initiative (issue 11): its lifecycle and what it says.

Lifecycle: a draft marked on every page (PDF pages read with pypdf, the DOCX's header and footer)
until the secretariat validates it; a validated version downloads byte for byte after more data
arrives; later changes make a new draft; only the secretariat and admins validate. Content: the
reasons of every rejection, deferral and override; evidence whose n per sector is counted here
from the votes; a timeline in the programme's years; the DOCX read back with python-docx; the new
item fields through the API, the item form and the import; the demo's roadmap in both languages.
"""
from __future__ import annotations

import io
import re

import pytest
from docx import Document
from flask import g
from pypdf import PdfReader
from sqlalchemy import func, select

from workshop.extensions import db


def words(text: str) -> str:
    return " ".join(text.split())


def pages(body: bytes) -> list[str]:
    assert body.startswith(b"%PDF-")
    return [words(page.extract_text()) for page in PdfReader(io.BytesIO(body)).pages]


def docx_parts(body: bytes) -> tuple[str, str, Document]:
    """(body text, header and footer text, the document)."""
    doc = Document(io.BytesIO(body))
    text = " ".join(words(p.text) for p in doc.paragraphs if p.text.strip())
    for table in doc.tables:
        for row in table.rows:
            text += " " + " ".join(words(c.text) for c in row.cells)
    section = doc.sections[0]
    margins = " ".join(words(p.text) for p in section.header.paragraphs + section.footer.paragraphs)
    return text, margins, doc


@pytest.fixture
def table(app, make_staff, make_programme, join):
    """An initiative of a programme starting in 2021 with one phase-2 session, closed, where:
    LA-1 was agreed as the vote said (short term), RP-2 rejected as the vote said, LA-3 agreed
    against the vote (override, with its reason), RP-4 deferred with a reason; LA-5 never voted."""
    from workshop.programmes import services as programmes
    from workshop.sessions import services
    from workshop.voting import services as voting

    facilitator = make_staff("facilitator")
    programme, initiative = make_programme(items=5)
    programmes.update(programme, {"start_year": 2021})
    items = list(initiative.items)
    fields = [
        {"horizon": "short", "lead_institution": "INIA", "axis": "Calidad", "baseline": "20 productores",
         "target": "120 productores", "target_year": 2023, "verification": "Padrón de productores del INIA",
         "budget_pen": 800_000, "budget_source": "public", "budget_price_year": 2021},
        {"horizon": "medium", "lead_institution": "MIDAGRI", "axis": "Calidad"},
        {"horizon": "medium", "lead_institution": "Gobierno Regional de Ayacucho", "axis": "Mercados",
         "budget_pen": 1_200_000, "budget_source": "mixed", "budget_price_year": 2021},
        {"horizon": "long", "lead_institution": "PRODUCE", "axis": "Mercados"},
        {"horizon": "long", "lead_institution": "SENASA", "axis": "Mercados"},
    ]
    for item, data in zip(items, fields):
        programmes.update(item, data)
    session = services.create_session(initiative, phase_number=2, title="Posicionamiento", status="scheduled",
                                      facilitators=[facilitator], item_ids=[i.id for i in items], staff=facilitator)
    services.transition(session, "live", staff=facilitator)
    sectors = ["public"] * 4 + ["private"] * 3 + ["academic"] * 2 + ["civil_society"]
    people = [join(session, sector=s)[0] for s in sectors]
    # approve rounds, named (not anonymous): every sector's figures are printed
    plans = {0: ["approve"] * 10, 1: ["reject"] * 7 + ["approve"] * 3, 2: ["reject"] * 6 + ["approve"] * 4,
             3: ["neutral"] * 10}
    rounds = {}
    for index, ballots in plans.items():
        round_ = voting.create_round(session, item_ids=[items[index].id], method="approve", anonymous=False,
                                     staff=facilitator, open_now=True)
        for n, (person, value) in enumerate(zip(people, ballots)):
            voting.cast_vote(person, round_.id, value, f"r{index}-{n}")
        voting.close_round(round_, staff=facilitator)
        rounds[index] = round_
    voting.record_decision(session, items[0], "agreed", staff=facilitator, round_id=rounds[0].id)
    voting.record_decision(session, items[1], "rejected", staff=facilitator, round_id=rounds[1].id)
    voting.record_decision(session, items[2], "agreed", "La región ya comprometió el cofinanciamiento",
                           staff=facilitator, round_id=rounds[2].id)
    voting.record_decision(session, items[3], "deferred", "Falta el informe legal de PRODUCE", staff=facilitator,
                           round_id=rounds[3].id)
    services.transition(session, "closed", staff=facilitator)
    return {"programme": programme, "initiative": initiative, "items": items, "session": session,
            "rounds": rounds, "people": people, "facilitator": facilitator}


def _get(client, headers, url):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.data[:300]
    return response.data


# --- Lifecycle --------------------------------------------------------------------------------------


def test_a_roadmap_is_a_draft_on_every_page_until_validated_then_a_version_stays_byte_for_byte(
        table, client, token_for, make_staff, join):
    from workshop.programmes import services as programmes
    from workshop.voting import services as voting

    initiative = table["initiative"]
    base = f"/api/v1/initiatives/{initiative.id}"
    secretariat = token_for("secretariat")

    # A draft: "Borrador" on every page of the PDF, "Draft" in English, in the DOCX's header and footer.
    for lang, mark in (("es", "Borrador"), ("en", "Draft")):
        for n, text in enumerate(pages(_get(client, secretariat, f"{base}/roadmap.pdf?lang={lang}")), start=1):
            assert mark in text, (lang, n)
        _text, margins, _doc = docx_parts(_get(client, secretariat, f"{base}/roadmap.docx?lang={lang}"))
        assert margins.lower().count(mark.lower()) >= 2  # the running header and the footer of every page
    assert _get(client, secretariat, f"{base}/roadmap/versions") and client.get(
        f"{base}/roadmap/versions", headers=secretariat).json == []

    # Only the secretariat and admins validate.
    assert client.post(f"{base}/roadmap/versions").status_code == 401
    refused = client.post(f"{base}/roadmap/versions", headers=token_for("facilitator"))
    assert refused.status_code == 403 and refused.json["error"]["code"] == "forbidden"
    who = make_staff("secretariat", name="Rosa Mendoza")
    created = client.post(f"{base}/roadmap/versions", headers=token_for(who))
    assert created.status_code == 201
    version = created.json
    assert version["number"] == 1 and version["validated_by"]["name"] == "Rosa Mendoza"
    assert version["validated_at"].startswith(str(table["programme"].created_at.year))
    again = client.post(f"{base}/roadmap/versions", headers=secretariat)  # nothing changed since
    assert again.status_code == 409 and again.json["error"]["code"] == "roadmap_unchanged"

    # The current roadmap is that version now: its number and date on every page, no draft mark.
    for text in pages(_get(client, secretariat, f"{base}/roadmap.pdf")):
        assert "Versión 1 validada el" in text and "Borrador" not in text
    stored = {(kind, lang): _get(client, secretariat, f"{base}/roadmap/versions/1.{kind}?lang={lang}")
              for kind in ("pdf", "docx") for lang in ("es", "en")}
    for lang, mark in (("es", "Versión 1 validada el"), ("en", "Version 1 validated on")):
        for text in pages(stored[("pdf", lang)]):
            assert mark in text
        assert mark in docx_parts(stored[("docx", lang)])[1]

    # More data: a new vote and decision on LA-5, an item's target changed. A new draft...
    items, facilitator = table["items"], table["facilitator"]
    from workshop.sessions import services

    session = services.create_session(table["initiative"], phase_number=3, title="Hoja de ruta", status="scheduled",
                                      facilitators=[facilitator], item_ids=[items[4].id], staff=facilitator)
    services.transition(session, "live", staff=facilitator)
    round_ = voting.create_round(session, item_ids=[items[4].id], method="approve", anonymous=False,
                                 staff=facilitator, open_now=True)
    for n, sector in enumerate(["public", "private", "academic"]):
        voting.cast_vote(join(session, sector=sector)[0], round_.id, "approve", f"late-{n}")
    voting.close_round(round_, staff=facilitator)
    voting.record_decision(session, items[4], "agreed", staff=facilitator, round_id=round_.id)
    services.transition(session, "closed", staff=facilitator)
    programmes.update(items[0], {"target": "150 productores"})
    for text in pages(_get(client, secretariat, f"{base}/roadmap.pdf")):
        assert "Borrador" in text and "Versión 1 validada" not in text
    assert "cambiaron después de la versión 1" in " ".join(pages(_get(client, secretariat, f"{base}/roadmap.pdf")))

    # ...while version 1 downloads byte for byte as it was validated.
    for (kind, lang), body in stored.items():
        assert _get(client, secretariat, f"{base}/roadmap/versions/1.{kind}?lang={lang}") == body
    assert "150 productores" not in " ".join(pages(stored[("pdf", "es")]))

    admin = client.post(f"{base}/roadmap/versions", headers=token_for("admin"))
    assert admin.status_code == 201 and admin.json["number"] == 2
    listed = client.get(f"{base}/roadmap/versions", headers=token_for("facilitator")).json
    assert [v["number"] for v in listed] == [1, 2]
    assert "150 productores" in " ".join(pages(_get(client, secretariat, f"{base}/roadmap/versions/2.pdf")))
    assert client.get(f"{base}/roadmap/versions/3.pdf", headers=secretariat).status_code == 404
    assert client.get(f"{base}/roadmap/versions/1.pdf").status_code == 401
    assert client.get("/api/v1/initiatives/999999/roadmap/versions", headers=secretariat).status_code == 404


def test_validating_from_the_initiative_page(table, logged_in):
    """The secretariat's button on the initiative's page validates; a facilitator sees no button and is refused."""
    from workshop.documents.models import RoadmapVersion

    initiative = table["initiative"]

    facilitator = logged_in("facilitator")
    page = facilitator.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "Versiones validadas de la hoja de ruta" in page and "roadmap/validate" not in page
    assert facilitator.post(f"/initiatives/{initiative.id}/roadmap/validate").status_code == 403
    g.pop("_login_user", None)  # the tests' app context outlives requests: Flask-Login's cached user with it
    secretariat = logged_in("secretariat")
    page = secretariat.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert "roadmap/validate" in page
    response = secretariat.post(f"/initiatives/{initiative.id}/roadmap/validate")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(RoadmapVersion)) == 1
    page = secretariat.get(f"/initiatives/{initiative.id}").get_data(as_text=True)
    assert f"/api/v1/initiatives/{initiative.id}/roadmap/versions/1.pdf?lang=es" in page


# --- Content -----------------------------------------------------------------------------------------


def test_the_roadmap_gives_the_reasons_evidence_with_n_and_the_years(table, client, token_for):
    from workshop.sessions.models import Participant, Stakeholder
    from workshop.voting.models import Vote

    initiative, items, rounds = table["initiative"], table["items"], table["rounds"]
    headers = token_for("secretariat")
    text = " ".join(pages(_get(client, headers, f"/api/v1/initiatives/{initiative.id}/roadmap.pdf")))

    # Reasons: the override's and the deferral's as typed; the rejection's is the vote's result.
    assert "La región ya comprometió el cofinanciamiento" in text
    assert "Falta el informe legal de PRODUCE" in text
    assert "Como decidió la votación: no alcanza el umbral de 50 %" in text
    assert "Resumen ejecutivo" in text and "Rechazos, aplazamientos y decisiones contra la votación" in text
    assert "Acordados contra el resultado calculado de la votación" in text
    assert f"{items[2].code} {items[2].title}" in text

    # Evidence: the measure named and n per sector, counted here from the votes of LA-1's round.
    counts = dict(db.session.execute(
        select(Stakeholder.sector, func.count()).select_from(Vote)
        .join(Participant, Participant.id == Vote.participant_id)
        .join(Stakeholder, Stakeholder.id == Participant.stakeholder_id)
        .where(Vote.round_id == rounds[0].id).group_by(Stakeholder.sector)).all())
    assert counts == {"public": 4, "private": 3, "academic": 2, "civil_society": 1}
    assert f"proporción que aprueba (A favor / neutral / en contra, n={sum(counts.values())})" in text
    for sector in ("public", "private", "academic", "civil_society"):
        assert f"100 % (n={counts[sector]})" in text

    # Indicator, verification, budget with its source and price year.
    assert "Línea de base: 20 productores; meta: 120 productores al 2023" in text
    assert "Padrón de productores del INIA" in text
    assert "S/ 800.000 · fuente: pública · precios de 2021" in text

    # Timeline: real years (start 2021 + 2 / 5 / 10) with the items' titles, not codes alone.
    assert "Corto plazo · al 2023" in text and "Mediano plazo · al 2026" in text
    assert f"{items[0].code} {items[0].title} INIA 2023" in text
    assert "con plazo al 2023" in text
    assert not re.search(r"\bal 2025\b", text)

    # The executive summary from the data: what was agreed, support across sectors, budget, first steps.
    assert "acordaron 1 línea de acción y 1 reforma de política" in text or \
        "acordaron 2 líneas de acción y 0 reformas de política" in text
    assert "Público 1 de 2" in text  # LA-1 backed by the public sector's majority, LA-3 not
    assert "S/ 2.000.000" in text and "Primeros pasos: 1 ítem de corto plazo, liderado por INIA." in text

    english = " ".join(pages(_get(client, headers, f"/api/v1/initiatives/{initiative.id}/roadmap.pdf?lang=en")))
    assert "share approving (Approve / neutral / reject, n=10)" in english and "Short term · by 2023" in english
    assert "Executive summary" in english and "First steps: 1 short-term item, led by INIA." in english


def test_without_a_start_year_the_timeline_gives_horizons_in_years(table, client, token_for):
    from workshop.programmes import services as programmes

    programmes.update(table["programme"], {"start_year": None, "short_horizon_years": 3})
    url = f"/api/v1/initiatives/{table['initiative'].id}/roadmap.pdf"
    text = " ".join(pages(_get(client, token_for("admin"), url)))
    assert "Corto plazo · en un plazo de 3 años" in text and "con plazo de 3 años" in text
    assert "aún no tiene año de inicio" in text and "Corto plazo · al" not in text


def test_the_docx_says_what_the_pdf_says(table, client, token_for):
    initiative, items = table["initiative"], table["items"]
    headers = token_for("secretariat")
    body, margins, doc = docx_parts(_get(client, headers, f"/api/v1/initiatives/{initiative.id}/roadmap.docx"))
    pdf = " ".join(pages(_get(client, headers, f"/api/v1/initiatives/{initiative.id}/roadmap.pdf")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["1. Resumen ejecutivo", "Primeros pasos: los ítems de corto plazo y quién los lidera",
                            "2. El proceso", "Sesiones por fase"]
    for needed in ("La región ya comprometió el cofinanciamiento", "Falta el informe legal de PRODUCE",
                   "Padrón de productores del INIA", "S/ 800.000 · fuente: pública · precios de 2021",
                   "Corto plazo · al 2023", "100 % (n=4)", items[2].title):
        assert needed in body and needed in pdf, needed
    assert "Borrador" in margins
    assert doc.core_properties.title == f"Hoja de ruta — {initiative.name}" and doc.core_properties.language == "es"
    english, _m, doc_en = docx_parts(_get(client, headers, f"/api/v1/initiatives/{initiative.id}/roadmap.docx?lang=en"))
    assert "Executive summary" in english and doc_en.core_properties.language == "en"


# --- The new fields where items and programmes are edited -----------------------------------------------


def test_item_and_programme_fields_through_the_api(table, client, token_for):
    item, programme = table["items"][1], table["programme"]
    headers = token_for("secretariat")
    changed = client.patch(f"/api/v1/items/{item.id}", headers=headers, json={
        "baseline": "3 laboratorios", "target": "8 laboratorios", "target_year": 2026,
        "verification": "Registro de INACAL", "budget_source": "private", "budget_price_year": 2022})
    assert changed.status_code == 200
    assert {k: changed.json[k] for k in ("baseline", "target", "target_year", "budget_source")} == {
        "baseline": "3 laboratorios", "target": "8 laboratorios", "target_year": 2026, "budget_source": "private"}
    for bad in ({"budget_source": "state"}, {"target_year": "pronto"}, {"budget_price_year": 99},
                {"verification": "x" * 2001}):
        refused = client.patch(f"/api/v1/items/{item.id}", headers=headers, json=bad)
        assert refused.status_code in (400, 422), bad
    db.session.expire_all()
    assert item.budget_source == "private" and item.target_year == 2026
    admin = token_for("admin")
    response = client.patch(f"/api/v1/programmes/{programme.id}", headers=admin,
                            json={"start_year": 2022, "medium_horizon_years": 4})
    assert response.status_code == 200 and response.json["start_year"] == 2022
    assert response.json["medium_horizon_years"] == 4 and response.json["short_horizon_years"] == 2
    assert client.patch(f"/api/v1/programmes/{programme.id}", headers=admin,
                        json={"long_horizon_years": 0}).status_code in (400, 422)


def test_item_form_and_import_take_the_new_fields(table, logged_in):
    from workshop.programmes import services

    item = table["items"][1]
    browser = logged_in("facilitator")
    form = browser.get(f"/items/{item.id}/edit").get_data(as_text=True)
    for name in ("baseline", "target", "target_year", "verification", "budget_source", "budget_price_year"):
        assert f'name="{name}"' in form
    response = browser.post(f"/items/{item.id}/edit", data={
        "kind": item.kind, "title": item.title, "baseline": "1", "target": "4", "target_year": "2027",
        "verification": "Actas", "budget_source": "mixed", "budget_price_year": "2021"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (item.baseline, item.target, item.target_year, item.budget_source) == ("1", "4", 2027, "mixed")
    bad = browser.post(f"/items/{item.id}/edit", data={"kind": item.kind, "title": item.title,
                                                       "target_year": "luego"})
    assert bad.status_code == 400
    db.session.expire_all()
    assert item.target_year == 2027

    csv = ("tipo,título,línea de base,meta,año meta,medio de verificación,fuente,año de precios\n"
           "línea de acción,Centro de acopio,0 t,300 t,2026,Actas de acopio,mixto,2021\n").encode()
    parsed = services.parse_import("items.csv", csv)
    assert parsed.ok, parsed.errors
    assert parsed.rows[0] | {} == parsed.rows[0] and {k: parsed.rows[0][k] for k in (
        "baseline", "target", "target_year", "verification", "budget_source", "budget_price_year")} == {
        "baseline": "0 t", "target": "300 t", "target_year": 2026, "verification": "Actas de acopio",
        "budget_source": "mixed", "budget_price_year": 2021}


# --- The demo ---------------------------------------------------------------------------------------------


def test_the_demo_roadmap_in_both_languages(demo_app):
    from workshop.accounts.auth import issue_staff_token
    from workshop.accounts.services import create_staff
    from workshop.programmes.models import Initiative, Item, Programme

    client = demo_app.test_client()
    user = create_staff(email="secretaria.hoja@example.org", name="Secretaría", role="secretariat",
                        password="correct horse battery")
    headers = {"Authorization": f"Bearer {issue_staff_token(user)}"}
    programme = db.session.scalar(select(Programme).order_by(Programme.id))
    assert programme.start_year == 2021
    initiative = db.session.get(Initiative, 5)
    agreed = db.session.scalars(select(Item).where(Item.initiative_id == 5, Item.status == "agreed")).all()
    assert agreed and all(i.target and i.target_year and i.verification and i.budget_source for i in agreed)
    for lang in ("es", "en"):
        body = _get(client, headers, f"/api/v1/initiatives/5/roadmap.pdf?lang={lang}")
        text = " ".join(pages(body))
        assert not re.search(r"\b(al|by) 202[0-5]\)", text)  # no stale "(meta: … al 2025)" left in indicators
        for item in agreed:
            assert item.code in text and str(item.target_year) in text
        meta = PdfReader(io.BytesIO(body)).metadata
        title = "Hoja de ruta" if lang == "es" else "Roadmap"
        assert meta.title == f"{title} — {initiative.name_en if lang == 'en' else initiative.name}"
    text = " ".join(pages(_get(client, headers, "/api/v1/initiatives/5/roadmap.pdf")))
    assert "Corto plazo · al 2023" in text and "Borrador" in text


def test_the_programme_export_carries_the_versions_byte_for_byte(table, client, token_for):
    """A validated version leaves in the programme's export (files in base64) and comes back whole."""
    import json

    from workshop.archive import programme as archive
    from workshop.documents.models import RoadmapVersion

    initiative = table["initiative"]
    assert client.post(f"/api/v1/initiatives/{initiative.id}/roadmap/versions",
                       headers=token_for("secretariat")).status_code == 201
    original = db.session.scalar(select(RoadmapVersion))
    document = json.loads(json.dumps(archive.export_programme(table["programme"])))
    assert [v["number"] for v in document["roadmap_versions"]] == [1]
    imported = archive.import_programme(document)
    copy = db.session.get(RoadmapVersion, imported.ids["roadmap_versions"][original.id])
    assert copy.initiative_id != original.initiative_id and copy.number == 1
    assert (copy.pdf_es, copy.docx_en, copy.facts, copy.fingerprint) == (
        original.pdf_es, original.docx_en, original.facts, original.fingerprint)
    assert copy.validated_by_id == original.validated_by_id
