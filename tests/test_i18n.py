"""Every user-facing string has its Spanish translation, with the same placeholders."""
from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po

from tests.conftest import ROOT

CATALOGUE = ROOT / "workshop/translations/es/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|%%")


def test_every_string_in_the_code_is_translated_to_spanish(tmp_path):
    pot = tmp_path / "messages.pot"
    keywords = [arg for k in ("_l", "N_", "Refusal:2", "SessionError:2", "VotingError:2", "Refused:2",
                              "TransitionError:2", "AccountError:2") for arg in ("-k", k)]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", *keywords,
                    "--no-location", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    wanted = {m.id for m in read_po(open(pot, "rb")) if m.id}
    spanish = {m.id: m.string for m in read_po(open(CATALOGUE, "rb")) if m.id}
    missing = sorted(str(i) for i in wanted if not spanish.get(i))
    assert missing == [], f"untranslated (run `make messages` and translate): {missing[:10]}"


def test_translations_keep_their_placeholders():
    for message in read_po(open(CATALOGUE, "rb")):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for text in strings:
                assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), (msgid, text)
