"""The documentation stays true: the generated command reference is current, every command and option
is documented, every link resolves, and the examples and walk-throughs run as written."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from hmic_cli.cli import app
from tests.conftest import ROOT, SEED

DOCS = ROOT / "docs"
README = ROOT / "README.md"
REFERENCE = DOCS / "reference" / "commands.md"
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)


def _generator():
    spec = importlib.util.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_reference = _generator()


def written_pages() -> dict[Path, str]:
    """README.md and every hand-written page of the site (the generated reference left out)."""
    pages = {README: README.read_text(encoding="utf-8")}
    for page in sorted(DOCS.rglob("*.md")):
        if page != REFERENCE:
            pages[page] = page.read_text(encoding="utf-8")
    return pages


def command_tree() -> list[tuple[str, list[str]]]:
    """Every command and subcommand ("hmic report add"), with the --long names of its options."""
    tree = []
    for path, command in gen_reference.commands(typer.main.get_command(app)):
        names = [name for param in command.params for name in (*param.opts, *param.secondary_opts)
                 if name.startswith("--") and name != "--help"]
        tree.append((" ".join(path), names))
    return tree


def mentions(text: str, word: str) -> bool:
    return re.search(re.escape(word) + r"(?![\w-])", text) is not None


# --- The generated reference -----------------------------------------------------------------------


def test_the_command_reference_is_what_the_app_generates_now():
    committed = REFERENCE.read_text(encoding="utf-8")
    stale = "docs/reference/commands.md is stale: run python docs/gen_reference.py"
    assert committed == gen_reference.generate(), stale


def test_the_reference_has_every_command_and_option_at_a_pinned_width():
    text = REFERENCE.read_text(encoding="utf-8")
    tree = command_tree()
    assert len(tree) > 20
    for command, options in tree:
        section = text.split(f"\n## `{command}`\n", 1)[1].split("\n## `", 1)[0]
        for option in options:
            assert mentions(section, option), (command, option)
    widths = {len(line) for line in text.splitlines() if line.startswith(("│", "╭", "╰"))}
    assert widths == {gen_reference.WIDTH}, widths
    assert "\x1b[" not in text


# --- Every command and option documented in words ---------------------------------------------------


def test_every_command_and_option_appears_in_the_written_docs():
    """Besides the generated reference: a page a person wrote names each command and each option."""
    text = "\n".join(written_pages().values())
    missing = [command for command, _ in command_tree() if command != "hmic" and not mentions(text, command)]
    missing += [f"{command} {option}" for command, options in command_tree() for option in options
                if not mentions(text, option)]
    assert not missing, f"not in README.md or docs/ (outside the generated reference): {missing}"


# --- Links ------------------------------------------------------------------------------------------


def slug(heading: str) -> str:
    """The anchor MkDocs (Python-Markdown's toc) and GitHub give a heading."""
    text = re.sub(r"[`*]", "", heading).strip().lower()
    return re.sub(r"[\s]+", "-", re.sub(r"[^\w\s-]", "", text))


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    return {slug(heading) for heading in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def test_every_link_of_the_readme_resolves():
    """The site's links are checked by `mkdocs build --strict`; README.md's here (GitHub shows it)."""
    text = FENCE.sub("", README.read_text(encoding="utf-8"))
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    assert len(links) >= 8
    for link in links:
        if link.startswith(("http://", "https://")):
            continue
        path, _, fragment = link.partition("#")
        target = (ROOT / path) if path else README
        assert target.is_file(), link
        if fragment:
            assert fragment in anchors(target), link


# --- Examples and walk-throughs -------------------------------------------------------------------


WRITERS = {"init", "import", "add", "edit", "update", "waive", "sign-off", "migrate", "merge", "theme"}


def example_lines() -> list[tuple[str, str]]:
    return [(page.name, line) for page, text in written_pages().items()
            for line in re.findall(r"^\$ hmic (.+)$", text, flags=re.MULTILINE)]


def test_every_example_runs(invoke, tmp_path, monkeypatch):
    """Every `$ hmic ...` line of README.md and the pages parses and runs, with the exit code it
    documents: 0, or for `check` 1 exactly when its verdict is FAIL."""
    lines = example_lines()
    assert len(lines) >= 20
    monkeypatch.chdir(tmp_path)  # what they write (`--output board.html`) goes here
    for page, line in lines:
        args = shlex.split(line.split(" | ")[0].split(" > ")[0])
        if args[0] in WRITERS or args[:2] == ["report", "add"] or {"--data", "-d", "--into"} & set(args):
            continue  # these need a file of the reader's own (the walk-throughs run them)
        result = invoke(*args)
        expected = 0
        if args[0] == "check":
            verdict = re.search(r"^(PASS|FAIL):", result.stdout + result.stderr, flags=re.M)
            assert verdict, (page, line)
            expected = 1 if verdict.group(1) == "FAIL" else 0
        assert result.exit_code == expected, (page, line, result.stderr)


def walk_through(block: str, folder: Path, monkeypatch) -> int:
    """Run a walk-through as written, in `folder` and in this process (the app's Click tree, as the
    `hmic` script runs it, at 100 columns without colour): every command exits with the code shown by
    the `echo $?` after it (else 0), and every line it shows (other than `...` elisions) is printed."""
    env = {key: None for key in os.environ if key.startswith(("HMIC_", "GITHUB_"))}
    runner = CliRunner(env=env | {"COLUMNS": "100", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb",
                                  "FORCE_COLOR": None})
    monkeypatch.chdir(folder)
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    ran = 0
    for number, (command, shown) in enumerate(steps):
        if command == "echo $?":
            continue
        after = steps[number + 1] if number + 1 < len(steps) else ("", [])
        expected = int(after[1][0]) if after[0] == "echo $?" else 0
        assert command.startswith("hmic "), command
        result = runner.invoke(app, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == expected, (command, result.stderr)
        printed = (result.stdout + result.stderr).replace(str(folder), "/tmp/walk").splitlines()
        for line in shown:
            if line.strip() and not line.lstrip().startswith("..."):
                assert line in printed, (command, line)
        ran += 1
    return ran


def text_block_after(text: str, heading: str) -> str:
    return text.split(heading, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]


def test_the_five_minute_walk_through_is_real_output(tmp_path, monkeypatch):
    """README.md's walk-through and the one in Getting started are the same, and run as written."""
    readme = text_block_after(README.read_text(encoding="utf-8"), "## A five-minute walk-through")
    page = text_block_after((DOCS / "getting-started.md").read_text(encoding="utf-8"), "## A five-minute walk-through")
    assert readme == page
    assert walk_through(readme, tmp_path, monkeypatch) >= 7
    assert (tmp_path / "board.html").stat().st_size > 1000


def test_the_walk_through_from_a_report_is_real_output(tmp_path, monkeypatch):
    if not SEED.exists():
        pytest.skip("shared/seed is not beside the checkout")
    block = text_block_after((DOCS / "getting-started.md").read_text(encoding="utf-8"),
                             "## From a new report to a tracker in CI")
    shutil.copy(SEED, tmp_path / "report.txt")
    assert walk_through(block, tmp_path, monkeypatch) >= 10
    assert (tmp_path / "board.html").stat().st_size > 1000
