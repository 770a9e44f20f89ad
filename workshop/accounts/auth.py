"""Who is calling: staff (session cookie or bearer token) or a participant (bearer token)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Optional

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from ..api.core import ApiError
from ..extensions import db, login
from ..util import token_digest
from .models import StaffUser

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


def participant_from_token(token: str):
    """The participant a participant token belongs to, or None."""
    from ..sessions.models import Participant

    if not token or len(token) > 200:
        return None
    return db.session.scalar(select(Participant).where(Participant.token_hash == token_digest(token)))


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
    participant: Optional[object] = None

    @property
    def kind(self) -> str:
        if self.staff is not None:
            return self.staff.role
        return "participant" if self.participant is not None else "anonymous"


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
        if actor.staff is None:
            actor.participant = participant_from_token(token)
    elif current_user.is_authenticated and request.method in ("GET", "HEAD"):
        # A logged-in browser may read (e.g. download documents); writes need a bearer token,
        # so that a cookie alone can never be used for cross-site requests.
        actor.staff = current_user._get_current_object()
    request.environ["mesa.actor"] = actor
    return actor


def api_staff_required(*roles: str):
    """API guard: a staff token (or login) with one of `roles` (admin always passes)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            actor = current_actor()
            if actor.staff is None:
                if bearer_token() and actor.participant is None:
                    raise ApiError(401, "invalid_token", "The bearer token is invalid or has expired.")
                if actor.participant is None:
                    raise ApiError(401, "unauthorized", "This call needs a staff token: POST /api/v1/auth/token.")
                raise ApiError(403, "forbidden", "Participants cannot make this call.")
            if roles and not actor.staff.has_role(*roles):
                raise ApiError(403, "forbidden", f"This call needs the role {' or '.join(roles)}.")
            return view(*args, **kwargs)

        return wrapped

    return decorator


def staff_required(*roles: str):
    """Page guard: logged-in staff with one of `roles`; others go to the login page or get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
            if roles and not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


@login.user_loader
def _load_user(user_id: str) -> Optional[StaffUser]:
    user = db.session.get(StaffUser, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.is_enabled else None
