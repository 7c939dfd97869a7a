"""What changing a report's issuer (`hmic report edit REPORT --issuer NAME`) does to its items, checked
before anything is written: each item's priority must be one the new issuer has, and no item's due date may
move with the issuer's priority rule (a due date moves only as a revision). The report's `inspectorate`
text follows the issuer when it was the old issuer's own name."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from hmic_cli import issuers
from hmic_cli.errors import UsageError
from hmic_cli.issuer_registry import of, of_name
from hmic_cli.query import due_date

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Report

_SHOWN = 5  # items named in a refusal, then "and N more"


def _named(found: list[str]) -> str:
    more = f" and {len(found) - _SHOWN} more" if len(found) > _SHOWN else ""
    return ", ".join(found[:_SHOWN]) + more


def check(dataset: Dataset, report: Report, issuer: str) -> None:
    """Exit 2 when moving `report` to `issuer` would leave an item with a priority the issuer lacks, or move
    an item's due date."""
    new = replace(report, issuer=issuer)
    items = [rec for rec in dataset.recommendations if rec.report == report.id]
    target = of(new)
    label = target.label
    unknown = []
    for rec in items:
        if rec.priority is None:
            continue
        try:
            issuers.check_priority(target, rec.priority)
        except UsageError:
            unknown.append(f"{rec.id} ({rec.priority})")
    if unknown:
        raise UsageError(f"{label} has no priority for {_named(unknown)}",
                         f"its priorities: {', '.join(target.priorities)}; set each first with "
                         "hmic edit ID --priority P")
    moved = []
    for rec in items:
        before, after = due_date(rec, report), due_date(rec, new)
        if before is not None and before != after:
            moved.append(f"{rec.id} ({before.isoformat()} to {after.isoformat() if after else 'none'})")
    if moved:
        raise UsageError(f"changing the issuer to {label} would move the due dates of {_named(moved)}",
                         "a due date moves only as a revision: keep or revise each first with "
                         "hmic edit ID --due DATE --reason TEXT")


def inspectorate(report: Report, issuer: str) -> str | None:
    """The report's new `inspectorate` text: the new issuer's name when the old text was the old issuer's
    own (None: the text is the user's own, kept)."""
    old = of(report)
    if report.inspectorate.strip().casefold() in {old.label.casefold(), old.name.casefold()}:
        return of_name(issuer).label
    return None
