"""The writes that link items across reports and issuers, as plans for the one write path: a report's
issuer (`report edit --issuer`), an item's priority and the items an action answers (`add`/`edit`
`--priority`/`--answers`), `supersede`, and what closing an action that answers items does to them
(each answered, outstanding item moves to awaiting sign-off, then is signed off under its own rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hmic_cli import history, issuer_registry, issuers
from hmic_cli.errors import UsageError
from hmic_cli.models import Dataset, Recommendation
from hmic_cli.query import find_item
from hmic_cli.store.loading import Loaded
from hmic_cli.store.transaction import Plan
from hmic_cli.structure import children, outstanding_children
from hmic_cli.vocabulary import OUTSTANDING, RecType, Status


def report_of(dataset: Dataset, rec: Recommendation):
    return next(r for r in dataset.reports if r.id == rec.report)


def priority_for(dataset: Dataset, report_id: str, priority: str) -> str:
    """`priority` as stored for an item of report `report_id` (its issuer's priorities; exit 2 otherwise)."""
    history.needs_v2(dataset.schema_version, "a priority")
    report = next((r for r in dataset.reports if r.id == report_id), None)
    return issuers.check_priority(issuer_registry.of(report), priority)


def answers_for(dataset: Dataset, rec_type: RecType | None, own_id: str | None, answers: list[str]) -> list[str]:
    """The ids an action answers, each an existing item that is not an action (exit 2 otherwise)."""
    history.needs_v2(dataset.schema_version, "an action answering items")
    if rec_type is not RecType.action:
        raise UsageError("only an action answers other items", "give --type action (or edit an action)")
    out = []
    for wanted in answers:
        rec = find_item(dataset, wanted.strip())[1]
        if rec.id == own_id:
            raise UsageError(f"{rec.id} cannot answer itself")
        if rec.type is RecType.action:
            raise UsageError(f"{rec.id} is an action: an action answers a recommendation, an area for improvement "
                             "or a cause of concern")
        if rec.id not in out:
            out.append(rec.id)
    return out


def linked_new(new, dataset: Dataset):
    """A new item (`plans.NewItem`) with its priority and answers checked (`add --priority`, `--answers`)."""
    from dataclasses import replace

    answers = answers_for(dataset, new.type, new.id, new.answers) if new.answers is not None else None
    if answers:  # without --report or --theme: the first answered item's report, and every answered item's themes
        first = find_item(dataset, answers[0])[1]
        themes = new.themes or list(dict.fromkeys(t for a in answers for t in find_item(dataset, a)[1].themes))
        new = replace(new, report=new.report or first.report, themes=themes)
    priority = priority_for(dataset, new.report, new.priority) if new.priority is not None else None
    return replace(new, priority=priority, answers=answers or None)


def link_edits(dataset: Dataset, rec: Recommendation, priority: str | None, answers: list[str] | None,
               sets: dict, changes: list) -> list[str]:
    """`edit --priority` and `edit --answers` ([] clears them): what to set and the edit entries; what was said."""
    said = []
    if priority is not None:
        value = priority_for(dataset, rec.report, priority) if priority.strip() else None
        if value != rec.priority:
            sets["priority"] = value
            said.append(f"priority set to {value}" if value else "priority cleared")
            changes.append(("priority", rec.priority, value, said[-1][:1].upper() + said[-1][1:] + "."))
    if answers is not None:
        kind = RecType.action if not answers else rec.type
        value = answers_for(dataset, kind, rec.id, answers) or None
        if value is None and rec.parent is None and rec.type is RecType.action:
            raise UsageError(f"{rec.id} would be an action with no parent and nothing it answers",
                             f"give it a parent first: hmic edit {rec.id} --parent ID")
        if value != rec.answers:
            sets["answers"] = value
            said.append("answers " + ", ".join(value) if value else "answers cleared")
            changes.append(("answers", rec.answers, value, said[-1][:1].upper() + said[-1][1:] + "."))
    return said


@dataclass
class Supersede:
    old: str
    new: str
    reason: str
    by: str | None = None
    on: date | None = None


def supersede(change: Supersede, today: date) -> callable:
    """A plan-maker for `hmic supersede OLD --by NEW --reason TEXT`: OLD superseded (a status entry), with
    `superseded_by`; NEW gets `carried_forward_from` (an edit entry). Exit 2 and nothing written otherwise."""
    if not (change.reason or "").strip():
        raise UsageError("supersede needs --reason TEXT", "say why, e.g. --reason 're-issued in the 2025 report'")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        history.needs_v2(dataset.schema_version, "supersede")
        old_index, old = find_item(dataset, change.old)
        new_index, new = find_item(dataset, change.new)
        if old.id == new.id:
            raise UsageError(f"{old.id} cannot supersede itself", "give the later item's id with --by")
        refuse_old(old)
        if new.carried_forward_from not in (None, old.id):
            raise UsageError(f"{new.id} already carries forward {new.carried_forward_from}")
        _refuse_cycle(dataset, old, new)
        on = history.status_day(change.on, today, old, history.published(dataset, old))
        edits = {old_index: superseded_end(old, new.id, change.reason, on, change.by)}
        if new.carried_forward_from != old.id:
            new_on = history.edit_day(change.on, today, new, 2, history.published(dataset, new))
            carried = history.edit_entry(new_on, "carried_forward_from", new.carried_forward_from, old.id,
                                         f"Carries forward {old.id}: {change.reason.strip()}", change.by)
            edits[new_index] = history.item_edit([carried], {"carried_forward_from": old.id})
        return Plan(edits=edits, message=f"Superseded {old.id} by {new.id}")

    return plan


def superseded_end(old: Recommendation, new_id: str, reason: str, on: date, by: str | None):
    """The old end of a supersede (`hmic supersede`, and `import --link-carried`): a status entry 'Superseded by
    NEW: reason' on `on` and `superseded_by`. Exit 2 when OLD is already superseded or not outstanding."""
    refuse_old(old)
    entry = history.status_entry(on, Status.superseded, f"Superseded by {new_id}: {reason.strip()}", by)
    return history.item_edit([entry], {"superseded_by": new_id}, status=Status.superseded.value)


def refuse_old(old: Recommendation) -> None:
    if old.superseded_by is not None:
        raise UsageError(f"{old.id} is already superseded by {old.superseded_by}")
    if old.status not in OUTSTANDING:
        raise UsageError(f"{old.id} is '{old.status.value}': only an outstanding item is superseded")


def _refuse_cycle(dataset: Dataset, old: Recommendation, new: Recommendation) -> None:
    by_id = {rec.id: rec for rec in dataset.recommendations}
    current: Recommendation | None = new
    while current is not None and current.superseded_by:
        if current.superseded_by == old.id:
            raise UsageError(f"{new.id} is already superseded, down its chain, by {old.id}: that would be a circle")
        current = by_id.get(current.superseded_by)


def answered_closing(dataset: Dataset, action: Recommendation, status: Status, on: date,
                     by: str | None) -> tuple[dict, list[str]]:
    """When `action` closes (complete): each item it answers that is outstanding and not already awaiting
    sign-off moves to awaiting sign-off (a status entry with `by`). (edits by index, ids moved)."""
    if status is not Status.complete or not action.answers:
        return {}, []
    kin = children(dataset.recommendations)
    index_of = {rec.id: i for i, rec in enumerate(dataset.recommendations)}
    edits, moved = {}, []
    for answered in action.answers:
        i = index_of.get(answered)
        if i is None:
            continue
        rec = dataset.recommendations[i]
        if rec.status not in OUTSTANDING or rec.status is Status.awaiting_sign_off:
            continue
        if [c for c in outstanding_children(rec, kin) if c.id != action.id]:
            continue  # a parent with an outstanding child is not proposed (signoff.refuse_children)
        last = history.last_status_entry(rec)
        day = max(on, last.on) if last is not None else on
        entry = history.status_entry(day, Status.awaiting_sign_off,
                                     f"Proposed for sign-off: action {action.id}, which answers it, is closed.", by)
        edits[i] = history.item_edit([entry], status=Status.awaiting_sign_off.value)
        moved.append(rec.id)
    return edits, moved
