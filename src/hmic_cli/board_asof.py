"""What the board could be asked on a past as-of day (`hmic report --as-of DAY`): each ask as it stood then.

A paper made for an earlier meeting must not ask about what happened after it: an extension requested after
the day, a closure proposed after it, a response published after it. And what was waiting on the day but is
decided now (an extension approved or rejected since, a closure signed off since) was still waiting then.
Each answer is read from the item's own record: its status entries, its edit entries for extension requests
and decisions, and its approved revisions. When the record holds nothing after the day, the answer is the
item as it is now (the usual case: the paper made today).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli.headline import status_on as then
from hmic_cli.vocabulary import Status

if TYPE_CHECKING:
    from hmic_cli.boardpack import BoardPack
    from hmic_cli.models import Recommendation, Report
    from hmic_cli.query import Item


@dataclasses.dataclass(frozen=True, slots=True)
class Request:
    """An extension request waiting for a decision on the day: when it was asked, and the date asked for."""

    on: date
    due: date


def status_on(item: Item, day: date) -> Status | None:
    """The item's status at the end of `day` (`headline.status_on`, which the headline's figures then use), the
    status now straight away when no entry is later than the day (the usual case: the paper made today)."""
    history = item.rec.history
    if not history or history[-1].on <= day:
        return item.rec.status
    return then(item, day)


_LAST: list = [None, None]  # the pack `statuses` last answered for, and its answer (one paper per run)


def statuses(pack: BoardPack) -> list[Status | None]:
    """Each of the pack's items' status on its as-of day, in `pack.items` order: worked out once for all the
    board's asks (they would otherwise each walk every history)."""
    if _LAST[0] is not pack:
        day = pack.as_of
        _LAST[:] = [pack, [status_on(i, day) for i in pack.items]]
    return _LAST[1]


def extension_waiting(rec: Recommendation, day: date) -> Request | None:
    """The extension request waiting for a decision at the end of `day`, or None.

    Requests are the edit entries of field `extension` with a date asked for; a rejection is such an entry
    with none; an approval is a revision with `approved_on`. The request waiting now counts from its own day."""
    waiting = getattr(rec, "extension_request", None)
    events: list[tuple[date, int, date | None]] = []  # (day, 0 asked / 1 decided, the date asked for)
    for entry in rec.history:
        change = entry.edit
        if change is not None and change.field == "extension":
            asked = _day(change.to)
            events.append((entry.on, 0 if asked is not None else 1, asked))
    for revision in rec.due_revisions:
        approved = getattr(revision, "approved_on", None)
        if approved is not None:
            events.append((approved, 1, None))
    if waiting is not None and not any(k == 0 and on == waiting.on and asked == waiting.due
                                       for on, k, asked in events):
        events.append((waiting.on, 0, waiting.due))
    if not events:
        return None
    events.sort(key=lambda e: (e[0], e[1]))
    state = None
    for on, kind, asked in events:
        if on > day:
            break
        state = Request(on, asked) if kind == 0 and asked is not None else None
    return state


def waiver_on(rec: Recommendation, day: date):
    """The item's waiver as it stood at the end of `day` (version 2 records each waiver set or cleared as an edit
    entry of field `waiver`, from one `until` to another): the waiver now when nothing changed it after the day;
    else the `until` the first later change replaced (None: no waiver then), with the reason it has now."""
    for entry in rec.history:
        change = entry.edit
        if entry.on > day and change is not None and change.field == "waiver":
            until = _day(change.from_)
            if until is None:
                return None
            if rec.waiver is not None:
                return dataclasses.replace(rec.waiver, until=until)
            return _Waiver(until)
    return rec.waiver


@dataclasses.dataclass(frozen=True, slots=True)
class _Waiver:
    """A waiver cleared since the day, as it stood then (its reason went with it)."""

    until: date
    reason: str = "cleared since"
    by: str | None = None


def _day(value) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def report_on(report: Report, day: date) -> Report:
    """The report as it stood on `day`: a response published after it was not yet published."""
    responded = getattr(report, "responded", None)
    if responded is not None and responded > day:
        return dataclasses.replace(report, responded=None)
    return report
