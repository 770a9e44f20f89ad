"""A programme's branding as its documents print it: the institution's logo (covers and, small, every
page's header), the funders' logos and the acknowledgement line (covers).

Gathered once with the document's facts (`Meta.branding`, by `data._meta`), so every document built
on the shared bases — `pdfbase` for PDFs, `docx_props` for DOCX — carries it without its builder
doing anything. The images are the bytes an admin uploaded, checked to be PNG or JPEG when they
were (`workshop.programmes.logos`); an image that still cannot be read is left out, never an error.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Logo:
    role: str
    name: str
    data: bytes
    content_type: str
    #: Pixels (for the aspect ratio).
    width: int = 0
    height: int = 0

    def fit(self, max_width: float, max_height: float) -> tuple[float, float]:
        """(width, height) within the box, keeping the image's proportions."""
        if not self.width or not self.height:
            return max_height, max_height
        scale = min(max_width / self.width, max_height / self.height)
        return self.width * scale, self.height * scale


@dataclass
class Branding:
    #: The programme's institution logo (the first one by position), or None.
    institution: Optional[Logo] = None
    #: The funders' logos, in order.
    funders: list[Logo] = field(default_factory=list)
    #: "Con el apoyo de …" in the document's language (the Spanish line when the English is empty).
    acknowledgement: str = ""

    @property
    def any(self) -> bool:
        return bool(self.institution or self.funders or self.acknowledgement)


#: The most pixels a side a document embeds: a cover prints a logo at most 6 cm wide (~300 dpi).
PRINT_SIDE = 800


def _logo(row) -> Optional[Logo]:
    """The logo as documents embed it: an upload bigger than PRINT_SIDE is scaled down once here (so
    that no page decodes a 4,000-pixel image again), as PNG keeping its transparency."""
    try:
        from PIL import Image

        with Image.open(io.BytesIO(row.data)) as image:
            width, height = image.size
            if max(width, height) <= PRINT_SIDE:
                return Logo(row.role, row.name or "", bytes(row.data), row.content_type, width, height)
            image.thumbnail((PRINT_SIDE, PRINT_SIDE))
            out = io.BytesIO()
            image.save(out, "PNG", optimize=False)
            return Logo(row.role, row.name or "", out.getvalue(), "image/png", *image.size)
    except Exception:  # noqa: BLE001 - a logo that cannot be read is left out of the document
        return None


def of(programme, lang: str) -> Branding:
    """The branding of `programme` for a document in `lang`."""
    institution, funders = None, []
    for row in programme.logos:  # ordered by position
        logo = _logo(row)
        if logo is None:
            continue
        if row.role == "institution":
            institution = institution or logo
        else:
            funders.append(logo)
    english = (programme.acknowledgement_en or "") if lang == "en" else ""
    return Branding(institution, funders, (english or programme.acknowledgement or "").strip())
