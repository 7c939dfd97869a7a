"""A spreadsheet file's cells, read as its program wrote them: a CSV's encoding and dialect, a workbook's
rows bounded by the cells it really holds (never by the used range it claims) and its date system.

CSV: the encoding is read from the bytes (a UTF-8 or UTF-16 byte-order mark; else UTF-8; else
Windows-1252, which Excel's "CSV (Comma delimited)" writes on Windows), the delimiter by the csv
module's Sniffer, and quoting as Excel quotes (a doubled quote inside a quoted cell is one quote).
XLSX: openpyxl in read-only mode with the claimed dimension set aside, so a 200 KB workbook claiming
16,384 columns costs what it holds; the workbook's date system (1900 or 1904) goes with its rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass

from hmic_cli.errors import DataError, Problem

MAX_CSV_BYTES = 50 * 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class Cells:
    rows: list[tuple]
    date1904: bool = False  # the workbook counts its serial dates from 1904 (Excel for Mac's old system)


def decode(raw: bytes, path: str) -> str:
    """The text of a CSV file's bytes: a byte-order mark decides; else UTF-8, else UTF-16 without a mark
    (every other byte NUL), else Windows-1252."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decoded(raw, encoding, path)
    head = raw[:4096]
    if len(head) >= 2 and head.count(0) * 3 > len(head):  # UTF-16 text without a mark: half its bytes are NUL
        return _decoded(raw, "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be", path)
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataError(path, [Problem("is neither UTF-8, UTF-16 nor Windows-1252 text")],
                    "save it from the spreadsheet as 'CSV UTF-8'")


def _decoded(raw: bytes, encoding: str, path: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DataError(path, [Problem(f"is not valid {encoding.upper()} text (byte {exc.start + 1})")],
                        "save it from the spreadsheet as 'CSV UTF-8'") from None


class ExcelCsv(csv.excel):
    """Excel's own quoting: `"` quotes a cell and `""` inside it is one quote."""


def dialect(text: str) -> type[csv.Dialect]:
    """The delimiter the Sniffer finds (comma, semicolon or tab; comma when it cannot tell), with Excel's
    quoting whatever the Sniffer guessed about doubled quotes."""
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        delimiter = sniffed.delimiter
    except csv.Error:
        delimiter = ","
    return type("Sniffed", (ExcelCsv,), {"delimiter": delimiter})


def csv_cells(path: str) -> Cells:
    """A CSV file's rows (blank cells as None), bounded by the file: at most `MAX_CSV_BYTES`, and no cell
    longer than the file itself."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CSV_BYTES + 1)
    except FileNotFoundError:
        raise DataError(path, [Problem("no such file")], "check the path") from None
    except OSError as exc:
        raise DataError(path, [Problem(f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > MAX_CSV_BYTES:
        raise DataError(path, [Problem(f"is larger than {MAX_CSV_BYTES // (1024 * 1024)} MiB")])
    text = decode(raw, path)
    if "\x00" in text:
        raise DataError(path, [Problem("holds a NUL character: it is not a text (CSV) file")],
                        "save it from the spreadsheet as 'CSV UTF-8'")
    csv.field_size_limit(max(len(text), 131072))  # a cell may be as long as the file, no longer
    reader = csv.reader(io.StringIO(text, newline=""), dialect(text))
    try:
        return Cells([tuple(cell if cell.strip() else None for cell in row) for row in reader])
    except csv.Error as exc:
        raise DataError(path, [Problem(f"line {reader.line_num}: cannot be read as CSV: {exc}")],
                        "save it from the spreadsheet as 'CSV UTF-8'") from None


def sheet_cells(sheet) -> list[tuple]:
    """A read-only worksheet's rows as the cells it holds: the dimension the file claims is set aside
    (openpyxl would pad every row to it), each row's trailing blanks dropped, merged cells filled in."""
    ranges = merged_ranges(sheet)
    sheet.reset_dimensions()
    rows = []
    for row in sheet.iter_rows(values_only=True):
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        rows.append(tuple(row[:end]))
    while rows and not rows[-1]:
        rows.pop()
    return unmerged(rows, ranges)


_CELL = rb"[A-Z]{1,3}[0-9]{1,7}"
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="(' + _CELL + rb"(?::" + _CELL + rb')?)"')


def merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """A read-only worksheet's merged cells as (first row, first column, last row, last column), 1-based.
    openpyxl's read-only mode leaves them out; they are found in the sheet's XML by a scan of its bytes
    (a second parse of every cell would cost as much as reading the sheet)."""
    from openpyxl.utils.cell import range_boundaries

    found, tail = [], b""
    try:
        with sheet._get_source() as source:
            while chunk := source.read(1 << 20):
                text = tail + chunk
                for match in _MERGE.finditer(text):
                    low_col, low_row, high_col, high_row = range_boundaries(match.group(1).decode())
                    found.append((low_row, low_col, high_row, high_col))
                cut = text.rfind(b"<")
                tail = text[cut:] if cut >= 0 and len(text) - cut < 4096 else b""
    except (ValueError, TypeError, KeyError, OSError):
        return []  # a sheet whose merges cannot be read is read as openpyxl gives it
    return found


def unmerged(rows: list[tuple], ranges: list[tuple[int, int, int, int]]) -> list[tuple]:
    """Each merged range's value (its first cell's) in every cell of the range, as a reader sees it: a
    Report written once beside several rows is every row's Report; a heading merged over two rows names
    its column in both. Bounded by the rows present and the widest row present."""
    if not ranges or not rows:
        return rows
    width = max(len(r) for r in rows)
    out = [list(r) for r in rows]
    for low_row, low_col, high_row, high_col in ranges:
        if low_row > len(out) or low_col > len(out[low_row - 1]):
            continue
        value = out[low_row - 1][low_col - 1]
        if value is None:
            continue
        for r in range(low_row, min(high_row, len(out)) + 1):
            row = out[r - 1]
            last = min(high_col, width)
            if len(row) < last:
                row.extend([None] * (last - len(row)))
            for c in range(low_col, last + 1):
                if row[c - 1] is None:
                    row[c - 1] = value
    return [tuple(r) for r in out]
