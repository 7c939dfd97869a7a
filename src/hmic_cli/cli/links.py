"""The commands that link items: `supersede` (`report edit --issuer` is in cli/cycle.py, with the report's other
details).

Thin: each fills a plan (`linking.py`) for the one write path (`commands.write.write`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.options import DataOpt, ItemArg, complete_item
from hmic_cli.cli.write import OnOpt, _who
from hmic_cli.commands import write


@app.command()
@handles_errors
def supersede(
    ctx: typer.Context,
    id: ItemArg,
    new: Annotated[str, typer.Option("--by", metavar="NEW", help="The later item that re-issues or replaces it.",
                                     show_default=False, autocompletion=complete_item)],
    reason: Annotated[str, typer.Option("--reason", help="Why (e.g. 're-issued in the 2025 report').",
                                        show_default=False)],
    who: Annotated[str | None, typer.Option(
        "--recorded-by", metavar="NAME", help="Who recorded it (default: HMIC_USER, else git config user.name, "
        "else the login name).", show_default=False)] = None,
    on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Record that a later item re-issues or replaces ID: ID is superseded (superseded_by NEW), NEW carries it
    forward (carried_forward_from ID); `show` prints the whole chain."""
    # lazy: hmic_cli.linking adds 9.4 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import linking

    change = linking.Supersede(old=id, new=new, reason=reason, by=_who(who), on=on)
    return write.write(data_of(ctx, data), "supersede", linking.supersede(change, date.today()))
