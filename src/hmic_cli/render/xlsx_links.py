"""The workbook's links, made and written as XlsxWriter makes and writes them, with less work: `light_url` makes an
http(s) link's `Url` (46,000 links at 100,000 records), and `SheetWithLinks` is XlsxWriter's worksheet whose list of
links is written as one string, and `quick_relationships` writes the parts' relationships (a link's among
them) as one string too. Each is checked against XlsxWriter's own (`tests/test_xlsx_batch.py`), and
anything else they are given goes to XlsxWriter's own code."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from functools import cache

from xlsxwriter import packager, relationships
from xlsxwriter.url import Url, UrlTypes
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

__all__ = ["SheetWithLinks", "light_url", "quick_relationships"]


def light_url(url: str) -> Url | None:
    """`Url(url)` for an http(s) URL in ASCII; None for any other (then `Url` itself)."""
    if url.startswith(("http://", "https://")) and url.isascii() and _light_urls():
        return _url(url)
    return None


def _url(url: str):
    """XlsxWriter's `Url(url)` for an http(s) URL in ASCII, made as its constructor makes it (the link and its
    relationship's target escaped alike, up to a `#`; the anchor after it) but escaping once where it escapes
    twice and without its checks for other kinds of link: 46,000 links at 100,000 records, 0.5 s -> 0.2 s CPU."""
    link = Url.__new__(Url)
    base, _, anchor = url.partition("#")
    if len(base) > Url.MAX_URL_LEN or len(anchor) > Url.MAX_URL_LEN:  # (ASCII: a UTF-16 unit a character)
        return Url(url)  # Url's own error
    link._link_type, link._original_url, link._text, link._tip = UrlTypes.URL, url, url, ""
    link._link = link._relationship_link = Url._escape_url(base)
    link._anchor, link._is_object_link, link._rel_index = anchor, False, 0
    return link


@cache
def _light_urls() -> bool:
    """Whether `_url` makes what this XlsxWriter's `Url` makes (checked once, on a link with an anchor)."""
    sample = "https://example.org/a b/%zz?x=1&y=[2]#part 3"
    try:
        return vars(_url(sample)) == vars(Url(sample))
    except (AttributeError, TypeError, ValueError):
        return False


class SheetWithLinks(Worksheet):
    """XlsxWriter's worksheet, two steps of its packing done with less work: its rows copied from constant memory's
    row file as bytes, and its `<hyperlinks>` written as one string when every link is an external URL with no
    tip, made from a text cell (the links `Rows` and `write_url` make here), as `Worksheet._write_hyperlinks`
    writes them and with the same relationships kept for the packager (46,000 links at 100,000 records took
    0.33 s CPU, a call of its XML writer and a cell reference each). Anything else: XlsxWriter's own."""

    def _write_hyperlinks(self) -> None:
        table, links = self.table, self.hyperlinks
        if table or not links:  # (a cell kept in the table may make a link an object link)
            super()._write_hyperlinks()
            return
        ordered = [(row, col, links[row][col]) for row in sorted(links) for col in sorted(links[row])]
        if any(url._link_type is not UrlTypes.URL or url._tip or url._is_object_link for _, _, url in ordered):
            super()._write_hyperlinks()
            return
        names: dict[int, str] = {}
        out, rel, escape = [], self.rel_count, self._escape_attributes
        for row, col, url in ordered:
            rel += 1
            name = names.get(col) or names.setdefault(col, xl_col_to_name(col))
            where = f' location="{escape(url._anchor)}"' if url._anchor else ""
            out.append(f'<hyperlink ref="{name}{row + 1}" r:id="rId{rel}"{where}/>')
        self.rel_count = rel
        self.external_hyper_links.extend(["/hyperlink", url._target(), "External"] for _, _, url in ordered)
        self.fh.write(f"<hyperlinks>{''.join(out)}</hyperlinks>")

    def _write_optimized_sheet_data(self) -> None:
        """The rows kept in constant memory's row file, copied into the sheet as bytes (XlsxWriter reads them back as
        text, 64 KB at a time, and writes them again: 174 MB at 100,000 records, 0.2 s CPU). The same bytes: the
        row file holds no carriage return (a text's is escaped as _x000D_), so no newline is translated."""
        sheet, rows = self.fh, self.row_data_fh
        if self.dim_rowmin is None or not hasattr(sheet, "buffer") or not self.row_data_filename:
            super()._write_optimized_sheet_data()
            return
        self._xml_start_tag("sheetData")
        sheet.flush()
        rows.flush()
        with open(self.row_data_filename, "rb") as saved:
            shutil.copyfileobj(saved, sheet.buffer, 1 << 20)
        rows.close()
        os.unlink(self.row_data_filename)
        self._xml_end_tag("sheetData")


class _Relationships(relationships.Relationships):
    """XlsxWriter's relationships part, its `<Relationship>` elements written as one string (as
    `_write_relationship` writes each, attributes escaped by its own `_escape_attributes`): 46,000 links'
    relationships at 100,000 records took 0.26 s CPU."""

    def _write_relationships(self) -> None:
        escape = self._escape_attributes
        out = [f'<Relationship Id="rId{n}" Type="{escape(kind)}" Target="{escape(target)}"'
               + (f' TargetMode="{escape(mode)}"/>' if mode else "/>")
               for n, (kind, target, mode) in enumerate(self.relationships, start=self.id)]
        self.id += len(out)
        self.fh.write(f'<Relationships xmlns="{escape(relationships.PACKAGE_SCHEMA)}">{"".join(out)}</Relationships>')


@contextmanager
def quick_relationships():
    """While a workbook is packed, its packager makes `_Relationships` (its module's name for the class, put back
    after); a packager without that name is left alone."""
    original = getattr(packager, "Relationships", None)
    if original is not relationships.Relationships:
        yield
        return
    packager.Relationships = _Relationships
    try:
        yield
    finally:
        packager.Relationships = original
