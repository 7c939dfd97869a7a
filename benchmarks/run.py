"""hmic's speed and memory, measured against references run side by side in the same run.

    python benchmarks/run.py [--runs 7] [--quick] [--skip-million] [--out benchmarks/results.json]

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
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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


def run_once(cmd: list[str], env: dict) -> tuple[float, int, int]:
    """Wall seconds, peak RSS (KiB) and exit code of one whole process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss, proc.returncode


def compare(name: str, cmd: list[str], ref: list[str], runs: int, env: dict) -> dict:
    """Median of `runs` interleaved runs of `cmd` and `ref` (after one warm-up each)."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7,
                        help="runs per figure, median taken (A, B and E, which are short, get three times as many)")
    parser.add_argument("--quick", action="store_true", help="tiny datasets and 2 runs: a smoke test, not figures")
    parser.add_argument("--skip-million", action="store_true", help="leave out D (1,000,000 records)")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--workdir", type=Path, help="where datasets go (default: a temporary folder)")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    short_runs = 2 if args.quick else 3 * args.runs
    sizes = {"C": 1_000 if args.quick else 100_000, "D": 2_000 if args.quick else 1_000_000, "E": 1_000}
    env = {k: v for k, v in os.environ.items() if not k.startswith("HMIC_")} | {"COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="hmic-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    floor = work / "floor_app.py"
    floor.write_text(FLOOR_APP)
    hmic = hmic_command()
    floor_cmd = [sys.executable, str(floor), "--due", "six-months"]
    jq = shutil.which("jq")
    results = []

    six = ["list", "--due", "six-months", "--as-of", AS_OF]
    results.append(compare("A json, bundled vs floor", hmic + six + ["--format", "json"], floor_cmd, short_runs,
                           env) | {"target": 1.05})
    results.append(compare("B table, bundled vs floor", hmic + six + ["--format", "table"], floor_cmd, short_runs,
                           env) | {"target": 1.2})

    for key in ("C", "D"):
        if key == "D" and args.skip_million:
            continue
        n = sizes[key]
        data = work / f"data-{n}.json"
        if not data.exists():
            generate(n, data)
        cmd = hmic + ["--data", str(data)] + six + ["--format", "json"]
        if jq is None:
            results.append({"name": f"{key} {n:,} records vs jq", "skipped": "jq is not installed"})
            continue
        selected = check_same_selection(cmd, jq, data, env)
        result = compare(f"{key} json, {n:,} records vs jq", cmd, [jq, JQ_FILTER, str(data)],
                         runs if key == "C" else 1, env)
        result |= {"records": n, "selected": selected, "file_bytes": data.stat().st_size}
        if key == "C":
            result["target"] = 1.0
        else:
            result["memory_ratio"] = result["peak_rss_kib"] / result["reference_peak_rss_kib"]
            result["memory_target"] = 1.0
        results.append(result)

    rows = work / "data-1000.json"
    if not rows.exists():
        generate(sizes["E"], rows)
    table_cmd = hmic + ["--data", str(rows), "list", "--all", "--as-of", AS_OF, "--format"]
    results.append(compare("E table vs json, 1,000 rows", table_cmd + ["table"], table_cmd + ["json"], short_runs,
                           env) | {"target": 2.0})

    report = {"python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "quick": args.quick, "results": results}
    print(f"{'figure':<36} {'hmic s':>8} {'ref s':>8} {'ratio':>7} {'target':>7}  {'RSS MiB':>8} {'ref MiB':>8}")
    for r in results:
        if "skipped" in r:
            print(f"{r['name']:<36} skipped: {r['skipped']}")
            continue
        target = r.get("target")
        mark = "" if target is None else ("ok" if r["ratio"] <= target else "MISSED")
        print(f"{r['name']:<36} {r['seconds']:8.3f} {r['reference_seconds']:8.3f} {r['ratio']:7.3f} "
              f"{'' if target is None else f'<= {target}':>7}  {r['peak_rss_kib'] / 1024:8.1f} "
              f"{r['reference_peak_rss_kib'] / 1024:8.1f} {mark}")
        if "memory_ratio" in r:
            ok = "ok" if r["memory_ratio"] <= r["memory_target"] else "MISSED"
            print(f"{'  D peak RSS, hmic / jq':<36} {'':>8} {'':>8} {r['memory_ratio']:7.3f} {'<= 1.0':>7}  {ok}")
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
