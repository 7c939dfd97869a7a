"""The Word paper's long part (the exceptions, the changes and the register appendix): its headings, paragraphs
and tables written as WordprocessingML text and parsed once, then put at the end of the body in one pass.

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

__all__ = ["Body"]


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
    """Paragraphs and tables added in order; `close()` (after each table, and at the end) parses what was added
    at once and appends it to the body."""

    def __init__(self, doc, table_style: str) -> None:
        from docx.shared import Emu, Inches

        self.doc = doc
        self._parts: list[str] = []
        self._style_ids: dict[str, str] = {}
        section = doc.sections[-1]  # the block width of the last section, as `Document.add_table` takes it
        width = (section.page_width or Inches(8.5)) - (section.left_margin or Inches(1)) - (
            section.right_margin or Inches(1))
        self._width = Emu(width)
        self._emu = Emu
        self._table_style = self._style_id(table_style)
        self._grids: dict[int, tuple[str, str]] = {}
        self._rows: list[str] = []  # each table's body rows, in order

    def _style_id(self, name: str) -> str:
        found = self._style_ids.get(name)
        if found is None:
            found = self._style_ids[name] = self.doc.styles[name].style_id
        return found

    def heading(self, text: str, level: int) -> None:
        self.paragraph(text, f"Heading {level}")

    def paragraph(self, text: str, style: str | None = None) -> None:
        props = f'<w:pPr><w:pStyle w:val="{xml_text(self._style_id(style))}"/></w:pPr>' if style else ""
        self._parts.append(f"<w:p>{props}{run_xml(text) if text else ''}</w:p>")

    def table(self, names, rows: list[tuple]) -> None:
        """A table in the paper's style: the header row (repeated on every page, bold), then `rows`, each
        value a text or a tuple of texts (one paragraph each)."""
        grid = self._grids.get(len(names))
        if grid is None:
            twips = self._emu(self._width // len(names)).twips if names else 0
            grid = self._grids[len(names)] = (
                "<w:tblGrid>" + f'<w:gridCol w:w="{twips}"/>' * len(names) + "</w:tblGrid>",
                f'<w:tcPr><w:tcW w:type="dxa" w:w="{twips}"/></w:tcPr>')
        cols, cell_props = grid
        header = "".join(f"<w:tc>{cell_props}<w:p>{run_xml(name, bold=True)}</w:p></w:tc>" for name in names)
        self._parts.append(
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{xml_text(self._table_style)}"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            f'w:noVBand="1" w:val="04A0"/></w:tblPr>{cols}'
            f'<w:tr><w:trPr><w:tblHeader w:val="true"/></w:trPr>{header}</w:tr></w:tbl>')
        self._rows.append("".join("<w:tr>" + "".join(cell_xml(value) for value in values) + "</w:tr>"
                                  for values in rows))
        self.close()  # each table put in place as it is made: its text is never held beside the whole paper

    def close(self) -> None:
        """The paragraphs and the tables' shells parsed at once and put before the last section's properties,
        then each table's rows parsed at once and appended to it one by one: lxml takes time quadratic in a
        subtree's size to move it between documents (a table of 8,000 rows: 0.64 s whole, 0.11 s row by row)."""
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn

        if not self._parts:
            return
        body = self.doc.element.body
        end = body.sectPr  # the last section's properties stay the body's last child
        tables = iter(self._rows)
        for element in list(parse_xml(f"<w:body {nsdecls('w')}>{''.join(self._parts)}</w:body>")):
            if end is not None:
                end.addprevious(element)
            else:
                body.append(element)
            if element.tag == qn("w:tbl"):
                rows = next(tables)
                if rows:
                    for tr in list(parse_xml(f"<w:tbl {nsdecls('w')}>{rows}</w:tbl>")):
                        element.append(tr)
        self._parts.clear()
        self._rows.clear()


def cell_xml(value) -> str:
    lines = value if isinstance(value, tuple) else (value,)
    return "<w:tc>" + "".join(f'<w:p><w:r><w:t xml:space="preserve">{xml_text(line)}</w:t></w:r></w:p>'
                              for line in lines) + "</w:tc>"
