"""The installed `hmic` as a real process, from a folder that is not the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hmic_cli.store.loading import bundled_path
from tests.conftest import HMIC


def run(*args, cwd, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "FORCE_COLOR"))}
    full_env |= {"COLUMNS": "100", "NO_COLOR": "1"} | (env or {})
    return subprocess.run([HMIC, *map(str, args)], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=60)


def test_installed_hmic_finds_its_bundled_data_from_any_folder(tmp_path):
    result = run("list", "--due", "six-months", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert [r["id"] for r in json.loads(result.stdout)["recommendations"]] == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]


def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "hmic_cli", "--version"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("hmic ")


def test_piped_table_has_no_colour_codes_and_fits_columns(tmp_path):
    result = run("list", cwd=tmp_path, env={"NO_COLOR": ""})
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert max(map(len, result.stdout.splitlines())) <= 100


def test_broken_file_exit_3_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "reports": [')
    result = run("--data", bad, "list", cwd=tmp_path)
    assert result.returncode == 3
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("args", "code"), [
    (["check", "--as-of", "2014-01-27"], 0),
    (["check", "--as-of", "2014-02-28"], 1),
    (["check", "--fail-on", "sometimes"], 2),
    (["--data", "missing.json", "check"], 3),
])
def test_check_exit_codes_in_a_real_process(tmp_path, args, code):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


WRITE_PATH = {"filelock", "hmic_cli.plans", "hmic_cli.store.transaction", "hmic_cli.store.atomic",
              "hmic_cli.jsontext.splice"}


READ_COMMANDS = [["list"], ["show", "NCP-6"], ["check"], ["summary"], ["log"], ["validate"],
                 ["check", "--format", "sarif"], ["diff", "{bundled}", "{bundled}"], ["remind"]]

# One new interpreter imports what `python -m hmic_cli` imports before it runs a command (its __main__
# is `from hmic_cli.cli import main; main()`), then forks a child per command: each child runs main()
# and, as main() ends the process, answers its exit code and every module it holds. A child holds
# exactly what a new `python -m hmic_cli ARGS` process would (nothing else was imported before the
# fork); one interpreter's start-up instead of nine (~0.45 s of CPU each).
FORKING_STARTER = r"""
import json, os, sys
from hmic_cli.cli import main

answers = []
for args in json.loads(sys.argv[1]):
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        real_exit = os._exit

        def answer(code):
            os.write(write, json.dumps([code, sorted(sys.modules)]).encode())
            real_exit(code)

        os._exit = answer
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        sys.argv = ["hmic", *args]
        main()
        real_exit(70)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read()
    os.waitpid(pid, 0)
    answers.append(json.loads(said) if said else [None, []])
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def read_commands_started(tmp_path_factory) -> dict[tuple[str, ...], tuple[int, set[str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GITHUB_"))}
    commands = [[str(bundled_path()) if a == "{bundled}" else a for a in args] for args in READ_COMMANDS]
    done = subprocess.run([sys.executable, "-c", FORKING_STARTER, json.dumps(commands)],
                          cwd=tmp_path_factory.mktemp("started"), env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    return {tuple(args): (code, set(modules)) for args, (code, modules) in zip(READ_COMMANDS, answers, strict=True)}


@pytest.mark.parametrize("args", READ_COMMANDS)
def test_read_commands_import_nothing_of_the_write_path(read_commands_started, args):
    """ARCHITECTURE.md's speed rule: a read command's process never imports the write path."""
    code, imported = read_commands_started[tuple(args)]
    assert code == (1 if args[0] == "check" else 0)  # the bundled items are overdue
    assert {"hmic_cli.commands.read", "hmic_cli.commands.between"} & imported
    assert not imported & WRITE_PATH, sorted(imported & WRITE_PATH)
