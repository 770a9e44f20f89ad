"""API: staff tokens and staff accounts."""
from __future__ import annotations

from marshmallow import fields, validate
from sqlalchemy import select

from ..api.core import STAFF, Blueprint, Schema, get_or_404
from ..extensions import db
from ..refusals import Unauthorized
from .auth import api_staff_required, authenticate, current_actor, issue_staff_token
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
    """Exchange a staff email and password for a bearer token."""
    user = authenticate(data["email"], data["password"])
    if user is None:
        raise Unauthorized("invalid_credentials", "Wrong email or password.")
    return {"token": issue_staff_token(user), "role": user.role, "name": user.name}


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
