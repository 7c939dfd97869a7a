"""An item's issuer and links in people's words: the words that start its text in `list` (table, Markdown), and
`show`'s rows: its type as its issuer says it, its issuer and
priority, the items an action answers and the actions answering an item, and its supersede chain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hmic_cli.sanitize import one_line
from hmic_cli.vocabulary import word

if TYPE_CHECKING:
    from hmic_cli.query import Item


def _brief(entry: dict) -> str:
    return f"{one_line(entry['id'])} ({word(entry['status'])})"


def link_rows(links: dict) -> list[tuple[str, str]]:
    """The Type row first (the issuer's words), then Issuer, Priority, Answers, Answered by, Chain as they apply."""
    rows = [("Type", links["type_words"]), ("Issuer", one_line(links["issuer_label"]))]
    if links["priority"]:
        rows.append(("Priority", one_line(links["priority"])))
    if links["answers"]:
        rows.append(("Answers", ", ".join(_brief(e) for e in links["answers"])))
    if links["answered_by"]:
        rows.append(("Answered by", ", ".join(_brief(e) for e in links["answered_by"])))
    if links["chain"]:
        rows.append(("Chain", " -> ".join(_brief(e) for e in links["chain"]) + " (oldest first; the last replaces "
                     "the ones before it)"))
    return rows


def issuer_said(items: list[Item]):
    """None when every item is HMICFRS's (the table as it always was); else a function giving the words that
    start an item's text cell: its type in its issuer's words and the issuer, and what it answers or is answered by
    ("Finding (Internal audit), priority 1: ")."""
    if not any(getattr(item.report, "issuer", None) not in (None, "hmicfrs") or getattr(item.rec, "answers", None)
               or (item.rollup is not None and item.rollup.answered_by) for item in items):
        return None
    # lazy: hmic_cli.issuer_registry adds 3.9 ms to `hmic list --due six-months` start-up (python -X importtime)
    from hmic_cli import issuer_registry, issuers

    registry = issuer_registry.active()

    def said(item: Item) -> str:
        rec = item.rec
        issuer = issuer_registry.of(item.report, registry)
        words = issuers.type_words(issuer, rec.type.value)
        out = words[:1].upper() + words[1:] + ("" if issuer.name == "hmicfrs" else f" ({issuer.label})")
        if rec.priority:
            out += f", priority {rec.priority}"
        if rec.answers:
            out += ", answers " + ", ".join(rec.answers)
        if item.rollup is not None and item.rollup.answered_by:
            out += ", answered by " + ", ".join(item.rollup.answered_by)
        return one_line(out) + ": "

    return said
