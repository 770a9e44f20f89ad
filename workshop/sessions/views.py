"""Pages: preparing a session, and the three live screens — phone, projector and console."""
from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import segno
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy import select

from ..accounts.auth import issue_staff_token, staff_required
from ..accounts.models import StaffUser
from ..accounts.permissions import can_plan_sessions, can_steer, require_steer
from ..api.core import Schema
from ..extensions import db
from ..forms import load_form
from ..programmes.models import Initiative, Programme
from ..refusals import Refusal
from ..util import normalise_join_code
from . import plan, services
from .models import Session
from .schemas import PhaseDefaultsSchema, PlanInSchema, SessionInSchema, SessionUpdateSchema

bp = Blueprint("sessions", __name__)


def _local(value: datetime | None) -> datetime | None:
    """A date typed in a form (no zone) is the programme's local time."""
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
    return value


def _ids(values: list[str]) -> list[int]:
    """The ids among a form's repeated field (a hand-edited form may send anything)."""
    return [int(v) for v in values if v.isdigit()]


def _form_context(initiative: Initiative, session: Session | None, values: dict, errors: dict):
    staff = db.session.scalars(select(StaffUser).where(StaffUser.is_enabled.is_(True),
                                                       StaffUser.role.in_(("admin", "facilitator")))
                               .order_by(StaffUser.name)).all()
    items = [i for i in initiative.items if not i.is_archived]
    return {"initiative": initiative, "obj": session, "values": values, "errors": errors, "staff": staff,
            "items": items}


@bp.route("/initiatives/<int:initiative_id>/sessions/new", methods=["GET", "POST"])
@staff_required(can_plan_sessions)
def new_session(initiative_id: int):
    initiative = db.get_or_404(Initiative, initiative_id)
    values, errors = {"phase": 1, "status": "scheduled", "facilitator_ids": [current_user.id], "item_ids": []}, {}
    if request.method == "POST":
        data, errors = load_form(SessionInSchema(), request.form)
        if data is not None:
            facilitators = db.session.scalars(select(StaffUser).where(StaffUser.id.in_(data["facilitator_ids"]))).all()
            try:
                session = services.create_session(
                    initiative, phase_number=data["phase"], title=data["title"], starts_at=_local(data["starts_at"]),
                    place=data["place"], status=data["status"], facilitators=facilitators,
                    item_ids=data["item_ids"], staff=current_user)
            except Refusal as exc:
                db.session.rollback()
                errors = {"item_ids" if "item" in exc.code else "phase": [exc.translated()]}
            else:
                flash(_("Session created. Its join code is %(code)s.", code=session.join_code), "success")
                return redirect(url_for(".session", session_id=session.id))
        values = {**request.form.to_dict(), "facilitator_ids": _ids(request.form.getlist("facilitator_ids")),
                  "item_ids": _ids(request.form.getlist("item_ids"))}
    return render_template("sessions/form.html", **_form_context(initiative, None, values, errors)), \
        400 if errors else 200


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
@staff_required()
def edit_session(session_id: int):
    session = db.get_or_404(Session, session_id)
    require_steer(current_user, session)
    values = {"title": session.title, "place": session.place, "status": session.status, "phase": session.phase.number,
              "starts_at": session.starts_at.astimezone(ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"]))
              .strftime("%Y-%m-%dT%H:%M") if session.starts_at else "",
              "facilitator_ids": [f.id for f in session.facilitators],
              "requires_admission": session.requires_admission,
              "allow_anonymous_comments": session.allow_anonymous_comments,
              "invited_only": session.invited_only}
    errors = {}
    if request.method == "POST":
        data, errors = load_form(SessionUpdateSchema(), request.form)
        if data is not None:
            data.pop("item_ids", None)  # the agenda is edited on the session page
            if "starts_at" in data:
                data["starts_at"] = _local(data["starts_at"])
            try:
                services.update_session(session, data, current_user)
            except Refusal as exc:
                db.session.rollback()
                errors = {"status" if exc.code == "invalid_transition" else "facilitator_ids": [exc.translated()]}
            else:
                flash(_("Changes saved."), "success")
                return redirect(url_for(".session", session_id=session.id))
        values = {**request.form.to_dict(), "facilitator_ids": _ids(request.form.getlist("facilitator_ids")),
                  "invited_only": request.form.get("invited_only") == "1"}
    return render_template("sessions/form.html", **_form_context(session.initiative, session, values, errors)), \
        400 if errors else 200


@bp.get("/sessions/<int:session_id>")
@staff_required()
def session(session_id: int):
    session = db.get_or_404(Session, session_id)
    on_agenda = {e.item_id for e in session.agenda}
    addable = [i for i in session.initiative.items if not i.is_archived and i.id not in on_agenda]
    defaults = plan.phase_defaults(session.initiative.programme, session.phase.number)
    present = plan.present_count(session.id)
    plans = {e.item_id: plan.resolved_plan(session, e, defaults, present) for e in session.agenda}
    planned_minutes = sum(p["minutes"] or 0 for p in plans.values())
    return render_template("sessions/session.html", session=session, addable=addable,
                           plans=plans, defaults=defaults, planned_minutes=planned_minutes,
                           can_plan=can_plan_sessions(current_user),
                           can_steer=can_steer(current_user, session),
                           participants=services.participant_count(session.id),
                           join_url=url_for(".join_page", code=session.join_code, _external=True))


@bp.post("/sessions/<int:session_id>/status")
@staff_required()
def change_status(session_id: int):
    """Start or end a session from its page."""
    session = db.get_or_404(Session, session_id)
    require_steer(current_user, session)
    try:
        services.transition(session, request.form.get("status", ""), current_user)
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    else:
        flash(_("The session is live: phones can join now.") if session.is_live else _("The session is closed."),
              "success")
    return redirect(url_for(".session", session_id=session.id))


@bp.post("/sessions/<int:session_id>/agenda")
@staff_required()
def agenda(session_id: int):
    """Add, remove or move agenda items."""
    session = db.get_or_404(Session, session_id)
    require_steer(current_user, session)
    action, item_id = request.form.get("action"), request.form.get("item_id", type=int)
    ids = [e.item_id for e in session.agenda]
    try:
        if action == "add" and item_id:
            services.set_agenda(session, ids + [item_id], staff=current_user)
        elif action == "remove" and item_id in ids:
            services.set_agenda(session, [i for i in ids if i != item_id], staff=current_user)
        elif action in ("up", "down") and item_id:
            services.move_in_agenda(session, item_id, -1 if action == "up" else 1, staff=current_user)
        else:
            abort(400)
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    return redirect(url_for(".session", session_id=session.id) + "#agenda")


def _plan_form(schema: Schema, form) -> dict:
    """A plan form's fields as the schema reads them: blank is "the default" (None), yes/no are
    booleans, digits integers, the threshold a percentage (0–100 typed, a share stored)."""
    raw: dict = {}
    for name, field in schema.fields.items():
        if name not in form:
            continue
        value = form.get(name, "").strip()
        if value == "":
            raw[name] = None
        elif value in ("yes", "no"):
            raw[name] = value == "yes"
        elif name in ("threshold", "quorum_share"):
            try:
                raw[name] = float(value.replace(",", ".")) / 100
            except ValueError:
                raw[name] = value
        elif value.isdigit():
            raw[name] = int(value)
        else:
            raw[name] = value
    return schema.load(raw)


@bp.post("/sessions/<int:session_id>/agenda/<int:item_id>/plan")
@staff_required()
def agenda_plan(session_id: int, item_id: int):
    """Save an agenda item's planned round and time budget (blank fields take the phase's default)."""
    session = db.get_or_404(Session, session_id)
    require_steer(current_user, session)
    try:
        plan.update_plan(session, item_id, _plan_form(PlanInSchema(), request.form), current_user)
    except ValidationError as exc:
        db.session.rollback()
        flash(_("The plan was not saved: %(fields)s.", fields=", ".join(sorted(exc.messages))), "error")
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    else:
        flash(_("Plan saved."), "success")
    return redirect(url_for(".session", session_id=session.id) + f"#plan-{item_id}")


@bp.post("/programmes/<int:programme_id>/round-defaults/<int:phase>")
@staff_required(can_plan_sessions)
def round_defaults(programme_id: int, phase: int):
    """Change the programme's run-of-show defaults of one phase (blank: Mesa's own)."""
    programme = db.get_or_404(Programme, programme_id)
    back = request.form.get("next", "")
    try:
        if not 1 <= phase <= 9:
            abort(404)
        plan.set_programme_defaults(programme, {str(phase): _plan_form(PhaseDefaultsSchema(), request.form)})
    except ValidationError as exc:
        db.session.rollback()
        flash(_("The defaults were not saved: %(fields)s.", fields=", ".join(sorted(exc.messages))), "error")
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    else:
        flash(_("Defaults saved for phase %(phase)s.", phase=phase), "success")
    if back.startswith("/sessions/") and back[10:].split("#")[0].isdigit():
        return redirect(back)
    return redirect(url_for("reports.programme", programme_id=programme.id))


# --- Live screens -------------------------------------------------------------------------


@bp.get("/j")
def join_code():
    """The join box on the start page submits here."""
    code = normalise_join_code(request.args.get("code", ""))
    if not code:
        return redirect(url_for("reports.index"))
    return redirect(url_for(".join_page", code=code))


@bp.get("/j/<code>")
def join_page(code: str):
    """The phone page: join, then vote and comment. The QR code points here."""
    session = services.session_by_code(code)
    if session is None:
        return render_template("live/no_session.html", code=code), 404
    return render_template("live/phone.html", session=session, sectors=list(services.SECTORS))


@bp.get("/j/<code>/qr.svg")
def qr(code: str):
    """A QR code of the join link, drawn by the server (no outside service)."""
    session = services.session_by_code(code)
    if session is None:
        abort(404)
    qr_code = segno.make(url_for(".join_page", code=session.join_code, _external=True), error="m")
    svg = io.BytesIO()
    qr_code.save(svg, kind="svg", xmldecl=False, scale=10, border=2, dark="#000", light="#fff", omitsize=True)
    return Response(svg.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/sessions/<int:session_id>/projector")
def projector(session_id: int):
    """The big screen: needs a staff login or the session's projector link (`?key=`)."""
    session = db.get_or_404(Session, session_id)
    key = request.args.get("key", "")
    keyed = bool(key) and key == session.projector_key
    if not keyed and not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path))
    # Opened with a staff login and no (valid) key: the socket opens with a live-scope staff
    # token as a projector view; the page fetches a fresh one (GET /api/v1/auth/live-token)
    # before reconnecting once this one has expired.
    token = None if keyed else issue_staff_token(current_user, scope="live")
    return render_template("live/projector.html", session=session, staff_token=token,
                           join_url=url_for(".join_page", code=session.join_code, _external=True),
                           join_host=url_for(".join_page", code=session.join_code, _external=True)
                           .split("://", 1)[-1].rsplit("/", 1)[0])


@bp.get("/sessions/<int:session_id>/console")
@staff_required()
def console(session_id: int):
    """The facilitator's console: agenda, rounds, moderation, decisions."""
    session = db.get_or_404(Session, session_id)
    # A short-lived token that may only open the live socket; the console fetches another one
    # (GET /api/v1/auth/live-token, with its login cookie) before reconnecting.
    token = issue_staff_token(current_user, scope="live")
    return render_template("live/console.html", session=session, staff_token=token,
                           can_steer=can_steer(current_user, session),
                           projector_url=url_for(".projector", session_id=session.id, key=session.projector_key))
