"""Text is data: the one path every user-supplied string takes into a document.

Names, titles, comments and reasons are typed by people in a room; a document prints them and
never obeys them. Three steps, each in one function here and nowhere else:

- `facts(obj)` — every string of the facts a builder receives loses the characters XML cannot
  hold (NUL and the other C0 controls except tab, newline and carriage return, DEL, lone
  surrogates, U+FFFE/U+FFFF). python-docx and openpyxl refuse them and reportlab would draw
  garbage; `api.off_loop` runs it on the facts of every document before any builder sees them.
  `text()` does the same to one string.
- `markup(text)` — text for reportlab's paragraph markup (`pdfbase.esc` is this function): `&`,
  `<` and `>` escaped, so "R&D", "Exportaciones <2030", `<b>x</b>` or `<a href=…>` print as typed
  and never style or link anything. Text that reportlab draws without markup (page headers, the
  PDF outline and properties, chart labels) needs no escaping.
- `cell(value)` — a spreadsheet cell (XLSX and CSV): text that starts with `=`, `+`, `-`, `@`, a
  tab or a carriage return (OWASP's list) gets a leading apostrophe, spreadsheets' own "this is
  text" mark, so a name like `=HYPERLINK("http://…"&B2)` is never run; numbers, dates and empty
  cells stay what they are.
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any
from xml.sax.saxutils import escape

#: Characters an XML 1.0 document cannot hold (or that no document should carry: DEL).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

_search = XML_ILLEGAL.search

#: A spreadsheet opening a cell's text runs it as a formula when it starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text(value: Any) -> str:
    """`value` as text XML can hold ("" for None)."""
    if value is None:
        return ""
    value = value if isinstance(value, str) else str(value)
    return XML_ILLEGAL.sub("", value) if XML_ILLEGAL.search(value) else value


def clip(value: Any, limit: int = 255) -> str:
    """`value` as text of at most `limit` characters, cut with "…" (file properties, outline entries)."""
    value = " ".join(text(value).split())
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def markup(value: Any) -> str:
    """`value` as reportlab paragraph markup that prints it literally."""
    return escape(text(value))


#: The most characters an Excel cell holds.
XLSX_CELL_MAX = 32_767


def cell(value: Any, ws: Any = None) -> Any:
    """`value` for a spreadsheet cell, text that can never run as a formula; numbers, dates and
    None unchanged. For CSV (no `ws`): text starting like a formula gets a leading apostrophe. For
    XLSX (`ws`, an openpyxl write-only sheet): such text becomes a cell typed as a string with
    Excel's own quote prefix (the apostrophe Excel shows in the formula bar and keeps on editing),
    its value exactly as typed; text beyond Excel's 32,767 characters is cut with "…"."""
    if not isinstance(value, str):
        return value
    value = text(value)
    if ws is None:
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if len(value) > XLSX_CELL_MAX:
        value = value[:XLSX_CELL_MAX - 1] + "…"
    if not value.startswith(FORMULA_STARTS):
        return value
    from openpyxl.cell import WriteOnlyCell

    formula_like = WriteOnlyCell(ws, value=value)
    formula_like.data_type = "s"  # openpyxl would write "=…" as a formula
    formula_like.quotePrefix = True
    return formula_like


def facts(obj: Any) -> Any:
    """`obj` — a builder's facts: dataclasses, lists, tuples and dicts of them — with every string
    passed through `text()`. Dataclasses and lists are cleaned in place (facts are made for one
    document); other objects (the language's Text, dates) are left alone."""
    if isinstance(obj, str):
        return text(obj)
    if isinstance(obj, list):  # rows of 20,000 votes: strings checked inline, one regex search each
        for i, value in enumerate(obj):
            if type(value) is str:
                if _search(value):
                    obj[i] = XML_ILLEGAL.sub("", value)
            elif value is not None and not isinstance(value, (int, float)):
                cleaned = facts(value)
                if cleaned is not value:
                    obj[i] = cleaned
        return obj
    if isinstance(obj, tuple):
        cleaned = tuple(facts(v) for v in obj)
        return type(obj)(*cleaned) if hasattr(obj, "_fields") else cleaned
    if isinstance(obj, dict):
        cleaned = {facts(k): facts(v) for k, v in obj.items()}
        if any(k not in obj or obj[k] is not v for k, v in cleaned.items()):
            obj.clear()
            obj.update(cleaned)
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if value is not None and not isinstance(value, (int, float)):
                cleaned = facts(value)
                if cleaned is not value:
                    object.__setattr__(obj, f.name, cleaned)
        return obj
    return obj
