"""What the test modules share besides fixtures: configurations, throw-away services, the real server
and clients of it, the browser's screen sizes, and filling ids into URLs and bodies.

Fixtures live in conftest.py and build on these; a test module imports from here, never from
another test module or from conftest.py.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from config import TestConfig

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI") == "true"

#: The password of every account the `make_staff` fixture creates.
STAFF_PASSWORD = "correct horse battery"
#: The first admin of every server `run_server` starts.
SERVER_ADMIN_EMAIL = "admin@example.org"
SERVER_ADMIN_PASSWORD = "admin-password-1"
#: The servers the tests start hash passwords as cheaply as TestConfig does (see config.py).
CHEAP_PASSWORD_HASH = TestConfig.PASSWORD_HASH_METHOD


def make_config(database_url: str, **overrides):
    """TestConfig on `database_url`, with other settings overridden."""
    return type("Config", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": database_url, **overrides})


# --- Local services: PostgreSQL and Redis -----------------------------------------------------

PG_ADMIN_URL = os.environ.get("WORKSHOP_TEST_POSTGRES", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")
REDIS_URL = "redis://127.0.0.1:6379/0"


def service_or_skip(name: str, url: str, check) -> str:
    """Use a local service in tests; skip with a message when it is down, but never under CI."""
    try:
        check(url)
    except Exception as exc:  # noqa: BLE001
        if IN_CI:
            pytest.fail(f"{name} at {url} is required under CI and is unreachable: {exc}")
        pytest.skip(f"{name} is not running at {url} ({type(exc).__name__}); `.ci/run` starts it")
    return url


def check_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()


def check_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


@contextmanager
def postgres_database(prefix: str = "mesa_test"):
    """A throw-away PostgreSQL database for one test; skipped (outside CI) when PostgreSQL is down."""
    from sqlalchemy import create_engine, text

    admin_url = service_or_skip("PostgreSQL", PG_ADMIN_URL, check_postgres)
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


# --- The real server in a subprocess ---------------------------------------------------------

#: What run.py prints once the app is prepared, just before it listens.
SERVING = "Mesa is serving on"


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


def _copy_output(process: subprocess.Popen, log_path: Path, serving: threading.Event) -> None:
    """Copy the server's output to its log, line by line; `serving` is set at SERVING or at exit."""
    with open(log_path, "w", buffering=1) as log:
        for line in process.stdout:
            log.write(line)
            if SERVING in line:
                serving.set()
    serving.set()


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def run_server(tmp_path: Path, timeout: float = 60.0, **env_overrides):
    """Start Mesa as `make run` does (eventlet by default) and stop it afterwards.

    The server gets an empty SQLite file in `tmp_path`, the admin SERVER_ADMIN_EMAIL /
    SERVER_ADMIN_PASSWORD and the cheap password hash; an override of None removes a variable.
    """
    port = free_port()
    env = {**os.environ, "WORKSHOP_HOST": "127.0.0.1", "WORKSHOP_PORT": str(port),
           "WORKSHOP_DATABASE_URL": f"sqlite:///{tmp_path / 'server.sqlite'}", "WORKSHOP_DEMO": "0",
           "WORKSHOP_SECRET_KEY": "server-test-secret", "WORKSHOP_ADMIN_EMAIL": SERVER_ADMIN_EMAIL,
           "WORKSHOP_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD, "WORKSHOP_PASSWORD_HASH": CHEAP_PASSWORD_HASH,
           "PYTHONUNBUFFERED": "1"}
    env.update({k: v for k, v in env_overrides.items() if v is not None})
    for key in [k for k, v in env_overrides.items() if v is None]:
        env.pop(key, None)
    log_path = tmp_path / f"server-{port}.log"
    process = subprocess.Popen([sys.executable, "run.py"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace")
    serving = threading.Event()
    copier = threading.Thread(target=_copy_output, args=(process, log_path, serving), daemon=True)
    copier.start()
    url = f"http://127.0.0.1:{port}"
    server = RunningServer(process, url, log_path)
    try:
        deadline = time.monotonic() + timeout
        if not serving.wait(timeout):
            raise RuntimeError(f"server did not start within {timeout:.0f} s:\n{server.output}")
        # It prints SERVING just before it binds the port: the first request may still be refused.
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{server.output}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not become healthy:\n{server.output}")
            copier.join(0.02)  # returns at once if the server's output ended
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        copier.join(timeout=10)


# --- Clients of the real server --------------------------------------------------------------

SECTORS = ("public", "private", "academic", "civil_society")


class Api:
    """A secretariat script: a staff token and JSON calls."""

    def __init__(self, url: str, email: str = SERVER_ADMIN_EMAIL, password: str = SERVER_ADMIN_PASSWORD):
        self.url = url
        response = requests.post(f"{url}/api/v1/auth/token", json={"email": email, "password": password},
                                 timeout=10)
        assert response.status_code == 200, response.text
        self.token = response.json()["token"]
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def call(self, method: str, path: str, **kwargs):
        response = requests.request(method, f"{self.url}/api/v1{path}", headers=self.headers, timeout=10, **kwargs)
        assert response.status_code < 400, (path, response.status_code, response.text)
        return response.json()


def live_session(api: Api, items: int = 2) -> dict:
    """A programme, an initiative with `items` items and a started session on them."""
    programme = api.call("POST", "/programmes", json={"name": "Programa"})
    initiative = api.call("POST", f"/programmes/{programme['id']}/initiatives", json={"name": "Granos andinos"})
    item_ids = [api.call("POST", f"/initiatives/{initiative['id']}/items",
                         json={"kind": "action_line", "title": f"Acción {n}"})["id"] for n in range(items)]
    session = api.call("POST", f"/initiatives/{initiative['id']}/sessions",
                       json={"title": "Hoja de ruta", "phase": 3, "item_ids": item_ids})
    api.call("POST", f"/sessions/{session['id']}/start")
    return {**session, "item_ids": item_ids}


def join_over_http(url: str, session: dict, n: int, sector: str) -> str:
    """Join participant number `n` to `session` through the API; returns the participant token."""
    r = requests.post(f"{url}/api/v1/join", json={"code": session["join_code"], "name": f"Persona {n}",
                                                  "organisation": f"Org {n % 7}", "sector": sector}, timeout=10)
    assert r.status_code == 200, r.text
    return r.json()["participant_token"]


class Watcher:
    """A projector's Socket.IO client that remembers the last tally and every state it received."""

    def __init__(self, url: str, session_id: int, token: str):
        import socketio

        self.client = socketio.Client(reconnection=False)
        self.last_tally = None
        self.states: list[dict] = []
        self._changed = threading.Condition()
        self.client.on("tally", self._tally, namespace="/live")
        self.client.on("state", self._state, namespace="/live")
        self.client.connect(url, namespaces=["/live"], auth={"token": token, "session_id": session_id,
                                                             "view": "projector"}, transports=["websocket"])

    def _tally(self, data):
        with self._changed:
            self.last_tally = data
            self._changed.notify_all()

    def _state(self, data):
        with self._changed:
            self.states.append(data)
            self._changed.notify_all()

    def wait_for(self, predicate, timeout: float = 10.0) -> dict:
        """The first tally (the last one received, or one still to come) that `predicate` accepts."""
        with self._changed:
            if self._changed.wait_for(lambda: self.last_tally is not None and predicate(self.last_tally), timeout):
                return self.last_tally
            raise AssertionError(f"no matching tally within {timeout} s; last: {self.last_tally}")


# --- A real browser --------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "tests" / "screenshots"
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "es-PE"}
PROJECTOR = {"viewport": {"width": 1920, "height": 1080}, "locale": "es-PE"}
CONSOLE = {"viewport": {"width": 1440, "height": 900}, "locale": "es-PE"}


def shot(page, name: str) -> None:
    """A full-page screenshot in tests/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def staff_api(server) -> dict:
    """Bearer headers for the server's admin."""
    return Api(server.url).headers


REHEARSAL = "Ensayo — cadena de la quinua"


def rehearsal_session(server, title: str | None = None) -> tuple[dict, dict]:
    """The demo's rehearsal initiative and a session of it to run live (as staff see it: with its join
    code): the one the demo prepared for today (what `make run` offers), or, given a title, a new one
    with the same agenda, so that each browser test on the shared demo server runs a session of its own."""
    headers = staff_api(server)
    programmes = requests.get(f"{server.url}/api/v1/programmes", headers=headers, timeout=10).json()
    rehearsal = [p for p in programmes if p["name"] == REHEARSAL]
    assert rehearsal, f"demo programme {REHEARSAL!r} missing"
    initiative = rehearsal[0]["initiatives"][0]
    # the demo's one session, made before any test's: by id, not by place in the list (sessions are
    # listed by start time, and a test's session without one comes first on SQLite)
    prepared = min(initiative["sessions"], key=lambda session: session["id"])
    if title is None:
        return initiative, prepared
    url = f"{server.url}/api/v1/sessions/{prepared['id']}"
    agenda = requests.get(url, headers=headers, timeout=10).json()["agenda"]
    r = requests.post(f"{server.url}/api/v1/initiatives/{initiative['id']}/sessions", headers=headers, timeout=10,
                      json={"title": title, "phase": 3, "item_ids": [item["id"] for item in agenda]})
    assert r.status_code == 201, r.text
    return initiative, r.json()


def login(page, server) -> None:
    """Log the browser page in as the server's admin through the login form."""
    page.goto(f"{server.url}/login")
    page.fill("#email", SERVER_ADMIN_EMAIL)
    page.fill("#password", SERVER_ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


# --- Filling in ids ----------------------------------------------------------------------------


def fill(value, ids: dict):
    """`value` (a URL, a body) with every {name} replaced by ids[name]; a bare "{name}" becomes an int."""
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


# --- A cluster: deploy/cluster behind nginx, and a Redis of the test's own ----------------------

CLUSTER_COMMAND = ROOT / "deploy" / "cluster"


class PrivateRedis:
    """A redis-server of the test's own on a free loopback port, without persistence (--save "",
    --appendonly no), that the test may stop and start again: the shared Redis is never disturbed."""

    def __init__(self, folder: Path):
        import shutil

        self.binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(self.binary).exists():
            if IN_CI:
                pytest.fail("redis-server is required under CI and is not installed")
            pytest.skip("redis-server is not installed")
        self.folder, self.port, self.process = folder, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--protected-mode", "yes"],
            stdout=open(self.folder / "redis.log", "a"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                check_redis(self.url)
                return
            except Exception:  # noqa: BLE001 - not listening yet
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the private redis-server did not start:\n"
                                       + (self.folder / "redis.log").read_text())
                time.sleep(0.05)  # bounded poll of another process

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def private_redis(folder: Path):
    redis = PrivateRedis(folder)
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


class Cluster:
    """A cluster started with deploy/cluster: nginx's URL, its state directory and what runs."""

    def __init__(self, folder: Path):
        import json

        self.dir = folder
        self.record = json.loads((folder / "cluster.json").read_text())
        self.url = self.record["url"]
        self.processes = {p["name"]: p for p in self.record["processes"]}

    def process_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.processes[name]['port']}"

    @property
    def mesa(self) -> list[str]:
        return sorted(name for name in self.processes if name.startswith("mesa-"))

    def output(self, name: str) -> str:
        return Path(self.processes[name]["log"]).read_text(errors="replace")

    def alive(self, name: str) -> bool:
        try:
            return not Path(f"/proc/{self.processes[name]['pid']}/stat").read_text().split(") ", 1)[1].startswith("Z")
        except OSError:
            return False


@contextmanager
def run_cluster(folder: Path, database_url: str, queue_url: str, processes: int = 2, **env_overrides):
    """`deploy/cluster up` on a free port (and `down` afterwards), with the test servers' admin and cheap
    password hash; extra WORKSHOP_* settings as keyword arguments."""
    import shutil

    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        if IN_CI:
            pytest.fail("nginx is required under CI and is not installed (`make system-deps` installs it)")
        pytest.skip("nginx is not installed (`make system-deps` installs it)")
    port = free_port()
    env = {**os.environ, "WORKSHOP_DEMO": "0", "WORKSHOP_SECRET_KEY": "cluster-test-secret",
           "WORKSHOP_ADMIN_EMAIL": SERVER_ADMIN_EMAIL, "WORKSHOP_ADMIN_PASSWORD": SERVER_ADMIN_PASSWORD,
           "WORKSHOP_PASSWORD_HASH": CHEAP_PASSWORD_HASH, **env_overrides}
    command = [str(CLUSTER_COMMAND), "up", "--dir", str(folder), "--processes", str(processes), "--port", str(port),
               "--database-url", database_url, "--message-queue", queue_url, "--timeout", "90"]
    started = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    try:
        assert started.returncode == 0, f"deploy/cluster up failed:\n{started.stdout}\n{started.stderr}"
        yield Cluster(folder)
    finally:
        subprocess.run([str(CLUSTER_COMMAND), "down", "--dir", str(folder)], cwd=ROOT, capture_output=True,
                       timeout=60)
