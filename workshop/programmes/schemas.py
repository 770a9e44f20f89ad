"""Schemas of programmes, initiatives and items: they validate the API and the pages alike,
and the OpenAPI document is generated from them."""
from __future__ import annotations

from marshmallow import fields, validate

from ..accounts.auth import current_actor
from ..api.core import Schema
from .models import BUDGET_SOURCES, HORIZONS, ITEM_KINDS, ITEM_STATUSES

_text = lambda n, **kw: fields.String(validate=validate.Length(max=n), **kw)  # noqa: E731
_required = lambda n, **kw: fields.String(  # noqa: E731
    required=True, validate=validate.Length(min=1, max=n, error="Must be between {min} and {max} characters."), **kw
)


class ProgrammeInSchema(Schema):
    name = _required(200)
    institution = _text(200, load_default="")
    start_year = fields.Integer(load_default=None, allow_none=True, strict=False,
                                validate=validate.Range(min=1900, max=2200), metadata={
                                    "description": "The year the roadmaps' horizons count from (null: no years)."})
    short_horizon_years = fields.Integer(load_default=2, strict=False, validate=validate.Range(min=1, max=100),
                                         metadata={"description": "Short term: due within this many years."})
    medium_horizon_years = fields.Integer(load_default=5, strict=False, validate=validate.Range(min=1, max=100))
    long_horizon_years = fields.Integer(load_default=10, strict=False, validate=validate.Range(min=1, max=100))
    description = _text(5000, load_default="")
    description_en = _text(5000, load_default="")


class ProgrammeUpdateSchema(ProgrammeInSchema):
    """Partial update: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class InitiativeInSchema(Schema):
    name = _required(200)
    name_en = _text(200, load_default="")
    value_chain = _text(200, load_default="")
    value_chain_en = _text(200, load_default="")
    region = _text(200, load_default="")
    summary = _text(5000, load_default="")
    summary_en = _text(5000, load_default="")


class InitiativeUpdateSchema(InitiativeInSchema):
    """Partial update: only the fields sent change."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


class ItemInSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(ITEM_KINDS))
    title = _required(300)
    title_en = _text(300, load_default="")
    description = _text(5000, load_default="")
    description_en = _text(5000, load_default="")
    axis = _text(200, load_default="")
    axis_en = _text(200, load_default="")
    horizon = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(HORIZONS))
    lead_institution = _text(300, load_default="")
    partners = _text(2000, load_default="")
    indicator = _text(2000, load_default="")
    indicator_en = _text(2000, load_default="")
    budget_pen = fields.Integer(load_default=None, allow_none=True, strict=False,
                                validate=validate.Range(min=0, max=10**12))
    budget_source = fields.String(load_default=None, allow_none=True, validate=validate.OneOf(BUDGET_SOURCES),
                                  metadata={"description": "Who pays: public, private or mixed."})
    budget_price_year = fields.Integer(load_default=None, allow_none=True, strict=False,
                                       validate=validate.Range(min=1900, max=2200),
                                       metadata={"description": "The year the budget's prices are of."})
    baseline = _text(500, load_default="", metadata={"description": "The indicator's value at the start."})
    target = _text(500, load_default="", metadata={"description": "The indicator's value to reach."})
    target_year = fields.Integer(load_default=None, allow_none=True, strict=False,
                                 validate=validate.Range(min=1900, max=2200),
                                 metadata={"description": "The year the target is due."})
    verification = _text(2000, load_default="", metadata={"description": "Means of verification."})


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
    initiatives = fields.List(fields.Nested(InitiativeOutSchema))


class ItemListQuerySchema(Schema):
    include_archived = fields.Boolean(load_default=False)
