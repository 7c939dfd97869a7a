"""What moved: history entries in a period, newest first, with the status they moved from."""

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
class Change:
    id: str
    index: int  # position in the item's history
    entry: HistoryEntry
    previous: Status | None  # None for an item's first entry


@dataclass
class Log:
    since: date | None
    until: date | None
    filters: Filters
    statuses: list[Status]
    changes: list[Change]


def log(dataset: Dataset, filters: Filters, since: date | None, until: date | None, as_of: date) -> Log:
    """Entries with since <= on <= until (both included), of the items the filters select."""
    query.check_known(dataset, filters)
    statuses = filters.statuses_or_every()
    changes = []
    for item in query.select(dataset, filters, as_of, statuses):
        history = item.rec.history
        for n, entry in enumerate(history):
            if (since and entry.on < since) or (until and entry.on > until):
                continue
            changes.append(Change(item.rec.id, n, entry, history[n - 1].status if n else None))
    changes.sort(key=lambda c: (natural(c.id), -c.index))
    changes.sort(key=lambda c: c.entry.on, reverse=True)
    return Log(since, until, filters, statuses, changes)
