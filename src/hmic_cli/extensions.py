"""Extensions the board approves (issue 31): a due date moved past the project file's limit is a request.

With `max_revisions = K` an item's due date may be revised K times; a further `edit --due` is stored as
`extension_request` (the requested date, reason, delay category, who asked and when) and the due date
stays as it was. With `extensions_need_approval = true` every `edit --due` is such a request. Either key
makes `--category` (a `DelayCategory`) required on every revision. `hmic approve ID` (anyone but the
requester, and one of `approvers` when set) makes the request a revision; `--reject --reason` drops it,
the history keeping both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import history, people
from hmic_cli.errors import UsageError
from hmic_cli.project import Settings
from hmic_cli.query import due_date, find_item
from hmic_cli.signoff import check_reason
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import DelayCategory

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation
    from hmic_cli.store.loading import Loaded

CATEGORIES = ", ".join(c.value for c in DelayCategory)


def governed(rules: Settings) -> bool:
    """Whether the project file governs extensions (`max_revisions` or `extensions_need_approval`)."""
    return rules.max_revisions is not None or rules.extensions_need_approval


def require_category(due: date | None, category: DelayCategory | None, rules: Settings) -> None:
    if due is not None and category is None and governed(rules):
        raise UsageError("this tracker's project file governs extensions: --due needs --category",
                         f"give --category, one of: {CATEGORIES}")


def needs_approval(rec: Recommendation, rules: Settings) -> bool:
    """Whether a new due date for `rec` must wait for an approver."""
    if rules.extensions_need_approval:
        return True
    return rules.max_revisions is not None and len(rec.due_revisions) >= rules.max_revisions


def request(rec: Recommendation, due: date, reason: str, category: DelayCategory | None, by: str | None,
            on: date) -> dict:
    """The `extension_request` value for a new request (exit 2 when one is already waiting)."""
    waiting = getattr(rec, "extension_request", None)
    if waiting is not None:
        raise UsageError(f"{rec.id} already has an extension to {waiting.due.isoformat()} waiting for approval",
                         f"an approver decides it first: hmic approve {rec.id} (or --reject --reason TEXT)")
    out: dict = {"on": on.isoformat(), "due": due.isoformat(), "reason": reason}
    if category is not None:
        out["category"] = category.value
    if by:
        out["by"] = by
    return out


def pending(dataset: Dataset) -> list[Recommendation]:
    """The items with an extension waiting for approval, in file order (for the board pack's asks)."""
    return [r for r in dataset.recommendations if getattr(r, "extension_request", None) is not None]


@dataclass
class Approval:
    id: str
    by: str | None
    reject: bool = False
    reason: str | None = None
    on: date | None = None


def _refuse_approver(rec: Recommendation, approver: str | None, rules: Settings, verb: str) -> None:
    asked = rec.extension_request
    if not approver:
        raise UsageError(f"cannot tell who is deciding {rec.id}'s extension", "give --by NAME or set HMIC_USER")
    if people.same(approver, asked.by):
        raise UsageError(f"{approver} asked for {rec.id}'s extension: a requester cannot {verb} their own request",
                         "someone else decides it" + (f" (approvers: {', '.join(rules.approvers)})"
                                                      if rules.approvers else ""))
    if rules.approvers and not any(people.same(approver, name) for name in rules.approvers):
        raise UsageError(f"{approver} is not one of this tracker's approvers ({', '.join(rules.approvers)})",
                         "an approver decides it, or the project file's approvers list is changed")


def _decided(rec: Recommendation, change: Approval, on: date, current: date | None) -> tuple[dict, dict | None, str]:
    """The edit entry, the revision (None when rejected) and what to say."""
    asked = rec.extension_request
    was = current.isoformat() if current else None
    if change.reject:
        entry = history.edit_entry(on, "extension", asked.due.isoformat(), None,
                                   f"Extension rejected: {change.reason.strip()}", change.by)
        return entry, None, f"extension to {asked.due.isoformat()} rejected"
    revision = {"on": on.isoformat(), "previous": was, "due": asked.due.isoformat(), "reason": asked.reason,
                "by": change.by, "approved_on": on.isoformat()}
    if asked.category is not None:
        revision["category"] = asked.category.value
    if asked.by:
        revision["requested_by"] = asked.by
    entry = history.edit_entry(on, "due", was, revision["due"], f"Extension approved: {asked.reason}", change.by)
    return entry, revision, f"extension approved, due {was or 'none'} -> {revision['due']}"


def approve(change: Approval, today: date, rules: Settings):
    """A plan-maker for `hmic approve`: the waiting request becomes a revision, or with `reject` is dropped."""
    check_reason(change.reject, change.reason, "say why, so the owner can plan again",
                 "an approval keeps the request's own reason")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        history.needs_v2(dataset.schema_version, "an extension decision")
        index, rec = find_item(dataset, change.id)
        if rec.extension_request is None:
            raise UsageError(f"{rec.id} has no extension waiting for approval",
                             f"an owner asks with: hmic edit {rec.id} --due DATE --reason TEXT --category C")
        verb = "reject" if change.reject else "approve"
        _refuse_approver(rec, change.by, rules, verb)
        on = history.edit_day(change.on, today, rec, 2, history.published(dataset, rec))
        if on < rec.extension_request.on or (rec.due_revisions and on < rec.due_revisions[-1].on):
            raise UsageError(f"--on {on.isoformat()} is before {rec.id}'s request or last revision",
                             "give a later date")
        report = next(r for r in dataset.reports if r.id == rec.report)
        entry, revision, said = _decided(rec, change, on, due_date(rec, report))
        edit = history.item_edit([entry], {"extension_request": None}, revision)
        return Plan(edits={index: edit}, message=f"{rec.id}: {said} by {change.by} on {on.isoformat()}")

    return plan
