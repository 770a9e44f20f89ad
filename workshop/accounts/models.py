"""Staff accounts: admins, facilitators and the secretariat."""
from __future__ import annotations

from datetime import datetime

from flask import current_app, has_app_context
from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

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

    def set_password(self, password: str) -> None:
        """Store a salted hash of `password`, never the password.

        The method is the app's PASSWORD_HASH_METHOD (scrypt unless a test configuration makes it
        cheap); outside an app context, werkzeug's default.
        """
        method = current_app.config.get("PASSWORD_HASH_METHOD") if has_app_context() else None
        self.password_hash = generate_password_hash(password, method=method or DEFAULT_HASH_METHOD)

    def check_password(self, password: str) -> bool:
        """Whether `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.is_enabled

    def has_role(self, *roles: str) -> bool:
        """Admins may do everything; others only what their role names."""
        return self.role == "admin" or self.role in roles

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role}>"
