"""Broken and hostile data files: a clear message and exit 3, never a traceback; data text stays inert."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import flat

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = json.loads((CORPUS / "expected.json").read_text())
CASES = [(name, command) for name, case in EXPECTED.items() for command in case["commands"]]


@pytest.mark.parametrize(("name", "command"), CASES)
def test_corpus(runner, name, command):
    from hmic_cli.cli import app

    case = EXPECTED[name]
    args = ["validate", str(CORPUS / name)] if command == "validate" else ["--data", str(CORPUS / name), command]
    if command == "check":
        args.append("--as-of=2014-01-01")
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == case["exit"], (result.stdout, result.stderr)
    assert "Traceback" not in result.output
    where = result.stdout if command == "validate" else result.stderr
    assert case["fragment"] in where
    if case["exit"] == 3 and command != "validate":
        assert result.stdout == ""


def test_every_problem_class_is_in_the_corpus():
    wanted = {"empty", "latin1", "utf16", "bom-accepted", "truncated", "trailing-garbage", "duplicate-keys",
              "wrong-type", "unknown-field", "unknown-report", "unknown-theme", "duplicate-id", "impossible-date",
              "deeply-nested", "merge-conflict"}
    assert wanted <= {Path(n).stem for n in EXPECTED}
    assert {p.name for p in CORPUS.glob("*.json")} - {"expected.json"} == set(EXPECTED)


def test_unreadable_file(invoke, tmp_path, monkeypatch):
    path = tmp_path / "locked.json"
    path.write_text("{}")

    from hmic_cli.store import loading

    def denied(path, limit):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(loading, "read_bounded", denied)  # root ignores chmod 000 (see test_hardening)
    result = invoke("--data", path, "list")
    assert result.exit_code == 3
    assert "permission denied" in result.stderr and "check the file's permissions" in result.stderr


def test_a_file_over_the_size_bound_is_refused(invoke, monkeypatch):
    from hmic_cli.store import loading

    monkeypatch.setattr(loading, "MAX_BYTES", 100)
    result = invoke("--data", CORPUS / "valid.json", "list")
    assert result.exit_code == 3
    assert "hmic reads at most 100" in result.stderr


# --- text from the data file is inert -------------------------------------------------------

MARKUP = "[bold red]LOUD[/bold red] [link=https://evil.example]click[/link]"
ESCAPES = "\x1b[31mRED\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202eevil\x07"
FORMULA = "=HYPERLINK(\"https://evil.example\",\"x\")"


@pytest.fixture
def hostile(bundled, write_data) -> Path:
    rec = bundled["recommendations"][0]
    rec["text"] = f"{MARKUP} {ESCAPES}"
    rec["owner"] = FORMULA
    rec["history"][0]["note"] = "@SUM(A1:A2) " + MARKUP
    rec["history"][0]["evidence"] = ESCAPES
    bundled["themes"][0]["label"] = MARKUP + "\x1b[2J"
    bundled["recommendations"][1]["text"] = "-2+3"
    bundled["recommendations"][2]["text"] = "\tTabbed"
    return write_data(bundled)


def assert_inert(out: str) -> None:
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_list_formats_keep_markup_literal_and_escapes_out(invoke, hostile, fmt):
    out = invoke("--data", hostile, "list", "--format", fmt, "--sort", "id").stdout
    assert_inert(out)
    if fmt == "table":
        text = flat(out)
        assert "[bold red]LOUD[/bold red]" in text and "[link=https://evil.example]click[/link]" in text
        assert "\\x1b[31mRED\\x1b[0m" in text and "\\u202eevil\\x07" in text
    elif fmt == "markdown":
        row = out.splitlines()[2]
        # markup escaped for Markdown; the shown-escaped controls keep their backslash (`\\` in the source)
        assert ("\\[bold red\\]LOUD\\[/bold red\\] \\[link=https://evil.example\\]click\\[/link\\] "
                "\\\\x1b\\[31mRED\\\\x1b\\[0m \\\\x1b\\]8;;https://evil.example\\\\x07link"
                "\\\\x1b\\]8;;\\\\x07 \\\\u202eevil\\\\x07 |") in row
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[0]["text"] == f"{MARKUP} \\x1b[31mRED\\x1b[0m \\x1b]8;;https://evil.example\\x07link" \
                                  "\\x1b]8;;\\x07 \\u202eevil\\x07"
    else:
        doc = json.loads(out)
        assert doc["recommendations"][0]["text"] == f"{MARKUP} {ESCAPES}"  # faithful
        assert "\\u001b[31mRED" in out


def test_csv_neutralises_formulas_but_keeps_numbers(invoke, hostile):
    out = invoke("--data", hostile, "list", "--format", "csv", "--sort", "id", "--as-of", "2014-02-01").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["owner"] == "'" + FORMULA
    assert rows[1]["text"] == "'-2+3"
    assert rows[2]["text"] == "'\tTabbed"
    assert rows[0]["days_left"] == "-4"  # a plain negative number stays a number
    assert out.splitlines()[1].split(",")[6] == "-4"


def test_show_and_check_keep_data_inert(invoke, hostile):
    show = invoke("--data", hostile, "show", "NCP-1").stdout
    assert_inert(show)
    assert "[bold red]LOUD[/bold red]" in flat(show) and "@SUM(A1:A2)" in flat(show)
    for fmt in ("text", "json", "junit", "github", "markdown"):
        out = invoke("--data", hostile, "check", "--as-of", "2014-03-01", "--format", fmt).stdout
        assert_inert(out)


def test_error_messages_quoting_data_are_inert(invoke, bundled, write_data):
    bundled["recommendations"][0]["report"] = "evil\x1b[2J"
    bundled["recommendations"][1]["themes"] = ["\x1b]0;title\x07"]
    result = invoke("--data", write_data(bundled), "list")
    assert result.exit_code == 3
    assert_inert(result.stderr)
    assert "unknown report id 'evil\\x1b[2J'" in result.stderr
    unknown = invoke("show", "NCP-\x1b[2J")
    assert unknown.exit_code == 2 and "\x1b" not in unknown.stderr
