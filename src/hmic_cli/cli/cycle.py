"""The commands of the inspectorate's cycle (issue 31): reports, respond, verify, reopen, approve.

Each only fills a request (or a plan's change) and calls `commands/cycle.py`, or for a write
`commands.write.write` (the one write path), importing the write path only when it runs."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.issuer_options import IssuerOpt, ResponseDaysOpt, _issuer, _issuer_label
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
from hmic_cli.cli.write import ByOpt, OnOpt, _rules, _who, report_app
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
    # lazy: hmic_cli.cycle_plans adds 8.3 ms to `hmic validate` start-up (python -X importtime)
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
    # lazy: hmic_cli.cycle_plans adds 8.3 ms to `hmic validate` start-up (python -X importtime)
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
    # lazy: hmic_cli.extensions adds 3.0 ms to `hmic validate` start-up (python -X importtime)
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
    # lazy: hmic_cli.cycle_plans adds 8.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import cycle_plans, issuer_registry

    change = cycle_plans.ReportEdit(id=id, response_days=response_days, responded=responded,
                                    response_url=response_url, clear_responded=clear_responded,
                                    issuer=None if issuer is None else issuer_registry.known(issuer), by=_who(by))
    return write.write(data_of(ctx, data), "report edit", cycle_plans.edit_report(change, date.today()))


@report_app.command("add")
@handles_errors
def report_add(
    ctx: typer.Context,
    id: Annotated[str, typer.Option("--id", help="Report id (a slug, e.g. kent-custody-2025).", show_default=False)],
    title: Annotated[str, typer.Option("--title", help="Title.", show_default=False)],
    force: Annotated[str, typer.Option("--force", metavar="NAME", help="The police force.", show_default=False)],
    published: Annotated[date, typer.Option("--published", metavar="DATE", parser=day, help="Publication date.",
                                            show_default=False)],
    inspectorate: Annotated[str | None, typer.Option(
        "--inspectorate", help="Inspectorate (default: HMIC before 19 July 2017, HMICFRS from then).",
        show_default=False)] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it is published.", show_default=False)] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where the text was taken from (default: --url).",
                                               show_default=False)] = None,
    published_note: Annotated[str | None, typer.Option("--published-note", help="How sure the date is.",
                                                       show_default=False)] = None,
    issuer: IssuerOpt = None,
    response_days: ResponseDaysOpt = None,
    data: DataOpt = None,
) -> int:
    """Add a report to a tracker, for `add` to refer to."""
    # lazy: hmic_cli.importing.report_meta adds 81.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.importing.report_meta import inspectorate_for

    if issuer is not None:
        issuer = _issuer(issuer)
        inspectorate = inspectorate or (_issuer_label(issuer) if issuer != "hmicfrs" else None)
    entry = {"id": id, "title": title, "inspectorate": inspectorate or inspectorate_for(published), "force": force,
             "published": published.isoformat()}
    if published_note:
        entry["published_note"] = published_note
    if url:
        entry["url"] = url
    entry["source"] = source or url or "entered with hmic report add"
    if issuer is not None:
        entry["issuer"] = issuer
    if response_days is not None:
        entry["response_days"] = response_days
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    return write.write(data_of(ctx, data), "report add", plans.add_report(entry))
