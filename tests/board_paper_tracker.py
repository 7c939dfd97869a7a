"""A 48-item version 2 tracker over four reports, and the same tracker at the last meeting, for the
board paper's tests: recommendations, areas for improvement, a cause of concern and actions under
their parents; waivers running, ending soon and run out; a due date revised since the last meeting;
closures awaiting sign-off; overdue items with no owner; progress notes beside notes hmic writes
itself (an import, "Added to the tracker.", an owner edit); one report by two inspectorates."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import board_tracker

AS_OF, SINCE = board_tracker.AS_OF, board_tracker.SINCE  # 31 Oct 2026, 30 Sep 2026 (the last meeting)
LAST_MEETING = SINCE.isoformat()
JOINT = "HMICFRS and HM Inspectorate of Prisons"
PROGRESS = "Custody staff retrained; audit of 40 detention logs booked for November."


def current() -> dict:
    doc = board_tracker.tracker()
    doc["schema_version"] = 2
    doc["reports"][1]["inspectorate"] = JOINT  # the custody report is a joint inspection
    recs = doc["recommendations"][:44]
    for n, rec in enumerate(recs):
        if n % 5 == 1:
            rec["type"] = "area-for-improvement"
    recs[5]["type"] = "cause-of-concern"
    # actions under MID-1 (a recommendation) and MID-2 (an area for improvement): 48 items in all
    for k, parent in ((1, "MID-1"), (2, "MID-1"), (1, "MID-2"), (2, "MID-2")):
        base = next(r for r in recs if r["id"] == parent)
        recs.append({"id": f"{parent}.{k}", "report": base["report"], "type": "action", "parent": parent,
                     "text": f"Action {k} towards {parent}: write the procedure down and brief every team.",
                     "deadline": "by-date", "due": (AS_OF + timedelta(days=40 + k)).isoformat(),
                     "themes": base["themes"], "status": "open", "owner": "Insp E. Nwosu",
                     "history": [{"on": "2026-10-05", "status": "open", "note": "Added to the tracker.",
                                  "by": "Compliance Lead"}]})
    # the owner's real progress, then an edit hmic wrote (the latest entry is not progress)
    mid2 = next(r for r in recs if r["id"] == "MID-2")
    mid2["history"].append({"on": "2026-10-10", "status": "in-progress", "note": PROGRESS, "by": "DCI B. Lindqvist"})
    mid2["history"].append({"on": "2026-10-20", "edit": {"field": "owner", "from": "DCI B. Lindqvist",
                                                          "to": "Supt A. Okafor"},
                            "note": "Owner set to Supt A. Okafor.", "by": "Compliance Lead"})
    mid2["status"], mid2["owner"] = "in-progress", "Supt A. Okafor"
    # an item imported (its only note is the importer's), overdue, with no owner
    mid4 = next(r for r in recs if r["id"] == "MID-4")
    mid4["history"] = [{"on": "2026-02-09", "status": "open", "note": "Imported from da.txt, line 27."}]
    mid4.pop("owner", None)
    mid4["status"] = "open"
    # a due date revised since the last meeting
    mid11 = next(r for r in recs if r["id"] == "MID-11")
    was = mid11.get("due") or "2026-08-01"
    mid11.update(deadline="by-date", due="2027-03-31")
    mid11["due_revisions"] = [{"on": "2026-10-14", "previous": was, "due": "2027-03-31",
                               "reason": "The new custody system goes live in March.", "by": "ACC D. Moreno"}]
    # a waiver ending within the amber window
    mid23 = next(r for r in recs if r["id"] == "MID-23")
    mid23["waiver"] = {"until": (AS_OF + timedelta(days=10)).isoformat(),
                       "reason": "Waiting for the national guidance.", "by": "ACC D. Moreno"}
    doc["recommendations"] = recs
    return doc


def at_last_meeting(doc: dict) -> dict:
    """The tracker as it stood on the last meeting's day: nothing after it, no actions, MID-23 not waived."""
    old = copy.deepcopy(doc)
    kept = []
    for rec in old["recommendations"]:
        if rec["type"] == "action":
            continue
        rec["history"] = [h for h in rec["history"] if date.fromisoformat(h["on"]) <= SINCE]
        statuses = [h["status"] for h in rec["history"] if h.get("status")]
        rec["status"] = statuses[-1] if statuses else "open"
        revisions = [r for r in rec.get("due_revisions", []) if date.fromisoformat(r["on"]) <= SINCE]
        if rec.get("due_revisions") and not revisions:
            rec["due"] = rec["due_revisions"][0]["previous"]
            rec.pop("due_revisions")
        if rec["id"] == "MID-2":
            rec["owner"] = "DCI B. Lindqvist"
        if rec["id"] == "MID-23":
            rec.pop("waiver", None)
        kept.append(rec)
    old["recommendations"] = kept
    return old
