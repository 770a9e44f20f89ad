"""Rate limits shared by every process: in Redis when a message queue is set, else in memory.

A fixed window per (bucket, key): at most `count` hits per `seconds`. With several workers
behind a proxy, a limit kept in one process's memory would multiply by the number of workers,
so the counters live where the processes meet (CTFd keeps its limits in its cache the same way).
"""
from __future__ import annotations

import threading
import time
from typing import Optional

from flask import current_app


class MemoryLimiter:
    """Counters in this process's memory (one-process installs, tests)."""

    def __init__(self):
        self._windows: dict[tuple, tuple[float, int]] = {}
        self._lock = threading.Lock()

    def hit(self, bucket: str, key: object, count: int, seconds: int, now: Optional[float] = None) -> bool:
        """Record a hit; whether it is within the limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._windows) > 100_000:  # bounded: old windows go
                self._windows = {k: v for k, v in self._windows.items() if now - v[0] < seconds}
            start, used = self._windows.get((bucket, key), (now, 0))
            if now - start >= seconds:
                start, used = now, 0
            self._windows[(bucket, key)] = (start, used + 1)
            return used < count


class RedisLimiter:
    """Counters in Redis, shared by every worker on the same message queue."""

    def __init__(self, url: str):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2)

    def hit(self, bucket: str, key: object, count: int, seconds: int, now: Optional[float] = None) -> bool:
        window = int((time.time() if now is None else now) // seconds)
        name = f"mesa:rl:{bucket}:{key}:{window}"
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, seconds + 1)
        used, _ = pipe.execute()
        return int(used) <= count


def limiter():
    """This app's limiter (Redis when WORKSHOP_MESSAGE_QUEUE is a redis:// URL)."""
    found = current_app.extensions.get("mesa.ratelimit")
    if found is None:
        url = current_app.config.get("MESSAGE_QUEUE") or ""
        found = RedisLimiter(url) if url.startswith("redis") else MemoryLimiter()
        current_app.extensions["mesa.ratelimit"] = found
    return found
