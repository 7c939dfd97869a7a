"""The command line: parses arguments into requests for `commands`, and turns errors into exit codes.

`read` holds the commands that only read a tracker, `write` those that change one; `options` the
options they share. `main` is the console script.
"""

from __future__ import annotations

import errno
import functools
import io
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import __version__, defaults
from hmic_cli.errors import DataError, HmicError, UsageError
from hmic_cli.sanitize import one_line

app = typer.Typer(
    name="hmic",
    help="Track what is outstanding of HM Inspectorate of Constabulary recommendations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"hmic {__version__}")
        raise typer.Exit()


def fail(exc: HmicError) -> None:
    """Report a user-caused error on stderr: what, where, what to do. No traceback."""
    from hmic_cli.output import note
    from hmic_cli.render.text import error_lines

    if getattr(exc, "broken_pipe", False):
        return  # the reader went away on purpose (`| head`): nothing to tell
    if not isinstance(exc, DataError):
        note(f"hmic: error: {one_line(exc.message)}")
    elif len(exc.problems) == 1:
        note(f"hmic: error: {error_lines(exc.file, exc.problems)[0]}")
    else:
        lines = error_lines(exc.file, exc.problems)
        head = f"hmic: error: {len(exc.problems)} problems in {one_line(exc.file)}:"
        note("\n".join([head, *("  " + line for line in lines)]))
    if exc.hint:
        note(f"hint: {one_line(exc.hint)}")


def not_utf8(params: dict) -> None:
    """Refuse a text argument that is not UTF-8 (on Linux, undecodable bytes arrive as lone surrogates):
    it could be neither written to a tracker nor printed. Paths (`Path` values, `import`'s SOURCE) may
    hold any bytes the file system allows."""
    for name, value in params.items():
        if name in _PATH_PARAMS:
            continue
        for text in value if isinstance(value, list | tuple) else (value,):
            if isinstance(text, str) and _SURROGATE.search(text):
                shown = "--" + name.rstrip("_").replace("_", "-") if name not in _ARGUMENTS else name.upper()
                raise UsageError(f"{shown} is not valid UTF-8 text: {one_line(text)!s}",
                                 "give the text in UTF-8 (check the terminal's or the script's encoding)")


_PATH_PARAMS = frozenset({"source"})
_ARGUMENTS = frozenset({"id", "source", "theme_id"})
_SURROGATE = re.compile("[\ud800-\udfff]")


def handles_errors(func):
    """Turn HmicError into its message and exit code; let everything else surface as a bug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from hmic_cli.store import in_use

        in_use.forget()  # each command starts with no tracker read (a library caller may run many)
        try:
            not_utf8(kwargs)
            code = func(*args, **kwargs)
        except HmicError as exc:
            fail(exc)
            raise typer.Exit(exc.exit_code) from None
        if code:
            raise typer.Exit(code)

    return wrapper


def data_of(ctx: typer.Context, data: Path | None = None) -> Path | None:
    """The command's own --data, else the global one (which also reads HMIC_DATA)."""
    if data is not None:
        return data
    root = ctx.find_root()
    return root.obj.get("data") if root.obj else None


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", show_default=False, readable=False,
        help=f"Data file to use (default: ${defaults.DATA_ENV}, else the project file's, else the bundled dataset).")]
    = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """hmic: what is outstanding of HMIC recommendations, for people, boards and CI."""
    ctx.obj = {"data": data}


from hmic_cli.cli import read, write  # noqa: E402  (register the commands)

__all__ = ["app", "main", "read", "write"]


def _app_for(argv: list[str], environ) -> typer.Typer:
    """The app with only the command `argv` names, when it names one.

    Typer turns every command's signature into Click parameters at start-up (~1 ms a command);
    building just the invoked one keeps `hmic` within a few per cent of a bare Typer app. With no
    command, an unknown one, `--help` before the command, or shell completion at work, the whole app
    is used (so the root help lists every command).
    """
    if any(key.startswith("_HMIC_COMPLETE") for key in environ):
        return app
    args = iter(argv)
    for arg in args:
        if arg in ("--data", "-d"):
            next(args, None)
        elif arg in ("--help", "-h"):
            return app
        elif not arg.startswith("-"):
            matches = [c for c in app.registered_commands if (c.name or c.callback.__name__) == arg]
            if not matches:
                return app
            single = typer.Typer(name=app.info.name, help=app.info.help, no_args_is_help=True,
                                 pretty_exceptions_enable=False)
            single.registered_callback = app.registered_callback
            single.registered_commands = matches
            single.registered_groups = []
            return single
    return app


def main() -> None:
    """The `hmic` console script.

    The process's garbage-collector policy, the only one in hmic: the cyclic collector stays off
    for the life of this short process. The data hold no reference cycles, and after a large
    load each full pass would walk the whole dataset again: at 100,000 records, running with
    the collector on makes `list --format json` 1.20-1.26x as slow, `check --format json` and
    `summary --format json` 1.18-1.29x (pausing it only while validating leaves 1.18-1.20x;
    `gc.freeze()` after loading leaves `check` 1.18x). Library callers keep Python's defaults.

    It may fork: `check` and the write commands test for duplicate keys in a child process while
    this one validates (`jsontext.duplicate_keys`); the policy is set here, for this process only.

    It ends with `os._exit` once its output is flushed, skipping the interpreter's finalisation
    (tearing down pydantic, Typer and Rich module by module; the dataset itself is already freed
    when the command returns). Measured in interleaved runs: a normal exit makes `list` on the
    bundled data 1.18-1.20x as slow (0.43 s -> 0.51 s; figure A's budget is 1.05x a bare Typer
    app), 1.07-1.13x at 100,000 records and 1.04x at 1,000,000.
    """
    import gc
    import os

    gc.disable()
    from hmic_cli.jsontext import duplicate_keys

    duplicate_keys.FORK = hasattr(os, "fork") and sys.platform != "darwin"
    setup_streams()
    try:
        _app_for(sys.argv[1:], os.environ)(prog_name="hmic")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    code = _flushed(code)
    os._exit(code)


def _flushed(code: int) -> int:
    """Flush stdout and stderr before `os._exit`; output that cannot be written is exit 3 (141 for a
    reader gone), never a traceback or an "Exception ignored" at exit."""
    from hmic_cli.output import lost

    try:
        sys.stdout.flush()
    except OSError as exc:
        error = lost(exc)
        fail(error)
        code = error.exit_code
    try:
        sys.stderr.flush()
    except OSError:
        pass
    return code


def setup_streams() -> None:
    """Once, at start: a closed stdin, stdout or stderr (`>&-`) gets /dev/null on its descriptor (so
    no file hmic opens lands there); a closed stdout then refuses writes (exit 3), a closed stderr
    swallows them. A stdout that cannot encode every character (ASCII, cp1252) shows `?` instead of
    failing: formats for programs bypass it as UTF-8 bytes (`output.emit`). Whatever reaches stderr
    shows C1 and bidirectional controls escaped (`sanitize.InertStream`)."""
    import os

    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            devnull = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
            if name == "stdout":
                sys.stdout = _ClosedStdout()
            elif name == "stderr":
                sys.stderr = open(fd, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
            else:
                sys.stdin = open(fd, encoding="utf-8", errors="surrogateescape", closefd=False)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    from hmic_cli.sanitize import InertStream

    sys.stderr = InertStream(sys.stderr)  # Click's usage errors quote arguments; no raw bidi or C1 gets out
    from hmic_cli.output import is_utf8

    if not is_utf8(sys.stdout) and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")


class _ClosedStdout(io.TextIOBase):
    """What stdout is when the shell closed it: every write fails as the closed descriptor would."""

    encoding = "utf-8"

    def __init__(self) -> None:
        super().__init__()
        self.buffer = _ClosedBuffer()

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False

    def writable(self) -> bool:
        return True


class _ClosedBuffer(io.RawIOBase):
    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def writable(self) -> bool:
        return True
