"""`hmic edit`: an item's text, owner, type, parent, deadline, themes, due date and response, each a named step.

Each step looks at one thing the user asked to change and, when it changes, adds to the `Edits` being
gathered: the values to set, what to say, and (schema_version 2) the edit entry to record. A due date
under the project file's extension rules (`max_revisions`, `extensions_need_approval`) may become a
request waiting for an approver instead: that decision is `extensions.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import extensions, history
from hmic_cli.errors import UsageError
from hmic_cli.linking import link_edits
from hmic_cli.project import Settings
from hmic_cli.query import due_date, find_item, known
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import Deadline, DelayCategory, RecType

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation, Report
    from hmic_cli.store.loading import Loaded


def _sentence(words: str) -> str:
    return words[:1].upper() + words[1:] + "."


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
    parent: str | None = None  # "" clears it (schema_version 2)
    by: str | None = None
    on: date | None = None
    response: str | None = None  # the action taken or proposed, for the published response ("" clears it)
    category: DelayCategory | None = None  # why the due date moves (required once extensions are governed)
    priority: str | None = None  # the issuer's priority ("" clears it; linking.link_edits)
    answers: list[str] | None = None  # an action's answered items ([] clears them)


@dataclass
class Edits:
    """What an edit changes, gathered step by step."""

    rec: Recommendation
    report: Report
    version: int
    on: date
    said: list[str] = field(default_factory=list)
    sets: dict[str, object] = field(default_factory=dict)
    changes: list[tuple[str, object, object, str]] = field(default_factory=list)  # field, from, to, note
    revision: dict | None = None

    def record(self, name: str, before: object, after: object, said: str, note: str | None = None) -> None:
        self.said.append(said)
        self.changes.append((name, before, after, note or _sentence(said)))


def _text(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    if change.text is None or change.text == rec.text:
        return
    if not change.text.strip():
        raise UsageError("--text is empty", "give the item's text")
    e.sets["text"] = change.text
    if rec.quote is None:  # the source's own words are kept: a re-import still finds the item held
        e.sets["quote"] = rec.text
    e.record("text", rec.text, change.text, "text edited", "Text edited.")


def _owner(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    if change.owner is None or (change.owner or None) == e.rec.owner:
        return
    e.sets["owner"] = change.owner or None
    e.record("owner", e.rec.owner, change.owner or None,
             f"owner set to {change.owner}" if change.owner else "owner cleared")


def _type(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    if change.type is None or change.type is rec.type:
        return
    if change.type in (RecType.action, RecType.accelerated_cause_of_concern):
        history.needs_v2(e.version, f"type '{change.type.value}'")
    e.sets["type"] = change.type.value
    e.record("type", rec.type.value, change.type.value, f"type {rec.type.value} -> {change.type.value}",
             f"Type set to {change.type.value}.")


def _parent(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    if change.parent is None or (change.parent or None) == rec.parent:
        return
    history.needs_v2(e.version, "a parent")
    parent = find_item(dataset, change.parent)[1].id if change.parent else None
    if parent != rec.parent:
        e.sets["parent"] = parent
        e.record("parent", rec.parent, parent, f"parent set to {parent}" if parent else "parent cleared")


def _deadline(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    if change.deadline is None or change.deadline is rec.deadline:
        return
    if change.deadline is Deadline.by_date and rec.due is None and change.due is None:
        raise UsageError("a by-date deadline needs a due date", "give --due DATE --reason TEXT too")
    e.sets["deadline"] = change.deadline.value
    e.record("deadline", rec.deadline.value, change.deadline.value,
             f"deadline {rec.deadline.value} -> {change.deadline.value}", f"Deadline set to {change.deadline.value}.")


def _themes(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    themes = [t for t in rec.themes if t not in change.remove_themes]
    themes += [t for t in dict.fromkeys(change.add_themes) if t not in themes]
    if themes == rec.themes:
        return
    if not themes:
        raise UsageError(f"{rec.id} would have no theme", "an item keeps at least one theme")
    e.sets["themes"] = themes
    e.record("themes", list(rec.themes), themes, "themes " + ", ".join(themes),
             "Themes set to " + ", ".join(themes) + ".")


def _response(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    rec = e.rec
    if change.response is None or (change.response.strip() or None) == rec.response:
        return
    history.needs_v2(e.version, "a response (--response)")
    text = change.response.strip() or None
    e.sets["response"] = text
    e.record("response", rec.response, text, "response written" if text else "response cleared")


def _due(change: ItemEdit, e: Edits, dataset: Dataset, rules: Settings) -> None:
    """A revised due date (--due with --reason, and --category under the extension rules): recorded as a
    revision, or as a request awaiting approval."""
    if change.due is None:
        return
    rec, on = e.rec, e.on
    current = due_date(rec, e.report)
    if change.due == current:
        if "due" in e.sets:  # kept where a --deadline or --priority would have moved it (_moved_by_rule)
            return
        raise UsageError(f"{rec.id} is already due on {current.isoformat()}", "give a different --due")
    if not (change.reason or "").strip():
        raise UsageError("--due revises a due date and needs --reason", "say why, e.g. --reason 'agreed at the board'")
    extensions.require_category(change.due, change.category, rules)
    if rec.due_revisions and on < rec.due_revisions[-1].on:
        raise UsageError(f"--on {on.isoformat()} is before {rec.id}'s last due-date revision "
                         f"({rec.due_revisions[-1].on.isoformat()})", "give a later date")
    was = current.isoformat() if current else None
    if extensions.needs_approval(rec, rules):
        history.needs_v2(e.version, "an extension request")
        request = extensions.request(rec, change.due, change.reason, change.category, change.by, on)
        e.sets["extension_request"] = request
        e.record("extension", was, request["due"], f"extension to {request['due']} requested, awaiting approval: "
                 f"{change.reason}", f"Extension requested: {change.reason}")
        return
    revision = {"on": on.isoformat(), "previous": was, "due": change.due.isoformat(), "reason": change.reason}
    if change.by:
        revision["by"] = change.by
    if change.category is not None:
        history.needs_v2(e.version, "a delay category (--category)")
        revision["category"] = change.category.value
    e.revision = revision
    e.record("due", was, revision["due"], f"due date revised {was or 'none'} -> {revision['due']}: {change.reason}",
             f"Due date revised: {change.reason}")


def _moved_by_rule(change: ItemEdit, e: Edits) -> None:
    """A --deadline or --priority that would move the item's due date is a revision like any other (the record
    guard, `check --against`, fails a due date moved without one): refused unless --due says the new date
    (recorded as a revision, under the extension rules) or keeps the old one (then held in `due`)."""
    rec = e.rec
    if rec.due is not None or not {"deadline", "priority"} & e.sets.keys():
        return  # an explicit due date wins over the deadline's wording and the priority
    before = due_date(rec, e.report)
    after = due_date(replace(rec, deadline=Deadline(e.sets.get("deadline", rec.deadline)),
                             priority=e.sets.get("priority", rec.priority)), e.report)
    if before is None or after == before:
        return  # a due date given where there was none moves nothing
    if change.due is None:
        said = after.isoformat() if after else "none"
        raise UsageError(f"this edit would move {rec.id}'s due date from {before.isoformat()} to {said}",
                         f"a due date moves only as a revision: add --due {after or before} --reason TEXT, "
                         f"or keep it with --due {before}")
    if change.due == before:
        e.sets["due"] = before.isoformat()
        e.record("due", None, e.sets["due"], f"due date kept at {e.sets['due']}")


def _links(change: ItemEdit, e: Edits, dataset: Dataset) -> None:
    """--priority and --answers (`linking.link_edits`: checked against the issuer and the tracker's items)."""
    if change.priority is None and change.answers is None:
        return
    rec = e.rec  # as this edit leaves it: a --type or --parent given with --answers is already in `e.sets`
    if "type" in e.sets or "parent" in e.sets:
        rec = replace(rec, type=RecType(e.sets.get("type", rec.type)), parent=e.sets.get("parent", rec.parent))
    e.said += link_edits(dataset, rec, change.priority, change.answers, e.sets, e.changes)


STEPS = (_text, _owner, _type, _parent, _links, _deadline, _themes, _response)


def _entries(change: ItemEdit, e: Edits) -> list[dict]:
    if e.version == 1:  # a version 1 history holds status entries only: one saying what changed
        return [history.status_entry(e.on, e.rec.status, "Edited: " + "; ".join(e.said) + ".", change.by)]
    return [history.edit_entry(e.on, *found, change.by) for found in e.changes]


def _refuse_at_once(change: ItemEdit, rules: Settings) -> None:
    """What is wrong with the request whatever the tracker holds."""
    if change.reason and change.due is None:
        raise UsageError("--reason goes with --due", "give the revised --due date")
    if change.category is not None and change.due is None:
        raise UsageError("--category goes with --due", "give the revised --due date and --reason too")


def edit(change: ItemEdit, today: date, rules: Settings | None = None):
    """A plan-maker for `hmic edit` (see the module)."""
    rules = rules or Settings()
    _refuse_at_once(change, rules)

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        index, rec = find_item(dataset, change.id)
        known("theme", change.add_themes + change.remove_themes, [t.id for t in dataset.themes])
        version = dataset.schema_version
        report = next(r for r in dataset.reports if r.id == rec.report)
        e = Edits(rec, report, version, history.edit_day(change.on, today, rec, version, report.published))
        for step in STEPS:
            step(change, e, dataset)
        _moved_by_rule(change, e)
        _due(change, e, dataset, rules)
        if not e.said:
            raise UsageError(f"nothing to change on {rec.id}", "give a new value with --text, --owner, --type, "
                             "--parent, --deadline, --due/--reason, --response, --add-theme, --remove-theme, "
                             "--priority or --answers")
        return Plan(edits={index: history.item_edit(_entries(change, e), e.sets, e.revision)},
                    message=f"Edited {rec.id}: {'; '.join(e.said)}")

    return plan
