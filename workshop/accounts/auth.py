"""Who is calling: staff (session cookie or bearer token) or a participant (bearer token)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Optional

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from ..extensions import db, login
from ..refusals import Forbidden, Unauthorized
from .models import StaffUser
from .permissions import UserPermission, is_staff

_TOKEN_SALT = "mesa-staff-token"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_TOKEN_SALT)


def issue_staff_token(user: StaffUser) -> str:
    """A signed bearer token for `user`; it dies when the password changes."""
    return _serializer().dumps({"uid": user.id, "pw": user.password_hash[-12:]})


def staff_from_token(token: str) -> Optional[StaffUser]:
    """The enabled staff user a token was issued to, or None."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["TOKEN_MAX_AGE"])
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    user = db.session.get(StaffUser, data.get("uid")) if isinstance(data.get("uid"), int) else None
    if user is None or not user.is_enabled or user.password_hash[-12:] != data.get("pw"):
        return None
    return user


def authenticate(email: str, password: str) -> Optional[StaffUser]:
    """The enabled staff user with these credentials, or None."""
    email = (email or "").strip().lower()
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    if user is None or not user.is_enabled or not user.check_password(password or ""):
        return None
    return user


@dataclass
class Actor:
    """The caller of an API request."""

    staff: Optional[StaffUser] = None

    @property
    def kind(self) -> str:
        return self.staff.role if self.staff is not None else "anonymous"


def bearer_token() -> Optional[str]:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def current_actor() -> Actor:
    """The staff user or participant behind this request (cached per request)."""
    cached = request.environ.get("mesa.actor")
    if cached is not None:
        return cached
    actor = Actor()
    token = bearer_token()
    if token:
        actor.staff = staff_from_token(token)
    elif current_user.is_authenticated and request.method in ("GET", "HEAD"):
        # A logged-in browser may read (e.g. download documents); writes need a bearer token,
        # so that a cookie alone can never be used for cross-site requests.
        actor.staff = current_user._get_current_object()
    request.environ["mesa.actor"] = actor
    return actor


def api_staff_required(can: UserPermission = is_staff):
    """API guard: a staff token (or login) whose user passes the permission `can`."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            actor = current_actor()
            if actor.staff is None:
                if bearer_token():
                    raise Unauthorized("invalid_token",
                                       "The bearer token is not a valid staff token, or it has expired.")
                raise Unauthorized("unauthorized", "This call needs a staff token: POST /api/v1/auth/token.")
            if not can(actor.staff):
                raise Forbidden("forbidden", "Your staff role does not allow this call.")
            return view(*args, **kwargs)

        return wrapped

    return decorator


def staff_required(can: UserPermission = is_staff):
    """Page guard: logged-in staff passing the permission `can`; others go to the login page or get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if not can(current_user):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


@login.user_loader
def _load_user(user_id: str) -> Optional[StaffUser]:
    user = db.session.get(StaffUser, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.is_enabled else None
