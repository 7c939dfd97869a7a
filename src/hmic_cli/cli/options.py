"""The options commands share, their parsing into library values, and shell completion of ids."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli import defaults, formats
from hmic_cli.dates import parse_day, parse_duration
from hmic_cli.errors import HmicError
from hmic_cli.query import SORT_KEYS, Filters
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


def day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def duration(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_duration(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


# Shell completion: ids from the data file in use (read leniently, without validation).
def _document(ctx: typer.Context) -> dict:
    import json
    import os

    from hmic_cli.loading import bundled_path, without_bom

    root = ctx.find_root()
    data = ctx.params.get("data") or (root.params.get("data") if root else None) or os.environ.get(defaults.DATA_ENV)
    try:
        if not data:
            from hmic_cli import project

            data = project.settings().data
        document = json.loads(without_bom(Path(data or bundled_path()).read_bytes()))
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
DueBeforeOpt = Annotated[str | None, typer.Option(
    "--due-before", metavar="DATE", help="Only items due before DATE.", show_default=False)]
DueWithinOpt = Annotated[str | None, typer.Option(
    "--due-within", metavar="DURATION",
    help="Only outstanding items due from the as-of day to DURATION later (30d, 6w, 3m).", show_default=False)]
TypeOpt = Annotated[list[RecType] | None, typer.Option(
    "--type", help="Recommendation type (repeatable).", show_default=False)]
ReportOpt = Annotated[list[str] | None, typer.Option(
    "--report", help="Report id (repeatable).", show_default=False, autocompletion=complete_report)]
OwnerOpt = Annotated[list[str] | None, typer.Option(
    "--owner", help="Owner (repeatable: any of; case ignored).", show_default=False, autocompletion=complete_owner)]
AsOfOpt = Annotated[str, typer.Option(
    "--as-of", metavar="DATE", help="The day to judge due dates against: YYYY-MM-DD, today, yesterday, +30d.")]
AmberOpt = Annotated[int, typer.Option(
    "--amber-days", min=0, max=3660, help="RAG: outstanding items due within this many days are amber.")]
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


def filters(command: str, *, due=None, theme=None, status=None, all_=False, overdue=False, due_before=None,
            due_within=None, type_=None, report=None, owner=None) -> Filters:
    """The filters of a command's options; the statuses default to the command's own (`defaults`)."""
    return Filters(
        due=list(due or []), themes=list(theme or []), statuses=defaults.statuses(command, status, all_),
        overdue=overdue, due_before=day(due_before), due_within=duration(due_within),
        types=list(type_ or []), reports=list(report or []), owners=list(owner or []),
    )
