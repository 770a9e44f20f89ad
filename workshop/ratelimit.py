"""Rate limits shared by every process: in Redis when a message queue is set, else in memory.

A fixed window per (bucket, key): at most `count` hits per `seconds`. With several workers
behind a proxy, a limit kept in one process's memory would multiply by the number of workers,
so the counters live where the processes meet (CTFd keeps its limits in its cache the same way).

Why not Flask-Limiter: its decorators limit routes, while Mesa limits inside services and
socket handlers (a join, a vote, a login attempt keyed by the email typed), and needs to give a
successful login back; this module is the 60 lines that does that on the Redis Mesa already runs
for Socket.IO, with one round trip (INCR + EXPIRE in a pipeline) a hit.
"""
from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from typing import Callable, Optional

from flask import current_app

log = logging.getLogger(__name__)


class Hit:
    """The answer to a hit: true when within the limit; `retry_after` seconds until the window ends."""

    __slots__ = ("allowed", "retry_after")

    def __init__(self, allowed: bool, retry_after: float):
        self.allowed, self.retry_after = allowed, retry_after

    def __bool__(self) -> bool:
        return self.allowed

    def __eq__(self, other: object) -> bool:  # `hit(...) == True` reads as the bool it is
        return bool(self) == other if isinstance(other, bool) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def retry_seconds(self) -> int:
        """Whole seconds for a Retry-After header (at least 1)."""
        return max(1, math.ceil(self.retry_after))


class MemoryLimiter:
    """Counters in this process's memory (one-process installs, tests)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._windows: dict[tuple, tuple[float, int]] = {}
        self._lock = threading.Lock()
        #: The time source (tests replace it to move through windows without sleeping).
        self.clock = clock

    def hit(self, bucket: str, key: object, count: int, seconds: int, now: Optional[float] = None) -> Hit:
        """Record a hit; whether it is within the limit."""
        now = self.clock() if now is None else now
        with self._lock:
            if len(self._windows) > 100_000:  # bounded: old windows go
                self._windows = {k: v for k, v in self._windows.items() if now - v[0] < seconds}
            start, used = self._windows.get((bucket, key), (now, 0))
            if now - start >= seconds:
                start, used = now, 0
            self._windows[(bucket, key)] = (start, used + 1)
            return Hit(used < count, start + seconds - now)

    def give_back(self, bucket: str, key: object, seconds: int, now: Optional[float] = None) -> None:
        """Undo one hit of the current window (a login that succeeded)."""
        now = self.clock() if now is None else now
        with self._lock:
            start, used = self._windows.get((bucket, key), (now, 0))
            if used and now - start < seconds:
                self._windows[(bucket, key)] = (start, used - 1)


class RedisLimiter:
    """Counters in Redis, shared by every worker on the same message queue.

    A limit guards the room; it must not stop it. While Redis cannot be reached (a restart, a
    dropped link) each process counts in its own memory instead — the limits then hold per
    process, as on a one-process install — and one log line says so; the next hit after Redis
    answers again counts in Redis. Votes and joins never fail because of a limit's storage.
    """

    def __init__(self, url: str, prefix: str = "mesa:rl", clock: Callable[[], float] = time.time):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=1)
        self._errors = (redis.RedisError, OSError)
        self.prefix = prefix
        self.clock = clock
        self._fallback = MemoryLimiter()
        self._down_since: Optional[float] = None

    #: After a failure, Redis is tried again only this many seconds later: a hung Redis must not
    #: add its socket timeout to every vote.
    RETRY_AFTER = 5.0

    def _skip_redis(self) -> bool:
        return self._down_since is not None and time.monotonic() - self._down_since < self.RETRY_AFTER

    def _redis_down(self, exc: BaseException) -> None:
        if self._down_since is None:
            log.warning("rate limits: Redis unreachable (%s); counting in this process until it answers",
                        exc.__class__.__name__)
        self._down_since = time.monotonic()

    def _redis_up(self) -> None:
        if self._down_since is not None:
            log.warning("rate limits: Redis answers again; counting in Redis")
            self._down_since = None

    def _name(self, bucket: str, key: object, seconds: int, now: float) -> tuple[str, float]:
        window = int(now // seconds)
        return f"{self.prefix}:{bucket}:{key}:{window}", (window + 1) * seconds - now

    def hit(self, bucket: str, key: object, count: int, seconds: int, now: Optional[float] = None) -> Hit:
        name, left = self._name(bucket, key, seconds, self.clock() if now is None else now)
        if self._skip_redis():
            return self._fallback.hit(bucket, key, count, seconds)
        try:
            pipe = self._redis.pipeline()
            pipe.incr(name)
            pipe.expire(name, seconds + 1)
            used, _ = pipe.execute()
        except self._errors as exc:
            self._redis_down(exc)
            return self._fallback.hit(bucket, key, count, seconds)
        self._redis_up()
        return Hit(int(used) <= count, left)

    def give_back(self, bucket: str, key: object, seconds: int, now: Optional[float] = None) -> None:
        name, _left = self._name(bucket, key, seconds, self.clock() if now is None else now)
        if self._skip_redis():
            self._fallback.give_back(bucket, key, seconds)
            return
        try:
            self._redis.decr(name)
        except self._errors as exc:
            self._redis_down(exc)
            self._fallback.give_back(bucket, key, seconds)


def default_prefix(config) -> str:
    """WORKSHOP_RATELIMIT_PREFIX, else one derived from the secret key and the database: the same
    on every worker of an install, different for another install on the same Redis."""
    if config.get("RATELIMIT_PREFIX"):
        return str(config["RATELIMIT_PREFIX"])
    seed = f"{config.get('SECRET_KEY')}|{config.get('SQLALCHEMY_DATABASE_URI')}".encode()
    return "mesa:rl:" + hashlib.sha256(seed).hexdigest()[:12]


def limiter():
    """This app's limiter (Redis when WORKSHOP_MESSAGE_QUEUE is a redis:// URL)."""
    found = current_app.extensions.get("mesa.ratelimit")
    if found is None:
        url = current_app.config.get("MESSAGE_QUEUE") or ""
        found = RedisLimiter(url, default_prefix(current_app.config)) if url.startswith("redis") \
            else MemoryLimiter()
        current_app.extensions["mesa.ratelimit"] = found
    return found
