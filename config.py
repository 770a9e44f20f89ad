"""Configuration classes. Every setting that comes from the environment is read here."""
from __future__ import annotations

import os
import secrets
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


class Config:
    """Production and `make run` settings, read from the WORKSHOP_* environment."""

    HOST = _env("WORKSHOP_HOST", "127.0.0.1")
    PORT = int(_env("WORKSHOP_PORT", "5000"))
    SQLALCHEMY_DATABASE_URI = _env(
        "WORKSHOP_DATABASE_URL", f"sqlite:///{INSTANCE / 'workshop.sqlite'}"
    )
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

    #: How long a staff API token stays valid, in seconds.
    TOKEN_MAX_AGE = 30 * 24 * 3600
    #: How staff passwords are hashed (a werkzeug `generate_password_hash` method). Leave it at
    #: scrypt in production. WORKSHOP_PASSWORD_HASH exists for the test suite's servers, which set
    #: a cheap method so that creating and logging in accounts costs microseconds, not 0.1 s each.
    PASSWORD_HASH_METHOD = _env("WORKSHOP_PASSWORD_HASH", "scrypt")
    TESTING = False

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
