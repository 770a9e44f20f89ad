"""Security headers on every response (workshop/security.py), and nothing in the pages that a
Content-Security-Policy without 'unsafe-inline' would block (inline scripts, style attributes,
inline event handlers, javascript: URLs). tests/test_security_csp.py checks the same in Chromium."""
from __future__ import annotations

import re

import pytest

from helpers import ROOT

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DIRECTIVES = {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'"],
    "font-src": ["'self'"], "connect-src": ["'self'", "ws://localhost", "wss://localhost"],
    "frame-ancestors": ["'none'"], "base-uri": ["'none'"], "form-action": ["'self'"], "object-src": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    parts = [p.strip().split() for p in response.headers["Content-Security-Policy"].split(";")]
    return {p[0]: p[1:] for p in parts if p}


def assert_secured(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (name, response.headers)
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert policy(response) == DIRECTIVES
    assert "unsafe" not in response.headers["Content-Security-Policy"]


@pytest.fixture
def session_page(app, make_session):
    return make_session()


def test_every_kind_of_response_carries_the_headers(app, client, session_page, logged_in):
    session = session_page
    responses = [
        client.get("/"), client.get("/login"), client.get("/healthz"), client.get("/static/css/mesa.css"),
        client.get("/api/v1/programmes"), client.get("/api/openapi.json"), client.get("/no/such/page"),
        client.get(f"/j/{session.join_code}"), client.get(f"/j/{session.join_code}/qr.svg"),
        client.post("/api/v1/auth/token", json={"email": "x@example.org", "password": "nope"}),
        client.post("/api/v1/join", data="{not json", content_type="application/json"),
        # Engine.IO's own answers (the Socket.IO handshake) pass through the same middleware.
        client.get("/socket.io/?EIO=4&transport=polling"),
        logged_in("admin").get(f"/sessions/{session.id}/console"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 200, 200, 404, 200, 200, 401, 400, 200, 200]
    for response in responses:
        assert_secured(response)
        assert "Strict-Transport-Security" not in response.headers


def test_hsts_only_over_https(client):
    assert client.get("/login", base_url="https://localhost").headers["Strict-Transport-Security"].startswith(
        "max-age=")
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_behind_a_proxy_the_websocket_source_is_the_public_host(app, client):
    """With WORKSHOP_PROXY_COUNT the CSP names the host the browser used (X-Forwarded-Host), since the
    middleware sits inside ProxyFix."""
    from config import TestConfig
    from workshop import create_app

    database = app.config["SQLALCHEMY_DATABASE_URI"]
    proxied = create_app(type("Proxied", (TestConfig,), {"PROXY_COUNT": 1, "SQLALCHEMY_DATABASE_URI": database}))
    response = proxied.test_client().get("/healthz", headers={"X-Forwarded-Host": "mesa.example.org",
                                                              "X-Forwarded-Proto": "https",
                                                              "X-Forwarded-For": "203.0.113.9"})
    assert policy(response)["connect-src"] == ["'self'", "ws://mesa.example.org", "wss://mesa.example.org"]
    assert "Strict-Transport-Security" in response.headers


# --- What the pages contain ------------------------------------------------------------------

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.I)
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.I)


def inline_code(html: str) -> list[str]:
    return [m.group(0) for pattern in (INLINE_SCRIPT, STYLE_ATTRIBUTE, STYLE_ELEMENT, EVENT_HANDLER, JAVASCRIPT_URL)
            for m in pattern.finditer(html)]


def test_inline_code_is_detected():
    """The patterns below do find what they look for (and leave data blocks and module scripts alone)."""
    assert len(inline_code('<script>x()</script><p style="a"><a onclick="x()" href="javascript:x()">')) == 4
    assert inline_code('<script type="application/json" id="c">{}</script><script type="module" src="/a.js">') == []


@pytest.mark.parametrize("template", sorted(p.relative_to(ROOT / "templates").as_posix()
                                            for p in (ROOT / "templates").rglob("*.html")))
def test_templates_hold_no_inline_script_or_style(template):
    assert inline_code((ROOT / "templates" / template).read_text()) == []


def test_rendered_pages_hold_no_inline_script_or_style(app, client, session_page, logged_in):
    session = session_page
    pages = {path: client.get(path) for path in ("/", "/login", f"/j/{session.join_code}", "/j/NOSUCH")}
    admin = logged_in("admin")
    for path in ("/", f"/programmes/{session.initiative.programme_id}", f"/initiatives/{session.initiative_id}",
                 f"/initiatives/{session.initiative_id}/import", f"/initiatives/{session.initiative_id}/sessions/new",
                 f"/sessions/{session.id}", f"/sessions/{session.id}/edit", f"/sessions/{session.id}/console",
                 f"/sessions/{session.id}/projector", "/admin/staff", "/programmes/new"):
        pages["staff " + path] = admin.get(path)
    for path, response in pages.items():
        assert response.status_code in (200, 404), path
        assert inline_code(response.get_data(as_text=True)) == [], path


def test_the_live_screens_read_their_configuration_from_a_data_block(client, session_page):
    html = client.get(f"/j/{session_page.join_code}").get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="mesa-config">(.*?)</script>', html, re.S)
    import json

    config = json.loads(block.group(1))
    assert config["screen"] == "phone" and config["session"]["id"] == session_page.id
    assert "window.MESA" not in html


SCRIPTS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "static" / "js").rglob("*.js"))
#: What would need 'unsafe-inline' or 'unsafe-eval', or parse text as HTML.
UNSAFE_JS = re.compile(r"setAttribute\(\s*[\"']style|\.cssText|innerHTML|outerHTML\s*=|insertAdjacentHTML|"
                       r"document\.write|\beval\(|new Function\(|setTimeout\(\s*[\"'`]|<style", re.I)


@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_set_styles_only_through_element_style(script):
    text = (ROOT / script).read_text()
    found = [m.group(0) for m in UNSAFE_JS.finditer(text)]
    # dom.js names innerHTML only to refuse it.
    if script.endswith("live/dom.js"):
        found = [f for f in found if f != "innerHTML"]
    assert found == []


def test_the_session_cookie_signer_is_kept_until_the_key_changes(app, logged_in, make_staff):
    """The signing serializer is built once per set of keys (Flask-SocketIO opens the session for
    every live event); a new secret key builds a new one, and a cookie signed with the old key no
    longer opens a session."""
    interface = app.session_interface
    first = interface.get_signing_serializer(app)
    assert interface.get_signing_serializer(app) is first
    cookie = first.dumps({"_user_id": "1"})
    old_key = app.secret_key
    try:
        app.secret_key = "another-secret-key-for-this-test"
        second = interface.get_signing_serializer(app)
        assert second is not first
        with pytest.raises(Exception):
            second.loads(cookie)
    finally:
        app.secret_key = old_key
    assert interface.get_signing_serializer(app).loads(cookie) == {"_user_id": "1"}
    browser = logged_in(make_staff("admin"))  # a real login still keeps its session
    assert browser.get("/programmes/new").status_code == 200
