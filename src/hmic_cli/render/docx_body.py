"""The Word paper's long part (the exceptions, the changes and the register appendix): its headings, paragraphs
and tables written as WordprocessingML text to a temporary file as they are made, and put in place of a marker
paragraph when the package is written (`splice`): never parsed into a tree (at 100,000 records lxml's tree of
the register held about 1.8 GB, and parsing and serialising it took about a third of the paper's time).

Hand-written for speed, not through python-docx's `add_heading` / `add_paragraph` / `add_table`, for measured
reasons: each `add_table` finds the last section by searching the whole document (`.//w:sectPr`), each
insertion scans the body's children for the final `w:sectPr`, and each styled paragraph looks its style up
by name and compares it with the default style by walking every style: all three grow with the document, so
the paper took time quadratic in the register's reports (20,000 records: 5.3 s of render CPU, 1.8 s of it
the section search alone). The XML is what python-docx writes for the same calls: a heading is a paragraph
in the "Heading N" style (its id looked up once), a table is `add_table`'s (auto width, the column widths
shared out of the text block, python-docx's `tblLook`) in the named table style, its header row repeated
on every page and its names in bold.
"""

from __future__ import annotations

import shutil
import uuid
from typing import BinaryIO
from zipfile import ZIP64_LIMIT, ZIP_DEFLATED, ZipFile

__all__ = ["Body", "mark", "splice"]


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _t(text: str) -> str:
    space = ' xml:space="preserve"' if text != text.strip() else ""  # as python-docx marks a w:t
    return f"<w:t{space}>{xml_text(text)}</w:t>"


def run_xml(text: str, bold: bool = False) -> str:
    """A run as python-docx's `add_run(text)` makes it: a tab as `w:tab`, a line break (\\n or \\r) as `w:br`."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        return f"<w:r>{props}{_t(text)}</w:r>" if text else f"<w:r>{props}</w:r>"
    out = []
    piece: list[str] = []
    for ch in text:
        if ch in "\t\n\r":
            if piece:
                out.append(_t("".join(piece)))
                piece = []
            out.append("<w:tab/>" if ch == "\t" else "<w:br/>")
        else:
            piece.append(ch)
    if piece:
        out.append(_t("".join(piece)))
    return f"<w:r>{props}{''.join(out)}</w:r>"


class Body:
    """Paragraphs and tables written in order, as WordprocessingML, to `sink` (a binary file): the long part is
    never parsed or held whole; `splice` puts it in place of the marker paragraph when the package is saved."""

    def __init__(self, doc, table_style: str, sink: BinaryIO) -> None:
        from docx.shared import Emu, Inches

        self.doc = doc
        self._write = sink.write
        self._style_ids: dict[str, str] = {}
        section = doc.sections[-1]  # the block width of the last section, as `Document.add_table` takes it
        width = (section.page_width or Inches(8.5)) - (section.left_margin or Inches(1)) - (
            section.right_margin or Inches(1))
        self._width = Emu(width)
        self._emu = Emu
        self._table_style = self._style_id(table_style)
        self._grids: dict[int, tuple[str, str]] = {}

    def _style_id(self, name: str) -> str:
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = self.doc.styles[name].style_id
        return found

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    def paragraph(self, text: str, style: str | None = None) -> None:
        props = f'<w:pPr><w:pStyle w:val="{xml_text(self._style_id(style))}"/></w:pPr>' if style else ""
        self._write(f"<w:p>{props}{run_xml(text) if text else ''}</w:p>".encode())

    def table(self, names, rows) -> None:
        """A table in the paper's style: the header row (repeated on every page, bold), then `rows` (an iterable),
        each value a text or a tuple of texts (one paragraph each)."""
        grid = self._grids.get(len(names))
        if grid is None:
            twips = self._emu(self._width // len(names)).twips if names else 0
            grid = self._grids[len(names)] = (
                "<w:tblGrid>" + f'<w:gridCol w:w="{twips}"/>' * len(names) + "</w:tblGrid>",
                f'<w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>')
        cols, cell_props = grid
        header = "".join(f"<w:tc>{cell_props}<w:p>{run_xml(name, bold=True)}</w:p></w:tc>" for name in names)
        write = self._write
        write(f'<w:tbl><w:tblPr><w:tblStyle w:val="{xml_text(self._table_style)}"/><w:tblW w:type="auto" w:w="0"/>'
              '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
              f'w:noVBand="1" w:val="04A0"/></w:tblPr>{cols}'
              f'<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{header}</w:tr>'.encode())
        for values in rows:
            write(("<w:tr>" + "".join(cell_xml(value) for value in values) + "</w:tr>").encode())
        write(b"</w:tbl>")


def mark(doc) -> bytes:
    """A paragraph at the end of the body (before the last section's properties) that `splice` replaces with
    the long part: its XML as python-docx saves it."""
    token = f"hmic-long-part-{uuid.uuid4().hex}"
    doc.add_paragraph(token)
    return f"<w:p><w:r><w:t>{token}</w:t></w:r></w:p>".encode()


def splice(skeleton: BinaryIO, marker: bytes, long_part: BinaryIO, out: BinaryIO) -> None:
    """The package python-docx saved (`skeleton`) written to `out` part by part, in its order, with the long part
    (a file, copied in chunks) in place of the marker paragraph in word/document.xml; deflated at level 1 as
    `zip_level.fast_deflate` deflates the rest. Zip64 only when the part needs it."""
    long_part.flush()
    size = long_part.seek(0, 2)
    with ZipFile(skeleton) as source, ZipFile(out, "w", ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info, data, compresslevel=1)
                continue
            before, found, after = data.partition(marker)
            if not found or marker in after:
                raise RuntimeError("the Word paper's marker paragraph is not in word/document.xml once")
            long_part.seek(0)
            # opened by name, so the part takes the target's level 1 (a ZipInfo read back would take zlib's 6)
            with target.open(info.filename, "w", force_zip64=len(before) + size + len(after) > ZIP64_LIMIT) as part:
                part.write(before)
                shutil.copyfileobj(long_part, part, 1 << 20)
                part.write(after)


def cell_xml(value) -> str:
    lines = value if isinstance(value, tuple) else (value,)
    return "<w:tc>" + "".join(f'<w:p><w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r></w:p>'
                              for line in lines) + "</w:tc>"
