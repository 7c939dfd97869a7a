"""Items under items (schema_version 2): the rules a `parent` link follows, and what a parent derives
from its children (their ids, progress and the rolled-up RAG).

The rules: an `action` sits under a recommendation or an area for improvement; a recommendation or
an area for improvement may sit under a cause of concern; a cause of concern sits under nothing.
Each link goes one level down that ladder, so a chain of parents can never come back to where it
started: no cycle is possible in a file that passes these rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hmic_cli.vocabulary import OUTSTANDING, Rag, RecType

if TYPE_CHECKING:
    from hmic_cli.models import Recommendation
    from hmic_cli.query import Item

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
RAG_ORDER = {Rag.closed: 0, Rag.green: 1, Rag.amber: 2, Rag.red: 3}  # worst last


def parent_problem(rec_type: RecType, parent: Recommendation | None, own_id: str, parent_id: str | None) -> str | None:
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


def link_errors(recommendations: list[Recommendation], indexes: Iterable[int], version: int = 2) -> list[tuple]:
    """(kind, message, loc, value) for each broken link of the items at `indexes` of a tracker of
    schema_version `version`: parents, `carried_forward_from`, and type `action` in a version 1 file."""
    by_id = {rec.id: rec for rec in recommendations}
    errors = []
    for i in indexes:
        rec = recommendations[i]
        if version < 2:
            if rec.type in V2_TYPES:
                errors.append(("version_needed", f"type '{rec.type.value}' needs schema_version 2 "
                               "(run 'hmic migrate FILE')", ("recommendations", i, "type"), rec.type.value))
            continue
        problem = parent_problem(rec.type, by_id.get(rec.parent) if rec.parent else None, rec.id, rec.parent)
        if problem and not (rec.parent is None and rec.answers):  # an action answering items needs no parent
            errors.append(("bad_parent", problem, ("recommendations", i, "parent" if rec.parent else "type"),
                           rec.parent))
        earlier = rec.carried_forward_from
        if earlier is not None and (earlier == rec.id or earlier not in by_id):
            what = "cannot be the item itself" if earlier == rec.id else f"names no item of this tracker ('{earlier}')"
            errors.append(("bad_carried_forward", f"carried_forward_from {what}",
                           ("recommendations", i, "carried_forward_from"), earlier))
        if rec.answers is not None or rec.superseded_by is not None:
            from hmic_cli.chains import link_problems

            errors += [(kind, message, ("recommendations", i, field), value)
                       for kind, message, field, value in link_problems(rec, by_id)]
    return errors


def children_indexes(recommendations: list[Recommendation], ids: set[str]) -> list[int]:
    """Indexes of the items whose parent is one of `ids` (a write re-checks them when it changes a parent)."""
    return [i for i, rec in enumerate(recommendations) if rec.parent in ids]


def children(recommendations: Iterable[Recommendation]) -> dict[str, list[Recommendation]]:
    """Each parent's id -> its children, in file order; {} for a tracker without parents."""
    found: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        if rec.parent is not None:
            found.setdefault(rec.parent, []).append(rec)
    return found


def outstanding_children(rec: Recommendation, family: dict[str, list[Recommendation]]) -> list[Recommendation]:
    """The children (any depth) of `rec` still outstanding, depth first in file order."""
    out = []
    for child in family.get(rec.id, ()):
        if child.status in OUTSTANDING:
            out.append(child)
        out += outstanding_children(child, family)
    return out


@dataclass(frozen=True, slots=True)
class Rollup:
    """What a parent derives from its children on the as-of day."""

    children: tuple[str, ...]  # direct children's ids, in file order
    closed: int  # direct children closed (complete or superseded)
    total: int
    rag: Rag  # the worst of the parent's own RAG and its outstanding children's rolled-up RAGs
    answered_by: tuple[str, ...] = ()  # the actions answering it (`answers`), counted in closed/total and rag

    def as_dict(self) -> dict:
        return {"closed": self.closed, "total": self.total}


def rollups(family: dict[str, list[Recommendation]], items: dict[str, Item],
            answering: dict[str, list[Recommendation]] | None = None) -> dict[str, Rollup]:
    """The roll-up of every parent in `family`, and of every item in `answering` (answered id -> the actions
    answering it, which count as its children do); `items` holds every item by id (derived on one day)."""
    done: dict[str, Rollup] = {}
    answering = answering or {}

    def rollup(item_id: str) -> Rag:
        if item_id in done:
            return done[item_id].rag
        own = items[item_id].rag
        kids = family.get(item_id, [])
        actions = [a for a in answering.get(item_id, ()) if a not in kids]
        if actions:
            kids = kids + actions
        if not kids:
            return own
        worst = own
        for child in kids:
            if child.status in OUTSTANDING:
                rag = rollup(child.id)
                if RAG_ORDER[rag] > RAG_ORDER[worst]:
                    worst = rag
        closed = sum(1 for child in kids if child.status not in OUTSTANDING)
        done[item_id] = Rollup(tuple(child.id for child in family.get(item_id, ())), closed, len(kids), worst,
                               tuple(a.id for a in actions))
        return worst

    for parent_id in [*family, *answering]:
        if parent_id in items:
            rollup(parent_id)
    return done


def tree_order(items: list[Item]) -> list[tuple[Item, int]]:
    """`items` with each one's depth, children right after their parent (in the given order among
    siblings); an item whose parent is not among `items` starts a tree of its own."""
    shown = {item.rec.id for item in items}
    under: dict[str, list[Item]] = {}
    roots = []
    for item in items:
        parent = item.rec.parent
        if parent is not None and parent in shown:
            under.setdefault(parent, []).append(item)
        else:
            roots.append(item)
    out: list[tuple[Item, int]] = []

    def walk(item: Item, depth: int) -> None:
        out.append((item, depth))
        for child in under.get(item.rec.id, ()):
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return out
