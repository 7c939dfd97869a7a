"""Writing files safely: atomic replacement, serialised by a lock file beside the target."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from hmic_cli.defaults import LOCK_TIMEOUT
from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.store import in_use, loading


def atomic_write(path: Path, data: bytes, before_replace: Callable[[], None] | None = None) -> None:
    """Replace `path` with `data` all at once: a temporary file in the same folder, fsync, rename.

    A crash at any point leaves either the old file or the new one, never a mix. A write the system
    refuses part-way (a full disk, a quota, a file-size limit: ENOSPC, EDQUOT, EFBIG) is exit 3 with
    the temporary file removed. `before_replace` runs after the new content is synced, immediately
    before the rename: an error it raises (the writer's last check that nobody changed the file) is
    passed on, with the temporary file removed and nothing replaced.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise DataError(str(path), [Problem(f"cannot write in {folder}: {exc.strerror or exc}")],
                        "nothing was written") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise DataError(str(path), [Problem(f"could not be saved: {exc.strerror or exc}")],
                            "nothing was written") from None
        raise
    _fsync_folder(folder)


def write_output(path: Path, data: bytes) -> Path:
    """Write an output file (`--output`, `init PATH`) and return the file written.

    A regular file (or a new one) is replaced atomically; through a symbolic link the real file is
    replaced and the link stays a link. A terminal, `/dev/null`, a FIFO or another character device
    is written through (opened for writing: there is nothing to replace). Anything else (a folder, a
    block device, a socket, a link into a missing folder or a link loop) is refused, nothing written.
    """
    def refuse(why: str) -> DataError:
        return DataError(str(path), [Problem(why)], "nothing was written; give the path of a file")

    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a link loop, a path through a file, no permission to look
        raise refuse(f"cannot be written: {exc.strerror or exc}") from None
    if st is not None and (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        _write_through(path, data, refuse)
        return path
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file, a terminal or a pipe"
        raise refuse(f"is {kind}: hmic writes output only to a file")
    if st is not None:
        _refuse_a_tracker(path, st)
    real = Path(os.path.realpath(path)) if os.path.islink(path) else path
    if st is None and not real.parent.is_dir():
        whose = "" if real == path else " (the link's target)"
        raise refuse(f"cannot write in {real.parent}{whose}: no such folder")
    atomic_write(real, data)
    return real


def protected(st: os.stat_result) -> str | None:
    """Why no output may be written to the file with this stat (device and inode: through any link):
    it is the bundled dataset, or a tracker this command read (`in_use`); None when neither."""
    try:
        bundled = os.stat(loading.bundled_path())
    except OSError:
        bundled = None
    if bundled is not None and (bundled.st_dev, bundled.st_ino) == (st.st_dev, st.st_ino):
        return "the bundled dataset inside the installed hmic: hmic never writes it"
    name = in_use.which(st)
    if name is not None:
        return f"the tracker this command reads ({name}): writing there would replace the tracker"
    return None


def _refuse_a_tracker(path: Path, st: os.stat_result) -> None:
    """Exit 2 when the output file is the bundled dataset or a tracker this command read (`protected`)."""
    why = protected(st)
    if why is not None:
        hint = "give another file for the output; nothing was written"
        if why.startswith("the bundled"):
            hint += " (run 'hmic init tracker.json' for a tracker of your own)"
        raise UsageError(f"the output file {path} is {why}", hint)


def _write_through(path: Path, data: bytes, refuse) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise refuse(f"cannot be opened for writing: {exc.strerror or exc}") from None
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise refuse(f"could not be written: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of `path` (a `.NAME.lock` file beside it) or fail with exit 3 after `timeout`."""
    from filelock import FileLock, Timeout  # only writers need it: 15 ms of every command's start-up

    lock = FileLock(str(lock_path(path)), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise DataError(str(path), [Problem(f"another hmic holds the lock {lock_path(path)}")],
                        f"nothing was written; try again, or remove the lock file if no hmic is running "
                        f"(waited {timeout:g} s)") from None
    except OSError as exc:
        raise DataError(str(path), [Problem(f"cannot create the lock file: {exc.strerror or exc}")],
                        "nothing was written") from None
    try:
        yield
    finally:
        lock.release()
