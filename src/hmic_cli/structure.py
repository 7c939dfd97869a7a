"""Items under items (schema_version 2): what a parent derives from its children (their ids,
progress and the rolled-up RAG) and the order of a tree. The rules a link follows are in `links`.
Derived items (`query.Item`) are read through `Derived`, so this module imports nothing of `query`
(which imports it)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from hmic_cli.vocabulary import OUTSTANDING, Rag

if TYPE_CHECKING:
    from hmic_cli.models import Recommendation


class Derived(Protocol):
    """What a roll-up and a tree read of a derived item (`query.Item`)."""

    @property
    def rec(self) -> Recommendation: ...
    @property
    def rag(self) -> Rag: ...


Item = TypeVar("Item", bound=Derived)

RAG_ORDER = {Rag.closed: 0, Rag.green: 1, Rag.amber: 2, Rag.red: 3}  # worst last


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


def rollups(family: dict[str, list[Recommendation]], items: dict[str, Derived],
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
