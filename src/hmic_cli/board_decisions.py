""""The board is asked to": what a board decides or notes, each kind one small function.

Each kind takes the pack and the paper's row maker and returns a `Decision` (what the board is asked
to do, in a sentence, and the items it names) or None when there is nothing of that kind. `KINDS`
lists them in the paper's order; a new kind (extension requests awaiting approval, responses due)
is one more function added to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hmic_cli import board_asof, cycle, project, waivers
from hmic_cli import board_words as words
from hmic_cli.headline import due_on, owner_on
from hmic_cli.vocabulary import OUTSTANDING, Status

Row = Any  # board_paper.Row (named here, not imported: board_paper builds from this module)
RowMaker = Callable[..., Any]  # board_paper.RowMaker

if TYPE_CHECKING:
    from hmic_cli.boardpack import BoardPack


@dataclass(frozen=True)
class Decision:
    kind: str  # closures, due-dates, waivers, owners (an id in the HTML; never shown as words)
    ask: str  # "approve the closure of 3 items awaiting sign-off"
    rows: list[Row]


def closures(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Approve the closures awaiting sign-off on the as-of day (proposed by then, not yet decided then)."""
    waiting = Status.awaiting_sign_off
    items = [i for i, then in zip(pack.items, board_asof.statuses(pack), strict=True) if then is waiting]
    if not items:
        return None
    n = len(items)
    return Decision("closures", f"approve the closure of {words.counted(n, 'item')} awaiting sign-off, "
                    f"or send {'it' if n == 1 else 'them'} back", [make(i) for i in items])


def due_dates(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Agree the due dates revised since the last meeting (extension requests where no approval is required)."""
    since, as_of = pack.since, pack.as_of
    items = [i for i, then in zip(pack.items, board_asof.statuses(pack), strict=True)
             if then in OUTSTANDING and any(since <= r.on <= as_of for r in i.rec.due_revisions)]  # outstanding then
    if not items:
        return None
    return Decision("due-dates", f"agree the {words.counted(len(items), 'due date')} revised since the last meeting "
                    f"({words.long_date(since)})", [make(i) for i in items])


def waivers_ending(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Note the waivers ending within the amber window and those already expired on outstanding items."""
    as_of, window = pack.as_of, pack.amber_days
    ending, expired = [], []
    for i, then in zip(pack.items, board_asof.statuses(pack), strict=True):  # each waiver as it stood on the day
        if then not in OUTSTANDING:  # on items outstanding then
            continue
        waiver = board_asof.waiver_on(i.rec, as_of)
        if waivers.expiring(waiver, as_of, window):
            ending.append(i)
        elif waivers.state(waiver, as_of) == "expired":
            expired.append(i)
    if not ending and not expired:
        return None
    parts = []
    if ending:
        parts.append(f"{words.counted(len(ending), 'waiver')} ending within {words.counted(window, 'day')}")
    if expired:
        parts.append(f"{words.counted(len(expired), 'waiver')} that ha{'s' if len(expired) == 1 else 've'} "
                     "run out on items still outstanding")
    return Decision("waivers", f"note the {words.joined(parts)}, and renew or end each",
                    [make(i) for i in ending + expired])


def owners(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Assign owners to the items overdue on the as-of day that had none then (status, due date and owner as they
    stood on the day: `headline`'s rules)."""
    as_of = pack.as_of
    items = [i for i, then in zip(pack.items, board_asof.statuses(pack), strict=True) if then in OUTSTANDING
             and (due := due_on(i, as_of)) is not None and due < as_of and not owner_on(i, as_of)]
    if not items:
        return None
    ask = ("assign an owner to the overdue item that has none" if len(items) == 1 else
           f"assign an owner to each of the {len(items)} overdue items that have none")
    return Decision("owners", ask, [make(i) for i in items])


def extensions(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Decide the extension requests awaiting approval (under `max_revisions` or `extensions_need_approval`) on
    the as-of day: asked by then and not yet decided then."""
    as_of, items, asked = pack.as_of, [], []
    for i, then in zip(pack.items, board_asof.statuses(pack), strict=True):
        if then in OUTSTANDING:  # outstanding on the day
            waiting = board_asof.extension_waiting(i.rec, as_of)
            if waiting is not None:
                items.append(i)
                asked.append(f"{i.rec.id} to {words.long_date(waiting.due)}")
    if not items:
        return None
    asked = "; ".join(asked)
    return Decision("extensions", f"approve or refuse the {words.counted(len(items), 'extension request')} "
                    f"awaiting a decision ({asked})", [make(i) for i in items])


def responses(pack: BoardPack, make: RowMaker) -> Decision | None:
    """Note the published responses due within the amber window or missed (`response_days`), naming the items
    of each report still without a response."""
    from types import SimpleNamespace

    recs = [i.rec for i in pack.items]
    view = SimpleNamespace(reports=[board_asof.report_on(r, pack.as_of) for r in pack.reports], recommendations=recs)
    due = cycle.responses_due(view, pack.as_of, pack.amber_days, project.settings().response_days)
    if not due:
        return None
    parts, rows = [], []
    for clock in due:
        when = (f"missed by {words.counted(-clock.days_left, 'day')}" if clock.days_left < 0
                else f"due {words.long_date(clock.due)}")
        parts.append(f"{clock.report.title} ({when})")
        rows += [make(i) for i in pack.items if i.rec.report == clock.report.id and i.outstanding
                 and not (i.rec.response or "").strip()]  # the items still to answer in it
    return Decision("responses", f"note the published response{'s' if len(due) != 1 else ''} "
                    f"{'are' if len(due) != 1 else 'is'} due: {words.joined(parts)}", rows)


KINDS = (closures, extensions, due_dates, waivers_ending, owners, responses)


def decide(pack: BoardPack, make: RowMaker) -> list[Decision]:
    return [d for kind in KINDS if (d := kind(pack, make)) is not None]
