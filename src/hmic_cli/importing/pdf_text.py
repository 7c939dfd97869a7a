"""PDF to plain text lines with pypdf, page by page, without the page furniture.

Rules: an encrypted PDF is read only if it opens with the empty password (an owner password
alone, as AES-encrypted reports often have, needs the `cryptography` package, a dependency of
hmic); otherwise, and for a
damaged file or one with no text layer (a scan), a DataError says so. On each page, bare page
numbers and "Page 3 of 12" lines go, and so do running headers and footers: a line (digits aside)
among the first or last three of more than half of the pages, when there are two pages or more.
Wrapped lines are joined back into paragraphs: a line carries on the one before when that one
filled the line (at least 85% of the longest line) or did not end a sentence and this one starts
in lower case; list items and known headings always start afresh. Paragraphs are separated by a
blank line. The work one PDF may ask for is bounded (see `pdf_budget`).
"""

from __future__ import annotations

import io
import logging
import math
from collections import Counter

from hmic_cli.errors import DataError, Problem
from hmic_cli.importing.patterns import bullet, furniture_key, heading, is_furniture, join_wrapped, terminal
from hmic_cli.importing.pdf_budget import Budget

EDGE = 3  # lines at the top and bottom of a page where running headers and footers sit
FULL = 0.85


def pdf_to_text(raw: bytes, name: str) -> str:
    """The text of a PDF's pages as lines (see the module docstring)."""
    pages = [_lines(text) for text in _page_texts(raw, name)]
    if not any(pages):
        raise DataError(name, [Problem("the PDF has no text to read (it may be scanned images)")],
                        "run it through OCR, or import a text, HTML or Markdown copy of the report")
    running = _running(pages)
    lines = [line for page in pages for line in page
             if not is_furniture(line) and furniture_key(line) not in running]
    return _paragraphs(lines)


def _page_texts(raw: bytes, name: str) -> list[str]:
    """Each page's text; pypdf's warnings about damaged files are kept off the terminal meanwhile."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.ERROR + 10)
    try:
        return _extract(raw, name)
    finally:
        log.setLevel(level)


def _extract(raw: bytes, name: str) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError):
                opened = 0
            if not opened:
                raise DataError(name, [Problem("the PDF is encrypted and needs a password to open")],
                                "save an unprotected copy (or a text export) of the report and import that")
        budget = Budget(name)
        pages = list(reader.pages)
        for page in pages:
            budget.page(page)  # every page's cost first: a bomb is refused before any time is spent
        texts = []
        for page in pages:
            text = page.extract_text() or ""
            budget.add_text(text)
            texts.append(text)
        return texts
    except DataError:
        raise
    except FileNotDecryptedError:
        raise DataError(name, [Problem("the PDF is encrypted and needs a password to open")],
                        "save an unprotected copy (or a text export) of the report and import that") from None
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file; all mean "unreadable"
        raise DataError(name, [Problem(f"is not a readable PDF ({type(exc).__name__}: {exc})")],
                        "check the file opens in a PDF viewer, or import a text or HTML copy") from None


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def _running(pages: list[list[str]]) -> set[str]:
    """Keys of lines at the top or bottom of more than half of the pages (two pages or more)."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({furniture_key(line) for line in page[:EDGE] + page[-EDGE:]})
    need = max(2, math.floor(len(pages) / 2) + 1)
    return {key for key, count in seen.items() if count >= need and heading(key) is None}


def _paragraphs(lines: list[str]) -> str:
    usual = max((len(line) for line in lines), default=0)
    out: list[str] = []
    previous = ""
    for line in lines:
        fresh = bullet(line) is not None or heading(line) is not None or heading(previous) is not None
        full = len(previous) >= FULL * usual and usual >= 40
        carry = previous and not fresh and (full or (not terminal(previous) and line[:1].islower()))
        if carry:
            out[-1] = join_wrapped(out[-1], line)
            previous = line
            continue
        if out:
            out.append("")
        out.append(line)
        previous = line
    return "\n".join(out) + "\n" if out else ""
