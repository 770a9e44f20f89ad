"""Participation by sex, as funders' reports ask for it — only ever in aggregate.

A person may give their sex on joining (optional: woman, man, other, "prefer not to say"; not
asked is None). The documents print how many people of each group took part, never who: a
group with fewer people than the minimum cell (`ANONYMITY_MIN_CELL`, 3 by default) is withheld,
and when only one group is that small the next smallest is withheld with it, so that the total
minus the groups shown gives nothing away — the same rule as the sectors of an anonymous round
(`voting.anonymity.withheld_sectors`). "Not stated" (people never asked, or who joined before the
question existed) is a group like the others.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Optional

from ..sessions.models import SEXES
from ..voting import anonymity
from .text import Text

#: The groups in the order documents print them; None is "not stated".
GROUPS: tuple[Optional[str], ...] = SEXES + (None,)


@dataclass
class SexCount:
    code: Optional[str]
    label: str
    #: None when withheld.
    count: Optional[int]
    share: str


@dataclass
class BySex:
    rows: list[SexCount]
    total: int
    #: Whether any group is withheld.
    withheld: bool
    #: What the table is and what a withheld cell means.
    note: str

    @property
    def answered(self) -> bool:
        """Whether anyone gave an answer (else the documents leave the table out)."""
        return any(r.code is not None and (r.count is None or r.count > 0) for r in self.rows)

    def cells(self, t: Text) -> list[list[str]]:
        """Rows of text: group, people, % (the word "withheld" where a cell is)."""
        withheld = t.pgettext("figure withheld", "withheld")
        return [[r.label, withheld if r.count is None else t.number(r.count), withheld if r.count is None else r.share]
                for r in self.rows]

    def table(self, t: Text):
        """The rows as a `data.Table` (group, people, %) for the PDF and DOCX alike."""
        from .data import Table

        return Table([t.gettext("Sex"), t.gettext("People"), "%"], self.cells(t), [], [2.2, 1, 1], [1, 2])

    def line(self, t: Text) -> str:
        """One line: 'Mujer: 12 · Hombre: 10 · Otro: reservado …' (the workbook's cover)."""
        return " · ".join(f"{label}: {people}" for label, people, _share in self.cells(t))


def by_sex(sexes: Iterable[Optional[str]], t: Text) -> BySex:
    """The aggregate of the people whose sexes are `sexes` (one entry per person), small groups withheld."""
    counts = Counter(s if s in SEXES else None for s in sexes)
    total = sum(counts.values())
    min_cell = anonymity.min_cell()
    key = {g: g or "none" for g in GROUPS}
    hidden = anonymity.withheld_sectors({"by_sector": {key[g]: {"total": counts.get(g, 0)} for g in GROUPS}},
                                        min_cell)
    rows = []
    for g in GROUPS:
        n = counts.get(g, 0)
        label = t.label("sexes", g) if g else t.gettext("Not stated")
        rows.append(SexCount(g, label, None if key[g] in hidden else n, t.percent(n / total) if total else "—"))
    note = t.gettext("Only totals are reported. A group of fewer than %(n)s people is withheld, and when only one "
                     "is that small the next smallest is withheld with it, so that no one's answer can be inferred.",
                     n=t.number(min_cell))
    return BySex(rows, total, bool(hidden), note)
