"""Writes to programmes, initiatives and items. Views and API handlers call these."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Row

from .. import offload
from ..extensions import db
from ..refusals import Refusal
from .models import CODE_PREFIXES, Initiative, Item, Phase, Programme
from .schemas import ItemImportSchema

DEFAULT_PHASES = (
    (1, "Situación actual", "Current situation"),
    (2, "Posicionamiento competitivo", "Competitive positioning"),
    (3, "Hoja de ruta", "Roadmap"),
)


def create_programme(data: dict[str, Any]) -> Programme:
    """A new programme from validated data."""
    programme = Programme(**data)
    db.session.add(programme)
    db.session.commit()
    return programme


def update(obj, data: dict[str, Any]):
    """Apply validated fields to a programme, initiative or item and commit."""
    for key, value in data.items():
        setattr(obj, key, value)
    db.session.commit()
    return obj


def create_initiative(programme: Programme, data: dict[str, Any]) -> Initiative:
    """A new initiative with the three default phases."""
    position = db.session.scalar(
        select(func.coalesce(func.max(Initiative.position), 0)).where(Initiative.programme_id == programme.id)
    )
    initiative = Initiative(programme=programme, position=position + 1, **data)
    for number, name, name_en in DEFAULT_PHASES:
        initiative.phases.append(Phase(number=number, name=name, name_en=name_en))
    db.session.add(initiative)
    db.session.commit()
    return initiative


def create_item(initiative: Initiative, data: dict[str, Any]) -> Item:
    """A new candidate item of an initiative."""
    item = Item(initiative=initiative, status="candidate", **data)
    db.session.add(item)
    db.session.commit()
    return item


def set_archived(item: Item, archived: bool) -> Item:
    """Archive an item (it leaves agendas and listings) or bring it back."""
    item.is_archived = archived
    db.session.commit()
    return item


# --- Import from spreadsheets -------------------------------------------------------------

#: Column headings accepted in an import, Spanish or English, mapped to item fields.
IMPORT_COLUMNS = {
    "kind": ("kind", "tipo"),
    "title": ("title", "título", "titulo"),
    "title_en": ("title_en", "título (en)", "titulo_en", "title (en)"),
    "description": ("description", "descripción", "descripcion"),
    "description_en": ("description_en", "descripción (en)", "descripcion_en"),
    "axis": ("axis", "eje", "eje estratégico", "eje estrategico", "strategic axis"),
    "axis_en": ("axis_en", "eje (en)"),
    "horizon": ("horizon", "horizonte"),
    "lead_institution": ("lead_institution", "lead institution", "institución líder", "institucion lider"),
    "partners": ("partners", "socios", "aliados"),
    "indicator": ("indicator", "indicador"),
    "indicator_en": ("indicator_en", "indicador (en)"),
    "budget_pen": ("budget_pen", "budget", "presupuesto", "presupuesto (s/)", "budget (pen)"),
    "budget_source": ("budget_source", "budget source", "fuente", "fuente del presupuesto", "fuente de financiamiento"),
    "budget_price_year": ("budget_price_year", "price year", "año de precios", "ano de precios"),
    "baseline": ("baseline", "línea de base", "linea de base"),
    "target": ("target", "meta"),
    "target_year": ("target_year", "target year", "año meta", "ano meta", "año de la meta"),
    "verification": ("verification", "means of verification", "medio de verificación", "medio de verificacion",
                     "medios de verificación", "medios de verificacion"),
}
#: Friendly spellings of kinds and horizons in spreadsheets.
VALUE_ALIASES = {
    "kind": {"línea de acción": "action_line", "linea de accion": "action_line", "action line": "action_line",
             "reforma de política": "policy_reform", "reforma de politica": "policy_reform",
             "reforma": "policy_reform", "policy reform": "policy_reform"},
    "horizon": {"corto": "short", "medio": "medium", "mediano": "medium", "largo": "long"},
    "budget_source": {"público": "public", "publico": "public", "privado": "private", "mixto": "mixed"},
}


class UnreadableFile(Refusal):
    """The file itself cannot be read (not the rows in it)."""

    def __init__(self, message: str):
        super().__init__("unreadable_file", message)


@dataclass
class ImportResult:
    """Rows read from a file: what each would create, and the errors of the bad ones."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Row number as the spreadsheet shows it (heading is row 1) → field → messages.
    errors: dict[int, dict[str, list[str]]] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _read_table(filename: str, content: bytes) -> list[list[Any]]:
    name = filename.lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise UnreadableFile("The file is not a readable XLSX workbook.") from exc
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("latin-1")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    raise UnreadableFile("Only .csv and .xlsx files can be imported.")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def parse_import(filename: str, content: bytes) -> ImportResult:
    """Read a CSV or XLSX of candidate items and validate every row; writes nothing. The reading
    runs in an OS thread (`offload.run_long`): a 60,000-row file takes seconds of CPU, and on the
    event loop it froze every socket of the process meanwhile (votes included)."""
    return offload.run_long(_parse_import, filename, content)


def _parse_import(filename: str, content: bytes) -> ImportResult:
    table = [row for row in _read_table(filename, content) if any(_cell(c) != "" for c in row)]
    result = ImportResult()
    if not table:
        raise UnreadableFile("The file is empty.")
    lookup = {alias: key for key, aliases in IMPORT_COLUMNS.items() for alias in aliases}
    headings = [str(_cell(h)).lower() for h in table[0]]
    columns = [lookup.get(h) for h in headings]
    result.unknown_columns = [table[0][i] for i, c in enumerate(columns) if c is None and headings[i]]
    if "title" not in columns or "kind" not in columns:
        raise UnreadableFile("The first row must name the columns; 'kind' (tipo) and 'title' (título) are required.")
    schema = ItemImportSchema()
    for number, row in enumerate(table[1:], start=2):
        raw = {}
        for key, value in zip(columns, row):
            if key is None:
                continue
            value = _cell(value)
            if isinstance(value, str):
                value = VALUE_ALIASES.get(key, {}).get(value.lower(), value)
            if value != "" or key in ("kind", "title"):
                raw[key] = value
        try:
            result.rows.append(schema.load(raw))
        except ValidationError as exc:
            result.errors[number] = exc.messages
    return result


def import_items(initiative: Initiative, parsed: ImportResult) -> list[Row]:
    """Create every row of a clean import in one transaction; refuse if any row is bad. Returns the
    new items as rows of the items table (`row.code`, `row.title`…), read with one Core statement:
    building 60,000 ORM objects took seconds of the event loop."""
    if not parsed.ok:
        raise ValueError("An import with errors or without rows cannot be saved.")
    # Codes for the whole file at once (one UPDATE of the initiative's counters, not two statements
    # per item), then one bulk INSERT: a 60,000-row file is a short write transaction.
    table = Initiative.__table__
    wanted = {kind: sum(1 for row in parsed.rows if row["kind"] == kind) for kind in CODE_PREFIXES}
    columns = {kind: table.c[f"last_{kind}_number"] for kind in CODE_PREFIXES}
    last = db.session.execute(sql_update(table).where(table.c.id == initiative.id)
                              .values({columns[k]: columns[k] + n for k, n in wanted.items()})
                              .returning(*columns.values())).one()
    following = {kind: number - wanted[kind] for kind, number in zip(columns, last)}
    rows = []
    for row in parsed.rows:
        following[row["kind"]] += 1
        rows.append({**row, "initiative_id": initiative.id, "status": "candidate",
                     "code": f"{CODE_PREFIXES[row['kind']]}-{following[row['kind']]}"})
    newest = db.session.scalar(select(func.max(Item.id))) or 0
    db.session.connection().execute(insert(Item.__table__), rows)  # one executemany, no ORM objects
    db.session.commit()
    # Read back after the commit, as plain rows (the answer lists them; nothing to load lazily).
    codes = {row["code"] for row in rows}
    table = Item.__table__
    return [row for row in db.session.execute(select(table).where(table.c.initiative_id == initiative.id,
                                                                   table.c.id > newest).order_by(table.c.id))
            if row.code in codes]

