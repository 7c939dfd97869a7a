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


@dataclass
class Import:
    """`hmic import SOURCE`: a report's text, a spreadsheet tracker, or (with `updates`) the board pack's
    XLSX with owners' updates. Without `into` it is a preview against `data`."""

    source: str
    into: Path | None = None
    data: Path | None = None
    as_of: date = field(default_factory=date.today)
    format: str = "table"
    report: str | None = None
    title: str | None = None
    force: str | None = None
    published: date | None = None
    inspectorate: str | None = None
    url: str | None = None
    prefix: str | None = None
    themes: list[str] = field(default_factory=list)
    owner: str | None = None
    sheet: str | None = None
    maps: list[str] = field(default_factory=list)
    updates: bool = False
    by: str | None = None  # who imported (the first history entries' `by`)


@dataclass
class Remind:
    """`hmic remind`: one digest per owner, as Markdown (or mbox) on stdout or `output`, as .eml files in
    `output_dir`, or as e-mail through `smtp` (a dry run unless `send`)."""

    data: Path | None
    as_of: date
    within: object = None  # a dates.Duration (or its text)
    owners: list[str] = field(default_factory=list)
    format: str = "markdown"
    output_dir: Path | None = None
    smtp: str | None = None
    sender: str | None = None
    starttls: bool = False
    send: bool = False
    output: Path | None = None  # the Markdown (or mbox) to a file instead of stdout
