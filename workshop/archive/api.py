"""API: a whole programme as a JSON export (admins only), the document `flask import-programme` reads."""
from __future__ import annotations

from flask import Response, json

from ..accounts.auth import api_staff_required
from ..accounts.permissions import can_administer
from ..api.core import STAFF, Blueprint, get_or_404
from ..programmes.models import Programme
from .programme import export_programme

blp = Blueprint("api_archive", __name__, description="Programme export")


@blp.get("/programmes/<int:programme_id>/export.json")
@blp.doc(security=STAFF)
@blp.response(200, description="The programme's whole record (format mesa-programme, version 1).")
@api_staff_required(can_administer)
def export(programme_id):
    """The programme, its initiatives, items, sessions, participants, rounds, votes, decisions, comments,
    proposals and event log, as `flask import-programme` reads it. Admins only."""
    document = export_programme(get_or_404(Programme, programme_id))
    return Response(json.dumps(document), mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="programme-{programme_id}.json"'})
