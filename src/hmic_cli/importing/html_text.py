"""HTML to plain text lines with the document's structure kept.

Rules: what a browser never shows is dropped: comments, CDATA sections (bogus comments in HTML),
processing instructions (`<?php ... ?>`, up to the first `>` as a browser reads them), declarations,
and the text of script, style, template, noscript and head; so is page furniture (nav, header,
footer, aside, forms, embedded media); each heading, paragraph, table cell and other block is a
line of its own, separated from the next by a blank line; each `<li>` is a line starting with
"- ", indented two spaces per level of nesting, with nested lists on the lines after it; `<br>`
breaks a line; runs of whitespace inside a block collapse to one space.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

FURNITURE = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
             "button", "select", "svg", "iframe", "object", "embed", "head", "title", "meta", "link"}
BLOCKS = {"address", "article", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
          "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "main", "p", "pre",
          "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "body", "html"}
LISTS = {"ul", "ol", "menu"}
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0\u200b]+")


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Lines:
    """Collects inline text into lines; `depth` is the list nesting of the item being written."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []
        self.prefix = ""
        self.headings: dict[int, int] = {}  # index in `lines` of a heading's line: its level (<h2> is 2)

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
    return html_text_and_levels(markup)[0]


def html_text_and_levels(markup: str) -> tuple[str, dict[int, int]]:
    """The text (as `html_to_text`) and {line number (1-based): level} of its <h1>..<h6> headings."""
    with warnings.catch_warnings():  # bs4's guesses about the markup (a URL? XML?) are not the user's business
        warnings.simplefilter("ignore")  # e.g. MarkupResemblesLocatorWarning, attributed to this caller
        soup = BeautifulSoup(markup, "html.parser")
    out = _Lines()
    _walk(soup, out, depth=0)
    out.flush()
    lines: list[str] = []
    levels: dict[int, int] = {}
    for index, line in enumerate(out.lines):
        if line == "" and (not lines or lines[-1] == ""):
            continue
        if index in out.headings:
            levels[len(lines) + 1] = out.headings[index]
        lines.append(line)
    return ("\n".join(lines).strip("\n") + "\n" if lines else ""), levels


def _walk(root: Tag, out: _Lines, depth: int) -> None:
    """Visit the tree in document order with an explicit stack, so deep nesting cannot overflow."""
    stack: list[tuple] = [("node", child, depth) for child in reversed(list(root.children))]
    while stack:
        task = stack.pop()
        if task[0] == "end-item":
            out.end_item()
            continue
        if task[0] == "end-list":
            out.prefix = ""
            if not task[1]:
                out.lines.append("")
            continue
        if task[0] == "end-block":
            if not task[1]:
                if task[2] in _HEADINGS:
                    out.headings[len(out.lines)] = int(task[2][1])  # the line the flush writes, if any
                out.flush()
            elif task[2] in ("td", "th"):
                out.text(" ")
            continue
        _, child, depth = task
        if isinstance(child, PreformattedString):
            continue  # comments, CDATA sections, processing instructions, declarations: never shown
        if isinstance(child, NavigableString):
            out.text(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name in FURNITURE:
            continue
        inner = depth
        if name == "br":
            prefix = out.prefix
            out.flush(gap=False)
            out.prefix = " " * len(prefix) if prefix else ""  # the rest of a list item stays under it
            continue
        if name in LISTS:
            prefix = out.prefix
            out.flush(gap=not prefix)
            inner = depth + 1 if prefix else depth
            stack.append(("end-list", bool(prefix)))
        elif name == "li":
            out.start_item(depth)
            stack.append(("end-item",))
        elif name in BLOCKS:
            prefix = out.prefix
            if prefix:
                out.text(" ")
            else:
                out.flush()
            stack.append(("end-block", bool(prefix), name))
        stack.extend(("node", grandchild, inner) for grandchild in reversed(list(child.children)))
