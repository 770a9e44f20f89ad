"""Per-participant rate limits for live events (in memory, per process)."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class RateLimiter:
    """At most `count` events per `seconds` per key (a sliding window)."""

    def __init__(self, count: int, seconds: float):
        self.count, self.seconds = count, seconds
        self._events: dict[object, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, key: object, now: float | None = None) -> bool:
        """Record an event for `key` and say whether it is within the limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            window = self._events[key]
            while window and now - window[0] > self.seconds:
                window.popleft()
            if len(window) >= self.count:
                return False
            window.append(now)
            return True


class Limits:
    """The live layer's limits, one set per app."""

    def __init__(self):
        #: A phone can change its vote a few times a second, not flood.
        self.votes = RateLimiter(count=10, seconds=5)
        #: Comments, up-votes and proposals: a lively participant, not a script.
        self.comments = RateLimiter(count=6, seconds=60)
        self.upvotes = RateLimiter(count=30, seconds=60)
        self.proposals = RateLimiter(count=3, seconds=300)


def limits() -> Limits:
    """This app's limits."""
    from flask import current_app

    return current_app.extensions.setdefault("mesa.limits", Limits())
