"""Items linked across reports and issuers (schema_version 2): an action that answers several items
(`answers`), and an item re-issued or replaced by a later one (`superseded_by`, with the later item's
`carried_forward_from`).

A supersede chain is the items joined by `superseded_by`, oldest first. `count_once` counts a chain's
outstanding items once (the board pack and `summary` use it); `chain_of` is what `show` prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from hmic_cli.vocabulary import OUTSTANDING

if TYPE_CHECKING:
    from hmic_cli.models import Recommendation


def answered_by(recommendations: Iterable[Recommendation]) -> dict[str, list[Recommendation]]:
    """Each answered item's id -> the actions answering it, in file order; {} when no action answers anything."""
    found: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        for answered in getattr(rec, "answers", None) or ():
            found.setdefault(answered, []).append(rec)
    return found


def chain_of(rec: Recommendation, by_id: dict[str, Recommendation],
             earlier_of: dict[str, Recommendation] | None = None) -> list[Recommendation]:
    """The whole supersede chain `rec` is in, oldest first ([rec] alone when it is in none). `earlier_of` (the
    item each item supersedes, by the later one's id) is worked out when not given."""
    if earlier_of is None:
        earlier_of = {r.superseded_by: r for r in by_id.values() if getattr(r, "superseded_by", None)}
    first, seen = rec, {rec.id}
    while True:
        before = earlier_of.get(first.id)
        if before is None or before.id in seen:
            break
        seen.add(before.id)
        first = before
    chain, ids, current = [first], {first.id}, first
    while current.superseded_by in by_id and current.superseded_by not in ids:
        current = by_id[current.superseded_by]
        chain.append(current)
        ids.add(current.id)
    return chain


def chains(recommendations: list[Recommendation]) -> list[list[Recommendation]]:
    """Every chain of two items or more, each oldest first, in the file order of its first item."""
    by_id = {rec.id: rec for rec in recommendations}
    earlier_of = {r.superseded_by: r for r in recommendations if getattr(r, "superseded_by", None)}
    return [chain_of(rec, by_id, earlier_of) for rec in recommendations
            if getattr(rec, "superseded_by", None) and rec.id not in earlier_of]


def count_once(recommendations: list[Recommendation]) -> tuple[int, int]:
    """(outstanding items, outstanding items counting each supersede chain once): a chain with an outstanding
    item counts 1 however many of its items are outstanding. For `summary` and the board pack."""
    outstanding = sum(1 for rec in recommendations if rec.status in OUTSTANDING)
    extra = 0
    for chain in chains(recommendations):
        open_in_chain = sum(1 for rec in chain if rec.status in OUTSTANDING)
        extra += max(0, open_in_chain - 1)
    return outstanding, outstanding - extra


def links_of(dataset, rec: Recommendation) -> dict:
    """What `show` prints of an item's links beyond its parent: its issuer and type in the issuer's words, its
    priority, the items it answers and the actions answering it (each with its status), and its supersede chain
    (oldest first; only when it is in one). Codes, for JSON; the words are in `issuer_label` and `type_words`."""
    # lazy: hmic_cli.issuer_registry adds 3.9 ms to `hmic list --due six-months` start-up (python -X importtime)
    from hmic_cli import issuer_registry, issuers

    by_id = {r.id: r for r in dataset.recommendations}
    report = next(r for r in dataset.reports if r.id == rec.report)
    issuer = issuer_registry.of(report)

    def brief(other: Recommendation) -> dict:
        return {"id": other.id, "type": other.type.value, "status": other.status.value}

    chain = chain_of(rec, by_id) if dataset.schema_version > 1 else [rec]
    return {
        "issuer": issuer.name, "issuer_label": issuer.label, "type_words": issuers.type_words(issuer, rec.type.value),
        "priority": getattr(rec, "priority", None),
        "answers": [brief(by_id[a]) for a in (getattr(rec, "answers", None) or ()) if a in by_id],
        "answered_by": [brief(a) for a in answered_by(dataset.recommendations).get(rec.id, ())],
        "chain": [{**brief(r), "superseded_by": r.superseded_by} for r in chain] if len(chain) > 1 else [],
    }


def stale_only(dataset, items: list, as_of, days: int) -> list:
    """The outstanding `items` with no status entry of their own, nor of an action answering them, dated in the
    `days` days before `as_of` (from as_of - days to as_of). Edit entries are not progress."""
    from datetime import timedelta

    since = as_of - timedelta(days=days)

    def recent(rec: Recommendation) -> bool:  # every entry: the opening one may be dated after back-filled progress
        return any(entry.status is not None and since <= entry.on <= as_of for entry in rec.history)

    answering = answered_by(dataset.recommendations) if dataset.schema_version > 1 else {}
    return [i for i in items if i.outstanding and not recent(i.rec)
            and not any(recent(action) for action in answering.get(i.rec.id, ()))]
