"""Plain text output: one line per fact, for logs and pipes."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.errors import Problem
from hmic_cli.render.present import due_text, standing
from hmic_cli.sanitize import one_line
from hmic_cli.vocabulary import word

__all__ = ["check", "error_lines", "item_line", "problem_line", "problems"]


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


def item_line(item) -> str:
    rec = item.rec
    return one_line(f"{rec.id}  due {due_text(item)}  {standing(item)}  {word(rec.status)}  {rec.text}")


def check_on_terminal(verdict, out: TextIO) -> None:
    """On a terminal: the table, then the changes rewriting the record (`check --against`)."""
    # lazy: hmic_cli.render.table adds 32.5 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.render.table import check as table_check

    table_check(verdict, out)
    rewrite_lines(verdict, out)
    response_lines(verdict, out)


def rewrite_lines(verdict, out: TextIO) -> None:
    """`check --against`: each change that rewrites the record, as `file:line:column: kind: message`."""
    for finding in verdict.rewrites:
        where = f"{verdict.tracker}:{finding.line}:{finding.column}" if finding.line else verdict.tracker
        out.write("  rewrite: " + one_line(f"{where}: {finding.kind}: {finding.message}") + "\n")


def response_lines(verdict, out: TextIO) -> None:
    """Issue 31: each report whose published response is missed, or due within --warn-within days."""
    for kind, clocks in (("response missed", verdict.responses_late), ("response due", verdict.responses_soon)):
        for c in clocks:
            when = f"{-c.days_left} days late" if c.days_left < 0 else f"{c.days_left} days left"
            out.write("  " + one_line(f"{kind}: {c.report.id} (due {c.due.isoformat()}, {when}; "
                                      f"{c.items - c.with_response} of {c.items} items without a response)") + "\n")


def check(verdict, out: TextIO) -> None:
    """The verdict and the failing items, one line each (on a terminal the registry chooses a table)."""
    out.write(verdict.describe() + "\n")
    rewrite_lines(verdict, out)
    response_lines(verdict, out)
    for item in verdict.failing:
        expired = " (waiver expired)" if item.rec.waiver else ""
        out.write("  " + item_line(item) + expired + "\n")
    for item in verdict.warnings:
        out.write("  warning: " + item_line(item) + "\n")
    for item in verdict.waived:
        out.write("  waived: " + one_line(f"{item.rec.id} until {item.rec.waiver.until.isoformat()}: "
                                         f"{item.rec.waiver.reason}") + "\n")
