"""How well `hmic import` finds what a reader counts in real reports: precision, recall and the
accuracy of each found item's deadline, due date and type, over a hand-labelled corpus.

    python benchmarks/corpus.py [--corpus ../shared/corpus] [--require 0.95] [--verbose] [--hmic hmic]

The corpus (not part of this repository: its texts are Crown copyright and stay where they are) is a
folder of report texts with `expected.json` beside them; its README gives the format and the matching
rule, which this script follows:

* each file is imported as `hmic import FILE --published P --format json` in a real `hmic` process
  (exit 3 "nothing found" counts as no items). When that exits 2 because the text does not say the
  force or title, it is run again with `--force`/`--title` given and the file is marked in the
  "meta" column, so finding and metadata are measured apart;
* texts are compared after NFKC, curly quotes to straight, dashes to hyphens, whitespace runs to one
  space, lower case. Output items are taken in order; each pairs with the first unpaired expected
  item whose `key` occurs in its text or quote; an unpaired item holding some expected item's
  `split_ok_key` is an acceptable split (not counted); any other is a false positive (a "trap" when
  it overlaps a `not_recommendations` text). Optional expected items are left out of the counts;
* precision = paired / (paired + false positives); recall = paired / expected; the deadline, due
  date and type of each paired item are checked (`deadline_also_ok`, an accepted `immediate`
  reading due on the publication date).

It prints a line per file and the overall figures (micro-averaged over all items), then per rule
(the `rule` that took each item): items, paired, false positives and items marked `check`. With
`--require R` it exits 1 when overall precision or recall is below R, or any paired item's deadline,
due date or type is wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"',
                         "–": "-", "—": "-", "‒": "-", "―": "-", "‐": "-", "‑": "-", "−": "-"})


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.split()).lower()


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0
    paired: int = 0
    false_positives: int = 0
    traps: int = 0
    splits: int = 0
    deadline_ok: int = 0
    due_ok: int = 0
    type_ok: int = 0
    meta: str = ""
    notes: list[str] = field(default_factory=list)
    rules: dict[str, list[int]] = field(default_factory=dict)  # rule -> [items, paired, false positives, check]

    @property
    def precision(self) -> float:
        counted = self.paired + self.false_positives
        return self.paired / counted if counted else 1.0

    @property
    def recall(self) -> float:
        return self.paired / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        for name in ("expected", "found", "paired", "false_positives", "traps", "splits", "deadline_ok",
                     "due_ok", "type_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for rule, counts in other.rules.items():
            mine = self.rules.setdefault(rule, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                mine[i] += n


def run_import(hmic: list[str], path: Path, published: str) -> tuple[list[dict], str]:
    """The items `hmic import` finds in `path`, and a note when the force or title had to be given."""
    command = [*hmic, "import", str(path), "--published", published, "--format", "json"]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    meta = ""
    if done.returncode == 2 and ("--force" in done.stderr or "--title" in done.stderr):
        meta = "given"
        done = subprocess.run(command + ["--force", "Not read", "--title", "Not read"], capture_output=True,
                              text=True, env=env, timeout=300)
    if done.returncode == 3 and ("were found" in done.stderr or "nothing open to import" in done.stderr):
        return [], meta
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: hmic import exited {done.returncode}:\n{done.stderr}")
    return json.loads(done.stdout)["recommendations"], meta


def score(name: str, label: dict, items: list[dict], meta: str) -> Score:
    result = Score(name, meta=meta, found=len(items))
    expected = label.get("recommendations", [])
    keys = [normalise(e["key"]) for e in expected]
    splits = [normalise(e["split_ok_key"]) for e in expected if e.get("split_ok_key")]
    traps = [normalise(t["text"]) for t in label.get("not_recommendations", [])]
    result.expected = sum(1 for e in expected if not e.get("optional"))
    paired: set[int] = set()
    for got in items:
        words = normalise(got.get("text")) + "\n" + normalise(got.get("quote"))
        index = next((i for i, key in enumerate(keys) if i not in paired and key in words), None)
        counts = result.rules.setdefault(got.get("rule") or "-", [0, 0, 0, 0])
        counts[0] += 1
        counts[3] += got.get("confidence") == "check"
        if index is not None and not expected[index].get("optional"):
            counts[1] += 1
        if index is None and not any(key in words for key in splits):
            counts[2] += 1
        if index is None:
            if any(key in words for key in splits):
                result.splits += 1
                continue
            result.false_positives += 1
            trap = any(t in words or normalise(got.get("text")) in t or t[:40] in words for t in traps if t)
            result.traps += trap
            result.notes.append(f"false positive{' (trap)' if trap else ''}: {got.get('text', '')[:90]!r}")
            continue
        paired.add(index)
        want = expected[index]
        if want.get("optional"):
            continue
        result.paired += 1
        deadline = None if got["deadline"] == "none" else got["deadline"]
        also = [None if d == "none" else d for d in want.get("deadline_also_ok", [])]
        if deadline == want.get("deadline") or deadline in also:
            result.deadline_ok += 1
        else:
            result.notes.append(f"deadline {deadline} (want {want.get('deadline')}): {want['key'][:60]!r}")
        due_ok = got.get("due_date") == want.get("due_date") or (
            deadline == "immediate" and "immediate" in also and got.get("due_date") == label.get("published"))
        if due_ok:
            result.due_ok += 1
        else:
            result.notes.append(f"due {got.get('due_date')} (want {want.get('due_date')}): {want['key'][:60]!r}")
        if got.get("type") == want.get("type"):
            result.type_ok += 1
        else:
            result.notes.append(f"type {got.get('type')} (want {want.get('type')}): {want['key'][:60]!r}")
    for i, want in enumerate(expected):
        if i not in paired and not want.get("optional"):
            result.notes.append(f"missed: {want['key'][:80]!r}")
    return result


def _line(s: Score) -> str:
    def share(n: int) -> str:
        return f"{n}/{s.paired}" if s.paired else "-"

    return (f"{s.name[:52]:<52} {s.expected:>4} {s.found:>5} {s.paired:>6} {s.false_positives:>3} {s.traps:>5} "
            f"{s.precision:>9.3f} {s.recall:>6.3f} {share(s.deadline_ok):>8} {share(s.due_ok):>7} "
            f"{share(s.type_ok):>7} {s.meta:>5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--require", type=float, default=None, metavar="R",
                        help="exit 1 unless precision and recall are >= R and every paired item is right")
    parser.add_argument("--verbose", "-v", action="store_true", help="list each mistake")
    parser.add_argument("--hmic", default=None, help="the hmic command (default: hmic on PATH, else python -m)")
    args = parser.parse_args(argv)
    labels_path = args.corpus / "expected.json"
    if not labels_path.is_file():
        print(f"no corpus at {args.corpus} (expected.json missing)", file=sys.stderr)
        return 2
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    hmic = [args.hmic] if args.hmic else ([shutil.which("hmic")] if shutil.which("hmic")
                                          else [sys.executable, "-m", "hmic_cli"])
    print(f"{'file':<52} {'want':>4} {'found':>5} {'paired':>6} {'fp':>3} {'traps':>5} "
          f"{'precision':>9} {'recall':>6} {'deadline':>8} {'due':>7} {'type':>7} {'meta':>5}")
    total = Score("overall")
    for name in sorted(labels):
        label = labels[name]
        items, meta = run_import(hmic, args.corpus / name, label["published"])
        result = score(name, label, items, meta)
        total.add(result)
        print(_line(result))
        if args.verbose:
            for note in result.notes:
                print(f"    {note}")
    print(_line(total))
    print(f"\n{'rule':<28} {'items':>5} {'paired':>6} {'fp':>3} {'check':>5}")
    for rule, (n, good, bad, check) in sorted(total.rules.items(), key=lambda kv: -kv[1][0]):
        print(f"{rule:<28} {n:>5} {good:>6} {bad:>3} {check:>5}")
    if args.require is None:
        return 0
    right = total.deadline_ok == total.due_ok == total.type_ok == total.paired
    if total.precision < args.require or total.recall < args.require or not right:
        print(f"below the requirement: precision {total.precision:.3f}, recall {total.recall:.3f} "
              f"(need {args.require}); deadlines, due dates and types all right: {right}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
