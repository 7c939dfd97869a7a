"""Every command documents itself (the documentation's examples and walk-throughs: tests/test_docs.py)."""

from __future__ import annotations

import functools

import pytest
import typer

from hmic_cli import __version__
from hmic_cli.cli import app

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@functools.cache
def click_commands() -> dict:
    """The app's Click commands, built once (building the whole tree costs about 0.15 s)."""
    return typer.main.get_command(app).commands


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"hmic {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    info = click_commands()[command]
    assert info.help and len(info.help.strip()) > 10


def test_the_console_script_builds_only_the_invoked_command():
    from hmic_cli.cli import _app_for

    def names(built):
        return [c.name or c.callback.__name__ for c in built.registered_commands]

    assert names(_app_for(["--data", "x.json", "list", "--due", "six-months"], {})) == ["list"]
    assert names(_app_for(["-d", "check", "check"], {})) == ["check"]  # a file named like a command
    assert _app_for(["--help"], {}) is app
    assert _app_for(["lst"], {}) is app  # unknown: the whole app says "did you mean"
    assert _app_for(["list"], {"_HMIC_COMPLETE": "complete_bash"}) is app
