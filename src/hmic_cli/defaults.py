"""Every default a user can meet, decided here once (the CLI, the library and the README read them)."""

from __future__ import annotations

from hmic_cli.vocabulary import OUTSTANDING, Status

AMBER_DAYS = 30  # RAG: an outstanding item due within this many days of the as-of day is amber
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another hmic writing the same file (env HMIC_LOCK_TIMEOUT)
LOCK_TIMEOUT_ENV = "HMIC_LOCK_TIMEOUT"
DATA_ENV = "HMIC_DATA"
INIT_PATH = "recommendations.json"
UNTRIAGED = "untriaged"  # the theme `import` gives an item that matches none of the tracker's themes

EVERY_STATUS: tuple[Status, ...] = tuple(Status)
OUTSTANDING_STATUSES: tuple[Status, ...] = tuple(s for s in Status if s in OUTSTANDING)

# Which statuses a command looks at when neither --status nor --all narrows it.
DEFAULT_STATUSES: dict[str, tuple[Status, ...]] = {
    "list": OUTSTANDING_STATUSES,  # what is still to do
    "report": EVERY_STATUS,  # the board pack shows progress, so closed items count
    "check": EVERY_STATUS,  # closed items pass, and count as checked
    "summary": EVERY_STATUS,
    "themes": EVERY_STATUS,
    "log": EVERY_STATUS,
}


def statuses(command: str, asked: list[Status] | None, every: bool = False) -> tuple[Status, ...]:
    """The statuses `command` selects: --all, else those asked for, else the command's default."""
    if every:
        return EVERY_STATUS
    if asked:
        return tuple(dict.fromkeys(asked))
    return DEFAULT_STATUSES[command]
