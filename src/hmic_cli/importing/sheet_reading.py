"""Reading a force's spreadsheet tracker (.xlsx through openpyxl, .csv through the csv module) and
mapping its columns to hmic's fields from their headings.

The heading row is the first of the sheet's first `HEADER_SEARCH` rows that names a text column
(title rows above it are common). Headings are compared folded (case, spaces, punctuation and any
bracketed part ignored: "Target date (dd/mm/yyyy)" is "target date"). `--map HEADING=FIELD`
overrides a heading's field and `--map HEADING=-` leaves a column out. Cells are named as a
spreadsheet names them (`Sheet1!F7`, `'Action plan'!B3`) in every message."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.importing import sheet_files
from hmic_cli.importing.cell_values import words

HEADER_SEARCH = 30
MAX_CSV_BYTES = sheet_files.MAX_CSV_BYTES

# field -> what it holds (shown in the mapping and in --map's help)
FIELDS = {
    "id": "the item's reference (its id)",
    "text": "the recommendation's wording",
    "type": "recommendation, area for improvement or cause of concern",
    "report": "the report or inspection it comes from",
    "published": "the report's publication date",
    "owner": "who owns it",
    "due": "the target (due) date",
    "revised": "a revised target date (the original is kept)",
    "status": "its status in words",
    "update": "the latest update (a history note)",
    "evidence": "the evidence for the update",
    "updated_by": "who gave the update",
    "updated_on": "the day of the update",
    "rag": "a RAG rating (not stored: compared with hmic's)",
    "themes": "theme ids or labels, separated by commas",
    "made": "the day the board pack was made (owners' updates: what the row showed then)",
}
# The headings read as each field (folded by `heading_key`), as forces write them.
_PHRASES = {
    "id": ("ref", "reference", "ref no", "ref number", "id", "no", "number", "rec ref", "rec no", "rec id",
           "recommendation ref", "recommendation no", "recommendation number", "recommendation id", "afi ref",
           "afi no", "item ref", "unique ref", "urn", "ref id"),
    "text": ("recommendation", "recommendations", "area for improvement", "areas for improvement", "afi", "text",
             "recommendation text", "recommendation afi", "recommendation or afi", "description", "detail",
             "wording", "recommendation area for improvement", "recommendation description", "cause of concern",
             "item", "recommendation and afi", "afi recommendation"),
    "type": ("type", "item type", "rec type", "recommendation type"),
    "report": ("report", "inspection", "report title", "inspection report", "report name", "inspection name",
               "inspection title", "source report", "report inspection", "inspection report title"),
    "published": ("published", "publication date", "date published", "report date", "report published"),
    "owner": ("owner", "lead", "responsible officer", "action owner", "lead officer", "responsible",
              "accountable officer", "owner lead", "lead responsible officer", "responsible lead", "chief officer lead",
              "portfolio lead", "lead owner"),
    "due": ("target date", "due", "due date", "target", "deadline", "target completion date", "original target date",
            "original due date", "completion target date", "due by"),
    "revised": ("revised date", "revised target date", "revised due date", "new target date", "revised target",
                "revised deadline", "new due date"),
    "status": ("status", "current status", "progress status", "overall status"),
    "update": ("update", "latest update", "progress", "progress update", "comments", "commentary", "latest position",
               "current position", "update narrative", "progress to date", "update comments", "latest progress"),
    "evidence": ("evidence", "evidence of completion", "supporting evidence", "evidence link", "evidence location"),
    "updated_by": ("updated by", "update by", "update provided by"),
    "updated_on": ("updated on", "date updated", "last updated", "update date", "date of update"),
    "rag": ("rag", "rag status", "rag rating", "brag", "current rag"),
    "themes": ("theme", "themes"),
    "made": ("pack made", "pack made on"),
}
ALIASES = {alias: name for name, phrases in _PHRASES.items() for alias in phrases}
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def heading_key(heading: object) -> str:
    """A heading folded for matching: "Target Date (dd/mm/yyyy)" -> "target date"."""
    shown = "" if heading is None else str(heading)
    stripped = _BRACKETS.sub(" ", shown)
    return words(stripped if stripped.strip() else shown)


@dataclass
class Column:
    index: int  # 0-based
    heading: str
    field: str | None  # None: not used
    why: str = ""  # why a column is not used

    @property
    def letter(self) -> str:
        from openpyxl.utils import get_column_letter

        return get_column_letter(self.index + 1)


@dataclass
class Sheet:
    """One sheet's rows (cell values as read), the heading row's number and the columns found there."""

    file: str
    name: str
    rows: list[tuple] = field(default_factory=list)  # every row after the heading row
    header_row: int = 1  # 1-based, as the spreadsheet numbers rows
    columns: list[Column] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # the workbook's sheet names
    date1904: bool = False  # the workbook's serial dates count from 1904

    def cell(self, row_number: int, index: int) -> str:
        """`Sheet1!F7` (quoted as Excel quotes a sheet name with spaces or punctuation)."""
        from openpyxl.utils import get_column_letter

        name = self.name if re.fullmatch(r"[A-Za-z0-9_.]+", self.name) else "'" + self.name.replace("'", "''") + "'"
        return f"{name}!{get_column_letter(index + 1)}{row_number}"

    def by_field(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns if c.field}


def parse_maps(maps: list[str]) -> dict[str, str | None]:
    """`--map HEADING=FIELD` (or `HEADING=-`) as {folded heading: field or None}."""
    out: dict[str, str | None] = {}
    for given in maps:
        heading, sep, name = given.rpartition("=")
        name = name.strip().lower().replace("-", "_") if name.strip() != "-" else "-"
        if not sep or not heading.strip():
            raise UsageError(f"--map {given!r} is not HEADING=FIELD", "e.g. --map 'Target date=due' or --map RAG=-")
        if name != "-" and name not in FIELDS:
            raise UsageError(f"--map {given!r}: unknown field '{name}'", "fields: " + ", ".join(FIELDS) + ", or -")
        out[heading_key(heading)] = None if name == "-" else name
    return out


def map_columns(headings: tuple, maps: dict[str, str | None]) -> list[Column]:
    """Each heading's field: `--map` first, then the usual headings; a field already taken is not used twice."""
    columns, taken = [], {}
    for index, heading in enumerate(headings):
        shown = "" if heading is None else " ".join(str(heading).split())
        key = heading_key(heading)
        if not key:
            continue
        if key in maps:
            name, why = maps[key], "left out (--map)"
        else:
            name, why = ALIASES.get(key), "heading not recognised (use --map HEADING=FIELD)"
        if name and name in taken:
            name, why = None, f"{name} is already read from column {taken[name]}"
        if name:
            taken[name] = Column(index, shown, name).letter
        columns.append(Column(index, shown, name, "" if name else why))
    return columns


def read(path: str, sheet_name: str | None, maps: dict[str, str | None], required: str = "text") -> Sheet:
    """The sheet (`--sheet`, else the first whose heading row names a `required` column), its heading row
    found and its columns mapped."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        if sheet_name:
            raise UsageError("--sheet is for .xlsx workbooks; a CSV file has one sheet")
        name = Path(path).name
        return _found(path, name, sheet_files.csv_cells(path).rows, maps, required, [name])
    return _xlsx(path, sheet_name, maps, required)


def _found(path: str, name: str, rows: list[tuple], maps: dict, required: str, sheets: list[str]) -> Sheet | None:
    for n, row in enumerate(rows[:HEADER_SEARCH]):
        columns = map_columns(row, maps)
        if any(c.field == required for c in columns):
            unknown = set(maps) - {heading_key(c.heading) for c in columns}
            if unknown:
                raise UsageError(f"--map names a heading {sorted(unknown)[0]!r} that {name} does not have",
                                 "its headings: " + ", ".join(c.heading for c in columns))
            last = n
            while last + 1 < len(rows) and rows[last + 1] == rows[n]:
                last += 1  # a heading merged over two rows reads the same in both: the headings end below
            return Sheet(str(path), name, rows[last + 1:], last + 1, columns, sheets)
    return None


def _no_header(path: str, name: str, required: str, rows: list[tuple]) -> UsageError:
    seen = [str(v) for row in rows[:HEADER_SEARCH] for v in row if v not in (None, "")][:12]
    want = {"text": "the recommendation's text (e.g. 'Recommendation', 'Area for improvement')",
            "id": "the items' ids ('ID' or 'Ref')"}[required]
    return UsageError(f"{path}: no heading row in sheet {name!r} names a column for {want}",
                      f"name the column with --map HEADING={required}; cells seen: " + "; ".join(seen))


def _xlsx(path: str, sheet_name: str | None, maps: dict, required: str) -> Sheet:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise DataError(path, [Problem("no such file")], "check the path") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(path, [Problem(f"cannot be read as an Excel workbook (.xlsx): {exc}")],
                        "save it from the spreadsheet as .xlsx (Excel Workbook) or .csv") from None
    try:
        names = book.sheetnames
        if sheet_name is not None and sheet_name not in names:
            raise UsageError(f"{path} has no sheet {sheet_name!r}", "its sheets: " + ", ".join(names))
        for name in [sheet_name] if sheet_name else names:
            rows = sheet_files.sheet_cells(book[name])
            found = _found(path, name, rows, maps, required, names)
            if found:
                found.date1904 = bool(book.epoch.year == 1904)
                return found
            if sheet_name:
                raise _no_header(path, name, required, rows)
        raise UsageError(f"{path}: no sheet has a heading row naming the items' "
                         f"{'text' if required == 'text' else 'ids'}",
                         f"give --sheet NAME (its sheets: {', '.join(names)}) and --map HEADING={required}")
    finally:
        book.close()
