"""Schemas of the registry: they validate the API, the pages and each imported row alike."""
from __future__ import annotations

import re

from marshmallow import ValidationError, fields, validate

from ..api.core import Bool, Choice, Id, LongText, Name, QueryBool, Schema
from ..sessions.models import SECTORS
from ..util import MAX_ID

#: Most ids in one request (a badge sheet of chosen people).
MAX_IDS = 2000


class QueryInt(fields.Integer):
    """A whole number in a query string: digits only ("1.5", "1e3", "-1", " 1" refused)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,19}", value):
            raise ValidationError("Not a valid integer.")
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValidationError("Out of range.")
        return number


class PersonImportSchema(Schema):
    """One row of an imported list (also what the confirm step sends back)."""

    name = Name(120, required=True)
    organisation = Name(200, required=True)
    sector = Choice(SECTORS, required=True)
    region = Name(120, load_default="")


class PersonInSchema(PersonImportSchema):
    pass


class PersonUpdateSchema(Schema):
    name = Name(120, min_length=1)
    organisation = Name(200, min_length=1)
    sector = Choice(SECTORS)
    region = Name(120)
    registered = Bool(metadata={"description": "true puts a person known only from a session on the registry."})


class PeopleQuerySchema(Schema):
    q = Name(200, load_default="", metadata={"description": "Words of the name or the organisation."})
    page = QueryInt(load_default=1)
    registered = QueryBool(load_default=None, allow_none=True,
                           metadata={"description": "true: only registered people; false: only those known "
                                                    "from sessions."})


class PeopleMergeSchema(Schema):
    keep_id = Id(required=True)
    duplicate_id = Id(required=True)
    reason = LongText(500, load_default="")


class AttendanceSchema(Schema):
    session_id = fields.Integer()
    title = fields.String()
    initiative = fields.String()
    phase = fields.Integer()
    date = fields.DateTime(allow_none=True)
    status = fields.String()


class PersonOutSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    organisation = fields.String()
    sector = fields.String()
    region = fields.String()
    registered = fields.Boolean(attribute="is_registered")
    registered_at = fields.DateTime(allow_none=True)
    invited = fields.Function(lambda p: p.invitation_hash is not None)
    invited_at = fields.DateTime(allow_none=True)
    merged_into_id = fields.Integer(allow_none=True)


class PersonRowSchema(Schema):
    person = fields.Nested(PersonOutSchema)
    sessions = fields.List(fields.Nested(AttendanceSchema))


class ListingSchema(Schema):
    people = fields.List(fields.Nested(PersonRowSchema))
    total = fields.Integer()
    page = fields.Integer()
    pages = fields.Integer()


class PeopleImportRowErrorSchema(Schema):
    row = fields.Integer()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class PeopleImportOutSchema(Schema):
    imported = fields.Boolean(metadata={"description": "false: a preview (or rows with errors); nothing written."})
    rows = fields.List(fields.Dict())
    actions = fields.List(fields.String(), metadata={"description": "Per row: new, register or update."})
    errors = fields.List(fields.Nested(PeopleImportRowErrorSchema))
    unknown_columns = fields.List(fields.String())


class PeopleImportQuerySchema(Schema):
    dry_run = QueryBool(load_default=False, metadata={"description": "true: check and preview only."})


class InvitationOutSchema(Schema):
    person = fields.Nested(PersonOutSchema)
    link = fields.String(allow_none=True, metadata={
        "description": "The personal join link; null when the app's secret key changed since it was made."})


class InvitationsOutSchema(Schema):
    invitations = fields.List(fields.Nested(InvitationOutSchema))


class InviteAllOutSchema(Schema):
    created = fields.Integer()


class BadgeQuerySchema(Schema):
    ids = fields.List(QueryInt(), load_default=list, validate=validate.Length(max=MAX_IDS),
                      metadata={"description": "Only these people (default: everyone invited)."})
    lang = Choice(("es", "en"), load_default="es")


class ExportQuerySchema(BadgeQuerySchema):
    pass
