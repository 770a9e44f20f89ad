"""The console in a real browser: its short-lived token is renewed with the login cookie before it
reconnects, and an account disabled by an admin loses its console at once."""
from __future__ import annotations

import time

import pytest

import helpers
from helpers import CONSOLE, Api, live_session, run_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

#: The console's token lives 2.4 s on these servers: any reconnection after that needs a new one.
LIVE_TOKEN_MINUTES = "0.04"
PASSWORD = "facilitator-password-1"


def test_the_console_renews_its_token_to_reconnect_and_loses_the_socket_when_disabled(chromium, tmp_path,
                                                                                       monkeypatch):
    port = helpers.free_port()
    monkeypatch.setattr(helpers, "free_port", lambda: port)  # the restarted server on the same address
    env = {"WORKSHOP_LIVE_TOKEN_MINUTES": LIVE_TOKEN_MINUTES}
    context = chromium.new_context(**CONSOLE)
    page = context.new_page()
    errors, renewals = [], []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: renewals.append(r.status) if "/api/v1/auth/live-token" in r.url else None)
    try:
        with run_server(tmp_path, **env) as server:
            admin = Api(server.url)
            session = live_session(admin)
            facilitator = admin.call("POST", "/staff", json={"email": "fa@example.org", "name": "Fa",
                                                             "role": "facilitator", "password": PASSWORD})
            page.goto(f"{server.url}/login")
            page.fill("#email", "fa@example.org")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(f"{server.url}/")
            page.goto(f"{server.url}/sessions/{session['id']}/console")
            loaded = time.monotonic()
            page.wait_for_selector("#conn[data-conn=online]")
            assert renewals == []  # the page's own token served the first connection
        page.wait_for_selector("#conn[data-conn=reconnecting]")
        # The page's token has expired by the time the server is back (a bounded wait on the clock).
        while time.monotonic() - loaded < 2.6:
            page.wait_for_timeout(100)
        with run_server(tmp_path, **env) as server:
            page.wait_for_selector("#conn[data-conn=online]", timeout=30_000)
            assert 200 in renewals, renewals
            admin = Api(server.url)
            admin.call("PATCH", f"/staff/{facilitator['id']}", json={"is_enabled": False})
            page.wait_for_selector("#session-error:not([hidden])")
            assert page.text_content("#session-error") == \
                "Tu acceso ya no es válido. Recarga la página o vuelve a ingresar."
            page.wait_for_selector("#conn[data-conn=refused]", timeout=30_000)
            assert renewals[-1] == 401  # the login cookie died with the account too
        assert errors == []
    finally:
        context.close()
