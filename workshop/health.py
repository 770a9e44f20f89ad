"""`GET /healthz`: can this process reach its database and message queue?"""
from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy import text

from .extensions import db

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
        body["error"] = {"code": "unavailable", "message": "A dependency is unreachable: " +
                         ", ".join(k for k, v in checks.items() if v != "ok")}
    return body, 200 if healthy else 503
