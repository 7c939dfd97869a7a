"""The data file as pydantic models (schema_version 1 and 2), with every check the contract names.

Version 2 (a team's tracker) keeps every version 1 field as it is and adds: `recommendations[].parent`
and `carried_forward_from`, the type `action`, edit entries in a history (`edit`, no `status`),
`proposed_by`/`proposed_on` on the entry that closes or rejects a proposal, and `reports[].prefix`.
Version 1 files are read with their own classes (`Report1`, `HistoryEntry1`, `Recommendation1`,
`Dataset1`), which answer None for the version 2 fields: a version 1 file holding one of them is
invalid ("unknown field"), and reading one costs nothing extra.

The models are slotted pydantic dataclasses rather than BaseModels: the same validation, at a
fraction of the memory (no per-instance `__dict__` or fields-set) and faster, which is what lets
a national dataset of a million recommendations load in less memory than `jq` needs for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import MISSING
from datetime import date
from typing import Annotated, ClassVar, Literal, Union

from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, computed_field, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import InitErrorDetails, PydanticCustomError

from hmic_cli.cycle_models import ExtensionRequest, InspectorateView, Verification
from hmic_cli.dates import MONTHS_AFTER
from hmic_cli.opening import opens
from hmic_cli.vocabulary import OUTSTANDING, Deadline, DelayCategory, EditField, RecType, Status

__all__ = ["OUTSTANDING", "Change", "Dataset", "Dataset1", "Deadline", "DueRevision", "EditField", "HistoryEntry",
           "HistoryEntry1", "RecType", "Recommendation", "Recommendation1", "Report", "Report1", "Status", "Theme",
           "Waiver"]

SCHEMA_VERSIONS = (1, 2)
LATEST = 2

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?$"
PREFIX = r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,14}[A-Za-z0-9])?$"

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
    prefix: Annotated[str, Field(pattern=PREFIX)] | None = None  # v2: the id prefix `add` and `import` continue
    issuer: Annotated[str, Field(pattern=SLUG)] | None = None  # v2: who issued it (issuers.py; None: hmicfrs)
    # v2, the inspectorate's cycle (issue 31): a response due `response_days` after `published`
    response_days: Annotated[int, Field(ge=1, le=3660)] | None = None
    responded: date | None = None  # the day the response was published
    response_url: str | None = None


@_model
class Theme:
    id: Annotated[str, Field(pattern=SLUG)]
    label: NonEmpty
    description: str


EditValue = str | list[str] | None  # a text, a list of theme ids, a date as ISO text, or nothing


@_model
class Change:
    """What an edit entry changed: one field, from one value to another (None: no value)."""

    field: EditField
    from_: EditValue = Field(alias="from")
    to: EditValue


@_model
class HistoryEntry:
    """A status entry (`status` set) or, in version 2, an edit entry (`edit` set, no `status`).

    Status entries alone decide the item's status; `proposed_by`/`proposed_on` mark the entry that
    signed off (status complete) or rejected (back to in-progress) a proposal to close."""

    on: date
    status: Status | None = None
    note: str
    by: str | None = None
    evidence: str | None = None
    edit: Change | None = None
    proposed_by: str | None = None
    proposed_on: date | None = None


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
    category: DelayCategory | None = None  # v2 (issue 31): why the date moved
    requested_by: str | None = None  # an approved request: who asked (`by` approved it)
    approved_on: date | None = None


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
    parent: Annotated[str, Field(pattern=ITEM_ID)] | None = None  # v2: an item of the same tracker
    carried_forward_from: Annotated[str, Field(pattern=ITEM_ID)] | None = None  # v2: the earlier item repeated
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
    priority: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,23}$")] | None = None  # v2 (issuers.py)
    answers: list[Annotated[str, Field(pattern=ITEM_ID)]] | None = None  # v2, on an action: the items it answers
    superseded_by: Annotated[str, Field(pattern=ITEM_ID)] | None = None  # v2: the later item that replaces it
    # v2, the inspectorate's cycle (issue 31)
    response: str | None = None  # the action taken or proposed, for the published response
    inspectorate_status: InspectorateView | None = None
    verified: Verification | None = None
    extension_request: ExtensionRequest | None = None


@_model
class Dataset:
    schema_: str | None = Field(default=None, alias="$schema")
    schema_version: Literal[2]
    reports: list[Report]
    themes: list[Theme]
    recommendations: list[Recommendation]

    @model_validator(mode="after")
    def _references(self) -> Dataset:
        return _references(self)


def _references(dataset):
    _fail(cross_errors(dataset.reports, dataset.themes, dataset.recommendations), "Dataset")
    return dataset


def _version_1(cls, doc: str, only_2: tuple[str, ...] = (), retype: dict[str, str] | None = None,
               required: tuple[str, ...] = (), serialised: bool = False, **methods):
    """The schema_version 1 twin of the version 2 model `cls`: the same fields in the same order, less
    `only_2` (which the twin answers as None, so a version 1 file holding one is an unknown field), with
    the types in `retype` (the version 1 classes it holds), the fields in `required` without their default.
    With `serialised`, the version 2 fields are computed fields that are always None, so that output has
    the same keys whichever the version (and does not change when the file is migrated).
    Made, not written out, so the two can never drift apart."""
    annotations: dict[str, object] = {}
    namespace: dict = {"__doc__": doc, "__module__": __name__, "__qualname__": cls.__name__ + "1", **methods}
    for name, spec in cls.__dataclass_fields__.items():
        if name in only_2:
            continue
        annotations[name] = (retype or {}).get(name, spec.type)
        if spec.default is not MISSING and name not in required:
            namespace[name] = spec.default
    for name in only_2:
        if serialised:  # a computed field: written as null, so JSON has the same keys whichever the version
            namespace[name] = computed_field(property(lambda self: None), return_type=type(None))
        else:
            annotations[name] = ClassVar[None]
            namespace[name] = None
    namespace["__annotations__"] = annotations
    return _model(type(cls.__name__ + "1", (), namespace))


CYCLE_REPORT_FIELDS = ("response_days", "responded", "response_url")  # issue 31, version 2 only
CYCLE_ITEM_FIELDS = ("response", "inspectorate_status", "verified", "extension_request")
Report1 = _version_1(Report, "A report of a schema_version 1 file: no `prefix`, `issuer` or response clock.",
                     ("prefix", "issuer", *CYCLE_REPORT_FIELDS),
                     serialised=True)
HistoryEntry1 = _version_1(HistoryEntry, "A history entry of a schema_version 1 file: always a status entry.",
                           ("edit", "proposed_by", "proposed_on"), {"status": "Status"}, required=("status",),
                           serialised=True)
Recommendation1 = _version_1(
    Recommendation, "An item of a schema_version 1 file: no `parent`, `carried_forward_from`, type `action` or edit "
    "entries.", ("parent", "carried_forward_from", "priority", "answers", "superseded_by", *CYCLE_ITEM_FIELDS),
    {"history": "list[HistoryEntry1]"})
Dataset1 = _version_1(
    Dataset, "A schema_version 1 file (`hmic migrate` upgrades it to 2).", (),
    {"schema_version": "Literal[1]", "reports": "list[Report1]", "recommendations": "list[Recommendation1]"},
    _references=model_validator(mode="after")(_references))


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
    v2_types = (RecType.action, RecType.accelerated_cause_of_concern)  # `links.V2_TYPES`: refused in version 1
    late_reports = {r.id for r in reports if r.published > LAST_SAFE_PUBLISHED}
    published = {r.id: r.published for r in reports}
    indexed = enumerate(recommendations) if items is None else ((i, recommendations[i]) for i in items)
    linked = []
    for i, rec in indexed:
        history = rec.history
        if (rec.report not in report_ids or not theme_ids.issuperset(rec.themes)
                or (rec.due is None and rec.deadline is by_date)
                or rec.due_revisions or rec.report in late_reports
                or (history and (history[-1].status is not rec.status or _unusual(history)))):
            errors += _item_errors(i, rec, report_ids, theme_ids, late_reports, published.get(rec.report))
        if (rec.parent is not None or rec.carried_forward_from is not None or rec.type in v2_types
                or rec.superseded_by is not None or rec.answers is not None):
            linked.append(i)
    if items is not None and recommendations and recommendations[0].__class__ is Recommendation:
        # a changed item may be some other item's parent: its children are checked against it again
        # lazy: hmic_cli.links adds 0.6 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.links import children_indexes

        changed = {recommendations[i].id for i in items}
        linked = sorted(set(linked) | set(children_indexes(recommendations, changed)))
    if linked:
        # lazy: hmic_cli.links adds 0.6 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli.links import link_errors

        version = 2 if recommendations[0].__class__ is Recommendation else 1  # a tracker's items are of one version
        errors += [_error(*found) for found in link_errors(recommendations, linked, version)]
    return errors


def _unusual(history: list[HistoryEntry]) -> bool:
    """Whether some entry is dated before the one above it, or is an edit entry (checked in full by
    `_consistency`). A plain loop: at 100,000 records it makes the cross-checks 0.10 s instead of
    0.13-0.19 s with a generator per item."""
    previous = history[0].on
    for entry in history:
        if entry.on < previous or entry.edit is not None:
            return True
        previous = entry.on
    return False


def _item_errors(i: int, rec: Recommendation, report_ids: set[str], theme_ids: set[str],
                 late_reports: frozenset[str] = frozenset(), published: date | None = None) -> list[InitErrorDetails]:
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
    return errors + _consistency(i, rec, published)


def _backwards(i: int, field: str, entries: list, kind: str, what: str, start: int = 0) -> list[InitErrorDetails]:
    """An error for each of an item's dated `entries` (from index `start`) dated before the one before it."""
    return [_error(kind, f"{what}: {entry.on} is before {before.on}", ("recommendations", i, field, n, "on"),
                   entry.on.isoformat())
            for n, (before, entry) in enumerate(zip(entries[start:], entries[start + 1:], strict=False),
                                                start=start + 1)
            if entry.on < before.on]


def _consistency(i: int, rec: Recommendation, published: date | None = None) -> list[InitErrorDetails]:
    """A `by-date` deadline has a `due`; history never goes backwards and ends at `status`; progress
    back-filled before the entry that opened the item is not dated before the report's publication."""
    errors = []
    if rec.due is None and rec.deadline is Deadline.by_date:
        errors.append(_error("due_required", "a 'by-date' deadline needs a 'due' date",
                             ("recommendations", i, "due"), None))
    history = rec.history
    # the entry that opened the item stays first whatever the dates of progress back-filled after it
    errors += _backwards(i, "history", history, "history_order", "history goes backwards", int(opens(history)))
    if published is not None and opens(history):
        errors += [_error("history_order", f"history goes backwards: {entry.on} is before the report was published "
                          f"({published}) and before the entry that opened the item ({history[0].on})",
                          ("recommendations", i, "history", n, "on"), entry.on.isoformat())
                   for n, entry in enumerate(history[1:], start=1) if entry.on < min(published, history[0].on)]
    last = None
    for n, entry in enumerate(history):
        if (entry.status is None) == (entry.edit is None):
            errors.append(_error(
                "entry_kind", "a history entry has either 'status' (a status entry) or 'edit' (an edit entry), "
                "not both or neither", ("recommendations", i, "history", n), None))
        elif entry.edit is not None and (entry.proposed_by is not None or entry.proposed_on is not None):
            errors.append(_error("entry_kind", "an edit entry has no 'proposed_by' or 'proposed_on'",
                                 ("recommendations", i, "history", n, "edit"), None))
        if entry.status is not None:
            last = entry
    if last is not None and last.status is not rec.status:
        errors.append(_error(
            "status_mismatch",
            f"status is '{rec.status.value}' but the last {'history' if last is history[-1] else 'status'} entry "
            f"says '{last.status.value}'",
            ("recommendations", i, "status"), rec.status.value))
    revisions = rec.due_revisions
    errors += _backwards(i, "due_revisions", revisions, "revision_order", "due revisions go backwards")
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


DATASET = TypeAdapter(Annotated[Union[Dataset1, Dataset], Field(discriminator="schema_version")])  # noqa: UP007
DATASETS = {1: TypeAdapter(Dataset1), 2: TypeAdapter(Dataset)}  # one version alone (`hmic schema --version`)
RECOMMENDATION = TypeAdapter(Recommendation)
REPORT = TypeAdapter(Report)
THEME = TypeAdapter(Theme)
# What a write validates a new or changed value with, by the file's schema_version.
ADAPTERS = {1: {"recommendations": TypeAdapter(Recommendation1), "reports": TypeAdapter(Report1), "themes": THEME},
            2: {"recommendations": RECOMMENDATION, "reports": REPORT, "themes": THEME}}
RECOMMENDATION_FIELDS = tuple(Recommendation.__dataclass_fields__)
V2_FIELDS = frozenset({"parent", "carried_forward_from", "prefix", "edit", "proposed_by", "proposed_on", "issuer",
                       "priority", "answers", "superseded_by", *CYCLE_REPORT_FIELDS, *CYCLE_ITEM_FIELDS})


def version_of(dataset: Dataset | Dataset1) -> int:
    return dataset.schema_version
