"""Whatever a client sends, the API answers with a JSON 4xx or a success — never a 5xx."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_access import API, _fill

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**63) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=12,
)
WRITES = [(m, u, body) for m, u, _allowed, body in API if m in ("POST", "PATCH") and not u.endswith("/import")]


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
    ids = {"programme": session.initiative.programme_id, "initiative": session.initiative_id, "item": item.id,
           "session": session.id, "round": round_.id, "other": other.id}
    headers = token_for(make_staff("admin"))
    target = url.format(**ids)

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(payload=_mutations(_fill(body, ids)))
    def check(payload):
        response = client.open(target, method=method, json=payload, headers=headers)
        assert response.status_code < 500, (payload, response.get_data(as_text=True)[:300])
        if response.status_code >= 400:
            assert set(response.json["error"]) >= {"code", "message"}

    check()
