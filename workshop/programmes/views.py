"""Pages: programmes, initiatives and their candidate items, prepared by staff."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError

from .. import safejson
from ..accounts.auth import staff_required
from ..accounts.permissions import can_administer, can_prepare
from ..extensions import db
from ..forms import load_form
from . import logos, services
from .models import LOGO_ROLES, Initiative, Item, Programme
from .schemas import InitiativeInSchema, ItemInSchema, ProgrammeInSchema

bp = Blueprint("programmes", __name__)


def _edit(schema, template: str, obj=None, **context):
    """GET shows the form; POST validates with `schema` and returns (data, response-or-None)."""
    form = request.form if request.method == "POST" else {}
    errors = {}
    if request.method == "POST":
        data, errors = load_form(schema, request.form)
        if data is not None:
            return data, None
    values = {k: getattr(obj, k, "") for k in schema.fields} if obj is not None and not form else dict(form)
    return None, (render_template(template, values=values, errors=errors, obj=obj, **context), 400 if errors else 200)


@bp.route("/programmes/new", methods=["GET", "POST"])
@staff_required(can_administer)
def new_programme():
    data, page = _edit(ProgrammeInSchema(), "programmes/programme_form.html")
    if page:
        return page
    programme = services.create_programme(data)
    flash(_("Programme created."), "success")
    return redirect(url_for("reports.programme", programme_id=programme.id))


@bp.route("/programmes/<int:programme_id>/edit", methods=["GET", "POST"])
@staff_required(can_administer)
def edit_programme(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    data, page = _edit(ProgrammeInSchema(), "programmes/programme_form.html", programme, logo_roles=LOGO_ROLES)
    if page:
        return page
    services.update(programme, data)
    flash(_("Changes saved."), "success")
    return redirect(url_for("reports.programme", programme_id=programme.id))


# --- Logos: checked by their content, printed on the programme's documents ----------------------


@bp.post("/programmes/<int:programme_id>/logos")
@staff_required(can_administer)
def add_logo(programme_id: int):
    """Upload a PNG or JPEG logo (the institution's or a funder's); anything else is refused, unchanged."""
    programme = db.get_or_404(Programme, programme_id)
    upload = request.files.get("file")
    try:
        logos.add(programme, request.form.get("role", ""), request.form.get("name", ""),
                  upload.read() if upload is not None else b"")  # the request is capped: MAX_CONTENT_LENGTH
    except logos.BadLogo as refusal:
        db.session.rollback()
        values = {k: getattr(programme, k, "") for k in ProgrammeInSchema().fields}
        page = render_template("programmes/programme_form.html", values=values, errors={}, obj=programme,
                               logo_roles=LOGO_ROLES, logo_error=refusal.translated(),
                               logo_values={"role": request.form.get("role", ""),
                                            "name": request.form.get("name", "")})
        return page, 400
    flash(_("Logo added."), "success")
    return redirect(url_for(".edit_programme", programme_id=programme.id) + "#logos")


@bp.get("/programmes/<int:programme_id>/logos/<int:logo_id>")
@staff_required()
def logo_image(programme_id: int, logo_id: int):
    """The logo's image, for the edit page's thumbnails (the content type its bytes showed on upload)."""
    logo = logos.get(programme_id, logo_id)
    response = Response(logo.data, mimetype=logo.content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@bp.post("/programmes/<int:programme_id>/logos/<int:logo_id>/delete")
@staff_required(can_administer)
def delete_logo(programme_id: int, logo_id: int):
    logos.delete(programme_id, logo_id)
    flash(_("Logo removed."), "success")
    return redirect(url_for(".edit_programme", programme_id=programme_id) + "#logos")


@bp.post("/programmes/<int:programme_id>/logos/<int:logo_id>/move")
@staff_required(can_administer)
def move_logo(programme_id: int, logo_id: int):
    logos.move(programme_id, logo_id, request.form.get("direction", ""))
    return redirect(url_for(".edit_programme", programme_id=programme_id) + "#logos")


@bp.route("/programmes/<int:programme_id>/initiatives/new", methods=["GET", "POST"])
@staff_required(can_administer)
def new_initiative(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    data, page = _edit(InitiativeInSchema(), "programmes/initiative_form.html", programme=programme)
    if page:
        return page
    initiative = services.create_initiative(programme, data)
    flash(_("Initiative created with its three phases."), "success")
    return redirect(url_for(".initiative", initiative_id=initiative.id))


@bp.get("/initiatives/<int:initiative_id>")
@staff_required()
def initiative(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    show_archived = request.args.get("archived") == "1"
    items = [i for i in initiative.items if show_archived or not i.is_archived]
    return render_template("programmes/initiative.html", initiative=initiative, items=items,
                           show_archived=show_archived)


@bp.route("/initiatives/<int:initiative_id>/edit", methods=["GET", "POST"])
@staff_required(can_administer)
def edit_initiative(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    data, page = _edit(InitiativeInSchema(), "programmes/initiative_form.html", initiative,
                       programme=initiative.programme)
    if page:
        return page
    services.update(initiative, data)
    flash(_("Changes saved."), "success")
    return redirect(url_for(".initiative", initiative_id=initiative.id))


@bp.route("/initiatives/<int:initiative_id>/items/new", methods=["GET", "POST"])
@staff_required(can_prepare)
def new_item(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    data, page = _edit(ItemInSchema(), "programmes/item_form.html", initiative=initiative)
    if page:
        return page
    services.create_item(initiative, data)
    flash(_("Item added."), "success")
    return redirect(url_for(".initiative", initiative_id=initiative.id) + "#items")


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@staff_required(can_prepare)
def edit_item(item_id: int):
    item = db.get_or_404(Item, item_id)
    data, page = _edit(ItemInSchema(), "programmes/item_form.html", item, initiative=item.initiative)
    if page:
        return page
    services.update(item, data)
    flash(_("Changes saved."), "success")
    return redirect(url_for(".initiative", initiative_id=item.initiative_id) + "#items")


@bp.post("/items/<int:item_id>/archive")
@staff_required(can_prepare)
def archive_item(item_id: int):
    item = db.get_or_404(Item, item_id)
    services.set_archived(item, not item.is_archived)
    flash(_("Item archived.") if item.is_archived else _("Item restored."), "success")
    return redirect(url_for(".initiative", initiative_id=item.initiative_id) + "#items")


@bp.route("/initiatives/<int:initiative_id>/import", methods=["GET", "POST"])
@staff_required(can_prepare)
def import_items(initiative_id: int):
    """Upload a CSV/XLSX, see every row and its errors, then confirm; bad rows import nothing."""
    initiative = db.get_or_404(Initiative, initiative_id)
    context = {"initiative": initiative, "parsed": None, "error": None, "rows_json": ""}
    if request.method == "POST" and "rows_json" in request.form:
        return _confirm_import(initiative, request.form["rows_json"])
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            context["error"] = _("Choose a .csv or .xlsx file first.")
        else:
            try:
                parsed = services.parse_import(upload.filename, upload.read())
            except services.UnreadableFile as exc:
                context["error"] = _(str(exc))
            else:
                context["parsed"] = parsed
                if parsed.ok:
                    context["rows_json"] = json.dumps(parsed.rows, ensure_ascii=False)
        status = 400 if context["error"] or (context["parsed"] and not context["parsed"].ok) else 200
        return render_template("programmes/import.html", **context), status
    return render_template("programmes/import.html", **context)


def _confirm_import(initiative: Initiative, rows_json: str):
    try:
        rows = safejson.loads(rows_json)  # the form's hidden field: a client may send anything
        if not isinstance(rows, list) or not rows:
            raise ValueError
        parsed = services.ImportResult(rows=[ItemInSchema().load(row) for row in rows])
    except (ValueError, TypeError, ValidationError):
        abort(400)
    items = services.import_items(initiative, parsed)
    flash(ngettext("%(num)d item imported.", "%(num)d items imported.", len(items)), "success")
    return redirect(url_for(".initiative", initiative_id=initiative.id) + "#items")
