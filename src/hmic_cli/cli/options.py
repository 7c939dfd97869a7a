"""The options commands share, their parsing into library values, and shell completion of ids."""

from __future__ import annotations

import functools
import inspect
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import defaults, formats
from hmic_cli.cli.app import data_of
from hmic_cli.command_requests import View
from hmic_cli.dates import Duration, duration, parse_day
from hmic_cli.errors import HmicError
from hmic_cli.query import SORT_KEYS, Filters
from hmic_cli.store.loading import resolve, without_bom
from hmic_cli.vocabulary import Deadline, RecType, Status


def format_enum(command: str) -> type[Enum]:
    """The --format choices of `command`, from the registry."""
    return Enum(f"{command.title()}Format", {name: name for name in formats.names(command)}, type=str)


def format_option(command: str):
    choices = formats.REGISTRY[command]
    help_ = "Output format: " + "; ".join(f"{f.name}: {f.help}" for f in choices) + "."
    return Annotated[format_enum(command), typer.Option("--format", "-f", help=help_)]


def format_name(fmt) -> str:
    """A --format value as its name (Typer passes the enum member; a default may be the plain string)."""
    return getattr(fmt, "value", fmt)


SortKey = Enum("SortKey", {k: k for k in SORT_KEYS}, type=str)


def day(value: str | date | None) -> date | None:
    """A DATE option's value, read while the arguments are parsed (Typer's `parser`): ISO, `today`,
    `yesterday`, `+30d` and the other forms `dates.parse_day` reads. A bad one is a usage error (exit 2)
    that names the option."""
    return _parsed(value, date, parse_day)


def within(value: str | Duration | None) -> Duration | None:
    """A DURATION option's value (`30d`, `6w`, `3m`), read once while the arguments are parsed."""
    return _parsed(value, Duration, duration)


def _parsed(value, kind: type, parse):
    """`value` read by `parse` unless it is already a `kind` (a default, or a value read before)."""
    if value is None or isinstance(value, kind):
        return value
    try:
        return parse(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# Shell completion: ids from the data file in use (read leniently, without validation).
def _document(ctx: typer.Context) -> dict:
    import json

    root = ctx.find_root()
    data = ctx.params.get("data") or (root.params.get("data") if root else None)
    try:
        document = json.loads(without_bom(resolve(data, announce=False)[0].read_bytes()))
    except (OSError, ValueError, HmicError):  # completion never fails: a broken file completes nothing
        return {}
    return document if isinstance(document, dict) else {}


def _ids(ctx: typer.Context, key: str, incomplete: str) -> list[str]:
    entries = _document(ctx).get(key)
    ids = [e.get("id") for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    return [i for i in ids if isinstance(i, str) and i.startswith(incomplete)]


def complete_theme(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "themes", incomplete)


def complete_report(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "reports", incomplete)


def complete_item(ctx: typer.Context, incomplete: str) -> list[str]:
    return _ids(ctx, "recommendations", incomplete)


def complete_owner(ctx: typer.Context, incomplete: str) -> list[str]:
    entries = _document(ctx).get("recommendations")
    owners = {e.get("owner") for e in entries if isinstance(e, dict)} if isinstance(entries, list) else set()
    return sorted(o for o in owners if isinstance(o, str) and o.startswith(incomplete))


DataOpt = Annotated[Path | None, typer.Option(
    "--data", "-d", show_default=False, readable=False, help="Data file (overrides the global --data and HMIC_DATA).")]
DueOpt = Annotated[list[Deadline] | None, typer.Option(
    "--due", help="Deadline class (repeatable: any of).", show_default=False)]
ThemeOpt = Annotated[list[str] | None, typer.Option(
    "--theme", help="Theme id (repeatable: any of).", show_default=False, autocompletion=complete_theme)]
StatusOpt = Annotated[list[Status] | None, typer.Option(
    "--status", help="Status (repeatable; default: the command's own, see --help).", show_default=False)]
AllOpt = Annotated[bool, typer.Option("--all", help="Every status, complete and superseded too.")]
OverdueOpt = Annotated[bool, typer.Option("--overdue", help="Only overdue items.")]
DueBeforeOpt = Annotated[date | None, typer.Option(
    "--due-before", metavar="DATE", parser=day, help="Only items due before DATE.", show_default=False)]
DueWithinOpt = Annotated[Duration | None, typer.Option(
    "--due-within", metavar="DURATION", parser=within,
    help="Only outstanding items due from the as-of day to DURATION later (30d, 6w, 3m).", show_default=False)]
TypeOpt = Annotated[list[RecType] | None, typer.Option(
    "--type", help="Recommendation type (repeatable).", show_default=False)]
ReportOpt = Annotated[list[str] | None, typer.Option(
    "--report", help="Report id (repeatable).", show_default=False, autocompletion=complete_report)]
OwnerOpt = Annotated[list[str] | None, typer.Option(
    "--owner", help="Owner (repeatable: any of; case ignored).", show_default=False, autocompletion=complete_owner)]
AsOfOpt = Annotated[date, typer.Option(
    "--as-of", metavar="DATE", parser=day,
    help="The day to judge due dates against: 2014-07-31, 31/07/2014, 31 July 2014, today, +30d.")]
AmberOpt = Annotated[int | None, typer.Option(
    "--amber-days", min=0, max=3660, show_default=False,
    help=f"RAG: outstanding items due within this many days are amber (default: the project file's amber_days, "
         f"else {defaults.AMBER_DAYS}).")]


def date_option(flag: str, help: str):
    """An optional DATE option, read while the arguments are parsed."""
    return Annotated[date | None, typer.Option(flag, parser=day, metavar="DATE", help=help, show_default=False)]


OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", readable=False, help="Write the result to FILE instead of stdout.", show_default=False)]
ItemArg = Annotated[str, typer.Argument(help="Recommendation id, e.g. NCP-1.", show_default=False,
                                        autocompletion=complete_item)]


def setting(ctx: typer.Context, name: str, value):
    """A team setting for this command: the flag when it was given (Click's parameter source, not a
    comparison with the default), else the environment, the project file or the default (`project`)."""
    source = ctx.get_parameter_source(name)
    if source is not None and source.name != "DEFAULT":  # by name: Typer may bring its own copy of Click's enum
        return value
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    return getattr(project.settings(), name)


def data_origin(ctx: typer.Context, own: Path | None) -> str | None:
    """Where the command's tracker path came from: '--data' or 'HMIC_DATA' (None: neither)."""
    if own is not None:
        return "--data"
    root = ctx.find_root()
    source = getattr(root.get_parameter_source("data") if root else None, "name", None)
    if source == "ENVIRONMENT":
        return defaults.DATA_ENV
    return "--data" if source == "COMMANDLINE" else None


FILTERS = ("due", "theme", "status", "all_", "overdue", "due_before", "due_within", "type_", "report", "owner")
_FILTER_OPTIONS = {"due": DueOpt, "theme": ThemeOpt, "status": StatusOpt, "all_": AllOpt, "overdue": OverdueOpt,
                   "due_before": DueBeforeOpt, "due_within": DueWithinOpt, "type_": TypeOpt, "report": ReportOpt,
                   "owner": OwnerOpt}
_FILTER_DEFAULTS = {"all_": False, "overdue": False}


def filters(command: str, *, due=None, theme=None, status=None, all_=False, overdue=False, due_before=None,
            due_within=None, type_=None, report=None, owner=None) -> Filters:
    """The filters of a command's options; the statuses default to the command's own (`defaults`)."""
    return Filters(
        due=list(due or []), themes=list(theme or []), statuses=defaults.statuses(command, status, all_),
        overdue=overdue, due_before=day(due_before), due_within=within(due_within),
        types=list(type_ or []), reports=list(report or []), owners=list(owner or []),
    )


def view_options(command: str, *, filters_: tuple[str, ...] = FILTERS, amber: bool = False, output: bool = True):
    """The options every read command shares, declared once (as sqlite-utils' `output_options`): the
    filters (all, or the names in `filters_`), `--as-of`, `--format` (its choices from the registry),
    `--output`, `--amber-days` and `--data`. The decorated function takes `view: View` instead: the
    options arrive parsed (dates as dates) and are gathered into one request."""
    extra = {name: (_FILTER_OPTIONS[name], _FILTER_DEFAULTS.get(name)) for name in filters_}
    extra["as_of"] = (AsOfOpt, "today")
    if amber:
        extra["amber_days"] = (AmberOpt, None)
    extra["fmt"] = (format_option(command), formats.names(command)[0])
    if output:
        extra["output"] = (OutputOpt, None)
    extra["data"] = (DataOpt, None)

    def build(ctx: typer.Context, given: dict) -> View:
        chosen = {name: given[name] for name in filters_}
        amber_days = setting(ctx, "amber_days", given["amber_days"]) if amber else defaults.AMBER_DAYS
        return View(data_of(ctx, given["data"]), filters(command, **chosen), day(given["as_of"]),
                    format_name(given["fmt"]), given.get("output"), amber_days)

    return _composed(extra, "view", build)


def _composed(extra: dict[str, tuple[object, object]], target: str, build):
    """A decorator adding the options in `extra` (name -> (annotation, default)) to a Typer command and
    handing it `target=build(ctx, values)` instead. Typer reads the signature, so the wrapper's
    signature is the function's own (less `target`) plus the options."""

    def decorate(func):
        signature = inspect.signature(func, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != target]
        added = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
                 for name, (annotation, default) in extra.items()]
        if "ctx" not in signature.parameters:
            own.insert(0, inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context))

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            given = {name: kwargs.pop(name) for name in extra}
            ctx = kwargs["ctx"] if "ctx" in signature.parameters else kwargs.pop("ctx")
            kwargs[target] = build(ctx, given)
            return func(*args, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=own + added)
        return wrapper

    return decorate
