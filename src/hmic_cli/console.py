"""The `hmic` console script's first step: Ctrl-C at any moment (while Python loads hmic, while a command
runs, while it writes) ends with one line on stderr and exit 130, the tracker as it was before or after
the change (every write is an atomic replace whose clean-up runs as the interrupt unwinds).

The interrupt is raised as `Interrupted`, which is not a KeyboardInterrupt, so Click does not turn it
into "Aborted!" and exit 1, and no `except Exception` on the way swallows it. Only this module is loaded
before the handler is in place."""

# No `from __future__` and no `signal`: each costs start-up time before the handler is in place, and a Ctrl-C
# in that time shows Python's own traceback. `signal` imports `enum` (about 8 ms, python -X importtime);
# `_signal`, the C module under it, is built in. Under load a Ctrl-C landed in the __future__ import.
import _signal
import os
import sys

from hmic_cli.cli import main as run

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


class Interrupted(BaseException):
    """Ctrl-C (SIGINT)."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main() -> None:
    _signal.signal(_signal.SIGINT, _interrupt)
    try:
        run()
    except Interrupted:
        _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # a second Ctrl-C does not interrupt the goodbye
        try:
            sys.stderr.write("hmic: interrupted\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
        os._exit(EXIT_INTERRUPTED)
