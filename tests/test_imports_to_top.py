"""tools/imports_to_top.py on a module written for the test: what it moves, what it keeps, and that a
second run changes nothing."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("imports_to_top", ROOT / "tools" / "imports_to_top.py")
tool = importlib.util.module_from_spec(spec)
sys.modules.setdefault("imports_to_top", tool)  # its dataclasses look their module up
spec.loader.exec_module(tool)

BEFORE = '''"""A sample."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hmic_cli import query

if TYPE_CHECKING:
    from hmic_cli.models import Dataset


def first(dataset: Dataset):
    from hmic_cli.models import (
        Dataset,
        Report as R,
    )

    return Dataset, R, query


def second():
    """Its docstring."""
    # lazy: hmic_cli.plans adds 9.1 ms to `hmic list` start-up (python -X importtime)
    from hmic_cli.plans import edit

    return edit


def third():
    from hmic_cli.render import html

    return html


def clash():
    from hmic_cli.structure import first

    return first
'''

AFTER = '''"""A sample."""

from __future__ import annotations

from hmic_cli import query
from hmic_cli.models import Dataset
from hmic_cli.models import Report as R
from hmic_cli.plans import edit


def first(dataset: Dataset):
    return Dataset, R, query


def second():
    """Its docstring."""
    return edit


def third():
    # lazy: hmic_cli.render.html adds 42.0 ms to `hmic list` start-up (python -X importtime)
    from hmic_cli.render import html

    return html


def clash():
    from hmic_cli.structure import first

    return first
'''

KNOWN = {name: Path("x.py") for name in ("hmic_cli", "hmic_cli.query", "hmic_cli.models", "hmic_cli.plans",
                                         "hmic_cli.render", "hmic_cli.render.html", "hmic_cli.structure",
                                         "hmic_cli.sample")}
# `hmic list` imports the sample and what it needs, but not the HTML renderer; it imports hmic_cli.plans now
# (another module moved it to its top), so `second`'s import, lazy with an old figure, moves and its figure goes
SETS = {"hmic list": {"hmic_cli", "hmic_cli.sample", "hmic_cli.query", "hmic_cli.models", "hmic_cli.plans",
                      "hmic_cli.render", "hmic_cli.structure"}}
COSTS = {"hmic_cli.render.html | hmic list": 42.0}


def rewritten(tmp_path: Path, text: str) -> tuple[str | None, list]:
    """The module as the tool leaves it, after ruff's import order (as the tool runs it); None if unchanged."""
    path = tmp_path / "sample.py"
    path.write_text(text, encoding="utf-8")
    module = tool.read("hmic_cli.sample", path)
    decisions = tool.decide(module, KNOWN, SETS, dict(COSTS), remeasure=False)
    new = tool.rewrite(module, decisions)
    if new is None:
        return None, decisions
    path.write_text(new, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "check", "--quiet", "--config", str(ROOT / "pyproject.toml"),
                    "--select", "I", "--fix", str(path)], check=False)
    return path.read_text(encoding="utf-8"), decisions


def test_moves_merges_and_keeps_what_start_up_would_pay_for(tmp_path):
    text, decisions = rewritten(tmp_path, BEFORE)
    ast.parse(text)
    assert text == AFTER
    clashes = [d.why for d in decisions if not d.move and not d.why.startswith("# lazy:")]
    assert clashes == ["'first' is bound otherwise at module level or in the function: move "
                       "`from hmic_cli.structure import first` by hand"]


def test_a_second_run_changes_nothing(tmp_path):
    text, _ = rewritten(tmp_path, BEFORE)
    again, decisions = rewritten(tmp_path, text)
    assert again is None and not any(d.move for d in decisions)
