"""One short log line per refused request, rate-limited per client address.

A refusal is not a bug: it is logged at INFO as `refused <code> <where> from <address>` — never a
traceback. One address gets at most `PER_MINUTE` such lines a minute; past that its refusals are
counted, and the first refusal after the minute logs one `… more refusals from <address>
suppressed` line before going on. So a client that floods the server with bad input costs a
few lines a minute of log, not gigabytes.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Optional

log = logging.getLogger("mesa.refusals")

#: Lines per address per minute before the rest are counted instead of written.
PER_MINUTE = 10
WINDOW = 60.0
#: Addresses remembered at most (a scan from many addresses cannot grow the table without end).
MAX_ADDRESSES = 10_000


class RefusalLog:
    """Per-address budgets of log lines; thread-safe (and green-thread safe)."""

    def __init__(self, per_minute: int = PER_MINUTE, window: float = WINDOW):
        self.per_minute, self.window = per_minute, window
        #: address → [window start, lines written in it, refusals suppressed in it]
        self._budgets: dict[str, list] = {}
        self._lock = threading.Lock()

    def refused(self, code: str, where: str, address: Optional[str], now: Optional[float] = None) -> None:
        """Log one refusal of `where` (a path or an event) for `address`, within its budget."""
        address = address or "-"
        now = time.monotonic() if now is None else now
        with self._lock:
            budget = self._budgets.get(address)
            if budget is None or now - budget[0] >= self.window:
                suppressed = budget[2] if budget else 0
                if budget is None and len(self._budgets) >= MAX_ADDRESSES:
                    self._forget(now)
                budget = self._budgets[address] = [now, 0, 0]
                if suppressed:
                    log.info("%d more refusals from %s suppressed in the last minute", suppressed, address)
            if budget[1] >= self.per_minute:
                budget[2] += 1
                return
            budget[1] += 1
        log.info("refused %s %s from %s", code, _short(where), address)

    def reset(self) -> None:
        """Forget every budget (tests that count lines start from a clean slate)."""
        with self._lock:
            self._budgets.clear()

    def _forget(self, now: float) -> None:
        """Drop the budgets whose minute is over (called with the lock held)."""
        for address in [a for a, b in self._budgets.items() if now - b[0] >= self.window]:
            del self._budgets[address]
        if len(self._budgets) >= MAX_ADDRESSES:  # all recent: forget the oldest half
            for address in sorted(self._budgets, key=lambda a: self._budgets[a][0])[:MAX_ADDRESSES // 2]:
                del self._budgets[address]


def _short(text: str, limit: int = 120) -> str:
    """A path or event name as one short printable line (clients choose them)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in str(text)[:limit])
    return text if text else "-"


#: The process's log of refusals.
refusals = RefusalLog()


class _Fallback(logging.StreamHandler):
    """stderr, unless logging was set up for the whole process (then the root's handlers write it)."""

    def emit(self, record: logging.LogRecord) -> None:
        if not logging.getLogger().handlers:
            super().emit(record)


def setup_logging() -> None:
    """Refusal lines are logged at INFO, to stderr when nothing else in the process sets up logging."""
    if log.level == logging.NOTSET:
        log.setLevel(logging.INFO)
    if not any(isinstance(h, _Fallback) for h in log.handlers):
        handler = _Fallback()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(name)s] %(message)s"))
        log.addHandler(handler)
