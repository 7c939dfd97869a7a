"""Issue 14 (hardening) and issue 13 item 5 (GitHub Actions): one test per class of hostile input, as a
user or a CI job would meet it: through the installed `hmic` in a subprocess where the new interpreter
is the point (its streams' encodings, another user, arguments that are not UTF-8); through a real process
forked from this one (`tests.forked`, the console script's entry point) where the process's own streams
or folder are (a closed stdout, a full disk, a reader gone, a folder removed under it); otherwise in this
process (`tests.inprocess`)."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import shutil
import stat
import string
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest

from hmic_cli import formats, output
from hmic_cli.cli import app
from hmic_cli.store import atomic, loading, transaction
from tests import forked, inprocess
from tests.conftest import HMIC


def env(**extra: str) -> dict:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("HMIC_", "GITHUB_", "PYTHONIO", "FORCE_COLOR"))}
    return base | {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"} | extra


def hmic(*args, **extra) -> subprocess.CompletedProcess:
    """`hmic ARGS` in this process (`tests.inprocess`), with the environment `hmic_process` gives."""
    return inprocess.run(args, env(**extra))


def hmic_process(*args, **extra) -> subprocess.CompletedProcess:
    return subprocess.run([HMIC, *map(str, args)], env=env(**extra), capture_output=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def clean(result: subprocess.CompletedProcess) -> None:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err


# --- 1. writing onto what is not a regular file -------------------------------------------------

def test_output_onto_a_character_device_writes_through(tmp_path):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own: never the real one
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    result = hmic("list", "-o", node)
    clean(result)
    assert result.returncode == 0
    assert stat.S_ISCHR(node.lstat().st_mode)  # still the device, not a regular file


def test_output_onto_a_fifo_writes_through(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = hmic("list", "--format", "csv", "-o", fifo)
    reader.join(30)
    clean(result)
    assert result.returncode == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and got[0].startswith(b"id,report,")


def test_output_through_a_symlink_replaces_the_real_file_and_keeps_the_link(tmp_path):
    (tmp_path / "out").mkdir()
    real = tmp_path / "out" / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = hmic("list", "--format", "csv", "-o", link)
    assert result.returncode == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text().startswith("id,report,")
    assert not list((tmp_path / "out").glob(".*.tmp"))


@pytest.mark.parametrize("kind", ["folder", "dangling", "loop"])
def test_output_that_cannot_be_written_safely_is_refused(tmp_path, kind):
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    elif kind == "dangling":
        target.symlink_to(tmp_path / "no-such-folder" / "x.csv")
    else:
        (tmp_path / "other").symlink_to(target)
        target.symlink_to(tmp_path / "other")
    result = hmic("list", "-o", target)
    clean(result)
    assert result.returncode == 3
    assert b"nothing was written" in result.stderr
    assert set(os.listdir(tmp_path)) <= {"target", "other"}


def test_update_through_a_symlinked_tracker_changes_the_real_file_and_locks_it(data_copy, tmp_path, monkeypatch):
    link = tmp_path / "link.json"
    link.symlink_to(data_copy)
    locked = []
    real_locked = atomic.locked

    def spy(path, timeout):
        locked.append(path)
        return real_locked(path, timeout)

    monkeypatch.setattr(atomic, "locked", spy)
    from hmic_cli import plans
    from hmic_cli.models import Status

    change = plans.StatusUpdate("NCP-2", Status.in_progress, note="via link", on=None)
    plan = transaction.apply(link, "update", plans.update(change, __import__("datetime").date(2014, 3, 1)))
    assert locked == [data_copy.resolve()] and plan.path == data_copy.resolve()
    assert link.is_symlink()
    assert "via link" in data_copy.read_text()


# --- 2. reading what is not a regular file ------------------------------------------------------

def test_reading_a_device_stops_at_the_bound(invoke, monkeypatch):
    monkeypatch.setattr(loading, "MAX_BYTES", 10_000)
    for args in (["--data", "/dev/zero", "list"], ["validate", "/dev/zero"]):
        result = invoke(*args)
        assert result.exit_code == 3
        assert "over 10,000 bytes" in (result.stderr + result.stdout)


def test_a_pipe_is_read_to_its_end(tmp_path):
    fifo = tmp_path / "data"
    os.mkfifo(fifo)
    source = loading.bundled_path().read_bytes()
    writer = threading.Thread(target=lambda: fifo.write_bytes(source))
    writer.start()
    result = hmic("--data", fifo, "list", "--format", "json")
    writer.join(30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["count"] == 9


# --- 3. output streams ---------------------------------------------------------------------------

COMMANDS = [["list"], ["list", "--all"], ["show", "NCP-9"], ["check", "--as-of", "2014-03-01"], ["themes"],
            ["summary"], ["log"], ["validate"], ["schema"]]


ENCODINGS = {"ascii": {"PYTHONIOENCODING": "ascii"}, "C": {"LC_ALL": "C", "PYTHONUTF8": "0"},
             "cp1252": {"PYTHONIOENCODING": "cp1252"}}


def _formats_under(encoding: str, command: str) -> list[str]:
    names = formats.names(command) if command in formats.REGISTRY else ["json"]
    return names if encoding == "ascii" else [name for name in names if name in output.PEOPLE]


# The encodings a stream is given in this process: C is ASCII with another error handler, which
# `setup_streams` replaces as it does ASCII's.
STREAMS = {"ascii": "ascii", "cp1252": "cp1252"}


@pytest.mark.parametrize(("encoding", "args"), [(encoding, args) for encoding in STREAMS for args in COMMANDS
                                                if _formats_under(encoding, args[0])],
                         ids=lambda value: value if isinstance(value, str) else " ".join(value))
def test_a_stdout_that_is_not_utf8_never_fails(encoding, args):
    """Every command and format under each encoding. The formats for programs write UTF-8 bytes whatever
    the encoding (`output.emit`: one path for every stdout that is not UTF-8), so they run under
    the first encoding only; the formats for people (`output.PEOPLE`) are encoded for the stream, and
    run under each. In this process, on streams in that encoding set up by the console script's own
    `setup_streams` (`tests.inprocess`); `test_a_real_stdout_that_is_not_utf8_never_fails` runs the
    real `hmic` under each encoding the environment can give it."""
    command = args[0]
    for name in _formats_under(encoding, command):
        extra = [] if command == "schema" else ["--format", name]
        result = inprocess.run([*args, *extra], env(), encoding=STREAMS[encoding])
        clean(result)
        assert result.returncode == (1 if command == "check" else 0), (args, name, result.stderr)
        if name in ("json", "csv", "markdown", "junit", "github", "ics"):
            result.stdout.decode("utf-8")  # machine formats stay UTF-8 whatever the locale
    if command == "show":
        shown = inprocess.run(["show", "NCP-9", "--format", "json"], env(), encoding=STREAMS[encoding]).stdout
        assert "’".encode() in shown or b"\\u2019" in shown or b"January 2012" in shown


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_real_stdout_that_is_not_utf8_never_fails(encoding):
    """The real `hmic` with its stdout's encoding from the environment (`PYTHONIOENCODING`, a C locale):
    a table holding a character the encoding lacks shows `?` for it, and JSON stays UTF-8."""
    table = hmic_process("show", "NCP-9", **ENCODINGS[encoding])
    clean(table)
    assert table.returncode == 0 and b"?" in table.stdout and "’".encode() not in table.stdout
    shown = hmic_process("show", "NCP-9", "--format", "json", **ENCODINGS[encoding])
    clean(shown)
    assert shown.returncode == 0 and json.loads(shown.stdout.decode("utf-8"))["id"] == "NCP-9"


def test_a_closed_stdout_or_a_full_disk_is_exit_3_with_a_message():
    closed = forked.run(["list"], env(), stdout=forked.CLOSED, timeout=60)  # as `hmic list >&-`
    assert closed.returncode == 3
    assert b"standard output is closed" in closed.stderr and b"Traceback" not in closed.stderr
    if os.path.exists("/dev/full"):
        for fmt in ("table", "json", "csv"):
            with open("/dev/full", "wb") as full:
                result = forked.run(["list", "--format", fmt], env(), stdout=full.fileno(), timeout=60)
            assert result.returncode == 3, fmt
            assert b"No space left on device" in result.stderr and b"Traceback" not in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_a_reader_that_goes_away_is_exit_141_silently(big_tracker, fmt):
    job = forked.start(["--data", big_tracker, "list", "--format", fmt], env(), stdout=forked.PIPE,
                       stderr=forked.PIPE)
    job.stdout.readline()
    job.stdout.close()
    code = job.wait(60)
    err = job.stderr.read()
    assert code == 141, err
    assert err == b""


@pytest.fixture(scope="module")
def big_tracker(tmp_path_factory) -> Path:
    doc = json.loads(loading.bundled_path().read_text(encoding="utf-8"))
    first = doc["recommendations"][0]
    doc["recommendations"] = [dict(first, id=f"BIG-{n}") for n in range(3000)]
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(doc))
    return path


# --- 4. values that pass validate must not crash another command --------------------------------

def test_the_last_valid_dates_work_in_every_command_and_format(bundled, write_data, invoke):
    """In-process (a crash is an exception that fails the test: `invoke` does not catch it); a real
    process per command and format cost 7 s of the suite and proves nothing more here."""
    bundled["reports"][0]["published"] = "9998-12-31"
    for rec in bundled["recommendations"]:
        rec["deadline"] = "twelve-months"
    bundled["recommendations"][0]["due"] = "9999-12-31"
    bundled["recommendations"][0]["deadline"] = "by-date"
    bundled["recommendations"][1]["waiver"] = {"until": "9999-12-31", "reason": "the end of time"}
    path = write_data(bundled)
    assert invoke("validate", path).exit_code == 0
    ran = 0
    for command, fmts in formats.REGISTRY.items():
        if command in ("validate", "import", "config"):  # config reads no tracker and has no --as-of
            continue
        for fmt in fmts:
            args = ["show", "NCP-1"] if command == "show" else [command]
            if command == "themes-by-issuer":  # a view of `themes` with its own formats
                args = ["themes", "--by-issuer"]
            if command == "respond":  # issue 31: one report's draft response
                args.append(bundled["reports"][0]["id"])
            if command == "list":
                args.append("--all")
            if command == "diff":
                args += [str(path), str(path), "--old-as-of", "9998-12-31"]
            result = invoke("--data", path, *args, "--format", fmt.name, "--as-of", "9999-12-01")
            assert result.exit_code == 0, (command, fmt.name, result.stderr)  # nothing is overdue before the last day
            ran += 1
    assert ran >= 30
    window = invoke("--data", path, "list", "--due-within", "3m", "--as-of", "9999-12-01")
    assert window.exit_code == 0 and "NCP-1" in window.stdout
    late = dict(bundled["reports"][0], id="late", published="9999-01-01")
    bundled["reports"].append(late)
    bundled["recommendations"][2]["report"] = "late"
    result = invoke("validate", write_data(bundled, "late.json"))
    assert result.exit_code == 3 and "after 9999-12-31" in result.stdout


def test_a_number_too_long_for_python_is_a_data_error_everywhere(data_copy):
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace('"schema_version": 2', '"schema_version": 2, "x": ' + "7" * 5000, 1))
    before = data_copy.read_bytes()
    for args in (["validate", data_copy], ["--data", data_copy, "list"], ["--data", data_copy, "check"],
                 ["--data", data_copy, "update", "NCP-1", "--status", "complete"]):
        result = hmic(*args)
        clean(result)
        assert result.returncode == 3, args
        assert b"a number of 5,000 digits" in result.stdout + result.stderr
    assert data_copy.read_bytes() == before


def test_import_refuses_a_due_date_past_the_last_day_in_a_preview_too(invoke, tmp_path):
    source = tmp_path / "report.txt"
    source.write_text("Recommendations\n\nWithin six months, the force should review its training.\n")
    result = invoke("import", source, "--report", "late", "--title", "T", "--force", "F", "--published", "9999-10-01")
    assert result.exit_code == 3 and "after 9999-12-31" in result.stderr


def test_import_from_stdin_is_bounded(invoke, monkeypatch):
    from hmic_cli.importing import sources

    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    result = invoke("import", "-", "--published", "2014-01-01", input="x" * 5000)
    assert result.exit_code == 3 and "larger than 1,000 bytes" in result.stderr


# --- 5. exit codes -------------------------------------------------------------------------------

def _as_nobody() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    for tool in (["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"], ["runuser", "-u", "nobody", "--"]):
        if shutil.which(tool[0]) and subprocess.run([*tool, "true"], capture_output=True).returncode == 0:
            return tool
    return None


def test_a_file_without_read_permission_is_exit_3_not_a_usage_box(tmp_path):
    prefix = _as_nobody()
    if prefix is None:
        pytest.skip("no way to run as an unprivileged user")
    probe = subprocess.run([*prefix, HMIC, "--version"], env=env(), capture_output=True, timeout=60)
    if probe.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run {HMIC} at all (a private virtual environment?)")
    tmp_path.chmod(0o755)
    path = tmp_path / "secret.json"
    path.write_bytes(loading.bundled_path().read_bytes())
    path.chmod(0o600)
    for args in (["--data", path, "list"], ["validate", path], ["check", "--data", path]):
        result = subprocess.run([*prefix, HMIC, *map(str, args)], env=env(), capture_output=True, timeout=60)
        assert result.returncode == 3, (args, result.stderr)
        assert b"permission denied" in result.stdout + result.stderr and "╭".encode() not in result.stderr


@pytest.mark.parametrize("value", ["", "."])
def test_an_empty_or_folder_data_path_is_a_clean_error(value, invoke):
    for args in (["update", "NCP-1", "--status", "complete"], ["list"], ["check"], ["validate"]):
        result = invoke("--data", value, *args)  # in-process: an exception would fail the test
        assert result.exit_code == 3, (value, args)  # the data file is not a file: a data error, as a read
        assert "folder" in result.stdout + result.stderr


def test_check_github_without_a_working_folder_or_with_a_workspace_loop(tmp_path):
    gone = tmp_path / "gone"
    gone.mkdir()
    data = tmp_path / "t.json"
    data.write_bytes(loading.bundled_path().read_bytes())

    def in_a_removed_folder() -> None:  # as `cd gone && rmdir gone && exec hmic ...`
        os.chdir(gone)
        os.rmdir(gone)

    result = forked.run(["--data", data, "check", "--format", "github"], env(), preexec=in_a_removed_folder,
                        timeout=60)
    assert not gone.exists()
    clean(result)
    assert result.returncode == 1 and result.stdout.startswith(b"::error ")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    looped = hmic("--data", data, "check", "--format", "github", GITHUB_WORKSPACE=str(tmp_path / "a"))
    clean(looped)
    assert looped.returncode == 1 and looped.stdout.startswith(b"::error ")


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "abc"])
def test_a_bad_lock_timeout_is_a_usage_error(data_copy, value):
    before = data_copy.read_bytes()
    result = hmic("--data", data_copy, "update", "NCP-1", "--status", "complete", HMIC_LOCK_TIMEOUT=value)
    clean(result)
    assert result.returncode == 2 and b"HMIC_LOCK_TIMEOUT" in result.stderr
    assert data_copy.read_bytes() == before


@pytest.mark.parametrize("option", ["--note", "--by", "--evidence"])
def test_text_arguments_that_are_not_utf8_are_refused(data_copy, option):
    before = data_copy.read_bytes()
    argv = [HMIC.encode(), b"--data", bytes(data_copy), b"update", b"NCP-1", b"--status", b"complete",
            option.encode(), b"bad \xff byte"]
    result = subprocess.run(argv, env=env(), capture_output=True, timeout=60)
    clean(result)
    assert result.returncode == 2 and f"{option} is not valid UTF-8".encode() in result.stderr
    assert data_copy.read_bytes() == before


# --- 6. characters -------------------------------------------------------------------------------

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.fixture
def odd_characters(bundled, write_data) -> Path:
    recs = bundled["recommendations"]
    recs[0]["text"] = "safe\r=HYPERLINK(\"http://evil.example\")"
    recs[1]["text"] = "\r=1+1"
    recs[2]["text"] = " =SUM(A1)"
    recs[3]["text"] = "non-characters \ufffe \uffff and \x0b \x1b"
    recs[4]["text"] = "bidi " + BIDI + " end"
    recs[4]["owner"] = "\u202eowner"
    return write_data(bundled)


def test_csv_quotes_a_bare_cr_and_neutralises_formulas_after_it(invoke, odd_characters):
    out = invoke("--data", odd_characters, "list", "--format", "csv", "--sort", "id").stdout
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert len(rows) == 9
    assert rows[0]["text"] == "safe\r=HYPERLINK(\"http://evil.example\")"  # one cell, not a new row
    assert rows[1]["text"] == "'\r=1+1"
    assert rows[2]["text"] == "' =SUM(A1)"
    assert "\r" not in out.replace('"safe\r=', "").replace("\"'\r=", "")  # every CR is inside quotes


def test_junit_stays_well_formed_with_characters_xml_cannot_hold(invoke, odd_characters):
    from lxml import etree

    out = invoke("--data", odd_characters, "check", "--format", "junit", "--as-of", "2020-01-01").stdout
    root = etree.fromstring(out.encode("utf-8"))
    assert len(root.findall(".//testcase")) == 9
    assert "\\ufffe" in out and "\\uffff" in out


@pytest.mark.parametrize(("command", "fmt"), [("list", "table"), ("list", "markdown"), ("list", "csv"),
                                              ("show", "table"), ("check", "text"), ("check", "github"),
                                              ("check", "markdown"), ("check", "junit"), ("log", "table")])
def test_bidi_controls_never_reach_a_terminal_raw(invoke, odd_characters, command, fmt):
    args = ["show", "NCP-5"] if command == "show" else [command, "--as-of", "2020-01-01"]
    if command in ("list", "log"):
        args.append("--all")
    out = invoke("--data", odd_characters, *args, "--format", fmt).stdout
    assert not set(BIDI) & set(out), [hex(ord(c)) for c in set(BIDI) & set(out)]
    if command in ("list", "show"):
        assert "\\u061c" in out


def test_json_keeps_bidi_text_faithful_but_escaped(invoke, odd_characters):
    out = invoke("--data", odd_characters, "list", "--format", "json", "--sort", "id").stdout
    assert not set(BIDI) & set(out)
    assert json.loads(out)["recommendations"][4]["text"] == "bidi " + BIDI + " end"


@pytest.mark.parametrize("odd", ["\x7f", "\x85", "\u2028", "\u2029"])
def test_json_escapes_del_c1_and_line_separators_even_in_otherwise_ascii_text(invoke, bundled, write_data, odd):
    """Every text but one character is ASCII: the fast path for ASCII output must still see DEL."""
    for rec in bundled["recommendations"]:
        rec["text"] = rec["text"].encode("ascii", "replace").decode("ascii")
    bundled["recommendations"][0]["text"] = f"before{odd}after"
    out = invoke("--data", write_data(bundled), "list", "--all", "--format", "json").stdout
    assert odd not in out and f"\\u{ord(odd):04x}" in out
    assert [r["text"] for r in json.loads(out)["recommendations"] if r["id"] == "NCP-1"] == [f"before{odd}after"]


# --- 7. terminal width ---------------------------------------------------------------------------

@pytest.mark.parametrize("columns", ["0", "2", "99999999999"])
def test_columns_is_clamped(columns, invoke):
    from hmic_cli import defaults

    for command in ("list", "summary", "themes", "show"):
        args = ["show", "NCP-1"] if command == "show" else [command]
        result = invoke(*args, env={"COLUMNS": columns})  # in-process: Rich reads COLUMNS when each console is made
        assert result.exit_code == 0 and result.stdout.strip()
        widest = max(len(line) for line in result.stdout.splitlines())
        assert widest <= defaults.MAX_WIDTH + 2


# --- atomic writes under failure ---------------------------------------------------------------

@pytest.mark.parametrize("fault", ["replace", "half-write"])
def test_a_failed_write_leaves_the_original_bytes_and_no_temp_file(data_copy, invoke, monkeypatch, fault):
    before = data_copy.read_bytes()
    if fault == "replace":
        def broken_replace(src, dst):
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(os, "replace", broken_replace)
    else:
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle):
                self.handle = handle

            def write(self, data):
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                raise OSError(28, "No space left on device")

            def __getattr__(self, name):
                return getattr(self.handle, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.handle.close()

        monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    result = invoke("--data", data_copy, "update", "NCP-1", "--status", "complete")
    assert result.exit_code == 3 and "nothing was written" in result.stderr
    assert data_copy.read_bytes() == before
    assert sorted(p.name for p in data_copy.parent.iterdir() if p.name.endswith(".tmp")) == []


# --- issue 13 item 5: inside GitHub Actions no data line starts a workflow command ---------------

ACTIONS_TEXTS = ["::add-mask::secret", "first line\n::error::x", "  ::stop-commands::t", "cr\r::warning::y",
                 "##[add-mask]old-style", "mid-line ##[error]old-style", "\u200b::add-mask::hidden",
                 "\ufeff \u00ad::error::soft"]


@pytest.fixture(scope="module")
def actions_tracker(tmp_path_factory) -> Path:
    doc = json.loads(loading.bundled_path().read_text(encoding="utf-8"))
    recs = doc["recommendations"]
    for n, text in enumerate(ACTIONS_TEXTS):
        recs[n]["text"] = text
        recs[n]["owner"] = text
        recs[n]["history"][0]["note"] = text
        recs[n]["history"][0]["evidence"] = text
    doc["themes"][0]["label"] = "::add-mask::label"
    doc["themes"][0]["description"] = "\n::add-mask::description"
    doc["reports"][0]["title"] = "::add-mask::title"
    path = tmp_path_factory.mktemp("actions") / "data.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


@functools.cache
def _ignorable() -> str:
    """Every format character (category Cf): made when first asked, not at every collection (0.3 s)."""
    return "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf")


def _starts_a_command(line: str) -> bool:
    """What the runner would take for a command: `::` after whitespace and ignorable characters
    (format characters, category Cf), or the legacy `##[` anywhere."""
    stripped = line.lstrip(string.whitespace + _ignorable() + "\u00a0\u2000\u2001\u2002\u2003\u3000")
    return stripped.startswith("::") or "##[" in line


FORMATS = [(command, fmt.name) for command, fmts in formats.REGISTRY.items() for fmt in fmts
           if command != "import"]


@pytest.mark.parametrize(("command", "fmt"), FORMATS)
def test_in_github_actions_no_data_line_starts_a_workflow_command(runner, actions_tracker, tmp_path, command, fmt):
    import re

    runner.env = dict(runner.env, GITHUB_ACTIONS="true")
    args = {"show": ["show", "NCP-1"], "validate": ["validate", str(actions_tracker)],
            "diff": ["diff", str(actions_tracker), str(actions_tracker), "--old-as-of", "2000-01-01"],
            "themes-by-issuer": ["themes", "--by-issuer"],
            "respond": ["respond", "northamptonshire-child-protection-2014"],
            }.get(command, [command])
    if command in ("list", "log"):
        args = [*args, "--all"]
    if command in ("list", "check", "themes", "themes-by-issuer", "summary", "log", "show", "diff", "remind"):
        args = [*args, "--as-of", "2020-01-01"]
    out_file = tmp_path / f"out.{fmt}"
    for extra in ([], ["--output", str(out_file)]) if command not in ("validate", "show") else ([],):
        result = runner.invoke(app, ["--data", str(actions_tracker), *args, "--format", fmt, *extra])
        assert result.exit_code == (1 if command == "check" else 0), result.output
        raw = out_file.read_bytes() if extra else result.stdout_bytes
        # A binary format (xlsx: a zip of compressed parts) is read byte for byte: no data text may
        # sit in it uncompressed at the start of a line either.
        text = raw.decode("latin-1" if formats.get(command, fmt).binary else "utf-8")
        for line in re.split(r"\r\n|\r|\n", text) + re.split(r"\r\n|\r|\n", result.stderr):
            if fmt == "github" and re.match(r"::(error|warning) ", line):
                continue  # hmic's own annotations
            assert not _starts_a_command(line), (command, fmt, line)


def test_outside_github_actions_text_is_left_as_it_is(runner, actions_tracker):
    result = runner.invoke(app, ["--data", str(actions_tracker), "list", "--format", "csv"])
    assert "\n::error::x" in result.stdout and ": :" not in result.stdout


def test_the_break_defeats_the_runner_trim():
    from hmic_cli.messages import neutralise

    assert neutralise("a\n  ::x::y\r::z\n##[w]") == "a\n  : :x::y\r: :z\n# #[w]"
    own = neutralise("::error file=a::m\n::add-mask::s", own_commands=True)
    assert own == "::error file=a::m\n: :add-mask::s"
    # The legacy form anywhere in a line; zero-width and other ignorable characters before `::`.
    assert neutralise("text ##[error]x") == "text # #[error]x"
    for hidden in ("\u200b", "\ufeff", "\u00ad", " \u2060 "):
        assert neutralise(f"{hidden}::stop-commands::t") == f"{hidden}: :stop-commands::t"


