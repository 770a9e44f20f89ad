"""Storage failures told apart from bugs: a full disk, a read-only database, a lost connection.

When the database cannot store anything, the request is not wrong and the code is not broken:
the operator has something to fix (free space, a failover) and the client can try again later.
`refusal_for(exc)` turns such an error into a `StorageUnavailable` refusal — code
`storage_unavailable`, status 503, a `reason` ("full", "read_only" or "unreachable") and a sentence
saying that nothing was saved — which the two edges answer like any refusal: the API and pages in
`workshop.errors`, socket acks in the `live_event` wrapper of `workshop.live.events`. Any other
error stays a bug (logged with its traceback, answered `server_error` / 500).

`write_probe()` is /healthz's storage check: can the database take a write right now?

A leaf: SQLAlchemy, Flask's app context (where the last failures are remembered) and the refusals.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from typing import Optional

from flask import current_app, has_app_context
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from .refusals import Refusal

log = logging.getLogger(__name__)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a msgid for `make messages`; translated where it is shown."""
    return message


#: Why the database cannot store: each reason's English msgid (translated in the ack or the page).
MESSAGES = {
    "full": N_("The server's disk is full, so nothing was saved. Try again in a moment; if it keeps "
               "happening, tell the organisers."),
    "read_only": N_("The database accepts no changes right now, so nothing was saved. Try again in a moment; "
                    "if it keeps happening, tell the organisers."),
    "unreachable": N_("The server lost its database for a moment, so nothing was saved. Try again in a "
                      "moment."),
}

#: SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_SQLITE = {13: "full", 8: "read_only", 10: "unreachable", 14: "unreachable"}  # FULL, READONLY, IOERR, CANTOPEN
#: PostgreSQL SQLSTATEs, exact or by class (the first two characters).
_POSTGRES = {"53100": "full", "25006": "read_only", "57P01": "unreachable", "57P02": "unreachable",
             "57P03": "unreachable", "08": "unreachable"}
#: What the drivers say when they give no code (older SQLite, a connection that never opened).
_TEXTS = (("database or disk is full", "full"), ("no space left on device", "full"),
          ("readonly database", "read_only"), ("read-only transaction", "read_only"),
          ("could not connect to server", "unreachable"), ("connection refused", "unreachable"),
          ("server closed the connection unexpectedly", "unreachable"),
          ("terminating connection", "unreachable"), ("connection already closed", "unreachable"),
          ("disk i/o error", "unreachable"), ("unable to open database file", "unreachable"))


class StorageUnavailable(Refusal):
    """The database could not store anything (503); nothing of the request was kept."""

    status = 503

    def __init__(self, reason: str):
        super().__init__("storage_unavailable", MESSAGES[reason], extra={"reason": reason})
        self.reason = reason


def classify(exc: BaseException) -> Optional[str]:
    """"full", "read_only" or "unreachable" when `exc` (or what caused it) is a storage failure,
    else None."""
    seen = 0
    while exc is not None and seen < 5:
        reason = _classify_one(exc)
        if reason:
            return reason
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return None


def _classify_one(exc: BaseException) -> Optional[str]:
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE:
        return _SQLITE[code & 0xFF]
    state = getattr(original, "pgcode", None)
    if isinstance(state, str) and state:
        return _POSTGRES.get(state) or _POSTGRES.get(state[:2])
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return "unreachable"
    if isinstance(exc, DBAPIError) or type(original).__module__.startswith(("sqlite3", "psycopg")):
        text = str(original).lower()
        for fragment, reason in _TEXTS:
            if fragment in text:
                return reason
    return None


def lasting(exc: BaseException) -> bool:
    """A failure that trying again at once cannot mend (a full disk, a read-only database), unlike a
    dropped connection or a lock timeout."""
    return classify(exc) in ("full", "read_only")


# --- Refusing, and remembering it for /healthz --------------------------------------------------

#: One log line per reason at most this often (a full disk must not also fill up with logs).
LOG_EVERY = 10.0
_logged: dict[str, float] = {}
_lock = threading.Lock()


def _recent() -> dict[str, float]:
    """This app's lasting failures: reason -> when last seen (monotonic); empty outside an app."""
    if not has_app_context():
        return {}
    return current_app.extensions.setdefault("mesa.storage_failures", {})


def refusal_for(exc: BaseException) -> Optional[StorageUnavailable]:
    """The refusal to answer for `exc` if it is a storage failure (logged in one line, without a
    traceback, at most once per LOG_EVERY seconds per reason), else None."""
    reason = classify(exc)
    if reason is None:
        return None
    now = time.monotonic()
    recent = _recent()
    with _lock:
        recent[reason] = now
        quiet = now - _logged.get(reason, -LOG_EVERY) < LOG_EVERY
        if not quiet:
            _logged[reason] = now
    if not quiet:
        log.error("storage unavailable (%s): %s: %s", reason, type(exc).__name__, str(exc).splitlines()[0][:300])
    return StorageUnavailable(reason)


def recent_failure(within: float) -> Optional[tuple[str, float]]:
    """(reason, seconds ago) of the latest lasting storage failure seen in this process within
    `within` seconds, if any."""
    now = time.monotonic()
    with _lock:
        found = [(now - at, reason) for reason, at in _recent().items()
                 if reason in ("full", "read_only") and now - at <= within]
    if not found:
        return None
    ago, reason = min(found)
    return reason, ago


# --- The write probe -------------------------------------------------------------------------

#: SQLite's directory must keep at least this much free space to count as writable.
MIN_FREE_BYTES = 1024 * 1024


def write_probe(engine: Engine) -> Optional[str]:
    """None when the database takes a write now, else the reason it does not.

    A table is created inside a transaction (a savepoint on SQLite) that is rolled back, so nothing
    stays: on PostgreSQL a temporary table, refused in a read-only transaction; on SQLite a table in
    the main file, refused when the file is read-only or cannot grow by a page. SQLite on a full disk
    only fails when it writes its log at commit, so its directory's free space is checked too.
    """
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                path = engine.url.database
                if path and path != ":memory:" and not path.startswith("file:"):
                    stats = os.statvfs(os.path.dirname(os.path.abspath(path)))
                    free = (stats.f_bfree if os.geteuid() == 0 else stats.f_bavail) * stats.f_frsize
                    if free < MIN_FREE_BYTES:
                        return "full"
                _sqlite_probe(conn)
            elif engine.dialect.name == "postgresql":
                with conn.begin() as transaction:
                    conn.exec_driver_sql("SET LOCAL statement_timeout = 2000")
                    conn.exec_driver_sql("CREATE TEMPORARY TABLE mesa_write_probe (x integer)")
                    transaction.rollback()
    except Exception as exc:  # noqa: BLE001 - any failure to write is the answer
        if getattr(getattr(exc, "orig", None), "sqlite_errorcode", None) == 5:  # SQLITE_BUSY: busy, not broken
            return None
        return classify(exc) or f"{type(exc).__name__}"
    return None


def _sqlite_probe(conn) -> None:
    """Create a table in a savepoint and roll it back, waiting at most 2 s for the write lock."""
    waited = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    conn.exec_driver_sql("PRAGMA busy_timeout = 2000")
    try:
        conn.exec_driver_sql("SAVEPOINT mesa_write_probe")
        try:
            conn.exec_driver_sql("CREATE TABLE mesa_write_probe (x INTEGER)")
        finally:
            try:
                conn.exec_driver_sql("ROLLBACK TO mesa_write_probe")
                conn.exec_driver_sql("RELEASE mesa_write_probe")
            except Exception:  # noqa: BLE001 - SQLite may have rolled the whole transaction back itself
                conn.rollback()
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(waited or 0)}")
