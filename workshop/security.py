"""The edge of every response: security headers, and long-polling bodies too big for Engine.IO.

One WSGI middleware in front of the whole application (Flask's pages and API, static files and the
Engine.IO endpoint alike), installed by `create_app` just inside ProxyFix, so that the host and
scheme it sees are the public ones.

Headers (added to every response unless the response set its own):

- `Content-Security-Policy`: scripts, styles, images and connections from Mesa's own origin only;
  no inline script or style (`'unsafe-inline'` is never allowed: the live screens read their
  configuration from a `<script type="application/json">` data block); no framing, no plugins, no
  `<base>`, forms post to Mesa only. The WebSocket of Socket.IO is named explicitly
  (`ws://host`, `wss://host`): Safari before 15.4 does not let `'self'` cover it.
- `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY` (browsers without frame-ancestors),
  `Referrer-Policy: no-referrer` (a join URL holds the session's code), a `Permissions-Policy`
  that turns off what Mesa never uses, `Cross-Origin-Opener-Policy: same-origin`, and
  `Strict-Transport-Security` when the request came over HTTPS.

Refused long-polling POSTs: Engine.IO refuses a POST larger than `max_http_buffer_size` (or one
holding a packet type it does not know) by disconnecting the session with `socket.close(wait=True)`,
which waits until a GET poll has drained the session's queue. A client that only POSTs never sends
that GET, so the POST was never answered (and kept its connection and green thread for good). Here
an oversized POST is answered 413 at once, before Engine.IO reads it, and any other disconnect made
while Engine.IO handles a POST closes the session without waiting (Engine.IO then answers 400).
"""
from __future__ import annotations

from contextvars import ContextVar

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

#: True while Engine.IO handles a long-polling POST in this green thread (or thread).
_posting: ContextVar[bool] = ContextVar("posting", default=False)

#: What the policy allows, besides the WebSocket of the page's own host (added per request).
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "object-src": "'none'",
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=15552000"


def content_security_policy(host: str) -> str:
    """The policy for a page served on `host` (its WebSocket named, for older Safari)."""
    parts = dict(CSP)
    if host:
        parts["connect-src"] += f" ws://{host} wss://{host}"
    return "; ".join(f"{name} {value}" for name, value in parts.items())


def security_headers(environ: dict) -> list[tuple[str, str]]:
    headers = [
        ("Content-Security-Policy", content_security_policy(environ.get("HTTP_HOST", ""))),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if environ.get("wsgi.url_scheme") == "https":
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


def secure_cookie(header: tuple[str, str]) -> tuple[str, str]:
    """A cookie set over HTTPS is marked Secure (never sent back over plain HTTP). Decided per
    request, so a venue's plain-HTTP proxy keeps working logins and a TLS one gets Secure cookies
    without a setting; WORKSHOP_SECURE_COOKIES=1 marks them Secure always."""
    name, value = header
    if name.lower() == "set-cookie" and "; secure" not in value.lower():
        return name, value + "; Secure"
    return header


class EdgeMiddleware:
    """Adds the security headers to every response; answers oversized long-polling POSTs 413."""

    def __init__(self, wsgi_app, engineio_server, socketio_path: str = "socket.io"):
        self.wsgi_app = wsgi_app
        self.eio = engineio_server
        self.path = "/" + socketio_path.strip("/") + "/"

    def __call__(self, environ, start_response):
        extra = security_headers(environ)

        over_tls = environ.get("wsgi.url_scheme") == "https"

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(n, v) for n, v in extra if n.lower() not in present]
            if over_tls:
                headers = [secure_cookie(h) for h in headers]
            return start_response(status, headers, exc_info)

        if not self._engineio_post(environ):
            return self.wsgi_app(environ, start)
        if self._too_large(environ):
            return self._refuse(environ, start)
        token = _posting.set(True)
        try:
            return self.wsgi_app(environ, start)
        finally:
            _posting.reset(token)

    def _engineio_post(self, environ) -> bool:
        return environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(self.path)

    def _too_large(self, environ) -> bool:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False  # Engine.IO and the server refuse it themselves
        return length > self.eio.max_http_buffer_size

    def _refuse(self, environ, start):
        close_without_waiting(self.eio, _query_value(environ.get("QUERY_STRING", ""), "sid"))
        body = b"Payload too large"
        # The server discards the unread body before the connection's next request (eventlet does so
        # while the body keeps coming; the read timeout ends one that stops).
        start("413 Request Entity Too Large", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
        return [body]


def close_without_waiting(eio, sid: str | None) -> None:
    """What Engine.IO's refusal of a POST does to its session, without waiting for a GET poll."""
    socket = eio.sockets.get(sid) if sid else None
    if socket is not None:
        socket.close(wait=False, reason=eio.reason.TRANSPORT_ERROR)
        eio.sockets.pop(sid, None)


def _disconnect_during_posts(eio) -> None:
    """Make Engine.IO's `disconnect(sid)` not wait for a GET poll when it refuses a POST."""
    waiting_disconnect = eio.disconnect

    def disconnect(sid=None):
        if sid is not None and _posting.get():
            close_without_waiting(eio, sid)
        else:
            waiting_disconnect(sid)

    eio.disconnect = disconnect


def _query_value(query: str, name: str) -> str | None:
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        if key == name:
            return value
    return None


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the signing serializer built once per set of keys.

    Flask builds a new one for every request context, and Flask-SocketIO pushes a request context
    for every live event: building it was 8 % of the server's CPU while a room voted (py-spy,
    `bench/suite.py --profile`). A changed secret key (or its fallbacks) builds a new one."""

    def get_signing_serializer(self, app: Flask):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cached = app.extensions.get("mesa.cookie_serializer")
        if cached is None or cached[0] != keys:
            cached = app.extensions["mesa.cookie_serializer"] = (keys, super().get_signing_serializer(app))
        return cached[1]


def init_security(app: Flask, socketio) -> None:
    """Put the edge middleware in front of `app` (after Socket.IO bound itself to the app)."""
    app.session_interface = CookieSessions()
    app.wsgi_app = EdgeMiddleware(app.wsgi_app, socketio.server.eio)
    _disconnect_during_posts(socketio.server.eio)
