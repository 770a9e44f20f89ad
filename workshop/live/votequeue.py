"""Group commit for the votes of a room: the votes that arrive within a few milliseconds share one
transaction and one commit (`voting.services.cast_votes`), and each phone is acked only after it.

No extra task: the handler of the first vote to arrive when no commit is under way becomes the
*leader*. It waits a moment while the room is busy (`GATHER`, with `socketio.sleep`, so the other
handlers run and queue their votes meanwhile; not at all in a quiet room), takes every queued vote
(at most `cast_votes`' group limit), commits them in its own database session and hands each
waiting handler its result. If votes queued up during that commit, the first of them becomes the
next leader; otherwise the next vote to arrive does. The same code runs under eventlet, gevent
(their patched `threading.Event` and `Lock` are green) and plain threads, on SQLite and
PostgreSQL; one process writes votes through one transaction at a time, which on SQLite makes the
vote path the single writer it prefers.

A refusal belongs to its vote only (`cast_votes` checks each vote before writing). An unexpected
error in a group of several (a bug) makes the leader store the group's votes one by one, so that
only the vote that caused it gets the error; a failed commit (a full disk, a lost database)
reaches every vote of the group, none of which is acked `ok`.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Optional

from flask import current_app

from .. import storage
from ..extensions import db, socketio
from ..refusals import Conflict, Refusal
from ..voting import services as voting

#: How long a leader waits for more votes while the room is busy (seconds).
GATHER = 0.002
#: The room counts as busy this long after a group was committed (seconds).
BUSY_WINDOW = 0.05
#: A vote still waiting for its commit after this long is answered "busy" (the phone sends it
#: again; the receipt acks it once if it was stored meanwhile). Never reached but by a stuck database.
WAIT_LIMIT = 60.0


class _Waiting:
    __slots__ = ("request", "event", "result", "lead")

    def __init__(self, request: voting.VoteRequest):
        self.request = request
        self.event = threading.Event()
        self.result: Any = None
        self.lead = False


class VoteQueue:
    """The votes waiting for the next group commit in this process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.waiting: list[_Waiting] = []
        self.leading = False
        self.last_commit = 0.0
        #: Groups committed and votes in them (for the benchmarks and the tests).
        self.groups = 0
        self.votes = 0

    def cast(self, request: voting.VoteRequest) -> dict[str, Any]:
        """Queue one vote and return its ack once its group is committed, or raise its refusal."""
        me = _Waiting(request)
        with self.lock:
            self.waiting.append(me)
            lead = not self.leading
            self.leading = True
        if not lead:
            if not me.event.wait(WAIT_LIMIT):
                raise Conflict("busy", "The server is busy; your phone will send the vote again.", 503)
            if me.lead:  # the last leader handed over: commit the votes queued meanwhile
                me.event.clear()
                self._lead(me)
        else:
            self._lead(me)
        if isinstance(me.result, BaseException):
            raise me.result
        return me.result

    def _lead(self, me: _Waiting) -> None:
        if time.monotonic() - self.last_commit < BUSY_WINDOW:
            socketio.sleep(GATHER)  # more votes are on their way: let their handlers queue them
        with self.lock:
            group = self.waiting[:voting.GROUP_LIMIT]
            del self.waiting[:voting.GROUP_LIMIT]
        try:
            results = _commit([w.request for w in group])
        except BaseException as exc:  # noqa: BLE001 - never leave a phone waiting for ever
            results = [exc] * len(group)
        self.last_commit = time.monotonic()
        self.groups += 1
        self.votes += len(group)
        with self.lock:
            following: Optional[_Waiting] = self.waiting[0] if self.waiting else None
            if following is None:
                self.leading = False
            else:
                following.lead = True
        for waiting, result in zip(group, results):
            waiting.result = result
            if waiting is not me:
                waiting.event.set()
        if following is not None:
            following.event.set()


def _commit(requests: list[voting.VoteRequest]) -> list[Any]:
    """Each vote's ack, refusal or error; a bug in a group of several is retried vote by vote."""
    try:
        return voting.cast_votes(requests)
    except Exception as exc:  # noqa: BLE001 - told to each vote below
        db.session.rollback()
        if len(requests) == 1 or storage.classify(exc) or isinstance(exc, Refusal):
            return [exc] * len(requests)
    results: list[Any] = []
    for request in requests:
        try:
            results.extend(voting.cast_votes([request]))
        except Exception as exc:  # noqa: BLE001 - this vote's own error
            db.session.rollback()
            results.append(exc)
    return results


def queue() -> VoteQueue:
    """This app's vote queue."""
    return current_app.extensions.setdefault("mesa.votes", VoteQueue())
