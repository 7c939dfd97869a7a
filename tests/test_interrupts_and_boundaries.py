"""Issue 34: no traceback at the edges. A tracker at REV that is not valid (exit 3 naming the revision);
`check --format github|junit|sarif` on a tracker that cannot be read (its one error in that format, at
the file and line); a line break in a name or address reaching an e-mail header (that one reminder
skipped); Ctrl-C (one line, exit 130, the tracker as it was)."""

from __future__ import annotations

import email
import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import JUNIT_XSD
from tests.gitrepo import HMIC, Repo, item, needs_git, tracker

BROKEN = '{\n  "schema_version": 2,\n  "reports": [],\n  "themes": [],\n  "recommendations": [ 5 ]\n}\n'


@needs_git
def test_check_against_a_revision_whose_tracker_is_not_valid_is_exit_3_naming_it(tmp_path):
    repo = Repo(tmp_path)
    document = tracker(item("C1", due="2030-01-01"))
    document["recommendations"].append(5)
    repo.write(document)
    repo.commit("Broken", "2024-03-01")
    document["recommendations"].pop()
    repo.write(document)
    result = repo.hmic("check", "--against", "HEAD", "--data", repo.tracker)
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert "tracker.json at HEAD" in result.stderr and "recommendations[1]" in result.stderr


@pytest.mark.parametrize("fmt", ["github", "junit", "sarif"])
def test_check_on_an_unreadable_tracker_writes_its_one_error_in_the_format(invoke, tmp_path, fmt):
    path = tmp_path / "tracker.json"
    path.write_text(BROKEN, encoding="utf-8")
    result = invoke("--data", path, "check", "--format", fmt)
    assert result.exit_code == 3 and "Input should be an object" in result.stderr
    out = result.stdout
    if fmt == "github":
        [line] = out.splitlines()
        pattern = r"::error file=[^,]*tracker\.json,line=5,col=\d+,title=[^:]+::.*Input should be an object.*"
        assert re.fullmatch(pattern, line)
    elif fmt == "junit":
        document = etree.fromstring(out.encode())
        etree.XMLSchema(etree.parse(str(JUNIT_XSD))).assertValid(document)
        assert "Input should be an object" in document.find(".//error").get("message")
    else:
        run = json.loads(out)["runs"][0]
        [found] = run["results"]
        assert found["level"] == "error" and found["locations"][0]["physicalLocation"]["region"]["startLine"] == 5


@pytest.fixture
def owners(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    document = tracker(item("R1", due="2024-01-31", owner="DI Patel"),
                       item("R2", due="2024-01-31", owner="DS Green\r\nBcc: everyone@example.org"),
                       item("R3", due="2024-01-31", owner="Supt Rowe"))
    (tmp_path / "tracker.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "hmic.toml").write_text(
        'data = "tracker.json"\nescalate_after = 1\nescalate_to = "chief@example.org\\nBcc: x@example.org"\n\n'
        '[owners]\n"DI Patel" = "patel@example.org"\n"DS Green\\r\\nBcc: everyone@example.org" = "green@example.org"\n'
        '"Supt Rowe" = "rowe@example.org\\r\\nBcc: all@example.org"\n', encoding="utf-8")
    return tmp_path


def test_a_line_break_in_a_name_or_address_skips_that_reminder_only(invoke, owners):
    result = invoke("remind", "--as-of", "2024-03-01", "--format", "eml", "--output-dir", owners / "out")
    assert result.exit_code == 0, result.stderr
    [written] = sorted((owners / "out").iterdir())
    message = email.message_from_bytes(written.read_bytes())
    assert message["To"] == "DI Patel <patel@example.org>" and message["Cc"] is None and "Bcc" not in message
    said = result.stderr
    assert "DS Green" in said and "Supt Rowe" in said and "skipped" in said and "escalation copy" in said


def test_a_line_break_in_from_is_a_usage_error(invoke, owners):
    result = invoke("remind", "--as-of", "2024-03-01", "--format", "eml", "--output-dir", owners / "out",
                    "--from", "hmic@example.org\nBcc: x@example.org")
    assert result.exit_code == 2 and "--from" in result.stderr and "Traceback" not in result.stderr


def waits_on_its_pipe(process: subprocess.Popen) -> None:
    """Return once `process` sleeps in a read of a pipe (its standard input here), as Linux's
    /proc/PID/wchan names it; where the kernel does not say (no /proc, or a sleeping process's wchan
    hidden as "0"), after three seconds."""
    proc = Path(f"/proc/{process.pid}")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            where = (proc / "wchan").read_text()
            state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            where, state = "", "S"
        if "pipe" in where:
            return
        if state == "S" and where in ("", "0"):  # asleep, and the kernel does not say where
            time.sleep(3)
            return
        time.sleep(0.01)


def test_ctrl_c_in_an_import_is_one_line_exit_130_and_the_tracker_as_it_was(tmp_path):
    if HMIC is None:
        pytest.skip("the hmic console script is not installed")
    path = tmp_path / "tracker.json"
    path.write_text(json.dumps(tracker(item("C1", due="2030-01-01")), indent=2), encoding="utf-8")
    before = path.read_bytes()
    process = subprocess.Popen([HMIC, "import", "-", "--into", str(path), "--title", "T", "--force", "F",
                                "--published", "2024-01-01"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=tmp_path)
    waits_on_its_pipe(process)  # hmic has started and waits for the report's text on standard input
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode().strip() == "hmic: interrupted"
    assert path.read_bytes() == before
