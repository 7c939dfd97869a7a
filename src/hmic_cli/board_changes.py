"""The board paper's one "Changes since the last meeting": what happened to which item, in plain words.

Read from the items' own histories and due revisions between the last meeting (`since`) and the as-of
day, both included; with `report --since-ref` the comparison with the tracker at that revision adds
what the histories do not date (waivers granted or extended, owners changed in a version 1 tracker,
items added). Each item appears at most once in each group, and a group only when it has something.
Dates are written as people write them; no file path or commit id appears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hmic_cli import board_words as words
from hmic_cli import waivers
from hmic_cli.vocabulary import Status

Row = Any  # board_paper.Row (named here, not imported: board_paper builds from this module)
RowMaker = Callable[..., Any]  # board_paper.RowMaker

if TYPE_CHECKING:
    from hmic_cli.boardpack import BoardPack

GROUPS = (("closed", "Closed"), ("proposed", "Closure proposed"), ("moved", "Status changed"),
          ("due", "Due dates revised"), ("waivers", "Waivers"), ("added", "New items"), ("owners", "Owners"),
          ("removed", "Removed from the tracker"))


@dataclass(frozen=True, slots=True)
class ChangeLine:
    id: str
    report: str
    text: str
    detail: str  # "complete on 3 March 2025, by ACC D. Moreno: Signed off at the October board."
    on: date | None


@dataclass
class ChangeGroup:
    key: str
    title: str
    lines: list[ChangeLine] = field(default_factory=list)


def _by(by: str | None) -> str:
    return f", by {by}" if by else ""


def _said(note: str | None) -> str:
    return "" if words.is_system_note(note) else f": {note}"


class _Collector:
    def __init__(self, pack: BoardPack) -> None:
        self.titles = {r.id: r.title for r in pack.reports}
        self.groups = {key: ChangeGroup(key, title) for key, title in GROUPS}
        self.seen: set[tuple[str, str]] = set()

    def add(self, key: str, rec, detail: str, on: date | None) -> None:
        if (key, rec.id) in self.seen:
            return
        self.seen.add((key, rec.id))
        self.groups[key].lines.append(ChangeLine(rec.id, self.titles.get(rec.report, rec.report), rec.text, detail,
                                                 on))


def _status_change(c: _Collector, item, since: date, as_of: date) -> None:
    """The item's last status entry in the period, in words, in its group."""
    history, rec = item.rec.history, item.rec
    last, before = None, None
    for n, entry in enumerate(history):
        if entry.status is None:
            continue
        if entry.on < since:
            before = entry.status
            continue
        if entry.on > as_of:
            continue  # not break: the entry that opened the item may be dated after progress back-filled
        if n == 0:  # the entry that made the item
            c.add("added", rec, f"added on {words.long_date(entry.on)}{_by(entry.by)}", entry.on)
            before = entry.status
            continue
        last = entry
    if last is None:
        return
    status, on = last.status, words.long_date(last.on)
    said = f"{words.status_word(status)} on {on}{_by(last.by)}"
    if status in (Status.complete, Status.superseded):
        if last.proposed_by:
            said += f" (signed off; proposed by {last.proposed_by})"
        if item.late:
            said += f", after its due date of {words.long_date(item.due_date)}"
        c.add("closed", rec, said + _said(last.note), last.on)
    elif status is Status.awaiting_sign_off:
        c.add("proposed", rec, f"closure proposed on {on}{_by(last.by)}" + _said(last.note), last.on)
    elif before is not status:
        was = f" (was {words.status_word(before)})" if before else ""
        if last.proposed_by:
            was = f" (closure proposed by {last.proposed_by} not agreed)"
        c.add("moved", rec, f"now {said}{was}" + _said(last.note), last.on)


def _edits(c: _Collector, item, since: date, as_of: date) -> None:
    """Version 2 edit entries in the period: owners and waivers."""
    rec = item.rec
    for entry in reversed(rec.history):
        edit = entry.edit
        if edit is None or not since <= entry.on <= as_of:
            continue
        name = edit.field.value
        if name == "owner":
            c.add("owners", rec, f"owner now {edit.to or 'none'} (was {edit.from_ or 'none'}), "
                  f"{words.long_date(entry.on)}{_by(entry.by)}", entry.on)
        elif name == "waiver":
            said = (f"waived until {words.long_date(_day(edit.to))}" if edit.to else "waiver ended")
            c.add("waivers", rec, f"{said} on {words.long_date(entry.on)}{_by(entry.by)}" + _said(entry.note),
                  entry.on)


def _day(value) -> date | None:
    if isinstance(value, date) or value is None:
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _revision(c: _Collector, item, since: date, as_of: date) -> None:
    revised = [r for r in item.rec.due_revisions if since <= r.on <= as_of]
    if revised:
        r = revised[-1]
        c.add("due", item.rec, f"due {words.long_date(r.due)}, was {words.long_date(r.previous, 'no date')}; "
              f"revised on {words.long_date(r.on)}{_by(r.by)}" + (f": {r.reason}" if r.reason else ""), r.on)


def _waiver_run_out(c: _Collector, item, since: date, as_of: date) -> None:
    waiver = item.rec.waiver
    if item.outstanding and waivers.runs(waiver, since) and not waivers.runs(waiver, as_of):
        c.add("waivers", item.rec, f"the waiver ran out on {words.long_date(waiver.until)}", waiver.until)


_COMPARED = {"added": "added", "waiver-added": "waivers", "waiver-extended": "waivers", "waiver-expired": "waivers",
             "owner": "owners", "closed": "closed", "due-revised": "due"}


def _compared(c: _Collector, pack: BoardPack) -> None:
    """What the comparison with the last meeting's tracker adds (the histories already said the rest)."""
    recs = {i.rec.id: i.rec for i in pack.items}
    for change in pack.since_meeting.changes:
        if change.kind == "removed":  # no longer in the tracker: its id and text as they were
            if ("removed", change.id) not in c.seen:
                c.seen.add(("removed", change.id))
                c.groups["removed"].lines.append(ChangeLine(change.id, "", change.text, "removed since the last "
                                                            "meeting", None))
            continue
        key = _COMPARED.get(change.kind)
        rec = recs.get(change.id)
        if key is None or rec is None:
            continue
        c.add(key, rec, _compared_words(change), None)


def _compared_words(change) -> str:
    kind, before, after, extra = change.kind, change.before, change.after, change.extra
    reason = f": {extra['reason']}" if extra.get("reason") else ""
    if kind == "added":
        return "added since the last meeting"
    if kind == "waiver-added":
        return f"waived until {words.long_date(after)}{_by(extra.get('by'))}{reason}"
    if kind == "waiver-extended":
        return f"waiver extended to {words.long_date(after)}, was {words.long_date(before)}{reason}"
    if kind == "waiver-expired":
        return f"the waiver ran out on {words.long_date(before)}"
    if kind == "owner":
        return f"owner now {after or 'none'} (was {before or 'none'})"
    if kind == "closed":
        return f"{words.status_word(Status(after))} on {words.long_date(extra.get('on'))}"
    return f"due {words.long_date(after)}, was {words.long_date(before, 'no date')}{reason}"


def changes(pack: BoardPack, make: RowMaker | None = None) -> list[ChangeGroup]:
    since, as_of = pack.since, pack.as_of
    c = _Collector(pack)
    for item in pack.items:  # most items have nothing dated in the period: looked at once, in one loop
        rec = item.rec
        dated = False
        for entry in rec.history:
            if since <= entry.on <= as_of:
                dated = True
                break
        if dated:
            _status_change(c, item, since, as_of)
        if rec.due_revisions:
            _revision(c, item, since, as_of)
        if rec.waiver is not None:
            _waiver_run_out(c, item, since, as_of)
        if dated:
            _edits(c, item, since, as_of)
    if pack.since_meeting is not None:
        _compared(c, pack)
    return [g for g in c.groups.values() if g.lines]
