"""The one way out to the sockets: listeners of the domain signals, run after the commit.

`subscribe()` connects them once at start-up (`workshop.live.init_live`); services never call
this module. Rooms per session: `s<id>:participant` (phones), `s<id>:projector`, `s<id>:staff`,
and one room per participant `p<id>`. Big changes send each audience a fresh `state`; votes
only mark the round dirty, and a background task sends at most a few `tally` events a second,
so the cost of a vote does not grow with the size of the room. A second background task, the
clock, closes rounds whose countdown has ended (in every process; the database lets one win).
"""
from __future__ import annotations

import functools
import logging
import threading
import time
from typing import Any, Callable, Optional

from flask import current_app
from sqlalchemy import select

from .. import signals, storage
from ..extensions import db, socketio
from ..ratelimit import default_prefix
from ..sessions import participants as participants_service
from ..sessions.models import Comment, Participant, Proposal, Session
from ..voting import runshow
from ..voting import services as voting
from ..voting.models import Round
from .state import (
    AUDIENCES,
    comment_view,
    current_round,
    for_participant,
    joined_by_sector,
    participant_view,
    results_for,
    snapshot,
    staff_extras,
    turnout,
)

NAMESPACE = "/live"
#: Tally events to staff and projector: at most one per round per this many seconds.
STAFF_INTERVAL = 0.25
#: Results to phones (only when visible): at most one per round per this many seconds.
PHONE_INTERVAL = 1.0



class TallyQueue:
    """Rounds whose tally changed, per app, flushed by one background task per process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.dirty: dict[int, int] = {}  # round id -> session id
        self.last_phone_emit: dict[int, float] = {}
        self.started = False
        #: The rounds of the flush under way, put back if it fails (e.g. a dropped connection).
        self.in_flight: dict[int, int] = {}
        #: Flushes failed in a row: past GIVE_UP_AFTER the pending tallies are dropped (logged
        #: once) rather than retried four times a second for ever; the next vote queues them again.
        self.failures = 0


#: Failed flushes in a row (STAFF_INTERVAL apart, ~30 s) before the pending tallies are dropped.
GIVE_UP_AFTER = 120


def _queue() -> TallyQueue:
    return current_app.extensions.setdefault("mesa.tallies", TallyQueue())


def room(session_id: int, audience: str) -> str:
    return f"s{session_id}:{audience}"


def participant_room(participant_id: int) -> str:
    return f"p{participant_id}"


def staff_room(staff_id: int) -> str:
    """Every socket a staff account opened (any session, console or projector view)."""
    return f"u{staff_id}"


def emit(event: str, data: Any, to: str) -> None:
    """Emit to one room of /live (through the message queue when one is configured)."""
    socketio.emit(event, data, to=to, namespace=NAMESPACE)


def listening(room_name: str) -> bool:
    """Whether anyone may be in a room. With one process the answer is exact, so a session nobody
    has open costs no snapshot; with a message queue the sockets may sit on another worker: yes."""
    if current_app.config.get("MESSAGE_QUEUE"):
        return True
    server = getattr(socketio, "server", None)
    rooms = getattr(getattr(server, "manager", None), "rooms", None)
    if rooms is None:
        return True
    return bool(rooms.get(NAMESPACE, {}).get(room_name))


def session_changed(session_id: int) -> None:
    """Send every audience of the session a fresh snapshot (round opened/closed, item, decision…)."""
    session = db.session.get(Session, session_id)
    if session is None:
        return
    states = {audience: snapshot(session, audience) for audience in AUDIENCES
              if listening(room(session_id, audience))}
    db.session.commit()  # end the read transaction before any emit
    for audience, state in states.items():
        emit("state", state, room(session_id, audience))


def participants_changed(session_id: int, participant_id: Optional[int] = None) -> None:
    """Someone joined or was admitted: staff get that one person (a delta, never the whole list:
    the traffic of a room filling up grows with the room, not with its square) and the pairs of
    possible duplicates that person is in; the projector and staff get the turnout."""
    session = db.session.get(Session, session_id)
    if session is None:
        return
    round_ = current_round(session)
    figures = turnout(session_id, round_.id if round_ else None)
    delta = None
    if participant_id is not None and listening(room(session_id, "staff")):
        person = participant_view(session_id, participant_id)
        delta = {"participant": person, "id": participant_id,
                 "duplicates": participants_service.duplicates_of(session_id, participant_id) if person else []}
    # The projector's join screen counts the room by sector as people come in.
    by_sector = joined_by_sector(session_id) if listening(room(session_id, "projector")) else None
    db.session.commit()
    emit("turnout", {**figures, "by_sector": by_sector} if by_sector is not None else figures,
         room(session_id, "projector"))
    emit("turnout", figures, room(session_id, "staff"))
    if delta is not None:
        emit("participant", delta, room(session_id, "staff"))


def projector_changed(session_id: int) -> None:
    """The projectors get a fresh snapshot (the agenda changed: `upcoming`, `agenda_total`)."""
    if not listening(room(session_id, "projector")):
        return
    session = db.session.get(Session, session_id)
    if session is None:
        return
    state = snapshot(session, "projector")
    db.session.commit()
    emit("state", state, room(session_id, "projector"))


def projector_view(session_id: int, view: dict[str, Any]) -> None:
    """The console asked the room's screen for its join screen or another theme: relayed as it
    is (a display command with nothing to store) to the projectors and to the session's other
    consoles, which show the toggles' state."""
    emit("projector_view", view, room(session_id, "projector"))
    emit("projector_view", view, room(session_id, "staff"))


def comment_changed(session_id: int, comment_id: int) -> None:
    """A comment was added, up-voted or moderated: each audience gets the version it may see."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        return
    views = {a: comment_view(comment, a) for a in ("participant", "projector", "staff")}
    hidden = comment.is_hidden
    author = comment.participant_id
    db.session.commit()
    if author and hidden:
        participant_state(session_id, author)  # its author is told, instead of seeing it vanish
    emit("comment", views["staff"], room(session_id, "staff"))
    for audience in ("participant", "projector"):
        if hidden:
            emit("comment_removed", {"id": comment_id}, room(session_id, audience))
        else:
            emit("comment", views[audience], room(session_id, audience))


def staff_lists_changed(session_id: int, *names: str) -> None:
    """Staff get the named parts of their snapshot again (e.g. "proposals", "agenda")."""
    session = db.session.get(Session, session_id)
    if session is None:
        return
    extras = staff_extras(session)
    db.session.commit()
    for name in names:
        emit(name, extras[name], room(session_id, "staff"))


def tally_changed(session_id: int, round_id: int) -> None:
    """A vote was stored: the round's tally goes out with the next flush (coalesced)."""
    queue = _queue()
    with queue.lock:
        queue.dirty[round_id] = session_id
        if not queue.started:
            queue.started = True
            socketio.start_background_task(_flush_forever, current_app._get_current_object())


def _flush_forever(app) -> None:
    while True:
        socketio.sleep(STAFF_INTERVAL)
        queue = app.extensions.setdefault("mesa.tallies", TallyQueue())
        try:
            with app.app_context():
                flush_tallies()
            queue.failures = 0
        except Exception as exc:  # noqa: BLE001 - keep the flusher alive; the next flush retries
            # Whatever failed (the database gone for a moment, a lock, a bug), these tallies go out
            # again with the next flush: sending one twice is harmless, never sending it is not.
            queue.failures += 1
            if queue.failures > GIVE_UP_AFTER:
                if queue.failures == GIVE_UP_AFTER + 1:
                    app.logger.error("tally flush failed %s times in a row; dropping %s pending tallies: %s",
                                     GIVE_UP_AFTER, len(queue.in_flight), str(exc).splitlines()[0][:200])
                continue
            with queue.lock:
                for round_id, session_id in queue.in_flight.items():
                    queue.dirty.setdefault(round_id, session_id)
            if queue.failures > 1:
                continue  # said once per run of failures
            if storage.classify(exc):
                app.logger.warning("tally flush failed, will retry: %s", str(exc).splitlines()[0][:200])
            else:
                app.logger.exception("tally flush failed; will retry")


class FlushLeases:
    """Which process sends a round's next tally: with several processes on one message queue, each
    flush of a round first takes a lease in Redis (`SET key NX PX 250`, one key per round and
    audience), so the screens get at most four tallies a second (phones one) whatever the number
    of processes. A process that finds the lease taken keeps the round pending and tries again at
    its next flush; whoever sends reads the round's committed votes (`voting.tallies`), so the last
    tally sent after the last vote is complete. One process alone (no queue) paces itself; while
    Redis cannot be reached each process does (one log line says so), as before the leases."""

    #: After a failure, Redis is tried again only this many seconds later.
    RETRY_AFTER = 5.0

    def __init__(self, url: Optional[str], prefix: str):
        self.prefix = prefix
        self._redis = None
        self._down_since: Optional[float] = None
        if url and url.startswith("redis"):
            import redis

            self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=1)
            self._errors = (redis.RedisError, OSError)

    def take(self, round_id: int, audience: str, seconds: float) -> bool:
        """Whether this process may send the round's tally to `audience` now."""
        if self._redis is None:
            return True
        if self._down_since is not None and time.monotonic() - self._down_since < self.RETRY_AFTER:
            return True
        try:
            taken = self._redis.set(f"{self.prefix}:{round_id}:{audience}", b"1", nx=True, px=int(seconds * 1000))
        except self._errors as exc:
            if self._down_since is None:
                log.warning("tally leases: Redis unreachable (%s); each process paces its own tallies",
                            exc.__class__.__name__)
            self._down_since = time.monotonic()
            return True
        self._down_since = None
        return bool(taken)


def _leases() -> FlushLeases:
    found = current_app.extensions.get("mesa.tally_leases")
    if found is None:
        config = current_app.config
        found = FlushLeases(config.get("MESSAGE_QUEUE"), f"{default_prefix(config)}:tally")
        current_app.extensions["mesa.tally_leases"] = found
    return found


def flush_tallies(now: Optional[float] = None) -> int:
    """Send the pending tallies; returns how many rounds were sent. Runs in the flusher task.

    Each tally carries the round's tally version; the figures come from the in-memory tally
    (`voting.tallies`), read again from the database only when the round's version moved on
    without this process (votes stored by another one, a correction)."""
    queue = _queue()
    with queue.lock:
        pending = dict(queue.dirty)
        queue.dirty.clear()
        queue.in_flight = pending
    now = time.monotonic() if now is None else now
    leases = _leases()
    outgoing = []
    for round_id, session_id in pending.items():
        if not leases.take(round_id, "staff", STAFF_INTERVAL):
            with queue.lock:  # another process sent this round's tally a moment ago: later
                queue.dirty.setdefault(round_id, session_id)
            continue
        round_ = db.session.get(Round, round_id)
        if round_ is None:
            continue
        counted = voting.versioned_tally(round_)
        figures = {**turnout(session_id, None), "voted": counted.voted}
        staff = {"round_id": round_id, "version": counted.version, "turnout": figures,
                 **results_for(round_, "staff")}
        visible = round_.results_visible
        projector = staff if visible else {"round_id": round_id, "version": counted.version, "turnout": figures,
                                           "hidden": True}
        phones = None
        if visible and now - queue.last_phone_emit.get(round_id, 0) >= PHONE_INTERVAL \
                and leases.take(round_id, "participant", PHONE_INTERVAL):
            phones = staff
            queue.last_phone_emit[round_id] = now
        elif visible:
            with queue.lock:  # not yet: keep it for a later flush
                queue.dirty.setdefault(round_id, session_id)
        outgoing.append((session_id, staff, projector, phones))
    db.session.commit()
    for session_id, staff, projector, phones in outgoing:
        emit("tally", staff, room(session_id, "staff"))
        emit("tally", projector, room(session_id, "projector"))
        if phones is not None:
            emit("tally", phones, room(session_id, "participant"))
    return len(outgoing)


#: How often the clock looks for rounds whose countdown has ended (seconds).
CLOCK_INTERVAL = 0.5


def start_clock(app=None) -> None:
    """Start this process's clock once: it closes rounds whose countdown has ended, also rounds
    that were counting down when the server restarted (their deadline is in the database)."""
    app = app or current_app._get_current_object()
    state = app.extensions.setdefault("mesa.clock", {"started": False, "lock": threading.Lock()})
    with state["lock"]:
        if state["started"]:
            return
        state["started"] = True
    socketio.start_background_task(_clock_forever, app)


def _clock_forever(app) -> None:
    """Tick while some open round has a deadline; stop when none has (a new timer restarts it)."""
    state = app.extensions["mesa.clock"]
    while True:
        try:
            with app.app_context():
                voting.close_due_rounds()
                waiting = voting.rounds_counting_down()
        except Exception:  # noqa: BLE001 - keep the clock alive; the next tick retries
            app.logger.exception("closing rounds at their deadline failed")
            waiting = True
        if not waiting:
            with state["lock"]:
                state["started"] = False
            return
        socketio.sleep(CLOCK_INTERVAL)


def participant_removed(participant_id: int, change: str = "removed") -> None:
    """Tell a removed (or merged) participant's phone; it stops voting and shows why."""
    emit("removed", {"participant_id": participant_id, "change": change}, participant_room(participant_id))


def participant_moved(participant_id: int) -> None:
    """The person continued on a new phone (personal code): the old phones hear it before the new
    one connects; the server refuses anything more from them in any case."""
    emit("signed_out", {"participant_id": participant_id}, participant_room(participant_id))


def participant_state(session_id: int, participant_id: int) -> None:
    """Send one participant's phones a fresh state (e.g. once admitted)."""
    session = db.session.get(Session, session_id)
    participant = db.session.get(Participant, participant_id)
    if session is None or participant is None:
        return
    state = for_participant(snapshot(session, "participant"), participant)
    db.session.commit()
    emit("state", state, participant_room(participant_id))


# --- Subscriptions: which signal reaches whom ------------------------------------------------


log = logging.getLogger(__name__)


def _listener(fn: Callable) -> Callable:
    """A signal listener runs after the service committed: what it fails to push (the database
    gone for a moment while it reads a snapshot, a bug) is logged and never reaches the caller, so
    a closed round or a stored comment is never answered "nothing was saved"; the screens catch
    up with the next change or reconnect."""

    @functools.wraps(fn)
    def guarded(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - see above
            db.session.rollback()
            if storage.refusal_for(exc) is None:  # a storage failure is logged there in one line
                log.exception("live listener %s failed after the change was stored", fn.__name__)
        return None

    return guarded


@_listener
def _on_state_change(session_id: int, **_) -> None:
    session_changed(session_id)


@_listener
def _on_round_changed(session_id: int, round_id: int, change: str = "", **_) -> None:
    if change in ("opened", "timer") and db.session.scalar(
            select(Round.timer_ends_at).where(Round.id == round_id)) is not None:
        start_clock()
    session_changed(session_id)


@_listener
def _on_vote(session_id: int, round_id: int, **_) -> None:
    tally_changed(session_id, round_id)


@_listener
def _on_participants(session_id: int, participant_id: Optional[int] = None, change: str = "", **_) -> None:
    if change in ("removed", "merged") and participant_id:
        participant_removed(participant_id, change)
    if change == "moved" and participant_id:
        participant_moved(participant_id)
        return
    if change == "admitted" and participant_id:
        participant_state(session_id, participant_id)
    if change in ("removed", "merged", "sector"):
        session_changed(session_id)  # tallies and turnout changed for everyone
    else:
        participants_changed(session_id, participant_id)


@_listener
def _on_comment(session_id: int, comment_id: int, **_) -> None:
    comment_changed(session_id, comment_id)


@_listener
def _on_proposal(session_id: int, proposal_id: Optional[int] = None, **_) -> None:
    staff_lists_changed(session_id, "proposals")
    proposal = db.session.get(Proposal, proposal_id) if proposal_id else None
    if proposal is not None and proposal.participant_id:
        participant_state(session_id, proposal.participant_id)  # the proposer sees it listed, then its fate


@_listener
def _on_agenda(session_id: int, **_) -> None:
    staff_lists_changed(session_id, "agenda")
    projector_changed(session_id)  # its board between items says what comes next
    run_of_show_changed(session_id)


def run_of_show_changed(session_id: int) -> None:
    """The agenda or its plan changed: staff and projector get the run-of-show again."""
    session = db.session.get(Session, session_id)
    if session is None:
        return
    plan = runshow.run_of_show(session)
    db.session.commit()
    for audience in ("staff", "projector"):
        emit("run_of_show", plan, room(session_id, audience))


@_listener
def staff_access_changed(staff_id: int, **_) -> None:
    """A staff account's password, role or status changed: its sockets lose their powers now.
    They hear `access_revoked` (through the message queue, on every worker) and this worker
    disconnects its own; a socket on another worker is refused and disconnected at its next
    event, when the live layer finds the account's access stamp changed."""
    emit("access_revoked", {"staff_id": staff_id}, staff_room(staff_id))
    server = getattr(socketio, "server", None)
    if server is None:
        return
    for sid, _eio_sid in list(server.manager.get_participants(NAMESPACE, staff_room(staff_id))):
        server.disconnect(sid, namespace=NAMESPACE, ignore_queue=True)


def subscribe() -> None:
    """Connect the live layer to the domain signals (idempotent: blinker keeps one of each)."""
    signals.session_changed.connect(_on_state_change, weak=False)
    signals.current_item_changed.connect(_on_state_change, weak=False)
    signals.decision_recorded.connect(_on_state_change, weak=False)
    signals.round_changed.connect(_on_round_changed, weak=False)
    signals.vote_counted.connect(_on_vote, weak=False)
    signals.participants_changed.connect(_on_participants, weak=False)
    signals.comment_changed.connect(_on_comment, weak=False)
    signals.proposal_changed.connect(_on_proposal, weak=False)
    signals.agenda_changed.connect(_on_agenda, weak=False)
    signals.staff_access_changed.connect(staff_access_changed, weak=False)
