"""The command line: parses arguments into requests for `commands`, and turns errors into exit codes.

`read` holds the commands that only read a tracker, `write` those that change one; `options` the
options they share. `main` is the console script.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import __version__, defaults
from hmic_cli.errors import DataError, HmicError
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
    from hmic_cli.render.text import error_lines

    if not isinstance(exc, DataError):
        sys.stderr.write(f"hmic: error: {one_line(exc.message)}\n")
    elif len(exc.problems) == 1:
        sys.stderr.write(f"hmic: error: {error_lines(exc.file, exc.problems)[0]}\n")
    else:
        lines = error_lines(exc.file, exc.problems)
        head = f"hmic: error: {len(exc.problems)} problems in {one_line(exc.file)}:"
        sys.stderr.write("\n".join([head, *("  " + line for line in lines)]) + "\n")
    if exc.hint:
        sys.stderr.write(f"hint: {one_line(exc.hint)}\n")


def handles_errors(func):
    """Turn HmicError into its message and exit code; let everything else surface as a bug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
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
        "--data", "-d", envvar=defaults.DATA_ENV, show_default=False,
        help="Data file to use (default: the bundled dataset).")] = None,
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

    It ends with `os._exit` once its output is flushed, skipping the interpreter's finalisation
    (tearing down pydantic, Typer and Rich module by module; the dataset itself is already freed
    when the command returns). Measured in interleaved runs: a normal exit makes `list` on the
    bundled data 1.18-1.20x as slow (0.43 s -> 0.51 s; figure A's budget is 1.05x a bare Typer
    app), 1.07-1.13x at 100,000 records and 1.04x at 1,000,000.
    """
    import gc
    import os

    gc.disable()
    try:
        _app_for(sys.argv[1:], os.environ)(prog_name="hmic")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    except BrokenPipeError:
        code = 0  # the reader went away (e.g. `| head`): it has all it wanted
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.stderr.flush()
    os._exit(code)
