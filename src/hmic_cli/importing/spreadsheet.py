"""`hmic import FILE.xlsx|FILE.csv`: a force's own tracker brought in.

Each row becomes an item: its Ref the id (prefixed with the report's prefix when it is not a usable
id or is only a number), its Report/Inspection value its report (an existing one when the value is
its id or its title; else a new one from the flags), its status and latest update its history, its
target date its due date (a revised date is a due-date revision that keeps the original; no date:
deadline `none`). A RAG column is not stored: rows whose RAG differs from hmic's on the as-of day
are listed. A row the tracker already holds (its id under the same report, or its wording:
`held`) is skipped and named, so a second import adds nothing. Any value that cannot be read
stops the import (exit 2, nothing written) with every such cell named."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from pydantic import TypeAdapter

from hmic_cli import defaults, plans, query
from hmic_cli.command_requests import Import
from hmic_cli.errors import EXIT_USAGE, DataError, Problem, UsageError
from hmic_cli.importing import report_meta
from hmic_cli.importing.cell_values import words
from hmic_cli.importing.held import Holdings, carried_forward
from hmic_cli.importing.sheet_reading import Column, Sheet
from hmic_cli.importing.sheet_rows import Row, Rows
from hmic_cli.models import ITEM_ID, Recommendation
from hmic_cli.store import loading
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import Deadline, Status

SUFFIXES = (".xlsx", ".xlsm", ".csv")




@dataclass
class SheetPreview:
    """What a spreadsheet import read, would add (or added), skipped and could not read."""

    file: str
    sheet: str
    header_row: int
    columns: list[Column]
    as_of: date
    rows: int = 0  # rows after the heading row
    blank: int = 0
    reports: list[dict] = field(default_factory=list)  # each with "new": bool
    added: list[dict] = field(default_factory=list)  # the new items' JSON values
    items: list = field(default_factory=list)  # query.Item of each added item (filled by `finish`)
    held: list[dict] = field(default_factory=list)  # {"row", "id", "text"}
    rag: list[dict] = field(default_factory=list)  # {"id", "cell", "sheet", "derived"}
    problems: list[Problem] = field(default_factory=list)


class CellErrors(DataError):
    """Values the sheet holds that cannot be read, each named by its cell: a usage error (exit 2)."""

    exit_code = EXIT_USAGE

    def __init__(self, preview: SheetPreview) -> None:
        preview.problems.sort(key=_cell_order)
        n = len(preview.problems)
        super().__init__(preview.file, preview.problems,
                         "nothing was written: fix the cells, or leave a column out with --map HEADING=- "
                         f"({n} value{'s' if n != 1 else ''} could not be read)")
        self.preview = preview


def _cell_order(problem: Problem) -> tuple:
    """`Sheet1!F7` sorts by row, then column (AA after Z)."""
    match = re.search(r"!([A-Z]+)(\d+)$", problem.path)
    return (int(match.group(2)), len(match.group(1)), match.group(1)) if match else (0, 0, problem.path)


def _new_report(key: str | None, request: Import, group: list[Row], existing: dict) -> dict:
    """A report the tracker does not hold yet, from the sheet's Report value and the flags."""
    title = key or request.title
    published = next((r.published for r in group if r.published), None) or request.published
    flags = [f for f, v in (("--title", title), ("--force", request.force)) if not v]
    if flags or not published:
        where = f"report {key!r} (first in row {group[0].number})" if key else "the sheet has no Report column, so"
        missing = flags + ([] if published else ["--published" + (" (or a Published column)" if key else "")])
        raise UsageError(f"{where} is not a report the tracker holds: give {', '.join(missing)}",
                         "or --report ID naming a report in the tracker" if not key else
                         "or name a report the tracker holds (its id or title) in the Report column")
    year = "" if str(published.year) in title else str(published.year)
    base = report_meta.slug(request.force, title, year)
    report_id = request.report if (request.report and not key) else report_meta.unique_slug(base, set(existing))
    entry = {"id": report_id, "title": title,
             "inspectorate": request.inspectorate or report_meta.inspectorate_for(published),
             "force": request.force, "published": published.isoformat()}
    if request.url:
        entry["url"] = request.url
    if request.response_days is not None:  # issue 31: the response clock
        entry["response_days"] = request.response_days
    entry["source"] = f"Imported with hmic from {Path(request.source).name}"
    return entry


def _reports(request: Import, rows: list[Row], dataset) -> tuple[dict, list[dict]]:
    """Each Report value (None: the flags' report) -> its report entry; and the new ones."""
    from hmic_cli.importing.additions import _as_dict

    existing = {r.id: _as_dict(r) for r in dataset.reports}
    by_title = {words(r["title"]): r for r in existing.values()}
    groups: dict[str | None, list[Row]] = {}
    for row in rows:
        groups.setdefault(row.report, []).append(row)
    found, new = {}, []
    for key, group in groups.items():
        wanted = key if key is not None else request.report
        match = existing.get(wanted) if wanted else None
        if match is None and key is not None:
            match = by_title.get(words(key)) or existing.get(report_meta.slug(key))
        if match is None and key is None and request.title and not request.report:
            match = by_title.get(words(request.title))
        if match is None:
            match = _new_report(key, request, group, existing)
            existing[match["id"]] = match
            new.append(match)
        found[key] = match
    return found, new


def _id_from_ref(ref: str, prefix: str) -> str | None:
    """The Ref as an id when it is one (not a bare number); else `PREFIX-REF` cleaned; None if unusable."""
    if re.fullmatch(ITEM_ID, ref) and not re.fullmatch(r"[\d.]+", ref):
        return ref
    cleaned = re.sub(r"-{2,}", "-", re.sub(r"[^A-Za-z0-9._-]+", "-", ref)).strip("-._")
    candidate = f"{prefix}-{cleaned}" if cleaned else ""
    return candidate if re.fullmatch(ITEM_ID, candidate) else None


def _history(row: Row, published: date, today: date, source: str) -> list[dict]:
    """The imported entry, then (with a status other than open, or an update) the row's latest update."""
    first_on = min(published, today, row.updated_on or today)
    entries = [{"on": first_on.isoformat(), "status": Status.open.value,
                "note": f"Imported from {source}, row {row.number}."}]
    status = row.status or Status.open
    if status is not Status.open or row.update or row.evidence:
        entry = {"on": (row.updated_on or today).isoformat(), "status": status.value,
                 "note": row.update or f"Status at import: {status.value}."}
        if row.updated_by:
            entry["by"] = row.updated_by
        if row.evidence:
            entry["evidence"] = row.evidence
        entries.append(entry)
    return entries


def _item(row: Row, item_id: str, report: dict, themes: list[str], owner: str | None, today: date,
          source: str) -> dict:
    published = date.fromisoformat(report["published"])
    due = row.revised or row.due
    item: dict = {"id": item_id, "report": report["id"], "type": row.type.value, "text": row.text,
                  "deadline": (Deadline.by_date if due else Deadline.none).value}
    if due:
        item["due"] = due.isoformat()
    item["themes"] = themes
    history = _history(row, published, today, source)
    item["status"] = history[-1]["status"]
    if row.owner or owner:
        item["owner"] = row.owner or owner
    if row.revised and row.revised != row.due:
        revision = {"on": (row.updated_on or today).isoformat(),
                    "previous": row.due.isoformat() if row.due else None, "due": row.revised.isoformat(),
                    "reason": f"Revised target date in {source} ({row.cells['revised']})."}
        item["due_revisions"] = [revision]
    item["history"] = history
    return item


def _derived_rag(item: dict, report: dict, as_of: date, amber_days: int) -> str:
    rec = SimpleNamespace(due=date.fromisoformat(item["due"]) if "due" in item else None,
                          deadline=Deadline(item["deadline"]), status=Status(item["status"]))
    return query.item(rec, SimpleNamespace(published=date.fromisoformat(report["published"])), as_of,
                      amber_days).rag.value


def plan_sheet(request: Import, sheet: Sheet, read: Rows, today: date, as_of: date,
               amber_days: int = defaults.AMBER_DAYS):
    """The plan-maker for `transaction.apply` (or a preview): new reports, items and `untriaged` if needed."""
    from hmic_cli.triage import Matcher

    source = f"{Path(request.source).name} ({sheet.name})" if sheet.name != Path(request.source).name else sheet.name

    def make(loaded: loading.Loaded) -> Plan:
        dataset = loaded.dataset
        theme_ids = [t.id for t in dataset.themes]
        plans.known("theme", request.themes, theme_ids)
        preview = SheetPreview(Path(request.source).name, sheet.name, sheet.header_row, sheet.columns, as_of,
                               rows=len(sheet.rows), blank=read.blank, problems=list(read.problems))
        reports, new_reports = _reports(request, read.rows, dataset)
        preview.reports = [dict(r, new=r in new_reports) for r in reports.values()]
        holdings = Holdings.of(dataset)
        by_id = {rec.id: rec for rec in dataset.recommendations}
        theme_of = {t.id: t.id for t in dataset.themes} | {words(t.label): t.id for t in dataset.themes}
        matcher = Matcher([(t.id, t.label, t.description) for t in dataset.themes])
        prefixes = {k: r.get("prefix") or (request.prefix if r in new_reports else None) or plans.prefix_for(r["id"])
                    for k, r in reports.items()}
        ids, first_row = _ids(read.rows, prefixes, preview.problems)
        taken = set(by_id) | {i for i in ids.values() if i}
        untriaged, new = False, []
        for row in read.rows:
            report = reports[row.report]
            published = date.fromisoformat(report["published"])
            item_id = ids.get(row.number)
            if item_id in by_id:
                if by_id[item_id].report == report["id"]:
                    preview.held.append({"row": row.number, "id": item_id, "text": row.text})
                else:
                    preview.problems.append(Problem(
                        f"id {item_id} is already an item of report '{by_id[item_id].report}' in the tracker",
                        row.cells["id"]))
                continue
            held_as = holdings.held_as([row.text], report["id"], report["force"], published)
            if held_as:
                preview.held.append({"row": row.number, "id": held_as, "text": row.text})
                continue
            themes, unknown = [], []
            for given in row.themes:
                (themes if (t := theme_of.get(given) or theme_of.get(words(given))) else unknown).append(t or given)
            for given in unknown:
                preview.problems.append(Problem(f"theme {given!r} is not in the tracker's vocabulary (add it with "
                                                "'hmic theme add', or leave the column out)", row.cells["themes"]))
            themes = list(dict.fromkeys(themes + (matcher.match(row.text) if not row.themes else [])
                                        + request.themes))
            if not themes:
                themes, untriaged = [defaults.UNTRIAGED], True
            if not item_id:
                item_id = plans.next_id(prefixes[row.report], taken)
                taken.add(item_id)
            carried = holdings.carried_from([row.text], report["force"], published)
            holdings.add(item_id, row.text, report["id"], report["force"], published, outstanding=False)
            item = carried_forward(_item(row, item_id, report, themes, request.owner, today, source), carried,
                                  dataset.schema_version)
            if row.rag is not None:
                derived = _derived_rag(item, report, as_of, amber_days)
                if derived != row.rag.value:
                    preview.rag.append({"id": item_id, "cell": row.cells["rag"], "sheet": row.rag.value,
                                        "derived": derived})
            new.append(item)
        preview.added = new
        if preview.problems:
            raise CellErrors(preview)
        append: dict[str, list[dict]] = {"recommendations": new}
        used = {i["report"] for i in new}
        append["reports"] = [report_meta.with_prefix(r, prefixes[k], dataset.schema_version) for k, r in reports.items()
                             if r in new_reports and r["id"] in used]
        if untriaged and defaults.UNTRIAGED not in theme_ids:
            append["themes"] = [{"id": defaults.UNTRIAGED, "label": "Untriaged",
                                 "description": "Imported items no theme matched: give them a theme with hmic edit."}]
        if new:
            message = f"Added {len(new)} items from {source}"
            message += f"; {len(preview.held)} already held were skipped" if preview.held else ""
        else:
            message = f"Nothing to add: the tracker already holds all {len(preview.held)} items of {source}."
        return Plan(append=append, message=message, skipped=[h["id"] for h in preview.held],
                    details={"preview": preview})

    return make


def _ids(rows: list[Row], prefixes: dict, problems: list[Problem]) -> tuple[dict[int, str | None], dict]:
    """Row number -> the id its Ref gives (None: to be numbered). Refs that restart per report (the same
    Ref under two reports) are all prefixed with their report's prefix; any other repeat is a problem."""
    raw: dict[int, str] = {}
    reports_of: dict[str, set] = {}
    for row in rows:
        if row.ref is not None and (item_id := _id_from_ref(row.ref, prefixes[row.report])):
            raw[row.number] = item_id
            reports_of.setdefault(item_id, set()).add(row.report)
    ids: dict[int, str | None] = {}
    first: dict[str, Row] = {}
    for row in rows:
        if row.ref is None:
            ids[row.number] = None
            continue
        item_id = raw.get(row.number)
        if item_id and len(reports_of[item_id]) > 1 and not item_id.startswith(prefixes[row.report] + "-"):
            item_id = _id_from_ref(f"{prefixes[row.report]}-{row.ref}", prefixes[row.report])
        if item_id is None:
            problems.append(Problem(f"Ref {row.ref!r} cannot be made an id (letters, digits, '.', '_' or '-', "
                                    "at most 32)", row.cells["id"]))
            continue
        if item_id in first:
            problems.append(Problem(f"Ref {row.ref!r} gives id {item_id}, as row {first[item_id].number} does",
                                    row.cells["id"]))
            continue
        first[item_id] = row
        ids[row.number] = item_id
    return ids, first


def finish(preview: SheetPreview, dataset_reports: list[dict]) -> SheetPreview:
    """The added items as `list` shows them (derived due date, RAG...), for the table and the JSON."""
    import json

    from hmic_cli.models import REPORT
    from hmic_cli.query import item

    models = {r["id"]: REPORT.validate_json(json.dumps({k: v for k, v in r.items() if k != "new"}))
              for r in dataset_reports}
    recs = _RECOMMENDATIONS.validate_json(json.dumps(preview.added))  # one call: 10,000 items in a third of the time
    preview.items = [item(rec, models[rec.report], preview.as_of) for rec in recs]
    return preview


_RECOMMENDATIONS = TypeAdapter(list[Recommendation])


def job(request: Import, today: date):
    """A spreadsheet tracker as an import job: every row accounted for, unreadable cells named."""
    from hmic_cli.importing import sheet_reading, sheet_rows
    from hmic_cli.importing.additions import note_held
    from hmic_cli.importing.job import Job
    from hmic_cli.messages import note

    sheet = sheet_reading.read(request.source, request.sheet, sheet_reading.parse_maps(request.maps))
    read = sheet_rows.read_rows(sheet, today)

    def after(plan, preview: SheetPreview) -> None:
        note_held(preview.held)
        for r in preview.rag[:10]:
            note(f"RAG differs: {r['id']} is {r['derived']} as of {request.as_of.isoformat()}, the sheet says "
                 f"{r['sheet']} ({r['cell']})")
        accounted = len(preview.added) + len(preview.held) + preview.blank
        other = "" if accounted == preview.rows else f", {preview.rows - accounted} other"
        note(f"{preview.rows} rows read from {sheet.name}: {len(preview.added)} new, {len(preview.held)} already "
             f"held, {preview.blank} blank{other}")

    return Job(
        make=plan_sheet(request, sheet, read, today, request.as_of),
        result=lambda plan: finish(plan.details["preview"], plan.details["preview"].reports),
        after=after,
        refused=lambda exc: _safe(exc.preview) if isinstance(exc, CellErrors) else None)


def _safe(preview: SheetPreview) -> SheetPreview:
    """A preview that stopped on problems shows no items (they were not all checked)."""
    preview.added = []
    return preview
