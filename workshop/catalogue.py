"""The app's gettext catalogue read without Flask: for code that runs where Flask-Babel cannot.

The voting rules write their outcome sentences when a round closes and store them in both
languages; the documents are laid out in a worker thread with no app context. Both read the very
catalogue the pages use (`workshop/translations`, extracted by `make messages`, compiled by
`make translations`) through `translations(lang)`. A leaf: it imports nothing of the app.
"""
from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

#: Where the app's message catalogues live (`make messages` extracts, `make translations` compiles).
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
LANGUAGES = ("es", "en")  # Spanish first: the default


@functools.lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The app's catalogue for ``lang`` as a `babel.support.Translations` (no Flask needed).

    The compiled ``messages.mo`` when it is there and not older than its ``.po``; otherwise the
    ``.po`` compiled in memory, so that an uncompiled or stale catalogue can never put English
    words in a Spanish sentence that is then stored or printed. No catalogue at all (English, the
    msgids' own language): the msgids.
    """
    folder = TRANSLATIONS_DIR / lang / "LC_MESSAGES"
    po, mo = folder / "messages.po", folder / "messages.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        return Translations.load(str(TRANSLATIONS_DIR), [lang])
    if not po.exists():
        return gettext.NullTranslations()
    with po.open("rb") as source:
        catalogue = read_po(source, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)
