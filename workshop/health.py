"""`GET /healthz`: can this process reach its database, write to it, and reach its message queue?"""
from __future__ import annotations

import threading
import time

from flask import Blueprint, current_app
from sqlalchemy import text

from . import storage
from .extensions import db

#: The write probe runs at most this often per process (seconds); /healthz answers the last result.
PROBE_EVERY = 5.0
#: A write refused for lack of space or for a read-only database this recently still counts.
FAILURE_MEMORY = 10.0

bp = Blueprint("health", __name__)


def _check_queue(url: str) -> None:
    """Ping the message queue (Redis; other kombu URLs are checked by connecting)."""
    if not url.startswith(("redis://", "rediss://", "unix://")):
        from kombu import Connection

        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
        return
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()


def _check_storage() -> str:
    """"ok", or "error: <reason>" when the database does not take a write (`storage.write_probe`,
    at most every PROBE_EVERY seconds) or refused one for lasting reasons in the last FAILURE_MEMORY
    seconds (a full PostgreSQL disk shows only when something is written)."""
    cache = current_app.extensions.setdefault("mesa.write_probe", {"at": None, "reason": None,
                                                                    "lock": threading.Lock()})
    with cache["lock"]:
        if cache["at"] is None or time.monotonic() - cache["at"] >= PROBE_EVERY:
            cache["reason"], cache["at"] = storage.write_probe(db.engine), time.monotonic()
        reason = cache["reason"]
    if reason:
        return f"error: {reason}"
    recent = storage.recent_failure(FAILURE_MEMORY)
    if recent:
        return f"error: {recent[0]} (a write failed {recent[1]:.0f} s ago)"
    return "ok"


@bp.get("/healthz")
def healthz():
    """200 with what was checked, or 503 naming what failed."""
    checks = {}
    try:
        db.session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        db.session.rollback()
        checks["database"] = f"error: {type(exc).__name__}"
    if checks["database"] == "ok":
        db.session.commit()  # end the read before the probe takes a connection of its own
        checks["storage"] = _check_storage()
    queue = current_app.config.get("MESSAGE_QUEUE")
    if queue:
        try:
            _check_queue(queue)
            checks["message_queue"] = "ok"
        except Exception as exc:  # noqa: BLE001
            checks["message_queue"] = f"error: {type(exc).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if not healthy:
        failed = [k for k, v in checks.items() if v != "ok"]
        code = "storage_unavailable" if failed == ["storage"] else "unavailable"
        body["error"] = {"code": code, "message": "A dependency is unreachable or refuses writes: " +
                         ", ".join(failed)}
    return body, 200 if healthy else 503
