"""Pages: the start page (programmes with their figures) and a programme's page."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from ..accounts.auth import staff_required
from ..extensions import db
from ..programmes.models import Programme
from .stats import programme_stats

bp = Blueprint("reports", __name__)


@bp.get("/")
def index():
    """Staff see the programmes; everyone else gets the join box."""
    if not current_user.is_authenticated:
        return render_template("programmes/welcome.html")
    programmes = db.session.scalars(select(Programme).order_by(Programme.id)).all()
    return render_template("programmes/index.html", programmes=programmes,
                           stats={p.id: programme_stats(p) for p in programmes})


@bp.get("/programmes/<int:programme_id>")
@staff_required()
def programme(programme_id: int):
    """A programme: its initiatives, sessions and figures."""
    programme = db.get_or_404(Programme, programme_id)
    return render_template("programmes/programme.html", programme=programme, stats=programme_stats(programme))
