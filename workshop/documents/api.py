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
from ..api.core import ApiError, Blueprint, Schema
from . import data, style
from .tables import SHEETS
from .text import LANGS

blp = Blueprint("api_documents", __name__, description="Documents: minutes, raw data, roadmaps, programme report")
STAFF = [{"staffToken": []}]

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
    """Run `builder(facts)` where it cannot block the event loop, and return its bytes."""
    style.register_fonts()
    style.styles()
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
        raise ApiError(404, "not_found", f"No {what} with id {ident}.")
    return facts


def _send(body: bytes, mimetype: str, filename: str):
    response = send_file(io.BytesIO(body), mimetype=mimetype, as_attachment=True, download_name=filename,
                         max_age=0)
    response.headers["Cache-Control"] = "private, no-store"  # personal data: never in shared caches
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- Endpoints ------------------------------------------------------------------------------------


@blp.get("/sessions/<int:session_id>/minutes.pdf")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(PDF, "The session minutes (PDF)."))
def minutes_pdf(query, session_id):
    """Session minutes as PDF (staff)."""
    from . import minutes_pdf as builder

    facts = _facts_or_404(data.session_facts, session_id, query["lang"], "session")
    return _send(off_loop(builder.build, facts), PDF, f"{facts.filename_stem}.pdf")


@blp.get("/sessions/<int:session_id>/minutes.docx")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(DOCX, "The session minutes (Word, for editing)."))
def minutes_docx(query, session_id):
    """Session minutes as DOCX, with the same content as the PDF (staff)."""
    from . import minutes_docx as builder

    facts = _facts_or_404(data.session_facts, session_id, query["lang"], "session")
    return _send(off_loop(builder.build, facts), DOCX, f"{facts.filename_stem}.docx")


@blp.get("/sessions/<int:session_id>/data.xlsx")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(XLSX, "The session's raw data: a sheet per kind."))
def data_xlsx(query, session_id):
    """The session's raw data as an XLSX workbook: participants, votes, comments, decisions, rounds (staff)."""
    from . import tables

    facts = _facts_or_404(data.session_tables, session_id, query["lang"], "session")
    return _send(off_loop(tables.xlsx, facts), XLSX, f"{facts.filename_stem}.xlsx")


@blp.get("/sessions/<int:session_id>/data.csv")
@api_staff_required()
@blp.arguments(CsvQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(CSV, "One sheet of the session's raw data as CSV (UTF-8 with BOM)."))
def data_csv(query, session_id):
    """One sheet of the session's raw data as CSV: `?sheet=participants|votes|comments|decisions|rounds` (staff)."""
    from . import tables

    facts = _facts_or_404(data.session_tables, session_id, query["lang"], "session")
    sheet = query["sheet"]
    return _send(off_loop(lambda f: tables.csv_sheet(f, sheet), facts), CSV, f"{facts.filename_stem}-{sheet}.csv")


@blp.get("/sessions/<int:session_id>/data.zip")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(ZIP, "Every sheet of the session's raw data as CSV files in a zip."))
def data_zip(query, session_id):
    """The session's raw data as a zip of CSV files, one per sheet (staff)."""
    from . import tables

    facts = _facts_or_404(data.session_tables, session_id, query["lang"], "session")
    return _send(off_loop(tables.csv_zip, facts), ZIP, f"{facts.filename_stem}-csv.zip")


@blp.get("/initiatives/<int:initiative_id>/roadmap.pdf")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(PDF, "The initiative's roadmap (PDF)."))
def roadmap_pdf(query, initiative_id):
    """The roadmap of an initiative as PDF (staff)."""
    from . import roadmap_pdf as builder

    facts = _facts_or_404(data.initiative_facts, initiative_id, query["lang"], "initiative")
    return _send(off_loop(builder.build, facts), PDF, f"{facts.filename_stem}.pdf")


@blp.get("/programmes/<int:programme_id>/report.pdf")
@api_staff_required()
@blp.arguments(LangQuerySchema, location="query")
@blp.doc(security=STAFF, **_file_doc(PDF, "The programme report (PDF)."))
def report_pdf(query, programme_id):
    """The programme report as PDF (staff)."""
    from . import report_pdf as builder

    facts = _facts_or_404(data.programme_facts, programme_id, query["lang"], "programme")
    return _send(off_loop(builder.build, facts), PDF, f"{facts.filename_stem}.pdf")
