"""The fixed vocabularies of the data file and the CLI (no pydantic: cheap to import)."""

from __future__ import annotations

from enum import Enum


class Deadline(str, Enum):
    immediate = "immediate"
    three_months = "three-months"
    six_months = "six-months"
    twelve_months = "twelve-months"
    by_date = "by-date"
    none = "none"  # the source sets no deadline (most areas for improvement): no due date unless `due` gives one


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
    accelerated_cause_of_concern = "accelerated-cause-of-concern"
    action = "action"  # schema_version 2: a step towards a recommendation or an area for improvement


class EditField(str, Enum):
    """What an edit entry (schema_version 2) changed."""

    text = "text"
    owner = "owner"
    themes = "themes"
    type = "type"
    deadline = "deadline"
    due = "due"
    parent = "parent"
    waiver = "waiver"  # from/to: the waiver's last day, or none
    priority = "priority"  # the issuer's priority (issuers.py)
    answers = "answers"  # an action's answered items
    superseded_by = "superseded_by"  # the later item replacing this one (`hmic supersede`)
    carried_forward_from = "carried_forward_from"  # the earlier item this one repeats (`hmic supersede`)
    response = "response"  # the action taken or proposed, for the published response (issue 31)
    inspectorate = "inspectorate"  # the inspectorate's own status: from/to its code
    verified = "verified"  # from/to: the day a closure was verified, or none
    extension = "extension"  # from/to: a due date requested, approved or rejected


class InspectorateStatus(str, Enum):
    """The inspectorate's own published status of an item (issue 31), kept beside the force's."""

    being_progressed = "being-progressed"
    awaiting_review = "awaiting-review"
    complete = "complete"
    no_further_action_needed = "no-further-action-needed"  # never folded into superseded; its note says why
    partly_achieved = "partly-achieved"
    disputed = "disputed"


class DelayCategory(str, Enum):
    """Why a due date moved (every revision carries one once extensions are governed)."""

    resources = "resources"
    partner_dependency = "partner-dependency"
    national_dependency = "national-dependency"
    scope_change = "scope-change"
    other = "other"


class Policy(str, Enum):
    """What fails `hmic check`."""

    overdue = "overdue"  # items past their due date and not closed
    outstanding = "outstanding"  # every item not complete or superseded
    never = "never"  # report only


class Rag(str, Enum):
    """A board's rating of an item on the as-of day."""

    red = "red"  # overdue
    amber = "amber"  # outstanding and due within the amber window
    green = "green"  # outstanding, due later (or no due date)
    closed = "closed"  # complete or superseded


OUTSTANDING = frozenset({Status.open, Status.in_progress, Status.awaiting_sign_off})

# The words people read (tables, papers, reminders, the inspectorate's CSV): one place for each. The JSON and
# CSV exports keep the codes above.
STATUS_WORDS = {Status.open: "open", Status.in_progress: "in progress", Status.awaiting_sign_off: "awaiting sign-off",
                Status.complete: "complete", Status.superseded: "superseded"}
TYPE_WORDS = {RecType.recommendation: ("recommendation", "recommendations"),
              RecType.area_for_improvement: ("area for improvement", "areas for improvement"),
              RecType.cause_of_concern: ("cause of concern", "causes of concern"),
              RecType.accelerated_cause_of_concern: ("accelerated cause of concern", "accelerated causes of concern"),
              RecType.action: ("action", "actions")}
DEADLINE_WORDS = {"immediate": "immediately", "three-months": "within three months", "six-months": "within six months",
                  "twelve-months": "within twelve months", "by-date": "by a set date", "none": "no deadline set"}


def word(code: object) -> str:
    """Any code as people say it: a status, type or deadline class from the maps above ('in-progress' -> 'in
    progress', 'six-months' -> 'within six months'); any other code with its hyphens as spaces; None as ''."""
    if code is None:
        return ""
    value = str(getattr(code, "value", code))
    for kind, words in ((Status, STATUS_WORDS), (RecType, TYPE_WORDS)):
        try:
            found = words[kind(value)]
        except ValueError:
            continue
        return found[0] if isinstance(found, tuple) else found
    return DEADLINE_WORDS.get(value) or value.replace("-", " ")
