"""Pages: log in and out, and the admin's staff accounts page."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from marshmallow import ValidationError
from sqlalchemy import select

from ..extensions import db
from ..refusals import Refusal, TooMany
from .api import StaffInSchema
from .auth import authenticate, staff_required
from .models import ROLES, StaffUser
from .permissions import can_administer
from .services import create_staff, update_staff_account

bp = Blueprint("accounts", __name__)


def _safe_next(target: str | None) -> str:
    """Only redirect within Mesa after login."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("reports.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Staff log in with email and password."""
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")))
    error, status, headers = None, 200, {}
    if request.method == "POST":
        try:
            user = authenticate(request.form.get("email", ""), request.form.get("password", ""), request.remote_addr)
        except TooMany as refusal:
            error, status = refusal.translated(), 429
            headers["Retry-After"] = str(refusal.retry_after or 60)
        else:
            if user is None:
                error, status = _("Wrong email or password."), 401
            else:
                login_user(user, remember=bool(request.form.get("remember")))
                return redirect(_safe_next(request.args.get("next")))
    return render_template("accounts/login.html", error=error, email=request.form.get("email", "")), \
        status, headers


@bp.post("/logout")
def logout():
    """End the staff session."""
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/admin/staff", methods=["GET", "POST"])
@staff_required(can_administer)
def staff():
    """List staff accounts and add facilitators, secretariat staff and admins."""
    errors, form = {}, {}
    if request.method == "POST":
        form = request.form.to_dict()
        try:
            data = StaffInSchema().load(form)
            create_staff(**data)
        except ValidationError as exc:
            errors = exc.messages
        except Refusal as exc:
            db.session.rollback()
            errors = {"email": [exc.translated()]}
        else:
            flash(_("Account created for %(email)s.", email=data["email"]), "success")
            return redirect(url_for("accounts.staff"))
    users = db.session.scalars(select(StaffUser).order_by(StaffUser.role, StaffUser.email)).all()
    return render_template("accounts/staff.html", users=users, roles=ROLES, errors=errors, form=form), \
        400 if errors else 200


@bp.post("/admin/staff/<int:user_id>/toggle")
@staff_required(can_administer)
def toggle(user_id: int):
    """Disable or enable an account (an admin cannot disable themself)."""
    user = db.get_or_404(StaffUser, user_id)
    try:
        update_staff_account(user, current_user, is_enabled=not user.is_enabled)
    except Refusal as exc:
        db.session.rollback()
        flash(exc.translated(), "error")
    return redirect(url_for("accounts.staff"))
