"""`hmic import` stays linear in its input: each shape that once took minutes, at three sizes a factor
of ten apart, timed as a whole `hmic import FILE --format json` process (preview: finding, ids,
themes and the same validation as a write).

    python benchmarks/import_scaling.py [--runs 3] [--max-step 13] [--only REGEX] [--scale 1.0]

Prints a table (shape, size, median seconds, growth over the size before) and exits 1 when a step
grows by more than --max-step (default 13: tenfold input, tenfold time, plus room for a shared
machine's noise). A quadratic step grows a hundredfold. Each shape is built to hit what was slow:

  bullet-spaces   "- The force should" + N spaces + "- review ..." (a dash after a space run)
  ideographic     a paragraph "The force should" + N ideographic spaces (U+3000) + "review ..."
  md-heading      a Markdown "# Recommendations" + N spaces, then a list item
  underscores     a Markdown item with N underscores before a letter ("form____B": emphasis markers)
  items           "Recommendations" and N list items (id allocation, themes, validation)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REC = "The force should review its custody training."
SHAPES = {
    "bullet-spaces": (".txt", 2_000, lambda n: f"Recommendations\n\n- The force should{' ' * n}- review its policy.\n"),
    "ideographic": (".txt", 2_000, lambda n: f"Recommendations\n\nThe force should{chr(0x3000) * n}review it.\n"),
    "md-heading": (".md", 6_000, lambda n: f"# Recommendations{' ' * n}\n\n- {REC}\n"),
    "underscores": (".md", 2_000,
                    lambda n: f"# Recommendations\n\n- {REC}\n\n- The force should sign form{'_' * n}B.\n"),
    "items": (".txt", 200, lambda n: "Recommendations\n\n" + "".join(
        f"- The force should review procedure {i} of its custody suites.\n" for i in range(n))),
}


def hmic() -> list[str]:
    found = shutil.which("hmic")
    return [found] if found else [sys.executable, "-m", "hmic_cli"]


def timed(path: Path) -> float:
    command = [*hmic(), "import", str(path), "--published", "2024-01-31", "--force", "Benchmark Police",
               "--title", "Scaling", "--format", "json"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env={**os.environ, "NO_COLOR": "1"}, timeout=3600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: exit {done.returncode}: {done.stderr.decode()[:500]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--max-step", type=float, default=13.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (e.g. 0.1 for a quick look)")
    args = parser.parse_args(argv)
    failed = []
    print(f"{'shape':<14} {'size':>9} {'seconds':>8} {'growth':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (suffix, base, make) in SHAPES.items():
            if args.only and not re.search(args.only, name):
                continue
            previous = None
            for step in range(3):
                size = max(1, int(base * args.scale)) * 10 ** step
                path = Path(folder) / f"{name}-{size}{suffix}"
                path.write_text(make(size), encoding="utf-8")
                seconds = statistics.median(timed(path) for _ in range(args.runs))
                growth = seconds / previous if previous else None
                print(f"{name:<14} {size:>9,} {seconds:>8.2f} {'' if growth is None else f'{growth:.1f}x':>7}",
                      flush=True)
                if growth is not None and growth > args.max_step:
                    failed.append(f"{name}: {growth:.1f}x from {size // 10:,} to {size:,}")
                previous = seconds
    for line in failed:
        print(f"grows faster than linear: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
