"""Fixtures: app → client → logged-in helpers, factories for the domain, the demo, the real server
and a browser. Plain helpers (no fixtures) are in tests/helpers.py."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    IN_CI,
    SERVER_ADMIN_EMAIL,
    SERVER_ADMIN_PASSWORD,
    STAFF_PASSWORD,
    make_config,
    run_server,
)
from workshop import create_app
from workshop.extensions import db as _db


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true nothing skips: a skip (PostgreSQL, Redis or Chromium missing) is a failure."""
    report = yield
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"
    return report


# --- Apps on SQLite files --------------------------------------------------------------------


@pytest.fixture(scope="session")
def schema_db(tmp_path_factory) -> Path:
    """An SQLite file with the empty schema, made once per run (copied for each test)."""
    path = tmp_path_factory.mktemp("schema") / "schema.sqlite"
    app = create_app(make_config(f"sqlite:///{path}"))
    with app.app_context():
        _db.create_all()
        _db.session.remove()
        _db.engine.dispose()
    return path


DEMO_BUILD = pytest.StashKey()


def build_demo_db(path: Path) -> None:
    """Prepare `path` as a demo server prepares its database on its first start: migrated, with the
    server's first admin and the demo programme (played through the services: ~15 s)."""
    from workshop.bootstrap import prepare

    app = create_app(make_config(f"sqlite:///{path}", DEMO=True, ADMIN_EMAIL=SERVER_ADMIN_EMAIL,
                                 ADMIN_PASSWORD=SERVER_ADMIN_PASSWORD))
    with open(os.devnull, "w") as quiet:
        prepare(app, out=quiet)
    with app.app_context():
        _db.session.remove()
        _db.engine.dispose()


def pytest_collection_modifyitems(session, config, items):
    """When some test will need the demo database, start building it now in another process: it
    takes ~15 s of one core, and the quick tests that run first leave the other core idle."""
    if not any("demo_db" in item.fixturenames for item in items):
        return
    folder = Path(tempfile.mkdtemp(prefix="mesa-demo-"))
    path = folder / "demo.sqlite"
    code = "import sys; from conftest import build_demo_db; from pathlib import Path; build_demo_db(Path(sys.argv[1]))"
    log = open(folder / "build.log", "w")
    process = subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=Path(__file__).parent,
                               env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
                               stdout=log, stderr=subprocess.STDOUT)
    config.stash[DEMO_BUILD] = (process, path, folder)


@pytest.fixture(scope="session")
def demo_db(request, tmp_path_factory) -> Path:
    """An SQLite file prepared as a demo server prepares it on its first start, once per run (copied
    for each user); built in the background from the start of the run when any test needs it."""
    build = request.config.stash.get(DEMO_BUILD, None)
    if build is None:  # e.g. the test was selected in a way collection did not see
        path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
        build_demo_db(path)
        return path
    process, path, folder = build
    try:
        process.wait(timeout=600)
    except subprocess.TimeoutExpired:
        process.kill()
        raise
    assert process.returncode == 0, (folder / "build.log").read_text()
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    return path


def _app_on_a_copy(source: Path, tmp_path: Path, name: str):
    path = tmp_path / name
    shutil.copy(source, path)
    app = create_app(make_config(f"sqlite:///{path}"))
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


class SharedApp:
    """One app for the whole run (making an app costs about 0.1 s, and most tests want one), on an
    SQLite file that is emptied before each test. What a test changes in the app is undone after it:
    its settings, and the state kept in app.extensions since the app was made (rate limits, the
    tallies queue, caches), which its owners make again on demand."""

    def __init__(self, path: Path):
        self.app = create_app(make_config(f"sqlite:///{path}"))
        self.config = dict(self.app.config)
        self.extensions = set(self.app.extensions)

    def fresh(self):
        """Enter the app's context on an empty database."""
        with self.app.app_context():
            with _db.engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")  # checked at commit, when all is gone
                # A merged item's target going first would set its merged_into_id to NULL (ON DELETE
                # SET NULL runs at once), against the check that a merged item names its target.
                conn.exec_driver_sql("UPDATE items SET status = 'candidate', merged_into_id = NULL "
                                     "WHERE merged_into_id IS NOT NULL")
                for table in reversed(_db.metadata.sorted_tables):
                    conn.execute(table.delete())
            try:
                yield self.app
            finally:
                _db.session.remove()
                self.app.config.clear()
                self.app.config.update(self.config)
                for key in set(self.app.extensions) - self.extensions:
                    del self.app.extensions[key]


@pytest.fixture(scope="session")
def shared_app(tmp_path_factory, schema_db) -> SharedApp:
    path = tmp_path_factory.mktemp("shared") / "test.sqlite"
    shutil.copy(schema_db, path)
    shared = SharedApp(path)
    yield shared
    with shared.app.app_context():
        _db.engine.dispose()


@pytest.fixture
def app(request, tmp_path, schema_db, shared_app):
    """An app on an empty database with the schema created; its context is pushed.

    Tests share one app (see SharedApp); a module marked `fresh_app` gets a new app for each test,
    on a file of its own.
    """
    if request.node.get_closest_marker("fresh_app"):
        yield from _app_on_a_copy(schema_db, tmp_path, "test.sqlite")
    else:
        yield from shared_app.fresh()


@pytest.fixture
def demo_app(tmp_path, demo_db):
    """An app on a private copy of the demo database; its context is pushed."""
    yield from _app_on_a_copy(demo_db, tmp_path, "demo.sqlite")


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    """An anonymous browser (Flask's test client) of `app`."""
    return app.test_client()


# --- Staff: accounts, tokens and logged-in browsers -----------------------------------------


@pytest.fixture
def make_staff(app):
    """Factory: a staff account of `role` (password STAFF_PASSWORD)."""
    from workshop.accounts.services import create_staff

    counter = iter(range(1, 10_000))

    def make(role="facilitator", email=None, password=STAFF_PASSWORD, name=None):
        n = next(counter)
        return create_staff(email=email or f"{role}{n}@example.org", name=name or f"{role.title()} {n}",
                            role=role, password=password)

    return make


@pytest.fixture
def token_for(make_staff):
    """Factory: bearer headers for a staff user, or for a new account of the given role."""
    from workshop.accounts.auth import issue_staff_token

    def headers(user_or_role):
        user = make_staff(user_or_role) if isinstance(user_or_role, str) else user_or_role
        return {"Authorization": f"Bearer {issue_staff_token(user)}"}

    return headers


@pytest.fixture
def logged_in(app, make_staff):
    """Factory: a new browser logged in through the login form as a staff user (or a new account of
    the given role)."""

    def browser(user_or_role="admin", **account):
        user = make_staff(user_or_role, **account) if isinstance(user_or_role, str) else user_or_role
        client = app.test_client()
        response = client.post("/login", data={"email": user.email, "password": STAFF_PASSWORD})
        assert response.status_code == 302, f"login as {user.email} failed: {response.status_code}"
        return client

    return browser


# --- The domain --------------------------------------------------------------------------------


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


# --- The real server and a real browser --------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real Mesa server on an empty database with the admin SERVER_ADMIN_EMAIL, shared by the tests
    of a module (each makes a programme and a session of its own)."""
    with run_server(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory, demo_db):
    """The real server on a copy of the demo database, as after `make run`; shared by the browser
    tests, which each use a session of their own."""
    folder = tmp_path_factory.mktemp("demo-server")
    shutil.copy(demo_db, folder / "server.sqlite")
    with run_server(folder, WORKSHOP_DEMO="1") as running:
        yield running


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (no browser download); skipped only outside CI.

    Pages run under Mesa's Content-Security-Policy (no 'unsafe-eval'): give `wait_for_function` an
    arrow function ("() => …"), which Playwright calls through the debugger; a bare expression is
    eval'ed inside the page while it polls, and the CSP refuses it."""
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing under CI: `make test` installs it with apt-get")
        pytest.skip(f"{CHROMIUM} is not installed (`make system-deps` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
