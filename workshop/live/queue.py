"""The message queue between processes, and what this process does after losing it for a while.

With WORKSHOP_MESSAGE_QUEUE set, every emit is delivered to this process's own sockets at once
and published on Redis for the others. While Redis is down (a restart, a failover) the others'
messages are lost for this process's sockets: a projector here would keep the tally it had when
Redis went away, and phones here would not hear that a round closed elsewhere. Votes are not
affected (an ack goes straight back to its phone, and the vote is in the database).

`RedisQueue` is python-socketio's `RedisManager` with its listener rewritten: it comes back within
seconds (retrying after 0.5, 1, then every 2 s, rather than backing off to a minute), logs one line
per failure (no traceback), and once Redis confirms the new subscription it calls `resync`, which sends this
process's own sockets a fresh `state` and the open rounds' tallies again, read from the database.
Anything that changes after the confirmation arrives through the queue as usual, so nothing falls
in between.
"""
from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from typing import Callable, Optional

import socketio
from flask import Flask

from ..extensions import db
from ..extensions import socketio as flask_socketio
from ..sessions.models import Session
from .broadcast import NAMESPACE, room, tally_changed
from .state import current_round, snapshot

log = logging.getLogger(__name__)

#: Pauses between tries to subscribe again (seconds): quick at first, never more than the last.
RETRY_PAUSES = (0.5, 1.0, 2.0)
_ROOM = re.compile(r"s(\d+):(participant|projector|staff)")


class RedisQueue(socketio.RedisManager):
    """The Redis message queue, re-subscribing quickly and calling `on_resubscribed` after a gap."""

    def __init__(self, url: str, channel: str, on_resubscribed: Callable[[], None]):
        # Bounded waits when publishing: a Redis that does not answer delays an emit by at most
        # a few seconds, then the message is dropped (and `resync` repairs it once Redis is back).
        super().__init__(url, channel=channel,
                         redis_options={"socket_connect_timeout": 2, "socket_timeout": 5})
        self.on_resubscribed = on_resubscribed

    def _redis_listen_with_retries(self):
        failures = 0
        subscribed_before = False
        while True:
            pubsub = None
            try:
                # Its own connection, without a read timeout: the subscription is idle most of the
                # time, and a restart of Redis closes the socket at once.
                client = self._get_redis_module().Redis.from_url(
                    self.redis_url, socket_connect_timeout=2, socket_keepalive=True)
                pubsub = client.pubsub()
                pubsub.subscribe(self.channel)
                for message in pubsub.listen():
                    if message["type"] == "subscribe":
                        if failures or subscribed_before:
                            log.warning("message queue: subscribed again to %r; resending this process's "
                                        "live state", self.channel)
                            self._spawn(self.on_resubscribed)
                        subscribed_before, failures = True, 0
                    else:
                        yield message
            except Exception as exc:  # noqa: BLE001 - Redis is down or restarting: try again soon
                pause = RETRY_PAUSES[min(failures, len(RETRY_PAUSES) - 1)]
                failures += 1
                log.warning("message queue: lost the subscription (%s: %s); trying again in %.1f s",
                            type(exc).__name__, exc, pause)
                time.sleep(pause)
            finally:
                if pubsub is not None:
                    try:
                        pubsub.close()
                    except Exception:  # noqa: BLE001 - the connection is already gone
                        pass

    def _spawn(self, work: Callable[[], None]) -> None:
        """Run `work` beside the listener (which must go back to reading at once)."""
        if self.server is not None:
            self.server.start_background_task(work)
        else:  # pragma: no cover - a write-only manager has no listener
            work()


def client_manager(app: Flask) -> Optional[socketio.Manager]:
    """The Socket.IO client manager for this app's WORKSHOP_MESSAGE_QUEUE (None: one process)."""
    url = app.config.get("MESSAGE_QUEUE")
    if not url:
        return None
    channel = app.config.get("MESSAGE_QUEUE_CHANNEL") or "flask-socketio"
    if url.startswith(("redis://", "rediss://")):
        return RedisQueue(url, channel, lambda: resync(app))
    if url.startswith("kafka://"):
        return socketio.KafkaManager(url, channel=channel)
    if url.startswith("zmq"):
        return socketio.ZmqManager(url, channel=channel)
    return socketio.KombuManager(url, channel=channel)


def resync(app: Flask) -> int:
    """Send this process's own sockets what they may have missed: a fresh `state` to every audience
    present here, and the tally of each open round. Returns the number of sessions resent."""
    try:
        with app.app_context():
            rooms = flask_socketio.server.manager.rooms.get(NAMESPACE, {})
            present: dict[int, set[str]] = defaultdict(set)
            for name, members in list(rooms.items()):
                match = _ROOM.fullmatch(str(name))
                if match and members:
                    present[int(match[1])].add(match[2])
            for session_id, audiences in sorted(present.items()):
                session = db.session.get(Session, session_id)
                if session is None:
                    continue
                states = {audience: snapshot(session, audience) for audience in sorted(audiences)}
                round_ = current_round(session)
                open_round = round_.id if round_ is not None and round_.state == "open" else None
                db.session.commit()
                for audience, state in states.items():
                    # Only to the sockets of this process: every process resends its own.
                    flask_socketio.emit("state", state, to=room(session_id, audience), namespace=NAMESPACE,
                                        ignore_queue=True)
                if open_round is not None:
                    tally_changed(session_id, open_round)
            return len(present)
    except Exception:  # noqa: BLE001 - a background task: log it; the next change repairs the screens
        log.exception("resending the live state after a message-queue gap failed")
        return 0
