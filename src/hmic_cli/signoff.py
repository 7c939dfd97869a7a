"""Closing an item as a team does (README, "A team's tracker"): the sign-off policy, evidence, and
children still outstanding.

With `sign_off = true` closing is a proposal then a decision: `update --status awaiting-sign-off
--evidence ...` proposes (anyone may), `hmic sign-off ID` closes the item (`complete`) and
`hmic sign-off ID --reject --reason TEXT` sends it back (`in-progress`). Whoever decides is neither
the item's owner nor its proposer, and is one of `approvers` when that list is set. The deciding
entry's `by` is the decider, with `proposed_by` and `proposed_on` from the proposal.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import history, people, structure
from hmic_cli.errors import UsageError
from hmic_cli.linking import answered_closing
from hmic_cli.project import Settings
from hmic_cli.query import find_item
from hmic_cli.store.transaction import Plan
from hmic_cli.structure import children
from hmic_cli.vocabulary import Status

if TYPE_CHECKING:
    from hmic_cli.models import Dataset, Recommendation
    from hmic_cli.store.loading import Loaded

CLOSED = (Status.complete, Status.superseded)


def family(dataset: Dataset) -> dict[str, list[Recommendation]]:
    """Each item's children (none in a schema_version 1 tracker): worked out once for many checks."""
    return children(dataset.recommendations) if dataset.schema_version >= 2 else {}


def outstanding_children(dataset: Dataset, rec: Recommendation, kin: dict[str, list[Recommendation]] | None = None,
                         closing: Collection[str] = ()) -> list[Recommendation]:
    """The children (any depth) of `rec` still outstanding, but those in `closing` (closed by the same change)."""
    kin = family(dataset) if kin is None else kin
    return [c for c in structure.outstanding_children(rec, kin) if c.id not in closing]


def refuse_children(dataset: Dataset, rec: Recommendation, doing: str,
                    kin: dict[str, list[Recommendation]] | None = None, closing: Collection[str] = ()) -> None:
    """Exit 2 naming the children (any depth) still outstanding under `rec`."""
    waiting = outstanding_children(dataset, rec, kin, closing)
    if waiting:
        names = ", ".join(f"{c.id} ({c.status.value})" for c in waiting)
        raise UsageError(f"{rec.id} cannot be {doing} while {len(waiting)} item{'s' if len(waiting) != 1 else ''} "
                         f"under it {'is' if len(waiting) == 1 else 'are'} outstanding: {names}",
                         "close the children first (or move them with 'hmic edit ID --parent ...')")


def check_update(dataset: Dataset, rec: Recommendation, status: Status, evidence: str | None, rules: Settings,
                 sheet: bool = False, kin: dict[str, list[Recommendation]] | None = None,
                 closing: Collection[str] = ()) -> None:
    """The team's rules for `hmic update` (or, with `sheet`, a row of owners' updates) moving `rec` to
    `status` (exit 2 when broken). `kin`: the items' children (`family`), when known; `closing`: the ids the same
    change closes (an owners' sheet closing a parent and its children together)."""
    if sheet:
        by, evidence_is, give = "an owners' update", "an Evidence cell", "fill in its Evidence cell"
        propose = "set its Status to awaiting sign-off and fill in its Evidence cell"
    else:
        by, evidence_is, give = "'update'", "--evidence", "give --evidence URL|TEXT"
        propose = f"propose it with 'hmic update {rec.id} --status awaiting-sign-off --evidence ...'"
    if rules.sign_off and status is Status.complete:
        raise UsageError(f"this tracker signs items off: {rec.id} cannot be set complete with {by}",
                         f"{propose}, then an approver runs 'hmic sign-off {rec.id}'")
    if rules.sign_off and status is Status.awaiting_sign_off and not (evidence or "").strip():
        raise UsageError(f"proposing {rec.id} for sign-off needs {evidence_is}",
                         f"{give}: where the approver can see the work is done")
    if rules.require_evidence and status in CLOSED and not (evidence or "").strip():
        raise UsageError(f"this tracker requires evidence to close an item (require_evidence = true): {rec.id}",
                         give)
    if status is Status.complete:
        refuse_children(dataset, rec, "completed", kin, closing)
    elif status is Status.awaiting_sign_off:
        refuse_children(dataset, rec, "proposed for sign-off", kin, closing)


@dataclass
class Decision:
    id: str
    by: str | None  # who decides (resolved by `authors.author`)
    reject: bool = False
    note: str | None = None  # sign-off: what the approver says
    reason: str | None = None  # reject: why (required)
    on: date | None = None


def check_reason(reject: bool, reason: str | None, why: str, otherwise: str) -> None:
    """An approver's decision (`sign-off`, `approve`): a rejection says why (--reason), an approval takes none."""
    if reject and not (reason or "").strip():
        raise UsageError("--reject needs --reason TEXT", why)
    if not reject and reason:
        raise UsageError("--reason goes with --reject", otherwise)


def decide(change: Decision, today: date, rules: Settings):
    """A plan-maker for `hmic sign-off`: close the item, or with `reject` send it back to in-progress."""
    check_reason(change.reject, change.reason, "say what is missing, so the owner can put it right",
                 "use --note to say something when signing off")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        history.needs_v2(dataset.schema_version, "a sign-off")
        index, rec = find_item(dataset, change.id)
        verb = "reject" if change.reject else "sign off"
        if rec.status is not Status.awaiting_sign_off:
            raise UsageError(f"{rec.id} is '{rec.status.value}', not awaiting sign-off: there is nothing to {verb}",
                             f"its owner proposes it first: hmic update {rec.id} --status awaiting-sign-off "
                             "--evidence ...")
        proposal = history.last_status_entry(rec)
        signer = change.by
        if not signer:
            raise UsageError(f"cannot tell who is signing off {rec.id}", "give --by NAME or set HMIC_USER")
        if people.same(signer, rec.owner):
            raise UsageError(f"{signer} owns {rec.id}: an owner cannot {verb} their own item",
                             "someone else signs it off" + (f" (approvers: {', '.join(rules.approvers)})"
                                                            if rules.approvers else ""))
        if proposal is not None and people.same(signer, proposal.by):
            raise UsageError(f"{signer} proposed {rec.id} on {proposal.on.isoformat()}: a proposer cannot {verb} "
                             "their own proposal", "someone else signs it off")
        if rules.approvers and not any(people.same(signer, name) for name in rules.approvers):
            raise UsageError(f"{signer} is not one of this tracker's approvers ({', '.join(rules.approvers)})",
                             "an approver signs it off, or the project file's approvers list is changed")
        if not change.reject:
            refuse_children(dataset, rec, "signed off")
            if rules.require_evidence and not (proposal and proposal.evidence):
                raise UsageError(f"{rec.id}'s proposal carries no evidence, and this tracker requires it",
                                 "reject it, and the owner proposes again with --evidence")
        on = history.status_day(change.on, today, rec, history.published(dataset, rec))
        if change.reject:
            entry = history.status_entry(on, Status.in_progress, f"Sign-off rejected: {change.reason.strip()}",
                                         signer, None, proposal)
        else:
            entry = history.status_entry(on, Status.complete, change.note or "Signed off.", signer,
                                         proposal.evidence if proposal else None, proposal)
        said = "rejected, back to in-progress" if change.reject else "signed off, complete"
        edits, moved = answered_closing(dataset, rec, Status(entry["status"]), on, signer)
        moved_said = f"; awaiting sign-off now: {', '.join(moved)}" if moved else ""
        return Plan(edits={index: history.item_edit([entry], status=entry["status"]), **edits},
                    message=f"{rec.id} {said} by {signer} on {entry['on']}{moved_said}")

    return plan
