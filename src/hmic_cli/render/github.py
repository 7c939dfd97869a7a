"""GitHub Actions workflow commands: `::error` per failing item and `::warning` per item due soon, each at
the line of the item's `id` in the data file; with $GITHUB_STEP_SUMMARY set, the Markdown summary too."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TextIO

from hmic_cli.render.text import due_text, standing
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


def check(verdict, out: TextIO, source) -> None:
    """`source` is the tracker as read (`store.loading.Loaded`): each annotation points at its item's line."""
    from hmic_cli.jsontext.locate import id_lines

    lines = id_lines(source.text()) if (verdict.failing or verdict.warnings) else {}
    file = annotation_path(source.path)
    for kind, items in (("error", verdict.failing), ("warning", verdict.warnings)):
        for item in items:
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
            out.write(f"::{kind} {where},title={_property(title)}::{_data(message)}\n")
    append_step_summary(verdict)


def append_step_summary(verdict) -> None:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY when GitHub Actions sets it."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from hmic_cli.render.markdown import check as markdown_check

    buffer = io.StringIO()
    markdown_check(verdict, buffer)
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(buffer.getvalue() + "\n")
    except OSError as exc:
        from hmic_cli.output import note

        note(f"hmic: warning: could not append the job summary to {one_line(target)}: {exc.strerror or exc}")
