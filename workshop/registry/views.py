"""Pages: the programme's registry (list, search, add, edit, merge, import, invitations) for staff
who prepare, and the personal invitation's landing page `/i/<token>` for phones."""
from __future__ import annotations

import json

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from marshmallow import ValidationError

from .. import safejson
from ..accounts.auth import staff_required
from ..accounts.permissions import can_prepare
from ..extensions import db
from ..forms import load_form
from ..programmes.models import Programme
from ..programmes.services import UnreadableFile
from ..refusals import Refusal
from ..sessions import identity
from ..sessions.models import Stakeholder
from . import services
from .schemas import PersonImportSchema, PersonInSchema, PersonUpdateSchema

bp = Blueprint("registry", __name__)


def _person(stakeholder_id: int) -> Stakeholder:
    return db.get_or_404(Stakeholder, stakeholder_id)


@bp.get("/programmes/<int:programme_id>/people")
@staff_required(can_prepare)
def people(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    query = request.args.get("q", "")[:200]
    page = request.args.get("page", "1")
    registered = {"1": True, "0": False}.get(request.args.get("registered", ""))
    found = services.listing(programme, query, int(page) if page.isdigit() else 1, registered)
    invited = len(services.invitations(programme))
    return render_template("registry/people.html", programme=programme, listing=found, q=query,
                           registered=request.args.get("registered", ""), invited=invited)


@bp.route("/programmes/<int:programme_id>/people/new", methods=["GET", "POST"])
@staff_required(can_prepare)
def new_person(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    values, errors = dict(request.form) if request.method == "POST" else {}, {}
    if request.method == "POST":
        data, errors = load_form(PersonInSchema(), request.form)
        if data is not None:
            try:
                person = services.add_person(programme, data, current_user)
            except Refusal as exc:
                db.session.rollback()
                errors = {"name": [exc.translated()]}
            else:
                flash(_("%(name)s is on the registry.", name=person.name), "success")
                return redirect(url_for(".person", stakeholder_id=person.id))
    return render_template("registry/person_form.html", programme=programme, values=values, errors=errors,
                           person=None), 400 if errors else 200


@bp.route("/people/<int:stakeholder_id>", methods=["GET", "POST"])
@staff_required(can_prepare)
def person(stakeholder_id: int):
    person = _person(stakeholder_id)
    programme = db.session.get(Programme, person.programme_id)
    errors = {}
    values = {k: getattr(person, k) for k in ("name", "organisation", "sector", "region")}
    if request.method == "POST":
        values = dict(request.form)
        data, errors = load_form(PersonUpdateSchema(), request.form)
        if data is not None:
            try:
                services.update_person(person, data, current_user)
            except Refusal as exc:
                db.session.rollback()
                errors = {"name": [exc.translated()]}
            else:
                flash(_("Changes saved."), "success")
                return redirect(url_for(".person", stakeholder_id=person.id))
    token = identity.invitation_token(person)
    link = url_for(".invitation", token=token, _external=True) if token else None
    return render_template("registry/person.html", programme=programme, person=person, values=values,
                           errors=errors, sessions=services.attendance([person.id])[person.id],
                           history=services.history(person), merged=services.merged_into(person),
                           link=link, qr_url=url_for(".invitation_qr", stakeholder_id=person.id) if link else None,
                           event_labels=_event_labels(),
                           kept=db.session.get(Stakeholder, person.merged_into_id) if person.merged_into_id else None
                           ), 400 if errors else 200


def _event_labels() -> dict[str, str]:
    return {"added": _("Added to the registry"), "edited": _("Details corrected"), "imported": _("Imported"),
            "merged": _("Merged"), "invited": _("Personal invitation made"),
            "invitation_renewed": _("New personal link made"), "invitation_revoked": _("Invitation withdrawn")}


@bp.get("/people/<int:stakeholder_id>/qr.svg")
@staff_required(can_prepare)
def invitation_qr(stakeholder_id: int):
    """The QR code of the person's invitation link, for the person page (staff: it is a secret)."""
    import io

    import segno
    from flask import Response

    token = identity.invitation_token(_person(stakeholder_id))
    if token is None:
        abort(404)
    code = segno.make(url_for(".invitation", token=token, _external=True), error="m")
    svg = io.BytesIO()
    code.save(svg, kind="svg", xmldecl=False, scale=6, border=2, dark="#000", light="#fff", omitsize=True)
    return Response(svg.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "private, no-store"})


@bp.post("/people/<int:stakeholder_id>/invitation")
@staff_required(can_prepare)
def invite(stakeholder_id: int):
    person = _person(stakeholder_id)
    renewed = person.invitation_hash is not None
    try:
        services.invite(person, current_user)
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    else:
        flash(_("A new personal link was made; the earlier one no longer works.") if renewed
              else _("Personal invitation ready."), "success")
    return redirect(url_for(".person", stakeholder_id=person.id) + "#invitation")


@bp.post("/people/<int:stakeholder_id>/invitation/revoke")
@staff_required(can_prepare)
def revoke(stakeholder_id: int):
    person = _person(stakeholder_id)
    services.revoke(person, current_user)
    flash(_("Invitation withdrawn: the link and the phones that joined with it no longer join as this person."),
          "success")
    return redirect(url_for(".person", stakeholder_id=person.id) + "#invitation")


@bp.post("/programmes/<int:programme_id>/invitations")
@staff_required(can_prepare)
def invite_all(programme_id: int):
    programme = db.get_or_404(Programme, programme_id)
    made = services.invite_all(programme, current_user)
    flash(ngettext("%(num)d invitation made.", "%(num)d invitations made.", made), "success")
    return redirect(url_for(".people", programme_id=programme.id))


@bp.route("/programmes/<int:programme_id>/people/merge", methods=["GET", "POST"])
@staff_required(can_prepare)
def merge(programme_id: int):
    """Pick two people on the list, then choose which record to keep."""
    programme = db.get_or_404(Programme, programme_id)
    source = request.form if request.method == "POST" else request.args
    ids = [int(v) for v in source.getlist("ids") if v.isdigit()][:3]
    if len(set(ids)) != 2:
        flash(_("Tick exactly two people to merge."), "error")
        return redirect(url_for(".people", programme_id=programme.id))
    try:
        pair = [services.person_of(programme, i) for i in ids]
    except Refusal:
        abort(404)
    if request.method == "POST":
        keep = request.form.get("keep", "")
        reason = " ".join(request.form.get("reason", "").split())[:500]
        if keep.isdigit() and int(keep) in ids:
            other = next(i for i in ids if i != int(keep))
            try:
                kept = services.merge(programme, int(keep), other, reason, current_user)
            except Refusal as exc:
                db.session.rollback()
                flash(exc.translated(), "error")
            else:
                flash(_("Merged: one person now, with both histories."), "success")
                return redirect(url_for(".person", stakeholder_id=kept.id))
    seen = services.attendance(ids)
    return render_template("registry/merge.html", programme=programme, pair=pair, seen=seen)


@bp.route("/programmes/<int:programme_id>/people/import", methods=["GET", "POST"])
@staff_required(can_prepare)
def import_people(programme_id: int):
    """Upload a CSV/XLSX, see every row, what it will do and its errors, then confirm."""
    programme = db.get_or_404(Programme, programme_id)
    context = {"programme": programme, "preview": None, "error": None, "rows_json": "", "filename": ""}
    if request.method == "POST" and "rows_json" in request.form:
        return _confirm_import(programme, request.form["rows_json"], request.form.get("filename", ""))
    if request.method == "POST":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            context["error"] = _("Choose a .csv or .xlsx file first.")
        else:
            try:
                preview = services.preview_import(programme, upload.filename, upload.read())
            except UnreadableFile as exc:
                context["error"] = exc.translated()
            else:
                context["preview"], context["filename"] = preview, upload.filename
                if preview.ok:
                    context["rows_json"] = json.dumps(preview.rows, ensure_ascii=False)
        status = 400 if context["error"] or (context["preview"] and not context["preview"].ok) else 200
        return render_template("registry/import.html", **context), status
    return render_template("registry/import.html", **context)


def _confirm_import(programme: Programme, rows_json: str, filename: str):
    try:
        rows = safejson.loads(rows_json)  # the form's hidden field: a client may send anything
        if not isinstance(rows, list) or not rows or len(rows) > services.MAX_ROWS:
            raise ValueError
        rows = [PersonImportSchema().load(row) for row in rows]
    except (ValueError, TypeError, ValidationError):
        abort(400)
    done = services.import_people(programme, rows, current_user, filename)
    flash(ngettext("%(num)d person imported.", "%(num)d people imported.", len(done.rows)), "success")
    return redirect(url_for(".people", programme_id=programme.id))


# --- The invitation's landing page (phones) --------------------------------------------------------


@bp.get("/i/<token>")
def invitation(token: str):
    """A personal invitation: joins the programme's live session as the person, without typing."""
    person = identity.stakeholder_by_invitation(token)
    db.session.rollback()
    if person is None:
        return render_template("registry/invite.html", person=None, programme=None, sessions=[], token=""), 404
    programme = db.session.get(Programme, person.programme_id)
    sessions = services.live_sessions(programme.id)
    wanted = request.args.get("s", "")
    if wanted:
        sessions = [s for s in sessions if s.join_code == wanted.upper()] or sessions
    return render_template("registry/invite.html", person=person, programme=programme, sessions=sessions,
                           token=token)
