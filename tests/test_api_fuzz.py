"""Whatever a client sends, the API answers with a JSON 4xx or a success — never a 5xx."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import STAFF_PASSWORD, fill

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)
#: Every call that takes a JSON body, with a valid body to mutate; {name} stands for an id (see `fill`).
WRITES = [
    ("POST", "/api/v1/auth/token", {"email": "{admin_email}", "password": STAFF_PASSWORD}),
    ("DELETE", "/api/v1/auth/token", None),
    ("POST", "/api/v1/join", {"code": "{join_code}", "name": "Ana", "organisation": "Org", "sector": "public"}),
    ("POST", "/api/v1/programmes", {"name": "Nuevo"}),
    ("PATCH", "/api/v1/programmes/{programme}", {"name": "Renombrado"}),
    ("POST", "/api/v1/programmes/{programme}/initiatives", {"name": "Nueva"}),
    ("PATCH", "/api/v1/initiatives/{initiative}", {"region": "Cusco"}),
    ("POST", "/api/v1/initiatives/{initiative}/items", {"kind": "action_line", "title": "T"}),
    ("PATCH", "/api/v1/items/{item}", {"title": "T2"}),
    ("POST", "/api/v1/items/{item}/archive", None),
    ("POST", "/api/v1/items/{item}/unarchive", None),
    ("POST", "/api/v1/initiatives/{initiative}/roadmap/versions", None),
    ("POST", "/api/v1/initiatives/{initiative}/sessions", {"title": "S", "phase": 1}),
    ("PATCH", "/api/v1/sessions/{session}", {"place": "Huamanga"}),
    ("POST", "/api/v1/sessions/{session}/start", None),
    ("POST", "/api/v1/sessions/{session}/end", None),
    ("POST", "/api/v1/sessions/{session}/rounds", {"item_ids": ["{item}"], "method": "approve"}),
    ("POST", "/api/v1/rounds/{round}/open", None),
    ("POST", "/api/v1/rounds/{round}/close", None),
    ("POST", "/api/v1/items/{item}/decision", {"session_id": "{session}", "outcome": "deferred", "reason": "r"}),
    ("POST", "/api/v1/sessions/{session}/participants/{participant}/remove", {"reason": "Prueba"}),
    ("POST", "/api/v1/sessions/{session}/participants/{participant}/admit", None),
    ("PATCH", "/api/v1/sessions/{session}/participants/{participant}", {"sector": "academic", "reason": "r"}),
    ("POST", "/api/v1/sessions/{session}/participants/merge",
     {"keep_id": "{participant}", "duplicate_id": "{twin}", "reason": "r"}),
    ("PATCH", "/api/v1/staff/{other}", {"name": "Otra"}),
    ("POST", "/api/v1/staff", {"email": "n@example.org", "name": "N", "role": "facilitator",
                               "password": "long-enough-1"}),
]
#: Calls that take a file (multipart), not JSON: tests/test_api.py covers them.
FILE_UPLOADS = [("POST", "/api/v1/initiatives/{initiative}/items/import")]


def _shape(method: str, path: str) -> tuple[str, str]:
    """(METHOD, path) with every {parameter} blanked and no query string, to compare with the spec."""
    return method.upper(), re.sub(r"\{[^}]*\}", "{}", path.split("?")[0])


def test_every_call_with_a_body_is_fuzzed(client):
    """WRITES follows the API: a new endpoint that takes a body, and nobody fuzzes, fails here."""
    spec = client.get("/api/openapi.json").json
    in_spec = {_shape(method, path) for path, operations in spec["paths"].items() for method in operations
               if method in ("post", "put", "patch", "delete")}
    listed = {_shape(m, u) for m, u, _body in WRITES} | {_shape(m, u) for m, u in FILE_UPLOADS}
    assert in_spec == listed


def _mutations(body):
    """Random bodies, and the endpoint's own body with each field replaced by random JSON."""
    fields = sorted((body or {}).keys())
    if not fields:
        return JSON
    return JSON | st.builds(lambda k, v: {**body, k: v}, st.sampled_from(fields), JSON)


@pytest.mark.parametrize("method, url, body", WRITES, ids=[f"{m} {u}" for m, u, _b in WRITES])
def test_no_input_makes_a_server_error(app, client, make_session, make_staff, token_for, method, url, body):
    from workshop.voting.services import create_round

    session = make_session()
    item = session.agenda[0].item
    round_ = create_round(session, item_ids=[item.id], method="approve")
    other = make_staff("facilitator", email="other@example.org")
    admin = make_staff("admin")
    from workshop.sessions.services import join

    participant = join(session.join_code, name="Ana Fuzz", organisation="Org", sector="public")[0]
    twin = join(session.join_code, name="Ana Fuzz", organisation="Otra Org", sector="public")[0]
    ids = {"programme": session.initiative.programme_id, "initiative": session.initiative_id, "item": item.id,
           "session": session.id, "round": round_.id, "other": other.id, "join_code": session.join_code,
           "admin_email": admin.email, "participant": participant.id, "twin": twin.id}
    headers = token_for(admin)
    target = url.format(**ids)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payload=_mutations(fill(body, ids)))
    def check(payload):
        response = client.open(target, method=method, json=payload, headers=headers)
        assert response.status_code < 500, (payload, response.get_data(as_text=True)[:300])
        if response.status_code >= 400:
            assert set(response.json["error"]) >= {"code", "message"}

    check()
