"""The files this command reads as trackers, by device and inode: an output (`-o`, `init PATH`) that
is one of them, or the bundled dataset, is refused before anything is written (`atomic.write_output`).

`loading.read` records each file it reads; `cli.handles_errors` starts each command with none
(a library caller running several commands in one process, as the tests do, gets the same)."""

from __future__ import annotations

import os

_FILES: dict[tuple[int, int], str] = {}


def record(path: os.PathLike | str) -> None:
    """Remember the file at `path` (links followed) as a tracker read by this command."""
    try:
        st = os.stat(path)
    except OSError:
        return
    _FILES.setdefault((st.st_dev, st.st_ino), str(path))


def which(st: os.stat_result) -> str | None:
    """The name the tracker with these device and inode numbers was read as, if one was."""
    return _FILES.get((st.st_dev, st.st_ino))


def forget() -> None:
    _FILES.clear()
