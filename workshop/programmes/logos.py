"""A programme's logos: the institution's and its funders', printed on its documents.

An upload is taken only when its bytes are a PNG or JPEG image that Pillow can decode whole
(the name and the browser's content type are not trusted), no bigger than `MAX_BYTES` and
`MAX_SIDE` pixels a side; anything else is refused with a sentence the admin can act on and
changes nothing. What is stored is the upload's own bytes and the type its content showed.
"""
from __future__ import annotations

import io
from typing import Optional

from sqlalchemy import func, select

from ..extensions import db
from ..refusals import NotFound, Refusal
from .models import LOGO_ROLES, Programme, ProgrammeLogo

#: The largest logo accepted (a cover prints it a few centimetres wide).
MAX_BYTES = 1024 * 1024
#: The most pixels a side (a bigger image is a poster, or a decompression bomb).
MAX_SIDE = 4000
#: What Pillow names the formats we take → the content type stored.
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def _number(n: int) -> str:
    """A number as the request's language writes it (Babel): '1.024' / '1,024'."""
    from flask_babel import format_number

    return format_number(n)


class BadLogo(Refusal):
    """A logo upload that cannot be taken (400)."""


def inspect(data: bytes) -> tuple[str, int, int]:
    """(content type, width, height) of `data` if it is a PNG or JPEG within the limits; else BadLogo."""
    if not data:
        raise BadLogo("empty_file", "Choose a PNG or JPEG image first.")
    if len(data) > MAX_BYTES:
        raise BadLogo("file_too_large", "The logo is %(size)s KB; the most accepted is %(max)s KB.",
                      size=_number((len(data) + 1023) // 1024), max=_number(MAX_BYTES // 1024))
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                raise BadLogo("not_an_image", "The logo must be a PNG or JPEG image.")
            if width > MAX_SIDE or height > MAX_SIDE:
                raise BadLogo("image_too_big", "The logo is %(width)s × %(height)s pixels; the most accepted is "
                              "%(max)s pixels a side.", width=_number(width), height=_number(height),
                              max=_number(MAX_SIDE))
            image.load()  # decode it whole: a truncated or corrupt file is refused now, not in a PDF
    except BadLogo:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise BadLogo("not_an_image", "The logo must be a PNG or JPEG image.") from None
    return FORMATS[kind], width, height


def add(programme: Programme, role: str, name: str, data: bytes) -> ProgrammeLogo:
    """Store a logo (checked by its content) after the programme's other logos."""
    if role not in LOGO_ROLES:
        raise BadLogo("invalid_role", "role must be one of %(roles)s.", roles=", ".join(LOGO_ROLES))
    name = (name or "").strip()
    if len(name) > 200:
        raise BadLogo("invalid_field", "The logo's name is longer than %(max)s characters.", max=200)
    content_type, _w, _h = inspect(data)
    last = db.session.scalar(select(func.coalesce(func.max(ProgrammeLogo.position), 0))
                             .where(ProgrammeLogo.programme_id == programme.id))
    logo = ProgrammeLogo(programme_id=programme.id, role=role, name=name, content_type=content_type, data=data,
                         position=last + 1)
    db.session.add(logo)
    db.session.commit()
    return logo


def get(programme_id: int, logo_id: int) -> ProgrammeLogo:
    logo = db.session.get(ProgrammeLogo, logo_id)
    if logo is None or logo.programme_id != programme_id:
        raise NotFound("not_found", "No logo with id %(id)s in this programme.", id=logo_id)
    return logo


def delete(programme_id: int, logo_id: int) -> None:
    db.session.delete(get(programme_id, logo_id))
    db.session.commit()


def move(programme_id: int, logo_id: int, direction: str) -> Optional[ProgrammeLogo]:
    """Swap a logo with its neighbour ("up": printed earlier, "down": later)."""
    if direction not in ("up", "down"):
        raise BadLogo("invalid_field", "direction must be up or down.")
    logo = get(programme_id, logo_id)
    logos = list(db.session.scalars(select(ProgrammeLogo).where(ProgrammeLogo.programme_id == programme_id)
                                    .order_by(ProgrammeLogo.position, ProgrammeLogo.id)))
    for position, each in enumerate(logos, start=1):  # positions made dense first
        each.position = position
    i = logos.index(logo)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(logos):
        logos[i].position, logos[j].position = logos[j].position, logos[i].position
    db.session.commit()
    return logo
