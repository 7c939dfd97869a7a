"""The board paper as a Word document (python-docx), from the same content as the HTML (`board_paper.Paper`).

Styles a secretary can restyle: the paper's title in "Title", sections in "Heading 1", each report or
group of changes in "Heading 2", every table in one named table style ("Board table", based on Word's
"Table Grid") with its header row repeated on each page. The marking in the header and the footer of
every page, page numbers from PAGE and NUMPAGES fields, and the wide tables (the exceptions, the
changes and the register) in a landscape section. Data text is made inert (`sanitize.cell_text`) and
stripped of what XML cannot hold.
"""

from __future__ import annotations

import io
import re
import tempfile
from typing import BinaryIO

from hmic_cli.board_paper import Paper
from hmic_cli.board_words import long_date, short_text
from hmic_cli.render.board_rows import ITEM_COLUMNS
from hmic_cli.render.docx_body import Body, cell_xml, mark, splice, xml_text
from hmic_cli.render.present import RAG_WORDS
from hmic_cli.render.zip_level import fast_deflate
from hmic_cli.sanitize import cell_text

TABLE_STYLE = "Board table"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _t(value) -> str:
    if value is None:
        return ""
    value = str(value)
    if value.isprintable():  # no control, bidi or non-character: nothing to make inert or strip (most texts)
        return value
    return _NOT_XML.sub("", cell_text(value))


def board_pack(paper: Paper, out: BinaryIO) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = _t(f"{paper.title}: board paper, {long_date(paper.as_of)}")
    doc.core_properties.subject = "Board paper"
    doc.core_properties.keywords = _t(paper.marking or "")
    doc.styles["Normal"].font.size = Pt(10)
    _table_style(doc)
    _page(doc.sections[0], paper)
    _front(doc, paper)
    _wide_section(doc)
    marker = mark(doc)
    with tempfile.TemporaryFile() as long_part:
        body = Body(doc, TABLE_STYLE, long_part)  # the long part, written as XML (docx_body.py says why)
        for s in paper.exceptions:
            heading = f"{s.title} ({len(s.rows)}" + (f", {s.waived} waived)" if s.waived else ")")
            body.heading(heading, level=1)
            _items(body, s.rows, s.empty)
        _changes(body, paper)
        body.heading("Appendix: the register", level=1)
        body.paragraph("Every open item, and those closed since the last meeting, by report.")
        for title, rows in paper.appendix:
            body.heading(f"{_t(title)} ({len(rows)})", level=2)
            _items(body, rows, "")
        from docx.opc import phys_pkg

        skeleton = io.BytesIO()
        with fast_deflate(phys_pkg):
            doc.save(skeleton)
        splice(skeleton, marker, long_part, out)


def _table_style(doc) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Table Grid"]


def _page(section, paper: Paper) -> None:
    """A4 portrait, the marking at the top and foot, 'Page N of M' at the foot."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(18)
    if paper.marking:
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.add_run(_t(paper.marking)).bold = True
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.marking:
        foot.add_run(_t(paper.marking)).bold = True
        foot = section.footer.add_paragraph()
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    foot.add_run(f"Board paper, {long_date(paper.as_of)} · Page ")
    _field(foot, "PAGE")
    foot.add_run(" of ")
    _field(foot, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES) Word and LibreOffice fill in on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _wide_section(doc) -> None:
    from docx.enum.section import WD_ORIENT, WD_SECTION

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width


def _front(doc, paper: Paper) -> None:
    """Title, purpose, headline, "The board is asked to" and the counts by report: the first pages."""
    pack = paper.pack
    doc.add_heading(_t(paper.title), level=0)
    doc.add_paragraph(paper.subtitle)
    if paper.purpose:
        doc.add_heading("Purpose", level=1)
        for para in paper.purpose.split("\n"):
            if para.strip():
                doc.add_paragraph(_t(para))
    doc.add_heading("Headline", level=1)
    rows = [(f.label + (f" ({f.detail})" if f.detail else ""), str(f.value),
             "" if f.then is None else str(f.then), "" if f.change is None else f"{f.change:+d}")
            for f in pack.figures]
    _table(doc, ("Figure", "Now", "At the last meeting", "Change"), rows)
    doc.add_paragraph("; ".join(f"{label}: {value}" for label, value in pack.headline()[len(pack.figures):]) + ".")
    doc.add_heading("The board is asked to", level=1)
    if not paper.decisions:
        doc.add_paragraph("note this paper: nothing awaits a decision.")
    number, bullet = doc.styles["List Number"], doc.styles["List Bullet 2"]  # looked up once: by name is a scan
    for d in paper.decisions:
        ask = doc.add_paragraph(d.ask + (":" if d.rows else "."), style=number)
        named = [_t(f"{r.id} ({r.report}, {r.kind}): {short_text(r.text)} ({r.owner}; {r.standing})") for r in d.rows]
        _paragraphs_after(ask, named, bullet.style_id)
    doc.add_heading("The reports", level=1)
    doc.add_paragraph(f"In all: {paper.overall}.")
    _table(doc, ("Report", "Items", "By status", "Overdue"),
           [(_t(c.title), c.types, c.statuses, str(c.overdue)) for c in paper.counts])
    if paper.shared_themes:
        doc.add_heading(f"Themes raised by more than one issuer ({len(paper.shared_themes)})", level=1)
        _table(doc, ("Theme", "Issuers, in their words", "Outstanding"),
               [(_t(t.theme), tuple(_t(i.words) for i in t.issuers), str(t.outstanding)) for t in paper.shared_themes])


def _paragraphs_after(anchor, lines: list[str], style_id: str) -> None:
    """Paragraphs in the style `style_id` straight after `anchor`, parsed at once (as `_table`'s rows)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="{xml_text(style_id)}"/></w:pPr><w:r><w:t xml:space="preserve">'
                   f"{xml_text(line)}</w:t></w:r></w:p>" for line in lines)
    for p in reversed(list(parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>"))):
        anchor._p.addnext(p)


def _table(doc, names, rows):
    """A table in the paper's style, its header row repeated on every page; each cell's lines as paragraphs.

    The body rows are written as WordprocessingML text and parsed once (python-docx's `add_row` and
    `cell.text` cost about 4 ms an item: seven minutes at 100,000 records)."""
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    table = doc.add_table(rows=1, cols=len(names))
    table.style = doc.styles[TABLE_STYLE]
    header = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for cell, name in zip(header.cells, names, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
    if rows:
        body = "".join("<w:tr>" + "".join(cell_xml(value) for value in values) + "</w:tr>" for values in rows)
        for tr in list(parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>")):
            table._tbl.append(tr)
    return table


def _items(body: Body, rows, empty: str) -> None:
    if not rows:
        body.paragraph(empty or "None.")
        return
    body.table(ITEM_COLUMNS, map(_item_cells, rows))


def _item_cells(r) -> tuple:
    update = ("no progress recorded",)
    if r.update is not None:
        u = r.update
        update = (_t(u.note), _t(f"{long_date(u.on)}" + (f", {u.by}" if u.by else "")))
        if u.evidence:
            update += (_t(f"Evidence: {u.evidence}"),)
    item = (_t(f"{r.report}: {r.kind}"), _t(("↳ " if r.child else "") + r.text), *(_t(n) for n in r.notes))
    due = (r.due, f"{RAG_WORDS[r.rag]}: {r.standing}", r.status)
    return (_t(r.id), item, _t(r.owner), due, update, _t(r.expected))


def _changes(body: Body, paper: Paper) -> None:
    body.heading(f"Changes since the last meeting ({paper.changes_count})", level=1)
    body.paragraph(f"From {long_date(paper.since)} to {long_date(paper.as_of)}.")
    if not paper.changes:
        body.paragraph("Nothing changed since then.")
    for g in paper.changes:
        body.heading(f"{g.title} ({len(g.lines)})", level=2)
        body.table(("ID", "Report", "Item", "What changed"),
                   [(_t(c.id), _t(c.report), _t(c.text), _t(c.detail)) for c in g.lines])
