"""API: programmes, initiatives, items and their import, and programme statistics."""
from __future__ import annotations

from flask import current_app, request
from marshmallow import fields
from sqlalchemy import select

from .. import offload, safejson
from ..accounts.auth import api_staff_required
from ..accounts.permissions import can_administer, can_prepare
from ..api.core import STAFF, Blueprint, Schema, get_or_404
from ..extensions import db
from ..refusals import Refusal
from . import services
from .models import Initiative, Item, Programme, visible_items
from .schemas import (
    InitiativeInSchema,
    InitiativeOutSchema,
    InitiativeUpdateSchema,
    ItemInSchema,
    ItemListQuerySchema,
    ItemOutSchema,
    ItemUpdateSchema,
    ProgrammeInSchema,
    ProgrammeOutSchema,
    ProgrammeUpdateSchema,
)

blp = Blueprint("api_programmes", __name__, description="Programmes, initiatives and items")


class ImportOutSchema(Schema):
    created = fields.Integer()
    items = fields.List(fields.Nested(ItemOutSchema))


@blp.get("/programmes")
@blp.response(200, ProgrammeOutSchema(many=True))
def list_programmes():
    """Programmes with their initiatives and sessions (ids, names, phase, status, join code)."""
    return db.session.scalars(select(Programme).order_by(Programme.id)).all()


@blp.post("/programmes")
@api_staff_required(can_administer)
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
@api_staff_required(can_administer)
@blp.arguments(ProgrammeUpdateSchema)
@blp.response(200, ProgrammeOutSchema)
@blp.doc(security=STAFF)
def update_programme(data, programme_id):
    """Change a programme (admin)."""
    return services.update(get_or_404(Programme, programme_id, "programme"), data)


@blp.post("/programmes/<int:programme_id>/initiatives")
@api_staff_required(can_administer)
@blp.arguments(InitiativeInSchema)
@blp.response(201, InitiativeOutSchema)
@blp.doc(security=STAFF)
def create_initiative(data, programme_id):
    """Add an initiative (with phases 1–3) to a programme (admin)."""
    return services.create_initiative(get_or_404(Programme, programme_id, "programme"), data)


@blp.patch("/initiatives/<int:initiative_id>")
@api_staff_required(can_administer)
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
@api_staff_required(can_prepare)
@blp.arguments(ItemInSchema)
@blp.response(201, ItemOutSchema)
@blp.doc(security=STAFF)
def create_item(data, initiative_id):
    """Add a candidate item (staff)."""
    return services.create_item(get_or_404(Initiative, initiative_id, "initiative"), data)


@blp.patch("/items/<int:item_id>")
@api_staff_required(can_prepare)
@blp.arguments(ItemUpdateSchema)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def update_item(data, item_id):
    """Edit an item's fields (staff)."""
    return services.update(get_or_404(Item, item_id, "item"), data)


@blp.post("/items/<int:item_id>/archive")
@api_staff_required(can_prepare)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def archive_item(item_id):
    """Archive an item: it leaves listings and agendas, and stays in the records (staff)."""
    return services.set_archived(get_or_404(Item, item_id, "item"), True)


@blp.post("/items/<int:item_id>/unarchive")
@api_staff_required(can_prepare)
@blp.response(200, ItemOutSchema)
@blp.doc(security=STAFF)
def unarchive_item(item_id):
    """Bring an archived item back (staff)."""
    return services.set_archived(get_or_404(Item, item_id, "item"), False)


@blp.post("/initiatives/<int:initiative_id>/items/import")
@api_staff_required(can_prepare)
@blp.response(201, ImportOutSchema)
@blp.alt_response(400, description="Rows with errors: nothing was imported; `rows` says which and why.")
@blp.doc(security=STAFF, requestBody={"content": {"multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}})
def import_items(initiative_id):
    """Import candidate items from a CSV or XLSX file (form field `file`); all rows or none."""
    initiative = get_or_404(Initiative, initiative_id, "initiative")
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Refusal("missing_file", "Send the spreadsheet as the multipart field 'file'.")
    parsed = services.parse_import(upload.filename, upload.read())
    if not parsed.ok:
        rows = {str(n): e for n, e in parsed.errors.items()}
        if not rows:
            raise Refusal("invalid_rows", "The file has no rows below its headings.", extra={"rows": rows})
        raise Refusal("invalid_rows", "Some rows have errors (listed in rows); nothing was imported.",
                      extra={"rows": rows})
    items = services.import_items(initiative, parsed)
    # Listing 60,000 items is seconds of CPU: it runs in an OS thread (plain rows, no database).
    return current_app.response_class(offload.run_long(_import_answer, items), status=201,
                                      mimetype="application/json")


def _import_answer(items: list) -> str:
    """The import's answer as JSON text: the count and every new item."""
    return safejson.dumps(ImportOutSchema().dump({"created": len(items), "items": items}))


# --- Logos (the programme's documents print them; docs/documents.md, "Branding") ----------------


class LogoOutSchema(Schema):
    id = fields.Integer()
    role = fields.String(metadata={"description": "institution or funder"})
    name = fields.String()
    content_type = fields.String(metadata={"description": "image/png or image/jpeg, as the bytes showed"})
    position = fields.Integer()


@blp.post("/programmes/<int:programme_id>/logos")
@api_staff_required(can_administer)
@blp.response(201, LogoOutSchema)
@blp.doc(security=STAFF, requestBody={"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "role"], "properties": {
        "file": {"type": "string", "format": "binary", "description": "PNG or JPEG, at most 1 MB"},
        "role": {"type": "string", "enum": ["institution", "funder"]}, "name": {"type": "string"}}}}}})
def add_logo(programme_id):
    """Add a logo (admin): multipart `file` (a PNG or JPEG checked by its content, at most 1 MB), `role`
    (institution or funder) and `name`; printed on the programme's document covers and headers."""
    from . import logos

    programme = get_or_404(Programme, programme_id, "programme")
    upload = request.files.get("file")
    return logos.add(programme, request.form.get("role", ""), request.form.get("name", ""),
                     upload.read() if upload is not None else b"")


@blp.delete("/programmes/<int:programme_id>/logos/<int:logo_id>")
@api_staff_required(can_administer)
@blp.response(204)
@blp.doc(security=STAFF)
def delete_logo(programme_id, logo_id):
    """Remove a logo (admin)."""
    from . import logos

    logos.delete(programme_id, logo_id)
