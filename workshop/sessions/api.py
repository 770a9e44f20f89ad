"""API: sessions, their lifecycle and agenda, and joining from a phone."""
from __future__ import annotations

from flask import request
from sqlalchemy import select

from ..accounts.auth import api_staff_required, current_actor
from ..accounts.models import StaffUser
from ..accounts.permissions import can_plan_sessions, require_steer
from ..api.core import STAFF, Blueprint, get_or_404
from ..extensions import db
from ..programmes.models import Initiative, Programme
from ..refusals import Refusal
from . import participants, plan, services
from .models import AgendaEntry, Session
from .schemas import (
    DefaultsInSchema,
    DefaultsOutSchema,
    JoinInSchema,
    JoinOutSchema,
    MergeSchema,
    ParticipantOutSchema,
    ParticipantsOutSchema,
    ParticipantUpdateSchema,
    PlanInSchema,
    PlanOutSchema,
    ReasonSchema,
    SessionDetailSchema,
    SessionInSchema,
    SessionUpdateSchema,
)

blp = Blueprint("api_sessions", __name__, description="Sessions and joining")


def _facilitators(ids: list[int]) -> list[StaffUser]:
    users = db.session.scalars(select(StaffUser).where(StaffUser.id.in_(ids))).all() if ids else []
    if len(users) != len(set(ids)):
        raise Refusal("unknown_staff", "facilitator_ids names a staff account that does not exist.")
    return list(users)


def _steerable(session_id: int) -> Session:
    session = get_or_404(Session, session_id, "session")
    require_steer(current_actor().staff, session)
    return session


@blp.post("/initiatives/<int:initiative_id>/sessions")
@api_staff_required(can_plan_sessions)
@blp.arguments(SessionInSchema)
@blp.response(201, SessionDetailSchema)
@blp.doc(security=STAFF)
def create_session(data, initiative_id):
    """Create a session of an initiative in a phase, with its agenda (facilitator)."""
    initiative = get_or_404(Initiative, initiative_id, "initiative")
    staff = current_actor().staff
    # The creator runs the session unless others are named.
    facilitators = _facilitators(data["facilitator_ids"]) if data["facilitator_ids"] else [staff]
    return services.create_session(initiative, phase_number=data["phase"], title=data["title"],
                                   starts_at=data["starts_at"], place=data["place"], status=data["status"],
                                   facilitators=facilitators, item_ids=data["item_ids"], staff=staff)


@blp.get("/sessions/<int:session_id>")
@api_staff_required()
@blp.response(200, SessionDetailSchema)
@blp.doc(security=STAFF)
def get_session(session_id):
    """A session with its agenda (staff)."""
    return get_or_404(Session, session_id, "session")


@blp.patch("/sessions/<int:session_id>")
@api_staff_required()
@blp.arguments(SessionUpdateSchema)
@blp.response(200, SessionDetailSchema)
@blp.doc(security=STAFF)
def update_session(data, session_id):
    """Change a session's details or its whole agenda (facilitator)."""
    return services.update_session(_steerable(session_id), data, current_actor().staff)


@blp.post("/sessions/<int:session_id>/start")
@api_staff_required()
@blp.response(200, SessionDetailSchema)
@blp.doc(security=STAFF)
def start(session_id):
    """Make the session live: phones can join from now on (facilitator)."""
    return services.transition(_steerable(session_id), "live", current_actor().staff)


@blp.post("/sessions/<int:session_id>/end")
@api_staff_required()
@blp.response(200, SessionDetailSchema)
@blp.doc(security=STAFF)
def end(session_id):
    """Close the session; rounds still open are closed with it (facilitator)."""
    return services.transition(_steerable(session_id), "closed", current_actor().staff)


@blp.post("/join")
@blp.arguments(JoinInSchema)
@blp.response(200, JoinOutSchema)
def join(data):
    """Join a live session by its code. Sending the participant_token again returns the same participant;
    a `stakeholder_token` (pass) or `invitation_token` joins as that person without the form."""
    return services.join_answer(services.join_with(data, request.remote_addr))


# --- Who is in the room ------------------------------------------------------------------------


@blp.get("/sessions/<int:session_id>/participants")
@api_staff_required()
@blp.response(200, ParticipantsOutSchema)
@blp.doc(security=STAFF)
def list_participants(session_id):
    """Everyone who joined (removed and merged ones included, marked), and possible duplicates."""
    session = get_or_404(Session, session_id, "session")
    people = sorted(session.participants, key=lambda p: p.id)
    return {"participants": people, "possible_duplicates": participants.possible_duplicates(session.id)}


@blp.post("/sessions/<int:session_id>/participants/<int:participant_id>/remove")
@api_staff_required()
@blp.arguments(ReasonSchema)
@blp.response(200, ParticipantOutSchema)
@blp.doc(security=STAFF)
def remove_participant(data, session_id, participant_id):
    """Remove a participant (a test join, a mistake): their votes stop counting in every tally and
    document; the reason goes into the event log."""
    return participants.remove(_steerable(session_id), participant_id, data["reason"], current_actor().staff)


@blp.post("/sessions/<int:session_id>/participants/<int:participant_id>/admit")
@api_staff_required()
@blp.response(200, ParticipantOutSchema)
@blp.doc(security=STAFF)
def admit_participant(session_id, participant_id):
    """Let a waiting participant vote (sessions that require admission)."""
    return participants.admit(_steerable(session_id), participant_id, current_actor().staff)


@blp.patch("/sessions/<int:session_id>/participants/<int:participant_id>")
@api_staff_required()
@blp.arguments(ParticipantUpdateSchema)
@blp.response(200, ParticipantOutSchema)
@blp.doc(security=STAFF)
def correct_participant(data, session_id, participant_id):
    """Correct a participant's sector; their votes in the session are tallied under it."""
    return participants.correct_sector(_steerable(session_id), participant_id, data["sector"], data["reason"],
                                       current_actor().staff)


@blp.post("/sessions/<int:session_id>/participants/merge")
@api_staff_required()
@blp.arguments(MergeSchema)
@blp.response(200, ParticipantOutSchema)
@blp.doc(security=STAFF)
def merge_participants(data, session_id):
    """Merge a duplicate into the participant to keep; both histories stay in the event log."""
    return participants.merge(_steerable(session_id), data["keep_id"], data["duplicate_id"], data["reason"],
                              current_actor().staff)


# --- The run-of-show ------------------------------------------------------------------------------


def _plan_view(session: Session, entry: AgendaEntry) -> dict:
    return {"item_id": entry.item_id, "position": entry.position,
            "plan": plan.resolved_plan(session, entry, present=plan.present_count(session.id))}


@blp.get("/sessions/<int:session_id>/agenda")
@api_staff_required()
@blp.response(200, PlanOutSchema(many=True))
@blp.doc(security=STAFF)
def agenda_plan(session_id):
    """The run-of-show: each agenda item's planned round and time budget, resolved (staff)."""
    session = get_or_404(Session, session_id, "session")
    return [_plan_view(session, entry) for entry in session.agenda]


@blp.patch("/sessions/<int:session_id>/agenda/<int:item_id>")
@api_staff_required()
@blp.arguments(PlanInSchema)
@blp.response(200, PlanOutSchema)
@blp.doc(security=STAFF)
def update_agenda_plan(data, session_id, item_id):
    """Plan an agenda item's round and time budget; null puts a field back to the default (facilitator)."""
    session = _steerable(session_id)
    entry = plan.update_plan(session, item_id, data, current_actor().staff)
    return _plan_view(session, entry)


@blp.get("/programmes/<int:programme_id>/round-defaults")
@api_staff_required()
@blp.response(200, DefaultsOutSchema)
@blp.doc(security=STAFF)
def round_defaults(programme_id):
    """The programme's run-of-show defaults by phase (staff)."""
    return plan.programme_defaults(get_or_404(Programme, programme_id, "programme"))


@blp.patch("/programmes/<int:programme_id>/round-defaults")
@api_staff_required(can_plan_sessions)
@blp.arguments(DefaultsInSchema)
@blp.response(200, DefaultsOutSchema)
@blp.doc(security=STAFF)
def update_round_defaults(data, programme_id):
    """Change the programme's defaults of some phases; null puts a field back to Mesa's (facilitator)."""
    return plan.set_programme_defaults(get_or_404(Programme, programme_id, "programme"), data["phases"])
