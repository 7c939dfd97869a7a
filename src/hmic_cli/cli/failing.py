"""How a command fails: a user's error becomes one message on stderr (what, where, what to do) and its
exit code, never a traceback; text arguments that are not UTF-8 are refused before anything runs."""

from __future__ import annotations

import functools
import re

import typer

from hmic_cli.errors import DataError, HmicError, UsageError
from hmic_cli.messages import note
from hmic_cli.sanitize import one_line
from hmic_cli.store import in_use


def fail(exc: HmicError) -> None:
    """Report a user-caused error on stderr: what, where, what to do. No traceback."""
    # lazy: hmic_cli.render.text adds 0.3 ms to `hmic check --format sarif` start-up (python -X importtime)
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
