"""hmic's speed and memory, measured against references run side by side in the same run.

    python benchmarks/run.py [--runs 7] [--quick] [--skip-million] [--only REGEX] [--skip-figures]
                             [--out benchmarks/results.json] [--workdir DIR]

Every figure is the median wall time of several whole-process runs (interleaved with its
reference, so that load on a shared machine hits both alike), and every target is a ratio:

  A  hmic list --due six-months --format json (bundled data)   vs the floor: a minimal Typer app
     with one command and one option that imports pydantic's BaseModel, defines one model and
     prints []                                                    target <= 1.05
  B  the same in table format                                   vs the floor   target <= 1.2
  C  hmic list ... --format json on 100,000 records             vs jq running the same selection
                                                                  on the same file   target <= 1.0
  D  the same on 1,000,000 records: completes, peak RSS         vs jq's peak RSS   target <= 1.0
  E  list --all --format table of 1,000 rows                    vs --format json of the same rows
                                                                                    target <= 2.0

hmic validates every record, field and cross-reference on every run; jq validates nothing.

Then every command on 100,000 records (`COMMANDS` below), each against the reference
R = `list --due six-months --format json` on the same file: the two run in turn (R, command,
R, command, ...), and the figure is the median of the paired ratios, time and peak RSS (from
`os.wait4`). Commands that change the file (`update`, ...) run on a fresh copy each time, made
outside the timing. A row whose command exits other than 0 or 1 is reported as skipped, with the
command (the smoke test, tests/test_benchmark_smoke.py, fails on it, and on a command with no row).
Finally (unless --skip-million) each command once on 1,000,000 records: that it finishes, and
its peak RSS as a share of R's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR_APP = '''\
import typer
from pydantic import BaseModel


class Item(BaseModel):
    id: str


app = typer.Typer()


@app.command()
def main(due: str = "six-months") -> None:
    print("[]")


if __name__ == "__main__":
    app()
'''

JQ_FILTER = ('[.recommendations[] | select(.deadline == "six-months" and (.status == "open" '
             'or .status == "in-progress" or .status == "awaiting-sign-off"))]')
AS_OF = "2015-01-01"


def hmic_command() -> list[str]:
    """The installed console script beside this interpreter (what users run), else `python -m`."""
    script = Path(sys.executable).with_name("hmic")
    return [str(script)] if script.exists() else [sys.executable, "-m", "hmic_cli"]


def compile_hmic(env: dict) -> None:
    """Byte-compile the hmic_cli package that the measured `hmic` imports, as `pip install` does.

    The references' Typer and pydantic come byte-compiled from their wheels. An editable install
    (`pip install -e .`) run with PYTHONDONTWRITEBYTECODE set, as on the project's machine, would
    otherwise compile every hmic module from source on every run: tens of milliseconds that no
    user of an installed hmic pays, and most of figure A's budget."""
    where = subprocess.run([sys.executable, "-c", "import hmic_cli, os; print(os.path.dirname(hmic_cli.__file__))"],
                           capture_output=True, text=True, env=env, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], env=env, check=True)


def run_once(cmd: list[str], env: dict, cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) and exit code of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def compare(name: str, cmd: list[str], ref: list[str], runs: int, env: dict, warm: bool = True) -> dict:
    """Median of `runs` interleaved runs of `cmd` and `ref` (after one warm-up each, unless not `warm`)."""
    if warm:
        run_once(cmd, env), run_once(ref, env)
    times, ref_times, rss, ref_rss = [], [], [], []
    for _ in range(runs):
        for command, t_list, r_list in ((cmd, times, rss), (ref, ref_times, ref_rss)):
            seconds, peak, code = run_once(command, env)
            if code not in (0, 1):
                raise SystemExit(f"{name}: {' '.join(command)} exited {code}")
            t_list.append(seconds)
            r_list.append(peak)
    hmic, reference = statistics.median(times), statistics.median(ref_times)
    return {"name": name, "runs": runs, "seconds": hmic, "reference_seconds": reference,
            "ratio": hmic / reference, "peak_rss_kib": max(rss), "reference_peak_rss_kib": max(ref_rss),
            "command": " ".join(cmd), "reference": " ".join(ref)}


def generate(n: int, path: Path) -> None:
    """In a child process: this one must stay small, or its children's peak RSS would include it
    (Linux carries a parent's high-water mark into a forked child)."""
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(path)], check=True)


def check_same_selection(hmic: list[str], jq: str, data: Path, env: dict) -> int:
    """hmic and jq must select the same items, or the comparison means nothing (ids compared in
    child processes, for the reason `generate` gives)."""
    ids = "[.recommendations[].id] | sort | tostring"
    ours = subprocess.run(" ".join(map(shlex.quote, hmic)) + f" | {shlex.quote(jq)} -r {shlex.quote(ids)}",
                          shell=True, capture_output=True, env=env, text=True, check=True).stdout
    theirs = subprocess.run([jq, "-r", f"[{JQ_FILTER}[] | .id] | sort | tostring", str(data)],
                            capture_output=True, text=True, check=True).stdout
    if ours != theirs:
        raise SystemExit("hmic and jq selected different items")
    return ours.count(",") + 1 if ours.strip() != "[]" else 0


# Every command, against R = `list --due six-months --format json` on the same file. {data} is the
SHEET_ROWS = (1_000, 10_000)
STATUS_WORDS = ("Not started", "In progress", "On track", "Complete", "Proposed for closure", "Open", "Superseded")


def write_sheet(path: Path, rows: int) -> None:
    """A force's tracker as Excel keeps it (shared strings, a dimension), with a title row, Ref,
    Recommendation, Owner, Target date in mixed forms (date cells and text), Status in words, Latest
    update and RAG. Written with XlsxWriter (openpyxl's write-only mode leaves out the dimension, and
    openpyxl then reads the whole sheet once more just to size it: not what a force's file costs)."""
    from datetime import datetime

    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))  # shared strings, as Excel writes them (not constant_memory: inline)
    sheet = book.add_worksheet("Register")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Benchmark Police: recommendations register"])
    sheet.write_row(1, 0, ["Ref", "Recommendation", "Owner", "Target date", "Status", "Latest update", "RAG"])
    for n in range(1, rows + 1):
        row = n + 1
        sheet.write_string(row, 0, f"BT-{n}")
        sheet.write_string(row, 1, f"The force should improve benchmark process {n} in its custody and response "
                                   "arrangements.")
        sheet.write_string(row, 2, f"Officer {n % 40}")
        if n % 5 == 0:
            sheet.write_datetime(row, 3, datetime(2015, 1 + n % 12, 1 + n % 28), day)
        elif n % 5 != 4:
            sheet.write_string(row, 3, (f"{1 + n % 28}/{1 + n % 12}/2015", "March 2015", f"{1 + n % 28} June 2015")
                               [n % 5 - 1])
        sheet.write_string(row, 4, STATUS_WORDS[n % len(STATUS_WORDS)])
        if n % 3:
            sheet.write_string(row, 5, f"Update {n}.")
        sheet.write_string(row, 6, ("Red", "Amber", "Green")[n % 3])
    book.close()


# data file, {copy} a fresh copy of it (made before each run, outside the timing), {id} an item in
# the middle of the file, {out} a scratch output path; `target` the time ratio to meet. A row whose
# command exits other than 0 or 1 is reported as skipped, with the command.
RSS_TARGET = 1.3  # every command's peak RSS, as a share of R's
UPDATE_ROWS = (1_000, 10_000)  # owners' updates in the board pack's XLSX
COMMANDS: list[dict] = [
    {"name": "list table", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "table"],
     "target": 1.5},
    {"name": "list json", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "json"]},
    {"name": "list csv", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "csv"]},
    {"name": "list markdown", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "markdown"]},
    {"name": "list ics", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "ics"]},
    {"name": "show ID", "args": ["show", "{id}", "--as-of", AS_OF], "target": 1.2},
    *({"name": f"check {fmt}", "args": ["check", "--as-of", AS_OF, "--format", fmt], "target": 1.3}
      for fmt in ("text", "json", "junit", "github", "markdown")),
    {"name": "log table", "args": ["log", "--since", "2020-01-01", "--until", "2020-12-31", "--as-of", AS_OF,
                                   "--format", "table"], "target": 1.5},
    {"name": "log json", "args": ["log", "--since", "2020-01-01", "--until", "2020-12-31", "--as-of", AS_OF,
                                  "--format", "json"], "target": 1.3},
    {"name": "log table since", "args": ["log", "--since", "2020-01-01", "--as-of", AS_OF, "--format", "table"],
     "target": 1.5},  # every entry since a day: 39,000 of the 247,000 at 100,000 records (issue 25)
    *({"name": f"{cmd} {fmt}", "args": [cmd, "--as-of", AS_OF, "--format", fmt], "target": 1.3}
      for cmd in ("summary", "themes") for fmt in ("table", "json")),
    {"name": "validate", "args": ["validate", "{data}"], "target": 1.5},
    {"name": "update", "args": ["--data", "{copy}", "update", "{id}", "--status", "in-progress",
                                "--note", "Benchmark."], "target": 1.5, "rss_target": 1.3, "mutates": True},
    {"name": "schema", "args": ["schema"]},
    # L: every outstanding item in JSON (95,000 of the 100,000). Issue 33 words the board paper's targets against
    # `list --format json`, which is this (R selects a fifth of the items; the paper's register appendix lays out
    # every one), so the report rows are measured `against` it, paired in the same run as every row is with R.
    {"name": "list json every item", "args": ["list", "--as-of", AS_OF, "--format", "json", "--output",
                                              "{out}.json"], "rss_target": None},
    {"name": "report html", "args": ["report", "--as-of", AS_OF, "--format", "html", "--output", "{out}.html"],
     "target": 1.5, "against": "list json every item"},
    {"name": "report xlsx", "args": ["report", "--as-of", AS_OF, "--format", "xlsx", "--output", "{out}.xlsx"],
     "target": 3.0, "against": "list json every item"},
    {"name": "report docx", "args": ["report", "--as-of", AS_OF, "--format", "docx", "--output", "{out}.docx"],
     "against": "list json every item"},
    *({"name": name, "args": ["--data", "{copy}", *args], "target": 1.5, "rss_target": 1.3, "mutates": True}
      for name, args in (
          ("add", ["add", "--report", "report-1", "--text", "Benchmark item.", "--deadline", "six-months",
                   "--theme", "training"]),
          ("edit", ["edit", "{id}", "--owner", "Benchmark owner"]),
          ("waive", ["waive", "{id}", "--until", "2030-12-31", "--reason", "Benchmark."]),
          ("import --into", ["import", "{import}", "--into", "{copy}", "--report", "report-1",
                             "--as-of", AS_OF]),
          ("report add", ["report", "add", "--id", "bench-report", "--title", "Benchmark report",
                          "--force", "Benchmark Police", "--published", "2014-01-01"]),
          ("theme add", ["theme", "add", "bench-theme", "--label", "Benchmark theme"]),
      )),
    # A force's spreadsheet tracker of 1,000 and of 10,000 rows into the tracker (how the time grows with rows).
    *({"name": f"import xlsx {rows:,} rows", "args": [
        "--data", "{copy}", "import", f"{{sheet{rows}}}", "--into", "{copy}", "--title", "Benchmark tracker",
        "--force", "Benchmark Police", "--published", "2014-01-01", "--as-of", AS_OF, "--format", "json"],
       "target": None, "rss_target": None, "mutates": True} for rows in SHEET_ROWS),
]
# Between meetings (issue 21): they read two or three trackers, so their targets are 2.5x-3.5x R. {theirs} is
# the file with 1% of its items moved on (a history entry, an owner), {repo} the file committed in a git
# repository with those changes on top; `remind` reads the owners' addresses from hmic.toml in the workdir.
COMMANDS += [
    {"name": "diff json", "args": ["diff", "{data}", "{theirs}", "--as-of", AS_OF, "--format", "json"],
     "target": 2.5, "rss_target": 2.5},
    {"name": "merge", "args": ["merge", "{data}", "{copy}", "{theirs}"], "target": 3.5, "rss_target": 3.5,
     "mutates": True},
    {"name": "check --against", "args": ["--data", "{repo}", "check", "--against", "HEAD", "--fail-on", "never",
                                         "--as-of", AS_OF, "--format", "json"], "target": 2.5, "rss_target": 2.5},
    {"name": "remind markdown", "args": ["remind", "--as-of", AS_OF], "target": 1.3},
    # Issue 34: the record guard over long histories (its comparison is linear): {repo_long} is the file with
    # ten items given 2,000 history entries each, committed, then 8,000 of those entries rewritten on top.
    {"name": "check --against long histories", "args": ["--data", "{repo_long}", "check", "--against", "HEAD",
                                                        "--fail-on", "never", "--as-of", AS_OF, "--format", "json"],
     "target": 2.5, "rss_target": 2.5, "exit": 1},  # the rewrites fail the guard whatever --fail-on says
]
# A team's tracker (issue 20) and bringing in owners' updates (issue 22): {awaiting} is an item awaiting
# sign-off in {v2}, the data file migrated to schema_version 2 (a sign-off's copy is made from it: `mutates`
# names the file to copy); {updates1000} and {updates10000} the board pack's Recommendations sheet with that
# many owners' updates (how the time grows with them).
# `config` and `init` read no tracker: their figures are start-up (no target).
COMMANDS += [
    {"name": "sign-off", "args": ["--data", "{copy}", "sign-off", "{awaiting}", "--by", "Benchmark approver"],
     "target": 1.5, "mutates": "{v2}"},
    # migrate rewrites every record once in a tracker's life: held to its first measured figures (2.6x, 1.75x)
    {"name": "migrate", "args": ["migrate", "{copy}"], "target": 3.0, "rss_target": 2.0, "mutates": True},
    *({"name": f"import --updates {rows:,} rows", "args": [
        "--data", "{copy}", "import", f"{{updates{rows}}}", "--updates", "--into", "{copy}", "--format", "json"],
       "target": 1.5 if rows == 1_000 else None, "rss_target": RSS_TARGET if rows == 1_000 else None,
       "mutates": True} for rows in UPDATE_ROWS),
    # Every issuer (issue 32), on the tracker at schema_version 2.
    {"name": "supersede", "args": ["--data", "{copy}", "supersede", "{awaiting}", "--by", "{open}", "--reason",
                                   "Benchmark."], "target": 1.5, "mutates": "{v2}"},
    {"name": "report edit --issuer", "args": ["--data", "{copy}", "report", "edit", "report-1", "--issuer", "coroner"],
     "target": 1.5, "mutates": "{v2}"},
    *({"name": f"themes --by-issuer {fmt}", "args": ["--data", "{v2}", "themes", "--by-issuer", "--as-of", AS_OF,
                                                     "--format", fmt], "target": 1.5} for fmt in ("table", "json")),
    # the same selection as R (--due six-months), less what moved in the 30 days: --stale's own cost
    {"name": "list --stale", "args": ["--data", "{v2}", "list", "--due", "six-months", "--stale", "30",
                                      "--as-of", AS_OF, "--format", "json"], "target": 1.5},
    {"name": "config", "args": ["config"], "target": None},
    {"name": "init", "args": ["init", "{out}-init.json", "--force", "--no-config"], "target": None},
]
OWNERS_TOML = """verify_after_days = 0
[owners]
"Head of Public Protection" = "hopp@force.example"
"Detective Superintendent" = "det.supt@force.example"
"Chief Inspector" = "ch.insp@force.example"
"""
VARIANT = r"""
import json, sys
from datetime import date, timedelta
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for n, rec in enumerate(doc["recommendations"]):
    if n % 100 == 0:
        last = rec["history"][-1]
        day = (date.fromisoformat(last["on"]) + timedelta(days=1)).isoformat()
        rec["history"].append({"on": day, "status": rec["status"], "note": "Progress recorded on another branch."})
    if n % 300 == 7:
        rec["owner"] = "Chief Inspector" if rec.get("owner") != "Chief Inspector" else "Detective Superintendent"
with open(sys.argv[2], "w", encoding="utf-8") as out:
    head = {k: v for k, v in doc.items() if k != "recommendations"}
    out.write(json.dumps(head, indent=2)[:-2] + ',\n  "recommendations": [\n')
    out.write(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in doc["recommendations"]))
    out.write("\n  ]\n}\n")
"""


LONG_HISTORIES = r"""
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
for stage, path in (("committed", sys.argv[2]), ("rewritten", sys.argv[3])):
    for rec in doc["recommendations"][:10]:
        last = rec["history"][-1]
        if stage == "committed":
            rec["history"] += [{"on": last["on"], "status": rec["status"], "note": f"Progress {k}."}
                               for k in range(2000)]
        else:
            for entry in rec["history"][-2000:-1200]:
                entry["note"] += " (rewritten)"
    with open(path, "w", encoding="utf-8") as out:
        head = {k: v for k, v in doc.items() if k != "recommendations"}
        out.write(json.dumps(head, indent=2)[:-2] + ',\n  "recommendations": [\n')
        out.write(",\n".join("    " + json.dumps(r, ensure_ascii=False) for r in doc["recommendations"]))
        out.write("\n  ]\n}\n")
"""


def long_history_repo(data: Path, work: Path, n: int, env: dict) -> str:
    """A repository whose tracker has long histories, with 8,000 entries rewritten in the working copy."""
    repo = work / f"git-long-{n}"
    tracker = repo / "tracker.json"
    if not (repo / ".git").exists():
        repo.mkdir(exist_ok=True)
        rewritten = work / f"rewritten-{n}.json"
        subprocess.run([sys.executable, "-c", LONG_HISTORIES, str(data), str(tracker), str(rewritten)], check=True)
        for args in (["init", "-q"], ["add", "tracker.json"], ["commit", "-q", "-m", "tracker"]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
        shutil.copyfile(rewritten, tracker)
    return str(tracker)


def between_files(data: Path, work: Path, n: int) -> dict:
    """The second tracker, the git repository and the project file the between-meetings rows use (made
    once, in child processes, outside the timing)."""
    theirs = work / f"theirs-{n}.json"
    if not theirs.exists():
        subprocess.run([sys.executable, "-c", VARIANT, str(data), str(theirs)], check=True)
    repo = work / f"git-{n}"
    tracker = repo / "tracker.json"
    if not (repo / ".git").exists():
        repo.mkdir(exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
            "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example", "GIT_COMMITTER_NAME": "bench",
            "GIT_COMMITTER_EMAIL": "bench@example", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        shutil.copyfile(data, tracker)
        for args in (["init", "-q"], ["add", "tracker.json"], ["commit", "-q", "-m", "tracker"]):
            subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
        shutil.copyfile(theirs, tracker)
    (work / "hmic.toml").write_text(OWNERS_TOML, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
        "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example", "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    return {"theirs": str(theirs), "repo": str(tracker), "repo_long": long_history_repo(data, work, n, env)}


TEAM_FILES = r"""
import json, sys
import xlsxwriter
data, updates = sys.argv[1], sys.argv[2:]
records = json.load(open(data, encoding="utf-8"))["recommendations"]
print(next(r["id"] for r in records if r["status"] == "awaiting-sign-off"))
print(next(r["id"] for r in records if r["status"] == "open"))  # another outstanding item (supersede's NEW)
for path in updates:
    rows = int(path.rsplit("-", 1)[1].split(".")[0])
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Recommendations")
    sheet.write_row(0, 0, ["ID", "Status", "Update", "Evidence", "Updated by", "Updated on"])
    row = 0
    for r in records:
        if r["status"] in ("open", "in-progress") and row < rows:
            row += 1
            sheet.write_row(row, 0, [r["id"], "In progress", f"Benchmark update {row}.", "", "Benchmark owner", ""])
    book.close()
"""


# The inspectorate's cycle (issue 31): {cycle} is the data at schema_version 2 with an extension waiting for
# approval on {pending}; {closed} a complete item (verified or reopened); hmic.toml in the workdir sets
# verify_after_days = 0 (OWNERS_TOML). Each write runs on a fresh copy of {cycle}.
COMMANDS += [
    {"name": "reports table", "args": ["reports", "--as-of", AS_OF], "target": 1.3},
    {"name": "reports json", "args": ["reports", "--as-of", AS_OF, "--format", "json"], "target": 1.3},
    *({"name": f"respond {fmt}", "args": ["respond", "report-1", "--as-of", AS_OF, "--format", fmt, "--output",
                                          f"{{out}}-response.{fmt}", "--marking", "OFFICIAL"], "target": 1.5}
      for fmt in ("markdown", "html", "docx")),
    {"name": "list hmicfrs", "args": ["list", "--due", "six-months", "--as-of", AS_OF, "--format", "hmicfrs"],
     "target": 1.3},
    *({"name": name, "args": ["--data", "{copy}", *args], "target": 1.5, "rss_target": 1.3, "mutates": "{cycle}"}
      for name, args in (
          ("verify", ["verify", "{closed}", "--note", "Benchmark.", "--by", "Benchmark verifier"]),
          ("reopen", ["reopen", "{closed}", "--reason", "Benchmark.", "--by", "Benchmark owner"]),
          ("approve", ["approve", "{pending}", "--by", "Benchmark approver"]),
          ("report edit", ["report", "edit", "report-1", "--response-days", "56"]),
          ("update --inspectorate", ["update", "{closed}", "--inspectorate", "complete"]),
      )),
]
CYCLE_FILES = r"""
import json, sys
recs = json.load(open(sys.argv[1], encoding="utf-8"))["recommendations"]
middle = len(recs) // 2
closed = next(r for r in recs[middle:] + recs if r["status"] == "complete" and r.get("owner") != "Benchmark verifier")
pending = next(r for r in recs[middle:] + recs if r["status"] in ("open", "in-progress"))
print(closed["id"], pending["id"])
"""


def cycle_files(data: Path, work: Path, n: int) -> dict:
    """The tracker the cycle's writes start from (the data migrated, and an extension asked for through hmic
    itself, so the file keeps the generator's layout), its ids, and hmic.toml (outside the timing)."""
    cycle = work / f"cycle-{n}.json"
    shutil.copyfile(data, cycle)
    subprocess.run([*hmic_command(), "migrate", str(cycle)], check=True, capture_output=True)
    done = subprocess.run([sys.executable, "-c", CYCLE_FILES, str(cycle)], check=True, capture_output=True, text=True)
    closed, pending = done.stdout.split()
    env = os.environ | {"HMIC_EXTENSIONS_NEED_APPROVAL": "true"}
    subprocess.run([*hmic_command(), "--data", str(cycle), "edit", pending, "--due", "2031-12-31", "--reason",
                    "Benchmark.", "--category", "resources", "--by", "Benchmark owner"], check=True,
                   capture_output=True, env=env)
    (work / "hmic.toml").write_text(OWNERS_TOML, encoding="utf-8")
    return {"cycle": str(cycle), "closed": closed, "pending": pending}


def team_files(data: Path, work: Path, n: int) -> dict:
    """An item awaiting sign-off, the data at schema_version 2 and the owners' updates sheet (in child
    processes, outside the timing)."""
    updates, v2 = {rows: work / f"updates-{n}-{rows}.xlsx" for rows in UPDATE_ROWS}, work / f"v2-{n}.json"
    done = subprocess.run([sys.executable, "-c", TEAM_FILES, str(data), *map(str, updates.values())], check=True,
                          capture_output=True, text=True)
    if not v2.exists():
        shutil.copyfile(data, v2)
        subprocess.run([*hmic_command(), "migrate", str(v2)], check=True, capture_output=True)
    awaiting, other = done.stdout.split()
    return {"awaiting": awaiting, "open": other, "v2": str(v2)} | {f"updates{rows}": str(path)
                                                                for rows, path in updates.items()}


IMPORT_TEXT = """Recommendations

Within six months, the force should write a benchmark plan for its custody suites.

Immediately, the force should brief its staff on the benchmark plan.
"""


def fill(args: list[str], places: dict) -> list[str]:
    return [a.format(**places) for a in args]


def places_for(data: Path, n: int, work: Path, pattern: re.Pattern | None = None) -> dict:
    """What the rows' {names} stand for on `data` (n records): the files each row needs, made in `work`
    (only those of the rows `pattern` selects)."""
    places = {"data": str(data), "copy": str(work / f"copy-{n}.json"), "id": f"R{max(1, n // 2)}",
              "out": str(work / "out"), "import": str(work / "import.txt")}
    (work / "import.txt").write_text(IMPORT_TEXT, encoding="utf-8")
    for rows in SHEET_ROWS:
        places[f"sheet{rows}"] = str(work / f"tracker-{rows}.xlsx")
        if (not pattern or pattern.search(f"import xlsx {rows:,} rows")) and not Path(places[f"sheet{rows}"]).exists():
            write_sheet(Path(places[f"sheet{rows}"]), rows)
    if any(not pattern or pattern.search(row["name"]) for row in COMMANDS if "{theirs}" in str(row["args"])
           or "{repo" in str(row["args"]) or row["name"].startswith("remind")):
        places |= between_files(data, work, n)
    if any(not pattern or pattern.search(row["name"]) for row in COMMANDS if "{awaiting}" in str(row["args"])
           or "{updates" in str(row["args"]) or "{v2}" in str(row["args"])):
        places |= team_files(data, work, n)
    if any(not pattern or pattern.search(row["name"]) for row in COMMANDS if "{cycle}" in str(row.get("mutates"))
           or row["name"].startswith(("respond", "reports"))):
        places |= cycle_files(data, work, n)
    return places


def measure_commands(hmic: list[str], data: Path, n: int, runs: int, env: dict, work: Path,
                     pattern: re.Pattern | None, one_reference: bool = False) -> list[dict]:
    """Each row of COMMANDS against R on `data` (or against the row it names in `against`): medians of paired
    time and peak-RSS ratios. With `one_reference` (--quick: a smoke test of every row, not figures) each
    reference runs once for all its rows."""
    copy = work / f"copy-{n}.json"
    places = places_for(data, n, work, pattern)
    by_name = {row["name"]: row for row in COMMANDS}
    results: list[dict] = []
    shared: dict[str, tuple] = {}  # --quick: a reference's one run, by its command
    for row in COMMANDS:
        if pattern and not pattern.search(row["name"]):
            continue
        base = {"name": row["name"], "records": n}
        reference = hmic + ["--data", str(data)] + fill(by_name[row.get("against", "list json")]["args"], places)
        if one_reference and " ".join(reference) not in shared:
            shared[" ".join(reference)] = run_once(reference, env)
        shared_reference = shared.get(" ".join(reference))
        args = fill(row["args"], places)
        cmd = hmic + (args if args[0] == "--data" else ["--data", str(data)] + args)
        times, ref_times, peaks, ref_peaks, ratios, rss_ratios = [], [], [], [], [], []
        failed = None
        warm = 1 if runs > 1 else 0  # the first pair warms the caches and is not counted (not at 1M: one pair)
        for attempt in range(runs + warm):
            ref_s, ref_kib, _ = shared_reference or run_once(reference, env)
            if row.get("mutates"):
                shutil.copyfile(row["mutates"].format(**places) if isinstance(row["mutates"], str) else data, copy)
            seconds, kib, code = run_once(cmd, env, cwd=work)
            if code not in (0, 1):
                failed = f"exited {code}: {' '.join(cmd)}"
                break
            if attempt >= warm:
                times.append(seconds), ref_times.append(ref_s), peaks.append(kib), ref_peaks.append(ref_kib)
                ratios.append(seconds / ref_s), rss_ratios.append(kib / ref_kib)
        if failed:
            results.append(base | {"skipped": failed})
            continue
        results.append(base | {
            "runs": runs, "seconds": statistics.median(times), "reference_seconds": statistics.median(ref_times),
            "ratio": statistics.median(ratios), "target": row.get("target"),
            "peak_rss_kib": statistics.median(peaks), "reference_peak_rss_kib": statistics.median(ref_peaks),
            "rss_ratio": statistics.median(rss_ratios), "rss_target": row.get("rss_target", RSS_TARGET),
            # (a row may set its targets to None: figures to read, no pass or fail)
            "command": " ".join(cmd), "reference": " ".join(reference), "against": row.get("against", "R")})
    return results


def verdict(value: float | None, target: float | None) -> str:
    if value is None or target is None:
        return ""
    return "PASS" if value <= target else "FAIL"


def markdown_commands(rows: list[dict], n: int, times: bool) -> str:
    """The command figures as a Markdown table."""
    out = [f"\n### Every command on {n:,} records, against R = `list --due six-months --format json`, or where a row "
           "says so against L = `list --format json` (every outstanding item)\n"]
    if times:
        out += ["| command | s | reference s | time ratio | target | | peak RSS MiB | RSS ratio | target | |",
                "|---|---:|---:|---:|---:|---|---:|---:|---:|---|"]
    else:
        out += ["| command | s (one run) | reference s | peak RSS MiB | RSS ratio | target | |",
                "|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        if "skipped" in r:
            out.append(f"| {r['name']} | skipped: {r['skipped']} |" + " |" * (8 if times else 5))
            continue
        name = r["name"] + (" (against L)" if r.get("against", "R") != "R" else "")
        rss_target = f"≤ {r['rss_target']}" if r.get("rss_target") else "-"
        rss = f"{r['peak_rss_kib'] / 1024:.0f} | {r['rss_ratio']:.2f} | {rss_target} | " \
              f"{verdict(r['rss_ratio'], r.get('rss_target'))} |"
        if times:
            target = f"≤ {r['target']}" if r.get("target") else "-"
            out.append(f"| {name} | {r['seconds']:.2f} | {r['reference_seconds']:.2f} | {r['ratio']:.2f} | "
                       f"{target} | {verdict(r['ratio'], r.get('target'))} | {rss}")
        else:
            out.append(f"| {name} | {r['seconds']:.1f} | {r['reference_seconds']:.1f} | {rss}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7,
                        help="runs per figure, median taken (A, B and E, which are short, get three times as many)")
    parser.add_argument("--quick", action="store_true",
                        help="tiny datasets, one run each and one R for all commands: a smoke test of every row")
    parser.add_argument("--skip-million", action="store_true", help="leave out the 1,000,000-record runs (D and the "
                                                                     "commands' memory)")
    parser.add_argument("--skip-figures", action="store_true", help="leave out A-E: only the commands")
    parser.add_argument("--skip-100k", action="store_true", help="leave out the commands on 100,000 records")
    parser.add_argument("--only", type=re.compile, help="only the commands whose name matches this regex")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--workdir", type=Path, help="where datasets go (default: a temporary folder)")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    short_runs = 1 if args.quick else 3 * args.runs
    sizes = {"C": 1_000 if args.quick else 100_000, "D": 2_000 if args.quick else 1_000_000, "E": 1_000}
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMIC_")} | {"COLUMNS": "120"}
    for name in ("FORCE_COLOR", "GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS"):
        env.pop(name, None)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="hmic-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    floor = work / "floor_app.py"
    floor.write_text(FLOOR_APP)
    hmic = hmic_command()
    compile_hmic(env)
    floor_cmd = [sys.executable, str(floor), "--due", "six-months"]
    jq = shutil.which("jq")
    results = []

    def dataset(n: int) -> Path:
        data = work / f"data-{n}.json"
        if not data.exists():
            generate(n, data)
        return data

    six = ["list", "--due", "six-months", "--as-of", AS_OF]
    if not args.skip_figures:
        results += figures(args, hmic, six, floor_cmd, jq, dataset, sizes, runs, short_runs, env)

    commands = []
    if not args.skip_100k:
        commands = measure_commands(hmic, dataset(sizes["C"]), sizes["C"], runs, env, work, args.only,
                                    one_reference=args.quick)
    million = []
    if not args.skip_million:
        million = measure_commands(hmic, dataset(sizes["D"]), sizes["D"], 1, env, work, args.only)

    report = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "quick": args.quick, "results": results, "commands": commands, "million": million}
    if results:
        print_figures(results)
    if commands:
        print(markdown_commands(commands, sizes["C"], True))
    if million:
        print(markdown_commands(million, sizes["D"], False))
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"\nwritten: {args.out}")


def figures(args, hmic, six, floor_cmd, jq, dataset, sizes, runs, short_runs, env) -> list[dict]:
    """Targets A-E (with --quick: one run each, no warm-up)."""
    warm = not args.quick
    results = [
        compare("A json, bundled vs floor", hmic + six + ["--format", "json"], floor_cmd, short_runs, env, warm)
        | {"target": 1.05},
        compare("B table, bundled vs floor", hmic + six + ["--format", "table"], floor_cmd, short_runs, env, warm)
        | {"target": 1.2},
    ]
    for key in ("C", "D"):
        if key == "D" and args.skip_million:
            continue
        n = sizes[key]
        data = dataset(n)
        cmd = hmic + ["--data", str(data)] + six + ["--format", "json"]
        if jq is None:
            results.append({"name": f"{key} {n:,} records vs jq", "skipped": "jq is not installed"})
            continue
        selected = check_same_selection(cmd, jq, data, env)
        result = compare(f"{key} json, {n:,} records vs jq", cmd, [jq, JQ_FILTER, str(data)],
                         runs if key == "C" else 1, env, warm)
        result |= {"records": n, "selected": selected, "file_bytes": data.stat().st_size}
        if key == "C":
            result["target"] = 1.0
        else:
            result["memory_ratio"] = result["peak_rss_kib"] / result["reference_peak_rss_kib"]
            result["memory_target"] = 1.0
        results.append(result)
    rows = dataset(sizes["E"])
    table_cmd = hmic + ["--data", str(rows), "list", "--all", "--as-of", AS_OF, "--format"]
    results.append(compare("E table vs json, 1,000 rows", table_cmd + ["table"], table_cmd + ["json"], short_runs,
                           env, warm) | {"target": 2.0})
    return results


def print_figures(results: list[dict]) -> None:
    print(f"{'figure':<36} {'hmic s':>8} {'ref s':>8} {'ratio':>7} {'target':>7}  {'RSS MiB':>8} {'ref MiB':>8}")
    for r in results:
        if "skipped" in r:
            print(f"{r['name']:<36} skipped: {r['skipped']}")
            continue
        target = r.get("target")
        mark = "" if target is None else ("PASS" if r["ratio"] <= target else "FAIL")
        print(f"{r['name']:<36} {r['seconds']:8.3f} {r['reference_seconds']:8.3f} {r['ratio']:7.3f} "
              f"{'' if target is None else f'<= {target}':>7}  {r['peak_rss_kib'] / 1024:8.1f} "
              f"{r['reference_peak_rss_kib'] / 1024:8.1f} {mark}")
        if "memory_ratio" in r:
            ok = "PASS" if r["memory_ratio"] <= r["memory_target"] else "FAIL"
            print(f"{'  D peak RSS, hmic / jq':<36} {'':>8} {'':>8} {r['memory_ratio']:7.3f} {'<= 1.0':>7}  {ok}")


if __name__ == "__main__":
    main()
