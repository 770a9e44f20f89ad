"""The invitations as files: the badge sheet (PDF) and the list of links (CSV, XLSX). Built off the
event loop (`documents.api.off_loop`), every text through `documents.safe`."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from flask import url_for
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font

from ..documents import safe, style
from ..documents.api import _send, off_loop
from ..documents.tables import _fill, sheet_frame
from ..documents.text import Text
from ..programmes.models import Programme
from ..refusals import Conflict
from . import badges
from .services import Invitation


def _links(invitations: list[Invitation]) -> list[tuple[Invitation, str]]:
    missing = [i for i in invitations if i.token is None]
    if missing:
        raise Conflict("invitation_unreadable", "Some invitations were made under another secret key and cannot be "
                       "printed again; issue them anew (%(count)s people).", count=len(missing))
    return [(i, url_for("registry.invitation", token=i.token, _external=True)) for i in invitations]


def _filename(programme: Programme, what: str, ext: str) -> str:
    return f"programme-{programme.id}-{what}.{ext}"


def badge_sheet(programme: Programme, invitations: list[Invitation], lang: str):
    t = Text(lang)
    sheet = badges.Sheet(
        title=t.gettext("Badges") + " — " + programme.name, programme=programme.name,
        caption=t.gettext("Scan to join and vote"),
        badges=[badges.Badge(name=i.person.name, organisation=i.person.organisation, sector=i.person.sector,
                             sector_label=t.label("sectors", i.person.sector), link=link)
                for i, link in _links(invitations)])
    body = off_loop(badges.build, sheet)
    return _send(body, "application/pdf", _filename(programme, "badges", "pdf"))


@dataclass
class LinkTable:
    title: str
    headers: list[str]
    rows: list[list[str]]


def _table(programme: Programme, invitations: list[Invitation], lang: str) -> LinkTable:
    t = Text(lang)
    headers = [t.gettext("Name"), t.gettext("Organisation"), t.gettext("Sector"), t.gettext("Region"),
               t.gettext("Personal link")]
    rows = [[i.person.name, i.person.organisation, t.label("sectors", i.person.sector), i.person.region, link]
            for i, link in _links(invitations)]
    return LinkTable(t.gettext("Invitations") + " — " + programme.name, headers, rows)


def _csv(table: LinkTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([safe.cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM: Excel reads UTF-8 as such


def _xlsx(table: LinkTable) -> bytes:
    wb = Workbook(write_only=True)
    wb.properties.title = safe.clip(table.title)
    ws, _end = sheet_frame(wb, "Invitaciones", table.headers, [32, 40, 18, 18, 70], len(table.rows))
    head = Font(name=style.XLSX_FONT, bold=True, color="FFFFFF")

    def cell(value, **styles):
        value = safe.cell(value, ws)
        c = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
        for key, val in styles.items():
            setattr(c, key, val)
        return c

    ws.append([cell(h, font=head, fill=_fill(style.BRAND)) for h in table.headers])
    for row in table.rows:
        ws.append([cell(v) for v in row])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def links_csv(programme: Programme, invitations: list[Invitation], lang: str):
    body = _csv(_table(programme, invitations, lang))
    return _send(body, "text/csv; charset=utf-8", _filename(programme, "invitations", "csv"))


def links_xlsx(programme: Programme, invitations: list[Invitation], lang: str):
    body = off_loop(_xlsx, _table(programme, invitations, lang))
    return _send(body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 _filename(programme, "invitations", "xlsx"))
