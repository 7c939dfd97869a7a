"""The CI gate: which selected recommendations fail under a policy, on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import query
from hmic_cli.query import Filters, Item
from hmic_cli.vocabulary import Policy, Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset

__all__ = ["Policy", "Verdict", "check", "fails"]


@dataclass
class Verdict:
    as_of: date
    policy: Policy
    filters: Filters
    statuses: list[Status]
    checked: list[Item]
    failing: list[Item]

    @property
    def passed(self) -> bool:
        return not self.failing

    def counts(self) -> dict[str, int]:
        return {
            "checked": len(self.checked),
            "failing": len(self.failing),
            "overdue": sum(i.overdue for i in self.checked),
            "outstanding": sum(i.outstanding for i in self.checked),
            "closed": sum(not i.outstanding for i in self.checked),
        }

    def filters_used(self) -> dict:
        return self.filters.as_dict(self.statuses)

    def describe(self) -> str:
        """One line: the verdict, what failed and under which policy."""
        counts = self.counts()
        word = "PASS" if self.passed else "FAIL"
        what = {"overdue": "overdue", "outstanding": "outstanding", "never": "failing"}[self.policy.value]
        detail = f"{counts['failing']} of {counts['checked']} recommendations {what}"
        if self.policy is Policy.never:
            detail += f" (policy 'never'; {counts['overdue']} overdue, {counts['outstanding']} outstanding)"
        return f"{word}: {detail} as of {self.as_of.isoformat()} (fail on: {self.policy.value})"


def fails(item: Item, policy: Policy) -> bool:
    if policy is Policy.overdue:
        return item.overdue
    if policy is Policy.outstanding:
        return item.outstanding
    return False


def check(dataset: Dataset, filters: Filters, as_of: date, policy: Policy) -> Verdict:
    """Every item the filters select (every status unless --status/--all narrow it) against `policy`."""
    query.check_known(dataset, filters)
    statuses = filters.statuses_or_every()
    checked = query.sort(query.select(dataset, filters, as_of, statuses), "due")
    return Verdict(as_of, policy, filters, statuses, checked, [i for i in checked if fails(i, policy)])
