"""How an item's standing is said and coloured, the same in every format for people.

One meaning for each colour everywhere (terminal, HTML, XLSX): red overdue, amber due within the
amber window, green outstanding and due later, closed (complete or superseded) never coloured as
good or bad. Amber is bold and always shown beside its word: ANSI yellow is readable on a dark
terminal but not on a white one (see `tests/test_present.py`, which computes the contrast).
Also: dates and days-left written for people, and word wrapping by terminal cells.
"""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len, chop_cells
from rich.style import Style

from hmic_cli.headline import _MONTHS, people_date
from hmic_cli.history import change_text
from hmic_cli.vocabulary import Rag

__all__ = ["AMBER", "BOLD", "GREEN", "RAG_STYLES", "RAG_WORDS", "RED", "days_wording", "due_text",
           "month_label", "people_date", "rag_meaning", "rag_style", "short_date", "standing", "text_bar", "transition",
           "width_of", "wrap", "wrap_token"]

# Terminal styles. GREEN is "outstanding, due later" (as in the HTML pack), never "done".
RED = Style(bold=True, color="red")
AMBER = Style(bold=True, color="yellow")
GREEN = Style(color="green")
BOLD = Style(bold=True)
RAG_STYLES = {Rag.red: RED, Rag.amber: AMBER, Rag.green: GREEN, Rag.closed: None}

# Sentence-case words for the RAG tags, and what each means (the HTML key, `summary`).
RAG_WORDS = {Rag.red: "Red", Rag.amber: "Amber", Rag.green: "Green", Rag.closed: "Closed"}


def rag_meaning(rag: Rag, amber_days: int) -> str:
    return {Rag.red: "overdue", Rag.amber: f"due within {amber_days} days",
            Rag.green: "outstanding, due later", Rag.closed: "complete or superseded"}[rag]


def rag_style(item) -> Style | None:
    """The item's colour on a terminal: by its RAG alone (closed items are not coloured)."""
    return RAG_STYLES[item.rag]


def short_date(day: date) -> str:
    """'30 Sep' for a date this year's readers place at once (the headline's 'since')."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def month_label(day: date) -> str:
    """'Jul 2014' (a chart's axis)."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def days_wording(days_left: int | None) -> str:
    """'414 days overdue', '1 day overdue', 'due today', '30 days left', '' without a due date."""
    if days_left is None:
        return ""
    if days_left < 0:
        n = -days_left
        return f"{n} day{'s' if n != 1 else ''} overdue"
    if days_left == 0:
        return "due today"
    return f"{days_left} day{'s' if days_left != 1 else ''} left"


def standing(item) -> str:
    """'12 days overdue', 'due today', '30 days left', 'no due date' or the closed status."""
    if not item.outstanding:
        return item.rec.status.value
    if item.days_left is None:
        return "no due date"
    if item.days_left < 0:
        return f"{-item.days_left} days overdue"
    return "due today" if item.days_left == 0 else f"{item.days_left} days left"


def due_text(item) -> str:
    return item.due_date.isoformat() if item.due_date else "no due date"


def text_bar(fraction: float | None, width: int = 20) -> str:
    """`████████░░░░░░░░░░░░  40%`: a progress bar that needs no colour; `n/a` with nothing to count."""
    if fraction is None:
        return "n/a"
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled) + f" {round(fraction * 100):3d}%"


def transition(change) -> str:
    """'open → complete', or '→ open' for an item's first entry; an edit entry as what changed
    ('owner: - -> DI Patel'); a sign-off or rejection with who proposed it."""
    entry = change.entry
    if entry.status is None:  # a version 2 edit entry
        return change_text(entry)
    before = change.previous.value if change.previous else ""
    said = f"{before} → {entry.status.value}".strip()
    if entry.proposed_on is not None:
        what = "signed off" if entry.status.value == "complete" else "rejected"
        said += f" ({what}; proposed by {entry.proposed_by or 'unknown'} on {entry.proposed_on.isoformat()})"
    return said


def width_of(text: str) -> int:
    """Terminal cells `text` takes: its length when ASCII (the usual case, and far quicker than Rich's)."""
    return len(text) if text.isascii() else cell_len(text)


_HYPHENATED = re.compile(r"[^-]+-?|-")


def wrap_token(text: str, width: int) -> list[str]:
    """Wrap a hyphenated token (`information-sharing`) after its hyphens; fold what still does not fit."""
    lines: list[str] = []
    line = ""
    for part in _HYPHENATED.findall(text) or [""]:
        if line and width_of(line + part) > width:
            lines.append(line)
            line = ""
        line += part
        while width_of(line) > width:
            head, *rest = chop_cells(line, width)
            lines.append(head)
            line = "".join(rest)
    lines.append(line)
    return lines


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by terminal cells; words wider than `width` are folded, nothing is cut."""
    if len(text) <= width and text.isascii() and "\n" not in text and not text.startswith(" "):
        return [text]  # fits as it is (most cells of a large log or list): the loop below would rebuild it
    if "\n" in text:  # each paragraph on its own (one that fits takes the quick path)
        return [line for paragraph in text.split("\n") for line in wrap(paragraph, width)]
    lines: list[str] = []
    for paragraph in (text,):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = width_of(word)
            if used and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if used:
                lines.append(line)
            if size > width:
                *full, word = chop_cells(word, width) or [""]
                lines.extend(full)
                size = width_of(word)
            line, used = word, size
        lines.append(line)
    return lines
