"""Plain text output: one line per fact, for logs and pipes."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.errors import Problem
from hmic_cli.sanitize import one_line


def problem_line(file: str, problem: Problem) -> str:
    """`file:line:col: path: message`, the form editors and CI logs link from."""
    where = f"{file}:{problem.place()}" if problem.line is not None else file
    path = f" {problem.path}:" if problem.path else ""
    return one_line(f"{where}:{path} {problem.message}")


def error_lines(file: str, found: list[Problem], limit: int = 10) -> list[str]:
    """A data error's problems for stderr: the first `limit`, then how many more."""
    lines = [problem_line(file, p) for p in found[:limit]]
    if len(found) > limit:
        lines.append(f"... and {len(found) - limit} more")
    return lines


def problems(results: list[tuple[str, list[Problem]]], out: TextIO) -> None:
    """Each file's problems, one per line, then a verdict line for the file."""
    for file, found in results:
        for problem in found:
            out.write(problem_line(file, problem) + "\n")
        n = len(found)
        out.write(one_line(f"{file}: {n} problem{'s' if n != 1 else ''}" if n else f"{file}: valid") + "\n")


def standing(item) -> str:
    """'12 days overdue', 'due today', '30 days left', 'no due date' or the closed status."""
    if not item.outstanding:
        return item.rec.status.value
    if item.days_left is None:
        return "no due date"
    if item.days_left < 0:
        return f"{-item.days_left} days overdue"
    return "due today" if item.days_left == 0 else f"{item.days_left} days left"


def due_text(item) -> str:
    return item.due_date.isoformat() if item.due_date else "no due date"


def item_line(item) -> str:
    rec = item.rec
    return one_line(f"{rec.id}  due {due_text(item)}  {standing(item)}  {rec.status.value}  {rec.text}")


def check_on_terminal(verdict, out: TextIO) -> None:
    """On a terminal: the table, then the changes rewriting the record (`check --against`)."""
    from hmic_cli.render.table import check as table_check

    table_check(verdict, out)
    rewrite_lines(verdict, out)


def rewrite_lines(verdict, out: TextIO) -> None:
    """`check --against`: each change that rewrites the record, as `file:line:column: kind: message`."""
    for finding in verdict.rewrites:
        where = f"{verdict.tracker}:{finding.line}:{finding.column}" if finding.line else verdict.tracker
        out.write("  rewrite: " + one_line(f"{where}: {finding.kind}: {finding.message}") + "\n")


def check(verdict, out: TextIO) -> None:
    """The verdict and the failing items, one line each (on a terminal the registry chooses a table)."""
    out.write(verdict.describe() + "\n")
    rewrite_lines(verdict, out)
    for item in verdict.failing:
        expired = " (waiver expired)" if item.rec.waiver else ""
        out.write("  " + item_line(item) + expired + "\n")
    for item in verdict.warnings:
        out.write("  warning: " + item_line(item) + "\n")
    for item in verdict.waived:
        out.write("  waived: " + one_line(f"{item.rec.id} until {item.rec.waiver.until.isoformat()}: "
                                         f"{item.rec.waiver.reason}") + "\n")


def text_bar(fraction: float | None, width: int = 20) -> str:
    """`████████░░░░░░░░░░░░  40%`: a progress bar that needs no colour; `n/a` with nothing to count."""
    if fraction is None:
        return "n/a"
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled) + f" {round(fraction * 100):3d}%"


def transition(change) -> str:
    """'open → complete', or '→ open' for an item's first entry; an edit entry as what changed
    ('owner: - -> DI Patel'); a sign-off or rejection with who proposed it."""
    entry = change.entry
    if entry.status is None:
        from hmic_cli.history import change_text

        return change_text(entry)
    before = change.previous.value if change.previous else ""
    said = f"{before} → {entry.status.value}".strip()
    if entry.proposed_on is not None:
        what = "signed off" if entry.status.value == "complete" else "rejected"
        said += f" ({what}; proposed by {entry.proposed_by or 'unknown'} on {entry.proposed_on.isoformat()})"
    return said
