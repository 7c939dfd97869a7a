"""The board paper's "Themes raised by more than one issuer": each theme that items of two or more issuers
name (the recurring issues a committee looks for), with each issuer in its own words and how many of its
items are outstanding. Actions are not counted: they answer, they do not ask. Built from the pack's selected
items in one pass; an empty list when no theme is shared (the paper then shows no such section)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hmic_cli import issuer_registry, issuers
from hmic_cli.board_words import counted, joined, plural
from hmic_cli.vocabulary import RecType

if TYPE_CHECKING:
    from hmic_cli.boardpack import BoardPack


@dataclass(frozen=True, slots=True)
class IssuerAsks:
    """One issuer's items on a theme: 'Coroner: 1 matter of concern (1 outstanding)'."""

    issuer: str  # the issuer's name as people write it ("Coroner", "HMI Prisons")
    kinds: tuple[tuple[str, int], ...]  # (the issuer's word for the type, how many), in the order first met
    outstanding: int

    @property
    def items(self) -> int:
        return sum(n for _, n in self.kinds)

    @property
    def words(self) -> str:
        kinds = joined([counted(n, word, plural(word)) for word, n in self.kinds])
        return f"{self.issuer}: {kinds} ({self.outstanding} outstanding)"


@dataclass(frozen=True, slots=True)
class SharedTheme:
    theme: str  # the theme's label
    issuers: tuple[IssuerAsks, ...]  # most items first, then by name

    @property
    def outstanding(self) -> int:
        return sum(i.outstanding for i in self.issuers)

    @property
    def issuers_words(self) -> str:
        return "; ".join(i.words for i in self.issuers)


def shared(pack: BoardPack, labels: dict[str, str]) -> list[SharedTheme]:
    """The themes the selected items of more than one issuer name, in `labels`' order (theme id -> label).

    One pass over the items counts by (report, type, theme); the issuers and their words are looked up once per
    such key afterwards, not once per item."""
    tally: dict[tuple, list[int]] = {}  # (report id, type, theme) -> [items, outstanding]
    action = RecType.action
    for item in pack.items:
        rec = item.rec
        if rec.type is action:
            continue
        for theme in rec.themes:
            key = (rec.report, rec.type, theme)
            counts = tally.get(key)
            if counts is None:
                counts = tally[key] = [0, 0]
            counts[0] += 1
            counts[1] += item.outstanding
    registry = issuer_registry.active()
    issuer_of = {r.id: issuer_registry.of(r, registry) for r in pack.reports}
    by_theme: dict[str, dict[str, list]] = {}  # theme -> issuer label -> [kinds {word: n}, outstanding]
    for (report, kind, theme), (n, open_) in tally.items():
        issuer = issuer_of.get(report)
        label = issuer.label if issuer is not None else issuer_registry.DEFAULT
        word = issuers.type_words(issuer, kind.value)
        kinds, count = by_theme.setdefault(theme, {}).setdefault(label, [{}, [0]])
        kinds[word] = kinds.get(word, 0) + n
        count[0] += open_
    return _rows(by_theme, labels)


def _rows(by_theme: dict[str, dict[str, list]], labels: dict[str, str]) -> list[SharedTheme]:
    out = []
    for theme in list(labels) + sorted(t for t in by_theme if t not in labels):
        asked = by_theme.get(theme)
        if not asked or len(asked) < 2:
            continue
        rows = [IssuerAsks(label, tuple(kinds.items()), count[0]) for label, (kinds, count) in asked.items()]
        rows.sort(key=lambda a: (-a.items, a.issuer.casefold()))
        out.append(SharedTheme(labels.get(theme, theme), tuple(rows)))
    return out
