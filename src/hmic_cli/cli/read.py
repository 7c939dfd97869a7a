"""The commands that read a tracker: list, show, check, themes, summary, log, validate, schema, config.

Each function only turns its arguments into a request (`view_options` adds the shared options and
hands over a `View`) and calls the command's one function in `commands/read.py`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.options import (
    FILTERS,
    DataOpt,
    ItemArg,
    OutputOpt,
    SortKey,
    data_origin,
    date_option,
    format_option,
    setting,
    view_options,
)
from hmic_cli.cli.options import (
    format_name as _name,
)
from hmic_cli.command_requests import Check, Config, View
from hmic_cli.commands import read
from hmic_cli.defaults import EVERY_STATUS
from hmic_cli.vocabulary import InspectorateStatus, Policy


@app.command("list")
@handles_errors
@view_options("list", amber=True)
def list_(
    ctx: typer.Context,
    view: View,
    sort: Annotated[SortKey, typer.Option("--sort", help="Order of the rows.")] = "due",
    tree: Annotated[bool, typer.Option("--tree", help="Children indented under their parents (actions under "
                                       "recommendations under causes of concern).")] = False,
    stale: Annotated[int | None, typer.Option(
        "--stale", metavar="DAYS", min=0, max=3660, show_default=False,
        help="Only outstanding items with no progress entry of their own, or of an action answering them, in the "
        "DAYS before the as-of day.")] = None,
    inspectorate: Annotated[list[InspectorateStatus] | None, typer.Option(
        "--inspectorate", help="The inspectorate's status (repeatable: any of; every force status unless --status "
        "says; awaiting-review: the force has closed it, the inspectorate has not).", show_default=False)] = None,
) -> int:
    """Outstanding recommendations, soonest due first (--status/--all for others)."""
    if inspectorate:
        view.filters.inspectorate = list(inspectorate)
        if getattr(ctx.get_parameter_source("status"), "name", "DEFAULT") == "DEFAULT":
            view.filters.statuses = EVERY_STATUS
    return read.list_items(view, SortKey(sort).value, tree, stale)


@app.command()
@handles_errors
@view_options("show", filters_=(), amber=True, output=False)
def show(id: ItemArg, view: View) -> int:
    """One recommendation in full: text, due date (and revisions), RAG, owner, history with evidence."""
    return read.show(view, id)


@app.command()
@handles_errors
@view_options("check")
def check(
    ctx: typer.Context,
    view: View,
    fail_on: Annotated[Policy, typer.Option(
        "--fail-on", help="What fails the check: overdue items, any outstanding item, or never.")] = Policy.overdue,
    warn_within: Annotated[int | None, typer.Option(
        "--warn-within", metavar="DAYS", min=0, max=3660, show_default=False,
        help="Outstanding items due within DAYS are warnings (never failures).")] = None,
    against: Annotated[str | None, typer.Option(
        "--against", metavar="REV", show_default=False,
        help="Also fail when the tracker rewrites its past since this git revision (a pull-request gate).")] = None,
) -> int:
    """The CI gate: exit 1 when selected recommendations fail the policy, 3 when the data is broken.

    Every status is checked by default; complete, superseded and waived items pass. With --against REV,
    also exit 1 when the change since REV rewrites the record (history changed or removed, an item,
    report or theme removed, a due date moved without a revision, a closure without the evidence or
    sign-off the project file requires, a waiver extended without a reason)."""
    return read.check(Check(view, Policy(setting(ctx, "fail_on", fail_on)), setting(ctx, "warn_within", warn_within),
                            against))


@app.command()
@handles_errors
@view_options("themes", filters_=())
def themes(
    view: View,
    by_issuer: Annotated[bool, typer.Option(
        "--by-issuer", help="Per theme, which issuers ask about it and how many items each (table or json).")] = False,
) -> int:
    """Each theme with its total, outstanding and overdue counts."""
    return read.themes(view, by_issuer)


@app.command()
@handles_errors
@view_options("summary", filters_=("due", "theme", "status", "type_", "report", "owner"), amber=True)
def summary(view: View) -> int:
    """Progress by deadline class, theme and owner; RAG counts, overall complete %, what is overdue."""
    return read.summary(view)


@app.command()
@handles_errors
@view_options("log", filters_=FILTERS)
def log(
    view: View,
    since: date_option("--since", "First day of the period (included).") = None,
    until: date_option("--until", "Last day of the period (included).") = None,
) -> int:
    """What moved: history entries in a period, newest first, for the monthly board report."""
    return read.log(view, since, until)


@app.command()
@handles_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(readable=False,
        help="Files to check (default: --data, HMIC_DATA, or the bundled dataset).", show_default=False)] = None,
    fmt: format_option("validate") = "text",
) -> int:
    """Check data files: schema, references, dates, duplicate keys; every problem with its place."""
    return read.validate(paths or [data_of(ctx)], _name(fmt))


@app.command()
@handles_errors
def schema(
    version: Annotated[int, typer.Option("--version", min=1, max=2, help="The schema_version (1 or 2).")] = 2,
) -> int:
    """Print the JSON Schema of the data file (for editors and other validators)."""
    return read.schema(version)


@app.command()
@handles_errors
def config(
    ctx: typer.Context,
    fmt: format_option("config") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Each setting, its value and its origin (a flag, an environment variable, the project file, or default)."""
    return read.config(Config(data_of(ctx, data), data_origin(ctx, data), _name(fmt), output))
