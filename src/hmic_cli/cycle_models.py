"""The data file's fields for the inspectorate's cycle (issue 31; schema_version 2, every one optional):
the inspectorate's own status of an item, a verified closure, and an extension waiting for approval.
`models.py` holds them in `Recommendation`; `Report` holds the response clock's fields itself."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass

from hmic_cli.vocabulary import DelayCategory, InspectorateStatus

NonEmpty = Annotated[str, Field(min_length=1)]


def _model(cls):
    """As `models._model`: a strict, slotted, keyword-only pydantic dataclass."""
    return dataclass(config=ConfigDict(extra="forbid", strict=True), slots=True, kw_only=True)(cls)


@_model
class InspectorateView:
    """The inspectorate's own published status of an item, and the day it says it (issue 31)."""

    status: InspectorateStatus
    on: date
    note: str | None = None  # a no-further-action reason, or what the inspectorate said


@_model
class Verification:
    """A closure checked after the demonstration period, by someone other than the owner (issue 31)."""

    on: date
    by: str | None = None
    note: NonEmpty
    evidence: str | None = None


@_model
class ExtensionRequest:
    """A due date asked for and waiting for an approver (issue 31); the item's due date is unchanged."""

    on: date
    due: date
    reason: NonEmpty
    category: DelayCategory | None = None
    by: str | None = None
