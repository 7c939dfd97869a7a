"""`hmic diff`: what changed between two states of a tracker, item by item, each on its own as-of day.

Kinds, in the order an item's changes are listed: `added`, `removed`, `status`, `closed` (a closure
is not also a `status` change), `due-revised`, `owner`, `waiver-added`, `waiver-extended`,
`waiver-expired`, `became-overdue`, `became-amber`. Each item appears at most once per kind, and an
item with nothing to report not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from hmic_cli import defaults, query, waivers
from hmic_cli.render.changes import TITLES, describe
from hmic_cli.vocabulary import Rag

if TYPE_CHECKING:
    from hmic_cli.models import Dataset

KINDS = ("added", "removed", "status", "closed", "reopened", "verified", "inspectorate", "extension-requested",
         "due-revised", "owner", "issuer", "priority", "answers", "superseded", "waiver-added", "waiver-extended",
         "waiver-expired", "became-overdue", "became-amber")
_LINKS = (("priority", "priority"), ("answers", "answers"), ("superseded", "superseded_by"))  # kind, field (v2)


@dataclass
class Change:
    id: str
    kind: str
    before: Any = None  # "from" in JSON
    after: Any = None  # "to" in JSON
    extra: dict = field(default_factory=dict)  # late, on, reason, ...
    text: str = ""

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def summary(self) -> str:
        """What happened, in a few words (`render.changes.describe`)."""
        return describe(self)

    def as_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "from": _plain(self.before), "to": _plain(self.after),
                **{k: _plain(v) for k, v in self.extra.items()}}


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


@dataclass
class Side:
    """One state compared: where it came from, its as-of day and how many items it holds."""

    source: str
    as_of: date
    count: int
    revision: str | None = None
    commit: str | None = None

    def as_dict(self) -> dict:
        out = {"source": self.source, "as_of": self.as_of.isoformat(), "count": self.count}
        if self.revision is not None:
            out |= {"revision": self.revision, "commit": self.commit}
        return out


@dataclass
class Comparison:
    old: Side
    new: Side
    changes: list[Change]
    amber_days: int = defaults.AMBER_DAYS

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KINDS, 0)
        for change in self.changes:
            out[change.kind] += 1
        return out

    def as_dict(self) -> dict:
        return {"old": self.old.as_dict(), "new": self.new.as_dict(), "amber_days": self.amber_days,
                "count": len(self.changes), "counts": self.counts(),
                "changes": [c.as_dict() for c in self.changes]}


def compare(old: Dataset, new: Dataset, old_as_of: date, new_as_of: date,
            amber_days: int = defaults.AMBER_DAYS, old_source: str = "old", new_source: str = "new") -> Comparison:
    """Every change from `old` (seen on `old_as_of`) to `new` (seen on `new_as_of`), in the new file's
    order of items, removed items last."""
    old_reports = {r.id: r for r in old.reports}
    new_reports = {r.id: r for r in new.reports}
    before = {rec.id: rec for rec in old.recommendations}
    changes: list[Change] = []
    seen = set()
    for rec in new.recommendations:
        seen.add(rec.id)
        was = before.get(rec.id)
        now = query.item(rec, new_reports[rec.report], new_as_of, amber_days)
        if was is None:
            changes.append(Change(rec.id, "added", None, rec.status.value,
                                  {"due_date": now.due_date, "rag": now.rag.value}, rec.text))
            continue
        then = query.item(was, old_reports[was.report], old_as_of, amber_days)
        changes += item_changes(then, now, old_as_of, new_as_of)
    for rec in old.recommendations:
        if rec.id not in seen:
            changes.append(Change(rec.id, "removed", rec.status.value, None, {}, rec.text))
    return Comparison(Side(old_source, old_as_of, len(old.recommendations)),
                      Side(new_source, new_as_of, len(new.recommendations)), changes, amber_days)


def item_changes(then: query.Item, now: query.Item, old_as_of: date, new_as_of: date) -> list[Change]:
    """One item's changes, in KINDS order."""
    was, rec = then.rec, now.rec
    out: list[Change] = []
    if was.status is not rec.status:
        if then.outstanding and not now.outstanding:
            out.append(Change(rec.id, "closed", was.status.value, rec.status.value,
                              {"on": now.completed_on, "due_date": now.due_date, "late": now.late}, rec.text))
        elif not then.outstanding and now.outstanding:  # issue 31: a closure that did not hold
            out.append(Change(rec.id, "reopened", was.status.value, rec.status.value, {}, rec.text))
        else:
            out.append(Change(rec.id, "status", was.status.value, rec.status.value, {}, rec.text))
    out += _cycle_changes(was, rec)
    if then.due_date != now.due_date:
        added = rec.due_revisions[len(was.due_revisions):] if len(rec.due_revisions) > len(was.due_revisions) else []
        reason = added[-1].reason if added else None
        out.append(Change(rec.id, "due-revised", then.due_date, now.due_date,
                          {"reason": reason, "revised_on": added[-1].on if added else None}, rec.text))
    if (was.owner or None) != (rec.owner or None):
        out.append(Change(rec.id, "owner", was.owner, rec.owner, {}, rec.text))
    issuer_then, issuer_now = getattr(then.report, "issuer", None), getattr(now.report, "issuer", None)
    if (issuer_then or "hmicfrs") != (issuer_now or "hmicfrs"):
        out.append(Change(rec.id, "issuer", issuer_then or "hmicfrs", issuer_now or "hmicfrs", {}, rec.text))
    for kind, name in _LINKS:  # every issuer (schema_version 2): a version 1 item answers None
        before, after = getattr(was, name, None), getattr(rec, name, None)
        if before != after:
            out.append(Change(rec.id, kind, before, after, {}, rec.text))
    out += _waiver_changes(was, rec, old_as_of, new_as_of)
    if not then.overdue and now.overdue:
        out.append(Change(rec.id, "became-overdue", then.rag.value, now.rag.value,
                          {"due_date": now.due_date, "days_overdue": -now.days_left}, rec.text))
    if then.rag is not Rag.amber and now.rag is Rag.amber:
        out.append(Change(rec.id, "became-amber", then.rag.value, now.rag.value,
                          {"due_date": now.due_date, "days_left": now.days_left}, rec.text))
    return out


def _cycle_changes(was, rec) -> list[Change]:
    """Issue 31: a closure verified, the inspectorate's status moved, an extension asked for."""
    out = []
    if was.verified is None and rec.verified is not None:
        out.append(Change(rec.id, "verified", None, rec.verified.on, {"by": rec.verified.by}, rec.text))
    before, after = (v.status if (v := getattr(r, "inspectorate_status", None)) else None for r in (was, rec))
    if before is not after:  # what the inspectorate published (a closure's "awaiting review" is no news)
        out.append(Change(rec.id, "inspectorate", before.value if before else None, after.value if after else None,
                          {}, rec.text))
    asked = rec.extension_request
    if asked is not None and was.extension_request != asked:
        out.append(Change(rec.id, "extension-requested", None, asked.due,
                          {"reason": asked.reason, "category": asked.category}, rec.text))
    return out


def _waiver_changes(was, rec, old_as_of: date, new_as_of: date) -> list[Change]:
    old_w, new_w = was.waiver, rec.waiver
    out = []
    if new_w is not None and old_w is None:
        out.append(Change(rec.id, "waiver-added", None, new_w.until, {"reason": new_w.reason, "by": new_w.by},
                          rec.text))
    elif new_w is not None and old_w is not None and new_w.until > old_w.until:
        out.append(Change(rec.id, "waiver-extended", old_w.until, new_w.until,
                          {"reason": new_w.reason, "by": new_w.by}, rec.text))
    if new_w is not None and not waivers.runs(new_w, new_as_of) and (old_w is None or waivers.runs(old_w, old_as_of)):
        # ran on the old day (or was added since), has run out by the new day
        if old_w is not None or waivers.runs(new_w, old_as_of):
            out.append(Change(rec.id, "waiver-expired", new_w.until, None, {"reason": new_w.reason}, rec.text))
    return out
