"""What every DOCX shares besides its content: the file's core properties and language, and the
programme's branding (logos, acknowledgement).

Every DOCX builder calls `properties(doc, meta)` once (minutes_docx.Writer does, so a builder on
the Writer gets it for free): python-docx's template would otherwise say "python-docx", created in
2013. `header_logo(section, meta)` puts the institution's logo, small, at the start of the page
header; `cover_logos(doc, meta)` and `funders(doc, meta)` print the logos and the acknowledgement
where a cover or title block wants them.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import safe, style
from .branding import Logo

#: Word's languages for the document's: Spanish as written in Peru, English.
WORD_LANG = {"es": "es-PE", "en": "en-GB"}


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def properties(doc, meta) -> None:
    """Title, author (the programme's institution), subject, created and modified now, last modified
    by, language — in the file's core properties — and the language of its text (spelling)."""
    core = doc.core_properties
    # Word's properties hold 255 characters at most (python-docx raises beyond): a long name is cut.
    core.title = safe.clip(meta.title or meta.doc_title)
    core.subject = safe.clip(meta.subject or meta.header_left)
    core.author = core.last_modified_by = safe.clip(meta.author)
    core.created = core.modified = _aware(meta.created or datetime.now(timezone.utc))
    core.revision = 1
    core.language = meta.lang  # as the PDF's /Lang: "es" or "en"
    core.comments = core.keywords = ""
    core.category = meta.doc_title
    _text_language(doc, WORD_LANG.get(meta.lang, meta.lang))


def _text_language(doc, lang: str) -> None:
    """The language of every run by default (docDefaults), so Word checks the spelling in it."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    el = rpr.find(qn("w:lang"))
    if el is None:
        el = OxmlElement("w:lang")
        rpr.append(el)
    el.set(qn("w:val"), lang)
    el.set(qn("w:eastAsia"), lang)
    el.set(qn("w:bidi"), lang)


def _picture(run, logo: Logo, max_w_mm: float, max_h_mm: float) -> bool:
    w, h = logo.fit(max_w_mm, max_h_mm)
    try:
        run.add_picture(io.BytesIO(logo.data), width=Mm(w), height=Mm(h))
    except Exception:  # noqa: BLE001 - a logo python-docx cannot read is left out, never an error
        return False
    return True


def header_logo(paragraph, meta) -> None:
    """The institution's logo, small, at the start of a header paragraph."""
    logo = meta.branding.institution
    if logo is not None:
        run = paragraph.add_run()
        if _picture(run, logo, 26, 7):
            paragraph.add_run("  ")


def cover_logos(doc, meta) -> None:
    """The institution's logo at the top right of the first page (a cover or a title block)."""
    logo = meta.branding.institution
    if logo is None:
        return
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.paragraph_format.space_after = Pt(6)
    _picture(p.add_run(), logo, 55, 18)


def funders(doc, meta) -> None:
    """The acknowledgement and, under it, the funders' logos in a row."""
    brand = meta.branding
    if not (brand.funders or brand.acknowledgement):
        return
    if brand.acknowledgement:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(8)
        p.paragraph_format.space_after = Pt(3)
        p.paragraph_format.keep_with_next = True
        run = p.add_run(brand.acknowledgement)
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string(style.hex6(style.MUTED))
    if brand.funders:
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(8)
        for i, logo in enumerate(brand.funders):
            if i:
                p.add_run("    ")
            _picture(p.add_run(), logo, 45, 14)
