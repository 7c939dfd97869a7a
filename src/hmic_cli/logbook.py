"""`hmic log`: what moved, as history entries in a period, newest first, with the status moved from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import query
from hmic_cli.query import Filters, natural
from hmic_cli.vocabulary import Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, HistoryEntry


@dataclass(frozen=True)
class Movement:
    """One history entry of one item, with the status it moved from."""

    id: str
    index: int  # position in the item's history
    entry: HistoryEntry
    previous: Status | None  # the status before this entry (None for an item's first); an edit entry's: the status


@dataclass
class Log:
    since: date | None
    until: date | None
    filters: Filters
    movements: list[Movement]


def log(dataset: Dataset, filters: Filters, since: date | None, until: date | None, as_of: date) -> Log:
    """Entries with since <= on <= until (both included), of the items the filters select."""
    query.check_known(dataset, filters)
    return Log(since, until, filters, movements(query.select(dataset, filters, as_of), since, until))


def movements(items, since: date | None, until: date | None) -> list[Movement]:
    """The history entries of `items` with since <= on <= until, newest first (ties by id, latest entry first)."""
    movements = []
    for item in items:
        history = item.rec.history
        before = None
        for n, entry in enumerate(history):
            if not ((since and entry.on < since) or (until and entry.on > until)):
                movements.append(Movement(item.rec.id, n, entry, before))
            if entry.status is not None:
                before = entry.status
    movements.sort(key=lambda c: (natural(c.id), -c.index))
    movements.sort(key=lambda c: c.entry.on, reverse=True)
    return movements
