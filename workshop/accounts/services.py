"""Staff accounts: creation and the first admin of an install."""
from __future__ import annotations

import secrets
from typing import Optional

from sqlalchemy import func, select

from .. import signals
from ..extensions import db
from ..refusals import Conflict, Refusal
from .models import ROLES, StaffUser

DEFAULT_ADMIN_EMAIL = "admin@example.org"


def create_staff(email: str, name: str, role: str, password: str) -> StaffUser:
    """A new staff account; emails are unique, case-insensitively."""
    email = email.strip().lower()
    if role not in ROLES:
        raise Refusal("invalid_role", "role must be one of %(roles)s.", roles=", ".join(ROLES))
    if db.session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise Conflict("email_taken", "A staff account with that email exists already.")
    user = StaffUser(email=email, name=name.strip(), role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def update_staff_account(user: StaffUser, by: StaffUser, *, name: Optional[str] = None, role: Optional[str] = None,
                         is_enabled: Optional[bool] = None, password: Optional[str] = None) -> StaffUser:
    """Change an account. Admins cannot disable themselves or drop their own admin role.

    A new password, role or status ends the access given so far (`revoke_access`): the account's
    tokens, login cookies and open sockets stop at once (`signals.staff_access_changed`)."""
    if user.id == by.id and (is_enabled is False or (role is not None and role != "admin")):
        raise Conflict("own_account", "You cannot disable your own account or remove your own admin role.")
    changed = (role is not None and role != user.role) or (is_enabled is not None and is_enabled != user.is_enabled)
    if name is not None:
        user.name = name.strip()
    if role is not None:
        user.role = role
    if is_enabled is not None:
        user.is_enabled = is_enabled
    if password is not None:
        user.set_password(password)  # revokes too
    elif changed:
        user.revoke_access()
    db.session.commit()
    if changed or password is not None:
        signals.staff_access_changed.send(user.id, auth_version=user.auth_version)
    return user


def ensure_first_admin(email: Optional[str], password: Optional[str]) -> Optional[tuple[str, str]]:
    """Create the first admin when no staff account exists.

    Uses the given credentials, or admin@example.org with a random password. Returns
    (email, password) when it made one with a random password, for printing once.
    """
    if db.session.scalar(select(func.count(StaffUser.id))):
        return None
    generated = not password
    password = password or secrets.token_urlsafe(12)
    email = email or DEFAULT_ADMIN_EMAIL
    create_staff(email=email, name="Admin", role="admin", password=password)
    return (email.lower(), password) if generated else None
