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

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hmic_cli import history, project, signoff
from hmic_cli.command_requests import Import
from hmic_cli.dates import parse_day
from hmic_cli.errors import EXIT_USAGE, DataError, HmicError, Problem, UsageError
from hmic_cli.importing import cell_values as cv
from hmic_cli.importing import sheet_reading
from hmic_cli.importing.job import Job
from hmic_cli.importing.sheet_reading import Sheet
from hmic_cli.project import Settings
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import OUTSTANDING, Status

FIELDS = ("id", "status", "update", "evidence", "updated_by", "updated_on")
STAMP = "made"  # the Pack made column: the day the pack was made (packs before issue 34 have none)
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
    made: date | None = None  # the day the pack this row came from was made
    held: int | None = None  # how many history entries the item had then


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
               for f in (*FIELDS, STAMP)}
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
        made, held = stamp(raw[STAMP])
        if len(problems) == found:
            updates.append(Update(number, item_id, status, cv.text(raw["update"]), cv.text(raw["evidence"]),
                                  cv.text(raw["updated_by"]), on, cells, made, held))
    return updates, problems


_STAMP = re.compile(r"\s*(\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4})(?:\s*,\s*entry\s+(\d+))?\s*")


def stamp(value: object) -> tuple[date | None, int | None]:
    """The Pack made cell ("7 December 2026, entry 3", as the pack writes it for people; packs made before
    wrote "2026-12-07, entry 3"): the day the pack was made and how many history entries the item had then.
    (None, None) for a pack without one, or a stamp that cannot be read."""
    match = _STAMP.fullmatch(cv.text(value) or "")
    if not match:
        return None, None
    try:
        return parse_day(match.group(1)), int(match.group(2)) if match.group(2) else None
    except (ValueError, HmicError):
        return None, None


def _misdated(u: Update, rec, on: date, published: date | None, earlier: list[dict]) -> Problem | None:
    """A row dated before its item's report was published, or before the item's last progress entry (and
    any entry this import adds before it: `history.backwards`, as `hmic update`)."""
    where = u.cells.get("updated_on", u.cells["id"])
    if published is not None and on < published:
        return Problem(f"{rec.id}'s update is dated {on.isoformat()}, before its report was published "
                       f"({published.isoformat()})", where)
    previous = history.backwards(rec, on, max((date.fromisoformat(e["on"]) for e in earlier), default=None))
    if previous is not None:
        return Problem(f"{rec.id}'s update is dated {on.isoformat()}, before its last progress entry "
                       f"({previous.isoformat()}): history never goes backwards", where)
    return None


def plan_updates(path: str, updates: list[Update], problems: list[Problem], today: date,
                 rules: Settings | None = None, by: str | None = None):
    """The plan-maker: each row that changed something since its pack was made an entry (`row_entry`),
    none the item already holds (`recorded`), none before the item's last progress entry
    (`history.backwards`, as `hmic update`), moves under the team's rules (`_against_the_rules`)."""
    name = Path(path).name
    rules = rules or Settings()

    def make(loaded) -> Plan:
        found = list(problems)
        index = {rec.id: (i, rec) for i, rec in enumerate(loaded.dataset.recommendations)}
        published = {r.id: r.published for r in loaded.dataset.reports}
        entries: dict[int, list[dict]] = {}
        moves, recorded, already = [], [], 0  # moves: (row, item, status), checked once the outcome is known
        for u in updates:
            if u.id not in index:
                found.append(Problem(f"no item with id {u.id!r} in the tracker", u.cells["id"]))
                continue
            i, rec = index[u.id]
            entry, moved = row_entry(u, rec, today, by)
            if entry is None:
                continue  # nothing changed in this row since the pack was made
            if recorded_already(entry, rec, u, entries.get(i, [])):
                already += 1
                continue
            if moved:
                moves.append((u, rec, Status(entry["status"])))
            on = date.fromisoformat(entry["on"])
            problem = _misdated(u, rec, on, published.get(rec.report), entries.get(i, []))
            if problem is not None:
                found.append(problem)
                continue
            entries.setdefault(i, []).append(entry)
            recorded.append(f"{rec.id} {entry['status']} on {on.isoformat()}")
        found += _against_the_rules(loaded.dataset, moves, entries, rules)
        if found:
            raise UpdateErrors(path, found, "nothing was written: fix those cells and run the import again")
        return Plan(edits={i: history.item_edit(new, status=new[-1]["status"]) for i, new in entries.items()},
                    message=summary(name, recorded, already))

    return make


def pack_statuses(rec, u: Update) -> set:
    """The statuses the item may have shown in the row's pack: its status after the entries it had then
    (the stamp's count); with a day alone, after the entries before it and any of that day. Without a
    stamp: its status now."""
    if u.held is not None:
        return {Status(history.status_of([{"status": e.status and e.status.value} for e in rec.history[:u.held]],
                                         Status.open.value))}
    if u.made is None:
        return {rec.status}
    shown, before = set(), None
    for entry in rec.history:
        if entry.status is not None and entry.on < u.made:
            before = entry.status
        elif entry.status is not None and entry.on == u.made:
            shown.add(entry.status)
    return shown | ({before} if before is not None else set()) or {rec.status}


def row_entry(u: Update, rec, today: date, by: str | None = None) -> tuple[dict | None, bool]:
    """The history entry a row asks for (None: nothing changed since the pack was made) and whether it
    moves the item. A Status cell left as the pack showed it is no change, even when the item has moved
    since (an `update` after the pack is never set back)."""
    moved = u.status is not None and u.status is not rec.status and u.status not in pack_statuses(rec, u)
    status = u.status if moved else rec.status
    if not (u.note or u.evidence or u.by or u.on) and not moved:
        return None, False
    # The note depends on the row alone (never on the tracker's state), so a second run finds it recorded.
    entry = {"on": (u.on or today).isoformat(), "status": status.value,
             "note": u.note or f"Board pack update: {status.value}."}
    if u.by or by:
        entry["by"] = u.by or by  # the row's Updated by, else who brings the updates in
    if u.evidence:
        entry["evidence"] = u.evidence
    return entry, moved


def recorded_already(entry: dict, rec, u: Update, adding: list[dict]) -> bool:
    """The item holds this entry already (or this file gives it twice). A row without a day (dated today
    on import) matches the same entry added on any day since the pack was made, so a repeat import on a
    later day adds nothing."""
    def same(held: dict, since: bool) -> bool:
        return all(held.get(k) == entry.get(k) for k in ("status", "note", "evidence")) and (
            held.get("by") == entry.get("by") or u.by is None) and (
            held.get("on") == entry["on"] or (u.on is None and since))

    for n, h in enumerate(rec.history):
        if h.status is None:
            continue  # an edit entry is not an update
        since = (u.held is None or n >= u.held) and (u.made is None or h.on >= u.made)
        if same({"on": h.on.isoformat(), "status": h.status.value, "note": h.note, "by": h.by,
                 "evidence": h.evidence}, since):
            return True
    return any(same(h, True) for h in adding)


def summary(name: str, recorded: list[str], already: int) -> str:
    """What the import did, for stderr."""
    also = f" ({already} already recorded)" if already else ""
    if not recorded:
        return f"Nothing to add: no new update in {name}{also}"
    more = f"; and {len(recorded) - 5} more" if len(recorded) > 5 else ""
    return (f"Recorded {len(recorded)} update{'s' if len(recorded) != 1 else ''} from {name}: "
            + "; ".join(recorded[:5]) + more + also)


def _against_the_rules(dataset, moves: list, entries: dict[int, list[dict]], rules: Settings) -> list[Problem]:
    """Each row that moves its item against the team's rules (`signoff.check_update`, as `hmic update`), at
    its Status cell. A child counts as closed when the file leaves it closed (its last entry here)."""
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


def job(request: Import, today: date):
    """The board pack's XLSX with owners' updates as an import job: each filled row a history entry."""
    path = request.source
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(f"{path}: --updates reads the board pack's .xlsx workbook",
                         "write it with 'hmic report --format xlsx --output board.xlsx'")
    sheet = sheet_reading.read(path, request.sheet or _board_sheet(path), {}, required="id")
    updates, problems = read_updates(sheet, today)
    return Job(make=plan_updates(path, updates, problems, today, project.settings(), request.by),
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
