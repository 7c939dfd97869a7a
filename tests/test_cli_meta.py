"""Every command documents itself, and the README's usage stays true."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess

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
        if any(a in ("update", "init") for a in args[:1]) or {"--data", "-d", "--into"} & set(args):
            continue  # these need a file of the reader's own (the walk-through is run by the next test)
        result = invoke(*args)
        assert result.exit_code == (1 if args[0] == "check" else 0), (line, result.stderr)  # bundled items: overdue


def test_readme_walkthrough_is_real_output(tmp_path):
    """The README's walk-through, run as written in a fresh folder: every command exits as shown and
    every line of output it shows (other than `...` elisions) is what hmic prints."""
    from tests.conftest import SEED

    if not SEED.exists():
        pytest.skip("shared/seed is not beside the checkout")
    from tests.conftest import HMIC as hmic
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### From a new report to a tracker in CI", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    shutil.copy(SEED, tmp_path / "report.txt")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GITHUB_"))}
    env.update(COLUMNS="100", NO_COLOR="1", TERM="dumb")
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    ran = 0
    last_code = None
    for command, shown in steps:
        if command == "echo $?":
            assert shown == [str(last_code)], (command, shown)
            continue
        result = subprocess.run([hmic, *shlex.split(command)[1:]], cwd=tmp_path, env=env,
                                capture_output=True, text=True, encoding="utf-8")
        last_code = result.returncode
        assert result.returncode == (1 if " check " in f" {command} " else 0), (command, result.stderr)
        printed = (result.stdout + result.stderr).replace(str(tmp_path), "/tmp/walk").splitlines()
        for line in shown:
            if line.strip() and not line.lstrip().startswith("..."):
                assert line in printed, (command, line)
        ran += 1
    assert ran >= 10
    assert (tmp_path / "board.html").stat().st_size > 1000


def test_the_console_script_builds_only_the_invoked_command():
    from hmic_cli.cli import _app_for

    def names(built):
        return [c.name or c.callback.__name__ for c in built.registered_commands]

    assert names(_app_for(["--data", "x.json", "list", "--due", "six-months"], {})) == ["list"]
    assert names(_app_for(["-d", "check", "check"], {})) == ["check"]  # a file named like a command
    assert _app_for(["--help"], {}) is app
    assert _app_for(["lst"], {}) is app  # unknown: the whole app says "did you mean"
    assert _app_for(["list"], {"_HMIC_COMPLETE": "complete_bash"}) is app
