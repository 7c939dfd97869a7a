"""An item's history as the write commands see it: status entries and (schema_version 2) edit entries.

Status entries alone decide an item's status (the last one's) and never go backwards in date among
themselves; the whole history is kept in date order, so a status entry dated before a later edit
(progress back-filled after an owner was assigned today) goes in at its date.

The one exception is the entry that opened the item (`opens`: status open, written by `add` or `import`
on the day the item came into the tracker): it is the tracker's, not progress, so it stays first, and
progress may be back-filled after it dated any day from the report's publication on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli.errors import UsageError
from hmic_cli.opening import opens
from hmic_cli.vocabulary import Status, word

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, HistoryEntry, Recommendation

MIGRATE_HINT = "run 'hmic migrate FILE' to upgrade the tracker to schema_version 2 (every v1 field is kept)"


def last_status_entry(rec: Recommendation) -> HistoryEntry | None:
    for entry in reversed(rec.history):
        if entry.status is not None:
            return entry
    return None


_CLOSING = frozenset({Status.complete, Status.superseded})


def closed_on(rec: Recommendation) -> date | None:
    """The one rule for the day a closed item closed: the first of its trailing complete or superseded status
    entries (a sign-off after an owner's closure keeps the owner's day). None when its last status entry
    does not close it."""
    said = [entry for entry in rec.history if entry.status is not None]  # status entries (edits say nothing here)
    if not said or said[-1].status not in _CLOSING:
        return None
    n = len(said) - 1
    while n > 0 and said[n - 1].status in _CLOSING:
        n -= 1
    return said[n].on


def proposer(rec: Recommendation) -> str | None:
    """Who proposed `rec` for sign-off last (the `by` of its last awaiting-sign-off entry), if anyone."""
    for entry in reversed(rec.history):
        if getattr(entry, "status", None) is Status.awaiting_sign_off:
            return entry.by
    return None


def not_future(day: date, today: date) -> None:
    if day > today:
        raise UsageError(f"--on {day.isoformat()} is in the future (today is {today.isoformat()})",
                         "record changes on or before today")


def last_progress(rec: Recommendation) -> HistoryEntry | None:
    """The item's last status entry that is progress: any but the entry that opened it."""
    last = last_status_entry(rec)
    return None if last is not None and last is rec.history[0] and opens(rec.history) else last


def backwards(rec: Recommendation, day: date, after: date | None = None) -> date | None:
    """The one rule for a new status entry's day, used by `update` and owners' updates: None when `day` is
    on or after the item's last progress (status) entry (and `after`, an entry the same write adds before
    it); else the day it would go back before. The entry that opened the item does not count (`opens`)."""
    last = last_progress(rec)
    latest = max([d for d in (last.on if last else None, after) if d is not None], default=None)
    return latest if latest is not None and day < latest else None


def published(dataset: Dataset, rec: Recommendation) -> date | None:
    """The publication date of `rec`'s report: no entry of the item is dated before it."""
    return next((r.published for r in dataset.reports if r.id == rec.report), None)


def from_publication(day: date, rec: Recommendation, published: date | None) -> date:
    """`day`, when it is not before the item's report was published (exit 2 otherwise)."""
    if published is not None and day < published:
        raise UsageError(f"--on {day.isoformat()} is before {rec.id}'s report was published ({published.isoformat()})",
                         "an item's entries are dated from its report's publication on: give a later date")
    return day


def status_day(on: date | None, today: date, rec: Recommendation, published: date | None) -> date:
    """The day a status entry is recorded on: never in the future, never before the last progress entry,
    never before the report's publication (`published`, when given)."""
    day = on or today
    not_future(day, today)
    from_publication(day, rec, published)
    last = last_progress(rec)
    if backwards(rec, day) is not None:
        which = "history" if last is rec.history[-1] else "status"
        raise UsageError(f"--on {day.isoformat()} is before {rec.id}'s last {which} entry ({last.on.isoformat()})",
                         "status entries never go backwards: give a later date")
    return day


def edit_day(on: date | None, today: date, rec: Recommendation, version: int, published: date | None) -> date:
    """The day an edit is recorded on. Version 2: any day from the report's publication (`published`, when
    given) up to today (edit entries go in at their date); version 1, where an edit is a status entry, never
    before the last entry."""
    if version == 1:
        return status_day(on, today, rec, published)
    day = on or today
    not_future(day, today)
    return from_publication(day, rec, published)


def insert(history: list[dict], entry: dict) -> list[dict]:
    """`history` with `entry` after every entry dated on or before it (ISO dates compare as text), and after
    the entry that opened the item, whatever its date (`opens`)."""
    at, first = len(history), 1 if opens(history) else 0
    while at > first and str(history[at - 1].get("on", "")) > entry["on"]:
        at -= 1
    history.insert(at, entry)
    return history


def item_edit(entries: list[dict], sets: dict | None = None, revision: dict | None = None,
              status: str | None = None) -> Callable[[dict], dict]:
    """The change a write makes to one item's JSON value: `sets` (a None value removes the key), a due
    date `revision` (the new due date, and the revision kept), `entries` put into its history in date
    order and, given `status`, the status its history then ends on (`status` when none says)."""
    def edit(item: dict) -> dict:
        for key, value in (sets or {}).items():
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value
        if revision:
            item["due"] = revision["due"]
            item.setdefault("due_revisions", []).append(revision)
        for entry in entries:
            insert(item.setdefault("history", []), entry)
        if status is not None:
            item["status"] = status_of(item.get("history", []), status)
        return item

    return edit


def status_of(history: list[dict], default: str) -> str:
    """The status the last status entry of a (JSON) history gives."""
    for entry in reversed(history):
        if entry.get("status") is not None:
            return entry["status"]
    return default


def status_entry(on: date, status: Status, note: str, by: str | None = None, evidence: str | None = None,
                 proposed: HistoryEntry | None = None) -> dict:
    entry: dict = {"on": on.isoformat(), "status": status.value, "note": note}
    if by:
        entry["by"] = by
    if evidence:
        entry["evidence"] = evidence
    if proposed is not None:
        if proposed.by:
            entry["proposed_by"] = proposed.by
        entry["proposed_on"] = proposed.on.isoformat()
    return entry


def edit_entry(on: date, field: str, before: object, after: object, note: str, by: str | None = None) -> dict:
    """An edit entry (schema_version 2): what changed, from and to."""
    entry: dict = {"on": on.isoformat(), "edit": {"field": field, "from": before, "to": after}, "note": note}
    if by:
        entry["by"] = by
    return entry


def needs_v2(version: int, what: str) -> None:
    """Refuse a change a schema_version 1 file cannot hold (exit 2, pointing at `hmic migrate`)."""
    if version < 2:
        raise UsageError(f"{what} needs schema_version 2; this tracker is version 1", MIGRATE_HINT)


def shown(value: object) -> str:
    """An edit's value as `log` and `show` print it: '-' for none, a list joined by commas."""
    if value is None or value == "":
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or "-"
    return str(value)


_WORDED = frozenset({"type", "deadline", "inspectorate"})  # fields whose values are codes with words


def change_text(entry: HistoryEntry) -> str:
    """'owner: - -> DI Patel' for an edit entry; fields and coded values in words ('carried forward from: -
    -> P-1', 'deadline: within three months -> within six months')."""
    edit = entry.edit
    field = edit.field.value
    if field == "text":  # a text is long: say that it changed, the note and `show` hold it
        return "text edited"
    before, after = (word(v) if field in _WORDED and isinstance(v, str) else v for v in (edit.from_, edit.to))
    return f"{word(field).replace('_', ' ')}: {shown(before)} -> {shown(after)}"
