"""A session's raw data as an XLSX workbook (openpyxl) and as CSV, from `data.SessionTables`.

The workbook has a cover sheet (the session and a note on anonymity), then one sheet per kind:
participants, votes, comments, decisions, and the rounds with their tallies. CSV gives the same
sheets one at a time (`sheet=` one of SHEETS) or all of them in a zip. CSV files are UTF-8 with
a byte-order mark, comma-separated, so that Excel opens the accents right; times are ISO 8601
with their UTC offset.
"""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from . import safe, style
from .data import SessionTables

#: The CSV sheets, by code, in workbook order.
SHEETS = ("participants", "votes", "comments", "decisions", "rounds")


def _fill(hex_colour: str) -> PatternFill:
    return PatternFill("solid", start_color=style.hex6(hex_colour), end_color=style.hex6(hex_colour))


def _excel_value(ws, value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: local time of the programme
    return safe.cell(value, ws)  # typed text ("=HYPERLINK(…)" as a name) stays text, never a formula


def xlsx(tables: SessionTables) -> bytes:
    """The workbook's bytes (openpyxl's write-only mode: fast and lean for 20,000 votes)."""
    t = tables.meta.text
    wb = Workbook(write_only=True)
    props = wb.properties  # openpyxl's defaults say "openpyxl": the document's own instead
    props.title, props.subject = safe.clip(tables.meta.title), safe.clip(tables.meta.header_left)
    props.language = tables.meta.lang
    props.creator = props.lastModifiedBy = safe.clip(tables.meta.author)
    if tables.meta.created is not None:
        props.created = props.modified = tables.meta.created.replace(tzinfo=None)

    def cell(ws, value, **styles):
        value = safe.cell(value, ws)
        c = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
        for key, val in styles.items():
            setattr(c, key, val)
        return c

    header_font = Font(name=style.XLSX_FONT, bold=True, color="FFFFFF")
    header_fill = _fill(style.BRAND)
    key_font = Font(name=style.XLSX_FONT, bold=True, color=style.hex6(style.MUTED))
    cover = wb.create_sheet(t.gettext("Session")[:31])
    cover.column_dimensions["A"].width = 26
    cover.column_dimensions["B"].width = 80
    cover.append([cell(cover, f"{tables.meta.doc_title} — {tables.meta.header_left}",
                       font=Font(name=style.XLSX_FONT, bold=True, size=14, color=style.hex6(style.BRAND_DARK)))])
    cover.append([])
    cover.append([cell(cover, t.gettext("Field"), font=header_font, fill=header_fill),
                  cell(cover, t.gettext("Value"), font=header_font, fill=header_fill)])
    for key, value in tables.info:
        cover.append([cell(cover, key, font=key_font), _excel_value(cover, value)])
    cover.append([])
    cover.append([_excel_value(cover, tables.note)])
    cover.append([cell(cover, tables.meta.generated,
                       font=Font(name=style.XLSX_FONT, italic=True, color=style.hex6(style.MUTED)))])

    sector_fonts = {code: Font(name=style.XLSX_FONT, bold=True, color=style.hex6(colour))
                    for code, colour in style.SECTOR_COLOURS.items()}
    for sheet in tables.sheets:
        ws, end = sheet_frame(wb, sheet.title, sheet.headers, sheet.widths, len(sheet.rows))
        if sheet.rows:
            if t.gettext("Sector") in sheet.headers:
                column = get_column_letter(sheet.headers.index(t.gettext("Sector")) + 1)
                for code in style.SECTOR_COLOURS:
                    name = tables.sector_labels.get(code, code).replace('"', '""')
                    ws.conditional_formatting.add(f"{column}2:{column}{end}", CellIsRule(
                        operator="equal", formula=[f'"{name}"'], font=sector_fonts[code]))
        ws.append([cell(ws, h, font=header_font, fill=header_fill,
                        alignment=Alignment(vertical="center", wrap_text=True)) for h in sheet.headers])
        for row in sheet.rows:
            ws.append([_excel_value(ws, v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def sheet_frame(wb: Workbook, title: str, headers: list, widths: list, rows: int):
    """A new sheet laid out for a table of `rows` rows under `headers`: column widths, the header row
    frozen, and (when there are rows) a filter and zebra stripes. Returns the sheet and the table's
    last row number."""
    ws = wb.create_sheet(title[:31])
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    last_col = get_column_letter(len(headers))
    end = rows + 1
    if rows:
        ws.auto_filter.ref = f"A1:{last_col}{end}"
        ws.conditional_formatting.add(f"A2:{last_col}{end}",
                                      FormulaRule(formula=["MOD(ROW(),2)=1"], fill=_fill(style.ZEBRA)))
    return ws, end


def _csv_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    # Typed text ("=HYPERLINK(…)" as a name) stays text when the CSV is opened in Excel or
    # LibreOffice: a leading apostrophe is the spreadsheets' own "this is text" mark.
    return "" if value is None else safe.cell(value)


def csv_sheet(tables: SessionTables, sheet: str) -> bytes:
    """One sheet (`sheet` is a code in SHEETS) as CSV bytes (UTF-8 with BOM)."""
    table = next(s for s in tables.sheets if s.code == sheet)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([_csv_value(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return text.getvalue().encode("utf-8-sig")


def csv_zip(tables: SessionTables) -> bytes:
    """Every sheet as `<code>.csv` in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for code in SHEETS:
            archive.writestr(f"{code}.csv", csv_sheet(tables, code))
    return out.getvalue()
