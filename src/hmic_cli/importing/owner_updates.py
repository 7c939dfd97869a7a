"""`hmic import board.xlsx --updates --into TRACKER`: owners' monthly updates, filled in the board pack.

The board pack's Recommendations sheet (`render/xlsx.py`) has an ID and a Status column and four
columns for owners: Update, Evidence, Updated by, Updated on. Each row with something filled in
(any of those four, or a Status changed from the tracker's) becomes one history entry of its item:
its status (the row's), note (the update), evidence, by and day (Updated on, else today).

The whole file is refused (exit 2, nothing written, every cell named) when a row's id is not in the
tracker, its status or date cannot be read, its day is in the future or before the item's last
entry, or it moves its item against the team's rules as `hmic update` would (`signoff.check_update`:
set complete where items are signed off, proposed without evidence, closed without the evidence
`require_evidence` asks for, or closed over children this file does not close). An entry the item's
history already holds is not added again, so a second run adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli.command_requests import Import
from hmic_cli.errors import EXIT_USAGE, DataError, Problem, UsageError
from hmic_cli.importing import cell_values as cv
from hmic_cli.importing.sheet_reading import Sheet
from hmic_cli.project import Settings
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import OUTSTANDING, Status

FIELDS = ("id", "status", "update", "evidence", "updated_by", "updated_on")
BOARD_SHEET = "Recommendations"


class UpdateErrors(DataError):
    exit_code = EXIT_USAGE


@dataclass
class Update:
    number: int
    id: str
    status: Status | None
    note: str | None
    evidence: str | None
    by: str | None
    on: date | None
    cells: dict[str, str]


def read_updates(sheet: Sheet, today: date) -> tuple[list[Update], list[Problem]]:
    columns = sheet.by_field()
    missing = [f for f in ("status", "update") if f not in columns]
    if missing:
        raise UsageError(f"{sheet.file}: sheet {sheet.name!r} has no {' or '.join(missing).replace('_', ' ')} column",
                         "give the board pack's XLSX (hmic report --format xlsx), whose Recommendations sheet has "
                         "ID, Status, Update, Evidence, Updated by and Updated on columns")
    updates, problems = [], []
    for offset, values in enumerate(sheet.rows):
        number = sheet.header_row + 1 + offset
        raw = {f: (values[columns[f].index] if f in columns and columns[f].index < len(values) else None)
               for f in FIELDS}
        cells = {f: sheet.cell(number, columns[f].index) for f in FIELDS if f in columns}
        item_id = cv.text(raw["id"])
        if item_id is None:
            if any(cv.text(raw[f]) for f in FIELDS[2:]):
                problems.append(Problem("an update with no ID: give the item's id", cells["id"]))
            continue
        found = len(problems)
        try:
            status = cv.status(raw["status"])
        except cv.Unreadable as exc:
            problems.append(Problem(str(exc), cells["status"]))
            status = None
        try:
            on = cv.day(raw["updated_on"], today, sheet.date1904)
        except cv.Unreadable as exc:
            problems.append(Problem(str(exc), cells["updated_on"]))
            on = None
        if on and on > today:
            problems.append(Problem(f"the update is dated {on.isoformat()}, after today ({today.isoformat()})",
                                    cells["updated_on"]))
        if len(problems) == found:
            updates.append(Update(number, item_id, status, cv.text(raw["update"]), cv.text(raw["evidence"]),
                                  cv.text(raw["updated_by"]), on, cells))
    return updates, problems


def plan_updates(path: str, updates: list[Update], problems: list[Problem], today: date,
                 rules: Settings | None = None):
    """The plan-maker: each row an entry, under the team's rules for moving an item (`signoff.check_update`,
    as `hmic update` is: a tracker that signs items off refuses a row that sets one complete); a parent's
    children count as closed when the same file closes them."""
    from hmic_cli import history

    name = Path(path).name
    rules = rules or Settings()

    def make(loaded) -> Plan:
        found = list(problems)
        index = {rec.id: (i, rec) for i, rec in enumerate(loaded.dataset.recommendations)}
        entries: dict[int, list[dict]] = {}
        moves = []  # (row, item, status) of each row that moves its item: checked once the file's outcome is known
        last_on: dict[int, date] = {}
        recorded, already = [], 0
        for u in updates:
            if u.id not in index:
                found.append(Problem(f"no item with id {u.id!r} in the tracker", u.cells["id"]))
                continue
            i, rec = index[u.id]
            status = u.status or rec.status
            if not (u.note or u.evidence or u.by or u.on) and status is rec.status:
                continue  # nothing filled in this row
            on = u.on or today
            previous = last_on.get(i) or (rec.history[-1].on if rec.history else None)
            # The note depends on the row alone (never on the tracker's state), so a second run finds it recorded.
            entry = {"on": on.isoformat(), "status": status.value,
                     "note": u.note or f"Board pack update: {status.value}."}
            if u.by:
                entry["by"] = u.by
            if u.evidence:
                entry["evidence"] = u.evidence
            if any(_same(entry, h) for h in rec.history) or entry in entries.get(i, []):
                already += 1
                continue
            if status is not rec.status:
                moves.append((u, rec, status))
            if previous and on < previous:
                found.append(Problem(f"{rec.id}'s update is dated {on.isoformat()}, before its last history entry "
                                     f"({previous.isoformat()}): history never goes backwards",
                                     u.cells.get("updated_on", u.cells["id"])))
                continue
            entries.setdefault(i, []).append(entry)
            last_on[i] = on
            recorded.append(f"{rec.id} {status.value} on {on.isoformat()}")
        found += _against_the_rules(loaded.dataset, moves, entries, rules)
        if found:
            raise UpdateErrors(path, found, "nothing was written: fix those cells and run the import again")

        if not recorded:
            message = f"Nothing to add: no new update in {name}" + (f" ({already} already recorded)" if already else "")
        else:
            message = f"Recorded {len(recorded)} update{'s' if len(recorded) != 1 else ''} from {name}: " + \
                "; ".join(recorded[:5]) + (f"; and {len(recorded) - 5} more" if len(recorded) > 5 else "")
            message += f" ({already} already recorded)" if already else ""
        return Plan(edits={i: history.item_edit(new, status=new[-1]["status"]) for i, new in entries.items()},
                    message=message)

    return make


def _against_the_rules(dataset, moves: list, entries: dict[int, list[dict]], rules: Settings) -> list[Problem]:
    """Each row that moves its item against the team's rules (`signoff.check_update`, as `hmic update`), at
    its Status cell. A child counts as closed when the file leaves it closed (its last entry here)."""
    from hmic_cli import signoff

    recs = dataset.recommendations
    closing = {recs[i].id for i, new in entries.items() if Status(new[-1]["status"]) not in OUTSTANDING}
    family = signoff.family(dataset) if moves else {}  # once: the children of every item
    found = []
    for u, rec, status in moves:
        try:
            signoff.check_update(dataset, rec, status, u.evidence, rules, sheet=True, kin=family, closing=closing)
        except UsageError as exc:
            found.append(Problem(f"{exc.message}: {exc.hint}", u.cells["status"]))
    return found


def _same(entry: dict, held) -> bool:
    return (entry["on"] == held.on.isoformat() and entry["status"] == held.status.value
            and entry["note"] == held.note and entry.get("by") == held.by and entry.get("evidence") == held.evidence)


def job(request: Import, today: date):
    """The board pack's XLSX with owners' updates as an import job: each filled row a history entry."""
    from hmic_cli import project
    from hmic_cli.importing import sheet_reading
    from hmic_cli.importing.job import Job

    path = request.source
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"{path}: --updates reads the board pack's .xlsx workbook",
                         "write it with 'hmic report --format xlsx --output board.xlsx'")
    sheet = sheet_reading.read(path, request.sheet or _board_sheet(path), {}, required="id")
    updates, problems = read_updates(sheet, today)
    return Job(make=plan_updates(path, updates, problems, today, project.settings()),
               needs_into="--updates records owners' updates in a tracker: give --into TRACKER")


def _board_sheet(path: str) -> str | None:
    """The board pack's Recommendations sheet when the workbook has one (else the first with an ID column)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - sheet_reading.read reports an unreadable workbook with its reason
        return None
    try:
        return BOARD_SHEET if BOARD_SHEET in book.sheetnames else None
    finally:
        book.close()
