"""The data file as pydantic models (schema_version 1), with every check the contract names.

The models are slotted pydantic dataclasses rather than BaseModels: the same validation, at a
fraction of the memory (no per-instance `__dict__` or fields-set) and faster, which is what lets
a national dataset of a million recommendations load in less memory than `jq` needs for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import InitErrorDetails, PydanticCustomError

from hmic_cli.dates import MONTHS_AFTER
from hmic_cli.vocabulary import OUTSTANDING, Deadline, RecType, Status

__all__ = ["OUTSTANDING", "Dataset", "Deadline", "DueRevision", "HistoryEntry", "RecType", "Recommendation", "Report",
           "Status", "Theme", "Waiver"]

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?$"

NonEmpty = Annotated[str, Field(min_length=1)]
# A report published after this day could derive a due date past 9999-12-31 (twelve months on).
LAST_SAFE_PUBLISHED = date(9998, 12, 31)


STRICT = ConfigDict(extra="forbid", strict=True)


def _model(cls):
    """A strict, slotted, keyword-only pydantic dataclass."""
    return dataclass(config=STRICT, slots=True, kw_only=True)(cls)


@_model
class Report:
    id: Annotated[str, Field(pattern=SLUG)]
    title: NonEmpty
    inspectorate: NonEmpty
    force: NonEmpty
    published: date
    published_note: str | None = None
    url: str | None = None
    source: NonEmpty


@_model
class Theme:
    id: Annotated[str, Field(pattern=SLUG)]
    label: NonEmpty
    description: str


@_model
class HistoryEntry:
    on: date
    status: Status
    note: str
    by: str | None = None
    evidence: str | None = None


@_model
class Waiver:
    """The CI gate passes the item until `until` (included), for a stated reason."""

    until: date
    reason: NonEmpty
    by: str | None = None


@_model
class DueRevision:
    """A due date agreed anew: `previous` is the due date it replaced, so the original is never lost."""

    on: date
    previous: date | None  # None when the item had no due date before (deadline `none`)
    due: date
    reason: NonEmpty
    by: str | None = None


def _fail(errors: list[InitErrorDetails], title: str) -> None:
    if errors:
        raise ValidationError.from_exception_data(title, errors)


def _error(kind: str, message: str, loc: tuple, value: object) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)


def _empty() -> list:
    """A new empty list. Not `list` itself: pydantic asks each default factory for its signature,
    and for a builtin `inspect.signature` parses a text signature with `tokenize`: about 15 ms of
    every start-up, of the 40 ms by which `hmic list` on the bundled data exceeded a bare Typer app
    (figure A, README)."""
    return []


@_model
class Recommendation:
    id: Annotated[str, Field(pattern=ITEM_ID)]
    report: NonEmpty
    type: RecType = RecType.recommendation
    text: NonEmpty
    quote: str | None = None
    deadline: Deadline
    due: date | None = None
    themes: Annotated[list[str], Field(min_length=1)]
    status: Status
    owner: str | None = None
    waiver: Waiver | None = None
    due_revisions: list[DueRevision] = Field(default_factory=_empty)
    history: list[HistoryEntry] = Field(default_factory=_empty)


@_model
class Dataset:
    schema_: str | None = Field(default=None, alias="$schema")
    schema_version: Literal[1]
    reports: list[Report]
    themes: list[Theme]
    recommendations: list[Recommendation]

    @model_validator(mode="after")
    def _references(self) -> Dataset:
        _fail(cross_errors(self.reports, self.themes, self.recommendations), "Dataset")
        return self


def cross_errors(reports: list[Report], themes: list[Theme], recommendations: list[Recommendation],
                 items: Iterable[int] | None = None) -> list[InitErrorDetails]:
    """The dataset's cross-checks: ids unique, references known, each item consistent. One pass;
    errors are only built on failure. `items` limits the per-item checks to those indexes (a
    write checks what it changed: the rest was checked when the file was read)."""
    errors = _duplicates("reports", reports) + _duplicates("themes", themes)
    errors += _duplicates("recommendations", recommendations)
    report_ids = {r.id for r in reports}
    theme_ids = {t.id for t in themes}
    by_date = Deadline.by_date
    late_reports = {r.id for r in reports if r.published > LAST_SAFE_PUBLISHED}
    indexed = enumerate(recommendations) if items is None else ((i, recommendations[i]) for i in items)
    for i, rec in indexed:
        history = rec.history
        if (rec.report not in report_ids or not theme_ids.issuperset(rec.themes)
                or (rec.due is None and rec.deadline is by_date)
                or rec.due_revisions or rec.report in late_reports
                or (history and (history[-1].status is not rec.status
                                 or (len(history) > 1 and _backwards(history))))):
            errors += _item_errors(i, rec, report_ids, theme_ids, late_reports)
    return errors


def _backwards(history: list[HistoryEntry]) -> bool:
    """Whether some entry is dated before the one above it. A plain loop: at 100,000 records it
    makes the cross-checks 0.10 s instead of 0.13-0.19 s with a generator per item."""
    previous = history[0].on
    for entry in history:
        if entry.on < previous:
            return True
        previous = entry.on
    return False


def _item_errors(i: int, rec: Recommendation, report_ids: set[str], theme_ids: set[str],
                 late_reports: frozenset[str] = frozenset()) -> list[InitErrorDetails]:
    errors = []
    if rec.report not in report_ids:
        errors.append(_error("unknown_report", f"unknown report id '{rec.report}'",
                             ("recommendations", i, "report"), rec.report))
    for j, theme in enumerate(rec.themes):
        if theme not in theme_ids:
            errors.append(_error("unknown_theme", f"unknown theme id '{theme}'",
                                 ("recommendations", i, "themes", j), theme))
    if rec.report in late_reports and rec.due is None and rec.deadline.value in MONTHS_AFTER:
        errors.append(_error("due_out_of_range", "the due date this deadline gives falls after 9999-12-31",
                             ("recommendations", i, "deadline"), rec.deadline.value))
    return errors + _consistency(i, rec)


def _consistency(i: int, rec: Recommendation) -> list[InitErrorDetails]:
    """A `by-date` deadline has a `due`; history never goes backwards and ends at `status`."""
    errors = []
    if rec.due is None and rec.deadline is Deadline.by_date:
        errors.append(_error("due_required", "a 'by-date' deadline needs a 'due' date",
                             ("recommendations", i, "due"), None))
    history = rec.history
    for n in range(1, len(history)):
        if history[n].on < history[n - 1].on:
            errors.append(_error(
                "history_order", f"history goes backwards: {history[n].on} is before {history[n - 1].on}",
                ("recommendations", i, "history", n, "on"), history[n].on.isoformat()))
    if history and history[-1].status is not rec.status:
        errors.append(_error(
            "status_mismatch",
            f"status is '{rec.status.value}' but the last history entry says '{history[-1].status.value}'",
            ("recommendations", i, "status"), rec.status.value))
    revisions = rec.due_revisions
    for n in range(1, len(revisions)):
        if revisions[n].on < revisions[n - 1].on:
            errors.append(_error(
                "revision_order", f"due revisions go backwards: {revisions[n].on} is before {revisions[n - 1].on}",
                ("recommendations", i, "due_revisions", n, "on"), revisions[n].on.isoformat()))
    if revisions and revisions[-1].due != rec.due:
        errors.append(_error(
            "revision_mismatch", f"'due' must be the last revision's due date ({revisions[-1].due.isoformat()})",
            ("recommendations", i, "due"), rec.due.isoformat() if rec.due else None))
    return errors


def _duplicates(field: str, entries: list) -> list[InitErrorDetails]:
    ids = [entry.id for entry in entries]
    if len(set(ids)) == len(ids):
        return []
    seen: set[str] = set()
    errors = []
    for i, entry_id in enumerate(ids):
        if entry_id in seen:
            errors.append(_error("duplicate_id", f"duplicate id '{entry_id}'", (field, i, "id"), entry_id))
        seen.add(entry_id)
    return errors


DATASET = TypeAdapter(Dataset)
RECOMMENDATION = TypeAdapter(Recommendation)
REPORT = TypeAdapter(Report)
THEME = TypeAdapter(Theme)
RECOMMENDATION_FIELDS = tuple(Recommendation.__dataclass_fields__)
