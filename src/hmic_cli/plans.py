"""What each write command changes. Each function returns a plan-maker for `transaction.apply`: given the
file as read under the lock, it refuses what cannot be done (exit 2, nothing written) or returns
the `Plan`. Every change to an item goes into its history: a status entry for progress, and in a
schema_version 2 tracker an edit entry per field an edit changes (`history.py`); the team's rules
for closing an item (sign-off, evidence, children) are in `signoff.py`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from hmic_cli import history, signoff
from hmic_cli.errors import UsageError
from hmic_cli.item_edits import ItemEdit, edit  # `hmic edit`, step by step (re-exported: plans.edit)
from hmic_cli.linking import answered_closing, linked_new
from hmic_cli.links import PARENT_TYPES
from hmic_cli.models import ITEM_ID, SLUG, Dataset
from hmic_cli.project import Settings
from hmic_cli.query import find_item, known
from hmic_cli.store.loading import Loaded
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import Deadline, RecType, Status

MakePlan = Callable[[Loaded], Plan]
__all__ = ["ItemEdit", "MakePlan", "StatusUpdate", "add", "add_report", "add_theme", "edit", "update", "waive"]


_entry = history.status_entry


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."


def _day(on: date | None, today: date) -> date:
    """The day a new item is recorded on: never in the future."""
    day = on or today
    history.not_future(day, today)
    return day


@dataclass
class StatusUpdate:
    id: str
    status: Status
    note: str | None = None
    evidence: str | None = None
    by: str | None = None
    on: date | None = None  # default: today


def update(change: StatusUpdate, today: date, rules: Settings | None = None) -> MakePlan:
    rules = rules or Settings()

    def plan(loaded: Loaded) -> Plan:
        index, rec = find_item(loaded.dataset, change.id)
        on = history.status_day(change.on, today, rec, history.published(loaded.dataset, rec))
        if change.status is rec.status and not (change.note or change.evidence):
            raise UsageError(f"{rec.id} is already '{rec.status.value}'",
                             "give --note or --evidence to record something new, or a different --status")
        signoff.check_update(loaded.dataset, rec, change.status, change.evidence, rules)
        default = "Proposed for sign-off." if change.status is Status.awaiting_sign_off else \
            f"Status set to {change.status.value}."
        entry = history.status_entry(on, change.status, change.note or default, change.by, change.evidence)
        edits, moved = answered_closing(loaded.dataset, rec, change.status, on, change.by)
        moved_said = f"; awaiting sign-off now: {', '.join(moved)}" if moved else ""
        return Plan(edits={index: history.item_edit([entry], status=change.status.value), **edits},
                    message=f"Recorded {rec.id}: {entry['status']} on {entry['on']}{moved_said}")

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
        version = loaded.dataset.schema_version
        on = history.edit_day(change.on, today, rec, version, history.published(loaded.dataset, rec))
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
        if version == 1:
            entry = _entry(on, rec.status, note, change.by)
        else:
            before = rec.waiver.until.isoformat() if rec.waiver else None
            entry = history.edit_entry(on, "waiver", before, waiver["until"] if waiver else None, note, change.by)
        said = "waiver cleared" if waiver is None else f"waived until {change.until.isoformat()}"
        past = [f"{change.until.isoformat()} is already past (before {on.isoformat()}): the waiver is recorded, "
                f"but the CI gate no longer passes {rec.id} for it"] if waiver and change.until < on else []
        return Plan(edits={index: history.item_edit([entry], {"waiver": waiver})}, warnings=past,
                    message=f"Waived {rec.id}: {said}" if waiver else f"Edited {rec.id}: {said}")

    return plan


@dataclass
class NewItem:
    report: str | None  # None: the parent's
    text: str
    deadline: Deadline | None  # None: by-date when `due` is given
    themes: list[str]  # []: the parent's
    due: date | None = None
    type: RecType | None = RecType.recommendation  # None: from the parent (action under a recommendation)
    owner: str | None = None
    id: str | None = None
    quote: str | None = None
    by: str | None = None
    note: str | None = None  # the first history entry's note
    on: date | None = None
    parent: str | None = None  # schema_version 2
    priority: str | None = None  # schema_version 2 (issuers.py)
    answers: list[str] | None = None  # schema_version 2: an action's answered items


def next_id(prefix: str, taken: set[str], sep: str = "-") -> str:
    """`PREFIX-N` (or `PREFIX.N` for an action under PREFIX), N one more than the highest number used."""
    return next(fresh_ids(prefix, taken, sep))


def fresh_ids(prefix: str, taken: set[str], sep: str = "-") -> Iterator[str]:
    """`PREFIX-N`, `PREFIX-N+1`, ...: N one more than the highest number used with that prefix in any case
    (so a new id never differs from an existing one only by case: `ids.Clashes`). The ids are scanned
    once, so allocating many ids costs one pass, not one pass per id."""
    pattern = re.compile(re.escape(prefix + sep) + r"(\d+)$", re.IGNORECASE)
    number = max((int(m.group(1)) for t in taken if (m := pattern.match(t))), default=0)
    while True:
        number += 1
        yield f"{prefix}{sep}{number}"


def _with_parent(new: NewItem, dataset: Dataset) -> NewItem:
    """`new` with what it takes from its parent: report, themes and type unless given."""
    from dataclasses import replace

    if new.parent is None:
        return replace(new, type=new.type or RecType.recommendation)
    history.needs_v2(dataset.schema_version, "an item with a parent")
    parent = find_item(dataset, new.parent)[1]
    kind = new.type
    if kind is None:
        kind = next((k for k, under in PARENT_TYPES.items() if parent.type in under), RecType.recommendation)
    return replace(new, parent=parent.id, type=kind, report=new.report or parent.report,
                   themes=new.themes or list(parent.themes))


def prefix_for(report_id: str) -> str:
    """A short id prefix from a report id: initials of its words ('kent-custody-2024' -> 'KC')."""
    initials = "".join(w[0] for w in report_id.split("-") if w and not w.isdigit()).upper()
    return initials[:4] or "R"


def item_dict(new: NewItem, item_id: str, on: date) -> dict:
    item: dict = {"id": item_id, "report": new.report, "type": new.type.value}
    if new.parent:
        item["parent"] = new.parent
    item["text"] = new.text
    if new.quote and new.quote != new.text:
        item["quote"] = new.quote
    item["deadline"] = new.deadline.value
    if new.due:
        item["due"] = new.due.isoformat()
    item["themes"] = list(dict.fromkeys(new.themes))
    item["status"] = Status.open.value
    if new.owner:
        item["owner"] = new.owner
    if new.priority:
        item["priority"] = new.priority
    if new.answers:
        item["answers"] = new.answers
    item["history"] = [_entry(on, Status.open, new.note or "Added to the tracker.", new.by)]
    return item


def add(new: NewItem, today: date, prefix: str | None = None) -> MakePlan:
    if not new.text.strip():
        raise UsageError("--text is empty", "give the recommendation's text as the report words it")
    if new.deadline is None:
        if new.due is None:
            raise UsageError("an item needs --deadline, or --due DATE (a by-date deadline)",
                             "deadline classes: " + ", ".join(d.value for d in Deadline))
        new.deadline = Deadline.by_date
    if new.deadline is Deadline.by_date and new.due is None:
        raise UsageError("a by-date deadline needs --due DATE")
    if not new.themes and new.parent is None and not new.answers:
        raise UsageError("an item needs at least one --theme", "run 'hmic themes' to see the theme ids")
    if new.report is None and new.parent is None and not new.answers:
        raise UsageError("an item needs --report ID (or --parent ID, whose report it takes)")
    if new.id is not None and not re.fullmatch(ITEM_ID, new.id):
        raise UsageError(f"--id {new.id!r} is not a usable id", "use letters, digits, '.', '_' or '-' (at most 32)")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        item = _with_parent(new, dataset)
        if item.type in (RecType.action, RecType.accelerated_cause_of_concern):
            history.needs_v2(dataset.schema_version, f"type '{item.type.value}'")
        if item.priority is not None or item.answers is not None:
            item = linked_new(item, dataset)
        known("report", [item.report], [r.id for r in dataset.reports])
        known("theme", item.themes, [t.id for t in dataset.themes])
        taken = {r.id for r in dataset.recommendations}
        if item.id in taken:
            raise UsageError(f"id '{item.id}' is already taken", "leave out --id to get the next free one")
        report = next(r for r in dataset.reports if r.id == item.report)
        if item.id:
            item_id = item.id
        elif item.type is RecType.action and item.parent:
            item_id = next_id(item.parent, taken, ".")
        else:
            item_id = next_id(prefix or report.prefix or prefix_for(item.report), taken)
        on = _day(item.on, today)
        if on < report.published:  # an item's entries are dated from its report's publication on (history.py)
            raise UsageError(f"--on {on.isoformat()} is before report {report.id} was published "
                             f"({report.published.isoformat()})", "give the day the item came into the tracker")
        return Plan(append={"recommendations": [item_dict(item, item_id, on)]}, message=f"Added {item_id}")

    return plan


def add_report(report: dict) -> MakePlan:
    if not re.fullmatch(SLUG, report["id"]):
        raise UsageError(f"report id {report['id']!r} is not a slug", "use lower-case words joined by '-'")

    def plan(loaded: Loaded) -> Plan:
        if any(r.id == report["id"] for r in loaded.dataset.reports):
            raise UsageError(f"report '{report['id']}' already exists")
        if "issuer" in report:
            history.needs_v2(loaded.dataset.schema_version, "a report's issuer")
        if "response_days" in report:
            history.needs_v2(loaded.dataset.schema_version, "a report's response clock (--response-days)")
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
