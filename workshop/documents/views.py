"""Pages: validating an initiative's roadmap from its page (the secretariat and admins)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.auth import staff_required
from ..accounts.permissions import can_validate_roadmap
from ..extensions import db
from ..programmes.models import Initiative
from ..refusals import Conflict
from . import roadmap_facts

bp = Blueprint("documents", __name__)


@bp.record_once
def _globals(state) -> None:
    """Templates ask the policy whether to show the validate button."""
    state.app.jinja_env.globals["can_validate_roadmap"] = can_validate_roadmap


@bp.post("/initiatives/<int:initiative_id>/roadmap/validate")
@staff_required(can_validate_roadmap)
def validate_roadmap(initiative_id: int):
    """Validate the current roadmap as a new version and go back to the initiative's page."""
    from .api import _build_version_file

    initiative = db.get_or_404(Initiative, initiative_id)
    try:
        version = roadmap_facts.validate(initiative, current_user, _build_version_file)
    except Conflict as refusal:
        flash(refusal.translated(), "error")
    else:
        flash(_("Roadmap validated as version %(number)s.", number=version.number), "success")
    return redirect(url_for("programmes.initiative", initiative_id=initiative.id) + "#roadmap")
