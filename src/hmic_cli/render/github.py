"""GitHub Actions workflow commands: `::error` per failing item and `::warning` per item due soon, each at
the line of the item's `id` in the data file; with $GITHUB_STEP_SUMMARY set, the Markdown summary too."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TextIO

from hmic_cli.jsontext.locate import id_lines
from hmic_cli.messages import note
from hmic_cli.query import natural
from hmic_cli.render.present import due_text, standing
from hmic_cli.sanitize import inert, one_line


def _data(value: str) -> str:
    """Escape a workflow command's message (GitHub's own rules: %, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a workflow command's property value (also `:` and `,`)."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: Path) -> str:
    """The data file's path as GitHub wants it: relative to the workspace (or folder) when inside it."""
    try:
        base = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd()).resolve()
        full = path.resolve()
    except (OSError, RuntimeError):  # a working folder that is gone, a link loop
        return path.as_posix()
    return full.relative_to(base).as_posix() if full.is_relative_to(base) else path.as_posix()


# GitHub shows at most 10 error and 10 warning annotations of a step; more are dropped unseen.
LIMIT = 10


def most_overdue(items: list) -> list:
    """Most overdue first (then soonest due), ids in natural order; items without a due date last."""
    return sorted(items, key=lambda i: (i.days_left if i.days_left is not None else 1 << 30, natural(i.rec.id)))


def check(verdict, out: TextIO, source) -> None:
    """`source` is the tracker as read (`store.loading.Loaded`): each annotation points at its line. At most
    LIMIT `::error` lines (changes rewriting the record first, then the most overdue items) and LIMIT
    `::warning` lines, then one `::notice` counting the rest; the step summary lists all."""
    lines = id_lines(source.text()) if (verdict.failing or verdict.warnings) else {}
    file = annotation_path(source.path)
    errors = [("rewrite", f) for f in verdict.rewrites] + [("item", i) for i in most_overdue(verdict.failing)]
    warnings = [("item", i) for i in most_overdue(verdict.warnings)]
    for kind, entries in (("error", errors), ("warning", warnings)):
        for what, entry in entries[:LIMIT]:
            out.write(_rewrite(entry, file) if what == "rewrite" else _item(kind, entry, file, lines))
    more_errors, more_warnings = max(0, len(errors) - LIMIT), max(0, len(warnings) - LIMIT)
    if more_errors or more_warnings:
        parts = [f"{n} more {word}{'s' if n != 1 else ''}" for n, word in
                 ((more_errors, "error"), (more_warnings, "warning")) if n]
        message = (f"{' and '.join(parts)} not annotated (GitHub shows at most {LIMIT} errors and {LIMIT} warnings "
                   f"of a step; the most overdue are shown). The job summary lists all {len(errors)} errors and "
                   f"{len(warnings)} warnings.")
        out.write(f"::notice title={_property('hmic check: more findings')}::{_data(message)}\n")
    append_step_summary(verdict)


def _item(kind: str, item, file: str, lines: dict) -> str:
    rec = item.rec
    expired = ""
    if kind == "error" and rec.waiver is not None:
        expired = f" (waiver expired {rec.waiver.until.isoformat()})"
    title = one_line(f"{rec.id} {standing(item)}{expired}")
    message = inert(f"{rec.id} ({rec.deadline.value}, due {due_text(item)}, status "
                    f"{rec.status.value}){expired}:\n{rec.text}")
    where = f"file={_property(file)}"
    if rec.id in lines:
        where += f",line={lines[rec.id]}"
    return f"::{kind} {where},title={_property(title)}::{_data(message)}\n"


def _rewrite(finding, file: str) -> str:
    where = f"file={_property(file)}"
    if finding.line:
        where += f",line={finding.line},col={finding.column}"
    title = one_line(f"{finding.id}: record rewritten ({finding.kind})")
    return f"::error {where},title={_property(title)}::{_data(inert(finding.message))}\n"


def append_step_summary(verdict) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    # lazy: hmic_cli.render.markdown adds 0.8 ms to `hmic check --format sarif` start-up (python -X importtime)
    from hmic_cli.render.markdown import check as markdown_check

    # lazy: hmic_cli.store.atomic adds 0.3 ms to `hmic check --format sarif` start-up (python -X importtime)
    from hmic_cli.store.atomic import protected

    try:
        why = protected(os.stat(target))
    except OSError:
        why = None
    if why is not None:
        note(f"hmic: warning: not appending the job summary to {target}: it is {why}")
        return
    buffer = io.StringIO()
    markdown_check(verdict, buffer)
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(buffer.getvalue() + "\n")
    except OSError as exc:
        note(f"hmic: warning: could not append the job summary to {one_line(target)}: {exc.strerror or exc}")
