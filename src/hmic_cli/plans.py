"""What each write command changes. Each function returns a plan-maker for `transaction.apply`: given the
file as read under the lock, it refuses what cannot be done (exit 2, nothing written) or returns
the `Plan`. Every change to an item appends a history entry saying what changed."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from hmic_cli.errors import UsageError
from hmic_cli.models import ITEM_ID, SLUG, Recommendation
from hmic_cli.query import due_date, find_item, known
from hmic_cli.store.loading import Loaded
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import Deadline, RecType, Status

MakePlan = Callable[[Loaded], Plan]


def _entry(on: date, status: Status, note: str, by: str | None = None, evidence: str | None = None) -> dict:
    entry = {"on": on.isoformat(), "status": status.value, "note": note}
    if by:
        entry["by"] = by
    if evidence:
        entry["evidence"] = evidence
    return entry


def _day(on: date | None, today: date, rec: Recommendation | None = None) -> date:
    """The day a change is recorded on: never in the future, never before the item's last entry."""
    day = on or today
    if day > today:
        raise UsageError(f"--on {day.isoformat()} is in the future (today is {today.isoformat()})",
                         "record changes on or before today")
    if rec is not None and rec.history and day < rec.history[-1].on:
        raise UsageError(f"--on {day.isoformat()} is before {rec.id}'s last history entry "
                         f"({rec.history[-1].on.isoformat()})", "history never goes backwards: give a later date")
    return day


@dataclass
class StatusUpdate:
    id: str
    status: Status
    note: str | None = None
    evidence: str | None = None
    by: str | None = None
    on: date | None = None  # default: today


def update(change: StatusUpdate, today: date) -> MakePlan:
    def plan(loaded: Loaded) -> Plan:
        index, rec = find_item(loaded.dataset, change.id)
        on = _day(change.on, today, rec)
        if change.status is rec.status and not (change.note or change.evidence):
            raise UsageError(f"{rec.id} is already '{rec.status.value}'",
                             "give --note or --evidence to record something new, or a different --status")
        entry = _entry(on, change.status, change.note or f"Status set to {change.status.value}.",
                       change.by, change.evidence)

        def edit(item: dict) -> dict:
            item["status"] = change.status.value
            item.setdefault("history", []).append(entry)
            return item

        return Plan(edits={index: edit}, message=f"Recorded {rec.id}: {entry['status']} on {entry['on']}")

    return plan


@dataclass
class ItemEdit:
    id: str
    text: str | None = None
    owner: str | None = None  # "" clears it
    type: RecType | None = None
    deadline: Deadline | None = None
    due: date | None = None
    reason: str | None = None
    add_themes: list[str] = field(default_factory=list)
    remove_themes: list[str] = field(default_factory=list)
    by: str | None = None
    on: date | None = None


def edit(change: ItemEdit, today: date) -> MakePlan:
    if change.due is not None and not (change.reason or "").strip():
        raise UsageError("--due revises a due date and needs --reason", "say why, e.g. --reason 'agreed at the board'")
    if change.reason and change.due is None:
        raise UsageError("--reason goes with --due", "give the revised --due date")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        index, rec = find_item(dataset, change.id)
        known("theme", change.add_themes + change.remove_themes, [t.id for t in dataset.themes])
        on = _day(change.on, today, rec)
        report = next(r for r in dataset.reports if r.id == rec.report)
        said: list[str] = []
        sets: dict[str, object] = {}
        if change.text is not None and change.text != rec.text:
            if not change.text.strip():
                raise UsageError("--text is empty", "give the item's text")
            sets["text"] = change.text
            if rec.quote is None:  # the source's own words are kept: a re-import still finds the item held
                sets["quote"] = rec.text
            said.append("text edited")
        if change.owner is not None and (change.owner or None) != rec.owner:
            sets["owner"] = change.owner or None
            said.append(f"owner set to {change.owner}" if change.owner else "owner cleared")
        if change.type is not None and change.type is not rec.type:
            sets["type"] = change.type.value
            said.append(f"type {rec.type.value} -> {change.type.value}")
        if change.deadline is not None and change.deadline is not rec.deadline:
            if change.deadline is Deadline.by_date and rec.due is None and change.due is None:
                raise UsageError("a by-date deadline needs a due date", "give --due DATE --reason TEXT too")
            sets["deadline"] = change.deadline.value
            said.append(f"deadline {rec.deadline.value} -> {change.deadline.value}")
        themes = [t for t in rec.themes if t not in change.remove_themes]
        themes += [t for t in dict.fromkeys(change.add_themes) if t not in themes]
        if themes != rec.themes:
            if not themes:
                raise UsageError(f"{rec.id} would have no theme", "an item keeps at least one theme")
            sets["themes"] = themes
            said.append("themes " + ", ".join(themes))
        revision = None
        if change.due is not None:
            current = due_date(rec, report)
            if change.due == current:
                raise UsageError(f"{rec.id} is already due on {current.isoformat()}", "give a different --due")
            revision = {"on": on.isoformat(), "previous": current.isoformat() if current else None,
                        "due": change.due.isoformat(), "reason": change.reason}
            if change.by:
                revision["by"] = change.by
            was = current.isoformat() if current else "none"
            said.append(f"due date revised {was} -> {change.due.isoformat()}: {change.reason}")
        if not said:
            raise UsageError(f"nothing to change on {rec.id}", "give a new value with --text, --owner, --type, "
                             "--deadline, --due/--reason, --add-theme or --remove-theme")
        note = "Edited: " + "; ".join(said) + "."
        entry = _entry(on, rec.status, note, change.by)

        def apply(item: dict) -> dict:
            for key, value in sets.items():
                if value is None:
                    item.pop(key, None)
                else:
                    item[key] = value
            if revision:
                item["due"] = revision["due"]
                item.setdefault("due_revisions", []).append(revision)
            item.setdefault("history", []).append(entry)
            return item

        return Plan(edits={index: apply}, message=f"Edited {rec.id}: {'; '.join(said)}")

    return plan


@dataclass
class Waive:
    id: str
    until: date | None = None
    reason: str | None = None
    by: str | None = None
    clear: bool = False
    on: date | None = None


def waive(change: Waive, today: date) -> MakePlan:
    if change.clear and (change.until or change.reason):
        raise UsageError("--clear takes no --until or --reason", "clear the waiver, or set a new one")
    if not change.clear:
        if change.until is None:
            raise UsageError("a waiver needs --until DATE", "give the last day the CI gate should pass the item")
        if not (change.reason or "").strip():
            raise UsageError("a waiver needs --reason TEXT", "say why the item may be late, e.g. what the board agreed")

    def plan(loaded: Loaded) -> Plan:
        index, rec = find_item(loaded.dataset, change.id)
        on = _day(change.on, today, rec)
        if change.clear:
            if rec.waiver is None:
                raise UsageError(f"{rec.id} has no waiver to clear")
            waiver, note = None, "Waiver cleared."
        else:
            waiver = {"until": change.until.isoformat(), "reason": change.reason}
            if change.by:
                waiver["by"] = change.by
            current = rec.waiver
            if current and current.until == change.until and current.reason == change.reason:
                raise UsageError(f"{rec.id} already has this waiver")
            note = f"Waived until {change.until.isoformat()}: {change.reason}"
        entry = _entry(on, rec.status, note, change.by)

        def apply(item: dict) -> dict:
            if waiver is None:
                item.pop("waiver", None)
            else:
                item["waiver"] = waiver
            item.setdefault("history", []).append(entry)
            return item

        said = "waiver cleared" if waiver is None else f"waived until {change.until.isoformat()}"
        return Plan(edits={index: apply}, message=f"Waived {rec.id}: {said}" if waiver else f"Edited {rec.id}: {said}")

    return plan


@dataclass
class NewItem:
    report: str
    text: str
    deadline: Deadline
    themes: list[str]
    due: date | None = None
    type: RecType = RecType.recommendation
    owner: str | None = None
    id: str | None = None
    quote: str | None = None
    by: str | None = None
    note: str | None = None  # the first history entry's note
    on: date | None = None


def next_id(prefix: str, taken: set[str]) -> str:
    """`PREFIX-N`, N one more than the highest number already used with that prefix."""
    return next(fresh_ids(prefix, taken))


def fresh_ids(prefix: str, taken: set[str]) -> Iterator[str]:
    """`PREFIX-N`, `PREFIX-N+1`, ...: N one more than the highest number used with that prefix in any case
    (so a new id never differs from an existing one only by case: `ids.Clashes`). The ids are scanned
    once, so allocating many ids costs one pass, not one pass per id."""
    pattern = re.compile(re.escape(prefix) + r"-(\d+)$", re.IGNORECASE)
    number = max((int(m.group(1)) for t in taken if (m := pattern.match(t))), default=0)
    while True:
        number += 1
        yield f"{prefix}-{number}"


def prefix_for(report_id: str) -> str:
    """A short id prefix from a report id: initials of its words ('kent-custody-2024' -> 'KC')."""
    initials = "".join(w[0] for w in report_id.split("-") if w and not w.isdigit()).upper()
    return initials[:4] or "R"


def item_dict(new: NewItem, item_id: str, on: date) -> dict:
    item: dict = {"id": item_id, "report": new.report, "type": new.type.value, "text": new.text}
    if new.quote and new.quote != new.text:
        item["quote"] = new.quote
    item["deadline"] = new.deadline.value
    if new.due:
        item["due"] = new.due.isoformat()
    item["themes"] = list(dict.fromkeys(new.themes))
    item["status"] = Status.open.value
    if new.owner:
        item["owner"] = new.owner
    item["history"] = [_entry(on, Status.open, new.note or "Added to the tracker.", new.by)]
    return item


def add(new: NewItem, today: date, prefix: str | None = None) -> MakePlan:
    if not new.text.strip():
        raise UsageError("--text is empty", "give the recommendation's text as the report words it")
    if new.deadline is Deadline.by_date and new.due is None:
        raise UsageError("a by-date deadline needs --due DATE")
    if not new.themes:
        raise UsageError("an item needs at least one --theme", "run 'hmic themes' to see the theme ids")
    if new.id is not None and not re.fullmatch(ITEM_ID, new.id):
        raise UsageError(f"--id {new.id!r} is not a usable id", "use letters, digits, '.', '_' or '-' (at most 32)")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        known("report", [new.report], [r.id for r in dataset.reports])
        known("theme", new.themes, [t.id for t in dataset.themes])
        taken = {r.id for r in dataset.recommendations}
        if new.id in taken:
            raise UsageError(f"id '{new.id}' is already taken", "leave out --id to get the next free one")
        stored = next((r.prefix for r in dataset.reports if r.id == new.report), None)  # reports[].prefix (v2)
        item_id = new.id or next_id(prefix or stored or prefix_for(new.report), taken)
        on = _day(new.on, today)
        return Plan(append={"recommendations": [item_dict(new, item_id, on)]}, message=f"Added {item_id}")

    return plan


def add_report(report: dict) -> MakePlan:
    if not re.fullmatch(SLUG, report["id"]):
        raise UsageError(f"report id {report['id']!r} is not a slug", "use lower-case words joined by '-'")

    def plan(loaded: Loaded) -> Plan:
        if any(r.id == report["id"] for r in loaded.dataset.reports):
            raise UsageError(f"report '{report['id']}' already exists")
        return Plan(append={"reports": [report]}, message=f"Added report {report['id']}")

    return plan


def add_theme(theme_id: str, label: str, description: str) -> MakePlan:
    if not re.fullmatch(SLUG, theme_id):
        raise UsageError(f"theme id {theme_id!r} is not a slug", "use lower-case words joined by '-'")
    if not label.strip():
        raise UsageError("--label is empty")

    def plan(loaded: Loaded) -> Plan:
        if any(t.id == theme_id for t in loaded.dataset.themes):
            raise UsageError(f"theme '{theme_id}' already exists")
        return Plan(append={"themes": [{"id": theme_id, "label": label, "description": description}]},
                    message=f"Added theme {theme_id}")

    return plan
