"""Powers end with their grant: staff tokens expire and can be revoked; a password, role or status
change ends the account's tokens, cookies and open sockets at once; the console's token is
short-lived and scoped; passwords are hashed off the event loop, at the same cost for every email."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from helpers import ROOT, STAFF_PASSWORD
from workshop.extensions import socketio

NS = "/live"
NEW_PASSWORD = "another long password"


@pytest.fixture
def at(monkeypatch):
    """The tokens' clock, moved by hand: `at(t)` sets it."""
    from workshop.accounts import auth

    now = {"t": time.time()}
    monkeypatch.setattr(auth, "_now", lambda: now["t"])

    def move(seconds: float) -> None:
        now["t"] += seconds

    return move


def _bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def _token(client, email: str, password: str = STAFF_PASSWORD):
    return client.post("/api/v1/auth/token", json={"email": email, "password": password})


# --- Tokens ------------------------------------------------------------------------------------


def test_a_staff_token_expires_after_its_configured_life(app, make_staff, at):
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    answer = _token(client, "a@example.org").get_json()
    assert answer["expires_in"] == 12 * 3600 == app.config["TOKEN_MAX_AGE"] and answer["scope"] == "api"
    at(12 * 3600 - 5)
    assert client.get("/api/v1/staff", headers=_bearer(answer["token"])).status_code == 200
    at(10)
    expired = client.get("/api/v1/staff", headers=_bearer(answer["token"]))
    assert expired.status_code == 401 and expired.get_json()["error"]["code"] == "invalid_token"


def test_delete_revokes_the_presented_token_only(app, make_staff):
    make_staff("admin", email="a@example.org")
    client = app.test_client()
    first, second = (_token(client, "a@example.org").get_json()["token"] for _ in range(2))
    assert client.delete("/api/v1/auth/token", headers=_bearer(first)).status_code == 204
    assert client.get("/api/v1/staff", headers=_bearer(first)).status_code == 401
    assert client.get("/api/v1/staff", headers=_bearer(second)).status_code == 200
    again = client.delete("/api/v1/auth/token", headers=_bearer(first))
    assert again.status_code == 401 and again.get_json()["error"]["code"] == "invalid_token"
    assert client.delete("/api/v1/auth/token").status_code == 401


def test_revoked_tokens_are_forgotten_once_they_would_have_expired(app, make_staff, at, db):
    from workshop.accounts.models import RevokedToken

    make_staff("admin", email="a@example.org")
    client = app.test_client()
    old = _token(client, "a@example.org").get_json()["token"]
    client.delete("/api/v1/auth/token", headers=_bearer(old))
    assert db.session.query(RevokedToken).count() == 1
    at(13 * 3600)
    new = _token(client, "a@example.org").get_json()["token"]
    with pytest.MonkeyPatch.context() as patch:  # the table's clock too
        from workshop.accounts import auth
        from workshop.util import utcnow

        patch.setattr(auth, "utcnow", lambda: utcnow() + timedelta(hours=13))
        assert client.delete("/api/v1/auth/token", headers=_bearer(new)).status_code == 204
    assert db.session.query(RevokedToken).count() == 1  # the old revocation went


@pytest.mark.parametrize("change", [{"password": NEW_PASSWORD}, {"role": "secretariat"}, {"is_enabled": False}])
def test_a_password_role_or_status_change_revokes_every_token_of_the_account(app, make_staff, token_for, change):
    user = make_staff("facilitator", email="f@example.org")
    client = app.test_client()
    tokens = [_token(client, "f@example.org").get_json()["token"] for _ in range(2)]
    assert all(client.get("/api/v1/staff", headers=_bearer(t)).status_code == 403 for t in tokens)  # known
    admin = token_for("admin")
    assert client.patch(f"/api/v1/staff/{user.id}", json=change, headers=admin).status_code == 200
    for token in tokens:
        refused = client.get("/api/v1/staff", headers=_bearer(token))
        assert refused.status_code == 401 and refused.get_json()["error"]["code"] == "invalid_token"
    fresh = _token(client, "f@example.org", change.get("password", STAFF_PASSWORD))
    assert fresh.status_code == (401 if change.get("is_enabled") is False else 200)


def test_a_name_change_keeps_the_tokens(app, make_staff, token_for):
    user = make_staff("facilitator", email="f@example.org")
    client = app.test_client()
    token = _token(client, "f@example.org").get_json()["token"]
    assert client.patch(f"/api/v1/staff/{user.id}", json={"name": "Fe"}, headers=token_for("admin")).status_code == 200
    assert client.get("/api/v1/staff", headers=_bearer(token)).status_code == 403  # known, not 401


# --- The console's token ------------------------------------------------------------------------


def _page_config(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="mesa-config">(.*?)</script>', html, re.S)
    return json.loads(block.group(1))


def test_the_console_embeds_a_short_lived_token_for_the_socket_only(app, make_session, logged_in, at):
    session = make_session()
    browser = logged_in("facilitator")
    token = _page_config(browser.get(f"/sessions/{session.id}/console").get_data(as_text=True))["staff_token"]
    assert browser.get("/api/v1/staff", headers=_bearer(token)).status_code == 401  # not an API token
    console = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                                   flask_test_client=app.test_client())
    assert console.is_connected(NS)
    console.disconnect(NS)
    at(app.config["LIVE_TOKEN_MAX_AGE"] + 1)  # two hours later: refused, and a fresh one works
    late = socketio.test_client(app, namespace=NS, auth={"token": token, "session_id": session.id},
                                flask_test_client=app.test_client())
    assert not late.is_connected(NS)
    fresh = browser.get("/api/v1/auth/live-token")
    assert fresh.status_code == 200 and fresh.headers["Cache-Control"] == "no-store"
    assert fresh.get_json()["scope"] == "live" and fresh.get_json()["expires_in"] == 2 * 3600
    again = socketio.test_client(app, namespace=NS, auth={"token": fresh.get_json()["token"], "session_id": session.id},
                                 flask_test_client=app.test_client())
    assert again.is_connected(NS)
    again.disconnect(NS)
    with app.app_context():  # a context of its own: Flask-Login keeps the user in `g`
        assert app.test_client().get("/api/v1/auth/live-token").status_code == 401  # needs the login cookie


# --- Sockets lose their powers at once -----------------------------------------------------------


def _console(app, session, user):
    from workshop.accounts.auth import issue_staff_token

    sio = socketio.test_client(app, namespace=NS, auth={"token": issue_staff_token(user, scope="live"),
                                                        "session_id": session.id},
                               flask_test_client=app.test_client())
    assert sio.is_connected(NS)
    return sio


def _open_round(sio, session):
    return sio.emit("open_round", {"item_ids": [session.agenda[0].item_id], "method": "approve"},
                    namespace=NS, callback=True)


def test_disabling_an_account_on_the_admin_page_disconnects_its_sockets(app, make_session, make_staff, logged_in):
    session = make_session()
    facilitator, colleague = make_staff("facilitator"), make_staff("facilitator")
    mine, also_mine, theirs = _console(app, session, facilitator), _console(app, session, facilitator), \
        _console(app, session, colleague)
    admin = logged_in("admin")
    assert admin.post(f"/admin/staff/{facilitator.id}/toggle").status_code == 302
    for sio in (mine, also_mine):
        assert not sio.is_connected(NS)
        assert [e["name"] for e in sio.queue if e["namespace"] == NS][-1:] == ["access_revoked"]  # told first
    with pytest.raises(RuntimeError):  # nothing more can be sent on it
        _open_round(mine, session)
    assert theirs.is_connected(NS) and _open_round(theirs, session)["ok"]
    theirs.disconnect(NS)


def test_a_downgrade_through_the_api_disconnects_the_console(app, make_session, make_staff, token_for):
    session = make_session()
    facilitator = make_staff("facilitator")
    console = _console(app, session, facilitator)
    changed = app.test_client().patch(f"/api/v1/staff/{facilitator.id}", json={"role": "secretariat"},
                                      headers=token_for("admin"))
    assert changed.status_code == 200 and not console.is_connected(NS)


def test_a_socket_on_another_worker_is_refused_at_its_next_event_and_disconnected(app, make_session, make_staff,
                                                                               logged_in):
    """The change made where this worker's listener does not hear it (another worker): the next
    steering event finds the account's stamp changed, is refused, and the socket is closed."""
    from workshop import signals
    from workshop.live import broadcast
    from workshop.voting.models import Round

    session = make_session()
    facilitator = make_staff("facilitator")
    console, other = _console(app, session, facilitator), _console(app, session, make_staff("facilitator"))
    signals.staff_access_changed.disconnect(broadcast.staff_access_changed)
    try:
        admin = logged_in("admin")
        assert admin.post(f"/admin/staff/{facilitator.id}/toggle").status_code == 302
    finally:
        signals.staff_access_changed.connect(broadcast.staff_access_changed, weak=False)
    assert console.is_connected(NS)  # nobody told this worker
    refused = _open_round(console, session)
    assert refused["ok"] is False and refused["error"]["code"] == "access_revoked"
    assert refused["error"]["message"] == "Tu acceso de equipo cambió: vuelve a iniciar sesión."
    from workshop.extensions import db

    assert db.session.query(Round).count() == 0
    deadline = time.monotonic() + 5
    while console.is_connected(NS) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not console.is_connected(NS)
    assert other.is_connected(NS) and _open_round(other, session)["ok"]
    other.disconnect(NS)


# --- Cookies -------------------------------------------------------------------------------------


def _cookies(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_login_cookies_are_httponly_samesite_and_the_remember_cookie_lasts_14_days(app, make_staff):
    make_staff("admin", email="a@example.org")

    def login() -> dict[str, str]:
        with app.app_context():  # a context of its own: Flask-Login keeps the user in `g`
            return _cookies(app.test_client().post("/login", data={"email": "a@example.org",
                                                                   "password": STAFF_PASSWORD, "remember": "1"}))

    cookies = login()
    for name in ("session", "remember_token"):
        assert "HttpOnly" in cookies[name] and "SameSite=Lax" in cookies[name] and "Secure" not in cookies[name]
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookies["remember_token"]).group(1))
    assert abs((expires - datetime.now(timezone.utc)) - timedelta(days=14)) < timedelta(minutes=1)
    app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
    behind_tls = login()
    assert all("; Secure" in behind_tls[name] for name in ("session", "remember_token"))


def test_secure_cookies_always_when_urls_are_https():
    from config import _secure_cookies

    assert not _secure_cookies(None, 0, "http") and not _secure_cookies(None, 1, "http")  # per request then
    assert _secure_cookies(None, 0, "https")
    assert not _secure_cookies("0", 1, "https") and _secure_cookies("1", 0, "http")
    with pytest.raises(ValueError, match="WORKSHOP_SECURE_COOKIES"):
        _secure_cookies("yes", 0, "http")


def test_a_password_change_ends_the_remember_cookie_and_the_login(app, make_staff, token_for):
    user = make_staff("admin", email="a@example.org")

    def status(client, path="/admin/staff") -> int:
        with app.app_context():  # each request in a context of its own: Flask-Login keeps the user in `g`
            return client.get(path).status_code

    browser = app.test_client()
    with app.app_context():
        browser.post("/login", data={"email": "a@example.org", "password": STAFF_PASSWORD, "remember": "1"})
    remember = browser.get_cookie("remember_token").value
    assert remember.startswith(f"{user.id}.")
    remembered = app.test_client()  # a new browser session with only the remember-me cookie
    remembered.set_cookie("remember_token", remember)
    assert status(remembered) == 200 and status(browser) == 200
    assert status(app.test_client()) == 302
    headers = token_for("admin")
    with app.app_context():
        assert app.test_client().patch(f"/api/v1/staff/{user.id}", json={"password": NEW_PASSWORD},
                                       headers=headers).status_code == 200
    stale = app.test_client()
    stale.set_cookie("remember_token", remember)
    assert [status(c) for c in (browser, remembered, stale)] == [302, 302, 302]


# --- Passwords: off the event loop, the same cost for every email ------------------------------


@pytest.fixture
def hashing(monkeypatch):
    """Every call through offload.run: (function name, first argument)."""
    from workshop import offload

    calls = []
    real = offload.run

    def record(fn, *args, **kwargs):
        calls.append((fn.__name__, args[0] if args else None))
        return real(fn, *args, **kwargs)

    monkeypatch.setattr(offload, "run", record)
    return calls


def test_an_unknown_email_checks_a_dummy_hash_of_the_same_method(app, make_staff, hashing):
    from workshop.accounts.auth import _dummy_hash, authenticate

    user = make_staff("admin", email="a@example.org")
    disabled = make_staff("facilitator", email="d@example.org")
    disabled.is_enabled = False
    method = app.config["PASSWORD_HASH_METHOD"]
    dummy = _dummy_hash()  # made once per process and method
    hashing.clear()
    assert authenticate("a@example.org", "wrong") is None
    assert authenticate("nobody@example.org", "wrong") is None
    assert authenticate("d@example.org", STAFF_PASSWORD) is None
    assert hashing == [("check_password_hash", user.password_hash), ("check_password_hash", dummy),
                            ("check_password_hash", disabled.password_hash)]
    assert dummy.startswith(method + "$") and user.password_hash.startswith(method + "$")
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:2"  # a dummy per method
    assert _dummy_hash().startswith("pbkdf2:sha256:2$")


def test_every_password_hash_runs_through_offload(app, make_staff, hashing, token_for):
    user = make_staff("admin", email="a@example.org")
    assert ("generate_password_hash", STAFF_PASSWORD) in hashing
    hashing.clear()
    app.test_client().post("/login", data={"email": "a@example.org", "password": STAFF_PASSWORD})
    _token(app.test_client(), "a@example.org")
    assert hashing == [("check_password_hash", user.password_hash)] * 2
    hashing.clear()
    app.test_client().patch(f"/api/v1/staff/{user.id}", json={"password": NEW_PASSWORD}, headers=token_for("admin"))
    assert [name for name, _ in hashing].count("generate_password_hash") == 2  # the new admin's, this one


@pytest.mark.parametrize("mode", ["eventlet", "gevent"])
def test_offload_runs_in_an_os_thread_under_green_threads(mode):
    """Under eventlet or gevent the hash runs in a native thread while the loop keeps serving."""
    patch = {"eventlet": "import eventlet; eventlet.monkey_patch(); from eventlet.patcher import original",
             "gevent": "from gevent import monkey; monkey.patch_all(); from gevent.monkey import get_original"}[mode]
    native = {"eventlet": "original('threading').get_ident", "gevent": "get_original('threading', 'get_ident')"}[mode]
    code = f"""{patch}
from workshop import offload
get_ident = {native}
assert offload.mode() == {mode!r}, offload.mode()
print(offload.run(get_ident) != get_ident(), offload.run(lambda a, b=0: a + b, 2, b=3))
"""
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "5"], result.stderr


def test_offload_runs_directly_under_threads():
    import threading

    from workshop import offload

    assert offload.mode() == "threading" and offload.run(threading.get_ident) == threading.get_ident()


def test_password_hashes_run_one_at_a_time_by_default(app, make_staff, monkeypatch):
    """A burst of logins takes at most PASSWORD_HASH_THREADS cores: each hash holds the gate."""
    from workshop import offload
    from workshop.accounts.auth import _dummy_hash, authenticate

    make_staff("admin", email="a@example.org")
    _dummy_hash()  # made once; the gate exists
    gate, held = app.extensions["mesa.hashing"], []

    def inside(fn, *args, **kwargs):
        free = gate.acquire(blocking=False)
        held.append(not free)
        if free:
            gate.release()
        return fn(*args, **kwargs)

    monkeypatch.setattr(offload, "run", inside)
    authenticate("a@example.org", STAFF_PASSWORD)
    authenticate("nobody@example.org", STAFF_PASSWORD)
    assert held == [True, True] and app.config["PASSWORD_HASH_THREADS"] == 1


def test_cookies_set_over_tls_are_secure_and_over_plain_http_are_not(app, make_staff):
    """Behind a TLS proxy (X-Forwarded-Proto: https) the login cookies are Secure without a setting;
    through a plain-HTTP proxy they are not, so logins keep working on a venue's Wi-Fi."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    make_staff("admin", email="tls@example.org")
    form = {"email": "tls@example.org", "password": STAFF_PASSWORD, "remember": "y"}
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)
    try:
        for proto, secure in (("https", True), ("http", False)):
            with app.app_context():  # a context of its own: Flask-Login keeps the user in `g`
                answer = app.test_client().post("/login", data=form, headers={
                    "X-Forwarded-Proto": proto, "X-Forwarded-For": "10.0.0.9"})
            cookies = answer.headers.getlist("Set-Cookie")
            assert cookies and all(("; Secure" in c) is secure for c in cookies), (proto, cookies)
    finally:
        app.wsgi_app = app.wsgi_app.app
