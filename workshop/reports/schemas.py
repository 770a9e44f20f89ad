"""Schemas of the programme view: the item search's query and answer, the phase pipeline's body."""
from __future__ import annotations

import marshmallow as ma
from marshmallow import fields

from ..api.core import Bool, Choice, Int, Name, Schema
from ..programmes.models import HORIZONS, ITEM_KINDS, ITEM_STATUSES
from ..programmes.schemas import ItemOutSchema
from ..util import MAX_ID


class QueryId(ma.fields.Integer):
    """A row id in a query string: digits only ("3"), 1 to the largest id; "3.5", "-1", "x" refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
            raise self.make_error("invalid")
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ma.ValidationError(f"Must be between 1 and {MAX_ID}.")
        return number


def _optional_choice(choices):
    return Choice(choices, load_default=None, metadata={"description": "One of: " + ", ".join(choices)})


class ItemSearchQuerySchema(Schema):
    q = Name(200, load_default="", metadata={
        "description": "Words to find (all of them), case and accents ignored, in the code, titles, "
                       "descriptions, axis, lead institution, partners and indicator."})
    initiative = QueryId(load_default=None, metadata={"description": "An initiative id of the programme."})
    kind = _optional_choice(ITEM_KINDS)
    status = _optional_choice(ITEM_STATUSES)
    axis = Name(200, load_default="", metadata={"description": "The strategic axis (Spanish or English), "
                                                              "case and accents ignored."})
    horizon = _optional_choice(HORIZONS)
    lead = Name(300, load_default="", metadata={"description": "Part of the lead institution's name."})


class _InitiativeRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    name_en = fields.String()


class FoundItemSchema(ItemOutSchema):
    initiative = fields.Nested(_InitiativeRefSchema)
    history_url = fields.Function(lambda item: f"/items/{item.id}", metadata={
        "description": "The item's page with its whole history (staff)."})


class ItemSearchOutSchema(Schema):
    total = fields.Integer(metadata={"description": "Items matching (the list stops at 500)."})
    truncated = fields.Boolean()
    items = fields.List(fields.Nested(FoundItemSchema))


class FromPhaseInSchema(Schema):
    phase = Int(load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=100), metadata={
        "description": "The earlier phase whose decisions are carried (default: the phase just before the "
                       "session's)."})
    include_deferred = Bool(load_default=False, metadata={
        "description": "Also bring the items deferred in that phase."})


class FromPhaseOutSchema(Schema):
    session_id = fields.Integer()
    phase = fields.Integer(metadata={"description": "The phase the items came from."})
    added = fields.List(fields.Integer(), metadata={"description": "Item ids put on the agenda, in order."})
    already = fields.List(fields.Integer(), metadata={"description": "Item ids that were on the agenda already."})
    agenda = fields.List(fields.Integer(), metadata={"description": "The whole agenda after the change."})
