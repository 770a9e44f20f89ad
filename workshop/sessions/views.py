"""Pages: sessions, the phone page, the projector and the facilitator console."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("sessions", __name__)
