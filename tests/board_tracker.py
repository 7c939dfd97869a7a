"""A 60-item tracker over four reports for the board pack's tests: waivers (running and expired),
revised due dates, items awaiting sign-off and signed off, items with and without owners, and an
evidence URL with no break point in its long query string."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2026, 10, 31)
SINCE = date(2026, 9, 30)
LONG_URL = ("https://intranet.midshire.police.uk/governance/hmicfrs/evidence/2026/"
            "documents?id=" + "A7F3" * 30 + "&view=full&download=false")
WAIVER_REASON = "Awaiting the regional custody contract (agreed by the PCC on 12 Oct)"
THEMES = ["custody", "vetting", "call-handling", "public-protection", "leadership"]
REPORTS = [
    ("peel-2023", "PEEL 2023–25: an inspection of Midshire Police", date(2024, 3, 14)),
    ("custody-2024", "Joint inspection of custody suites", date(2024, 11, 2)),
    ("vetting-2025", "An inspection of vetting and counter-corruption", date(2025, 6, 20)),
    ("call-handling-2026", "Call handling and the first response", date(2026, 2, 9)),
]


def tracker() -> dict:
    recs = []
    owners = ["Supt A. Okafor", "DCI B. Lindqvist", "Ch Insp C. Davies-Whitmore", None]
    deadlines = ["three-months", "six-months", "twelve-months", "immediate", "none"]
    for n in range(60):
        report_id, _, published = REPORTS[n % 4]
        deadline = deadlines[n % 5]
        history = [{"on": published.isoformat(), "status": "open", "note": "Made in the report."}]
        rec = {"id": f"MID-{n + 1}", "report": report_id, "type": "recommendation",
               "text": (f"Recommendation {n + 1}: the force should make sure that every officer and member of "
                        f"staff understands and follows the procedure for {THEMES[n % 5].replace('-', ' ')}."),
               "deadline": deadline, "themes": [THEMES[n % 5]], "status": "open", "history": history}
        if deadline == "none":
            rec["deadline"], rec["due"] = "by-date", (AS_OF + timedelta(days=(n * 7) % 90 - 30)).isoformat()
        owner = owners[n % 4]
        if owner:
            rec["owner"] = owner
        kind = n % 6
        if kind == 1:  # in progress, evidence with the long URL for some
            history.append({"on": (SINCE + timedelta(days=n % 20)).isoformat(), "status": "in-progress",
                            "note": "Working group formed; draft procedure circulated." + (
                                " Filed as \\\\fs01\\governance\\" + "HMICFRS_evidence_" * 8 + "v2.docx"
                                if n == 7 else ""),
                            "by": "Policy team",
                            "evidence": LONG_URL if n < 12 else "Minutes of the working group, 3 Oct"})
        elif kind == 2:  # proposed for closure: awaiting sign-off
            history.append({"on": (SINCE - timedelta(days=20)).isoformat(), "status": "in-progress",
                            "note": "Audit under way."})
            history.append({"on": (SINCE + timedelta(days=3)).isoformat(), "status": "awaiting-sign-off",
                            "note": "Audit complete; closure proposed.", "by": "DCI B. Lindqvist",
                            "evidence": LONG_URL})
        elif kind == 3:  # signed off
            history.append({"on": (SINCE + timedelta(days=5)).isoformat(), "status": "awaiting-sign-off",
                            "note": "Closure proposed.", "by": "Supt A. Okafor"})
            history.append({"on": (SINCE + timedelta(days=12)).isoformat(), "status": "complete",
                            "note": "Signed off at the October board.", "by": "ACC D. Moreno"})
        rec["status"] = history[-1]["status"]
        if n % 10 == 4:  # revised due date
            was = date.fromisoformat(rec["due"]) if "due" in rec else None
            due = AS_OF - timedelta(days=10 + n)
            rec.update(deadline="by-date", due=due.isoformat())
            rec["due_revisions"] = [{"on": "2025-12-01", "previous": was.isoformat() if was else None,
                                     "due": due.isoformat(), "reason": "Agreed with HMICFRS liaison",
                                     "by": "ACC D. Moreno"}]
            if was is None:
                rec["due_revisions"][0]["previous"] = "2025-10-01"
        if n % 12 == 0:  # waived, one running, one expired
            until = AS_OF + timedelta(days=60) if n % 24 == 0 else AS_OF - timedelta(days=5)
            rec["waiver"] = {"until": until.isoformat(), "reason": f"{WAIVER_REASON} [{n + 1}]", "by": "ACC D. Moreno"}
        recs.append(rec)
    return {
        "schema_version": 1,
        "reports": [{"id": i, "title": t, "inspectorate": "HMICFRS", "force": "Midshire Police",
                     "published": p.isoformat(), "source": "Invented for hmic's tests."} for i, t, p in REPORTS],
        "themes": [{"id": t, "label": t.replace("-", " ").capitalize(), "description": "Invented."} for t in THEMES],
        "recommendations": recs,
    }


def write(path: Path) -> Path:
    path.write_text(json.dumps(tracker(), indent=2, ensure_ascii=False), encoding="utf-8")
    return path
