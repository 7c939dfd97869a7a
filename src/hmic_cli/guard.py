"""The record's guard (`hmic check --against REV`): what a change to the tracker does to its past.

The working tracker may add to the record (new items, new history entries, revisions, waivers)
and move items on, but it may not rewrite what the record said at REV:
- a history entry changed or removed; a due-date revision changed or removed;
- an item, report or theme removed;
- a due date moved without a revision (`due_revisions`);
- an item closed without the evidence (`require_evidence`) or the sign-off (`sign_off`, `approvers`)
  the project file requires;
- a waiver extended without a new reason.
Each finding carries its place (line and column) in the working tracker. The comparison is on the
JSON documents themselves, so fields this version of hmic does not model are guarded too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hmic_cli.dates import MONTHS_AFTER, add_months

NEEDS_PROOF = ("complete",)  # closures that need evidence or a sign-off (superseding needs neither)
OUTSTANDING = ("open", "in-progress", "awaiting-sign-off")

KINDS = {
    "history-changed": "a history entry was changed",
    "history-removed": "a history entry was removed",
    "revision-changed": "a due-date revision was changed or removed",
    "item-removed": "an item was removed",
    "report-removed": "a report was removed",
    "theme-removed": "a theme was removed",
    "due-moved": "a due date moved without a revision",
    "closed-without-evidence": "an item was closed without evidence",
    "closed-without-sign-off": "an item was closed without a sign-off",
    "waiver-extended-without-reason": "a waiver was extended without a new reason",
}


@dataclass(frozen=True)
class Policy:
    """What the project file requires of a closure (hmic.toml: require_evidence, sign_off, approvers)."""

    require_evidence: bool = False
    sign_off: bool = False
    approvers: tuple[str, ...] = ()


@dataclass
class Finding:
    kind: str
    id: str  # the item's, report's or theme's id
    message: str
    path: str  # where in the working tracker, e.g. recommendations[3].history[1]
    line: int | None = None
    column: int | None = None

    def as_dict(self) -> dict:
        return {"kind": self.kind, "id": self.id, "message": self.message, "path": self.path,
                "line": self.line, "column": self.column}


def guard(old: dict, new: dict, new_text: str, policy: Policy = Policy()) -> list[Finding]:
    """Every way `new` rewrites the past of `old`, each placed in `new_text` (the working tracker)."""
    found: list[_Pending] = []
    for key, kind in (("reports", "report-removed"), ("themes", "theme-removed")):
        kept = {e.get("id") for e in new.get(key) or []}
        for entry in old.get(key) or []:
            if entry.get("id") not in kept:
                found.append(_Pending(kind, entry.get("id"), f"{key[:-1]} '{entry.get('id')}' was removed", (key,)))
    new_items = {rec.get("id"): (i, rec) for i, rec in enumerate(new.get("recommendations") or [])}
    old_items = {rec.get("id"): rec for rec in old.get("recommendations") or []}
    old_published = {r.get("id"): r.get("published") for r in old.get("reports") or []}
    new_published = {r.get("id"): r.get("published") for r in new.get("reports") or []}
    for rec_id, was in old_items.items():
        if rec_id not in new_items:
            found.append(_Pending("item-removed", rec_id, f"item {rec_id} ({was.get('status')}) was removed",
                                  ("recommendations",)))
            continue
        i, rec = new_items[rec_id]
        if rec != was:
            found += _item(i, was, rec, old_published, new_published, policy)
    for rec_id, (i, rec) in new_items.items():
        if rec_id not in old_items and rec.get("status") in NEEDS_PROOF:
            found += _closure(i, rec, [], policy)
    return _placed(found, new_text)


@dataclass
class _Pending:
    kind: str
    id: str
    message: str
    loc: tuple


def _item(i: int, was: dict, rec: dict, old_published: dict, new_published: dict, policy: Policy) -> list[_Pending]:
    rec_id = rec.get("id")
    here = ("recommendations", i)
    out: list[_Pending] = []
    for field, kind, noun in (("history", "history", "history entry"), ("due_revisions", "revision", "revision")):
        before, after = was.get(field) or [], rec.get(field) or []
        for _n, entry, replaced in _missing(before, after):
            on = entry.get("on")
            if replaced is not None:
                out.append(_Pending(f"{kind}-changed", rec_id,
                                    f"{rec_id}: the {noun} of {on} was changed ({_what(entry, after[replaced])})",
                                    (*here, field, replaced)))
            else:
                removed = "history-removed" if kind == "history" else "revision-changed"
                out.append(_Pending(removed, rec_id, f"{rec_id}: the {noun} of {on} ({_summary(entry)}) was removed",
                                    (*here, field) if after else here))
    old_due = _due(was, old_published)
    new_due = _due(rec, new_published)
    if old_due != new_due and len(rec.get("due_revisions") or []) <= len(was.get("due_revisions") or []):
        out.append(_Pending("due-moved", rec_id,
                            f"{rec_id}: the due date moved from {old_due or 'none'} to {new_due or 'none'} without "
                            "a revision (use hmic edit --due DATE --reason TEXT)",
                            (*here, "due") if "due" in rec else (*here, "deadline")))
    if was.get("status") in OUTSTANDING and rec.get("status") in NEEDS_PROOF:
        out += _closure(i, rec, was.get("history") or [], policy)
    old_w, new_w = was.get("waiver"), rec.get("waiver")
    if (isinstance(old_w, dict) and isinstance(new_w, dict) and str(new_w.get("until")) > str(old_w.get("until"))
            and (new_w.get("reason") or "").strip() == (old_w.get("reason") or "").strip()):
        out.append(_Pending("waiver-extended-without-reason", rec_id,
                            f"{rec_id}: the waiver was extended from {old_w.get('until')} to {new_w.get('until')} "
                            "with the same reason (give the reason for the extension: hmic waive --reason)",
                            (*here, "waiver", "until")))
    return out


def _closure(i: int, rec: dict, before: list, policy: Policy) -> list[_Pending]:
    """A closure recorded since REV: the evidence and the sign-off the project file asks for."""
    if not (policy.require_evidence or policy.sign_off):
        return []
    history = rec.get("history") or []
    rec_id = rec.get("id")
    at = _closing_index(history)
    if at is None:
        return []
    entry = history[at]
    place = ("recommendations", i, "history", at)
    out = []
    if policy.require_evidence:
        proposal = next((e for e in reversed(history[:at]) if e.get("status") == "awaiting-sign-off"), {})
        if not (entry.get("evidence") or proposal.get("evidence")):
            out.append(_Pending("closed-without-evidence", rec_id,
                                f"{rec_id}: closed on {entry.get('on')} without evidence (the project file sets "
                                "require_evidence)", place))
    if policy.sign_off:
        by, proposer, owner = entry.get("by"), entry.get("proposed_by"), rec.get("owner")
        why = None
        if not proposer:
            why = "no proposal was signed off (update --status awaiting-sign-off, then hmic sign-off)"
        elif not by:
            why = "the closing entry names no approver"
        elif by in (proposer, owner):
            why = f"signed off by {by}, who is its {'proposer' if by == proposer else 'owner'}"
        elif policy.approvers and by not in policy.approvers:
            why = f"signed off by {by}, who is not among the approvers"
        if why:
            out.append(_Pending("closed-without-sign-off", rec_id,
                                f"{rec_id}: closed on {entry.get('on')} without a valid sign-off: {why}", place))
    return out


def _closing_index(history: list) -> int | None:
    """The entry that closed the item: the first of the closed run at the end of its status entries."""
    statuses = [n for n, e in enumerate(history) if e.get("status") is not None]
    if not statuses or history[statuses[-1]].get("status") not in NEEDS_PROOF:
        return None
    k = len(statuses) - 1
    while k > 0 and history[statuses[k - 1]].get("status") in NEEDS_PROOF:
        k -= 1
    return statuses[k]


def _missing(before: list, after: list):
    """(index in `before`, entry, index of the entry in `after` that took its place or None) for each
    entry of `before` that `after` does not keep, in order (entries may be inserted between)."""
    key = _canonical
    after_keys = [key(e) for e in after]
    matched: set[int] = set()
    misses = []
    j = 0
    for n, entry in enumerate(before):
        k = key(entry)
        try:
            j = after_keys.index(k, j)
            matched.add(j)
            j += 1
        except ValueError:
            misses.append((n, entry))
    out = []
    for n, entry in misses:
        same_day = next((m for m, e in enumerate(after) if m not in matched and e.get("on") == entry.get("on")), None)
        if same_day is not None:
            matched.add(same_day)
        out.append((n, entry, same_day))
    return out


def _canonical(entry) -> str:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False)


def _summary(entry: dict) -> str:
    return str(entry.get("status") or entry.get("edit") or entry.get("due") or "")


def _what(before: dict, after: dict) -> str:
    fields = sorted(set(before) | set(after))
    changed = [f for f in fields if before.get(f) != after.get(f)]
    return ", ".join(f"{f}: {_short(before.get(f))} → {_short(after.get(f))}" for f in changed[:3])


def _short(value) -> str:
    text = "none" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _due(rec: dict, published: dict) -> str | None:
    """The derived due date as text: `due`, else the report's publication plus the deadline's months."""
    if rec.get("due"):
        return rec["due"]
    months = MONTHS_AFTER.get(rec.get("deadline"))
    day = published.get(rec.get("report"))
    if months is None or not day:
        return None
    try:
        return add_months(date.fromisoformat(day), months).isoformat()
    except (ValueError, TypeError, OverflowError):
        return None


def _placed(pending: list[_Pending], text: str) -> list[Finding]:
    if not pending:
        return []
    from hmic_cli.jsontext.locate import SourceMap, dotted

    smap = SourceMap(text)
    out = []
    for p in pending:
        at = _position(smap, p.loc)
        out.append(Finding(p.kind, str(p.id), p.message, dotted(p.loc), *(at or (None, None))))
    out.sort(key=lambda f: (f.line or 0, f.column or 0))
    return out


def _position(smap, loc: Sequence) -> tuple[int, int] | None:
    loc = list(loc)
    while loc:
        try:
            at = smap.position(tuple(loc))
        except (KeyError, IndexError, ValueError, TypeError):
            at = None
        if at:
            return at
        loc.pop()
    return (1, 1)
