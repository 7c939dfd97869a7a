"""The board paper: what the board reads, as one content model every format renders (HTML, Word, Excel).

In the order the contract gives ("The board paper"): the purpose, the headline figures, "The board is
asked to" (`board_decisions`), counts by report, type and status in words, the exceptions (overdue, due
soon, awaiting sign-off), one "Changes since the last meeting" (`board_changes`) and a register appendix
(every open item and those closed since the last meeting, by report). Every row names its report and
type, sits under its parent when it is an action, and carries its latest progress note (never a note
hmic wrote itself) and its expected closure date. Built once, in one pass over the selected items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from hmic_cli import board_changes, board_decisions, board_themes, chains, issuer_registry, issuers, waivers
from hmic_cli import board_words as words
from hmic_cli.errors import UsageError
from hmic_cli.vocabulary import Rag, RecType, Status

if TYPE_CHECKING:
    from hmic_cli.board_changes import ChangeGroup
    from hmic_cli.board_decisions import Decision
    from hmic_cli.board_themes import SharedTheme
    from hmic_cli.boardpack import BoardPack
    from hmic_cli.query import Item

MAX_PURPOSE = 2000


# Update and Row are not frozen, for speed (as `query.Item`): a board paper makes one of each per item
# (`RowMaker._make` at 100,000 records 16.3 -> 11.8 µs an item, measured in-process); neither changes once made.
@dataclass(slots=True)
class Update:
    """An owner's progress note: what was done, by whom, on which day."""

    note: str
    by: str | None
    on: date
    evidence: str | None = None


def latest_progress(item: Item) -> Update | None:
    """The item's last progress note: a status entry after the one that made the item, whose note is
    not one hmic writes itself (an import, "Added to the tracker.", an edit). None when there is none."""
    history = item.rec.history
    for n in range(len(history) - 1, 0, -1):
        entry = history[n]
        if entry.status is None or words.is_system_note(entry.note):
            continue
        return Update(entry.note, entry.by, entry.on, entry.evidence)
    return None


@dataclass(slots=True)
class Row:
    """One item as a row of the paper: every value already in words."""

    item: Item
    report: str  # the report's title
    kind: str  # "area for improvement"
    status: str  # "in progress"
    standing: str  # "12 days overdue", "30 days left", "no due date", "closed 3 March 2025 (late)"
    expected: str  # the expected closure date, in words
    update: Update | None
    notes: tuple[str, ...]  # waiver, revised due date, carried forward, "action under R1"
    child: bool  # an action shown under its parent

    @property
    def id(self) -> str:
        return self.item.rec.id

    @property
    def text(self) -> str:
        return self.item.rec.text

    @property
    def owner(self) -> str:
        return self.item.rec.owner or "no owner"

    @property
    def rag(self) -> Rag:
        return self.item.rag

    @property
    def due(self) -> str:
        return words.long_date(self.item.due_date, "no due date")


@dataclass(frozen=True)
class Section:
    key: str  # overdue, amber, awaiting (an id in the HTML)
    title: str
    rows: list[Row]
    empty: str
    waived: int = 0


@dataclass(frozen=True)
class ReportCounts:
    """One report's line: '9 recommendations, 14 areas for improvement, 1 cause of concern'."""

    title: str
    about: str  # 'HMICFRS, Midshire Police, published 14 March 2024'
    types: str
    statuses: str
    overdue: int


@dataclass
class Paper:
    pack: BoardPack
    purpose: str | None
    decisions: list[Decision] = field(default_factory=list)
    counts: list[ReportCounts] = field(default_factory=list)
    overall: str = ""  # every selected item by type and by status, in words
    exceptions: list[Section] = field(default_factory=list)
    changes: list[ChangeGroup] = field(default_factory=list)
    appendix: list[tuple[str, list[Row]]] = field(default_factory=list)
    shared_themes: list[SharedTheme] = field(default_factory=list)  # themes more than one issuer raises

    @property
    def title(self) -> str:
        return self.pack.title

    @property
    def as_of(self) -> date:
        return self.pack.as_of

    @property
    def since(self) -> date:
        return self.pack.since

    @property
    def marking(self) -> str | None:
        return self.pack.marking

    @property
    def subtitle(self) -> str:
        return (f"Board paper as of {words.long_date(self.as_of)}; the last meeting "
                f"{words.long_date(self.since)}.")

    @property
    def changes_count(self) -> int:
        return sum(len(g.lines) for g in self.changes)


def check_purpose(purpose: str | None) -> str | None:
    """`--purpose`: a paragraph of printable text (line breaks allowed), or None when blank."""
    if purpose is None or not purpose.strip():
        return None
    purpose = purpose.strip()
    if len(purpose) > MAX_PURPOSE or any(not (ch.isprintable() or ch in "\n\t") for ch in purpose):
        raise UsageError(f"--purpose must be printable text of at most {MAX_PURPOSE} characters",
                         "e.g. --purpose 'To update the board on the force's progress against HMICFRS reports.'")
    return purpose


class RowMaker:
    """Rows for the items, each made once (an item in two sections is one Row)."""

    def __init__(self, pack: BoardPack) -> None:
        self.as_of, self.amber_days = pack.as_of, pack.amber_days
        self.titles = {r.id: r.title for r in pack.reports}
        registry = issuer_registry.active()
        self.issuers = {r.id: issuer_registry.of(r, registry) for r in pack.reports}
        self.made: dict[int, Row] = {}
        self.kinds: dict[tuple, str] = {}
        self.said: dict[tuple, tuple[str, str]] = {}  # (days left, awaiting, waiver's end) -> (standing, expected)

    def __call__(self, item: Item, child: bool = False) -> Row:
        row = self.made.get(id(item))
        if row is None or row.child is not child:
            row = self.made[id(item)] = self._make(item, child)
        return row

    def _make(self, item: Item, child: bool) -> Row:
        rec = item.rec
        notes = []
        if rec.parent:
            notes.append(f"an action under {rec.parent}" if rec.type is RecType.action else f"under {rec.parent}")
        if rec.waiver is not None:
            w = rec.waiver
            state = "waived until" if waivers.runs(w, self.as_of) else "the waiver ran out on"
            notes.append(f"{state} {words.long_date(w.until)}: {w.reason}" + (f" ({w.by})" if w.by else ""))
        if rec.due_revisions:
            last = rec.due_revisions[-1]
            notes.append(f"due date revised on {words.long_date(last.on)}, from "
                         f"{words.long_date(last.previous, 'no date')}" + (f": {last.reason}" if last.reason else ""))
        notes.extend(link_notes(item))
        kind = self.kinds.get((rec.report, rec.type))
        if kind is None:  # in the issuer's own words, looked up once a report and type
            kind = self.kinds[rec.report, rec.type] = issuers.type_words(self.issuers.get(rec.report), rec.type.value)
        if item.outstanding:  # an open item's standing and expected closure are words of a few values, made once
            key = (item.days_left, rec.status is Status.awaiting_sign_off,
                   rec.waiver.until if rec.waiver is not None else None)
            said = self.said.get(key)
            if said is None:
                said = self.said[key] = standing(item), expected_closure(item, self.as_of)
        else:
            said = standing(item), expected_closure(item, self.as_of)
        return Row(item, self.titles.get(rec.report, rec.report), kind, words.STATUS_WORDS[rec.status], *said,
                   latest_progress(item), tuple(notes), child)


def link_notes(item: Item) -> list[str]:
    """An item's links in words: carried forward, superseded, what an action answers and what answers it."""
    rec, notes = item.rec, []
    carried = getattr(rec, "carried_forward_from", None)
    if carried:
        notes.append(f"carried forward from {carried}")
    later = getattr(rec, "superseded_by", None)
    if later:
        notes.append(f"superseded by {later}")
    answers = getattr(rec, "answers", None)
    if answers:
        notes.append("answers " + words.joined(list(answers)))
    rollup = getattr(item, "rollup", None)
    answering = getattr(rollup, "answered_by", ()) if rollup is not None else ()
    if answering:
        notes.append("answered by " + words.joined(list(answering)))
    return notes


def standing(item: Item) -> str:
    if not item.outstanding:
        done = item.completed_on
        late = " (late)" if item.late else ""
        return f"{words.status_word(item.rec.status)} {words.long_date(done, '')}".strip() + late
    left = item.days_left
    if left is None:
        return "no due date"
    if left < 0:
        return words.counted(-left, "day") + " overdue"
    return "due today" if left == 0 else words.counted(left, "day") + " left"


def expected_closure(item: Item, as_of: date) -> str:
    """When the item is expected to close: at sign-off, by its due date, or (overdue) no date agreed."""
    if not item.outstanding:
        return f"closed {words.long_date(item.completed_on, '')}".strip()
    if item.rec.status is Status.awaiting_sign_off:
        return "on sign-off (closure proposed)"
    due = item.due_date
    if due is None:
        return "no date set"
    if due >= as_of:
        return words.long_date(due)
    waiver = item.rec.waiver
    if waivers.runs(waiver, as_of):
        return f"waived until {words.long_date(waiver.until)}"
    return "no new date agreed"


def family_order(items: list[Item]) -> list[tuple[Item, bool]]:
    """The items in their order, each child (an action) straight after its parent when both are listed:
    (item, shown under its parent)."""
    under = [i for i in items if i.rec.parent]
    if not under:  # no actions (the usual report): the items as they are
        return [(i, False) for i in items]
    listed = {i.rec.id for i in items}
    children: dict[str, list[Item]] = {}
    for i in under:
        parent = i.rec.parent
        if parent in listed and parent != i.rec.id:
            children.setdefault(parent, []).append(i)
    if not children:
        return [(i, False) for i in items]
    out: list[tuple[Item, bool]] = []
    placed: set[str] = set()

    def place(item: Item, under: bool) -> None:
        if item.rec.id in placed:
            return
        placed.add(item.rec.id)
        out.append((item, under))
        for child in children.get(item.rec.id, ()):
            place(child, True)

    for i in items:
        parent = i.rec.parent
        if not (parent and parent in listed and parent != i.rec.id):
            place(i, False)
    for i in items:  # a loop of parents (refused by validation) still shows every item
        place(i, False)
    return out


def rows_of(items: list[Item], make: RowMaker) -> list[Row]:
    return [make(i, under) for i, under in family_order(items)]


def type_words(by_type: Counter, issuer=None) -> str:
    """'9 recommendations, 14 areas for improvement' from a Counter by type; in `issuer`'s own words."""
    return ", ".join(words.type_count(by_type[t], t, issuer) for t in RecType if by_type[t]) or "no items"


def status_words(by_status: Counter) -> str:
    return ", ".join(f"{by_status[s]} {words.status_word(s)}" for s in Status if by_status[s]) or "none"


def tallies(pack: BoardPack) -> Counter:
    """The selected items counted by (report, type, status, red) in one pass: every count the paper gives by
    report, type and status is a sum of these few keys."""
    return Counter([(i.rec.report, i.rec.type, i.rec.status, i.rag is Rag.red) for i in pack.items])


def report_counts(pack: BoardPack, tally: Counter) -> list[ReportCounts]:
    by_report: dict[str, tuple[Counter, Counter, list[int]]] = {}  # report -> (by type, by status, [red])
    for (report, kind, status, red), n in tally.items():
        by_type, by_status, overdue = by_report.setdefault(report, (Counter(), Counter(), [0]))
        by_type[kind] += n
        by_status[status] += n
        overdue[0] += n if red else 0
    out = []
    for r in pack.reports:
        if r.id not in by_report:
            continue
        by_type, by_status, overdue = by_report[r.id]
        about = ", ".join(x for x in (r.inspectorate, r.force) if x)
        about += f", published {words.long_date(r.published)}" + (" (estimated)" if r.published_note else "")
        out.append(ReportCounts(r.title, about, type_words(by_type, issuer_registry.of(r)), status_words(by_status),
                                overdue[0]))
    return out


def overall_words(tally: Counter) -> str:
    """Every selected item by type and by status, in words."""
    by_type: Counter = Counter()
    by_status: Counter = Counter()
    for (_, kind, status, _), n in tally.items():
        by_type[kind] += n
        by_status[status] += n
    return f"{type_words(by_type)}; {status_words(by_status)}"


def build(pack: BoardPack, purpose: str | None = None) -> Paper:
    """The paper of a board pack (`boardpack.build`, with `since_meeting` set when there is one)."""
    make = RowMaker(pack)
    waived = sum(pack.waived(i) for i in pack.overdue)
    exceptions = [
        Section("overdue", "Overdue", rows_of(pack.overdue, make), "Nothing is overdue.", waived),
        Section("amber", f"Due within {pack.amber_days} days", rows_of(pack.amber, make),
                "Nothing falls due in the next " + words.counted(pack.amber_days, "day") + "."),
        Section("awaiting", "Awaiting sign-off", rows_of(pack.awaiting, make), "Nothing awaits sign-off."),
    ]
    tally = tallies(pack)
    return Paper(pack, purpose, board_decisions.decide(pack, make), report_counts(pack, tally),
                 overall_words(tally) + chains_once(pack), exceptions,
                 board_changes.changes(pack, make), appendix(pack, make),
                 board_themes.shared(pack, {p.key: p.label for p in pack.by_theme}))


def chains_once(pack: BoardPack) -> str:
    """'; 40 outstanding counting each re-issued chain once' when a supersede chain holds several outstanding
    items (a re-issued item is one piece of work, not two), else ''."""
    outstanding, once = chains.count_once([i.rec for i in pack.items])
    return f"; {once} outstanding counting each re-issued chain once" if once != outstanding else ""


def appendix(pack: BoardPack, make: RowMaker) -> list[tuple[str, list[Row]]]:
    """Every open item and those closed since the last meeting, by report (in the pack's report order)."""
    since = pack.since
    kept: dict[str, list[Item]] = {}
    for item in pack.items:
        if item.outstanding or ((done := item.completed_on) is not None and done >= since):
            kept.setdefault(item.rec.report, []).append(item)
    return [(r.title, rows_of(kept[r.id], make)) for r in pack.reports if r.id in kept]
