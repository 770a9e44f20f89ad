"""Who is connected now: the participants with at least one live socket, for the console.

Each process counts its own sockets per participant. With one process the counts stay in its
memory. With a message queue (several processes), each process keeps its counts in a Redis hash
per session, one field per participant and process (`<participant>:<process>`), and says it is
alive every HEARTBEAT seconds with a key that expires after ALIVE_FOR: the sockets of a process
that died without saying goodbye stop counting within a minute, and nobody has to clean up.

Presence only informs the facilitator; it never blocks a vote or a join. While Redis cannot be
reached, this process answers from its own counts.
"""
from __future__ import annotations

import logging
import os
import secrets
import threading
from collections import defaultdict
from typing import Optional

from flask import current_app

from ..extensions import socketio
from ..ratelimit import default_prefix

log = logging.getLogger(__name__)

HEARTBEAT = 20
ALIVE_FOR = 60
#: A session's presence hash lives this long after its last change (a forgotten session's goes).
KEEP_FOR = 24 * 3600


class Presence:
    """This process's sockets per (session, participant), and, with Redis, every process's."""

    def __init__(self, url: Optional[str] = None, prefix: str = "mesa"):
        self.lock = threading.Lock()
        self.local: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self.process = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.prefix = prefix
        self.redis = None
        self.heartbeat_started = False
        if url:
            import redis

            self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=1)
            self._errors: tuple = (redis.RedisError, OSError)

    def _key(self, session_id: int) -> str:
        return f"{self.prefix}:presence:s{session_id}"

    def _alive_key(self, process: str) -> str:
        return f"{self.prefix}:presence-alive:{process}"

    def change(self, session_id: int, participant_id: int, delta: int) -> bool:
        """Count a socket in (+1) or out (-1); whether the participant's presence here changed."""
        with self.lock:
            counts = self.local[session_id]
            before = counts[participant_id]
            counts[participant_id] = max(0, before + delta)
            after = counts[participant_id]
            if not after:
                counts.pop(participant_id, None)
        if self.redis is not None:
            try:
                self.alive()
                field = f"{participant_id}:{self.process}"
                pipe = self.redis.pipeline()
                if after:
                    pipe.hset(self._key(session_id), field, after)
                else:
                    pipe.hdel(self._key(session_id), field)
                pipe.expire(self._key(session_id), KEEP_FOR)
                pipe.execute()
            except self._errors as exc:
                log.warning("presence: Redis unreachable (%s)", exc.__class__.__name__)
        return bool(before) != bool(after)

    def alive(self) -> None:
        if self.redis is not None:
            self.redis.set(self._alive_key(self.process), 1, ex=ALIVE_FOR)

    def online(self, session_id: int) -> set[int]:
        """The participants of the session with a socket open now (in any live process)."""
        with self.lock:
            mine = {pid for pid, n in self.local.get(session_id, {}).items() if n}
        if self.redis is None:
            return mine
        try:
            fields = self.redis.hgetall(self._key(session_id))
            entries = [(k.decode().split(":", 1), int(v)) for k, v in fields.items()]
            processes = sorted({process for (_pid, process), _n in entries})
            alive = dict(zip(processes, self.redis.mget([self._alive_key(p) for p in processes]))) if processes else {}
            return mine | {int(pid) for (pid, process), n in entries if n and alive.get(process)}
        except (ValueError, *self._errors) as exc:
            log.warning("presence: Redis unreachable (%s); this process's sockets only", exc.__class__.__name__)
            return mine


def presence() -> Presence:
    """This app's presence counter (Redis when WORKSHOP_MESSAGE_QUEUE is a redis:// URL)."""
    found = current_app.extensions.get("mesa.presence")
    if found is None:
        url = current_app.config.get("MESSAGE_QUEUE") or ""
        found = Presence(url if url.startswith("redis") else None, default_prefix(current_app.config))
        current_app.extensions["mesa.presence"] = found
        if found.redis is not None:
            found.heartbeat_started = True
            socketio.start_background_task(_heartbeat, found)
    return found


def _heartbeat(found: Presence) -> None:
    """Say every HEARTBEAT seconds that this process (and so its sockets) is alive."""
    while True:
        try:
            found.alive()
        except found._errors:  # noqa: SLF001 - Redis down: the next beat tries again
            pass
        socketio.sleep(HEARTBEAT)
