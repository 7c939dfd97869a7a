"""Where results go: stdout, or the file given by --output, rendered by the format the registry names."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from hmic_cli import formats
from hmic_cli.errors import UsageError


def emit(command: str, name: str, result: Any, output: Path | None = None) -> None:
    """Render `result` in format `name` of `command` to `output`, or to stdout."""
    fmt = formats.get(command, name)
    render = fmt.renderer()
    if output is None:
        if fmt.binary:
            if sys.stdout.isatty():
                raise UsageError(f"--format {name} writes a binary file, not text for a terminal",
                                 f"give --output FILE, e.g. --output board.{name}")
            render(result, sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            render(result, sys.stdout)
        return
    from hmic_cli.saving import write_output

    if fmt.binary:
        buffer: Any = io.BytesIO()
        render(result, buffer)
        data = buffer.getvalue()
    else:
        buffer = io.StringIO()
        render(result, buffer)
        data = buffer.getvalue().encode("utf-8")
    write_output(output, data)


def note(message: str) -> None:
    """A message for the user, on stderr."""
    sys.stderr.write(message + "\n")
