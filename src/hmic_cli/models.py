"""The data file as pydantic models (schema_version 1), with every check the contract names."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?$"

NonEmpty = Annotated[str, Field(min_length=1)]


class Deadline(str, Enum):
    immediate = "immediate"
    three_months = "three-months"
    six_months = "six-months"
    twelve_months = "twelve-months"
    by_date = "by-date"


class Status(str, Enum):
    open = "open"
    in_progress = "in-progress"
    awaiting_sign_off = "awaiting-sign-off"
    complete = "complete"
    superseded = "superseded"


class RecType(str, Enum):
    recommendation = "recommendation"
    area_for_improvement = "area-for-improvement"
    cause_of_concern = "cause-of-concern"


OUTSTANDING = frozenset({Status.open, Status.in_progress, Status.awaiting_sign_off})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, use_enum_values=False)


class Report(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    title: NonEmpty
    inspectorate: NonEmpty
    force: NonEmpty
    published: date
    published_note: str | None = None
    url: str | None = None
    source: NonEmpty


class Theme(_Strict):
    id: Annotated[str, Field(pattern=SLUG)]
    label: NonEmpty
    description: str


class HistoryEntry(_Strict):
    on: date
    status: Status
    note: str
    by: str | None = None
    evidence: str | None = None


def _fail(errors: list[InitErrorDetails], title: str) -> None:
    if errors:
        raise ValidationError.from_exception_data(title, errors)


def _error(kind: str, message: str, loc: tuple, value: object) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError(kind, message), loc=loc, input=value)


class Recommendation(_Strict):
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
    history: list[HistoryEntry] = []

    @model_validator(mode="after")
    def _consistent(self) -> Recommendation:
        errors = []
        if self.deadline is Deadline.by_date and self.due is None:
            errors.append(_error("due_required", "a 'by-date' deadline needs a 'due' date", ("due",), None))
        for i in range(1, len(self.history)):
            if self.history[i].on < self.history[i - 1].on:
                errors.append(_error(
                    "history_order",
                    f"history goes backwards: {self.history[i].on} is before {self.history[i - 1].on}",
                    ("history", i, "on"), self.history[i].on.isoformat()))
        if self.history and self.history[-1].status is not self.status:
            errors.append(_error(
                "status_mismatch",
                f"status is '{self.status.value}' but the last history entry says "
                f"'{self.history[-1].status.value}'",
                ("status",), self.status.value))
        _fail(errors, "Recommendation")
        return self


class Dataset(_Strict):
    model_config = ConfigDict(populate_by_name=True)

    schema_: str | None = Field(default=None, alias="$schema")
    schema_version: Literal[1]
    reports: Annotated[list[Report], Field(min_length=1)]
    themes: list[Theme]
    recommendations: list[Recommendation]

    @model_validator(mode="after")
    def _references(self) -> Dataset:
        errors = _duplicates("reports", self.reports) + _duplicates("themes", self.themes)
        errors += _duplicates("recommendations", self.recommendations)
        report_ids = {r.id for r in self.reports}
        theme_ids = {t.id for t in self.themes}
        for i, rec in enumerate(self.recommendations):
            if rec.report not in report_ids:
                errors.append(_error("unknown_report", f"unknown report id '{rec.report}'",
                                     ("recommendations", i, "report"), rec.report))
            for j, theme in enumerate(rec.themes):
                if theme not in theme_ids:
                    errors.append(_error("unknown_theme", f"unknown theme id '{theme}'",
                                         ("recommendations", i, "themes", j), theme))
        _fail(errors, "Dataset")
        return self


def _duplicates(field: str, entries: list) -> list[InitErrorDetails]:
    seen: set[str] = set()
    errors = []
    for i, entry in enumerate(entries):
        if entry.id in seen:
            errors.append(_error("duplicate_id", f"duplicate id '{entry.id}'", (field, i, "id"), entry.id))
        seen.add(entry.id)
    return errors
