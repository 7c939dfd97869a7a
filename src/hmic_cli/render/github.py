"""GitHub Actions workflow commands: an `::error` annotation per failing item at its line."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.render.text import standing
from hmic_cli.sanitize import one_line


def _data(value: str) -> str:
    """Escape a workflow command's message (GitHub's own rules: %, CR, LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a workflow command's property value (also `:` and `,`)."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def check(verdict, out: TextIO, file: str, lines: dict[str, int]) -> None:
    """`lines`: each recommendation id's line in `file`."""
    for item in verdict.failing:
        rec = item.rec
        title = one_line(f"{rec.id} {standing(item)}")
        message = one_line(f"{rec.id} ({rec.deadline.value}, due {item.due_date.isoformat()}, status "
                           f"{rec.status.value}): {rec.text}")
        where = f"file={_property(file)}"
        if rec.id in lines:
            where += f",line={lines[rec.id]}"
        out.write(f"::error {where},title={_property(title)}::{_data(message)}\n")
