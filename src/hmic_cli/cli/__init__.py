"""The command line: parses arguments into requests for `commands`, and turns errors into exit codes.

`app` holds the Typer app and its root options; `failing` how errors become messages and exit codes;
`options` the options commands share (declared once) and their parsing; `read` the commands that only
read a tracker, `write` those that change one; `streams` the standard streams. `main` is the console
script.
"""

from __future__ import annotations

import sys

import typer

# isort: off
from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import fail, handles_errors
from hmic_cli.cli import read, write  # register the commands (they use the names above)
from hmic_cli.cli import between  # the commands between meetings, listed after those
from hmic_cli.cli import cycle  # the inspectorate's cycle
from hmic_cli.cli import links  # supersede
# isort: on
from hmic_cli.cli.streams import flushed, setup_streams
from hmic_cli.jsontext import duplicate_keys

__all__ = ["app", "between", "cycle", "data_of", "fail", "handles_errors", "links", "main", "read", "write"]


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
    duplicate_keys.FORK = hasattr(os, "fork") and sys.platform != "darwin"
    setup_streams()
    try:
        _app_for(sys.argv[1:], os.environ)(prog_name="hmic")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    code = flushed(code)
    os._exit(code)
