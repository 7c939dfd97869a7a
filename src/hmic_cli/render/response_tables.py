"""`hmic reports`: each report with its response clock, as a table for people or JSON."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.cycle import inspectorate_of, words
from hmic_cli.render.grid import Column, Grid, put
from hmic_cli.render.present import RED, people_date
from hmic_cli.render.terminal import console
from hmic_cli.sanitize import inert, one_line

COLUMNS = [Column("Report"), Column("Title", wrap=True), Column("Published"), Column("Response due"),
           Column("Responded"), Column("Items", right=True), Column("Outstanding", right=True),
           Column("Without a\nresponse", right=True)]


def _due(clock) -> object:
    if clock.due is None:
        return "not required"
    shown = people_date(clock.due)
    if clock.state == "missed":
        return (f"{shown} ({-clock.days_left} days late)", RED)
    if clock.state == "due":
        return f"{shown} ({clock.days_left} days left)" if clock.days_left else f"{shown} (today)"
    return shown


def reports(result, out: TextIO) -> None:
    rows = [[one_line(c.report.id), one_line(c.report.title), people_date(c.report.published), _due(c),
             people_date(c.responded, "") if c.due is not None else "", str(c.items), str(c.outstanding),
             str(c.items - c.with_response)] for c in result.clocks]
    put(console(out), Grid(COLUMNS, rows, title=f"Reports and their responses as of {result.as_of.isoformat()}"))


def reports_json(result, out: TextIO) -> None:
    # lazy: hmic_cli.render.json_format adds 3.2 ms to `hmic show` start-up (python -X importtime)
    from hmic_cli.render.json_format import dump

    dump({"as_of": result.as_of.isoformat(), "count": len(result.clocks),
          "reports": [c.as_dict() for c in result.clocks]}, out)


def cycle_rows(rec) -> list[tuple[str, str]]:
    """`show`'s lines for the inspectorate's cycle: the response, the inspectorate's status beside the force's,
    a verification and an extension waiting for approval (none for an item without them)."""
    rows = []
    if getattr(rec, "response", None):
        rows.append(("Response", inert(rec.response)))
    shown, view = inspectorate_of(rec), getattr(rec, "inspectorate_status", None)
    if shown is not None:
        said = words(shown) + (f" on {view.on.isoformat()}" if view is not None and view.status is shown else
                               " (the force has closed it; the inspectorate has not)")
        if view is not None and view.note and view.status is shown:
            said += f": {inert(view.note)}"
        rows.append(("Inspectorate", said))
    if getattr(rec, "verified", None) is not None:
        v = rec.verified
        rows.append(("Verified", f"{v.on.isoformat()} by {one_line(v.by or '-')}: {inert(v.note)}"
                                 + (f" ({inert(v.evidence)})" if v.evidence else "")))
    asked = getattr(rec, "extension_request", None)
    if asked is not None:
        cause = f", {words(asked.category)}" if asked.category else ""
        who = one_line(asked.by or "-")
        rows.append(("Extension asked", f"to {asked.due.isoformat()} on {asked.on.isoformat()} by {who}{cause}: "
                                        f"{inert(asked.reason)} (awaiting approval)"))
    return rows
