"""API: staff tokens and staff accounts."""
from __future__ import annotations

from flask import request
from marshmallow import fields, validate
from sqlalchemy import select

from ..api.core import STAFF, Blueprint, Schema, get_or_404
from ..extensions import db
from ..refusals import Unauthorized
from .auth import (
    api_staff_required,
    authenticate,
    bearer_token,
    current_actor,
    issue_staff_token,
    read_staff_token,
    revoke_token,
    token_max_age,
)
from .models import ROLES, StaffUser
from .permissions import can_administer
from .services import create_staff, update_staff_account

blp = Blueprint("api_accounts", __name__, description="Staff tokens and accounts")


class TokenInSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenOutSchema(Schema):
    token = fields.String()
    role = fields.String()
    name = fields.String()
    #: Seconds until the token expires.
    expires_in = fields.Integer()
    #: "api" (every staff call and the live socket) or "live" (the live socket only).
    scope = fields.String()


class StaffInSchema(Schema):
    email = fields.Email(required=True)
    name = fields.String(required=True, validate=validate.Length(min=1, max=120))
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    password = fields.String(required=True, validate=validate.Length(min=10, max=200))


class StaffUpdateSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=120))
    role = fields.String(validate=validate.OneOf(ROLES))
    is_enabled = fields.Boolean()
    password = fields.String(validate=validate.Length(min=10, max=200), load_only=True)


class StaffOutSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = fields.String()
    is_enabled = fields.Boolean()


@blp.post("/auth/token")
@blp.arguments(TokenInSchema)
@blp.response(200, TokenOutSchema)
def token(data):
    """Exchange a staff email and password for a bearer token (valid TOKEN_MAX_AGE, 12 h by default).

    Attempts are limited per account and per client address: beyond them the answer is 429
    `login_limited` with a `Retry-After` header, whatever the password."""
    user = authenticate(data["email"], data["password"], request.remote_addr)
    if user is None:
        raise Unauthorized("invalid_credentials", "Wrong email or password.")
    return {"token": issue_staff_token(user), "role": user.role, "name": user.name,
            "expires_in": token_max_age("api"), "scope": "api"}


@blp.delete("/auth/token")
@blp.response(204)
@blp.doc(security=STAFF)
def revoke():
    """Revoke the bearer token sent with this call (log a script out); other tokens stay valid.
    A password, role or status change revokes all of an account's tokens."""
    claims = read_staff_token(bearer_token() or "", scopes=("api", "live"))
    if claims is None:
        raise Unauthorized("invalid_token", "The bearer token is not a valid staff token, or it has expired.")
    revoke_token(claims)


@blp.get("/auth/live-token")
@api_staff_required()
@blp.response(200, TokenOutSchema)
@blp.doc(security=STAFF)
def live_token():
    """A short-lived token (LIVE_TOKEN_MAX_AGE, 2 h by default) that may only open a live socket:
    the console fetches a new one with its login cookie before reconnecting once its own expired."""
    user = current_actor().staff
    return {"token": issue_staff_token(user, scope="live"), "role": user.role, "name": user.name,
            "expires_in": token_max_age("live"), "scope": "live"}, 200, {"Cache-Control": "no-store"}



@blp.get("/staff")
@api_staff_required(can_administer)
@blp.response(200, StaffOutSchema(many=True))
@blp.doc(security=STAFF)
def list_staff():
    """Staff accounts (admin)."""
    return db.session.scalars(select(StaffUser).order_by(StaffUser.email)).all()


@blp.post("/staff")
@api_staff_required(can_administer)
@blp.arguments(StaffInSchema)
@blp.response(201, StaffOutSchema)
@blp.doc(security=STAFF)
def add_staff(data):
    """Add a facilitator, secretariat or admin account (admin)."""
    return create_staff(**data)


@blp.patch("/staff/<int:user_id>")
@api_staff_required(can_administer)
@blp.arguments(StaffUpdateSchema)
@blp.response(200, StaffOutSchema)
@blp.doc(security=STAFF)
def update_staff(data, user_id):
    """Change a staff account: name, role, enabled, or a new password (admin; not your own role or status)."""
    return update_staff_account(get_or_404(StaffUser, user_id, "staff account"), current_actor().staff, **data)
