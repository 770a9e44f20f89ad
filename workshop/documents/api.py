"""API: the documents — session minutes (PDF, DOCX), raw data (XLSX, CSV), initiative roadmaps and
the programme report (PDF). Staff only; `?lang=es|en` (Spanish by default).

A big document must not stall the live server. The facts are gathered from the database on the
request's own green thread, pausing between stages (`data._pause`); the layout — the CPU-heavy
part, pure Python on plain data — runs in a real OS thread (eventlet's tpool, gevent's thread
pool), one document at a time per process, with a short GIL switch interval while it runs, so
that the event loop keeps acking votes while a document is drawn. Under the threading server the
request thread is already a real thread. Measured by bench/documents.py.
"""
from __future__ import annotations

import io
import sys
import threading
from typing import Callable, Optional

from flask import current_app, send_file
from marshmallow import fields, validate

from ..accounts.auth import api_staff_required
from ..api.core import STAFF, Blueprint, Schema
from ..refusals import NotFound
from . import data, safe, style
from .summary_data import summary_facts
from .tables import SHEETS
from .text import LANGS

blp = Blueprint("api_documents", __name__, description="Documents: minutes, raw data, roadmaps, programme report")

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"  # werkzeug adds "; charset=utf-8"
ZIP = "application/zip"


class LangQuerySchema(Schema):
    lang = fields.String(load_default="es", validate=validate.OneOf(LANGS),
                         metadata={"description": "Language of the document: es (default) or en."})


class CsvQuerySchema(LangQuerySchema):
    sheet = fields.String(required=True, validate=validate.OneOf(SHEETS),
                          metadata={"description": "Which sheet: " + ", ".join(SHEETS) + "."})


def _file_doc(content_type: str, what: str) -> dict:
    return {"responses": {"200": {"description": what, "content": {
        content_type.split(";")[0]: {"schema": {"type": "string", "format": "binary"}}}}}}


# --- Building off the event loop -------------------------------------------------------------------

_render_lock: Optional[threading.Lock] = None


def _lock() -> threading.Lock:
    """One document laid out at a time per process (a green lock under eventlet/gevent)."""
    global _render_lock
    if _render_lock is None:
        _render_lock = threading.Lock()
    return _render_lock


#: Python's GIL hand-over interval while a document is laid out (the default is 5 ms). The layout
#: thread is CPU-bound; each time the event loop's thread waits on a socket or on SQLite it must win
#: the GIL back, and with 5 ms turns a vote ack (a few dozen such waits) took hundreds of ms. With
#: 0.5 ms turns the ack stays within a few ms of its quiet-room time (bench/documents.py).
BUILD_SWITCH_INTERVAL = 0.0005


def off_loop(builder: Callable, facts) -> bytes:
    """Run `builder(facts)` where it cannot block the event loop, and return its bytes. The facts'
    text is made fit for any document first (`safe.facts`: no character XML cannot hold)."""
    style.register_fonts()
    style.styles()
    build = builder

    def builder(facts):
        return build(safe.facts(facts))
    mode = current_app.extensions["socketio"].async_mode if "socketio" in current_app.extensions else "threading"
    with _lock():
        previous = sys.getswitchinterval()
        sys.setswitchinterval(min(previous, BUILD_SWITCH_INTERVAL))
        try:
            if mode == "eventlet":
                from eventlet import tpool

                return tpool.execute(builder, facts)
            if mode == "gevent":
                import gevent

                return gevent.get_hub().threadpool.apply(builder, (facts,))
            return builder(facts)
        finally:
            sys.setswitchinterval(previous)


def _facts_or_404(gather: Callable, ident: int, lang: str, what: str):
    facts = gather(ident, lang)
    if facts is None:
        raise NotFound("not_found", "No %(what)s with id %(id)s.", id=ident, what=what)
    return facts


def _send(body: bytes, mimetype: str, filename: str):
    response = send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=filename,
                         max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # personal data: never in shared caches
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- Endpoints ------------------------------------------------------------------------------------


def _builder(module: str, function: str) -> Callable:
    """The builder `function` of `workshop.documents.<module>`, imported when first used."""
    from importlib import import_module

    return getattr(import_module(f"{__package__}.{module}"), function)


def _document(path: str, name: str, *, gather: Callable, what: str, mimetype: str, build: tuple[str, str],
              suffix: str, summary: str, query_schema: type[Schema] = LangQuerySchema) -> None:
    """Register `GET <path>`: gather the facts (404 if none), build the file off the loop, send it."""

    def view(query, **ids):
        (ident,) = ids.values()
        facts = _facts_or_404(gather, ident, query["lang"], what)
        builder = _builder(*build)
        extra = {k: v for k, v in query.items() if k != "lang"}  # e.g. the CSV's sheet
        body = off_loop(lambda f: builder(f, **extra), facts)
        ending = suffix.format(**extra)
        return _send(body, mimetype, f"{facts.filename_stem}{ending}")

    view.__name__ = name
    view.__doc__ = f"{summary} (staff)."
    decorated = blp.doc(security=STAFF, **_file_doc(mimetype, summary))(view)
    decorated = blp.arguments(query_schema, location="query")(decorated)
    blp.get(path)(api_staff_required()(decorated))


def _roadmap_gather(initiative_id: int, lang: str):
    """The roadmap's facts with its lifecycle (draft or validated version): `roadmap_facts.gather`."""
    from .roadmap_facts import gather

    return gather(initiative_id, lang)


_document("/sessions/<int:session_id>/minutes.pdf", "minutes_pdf", gather=data.session_facts, what="session",
          mimetype=PDF, build=("minutes_pdf", "build"), suffix=".pdf", summary="The session minutes as PDF")
_document("/sessions/<int:session_id>/minutes.docx", "minutes_docx", gather=data.session_facts, what="session",
          mimetype=DOCX, build=("minutes_docx", "build"), suffix=".docx",
          summary="The session minutes as DOCX, for editing; the same content as the PDF")
_document("/sessions/<int:session_id>/data.xlsx", "data_xlsx", gather=data.session_tables, what="session",
          mimetype=XLSX, build=("tables", "xlsx"), suffix=".xlsx",
          summary="The session's raw data as an XLSX workbook: participants, votes, comments, decisions, rounds")
_document("/sessions/<int:session_id>/data.csv", "data_csv", gather=data.session_tables, what="session",
          mimetype=CSV, build=("tables", "csv_sheet"), suffix="-{sheet}.csv", query_schema=CsvQuerySchema,
          summary="One sheet of the session's raw data as CSV (UTF-8 with BOM): "
                  "?sheet=participants|votes|comments|decisions|rounds")
_document("/sessions/<int:session_id>/data.zip", "data_zip", gather=data.session_tables, what="session",
          mimetype=ZIP, build=("tables", "csv_zip"), suffix="-csv.zip",
          summary="The session's raw data as a zip of CSV files, one per sheet")
_document("/initiatives/<int:initiative_id>/roadmap.pdf", "roadmap_pdf", gather=_roadmap_gather,
          what="initiative", mimetype=PDF, build=("roadmap_pdf", "build"), suffix=".pdf",
          summary="The roadmap of an initiative as PDF")


def _report_facts(programme_id: int, lang: str):
    """The programme report's facts (documents/report_data.py), for its PDF and DOCX."""
    from .report_data import report_facts

    return report_facts(programme_id, lang)


_document("/programmes/<int:programme_id>/report.pdf", "report_pdf", gather=_report_facts,
          what="programme", mimetype=PDF, build=("report_pdf", "build"), suffix=".pdf",
          summary="The programme report as PDF")


def _programme_data():
    from . import programme_data

    return programme_data


_document("/programmes/<int:programme_id>/roadmap.pdf", "programme_roadmap_pdf",
          gather=lambda i, lang: _programme_data().roadmap_facts(i, lang), what="programme", mimetype=PDF,
          build=("programme_roadmap_pdf", "build"), suffix=".pdf",
          summary="The programme roadmap as PDF: every agreed item of every initiative, reforms by the institution "
                  "that must act, totals by axis, horizon, lead institution and budget source")
_document("/programmes/<int:programme_id>/roadmap.docx", "programme_roadmap_docx",
          gather=lambda i, lang: _programme_data().roadmap_facts(i, lang), what="programme", mimetype=DOCX,
          build=("programme_roadmap_docx", "build"), suffix=".docx",
          summary="The programme roadmap as DOCX, for editing; the same content as the PDF")
_document("/programmes/<int:programme_id>/roadmap.xlsx", "programme_roadmap_xlsx",
          gather=lambda i, lang: _programme_data().roadmap_facts(i, lang), what="programme", mimetype=XLSX,
          build=("programme_xlsx", "roadmap"), suffix=".xlsx",
          summary="The programme roadmap as an XLSX workbook: agreed items, reforms by institution, totals")
_document("/programmes/<int:programme_id>/data.xlsx", "programme_data_xlsx",
          gather=lambda i, lang: _programme_data().programme_tables(i, lang), what="programme", mimetype=XLSX,
          build=("programme_xlsx", "data"), suffix=".xlsx",
          summary="The programme's data as an XLSX workbook: items, sessions, participation, decisions, rounds")
_document("/initiatives/<int:initiative_id>/summary.pdf", "summary_pdf", gather=summary_facts,
          what="initiative", mimetype=PDF, build=("summary_pdf", "build"), suffix=".pdf",
          summary="The summary of an initiative (process and achievements, 2–4 pages) as PDF")
_document("/initiatives/<int:initiative_id>/summary.docx", "summary_docx", gather=summary_facts,
          what="initiative", mimetype=DOCX, build=("summary_docx", "build"), suffix=".docx",
          summary="The summary of an initiative as DOCX, for editing; the same content as the PDF")
_document("/programmes/<int:programme_id>/report.docx", "report_docx", gather=_report_facts,
          what="programme", mimetype=DOCX, build=("report_docx", "build"), suffix=".docx",
          summary="The programme report as DOCX, for editing; the same content as the PDF")


# --- The roadmap's DOCX and its lifecycle: validated versions (issue 11) -------------------------------

from sqlalchemy import select  # noqa: E402

from ..accounts.auth import current_actor  # noqa: E402 - appended section
from ..accounts.permissions import can_validate_roadmap  # noqa: E402
from ..api.core import get_or_404  # noqa: E402
from ..extensions import db  # noqa: E402
from ..programmes.models import Initiative  # noqa: E402
from . import roadmap_facts  # noqa: E402
from .models import RoadmapVersion  # noqa: E402

_document("/initiatives/<int:initiative_id>/roadmap.docx", "roadmap_docx", gather=roadmap_facts.gather,
          what="initiative", mimetype=DOCX, build=("roadmap_docx", "build"), suffix=".docx",
          summary="The roadmap of an initiative as DOCX, for editing; the same content as the PDF")


class RoadmapVersionOutSchema(Schema):
    number = fields.Integer(metadata={"description": "1, 2, 3… in the initiative."})
    validated_at = fields.String(metadata={"description": "When it was validated (ISO 8601, UTC)."})
    validated_by = fields.Dict(allow_none=True, metadata={"description": "Who validated it: id, name, email."})
    fingerprint = fields.String(metadata={"description": "sha256 of the facts it was built from."})
    files = fields.Dict(metadata={"description": "The stored files: pdf_es, pdf_en, docx_es, docx_en → URL."})


def _build_version_file(kind: str, lang: str, facts) -> bytes:
    return off_loop(_builder(f"roadmap_{kind}", "build"), facts)


@blp.post("/initiatives/<int:initiative_id>/roadmap/versions")
@api_staff_required(can_validate_roadmap)
@blp.response(201, RoadmapVersionOutSchema)
@blp.doc(security=STAFF)
def validate_roadmap(initiative_id):
    """Validate the current roadmap as a new immutable version: its facts and its PDF and DOCX in Spanish
    and English are stored and download byte for byte later (secretariat, admin)."""
    initiative = get_or_404(Initiative, initiative_id, "initiative")
    version = roadmap_facts.validate(initiative, current_actor().staff, _build_version_file)
    return roadmap_facts.version_json(version)


@blp.get("/initiatives/<int:initiative_id>/roadmap/versions")
@api_staff_required()
@blp.response(200, RoadmapVersionOutSchema(many=True))
@blp.doc(security=STAFF)
def list_roadmap_versions(initiative_id):
    """The validated versions of an initiative's roadmap, oldest first (staff)."""
    get_or_404(Initiative, initiative_id, "initiative")
    return [roadmap_facts.version_json(v) for v in roadmap_facts.versions_of(initiative_id)]


def _version_file(kind: str, mimetype: str):
    def view(query, initiative_id, number):
        get_or_404(Initiative, initiative_id, "initiative")
        version = db.session.scalar(select(RoadmapVersion).where(RoadmapVersion.initiative_id == initiative_id,
                                                                 RoadmapVersion.number == number))
        if version is None:
            raise NotFound("not_found", "No version %(number)s of this roadmap.", number=number)
        lang = query["lang"]
        stem = (version.facts.get(lang) or {}).get("filename_stem") or "roadmap"
        return _send(version.file(kind, lang), mimetype, f"{stem}-v{number}.{kind}")

    summary = f"Version n of the roadmap as {kind.upper()}, byte for byte as validated"
    view.__name__ = f"roadmap_version_{kind}"
    view.__doc__ = f"{summary} (staff)."
    decorated = blp.doc(security=STAFF, **_file_doc(mimetype, summary))(view)
    decorated = blp.arguments(LangQuerySchema, location="query")(decorated)
    blp.get(f"/initiatives/<int:initiative_id>/roadmap/versions/<int:number>.{kind}")(
        api_staff_required()(decorated))


_version_file("pdf", PDF)
_version_file("docx", DOCX)
