"""The programme roadmap and the programme's data as XLSX workbooks (openpyxl), from programme_data.

One sheet per table, after a cover sheet. Numbers are stored as numbers (counts, ids, years),
amounts in soles with a money format, shares as numbers in [0, 1] with a percent format, times as
dates with a date format; a withheld cell of an anonymous round holds the word ("reservado") and no
figure. Every header row is frozen and filtered, every column has its width. Typed text goes
through `safe.cell` (via tables._excel_value): a value that starts like a formula stays text.
"""
from __future__ import annotations

import io
from datetime import datetime
from typing import Any, Optional

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font

from . import safe, style
from .data import Meta
from .programme_data import ProgrammeRoadmapFacts, ProgrammeTables, Totals, TypedSheet
from .tables import _excel_value, _fill, sheet_frame

#: Number formats (Excel localises the separators; the sol's sign is written as in Peru).
FORMATS = {"int": "#,##0", "money": '"S/" #,##0', "pct": "0.0%", "datetime": "yyyy-mm-dd hh:mm", "year": "0"}


def _workbook(meta: Meta) -> Workbook:
    wb = Workbook(write_only=True)
    props = wb.properties  # openpyxl's defaults say "openpyxl": the document's own instead
    props.title, props.subject = safe.clip(meta.title), safe.clip(meta.header_left)
    props.language = meta.lang
    props.creator = props.lastModifiedBy = safe.clip(meta.author)
    if meta.created is not None:
        props.created = props.modified = meta.created.replace(tzinfo=None)
    return wb


def _cell(ws, value: Any, kind: Optional[str] = None, **styles) -> Cell:
    """A cell holding `value` typed: numbers and dates with their format, text made safe."""
    value = _excel_value(ws, value)
    c = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
    if kind and isinstance(value, (int, float, datetime)) and not isinstance(value, bool):
        c.number_format = FORMATS[kind]
    for key, val in styles.items():
        setattr(c, key, val)
    return c


def _header_font() -> Font:
    return Font(name=style.XLSX_FONT, bold=True, color="FFFFFF")


def _cover(wb: Workbook, meta: Meta, title: str, rows: list[tuple], notes: list[str]) -> None:
    t = meta.text
    ws = wb.create_sheet(title[:31])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 90
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, t.gettext("Field"), font=_header_font(), fill=_fill(style.BRAND)),
               _cell(ws, t.gettext("Value"), font=_header_font(), fill=_fill(style.BRAND))])
    ws.append([_cell(ws, t.gettext("Document"), font=Font(name=style.XLSX_FONT, bold=True)),
               _cell(ws, f"{meta.doc_title} — {meta.header_left}",
                     font=Font(name=style.XLSX_FONT, bold=True, color=style.hex6(style.BRAND_DARK)))])
    key_font = Font(name=style.XLSX_FONT, bold=True, color=style.hex6(style.MUTED))
    for key, value, *kind in rows:  # (key, value) or (key, value, number format)
        ws.append([_cell(ws, key, font=key_font), _cell(ws, value, kind[0] if kind else "int",
                                                        alignment=Alignment(horizontal="left"))])
    for note in notes:
        if note:
            ws.append([_cell(ws, t.gettext("Note"), font=key_font),
                       _cell(ws, note, alignment=Alignment(wrap_text=True, vertical="top"))])
    ws.append([_cell(ws, t.gettext("Generated"), font=key_font),
               _cell(ws, meta.generated, font=Font(name=style.XLSX_FONT, italic=True, color=style.hex6(style.MUTED)))])


def _sheet(wb: Workbook, sheet: TypedSheet, total_last: bool = False) -> None:
    """A table on a sheet of its own: brand header row (frozen, filtered), zebra rows, typed cells."""
    ws, _end = sheet_frame(wb, sheet.title, sheet.headers, sheet.widths, len(sheet.rows))
    fill = _fill(style.BRAND)
    ws.append([_cell(ws, h, font=_header_font(), fill=fill, alignment=Alignment(vertical="center", wrap_text=True))
               for h in sheet.headers])
    bold = Font(name=style.XLSX_FONT, bold=True)
    for n, row in enumerate(sheet.rows, start=1):
        strong = total_last and n == len(sheet.rows)
        ws.append([_cell(ws, v, sheet.formats.get(i), **({"font": bold} if strong else {}))
                   for i, v in enumerate(row)])


def _save(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- The programme roadmap ----------------------------------------------------------------------


def roadmap_sheets(facts: ProgrammeRoadmapFacts) -> list[tuple[TypedSheet, bool]]:
    """The roadmap's tables as typed sheets: (sheet, whether its last row is a total)."""
    t, w = facts.meta.text, facts.words
    items = TypedSheet("items", t.gettext("Agreed items"), [
        w["code"], w["initiative"], w["kind"], w["title"], w["axis"], w["horizon"], w["year"], w["lead"],
        w["partners"], w["indicator"], w["baseline"], w["target"], w["target_year"], w["verification"],
        w["budget_pen"], w["source"], w["price_year"], w["description"]], [],
        [9, 30, 16, 50, 28, 20, 10, 34, 34, 40, 20, 20, 10, 34, 16, 14, 10, 60],
        {6: "year", 12: "year", 14: "money", 16: "year"})
    for r in facts.items:
        items.rows.append([r.code, r.initiative, r.kind_label, r.title, r.axis, r.horizon_label, r.horizon_year,
                           r.lead, r.partners, r.indicator, r.baseline, r.target, r.target_year, r.verification,
                           r.budget_pen, r.source_label, r.price_year, r.description])
    reforms = TypedSheet("reforms", t.gettext("Reforms by institution"), [
        w["lead"], w["code"], w["title"], w["initiative"], w["horizon"], w["year"], w["indicator"],
        w["budget_pen"], w["source"], w["price_year"]], [],
        [34, 9, 50, 30, 20, 10, 40, 16, 14, 10], {5: "year", 7: "money", 9: "year"})
    for group in facts.reforms_by_lead:
        for r in group.items:
            reforms.rows.append([group.lead, r.code, r.title, r.initiative, r.horizon_label, r.horizon_year,
                                 r.indicator_text, r.budget_pen, r.source_label, r.price_year])
    out = [(items, False), (reforms, False)]
    for totals in facts.totals:
        out.append((totals_sheet(totals, w), True))
    return out


def totals_sheet(totals: Totals, w: dict[str, str]) -> TypedSheet:
    sheet = TypedSheet(totals.code, totals.sheet or totals.title, [
        totals.column, w["items"], w["lines"], w["reforms"], w["budget_pen"], w["not_estimated"]], [],
        [40, 10, 14, 14, 18, 14], {1: "int", 2: "int", 3: "int", 4: "money", 5: "int"})
    for row in totals.rows + [totals.total]:
        sheet.rows.append([row.label, row.items, row.lines, row.reforms, row.budget_pen, row.not_estimated])
    return sheet


def roadmap(facts: ProgrammeRoadmapFacts) -> bytes:
    """The programme roadmap's workbook: a cover, the agreed items, the reforms by institution and
    the four tables of totals."""
    t = facts.meta.text
    wb = _workbook(facts.meta)
    rows: list[tuple] = [(t.gettext("Programme"), facts.name),
                                   (t.gettext("Institution"), facts.institution)]
    if facts.start_year:
        rows.append((t.gettext("Start year"), facts.start_year, "year"))
    rows += [(label, meaning) for label, meaning in facts.horizons]
    rows += [(label, value) for value, label in facts.figures]
    _cover(wb, facts.meta, t.gettext("Programme"), rows, [facts.budget_note])
    for sheet, total_last in roadmap_sheets(facts):
        _sheet(wb, sheet, total_last)
    return _save(wb)


# --- The programme's data ------------------------------------------------------------------------


def data(tables: ProgrammeTables) -> bytes:
    """The programme's data workbook: a cover, then items, sessions, participation, decisions, rounds."""
    t = tables.meta.text
    wb = _workbook(tables.meta)
    _cover(wb, tables.meta, t.gettext("Programme"), tables.info, [tables.note])
    for sheet in tables.sheets:
        _sheet(wb, sheet)
    return _save(wb)
