"""Schemas of programmes, initiatives and items: they validate the API and the pages alike,
and the OpenAPI document is generated from them."""
from __future__ import annotations

from marshmallow import fields, validate

from ..accounts.auth import current_actor
from ..api.core import Choice, Int, LongText, Name, QueryBool, Schema
from .models import BUDGET_SOURCES, HORIZONS, ITEM_KINDS, ITEM_STATUSES

_text = lambda n, **kw: Name(n, load_default="", **kw)  # noqa: E731 - one line: names, titles, places
_long = lambda n, **kw: LongText(n, load_default="", **kw)  # noqa: E731 - descriptions, summaries
_required = lambda n, **kw: Name(n, required=True, **kw)  # noqa: E731


class ProgrammeInSchema(Schema):
    name = _required(200)
    institution = _text(200)
    description = _long(5000)
    description_en = _long(5000)
    acknowledgement = _long(1000, metadata={
        "description": "The funders' acknowledgement printed on document covers (Spanish)."})
    acknowledgement_en = _long(1000, metadata={"description": "The same in English."})
    start_year = Int(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2200), metadata={
        "description": "The year the roadmaps' horizons count from (null: no years)."})
    short_horizon_years = Int(load_default=2, validate=validate.Range(min=1, max=100),
                              metadata={"description": "Short term: due within this many years."})
    medium_horizon_years = Int(load_default=5, validate=validate.Range(min=1, max=100))
    long_horizon_years = Int(load_default=10, validate=validate.Range(min=1, max=100))


class ProgrammeUpdateSchema(ProgrammeInSchema):
    """Partial update: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class InitiativeInSchema(Schema):
    name = _required(200)
    name_en = _text(200)
    value_chain = _text(200)
    value_chain_en = _text(200)
    region = _text(200)
    summary = _long(5000)
    summary_en = _long(5000)


class InitiativeUpdateSchema(InitiativeInSchema):
    """Partial update: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ItemInSchema(Schema):
    kind = Choice(ITEM_KINDS, required=True)
    title = _required(300)
    title_en = _text(300)
    description = _long(5000)
    description_en = _long(5000)
    axis = _text(200)
    axis_en = _text(200)
    horizon = Choice(HORIZONS, load_default=None, allow_none=True)
    lead_institution = _text(300)
    partners = _long(2000)
    indicator = _long(2000)
    indicator_en = _long(2000)
    budget_pen = Int(load_default=None, allow_none=True, validate=validate.Range(min=0, max=10**12))
    budget_source = Choice(BUDGET_SOURCES, load_default=None, allow_none=True,
                           metadata={"description": "Who pays: public, private or mixed."})
    budget_price_year = Int(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2200),
                            metadata={"description": "The year the budget's prices are of."})
    baseline = _long(500, metadata={"description": "The indicator's value at the start."})
    target = _long(500, metadata={"description": "The indicator's value to reach."})
    target_year = Int(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2200),
                      metadata={"description": "The year the target is due."})
    verification = _long(2000, metadata={"description": "Means of verification."})


class _CellInt(Int):
    """An integer from a spreadsheet cell: a whole number, or a text of digits (CSV cells are text)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value.strip()) <= 20:
            value = int(value.strip())
        return super()._deserialize(value, attr, data, **kwargs)


class ItemImportSchema(ItemInSchema):
    """One row of a spreadsheet import: as an item, with a budget that may be written as text."""

    budget_pen = _CellInt(load_default=None, allow_none=True, validate=validate.Range(min=0, max=10**12))
    budget_price_year = _CellInt(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2200))
    target_year = _CellInt(load_default=None, allow_none=True, validate=validate.Range(min=1900, max=2200))


class ItemUpdateSchema(ItemInSchema):
    """Partial update: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ItemOutSchema(Schema):
    id = fields.Integer()
    initiative_id = fields.Integer()
    kind = fields.String(metadata={"enum": list(ITEM_KINDS)})
    code = fields.String(dump_only=True, metadata={"description": "Stable code in the initiative, e.g. LA-3, RP-2"})
    title = fields.String()
    title_en = fields.String()
    description = fields.String()
    description_en = fields.String()
    axis = fields.String()
    axis_en = fields.String()
    horizon = fields.String(allow_none=True)
    lead_institution = fields.String()
    partners = fields.String()
    indicator = fields.String()
    indicator_en = fields.String()
    budget_pen = fields.Integer(allow_none=True)
    budget_source = fields.String(allow_none=True)
    budget_price_year = fields.Integer(allow_none=True)
    baseline = fields.String()
    target = fields.String()
    target_year = fields.Integer(allow_none=True)
    verification = fields.String()
    status = fields.String(metadata={"enum": list(ITEM_STATUSES)})
    merged_into_id = fields.Integer(allow_none=True)
    is_archived = fields.Boolean()


class SessionOutSchema(Schema):
    id = fields.Integer()
    title = fields.String()
    name = fields.Function(lambda session: session.title, dump_only=True,
                           metadata={"description": "The session's title (alias)"})
    phase = fields.Integer(attribute="phase.number", metadata={"description": "Phase number (1–3)"})
    status = fields.String()
    join_code = fields.Function(
        lambda session: session.join_code if current_actor().staff is not None else None, allow_none=True,
        metadata={"description": "The code phones type to join; only in staff answers (null otherwise): "
                                 "the room reads it off the projector."})
    starts_at = fields.DateTime(allow_none=True)
    place = fields.String()


class InitiativeOutSchema(Schema):
    id = fields.Integer()
    programme_id = fields.Integer()
    name = fields.String()
    name_en = fields.String()
    value_chain = fields.String()
    value_chain_en = fields.String()
    region = fields.String()
    summary = fields.String()
    summary_en = fields.String()
    sessions = fields.List(fields.Nested(SessionOutSchema))


class ProgrammeOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    institution = fields.String()
    start_year = fields.Integer(allow_none=True)
    short_horizon_years = fields.Integer()
    medium_horizon_years = fields.Integer()
    long_horizon_years = fields.Integer()
    description = fields.String()
    description_en = fields.String()
    acknowledgement = fields.String()
    acknowledgement_en = fields.String()
    initiatives = fields.List(fields.Nested(InitiativeOutSchema))


class ItemListQuerySchema(Schema):
    include_archived = QueryBool(load_default=False)
