"""What an import job is: the plan it makes and how its result is shown. Each kind of import (`additions`,
`spreadsheet`, `owner_updates`) makes one; `commands.write.import_` runs every kind the same way (a
preview against the tracker in use, or a change through the one write path; then the result in the
chosen format, then the notes); `jobs.job_for` picks the kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Job:
    make: Callable  # the plan-maker, for `transaction.apply` or a preview
    result: Callable[[Any], Any] | None = None  # plan -> what --format shows (None: nothing is shown)
    after: Callable[[Any, Any], None] = lambda plan, shown: None  # notes on stderr once the result is out
    refused: Callable[[Exception], Any] | None = None  # what to show when the plan is refused, if anything
    preview_note: str = "Preview only: add --into FILE to add them to a tracker."
    needs_into: str | None = None  # why this kind only writes (no preview)
