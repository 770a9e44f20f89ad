"""Fixtures: app → client → logged-in helpers, factories for the domain, and the demo."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from config import TestConfig
from workshop import create_app
from workshop.extensions import db as _db

IN_CI = os.environ.get("CI") == "true"


def make_config(database_url: str, **overrides):
    return type("Config", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **overrides})


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A SQLite file with the demo loaded once per test run (copied for each test that needs it)."""
    from workshop.demo.loader import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    app = create_app(make_config(f"sqlite:///{path}"))
    with app.app_context():
        _db.create_all()
        load_demo()
        _db.session.remove()
        _db.engine.dispose()
    return path


@pytest.fixture
def app(tmp_path):
    """A fresh app on an empty SQLite file with the schema created."""
    app = create_app(make_config(f"sqlite:///{tmp_path / 'test.sqlite'}"))
    with app.app_context():
        _db.create_all()
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def demo_app(tmp_path, demo_db):
    """An app on a private copy of the demo database."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_db, path)
    app = create_app(make_config(f"sqlite:///{path}"))
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_staff(app):
    """Factory: a staff account of `role` (password 'correct horse battery')."""
    from workshop.accounts.services import create_staff

    counter = iter(range(1, 10_000))

    def make(role="facilitator", email=None, password="correct horse battery", name=None):
        n = next(counter)
        return create_staff(email=email or f"{role}{n}@example.org", name=name or f"{role.title()} {n}",
                            role=role, password=password)

    return make


@pytest.fixture
def token_for(app):
    """Factory: a bearer header for a staff user."""
    from workshop.accounts.auth import issue_staff_token

    def headers(user):
        return {"Authorization": f"Bearer {issue_staff_token(user)}"}

    return headers


@pytest.fixture
def make_programme(app):
    """Factory: a programme with one initiative (phases 1–3) and `items` candidate items."""
    from workshop.programmes import services

    def make(items=4, name="Programa de prueba"):
        programme = services.create_programme({"name": name, "institution": "CONCYTEC"})
        initiative = services.create_initiative(programme, {"name": "Granos andinos — Ayacucho",
                                                            "region": "Ayacucho"})
        for i in range(items):
            services.create_item(initiative, {"kind": "action_line" if i % 2 == 0 else "policy_reform",
                                              "title": f"Ítem {i + 1}: acción sobre quinua"})
        return programme, initiative

    return make


@pytest.fixture
def make_session(app, make_programme):
    """Factory: a session (live by default) of a fresh initiative with its items on the agenda."""
    from workshop.sessions import services

    def make(status="live", items=4):
        _programme, initiative = make_programme(items=items)
        session = services.create_session(initiative, phase_number=3, title="Hoja de ruta",
                                          status="scheduled", item_ids=[i.id for i in initiative.items])
        if status in ("live", "closed"):
            services.transition(session, "live")
        if status == "closed":
            services.transition(session, "closed")
        return session

    return make


@pytest.fixture
def join(app):
    """Factory: a participant of a live session; returns (participant, token)."""
    from workshop.sessions import services

    counter = iter(range(1, 100_000))

    def make(session, sector="public", name=None, organisation="Gobierno Regional de Ayacucho"):
        n = next(counter)
        participant, token, _ = services.join(session.join_code, name=name or f"Persona {n}",
                                              organisation=organisation, sector=sector)
        return participant, token

    return make


PG_ADMIN_URL = os.environ.get("WORKSHOP_TEST_POSTGRES", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def _check_postgres(url):
    from sqlalchemy import create_engine, text

    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


@contextmanager
def postgres_database(prefix: str = "mesa_test"):
    """A throw-away PostgreSQL database for one test; skipped (outside CI) when PostgreSQL is down."""
    import uuid

    from sqlalchemy import create_engine, text

    admin_url = service_or_skip("PostgreSQL", PG_ADMIN_URL, _check_postgres)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def service_or_skip(name: str, url: str, check) -> str:
    """Use a local service in tests; skip with a message when it is down, but never under CI."""
    try:
        check(url)
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            pytest.fail(f"{name} at {url} is required under CI and is unreachable: {exc}")
        pytest.skip(f"{name} is not running at {url} ({type(exc).__name__}); `.ci/run` starts it")
    return url


# --- The real server in a subprocess ---------------------------------------------------------

import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningServer:
    """A `python run.py` process on a loopback port, with its output captured."""

    def __init__(self, process: subprocess.Popen, url: str, log_path: Path):
        self.process, self.url, self.log_path = process, url, log_path

    @property
    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


@contextmanager
def run_server(tmp_path: Path, **env_overrides):
    """Start Mesa as `make run` does (eventlet by default) and stop it afterwards."""
    import requests

    port = free_port()
    env = {**os.environ, "WORKSHOP_HOST": "127.0.0.1", "WORKSHOP_PORT": str(port),
           "WORKSHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite'}", "WORKSHOP_DEMO": "0",
           "WORKSHOP_SECRET_KEY": "server-test-secret", "WORKSHOP_ADMIN_EMAIL": "admin@example.org",
           "WORKSHOP_ADMIN_PASSWORD": "admin-password-1", "PYTHONUNBUFFERED": "1"}
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    for key in [k for k, v in env_overrides.items() if v is None]:
        env.pop(key, None)
    log_path = tmp_path / f"server-{port}.log"
    log = open(log_path, "w")
    process = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    server = RunningServer(process, url, log_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{server.output}")
            try:
                if requests.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not become healthy:\n{server.output}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture
def server(tmp_path):
    """A real Mesa server on an empty database with admin@example.org / admin-password-1."""
    with run_server(tmp_path) as running:
        yield running


# --- A real browser -------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download); skipped only outside CI."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing under CI: `make test` installs it with apt-get")
        pytest.skip(f"{CHROMIUM} is not installed (`make system-deps` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The real server with the demo loaded, as after `make run`."""
    with run_server(tmp_path_factory.mktemp("demo-server"), WORKSHOP_DEMO="1") as running:
        yield running
