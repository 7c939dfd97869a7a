"""The requests the CLI fills in and `commands` executes: plain values, already parsed and checked
for form (dates are dates, durations durations). What they mean against a tracker is decided when
the command runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hmic_cli import defaults
from hmic_cli.query import Filters
from hmic_cli.vocabulary import Policy


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
class Check:
    """`hmic check`: the CI gate over the view's items; with `against` (a git revision) also the record's guard."""

    view: View
    policy: Policy = Policy.overdue
    warn_within: int | None = None  # days: outstanding items due within them are warnings
    against: str | None = None


@dataclass
class BoardPack:
    """`hmic report`: the board pack; what moved since `since`, and with `since_ref` (a git revision) what
    changed since the last meeting. `marking`: a protective marking for every printed page (and the XLSX)."""

    view: View
    since: date | None = None
    since_ref: str | None = None
    marking: str | None = None
    purpose: str | None = None  # a paragraph at the top of the paper: why it comes to the board


@dataclass
class Config:
    """`hmic config`: `data` is the tracker --data or HMIC_DATA names (None: neither), `data_origin` which of
    them named it."""

    data: Path | None = None
    data_origin: str | None = None
    format: str = "table"
    output: Path | None = None


@dataclass
class Init:
    """`hmic init`: a new tracker at `path` (with `empty`, no reports or items and the `themes` vocabulary),
    and with `config` a project file beside it naming it (`sign_off = true` with `sign_off`)."""

    path: Path
    force: bool = False
    empty: bool = False
    themes: str = "bundled"
    config: bool = True
    sign_off: bool = False
    nested: bool = False  # a project inside an existing one, asked for


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
    explain: bool = False  # print the outline with each block's decision, write nothing
    review: bool = False  # walk the items on a terminal before anything is written
    review_file: Path | None = None  # write the findings as a Markdown task list, nothing to a tracker
    accepted: Path | None = None  # import the ticked items of a review file (no source needed)
    issuer: str | None = None  # the new report's issuer (issuers.py); None: hmicfrs
    response_days: int | None = None  # a new report's response clock (issue 31)
    link_carried: bool = False  # supersede each earlier item an item found carries forward (importing/carried.py)


@dataclass
class Diff:
    """`hmic diff`: two trackers (`old`, `new`), or `new` and itself at `since_ref` (a git revision). The new
    state is judged on the view's as-of day."""

    view: View
    old: Path | None = None
    new: Path | None = None
    since_ref: str | None = None
    old_as_of: date | None = None  # the old state's day (default: the revision's commit day, or the as-of day)


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


@dataclass
class Respond:
    """`hmic respond REPORT`: the draft response to one report (Markdown, HTML or DOCX), with a protective
    `marking` for its header and footer."""

    data: Path | None
    report: str
    as_of: date = field(default_factory=date.today)
    format: str = "markdown"
    output: Path | None = None
    marking: str | None = None
