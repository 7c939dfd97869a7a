"""Issue 24, classes 1, 5, 6 (a write the system refuses part-way) and 7: nothing the user had is lost
while hmic reports success, every echo is inert, and valid JSON is read as JSON defines it. In this
process (`tests.inprocess`), with the environment a real run would have; through real `hmic` processes
where the process is the point (a file-size limit and the standard error stream main() makes inert, in
processes forked from this one: tests/forked.py; the installed program's bundled dataset, in processes
forked from one interpreter that imported the installed package; a save paced inside the real process,
in a new interpreter)."""

from __future__ import annotations

import functools
import json
import os
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from hmic_cli.store.loading import bundled_path
from tests import forked, inprocess
from tests.conftest import HMIC

SAMPLE = Path(__file__).parent / "import_samples" / "northshire-custody.txt"
IMPORT_META = ["--force", "Northshire Constabulary", "--title", "Custody inspection", "--report", "northshire-2031"]


def env(**extra: str) -> dict:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("HMIC_", "GITHUB_", "PYTHONIO", "FORCE_COLOR"))}
    return base | {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"} | extra


def hmic(*args, **extra) -> subprocess.CompletedProcess:
    """`hmic ARGS` in this process, with the environment `hmic_process` would give it."""
    return inprocess.run(args, env(**extra))


def hmic_process(*args, preexec_fn=None, **extra) -> subprocess.CompletedProcess:
    """The installed `hmic`, a new interpreter."""
    return _no_traceback(subprocess.run([HMIC, *map(str, args)], env=env(**extra), capture_output=True,
                                        timeout=120, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn))


def hmic_forked(*args, preexec_fn=None, **extra) -> subprocess.CompletedProcess:
    """A real process running the console script's entry point, forked from this one (tests/forked.py):
    for a resource limit, or the standard error stream main() makes inert."""
    return _no_traceback(forked.run(args, env(**extra), preexec=preexec_fn))


def _no_traceback(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    err = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return result


def stderr(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8", "replace")


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# One interpreter started as `installed_bundled` starts one (outside the checkout, without the tests'
# `pythonpath`), so that it imports the installed hmic_cli, as the installed `hmic` does; it then forks
# a child per request, which runs the console script's entry point with the request's arguments and
# environment (its stdin /dev/null, its stdout and stderr in files) and answers the child's exit code.
# One interpreter's start-up (~0.45 s of CPU) for the 13 guard cases instead of one each.
INSTALLED_STARTER = r"""
import json, os, sys
from hmic_cli.console import main

for line in sys.stdin:
    asked = json.loads(line)
    pid = os.fork()
    if pid == 0:
        null = os.open(os.devnull, os.O_RDONLY)
        out = os.open(asked["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(asked["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        for fd, to in ((0, null), (1, out), (2, err)):
            os.dup2(to, fd)
        os.environ.clear()
        os.environ.update(asked["env"])
        sys.argv = ["hmic", *asked["args"]]
        sys.stdin, sys.stdout = open(0), open(1, "w")
        sys.stderr = open(2, "w", buffering=1, errors="backslashreplace")
        main()
        os._exit(70)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


@pytest.fixture(scope="module")
def installed_hmic(tmp_path_factory):
    """`installed_hmic(*args, **extra)`: the installed `hmic` as a real process (forked, see above), as
    `hmic_process` runs it."""
    folder = tmp_path_factory.mktemp("installed")
    starter_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    starter = subprocess.Popen([sys.executable, "-c", INSTALLED_STARTER], cwd=tempfile.gettempdir(),
                               env=starter_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(*args, **extra) -> subprocess.CompletedProcess:
        out, err = folder / "stdout", folder / "stderr"
        starter.stdin.write(json.dumps({"args": [str(a) for a in args], "env": env(**extra), "stdout": str(out),
                                        "stderr": str(err)}) + "\n")
        starter.stdin.flush()
        code = starter.stdout.readline()
        assert code, "the starter ended"
        return _no_traceback(subprocess.CompletedProcess(["hmic", *args], int(code), out.read_bytes(),
                                                         err.read_bytes()))

    yield run
    starter.stdin.close()
    starter.wait(timeout=60)


@functools.cache
def installed_bundled() -> Path:
    """The bundled dataset of the `hmic` under test: inside the installed package after `pip install .`
    (the checkout's `data/` copy is then just a file), the checkout's copy in an editable install. Asked
    of the installed package itself, outside the checkout and without the tests' `pythonpath`."""
    code = "from hmic_cli.store.loading import bundled_path; print(bundled_path())"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    found = subprocess.run([sys.executable, "-c", code], cwd=tempfile.gettempdir(), env=env, capture_output=True,
                           text=True, check=True)
    return Path(found.stdout.strip())


@pytest.fixture
def tracker(tmp_path) -> Path:
    target = tmp_path / "tracker.json"
    shutil.copyfile(bundled_path(), target)
    return target


# --- 1. data lost while reporting success ---------------------------------------------------------

WRITES = {
    "update": ["update", "NCP-1", "--status", "complete"],
    "edit": ["edit", "NCP-1", "--owner", "DCI Example"],
    "waive": ["waive", "NCP-1", "--until", "2099-01-01", "--reason", "agreed"],
    "add": ["add", "--report", "northamptonshire-child-protection-2014", "--text", "New.", "--deadline",
            "immediate", "--theme", "custody"],
    "theme add": ["theme", "add", "new-theme", "--label", "New"],
    "import --into": ["import", str(SAMPLE), *IMPORT_META, "--into", "{data}"],
}


@pytest.mark.parametrize(("command", "how"),
                         [("update", how) for how in ("--data", "HMIC_DATA", "symlink", "hard link")]
                         + [(command, "symlink") for command in WRITES if command != "update"])
def test_the_bundled_dataset_is_never_written_however_it_is_named(tmp_path, how, command, installed_hmic):
    shipped = installed_bundled()
    before = shipped.read_bytes()
    name = str(shipped)
    if how == "symlink":
        name = str(tmp_path / "link.json")
        os.symlink(shipped, name)
    elif how == "hard link":
        name = str(tmp_path / "hard.json")
        try:
            os.link(shipped, name)
        except OSError as exc:
            pytest.skip(f"no hard link to the bundled file here: {exc}")
    args = [a.replace("{data}", name) for a in WRITES[command]]
    # the installed program's own bundled copy is the point: a real process (in this process, hmic_cli comes
    # from the source tree, whose bundled copy is another file after a non-editable install)
    if how == "HMIC_DATA":
        result = installed_hmic(*args, HMIC_DATA=name)
    else:
        result = installed_hmic("--data", name, *args)
    try:
        assert result.returncode == 2, stderr(result)
        assert "hmic init" in stderr(result) and "bundled copy is read-only" in stderr(result)
    finally:
        assert shipped.read_bytes() == before
    assert temp_files(shipped.parent) == []


LISTING, PACK, JUNIT = ["list", "--format", "json"], ["report", "--format", "html"], ["check", "--format", "junit"]


@pytest.mark.parametrize(("args", "how"), [(LISTING, how) for how in ("same path", "symlink", "hard link", "relative")]
                         + [(PACK, "symlink"), (JUNIT, "hard link")])
def test_an_output_naming_the_tracker_in_use_is_refused(tracker, tmp_path, how, args):
    before = tracker.read_bytes()
    output = str(tracker)
    if how == "symlink":
        output = str(tmp_path / "out-link.json")
        os.symlink(tracker, output)
    elif how == "hard link":
        output = str(tmp_path / "out-hard.json")
        os.link(tracker, output)
    elif how == "relative":
        output = os.path.relpath(tracker)
    result = hmic("--data", tracker, *args, "--output", output)
    assert result.returncode == 2, stderr(result)
    assert "is the tracker this command reads" in stderr(result) and "nothing was written" in stderr(result)
    assert tracker.read_bytes() == before and temp_files(tmp_path) == []


@pytest.mark.parametrize("args", [["list", "--output", "{bundled}"], ["init", "--force", "{bundled}"],
                                  ["init", "--empty", "--force", "{bundled}"]], ids=["list -o", "init", "init --empty"])
def test_no_output_replaces_the_bundled_dataset(args, installed_hmic):
    shipped = installed_bundled()
    before = shipped.read_bytes()
    result = installed_hmic(*[a.replace("{bundled}", str(shipped)) for a in args])  # the installed program's copy
    try:
        assert result.returncode == 2, stderr(result)
        assert "bundled dataset" in stderr(result)
    finally:
        assert shipped.read_bytes() == before


@pytest.mark.parametrize("summary", ["tracker", "link"])
def test_the_job_summary_is_never_appended_to_the_tracker(tracker, tmp_path, summary):
    """`check --format github` appends to $GITHUB_STEP_SUMMARY: never when that names the tracker."""
    before = tracker.read_bytes()
    target = tracker
    if summary == "link":
        target = tmp_path / "summary.md"
        os.symlink(tracker, target)
    result = hmic("--data", tracker, "check", "--format", "github", GITHUB_ACTIONS="true",
                  GITHUB_STEP_SUMMARY=str(target))
    assert result.returncode == 1 and "::error" in result.stdout.decode()
    assert "not appending the job summary" in stderr(result)
    assert tracker.read_bytes() == before


def test_another_output_beside_the_tracker_is_still_written(tracker, tmp_path):
    """The refusal is of the tracker itself, not of its folder or a file of a similar name."""
    out = tmp_path / "tracker.json.out"
    result = hmic("--data", tracker, "list", "--format", "json", "-o", out)
    assert result.returncode == 0, stderr(result)
    assert json.loads(out.read_text())["count"] > 0


# A program that saves the tracker while hmic is writing: hmic's fsync of its temporary file is paced
# by two pipes (a `sitecustomize` the test puts on PYTHONPATH wraps os.fsync in the real `hmic`
# process), and the other program's save lands after the new content is written and synced and before
# the rename: the last moment the on-disk check can see it.
PACER = '''
import os
_fds = os.environ.get("HMIC_TEST_PACE_FDS")
if _fds:
    _tell, _wait = map(int, _fds.split(","))
    _fsync = os.fsync

    def _paced(fd):
        _fsync(fd)
        try:
            name = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            return
        if name.endswith(".tmp"):
            os.write(_tell, b"s")
            os.read(_wait, 1)

    os.fsync = _paced
'''


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to name the file being synced")
@pytest.mark.parametrize("command", [WRITES["update"], WRITES["add"]], ids=["update", "add"])
def test_a_save_by_another_program_just_before_the_rename_is_kept(tracker, tmp_path, command):
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(PACER)
    to_test, from_hmic = os.pipe()
    to_hmic, from_test = os.pipe()
    job = subprocess.Popen([HMIC, "--data", str(tracker), *command], stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=(from_hmic, to_hmic),
                           env=env(PYTHONPATH=str(hook), HMIC_TEST_PACE_FDS=f"{from_hmic},{to_hmic}"))
    os.close(from_hmic)
    os.close(to_hmic)
    try:
        ready, _, _ = select.select([to_test], [], [], 60)
        assert ready and os.read(to_test, 1) == b"s", "hmic never synced its temporary file"
        assert len(temp_files(tmp_path)) == 1  # hmic's new content is on disk beside the tracker
        theirs = tracker.read_bytes().replace(b"Made in the report.", b"Edited in another program.", 1)
        tracker.write_bytes(theirs)  # the other program saves (in place, as many editors do)
        os.write(from_test, b"g")
        out, err = job.communicate(timeout=60)
    finally:
        if job.poll() is None:
            job.kill()
        os.close(to_test)
        os.close(from_test)
    assert job.returncode == 3, err.decode()
    assert "changed on disk" in err.decode() and "nothing was written" in err.decode()
    assert tracker.read_bytes() == theirs
    assert temp_files(tmp_path) == []


def _with_ids(tracker: Path, *ids: str) -> None:
    for item_id in ids:
        result = hmic("--data", tracker, "add", "--id", item_id, *WRITES["add"][1:])
        assert result.returncode == 0, stderr(result)


@pytest.mark.parametrize(("new", "existing"), [("ncp-1", "NCP-1"), ("Ncp-2", "NCP-2"), ("kc-1", "KC-1"),
                                               ("sc-1", "SC-1")])
def test_an_id_that_differs_only_by_case_is_refused_when_added(tracker, new, existing):
    if not existing.startswith("NCP"):
        _with_ids(tracker, existing)
    before = tracker.read_bytes()
    result = hmic("--data", tracker, "add", "--id", new, *WRITES["add"][1:])
    assert result.returncode == 2, stderr(result)
    assert f"'{existing}'" in stderr(result) and "only by case" in stderr(result)
    assert tracker.read_bytes() == before


LOOKUPS = {"show": ["show"], "update": ["update", "--status", "complete"], "edit": ["edit", "--owner", "X"],
           "waive": ["waive", "--until", "2099-01-01", "--reason", "r"]}


KELVIN, LONG_S, FULLWIDTH = "\u212aC-1", "\u017fC-1", "\uff2e\uff23\uff30-1"


@pytest.mark.parametrize(("wanted", "command"),
                         [(w, LOOKUPS["update"]) for w in ("Ncp-1", "ncp-1", KELVIN, LONG_S, FULLWIDTH)]
                         + [(w, LOOKUPS[c]) for w, c in (("ncp-1", "show"), (KELVIN, "edit"), (LONG_S, "waive"))])
def test_lookups_are_exact_and_suggest_the_folded_id(tracker, wanted, command):
    meant = {"N": "NCP-1", "n": "NCP-1", "\u212a": "KC-1", "\u017f": "SC-1", "\uff2e": "NCP-1"}[wanted[0]]
    if meant != "NCP-1":
        _with_ids(tracker, meant)
    before = tracker.read_bytes()
    result = hmic("--data", tracker, command[0], wanted, *command[1:])
    assert result.returncode == 2, stderr(result)
    assert f"no recommendation with id '{wanted}'" in stderr(result)
    assert f"did you mean {meant}" in stderr(result)
    assert tracker.read_bytes() == before


def test_the_write_path_refuses_any_new_id_that_folds_to_an_existing_one(tracker):
    """`import`, `report add` and `theme add` append through the same check as `add` (one place)."""
    from hmic_cli.errors import UsageError
    from hmic_cli.store import transaction

    before = tracker.read_bytes()
    for key, entry in (("recommendations", {"id": "ncp-3"}), ("themes", {"id": "Custody"}),
                       ("reports", {"id": "northamptonshire-child-protection-2014".upper()}),
                       ("themes", {"id": "cu\u017ftody"})):
        with pytest.raises(UsageError, match="only by case or Unicode form"):
            transaction.apply(tracker, "test", lambda loaded, key=key, entry=entry: transaction.Plan(
                append={key: [entry]}))
    assert tracker.read_bytes() == before


def test_import_numbers_on_from_ids_in_another_case(tmp_path):
    """`--prefix ncp` beside NCP-1..9 gives new ids that do not fold to an existing one."""
    data = tmp_path / "t.json"
    shutil.copyfile(bundled_path(), data)
    result = hmic("--data", data, "import", SAMPLE, *IMPORT_META, "--prefix", "ncp", "--into", data)
    assert result.returncode == 0, stderr(result)
    ids = [r["id"] for r in json.loads(data.read_text())["recommendations"]]
    assert len({i.casefold() for i in ids}) == len(ids) and ids[9] == "ncp-10"


# --- 5. every echo is inert -----------------------------------------------------------------------

HOSTILE = "\x1b]0;owned\x07\x1b[31mred\u202eevil\x9b"
RAW = ("\x1b", "\x07", "\u202e", "\x9b")


def _inert(text: str) -> None:
    assert not any(c in text for c in RAW), repr(text)
    assert "\\x1b" in text, repr(text)


def test_success_messages_show_what_they_echo_escaped(tmp_path):
    data = tmp_path / f"t{HOSTILE}.json"
    messages = [hmic("init", data)]
    messages.append(hmic("--data", data, "edit", "NCP-1", "--owner", HOSTILE))
    messages.append(hmic("--data", data, "update", "NCP-2", "--status", "complete", "--note", HOSTILE))
    messages.append(hmic("--data", data, "waive", "NCP-3", "--until", "2099-01-01", "--reason", HOSTILE))
    messages.append(hmic("--data", data, "report", "--format", "html", "-o", tmp_path / f"pack{HOSTILE}.html"))
    source = tmp_path / f"report{HOSTILE}.txt"
    shutil.copyfile(SAMPLE, source)
    messages.append(hmic("--data", data, "import", source, *IMPORT_META))
    messages.append(hmic("--data", data, "import", source, *IMPORT_META, "--into", data))
    for result in messages:
        assert result.returncode == 0, stderr(result)
        _inert(stderr(result))
    assert "owner set to " + HOSTILE.replace("\x1b", "\\x1b").replace("\x07", "\\x07").replace(
        "\u202e", "\\u202e").replace("\x9b", "\\x9b") in stderr(messages[1])


@pytest.mark.parametrize("args", [["list", "--bogus" + HOSTILE], [HOSTILE], ["list", "--due", HOSTILE]],
                         ids=["unknown option", "unknown command", "bad choice"])
def test_usage_errors_quoting_an_argument_are_inert(args):
    """Click's and Rich's own messages quote the argument; Rich escapes C0 controls, not bidi or C1."""
    result = hmic_forked(*args)
    assert result.returncode == 2
    text = stderr(result)
    assert not any(c in text for c in RAW), repr(text)
    assert "\\u202e" in text, repr(text)


# --- 6. a write the system refuses part-way -------------------------------------------------------

def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="no file-size limit on this system")
@pytest.mark.parametrize("args", [
    ["update", "NCP-1", "--status", "complete"],
    ["import", str(SAMPLE), *IMPORT_META, "--into", "{data}"],
    ["list", "--all", "--format", "json", "-o", "{out}.json"],
    ["report", "--format", "html", "-o", "{out}.html"],
    ["report", "--format", "xlsx", "-o", "{out}.xlsx"],
    ["report", "--format", "xlsx"],
    ["init", "{out}.json"],
], ids=["update", "import", "list -o", "report html", "report xlsx", "report xlsx stdout", "init"])
def test_a_file_size_limit_is_exit_3_with_nothing_half_written(tracker, tmp_path, args):
    before = tracker.read_bytes()
    out = tmp_path / "out"
    args = [a.replace("{data}", str(tracker)).replace("{out}", str(out)) for a in args]
    result = hmic_forked("--data", tracker, *args, preexec_fn=_file_size_limit(4096))
    assert result.returncode == 3, stderr(result)
    lines = stderr(result).splitlines()
    assert lines[0].startswith("hmic: error: ") and "File too large" in lines[0]
    assert len(lines) <= 2 and all(line.startswith("hint: ") for line in lines[1:])
    assert result.stdout == b""
    assert tracker.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".tracker.json.lock")) == [
        "tracker.json"]


# --- 7. valid JSON is valid JSON ------------------------------------------------------------------

def _escaped_keys(tmp_path: Path, bundled: dict) -> Path:
    """The bundled data with the reports after the items, and some items' "id" keys written with
    escapes, as another JSON writer may (the last two too: appending reads the array's tail)."""
    document = {key: bundled[key] for key in ("schema_version", "themes", "recommendations", "reports")}
    # more reports after the items: an "id" count that missed the escaped keys would run into them
    document["reports"] += [{**bundled["reports"][0], "id": f"another-report-{n}"} for n in (1, 2)]
    text = json.dumps(document, indent=2)
    for item_id, key in (("NCP-3", "\\u0069d"), ("NCP-8", "i\\u0064"), ("NCP-9", "\\u0069\\u0064")):
        text = text.replace(f'"id": "{item_id}"', f'"{key}": "{item_id}"', 1)
    assert json.loads(text) == document
    target = tmp_path / "escaped.json"
    target.write_text(text)
    return target


@pytest.mark.parametrize("item_id", ["NCP-3", "NCP-4", "NCP-9"])
def test_keys_written_with_escapes_are_read_as_json_defines_them(tmp_path, bundled, item_id):
    data = _escaped_keys(tmp_path, bundled)
    reports = json.loads(data.read_text())["reports"]
    assert len(reports) == 3
    result = hmic("--data", data, "update", item_id, "--status", "in-progress", "--on", date.today().isoformat())
    assert result.returncode == 0, stderr(result)
    after = json.loads(data.read_text())
    changed = [r["id"] for r, b in zip(after["recommendations"], bundled["recommendations"], strict=True) if r != b]
    assert changed == [item_id]
    assert after["recommendations"][[r["id"] for r in after["recommendations"]].index(item_id)]["status"] == (
        "in-progress")
    result = hmic("--data", data, "add", *WRITES["add"][1:])
    assert result.returncode == 0, stderr(result)
    after = json.loads(data.read_text())
    assert len(after["recommendations"]) == 10 and after["recommendations"][-1]["text"] == "New."
    assert after["reports"] == reports
    assert hmic("validate", data).returncode == 0


ACTIONS = ["##[error]legacy in text", "mid ##[add-mask]x", "#\\##[y", "###[z"]


@pytest.mark.parametrize("where", ["stdout", "output"])
def test_json_inside_github_actions_reads_back_unchanged(tmp_path, bundled, where):
    for rec, text in zip(bundled["recommendations"], ACTIONS, strict=False):
        rec["text"] = text
        rec["history"][0]["note"] = text
    data = tmp_path / "actions.json"
    data.write_text(json.dumps(bundled, indent=2))
    out = tmp_path / "out.json"
    extra = ["-o", out] if where == "output" else []
    result = hmic("--data", data, "list", "--all", "--format", "json", *extra, GITHUB_ACTIONS="true")
    assert result.returncode == 0, stderr(result)
    raw = out.read_bytes() if extra else result.stdout
    assert b"##[" not in raw
    texts = {r["id"]: (r["text"], r["history"][0]["note"]) for r in json.loads(raw)["recommendations"]}
    assert texts == {r["id"]: (r["text"], r["history"][0]["note"]) for r in bundled["recommendations"]}
    shown = hmic("--data", data, "show", "NCP-1", "--format", "json", GITHUB_ACTIONS="true")
    assert b"##[" not in shown.stdout and json.loads(shown.stdout)["text"] == ACTIONS[0]


def test_problems_under_escaped_keys_are_placed_where_they_are(tmp_path, bundled):
    """A bad value, and a key given twice, once with escapes: each placed at its own line and column."""
    bundled["recommendations"][2]["status"] = "bogus"
    text = json.dumps(bundled, indent=2).replace('"status": "bogus"', '"st\\u0061tus": "bogus"')
    text = text.replace('"id": "NCP-5",', '"id": "NCP-5",\n      "\\u0069d": "NCP-55",', 1)
    data = tmp_path / "escaped.json"
    data.write_text(text)
    lines = text.splitlines()
    where = {n + 1: line.index('"') + 1 for n, line in enumerate(lines) if "\\u00" in line}
    result = hmic("validate", data, "--format", "json")
    assert result.returncode == 3
    found = {(p["path"], p["line"], p["column"]) for p in json.loads(result.stdout)["files"][0]["problems"]}
    status_line = next(n for n in where if "bogus" in lines[n - 1])
    id_line = next(n for n in where if "NCP-55" in lines[n - 1])
    assert found == {("recommendations[2].status", status_line, where[status_line] + len('"st\\u0061tus": ')),
                     ("recommendations[4].id", id_line, where[id_line])}
