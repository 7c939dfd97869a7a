"""HTML to plain text lines with the document's structure kept.

Rules: page furniture (script, style, nav, header, footer, aside, forms, templates, embedded media)
is dropped; each heading, paragraph, table cell and other block is a line of its own, separated
from the next by a blank line; each `<li>` is a line starting with "- ", indented two spaces per
level of nesting, with nested lists on the lines after it; `<br>` breaks a line; runs of
whitespace inside a block collapse to one space.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

FURNITURE = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
             "button", "select", "svg", "iframe", "object", "embed", "head", "title", "meta", "link"}
BLOCKS = {"address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
          "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "main", "p", "pre",
          "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "body", "html"}
LISTS = {"ul", "ol", "menu"}
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


class _Lines:
    """Collects inline text into lines; `depth` is the list nesting of the item being written."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.prefix = ""

    def text(self, value: str) -> None:
        self.parts.append(value)

    def flush(self, gap: bool = True) -> None:
        words = _SPACE.sub(" ", "".join(self.parts)).strip()
        if words:
            self.lines.append(self.prefix + words)
            if gap and not self.prefix:
                self.lines.append("")
        self.parts = []

    def start_item(self, depth: int) -> None:
        self.flush()
        self.prefix = "  " * depth + "- "

    def end_item(self) -> None:
        self.flush(gap=False)
        self.prefix = ""


def html_to_text(markup: str) -> str:
    """The text of an HTML document as lines (see the module docstring for the rules)."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(FURNITURE):
        tag.decompose()
    out = _Lines()
    _walk(soup, out, depth=0)
    out.flush()
    lines: list[str] = []
    for line in out.lines:
        if line == "" and (not lines or lines[-1] == ""):
            continue
        lines.append(line)
    return "\n".join(lines).strip("\n") + "\n" if lines else ""


def _walk(node: Tag, out: _Lines, depth: int) -> None:
    for child in node.children:
        if isinstance(child, (Comment, Doctype)):
            continue
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name == "br":
            prefix = out.prefix
            out.flush(gap=False)
            out.prefix = " " * len(prefix) if prefix else ""  # the rest of a list item stays under it
        elif name in LISTS:
            prefix = out.prefix
            out.flush(gap=not prefix)
            _list(child, out, depth + 1 if prefix else depth)
            out.prefix = ""
            if not prefix:
                out.lines.append("")
        elif name == "li":  # a stray <li> outside any list
            _item(child, out, depth)
        elif name in BLOCKS:
            prefix = out.prefix
            if not prefix:
                out.flush()
            else:
                out.text(" ")
            _walk(child, out, depth)
            if not prefix:
                out.flush()
            elif name in ("td", "th"):
                out.text(" ")
        else:
            _walk(child, out, depth)


def _list(node: Tag, out: _Lines, depth: int) -> None:
    for child in node.children:
        if isinstance(child, Tag) and child.name.lower() == "li":
            _item(child, out, depth)
        elif isinstance(child, Tag):
            _walk(child, out, depth)


def _item(node: Tag, out: _Lines, depth: int) -> None:
    out.start_item(depth)
    _walk(node, out, depth)
    out.end_item()
