"""Every default a user can meet, decided here once (the CLI, the library and the README read them)."""

from __future__ import annotations

from hmic_cli.vocabulary import OUTSTANDING, Status

AMBER_DAYS = 30  # RAG: an outstanding item due within this many days of the as-of day is amber
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another hmic writing the same file (env HMIC_LOCK_TIMEOUT)
LOCK_TIMEOUT_ENV = "HMIC_LOCK_TIMEOUT"
DATA_ENV = "HMIC_DATA"
INIT_PATH = "recommendations.json"
UNTRIAGED = "untriaged"  # the theme `import` gives an item that matches none of the tracker's themes

# The most bytes hmic reads from a data file (`--data`, `validate PATH`): well above a national dataset
# of a million recommendations. A device or a pipe (`/dev/zero`) is read up to this bound, never further.
MAX_READ_BYTES = 2 * 1024**3


# Tables fit the terminal (or COLUMNS), within these bounds: COLUMNS=0 or a huge value is clamped.
MIN_WIDTH = 20
MAX_WIDTH = 1000

# Inside GitHub Actions (this variable set to "true") no output line may start a workflow command.
GITHUB_ACTIONS_ENV = "GITHUB_ACTIONS"


def clamp_width(width: int | None) -> int:
    """A terminal width within MIN_WIDTH..MAX_WIDTH (80 when unknown)."""
    if not width:
        return MIN_WIDTH if width == 0 else 80
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


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
    "show": EVERY_STATUS,  # one item, whatever its status
    "diff": EVERY_STATUS,  # every item is compared (diff takes no filters)
    "reports": EVERY_STATUS,  # each report's items counted, closed ones too (issue 31)
}


def statuses(command: str, asked: list[Status] | None, every: bool = False) -> tuple[Status, ...]:
    """The statuses `command` selects: --all, else those asked for, else the command's default."""
    if every:
        return EVERY_STATUS
    if asked:
        return tuple(dict.fromkeys(asked))
    return DEFAULT_STATUSES[command]
