"""`hmic import`: which kind of import a request is, and each kind as a `Job` that `commands.write.import_`
runs the same way (a preview against the tracker in use, or a change through the one write path;
then the result in the chosen format, then the notes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hmic_cli.errors import UsageError
from hmic_cli.requests import Import

NOT_XLSX = (".xls", ".ods", ".numbers")


@dataclass
class Job:
    make: Callable  # the plan-maker, for `transaction.apply` or a preview
    result: Callable[[Any], Any] | None = None  # plan -> what --format shows (None: nothing is shown)
    after: Callable[[Any, Any], None] = lambda plan, shown: None  # notes on stderr once the result is out
    refused: Callable[[Exception], Any] | None = None  # what to show when the plan is refused, if anything
    preview_note: str = "Preview only: add --into FILE to add them to a tracker."
    needs_into: str | None = None  # why this kind only writes (no preview)


def job_for(request: Import, today: date) -> Job:
    """The job for `request`, by what SOURCE is; flags that do not fit it are usage errors."""
    from hmic_cli.importing import additions, owner_updates, spreadsheet

    suffix = Path(request.source).suffix.lower()
    if request.updates:
        return owner_updates.job(request, today)
    if suffix in NOT_XLSX:
        raise UsageError(f"{request.source}: hmic reads spreadsheets saved as .xlsx (Excel Workbook) or .csv",
                         "open it in the spreadsheet and save it as .xlsx, then import that")
    if suffix in spreadsheet.SUFFIXES:
        return spreadsheet.job(request, today)
    if request.sheet or request.maps:
        raise UsageError("--sheet and --map are for spreadsheets (.xlsx, .csv)",
                         f"{request.source} is read as a report")
    return additions.job(request, today)
