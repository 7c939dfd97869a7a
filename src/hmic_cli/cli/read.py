"""The commands that read a tracker: list, show, check, themes, summary, log, validate, schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import commands
from hmic_cli.cli import app, data_of, handles_errors
from hmic_cli.cli.options import (
    AllOpt,
    AmberOpt,
    AsOfOpt,
    DataOpt,
    DueBeforeOpt,
    DueOpt,
    DueWithinOpt,
    ItemArg,
    OutputOpt,
    OverdueOpt,
    OwnerOpt,
    ReportOpt,
    SortKey,
    StatusOpt,
    ThemeOpt,
    TypeOpt,
    data_origin,
    day,
    filters,
    format_option,
    setting,
)
from hmic_cli.cli.options import (
    format_name as _name,
)
from hmic_cli.defaults import AMBER_DAYS
from hmic_cli.vocabulary import Policy


@app.command("list")
@handles_errors
def list_(
    ctx: typer.Context,
    due: DueOpt = None, theme: ThemeOpt = None, status: StatusOpt = None, all_: AllOpt = False,
    overdue: OverdueOpt = False, due_before: DueBeforeOpt = None, due_within: DueWithinOpt = None,
    type_: TypeOpt = None, report: ReportOpt = None, owner: OwnerOpt = None,
    as_of: AsOfOpt = "today", amber_days: AmberOpt = AMBER_DAYS,
    sort: Annotated[SortKey, typer.Option("--sort", help="Order of the rows.")] = "due",
    tree: Annotated[bool, typer.Option("--tree", help="Children indented under their parents (actions under "
                                       "recommendations under causes of concern).")] = False,
    fmt: format_option("list") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Outstanding recommendations, soonest due first (--status/--all for others)."""
    view = commands.View(
        data_of(ctx, data),
        filters("list", due=due, theme=theme, status=status, all_=all_, overdue=overdue, due_before=due_before,
                due_within=due_within, type_=type_, report=report, owner=owner),
        day(as_of), _name(fmt), output, setting(ctx, "amber_days", amber_days))
    return commands.list_items(view, SortKey(sort).value, tree)


@app.command()
@handles_errors
def show(
    ctx: typer.Context,
    id: ItemArg,
    as_of: AsOfOpt = "today", amber_days: AmberOpt = AMBER_DAYS,
    fmt: format_option("show") = "table",
    data: DataOpt = None,
) -> int:
    """One recommendation in full: text, due date (and revisions), RAG, owner, history with evidence."""
    return commands.show(commands.View(data_of(ctx, data), as_of=day(as_of), format=_name(fmt),
                                       amber_days=setting(ctx, "amber_days", amber_days)), id)


@app.command()
@handles_errors
def check(
    ctx: typer.Context,
    fail_on: Annotated[Policy, typer.Option(
        "--fail-on", help="What fails the check: overdue items, any outstanding item, or never.")] = Policy.overdue,
    warn_within: Annotated[int | None, typer.Option(
        "--warn-within", metavar="DAYS", min=0, max=3660, show_default=False,
        help="Outstanding items due within DAYS are warnings (never failures).")] = None,
    due: DueOpt = None, theme: ThemeOpt = None, status: StatusOpt = None, all_: AllOpt = False,
    overdue: OverdueOpt = False, due_before: DueBeforeOpt = None, due_within: DueWithinOpt = None,
    type_: TypeOpt = None, report: ReportOpt = None, owner: OwnerOpt = None,
    as_of: AsOfOpt = "today",
    fmt: format_option("check") = "text",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """The CI gate: exit 1 when selected recommendations fail the policy, 3 when the data is broken.

    Every status is checked by default; complete, superseded and waived items pass."""
    view = commands.View(
        data_of(ctx, data),
        filters("check", due=due, theme=theme, status=status, all_=all_, overdue=overdue, due_before=due_before,
                due_within=due_within, type_=type_, report=report, owner=owner),
        day(as_of), _name(fmt), output)
    return commands.check(view, Policy(setting(ctx, "fail_on", fail_on)), setting(ctx, "warn_within", warn_within))


@app.command()
@handles_errors
def themes(
    ctx: typer.Context,
    as_of: AsOfOpt = "today",
    fmt: format_option("themes") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Each theme with its total, outstanding and overdue counts."""
    return commands.themes(commands.View(data_of(ctx, data), filters("themes"), day(as_of), _name(fmt), output))


@app.command()
@handles_errors
def summary(
    ctx: typer.Context,
    due: DueOpt = None, theme: ThemeOpt = None, status: StatusOpt = None,
    type_: TypeOpt = None, report: ReportOpt = None, owner: OwnerOpt = None,
    as_of: AsOfOpt = "today", amber_days: AmberOpt = AMBER_DAYS,
    fmt: format_option("summary") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Progress by deadline class, theme and owner; RAG counts, overall complete %, what is overdue."""
    view = commands.View(
        data_of(ctx, data),
        filters("summary", due=due, theme=theme, status=status, type_=type_, report=report, owner=owner),
        day(as_of), _name(fmt), output, setting(ctx, "amber_days", amber_days))
    return commands.summary(view)


@app.command()
@handles_errors
def log(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="First day of the period (included).", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Last day of the period (included).", show_default=False)] = None,
    due: DueOpt = None, theme: ThemeOpt = None, status: StatusOpt = None, all_: AllOpt = False,
    overdue: OverdueOpt = False, due_before: DueBeforeOpt = None, due_within: DueWithinOpt = None,
    type_: TypeOpt = None, report: ReportOpt = None, owner: OwnerOpt = None,
    as_of: AsOfOpt = "today",
    fmt: format_option("log") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """What moved: history entries in a period, newest first, for the monthly board report."""
    view = commands.View(
        data_of(ctx, data),
        filters("log", due=due, theme=theme, status=status, all_=all_, overdue=overdue, due_before=due_before,
                due_within=due_within, type_=type_, report=report, owner=owner),
        day(as_of), _name(fmt), output)
    return commands.log(view, day(since), day(until))


@app.command()
@handles_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(readable=False,
        help="Files to check (default: --data, HMIC_DATA, or the bundled dataset).", show_default=False)] = None,
    fmt: format_option("validate") = "text",
) -> int:
    """Check data files: schema, references, dates, duplicate keys; every problem with its place."""
    return commands.validate(paths or [data_of(ctx)], _name(fmt))


@app.command()
@handles_errors
def schema(
    version: Annotated[int, typer.Option("--version", min=1, max=2, help="The schema_version (1 or 2).")] = 2,
) -> int:
    """Print the JSON Schema of the data file (for editors and other validators)."""
    return commands.schema(version)


@app.command()
@handles_errors
def config(
    ctx: typer.Context,
    fmt: format_option("config") = "table",
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Each setting, its value and its origin (a flag, an environment variable, the project file, or default)."""
    return commands.config(data_of(ctx, data), data_origin(ctx, data), _name(fmt), output)
