"""The character encoding of an HTML report, as a browser decides it (WHATWG Encoding Standard).

Rules, in order: a byte-order mark (UTF-8 or UTF-16) wins; else a `<meta charset=...>` or
`<meta http-equiv="Content-Type" content="...; charset=...">` in the first 1024 bytes, its label
looked up in the Encoding Standard's table (`webencodings`): a UTF-16 label there means UTF-8 (a
page whose bytes are ASCII-compatible cannot be UTF-16), `x-user-defined` means windows-1252, and
labels the standard does not know (UTF-7, misspellings) are ignored; else UTF-8. A label the
standard maps to "replacement" (ISO-2022-KR, HZ-GB-2312 ...) is a page no browser decodes: a
DataError. The bytes are then decoded strictly (see `sources.decode_text`).
"""

from __future__ import annotations

import re

from hmic_cli.errors import DataError, Problem

PRESCAN = 1024
_META = re.compile(rb"<meta\b[^>]{0,1024}?\bcharset\s*=\s*[\"']?\s*([^\s\"'>;/]{1,40})", re.I)


def html_encoding(raw: bytes, name: str) -> str:
    """The Python codec to decode `raw` with (see the module docstring)."""
    import webencodings

    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    found = _META.search(raw[:PRESCAN])
    if not found:
        return "utf-8"
    label = found.group(1).decode("ascii", "replace")
    encoding = webencodings.lookup(label)
    if encoding is None:
        return "utf-8"
    if encoding.name in ("utf-16le", "utf-16be"):
        return "utf-8"
    if encoding.name == "x-user-defined":
        return "cp1252"
    if encoding.name == "replacement":
        raise DataError(name, [Problem(f"declares the character set '{label}', which browsers refuse to decode")],
                        "save the report as UTF-8 and try again")
    return encoding.codec_info.name
