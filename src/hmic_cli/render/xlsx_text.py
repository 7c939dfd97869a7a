"""How a text is written in a cell of the workbook's XML: escaped exactly as XlsxWriter escapes an in-line string
(`inline`), and a batch of texts at once (`text_tails`), for `xlsx_rows.Rows`."""

from __future__ import annotations

from hmic_cli.render.xlsx_cells import MAX_CELL, clip

__all__ = ["inline", "text_tails"]


def text_tails(texts: list[str], s: str) -> list[str]:
    """Texts' cells after `<c r="B2` (style `s`), exactly as `inline` escapes them, a batch at a time.

    A batch whose texts XlsxWriter's `_escape_control_characters` would leave alone (no control character but
    tab and line feed, no U+FFFE or U+FFFF, no `_x`) and within Excel's limit is checked once, joined, and
    escaped with three replaces on the whole; otherwise its plain texts still go as a batch and the rest one by
    one. Why: at 100,000 records 340,000 distinct texts took 1.2 s CPU one by one (`str.isprintable` alone costs
    4 ns a character); as a batch about 0.3 s."""
    whole = "".join(texts)
    if not _plain(whole) or max(map(len, texts)) > MAX_CELL:
        plain = [_plain(t) and len(t) <= MAX_CELL for t in texts]
        if any(plain) and len(texts) > 1:
            done = iter(text_tails([t for t, p in zip(texts, plain, strict=True) if p], s))
            return [next(done) if p else f'"{s} t="inlineStr">{inline(t)}</c>'
                    for t, p in zip(texts, plain, strict=True)]
        return [f'"{s} t="inlineStr">{inline(t)}</c>' for t in texts]
    if "&" in whole or "<" in whole or ">" in whole:  # "\0" joins them: no plain text holds it
        texts = "\0".join(texts).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split("\0")
    head = f'"{s} t="inlineStr"><is><t'
    return [f'{head} xml:space="preserve">{t}</t></is></c>' if t[0].isspace() or t[-1].isspace()
            else f"{head}>{t}</t></is></c>" for t in texts]


_ESCAPED_BYTES = bytes([*range(0x09), *range(0x0B, 0x20)])  # what `_escape_control_characters` escapes as _xHHHH_


def _plain(text: str) -> bool:
    """Whether XlsxWriter's `_escape_control_characters` leaves `text` as it is (a `_x` that is not `_xHHHH_` aside).
    (A control character is one byte in UTF-8, never part of another character's bytes.)"""
    if "_" in text and "_x" in text or "\ufffe" in text or "\uffff" in text:
        return False
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _ESCAPED_BYTES)) == len(data)


def inline(text: str) -> str:
    """`<is><t>text</t></is>`, escaped as XlsxWriter escapes an in-line string."""
    if not text.isprintable() or "_x" in text or len(text) > 32767:
        text = clip(text)
        from xlsxwriter.xmlwriter import XMLwriter

        text = XMLwriter._escape_control_characters(text)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text[0].isspace() or text[-1].isspace():
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"
