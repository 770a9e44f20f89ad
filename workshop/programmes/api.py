"""API: programmes, initiatives, items and their import, and programme statistics."""
from __future__ import annotations

from flask import request
from marshmallow import fields
from sqlalchemy import select

from ..accounts.auth import api_staff_required
from ..api.core import ApiError, Blueprint, Schema
from ..extensions import db
from . import services
from .models import Initiative, Item, Programme, visible_items
from .schemas import (
    InitiativeInSchema, InitiativeOutSchema, ItemInSchema, ItemListQuerySchema, ItemOutSchema, ItemUpdateSchema,
    InitiativeUpdateSchema, ProgrammeInSchema, ProgrammeOutSchema, ProgrammeUpdateSchema,
)
from .stats import programme_stats

blp = Blueprint("api_programmes", __name__, description="Programmes, initiatives and items")
STAFF = [{"staffToken": []}]
PREPARERS = ("facilitator", "secretariat")


def get_or_404(model, id_: int, what: str):
    obj = db.session.get(model, id_)
    if obj is None:
        raise ApiError(404, "not_found", f"No {what} with id {id_}.")
    return obj


class ImportOutSchema(Schema):
    created = fields.Integer()
    items = fields.List(fields.Nested(ItemOutSchema))


@blp.get("/programmes")
@blp.response(200, ProgrammeOutSchema(many=True))
def list_programmes():
    """Programmes with their initiatives and sessions (ids, names, phase, status, join code)."""
    return db.session.scalars(select(Programme).order_by(Programme.id)).all()


@blp.post("/programmes")
@api_staff_required("admin")
@blp.arguments(ProgrammeInSchema)
@blp.response(201, ProgrammeOutSchema)
@blp.doc(security=STAFF)
def create_programme(data):
    """Create a programme (admin)."""
    return services.create_programme(data)


@blp.get("/programmes/<int:programme_id>")
@blp.response(200, ProgrammeOutSchema)
def get_programme(programme_id):
    """One programme with its initiatives and sessions."""
    return get_or_404(Programme, programme_id, "programme")


@blp.patch("/programmes/<int:programme_id>")
@api_staff_required("admin")
@blp.arguments(ProgrammeUpdateSchema)
@blp.response(200, ProgrammeOutSchema)
@blp.doc(security=STAFF)
def update_programme(data, programme_id):
    """Change a programme (admin)."""
    return services.update(get_or_404(Programme, programme_id, "programme"), data)


@blp.get("/programmes/<int:programme_id>/stats")
@blp.response(200)
def stats(programme_id):
    """Sessions, distinct stakeholders by sector and items by kind and status, overall and per initiative."""
    return programme_stats(get_or_404(Programme, programme_id, "programme"))


@blp.post("/programmes/<int:programme_id>/initiatives")
@api_staff_required("admin")
@blp.arguments(InitiativeInSchema)
@blp.response(201, InitiativeOutSchema)
@blp.doc(security=STAFF)
def create_initiative(data, programme_id):
    """Add an initiative (with phases 1–3) to a programme (admin)."""
    return services.create_initiative(get_or_404(Programme, programme_id, "programme"), data)


@blp.patch("/initiatives/<int:initiative_id>")
@api_staff_required("admin")
@blp.arguments(InitiativeUpdateSchema)
@blp.response(200, InitiativeOutSchema)
@blp.doc(security=STAFF)
def update_initiative(data, initiative_id):
    """Change an initiative (admin)."""
    return services.update(get_or_404(Initiative, initiative_id, "initiative"), data)


@blp.get("/initiatives/<int:initiative_id>/items")
@blp.arguments(ItemListQuerySchema, location="query")
@blp.response(200, ItemOutSchema(many=True))
def list_items(query, initiative_id):
    """The initiative's action lines and policy reform proposals (archived ones on request)."""
    get_or_404(Initiative, initiative_id, "initiative")
    stmt = visible_items(initiative_id)
    if query["include_archived"]:
        stmt = select(Item).where(Item.initiative_id == initiative_id).order_by(Item.kind, Item.id)
    return db.session.scalars(stmt).all()


@blp.post("/initiatives/<int:initiative_id>/items")
@api_staff_required(*PREPARERS)
@blp.arguments(ItemInSchema)
@blp.response(201, ItemOutSchema)
@blp.doc(security=STAFF)
def create_item(data, initiative_id):
    """Add a candidate item (staff)."""
    return services.create_item(get_or_404(Initiative, initiative_id, "initiative"), data)


@blp.patch("/items/<int:item_id>")
@api_staff_required(*PREPARERS)
@blp.arguments(ItemUpdateSchema)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def update_item(data, item_id):
    """Edit an item's fields (staff)."""
    return services.update(get_or_404(Item, item_id, "item"), data)


@blp.post("/items/<int:item_id>/archive")
@api_staff_required(*PREPARERS)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def archive_item(item_id):
    """Archive an item: it leaves listings and agendas, and stays in the records (staff)."""
    return services.set_archived(get_or_404(Item, item_id, "item"), True)


@blp.post("/items/<int:item_id>/unarchive")
@api_staff_required(*PREPARERS)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def unarchive_item(item_id):
    """Bring an archived item back (staff)."""
    return services.set_archived(get_or_404(Item, item_id, "item"), False)


@blp.post("/initiatives/<int:initiative_id>/items/import")
@api_staff_required(*PREPARERS)
@blp.response(201, ImportOutSchema)
@blp.alt_response(400, description="Rows with errors: nothing was imported; `rows` says which and why.")
@blp.doc(security=STAFF, requestBody={"content": {"multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def import_items(initiative_id):
    """Import candidate items from a CSV or XLSX file (form field `file`); all rows or none."""
    initiative = get_or_404(Initiative, initiative_id, "initiative")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise ApiError(400, "missing_file", "Send the spreadsheet as the multipart field 'file'.")
    try:
        parsed = services.parse_import(upload.filename, upload.read())
    except services.UnreadableFile as exc:
        raise ApiError(400, "unreadable_file", str(exc)) from exc
    if not parsed.ok:
        rows = {str(n): e for n, e in parsed.errors.items()}
        message = (f"{len(rows)} row(s) have errors; nothing was imported." if rows
                   else "The file has no rows below its headings.")
        raise ApiError(400, "invalid_rows", message, rows=rows)
    items = services.import_items(initiative, parsed)
    return {"created": len(items), "items": items}
