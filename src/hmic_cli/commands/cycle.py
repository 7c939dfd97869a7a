"""The inspectorate's cycle (issue 31): `reports` and `respond` read a tracker (nothing of the write path is
imported for them); `verify`, `reopen`, `approve`, `report edit` and `update --inspectorate` are plans the
CLI hands to `commands.write.write`, the one write path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hmic_cli.command_requests import Respond, View
from hmic_cli.errors import EXIT_OK
from hmic_cli.messages import note
from hmic_cli.output import emit
from hmic_cli.query import known
from hmic_cli.store import loading


def _response_days() -> int | None:
    # lazy: hmic_cli.project adds 8.1 ms to `hmic --help` start-up (python -X importtime)
    from hmic_cli import project

    return project.settings().response_days


@dataclass
class Reports:
    """`hmic reports`: every report's response clock on `as_of`."""

    as_of: date
    clocks: list


def reports(view: View) -> int:
    # lazy: hmic_cli.cycle adds 9.3 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import cycle

    dataset = loading.load(view.data).dataset
    known("report", view.filters.reports, [r.id for r in dataset.reports])
    found = cycle.clocks(dataset, view.as_of, _response_days(), view.filters.reports or None)
    emit("reports", view.format, Reports(view.as_of, found), view.output)
    if not found:
        note("This tracker holds no reports yet: add one with 'hmic report add' or 'hmic import'.")
    return EXIT_OK


def respond(request: Respond) -> int:
    # lazy: hmic_cli.boardpack adds 12.4 ms to `hmic validate` start-up (python -X importtime)
    from hmic_cli import boardpack, cycle

    marking = boardpack.check_marking(request.marking)
    dataset = loading.load(request.data).dataset
    draft = cycle.draft(dataset, request.report, request.as_of, _response_days(), marking)
    emit("respond", request.format, draft, request.output)
    if draft.missing:
        shown = ", ".join(draft.missing[:20]) + (f" and {len(draft.missing) - 20} more" if len(draft.missing) > 20
                                                 else "")
        note(f"{len(draft.missing)} of {len(draft.rows)} items have no response yet: {shown} "
             f"(write one with: hmic edit ID --response TEXT)")
    if request.output is not None:
        note(f"Wrote the draft response to {draft.clock.report.id} ({len(draft.rows)} items) to {request.output}")
    return EXIT_OK
