"""Staff accounts: admins, facilitators and the secretariat."""
from __future__ import annotations

import threading
from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from .. import offload
from ..extensions import UTCDateTime, db
from ..util import utcnow

ROLES = ("admin", "facilitator", "secretariat")
DEFAULT_HASH_METHOD = "scrypt"  # werkzeug's default, and Config.PASSWORD_HASH_METHOD's


class StaffUser(UserMixin, db.Model):
    __tablename__ = "staff_users"
    __table_args__ = (CheckConstraint(f"role IN {ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20))
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Grows whenever the account's access changes (password, role, enabled): staff tokens, the
    #: login cookie, the remember-me cookie and open sockets carry the value they were given with,
    #: and die when it no longer matches.
    auth_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password`, never the password, and end the access given with the
        old one. The method is `hash_method()`; the hash runs in an OS thread (see offload)."""
        self.password_hash = run_hash(generate_password_hash, password, method=hash_method())
        self.revoke_access()

    def check_password(self, password: str) -> bool:
        """Whether `password` matches the stored hash (hashed in an OS thread: see offload)."""
        return run_hash(check_password_hash, self.password_hash, password)

    def revoke_access(self) -> None:
        """End every token, login cookie and socket given to this account so far."""
        self.auth_version = (self.auth_version or 0) + 1

    def get_id(self) -> str:  # Flask-Login: the session and remember-me cookies hold this
        """"<id>.<auth_version>": a cookie dies when the password, role or status changes."""
        return f"{self.id}.{self.auth_version or 0}"

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_enabled

    def has_role(self, *roles: str) -> bool:
        """Admins may do everything; others only what their role names."""
        return self.role == "admin" or self.role in roles

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role}>"


def run_hash(fn, *args, **kwargs):
    """A password hash or check in an OS thread (offload), at most PASSWORD_HASH_THREADS at once:
    the event loop keeps serving, and a burst of logins leaves the other cores to the room."""
    gate = None
    if has_app_context():
        gate = current_app.extensions.get("mesa.hashing")
        if gate is None:
            gate = current_app.extensions.setdefault(
                "mesa.hashing", threading.BoundedSemaphore(current_app.config.get("PASSWORD_HASH_THREADS", 1)))
    if gate is None:
        return offload.run(fn, *args, **kwargs)
    with gate:
        return offload.run(fn, *args, **kwargs)


def hash_method() -> str:
    """The app's PASSWORD_HASH_METHOD (scrypt unless a test configuration makes it cheap);
    outside an app context, werkzeug's default."""
    method = current_app.config.get("PASSWORD_HASH_METHOD") if has_app_context() else None
    return method or DEFAULT_HASH_METHOD


class RevokedToken(db.Model):
    """A staff token revoked before its end (`DELETE /api/v1/auth/token`), kept until it expires."""

    __tablename__ = "revoked_tokens"

    jti: Mapped[str] = mapped_column(String(32), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
