"""`hmic diff` in each of its formats: a table for people, JSON for scripts, Markdown for the board.

The JSON is `{"old": {...}, "new": {...}, "count", "counts", "changes": [{"id", "kind", "from", "to", ...}]}`
(README, "Between meetings")."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.cycle import words
from hmic_cli.render.json_format import dump
from hmic_cli.render.markdown import escape, table
from hmic_cli.render.table import BOLD, Column, Grid, console, put
from hmic_cli.sanitize import inert, one_line

TITLES = {
    "added": "Added", "removed": "Removed", "status": "Status moved", "closed": "Closed",
    "due-revised": "Due date revised", "owner": "Owner changed", "issuer": "Issuer changed",
    "priority": "Priority changed", "answers": "Answers changed", "superseded": "Superseded",
    "waiver-added": "Waiver added",
    "waiver-extended": "Waiver extended", "waiver-expired": "Waiver expired",
    "became-overdue": "Became overdue", "became-amber": "Became amber",
    "reopened": "Reopened", "verified": "Closure verified", "inspectorate": "Inspectorate's status",
    "extension-requested": "Extension requested",
}


def _d(value) -> str:
    if value is None:
        return "-"
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def describe(change) -> str:
    """What happened to the item, in a few words."""
    kind, before, after, extra = change.kind, change.before, change.after, change.extra
    if kind == "added":
        return f"added as {after} (due {_d(extra.get('due_date'))})"
    if kind == "removed":
        return f"removed (was {before})"
    if kind in ("status", "reopened"):
        return f"{words(before)} → {words(after)}"
    if kind == "verified":
        return f"verified on {_d(after)} by {extra.get('by') or '-'}"
    if kind == "inspectorate":
        return f"the inspectorate: {words(before) or 'none'} → {words(after) or 'none'}"
    if kind == "extension-requested":
        cause = f" ({words(extra.get('category'))})" if extra.get("category") else ""
        return f"to {_d(after)}, awaiting approval{cause}: {extra.get('reason')}"
    if kind == "closed":
        when = "late" if extra.get("late") else ("on time" if extra.get("late") is False else "")
        return f"{before} → {after} on {_d(extra.get('on'))} {when} (due {_d(extra.get('due_date'))})".rstrip()
    if kind == "due-revised":
        reason = extra.get("reason")
        return f"due {_d(before)} → {_d(after)}" + (f": {reason}" if reason else " (no revision recorded)")
    if kind in ("owner", "issuer", "priority"):
        return f"{kind} {before or '(none)'} → {after or '(none)'}"
    if kind == "answers":
        return f"answers {', '.join(before or []) or '(none)'} → {', '.join(after or []) or '(none)'}"
    if kind == "superseded":
        return f"superseded by {after}" if after else f"no longer superseded (was by {before})"
    if kind in ("waiver-added", "waiver-extended"):
        span = f"until {_d(after)}" if kind == "waiver-added" else f"{_d(before)} → {_d(after)}"
        return f"waiver {span}: {extra.get('reason')}"
    if kind == "waiver-expired":
        return f"waiver ran out on {_d(before)}"
    if kind == "became-overdue":
        return f"overdue since {_d(extra.get('due_date'))} ({extra.get('days_overdue')} days)"
    return f"due {_d(extra.get('due_date'))} ({extra.get('days_left')} days left)"


def _heading(comparison) -> str:
    old, new = comparison.old, comparison.new
    n = len(comparison.changes)
    return (f"{n} change{'s' if n != 1 else ''} from {old.source} (as of {old.as_of.isoformat()}) "
            f"to {new.source} (as of {new.as_of.isoformat()})")


def json_diff(comparison, out: TextIO) -> None:
    dump(comparison.as_dict(), out)


def markdown_diff(comparison, out: TextIO) -> None:
    out.write(f"## Since {escape(comparison.old.as_of.isoformat())}\n\n{escape(_heading(comparison))}\n")
    counts = comparison.counts()
    shown = [k for k in TITLES if counts[k]]
    if shown:
        out.write("\n")
        table([TITLES[k] for k in shown], [[counts[k] for k in shown]], out)
    for kind in shown:
        out.write(f"\n### {TITLES[kind]} ({counts[kind]})\n\n")
        table(("ID", "Change", "Text"),
              ((c.id, describe(c), c.text) for c in comparison.changes if c.kind == kind), out)


def table_diff(comparison, out: TextIO) -> None:
    from rich.text import Text

    con = console(out)
    con.print(Text(one_line(_heading(comparison))))
    if not comparison.changes:
        return
    con.print()
    rows = [[(one_line(c.id), BOLD), TITLES[c.kind], inert(describe(c)), inert(c.text)] for c in comparison.changes]
    put(con, Grid([Column("ID"), Column("Kind"), Column("Change", wrap=True), Column("Text", wrap=True)], rows))
