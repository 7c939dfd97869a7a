"""`hmic import`: which kind of import a request is: the `job.Job` of its kind (a report's text, a
spreadsheet tracker, owners' updates), which `commands.write.import_` runs the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hmic_cli.command_requests import Import
from hmic_cli.errors import UsageError
from hmic_cli.importing import accepting, additions, owner_updates, spreadsheet
from hmic_cli.importing.job import Job

NOT_XLSX = (".xls", ".ods", ".numbers")


def job_for(request: Import, today: date) -> Job:
    """The job for `request`, by what SOURCE is; flags that do not fit it are usage errors."""
    if request.accepted is not None:
        return accepting.job(request, today)
    if not request.source:
        raise UsageError("import needs a SOURCE: a report, a spreadsheet tracker or the board pack's XLSX",
                         "give the file to read, or --accepted REVIEW.md to bring in a review file's ticked items")
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
