"""`hmic reports`: each report with its response clock, as a table for people or JSON."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.render.grid import Column, Grid, put
from hmic_cli.render.present import RED, people_date
from hmic_cli.render.terminal import console
from hmic_cli.sanitize import one_line

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
    from hmic_cli.render.json_format import dump

    dump({"as_of": result.as_of.isoformat(), "count": len(result.clocks),
          "reports": [c.as_dict() for c in result.clocks]}, out)
