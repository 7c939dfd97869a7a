"""The command line: parses arguments into requests and hands them to `commands`."""

from __future__ import annotations

import functools
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import __version__, commands
from hmic_cli.dates import parse_day
from hmic_cli.errors import DataError, HmicError
from hmic_cli.query import SORT_KEYS, Filters
from hmic_cli.sanitize import one_line
from hmic_cli.vocabulary import Deadline, Policy, RecType, Status

app = typer.Typer(
    name="hmic",
    help="Track what is outstanding of HM Inspectorate of Constabulary recommendations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    junit = "junit"
    github = "github"
    markdown = "markdown"


class OverviewFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"


class ProblemFormat(str, Enum):
    text = "text"
    json = "json"


SortKey = Enum("SortKey", {k: k for k in SORT_KEYS}, type=str)


def _day(value: str) -> date:
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def _version(value: bool) -> None:
    if value:
        print(f"hmic {__version__}")
        raise typer.Exit()


def _fail(exc: HmicError) -> None:
    """Report a user-caused error on stderr: what, where, what to do. No traceback."""
    from hmic_cli.render.text import error_lines

    if not isinstance(exc, DataError):
        sys.stderr.write(f"hmic: error: {one_line(exc.message)}\n")
    elif len(exc.problems) == 1:
        sys.stderr.write(f"hmic: error: {error_lines(exc.file, exc.problems)[0]}\n")
    else:
        lines = error_lines(exc.file, exc.problems)
        head = f"hmic: error: {len(exc.problems)} problems in {one_line(exc.file)}:"
        sys.stderr.write("\n".join([head, *("  " + line for line in lines)]) + "\n")
    if exc.hint:
        sys.stderr.write(f"hint: {one_line(exc.hint)}\n")


def handles_errors(func):
    """Turn HmicError into its message and exit code; let everything else surface as a bug."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            code = func(*args, **kwargs)
        except HmicError as exc:
            _fail(exc)
            raise typer.Exit(exc.exit_code) from None
        if code:
            raise typer.Exit(code)

    return wrapper


def _data(ctx: typer.Context, data: Path | None = None) -> Path | None:
    """The command's own --data, else the global one (which also reads HMIC_DATA)."""
    if data is not None:
        return data
    return ctx.obj.get("data") if ctx.obj else None


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[Path | None, typer.Option(
        "--data", "-d", envvar="HMIC_DATA", show_default=False,
        help="Data file to use (default: the bundled dataset).")] = None,
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """hmic: what is outstanding of HMIC recommendations, for people and for CI."""
    ctx.obj = {"data": data}


DataOpt = Annotated[Path | None, typer.Option(
    "--data", "-d", show_default=False, help="Data file (overrides the global --data and HMIC_DATA).")]

# Options shared by the commands that select recommendations.
DueOpt = Annotated[list[Deadline] | None, typer.Option(
    "--due", help="Deadline class (repeatable: any of).", show_default=False)]
ThemeOpt = Annotated[list[str] | None, typer.Option(
    "--theme", help="Theme id (repeatable: any of).", show_default=False)]
StatusOpt = Annotated[list[Status] | None, typer.Option(
    "--status", help="Status (repeatable; default: the outstanding ones).", show_default=False)]
AllOpt = Annotated[bool, typer.Option("--all", help="Every status, complete and superseded too.")]
OverdueOpt = Annotated[bool, typer.Option("--overdue", help="Only overdue items.")]
DueBeforeOpt = Annotated[str | None, typer.Option(
    "--due-before", metavar="DATE", help="Only items due before DATE (YYYY-MM-DD).", show_default=False)]
TypeOpt = Annotated[list[RecType] | None, typer.Option(
    "--type", help="Recommendation type (repeatable).", show_default=False)]
ReportOpt = Annotated[list[str] | None, typer.Option(
    "--report", help="Report id (repeatable).", show_default=False)]
AnyStatusOpt = Annotated[list[Status] | None, typer.Option(
    "--status", help="Status (repeatable; default: every status).", show_default=False)]
AsOfOpt = Annotated[str, typer.Option(
    "--as-of", metavar="DATE|today", help="The day to judge due dates against.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write the result to FILE instead of stdout.", show_default=False)]


def _filters(due, theme, status, all_, overdue, due_before, type_, report) -> Filters:
    return Filters(
        due=list(due or []), themes=list(theme or []), statuses=list(status or []), all_statuses=all_,
        overdue=overdue, due_before=_day(due_before) if due_before else None,
        types=list(type_ or []), reports=list(report or []),
    )


@app.command("list")
@handles_errors
def list_(
    ctx: typer.Context,
    due: DueOpt = None,
    theme: ThemeOpt = None,
    status: StatusOpt = None,
    all_: AllOpt = False,
    overdue: OverdueOpt = False,
    due_before: DueBeforeOpt = None,
    type_: TypeOpt = None,
    report: ReportOpt = None,
    as_of: AsOfOpt = "today",
    sort: Annotated[SortKey, typer.Option("--sort", help="Order of the rows.")] = "due",
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Outstanding recommendations, soonest due first."""
    return commands.list_items(commands.ListRequest(
        data=_data(ctx, data),
        filters=_filters(due, theme, status, all_, overdue, due_before, type_, report),
        as_of=_day(as_of), sort=SortKey(sort).value, format=fmt.value, output=output,
    ))


@app.command()
@handles_errors
def show(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Recommendation id, e.g. NCP-1.", show_default=False)],
    as_of: AsOfOpt = "today",
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f", help="Output format.")] = ShowFormat.table,
    data: DataOpt = None,
) -> int:
    """One recommendation in full, with its history and evidence."""
    return commands.show(commands.ShowRequest(_data(ctx, data), id, _day(as_of), fmt.value))


@app.command()
@handles_errors
def check(
    ctx: typer.Context,
    fail_on: Annotated[Policy, typer.Option(
        "--fail-on", help="What fails the check: overdue items, any outstanding item, or never.")] = Policy.overdue,
    due: DueOpt = None,
    theme: ThemeOpt = None,
    status: AnyStatusOpt = None,
    all_: AllOpt = False,
    overdue: OverdueOpt = False,
    due_before: DueBeforeOpt = None,
    type_: TypeOpt = None,
    report: ReportOpt = None,
    as_of: AsOfOpt = "today",
    fmt: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """The CI gate: exit 1 when selected recommendations fail the policy, 3 when the data is broken."""
    return commands.check(commands.CheckRequest(
        data=_data(ctx, data),
        filters=_filters(due, theme, status, all_, overdue, due_before, type_, report),
        as_of=_day(as_of), policy=fail_on, format=fmt.value, output=output,
    ))


@app.command()
@handles_errors
def themes(
    ctx: typer.Context,
    as_of: AsOfOpt = "today",
    fmt: Annotated[OverviewFormat, typer.Option("--format", "-f", help="Output format.")] = OverviewFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Each theme with its total, outstanding and overdue counts."""
    return commands.themes(commands.OverviewRequest(_data(ctx, data), Filters(), _day(as_of), fmt.value, output))


@app.command()
@handles_errors
def summary(
    ctx: typer.Context,
    due: DueOpt = None,
    theme: ThemeOpt = None,
    status: AnyStatusOpt = None,
    type_: TypeOpt = None,
    report: ReportOpt = None,
    as_of: AsOfOpt = "today",
    fmt: Annotated[OverviewFormat, typer.Option("--format", "-f", help="Output format.")] = OverviewFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """Progress by deadline class and by theme, overall complete %, and what is overdue."""
    filters = _filters(due, theme, status, False, False, None, type_, report)
    return commands.summary(commands.OverviewRequest(_data(ctx, data), filters, _day(as_of), fmt.value, output))


@app.command()
@handles_errors
def log(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="First day of the period (included).", show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Last day of the period (included).", show_default=False)] = None,
    due: DueOpt = None,
    theme: ThemeOpt = None,
    status: AnyStatusOpt = None,
    all_: AllOpt = False,
    overdue: OverdueOpt = False,
    due_before: DueBeforeOpt = None,
    type_: TypeOpt = None,
    report: ReportOpt = None,
    as_of: AsOfOpt = "today",
    fmt: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: OutputOpt = None,
    data: DataOpt = None,
) -> int:
    """What moved: history entries in a period, newest first, for the monthly board report."""
    return commands.log(commands.LogRequest(
        data=_data(ctx, data),
        filters=_filters(due, theme, status, all_, overdue, due_before, type_, report),
        since=_day(since) if since else None, until=_day(until) if until else None,
        as_of=_day(as_of), format=fmt.value, output=output,
    ))


@app.command()
@handles_errors
def update(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Recommendation id, e.g. NCP-1.", show_default=False)],
    status: Annotated[Status, typer.Option("--status", help="The new status.", show_default=False)],
    note: Annotated[str | None, typer.Option("--note", help="What was done.", show_default=False)] = None,
    evidence: Annotated[str | None, typer.Option(
        "--evidence", metavar="URL|TEXT", help="Where the evidence is.", show_default=False)] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who recorded it.", show_default=False)] = None,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE", help="When it happened (default: today; never in the future).",
        show_default=False)] = None,
    data: DataOpt = None,
) -> int:
    """Append to an item's history and set its status, in the file given by --data (safely)."""
    from hmic_cli.progress import Change

    change = Change(id=id, status=status, note=note, evidence=evidence, by=by,
                                      on=_day(on) if on else None)
    return commands.update(commands.UpdateRequest(_data(ctx, data), change))


@app.command()
@handles_errors
def validate(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files to check (default: --data, HMIC_DATA, or the bundled dataset).", show_default=False)] = None,
    fmt: Annotated[ProblemFormat, typer.Option("--format", "-f", help="Output format.")] = ProblemFormat.text,
) -> int:
    """Check data files: schema, references, dates, duplicate keys; every problem with its place."""
    return commands.validate(commands.ValidateRequest(paths or [_data(ctx)], fmt.value))


@app.command()
@handles_errors
def schema() -> int:
    """Print the JSON Schema of the data file (for editors and other validators)."""
    return commands.schema()


@app.command()
@handles_errors
def init(
    path: Annotated[Path, typer.Argument(help="File to create.")] = Path("recommendations.json"),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Copy the bundled dataset to a writable file to start tracking."""
    return commands.init(commands.InitRequest(path, force))


def _app_for(argv: list[str], environ) -> typer.Typer:
    """The app with only the command `argv` names, when it names one.

    Typer turns every command's signature into Click parameters at start-up (~1 ms a command);
    building just the invoked one keeps `hmic` within a few per cent of a bare Typer app. With no
    command, an unknown one, or shell completion at work, the whole app is used.
    """
    if any(key.startswith("_HMIC_COMPLETE") for key in environ):
        return app
    args = iter(argv)
    for arg in args:
        if arg in ("--data", "-d"):
            next(args, None)
        elif not arg.startswith("-"):
            matches = [c for c in app.registered_commands if (c.name or c.callback.__name__) == arg]
            if not matches:
                return app
            single = typer.Typer(name=app.info.name, help=app.info.help, no_args_is_help=True,
                                 pretty_exceptions_enable=False)
            single.registered_callback = app.registered_callback
            single.registered_commands = matches
            return single
    return app


def main() -> None:
    """The `hmic` console script.

    The process's garbage-collector policy, the only one in hmic: the cyclic collector stays off
    for the life of this short process. The data hold no reference cycles, and after a large
    load each full pass would walk the whole dataset again: at 100,000 records, running with
    the collector on makes `list --format json` 1.20-1.26x as slow, `check --format json` and
    `summary --format json` 1.18-1.29x (pausing it only while validating leaves 1.18-1.20x;
    `gc.freeze()` after loading leaves `check` 1.18x). Library callers keep Python's defaults.

    It ends with `os._exit` once its output is flushed, skipping the interpreter's finalisation
    (tearing down pydantic, Typer and Rich module by module; the dataset itself is already freed
    when the command returns). Measured in interleaved runs: a normal exit makes `list` on the
    bundled data 1.18-1.20x as slow (0.43 s -> 0.51 s; figure A's budget is 1.05x a bare Typer
    app), 1.07-1.13x at 100,000 records and 1.04x at 1,000,000.
    """
    import gc
    import os

    gc.disable()
    try:
        _app_for(sys.argv[1:], os.environ)(prog_name="hmic")
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if exc.code is not None and not isinstance(exc.code, int):
            sys.stderr.write(f"{exc.code}\n")
    except BrokenPipeError:
        code = 0  # the reader went away (e.g. `| head`): it has all it wanted
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    sys.stderr.flush()
    os._exit(code)
