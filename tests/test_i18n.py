"""One catalogue: every user-facing string has its Spanish translation, with the same placeholders.

The code's strings are extracted with the very keywords of `make messages` (read from the
Makefile), so a refusal, a rule's message or a document's word that the target would miss fails
here too.
"""
from __future__ import annotations

import re
import subprocess
import sys

from babel.messages.pofile import read_po

from helpers import ROOT

CATALOGUE = ROOT / "workshop/translations/es/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}|%%")
#: The count of a plural message: its singular may say it in words ("the only sector present").
COUNT = re.compile(r"%\(num\)[sd]")


def make_messages_keywords() -> list[str]:
    """The `-k` keywords the Makefile's `messages` target passes to `pybabel extract`."""
    makefile = (ROOT / "Makefile").read_text()
    match = re.search(r"^MESSAGE_KEYWORDS\s*:=\s*((?:.*\\\n)*.*)$", makefile, re.M)
    assert match, "the Makefile names its extraction keywords in MESSAGE_KEYWORDS"
    return match.group(1).replace("\\\n", " ").split()


def spanish_catalogue():
    with open(CATALOGUE, "rb") as source:
        return read_po(source)


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_every_string_in_the_code_is_translated_to_spanish(tmp_path):
    pot = tmp_path / "messages.pot"
    keywords = [arg for k in make_messages_keywords() for arg in ("-k", k)]
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", *keywords,
                    "--no-location", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    with open(pot, "rb") as source:
        wanted = {(m.context, m.id) for m in read_po(source) if m.id}
    spanish = {(m.context, m.id): m for m in spanish_catalogue() if m.id}
    missing = sorted(str(key) for key in wanted if key not in spanish or not translated(spanish[key]))
    assert missing == [], f"untranslated (run `make messages` and translate): {missing[:10]}"


def test_every_message_of_the_spanish_catalogue_is_translated():
    """No msgid in es/messages.po without its Spanish (every plural form filled in too)."""
    untranslated = [str(m.id) for m in spanish_catalogue() if m.id and not translated(m)]
    assert untranslated == [], f"translate these in {CATALOGUE.name}: {untranslated[:10]}"
    fuzzy = [str(m.id) for m in spanish_catalogue() if m.id and m.fuzzy]
    assert fuzzy == [], f"fuzzy translations are not used; check them: {fuzzy[:10]}"


def test_the_rules_and_the_documents_messages_are_extracted(tmp_path):
    """The refusals of the voting rules and the documents' plurals reach the catalogue."""
    spanish = {m.id: m for m in spanish_catalogue() if m.id}
    assert "Too many dots: the budget is %(budget)s." in spanish  # _bad(…, budget=…)
    assert "A %(method)s round needs exactly one item." in spanish  # _bad_round(…, method=…)
    assert "The score must be a whole number from %(min)s to %(max)s." in spanish  # N_(…)
    assert spanish[("%(num)s up-vote", "%(num)s up-votes")].string == ("%(num)s apoyo", "%(num)s apoyos")


def test_translations_keep_their_placeholders():
    for message in spanish_catalogue():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(ids) == 1:
            for text in strings:
                assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(ids[0])), (ids[0], text)
            continue
        # A plural: every form names what the plural msgid names, except that a form may say its count
        # in words; and it names nothing that neither msgid has.
        known = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[1]))
        needed = set(PLACEHOLDER.findall(ids[1])) - set(COUNT.findall(ids[1]))
        for text in strings:
            found = set(PLACEHOLDER.findall(text))
            assert needed <= found <= known, (ids, text)
