"""A room for the benchmarks: a live session with an open round and N phones joined, via the API."""
from __future__ import annotations

import requests

SECTORS = ("public", "private", "academic", "civil_society")
#: Every simulated phone joins from 127.0.0.1: the servers the benchmarks start lift the join limits
#: (per address and per session), which exist against one device stuffing a real room.
UNLIMITED_JOINS = {"WORKSHOP_JOIN_LIMIT_PER_ADDRESS": "1000000/60", "WORKSHOP_JOIN_LIMIT_PER_SESSION": "1000000/10"}


def in_process_app():
    """A Mesa app for an in-process benchmark: on a throw-away SQLite file, migrated, with the join
    limits lifted. Use it inside `with app.app_context():`."""
    import tempfile

    from flask_migrate import upgrade

    from config import TestConfig
    from workshop import create_app

    config = type("BenchConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite",
        "JOIN_LIMIT_PER_ADDRESS": (10**9, 60), "JOIN_LIMIT_PER_SESSION": (10**9, 10)})
    app = create_app(config)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def open_room(url: str, phones: int, results: str = "live") -> tuple[str, int, int, list[str]]:
    """Create a programme, a live session and an open approve round; join `phones` participants.

    Returns (staff token, session id, round id, participant tokens). The server must have the
    admin admin@example.org / admin-password-1 (tests/conftest.py's run_server does).
    """
    token = requests.post(f"{url}/api/v1/auth/token", json={"email": "admin@example.org",
                                                            "password": "admin-password-1"}).json()["token"]
    h = {"Authorization": f"Bearer {token}"}
    programme = requests.post(f"{url}/api/v1/programmes", json={"name": "Bench"}, headers=h).json()
    initiative = requests.post(f"{url}/api/v1/programmes/{programme['id']}/initiatives", json={"name": "I"},
                               headers=h).json()
    item = requests.post(f"{url}/api/v1/initiatives/{initiative['id']}/items",
                         json={"kind": "action_line", "title": "T"}, headers=h).json()
    session = requests.post(f"{url}/api/v1/initiatives/{initiative['id']}/sessions",
                            json={"title": "S", "phase": 1, "item_ids": [item["id"]]}, headers=h).json()
    requests.post(f"{url}/api/v1/sessions/{session['id']}/start", headers=h)
    http = requests.Session()
    tokens = [http.post(f"{url}/api/v1/join", json={"code": session["join_code"], "name": f"P{n}",
                                                    "organisation": f"Org {n % 40}", "sector": SECTORS[n % 4]}
                        ).json()["participant_token"] for n in range(phones)]
    round_ = requests.post(f"{url}/api/v1/sessions/{session['id']}/rounds", headers=h,
                           json={"item_ids": [item["id"]], "method": "approve", "results": results}).json()
    requests.post(f"{url}/api/v1/rounds/{round_['id']}/open", headers=h)
    return token, session["id"], round_["id"], tokens
