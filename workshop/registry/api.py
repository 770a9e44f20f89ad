"""API: the programme's stakeholder registry, its import, merges and personal invitations (staff who
prepare: the secretariat, facilitators and admins)."""
from __future__ import annotations

from flask import request, url_for

from ..accounts.auth import api_staff_required, current_actor
from ..accounts.permissions import can_prepare
from ..api.core import STAFF, Blueprint, get_or_404
from ..programmes.models import Programme
from ..refusals import NotFound, Refusal
from ..sessions.models import Stakeholder
from . import exports, services
from .schemas import (
    BadgeQuerySchema,
    ExportQuerySchema,
    InvitationOutSchema,
    InvitationsOutSchema,
    InviteAllOutSchema,
    ListingSchema,
    PeopleImportOutSchema,
    PeopleImportQuerySchema,
    PeopleMergeSchema,
    PeopleQuerySchema,
    PersonInSchema,
    PersonOutSchema,
    PersonRowSchema,
    PersonUpdateSchema,
)

blp = Blueprint("api_registry", __name__, description="The programme's stakeholder registry and invitations")

_FILE = {"requestBody": {"content": {"multipart/form-data": {"schema": {
    "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}}}}}


def _programme(programme_id: int) -> Programme:
    return get_or_404(Programme, programme_id, "programme")


def _person(stakeholder_id: int) -> Stakeholder:
    return get_or_404(Stakeholder, stakeholder_id, "person")


def _staff():
    return current_actor().staff


@blp.get("/programmes/<int:programme_id>/people")
@api_staff_required(can_prepare)
@blp.arguments(PeopleQuerySchema, location="query")
@blp.response(200, ListingSchema)
@blp.doc(security=STAFF)
def list_people(query, programme_id):
    """The programme's people (merged records left out), 100 a page, with the sessions each took part in."""
    return services.listing(_programme(programme_id), query["q"], query["page"], query["registered"])


@blp.post("/programmes/<int:programme_id>/people")
@api_staff_required(can_prepare)
@blp.arguments(PersonInSchema)
@blp.response(201, PersonOutSchema)
@blp.doc(security=STAFF)
def add_person(data, programme_id):
    """Put a person on the registry (someone known from a session is registered as they are)."""
    return services.add_person(_programme(programme_id), data, _staff())


@blp.get("/people/<int:stakeholder_id>")
@api_staff_required(can_prepare)
@blp.response(200, PersonRowSchema)
@blp.doc(security=STAFF)
def get_person(stakeholder_id):
    """A person and the sessions they took part in."""
    person = _person(stakeholder_id)
    return services.PersonRow(person, services.attendance([person.id])[person.id])


@blp.patch("/people/<int:stakeholder_id>")
@api_staff_required(can_prepare)
@blp.arguments(PersonUpdateSchema)
@blp.response(200, PersonOutSchema)
@blp.doc(security=STAFF)
def update_person(data, stakeholder_id):
    """Correct a person's name, organisation, sector or region, or register them."""
    return services.update_person(_person(stakeholder_id), data, _staff())


@blp.post("/programmes/<int:programme_id>/people/merge")
@api_staff_required(can_prepare)
@blp.arguments(PeopleMergeSchema)
@blp.response(200, PersonOutSchema)
@blp.doc(security=STAFF)
def merge_people(data, programme_id):
    """Merge two records of one person: participations, passes and invitation move to `keep_id`; the
    duplicate stays on record, marked merged; both logs say it."""
    return services.merge(_programme(programme_id), data["keep_id"], data["duplicate_id"], data["reason"], _staff())


@blp.post("/programmes/<int:programme_id>/people/import")
@api_staff_required(can_prepare)
@blp.arguments(PeopleImportQuerySchema, location="query")
@blp.response(201, PeopleImportOutSchema)
@blp.alt_response(200, description="`?dry_run=true`: the preview; nothing written.")
@blp.alt_response(400, description="Rows with errors: nothing was imported; `rows` says which and why.")
@blp.doc(security=STAFF, **_FILE)
def import_people(query, programme_id):
    """Import people from a CSV or XLSX file (form field `file`; columns name/nombre,
    organisation/organización, sector, region/región); all rows or none."""
    programme = _programme(programme_id)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise Refusal("missing_file", "Send the spreadsheet as the multipart field 'file'.")
    preview = services.preview_import(programme, upload.filename, upload.read())
    if not preview.ok:
        rows = {str(n): e for n, e in preview.errors.items()}
        if not rows:
            raise Refusal("invalid_rows", "The file has no rows below its headings.", extra={"rows": rows})
        raise Refusal("invalid_rows", "Some rows have errors (listed in rows); nothing was imported.",
                      extra={"rows": rows})
    out = {"rows": preview.rows, "actions": preview.actions, "errors": [],
           "unknown_columns": preview.unknown_columns}
    if query["dry_run"]:
        return {**out, "imported": False}, 200
    done = services.import_people(programme, preview.rows, _staff(), upload.filename)
    return {**out, "actions": done.actions, "imported": True}


def invitation_link(token) -> str | None:
    return url_for("registry.invitation", token=token, _external=True) if token else None


@blp.post("/people/<int:stakeholder_id>/invitation")
@api_staff_required(can_prepare)
@blp.response(201, InvitationOutSchema)
@blp.doc(security=STAFF)
def invite(stakeholder_id):
    """A new personal invitation link for the person (their earlier link stops working); registers them."""
    person = _person(stakeholder_id)
    token = services.invite(person, _staff())
    return {"person": person, "link": invitation_link(token)}


@blp.delete("/people/<int:stakeholder_id>/invitation")
@api_staff_required(can_prepare)
@blp.response(200, PersonOutSchema)
@blp.doc(security=STAFF)
def revoke(stakeholder_id):
    """Withdraw the person's invitation and the passes of their phones."""
    return services.revoke(_person(stakeholder_id), _staff())


@blp.post("/programmes/<int:programme_id>/invitations")
@api_staff_required(can_prepare)
@blp.response(200, InviteAllOutSchema)
@blp.doc(security=STAFF)
def invite_all(programme_id):
    """An invitation for every registered person who has none."""
    return {"created": services.invite_all(_programme(programme_id), _staff())}


@blp.get("/programmes/<int:programme_id>/invitations")
@api_staff_required(can_prepare)
@blp.response(200, InvitationsOutSchema)
@blp.doc(security=STAFF)
def list_invitations(programme_id):
    """Every invited person with their personal link (secrets: staff who prepare only)."""
    found = services.invitations(_programme(programme_id))
    return {"invitations": [{"person": i.person, "link": invitation_link(i.token)} for i in found]}


def _chosen(programme: Programme, ids: list[int]) -> list[services.Invitation]:
    found = services.invitations(programme, ids or None)
    if not found:
        raise NotFound("no_invitations", "Nobody has an invitation yet: issue them on the registry page first.")
    return found


@blp.get("/programmes/<int:programme_id>/badges.pdf")
@api_staff_required(can_prepare)
@blp.arguments(BadgeQuerySchema, location="query")
@blp.response(200, description="A4 pages of eight badges with the personal QR codes.",
              content_type="application/pdf")
@blp.doc(security=STAFF)
def badges(query, programme_id):
    """The badge sheet: name, organisation, sector and the QR code of each person's invitation link."""
    programme = _programme(programme_id)
    return exports.badge_sheet(programme, _chosen(programme, query["ids"]), query["lang"])


@blp.get("/programmes/<int:programme_id>/invitations.csv")
@api_staff_required(can_prepare)
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, description="One row per invited person with their link.", content_type="text/csv")
@blp.doc(security=STAFF)
def invitations_csv(query, programme_id):
    """The invitation links as CSV (for a mail merge)."""
    programme = _programme(programme_id)
    return exports.links_csv(programme, _chosen(programme, query["ids"]), query["lang"])


@blp.get("/programmes/<int:programme_id>/invitations.xlsx")
@api_staff_required(can_prepare)
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, description="One row per invited person with their link.",
              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
@blp.doc(security=STAFF)
def invitations_xlsx(query, programme_id):
    """The invitation links as an XLSX workbook."""
    programme = _programme(programme_id)
    return exports.links_xlsx(programme, _chosen(programme, query["ids"]), query["lang"])
