"""The rules a `parent` link follows (schema_version 2), and `carried_forward_from`'s: what each type
may sit under, and why a link is broken. Read by the dataset's cross-checks (`models.cross_errors`)
and by `add --parent`; the items are read through `Linked`, so this module imports nothing of the
models (which import it).

The rules: an `action` sits under a recommendation or an area for improvement; a recommendation or
an area for improvement may sit under a cause of concern; a cause of concern sits under nothing.
Each link goes one level down that ladder, so a chain of parents can never come back to where it
started: no cycle is possible in a file that passes these rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from hmic_cli.vocabulary import RecType


class Linked(Protocol):
    """What the rules read of an item (a `models.Recommendation` of either schema version)."""

    @property
    def id(self) -> str: ...
    @property
    def type(self) -> RecType: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def carried_forward_from(self) -> str | None: ...


# What each type may sit under (an empty set: nothing; absent from the keys: a parent is optional).
PARENT_TYPES: dict[RecType, frozenset[RecType]] = {
    RecType.action: frozenset({RecType.recommendation, RecType.area_for_improvement}),
    RecType.recommendation: frozenset({RecType.cause_of_concern, RecType.accelerated_cause_of_concern}),
    RecType.area_for_improvement: frozenset({RecType.cause_of_concern, RecType.accelerated_cause_of_concern}),
    RecType.cause_of_concern: frozenset(),
    RecType.accelerated_cause_of_concern: frozenset(),
}
_WORDS = {RecType.action: "an action", RecType.recommendation: "a recommendation",
          RecType.area_for_improvement: "an area for improvement", RecType.cause_of_concern: "a cause of concern",
          RecType.accelerated_cause_of_concern: "an accelerated cause of concern"}
V2_TYPES = frozenset({RecType.action, RecType.accelerated_cause_of_concern})  # a version 1 file holds neither


def parent_problem(rec_type: RecType, parent: Linked | None, own_id: str, parent_id: str | None) -> str | None:
    """Why `parent_id` cannot be the parent of an item of `rec_type` (None when it can)."""
    if parent_id is None:
        return "an action needs a parent (a recommendation or an area for improvement), or --answers" \
            if rec_type is RecType.action else None
    if parent_id == own_id:
        return f"'{own_id}' cannot be its own parent"
    if parent is None:
        return f"unknown parent id '{parent_id}'"
    allowed = PARENT_TYPES[rec_type]
    if parent.type not in allowed:
        if not allowed:
            return f"a cause of concern has no parent ('{parent_id}' is {_WORDS[parent.type]})"
        wanted = " or ".join(_WORDS[t] for t in sorted(allowed, key=list(RecType).index))
        return f"the parent of {_WORDS[rec_type]} is {wanted}; '{parent_id}' is {_WORDS[parent.type]}"
    return None


def link_errors(recommendations: Sequence[Linked], indexes: Iterable[int], version: int = 2) -> list[tuple]:
    """(kind, message, loc, value) for each broken link of the items at `indexes` of a tracker of
    schema_version `version`: parents, `carried_forward_from`, and type `action` in a version 1 file."""
    by_id = {rec.id: rec for rec in recommendations}
    errors = []
    for i in indexes:
        rec = recommendations[i]
        if version < 2:
            if rec.type in V2_TYPES:
                errors.append(("version_needed", f"type '{rec.type.value}' needs schema_version 2 (set "
                               "\"schema_version\": 2, which keeps every version 1 field, or change the type)",
                               ("recommendations", i, "type"), rec.type.value))
            continue
        problem = parent_problem(rec.type, by_id.get(rec.parent) if rec.parent else None, rec.id, rec.parent)
        answers, later = getattr(rec, "answers", None), getattr(rec, "superseded_by", None)
        if problem and not (rec.parent is None and answers):  # an action answering items needs no parent
            errors.append(("bad_parent", problem, ("recommendations", i, "parent" if rec.parent else "type"),
                           rec.parent))
        earlier = rec.carried_forward_from
        if earlier is not None and (earlier == rec.id or earlier not in by_id):
            what = "cannot be the item itself" if earlier == rec.id else f"names no item of this tracker ('{earlier}')"
            errors.append(("bad_carried_forward", f"carried_forward_from {what}",
                           ("recommendations", i, "carried_forward_from"), earlier))
        if answers is not None or later is not None:
            errors += [(kind, message, ("recommendations", i, field), value)
                       for kind, message, field, value in link_problems(rec, by_id)]
    return errors


def children_indexes(recommendations: Sequence[Linked], ids: set[str]) -> list[int]:
    """Indexes of the items whose parent is one of `ids` (a write re-checks them when it changes a parent)."""
    return [i for i, rec in enumerate(recommendations) if rec.parent in ids]


# --- `answers` and `superseded_by` (every issuer) ---------------------------------------------------
def link_problems(rec: Linked, by_id: dict[str, Linked]) -> list[tuple[str, str, str, object]]:
    """(kind, message, field, value) for each broken `answers` or `superseded_by` link of `rec`."""
    found = []
    if rec.answers is not None:
        if rec.type is not RecType.action:
            found.append(("bad_answers", "only an action answers other items ('answers' is on an action)",
                          "answers", rec.answers))
        for answered in rec.answers:
            target = by_id.get(answered)
            if answered == rec.id:
                found.append(("bad_answers", f"'{rec.id}' cannot answer itself", "answers", answered))
            elif target is None:
                found.append(("bad_answers", f"answers names no item of this tracker ('{answered}')", "answers",
                              answered))
            elif target.type is RecType.action:
                found.append(("bad_answers", f"an action answers a recommendation, area for improvement or cause "
                              f"of concern; '{answered}' is an action", "answers", answered))
    later = rec.superseded_by
    if later is not None:
        if later == rec.id or later not in by_id:
            what = "cannot be the item itself" if later == rec.id else f"names no item of this tracker ('{later}')"
            found.append(("bad_superseded_by", f"superseded_by {what}", "superseded_by", later))
        elif _cycle(rec, by_id):
            found.append(("superseded_cycle", f"superseded_by goes round in a circle back to '{rec.id}'",
                          "superseded_by", later))
    return found


def _cycle(rec: Linked, by_id: dict[str, Linked]) -> bool:
    seen = {rec.id}
    current = by_id.get(rec.superseded_by)
    while current is not None:
        if current.id in seen:
            return current.id == rec.id
        seen.add(current.id)
        current = by_id.get(current.superseded_by) if current.superseded_by else None
    return False
