"""What a read command compares with the tracker at a git revision: `report --since-ref`'s "since the
last meeting" section (`since_meeting`, the comparison `diff --since-ref` shows) and `check --against`'s
record guard (`guard_record`). Library code that two commands share, so that no command module
imports another."""

from __future__ import annotations

from datetime import date

from hmic_cli import comparing, gitrev, guard, project
from hmic_cli.messages import note
from hmic_cli.store import loading


def since_meeting(loaded: loading.Loaded, since_ref: str, as_of: date, amber_days: int):
    """`report --since-ref`: the comparison the board pack's "since the last meeting" section shows."""
    at = gitrev.read(loaded.path, since_ref)
    return comparing.compare(gitrev.load(at), loaded.dataset, at.committed, as_of, amber_days, at.label,
                             str(loaded.path))


def guard_record(verdict, loaded: loading.Loaded, against: str) -> None:
    """Fill the verdict's `rewrites`: how the working tracker rewrites the record at `against`."""
    verdict.against = against
    verdict.tracker = str(loaded.path)
    try:
        at = gitrev.read(loaded.path, against)
    except gitrev.NotAtRevision as exc:
        note(f"hmic check: {exc.message}: a new tracker has no past to rewrite")
        return
    found = project.settings()
    policy = guard.Policy(found.require_evidence, found.sign_off, tuple(found.approvers or ()), found.max_revisions,
                          found.extensions_need_approval)
    text = loaded.text()
    try:
        verdict.rewrites = guard.guard_texts(loading.without_bom(at.raw).decode("utf-8"), text, policy)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError, StopIteration):
        # The guard reads the past as JSON, without validating it first (that would cost as much as
        # loading the tracker again): a past it cannot read is validated now, and one that is not a
        # valid tracker is exit 3 naming the revision, as diff reports it.
        gitrev.load(at)
        raise
