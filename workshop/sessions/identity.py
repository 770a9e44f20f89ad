"""Who a phone is across the sessions of a programme: stakeholder passes and personal invitations.

Two credentials, both bearer secrets of which the database keeps only the SHA-256:

- A **pass** (`StakeholderPass`) is given to a phone on a join and kept on it beside the session's
  participant token (per programme). Sent on the next join of a session of the same programme, it
  joins as the same stakeholder without the form: the person counts once across the programme.
- A **personal invitation** is one link per registered person, printed on their badge as a QR code.
  Its token is derived from a random nonce with the app's secret key (HMAC-SHA256), so the
  secretariat can print the same link again while the database alone cannot give it away; a new
  invitation (a new nonce) replaces the old link, and revoking it also revokes every pass the person's
  phones hold (a leaked link may have been opened by someone else).

Typing a registered person's name and organisation never joins as them (`services.enter`).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from typing import Any, Optional

from flask import current_app
from sqlalchemy import delete, select

from ..extensions import db
from ..util import new_token, token_digest, utcnow
from .models import Stakeholder, StakeholderPass

#: Invitation tokens: 24 bytes of HMAC, 32 URL-safe characters.
INVITATION_LENGTH = 32
_CONTEXT = b"mesa-invitation:"


def _derive(nonce: str) -> str:
    key = str(current_app.config["SECRET_KEY"]).encode()
    mac = hmac.new(key, _CONTEXT + nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:24]).decode("ascii")


def _plausible(token: Any, limit: int = 200) -> bool:
    return isinstance(token, str) and 0 < len(token) <= limit


def followed(stakeholder: Optional[Stakeholder]) -> Optional[Stakeholder]:
    """The stakeholder a merged one lives on as (itself when not merged)."""
    seen = 0
    while stakeholder is not None and stakeholder.merged_into_id is not None and seen < 20:
        stakeholder = db.session.get(Stakeholder, stakeholder.merged_into_id)
        seen += 1
    return stakeholder


# --- Personal invitations ------------------------------------------------------------------------


def invitation_token(stakeholder: Stakeholder) -> Optional[str]:
    """The token of the person's current invitation (derived again from its nonce), or None: no
    invitation, or the app's secret key changed since it was made (issue a new one)."""
    if not stakeholder.invitation_nonce or not stakeholder.invitation_hash:
        return None
    token = _derive(stakeholder.invitation_nonce)
    return token if hmac.compare_digest(token_digest(token), stakeholder.invitation_hash) else None


def issue_invitation(stakeholder: Stakeholder) -> str:
    """A new personal invitation for the person (the old link stops working), in the caller's
    transaction. Inviting someone registers them."""
    nonce = secrets.token_hex(16)
    token = _derive(nonce)
    stakeholder.invitation_nonce = nonce
    stakeholder.invitation_hash = token_digest(token)
    stakeholder.invited_at = utcnow()
    if stakeholder.registered_at is None:
        stakeholder.registered_at = stakeholder.invited_at
    return token


def revoke_invitation(stakeholder: Stakeholder) -> None:
    """The person's link stops working, and so do the passes their phones hold (caller commits)."""
    stakeholder.invitation_nonce = None
    stakeholder.invitation_hash = None
    stakeholder.invited_at = None
    db.session.execute(delete(StakeholderPass).where(StakeholderPass.stakeholder_id == stakeholder.id))


def stakeholder_by_invitation(token: Any) -> Optional[Stakeholder]:
    """The person an invitation token belongs to (the one a merged person lives on as), or None."""
    if not _plausible(token, 64):
        return None
    found = db.session.scalar(select(Stakeholder).where(Stakeholder.invitation_hash == token_digest(token)))
    return followed(found)


# --- Passes ------------------------------------------------------------------------------------------


def issue_pass(stakeholder: Stakeholder) -> str:
    """A new pass for a phone that just proved it is `stakeholder` (caller commits)."""
    token = new_token()
    db.session.add(StakeholderPass(stakeholder_id=stakeholder.id, token_hash=token_digest(token)))
    return token


def stakeholder_by_pass(token: Any) -> Optional[Stakeholder]:
    """The person a pass belongs to (followed through merges), or None."""
    if not _plausible(token):
        return None
    found = db.session.scalar(select(StakeholderPass).where(StakeholderPass.token_hash == token_digest(token)))
    if found is None:
        return None
    found.last_used_at = utcnow()
    return followed(db.session.get(Stakeholder, found.stakeholder_id))
