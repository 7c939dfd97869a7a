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
from bisect import bisect_left
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hmic_cli import people
from hmic_cli.dates import due_on
from hmic_cli.issuer_registry import priority_due
from hmic_cli.jsontext import item_chunks
from hmic_cli.jsontext.canonical import canonical
from hmic_cli.jsontext.locate import dotted
from hmic_cli.jsontext.source_map import SourceMap

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
    "due-unapproved": "a due date moved past the extension rules without an approval",
}


@dataclass(frozen=True)
class Policy:
    """What the project file requires of a closure (hmic.toml: require_evidence, sign_off, approvers)."""

    require_evidence: bool = False
    sign_off: bool = False
    approvers: tuple[str, ...] = ()
    max_revisions: int | None = None  # issue 31: revisions past this many need an approval in the record
    extensions_need_approval: bool = False  # every revision does


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


def guard_texts(old_text: str, new_text: str, policy: Policy = Policy()) -> list[Finding]:
    """`guard` on two tracker texts, parsing only the items whose text differs (`jsontext.item_chunks`): an
    item the same byte for byte in both is skipped, as `guard` skips an item equal in both."""
    old_parts, new_parts = item_chunks.chunks(old_text), item_chunks.chunks(new_text)
    if old_parts is None or new_parts is None:
        return guard(json.loads(old_text), json.loads(new_text), new_text, policy)
    (old_head, old_items), (new_head, new_items) = old_parts, new_parts
    if _redated(_dating(old_head), _dating(new_head)):  # a report's date or issuer moves unchanged items' dates
        return guard(json.loads(old_text), json.loads(new_text), new_text, policy)
    old_recs = [item_chunks.parsed(old_text, brace) for rec_id, (brace, piece) in old_items.items()
                if new_items.get(rec_id, (0, None))[1] != piece]
    new_recs = [(i, item_chunks.parsed(new_text, brace))
                for i, (rec_id, (brace, piece)) in enumerate(new_items.items())
                if old_items.get(rec_id, (0, None))[1] != piece]
    return guard(old_head | {"recommendations": old_recs}, new_head, new_text, policy, new_recs)


def guard(old: dict, new: dict, new_text: str, policy: Policy = Policy(),
          new_recs: list[tuple[int, dict]] | None = None) -> list[Finding]:
    """Every way `new` rewrites the past of `old`, each placed in `new_text` (the working tracker).
    `new_recs`: the items of `new` to compare, with their places in its array (default: all of them)."""
    found: list[_Pending] = []
    for key, kind in (("reports", "report-removed"), ("themes", "theme-removed")):
        kept = {e.get("id") for e in new.get(key) or []}
        for entry in old.get(key) or []:
            if entry.get("id") not in kept:
                found.append(_Pending(kind, entry.get("id"), f"{key[:-1]} '{entry.get('id')}' was removed", (key,)))
    if new_recs is None:
        new_recs = list(enumerate(new.get("recommendations") or []))
    new_items = {rec.get("id"): (i, rec) for i, rec in new_recs}
    old_items = {rec.get("id"): rec for rec in old.get("recommendations") or []}
    old_reports, new_reports = _dating(old), _dating(new)
    redated = _redated(old_reports, new_reports)
    for rec_id, was in old_items.items():
        if rec_id not in new_items:
            found.append(_Pending("item-removed", rec_id, f"item {rec_id} ({was.get('status')}) was removed",
                                  ("recommendations",)))
            continue
        i, rec = new_items[rec_id]
        if rec != was or rec.get("report") in redated:  # a report's new date or issuer moves its items' due dates
            found += _item(i, was, rec, old_reports, new_reports, policy)
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


def _item(i: int, was: dict, rec: dict, old_reports: dict, new_reports: dict, policy: Policy) -> list[_Pending]:
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
    old_due = _due(was, old_reports)
    new_due = _due(rec, new_reports)
    revised = len(rec.get("due_revisions") or []) > len(was.get("due_revisions") or [])
    if old_due is not None and old_due != new_due and not revised:  # a first due date moves nothing
        out.append(_Pending("due-moved", rec_id,
                            f"{rec_id}: the due date moved from {old_due or 'none'} to {new_due or 'none'} without "
                            "a revision (use hmic edit --due DATE --reason TEXT)",
                            (*here, "due") if "due" in rec else (*here, "deadline")))
    out += _unapproved(i, was, rec, policy)
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


def _unapproved(i: int, was: dict, rec: dict, policy: Policy) -> list[_Pending]:
    """Each revision added since the old state that the extension rules send to an approver, and that carries
    no approval (`approved_on`, as `hmic approve` records it)."""
    if policy.max_revisions is None and not policy.extensions_need_approval:
        return []
    out = []
    revisions = rec.get("due_revisions") or []
    for n in range(len(was.get("due_revisions") or []), len(revisions)):
        governed = policy.extensions_need_approval or n >= policy.max_revisions
        if governed and isinstance(revisions[n], dict) and not revisions[n].get("approved_on"):
            out.append(_Pending("due-unapproved", rec.get("id"),
                                f"{rec.get('id')}: the due date moved to {revisions[n].get('due')} without an approval "
                                "in the record (ask with hmic edit --due; an approver runs hmic approve)",
                                ("recommendations", i, "due_revisions", n)))
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
        elif people.among(by, (proposer, owner)):
            why = f"signed off by {by}, who is its {'proposer' if people.same(by, proposer) else 'owner'}"
        elif policy.approvers and not people.among(by, policy.approvers):
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
    entry of `before` that `after` does not keep, in order (entries may be inserted between). Linear in
    the two lists: each entry's places in `after` are looked up by its canonical text (a bisect finds the
    first one past the last match), and each unmatched day's entries are queued once."""
    positions: dict[str, list[int]] = {}
    for m, entry in enumerate(after):
        positions.setdefault(canonical(entry), []).append(m)
    matched: set[int] = set()
    misses = []
    j = 0
    for n, entry in enumerate(before):
        places = positions.get(canonical(entry))
        at = bisect_left(places, j) if places else 0
        if places and at < len(places):
            j = places[at] + 1
            matched.add(places[at])
        else:
            misses.append((n, entry))
    if not misses:
        return []
    same_day: dict[str, deque] = {}
    for m, entry in enumerate(after):
        if m not in matched:
            same_day.setdefault(_day(entry), deque()).append(m)
    out = []
    for n, entry in misses:
        waiting = same_day.get(_day(entry))
        out.append((n, entry, waiting.popleft() if waiting else None))
    return out


def _day(entry) -> str:
    return str(entry.get("on")) if isinstance(entry, dict) else ""


def _summary(entry: dict) -> str:
    return str(entry.get("status") or entry.get("edit") or entry.get("due") or "")


def _what(before: dict, after: dict) -> str:
    fields = sorted(set(before) | set(after))
    changed = [f for f in fields if before.get(f) != after.get(f)]
    return ", ".join(f"{f}: {_short(before.get(f))} → {_short(after.get(f))}" for f in changed[:3])


def _short(value) -> str:
    text = "none" if value is None else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _dating(tracker: dict) -> dict[str, tuple]:
    """Each report's (publication date, issuer) as written: what an item's derived due date counts from."""
    return {r.get("id"): (r.get("published"), r.get("issuer")) for r in tracker.get("reports") or []
            if isinstance(r, dict)}


def _redated(old: dict, new: dict) -> set[str]:
    """The reports kept whose publication date or issuer changed."""
    return {key for key, value in new.items() if old.get(key, value) != value}


def _due(rec: dict, reports: dict) -> str | None:
    """The derived due date as text, by the one due-date rule (`query.due_date`): `due`, else the report's
    publication plus the deadline's months, else (no deadline wording) what the item's priority implies
    under its report's issuer."""
    if rec.get("due"):
        return rec["due"]
    published, issuer = reports.get(rec.get("report")) or (None, None)
    try:
        day = date.fromisoformat(published or "")
        derived = due_on(None, rec.get("deadline"), day)
        if derived is None and rec.get("deadline") == "none" and isinstance(rec.get("priority"), str):
            derived = priority_due(_Dated(day, issuer), rec["priority"])
    except (ValueError, TypeError, OverflowError):
        return None
    return derived.isoformat() if derived else None


@dataclass(frozen=True)
class _Dated:
    """What `issuer_registry.priority_due` reads of a report."""
    published: date
    issuer: str | None


def _placed(pending: list[_Pending], text: str) -> list[Finding]:
    if not pending:
        return []
    smap = SourceMap(text)
    smap.place_elements("recommendations", [p.loc[1] for p in pending if len(p.loc) > 1 and p.loc[0] ==
                                            "recommendations" and isinstance(p.loc[1], int)])
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
