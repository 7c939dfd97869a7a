"""`hmic check`, the CI gate: which selected items fail, warn or are waived under a policy on a day."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import cycle, query, waivers
from hmic_cli.query import Filters, Item
from hmic_cli.vocabulary import Policy

if TYPE_CHECKING:
    from hmic_cli.models import Dataset

__all__ = ["Policy", "Verdict", "check", "fails"]


@dataclass
class Verdict:
    as_of: date
    policy: Policy
    filters: Filters
    checked: list[Item]
    failing: list[Item]
    warnings: list[Item] = field(default_factory=list)  # outstanding, due within --warn-within days
    waived: list[Item] = field(default_factory=list)  # would fail, but a waiver runs until a later day
    warn_within: int | None = None
    rewrites: list = field(default_factory=list)  # guard.Finding: how the change rewrites the record (--against)
    against: str | None = None  # the revision compared with (--against), as the user named it
    tracker: str = "tracker"  # the tracker's path, as findings name it
    # issue 31: reports whose response is missed (failing unless the policy is never) or due within --warn-within
    responses_late: list = field(default_factory=list)  # cycle.Clock
    responses_soon: list = field(default_factory=list)
    clock_runs: bool = False  # some report's response clock runs (JSON then says so)
    closures: dict | None = None  # {"implemented": N, "verified": M} with verify_after_days set

    @property
    def passed(self) -> bool:
        return not self.failing and not self.rewrites and not (self.responses_late and self.policy is not Policy.never)

    def counts(self) -> dict[str, int]:
        standing = Counter((i.outstanding, i.overdue) for i in self.checked)
        outstanding = standing[True, False] + standing[True, True]
        out = {
            "checked": len(self.checked),
            "failing": len(self.failing),
            "warnings": len(self.warnings),
            "waived": len(self.waived),
            "overdue": standing[True, True],
            "outstanding": outstanding,
            "closed": len(self.checked) - outstanding,
        }
        if self.against is not None:
            out["rewrites"] = len(self.rewrites)
        if self.clock_runs:
            out["responses_late"], out["responses_due_soon"] = len(self.responses_late), len(self.responses_soon)
        if self.closures is not None:
            out.update(self.closures)
        return out

    def describe(self) -> str:
        """One line: the verdict, what failed and under which policy."""
        counts = self.counts()
        word = "PASS" if self.passed else "FAIL"
        what = {"overdue": "overdue", "outstanding": "outstanding", "never": "failing"}[self.policy.value]
        detail = f"{counts['failing']} of {counts['checked']} recommendations {what}"
        if self.policy is Policy.never:
            detail += f" (policy 'never'; {counts['overdue']} overdue, {counts['outstanding']} outstanding)"
        extra = []
        if self.warnings:
            extra.append(f"{len(self.warnings)} due within {self.warn_within} days")
        if self.waived:
            extra.append(f"{len(self.waived)} waived")
        if self.responses_late:
            n = len(self.responses_late)
            extra.append(f"{n} response{'s' if n != 1 else ''} missed")
        if self.responses_soon:
            extra.append(f"{len(self.responses_soon)} response{'s' if len(self.responses_soon) != 1 else ''} due "
                         f"within {self.warn_within} days")
        if self.closures is not None:
            extra.append(f"{self.closures['implemented']} implemented, {self.closures['verified']} verified")
        tail = f"; {', '.join(extra)}" if extra else ""
        line = f"{word}: {detail}{tail} as of {self.as_of.isoformat()} (fail on: {self.policy.value})"
        if self.against is not None:
            n = len(self.rewrites)
            line += (f"; {n} change{'s' if n != 1 else ''} rewriting the record since {self.against}" if n
                     else f"; the record since {self.against} is intact")
        return line


def fails(item: Item, policy: Policy) -> bool:
    if policy is Policy.overdue:
        return item.overdue
    if policy is Policy.outstanding:
        return item.outstanding
    return False


def waiver_state(item: Item, as_of: date) -> str | None:
    """'active' while the item's waiver runs (until its `until`, included), 'expired' after, else None."""
    return waivers.state(item.rec.waiver, as_of)


def check(dataset: Dataset, filters: Filters, as_of: date, policy: Policy,
          warn_within: int | None = None, rules=None) -> Verdict:
    """Every item the filters select against `policy`; waived items pass until their waiver ends."""
    query.check_known(dataset, filters)
    checked = query.select(dataset, filters, as_of)  # file order; only the groups shown are sorted
    failing, warnings, waived = [], [], []
    for item in checked:
        if fails(item, policy):
            (waived if waiver_state(item, as_of) == "active" else failing).append(item)
        elif (warn_within is not None and item.outstanding and item.days_left is not None
              and 0 <= item.days_left <= warn_within):
            warnings.append(item)
    failing, warnings, waived = (query.sort(group, "due") for group in (failing, warnings, waived))
    verdict = Verdict(as_of, policy, filters, checked, failing, warnings, waived, warn_within)
    if rules is not None:
        _cycle(verdict, dataset, rules)
    return verdict


def _cycle(verdict: Verdict, dataset: Dataset, rules) -> None:
    """The inspectorate's cycle (issue 31): responses missed or due soon, closures implemented and verified."""
    wanted = set(verdict.filters.reports)
    clocks = [c for c in cycle.clocks(dataset, verdict.as_of, rules.response_days)
              if not wanted or c.report.id in wanted]
    verdict.clock_runs = any(c.due is not None for c in clocks)
    verdict.responses_late = [c for c in clocks if c.state == "missed"]
    if verdict.warn_within is not None:
        verdict.responses_soon = [c for c in clocks if c.state == "due" and c.days_left <= verdict.warn_within]
    verdict.closures = cycle.closure_counts(verdict.checked, rules.verify_after_days)
