"""Shared fixtures: a CliRunner with a pinned terminal, and writable copies of the bundled data."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import typer.testing
from typer.testing import CliRunner

from hmic_cli.cli import app
from hmic_cli.store.loading import bundled_path

# Rich reads these: a fixed width and no colour, whatever terminal (or none) runs the tests.
PINNED_ENV = {"COLUMNS": "120", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb", "HMIC_DATA": None,
              "FORCE_COLOR": None, "GITHUB_STEP_SUMMARY": None}
ROOT = Path(__file__).resolve().parents[1]
# The `hmic` console script, found once for every test that runs a real process: beside the
# interpreter running the tests (a venv's bin/, whether or not the venv is activated), then on PATH.
# Never a reason to skip: without it a test that runs it fails, naming the missing program.
HMIC = shutil.which("hmic", path=str(Path(sys.executable).parent)) or shutil.which("hmic") or "hmic"
SEED = ROOT.parent / "shared" / "seed" / "hmic-northamptonshire-child-protection-2014.txt"  # absent in a bare clone
# The Jenkins xUnit plugin's JUnit schema, vendored (MIT; provenance in its first comment) so that the
# JUnit tests need nothing beside the checkout.
JUNIT_XSD = Path(__file__).resolve().parent / "junit-10.xsd"


def _built_once(build):
    """Typer's CliRunner builds the whole click command tree from the app's functions on every
    `invoke` (about 80% of a small command's time in-process, measured with cProfile on the fuzz
    test). The tree is a pure function of the app's registered commands, so each app is built once
    per test process, and again only if commands are added to it."""
    built: dict = {}

    def get_command(typer_app):
        key = (id(typer_app), len(typer_app.registered_commands), len(typer_app.registered_groups))
        if key not in built:
            built[key] = (typer_app, build(typer_app))  # the app is kept, so its id stays its own
        return built[key][1]

    return get_command


typer.testing._get_command = _built_once(typer.testing._get_command)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env=PINNED_ENV)


@pytest.fixture
def invoke(runner):
    def run(*args: str, **kwargs):
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run


@pytest.fixture
def bundled() -> dict:
    return json.loads(bundled_path().read_text(encoding="utf-8"))


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the bundled dataset."""
    target = tmp_path / "recommendations.json"
    shutil.copyfile(bundled_path(), target)
    return target


@pytest.fixture
def write_data(tmp_path):
    """Write a document (dict, or raw text/bytes) to a file and return its path."""

    def write(document, name: str = "data.json") -> Path:
        target = tmp_path / name
        if isinstance(document, bytes):
            target.write_bytes(document)
        elif isinstance(document, str):
            target.write_text(document, encoding="utf-8")
        else:
            target.write_text(json.dumps(document, indent=2), encoding="utf-8")
        return target

    return write


def flat(text: str) -> str:
    """Text with Rich's panel borders and line wrapping removed, for matching messages."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


# The modules holding the longest tests (a browser's chain of pages, the SIGKILL loops, benchmarks/run.py,
# the 7,000-record files, pre-commit's real commits, hypothesis), run first, in this order, each whole (their
# module fixtures stay shared). pytest-xdist's worksteal hands each worker a contiguous share of the run
# and steals from the end of a share: a long test left near the end starts when the other worker has
# nothing left and holds the run up alone (measured on the quiet machine: the 6k SIGKILL test, last,
# stretched the run by ~12 s while one core idled).
RUN_FIRST = ("test_board_browser.py", "test_concurrency.py", "test_benchmark_smoke.py", "test_dupkeys.py",
             "test_ci_recipes.py", "test_fuzz.py", "test_boardpack.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: n for n, name in enumerate(RUN_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(RUN_FIRST)))  # stable: the rest as collected
