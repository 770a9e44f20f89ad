"""The JSON API of CONTRACT.md, called as a secretariat script would."""
from __future__ import annotations

import io

import pytest

from helpers import STAFF_PASSWORD


def test_token_with_right_and_wrong_credentials(client, make_staff):
    make_staff("secretariat", email="rosa@example.org")
    ok = client.post("/api/v1/auth/token", json={"email": "ROSA@example.org", "password": STAFF_PASSWORD})
    assert ok.status_code == 200 and ok.json["token"] and ok.json["role"] == "secretariat"
    bad = client.post("/api/v1/auth/token", json={"email": "rosa@example.org", "password": "nope"})
    assert bad.status_code == 401
    assert bad.json == {"error": {"code": "invalid_credentials", "message": "Wrong email or password."}}


def test_token_missing_fields_is_a_400_with_fields(client):
    r = client.post("/api/v1/auth/token", json={"email": "x@example.org"})
    assert r.status_code == 400
    assert r.json["error"]["code"] == "validation_error"
    assert "password" in r.json["error"]["fields"]
    assert "password" in r.json["error"]["message"]


def test_invalid_json_body_is_a_400(client):
    r = client.post("/api/v1/auth/token", data="{not json", content_type="application/json")
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_json"  # tests/test_fuzz_json.py: the bounds


def test_bad_token_is_401_and_disabled_user_token_stops_working(client, make_staff, token_for, make_programme, db):
    programme, _ = make_programme()
    r = client.post("/api/v1/programmes", json={"name": "X"}, headers={"Authorization": "Bearer junk"})
    assert r.status_code == 401 and r.json["error"]["code"] == "invalid_token"
    admin = make_staff("admin")
    headers = token_for(admin)
    assert client.post("/api/v1/programmes", json={"name": "X"}, headers=headers).status_code == 201
    admin.is_enabled = False
    db.session.commit()
    assert client.post("/api/v1/programmes", json={"name": "Y"}, headers=headers).status_code == 401


def test_unknown_route_and_unknown_id_answer_json_404(client):
    assert client.get("/api/v1/nothing-here").json["error"]["code"] == "not_found"
    r = client.get("/api/v1/initiatives/999/items")
    assert r.status_code == 404 and r.json["error"]["message"] == "No initiative with id 999."


def test_programmes_lists_initiatives_and_sessions(client, make_session, token_for):
    session = make_session(status="scheduled")
    data = client.get("/api/v1/programmes", headers=token_for("secretariat")).json
    assert len(data) == 1
    initiative = data[0]["initiatives"][0]
    listed = initiative["sessions"][0]
    assert listed == {**listed, "id": session.id, "phase": 3, "status": "scheduled", "join_code": session.join_code}


def test_items_list_kinds_and_statuses(client, make_programme):
    _, initiative = make_programme(items=3)
    items = client.get(f"/api/v1/initiatives/{initiative.id}/items").json
    assert [i["kind"] for i in items].count("action_line") == 2
    assert {i["status"] for i in items} == {"candidate"}
    assert set(items[0]) >= {"id", "kind", "title", "status"}


def test_create_item_validates_and_writes_nothing_on_error(client, token_for, make_programme, db):
    _, initiative = make_programme(items=0)
    headers = token_for("secretariat")
    bad = client.post(f"/api/v1/initiatives/{initiative.id}/items", headers=headers,
                      json={"kind": "wish", "title": "", "budget_pen": -5})
    assert bad.status_code == 400
    assert set(bad.json["error"]["fields"]) == {"kind", "title", "budget_pen"}
    assert client.get(f"/api/v1/initiatives/{initiative.id}/items").json == []
    good = client.post(f"/api/v1/initiatives/{initiative.id}/items", headers=headers,
                       json={"kind": "policy_reform", "title": "Ordenanza regional de compras públicas de quinua",
                             "horizon": "medium", "budget_pen": 250000})
    assert good.status_code == 201 and good.json["status"] == "candidate"


def test_join_same_token_is_same_participant(client, make_session):
    session = make_session()
    body = {"code": session.join_code.lower(), "name": "Ana Quispe", "organisation": "Cooperativa Agraria",
            "sector": "private"}
    first = client.post("/api/v1/join", json=body)
    assert first.status_code == 200
    token = first.json["participant_token"]
    again = client.post("/api/v1/join", json={**body, "participant_token": token})
    assert again.json["participant_token"] == token
    assert again.json["participant_id"] == first.json["participant_id"]
    # Another phone typing the same name is not that person (tests/test_record.py has the rest).
    other_phone = client.post("/api/v1/join", json={**body, "name": "ana  QUISPE"})
    assert other_phone.status_code == 409 and other_phone.json["error"]["code"] == "identity_taken"


@pytest.mark.parametrize("body, status, code", [
    ({"code": "ZZZZZZ", "name": "A", "organisation": "B", "sector": "public"}, 404, "unknown_code"),
    ({"name": "A", "organisation": "B", "sector": "public"}, 400, "validation_error"),
    ({"code": "@", "name": "A", "organisation": "B", "sector": "farmers"}, 400, "validation_error"),
])
def test_join_refusals(client, body, status, code):
    r = client.post("/api/v1/join", json=body)
    assert r.status_code == status and r.json["error"]["code"] == code


def test_join_refuses_a_session_that_is_not_live(client, make_session):
    session = make_session(status="scheduled")
    r = client.post("/api/v1/join", json={"code": session.join_code, "name": "A", "organisation": "B",
                                          "sector": "public"})
    assert r.status_code == 409 and r.json["error"]["code"] == "session_not_live"


def test_round_lifecycle_and_decision(client, token_for, make_session, join, db):
    from workshop.voting.services import cast_vote

    session = make_session(status="scheduled")
    headers = token_for("facilitator")
    item_id = session.agenda[0].item_id
    assert client.post(f"/api/v1/sessions/{session.id}/start", headers=headers).json["status"] == "live"
    r = client.post(f"/api/v1/sessions/{session.id}/rounds", headers=headers,
                    json={"item_ids": [item_id], "method": "approve", "quorum": 2, "threshold": 0.5,
                          "cross_sector": False, "anonymous": True, "results": "live"})
    assert r.status_code == 201 and r.json["state"] == "draft"
    round_id = r.json["id"]
    assert client.post(f"/api/v1/rounds/{round_id}/open", headers=headers).json["state"] == "open"
    for sector, value in (("public", "approve"), ("private", "approve"), ("academic", "reject")):
        participant, _ = join(session, sector=sector)
        assert cast_vote(participant, round_id, value, f"v-{sector}")["ok"]
    live = client.get(f"/api/v1/rounds/{round_id}", headers=headers).json
    assert live["tally"]["total"] == 3 and live["tally"]["counts"] == {"approve": 2, "neutral": 0, "reject": 1}
    # Anonymous round: a sector of one voter is withheld (tests/test_record.py has the rules).
    assert live["tally"]["by_sector"]["academic"] == {"suppressed": True}
    assert live["outcome"] is None
    closed = client.post(f"/api/v1/rounds/{round_id}/close", headers=headers).json
    assert closed["state"] == "closed" and closed["outcome"] == "agreed" and closed["explanation"]
    override = client.post(f"/api/v1/items/{item_id}/decision", headers=headers,
                           json={"session_id": session.id, "outcome": "deferred"})
    assert override.status_code == 400 and override.json["error"]["code"] == "reason_required"
    decided = client.post(f"/api/v1/items/{item_id}/decision", headers=headers,
                          json={"session_id": session.id, "outcome": "deferred", "reason": "Falta costeo"})
    assert decided.status_code == 200 and decided.json["is_override"] is True
    item = client.get(f"/api/v1/initiatives/{session.initiative_id}/items").json
    assert {i["id"]: i["status"] for i in item}[item_id] == "deferred"


@pytest.mark.parametrize("body, code", [
    ({"item_ids": [], "method": "approve"}, "validation_error"),
    ({"item_ids": [1, 2], "method": "approve"}, "invalid_round"),
    ({"item_ids": [1], "method": "dots"}, "invalid_round"),
    ({"item_ids": [1], "method": "approve", "threshold": 1.5}, "validation_error"),
    ({"item_ids": [1], "method": "vibes"}, "validation_error"),
])
def test_round_creation_refusals(client, token_for, make_session, body, code):
    session = make_session()
    headers = token_for("facilitator")
    r = client.post(f"/api/v1/sessions/{session.id}/rounds", headers=headers, json=body)
    assert r.status_code == 400 and r.json["error"]["code"] == code


def test_import_csv_all_rows_or_none(client, token_for, make_programme):
    _, initiative = make_programme(items=0)
    headers = token_for("secretariat")
    bad = ("tipo;título;horizonte;presupuesto\n"
           "línea de acción;Centro de acopio de quinua;corto;120000\n"
           "reforma;;largo;-3\n").encode()
    r = client.post(f"/api/v1/initiatives/{initiative.id}/items/import", headers=headers,
                    data={"file": (io.BytesIO(bad), "items.csv")}, content_type="multipart/form-data")
    assert r.status_code == 400 and r.json["error"]["code"] == "invalid_rows"
    assert set(r.json["error"]["rows"]["3"]) == {"title", "budget_pen"}
    assert client.get(f"/api/v1/initiatives/{initiative.id}/items").json == []
    good = bad.replace(b"reforma;;largo;-3", b"reforma;Ley de semillas andinas;largo;0")
    r = client.post(f"/api/v1/initiatives/{initiative.id}/items/import", headers=headers,
                    data={"file": (io.BytesIO(good), "items.csv")}, content_type="multipart/form-data")
    assert r.status_code == 201 and r.json["created"] == 2
    kinds = sorted(i["kind"] for i in client.get(f"/api/v1/initiatives/{initiative.id}/items").json)
    assert kinds == ["action_line", "policy_reform"]


def test_import_xlsx(client, token_for, make_programme):
    from openpyxl import Workbook

    _, initiative = make_programme(items=0)
    book = Workbook()
    sheet = book.active
    sheet.append(["kind", "title", "title_en", "horizon", "budget"])
    sheet.append(["action_line", "Laboratorio de calidad de granos", "Grain quality lab", "medium", 850000.0])
    buffer = io.BytesIO()
    book.save(buffer)
    r = client.post(f"/api/v1/initiatives/{initiative.id}/items/import", headers=token_for("admin"),
                    data={"file": (io.BytesIO(buffer.getvalue()), "items.xlsx")}, content_type="multipart/form-data")
    assert r.status_code == 201
    assert r.json["items"][0]["budget_pen"] == 850000 and r.json["items"][0]["title_en"] == "Grain quality lab"


def test_stats_shape(client, make_session, join):
    session = make_session()
    join(session, sector="academic")
    join(session, sector="academic")
    programme_id = session.initiative.programme_id
    stats = client.get(f"/api/v1/programmes/{programme_id}/stats").json
    assert stats["sessions"]["total"] == 1 and stats["sessions"]["live"] == 1
    assert stats["stakeholders"]["total"] == 2 and stats["stakeholders"]["by_sector"]["academic"] == 2
    assert stats["items"]["action_line"]["candidate"] == 2
    assert stats["initiatives"][0]["id"] == session.initiative_id


def test_openapi_describes_the_api(client):
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/auth/token", "/api/v1/join", "/api/v1/programmes", "/api/v1/sessions/{session_id}/rounds",
                 "/api/v1/rounds/{round_id}", "/api/v1/items/{item_id}/decision",
                 "/api/v1/programmes/{programme_id}/stats"):
        assert path in spec["paths"], path
    join_schema = spec["paths"]["/api/v1/join"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    join_body = spec["components"]["schemas"][join_schema["$ref"].rsplit("/", 1)[-1]]
    assert "code" in join_body["required"]
    assert set(join_body["properties"]) >= {"code", "name", "organisation", "sector", "participant_token"}
    assert set(join_body["properties"]["sector"]["enum"]) >= {"public", "private", "academic", "civil_society"}


def test_healthz(client):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json["status"] == "ok"


def test_admin_manages_staff_through_the_api(client, make_staff, token_for):
    admin = make_staff("admin")
    headers = token_for(admin)
    made = client.post("/api/v1/staff", headers=headers, json={"email": "Nuevo@Example.org", "name": "Nuevo",
                                                                "role": "facilitator", "password": "long-enough-1"})
    assert made.status_code == 201 and made.json["email"] == "nuevo@example.org"
    taken = client.post("/api/v1/staff", headers=headers, json={"email": "nuevo@example.org", "name": "N",
                                                                 "role": "facilitator", "password": "long-enough-1"})
    assert taken.status_code == 409 and taken.json["error"]["code"] == "email_taken"
    off = client.patch(f"/api/v1/staff/{made.json['id']}", headers=headers, json={"is_enabled": False})
    assert off.status_code == 200 and off.json["is_enabled"] is False
    login = client.post("/api/v1/auth/token", json={"email": "nuevo@example.org", "password": "long-enough-1"})
    assert login.status_code == 401
    self_off = client.patch(f"/api/v1/staff/{admin.id}", headers=headers, json={"is_enabled": False})
    assert self_off.status_code == 409 and self_off.json["error"]["code"] == "own_account"


def test_patch_session_reorders_agenda_and_refuses_bad_input_whole(client, token_for, make_session):
    session = make_session(status="scheduled")
    headers = token_for("facilitator")
    ids = [e.item_id for e in session.agenda]
    r = client.patch(f"/api/v1/sessions/{session.id}", headers=headers,
                     json={"item_ids": list(reversed(ids)), "place": "Huamanga", "status": "draft"})
    assert r.status_code == 200 and [a["id"] for a in r.json["agenda"]] == list(reversed(ids))
    assert r.json["place"] == "Huamanga" and r.json["status"] == "draft"
    bad = client.patch(f"/api/v1/sessions/{session.id}", headers=headers,
                       json={"item_ids": ids, "place": "Lima", "status": "scheduled", "facilitator_ids": [999]})
    assert bad.status_code == 400 and bad.json["error"]["code"] == "unknown_staff"
    again = client.get(f"/api/v1/sessions/{session.id}", headers=headers).json
    assert again["place"] == "Huamanga" and again["status"] == "draft"
    assert [a["id"] for a in again["agenda"]] == list(reversed(ids))
