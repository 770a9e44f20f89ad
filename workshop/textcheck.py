"""What counts as an acceptable character in text people type: names, titles, comments.

Refused everywhere: NUL and the other C0 controls, DEL and the C1 controls (PostgreSQL refuses
NUL outright; the others corrupt documents and logs), the bidirectional embeddings, overrides
and isolates U+202A–U+202E and U+2066–U+2069 (they make a name display as something else), and
lone surrogates (they cannot be stored as UTF-8). Long texts (descriptions, comments, reasons)
may hold newlines and tabs; names and titles may not. Pure Python, no Flask.
"""
from __future__ import annotations

import re
from typing import Optional

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"
#: Characters refused in any text.
FORBIDDEN = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}\r]")
#: Characters refused in a one-line text (a name, a title): the above, and tab and newline.
FORBIDDEN_IN_LINE = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}\t\n\r]")


def normalise_newlines(text: str) -> str:
    """Browsers send a textarea's line ends as CRLF: one newline each."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def bad_character(text: str, multiline: bool = False) -> Optional[str]:
    """The first refused character of `text` as `U+XXXX`, or None when the text is acceptable."""
    match = (FORBIDDEN if multiline else FORBIDDEN_IN_LINE).search(text)
    return f"U+{ord(match.group()):04X}" if match else None
