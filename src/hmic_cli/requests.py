"""The requests the CLI fills in and `commands` executes: plain values, already parsed and checked
for form (dates are dates, durations durations). What they mean against a tracker is decided when
the command runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hmic_cli import defaults
from hmic_cli.query import Filters


@dataclass
class View:
    """What every read command shares: the data file, the filters, the day and how to show it."""

    data: Path | None
    filters: Filters = field(default_factory=Filters)
    as_of: date = field(default_factory=date.today)
    format: str = "table"
    output: Path | None = None
    amber_days: int = defaults.AMBER_DAYS
