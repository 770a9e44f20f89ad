"""Configuration classes. Every setting that comes from the environment is read here."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent
INSTANCE = ROOT / "instance"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def _instance_secret() -> str:
    """A secret key kept in instance/ so that one-process installs survive a restart."""
    INSTANCE.mkdir(exist_ok=True)
    path = INSTANCE / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _limit(text: str) -> tuple[int, int]:
    """"30/60" → (30, 60): at most 30 events per 60 seconds."""
    count, _, seconds = text.partition("/")
    return int(count), int(seconds or 60)


def _secure_cookies(setting: str | None, proxy_count: int, scheme: str) -> bool:
    """WORKSHOP_SECURE_COOKIES: "1" or "0"; unset, on when URLs are https. (Whatever it says, a
    cookie set over HTTPS — behind a TLS proxy too, by X-Forwarded-Proto — is marked Secure by the
    edge middleware, `workshop.security.secure_cookie`.)"""
    if setting is None:
        return scheme == "https"
    if setting not in ("0", "1"):
        raise ValueError(f"WORKSHOP_SECURE_COOKIES must be 0 or 1, not {setting!r}")
    return setting == "1"


def _public_url(value: str | None) -> str:
    """WORKSHOP_PUBLIC_URL without its trailing slash; an address that is not http(s) is refused."""
    if not value:
        return ""
    if not (value.startswith("https://") or value.startswith("http://")) or any(c in value for c in ' "<>'):
        raise ValueError(f"WORKSHOP_PUBLIC_URL must be an http:// or https:// address, not {value!r}")
    return value.rstrip("/")


def database_url(value: str) -> str:
    """The SQLAlchemy URL, with a driverless PostgreSQL one (`postgresql://…`, `postgres://…`, as
    hosting panels and `psql` write them) given psycopg2, the driver Mesa installs (SQLAlchemy 2.1
    would pick psycopg 3, which is not installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg2://" + value[len(prefix):]
    return value


class Config:
    """Production and `make run` settings, read from the WORKSHOP_* environment."""

    HOST = _env("WORKSHOP_HOST", "127.0.0.1")
    PORT = int(_env("WORKSHOP_PORT", "5000"))
    SQLALCHEMY_DATABASE_URI = database_url(_env("WORKSHOP_DATABASE_URL", f"sqlite:///{INSTANCE / 'workshop.sqlite'}"))
    MESSAGE_QUEUE = _env("WORKSHOP_MESSAGE_QUEUE")
    #: The Socket.IO channel on the message queue: every process of one cluster uses the same;
    #: two clusters (or two test runs) sharing one Redis use two.
    MESSAGE_QUEUE_CHANNEL = _env("WORKSHOP_MESSAGE_QUEUE_CHANNEL", "flask-socketio")
    #: This process's name behind nginx (deploy/cluster sets p1, p2…): its Socket.IO session ids
    #: start with it, so nginx sends every request of a session to the process that holds it.
    ROUTE = _env("WORKSHOP_ROUTE")
    DEMO = _env("WORKSHOP_DEMO", "0") == "1"
    ADMIN_EMAIL = _env("WORKSHOP_ADMIN_EMAIL")
    ADMIN_PASSWORD = _env("WORKSHOP_ADMIN_PASSWORD")
    ASYNC_MODE = _env("WORKSHOP_ASYNC_MODE", "eventlet")
    #: Extra origins allowed to open a Socket.IO connection (comma separated); the
    #: page's own origin is always allowed.
    CORS_ORIGINS = [o for o in (_env("WORKSHOP_CORS_ORIGINS", "") or "").split(",") if o]
    #: Mesa's public address (e.g. https://mesa.example.org), for links printed in documents: the
    #: roadmap PDF links each agreed item to its page (/items/<id>, its whole history). Unset: no links.
    PUBLIC_URL = _public_url(_env("WORKSHOP_PUBLIC_URL"))

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/javascript", "application/javascript",
                          "application/json", "image/svg+xml"]
    COMPRESS_ALGORITHM = ["br", "gzip", "deflate"]
    COMPRESS_ALGORITHM_STREAMING = ["br", "deflate"]  # static files are streamed
    #: Documents (PDF, DOCX, XLSX) are compressed formats already.
    COMPRESS_MIN_SIZE = 512
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    MAX_CONTENT_LENGTH = 8 * 1024 * 1024  # spreadsheet imports stay well under this

    LANGUAGES = ("es", "en")
    BABEL_DEFAULT_LOCALE = "es"
    BABEL_DEFAULT_TIMEZONE = "America/Lima"

    API_TITLE = "Mesa API"
    API_VERSION = "1.0"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"

    #: In an anonymous round, per-sector figures of fewer votes than this are withheld everywhere.
    ANONYMITY_MIN_CELL = int(_env("WORKSHOP_ANONYMITY_MIN_CELL", "3"))
    #: Joins allowed per address and per session: (count, seconds). Shared across processes
    #: through Redis when a message queue is set. A room of phones on one Wi-Fi has one address
    #: each; behind a proxy, set WORKSHOP_PROXY_COUNT so the real address is used.
    JOIN_LIMIT_PER_ADDRESS = _limit(_env("WORKSHOP_JOIN_LIMIT_PER_ADDRESS", "30/60"))
    JOIN_LIMIT_PER_SESSION = _limit(_env("WORKSHOP_JOIN_LIMIT_PER_SESSION", "300/10"))
    #: How many proxies in front of Mesa set X-Forwarded-For (0: none; nginx in deploy/: 1).
    PROXY_COUNT = int(_env("WORKSHOP_PROXY_COUNT", "0"))

    #: Login attempts (the /login page and POST /api/v1/auth/token) allowed per account (email)
    #: and per client address: (count, seconds). Wrong attempts count; a successful one is given
    #: back. Beyond them: 429 with Retry-After, and no password is hashed (each hash costs ~0.1 s
    #: of CPU with scrypt, so a flood of attempts would also slow the room).
    LOGIN_LIMIT_PER_ACCOUNT = _limit(_env("WORKSHOP_LOGIN_LIMIT_PER_ACCOUNT", "10/300"))
    LOGIN_LIMIT_PER_ADDRESS = _limit(_env("WORKSHOP_LOGIN_LIMIT_PER_ADDRESS", "30/300"))
    #: What one participant may send on the live socket: (count, seconds) per participant,
    #: shared across processes like the join limits.
    VOTE_LIMIT = _limit(_env("WORKSHOP_VOTE_LIMIT", "10/5"))
    COMMENT_LIMIT = _limit(_env("WORKSHOP_COMMENT_LIMIT", "6/60"))
    UPVOTE_LIMIT = _limit(_env("WORKSHOP_UPVOTE_LIMIT", "30/60"))
    PROPOSAL_LIMIT = _limit(_env("WORKSHOP_PROPOSAL_LIMIT", "3/300"))
    #: The limit counters' key prefix in Redis. Unset: derived from the secret key and the
    #: database, so every worker of one install shares its counters and two installs (or two
    #: test servers) on one Redis never count each other's attempts.
    RATELIMIT_PREFIX = _env("WORKSHOP_RATELIMIT_PREFIX")

    #: How long a staff API token (POST /api/v1/auth/token) stays valid, in seconds.
    TOKEN_MAX_AGE = int(float(_env("WORKSHOP_TOKEN_HOURS", "12")) * 3600)
    #: How long the console's token stays valid, in seconds (it may only open a live socket; the
    #: console fetches a new one with its login cookie when it must reconnect after that).
    LIVE_TOKEN_MAX_AGE = int(float(_env("WORKSHOP_LIVE_TOKEN_MINUTES", "120")) * 60)
    #: The "keep me logged in" cookie: how long it lasts; it also dies with a password change.
    REMEMBER_COOKIE_DURATION = timedelta(days=float(_env("WORKSHOP_REMEMBER_DAYS", "14")))
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: Cookies marked Secure always (sent over HTTPS only): when WORKSHOP_PREFERRED_URL_SCHEME is
    #: https, or WORKSHOP_SECURE_COOKIES=1. Otherwise a cookie is Secure when the request that set
    #: it came over HTTPS (directly or through a proxy that says so): a laptop or a proxy serving
    #: the venue's Wi-Fi over plain HTTP keeps working logins.
    PREFERRED_URL_SCHEME = _env("WORKSHOP_PREFERRED_URL_SCHEME", "http")
    SECURE_COOKIES = _secure_cookies(_env("WORKSHOP_SECURE_COOKIES"), PROXY_COUNT, PREFERRED_URL_SCHEME)
    SESSION_COOKIE_SECURE = SECURE_COOKIES
    REMEMBER_COOKIE_SECURE = SECURE_COOKIES
    #: How staff passwords are hashed (a werkzeug `generate_password_hash` method). Leave it at
    #: scrypt in production. WORKSHOP_PASSWORD_HASH exists for the test suite's servers, which set
    #: a cheap method so that creating and logging in accounts costs microseconds, not 0.1 s each.
    PASSWORD_HASH_METHOD = _env("WORKSHOP_PASSWORD_HASH", "scrypt")
    #: Password hashes run in OS threads, at most this many at once (each takes a core for ~0.1 s
    #: with scrypt): a burst of logins leaves the other cores to the votes.
    PASSWORD_HASH_THREADS = max(1, int(_env("WORKSHOP_PASSWORD_HASH_THREADS", "1")))
    TESTING = False

    # --- The server's connections (run.py, eventlet) ---
    #: Engine.IO pings each client every PING_INTERVAL seconds and drops it when no answer came
    #: PING_TIMEOUT seconds later: a healthy connection is never silent longer than their sum.
    PING_INTERVAL = float(_env("WORKSHOP_PING_INTERVAL", "20"))
    PING_TIMEOUT = float(_env("WORKSHOP_PING_TIMEOUT", "20"))
    #: Seconds the server waits on a silent connection while reading from it (a request line, its
    #: headers and body, WebSocket frames) before closing it. Must exceed PING_INTERVAL +
    #: PING_TIMEOUT, or healthy WebSockets would be cut: run.py refuses to start otherwise.
    READ_TIMEOUT = float(_env("WORKSHOP_READ_TIMEOUT", "60"))
    #: Seconds a keep-alive connection may wait idle for its next request.
    IDLE_TIMEOUT = float(_env("WORKSHOP_IDLE_TIMEOUT", "30"))
    #: Connections the server holds at once (eventlet's green threads); one more waits its turn.
    MAX_CONNECTIONS = int(_env("WORKSHOP_MAX_CONNECTIONS", "4096"))
    #: Connections one client address may hold at once; more are closed at accept. 0: no cap.
    #: Behind a proxy every connection comes from the proxy's address, so the default is no cap
    #: when WORKSHOP_PROXY_COUNT > 0 (nginx's limit_conn caps per real address there: see deploy/).
    CONNECTIONS_PER_ADDRESS = int(_env("WORKSHOP_CONNECTIONS_PER_ADDRESS", "0" if PROXY_COUNT else "100"))

    @property
    def SECRET_KEY(self) -> str:  # noqa: N802 - Flask's name
        return _env("WORKSHOP_SECRET_KEY") or _instance_secret()


class TestConfig(Config):
    """Isolated settings for the test suite: an in-memory style database and a fixed secret."""

    TESTING = True
    SECRET_KEY = "test-secret-key"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    MESSAGE_QUEUE = None
    DEMO = False
    ASYNC_MODE = "threading"
    ADMIN_EMAIL = None
    ADMIN_PASSWORD = None
    WTF_CSRF_ENABLED = False
    #: One PBKDF2 iteration: test passwords protect nothing, and scrypt made up most of the suite's time.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
