"""The programme view (issue 12 §1, 3, 4, 5): the stats and the dashboard, the phase pipeline, an
item's history and the programme's item search. Figures are counted here independently of
workshop.reports.stats, by walking the rows."""
from __future__ import annotations

import re
from collections import Counter

import pytest

NASTY = ["Café & <b>granos</b>", "<img src=x onerror=alert(1)>"]


@pytest.fixture
def world(app, make_programme, join, make_staff):
    """A programme of two initiatives: Granos (phase 1 closed, phase 2 live, phase 3 scheduled) and
    Café (one scheduled session). Ana and Beto take part in both Granos sessions; a removed joiner
    counts nowhere; items of every status, budgets of two price years, one without a year, one
    agreed item without a budget."""
    from workshop.programmes import services as programmes
    from workshop.sessions import participants
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    facilitator = make_staff("facilitator")
    programme, granos = make_programme(items=0)
    cafe = programmes.create_initiative(programme, {"name": "Café — Cusco", "region": "Cusco"})

    def item(initiative, kind, title, **extra):
        return programmes.create_item(initiative, {"kind": kind, "title": title, **extra})

    credito = item(granos, "action_line", "Crédito para cooperativas de quinua", axis="Financiamiento",
                   horizon="short", lead_institution="Agrobanco", budget_pen=1_200_000, budget_price_year=2021)
    laboratorio = item(granos, "action_line", "Laboratorio de calidad", axis="Calidad", horizon="medium",
                       lead_institution="INACAL", budget_pen=800_000, budget_price_year=2022)
    semillas = item(granos, "policy_reform", "Ley de semillas nativas", axis="Financiamiento", horizon="long",
                    lead_institution="Congreso de la República", budget_pen=50_000)
    registro = item(granos, "policy_reform", "Registro único de productores", axis="Calidad",
                    lead_institution="MIDAGRI")
    rechazado = item(granos, "action_line", "Subsidio directo al precio", axis="Financiamiento")
    pendiente = item(granos, "action_line", "Marca colectiva regional", axis="Mercados", horizon="medium")
    tostado = item(cafe, "action_line", "Planta de tostado", axis="Mercados", lead_institution="Agrobanco",
                   budget_pen=300_000, budget_price_year=2022)

    s1 = sessions.create_session(granos, phase_number=1, title="Situación actual", status="scheduled",
                                 place="Huamanga", facilitators=[facilitator],
                                 item_ids=[credito.id, laboratorio.id, semillas.id, registro.id, rechazado.id])
    sessions.transition(s1, "live")
    ana, _ = join(s1, sector="public", name="Ana Quispe", organisation="Gobierno Regional de Ayacucho")
    beto, _ = join(s1, sector="private", name="Beto Huamán", organisation="Cooperativa Los Andes")
    carla, _ = join(s1, sector="academic", name="Carla Ruiz", organisation="UNSCH")
    gone, _ = join(s1, sector="civil_society", name="Prueba", organisation="Nadie")
    participants.remove(s1, gone.id, "prueba", staff=facilitator)
    decided = {credito: "agreed", laboratorio: "agreed", semillas: "agreed", registro: "deferred",
               rechazado: "rejected"}
    for n, (it, outcome) in enumerate(decided.items()):
        round_ = voting.create_round(s1, item_ids=[it.id], method="approve", anonymous=False, open_now=True)
        value = "reject" if outcome == "rejected" else "approve"
        for k, person in enumerate((ana, beto, carla)):
            voting.cast_vote(person, round_.id, value, f"r{n}-{k}")
        voting.close_round(round_)
        reason = "" if outcome != "deferred" else "Falta el dictamen del ministerio"
        voting.record_decision(s1, it, outcome, reason, staff=facilitator)
    sessions.transition(s1, "closed")

    s2 = sessions.create_session(granos, phase_number=2, title="Posicionamiento", status="scheduled",
                                 place="Huanta", facilitators=[facilitator], item_ids=[pendiente.id])
    sessions.transition(s2, "live")
    ana2, _ = join(s2, sector="public", name="ana quispe", organisation="GOBIERNO REGIONAL DE AYACUCHO")
    beto2, _ = join(s2, sector="private", name="Beto Huamán", organisation="Cooperativa Los Andes")
    dora, _ = join(s2, sector="civil_society", name="Dora Mamani", organisation="Asociación de Mujeres")
    s3 = sessions.create_session(granos, phase_number=3, title="Hoja de ruta", status="scheduled",
                                 facilitators=[facilitator])
    s4 = sessions.create_session(cafe, phase_number=1, title="Café: situación", status="draft")
    return {"programme": programme, "granos": granos, "cafe": cafe, "facilitator": facilitator,
            "s1": s1, "s2": s2, "s3": s3, "s4": s4,
            "items": {"credito": credito, "laboratorio": laboratorio, "semillas": semillas, "registro": registro,
                      "rechazado": rechazado, "pendiente": pendiente, "tostado": tostado},
            "people": {"ana": ana2, "beto": beto2, "dora": dora}}


# --- Stats: equal to what the rows say -----------------------------------------------------------


def _independent(programme_id):
    """The figures counted from the rows, without workshop.reports."""
    from workshop.extensions import db
    from workshop.programmes.models import Initiative, Item
    from workshop.sessions.models import Participant, Session

    initiatives = db.session.query(Initiative).filter_by(programme_id=programme_id).all()
    ids = [i.id for i in initiatives]
    sessions = db.session.query(Session).filter(Session.initiative_id.in_(ids)).all()
    present = [p for s in sessions for p in db.session.query(Participant).filter_by(session_id=s.id)
               if p.removed_at is None]
    people = {p.stakeholder.id: p.stakeholder for p in present}
    items = db.session.query(Item).filter(Item.initiative_id.in_(ids), Item.is_archived.is_(False)).all()
    agreed = [i for i in items if i.status == "agreed"]
    return {
        "sessions": Counter(s.status for s in sessions), "sessions_total": len(sessions),
        "people": len(people), "people_by_sector": Counter(s.sector for s in people.values()),
        "orgs": len({s.organisation_key for s in people.values()}),
        "orgs_by_sector": Counter(sector for sector, _ in {(s.sector, s.organisation_key) for s in people.values()}),
        "items": Counter((i.kind, i.status) for i in items),
        "budget": sum(i.budget_pen for i in agreed if i.budget_pen is not None),
        "not_estimated": sum(1 for i in agreed if i.budget_pen is None),
        "years": sorted({i.budget_price_year for i in agreed if i.budget_pen is not None and i.budget_price_year}),
    }


def test_stats_equal_the_rows(client, world):
    programme = world["programme"]
    stats = client.get(f"/api/v1/programmes/{programme.id}/stats").json
    truth = _independent(programme.id)
    assert stats["sessions"]["total"] == truth["sessions_total"] == 4
    for status in ("closed", "live", "scheduled", "draft"):
        assert stats["sessions"][status] == truth["sessions"][status]
    assert stats["sessions"]["held"] == truth["sessions"]["closed"] == 1
    # Ana and Beto came to two sessions (Ana typed her name differently the second time): once each.
    assert stats["stakeholders"]["total"] == truth["people"] == 4
    assert stats["stakeholders"]["by_sector"] == {s: truth["people_by_sector"][s] for s in
                                                  ("public", "private", "academic", "civil_society")}
    assert stats["organisations"]["total"] == truth["orgs"] == 4
    assert stats["organisations"]["by_sector"] == {s: truth["orgs_by_sector"][s] for s in
                                                   ("public", "private", "academic", "civil_society")}
    for kind in ("action_line", "policy_reform"):
        for status in ("candidate", "agreed", "rejected", "deferred", "merged"):
            assert stats["items"][kind][status] == truth["items"][(kind, status)], (kind, status)
    assert stats["items"]["action_line"]["agreed"] == 2 and stats["items"]["policy_reform"]["deferred"] == 1
    assert stats["budget"]["total_pen"] == truth["budget"] == 2_050_000
    assert stats["budget"]["price_years"] == truth["years"] == [2021, 2022]
    assert stats["budget"]["items_without_price_year"] == 1
    assert stats["budget"]["items_not_estimated"] == truth["not_estimated"] == 0


def test_matrix_cells_equal_the_sessions(client, world):
    programme, s1, s2 = world["programme"], world["s1"], world["s2"]
    stats = client.get(f"/api/v1/programmes/{programme.id}/stats").json
    granos = next(i for i in stats["initiatives"] if i["id"] == world["granos"].id)
    assert [p["number"] for p in granos["phases"]] == [1, 2, 3]
    cell1 = granos["phases"][0]["sessions"][0]
    assert cell1["id"] == s1.id and cell1["status"] == "closed" and cell1["place"] == "Huamanga"
    assert cell1["participants"] == {"total": 3, "by_sector": {"public": 1, "private": 1, "academic": 1,
                                                              "civil_society": 0}}
    assert cell1["items_agreed"] == {"total": 3, "action_line": 2, "policy_reform": 1}
    assert cell1["votes"] == 15 and cell1["decisions"] == 5
    cell2 = granos["phases"][1]["sessions"][0]
    assert cell2["id"] == s2.id and cell2["participants"]["total"] == 3 and cell2["votes"] == 0
    assert granos["stakeholders"]["total"] == 4
    cafe = next(i for i in stats["initiatives"] if i["id"] == world["cafe"].id)
    assert cafe["stakeholders"]["total"] == 0 and cafe["sessions"]["draft"] == 1
    assert cafe["budget"]["total_pen"] == 0  # Planta de tostado is a candidate: not in the budget
    # The initiatives' figures add up to the programme's.
    assert sum(i["sessions"]["total"] for i in stats["initiatives"]) == stats["sessions"]["total"]


def test_stats_answer_304_while_nothing_changes(client, world, join):
    url = f"/api/v1/programmes/{world['programme'].id}/stats"
    first = client.get(url)
    etag = first.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    join(world["s2"], sector="academic", name="Eva Nueva", organisation="UNALM")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.json["stakeholders"]["total"] == first.json["stakeholders"]["total"] + 1
    assert client.get("/api/v1/programmes/999999/stats").json["error"]["code"] == "not_found"


# --- The phase pipeline ----------------------------------------------------------------------------


def test_pipeline_carries_agreed_items_once_and_keeps_their_history(client, world, token_for):
    from workshop.extensions import db

    s2, items = world["s2"], world["items"]
    headers = token_for(world["facilitator"])
    url = f"/api/v1/sessions/{s2.id}/agenda/from-phase"
    # s2 is live: its agenda is the console's; refused, unchanged.
    refused = client.post(url, json={}, headers=headers)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "agenda_not_preparable"
    s3 = world["s3"]
    url = f"/api/v1/sessions/{s3.id}/agenda/from-phase"
    # Phase 3 takes from phase 2 by default, where nothing was decided yet.
    assert client.post(url, json={}, headers=headers).json["added"] == []
    r = client.post(url, json={"phase": 1}, headers=headers)
    assert r.status_code == 200, r.json
    agreed = [items["credito"].id, items["laboratorio"].id, items["semillas"].id]
    assert r.json["added"] == agreed and r.json["agenda"] == agreed and r.json["phase"] == 1
    again = client.post(url, json={"phase": 1}, headers=headers)
    assert again.json["added"] == [] and again.json["already"] == agreed and again.json["agenda"] == agreed
    with_deferred = client.post(url, json={"phase": 1, "include_deferred": True}, headers=headers)
    assert with_deferred.json["added"] == [items["registro"].id]
    db.session.expire_all()
    assert [e.item_id for e in s3.agenda] == agreed + [items["registro"].id]
    # The carried item keeps its history: phase 1's round and decision, and now phase 3's agenda.
    history = client.get(f"/api/v1/items/{items['credito'].id}/history", headers=headers).json
    assert [s["id"] for s in history["sessions"]] == [world["s1"].id, s3.id]
    assert len(history["rounds"]) == 1 and history["decisions"][0]["outcome"] == "agreed"


@pytest.mark.parametrize("body,status,code", [
    ({"phase": 3}, 400, "invalid_phase"),
    ({"phase": 0}, 400, "validation_error"),
    ({"phase": "1"}, 400, "validation_error"),
    ({"include_deferred": "yes"}, 400, "validation_error"),
])
def test_pipeline_refuses_bad_input(client, world, token_for, body, status, code):
    from workshop.extensions import db

    s3 = world["s3"]
    r = client.post(f"/api/v1/sessions/{s3.id}/agenda/from-phase", json=body, headers=token_for(world["facilitator"]))
    assert r.status_code == status and r.json["error"]["code"] in (code, "unprocessable_entity", "bad_request")
    db.session.expire_all()
    assert s3.agenda == []


def test_pipeline_refuses_first_phase_and_closed_sessions(client, world, token_for):
    headers = token_for("admin")
    first = client.post(f"/api/v1/sessions/{world['s4'].id}/agenda/from-phase", json={}, headers=headers)
    assert first.status_code == 400 and first.json["error"]["code"] == "no_earlier_phase"
    closed = client.post(f"/api/v1/sessions/{world['s1'].id}/agenda/from-phase", json={}, headers=headers)
    assert closed.status_code == 409 and "ended" in closed.json["error"]["message"]
    missing = client.post("/api/v1/sessions/999999/agenda/from-phase", json={}, headers=headers)
    assert missing.status_code == 404


def test_a_deferred_item_comes_back_and_is_agreed(client, world, token_for, logged_in):
    """Deferred in phase 1, brought to phase 3 with the session page's button, agreed there: its
    history holds both decisions, with the reason of the first."""
    from workshop.extensions import db
    from workshop.sessions import services as sessions
    from workshop.voting import services as voting

    s3, registro, facilitator = world["s3"], world["items"]["registro"], world["facilitator"]
    browser = logged_in(facilitator)
    page = browser.get(f"/sessions/{s3.id}").get_data(as_text=True)
    assert 'id="from-phase"' in page and "Traer los ítems acordados" in page
    r = browser.post(f"/sessions/{s3.id}/agenda/from-phase", data={"phase": "1", "include_deferred": "1",
                                                                   "csrf_token": ""})
    assert r.status_code == 302
    db.session.expire_all()
    assert registro.id in [e.item_id for e in s3.agenda]
    sessions.transition(s3, "live")
    voting.record_decision(s3, registro, "agreed", "El dictamen llegó", staff=facilitator)
    history = client.get(f"/api/v1/items/{registro.id}/history", headers=token_for("secretariat")).json
    assert [d["outcome"] for d in history["decisions"]] == ["deferred", "agreed"]
    assert history["decisions"][0]["reason"] == "Falta el dictamen del ministerio"
    assert history["decisions"][1]["decided_by"] == facilitator.name
    assert history["item"]["status"] == "agreed"


# --- An item's history ------------------------------------------------------------------------------


def test_history_shows_every_round_and_decision_with_merged_items(client, world, token_for, logged_in, join):
    """Two rounds in two sessions, an anonymous one with a small sector withheld, and an item merged
    into it: the endpoint and the page show all of it."""
    from workshop.voting import services as voting

    s2, items, people = world["s2"], world["items"], world["people"]
    pendiente, credito = items["pendiente"], items["credito"]
    extra = [join(s2, sector="public", name=f"Pública {n}", organisation="Municipalidad")[0] for n in range(3)]
    round_ = voting.create_round(s2, item_ids=[pendiente.id], method="score", anonymous=True, open_now=True)
    for n, person in enumerate(extra + [people["beto"]]):
        voting.cast_vote(person, round_.id, 4 + n % 2, f"s{n}")
    voting.close_round(round_)
    voting.record_decision(s2, pendiente, "rejected", "La mesa prefirió esperar", staff=world["facilitator"])
    # The phase-1 credit line is merged into this one (the table finds the two lines overlap).
    voting.record_decision(s2, credito, "merged", "Las dos líneas financian lo mismo", staff=world["facilitator"],
                           into=pendiente.id)

    headers = token_for("secretariat")
    history = client.get(f"/api/v1/items/{pendiente.id}/history", headers=headers).json
    assert history["item_ids"] == [pendiente.id, credito.id]
    assert [m["code"] for m in history["merged_from"]] == [credito.code]
    assert {r["id"] for r in history["rounds"]} >= {round_.id}
    assert len(history["rounds"]) == 2  # credito's phase-1 round and this one
    assert [(d["item_id"], d["outcome"], d["merged_into_id"]) for d in history["decisions"]] == [
        (credito.id, "agreed", None), (pendiente.id, "rejected", None), (credito.id, "merged", pendiente.id)]
    anonymous = next(r for r in history["rounds"] if r["id"] == round_.id)
    assert anonymous["tally"]["by_sector"]["private"] == {"suppressed": True}
    merged = client.get(f"/api/v1/items/{credito.id}/history", headers=headers).json
    assert merged["merged_into"]["id"] == pendiente.id

    page = logged_in("secretariat").get(f"/items/{pendiente.id}").get_data(as_text=True)
    for text in ("Posicionamiento", "Situación actual", "La mesa prefirió esperar", "Rechazada",
                 "Puntaje de prioridad 1–5", credito.code, "Retenido"):
        assert text in page, text
    assert page.count('class="round"') == 2 and page.count('id="decision-') == 3
    assert "Las dos líneas financian lo mismo" in page and "Fusionada" in page
    # The private sector's single vote is withheld, never printed as a figure.
    private_row = re.search(r'sector private">[^<]+</span></th>(.*?)</tr>', page.split(f'id="round-{round_.id}"')[1],
                            re.S).group(1)
    assert "Retenido" in private_row and "100" not in private_row


# --- Merging two items -------------------------------------------------------------------------------


def test_merging_two_items_keeps_both_histories_and_the_record(client, world, token_for, logged_in):
    """The table merges the phase-1 credit line into the phase-2 brand line through the API: a
    decision with its reason, who and when; the merged item's status; the kept item's history and
    page carry both; the minutes say what it went into; the stats count it merged; the merged item
    is not voted on again."""
    from workshop.documents.data import session_facts
    from workshop.eventlog import Event
    from workshop.extensions import db

    s2, items, facilitator = world["s2"], world["items"], world["facilitator"]
    credito, pendiente = items["credito"], items["pendiente"]
    headers = token_for(facilitator)
    r = client.post(f"/api/v1/items/{credito.id}/decision", headers=headers,
                    json={"session_id": s2.id, "outcome": "merged", "into": pendiente.id,
                          "reason": "Las dos líneas financian lo mismo"})
    assert r.status_code == 200, r.json
    assert r.json["outcome"] == "merged" and r.json["merged_into_id"] == pendiente.id
    assert r.json["merged_into_code"] == pendiente.code and r.json["decided_by"] == facilitator.name
    assert r.json["computed_outcome"] is None and r.json["is_override"] is False
    db.session.expire_all()
    assert credito.status == "merged" and credito.merged_into_id == pendiente.id

    decisions = client.get(f"/api/v1/items/{credito.id}/decisions", headers=headers).json
    assert [d["outcome"] for d in decisions] == ["agreed", "merged"]  # the phase-1 decision stays on record
    event = db.session.query(Event).filter_by(session_id=s2.id, kind="decision").one()
    assert event.data["merged_into"] == pendiente.id and event.staff_user_id == facilitator.id

    history = client.get(f"/api/v1/items/{pendiente.id}/history", headers=headers).json
    assert history["item_ids"] == [pendiente.id, credito.id]
    assert {s["id"] for s in history["sessions"]} == {world["s1"].id, s2.id}
    listed = client.get(f"/api/v1/initiatives/{world['granos'].id}/items", headers=headers).json
    assert {i["id"]: i["status"] for i in listed}[credito.id] == "merged"
    stats = client.get(f"/api/v1/programmes/{world['programme'].id}/stats", headers=headers).json
    assert stats["items"]["action_line"]["merged"] == 1

    for lang, text in (("es", f"Fusionada en {pendiente.code} · Marca colectiva regional"),
                       ("en", f"Merged into {pendiente.code} · Marca colectiva regional")):
        facts = session_facts(s2.id, lang)
        found = [d for item in facts.items for d in item.decisions if d.outcome == "merged"]
        assert [d.outcome_label for d in found] == [text], lang
        assert found[0].reason == "Las dos líneas financian lo mismo"
        told = [line for _, line in facts.timeline if pendiente.code in line and credito.code in line]
        assert told and "Las dos líneas financian lo mismo" in told[0], facts.timeline
        assert ("Fusionada: 1" if lang == "es" else "Merged: 1") in dict(facts.summary)[
            "Decisiones" if lang == "es" else "Decisions"]
    page = logged_in(facilitator).get(f"/items/{credito.id}").get_data(as_text=True)
    assert "Este ítem se fusionó con" in page and f'href="/items/{pendiente.id}"' in page
    assert "Las dos líneas financian lo mismo" in page

    refused = client.post(f"/api/v1/sessions/{s2.id}/rounds", headers=headers,
                          json={"item_ids": [credito.id], "method": "approve"})
    assert refused.status_code == 409 and refused.json["error"]["code"] == "item_merged"

    # The roadmap: the kept line, once agreed, says in its decisions what was merged into it and why.
    from workshop.documents.roadmap_facts import gather
    from workshop.voting import services as voting

    voting.record_decision(s2, pendiente, "agreed", "", staff=facilitator)
    for lang, text in (("es", f"{credito.code} · Crédito para cooperativas de quinua se fusionó en este ítem"),
                       ("en", f"{credito.code} · Crédito para cooperativas de quinua was merged into this item")):
        card = next(c for c in gather(world["granos"].id, lang).agreed if c.id == pendiente.id)
        merge_line = next(d for d in card.history if d.outcome_code == "merged")
        assert merge_line.outcome == text and merge_line.reason == "Las dos líneas financian lo mismo"
        assert credito.id not in [c.id for c in gather(world["granos"].id, lang).agreed]


@pytest.mark.parametrize("case, status, code", [
    ("no_into", 400, "into_required"),
    ("itself", 400, "invalid_into"),
    ("other_initiative", 404, "unknown_into"),
    ("unknown", 404, "unknown_into"),
    ("no_reason", 400, "reason_required"),
    ("into_merged", 409, "into_merged"),
    ("again", 409, "item_merged"),
    ("into_with_agreed", 400, "invalid_into"),
    ("open_round", 409, "round_open"),
])
def test_a_bad_merge_is_refused_and_changes_nothing(client, world, token_for, case, status, code):
    from workshop.extensions import db
    from workshop.voting import services as voting
    from workshop.voting.models import Decision

    s2, items, facilitator = world["s2"], world["items"], world["facilitator"]
    laboratorio, pendiente, semillas = items["laboratorio"], items["pendiente"], items["semillas"]
    body = {"session_id": s2.id, "outcome": "merged", "into": pendiente.id, "reason": "Se solapan"}
    if case == "no_into":
        body.pop("into")
    elif case == "itself":
        body["into"] = laboratorio.id
    elif case == "other_initiative":
        body["into"] = items["tostado"].id
    elif case == "unknown":
        body["into"] = 987654
    elif case == "no_reason":
        body["reason"] = "   "
    elif case == "into_merged":
        voting.record_decision(s2, pendiente, "merged", "Antes", staff=facilitator, into=semillas.id)
    elif case == "again":
        voting.record_decision(s2, laboratorio, "merged", "Antes", staff=facilitator, into=semillas.id)
    elif case == "into_with_agreed":
        body["outcome"] = "agreed"
    elif case == "open_round":
        voting.create_round(s2, item_ids=[pendiente.id], method="approve", open_now=True)
    before = (laboratorio.status, laboratorio.merged_into_id, db.session.query(Decision).count())
    r = client.post(f"/api/v1/items/{laboratorio.id}/decision", headers=token_for(facilitator),
                    json=body)
    assert (r.status_code, r.json["error"]["code"]) == (status, code), r.json
    db.session.expire_all()
    assert (laboratorio.status, laboratorio.merged_into_id, db.session.query(Decision).count()) == before


def test_a_merged_item_comes_back_with_a_reason(world):
    """A later decision on a merged item brings it back (it needs a reason); the two histories part
    again, and both decisions stay on record."""
    from workshop.refusals import Refusal
    from workshop.voting import services as voting
    from workshop.voting.history import item_history

    s2, items, facilitator = world["s2"], world["items"], world["facilitator"]
    credito, pendiente = items["credito"], items["pendiente"]
    voting.record_decision(s2, credito, "merged", "Parecían iguales", staff=facilitator, into=pendiente.id)
    assert [i.id for i in item_history(pendiente).merged_from] == [credito.id]
    with pytest.raises(Refusal) as refused:
        voting.record_decision(s2, credito, "agreed", "", staff=facilitator)
    assert refused.value.code == "reason_required"
    voting.record_decision(s2, credito, "agreed", "Financian cosas distintas", staff=facilitator)
    assert (credito.status, credito.merged_into_id) == ("agreed", None)
    assert item_history(pendiente).merged_from == []
    assert [d.outcome for d in voting.decisions_of(credito.id)] == ["agreed", "merged", "agreed"]


def test_history_of_an_unknown_item_is_404(client, token_for, logged_in, app):
    assert client.get("/api/v1/items/999999/history", headers=token_for("secretariat")).status_code == 404
    assert logged_in("secretariat").get("/items/999999").status_code == 404


# --- Find ----------------------------------------------------------------------------------------------


def _codes(client, programme_id, headers, **query):
    r = client.get(f"/api/v1/programmes/{programme_id}/items", query_string=query, headers=headers)
    assert r.status_code == 200, r.json
    return [i["title"] for i in r.json["items"]]


def test_search_filters(client, world, token_for):
    pid, headers = world["programme"].id, token_for("secretariat")
    assert _codes(client, pid, headers, q="CREDITO cooperativas") == ["Crédito para cooperativas de quinua"]
    assert _codes(client, pid, headers, q="cafe") == []  # the initiative's name is not the item's text
    assert _codes(client, pid, headers, q="tostado") == ["Planta de tostado"]
    assert _codes(client, pid, headers, q="republica") == ["Ley de semillas nativas"]  # lead institution
    assert len(_codes(client, pid, headers)) == 7
    assert _codes(client, pid, headers, initiative=world["cafe"].id) == ["Planta de tostado"]
    assert _codes(client, pid, headers, kind="policy_reform") == ["Ley de semillas nativas",
                                                                   "Registro único de productores"]
    assert _codes(client, pid, headers, status="agreed", kind="action_line") == [
        "Crédito para cooperativas de quinua", "Laboratorio de calidad"]
    assert _codes(client, pid, headers, axis="financiamiento", status="agreed") == [
        "Crédito para cooperativas de quinua", "Ley de semillas nativas"]
    assert _codes(client, pid, headers, horizon="medium") == ["Laboratorio de calidad", "Marca colectiva regional"]
    assert _codes(client, pid, headers, lead="agrobanco") == ["Crédito para cooperativas de quinua",
                                                             "Planta de tostado"]
    found = client.get(f"/api/v1/programmes/{pid}/items?q=laboratorio", headers=headers).json
    assert found["total"] == 1 and found["items"][0]["code"] == "LA-2"
    assert found["items"][0]["initiative"]["id"] == world["granos"].id
    assert found["items"][0]["history_url"] == f"/items/{found['items'][0]['id']}"


@pytest.mark.parametrize("query,code", [("kind=reform", "validation_error"), ("initiative=abc", "validation_error"),
                                        ("initiative=-1", "validation_error"), ("status=", "validation_error"),
                                        ("initiative=999999", "unknown_initiative")])
def test_search_refuses_bad_filters(client, world, token_for, query, code):
    r = client.get(f"/api/v1/programmes/{world['programme'].id}/items?{query}", headers=token_for("secretariat"))
    assert 400 <= r.status_code < 500 and r.json["error"]["code"] in (code, "unprocessable_entity")


def test_search_needs_staff(client, world):
    assert client.get(f"/api/v1/programmes/{world['programme'].id}/items").status_code == 401


def test_find_page(world, logged_in):
    browser = logged_in("secretariat")
    pid = world["programme"].id
    page = browser.get(f"/programmes/{pid}/items?q=credito&status=agreed").get_data(as_text=True)
    assert "1 ítem encontrado" in page and "Crédito para cooperativas de quinua" in page
    assert f'href="/items/{world["items"]["credito"].id}"' in page
    bad = browser.get(f"/programmes/{pid}/items?kind=nonsense")
    assert bad.status_code == 400 and "Crédito" in bad.get_data(as_text=True)
    english = browser.get(f"/programmes/{pid}/items?lang=en&horizon=medium").get_data(as_text=True)
    assert "2 items found" in english and "Medium term" in english


# --- The dashboard -------------------------------------------------------------------------------------


def test_dashboard_in_spanish_and_english(world, logged_in):
    browser = logged_in("secretariat")
    pid = world["programme"].id
    es = browser.get(f"/programmes/{pid}/dashboard").get_data(as_text=True)
    for text in ("Sesiones realizadas", "Personas distintas", "Presupuesto estimado", "Fase 1", "Huamanga",
                 "Situación actual", "S/ 2.050.000", "precios", "Ayacucho",
                 f'href="/sessions/{world["s1"].id}"', f'href="/items/{world["items"]["credito"].id}"'):
        assert text in es, text
    assert 'id="mesa-config"' in es and "js/live/dashboard.js" in es
    en = browser.get(f"/programmes/{pid}/dashboard?lang=en").get_data(as_text=True)
    for text in ("Sessions held", "Distinct people", "Estimated budget", "Phase 2", "S/ 2,050,000",
                 "3 items agreed", "People and organisations by sector"):
        assert text in en, text
    for name in ("sectors", "items", "sessions"):
        assert f'src="/programmes/{pid}/charts/{name}.svg?lang=es&amp;v=' in es
        chart = browser.get(f"/programmes/{pid}/charts/{name}.svg?lang=en")
        assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
        assert chart.get_data(as_text=True).startswith("<svg") and "style=" not in chart.get_data(as_text=True)
        again = browser.get(f"/programmes/{pid}/charts/{name}.svg?lang=en",
                            headers={"If-None-Match": chart.headers["ETag"]})
        assert again.status_code == 304
    sectors = browser.get(f"/programmes/{pid}/charts/sectors.svg?lang=en").get_data(as_text=True)
    assert "People and organisations by sector" in sectors and "Civil society" in sectors
    assert browser.get(f"/programmes/{pid}/charts/other.svg").status_code == 404
    programme_page = browser.get(f"/programmes/{pid}").get_data(as_text=True)
    assert f'href="/programmes/{pid}/dashboard"' in programme_page
    initiative_page = browser.get(f"/initiatives/{world['granos'].id}").get_data(as_text=True)
    assert f'href="/items/{world["items"]["credito"].id}"' in initiative_page


def test_new_pages_escape_what_people_type(app, world, logged_in, make_staff):
    """`&`, `<b>`, `<img src=x>` and 10,000 characters in titles, places and descriptions."""
    from workshop.extensions import db
    from workshop.voting import services as voting

    items, s1 = world["items"], world["s1"]
    items["credito"].title = NASTY[0] + " " + NASTY[1]
    items["credito"].description = ("Larga " * 1700)[:10_000]
    items["credito"].lead_institution = NASTY[1]
    items["credito"].axis = NASTY[0]
    s1.title, s1.place = NASTY[1], NASTY[0]
    db.session.commit()
    voting.record_decision(s1, items["laboratorio"], "deferred", NASTY[1] + " " + "x" * 1500,
                           staff=world["facilitator"])
    browser = logged_in("admin")
    pid = world["programme"].id
    pages = {
        "dashboard": browser.get(f"/programmes/{pid}/dashboard").get_data(as_text=True),
        "item": browser.get(f"/items/{items['credito'].id}").get_data(as_text=True),
        "item2": browser.get(f"/items/{items['laboratorio'].id}").get_data(as_text=True),
        "find": browser.get(f"/programmes/{pid}/items", query_string={"q": "Café <b>"}).get_data(as_text=True),
        "find-lead": browser.get(f"/programmes/{pid}/items").get_data(as_text=True),
    }
    for name, html in pages.items():
        assert "<img src=x" not in html and "<b>granos</b>" not in html, name
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, name
    assert "Café &amp; &lt;b&gt;granos&lt;/b&gt;" in pages["item"] and "Larga Larga" in pages["item"]
    assert "Café &amp; &lt;b&gt;granos&lt;/b&gt;" in pages["find"]
    assert "1 ítem encontrado" in pages["find"]


def test_dashboard_and_item_pages_need_staff(client, world):
    for url in (f"/programmes/{world['programme'].id}/dashboard", f"/items/{world['items']['credito'].id}",
                f"/programmes/{world['programme'].id}/items"):
        r = client.get(url)
        assert r.status_code == 302 and "/login" in r.headers["Location"]


# --- The roadmap links each agreed item to its page ---------------------------------------------------


def test_roadmap_pdf_links_items_to_their_page_when_mesa_has_a_public_address(app, client, world, token_for):
    import io

    from pypdf import PdfReader

    granos, credito = world["granos"], world["items"]["credito"]
    headers = token_for("secretariat")

    def links() -> list[str]:
        body = client.get(f"/api/v1/initiatives/{granos.id}/roadmap.pdf", headers=headers).data
        found = []
        for page in PdfReader(io.BytesIO(body)).pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A") or {}
                if action.get("/URI"):
                    found.append(str(action["/URI"]))
        return found

    assert [u for u in links() if "/items/" in u] == []
    app.config["PUBLIC_URL"] = "https://mesa.example.org"
    urls = [u for u in links() if "/items/" in u]
    assert f"https://mesa.example.org/items/{credito.id}" in urls
    assert len(set(urls)) == 3  # the three items agreed in phase 1


def test_public_url_setting():
    from config import _public_url

    assert _public_url(None) == "" and _public_url("https://mesa.example.org/") == "https://mesa.example.org"
    for bad in ("mesa.example.org", "javascript:alert(1)", "https://x.org/<b>"):
        with pytest.raises(ValueError):
            _public_url(bad)
