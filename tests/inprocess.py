"""`hmic ARGS` run inside the test process, for tests whose point is what a command does rather than
the process around it (signals, stream encodings, closed streams, file-size limits and the console
script keep real processes).

A real `hmic` costs about 0.5 s of CPU to start (Python, pydantic, Typer, Rich and building the
models); the suite started about 300 of them. Run in-process through Typer's `CliRunner`, a command
costs a few milliseconds. The result is a `subprocess.CompletedProcess` with bytes, as a real run's,
so a test reads it the same way either way.
"""

from __future__ import annotations

import contextlib
import os
import subprocess

from typer.testing import CliRunner

from hmic_cli.cli import app
from hmic_cli.cli.streams import setup_streams


class _StreamsSetUp(CliRunner):
    """A runner whose standard streams, once in place, are set up by the console script's own
    `setup_streams` (an encoding that cannot show every character shows `?`; stderr made inert)."""

    @contextlib.contextmanager
    def isolation(self, *args, **kwargs):
        with super().isolation(*args, **kwargs) as streams:
            setup_streams()
            yield streams


_RUNNER = CliRunner()


def run(args, env: dict[str, str], encoding: str | None = None, cwd=None, text: bool = False
        ) -> subprocess.CompletedProcess:
    """Run `hmic ARGS` in this process with exactly the environment `env` (every other variable of
    this process unset while it runs), as `subprocess.run([hmic, *args], env=env)` would. An
    exception escaping a command fails the test (a real process would print a traceback).

    With `encoding`, stdout and stderr are text streams in that encoding, set up as `hmic`'s `main`
    sets up its own (`setup_streams`), as under `PYTHONIOENCODING=<encoding>`. `cwd` is the working
    folder while it runs; `text` gives stdout and stderr as text, as `subprocess.run(text=True)`."""
    args = [str(a) for a in args]
    environment = {key: None for key in os.environ if key not in env} | dict(env)
    runner = _StreamsSetUp(charset=encoding) if encoding else _RUNNER
    here = os.getcwd()
    os.chdir(cwd or here)
    try:
        result = runner.invoke(app, args, env=environment, catch_exceptions=False)
    finally:
        os.chdir(here)
    if text:
        return subprocess.CompletedProcess(["hmic", *args], result.exit_code, result.stdout, result.stderr)
    return subprocess.CompletedProcess(["hmic", *args], result.exit_code, result.stdout_bytes, result.stderr_bytes)
