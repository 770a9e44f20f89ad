"""Who is calling: staff (session cookie or bearer token) or a participant (bearer token)."""
from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import wraps
from typing import Optional

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user
from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import delete, select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db, login
from ..ratelimit import limiter
from ..refusals import Forbidden, TooMany, Unauthorized
from ..util import is_id, utcnow
from .models import RevokedToken, StaffUser, hash_method, run_hash
from .permissions import UserPermission, is_staff

_TOKEN_SALT = "mesa-staff-token"
#: What a token may be used for: "api" (POST /api/v1/auth/token: every staff call and the live
#: socket) or "live" (the console's short-lived token: the live socket only).
SCOPES = ("api", "live")


def _now() -> float:
    """The clock tokens are stamped and checked with (tests move it instead of sleeping)."""
    return time.time()


class _Signer(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(_now())


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_TOKEN_SALT, signer=_Signer)


def token_max_age(scope: str = "api") -> int:
    """Seconds a token of `scope` stays valid (TOKEN_MAX_AGE, LIVE_TOKEN_MAX_AGE)."""
    return int(current_app.config["LIVE_TOKEN_MAX_AGE" if scope == "live" else "TOKEN_MAX_AGE"])


def issue_staff_token(user: StaffUser, scope: str = "api") -> str:
    """A signed bearer token for `user`. It dies after token_max_age(scope), when revoked, and when
    the account's access changes (password, role, enabled: its auth_version)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown token scope {scope!r}")
    return _serializer().dumps({"uid": user.id, "av": user.auth_version or 0, "jti": secrets.token_hex(16),
                                "scope": scope})


@dataclass
class TokenClaims:
    """What a valid staff token says: its user, its id and scope, and when it ends."""

    user: StaffUser
    jti: str
    scope: str
    expires_at: datetime


def read_staff_token(token: str, scopes: tuple[str, ...] = ("api",)) -> Optional[TokenClaims]:
    """The claims of a valid token of one of `scopes` whose account is still enabled and unchanged
    since, and which was not revoked; else None."""
    if not isinstance(token, str) or len(token) > 1000:
        return None
    try:
        data, issued = _serializer().loads(token, max_age=max(token_max_age(s) for s in scopes),
                                           return_timestamp=True)
    except (BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("scope") not in scopes or not isinstance(data.get("jti"), str):
        return None
    expires = issued.timestamp() + token_max_age(data["scope"])
    if expires <= _now():
        return None
    uid, stamp = data.get("uid"), data.get("av")
    user = db.session.get(StaffUser, uid) if is_id(uid) else None
    if user is None or not user.is_enabled or not isinstance(stamp, int) or user.auth_version != stamp:
        return None
    if db.session.get(RevokedToken, data["jti"]) is not None:
        return None
    return TokenClaims(user, data["jti"], data["scope"], datetime.fromtimestamp(expires, timezone.utc))


def staff_from_token(token: str, scopes: tuple[str, ...] = ("api",)) -> Optional[StaffUser]:
    """The enabled staff user a valid token of one of `scopes` was issued to, or None."""
    claims = read_staff_token(token, scopes)
    return claims.user if claims else None


def revoke_token(claims: TokenClaims) -> None:
    """Revoke one token before its end; expired revocations are forgotten on the way."""
    db.session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))
    db.session.add(RevokedToken(jti=claims.jti, expires_at=claims.expires_at))
    db.session.commit()


def staff_access_holds(staff_id: int, auth_version: Optional[int]) -> bool:
    """Whether a staff account is still enabled with the access it had when it was stamped
    `auth_version` (the live layer asks before each staff event)."""
    row = db.session.execute(select(StaffUser.is_enabled, StaffUser.auth_version)
                             .where(StaffUser.id == staff_id)).first()
    return row is not None and bool(row.is_enabled) and row.auth_version == auth_version


# --- Passwords: attempts limited, hashed off the event loop, the same cost for every email ------


def _dummy_hash() -> str:
    """A hash of a random password with the app's method, checked when no account has the email,
    so that an unknown email costs what a known one does (the timing tells nothing)."""
    key = ("mesa.dummy_hash", hash_method())
    found = current_app.extensions.get(key)
    if found is None:
        found = run_hash(generate_password_hash, secrets.token_urlsafe(16), method=hash_method())
        current_app.extensions[key] = found
    return found


def _account_key(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()[:24]


def _limited(email: str, address: Optional[str]) -> list[tuple[str, object, int]]:
    """Count an attempt per account and per address; refuse (429) beyond either limit.
    Returns the buckets hit, to give back if the attempt succeeds."""
    config, buckets, waits = current_app.config, [], []
    for bucket, key, setting in (("login-account", _account_key(email), "LOGIN_LIMIT_PER_ACCOUNT"),
                                 ("login-address", address or "?", "LOGIN_LIMIT_PER_ADDRESS")):
        count, seconds = config[setting]
        hit = limiter().hit(bucket, key, count, seconds)
        buckets.append((bucket, key, seconds))
        if not hit:
            waits.append(hit.retry_seconds)
    if waits:
        raise TooMany("login_limited", "Too many login attempts. Try again in %(seconds)s seconds.",
                      retry_after=max(waits), seconds=max(waits))
    return buckets


def authenticate(email: str, password: str, address: Optional[str] = None) -> Optional[StaffUser]:
    """The enabled staff user with these credentials, or None; TooMany (429, `retry_after`) beyond
    the attempts allowed per account and per address. Every attempt within them checks one
    password hash of the app's method, in an OS thread: an unknown email checks a dummy one."""
    email = (email or "").strip().lower()
    buckets = _limited(email, address)
    user = db.session.scalar(select(StaffUser).where(StaffUser.email == email))
    stored, enabled = (user.password_hash, user.is_enabled) if user is not None else (None, False)
    # End the read before hashing: a burst of logins waiting for the one hashing slot must not hold
    # the pool's database connections while the room's votes need them.
    db.session.commit()
    if stored is None:
        stored = _dummy_hash()
    if not run_hash(check_password_hash, stored, password or "") or not enabled or user is None:
        return None
    for bucket, key, seconds in buckets:
        limiter().give_back(bucket, key, seconds)
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
    """The login cookie's (and the remember-me cookie's) user: "<id>.<auth_version>" (StaffUser.get_id),
    so a cookie given before a password, role or status change no longer logs anyone in."""
    uid, _, stamp = (user_id or "").partition(".")
    if not (uid.isdigit() and stamp.isdigit()):
        return None
    user = db.session.get(StaffUser, int(uid))
    if user is None or not user.is_enabled or user.auth_version != int(stamp):
        return None
    return user
