"""The stakeholder registry (issue 12 §2): a person counts once across a programme's sessions, personal
invitations join as that person and no one else, invited-only sessions, import with a preview and
per-row errors, merges that keep the history, the badge sheet and its QR codes, and hostile names."""
from __future__ import annotations

import io
import shutil
import subprocess
from urllib.parse import urlparse

import pytest

from workshop.extensions import socketio

NS = "/live"
HOSTILE = ["R&D <b>bold</b>", "<img src=x onerror=alert(1)>", "Ñandú & Cía. “SAC” <script>"]


@pytest.fixture
def programme_with_two_sessions(app, make_programme):
    """A programme with one initiative and two live sessions of it (phases 1 and 2)."""
    from workshop.sessions import services

    programme, initiative = make_programme(items=2)
    ids = [i.id for i in initiative.items]
    first = services.create_session(initiative, phase_number=1, title="Fase 1", status="scheduled", item_ids=ids)
    second = services.create_session(initiative, phase_number=2, title="Fase 2", status="scheduled", item_ids=ids)
    services.transition(first, "live")
    services.transition(second, "live")
    return programme, first, second


def _join(client, **body):
    return client.post("/api/v1/join", json=body)


def _stats(client, programme_id):
    return client.get(f"/api/v1/programmes/{programme_id}/stats").json


def _invite(client, headers, stakeholder_id):
    r = client.post(f"/api/v1/people/{stakeholder_id}/invitation", headers=headers)
    assert r.status_code == 201, r.json
    return urlparse(r.json["link"]).path.rsplit("/", 1)[-1]


def _add(client, headers, programme_id, name="Ana Quispe", organisation="UNSCH", sector="academic"):
    r = client.post(f"/api/v1/programmes/{programme_id}/people", headers=headers,
                    json={"name": name, "organisation": organisation, "sector": sector})
    assert r.status_code == 201, r.json
    return r.json["id"]


# --- A person counts once across the programme -----------------------------------------------------


def test_a_phone_keeps_its_identity_across_the_programme_and_counts_once(client, programme_with_two_sessions):
    programme, first, second = programme_with_two_sessions
    r = _join(client, code=first.join_code, name="Luis Mamani", organisation="Cooperativa Agraria",
              sector="private")
    assert r.status_code == 200 and r.json["programme_id"] == programme.id
    pass_token = r.json["stakeholder_token"]
    assert pass_token
    # The next session: only the pass, no name, no organisation, no sector.
    r2 = _join(client, code=second.join_code, stakeholder_token=pass_token)
    assert r2.status_code == 200, r2.json
    assert r2.json["is_new"] is True and r2.json["stakeholder_token"] == pass_token
    assert r2.json["participant_token"] != r.json["participant_token"]
    stats = _stats(client, programme.id)
    assert stats["stakeholders"]["total"] == 1 and stats["stakeholders"]["by_sector"]["private"] == 1
    # Someone else in the second session makes two.
    _join(client, code=second.join_code, name="Rosa Huamán", organisation="Municipalidad", sector="public")
    assert _stats(client, programme.id)["stakeholders"]["total"] == 2


def test_a_pass_of_another_programme_or_a_made_up_one_is_not_an_identity(client, programme_with_two_sessions,
                                                                         make_session):
    programme, first, _second = programme_with_two_sessions
    elsewhere = make_session()
    pass_token = _join(client, code=elsewhere.join_code, name="Luis", organisation="Coop",
                       sector="private").json["stakeholder_token"]
    # Another programme's pass alone: refused as unknown, so the phone shows the form.
    r = _join(client, code=first.join_code, stakeholder_token=pass_token)
    assert r.status_code == 401 and r.json["error"]["code"] == "unknown_pass"
    assert _join(client, code=first.join_code, stakeholder_token="made-up").json["error"]["code"] == "unknown_pass"
    # With the form filled in, the typed join goes ahead as a person of this programme.
    r = _join(client, code=first.join_code, stakeholder_token=pass_token, name="Luis", organisation="Coop",
              sector="private")
    assert r.status_code == 200 and r.json["stakeholder_token"] != pass_token
    assert _stats(client, programme.id)["stakeholders"]["total"] == 1


def test_typing_a_registered_persons_name_never_gets_their_identity(client, token_for, programme_with_two_sessions):
    programme, first, _second = programme_with_two_sessions
    person = _add(client, token_for("secretariat"), programme.id)
    r = _join(client, code=first.join_code, name="ana  QUISPE", organisation="unsch", sector="academic")
    assert r.status_code == 409 and r.json["error"]["code"] == "identity_registered"
    assert client.get(f"/api/v1/people/{person}", headers=token_for("secretariat")).json["sessions"] == []


# --- Personal invitations --------------------------------------------------------------------------


def test_an_invitation_joins_as_that_person_and_no_one_else(client, token_for, programme_with_two_sessions,
                                                           make_session):
    programme, first, second = programme_with_two_sessions
    staff = token_for("secretariat")
    ana, rosa = _add(client, staff, programme.id), _add(client, staff, programme.id, "Rosa Huamán", "GORE", "public")
    token = _invite(client, staff, ana)
    _invite(client, staff, rosa)
    r = _join(client, code=first.join_code, invitation_token=token)
    assert r.status_code == 200, r.json
    assert r.json["may_vote"] is True
    people = client.get(f"/api/v1/sessions/{first.id}/participants", headers=staff).json["participants"]
    assert [(p["name"], p["sector"]) for p in people] == [("Ana Quispe", "academic")]
    # The same link on a second phone takes over (it proves who they are); the first phone stops.
    again = _join(client, code=first.join_code, invitation_token=token)
    assert again.json["participant_id"] == r.json["participant_id"] and again.json["is_new"] is False
    # And in the programme's other session, the same person: counted once.
    _join(client, code=second.join_code, invitation_token=token)
    assert _stats(client, programme.id)["stakeholders"]["total"] == 1
    person = client.get(f"/api/v1/people/{ana}", headers=staff).json
    assert sorted(s["session_id"] for s in person["sessions"]) == sorted([first.id, second.id])
    # A wrong token, a revoked one and one of another programme are refused, and join no one.
    wrong = token[:-1] + ("x" if token[-1] != "x" else "y")
    assert _join(client, code=first.join_code, invitation_token=wrong).json["error"]["code"] == "unknown_invitation"
    other_programme = make_session()
    other_person = _add(client, staff, other_programme.initiative.programme_id, "Ana Quispe", "UNSCH")
    foreign = _invite(client, staff, other_person)
    r = _join(client, code=first.join_code, invitation_token=foreign)
    assert r.status_code == 403 and r.json["error"]["code"] == "invitation_elsewhere"
    assert client.delete(f"/api/v1/people/{ana}/invitation", headers=staff).status_code == 200
    r = _join(client, code=first.join_code, invitation_token=token)
    assert r.status_code == 404 and r.json["error"]["code"] == "unknown_invitation"
    assert len(client.get(f"/api/v1/sessions/{first.id}/participants", headers=staff).json["participants"]) == 1


def test_a_new_link_replaces_the_old_and_revoking_also_stops_the_phones_passes(client, token_for,
                                                                              programme_with_two_sessions):
    programme, first, second = programme_with_two_sessions
    staff = token_for("secretariat")
    ana = _add(client, staff, programme.id)
    old = _invite(client, staff, ana)
    new = _invite(client, staff, ana)
    assert old != new
    assert _join(client, code=first.join_code, invitation_token=old).status_code == 404
    pass_token = _join(client, code=first.join_code, invitation_token=new).json["stakeholder_token"]
    client.delete(f"/api/v1/people/{ana}/invitation", headers=staff)
    r = _join(client, code=second.join_code, stakeholder_token=pass_token)
    assert r.status_code == 401 and r.json["error"]["code"] == "unknown_pass"


def test_the_landing_page_shows_the_person_and_the_live_sessions(client, token_for, programme_with_two_sessions):
    programme, first, second = programme_with_two_sessions
    staff = token_for("secretariat")
    ana = _add(client, staff, programme.id, name=HOSTILE[0], organisation=HOSTILE[1])
    token = _invite(client, staff, ana)
    page = client.get(f"/i/{token}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold" not in html and "<img src=x" not in html
    assert first.join_code in html and second.join_code in html
    missing = client.get("/i/" + "A" * 32)
    assert missing.status_code == 404 and first.join_code not in missing.get_data(as_text=True)


# --- Invited-only sessions -------------------------------------------------------------------------


def test_invited_only_refuses_others_votes_but_lets_them_comment(app, client, token_for, make_staff,
                                                                programme_with_two_sessions):
    from workshop.accounts.auth import issue_staff_token
    from workshop.voting.services import create_round

    programme, first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    facilitator = make_staff("facilitator", email="runs@example.org")
    headers = token_for(facilitator)
    assert client.patch(f"/api/v1/sessions/{first.id}", headers=headers,
                        json={"invited_only": True}).json["invited_only"] is True
    token = _invite(client, staff, _add(client, staff, programme.id))
    invited = _join(client, code=first.join_code, invitation_token=token).json
    guest = _join(client, code=first.join_code, name="Visitante", organisation="Prensa", sector="civil_society").json
    assert invited["may_vote"] is True and guest["may_vote"] is False
    round_ = create_round(first, item_ids=[first.agenda[0].item_id], method="approve", open_now=True)
    console = socketio.test_client(app, namespace=NS, flask_test_client=client,
                                   auth={"token": issue_staff_token(facilitator), "session_id": first.id})
    state = [e["args"][0] for e in console.get_received(NS) if e["name"] == "state"][-1]
    assert state["session"]["invited_only"] is True
    phones = {}
    for who, joined in (("invited", invited), ("guest", guest)):
        phones[who] = socketio.test_client(app, namespace=NS, flask_test_client=client,
                                           auth={"token": joined["participant_token"], "session_id": first.id})
    me = [e["args"][0] for e in phones["guest"].get_received(NS) if e["name"] == "state"][-1]["me"]
    assert me["registered"] is False
    vote = {"round_id": round_.id, "value": "approve", "client_vote_id": "g-1"}
    refused = phones["guest"].emit("vote", vote, namespace=NS, callback=True)
    assert refused["ok"] is False and refused["error"]["code"] == "invited_only"
    assert refused["error"]["message"] == ("En esta sesión solo votan los participantes invitados; usted puede "
                                           "seguirla y comentar.")
    english = socketio.test_client(app, namespace=NS, flask_test_client=client,
                                   auth={"token": guest["participant_token"], "session_id": first.id, "lang": "en"})
    refused = english.emit("vote", {**vote, "client_vote_id": "g-2"}, namespace=NS, callback=True)
    assert refused["error"]["message"] == ("Only invited participants vote in this session; you can follow it "
                                           "and comment.")
    english.disconnect(NS)
    assert phones["guest"].emit("comment", {"body": "Una pregunta desde la prensa"}, namespace=NS,
                                callback=True)["ok"] is True
    assert phones["invited"].emit("vote", {**vote, "client_vote_id": "i-1"}, namespace=NS, callback=True)["ok"]
    tally = client.get(f"/api/v1/rounds/{round_.id}", headers=headers).json["tally"]
    assert tally["total"] == 1
    for sio in (console, *phones.values()):
        sio.disconnect(NS)


# --- Import ----------------------------------------------------------------------------------------


def test_import_previews_says_what_each_row_does_and_refuses_bad_rows(client, token_for,
                                                                      programme_with_two_sessions):
    programme, first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    _join(client, code=first.join_code, name="Luis Mamani", organisation="Cooperativa Agraria", sector="private")
    url = f"/api/v1/programmes/{programme.id}/people/import"
    bad = ("nombre;organización;sector;región\n"
           "Ana Quispe;UNSCH;académico;Ayacucho\n"
           ";Sin nombre;público;\n"
           "Pedro;GORE;ninguno;\n"
           "ana quispe;unsch;academic;\n").encode()
    r = client.post(url, headers=staff, data={"file": (io.BytesIO(bad), "people.csv")},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and r.json["error"]["code"] == "invalid_rows"
    assert set(r.json["error"]["rows"]) == {"3", "4", "5"}
    assert "name" in r.json["error"]["rows"]["3"] and "sector" in r.json["error"]["rows"]["4"]
    assert client.get(f"/api/v1/programmes/{programme.id}/people?registered=true", headers=staff).json["total"] == 0
    good = ("nombre;organización;sector;región\n"
            "Ana Quispe;UNSCH;académico;Ayacucho\n"
            "Luis Mamani;Cooperativa Agraria;privado;\n").encode()
    preview = client.post(url + "?dry_run=true", headers=staff, data={"file": (io.BytesIO(good), "people.csv")},
                          content_type="multipart/form-data")
    assert preview.status_code == 200 and preview.json["imported"] is False
    assert preview.json["actions"] == ["new", "register"]
    assert client.get(f"/api/v1/programmes/{programme.id}/people?registered=true", headers=staff).json["total"] == 0
    done = client.post(url, headers=staff, data={"file": (io.BytesIO(good), "people.csv")},
                       content_type="multipart/form-data")
    assert done.status_code == 201 and done.json["imported"] is True
    listing = client.get(f"/api/v1/programmes/{programme.id}/people?registered=true", headers=staff).json
    assert listing["total"] == 2
    luis = next(row for row in listing["people"] if row["person"]["name"] == "Luis Mamani")
    assert [s["session_id"] for s in luis["sessions"]] == [first.id]


def test_import_page_preview_errors_and_confirm(app, logged_in, programme_with_two_sessions):
    from openpyxl import Workbook

    programme, _first, _second = programme_with_two_sessions
    browser = logged_in("secretariat")
    book = Workbook()
    book.active.append(["Name", "Organisation", "Sector"])
    book.active.append([HOSTILE[1], "x" * 10_000, "public"])
    book.active.append(["Rosa", HOSTILE[0], "sociedad civil"])
    buffer = io.BytesIO()
    book.save(buffer)
    url = f"/programmes/{programme.id}/people/import"
    page = browser.post(url, data={"file": (io.BytesIO(buffer.getvalue()), "people.xlsx")},
                        content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and 'id="import-errors"' in html and "<img src=x" not in html
    book.active.delete_rows(2)
    buffer = io.BytesIO()
    book.save(buffer)
    page = browser.post(url, data={"file": (io.BytesIO(buffer.getvalue()), "people.xlsx")},
                        content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in html
    import re

    rows_json = re.search(r'name="rows_json" value="([^"]*)"', html).group(1)
    import html as htmllib

    done = browser.post(url, data={"rows_json": htmllib.unescape(rows_json), "filename": "people.xlsx"})
    assert done.status_code == 302
    people = browser.get(f"/programmes/{programme.id}/people").get_data(as_text=True)
    assert "Rosa" in people and "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in people
    assert browser.post(url, data={"rows_json": "[{\"name\": 1}]"}).status_code == 400


# --- Merge -----------------------------------------------------------------------------------------


def test_merge_moves_participations_keeps_history_and_counts_once(app, client, token_for,
                                                                  programme_with_two_sessions):
    from workshop.eventlog import Event
    from workshop.extensions import db
    from workshop.sessions.models import Stakeholder
    from workshop.voting.services import cast_vote, close_round, create_round

    programme, first, second = programme_with_two_sessions
    staff = token_for("secretariat")
    # One person typed two spellings: in the first session as both, in the second as one.
    a1 = _join(client, code=first.join_code, name="Luis Mamani", organisation="Coop Agraria", sector="private").json
    b1 = _join(client, code=first.join_code, name="Luis Mamani Q.", organisation="Coop Agraria",
               sector="private").json
    b2 = _join(client, code=second.join_code, name="Luis Mamani Q.", organisation="Coop Agraria",
               sector="private").json
    round_ = create_round(first, item_ids=[first.agenda[0].item_id], method="approve", open_now=True)
    from workshop.sessions.models import Participant

    cast_vote(db.session.get(Participant, b1["participant_id"]), round_.id, "reject", "b1")
    assert _stats(client, programme.id)["stakeholders"]["total"] == 2
    keep = db.session.get(Participant, a1["participant_id"]).stakeholder_id
    duplicate = db.session.get(Participant, b1["participant_id"]).stakeholder_id
    r = client.post(f"/api/v1/programmes/{programme.id}/people/merge", headers=staff,
                    json={"keep_id": keep, "duplicate_id": duplicate, "reason": "la misma persona"})
    assert r.status_code == 200, r.json
    assert _stats(client, programme.id)["stakeholders"]["total"] == 1
    person = client.get(f"/api/v1/people/{keep}", headers=staff).json
    assert sorted(s["session_id"] for s in person["sessions"]) == [first.id, second.id]
    # the duplicate's vote became the kept participant's (only it had voted)
    closed = close_round(db.session.get(type(round_), round_.id))
    assert closed.final_tally["counts"]["reject"] == 1 and closed.final_tally["total"] == 1
    # history kept: the duplicate record stays, marked merged; both logs say it
    gone = db.session.get(Stakeholder, duplicate)
    assert gone.merged_into_id == keep and gone.name == "Luis Mamani Q."
    kinds = {e.kind for e in db.session.query(Event).filter(Event.session_id.in_([first.id, second.id]))}
    assert {"participants_merged", "stakeholders_merged"} <= kinds
    listing = client.get(f"/api/v1/programmes/{programme.id}/people", headers=staff).json
    assert [row["person"]["id"] for row in listing["people"]] == [keep]
    from workshop.registry.models import RegistryEvent

    logged = db.session.query(RegistryEvent).filter_by(kind="merged").one()
    assert logged.stakeholder_id == keep and logged.other_stakeholder_id == duplicate
    assert logged.data["reason"] == "la misma persona" and logged.data["merged_name"] == "Luis Mamani Q."
    # typing the merged spelling again joins as the kept person
    _join(client, code=second.join_code, participant_token=b2["participant_token"])
    again = client.post(f"/api/v1/programmes/{programme.id}/people/merge", headers=staff,
                        json={"keep_id": keep, "duplicate_id": duplicate})
    assert again.status_code == 409
    page = client.get(f"/people/{keep}")
    assert page.status_code in (302, 200)


# --- Badges and link exports -----------------------------------------------------------------------


def _decode_qr(png_path) -> list[str]:
    out = subprocess.run(["zbarimg", "--quiet", "--raw", str(png_path)], capture_output=True, text=True,
                         timeout=60)
    return [line for line in out.stdout.splitlines() if line]


@pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("zbarimg"),
                    reason="needs poppler-utils and zbar-tools (make system-deps)")
def test_badge_sheet_renders_and_its_qr_codes_decode_to_the_links(client, token_for, programme_with_two_sessions,
                                                                   tmp_path):
    programme, _first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    names = [*HOSTILE, "Ana Quispe", "José " + "Largo" * 30, "María", "Pedro", "Rosa", "Luz"]
    ids = [_add(client, staff, programme.id, name=n[:120], organisation=("Org " + n)[:200],
                sector=("public", "private", "academic", "civil_society")[i % 4]) for i, n in enumerate(names)]
    assert client.post(f"/api/v1/programmes/{programme.id}/invitations", headers=staff).json["created"] == len(ids)
    links = {row["person"]["name"]: row["link"] for row in
             client.get(f"/api/v1/programmes/{programme.id}/invitations", headers=staff).json["invitations"]}
    pdf = client.get(f"/api/v1/programmes/{programme.id}/badges.pdf", headers=staff)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    (tmp_path / "badges.pdf").write_bytes(pdf.data)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "badges.pdf"), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2  # 10 people, 8 a page
    decoded = [link for page in pages for link in _decode_qr(page)]
    assert sorted(decoded) == sorted(links.values())
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "R&D <b>bold</b>" in text and "<img src=x" in text  # printed as typed
    # one person's badge
    one = client.get(f"/api/v1/programmes/{programme.id}/badges.pdf?ids={ids[0]}", headers=staff)
    assert one.status_code == 200 and len(PdfReader(io.BytesIO(one.data)).pages) == 1


def test_link_exports_escape_formulas_and_list_every_invitation(client, token_for, programme_with_two_sessions):
    from openpyxl import load_workbook

    programme, _first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    _add(client, staff, programme.id, name="=HYPERLINK(\"http://x\")", organisation="Org")
    assert client.get(f"/api/v1/programmes/{programme.id}/invitations.csv", headers=staff).status_code == 404
    client.post(f"/api/v1/programmes/{programme.id}/invitations", headers=staff)
    csv_text = client.get(f"/api/v1/programmes/{programme.id}/invitations.csv", headers=staff).data.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "/i/" in csv_text
    xlsx = client.get(f"/api/v1/programmes/{programme.id}/invitations.xlsx?lang=en", headers=staff)
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Name" and rows[1][0] == "=HYPERLINK(\"http://x\")" and "/i/" in rows[1][4]
    assert sheet["A2"].data_type == "s"


# --- Pages and escaping ----------------------------------------------------------------------------


def test_registry_pages_escape_names_and_survive_ten_thousand_characters(app, logged_in, token_for, client,
                                                                         programme_with_two_sessions):
    programme, first, _second = programme_with_two_sessions
    for n, name in enumerate(HOSTILE):
        _join(client, code=first.join_code, name=name, organisation=HOSTILE[(n + 1) % 3], sector="public")
    browser = logged_in("secretariat")
    page = browser.get(f"/programmes/{programme.id}/people")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "R&amp;D &lt;b&gt;bold&lt;/b&gt;" in html and "<img src=x" not in html and "<b>bold" not in html
    assert browser.get(f"/programmes/{programme.id}/people?q=" + "<b>" * 5000).status_code == 200
    # a 10,000-character name is refused next to the field, nothing saved
    r = browser.post(f"/programmes/{programme.id}/people/new",
                     data={"name": "x" * 10_000, "organisation": "<img src=x>", "sector": "public"})
    assert r.status_code == 400 and "&lt;img src=x&gt;" in r.get_data(as_text=True)
    r = client.post(f"/api/v1/programmes/{programme.id}/people", headers=token_for("secretariat"),
                    json={"name": "x" * 10_000, "organisation": "O", "sector": "public"})
    assert r.status_code in (400, 422) and "error" in r.json
    # the person page
    person = client.get(f"/api/v1/programmes/{programme.id}/people?q=img", headers=token_for("secretariat")).json
    pid = person["people"][0]["person"]["id"]
    html = browser.get(f"/people/{pid}").get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html


def test_editing_refuses_a_clash_and_merges_need_two_people(client, token_for, programme_with_two_sessions):
    programme, _first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    ana, rosa = _add(client, staff, programme.id), _add(client, staff, programme.id, "Rosa", "GORE", "public")
    r = client.patch(f"/api/v1/people/{rosa}", headers=staff, json={"name": "ANA quispe", "organisation": "Unsch"})
    assert r.status_code == 409 and r.json["error"]["code"] == "duplicate_person"
    r = client.patch(f"/api/v1/people/{rosa}", headers=staff, json={"sector": "private", "region": "Cusco"})
    assert r.status_code == 200 and r.json["sector"] == "private" and r.json["region"] == "Cusco"
    assert client.post(f"/api/v1/programmes/{programme.id}/people/merge", headers=staff,
                       json={"keep_id": ana, "duplicate_id": ana}).json["error"]["code"] == "same_person"
    assert client.post(f"/api/v1/programmes/{programme.id}/people/merge", headers=staff,
                       json={"keep_id": ana, "duplicate_id": 999999}).status_code == 404
    assert client.post(f"/api/v1/programmes/{programme.id}/people", headers=staff,
                       json={"name": "Ana Quispe", "organisation": "UNSCH", "sector": "public"}).status_code == 409


@pytest.mark.skipif(not shutil.which("pdftoppm") or not shutil.which("zbarimg"),
                    reason="needs poppler-utils and zbar-tools (make system-deps)")
def test_a_badge_with_ten_thousand_characters_stays_in_its_box_and_scans(app, tmp_path):
    from pypdf import PdfReader

    from workshop.registry import badges

    link = "http://mesa.example.org/i/" + "Ab0_-" * 6 + "Zz"
    sheet = badges.Sheet(title="Badges", programme="<b>P</b> & " + "x" * 10_000, caption="Scan",
                         badges=[badges.Badge(name="<img src=x> " + "N" * 10_000, organisation="&amp; " * 2_000,
                                              sector="civil_society", sector_label="Civil society " * 100,
                                              link=link)])
    pdf = badges.build(sheet)
    (tmp_path / "one.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(tmp_path / "one.pdf"), str(tmp_path / "p")], check=True,
                   timeout=60)
    assert _decode_qr(next(tmp_path.glob("p-*.png"))) == [link]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "<img src=x>" in text and "&amp;" in text and "…" in text  # as typed, cut to fit


def test_a_programme_export_keeps_merges_and_the_registry_log_but_no_credentials(app, client, token_for,
                                                                                 programme_with_two_sessions):
    import json

    from workshop.archive import programme as archive
    from workshop.extensions import db
    from workshop.programmes.models import Programme
    from workshop.registry.models import RegistryEvent
    from workshop.sessions.models import Stakeholder

    programme, first, _second = programme_with_two_sessions
    staff = token_for("secretariat")
    keep, duplicate = _add(client, staff, programme.id), _add(client, staff, programme.id, "Ana Q.", "UNSCH")
    _invite(client, staff, keep)
    client.post(f"/api/v1/programmes/{programme.id}/people/merge", headers=staff,
                json={"keep_id": keep, "duplicate_id": duplicate})
    document = json.loads(json.dumps(archive.export_programme(db.session.get(Programme, programme.id))))
    assert all("invitation_hash" not in row and "invitation_nonce" not in row for row in document["stakeholders"])
    assert "stakeholder_passes" not in document
    imported = archive.import_programme(document).programme
    people = {p.name: p for p in db.session.query(Stakeholder).filter_by(programme_id=imported.id)}
    assert people["Ana Q."].merged_into_id == people["Ana Quispe"].id
    assert people["Ana Quispe"].invitation_hash is None and people["Ana Quispe"].is_registered
    merged = db.session.query(RegistryEvent).filter_by(programme_id=imported.id, kind="merged").one()
    assert (merged.stakeholder_id, merged.other_stakeholder_id) == (people["Ana Quispe"].id, people["Ana Q."].id)


def test_invitations_passes_merges_and_invited_only_on_postgresql():
    """The registry's writes on PostgreSQL: the partial unique index of present participants, the
    invitation's unique hash moved in a merge, the vote path's invited-only check."""
    from flask_migrate import upgrade

    from helpers import make_config, postgres_database
    from workshop import create_app
    from workshop.extensions import db
    from workshop.programmes import services as programmes
    from workshop.refusals import Refusal
    from workshop.registry import services as registry
    from workshop.sessions import services as sessions
    from workshop.sessions.models import Participant
    from workshop.voting.services import cast_vote, create_round

    with postgres_database("mesa_registry") as url:
        app = create_app(make_config(url))
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            programme = programmes.create_programme({"name": "P"})
            initiative = programmes.create_initiative(programme, {"name": "I"})
            item = programmes.create_item(initiative, {"kind": "action_line", "title": "T"})
            first, second = (sessions.create_session(initiative, phase_number=n, title=f"S{n}", status="scheduled",
                                                     item_ids=[item.id]) for n in (1, 2))
            for s in (first, second):
                sessions.transition(s, "live")
            sessions.update_session(first, {"invited_only": True})
            ana = registry.add_person(programme, {"name": "Ana", "organisation": "O", "sector": "public"})
            twin = registry.add_person(programme, {"name": "Ana B", "organisation": "O", "sector": "public"})
            token = registry.invite(twin)
            entry = sessions.enter(first.join_code, invitation_token=token, with_pass=True)
            other = sessions.enter(second.join_code, stakeholder_token=entry.stakeholder_token, with_pass=True)
            sessions.enter(first.join_code, invitation_token=registry.invite(ana))
            guest = sessions.join(first.join_code, name="G", organisation="O", sector="private")[0]
            round_ = create_round(first, item_ids=[item.id], method="approve", open_now=True)
            assert cast_vote(entry.participant, round_.id, "approve", "a")["ok"]
            with pytest.raises(Refusal) as refused:
                cast_vote(guest, round_.id, "approve", "g")
            assert refused.value.code == "invited_only"
            registry.merge(programme, ana.id, twin.id, "la misma")
            db.session.expire_all()
            assert db.session.get(Participant, other.participant.id).stakeholder_id == ana.id
            assert ana.invitation_hash is not None  # kept its own; the twin's was withdrawn
            assert sessions.enter(second.join_code, stakeholder_token=entry.stakeholder_token).participant.id \
                == other.participant.id  # the pass followed the merge
            db.session.remove()
            db.engine.dispose()
