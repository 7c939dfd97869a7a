"""`themes --by-issuer`: per theme, which issuers ask about it and how many items each (the recurring issues a
committee looks for: a theme several issuers ask about). Actions are not counted: they answer, they do not ask."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hmic_cli import issuer_registry as issuers
from hmic_cli.vocabulary import OUTSTANDING, RecType


@dataclass(frozen=True, slots=True)
class IssuerCount:
    issuer: str
    label: str
    items: int
    outstanding: int

    def as_dict(self) -> dict:
        return {"issuer": self.issuer, "label": self.label, "items": self.items, "outstanding": self.outstanding}


@dataclass(frozen=True, slots=True)
class ThemeIssuers:
    theme: str
    label: str
    issuers: tuple[IssuerCount, ...]  # most items first, then by name

    @property
    def recurring(self) -> bool:
        return len(self.issuers) > 1

    def as_dict(self) -> dict:
        return {"theme": self.theme, "label": self.label, "recurring": self.recurring,
                "issuers": [i.as_dict() for i in self.issuers]}


@dataclass
class ByIssuer:
    as_of: date
    rows: list[ThemeIssuers]  # every theme asked about, in the file's theme order


def by_issuer(dataset, as_of: date) -> ByIssuer:
    """Every theme with the issuers whose items name it (one pass over the items)."""
    registry = issuers.active()
    issuer_of = {r.id: (getattr(r, "issuer", None) or issuers.DEFAULT) for r in dataset.reports}
    counts: dict[tuple[str, str], list[int]] = {}
    action = RecType.action
    for rec in dataset.recommendations:
        if rec.type is action:
            continue
        who = issuer_of[rec.report]
        open_ = rec.status in OUTSTANDING
        for theme in rec.themes:
            tally = counts.setdefault((theme, who), [0, 0])
            tally[0] += 1
            tally[1] += open_
    rows = []
    for theme in dataset.themes:
        found = [IssuerCount(who, issuers.of_name(who, registry).label, n, m)
                 for (t, who), (n, m) in counts.items() if t == theme.id]
        if found:
            found.sort(key=lambda c: (-c.items, c.issuer))
            rows.append(ThemeIssuers(theme.id, theme.label, tuple(found)))
    return ByIssuer(as_of, rows)
