"""Schemas of sessions and joining."""
from __future__ import annotations

from marshmallow import fields, validate

from ..api.core import Id, Schema
from .models import SECTORS, SEXES


class SessionInSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=300))
    phase = fields.Integer(required=True, validate=validate.Range(min=1, max=9))
    starts_at = fields.DateTime(load_default=None, allow_none=True)
    place = fields.String(load_default="", validate=validate.Length(max=300))
    status = fields.String(load_default="draft", validate=validate.OneOf(("draft", "scheduled")))
    item_ids = fields.List(Id(), load_default=list)
    facilitator_ids = fields.List(Id(), load_default=list)


class SessionUpdateSchema(Schema):
    title = fields.String(validate=validate.Length(min=1, max=300))
    starts_at = fields.DateTime(allow_none=True)
    place = fields.String(validate=validate.Length(max=300))
    status = fields.String(validate=validate.OneOf(("draft", "scheduled")))
    item_ids = fields.List(Id(), metadata={"description": "The whole agenda, in order."})
    facilitator_ids = fields.List(Id())
    requires_admission = fields.Boolean(metadata={"description": "The facilitator admits each new participant "
                                                                 "before they may vote."})


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
    reason = fields.String(load_default="", validate=validate.Length(max=500))


class ParticipantUpdateSchema(Schema):
    sector = fields.String(required=True, validate=validate.OneOf(SECTORS))
    reason = fields.String(load_default="", validate=validate.Length(max=500))


class MergeSchema(Schema):
    keep_id = Id(required=True)
    duplicate_id = Id(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=500))


class JoinInSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=20))
    name = fields.String(load_default=None, validate=validate.Length(max=120))
    organisation = fields.String(load_default=None, validate=validate.Length(max=200))
    sector = fields.String(load_default=None, validate=validate.OneOf(SECTORS))
    region = fields.String(load_default="", validate=validate.Length(max=120))
    sex = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SEXES), metadata={
        "description": "Optional: female, male, other or undisclosed (\"prefer not to say\"); left out, not asked. "
                       "Reported only in aggregate, small groups withheld."})
    participant_token = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    personal_code = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20),
                                  metadata={"description": "The code shown on the person's first phone: proves "
                                                           "who they are when they join again on a new phone."})


class JoinOutSchema(Schema):
    participant_token = fields.String()
    session_id = fields.Integer()
    participant_id = fields.Integer()
    is_new = fields.Boolean()
    personal_code = fields.String(metadata={"description": "Show it to the person: with it they can continue "
                                                           "on another phone."})
    admitted = fields.Boolean(metadata={"description": "False while the facilitator has not admitted them "
                                                       "(sessions that require admission): they cannot vote yet."})
