"""Schemas of sessions and joining."""
from __future__ import annotations

from marshmallow import fields, validate

from ..api.core import Bool, Choice, Id, Int, LongText, Name, Number, Schema, When
from .models import SECTORS, SEXES

#: Most ids in one list (an agenda, the facilitators of a session).
MAX_LIST = 500


class SessionInSchema(Schema):
    title = Name(300, required=True)
    phase = Int(required=True, validate=validate.Range(min=1, max=9))
    starts_at = When(load_default=None, allow_none=True)
    place = Name(300, load_default="")
    status = Choice(("draft", "scheduled"), load_default="draft")
    item_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=MAX_LIST))
    facilitator_ids = fields.List(Id(), load_default=list, validate=validate.Length(max=MAX_LIST))


class SessionUpdateSchema(Schema):
    title = Name(300, min_length=1)
    starts_at = When(allow_none=True)
    place = Name(300)
    status = Choice(("draft", "scheduled"))
    item_ids = fields.List(Id(), validate=validate.Length(max=MAX_LIST),
                           metadata={"description": "The whole agenda, in order."})
    facilitator_ids = fields.List(Id(), validate=validate.Length(max=MAX_LIST))
    requires_admission = Bool(metadata={"description": "The facilitator admits each new participant "
                                                                 "before they may vote."})
    invited_only = Bool(metadata={"description": "Only people on the programme's registry (invited) vote; "
                                                 "others may join to follow and comment."})
    allow_anonymous_comments = Bool(metadata={
        "description": "Phones may comment anonymously (no name, organisation or sector shown anywhere). "
                       "Turning it off keeps earlier anonymous comments anonymous."})


class AgendaItemSchema(Schema):
    id = fields.Integer(attribute="item.id")
    code = fields.String(attribute="item.code")
    kind = fields.String(attribute="item.kind")
    title = fields.String(attribute="item.title")
    title_en = fields.String(attribute="item.title_en")
    status = fields.String(attribute="item.status")
    position = fields.Integer()


class SessionDetailSchema(Schema):
    id = fields.Integer()
    initiative_id = fields.Integer()
    title = fields.String()
    phase = fields.Integer(attribute="phase.number")
    status = fields.String()
    join_code = fields.String()
    starts_at = fields.DateTime(allow_none=True)
    place = fields.String()
    started_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)
    facilitators = fields.List(fields.String(), attribute="facilitator_names")
    requires_admission = fields.Boolean()
    invited_only = fields.Boolean()
    allow_anonymous_comments = fields.Boolean()
    agenda = fields.List(fields.Nested(AgendaItemSchema))


class ParticipantOutSchema(Schema):
    id = fields.Integer()
    name = fields.String(attribute="stakeholder.name")
    organisation = fields.String(attribute="stakeholder.organisation")
    sector = fields.String(attribute="stakeholder.sector")
    admitted = fields.Boolean(attribute="is_admitted")
    removed_at = fields.DateTime(allow_none=True)
    merged_into_id = fields.Integer(allow_none=True)
    joined_at = fields.DateTime()


class ParticipantsOutSchema(Schema):
    participants = fields.List(fields.Nested(ParticipantOutSchema))
    possible_duplicates = fields.List(fields.List(fields.Integer()),
                                      metadata={"description": "Pairs of participant ids that may be one person."})


class ReasonSchema(Schema):
    reason = LongText(500, load_default="")


class ParticipantUpdateSchema(Schema):
    sector = Choice(SECTORS, required=True)
    reason = LongText(500, load_default="")


class MergeSchema(Schema):
    keep_id = Id(required=True)
    duplicate_id = Id(required=True)
    reason = LongText(500, load_default="")


class JoinInSchema(Schema):
    code = Name(20, required=True)
    name = Name(120, load_default=None)
    organisation = Name(200, load_default=None)
    sector = Choice(SECTORS, load_default=None)
    region = Name(120, load_default="")
    sex = Choice(SEXES, load_default=None, allow_none=True, metadata={
        "description": "Optional: female, male, other or undisclosed (\"prefer not to say\"); left out, not asked. "
                       "Reported only in aggregate, small groups withheld."})
    participant_token = Name(200, load_default=None, allow_none=True)
    personal_code = Name(20, load_default=None, allow_none=True,
                                  metadata={"description": "The code shown on the person's first phone: proves "
                                                           "who they are when they join again on a new phone."})
    stakeholder_token = Name(200, load_default=None, allow_none=True, metadata={
        "description": "The pass this phone got on an earlier join in the same programme: joins as the same "
                       "person without name, organisation and sector (they count once across the programme)."})
    invitation_token = Name(64, load_default=None, allow_none=True, metadata={
        "description": "The secret of a personal invitation link (`/i/<token>`): joins as that registered "
                       "person without typing; refused when it is wrong, withdrawn or of another programme."})


class JoinOutSchema(Schema):
    participant_token = fields.String()
    session_id = fields.Integer()
    participant_id = fields.Integer()
    is_new = fields.Boolean()
    personal_code = fields.String(metadata={"description": "Show it to the person: with it they can continue "
                                                           "on another phone."})
    admitted = fields.Boolean(metadata={"description": "False while the facilitator has not admitted them "
                                                       "(sessions that require admission): they cannot vote yet."})
    programme_id = fields.Integer()
    stakeholder_token = fields.String(allow_none=True, metadata={
        "description": "A pass for the programme's other sessions: keep it on the phone and send it as "
                       "`stakeholder_token` on the next join. Null on a rejoin with the participant token."})
    may_vote = fields.Boolean(metadata={"description": "False in an invited-only session for someone not on "
                                                       "the programme's registry: they follow and comment."})


# --- The run-of-show ------------------------------------------------------------------------------


class PlanInSchema(Schema):
    """An agenda item's planned round and time budget; null puts a field back to the phase's default."""

    method = Choice(("approve", "score", "impact_feasibility", "dots", "ranking"), allow_none=True)
    quorum = Int(allow_none=True, validate=validate.Range(min=0, max=100000),
                 metadata={"description": "Votes needed; null: a share of those present (the phase's default)."})
    threshold = Number(allow_none=True, validate=validate.Range(min=0, max=1))
    cross_sector = Bool(allow_none=True)
    anonymous = Bool(allow_none=True)
    results = Choice(("live", "hidden"), allow_none=True)
    dots = Int(allow_none=True, validate=validate.Range(min=1, max=1000))
    seconds = Int(allow_none=True, validate=validate.Range(min=0, max=3600),
                  metadata={"description": "The round's countdown; 0: none."})
    minutes = Int(allow_none=True, validate=validate.Range(min=0, max=600),
                  metadata={"description": "The item's time budget (discussion and vote)."})
    vote_group = Int(allow_none=True, validate=validate.Range(min=1, max=1000),
                     metadata={"description": "Items of the session with the same group are voted together "
                                              "in one dots or ranking round, planned on the group's first item."})


class PlanOutSchema(Schema):
    item_id = fields.Integer()
    position = fields.Integer()
    plan = fields.Dict(metadata={"description": "The resolved plan: every field filled in from the item, "
                                                "the programme's defaults or Mesa's; `own` names the item's."})


class PhaseDefaultsSchema(Schema):
    method = Choice(("approve", "score", "impact_feasibility"), allow_none=True)
    group_method = Choice(("dots", "ranking"), allow_none=True)
    quorum_share = Number(allow_none=True, validate=validate.Range(min=0.01, max=1),
                          metadata={"description": "Quorum as a share of the participants present when the "
                                                   "round opens (at least one vote)."})
    threshold = Number(allow_none=True, validate=validate.Range(min=0, max=1))
    cross_sector = Bool(allow_none=True)
    anonymous = Bool(allow_none=True)
    results = Choice(("live", "hidden"), allow_none=True)
    dots = Int(allow_none=True, validate=validate.Range(min=1, max=1000))
    seconds = Int(allow_none=True, validate=validate.Range(min=0, max=3600))
    minutes = Int(allow_none=True, validate=validate.Range(min=0, max=600))


class DefaultsInSchema(Schema):
    phases = fields.Dict(keys=fields.String(validate=validate.Regexp(r"^[1-9]$")),
                         values=fields.Nested(PhaseDefaultsSchema), required=True,
                         validate=validate.Length(min=1, max=9))


class DefaultsOutSchema(Schema):
    phases = fields.Dict(metadata={"description": "Every phase's defaults, resolved."})
    own = fields.Dict(metadata={"description": "What the programme set (the rest is Mesa's)."})
