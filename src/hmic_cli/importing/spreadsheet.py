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

from hmic_cli import defaults, plans, project, query, signoff
from hmic_cli.command_requests import Import
from hmic_cli.errors import EXIT_USAGE, DataError, Problem, UsageError
from hmic_cli.importing import report_meta, sheet_reading, sheet_rows
from hmic_cli.importing.additions import _as_dict, note_held
from hmic_cli.importing.cell_values import words
from hmic_cli.importing.held import Holdings, carried_forward
from hmic_cli.importing.job import Job
from hmic_cli.importing.sheet_ids import row_ids as _ids
from hmic_cli.importing.sheet_reading import Column, Sheet
from hmic_cli.importing.sheet_rows import Row, Rows
from hmic_cli.messages import note
from hmic_cli.models import REPORT, Recommendation
from hmic_cli.project import Settings
from hmic_cli.query import item
from hmic_cli.store import loading
from hmic_cli.store.transaction import Plan
from hmic_cli.triage import Matcher
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


def _history(row: Row, published: date, today: date, source: str, by: str | None = None) -> list[dict]:
    """The imported entry (by who imports), then (with a status other than open, or an update) the row's
    latest update (by its Updated by, else who imports)."""
    first_on = min(published, today, row.updated_on or today)
    entries = [{"on": first_on.isoformat(), "status": Status.open.value,
                "note": f"Imported from {source}, row {row.number}."}]
    if by:
        entries[0]["by"] = by
    status = row.status or Status.open
    if status is not Status.open or row.update or row.evidence:
        entry = {"on": (row.updated_on or today).isoformat(), "status": status.value,
                 "note": row.update or f"Status at import: {status.value}."}
        if row.updated_by or by:
            entry["by"] = row.updated_by or by
        if row.evidence:
            entry["evidence"] = row.evidence
        entries.append(entry)
    return entries


def _item(row: Row, item_id: str, report: dict, themes: list[str], owner: str | None, today: date,
          source: str, by: str | None = None) -> dict:
    published = date.fromisoformat(report["published"])
    due = row.revised or row.due
    item: dict = {"id": item_id, "report": report["id"], "type": row.type.value, "text": row.text,
                  "deadline": (Deadline.by_date if due else Deadline.none).value}
    if due:
        item["due"] = due.isoformat()
    item["themes"] = themes
    history = _history(row, published, today, source, by)
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


@dataclass
class _Context:
    """What each row of a sheet is read against: the tracker as it is and what this import has taken."""

    request: Import
    dataset: object
    source: str
    today: date
    as_of: date
    amber_days: int
    rules: Settings
    reports: dict
    new_reports: list[dict]
    prefixes: dict
    ids: dict
    taken: set
    holdings: Holdings
    by_id: dict
    theme_of: dict
    matcher: object
    untriaged: bool = False


def plan_sheet(request: Import, sheet: Sheet, read: Rows, today: date, as_of: date,
               amber_days: int = defaults.AMBER_DAYS, rules: Settings | None = None):
    """The plan-maker for `transaction.apply` (or a preview): new reports, items and `untriaged` if needed.
    Its steps: `sheet_context` (the tracker's reports, ids and themes), `row_item` per row (skipped when
    held), `finished_plan`."""
    source = f"{Path(request.source).name} ({sheet.name})" if sheet.name != Path(request.source).name else sheet.name

    def make(loaded: loading.Loaded) -> Plan:
        ctx, preview = sheet_context(request, sheet, read, loaded.dataset, source, today, as_of, amber_days,
                                     rules or Settings())
        preview.added = [item for row in read.rows if (item := row_item(ctx, preview, row)) is not None]
        if preview.problems:
            raise CellErrors(preview)
        return finished_plan(ctx, preview)

    return make


def sheet_context(request: Import, sheet: Sheet, read: Rows, dataset, source: str, today: date, as_of: date,
                  amber_days: int, rules: Settings) -> tuple[_Context, SheetPreview]:
    """The context every row is read in, and the preview the rows fill in."""
    plans.known("theme", request.themes, [t.id for t in dataset.themes])
    preview = SheetPreview(Path(request.source).name, sheet.name, sheet.header_row, sheet.columns, as_of,
                           rows=len(sheet.rows), blank=read.blank, problems=list(read.problems))
    reports, new_reports = _reports(request, read.rows, dataset)
    preview.reports = [dict(r, new=r in new_reports) for r in reports.values()]
    by_id = {rec.id: rec for rec in dataset.recommendations}
    prefixes = {k: r.get("prefix") or (request.prefix if r in new_reports else None) or plans.prefix_for(r["id"])
                for k, r in reports.items()}
    ids, _ = _ids(read.rows, prefixes, preview.problems)
    ctx = _Context(request, dataset, source, today, as_of, amber_days, rules, reports, new_reports, prefixes, ids,
                   set(by_id) | {i for i in ids.values() if i}, Holdings.of(dataset), by_id,
                   {t.id: t.id for t in dataset.themes} | {words(t.label): t.id for t in dataset.themes},
                   Matcher([(t.id, t.label, t.description) for t in dataset.themes]))
    return ctx, preview


def row_item(ctx: _Context, preview: SheetPreview, row: Row) -> dict | None:
    """The new item a row gives (None: the tracker holds it, or its id is another report's), its problems
    (themes, the team's rules) and its RAG as the sheet gives it, noted in `preview`."""
    report = ctx.reports[row.report]
    published = date.fromisoformat(report["published"])
    item_id = ctx.ids.get(row.number)
    if item_id in ctx.by_id:
        if ctx.by_id[item_id].report == report["id"]:
            preview.held.append({"row": row.number, "id": item_id, "text": row.text})
        else:
            preview.problems.append(Problem(f"id {item_id} is already an item of report "
                                            f"'{ctx.by_id[item_id].report}' in the tracker", row.cells["id"]))
        return None
    held_as = ctx.holdings.held_as([row.text], report["id"], report["force"], published)
    if held_as:
        preview.held.append({"row": row.number, "id": held_as, "text": row.text})
        return None
    themes = row_themes(ctx, preview, row)
    if not item_id:
        item_id = plans.next_id(ctx.prefixes[row.report], ctx.taken)
        ctx.taken.add(item_id)
    preview.problems += row_rules(ctx, row, item_id)
    carried = ctx.holdings.carried_from([row.text], report["force"], published)
    ctx.holdings.add(item_id, row.text, report["id"], report["force"], published, outstanding=False)
    item = carried_forward(_item(row, item_id, report, themes, ctx.request.owner, ctx.today, ctx.source,
                                 ctx.request.by), carried, ctx.dataset.schema_version)
    if row.rag is not None:
        derived = _derived_rag(item, report, ctx.as_of, ctx.amber_days)
        if derived != row.rag.value:
            preview.rag.append({"id": item_id, "cell": row.cells["rag"], "sheet": row.rag.value, "derived": derived})
    return item


def row_themes(ctx: _Context, preview: SheetPreview, row: Row) -> list[str]:
    """The row's themes (its Themes cell, else matched from its wording) and the flags'; untriaged if none."""
    themes, unknown = [], []
    for given in row.themes:
        (themes if (t := ctx.theme_of.get(given) or ctx.theme_of.get(words(given))) else unknown).append(t or given)
    for given in unknown:
        preview.problems.append(Problem(f"theme {given!r} is not in the tracker's vocabulary (add it with "
                                        "'hmic theme add', or leave the column out)", row.cells["themes"]))
    themes = list(dict.fromkeys(themes + (ctx.matcher.match(row.text) if not row.themes else [])
                                + ctx.request.themes))
    if not themes:
        themes, ctx.untriaged = [defaults.UNTRIAGED], True
    return themes


def row_rules(ctx: _Context, row: Row, item_id: str) -> list[Problem]:
    """A row's status under the team's rules, as `hmic update` (`signoff.check_update`): where items are
    signed off, no row arrives complete, and one awaiting sign-off carries its evidence."""
    if row.status is None or row.status is Status.open:
        return []
    try:
        signoff.check_update(ctx.dataset, SimpleNamespace(id=item_id), row.status, row.evidence, ctx.rules,
                             sheet=True, kin={})
    except UsageError as exc:
        return [Problem(f"{exc.message}: {exc.hint}", row.cells.get("status", row.cells.get("text", "")))]
    return []


def finished_plan(ctx: _Context, preview: SheetPreview) -> Plan:
    """The write: the new items, the new reports they use and the untriaged theme if one is needed."""
    new, dataset = preview.added, ctx.dataset
    append: dict[str, list[dict]] = {"recommendations": new}
    used = {i["report"] for i in new}
    append["reports"] = [report_meta.with_prefix(r, ctx.prefixes[k], dataset.schema_version)
                         for k, r in ctx.reports.items() if r in ctx.new_reports and r["id"] in used]
    if ctx.untriaged and defaults.UNTRIAGED not in [t.id for t in dataset.themes]:
        append["themes"] = [{"id": defaults.UNTRIAGED, "label": "Untriaged",
                             "description": "Imported items no theme matched: give them a theme with hmic edit."}]
    if new:
        message = f"Added {len(new)} items from {ctx.source}"
        message += f"; {len(preview.held)} already held were skipped" if preview.held else ""
    else:
        message = f"Nothing to add: the tracker already holds all {len(preview.held)} items of {ctx.source}."
    return Plan(append=append, message=message, skipped=[h["id"] for h in preview.held],
                details={"preview": preview})


def finish(preview: SheetPreview, dataset_reports: list[dict]) -> SheetPreview:
    """The added items as `list` shows them (derived due date, RAG...), for the table and the JSON."""
    import json

    models = {r["id"]: REPORT.validate_json(json.dumps({k: v for k, v in r.items() if k != "new"}))
              for r in dataset_reports}
    recs = _RECOMMENDATIONS.validate_json(json.dumps(preview.added))  # one call: 10,000 items in a third of the time
    preview.items = [item(rec, models[rec.report], preview.as_of) for rec in recs]
    return preview


_RECOMMENDATIONS = TypeAdapter(list[Recommendation])


def job(request: Import, today: date):
    """A spreadsheet tracker as an import job: every row accounted for, unreadable cells named."""
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
        make=plan_sheet(request, sheet, read, today, request.as_of, rules=project.settings()),
        result=lambda plan: finish(plan.details["preview"], plan.details["preview"].reports),
        after=after,
        refused=lambda exc: _safe(exc.preview) if isinstance(exc, CellErrors) else None)


def _safe(preview: SheetPreview) -> SheetPreview:
    """A preview that stopped on problems shows no items (they were not all checked)."""
    preview.added = []
    return preview
