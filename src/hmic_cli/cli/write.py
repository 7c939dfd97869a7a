"""The commands that change or create a tracker: init, update, add, edit, waive, import, report add, theme;
and `report` itself, the board pack (a group whose bare form writes the pack).

Every change goes through `commands.write.write` -> `store.transaction.apply` (locked, re-read, validated, atomic).
Each command imports `plans` (and with it the write path) when it runs: this module is imported
by every `hmic` start-up, and those imports cost a read command about 25 ms (5% of `list` on the
bundled data)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.issuer_options import (
    AnswersOpt,
    IssuerOpt,
    LinkCarriedOpt,
    PriorityOpt,
    ResponseDaysOpt,
    _ids,
    _issuer,
)
from hmic_cli.cli.options import (
    AsOfOpt,
    DataOpt,
    ItemArg,
    complete_item,
    complete_report,
    complete_theme,
    date_option,
    format_option,
    view_options,
)
from hmic_cli.cli.options import (
    format_name as _name,
)
from hmic_cli.command_requests import BoardPack, Import, Init, View
from hmic_cli.commands import read, write
from hmic_cli.defaults import INIT_PATH
from hmic_cli.errors import UsageError
from hmic_cli.vocabulary import Deadline, DelayCategory, InspectorateStatus, RecType, Status

ThemeSet = Enum("ThemeSet", {"bundled": "bundled", "peel": "peel", "fire": "fire"}, type=str)  # theme_sets.NAMES
ByOpt = Annotated[str | None, typer.Option(
    "--by", metavar="NAME",
    help="Who recorded it (default: HMIC_USER, else git config user.name, else the login name).",
    show_default=False)]
OnOpt = date_option("--on", "When it happened (default: today; never in the future).")


def _rules():
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    return project.settings()


def _who(by: str | None, rules=None) -> str | None:
    """The author a write records (`authors.author`), refused under require_by when only the login name is known."""
    # lazy: hmic_cli.authors adds 1.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.authors import author

    return author(by, (rules or _rules()).require_by)


@app.command()
@handles_errors
def init(
    path: Annotated[Path, typer.Argument(help="File to create.", readable=False)] = Path(INIT_PATH),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    empty: Annotated[bool, typer.Option(
        "--empty", help="No reports or items, only the bundled themes: to fill with import and add.")] = False,
    themes: Annotated[ThemeSet, typer.Option(
        "--themes", help="With --empty, the theme vocabulary: the bundled themes, or peel (the areas HMICFRS's "
        "PEEL inspections grade), or fire (the areas of HMICFRS's fire and rescue inspections).")] = "bundled",
    no_config: Annotated[bool, typer.Option(
        "--no-config", help="Do not write hmic.toml beside the tracker.")] = False,
    sign_off: Annotated[bool, typer.Option(
        "--sign-off", help="Turn the sign-off policy on in the hmic.toml written (sign_off = true).")] = False,
    nested: Annotated[bool, typer.Option(
        "--nested", help="Inside an existing project, make a project of its own here (its hmic.toml shadows "
        "the parent's for this folder and those below).")] = False,
) -> int:
    """Start a tracker: a copy of the bundled dataset, or with --empty an empty one; and hmic.toml beside it."""
    return write.init(Init(path, force, empty, ThemeSet(themes).value, config=not no_config, sign_off=sign_off,
                           nested=nested))


@app.command()
@handles_errors
def update(
    ctx: typer.Context,
    id: ItemArg,
    status: Annotated[Status | None, typer.Option("--status", help="The new status.", show_default=False)] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was done.", show_default=False)] = None,
    evidence: Annotated[str | None, typer.Option(
        "--evidence", metavar="URL|TEXT", help="Where the evidence is.", show_default=False)] = None,
    inspectorate: Annotated[InspectorateStatus | None, typer.Option(
        "--inspectorate", help="Record the inspectorate's own published status instead (--on: the day it says it; "
        "--note: a no-further-action reason).", show_default=False)] = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Record progress: add a status entry to an item's history (in date order) and set its status.

    With --inspectorate STATUS, record the inspectorate's own status of the item beside the force's."""
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    rules = _rules()
    if (status is None) == (inspectorate is None):
        raise UsageError("give --status (the force's progress) or --inspectorate (the inspectorate's status)",
                         "one of them, not both" if status else "e.g. --status in-progress --note TEXT")
    if inspectorate is not None:
        # lazy: hmic_cli.cycle_plans adds 8.3 ms to `hmic validate` start-up (python -X importtime)
        from hmic_cli import cycle_plans

        if evidence:
            raise UsageError("--evidence goes with --status", "record the inspectorate's words with --note")
        change = cycle_plans.InspectorateUpdate(id=id, status=inspectorate, on=on, note=note, by=_who(by, rules))
        return write.write(data_of(ctx, data), "update", cycle_plans.inspectorate(change, date.today()))
    change = plans.StatusUpdate(id=id, status=status, note=note, evidence=evidence, by=_who(by, rules), on=on)
    return write.write(data_of(ctx, data), "update", plans.update(change, date.today(), rules))


@app.command("sign-off")
@handles_errors
def sign_off(
    ctx: typer.Context,
    id: ItemArg,
    note: Annotated[str | None, typer.Option("--note", help="What the approver says.", show_default=False)] = None,
    reject: Annotated[bool, typer.Option("--reject", help="Send it back to in-progress instead.")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is rejected (with --reject).",
                                               show_default=False)] = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Close an item awaiting sign-off (complete), or --reject --reason it back to in-progress.

    Never by its owner or its proposer; only by one of the project file's approvers when it names them."""
    # lazy: hmic_cli.signoff adds 2.0 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import signoff
    rules = _rules()
    change = signoff.Decision(id=id, by=_who(by, rules), reject=reject, note=note, reason=reason, on=on)
    return write.write(data_of(ctx, data), "sign-off", signoff.decide(change, date.today(), rules))


@app.command()
@handles_errors
def migrate(
    file: Annotated[Path, typer.Argument(help="The tracker to upgrade in place.", readable=False,
                                         show_default=False)],
) -> int:
    """Upgrade a schema_version 1 tracker to version 2 in place (every field kept; safe write path)."""
    # lazy: hmic_cli.migration adds 0.2 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import migration
    return write.write(file, "migrate", migration.migrate())


@app.command()
@handles_errors
def add(
    ctx: typer.Context,
    text: Annotated[str, typer.Option("--text", help="The text as the report words it.", show_default=False)],
    report: Annotated[str | None, typer.Option("--report", help="Report id (default with --parent: the parent's).",
                                               show_default=False, autocompletion=complete_report)] = None,
    deadline: Annotated[Deadline | None, typer.Option(
        "--deadline", help="Deadline class (default with --due alone: by-date).", show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option(
        "--theme", help="Theme id (repeatable; default with --parent: the parent's).", show_default=False,
        autocompletion=complete_theme)] = None,
    due: date_option("--due", "Due date (needed for by-date).") = None,
    type_: Annotated[RecType | None, typer.Option(
        "--type", help="Item type (default: recommendation; under --parent, what may sit there).",
        show_default=False)] = None,
    parent: Annotated[str | None, typer.Option(
        "--parent", metavar="ID", help="The item it sits under (an action under a recommendation, a recommendation "
        "under a cause of concern).", show_default=False, autocompletion=complete_item)] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who owns it.", show_default=False)] = None,
    id: Annotated[str | None, typer.Option("--id", help="Id (default: the report's prefix and the next number; "
                                           "an action: its parent's id and .N).", show_default=False)] = None,
    priority: PriorityOpt = None, answers: AnswersOpt = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Add one recommendation, area for improvement, cause of concern or action to a tracker."""
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    new = plans.NewItem(report=report, text=text, deadline=deadline, themes=list(theme or []), due=due,
                        type=type_, owner=owner, id=id, by=_who(by), on=on, parent=parent, priority=priority,
                        answers=_ids(answers))
    return write.write(data_of(ctx, data), "add", plans.add(new, date.today()))


@app.command()
@handles_errors
def edit(
    ctx: typer.Context,
    id: ItemArg,
    text: Annotated[str | None, typer.Option("--text", help="New text.", show_default=False)] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="New owner ('' clears it).", show_default=False)] = None,
    type_: Annotated[RecType | None, typer.Option("--type", help="New type.", show_default=False)] = None,
    deadline: Annotated[Deadline | None, typer.Option("--deadline", help="New deadline class.",
                                                      show_default=False)] = None,
    due: date_option("--due", "A revised due date (needs --reason); the original is kept.") = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the due date was revised.",
                                               show_default=False)] = None,
    add_theme: Annotated[list[str] | None, typer.Option("--add-theme", help="Theme id to add (repeatable).",
                                                        show_default=False, autocompletion=complete_theme)] = None,
    remove_theme: Annotated[list[str] | None, typer.Option(
        "--remove-theme", help="Theme id to remove (repeatable).", show_default=False,
        autocompletion=complete_theme)] = None,
    parent: Annotated[str | None, typer.Option(
        "--parent", metavar="ID", help="The item it sits under ('' clears it; schema_version 2).", show_default=False,
        autocompletion=complete_item)] = None,
    priority: PriorityOpt = None, answers: AnswersOpt = None,
    response: Annotated[str | None, typer.Option(
        "--response", metavar="TEXT", help="The action taken or proposed, for the published response ('' clears it).",
        show_default=False)] = None,
    category: Annotated[DelayCategory | None, typer.Option(
        "--category", help="Why the due date moves (with --due; required when the project file sets max_revisions "
        "or extensions_need_approval).", show_default=False)] = None,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """Change an item's text, owner, type, parent, deadline, due date, response, themes, priority or the items an
    action answers; each edit goes into its history. Under the project file's extension rules a --due past the
    limit is a request an approver decides."""
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    rules = _rules()
    change = plans.ItemEdit(id=id, text=text, owner=owner, type=type_, deadline=deadline, due=due, reason=reason,
                            add_themes=list(add_theme or []), remove_themes=list(remove_theme or []), parent=parent,
                            by=_who(by, rules), on=on, response=response, category=category, priority=priority,
                            answers=_ids(answers))
    return write.write(data_of(ctx, data), "edit", plans.edit(change, date.today(), rules))


@app.command()
@handles_errors
def waive(
    ctx: typer.Context,
    id: ItemArg,
    until: date_option("--until", "Last day the gate passes the item.") = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (required).", show_default=False)] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the item's waiver.")] = False,
    by: ByOpt = None, on: OnOpt = None, data: DataOpt = None,
) -> int:
    """A dated, reasoned waiver: `check` passes the item until --until, then fails it again."""
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    change = plans.Waive(id=id, until=until, reason=reason, by=_who(by), clear=clear, on=on)
    return write.write(data_of(ctx, data), "waive", plans.waive(change, date.today()))


@app.command("import")
@handles_errors
def import_(
    ctx: typer.Context,
    source: Annotated[str | None, typer.Argument(
        help="A report (.txt, .md, .html, .pdf, or - for text on stdin), or a spreadsheet tracker (.xlsx, .csv).",
        show_default=False)] = None,
    into: Annotated[Path | None, typer.Option("--into", metavar="FILE", readable=False,
                                              help="Append what is found to this tracker.", show_default=False)] = None,
    report: Annotated[str | None, typer.Option("--report", help="Report id (a slug).", show_default=False,
                                               autocompletion=complete_report)] = None,
    title: Annotated[str | None, typer.Option("--title", help="Report title.", show_default=False)] = None,
    force: Annotated[str | None, typer.Option("--force", metavar="NAME", help="The police force.",
                                              show_default=False)] = None,
    published: date_option("--published", "Publication date.") = None,
    inspectorate: Annotated[str | None, typer.Option(
        "--inspectorate", help="Inspectorate (default: HMIC before 19 July 2017, HMICFRS from then).",
        show_default=False)] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where the report is published.",
                                            show_default=False)] = None,
    prefix: Annotated[str | None, typer.Option("--prefix", help="Prefix of new ids (default: from the report id).",
                                               show_default=False)] = None,
    theme: Annotated[list[str] | None, typer.Option("--theme", help="Theme id for every item (repeatable).",
                                                    show_default=False, autocompletion=complete_theme)] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Owner of every item.", show_default=False)] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="NAME", help="Spreadsheet: the sheet to read "
                                              "(default: the first with a heading row).", show_default=False)] = None,
    map_: Annotated[list[str] | None, typer.Option(
        "--map", metavar="HEADING=FIELD",
        help="Spreadsheet: read a column as FIELD (id, text, type, report, published, owner, due, revised, status, "
        "update, evidence, updated_by, updated_on, rag, themes), or HEADING=- to leave it out (repeatable).",
        show_default=False)] = None,
    updates: Annotated[bool, typer.Option(
        "--updates", help="The board pack's XLSX with owners' updates filled in: each filled row becomes a history "
        "entry of the tracker given by --into.")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Report: print its outline with each block's decision and reason; write nothing.")] = False,
    review: Annotated[bool, typer.Option(
        "--review", help="Report: on a terminal, accept, reject or correct each item to check before writing.")
    ] = False,
    review_file: Annotated[Path | None, typer.Option(
        "--review-file", metavar="FILE", help="Report: write the findings as a Markdown task list to tick and edit "
        "(nothing is written to a tracker).", show_default=False)] = None,
    accepted: Annotated[Path | None, typer.Option(
        "--accepted", metavar="FILE", help="Import the ticked items of a review file (no SOURCE needed).",
        show_default=False)] = None,
    link_carried: LinkCarriedOpt = False,
    as_of: AsOfOpt = "today",
    fmt: format_option("import") = "table",
    issuer: IssuerOpt = None,
    response_days: ResponseDaysOpt = None,
    by: ByOpt = None,
    data: DataOpt = None,
) -> int:
    """Bring in a report's recommendations, a spreadsheet tracker, or owners' updates; preview or --into a tracker."""
    return write.import_(Import(
        explain=explain, review=review, review_file=review_file, accepted=accepted,
        source=source or "", into=into, data=data_of(ctx, data), as_of=as_of, format=_name(fmt), report=report,
        title=title, force=force, published=published, inspectorate=inspectorate, url=url, prefix=prefix,
        themes=list(theme or []), owner=owner, sheet=sheet, maps=list(map_ or []), updates=updates,
        by=_who(by) if into is not None else by, issuer=_issuer(issuer),
        response_days=response_days, link_carried=link_carried))


report_app = typer.Typer(no_args_is_help=False)
app.add_typer(report_app, name="report")


REPORT_HELP = (
    "The board pack: `hmic report --format html|docx|xlsx --output FILE`; `hmic report add` adds a report.\n\n"
    "The pack holds the headline numbers, RAG counts, progress per theme, deadline class and owner, a chart of "
    "outstanding and overdue items over time, what is overdue, what falls due within the amber window, what moved "
    "since --since and the revised due dates. Every status counts unless --status says."
)


@report_app.callback(invoke_without_command=True, help=REPORT_HELP)
@handles_errors
@view_options("report", amber=True)
def report(
    ctx: typer.Context,
    view: View,
    since: date_option("--since", "Show what moved from DATE to the as-of day (default: a month before it).") = None,
    marking: Annotated[str | None, typer.Option(
        "--marking", metavar="TEXT", help="A protective marking (e.g. OFFICIAL) for the top and foot of every "
        "printed page and the XLSX header and footer.", show_default=False)] = None,
    since_ref: Annotated[str | None, typer.Option(
        "--since-ref", metavar="REV", show_default=False,
        help="The last meeting's tracker (a git revision): what changed since then, and the day it was "
        "committed as --since unless given.")] = None,
    purpose: Annotated[str | None, typer.Option(
        "--purpose", metavar="TEXT", show_default=False,
        help="A paragraph at the top of the paper saying why it comes to the board.")] = None,
) -> int:
    """The board pack (see REPORT_HELP); with a subcommand, only that subcommand runs."""
    if ctx.invoked_subcommand is not None:
        return 0
    return read.report(BoardPack(view, since, since_ref, marking, purpose))


theme_app = typer.Typer(help="Manage the tracker's theme vocabulary (`hmic theme add`).", no_args_is_help=True)
app.add_typer(theme_app, name="theme")


@theme_app.command("add")
@handles_errors
def theme_add(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Theme id (a slug, e.g. stop-and-search).", show_default=False)],
    label: Annotated[str, typer.Option("--label", help="Label shown in tables.", show_default=False)],
    description: Annotated[str, typer.Option("--description", help="What the theme covers (helps import match).")]
    = "",
    data: DataOpt = None,
) -> int:
    """Add a theme to a tracker's vocabulary."""
    # lazy: hmic_cli.plans adds 13.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import plans
    return write.write(data_of(ctx, data), "theme add", plans.add_theme(id, label, description))
