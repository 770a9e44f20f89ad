"""Socket.IO namespace /live: phones vote and comment, staff steer, the projector follows.

Every client event is answered by an ack `{"ok": true, ...}` or `{"ok": false, "error":
{"code", "message"}}`; a refused event changes nothing. docs/realtime.md lists them all.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, Optional

from flask import current_app, request
from flask import session as cookie
from flask_babel import force_locale
from flask_socketio import join_room
from marshmallow import ValidationError
from socketio.exceptions import ConnectionRefusedError

from .. import storage
from ..accounts.auth import staff_access_holds, staff_from_token
from ..accounts.models import StaffUser
from ..accounts.permissions import can_steer
from ..extensions import db, socketio
from ..forms import translate_message
from ..programmes.models import Item
from ..refusallog import refusals
from ..refusals import Forbidden, Refusal, TooMany, Unauthorized
from ..sessions import discussion, participants
from ..sessions import services as sessions
from ..sessions.models import Participant, Session
from ..sessions.schemas import JoinInSchema
from ..voting import runshow
from ..voting import services as voting
from . import schemas as ins
from . import votequeue
from .broadcast import NAMESPACE, participant_room, room, staff_room
from .broadcast import projector_view as projector_view_relay
from .limits import limits
from .presence import presence
from .state import for_participant, snapshot, turn

log = logging.getLogger(__name__)


@dataclass
class Client:
    """Who is behind a socket, fixed at connect."""

    session_id: int
    audience: str  # "participant" | "projector" | "staff" | "visitor" (a phone still typing its name)
    participant_id: Optional[int] = None
    staff_id: Optional[int] = None
    staff_role: Optional[str] = None
    #: The participant's sector, fixed for the connection (votes are tallied by it).
    sector: Optional[str] = None
    #: Language of the page that opened the socket, for the messages in acks.
    lang: str = "es"
    #: Whether this staff member may steer the session (the permission policy, asked at connect).
    can_steer: bool = False
    #: The participant token's hash at connect: if the person moves to a new phone, this one stops.
    token_hash: Optional[str] = None
    #: The staff account's access stamp at connect (auth_version): a new password, role or status
    #: changes it, and the socket's events are refused from then on.
    staff_stamp: Optional[int] = None


_clients: dict[str, Client] = {}


def _language(auth: dict) -> str:
    languages = current_app.config["LANGUAGES"]
    for candidate in (auth.get("lang"), cookie.get("lang")):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _refuse(code: str, message: str) -> ConnectionRefusedError:
    """A refusal at connect; the client's `connect_error` gets {"code", "message"}."""
    return ConnectionRefusedError(message, {"code": code, "message": message})


def _identify(auth: Any) -> Client:
    if not isinstance(auth, dict):
        raise _refuse("unauthorized", "Send auth: {token, session_id}.")
    session_id = auth.get("session_id")
    if not isinstance(session_id, int) or isinstance(session_id, bool):
        raise _refuse("invalid_session", "session_id must be an integer.")
    session = db.session.get(Session, session_id)
    if session is None:
        raise _refuse("unknown_session", "No such session.")
    token, key = auth.get("token"), auth.get("projector_key")
    if isinstance(key, str) and key and key == session.projector_key:
        return Client(session_id, "projector")
    if isinstance(token, str) and token:
        staff = staff_from_token(token, scopes=("api", "live"))
        if staff is not None:
            audience = "projector" if auth.get("view") == "projector" else "staff"
            join_room(staff_room(staff.id))  # where staff_access_changed finds this socket
            return Client(session_id, audience, staff_id=staff.id, staff_role=staff.role,
                          can_steer=audience == "staff" and can_steer(staff, session),
                          staff_stamp=staff.auth_version)
        participant = sessions.participant_from_token(token)
        if participant is not None and participant.session_id == session_id:
            if participant.is_removed:
                raise _refuse("participant_removed", "The facilitator removed you from this session.")
            return Client(session_id, "participant", participant_id=participant.id, sector=participant.sector,
                          token_hash=participant.token_hash)
    if token is None and key is None and auth.get("view") == "join":
        # A phone on the join form: the socket opens while the person types, and `join` makes it a
        # participant's with no further round trip. It may do nothing else and is sent nothing.
        return Client(session_id, "visitor")
    raise _refuse("unauthorized", "The token is not valid for this session.")


def _staff_access_ended(client: Optional[Client]) -> bool:
    """Whether the socket's staff account was disabled, re-roled or re-passworded since connect;
    if so the socket is forgotten and disconnected (the refusal still reaches it as the ack)."""
    if client is None or client.staff_id is None or staff_access_holds(client.staff_id, client.staff_stamp):
        return False
    _clients.pop(request.sid, None)
    socketio.start_background_task(_disconnect_soon, request.sid)
    return True


def _disconnect_soon(sid: str) -> None:
    socketio.sleep(0.05)  # the refusal's ack leaves first
    socketio.server.disconnect(sid, namespace=NAMESPACE)


@socketio.on("connect", namespace=NAMESPACE)
def on_connect(auth=None):
    """Any client connects with auth {token | projector_key, session_id}; answered by `state`.
    A database that cannot be read right now refuses the connection `storage_unavailable` (the
    phone tries again), never with a traceback."""
    try:
        client = _identify(auth)
        client.lang = _language(auth)
        if client.audience == "visitor":
            db.session.commit()
            _clients[request.sid] = client
            return
        with turn():
            session = db.session.get(Session, client.session_id)
            state = snapshot(session, client.audience)
            if client.participant_id:
                state = for_participant(state, db.session.get(Participant, client.participant_id))
        if client.participant_id:
            join_room(participant_room(client.participant_id))
        db.session.commit()
    except ConnectionRefusedError:
        db.session.rollback()
        raise
    except Exception as exc:
        db.session.rollback()
        unavailable = storage.refusal_for(exc)
        if unavailable is None:
            raise
        raise _refuse(unavailable.code, unavailable.message) from None
    _clients[request.sid] = client
    join_room(room(client.session_id, client.audience))
    socketio.emit("state", state, to=request.sid, namespace=NAMESPACE)
    if client.participant_id:
        _presence(client, +1)


def _presence(client: Client, delta: int) -> None:
    """Count a phone's socket in or out; the console hears when a person comes or goes."""
    if presence().change(client.session_id, client.participant_id, delta):
        socketio.emit("presence", {"participant_id": client.participant_id, "online": delta > 0},
                      to=room(client.session_id, "staff"), namespace=NAMESPACE)


@socketio.on("disconnect", namespace=NAMESPACE)
def on_disconnect(*_args):
    """The socket went away; the participant stays joined and can reconnect."""
    client = _clients.pop(request.sid, None)
    if client is not None and client.participant_id:
        _presence(client, -1)


def live_event(*, audience: tuple[str, ...] = (), steer: bool = False, schema: type[ins.Schema] = ins.Empty):
    """Wrap a handler: check who may send it, validate its data with `schema` before any work, ack
    errors, never leak a traceback for bad input."""

    def decorator(handler: Callable[[Client, dict], dict]):
        loader = schema()

        @wraps(handler)
        def wrapped(data=None, *_extra):
            client = _clients.get(request.sid)
            try:
                if client is None:
                    raise Unauthorized("unauthorized", "Connect again: this socket is not identified.")
                if _staff_access_ended(client):
                    raise Unauthorized("access_revoked", "Your staff access changed: log in again.")
                if steer and not client.can_steer:
                    raise Forbidden("forbidden", "Only the session's facilitators (or an admin) can do this.")
                if audience and client.audience not in audience:
                    raise Forbidden("forbidden", "This event is not for your role.")
                if data is None:
                    data = {}
                if not isinstance(data, dict):
                    raise Refusal("invalid_payload", "The event's data must be an object.")
                data = _validated(loader, data, client)
                result = handler(client, data)
                return {"ok": True, **(result or {})}
            except Refusal as exc:
                db.session.rollback()
                refusals.refused(exc.code, f"event {handler.__name__}", request.remote_addr)
                with force_locale(client.lang if client else "es"):
                    return {"ok": False, "error": exc.payload()}
            except Exception as exc:  # noqa: BLE001 - a bug: log it, tell the client, keep serving
                db.session.rollback()
                if (unavailable := storage.refusal_for(exc)) is not None:  # a full disk is no bug
                    with force_locale(client.lang if client else "es"):
                        return {"ok": False, "error": unavailable.payload()}
                log.exception("live event %s failed", handler.__name__)
                return {"ok": False, "error": {"code": "server_error", "message": "The server could not do that."}}

        socketio.on_event(handler.__name__, wrapped, namespace=NAMESPACE)
        return wrapped

    return decorator


def _validated(schema: ins.Schema, data: dict, client: Optional[Client]) -> dict:
    """The event's data as its schema reads it, or a refusal naming the first bad field."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        with force_locale(client.lang if client else "es"):
            detail = "; ".join(f"{name}: {' '.join(translate_message(m) for m in _texts(problem))}"
                               for name, problem in exc.messages.items())
        raise Refusal(ins.refusal_code(schema, exc), "The event's data is not valid: %(detail)s.",
                      detail=detail[:300], extra={"fields": exc.messages}) from None


def _texts(problem) -> list[str]:
    """marshmallow's messages for one field, flattened to strings."""
    if isinstance(problem, dict):
        return [text for value in problem.values() for text in _texts(value)]
    if isinstance(problem, list):
        return [text for value in problem for text in _texts(value)]
    return [str(problem)]


def _session(client: Client) -> Session:
    return db.session.get(Session, client.session_id)


def _participant(client: Client) -> Participant:
    """The socket's participant, still on this phone and not removed (else the event is refused)."""
    participant = db.session.get(Participant, client.participant_id)
    if participant is None or participant.token_hash != client.token_hash:
        raise Unauthorized("signed_out", "You continued on another phone; this one no longer takes part.")
    if participant.is_removed:
        raise Forbidden("participant_removed", "The facilitator removed you from this session.")
    return participant


def _staff(client: Client) -> Optional[StaffUser]:
    return db.session.get(StaffUser, client.staff_id) if client.staff_id else None


# --- Phones ---------------------------------------------------------------------------------


@live_event(audience=("participant",), schema=ins.VoteIn)
def vote(client: Client, data: dict) -> dict:
    """Phone → server: {round_id, value, client_vote_id}; acked once the vote is stored."""
    if not limits().votes.allow(client.participant_id):
        raise TooMany("rate_limited", "Too many votes in a short time; wait a moment and try again.")
    voter = voting.Voter(client.participant_id, client.session_id, client.sector, client.token_hash)
    ack = votequeue.queue().cast(voting.VoteRequest(voter, data["round_id"], data["value"], data["client_vote_id"]))
    return {key: value for key, value in ack.items() if key != "ok"}


@live_event(audience=("participant",), schema=ins.CommentIn)
def comment(client: Client, data: dict) -> dict:
    """Phone → server: {body, item_id?, anonymous?}; the comment goes to the wall unless moderated.
    `anonymous: true` only where the facilitator allows it (else refused, nothing stored)."""
    if not limits().comments.allow(client.participant_id):
        raise Refusal("rate_limited", "You are commenting very fast; wait a minute and try again.")
    new = discussion.add_comment(_participant(client), data["body"], data["item_id"], data["anonymous"])
    return {"comment_id": new.id}


@live_event(audience=("participant",), schema=ins.UpvoteIn)
def upvote(client: Client, data: dict) -> dict:
    """Phone → server: {comment_id}; one up-vote per person per comment (repeats are no-ops)."""
    if not limits().upvotes.allow(client.participant_id):
        raise Refusal("rate_limited", "Too many up-votes in a short time.")
    target, _added = discussion.upvote(_participant(client), data["comment_id"])
    return {"comment_id": target.id, "upvotes": target.upvotes}


@live_event(audience=("participant",), schema=ins.ProposeIn)
def propose(client: Client, data: dict) -> dict:
    """Phone → server: {kind, title, description?}; waits for a facilitator to accept it."""
    if not limits().proposals.allow(client.participant_id):
        raise Refusal("rate_limited", "You have sent several proposals; wait a few minutes.")
    proposal = discussion.propose(_participant(client), data["kind"], data["title"], data["description"])
    return {"proposal_id": proposal.id}


@live_event(audience=("visitor",), schema=JoinInSchema)
def join(client: Client, data: dict) -> dict:
    """Phone on the join form → server: POST /api/v1/join's body over the socket opened while the person
    typed. Acked with the join's answer and the phone's first `state` (no connect round trips left);
    from then on the socket is that participant's."""
    session = _session(client)
    if session is None or sessions.session_by_code(data["code"]) is not session:
        raise Refusal("unknown_code", "No session has that code. Check the code on the screen.")
    entry = sessions.join_with(data, request.remote_addr)
    participant = entry.participant
    client.audience, client.participant_id = "participant", participant.id
    client.sector, client.token_hash = participant.sector, participant.token_hash
    # into the rooms before the snapshot: nothing sent after it is missed
    join_room(participant_room(participant.id))
    join_room(room(client.session_id, "participant"))
    with turn():
        state = for_participant(snapshot(session, "participant"), participant)
    db.session.commit()
    _presence(client, +1)  # a phone that joined over its socket is connected now, as one that connected joined
    return {**sessions.join_answer(entry), "state": state}


# --- Staff ----------------------------------------------------------------------------------


@live_event(steer=True)
def start_session(client: Client, data: dict) -> dict:
    """Facilitator → server: make the session live."""
    sessions.transition(_session(client), "live", _staff(client))
    return {}


@live_event(steer=True)
def end_session(client: Client, data: dict) -> dict:
    """Facilitator → server: close the session (and any open round)."""
    sessions.transition(_session(client), "closed", _staff(client))
    return {}


@live_event(steer=True, schema=ins.OpenRoundIn)
def open_round(client: Client, data: dict) -> dict:
    """Facilitator → server: {item_ids, method, quorum?, threshold?, cross_sector?, anonymous?,
    results?, dots?, seconds?}: create and open a round in one step."""
    options = dict(data)
    seconds = options.pop("seconds")
    round_ = voting.create_round(_session(client), staff=_staff(client), open_now=True, seconds=seconds, **options)
    return {"round_id": round_.id}


@live_event(steer=True, schema=ins.RoundRef)
def close_round(client: Client, data: dict) -> dict:
    """Facilitator → server: {round_id}; freezes the tally and computes the outcome."""
    round_ = voting.round_in_session(data["round_id"], client.session_id)
    voting.close_round(round_, staff=_staff(client))
    return {"round_id": round_.id, "outcome": round_.outcome}


@live_event(steer=True, schema=ins.RevealIn)
def reveal(client: Client, data: dict) -> dict:
    """Facilitator → server: {round_id, revealed: bool}; show or hide results of a hidden round."""
    round_ = voting.round_in_session(data["round_id"], client.session_id)
    voting.set_revealed(round_, data["revealed"], staff=_staff(client))
    return {}


@live_event(steer=True, schema=ins.TimerIn)
def timer(client: Client, data: dict) -> dict:
    """Facilitator → server: {round_id, seconds}; start (seconds > 0) or stop (0) the countdown."""
    round_ = voting.round_in_session(data["round_id"], client.session_id)
    voting.set_timer(round_, data["seconds"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.SetItemIn)
def set_item(client: Client, data: dict) -> dict:
    """Facilitator → server: {item_id | null}; the item under discussion on phones and projector."""
    discussion.set_current_item(_session(client), data["item_id"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.ProjectorViewIn)
def projector_view(client: Client, data: dict) -> dict:
    """Facilitator → server: {join?: bool, theme?: "light"|"dark"}; the room's screen shows its
    full-screen join screen (or leaves it) and takes the theme. Nothing is stored: a display
    command, relayed to the projectors (which remember the theme) and the other consoles."""
    view = {key: data[key] for key in ("join", "theme") if data.get(key) is not None}
    projector_view_relay(client.session_id, view)
    return {"view": view}


@live_event(steer=True, schema=ins.ModerateIn)
def moderate(client: Client, data: dict) -> dict:
    """Facilitator → server: {comment_id, hidden?, pinned?}."""
    discussion.moderate(client.session_id, data["comment_id"], data["hidden"], data["pinned"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.HandleProposalIn)
def handle_proposal(client: Client, data: dict) -> dict:
    """Facilitator → server: {proposal_id, accept: bool}; accepting adds the item to the agenda."""
    item = discussion.handle_proposal(_session(client), data["proposal_id"], data["accept"], _staff(client))
    return {"item_id": item.id if item else None}


@live_event(steer=True, schema=ins.DecideIn)
def decide(client: Client, data: dict) -> dict:
    """Facilitator → server: {item_id, outcome, reason?, into?}; an override of the computed outcome
    needs a reason, and so does a merge (outcome "merged" into the item `into`)."""
    item = db.session.get(Item, data["item_id"])
    if item is None:
        raise Refusal("unknown_item", "No such item.")
    decision = voting.record_decision(_session(client), item, data["outcome"], data["reason"], _staff(client),
                                      round_id=data["round_id"], into=data["into"])
    return {"decision_id": decision.id, "outcome": decision.outcome}


@live_event(steer=True, schema=ins.RemoveIn)
def remove_participant(client: Client, data: dict) -> dict:
    """Facilitator → server: {participant_id, reason}; their votes stop counting."""
    participants.remove(_session(client), data["participant_id"], data["reason"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.ParticipantRef)
def admit_participant(client: Client, data: dict) -> dict:
    """Facilitator → server: {participant_id}; a waiting participant may vote."""
    participants.admit(_session(client), data["participant_id"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.CorrectSectorIn)
def correct_sector(client: Client, data: dict) -> dict:
    """Facilitator → server: {participant_id, sector, reason?}."""
    participants.correct_sector(_session(client), data["participant_id"], data["sector"], data["reason"],
                                _staff(client))
    return {}


@live_event(steer=True, schema=ins.MergeIn)
def merge_participants(client: Client, data: dict) -> dict:
    """Facilitator → server: {keep_id, duplicate_id, reason?}; one person who joined twice."""
    participants.merge(_session(client), data["keep_id"], data["duplicate_id"], data["reason"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.AdmissionIn)
def set_admission(client: Client, data: dict) -> dict:
    """Facilitator → server: {required: bool}; admit each new participant before they vote."""
    participants.set_requires_admission(_session(client), data["required"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.AnonymousCommentsIn)
def set_anonymous_comments(client: Client, data: dict) -> dict:
    """Facilitator → server: {allowed: bool}; whether phones may comment anonymously."""
    discussion.set_anonymous_comments(_session(client), data["allowed"], _staff(client))
    return {}


@live_event(steer=True, schema=ins.AdvanceIn)
def advance(client: Client, data: dict) -> dict:
    """Facilitator → server: {step}: take the run-of-show's next step (start, discuss, open the planned
    round, close, next, end) if it is still `step`; refused `step_changed` otherwise."""
    step = runshow.advance(_session(client), data["step"], _staff(client))
    return {"step": step}


@live_event(steer=True, schema=ins.ProjectorModeIn)
def projector_mode(client: Client, data: dict) -> dict:
    """Facilitator → server: {mode: "join" | "auto"}: the join screen full size on the projector, or back."""
    runshow.set_projector_mode(_session(client), data["mode"], _staff(client))
    return {}
