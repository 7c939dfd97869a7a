"""Every command documents itself, and the README's usage stays true."""

from __future__ import annotations

import re
import shlex

import pytest
import typer

from hmic_cli import __version__
from hmic_cli.cli import app
from tests.conftest import ROOT

COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"hmic {__version__}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    info = typer.main.get_command(app).commands[command]
    assert info.help and len(info.help.strip()) > 10


def test_readme_commands_run(invoke):
    """Every `hmic ...` line in the README's usage examples parses and runs without a usage error."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^\$ hmic (.+)$", readme, flags=re.MULTILINE)
    assert len(lines) >= 5
    for line in lines:
        args = shlex.split(line.split(" | ")[0].split(" > ")[0])
        if any(a in ("update", "init") for a in args[:1]) or "--data" in args or "-d" in args:
            continue  # these need a file of the reader's own
        result = invoke(*args)
        assert result.exit_code in (0, 1), (line, result.stderr)


def test_the_console_script_builds_only_the_invoked_command():
    from hmic_cli.cli import _app_for

    def names(built):
        return [c.name or c.callback.__name__ for c in built.registered_commands]

    assert names(_app_for(["--data", "x.json", "list", "--due", "six-months"], {})) == ["list"]
    assert names(_app_for(["-d", "check", "check"], {})) == ["check"]  # a file named like a command
    assert _app_for(["--help"], {}) is app
    assert _app_for(["lst"], {}) is app  # unknown: the whole app says "did you mean"
    assert _app_for(["list"], {"_HMIC_COMPLETE": "complete_bash"}) is app
