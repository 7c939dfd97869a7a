"""The commands of the inspectorate's cycle (issue 31): reports, respond, verify, reopen, approve.

Each only fills a request (or a plan's change) and calls `commands/cycle.py`, or for a write
`commands.write.write` (the one write path), importing the write path only when it runs."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.options import (
    AsOfOpt,
    DataOpt,
    ItemArg,
    OutputOpt,
    complete_report,
    date_option,
    day,
    format_option,
    view_options,
)
from hmic_cli.cli.options import format_name as _name
from hmic_cli.cli.write import ByOpt, IssuerOpt, OnOpt, ResponseDaysOpt, _rules, _who, report_app
from hmic_cli.command_requests import Respond, View
from hmic_cli.commands import cycle, write


@app.command()
@handles_errors
@view_options("reports", filters_=("report",))
def reports(view: View) -> int:
    """Each report: published, response due and responded (the 56-day clock where it runs), item counts."""
    return cycle.reports(view)


@app.command()
@handles_errors
def respond(
    ctx: typer.Context,
    report: Annotated[str, typer.Argument(help="Report id.", show_default=False, autocompletion=complete_report)],
    fmt: format_option("respond") = "markdown",
    output: OutputOpt = None,
    marking: Annotated[str | None, typer.Option(
        "--marking", metavar="TEXT", help="A protective marking (e.g. OFFICIAL) for the header and footer.",
        show_default=False)] = None,
    as_of: AsOfOpt = "today",
    data: DataOpt = None,
) -> int:
    """Draft the published response to a report: each item's text, the action taken or proposed, owner, due date.

    Items without a response (hmic edit ID --response TEXT) are marked and named on stderr."""
    return cycle.respond(Respond(data_of(ctx, data), report, day(as_of), _name(fmt), output, marking))


@app.command()
@handles_errors
def verify(
    ctx: typer.Context,
    id: ItemArg,
    note: Annotated[str, typer.Option("--note", help="How the change was seen to hold (required).",
                                      show_default=False)],
    evidence: Annotated[str | None, typer.Option("--evidence", metavar="URL|TEXT", help="Where the evidence is.",
                                                 show_default=False)] = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Verify a closed item once its change has held for verify_after_days (never by its owner)."""
    from hmic_cli import cycle_plans

    rules = _rules()
    change = cycle_plans.Verify(id=id, note=note, by=_who(by, rules), evidence=evidence, on=on)
    return write.write(data_of(ctx, data), "verify", cycle_plans.verify(change, date.today(), rules))


@app.command()
@handles_errors
def reopen(
    ctx: typer.Context,
    id: ItemArg,
    reason: Annotated[str, typer.Option("--reason", help="Why the change did not hold (required).",
                                        show_default=False)],
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Return a closed item to in progress; its history (and any verification) is kept."""
    from hmic_cli import cycle_plans

    change = cycle_plans.Reopen(id=id, reason=reason, by=_who(by), on=on)
    return write.write(data_of(ctx, data), "reopen", cycle_plans.reopen(change, date.today()))


@app.command()
@handles_errors
def approve(
    ctx: typer.Context,
    id: ItemArg,
    reject: Annotated[bool, typer.Option("--reject", help="Refuse the extension instead.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is refused (with --reject).",
                                               show_default=False)] = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Approve an item's requested extension (its due date moves), or --reject --reason it.

    Never by the requester; only by one of the project file's approvers when it names them."""
    from hmic_cli import extensions

    rules = _rules()
    change = extensions.Approval(id=id, by=_who(by, rules), reject=reject, reason=reason, on=on)
    return write.write(data_of(ctx, data), "approve", extensions.approve(change, date.today(), rules))


@report_app.command("edit")
@handles_errors
def report_edit(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Report id.", show_default=False, autocompletion=complete_report)],
    response_days: ResponseDaysOpt = None,
    responded: date_option("--responded", "The day the response was published.") = None,
    response_url: Annotated[str | None, typer.Option(
        "--response-url", metavar="URL", help="Where the response is published ('' clears it).",
        show_default=False)] = None,
    clear_responded: Annotated[bool, typer.Option(
        "--clear-responded", help="Remove a response date recorded by mistake.")] = False,
    issuer: IssuerOpt = None,
    by: ByOpt = None, data: DataOpt = None,
) -> int:
    """Change a report's details: who issued it (--issuer), its response clock (--response-days), or record its
    published response (--responded, --response-url)."""
    from hmic_cli import cycle_plans, issuer_registry

    change = cycle_plans.ReportEdit(id=id, response_days=response_days, responded=responded,
                                    response_url=response_url, clear_responded=clear_responded,
                                    issuer=None if issuer is None else issuer_registry.known(issuer), by=_who(by))
    return write.write(data_of(ctx, data), "report edit", cycle_plans.edit_report(change, date.today()))
