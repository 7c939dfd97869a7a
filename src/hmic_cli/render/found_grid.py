"""`hmic import`'s preview of a report's items: what each is (its type in words), its deadline, its parent,
and a "?" beside the id of each item to check (confidence `check`: see `importing.found`)."""

from __future__ import annotations

from hmic_cli import vocabulary
from hmic_cli.render.grid import Column, Grid
from hmic_cli.render.present import BOLD
from hmic_cli.sanitize import inert, one_line

TYPE_WORDS = {kind.value: said[0] for kind, said in vocabulary.TYPE_WORDS.items()}  # code -> words (review files)
DEADLINE_WORDS = {"immediate": "immediately", "three-months": "within three months", "six-months": "within six months",
                  "twelve-months": "within twelve months", "by-date": "by a date", "none": "none"}
COLUMNS = [Column("ID"), Column("Type", wrap=True), Column("Deadline", wrap=True), Column("Due date"),
           Column("Parent"), Column("Themes", wrap=True), Column("Text", wrap=True, min=30, whole=48)]
FOLDS = ("Themes", "Parent", "Deadline")


def type_words(value: str) -> str:
    return vocabulary.word(value)


def found_grid(items: list, reasons: dict[str, dict]) -> Grid:
    rows = []
    for item in items:
        rec = item.rec
        why = reasons.get(rec.id, {})
        mark = " ?" if why.get("confidence") == "check" else ""
        rows.append([(one_line(rec.id) + mark, BOLD), type_words(rec.type.value),
                     DEADLINE_WORDS.get(rec.deadline.value, rec.deadline.value),
                     item.due_date.isoformat() if item.due_date else "-", one_line(why.get("parent") or ""),
                     one_line(", ".join(rec.themes)), inert(rec.text)])
    return Grid(COLUMNS, rows, lead=" ", full_rule=True, fold=FOLDS, into="Text", spaced=True)
