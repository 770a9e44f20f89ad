"""Every staff page and API call against every kind of caller, in one table."""
from __future__ import annotations

import pytest

from helpers import fill

#: "facilitator" is named on the session; "other_facilitator" is a facilitator who is not.
ROLES = ("anonymous", "participant", "secretariat", "other_facilitator", "facilitator", "admin")
ALL_STAFF = ("secretariat", "other_facilitator", "facilitator", "admin")
PREPARERS = ("secretariat", "other_facilitator", "facilitator", "admin")
PLANNERS = ("other_facilitator", "facilitator", "admin")
#: Steering a session: its own facilitators and admins only.
RUNNERS = ("facilitator", "admin")
ADMIN = ("admin",)
PUBLIC = ROLES

# (method, url template, who may, body)
API = [
    ("GET", "/api/v1/programmes", PUBLIC, None),
    ("GET", "/api/v1/programmes/{programme}/stats", PUBLIC, None),
    ("GET", "/api/v1/initiatives/{initiative}/items", PUBLIC, None),
    ("POST", "/api/v1/programmes", ADMIN, {"name": "Nuevo"}),
    ("PATCH", "/api/v1/programmes/{programme}", ADMIN, {"name": "Renombrado"}),
    ("POST", "/api/v1/programmes/{programme}/initiatives", ADMIN, {"name": "Nueva"}),
    ("PATCH", "/api/v1/initiatives/{initiative}", ADMIN, {"region": "Cusco"}),
    ("POST", "/api/v1/initiatives/{initiative}/items", PREPARERS, {"kind": "action_line", "title": "T"}),
    ("PATCH", "/api/v1/items/{item}", PREPARERS, {"title": "T2"}),
    ("POST", "/api/v1/items/{item}/archive", PREPARERS, None),
    ("POST", "/api/v1/items/{item}/unarchive", PREPARERS, None),
    ("POST", "/api/v1/initiatives/{initiative}/items/import", PREPARERS, None),
    ("POST", "/api/v1/initiatives/{initiative}/sessions", PLANNERS, {"title": "S", "phase": 1}),
    ("GET", "/api/v1/sessions/{session}", ALL_STAFF, None),
    ("PATCH", "/api/v1/sessions/{session}", RUNNERS, {"place": "Huamanga"}),
    ("POST", "/api/v1/sessions/{session}/start", RUNNERS, None),
    ("POST", "/api/v1/sessions/{session}/end", RUNNERS, None),
    ("POST", "/api/v1/sessions/{session}/rounds", RUNNERS, {"item_ids": ["{item}"], "method": "approve"}),
    ("GET", "/api/v1/rounds/{round}", ALL_STAFF, None),
    ("POST", "/api/v1/rounds/{round}/open", RUNNERS, None),
    ("POST", "/api/v1/rounds/{round}/close", RUNNERS, None),
    ("POST", "/api/v1/items/{item}/decision", RUNNERS, {"session_id": "{session}", "outcome": "deferred",
                                                        "reason": "r"}),
    ("GET", "/api/v1/sessions/{session}/minutes.pdf", ALL_STAFF, None),
    ("GET", "/api/v1/sessions/{session}/minutes.docx", ALL_STAFF, None),
    ("GET", "/api/v1/sessions/{session}/data.xlsx", ALL_STAFF, None),
    ("GET", "/api/v1/sessions/{session}/data.csv?sheet=votes", ALL_STAFF, None),
    ("GET", "/api/v1/sessions/{session}/data.zip", ALL_STAFF, None),
    ("GET", "/api/v1/initiatives/{initiative}/roadmap.pdf", ALL_STAFF, None),
    ("GET", "/api/v1/programmes/{programme}/report.pdf", ALL_STAFF, None),
    ("GET", "/api/v1/staff", ADMIN, None),
    ("PATCH", "/api/v1/staff/{other}", ADMIN, {"name": "Otra"}),
    ("POST", "/api/v1/staff", ADMIN, {"email": "n@example.org", "name": "N", "role": "facilitator",
                                      "password": "long-enough-1"}),
]

PAGES = [
    ("GET", "/programmes/{programme}", ALL_STAFF),
    ("GET", "/programmes/new", ADMIN),
    ("GET", "/programmes/{programme}/edit", ADMIN),
    ("GET", "/programmes/{programme}/initiatives/new", ADMIN),
    ("GET", "/initiatives/{initiative}", ALL_STAFF),
    ("GET", "/initiatives/{initiative}/edit", ADMIN),
    ("GET", "/initiatives/{initiative}/items/new", PREPARERS),
    ("GET", "/items/{item}/edit", PREPARERS),
    ("POST", "/items/{item}/archive", PREPARERS),
    ("GET", "/initiatives/{initiative}/import", PREPARERS),
    ("GET", "/initiatives/{initiative}/sessions/new", PLANNERS),
    ("GET", "/sessions/{session}", ALL_STAFF),
    ("GET", "/sessions/{session}/edit", RUNNERS),
    ("POST", "/sessions/{session}/status", RUNNERS),
    ("POST", "/sessions/{session}/agenda", RUNNERS),
    ("GET", "/sessions/{session}/console", ALL_STAFF),
    ("GET", "/sessions/{session}/projector", ALL_STAFF),
    ("GET", "/admin/staff", ADMIN),
    ("POST", "/admin/staff/{other}/toggle", ADMIN),
]


@pytest.fixture
def world(app, make_session, make_staff, join):
    from workshop.voting.services import create_round

    session = make_session()
    item = session.agenda[0].item
    round_ = create_round(session, item_ids=[item.id], method="approve")
    _participant, participant_token = join(session)
    other = make_staff("facilitator", email="other@example.org")
    ids = {"programme": session.initiative.programme_id, "initiative": session.initiative_id, "item": item.id,
           "session": session.id, "round": round_.id, "other": other.id}
    users = {role: make_staff(role) for role in ("secretariat", "facilitator", "admin")}
    users["other_facilitator"] = make_staff("facilitator", email="unnamed@example.org")
    from workshop.sessions.services import update_session

    update_session(session, {"facilitator_ids": [users["facilitator"].id]})
    return ids, users, participant_token


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, allowed, body", API, ids=[f"{m} {u}" for m, u, *_ in API])
def test_api_access(client, world, token_for, role, method, url, allowed, body):
    ids, users, participant_token = world
    headers = {}
    if role == "participant":
        headers = {"Authorization": f"Bearer {participant_token}"}
    elif role in users:
        headers = token_for(users[role])
    response = client.open(url.format(**ids), method=method, json=fill(body, ids), headers=headers)
    if role in allowed:
        assert response.status_code not in (401, 403), response.json
        assert response.status_code < 500
    else:
        # A participant's token is not a staff token: 401, like no token at all.
        expected = 401 if role in ("anonymous", "participant") else 403
        assert response.status_code == expected, response.json
        assert set(response.json["error"]) >= {"code", "message"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, allowed", PAGES, ids=[f"{m} {u}" for m, u, _ in PAGES])
def test_page_access(app, world, role, method, url, allowed):
    ids, users, _participant_token = world
    browser = app.test_client()
    if role in users:
        browser.post("/login", data={"email": users[role].email, "password": "correct horse battery"})
    response = browser.open(url.format(**ids), method=method, data={})
    if role in allowed:
        assert response.status_code not in (401, 403)
        assert "/login" not in response.headers.get("Location", "")
        assert response.status_code < 500
    elif role in ("anonymous", "participant"):
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    else:
        assert response.status_code == 403


def test_projector_link_works_without_login_only_with_the_right_key(app, world):
    from workshop.extensions import db
    from workshop.sessions.models import Session

    ids, _users, _token = world
    session = db.session.get(Session, ids["session"])
    browser = app.test_client()
    assert browser.get(f"/sessions/{session.id}/projector?key={session.projector_key}").status_code == 200
    assert browser.get(f"/sessions/{session.id}/projector?key=wrong").status_code == 302


def test_cookie_login_cannot_write_through_the_api(app, world):
    """A logged-in browser may read the API but writes need a bearer token (no CSRF through cookies)."""
    ids, users, _ = world
    browser = app.test_client()
    browser.post("/login", data={"email": users["facilitator"].email, "password": "correct horse battery"})
    assert browser.get(f"/api/v1/sessions/{ids['session']}").status_code == 200
    assert browser.post(f"/api/v1/sessions/{ids['session']}/end").status_code == 401
