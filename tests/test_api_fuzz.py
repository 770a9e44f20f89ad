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
    ("POST", "/api/v1/programmes/{programme}/people", {"name": "Rosa", "organisation": "GORE", "sector": "public"}),
    ("PATCH", "/api/v1/people/{stakeholder}", {"name": "Ana F.", "sector": "private", "registered": True}),
    ("POST", "/api/v1/programmes/{programme}/people/merge",
     {"keep_id": "{stakeholder}", "duplicate_id": "{stakeholder2}", "reason": "r"}),
    ("POST", "/api/v1/people/{stakeholder}/invitation", None),
    ("DELETE", "/api/v1/people/{stakeholder}/invitation", None),
    ("POST", "/api/v1/programmes/{programme}/invitations", None),
    # the run-of-show: an agenda item's plan, the programme's defaults by phase
    ("PATCH", "/api/v1/sessions/{session}/agenda/{item}", {"method": "score", "minutes": 10}),
    ("PATCH", "/api/v1/programmes/{programme}/round-defaults", {"phases": {"2": {"method": "score"}}}),
    # the phase pipeline
    ("POST", "/api/v1/sessions/{session}/agenda/from-phase", {"phase": 1, "include_deferred": True}),
]
#: Calls that take a file (multipart), not JSON: tests/test_api.py covers them.
FILE_UPLOADS = [("POST", "/api/v1/initiatives/{initiative}/items/import"),
                # a programme's logos: the upload and its removal (tests/test_branding.py)
                ("POST", "/api/v1/programmes/{programme}/logos"),
                ("DELETE", "/api/v1/programmes/{programme}/logos/{logo}"),
                # a list of people (tests/test_registry.py)
                ("POST", "/api/v1/programmes/{programme}/people/import")]


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
           "admin_email": admin.email, "participant": participant.id, "twin": twin.id,
           "stakeholder": participant.stakeholder_id, "stakeholder2": twin.stakeholder_id}
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


# --- schemathesis: every operation of /api/openapi.json ------------------------------------------

#: Cases per operation and generation mode in `make test` (bench/fuzz.py runs many more).
SCHEMATHESIS_EXAMPLES = 3


def test_schemathesis_finds_no_server_error(app, client, make_session, make_staff, token_for, caplog):
    """schemathesis generates requests from the OpenAPI document — valid ones (positive) and ones that
    break it (negative) — for every operation, with an admin's token and, half the time, the ids of
    real rows in the path. No answer is a 5xx and nothing is logged at ERROR."""
    import logging

    import schemathesis
    from hypothesis import strategies as st
    from hypothesis.errors import Unsatisfiable
    from schemathesis.generation.modes import GenerationMode

    from workshop.sessions.services import join
    from workshop.voting.services import create_round

    session = make_session()
    item = session.agenda[0].item
    round_ = create_round(session, item_ids=[item.id], method="approve")
    participant = join(session.join_code, name="Ana Fuzz", organisation="Org", sector="public")[0]
    admin = make_staff("admin")
    real = {"programme_id": session.initiative.programme_id, "initiative_id": session.initiative_id,
            "item_id": item.id, "session_id": session.id, "round_id": round_.id, "user_id": admin.id,
            "participant_id": participant.id, "number": 1, "stakeholder_id": participant.stakeholder_id}
    headers = token_for(admin)
    schema = schemathesis.openapi.from_dict(client.get("/api/openapi.json").json)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=SCHEMATHESIS_EXAMPLES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode), use_real_ids=st.booleans())
            def check(case, use_real_ids):
                if use_real_ids and case.path_parameters:
                    case.path_parameters = {k: real.get(k, v) for k, v in case.path_parameters.items()}
                with caplog.at_level(logging.INFO):
                    response = case.call(app=app, headers=headers)
                assert response.status_code < 500, (operation.label, case.path_parameters, case.body)
                errors = [r.getMessage() for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
                assert not errors, (operation.label, errors)

            try:
                check()
            except Unsatisfiable:  # nothing in this operation can be made invalid (e.g. no parameters)
                assert mode == GenerationMode.NEGATIVE, operation.label
