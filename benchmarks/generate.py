"""Generate a valid hmic dataset of N recommendations, for benchmarks and scale tests.

    python benchmarks/generate.py 100000 big.json [--seed 1]

Realistic shape: several reports from several forces, the bundled theme vocabulary, texts of
60-400 characters, a mix of deadlines, types and statuses, and a history of 1-4 entries whose last
status is the item's status. Streams the output, so a million records needs little memory.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

THEMES = ["domestic-abuse", "record-keeping", "multi-agency", "referrals", "training", "frontline-response",
          "missing-children", "information-sharing", "custody"]
FORCES = ["Northamptonshire Police", "Kent Police", "Cumbria Constabulary", "Dyfed-Powys Police",
          "West Midlands Police", "Essex Police", "Merseyside Police", "Thames Valley Police"]
WORDS = ("force officers children risk safeguarding partners council referral custody missing domestic abuse "
         "strategy training supervision records systems review audit ensure make sure improve develop monitor "
         "information sharing multi-agency hub victims harm protection staff leadership assessment plan").split()
DEADLINES = ["immediate", "three-months", "six-months", "twelve-months", "by-date"]
TYPES = ["recommendation", "area-for-improvement", "cause-of-concern"]
FLOW = ["open", "in-progress", "awaiting-sign-off", "complete"]


def sentence(rng: random.Random, low: int, high: int) -> str:
    target = rng.randint(low, high)
    words: list[str] = []
    length = 0  # the words' length, each with its space: kept as it grows, not summed again each time
    while length < target:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return (" ".join(words)[:target].rstrip() + ".").capitalize()


def reports(n_reports: int, rng: random.Random) -> list[dict]:
    out = []
    for i in range(n_reports):
        published = date(2013, 1, 1) + timedelta(days=rng.randint(0, 3000))
        out.append({"id": f"report-{i + 1}", "title": f"Inspection report {i + 1}", "inspectorate": "HMIC",
                    "force": FORCES[i % len(FORCES)], "published": published.isoformat(),
                    "source": "generated for benchmarks"})
    return out


def recommendation(n: int, rng: random.Random, report: dict) -> dict:
    deadline = rng.choice(DEADLINES)
    published = date.fromisoformat(report["published"])
    rec = {"id": f"R{n}", "report": report["id"], "type": rng.choice(TYPES), "text": sentence(rng, 60, 400),
           "deadline": deadline}
    if deadline == "by-date":
        rec["due"] = (published + timedelta(days=rng.randint(30, 700))).isoformat()
    rec["themes"] = rng.sample(THEMES, rng.randint(1, 3))
    steps = rng.randint(1, 4)
    if rng.random() < 0.05:
        statuses = ["open", "superseded"][:steps] if steps > 1 else ["open"]
    else:
        statuses = FLOW[:steps]
    on = published
    history = []
    for status in statuses:
        entry = {"on": on.isoformat(), "status": status, "note": sentence(rng, 20, 120)}
        if status != "open" and rng.random() < 0.6:
            entry["evidence"] = f"https://intranet.example/evidence/{n}/{len(history)}"
            entry["by"] = rng.choice(["J. Smith", "A. Patel", "R. Jones", "Compliance team"])
        history.append(entry)
        on += timedelta(days=rng.randint(1, 120))
    rec["status"] = statuses[-1]
    rec["owner"] = rng.choice([None, "Head of Public Protection", "Detective Superintendent", "Chief Inspector"])
    rec["history"] = history
    return rec


def write(n: int, path: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    reps = reports(max(2, min(200, n // 50)), rng)
    themes = [{"id": t, "label": t.replace("-", " ").capitalize(), "description": f"All about {t}."} for t in THEMES]
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n  "schema_version": 1,\n  "reports": ' + json.dumps(reps, indent=2).replace("\n", "\n  "))
        out.write(',\n  "themes": ' + json.dumps(themes, indent=2).replace("\n", "\n  "))
        out.write(',\n  "recommendations": [\n')
        for i in range(n):
            rec = recommendation(i + 1, rng, rng.choice(reps))
            out.write(("    " if i == 0 else ",\n    ") + json.dumps(rec, ensure_ascii=False))
        out.write("\n  ]\n}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of recommendations")
    parser.add_argument("path", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write(args.n, args.path, args.seed)


if __name__ == "__main__":
    main()
