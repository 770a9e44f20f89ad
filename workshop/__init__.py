"""Mesa: live strategy workshops for regional innovation programmes."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from config import INSTANCE, ROOT, Config

from .extensions import SQLITE_BUSY_TIMEOUT_MS, babel, compress, csrf, db, login, migrate, socketio
from .util import MAX_ID

__all__ = ["create_app"]


def create_app(config: type[Config] | Config | None = None) -> Flask:
    """Build a Mesa application for `config` (default: the environment's `Config`)."""
    app = Flask(
        __name__,
        instance_path=str(INSTANCE),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    config = config or Config
    app.config.from_object(config() if isinstance(config, type) else config)
    app.url_map.converters["int"] = IdConverter
    _bound_json(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "workshop" / "translations"))
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(ROOT / "workshop" / "translations")
    INSTANCE.mkdir(exist_ok=True)

    from .i18n import init_i18n

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login.init_app(app)
    login.login_view = "accounts.login"
    csrf.init_app(app)
    compress.init_app(app)
    init_i18n(app, babel)
    # The live handlers must be declared on the SocketIO object before it is bound to a server:
    # declared after, they would reach only the first app's server (tests build many apps).
    from . import live, safejson  # noqa: F401
    from .live.frames import SafePacket, guard
    from .live.queue import client_manager

    socketio.init_app(
        app,
        async_mode=app.config["ASYNC_MODE"],
        message_queue=app.config.get("MESSAGE_QUEUE"),
        # Redis (WORKSHOP_MESSAGE_QUEUE_CHANNEL) with a listener that recovers from a restart.
        client_manager=client_manager(app),
        # None: only the page's own origin may connect (never "*").
        cors_allowed_origins=app.config["CORS_ORIGINS"] or None,
        max_http_buffer_size=64 * 1024,
        ping_interval=app.config.get("PING_INTERVAL", 20),
        ping_timeout=app.config.get("PING_TIMEOUT", 20),
        # Frames are decoded within bounds (depth, number size); a malformed one closes the connection.
        json=safejson,
        serializer=SafePacket,
    )
    guard(socketio.server)
    from .security import init_security

    init_security(app, socketio)  # headers on every response; oversized polling bodies 413

    if app.config.get("ROUTE"):
        _route_sessions(socketio.server.eio, app.config["ROUTE"])
    if app.config.get("PROXY_COUNT"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)
    _register(app)
    return app


def _route_sessions(eio, route: str) -> None:
    """Start this process's Socket.IO session ids with `route` (`p1.…`): nginx in deploy/ reads it
    from `?sid=` and sends each request of a session to the process that holds the session."""
    if not route.isalnum():
        raise ValueError(f"WORKSHOP_ROUTE must be letters and digits, not {route!r}")
    make = eio.generate_id
    eio.generate_id = lambda: f"{route}.{make()}"


def _bound_json(app: Flask) -> None:
    """JSON bodies decoded within bounds (`workshop.safejson`): a bad one is refused `bad_json`;
    every refusal logged as one line, rate-limited per address (`workshop.refusallog`)."""
    from .api.core import BoundedJSONProvider, MesaRequest
    from .refusallog import setup_logging

    app.json = BoundedJSONProvider(app)
    app.request_class = MesaRequest
    setup_logging()


class IdConverter(IntegerConverter):
    """`<int:…>` in URLs: ids the database can hold; a larger number is a 404, not an overflow."""

    def __init__(self, url_map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def _register(app: Flask) -> None:
    """Every slice's pages, API and listeners: the one place that knows them all."""
    from . import assets, errors, eventlog, health  # noqa: F401  (eventlog: its table)
    from .accounts import api as accounts_api
    from .accounts import permissions
    from .accounts import views as accounts_views
    from .api import init_api
    from .archive import api as archive_api
    from .archive import init_archive
    from .documents import api as documents_api
    from .documents import views as documents_views
    from .live import init_live
    from .programmes import api as programmes_api
    from .programmes import views as programme_views
    from .registry import api as registry_api
    from .registry import views as registry_views
    from .reports import api as reports_api
    from .reports import views as reports_views
    from .sessions import api as sessions_api
    from .sessions import views as session_views
    from .voting import api as voting_api
    from .voting import init_voting

    for blueprint in (health.bp, assets.bp, accounts_views.bp, reports_views.bp, programme_views.bp,
                      session_views.bp, documents_views.bp, registry_views.bp):
        app.register_blueprint(blueprint)
    init_api(app, (accounts_api.blp, programmes_api.blp, reports_api.blp, sessions_api.blp, voting_api.blp,
                   documents_api.blp, archive_api.blp, registry_api.blp))
    errors.init_errors(app)
    app.jinja_env.globals.update(can_administer=permissions.can_administer, can_prepare=permissions.can_prepare,
                                 can_plan_sessions=permissions.can_plan_sessions)
    init_voting(app)
    init_live(app)
    init_archive(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """SQLite: write-ahead log, enforced foreign keys, and waiting instead of failing on locks."""
    module = type(dbapi_connection).__module__
    if not module.startswith("sqlite3"):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
