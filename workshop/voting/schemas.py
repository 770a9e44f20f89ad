"""Schemas of rounds and decisions."""
from __future__ import annotations

from marshmallow import fields, validate

from ..api.core import Bool, Choice, Id, Int, LongText, Number, Schema
from .models import METHODS


class RoundInSchema(Schema):
    item_ids = fields.List(Id(), required=True, validate=validate.Length(min=1, max=100))
    method = Choice(METHODS, required=True)
    quorum = Int(load_default=0, validate=validate.Range(min=0, max=100000))
    threshold = Number(load_default=0.5, validate=validate.Range(min=0, max=1))
    cross_sector = Bool(load_default=False)
    anonymous = Bool(load_default=True)
    results = Choice(("live", "hidden"), load_default="live")
    dots = Int(load_default=None, allow_none=True, validate=validate.Range(min=1, max=1000),
                          metadata={"description": "Dot budget per participant (dots only; default 2 per item)."})


class RoundOpenSchema(Schema):
    seconds = Int(load_default=None, allow_none=True, validate=validate.Range(min=5, max=3600),
                             metadata={"description": "Optional countdown shown on the projector and phones."})


class RoundOutSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    state = fields.String(metadata={"enum": ["draft", "open", "closed"]})
    method = fields.String()
    item_ids = fields.List(fields.Integer())
    quorum = fields.Integer()
    threshold = fields.Float()
    cross_sector = fields.Boolean(attribute="is_cross_sector")
    anonymous = fields.Boolean(attribute="is_anonymous")
    results = fields.String()
    is_revealed = fields.Boolean()
    dots = fields.Integer(attribute="dots_budget", allow_none=True)
    opened_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    timer_ends_at = fields.DateTime(allow_none=True)
    tally = fields.Dict(metadata={"description": "total, the method's figures and by_sector"})
    outcome = fields.String(allow_none=True, metadata={"enum": ["agreed", "rejected", "no_quorum"]})
    explanation = fields.String(allow_none=True)
    outcome_detail = fields.Dict(allow_none=True)


class DecisionInSchema(Schema):
    session_id = Id(required=True)
    round_id = Id(load_default=None, allow_none=True,
                  metadata={"description": "The closed round the decision refers to (default: the item's "
                                           "latest own round in the session)."})
    outcome = Choice(("agreed", "rejected", "deferred", "merged"), required=True,
                     metadata={"description": "merged: the item says what another one says; name that one in "
                                              "`into` and give a reason."})
    reason = LongText(2000, load_default="")
    into = Id(load_default=None, allow_none=True,
              metadata={"description": "With outcome merged: the item of the same initiative it is merged into."})


class DecisionOutSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    item_id = fields.Integer()
    outcome = fields.String()
    computed_outcome = fields.String(allow_none=True)
    is_override = fields.Boolean()
    reason = fields.String()
    round_id = fields.Integer(allow_none=True)
    decided_by = fields.Function(lambda d: d.decided_by.name if d.decided_by else None, allow_none=True)
    decided_at = fields.DateTime()
    #: A merge's other item.
    merged_into_id = fields.Integer(allow_none=True)
    merged_into_code = fields.Function(lambda d: d.merged_into.code if d.merged_into else None, allow_none=True)


class _ItemRefSchema(Schema):
    id = fields.Integer()
    code = fields.String(allow_none=True)
    kind = fields.String()
    title = fields.String()
    status = fields.String()


class _SessionRefSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    phase = fields.Function(lambda s: s.phase.number)
    status = fields.String()
    starts_at = fields.DateTime(allow_none=True)
    place = fields.String()
    started_at = fields.DateTime(allow_none=True)
    ended_at = fields.DateTime(allow_none=True)


class _CommentRefSchema(Schema):
    id = fields.Integer()
    session_id = fields.Integer()
    item_id = fields.Integer(allow_none=True)
    body = fields.String()
    upvotes = fields.Integer()
    #: Sent anonymously: whoever renders it names nobody (this list names no author anyway).
    anonymous = fields.Boolean(attribute="is_anonymous")
    created_at = fields.DateTime()


class ItemHistorySchema(Schema):
    item = fields.Nested(_ItemRefSchema)
    merged_from = fields.List(fields.Nested(_ItemRefSchema), metadata={
        "description": "Items merged into this one: their rounds, comments and decisions are listed here too."})
    merged_into = fields.Nested(_ItemRefSchema, allow_none=True, metadata={
        "description": "The item this one was merged into, if any."})
    item_ids = fields.List(fields.Integer(), metadata={"description": "The item and those merged into it."})
    sessions = fields.List(fields.Nested(_SessionRefSchema))
    rounds = fields.List(fields.Nested(RoundOutSchema))
    comments = fields.List(fields.Nested(_CommentRefSchema))
    decisions = fields.List(fields.Nested(DecisionOutSchema))

