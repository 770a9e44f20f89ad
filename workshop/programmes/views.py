"""Pages: programmes, initiatives and their items (prepared by staff)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("programmes", __name__)


@bp.get("/")
def index():
    return "Mesa"
