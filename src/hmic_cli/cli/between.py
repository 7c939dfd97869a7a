"""The commands between meetings: diff, merge (git's merge driver) and remind. (`check --against` and
`report --since-ref` are options of those commands.)"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hmic_cli.cli.app import app, data_of
from hmic_cli.cli.failing import handles_errors
from hmic_cli.cli.options import AsOfOpt, DataOpt, OutputOpt, date_option, format_option, view_options, within
from hmic_cli.cli.options import format_name as _name
from hmic_cli.command_requests import Diff, Remind, View
from hmic_cli.dates import Duration


@app.command()
@handles_errors
@view_options("diff", filters_=(), amber=True)
def diff(
    ctx: typer.Context,
    view: View,
    old: Annotated[Path | None, typer.Argument(
        readable=False, show_default=False, help="The tracker before (omit with --since-ref).")] = None,
    new: Annotated[Path | None, typer.Argument(
        readable=False, show_default=False, help="The tracker after (default with --since-ref: --data).")] = None,
    since_ref: Annotated[str | None, typer.Option(
        "--since-ref", metavar="REV", show_default=False,
        help="Compare the tracker with itself at this git revision (a commit, branch or tag).")] = None,
    old_as_of: date_option("--old-as-of", "The day to judge the old state on (default: the revision's commit "
                                          "date, or --as-of).") = None,
) -> int:
    """What changed between two states of a tracker (two files, or --since-ref REV).

    Items added and removed, status moves, closures (late or on time), revised due dates, owners,
    waivers, and what became overdue or amber between the two days."""
    # lazy: hmic_cli.commands.between adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.commands import between

    if since_ref is not None and old is not None and new is None:
        old, new = None, old  # `hmic diff --since-ref REV FILE`
    if since_ref is not None and new is None:
        new = view.data
    return between.diff(Diff(view, old, new, since_ref, old_as_of))


@app.command()
@handles_errors
def merge(
    base: Annotated[Path, typer.Argument(readable=False, help="The common ancestor (git's %O).", show_default=False)],
    ours: Annotated[Path, typer.Argument(readable=False, help="Our version, and where the result goes (%A).",
                                         show_default=False)],
    theirs: Annotated[Path, typer.Argument(readable=False, help="Their version (%B).", show_default=False)],
    tracker: Annotated[str | None, typer.Argument(
        help="The tracker's path in the repository (git's %P), named in every message.", show_default=False)] = None,
) -> int:
    """A git merge driver for trackers (git's %O %A %B %P): the merged tracker is written into OURS.

    Merges by id and keeps every entry either side added; exit 1 (a conflict for git) when both sides
    changed the same field differently, or a side cannot be read faithfully (OURS left as it was)."""
    # lazy: hmic_cli.commands.between adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.commands import between

    return between.merge(base, ours, theirs, tracker)


@app.command()
@handles_errors
def remind(
    ctx: typer.Context,
    window: Annotated[Duration | None, typer.Option(
        "--within", metavar="DURATION", show_default=False, parser=within,
        help="The window of what is due soon: 14d, 2w, 1m (default: the amber window).")] = None,
    owner: Annotated[list[str] | None, typer.Option(
        "--owner", help="Only this person's digest (repeatable; case ignored).", show_default=False)] = None,
    fmt: format_option("remind") = "markdown",
    output: OutputOpt = None,
    output_dir: Annotated[Path | None, typer.Option(
        "--output-dir", readable=False, show_default=False,
        help="Write one .eml message per owner into this folder (made if missing).")] = None,
    smtp: Annotated[str | None, typer.Option(
        "--smtp", metavar="HOST:PORT", show_default=False,
        help="The SMTP server to send through (credentials: HMIC_SMTP_USER, HMIC_SMTP_PASSWORD).")] = None,
    sender: Annotated[str | None, typer.Option("--from", metavar="ADDRESS", show_default=False,
                                               help="The messages' sender.")] = None,
    starttls: Annotated[bool, typer.Option("--starttls", help="Upgrade the SMTP connection with STARTTLS.")] = False,
    send: Annotated[bool, typer.Option("--send", help="Send the messages (without it: a dry run).")] = False,
    as_of: AsOfOpt = "today",
    data: DataOpt = None,
) -> int:
    """One digest per owner: overdue, due within the window, awaiting their sign-off.

    Markdown on stdout, .eml files (--output-dir), or e-mail through SMTP (--smtp ... --send)."""
    # lazy: hmic_cli.commands.between adds 0.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli.commands import between

    return between.remind(Remind(
        data_of(ctx, data), as_of, window, list(owner or []), _name(fmt), output_dir, smtp, sender,
        starttls, send, output))
