"""The registry of output formats: for each command, which formats it has and which function renders each.

This table is the only place a format is named. The CLI's `--format` choices, their help and the
tests' list of formats all come from it. A renderer is a plain function `render(result, out)`:
`result` is the command's result object (the same type for every format of a command) and `out` is
a text stream, or a binary one for a format marked `binary`. What else a format needs, it declares
here, and `output.emit` provides it: `needs_source` (the renderer also takes `source=`, the tracker
as read, to point at an item's line), `on_terminal` (another renderer when stdout is a terminal),
`workflow_commands` (it means to write GitHub workflow commands). Renderers are imported only when
used, so a command pays no start-up time for formats it does not print.

To add a format: write its module under `render/` (one function per command it serves) and add a
`Format` line to the commands it serves below.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, BinaryIO, Protocol, TextIO


class Renderer(Protocol):
    def __call__(self, result: Any, out: TextIO | BinaryIO, /) -> None: ...


@dataclass(frozen=True)
class Format:
    name: str
    target: str  # "module:function", imported on first use
    help: str
    binary: bool = False  # writes bytes (needs --output, or a stdout that is not a terminal)
    on_terminal: str | None = None  # "module:function" that renders instead when stdout is a terminal
    needs_source: bool = False  # the renderer takes `source=`: the tracker as read (its path and text)
    workflow_commands: bool = False  # writes GitHub workflow commands on purpose (the Actions filter keeps them)

    def renderer(self, terminal: bool = False) -> Renderer:
        """The render function; on a terminal, the one `on_terminal` names if any."""
        module, function = (self.on_terminal if terminal and self.on_terminal else self.target).split(":")
        return getattr(importlib.import_module(f"hmic_cli.render.{module}"), function)


def _f(name: str, target: str, help: str, binary: bool = False, **needs) -> Format:
    return Format(name, target, help, binary, **needs)


TABLE = "a table for people (cards on a narrow terminal)"
JSON = "JSON for scripts (stable: docs/reference/data-format.md)"
CSV = "CSV for spreadsheets (formula-like cells neutralised)"
MARKDOWN = "Markdown tables, for reports and PR comments"

REGISTRY: dict[str, tuple[Format, ...]] = {
    "list": (
        _f("table", "table:list_items", TABLE),
        _f("json", "json_format:list_items", JSON),
        _f("csv", "csv_format:list_items", CSV),
        _f("markdown", "markdown:list_items", MARKDOWN),
        _f("ics", "ics:list_items", "an iCalendar file: one all-day event per item at its due date", binary=True),
        _f("hmicfrs", "hmicfrs:list_items", "CSV in the inspectorate's words: a return to HMICFRS or an NPCC "
           "self-assessment (statuses, deadlines and types as words)"),
    ),
    "show": (
        _f("table", "table:show_item", "the item in full, for people"),
        _f("json", "json_format:show_item", JSON),
    ),
    "check": (
        _f("text", "text:check", "a verdict line and the failing items (a table on a terminal)",
           on_terminal="text:check_on_terminal"),
        _f("json", "json_format:check", JSON),
        _f("junit", "junit:check", "JUnit XML for CI test reporters (Jenkins xUnit schema)"),
        _f("github", "github:check", "GitHub Actions annotations at each item's line, and a job summary",
           needs_source=True, workflow_commands=True),
        _f("markdown", "markdown:check", MARKDOWN),
        _f("sarif", "sarif:check", "SARIF 2.1.0 for code scanning: a result per failing item at its line; "
           "waivers as suppressions", needs_source=True),
    ),
    "themes": (
        _f("table", "table:themes", TABLE),
        _f("json", "json_format:themes", JSON),
        _f("markdown", "markdown:themes", MARKDOWN),
    ),
    "themes-by-issuer": (  # `themes --by-issuer`
        _f("table", "issuer_tables:themes_by_issuer", TABLE),
        _f("json", "json_format:themes_by_issuer", JSON),
    ),
    "summary": (
        _f("table", "table:summary", TABLE),
        _f("json", "json_format:summary", JSON),
        _f("markdown", "markdown:summary", MARKDOWN),
    ),
    "log": (
        _f("table", "table:log", TABLE),
        _f("json", "json_format:log", JSON),
        _f("csv", "csv_format:log", CSV),
        _f("markdown", "markdown:log", MARKDOWN),
    ),
    "report": (
        _f("html", "html:board_pack", "one self-contained HTML page: no scripts, no remote assets, prints well",
           binary=True),
        _f("xlsx", "xlsx:board_pack", "an Excel workbook: Summary, Board, Changes, Recommendations and Log sheets",
           binary=True),
        _f("docx", "docx:board_pack", "a Word document: the same paper, with named styles, marking and page numbers",
           binary=True),
    ),
    "validate": (
        _f("text", "text:problems", "one line per problem: file:line:column: path: message"),
        _f("json", "json_format:problems", JSON),
    ),
    "config": (
        _f("table", "config:as_table", "each key, its value and where it comes from"),
        _f("json", "config:as_json", JSON),
    ),
    "import": (
        _f("table", "preview:table", "what would be added, for people"),
        _f("json", "preview:json", JSON),
    ),
    "diff": (
        _f("table", "changes:table_diff", "each change, for people"),
        _f("json", "changes:json_diff", JSON),
        _f("markdown", "changes:markdown_diff", "Markdown: counts per kind, then each kind's changes"),
    ),
    "reports": (
        _f("table", "response_tables:reports", "each report and its response clock, for people"),
        _f("json", "response_tables:reports_json", JSON),
    ),
    "respond": (
        _f("markdown", "response:markdown", "the draft response as Markdown"),
        _f("html", "response:html", "the draft response as one self-contained HTML page"),
        _f("docx", "response:docx", "the draft response as a Word document (the marking in header and footer)",
           binary=True),
    ),
    "remind": (
        _f("markdown", "digest:markdown", "each owner's digest as Markdown"),
        _f("eml", "digest:eml", "e-mail: one .eml per owner with --output-dir, else an mbox of them", binary=True),
    ),
}


def names(command: str) -> list[str]:
    """The formats `command` offers, default first."""
    return [f.name for f in REGISTRY[command]]


def get(command: str, name: str) -> Format:
    for fmt in REGISTRY[command]:
        if fmt.name == name:
            return fmt
    raise KeyError(f"{command} has no format {name!r}")
