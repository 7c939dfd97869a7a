"""How much work one PDF may ask of `hmic import`, measured before its text is extracted.

A PDF's pages are content streams, compressed; a page may also draw a form (another stream) with
`Do`, any number of times, and many pages may share one stream. So a file of a few kilobytes can
stand for gigabytes of drawing operations. Before extracting text, the cost of every page is
added up: the decompressed bytes of its content, plus, for each `Do` in it, the cost of the
largest form the page can draw (forms drawing forms counted the same way, to depth 4). Past
`MAX_CONTENT_BYTES` in all, or `MAX_TEXT_CHARS` of extracted text, the import stops with a
DataError (exit 3) before the time is spent. Both are far above what a long report needs: a
3,000-page report is some 10-60 MB of content and a few million characters of text; the text
bound also lets a 10 MB text import whole.
"""

from __future__ import annotations

from hmic_cli.errors import DataError, Problem

MAX_CONTENT_BYTES = 200 * 1024 * 1024  # decompressed content and drawn forms, all pages together
MAX_TEXT_CHARS = 60 * 1024 * 1024  # extracted text, all pages together
MAX_DEPTH = 4


class Budget:
    """Counts the work of one PDF against the bounds; `over` raises the DataError that stops it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.content = 0
        self.text = 0
        self._forms: dict[int, int] = {}

    def over(self, what: str, limit: int) -> DataError:
        return DataError(self.name, [Problem(f"the PDF asks for more than {limit:,} {what}, "
                                             "the most hmic reads from one report")],
                         "import a text or HTML copy of the report, or a smaller extract of the PDF")

    def page(self, page) -> None:
        """Add a page's cost (see the module docstring); raise past MAX_CONTENT_BYTES."""
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        self.content += self._cost(data, page.get("/Resources"), 0)
        if self.content > MAX_CONTENT_BYTES:
            raise self.over("bytes of page content", MAX_CONTENT_BYTES)

    def _cost(self, data: bytes, resources, depth: int) -> int:
        draws = data.count(b"Do")
        if not draws:
            return len(data)
        if depth >= MAX_DEPTH:
            raise self.over("levels of forms drawn inside forms", MAX_DEPTH)
        return len(data) + draws * self._largest_form(resources, depth)

    def _largest_form(self, resources, depth: int) -> int:
        try:
            xobjects = resources.get_object().get("/XObject") if resources is not None else None
            if xobjects is None:
                return 0
            largest = 0
            for ref in xobjects.get_object().values():
                form = ref.get_object()
                if form.get("/Subtype") != "/Form":
                    continue
                key = getattr(ref, "idnum", None) or id(form)
                if key not in self._forms:
                    self._forms[key] = MAX_CONTENT_BYTES + 1  # a form that draws itself is past any bound
                    self._forms[key] = self._cost(form.get_data(), form.get("/Resources") or resources, depth + 1)
                largest = max(largest, self._forms[key])
                if largest > MAX_CONTENT_BYTES:
                    break
            return largest
        except DataError:
            raise
        except Exception:  # a damaged resource dictionary: pypdf will skip what it cannot draw
            return 0

    def add_text(self, text: str) -> None:
        self.text += len(text)
        if self.text > MAX_TEXT_CHARS:
            raise self.over("characters of text", MAX_TEXT_CHARS)
