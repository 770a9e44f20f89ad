"""Who may do what: the one access policy, asked by pages, the API and the sockets alike.

Every rule is a function of the staff user (and the object, where it matters) returning a
bool. Admins may always; a session is steered only by the facilitators named on it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from ..refusals import Forbidden

if TYPE_CHECKING:
    from ..sessions.models import Session
    from .models import StaffUser

ADMIN, FACILITATOR, SECRETARIAT = "admin", "facilitator", "secretariat"


def is_staff(user: Optional[StaffUser]) -> bool:
    """Any enabled staff account: may read sessions, rounds and documents."""
    return user is not None and bool(getattr(user, "is_enabled", False))


def is_admin(user: Optional[StaffUser]) -> bool:
    return is_staff(user) and user.role == ADMIN


def can_administer(user: Optional[StaffUser]) -> bool:
    """Staff accounts, programmes and initiatives: admins only."""
    return is_admin(user)


def can_prepare(user: Optional[StaffUser]) -> bool:
    """Candidate items and their import: facilitators and the secretariat (and admins)."""
    return is_staff(user) and user.role in (ADMIN, FACILITATOR, SECRETARIAT)


def can_plan_sessions(user: Optional[StaffUser]) -> bool:
    """Create sessions: facilitators (and admins)."""
    return is_staff(user) and user.role in (ADMIN, FACILITATOR)


def can_validate_roadmap(user: Optional[StaffUser]) -> bool:
    """Validate an initiative's roadmap as a new version: the secretariat (and admins)."""
    return is_staff(user) and user.role in (ADMIN, SECRETARIAT)


def can_steer(user: Optional[StaffUser], session: Session) -> bool:
    """Run a session live, change its agenda and record its decisions: the facilitators named
    on the session, and admins. A session with no facilitator named yet is open to every
    facilitator (sessions are prepared before people are assigned; pages and the API name the
    creator by default)."""
    if is_admin(user):
        return True
    if not (is_staff(user) and user.role == FACILITATOR):
        return False
    named = session.facilitators
    return not named or any(f.id == user.id for f in named)


def require(allowed: bool) -> None:
    """Refuse (403) unless `allowed`."""
    if not allowed:
        raise Forbidden("forbidden", "You do not have permission to do this.")


def require_steer(user: Optional[StaffUser], session: Session) -> None:
    """Refuse (403) unless `user` may steer `session`."""
    if not can_steer(user, session):
        raise Forbidden("forbidden", "Only the session's facilitators (or an admin) can do this.")


#: A permission that depends on the user only, as the guards take it.
UserPermission = Callable[[Optional["StaffUser"]], bool]
