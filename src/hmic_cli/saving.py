"""Writing files safely: atomic replacement, serialised by a lock file beside the target."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from hmic_cli.defaults import LOCK_TIMEOUT
from hmic_cli.errors import DataError, Problem


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once: a temporary file in the same folder, fsync, rename.

    A crash at any point leaves either the old file or the new one, never a mix.
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
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DataError(str(path), [Problem(f"could not be saved: {exc.strerror or exc}")],
                        "nothing was written") from None
    _fsync_folder(folder)


def write_output(path: Path, data: bytes) -> None:
    """Write an output file (`--output`): a regular file is replaced atomically."""
    atomic_write(path, data)


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
