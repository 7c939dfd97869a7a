"""The board pack's first figures and what changed since the last meeting.

What a board looks at first: overdue (and how many of them are waived), due within the amber
window, awaiting sign-off and outstanding with no owner; each also counted as things stood at the
end of the `since` day, from the items' histories and due revisions, so the pack can say "▼3 since
30 Sep". Owners are dated by version 2 edit entries (a version 1 tracker's are taken as they are now).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from hmic_cli import waivers
from hmic_cli.query import Item
from hmic_cli.vocabulary import OUTSTANDING, Status

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def people_date(day: date | None, empty: str = "-") -> str:
    """'31 Oct 2026' (not the locale's: the same on every machine)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else empty


@dataclass(frozen=True)
class Figure:
    key: str  # overdue, amber, awaiting, no-owner
    label: str
    value: int
    then: int | None  # the same count at the end of the `since` day (None: nothing to compare)
    detail: str = ""  # e.g. "4 waived"

    @property
    def change(self) -> int | None:
        return None if self.then is None else self.value - self.then


def waived(item: Item, on: date) -> bool:
    """A waiver runs until its `until`, included."""
    return waivers.item_waived(item, on)


def status_on(item: Item, day: date) -> Status | None:
    """The item's status at the end of `day` (None before its report was published)."""
    if item.report.published > day:
        return None
    # One walk of the history: the last status entry dated by `day`. Not a stop at the first later entry: the
    # entry that opened the item stays first whatever the dates of progress back-filled after it (opening.py).
    found, any_status = None, False
    for entry in item.rec.history:
        if entry.status is None:  # edit entries change no status
            continue
        any_status = True
        if entry.on <= day:
            found = entry.status
    if not any_status:
        return item.rec.status
    return found if found is not None else Status.open


def due_on(item: Item, day: date) -> date | None:
    """The due date in force at the end of `day` (a later revision not yet made)."""
    revisions = item.rec.due_revisions
    if not revisions:
        return item.due_date
    n = bisect_right([r.on for r in revisions], day)
    return revisions[n - 1].due if n else revisions[0].previous


def owner_on(item: Item, day: date) -> str | None:
    """The owner at the end of `day`: the value the first later owner edit (version 2) changed from, else the
    owner now (a version 1 tracker does not date owners)."""
    for entry in item.rec.history:
        edit = entry.edit
        if edit is not None and entry.on > day and edit.field.value == "owner":
            return edit.from_ or None
    return item.rec.owner


def counts(items: list[Item], day: date, amber_days: int, now: bool) -> dict[str, int]:
    """overdue, waived (of the overdue), amber, awaiting and no-owner counts on `day`."""
    found = dict.fromkeys(("overdue", "waived", "amber", "awaiting", "no-owner"), 0)
    for item in items:
        status = item.rec.status if now else status_on(item, day)
        if status not in OUTSTANDING:
            continue
        due = item.due_date if now else due_on(item, day)
        left = None if due is None else (due - day).days
        if left is not None and left < 0:
            found["overdue"] += 1
            found["waived"] += waived(item, day)
        elif left is not None and left <= amber_days:
            found["amber"] += 1
        found["awaiting"] += status is Status.awaiting_sign_off
        found["no-owner"] += not (item.rec.owner if now else owner_on(item, day))
    return found


def figures(items: list[Item], as_of: date, since: date, amber_days: int) -> list[Figure]:
    now = counts(items, as_of, amber_days, now=True)
    then = counts(items, since, amber_days, now=False) if since < as_of else None

    def before(key: str) -> int | None:
        return None if then is None else then[key]

    detail = f"{now['waived']} waived" if now["waived"] else "none waived"
    return [
        Figure("overdue", "Overdue", now["overdue"], before("overdue"), detail),
        Figure("amber", f"Due within {amber_days} days", now["amber"], before("amber")),
        Figure("awaiting", "Awaiting sign-off", now["awaiting"], before("awaiting")),
        Figure("no-owner", "No owner", now["no-owner"], before("no-owner"), "outstanding"),
    ]


def change_text(figure: Figure, since_label: str) -> tuple[str, str]:
    """('▼3', 'down 3') and the like: the arrow for the eye, the words for a screen reader."""
    change = figure.change
    if change is None:
        return "", ""
    if change == 0:
        return "=", "no change"
    arrow, word = ("▲", "up") if change > 0 else ("▼", "down")
    return f"{arrow}{abs(change)}", f"{word} {abs(change)}"
