"""The documents' words and numbers in one language: the app's gettext catalogue and Babel.

Words: `Text.gettext`, `ngettext` and `pgettext` with English msgids and `%(name)s` placeholders,
from the same catalogue the pages use (`workshop/translations`, extracted by `make messages`).
The builders lay documents out in a worker thread without an app context, so the catalogue is
read by `workshop.catalogue.translations` (Babel, no Flask), as the voting rules read it. Labels
of codes (sectors, statuses, methods…) are `workshop.labels`' msgids, so documents and pages say
the same thing. Every word a document prints comes from here: a new one is a msgid that
`make messages` extracts and es/messages.po translates.

Numbers, percentages and money: `babel.numbers` in the document's language (`66,7 %`, `1.250`,
`S/ 1.250.000`, `S/ 16,2 millones` in Spanish; `66.7%`, `1,250`, `S/ 1,250,000`, `S/ 16.2 million`
in English). Amounts are Peruvian soles (PEN), written with the sol's sign as Peru's CLDR locale
(`es_PE`) gives it and the digits of the document's language.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from babel.numbers import format_compact_decimal, format_decimal, format_percent, get_currency_symbol

from .. import labels
from ..catalogue import translations

LANGS = ("es", "en")
NBSP = "\u00a0"
#: The sol's sign as written in Peru ("S/").
PEN_SIGN = get_currency_symbol("PEN", locale="es_PE")


def percent(share: Optional[float], lang: str) -> str:
    """A share in [0, 1] as a percentage with at most one decimal: '66,7 %' / '66.7%' ('—' for none)."""
    if share is None:
        return "—"
    rounded = Decimal(str(round(share * 100, 1))) / 100  # as the voting rules round it
    return format_percent(rounded, locale=lang, decimal_quantization=False)


def whole_percent(share: float, lang: str) -> str:
    """A share as a whole percentage, for charts: '84 %' / '84%'."""
    return format_percent(share, locale=lang)


def number(value: Optional[int], lang: str) -> str:
    """A whole number: '1.250' / '1,250'."""
    return "—" if value is None else format_decimal(value, locale=lang)


def decimal(value: Optional[float], lang: str, places: int = 2) -> str:
    """A number with `places` decimals: '3,50' / '3.50'."""
    if value is None:
        return "—"
    return format_decimal(value, format="#,##0." + "0" * places if places else "#,##0", locale=lang)


def money(pen: Optional[int], lang: str) -> str:
    """An exact amount of soles: 'S/ 1.250.000' / 'S/ 1,250,000' (the sign never parted from the digits)."""
    return "—" if pen is None else f"{PEN_SIGN}{NBSP}{format_decimal(pen, format='#,##0', locale=lang)}"


def money_short(pen: Optional[int], lang: str) -> str:
    """An amount for a key-figure band: 'S/ 16,2 millones' / 'S/ 16.2 million' from a million up (the
    word spelled out, never an ambiguous 'M'), exact below. The sign never parts from the digits; a
    line may break before the word."""
    if pen is None or abs(pen) < 1_000_000:
        return money(pen, lang)
    words = format_compact_decimal(pen, format_type="long", fraction_digits=1, locale=lang)
    return f"{PEN_SIGN}{NBSP}{words.replace(NBSP, ' ')}"


class Text:
    """The catalogue and number formats of one language (Spanish for anything else)."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "es"
        self.catalogue = translations(self.lang)

    # --- words ----------------------------------------------------------------------------------

    def gettext(self, msgid: str, **params: Any) -> str:
        """`msgid` translated, its `%(name)s` placeholders filled from `params`."""
        text = self.catalogue.gettext(msgid)
        return text % params if params else text

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        """The form for `n`; `%(num)s` is `n` written in this language unless `params` gives it."""
        text = self.catalogue.ngettext(singular, plural, n)
        return text % {"num": self.number(n), **params}

    def pgettext(self, context: str, msgid: str, **params: Any) -> str:
        """`msgid` in `context` (a word that reads differently elsewhere in the app)."""
        text = self.catalogue.pgettext(context, msgid)
        return text % params if params else text

    def label(self, table: str, code: Optional[str]) -> str:
        """The name of a code in one of `workshop.labels`' tables ('—' for none, the code if unknown)."""
        if code is None:
            return "—"
        msgid = labels.msgid(table, code)
        return self.catalogue.gettext(msgid) if msgid else str(code)

    # --- numbers ----------------------------------------------------------------------------------

    def percent(self, share: Optional[float]) -> str:
        return percent(share, self.lang)

    def number(self, value: Optional[int]) -> str:
        return number(value, self.lang)

    def decimal(self, value: Optional[float], places: int = 2) -> str:
        return decimal(value, self.lang, places)

    def money(self, pen: Optional[int]) -> str:
        return money(pen, self.lang)

    def money_short(self, pen: Optional[int]) -> str:
        return money_short(pen, self.lang)


def label(table: str, code: Optional[str], lang: str) -> str:
    """The name of `code` in `workshop.labels`' `table`, in `lang` (no app context needed)."""
    return Text(lang).label(table, code)
