"""Terminal tables for issuers: `themes --by-issuer`."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.render.grid import Column, Grid, put
from hmic_cli.render.present import BOLD
from hmic_cli.render.terminal import console
from hmic_cli.sanitize import one_line


def themes_by_issuer(result, out: TextIO) -> None:
    """One row per theme and issuer; a theme several issuers ask about is marked recurring."""
    rows = []
    for row in result.rows:
        for n, count in enumerate(row.issuers):
            first = n == 0
            rows.append([(one_line(row.label), BOLD) if first else "", one_line(row.theme) if first else "",
                         one_line(count.label), str(count.items), str(count.outstanding),
                         ("recurring: " + str(len(row.issuers)) + " issuers") if first and row.recurring else ""])
    columns = [Column("Theme", wrap=True), Column("ID"), Column("Issuer", wrap=True), Column("Items", right=True),
               Column("Outstanding", right=True), Column("", wrap=True)]
    recurring = sum(1 for r in result.rows if r.recurring)
    put(console(out), Grid(columns, rows, title=f"Themes by issuer as of {result.as_of.isoformat()} "
                                                f"({recurring} asked about by more than one issuer)"))
