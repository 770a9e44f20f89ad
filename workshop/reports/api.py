"""API: programme statistics."""
from __future__ import annotations

from ..api.core import Blueprint, get_or_404
from ..programmes.models import Programme
from .stats import programme_stats

blp = Blueprint("api_reports", __name__, description="Programme statistics")


@blp.get("/programmes/<int:programme_id>/stats")
@blp.response(200)
def stats(programme_id):
    """Sessions, distinct stakeholders by sector and items by kind and status, overall and per initiative."""
    return programme_stats(get_or_404(Programme, programme_id))
