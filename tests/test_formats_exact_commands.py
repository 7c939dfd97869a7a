"""The exact output of every format of show, themes, summary, report, import, diff, remind, reports and
respond (issue 35), as `test_formats_exact.py` does for list, check and log.

The input is a small tracker written here (TRACKER, below: two reports, four items, as of 2014-08-01);
each test runs the command through the CLI and compares its whole output with the text spelt out here.
Binary formats are read back by their own parsers (python-docx, openpyxl, the email package) and
compared paragraph by paragraph, cell by cell. Tables are at a pinned width without colour."""

from __future__ import annotations

import datetime
import email
import io
import json
import textwrap
from email import policy

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from hmic_cli.cli import app
from tests.conftest import PINNED_ENV

AS_OF = "2014-08-01"


def _entry(on: str, status: str, note: str, by: str | None = None, evidence: str | None = None) -> dict:
    return {"on": on, "status": status, "note": note, **({"by": by} if by else {}),
            **({"evidence": evidence} if evidence else {})}


TRACKER = {
    "schema_version": 2,
    "reports": [
        {"id": "r1", "title": "Child protection revisit", "inspectorate": "HMIC", "force": "Northamptonshire Police",
         "published": "2014-01-28", "source": "written for this test", "response_days": 56},
        {"id": "r2", "title": "Crime data integrity", "inspectorate": "HMIC", "force": "Kent Police",
         "published": "2014-06-01", "source": "written for this test"},
    ],
    "themes": [{"id": "record-keeping", "label": "Record keeping", "description": "Decisions on force systems."},
               {"id": "training", "label": "Training", "description": "Staff trained in the rules."}],
    "recommendations": [
        {"id": "A-1", "report": "r1", "type": "recommendation", "text": "Record every strategy discussion.",
         "deadline": "immediate", "themes": ["record-keeping"], "status": "open", "owner": "Supt Khan",
         "response": "A new recording standard from March.",
         "history": [_entry("2014-01-28", "open", "From the report.")]},
        {"id": "A-2", "report": "r1", "type": "area-for-improvement", "text": "Refer children without delay.",
         "deadline": "six-months", "themes": ["training"], "status": "in-progress", "owner": "Supt Khan",
         "waiver": {"until": "2014-09-30", "reason": "Council IT move", "by": "ACC Smith"},
         "history": [_entry("2014-01-28", "open", "From the report."),
                     _entry("2014-06-10", "in-progress", "Pilot started.", "D. Supt Jones", "pilot.pdf")]},
        {"id": "B-1", "report": "r2", "type": "cause-of-concern", "text": "Audit crime recording.",
         "deadline": "by-date", "due": "2014-08-21", "themes": ["record-keeping"], "status": "open",
         "owner": "DCI Reid", "history": [_entry("2014-06-01", "open", "From the report.")]},
        {"id": "B-2", "report": "r2", "type": "recommendation", "text": "Train call handlers.",
         "deadline": "twelve-months", "themes": ["training"], "status": "complete",
         "history": [_entry("2014-06-01", "open", "From the report."),
                     _entry("2014-07-15", "complete", "All trained.", "Training lead", "LMS report")]},
    ],
}


# `diff`'s later tracker: B-1 moved on, A-1 changed hands.
NEW = json.loads(json.dumps(TRACKER))
NEW["recommendations"][2]["status"] = "in-progress"
NEW["recommendations"][2]["history"].append(_entry("2014-07-20", "in-progress", "Audit begun.", "DCI Reid"))
NEW["recommendations"][0]["owner"] = "DCI Reid"

# `import`'s report, written for this test.
REPORT_TEXT = """\
Kent Police: crime data integrity revisit
Published 12 March 2015

Recommendations

Recommendation 1
Within three months, the force should audit crime records made in the control room.

Recommendation 2
Immediately, the force should train every call handler in the crime recording rules.
"""


@pytest.fixture
def tracker(tmp_path, monkeypatch):
    """TRACKER in a file, in a directory of its own (no project file above it)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "tracker.json"
    path.write_text(json.dumps(TRACKER, indent=2), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(NEW, indent=2), encoding="utf-8")
    (tmp_path / "report.txt").write_text(REPORT_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def project(tracker):
    (tracker.parent / "hmic.toml").write_text(PROJECT, encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    """conftest's pinned terminal, 100 columns wide as in `test_formats_exact.py`."""
    return CliRunner(env={**PINNED_ENV, "COLUMNS": "100"})


@pytest.fixture
def hmic(runner, tracker):
    """`hmic ARGS --data tracker.json`: its stdout (text), after checking it exited 0."""
    def run(*args: str, data: bool = True) -> str:
        result = runner.invoke(app, [*args, *(["--data", str(tracker)] if data else [])], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.stdout

    return run


@pytest.fixture
def hmic_bytes(runner, tracker):
    """`hmic ARGS --data tracker.json --output FILE`: the file's bytes."""
    def run(*args: str) -> bytes:
        target = tracker.parent / "out.bin"
        result = runner.invoke(app, [*args, "--data", str(tracker), "--output", str(target)],
                               catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return target.read_bytes()

    return run


def docx_content(data: bytes) -> list:
    """A Word document as read back by python-docx: each paragraph (style: text) and table (rows of cells),
    in order, then the first section's header and footer."""
    document = Document(io.BytesIO(data))
    body = []
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in document.element.body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            if p.text:
                body.append(f"{p.style.name}: {p.text}")
        elif child in tables:
            body.append([[cell.text for cell in row.cells] for row in tables[child].rows])
    section = document.sections[0]
    return body + [("header", [p.text for p in section.header.paragraphs]),
                   ("footer", [p.text for p in section.footer.paragraphs])]


def xlsx_content(data: bytes) -> dict[str, list[tuple]]:
    """Every sheet's cells as openpyxl reads them back, row by row."""
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [tuple(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def eml_messages(data: bytes) -> list:
    """An mbox's messages, each as (headers that do not depend on the day it ran, body)."""
    chunks = [c for c in data.decode("utf-8").split("\nFrom ") if c.strip()]
    out = []
    for chunk in chunks:
        message = email.message_from_string(chunk.split("\n", 1)[1], policy=policy.default)
        out.append(({k: str(v) for k, v in message.items() if k not in ("Date", "Message-ID")},
                    message.get_body(("plain",)).get_content()))
    return out


def html_content(data: bytes) -> list[str]:
    """An HTML page's words as lxml reads them back: each heading, paragraph, list item and table row (its
    cells joined by ' | '), in document order, with runs of white space as one space."""
    from lxml import html

    body = html.fromstring(data).find("body")
    out = []
    for element in body.iter("h1", "h2", "h3", "h4", "p", "li", "caption", "tr"):
        if element.tag == "tr":
            out.append("tr: " + " | ".join(" ".join(cell.text_content().split()) for cell in element
                                           if cell.tag in ("th", "td")))
        else:
            out.append(f"{element.tag}: {' '.join(element.text_content().split())}")
    return out


# `remind`'s addresses, in the project file beside the tracker.
PROJECT = """\
[owners]
"Supt Khan" = "khan@force.example"
"DCI Reid" = "reid@force.example"
"""


THEME_ROWS = (  # the two themes' progress as JSON list entries: `themes` and `summary` print them alike
    '    {\n'
    '      "id": "record-keeping",\n'
    '      "label": "Record keeping",\n'
    '      "total": 2,\n'
    '      "complete": 0,\n'
    '      "superseded": 0,\n'
    '      "outstanding": 2,\n'
    '      "overdue": 1,\n'
    '      "percent_complete": 0\n'
    '    },\n'
    '    {\n'
    '      "id": "training",\n'
    '      "label": "Training",\n'
    '      "total": 2,\n'
    '      "complete": 1,\n'
    '      "superseded": 0,\n'
    '      "outstanding": 1,\n'
    '      "overdue": 1,\n'
    '      "percent_complete": 50\n'
    '    }\n'
)


A2_ITEM = (  # the item A-2 as JSON, at no indent: `show` and `summary` print it nested
    '"id": "A-2",\n'
    '"report": "r1",\n'
    '"type": "area-for-improvement",\n'
    '"parent": null,\n'
    '"carried_forward_from": null,\n'
    '"text": "Refer children without delay.",\n'
    '"quote": null,\n'
    '"deadline": "six-months",\n'
    '"due": null,\n'
    '"themes": [\n'
    '  "training"\n'
    '],\n'
    '"status": "in-progress",\n'
    '"owner": "Supt Khan",\n'
    '"waiver": {\n'
    '  "until": "2014-09-30",\n'
    '  "reason": "Council IT move",\n'
    '  "by": "ACC Smith"\n'
    '},\n'
    '"due_revisions": [],\n'
    '"history": [\n'
    '  {\n'
    '    "on": "2014-01-28",\n'
    '    "status": "open",\n'
    '    "note": "From the report.",\n'
    '    "by": null,\n'
    '    "evidence": null,\n'
    '    "edit": null,\n'
    '    "proposed_by": null,\n'
    '    "proposed_on": null\n'
    '  },\n'
    '  {\n'
    '    "on": "2014-06-10",\n'
    '    "status": "in-progress",\n'
    '    "note": "Pilot started.",\n'
    '    "by": "D. Supt Jones",\n'
    '    "evidence": "pilot.pdf",\n'
    '    "edit": null,\n'
    '    "proposed_by": null,\n'
    '    "proposed_on": null\n'
    '  }\n'
    '],\n'
    '"priority": null,\n'
    '"answers": null,\n'
    '"superseded_by": null,\n'
    '"response": null,\n'
    '"inspectorate_status": null,\n'
    '"verified": null,\n'
    '"extension_request": null,\n'
    '"due_date": "2014-07-28",\n'
    '"original_due_date": "2014-07-28",\n'
    '"days_left": -4,\n'
    '"overdue": true,\n'
    '"outstanding": true,\n'
    '"rag": "red",\n'
    '"completed_on": null,\n'
    '"late": null,\n'
    '"children": [],\n'
    '"progress": null,\n'
    '"rolled_up_rag": "red",\n'
    '"answered_by": [],\n'
    '"inspectorate": null'
)


def test_show_table(hmic):
    assert hmic('show', 'A-2', '--as-of', '2014-08-01') == (
        'ID        A-2\n'
        'Type      area for improvement\n'
        'Issuer    HMICFRS\n'
        'Report    Child protection revisit [r1], HMIC, Northamptonshire Police, published 2014-01-'
        '28\n'
        'Deadline  within six months\n'
        'Due date  2014-07-28 (4 days overdue)\n'
        'RAG       red\n'
        'Status    in progress\n'
        'Owner     Supt Khan\n'
        'Themes    Training (training)\n'
        'Text      Refer children without delay.\n'
        'Waiver    until 2014-09-30: Council IT move\n'
        'History\n'
        'On          Status       Note              By             Evidence\n'
        '───────────────────────────────────────────────────────────────────\n'
        '2014-01-28  open         From the report.\n'
        '2014-06-10  in progress  Pilot started.    D. Supt Jones  pilot.pdf\n')


def test_show_json(hmic):
    assert hmic('show', 'A-2', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        + textwrap.indent(A2_ITEM, '  ') + ',\n'
        '  "report_detail": {\n'
        '    "id": "r1",\n'
        '    "title": "Child protection revisit",\n'
        '    "inspectorate": "HMIC",\n'
        '    "force": "Northamptonshire Police",\n'
        '    "published": "2014-01-28",\n'
        '    "published_note": null,\n'
        '    "url": null,\n'
        '    "source": "written for this test",\n'
        '    "prefix": null,\n'
        '    "issuer": null,\n'
        '    "response_days": 56,\n'
        '    "responded": null,\n'
        '    "response_url": null\n'
        '  },\n'
        '  "theme_labels": {\n'
        '    "training": "Training"\n'
        '  },\n'
        '  "children_detail": [],\n'
        '  "links": {\n'
        '    "issuer": "hmicfrs",\n'
        '    "issuer_label": "HMICFRS",\n'
        '    "type_words": "area for improvement",\n'
        '    "priority": null,\n'
        '    "answers": [],\n'
        '    "answered_by": [],\n'
        '    "chain": []\n'
        '  }\n'
        '}\n')


def test_themes_table(hmic):
    assert hmic('themes', '--as-of', '2014-08-01') == (
        'Themes as of 2014-08-01\n'
        'Theme           ID              Total  Outstanding  Overdue\n'
        '───────────────────────────────────────────────────────────\n'
        'Record keeping  record-keeping      2            2        1\n'
        'Training        training            2            1        1\n')


def test_themes_json(hmic):
    assert hmic('themes', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        '  "as_of": "2014-08-01",\n'
        '  "count": 2,\n'
        '  "themes": [\n'
        + THEME_ROWS
        + '  ]\n'
        '}\n')


def test_themes_markdown(hmic):
    assert hmic('themes', '--format', 'markdown', '--as-of', '2014-08-01') == (
        '## Themes as of 2014-08-01\n'
        '\n'
        '| Theme | ID | Total | Outstanding | Overdue | Complete |\n'
        '|---|---|---|---|---|---|\n'
        '| Record keeping | record-keeping | 2 | 2 | 1 | 0% |\n'
        '| Training | training | 2 | 1 | 1 | 50% |\n')


def test_themes_by_issuer_table(hmic):
    assert hmic('themes', '--by-issuer', '--as-of', '2014-08-01') == (
        'Themes by issuer as of 2014-08-01 (0 asked about by more than one issuer)\n'
        'Theme           ID              Issuer   Items  Outstanding\n'
        '───────────────────────────────────────────────────────────\n'
        'Record keeping  record-keeping  HMICFRS      2            2\n'
        'Training        training        HMICFRS      2            1\n')


def test_themes_by_issuer_json(hmic):
    assert hmic('themes', '--by-issuer', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        '  "as_of": "2014-08-01",\n'
        '  "count": 2,\n'
        '  "recurring": 0,\n'
        '  "themes": [\n'
        '    {\n'
        '      "theme": "record-keeping",\n'
        '      "label": "Record keeping",\n'
        '      "recurring": false,\n'
        '      "issuers": [\n'
        '        {\n'
        '          "issuer": "hmicfrs",\n'
        '          "label": "HMICFRS",\n'
        '          "items": 2,\n'
        '          "outstanding": 2\n'
        '        }\n'
        '      ]\n'
        '    },\n'
        '    {\n'
        '      "theme": "training",\n'
        '      "label": "Training",\n'
        '      "recurring": false,\n'
        '      "issuers": [\n'
        '        {\n'
        '          "issuer": "hmicfrs",\n'
        '          "label": "HMICFRS",\n'
        '          "items": 2,\n'
        '          "outstanding": 1\n'
        '        }\n'
        '      ]\n'
        '    }\n'
        '  ]\n'
        '}\n')


def test_summary_table(hmic):
    assert hmic('summary', '--as-of', '2014-08-01') == (
        'Summary as of 2014-08-01\n'
        'Child protection revisit — HMIC, Northamptonshire Police, published 2014-01-28\n'
        'Crime data integrity — HMIC, Kent Police, published 2014-06-01\n'
        '25% complete (1 of 4)  2 overdue  3 outstanding\n'
        'Of the 2 overdue: 1 failing check, 1 waived\n'
        'open: 2  in progress: 1  awaiting sign-off: 0  complete: 1  superseded: 0\n'
        'RAG: red 2  amber 1  green 0  closed 1\n'
        '\n'
        'By deadline\n'
        '                      Total  Complete  Overdue  Progress\n'
        '─────────────────────────────────────────────────────────────────────────\n'
        'immediately               1         0        1  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        'within six months         1         0        1  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        'within twelve months      1         1        0  ████████████████████ 100%\n'
        'by a set date             1         0        0  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        '\n'
        'By theme\n'
        '                Total  Complete  Overdue  Progress\n'
        '───────────────────────────────────────────────────────────────────\n'
        'Record keeping      2         0        1  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        'Training            2         1        1  ██████████░░░░░░░░░░  50%\n'
        '\n'
        'By owner\n'
        '            Total  Complete  Overdue  Progress\n'
        '───────────────────────────────────────────────────────────────\n'
        'DCI Reid        1         0        0  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        'Supt Khan       2         0        2  ░░░░░░░░░░░░░░░░░░░░   0%\n'
        '(no owner)      1         1        0  ████████████████████ 100%\n'
        '\n'
        'Overdue (2)\n'
        '                                     Days\n'
        ' ID   Deadline           Due date    left  RAG  Status       Owner   Text\n'
        ' ─────────────────────────────────────────────────────────────────────────────────────────'
        '─────────\n'
        ' A-1  immediately        2014-01-28  -185  Red  open         Supt    Themes: record-keepin'
        'g\n'
        '                                                             Khan    Record every strategy'
        '\n'
        '                                                                     discussion.\n'
        '\n'
        ' A-2  within six months  2014-07-28    -4  Red  in progress  Supt    Themes: training\n'
        '                                                             Khan    Waived to 2014-09-30\n'
        '                                                                     Refer children withou'
        't delay.\n'
        '\n')


def test_summary_json(hmic):
    assert hmic('summary', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        '  "as_of": "2014-08-01",\n'
        '  "filters": {\n'
        '    "due": [],\n'
        '    "theme": [],\n'
        '    "status": [\n'
        '      "open",\n'
        '      "in-progress",\n'
        '      "awaiting-sign-off",\n'
        '      "complete",\n'
        '      "superseded"\n'
        '    ],\n'
        '    "overdue": false,\n'
        '    "due_before": null,\n'
        '    "due_within": null,\n'
        '    "type": [],\n'
        '    "report": [],\n'
        '    "owner": [],\n'
        '    "inspectorate": []\n'
        '  },\n'
        '  "reports": [\n'
        '    {\n'
        '      "id": "r1",\n'
        '      "title": "Child protection revisit",\n'
        '      "inspectorate": "HMIC",\n'
        '      "force": "Northamptonshire Police",\n'
        '      "published": "2014-01-28",\n'
        '      "published_note": null,\n'
        '      "url": null,\n'
        '      "source": "written for this test",\n'
        '      "prefix": null,\n'
        '      "issuer": null,\n'
        '      "response_days": 56,\n'
        '      "responded": null,\n'
        '      "response_url": null\n'
        '    },\n'
        '    {\n'
        '      "id": "r2",\n'
        '      "title": "Crime data integrity",\n'
        '      "inspectorate": "HMIC",\n'
        '      "force": "Kent Police",\n'
        '      "published": "2014-06-01",\n'
        '      "published_note": null,\n'
        '      "url": null,\n'
        '      "source": "written for this test",\n'
        '      "prefix": null,\n'
        '      "issuer": null,\n'
        '      "response_days": null,\n'
        '      "responded": null,\n'
        '      "response_url": null\n'
        '    }\n'
        '  ],\n'
        '  "overall": {\n'
        '    "id": "all",\n'
        '    "label": "All recommendations",\n'
        '    "total": 4,\n'
        '    "complete": 1,\n'
        '    "superseded": 0,\n'
        '    "outstanding": 3,\n'
        '    "overdue": 2,\n'
        '    "percent_complete": 25\n'
        '  },\n'
        '  "by_status": {\n'
        '    "open": 2,\n'
        '    "in-progress": 1,\n'
        '    "awaiting-sign-off": 0,\n'
        '    "complete": 1,\n'
        '    "superseded": 0\n'
        '  },\n'
        '  "by_rag": {\n'
        '    "red": 2,\n'
        '    "amber": 1,\n'
        '    "green": 0,\n'
        '    "closed": 1\n'
        '  },\n'
        '  "by_owner": [\n'
        '    {\n'
        '      "id": "DCI Reid",\n'
        '      "label": "DCI Reid",\n'
        '      "total": 1,\n'
        '      "complete": 0,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 1,\n'
        '      "overdue": 0,\n'
        '      "percent_complete": 0\n'
        '    },\n'
        '    {\n'
        '      "id": "Supt Khan",\n'
        '      "label": "Supt Khan",\n'
        '      "total": 2,\n'
        '      "complete": 0,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 2,\n'
        '      "overdue": 2,\n'
        '      "percent_complete": 0\n'
        '    },\n'
        '    {\n'
        '      "id": "(no owner)",\n'
        '      "label": "(no owner)",\n'
        '      "total": 1,\n'
        '      "complete": 1,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 0,\n'
        '      "overdue": 0,\n'
        '      "percent_complete": 100\n'
        '    }\n'
        '  ],\n'
        '  "by_deadline": [\n'
        '    {\n'
        '      "id": "immediate",\n'
        '      "label": "immediate",\n'
        '      "total": 1,\n'
        '      "complete": 0,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 1,\n'
        '      "overdue": 1,\n'
        '      "percent_complete": 0\n'
        '    },\n'
        '    {\n'
        '      "id": "six-months",\n'
        '      "label": "six-months",\n'
        '      "total": 1,\n'
        '      "complete": 0,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 1,\n'
        '      "overdue": 1,\n'
        '      "percent_complete": 0\n'
        '    },\n'
        '    {\n'
        '      "id": "twelve-months",\n'
        '      "label": "twelve-months",\n'
        '      "total": 1,\n'
        '      "complete": 1,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 0,\n'
        '      "overdue": 0,\n'
        '      "percent_complete": 100\n'
        '    },\n'
        '    {\n'
        '      "id": "by-date",\n'
        '      "label": "by-date",\n'
        '      "total": 1,\n'
        '      "complete": 0,\n'
        '      "superseded": 0,\n'
        '      "outstanding": 1,\n'
        '      "overdue": 0,\n'
        '      "percent_complete": 0\n'
        '    }\n'
        '  ],\n'
        '  "by_theme": [\n'
        + THEME_ROWS
        + '  ],\n'
        '  "overdue": [\n'
        '    {\n'
        '      "id": "A-1",\n'
        '      "report": "r1",\n'
        '      "type": "recommendation",\n'
        '      "parent": null,\n'
        '      "carried_forward_from": null,\n'
        '      "text": "Record every strategy discussion.",\n'
        '      "quote": null,\n'
        '      "deadline": "immediate",\n'
        '      "due": null,\n'
        '      "themes": [\n'
        '        "record-keeping"\n'
        '      ],\n'
        '      "status": "open",\n'
        '      "owner": "Supt Khan",\n'
        '      "waiver": null,\n'
        '      "due_revisions": [],\n'
        '      "history": [\n'
        '        {\n'
        '          "on": "2014-01-28",\n'
        '          "status": "open",\n'
        '          "note": "From the report.",\n'
        '          "by": null,\n'
        '          "evidence": null,\n'
        '          "edit": null,\n'
        '          "proposed_by": null,\n'
        '          "proposed_on": null\n'
        '        }\n'
        '      ],\n'
        '      "priority": null,\n'
        '      "answers": null,\n'
        '      "superseded_by": null,\n'
        '      "response": "A new recording standard from March.",\n'
        '      "inspectorate_status": null,\n'
        '      "verified": null,\n'
        '      "extension_request": null,\n'
        '      "due_date": "2014-01-28",\n'
        '      "original_due_date": "2014-01-28",\n'
        '      "days_left": -185,\n'
        '      "overdue": true,\n'
        '      "outstanding": true,\n'
        '      "rag": "red",\n'
        '      "completed_on": null,\n'
        '      "late": null,\n'
        '      "children": [],\n'
        '      "progress": null,\n'
        '      "rolled_up_rag": "red",\n'
        '      "answered_by": [],\n'
        '      "inspectorate": null\n'
        '    },\n'
        '    {\n'
        + textwrap.indent(A2_ITEM, '      ') + '\n'
        '    }\n'
        '  ],\n'
        '  "awaiting_sign_off": [],\n'
        '  "signed_off": [],\n'
        '  "outstanding_counting_chains_once": null,\n'
        '  "cycle": null\n'
        '}\n')


def test_summary_markdown(hmic):
    assert hmic('summary', '--format', 'markdown', '--as-of', '2014-08-01') == (
        '## Summary as of 2014-08-01\n'
        '\n'
        '- Child protection revisit — HMIC, Northamptonshire Police, published 2014-01-28\n'
        '- Crime data integrity — HMIC, Kent Police, published 2014-06-01\n'
        '\n'
        '**25% complete** (1 of 4), **2 overdue**, 3 outstanding.\n'
        '\n'
        '| open | in progress | awaiting sign-off | complete | superseded |\n'
        '|---|---|---|---|---|\n'
        '| 2 | 1 | 0 | 1 | 0 |\n'
        '\n'
        '| RED | AMBER | GREEN | Closed |\n'
        '|---|---|---|---|\n'
        '| 2 | 1 | 0 | 1 |\n'
        '\n'
        '### By deadline\n'
        '\n'
        '|  | Total | Complete | Overdue | Progress |\n'
        '|---|---|---|---|---|\n'
        '| immediately | 1 | 0 | 1 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '| within six months | 1 | 0 | 1 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '| within twelve months | 1 | 1 | 0 | ████████████████████ 100% |\n'
        '| by a set date | 1 | 0 | 0 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '\n'
        '### By theme\n'
        '\n'
        '|  | Total | Complete | Overdue | Progress |\n'
        '|---|---|---|---|---|\n'
        '| Record keeping | 2 | 0 | 1 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '| Training | 2 | 1 | 1 | ██████████░░░░░░░░░░  50% |\n'
        '\n'
        '### By owner\n'
        '\n'
        '|  | Total | Complete | Overdue | Progress |\n'
        '|---|---|---|---|---|\n'
        '| DCI Reid | 1 | 0 | 0 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '| Supt Khan | 2 | 0 | 2 | ░░░░░░░░░░░░░░░░░░░░   0% |\n'
        '| (no owner) | 1 | 1 | 0 | ████████████████████ 100% |\n'
        '\n'
        '### Overdue\n'
        '\n'
        '| ID | RAG | Deadline | Due date | Days left | Status | Themes | Owner | Text |\n'
        '|---|---|---|---|---|---|---|---|---|\n'
        '| A-1 | red | immediately | 2014-01-28 | -185 | open | record-keeping | Supt Khan | Record e'
        'very strategy discussion. |\n'
        '| A-2 | red | within six months | 2014-07-28 | -4 | in progress | training | Supt Khan | Refer ch'
        'ildren without delay. |\n')


def test_reports_table(hmic):
    assert hmic('reports', '--as-of', '2014-08-01') == (
        'Reports and their responses as of 2014-08-01\n'
        '                                                                                          '
        'Without a\n'
        'Report  Title               Published    Response due                 Items  Outstanding  '
        ' response\n'
        '──────────────────────────────────────────────────────────────────────────────────────────'
        '─────────\n'
        'r1      Child protection    28 Jan 2014  25 Mar 2014 (129 days late)      2            2  '
        '        1\n'
        '        revisit\n'
        'r2      Crime data          1 Jun 2014   not required                     2            1  '
        '        2\n'
        '        integrity\n')


def test_reports_json(hmic):
    assert hmic('reports', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        '  "as_of": "2014-08-01",\n'
        '  "count": 2,\n'
        '  "reports": [\n'
        '    {\n'
        '      "id": "r1",\n'
        '      "title": "Child protection revisit",\n'
        '      "force": "Northamptonshire Police",\n'
        '      "published": "2014-01-28",\n'
        '      "response_days": 56,\n'
        '      "response_due": "2014-03-25",\n'
        '      "responded": null,\n'
        '      "response_url": null,\n'
        '      "days_left": -129,\n'
        '      "state": "missed",\n'
        '      "items": 2,\n'
        '      "outstanding": 2,\n'
        '      "with_response": 1,\n'
        '      "without_response": 1\n'
        '    },\n'
        '    {\n'
        '      "id": "r2",\n'
        '      "title": "Crime data integrity",\n'
        '      "force": "Kent Police",\n'
        '      "published": "2014-06-01",\n'
        '      "response_days": null,\n'
        '      "response_due": null,\n'
        '      "responded": null,\n'
        '      "response_url": null,\n'
        '      "days_left": null,\n'
        '      "state": "not required",\n'
        '      "items": 2,\n'
        '      "outstanding": 1,\n'
        '      "with_response": 0,\n'
        '      "without_response": 2\n'
        '    }\n'
        '  ]\n'
        '}\n')


def test_respond_markdown(hmic):
    assert hmic('respond', 'r1', '--as-of', '2014-08-01') == (
        '# Response to Child protection revisit\n'
        '\n'
        'HMIC: Child protection revisit (Northamptonshire Police), published 28 Jan 2014.\n'
        '\n'
        'Response due 25 Mar 2014 (56 days after publication).\n'
        '\n'
        '2 items; 1 without a response yet.\n'
        '\n'
        'Drafted on 1 Aug 2014.\n'
        '\n'
        '| Ref | Type | Recommendation | Action taken or proposed | Owner | Due date |\n'
        '|---|---|---|---|---|---|\n'
        '| A-1 | Recommendation | Record every strategy discussion. | A new recording standard from'
        ' March. | Supt Khan | 28 Jan 2014 |\n'
        '| A-2 | Area for improvement | Refer children without delay. | No response yet | Supt Khan'
        ' | 28 Jul 2014 |\n')


def test_respond_html(hmic):
    assert hmic('respond', 'r1', '--format', 'html', '--as-of', '2014-08-01', '--marking', 'OFFICIAL') == (
        '<!DOCTYPE html>\n'
        '<html lang="en-GB"><head><meta charset="utf-8"><title>Response to Child protection revisit'
        '</title>\n'
        '<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:1'
        '00%}\n'
        'th,td{border:1px solid #555;padding:.4em;text-align:left;vertical-align:top}.missing{font-'
        'style:italic}\n'
        '.marking{text-align:center;font-weight:bold}</style></head><body>\n'
        '<header class="marking">OFFICIAL</header>\n'
        '<h1>Response to Child protection revisit</h1>\n'
        '<p>HMIC: Child protection revisit (Northamptonshire Police), published 28 Jan 2014.</p>\n'
        '<p>Response due 25 Mar 2014 (56 days after publication).</p>\n'
        '<p>2 items; 1 without a response yet.</p>\n'
        '<p>Drafted on 1 Aug 2014.</p>\n'
        '<table><thead><tr><th scope="col">Ref</th><th scope="col">Type</th><th scope="col">Recomme'
        'ndation</th><th scope="col">Action taken or proposed</th><th scope="col">Owner</th><th sco'
        'pe="col">Due date</th></tr></thead><tbody>\n'
        '<tr><td>A-1</td><td>Recommendation</td><td>Record every strategy discussion.</td><td>A new'
        ' recording standard from March.</td><td>Supt Khan</td><td>28 Jan 2014</td></tr>\n'
        '<tr><td>A-2</td><td>Area for improvement</td><td>Refer children without delay.</td><td cla'
        'ss="missing">No response yet</td><td>Supt Khan</td><td>28 Jul 2014</td></tr>\n'
        '</tbody></table>\n'
        '<footer class="marking">OFFICIAL</footer>\n'
        '</body></html>')


def test_respond_docx(hmic_bytes):
    got = docx_content(hmic_bytes(
        'respond', 'r1', '--format', 'docx', '--as-of', '2014-08-01', '--marking', 'OFFICIAL'))
    assert got == (
        ['Heading 1: Response to Child protection revisit',
         'Normal: HMIC: Child protection revisit (Northamptonshire Police), published 28 Jan 2014.',
         'Normal: Response due 25 Mar 2014 (56 days after publication).',
         'Normal: 2 items; 1 without a response yet.',
         'Normal: Drafted on 1 Aug 2014.',
         'Heading 2: Recommendations and the action taken or proposed',
         [['Ref', 'Type', 'Recommendation', 'Action taken or proposed', 'Owner', 'Due date'],
          ['A-1',
           'Recommendation',
           'Record every strategy discussion.',
           'A new recording standard from March.',
           'Supt Khan',
           '28 Jan 2014'],
          ['A-2',
           'Area for improvement',
           'Refer children without delay.',
           'No response yet',
           'Supt Khan',
           '28 Jul 2014']],
         ('header', ['OFFICIAL']),
         ('footer', ['OFFICIAL'])])


def test_report_html(hmic_bytes):
    assert html_content(hmic_bytes('report', '--format', 'html', '--as-of', '2014-08-01', '--since', '2014-06-01')) == (
        ['h1: Northamptonshire Police and Kent Police: HMIC recommendations',
         'p: Board paper as of 1 August 2014; changes since the last meeting on 1 June 2014.',
         'h2: Headline',
         'li: Overdue 2 1 waived ▲1up 1 since 1 Jun',
         'li: Due within 30 days 1 ▲1up 1 since 1 Jun',
         'li: Awaiting sign-off 0 =no change since 1 Jun',
         'li: No owner 0 outstanding ▼1down 1 since 1 Jun',
         'li: Items of every type: 4',
         'li: Complete: 1 of 4 (25%)',
         'li: Outstanding: 3',
         'li: Closed late: 0',
         'h2: The board is asked to',
         'li: note the published response is due: Child protection revisit (missed by 129 days): A-2 (Child '
         'protection revisit, area for improvement): Refer children without delay. Supt Khan; 4 days overdue',
         'li: A-2 (Child protection revisit, area for improvement): Refer children without delay. Supt Khan; 4 days '
         'overdue',
         'h2: The reports',
         'p: In all: 2 recommendations, 1 area for improvement, 1 cause of concern; 2 open, 1 in progress, 1 '
         'complete.',
         'tr: Report | Items | By status | Overdue',
         'tr: Child protection revisit HMIC, Northamptonshire Police, published 28 January 2014 | 1 recommendation, '
         '1 area for improvement | 1 open, 1 in progress | 2',
         'tr: Crime data integrity HMIC, Kent Police, published 1 June 2014 | 1 recommendation, 1 cause of concern | '
         '1 open, 1 complete | 0',
         'h2: Overdue (2, 1 waived)',
         'tr: Overdue',
         'tr: ID | Item | Owner | Due and status | Latest progress | Expected closure',
         'tr: A-1 | Child protection revisit: recommendation Record every strategy discussion. | Supt Khan | 28 '
         'January 2014 Red 185 days overdue; open | no progress recorded | no new date agreed',
         'tr: A-2 | Child protection revisit: area for improvement Refer children without delay. waived until 30 '
         'September 2014: Council IT move (ACC Smith) | Supt Khan | 28 July 2014 Red 4 days overdue; in progress | '
         'Pilot started. 10 June 2014, D. Supt Jones Evidence: pilot.pdf | waived until 30 September 2014',
         'h2: Due within 30 days (1)',
         'tr: Due within 30 days',
         'tr: ID | Item | Owner | Due and status | Latest progress | Expected closure',
         'tr: B-1 | Crime data integrity: cause of concern Audit crime recording. | DCI Reid | 21 August 2014 Amber '
         '20 days left; open | no progress recorded | 21 August 2014',
         'h2: Awaiting sign-off (0)',
         'p: Nothing awaits sign-off.',
         'h2: Changes since the last meeting (4)',
         'p: From 1 June 2014 to 1 August 2014.',
         'h3: Closed (1)',
         'tr: Changes: Closed',
         'tr: ID | Report | Item | What changed',
         'tr: B-2 | Crime data integrity | Train call handlers. | complete on 15 July 2014, by Training lead: All '
         'trained.',
         'h3: Status changed (1)',
         'tr: Changes: Status changed',
         'tr: ID | Report | Item | What changed',
         'tr: A-2 | Child protection revisit | Refer children without delay. | now in progress on 10 June 2014, by '
         'D. Supt Jones (was open): Pilot started.',
         'h3: New items (2)',
         'tr: Changes: New items',
         'tr: ID | Report | Item | What changed',
         'tr: B-1 | Crime data integrity | Audit crime recording. | added on 1 June 2014',
         'tr: B-2 | Crime data integrity | Train call handlers. | added on 1 June 2014',
         'h2: Outstanding and overdue over time',
         'caption: The numbers behind the chart',
         'tr: At the end of | Outstanding | Overdue',
         'tr: 31 January 2014 | 2 | 1',
         'tr: 28 February 2014 | 2 | 1',
         'tr: 31 March 2014 | 2 | 1',
         'tr: 30 April 2014 | 2 | 1',
         'tr: 31 May 2014 | 2 | 1',
         'tr: 30 June 2014 | 4 | 1',
         'tr: 31 July 2014 | 3 | 2',
         'tr: 1 August 2014 | 3 | 2',
         'h2: RAG status',
         'tr: RAG | Items | Meaning',
         'tr: Red | 2 | overdue',
         'tr: Amber | 1 | due within 30 days',
         'tr: Green | 0 | outstanding, due later',
         'tr: Closed | 1 | complete or superseded',
         'h2: Progress by theme',
         'tr: Theme | Total | Complete | Outstanding | Overdue | Progress',
         'tr: Record keeping | 2 | 0 | 2 | 1 | 0% complete',
         'tr: Training | 2 | 1 | 1 | 1 | 50% complete',
         'h2: Progress by deadline',
         'tr: Deadline | Total | Complete | Outstanding | Overdue | Progress',
         'tr: immediately | 1 | 0 | 1 | 1 | 0% complete',
         'tr: within six months | 1 | 0 | 1 | 1 | 0% complete',
         'tr: within twelve months | 1 | 1 | 0 | 0 | 100% complete',
         'tr: by a set date | 1 | 0 | 1 | 0 | 0% complete',
         'h2: Progress by owner',
         'tr: Owner | Total | Complete | Outstanding | Overdue | Progress',
         'tr: DCI Reid | 1 | 0 | 1 | 0 | 0% complete',
         'tr: Supt Khan | 2 | 0 | 2 | 2 | 0% complete',
         'tr: (no owner) | 1 | 1 | 0 | 0 | 100% complete',
         'h2: Appendix: the register',
         'p: Every open item, and those closed since the last meeting, by report.',
         'h3: Child protection revisit (2)',
         'tr: Register: Child protection revisit',
         'tr: ID | Item | Owner | Due and status | Latest progress | Expected closure',
         'tr: A-1 | Child protection revisit: recommendation Record every strategy discussion. | Supt Khan | 28 '
         'January 2014 Red 185 days overdue; open | no progress recorded | no new date agreed',
         'tr: A-2 | Child protection revisit: area for improvement Refer children without delay. waived until 30 '
         'September 2014: Council IT move (ACC Smith) | Supt Khan | 28 July 2014 Red 4 days overdue; in progress | '
         'Pilot started. 10 June 2014, D. Supt Jones Evidence: pilot.pdf | waived until 30 September 2014',
         'h3: Crime data integrity (2)',
         'tr: Register: Crime data integrity',
         'tr: ID | Item | Owner | Due and status | Latest progress | Expected closure',
         'tr: B-1 | Crime data integrity: cause of concern Audit crime recording. | DCI Reid | 21 August 2014 Amber '
         '20 days left; open | no progress recorded | 21 August 2014',
         'tr: B-2 | Crime data integrity: recommendation Train call handlers. | no owner | 1 June 2015 Closed '
         'complete 15 July 2014; complete | All trained. 15 July 2014, Training lead Evidence: LMS report | closed '
         '15 July 2014',
         "p: Made by hmic from the tracker's data. RAG on 1 August 2014: red overdue; amber due within 30 days; "
         'green outstanding and due later; closed complete or superseded. Waivers and owners are shown as they are '
         'now.'])


def test_report_docx(hmic_bytes):
    assert docx_content(hmic_bytes('report', '--format', 'docx', '--as-of', '2014-08-01', '--since', '2014-06-01')) == (
        ['Title: Northamptonshire Police and Kent Police: HMIC recommendations',
         'Normal: Board paper as of 1 August 2014; the last meeting 1 June 2014.',
         'Heading 1: Headline',
         [['Figure', 'Now', 'At the last meeting', 'Change'],
          ['Overdue (1 waived)', '2', '1', '+1'],
          ['Due within 30 days', '1', '0', '+1'],
          ['Awaiting sign-off', '0', '0', '+0'],
          ['No owner (outstanding)', '0', '1', '-1']],
         'Normal: Items of every type: 4; Complete: 1 of 4 (25%); Outstanding: 3; Closed late: 0.',
         'Heading 1: The board is asked to',
         'List Number: note the published response is due: Child protection revisit (missed by 129 days):',
         'List Bullet 2: A-2 (Child protection revisit, area for improvement): Refer children without delay. (Supt '
         'Khan; 4 days overdue)',
         'Heading 1: The reports',
         'Normal: In all: 2 recommendations, 1 area for improvement, 1 cause of concern; 2 open, 1 in progress, 1 '
         'complete.',
         [['Report', 'Items', 'By status', 'Overdue'],
          ['Child protection revisit', '1 recommendation, 1 area for improvement', '1 open, 1 in progress', '2'],
          ['Crime data integrity', '1 recommendation, 1 cause of concern', '1 open, 1 complete', '0']],
         'Heading 1: Overdue (2, 1 waived)',
         [['ID', 'Item', 'Owner', 'Due and status', 'Latest progress', 'Expected closure'],
          ['A-1',
           'Child protection revisit: recommendation\nRecord every strategy discussion.',
           'Supt Khan',
           '28 January 2014\nRed: 185 days overdue\nopen',
           'no progress recorded',
           'no new date agreed'],
          ['A-2',
           'Child protection revisit: area for improvement\n'
           'Refer children without delay.\n'
           'waived until 30 September 2014: Council IT move (ACC Smith)',
           'Supt Khan',
           '28 July 2014\nRed: 4 days overdue\nin progress',
           'Pilot started.\n10 June 2014, D. Supt Jones\nEvidence: pilot.pdf',
           'waived until 30 September 2014']],
         'Heading 1: Due within 30 days (1)',
         [['ID', 'Item', 'Owner', 'Due and status', 'Latest progress', 'Expected closure'],
          ['B-1',
           'Crime data integrity: cause of concern\nAudit crime recording.',
           'DCI Reid',
           '21 August 2014\nAmber: 20 days left\nopen',
           'no progress recorded',
           '21 August 2014']],
         'Heading 1: Awaiting sign-off (0)',
         'Normal: Nothing awaits sign-off.',
         'Heading 1: Changes since the last meeting (4)',
         'Normal: From 1 June 2014 to 1 August 2014.',
         'Heading 2: Closed (1)',
         [['ID', 'Report', 'Item', 'What changed'],
          ['B-2',
           'Crime data integrity',
           'Train call handlers.',
           'complete on 15 July 2014, by Training lead: All trained.']],
         'Heading 2: Status changed (1)',
         [['ID', 'Report', 'Item', 'What changed'],
          ['A-2',
           'Child protection revisit',
           'Refer children without delay.',
           'now in progress on 10 June 2014, by D. Supt Jones (was open): Pilot started.']],
         'Heading 2: New items (2)',
         [['ID', 'Report', 'Item', 'What changed'],
          ['B-1', 'Crime data integrity', 'Audit crime recording.', 'added on 1 June 2014'],
          ['B-2', 'Crime data integrity', 'Train call handlers.', 'added on 1 June 2014']],
         'Heading 1: Appendix: the register',
         'Normal: Every open item, and those closed since the last meeting, by report.',
         'Heading 2: Child protection revisit (2)',
         [['ID', 'Item', 'Owner', 'Due and status', 'Latest progress', 'Expected closure'],
          ['A-1',
           'Child protection revisit: recommendation\nRecord every strategy discussion.',
           'Supt Khan',
           '28 January 2014\nRed: 185 days overdue\nopen',
           'no progress recorded',
           'no new date agreed'],
          ['A-2',
           'Child protection revisit: area for improvement\n'
           'Refer children without delay.\n'
           'waived until 30 September 2014: Council IT move (ACC Smith)',
           'Supt Khan',
           '28 July 2014\nRed: 4 days overdue\nin progress',
           'Pilot started.\n10 June 2014, D. Supt Jones\nEvidence: pilot.pdf',
           'waived until 30 September 2014']],
         'Heading 2: Crime data integrity (2)',
         [['ID', 'Item', 'Owner', 'Due and status', 'Latest progress', 'Expected closure'],
          ['B-1',
           'Crime data integrity: cause of concern\nAudit crime recording.',
           'DCI Reid',
           '21 August 2014\nAmber: 20 days left\nopen',
           'no progress recorded',
           '21 August 2014'],
          ['B-2',
           'Crime data integrity: recommendation\nTrain call handlers.',
           'no owner',
           '1 June 2015\nClosed: complete 15 July 2014\ncomplete',
           'All trained.\n15 July 2014, Training lead\nEvidence: LMS report',
           'closed 15 July 2014']],
         ('header', ['']),
         ('footer', ['Board paper, 1 August 2014 · Page  of '])])


def test_report_xlsx(hmic_bytes):
    assert xlsx_content(hmic_bytes('report', '--format', 'xlsx', '--as-of', '2014-08-01', '--since', '2014-06-01')) == (
        {'Board': [('ID',
                    'Report',
                    'Type',
                    'Item',
                    'Owner',
                    'Status',
                    'Due date',
                    'RAG',
                    'Latest progress',
                    'Expected closure'),
                   ('A-1',
                    'Child protection revisit',
                    'recommendation',
                    'Record every strategy discussion.',
                    'Supt Khan',
                    'open',
                    datetime.datetime(2014, 1, 28, 0, 0),
                    'Red',
                    'no progress recorded',
                    'no new date agreed'),
                   ('A-2',
                    'Child protection revisit',
                    'area for improvement',
                    'Refer children without delay.',
                    'Supt Khan',
                    'in progress',
                    datetime.datetime(2014, 7, 28, 0, 0),
                    'Red',
                    'Pilot started. (D. Supt Jones)',
                    'waived until 30 September 2014'),
                   ('B-1',
                    'Crime data integrity',
                    'cause of concern',
                    'Audit crime recording.',
                    'DCI Reid',
                    'open',
                    datetime.datetime(2014, 8, 21, 0, 0),
                    'Amber',
                    'no progress recorded',
                    '21 August 2014'),
                   ('B-2',
                    'Crime data integrity',
                    'recommendation',
                    'Train call handlers.',
                    'no owner',
                    'complete',
                    datetime.datetime(2015, 6, 1, 0, 0),
                    'Closed',
                    'All trained. (Training lead)',
                    'closed 15 July 2014')],
         'Changes': [('Change', 'ID', 'Report', 'Item', 'What changed'),
                     ('Closed',
                      'B-2',
                      'Crime data integrity',
                      'Train call handlers.',
                      'complete on 15 July 2014, by Training lead: All trained.'),
                     ('Status changed',
                      'A-2',
                      'Child protection revisit',
                      'Refer children without delay.',
                      'now in progress on 10 June 2014, by D. Supt Jones (was open): Pilot started.'),
                     ('New items', 'B-1', 'Crime data integrity', 'Audit crime recording.', 'added on 1 June 2014'),
                     ('New items', 'B-2', 'Crime data integrity', 'Train call handlers.', 'added on 1 June 2014')],
         'Log': [('On', 'ID', 'Status from', 'Status to', 'Edited', 'Note', 'By', 'Evidence'),
                 (datetime.datetime(2014, 7, 15, 0, 0),
                  'B-2',
                  'open',
                  'complete',
                  None,
                  'All trained.',
                  'Training lead',
                  'LMS report'),
                 (datetime.datetime(2014, 6, 10, 0, 0),
                  'A-2',
                  'open',
                  'in progress',
                  None,
                  'Pilot started.',
                  'D. Supt Jones',
                  'pilot.pdf'),
                 (datetime.datetime(2014, 6, 1, 0, 0), 'B-1', None, 'open', None, 'From the report.', None, None),
                 (datetime.datetime(2014, 6, 1, 0, 0), 'B-2', None, 'open', None, 'From the report.', None, None)],
         'Recommendations': [('ID',
                              'Report',
                              'Type',
                              'Parent',
                              'Deadline',
                              'Original due',
                              'Due date',
                              'Due revised on',
                              'Revision reason',
                              'Days left',
                              'RAG',
                              'Status',
                              'Owner',
                              'Themes',
                              'Waived until',
                              'Waiver reason',
                              'Carried forward from',
                              'Completed on',
                              'Late',
                              'Text',
                              'Last note',
                              'Last note on',
                              'Last evidence',
                              'Pack made',
                              'Update',
                              'Evidence',
                              'Updated by',
                              'Updated on'),
                             ('A-1',
                              'Child protection revisit',
                              'recommendation',
                              None,
                              'immediately',
                              datetime.datetime(2014, 1, 28, 0, 0),
                              datetime.datetime(2014, 1, 28, 0, 0),
                              None,
                              None,
                              -185,
                              'Red',
                              'open',
                              'Supt Khan',
                              'Record keeping',
                              None,
                              None,
                              None,
                              None,
                              None,
                              'Record every strategy discussion.',
                              None,
                              None,
                              None,
                              '7 December 2026, entry 1',
                              None,
                              None,
                              None,
                              None),
                             ('A-2',
                              'Child protection revisit',
                              'area for improvement',
                              None,
                              'within six months',
                              datetime.datetime(2014, 7, 28, 0, 0),
                              datetime.datetime(2014, 7, 28, 0, 0),
                              None,
                              None,
                              -4,
                              'Red',
                              'in progress',
                              'Supt Khan',
                              'Training',
                              datetime.datetime(2014, 9, 30, 0, 0),
                              'Council IT move',
                              None,
                              None,
                              None,
                              'Refer children without delay.',
                              'Pilot started.',
                              datetime.datetime(2014, 6, 10, 0, 0),
                              'pilot.pdf',
                              '7 December 2026, entry 2',
                              None,
                              None,
                              None,
                              None),
                             ('B-1',
                              'Crime data integrity',
                              'cause of concern',
                              None,
                              'by a set date',
                              datetime.datetime(2014, 8, 21, 0, 0),
                              datetime.datetime(2014, 8, 21, 0, 0),
                              None,
                              None,
                              20,
                              'Amber',
                              'open',
                              'DCI Reid',
                              'Record keeping',
                              None,
                              None,
                              None,
                              None,
                              None,
                              'Audit crime recording.',
                              None,
                              None,
                              None,
                              '7 December 2026, entry 1',
                              None,
                              None,
                              None,
                              None),
                             ('B-2',
                              'Crime data integrity',
                              'recommendation',
                              None,
                              'within twelve months',
                              datetime.datetime(2015, 6, 1, 0, 0),
                              datetime.datetime(2015, 6, 1, 0, 0),
                              None,
                              None,
                              None,
                              'Closed',
                              'complete',
                              None,
                              'Training',
                              None,
                              None,
                              None,
                              datetime.datetime(2014, 7, 15, 0, 0),
                              'no',
                              'Train call handlers.',
                              'All trained.',
                              datetime.datetime(2014, 7, 15, 0, 0),
                              'LMS report',
                              '7 December 2026, entry 2',
                              None,
                              None,
                              None,
                              None)],
         'Summary': [('Northamptonshire Police and Kent Police: HMIC recommendations',
                      None,
                      None,
                      None,
                      None,
                      None,
                      None),
                     ('Board paper as of 1 August 2014; the last meeting 1 June 2014.',
                      None,
                      None,
                      None,
                      None,
                      None,
                      None),
                     ('As of', datetime.datetime(2014, 8, 1, 0, 0), None, None, None, None, None),
                     ('The last meeting', datetime.datetime(2014, 6, 1, 0, 0), None, None, None, None, None),
                     ('Amber window', '30 days', None, None, None, None, None),
                     ('Marking', 'none', None, None, None, None, None),
                     (None, None, None, None, None, None, None),
                     ('Headline', None, None, None, None, None, None),
                     ('Headline', 'Now', 'At the last meeting', 'Change', None, None, None),
                     ('Overdue (1 waived)', 2, 1, 1, None, None, None),
                     ('Due within 30 days', 1, 0, 1, None, None, None),
                     ('Awaiting sign-off', 0, 0, 0, None, None, None),
                     ('No owner (outstanding)', 0, 1, -1, None, None, None),
                     ('Items of every type', '4', None, None, None, None, None),
                     ('Complete', '1 of 4 (25%)', None, None, None, None, None),
                     ('Outstanding', '3', None, None, None, None, None),
                     ('Closed late', '0', None, None, None, None, None),
                     (None, None, None, None, None, None, None),
                     ('The board is asked to', None, None, None, None, None, None),
                     ('1. note the published response is due: Child protection revisit (missed by 129 days)',
                      None,
                      None,
                      None,
                      None,
                      None,
                      None),
                     ('A-2',
                      'Child protection revisit, area for improvement: Refer children without delay. (Supt Khan; 4 '
                      'days overdue)',
                      None,
                      None,
                      None,
                      None,
                      None),
                     (None, None, None, None, None, None, None),
                     ('The reports', None, None, None, None, None, None),
                     ('In all',
                      '2 recommendations, 1 area for improvement, 1 cause of concern; 2 open, 1 in progress, 1 '
                      'complete',
                      None,
                      None,
                      None,
                      None,
                      None),
                     ('Report', 'Items', 'By status', 'Overdue', 'Inspectorate, force, published', None, None),
                     ('Child protection revisit',
                      '1 recommendation, 1 area for improvement',
                      '1 open, 1 in progress',
                      2,
                      'HMIC, Northamptonshire Police, published 28 January 2014',
                      None,
                      None),
                     ('Crime data integrity',
                      '1 recommendation, 1 cause of concern',
                      '1 open, 1 complete',
                      0,
                      'HMIC, Kent Police, published 1 June 2014',
                      None,
                      None),
                     (None, None, None, None, None, None, None),
                     ('RAG', 'Items', None, None, None, None, None),
                     ('Red', 2, None, None, None, None, None),
                     ('Amber', 1, None, None, None, None, None),
                     ('Green', 0, None, None, None, None, None),
                     ('Closed', 1, None, None, None, None, None),
                     (None, None, None, None, None, None, None),
                     ('Theme', 'Total', 'Complete', 'Superseded', 'Outstanding', 'Overdue', 'Complete (share)'),
                     ('Record keeping', 2, 0, 0, 2, 1, 0),
                     ('Training', 2, 1, 0, 1, 1, 0.5),
                     (None, None, None, None, None, None, None),
                     ('Deadline', 'Total', 'Complete', 'Superseded', 'Outstanding', 'Overdue', 'Complete (share)'),
                     ('immediately', 1, 0, 0, 1, 1, 0),
                     ('within six months', 1, 0, 0, 1, 1, 0),
                     ('within twelve months', 1, 1, 0, 0, 0, 1),
                     ('by a set date', 1, 0, 0, 1, 0, 0),
                     (None, None, None, None, None, None, None),
                     ('Owner', 'Total', 'Complete', 'Superseded', 'Outstanding', 'Overdue', 'Complete (share)'),
                     ('DCI Reid', 1, 0, 0, 1, 0, 0),
                     ('Supt Khan', 2, 0, 0, 2, 2, 0),
                     ('(no owner)', 1, 1, 0, 0, 0, 1),
                     (None, None, None, None, None, None, None),
                     (None, None, None, None, None, None, None),
                     ('At the end of', 'Outstanding', 'Overdue', None, None, None, None),
                     (datetime.datetime(2014, 1, 31, 0, 0), 2, 1, None, None, None, None),
                     (datetime.datetime(2014, 2, 28, 0, 0), 2, 1, None, None, None, None),
                     (datetime.datetime(2014, 3, 31, 0, 0), 2, 1, None, None, None, None),
                     (datetime.datetime(2014, 4, 30, 0, 0), 2, 1, None, None, None, None),
                     (datetime.datetime(2014, 5, 31, 0, 0), 2, 1, None, None, None, None),
                     (datetime.datetime(2014, 6, 30, 0, 0), 4, 1, None, None, None, None),
                     (datetime.datetime(2014, 7, 31, 0, 0), 3, 2, None, None, None, None),
                     (datetime.datetime(2014, 8, 1, 0, 0), 3, 2, None, None, None, None)]})


def test_remind_markdown(hmic, project):
    assert hmic('remind', '--as-of', '2014-08-01') == (
        '# Reminders as of 2014-08-01 (due by 2014-08-31)\n'
        '\n'
        '## DCI Reid <reid@force.example>\n'
        '\n'
        '### Due by 2014-08-31 (1)\n'
        '\n'
        '| ID | Due | Days left | Status | Text |\n'
        '|---|---|---|---|---|\n'
        '| B-1 | 2014-08-21 | 20 | open | Audit crime recording. |\n'
        '\n'
        '## Supt Khan <khan@force.example>\n'
        '\n'
        '### Overdue (2)\n'
        '\n'
        '| ID | Due | Days overdue | Status | Text |\n'
        '|---|---|---|---|---|\n'
        '| A-1 | 2014-01-28 | 185 | open | Record every strategy discussion. |\n'
        '| A-2 | 2014-07-28 | 4 | in progress, waived until 2014-09-30: Council IT move | Refer chi'
        'ldren without delay. |\n'
        '\n'
        '### Responses due (1)\n'
        '\n'
        '- Child protection revisit: response due 2014-03-25 (129 days late); your items without a '
        'response: A-2 (`hmic edit ID --response TEXT`)\n'
        '\n')


def test_remind_eml(hmic_bytes, project):
    got = eml_messages(hmic_bytes(
        'remind', '--format', 'eml', '--as-of', '2014-08-01', '--from', 'compliance@force.example'))
    assert got == (
        [({'Content-Transfer-Encoding': 'quoted-printable',
           'Content-Type': 'text/plain; charset="utf-8"',
           'From': 'compliance@force.example',
           'MIME-Version': '1.0',
           'Subject': 'HMIC recommendations: 1 due by 2014-08-31',
           'To': 'DCI Reid <reid@force.example>',
           'X-Hmic-As-Of': '2014-08-01'},
          'Dear DCI Reid,\n'
          '\n'
          'This is what hmic finds for you in the recommendations tracker as of 2014-08-01.\n'
          '\n'
          '## Due by 2014-08-31 (1)\n'
          '\n'
          '| ID | Due | Days left | Status | Text |\n'
          '|---|---|---|---|---|\n'
          '| B-1 | 2014-08-21 | 20 | open | Audit crime recording. |\n'
          '\n'
          'Record progress with `hmic update ID --status ... --note ...`.\n'),
         ({'Content-Transfer-Encoding': 'quoted-printable',
           'Content-Type': 'text/plain; charset="utf-8"',
           'From': 'compliance@force.example',
           'MIME-Version': '1.0',
           'Subject': 'HMIC recommendations: 2 overdue, 1 response due',
           'To': 'Supt Khan <khan@force.example>',
           'X-Hmic-As-Of': '2014-08-01'},
          'Dear Supt Khan,\n'
          '\n'
          'This is what hmic finds for you in the recommendations tracker as of 2014-08-01.\n'
          '\n'
          '## Overdue (2)\n'
          '\n'
          '| ID | Due | Days overdue | Status | Text |\n'
          '|---|---|---|---|---|\n'
          '| A-1 | 2014-01-28 | 185 | open | Record every strategy discussion. |\n'
          '| A-2 | 2014-07-28 | 4 | in progress, waived until 2014-09-30: Council IT move | Refer children without '
          'delay. |\n'
          '\n'
          '## Responses due (1)\n'
          '\n'
          '- Child protection revisit: response due 2014-03-25 (129 days late); your items without a response: A-2 '
          '(`hmic edit ID --response TEXT`)\n'
          '\n'
          'Record progress with `hmic update ID --status ... --note ...`.\n'
          '\n')])


def test_diff_table(hmic):
    assert hmic('diff', 'tracker.json', 'new.json', '--as-of', '2014-08-01', data=False) == (
        '2 changes from tracker.json (as of 2014-08-01) to new.json (as of 2014-08-01)\n'
        '\n'
        'ID   Kind           Change                      Text\n'
        '─────────────────────────────────────────────────────────────────────────────────\n'
        'A-1  Owner changed  owner Supt Khan → DCI Reid  Record every strategy discussion.\n'
        'B-1  Status moved   open → in progress          Audit crime recording.\n')


def test_diff_json(hmic):
    assert hmic('diff', 'tracker.json', 'new.json', '--format', 'json', '--as-of', '2014-08-01', data=False) == (
        '{\n'
        '  "old": {\n'
        '    "source": "tracker.json",\n'
        '    "as_of": "2014-08-01",\n'
        '    "count": 4\n'
        '  },\n'
        '  "new": {\n'
        '    "source": "new.json",\n'
        '    "as_of": "2014-08-01",\n'
        '    "count": 4\n'
        '  },\n'
        '  "amber_days": 30,\n'
        '  "count": 2,\n'
        '  "counts": {\n'
        '    "added": 0,\n'
        '    "removed": 0,\n'
        '    "status": 1,\n'
        '    "closed": 0,\n'
        '    "reopened": 0,\n'
        '    "verified": 0,\n'
        '    "inspectorate": 0,\n'
        '    "extension-requested": 0,\n'
        '    "due-revised": 0,\n'
        '    "owner": 1,\n'
        '    "issuer": 0,\n'
        '    "priority": 0,\n'
        '    "answers": 0,\n'
        '    "superseded": 0,\n'
        '    "waiver-added": 0,\n'
        '    "waiver-extended": 0,\n'
        '    "waiver-expired": 0,\n'
        '    "became-overdue": 0,\n'
        '    "became-amber": 0\n'
        '  },\n'
        '  "changes": [\n'
        '    {\n'
        '      "id": "A-1",\n'
        '      "kind": "owner",\n'
        '      "from": "Supt Khan",\n'
        '      "to": "DCI Reid"\n'
        '    },\n'
        '    {\n'
        '      "id": "B-1",\n'
        '      "kind": "status",\n'
        '      "from": "open",\n'
        '      "to": "in-progress"\n'
        '    }\n'
        '  ]\n'
        '}\n')


def test_diff_markdown(hmic):
    assert hmic('diff', 'tracker.json', 'new.json', '--format', 'markdown', '--as-of', '2014-08-01', data=False) == (
        '## Since 2014-08-01\n'
        '\n'
        '2 changes from tracker.json (as of 2014-08-01) to new.json (as of 2014-08-01)\n'
        '\n'
        '| Status moved | Owner changed |\n'
        '|---|---|\n'
        '| 1 | 1 |\n'
        '\n'
        '### Status moved (1)\n'
        '\n'
        '| ID | Change | Text |\n'
        '|---|---|---|\n'
        '| B-1 | open → in progress | Audit crime recording. |\n'
        '\n'
        '### Owner changed (1)\n'
        '\n'
        '| ID | Change | Text |\n'
        '|---|---|---|\n'
        '| A-1 | owner Supt Khan → DCI Reid | Record every strategy discussion. |\n')


def test_import_table(hmic):
    assert hmic('import', 'report.txt', '--as-of', '2014-08-01') == (
        'Kent Police: crime data integrity revisit — Kent Police, published 2015-03-12\n'
        '[kent-police-crime-data-integrity-revisit-2015]\n'
        '2 items from report.txt\n'
        '\n'
        ' ID      Type            Deadline         Due date    Themes     Text\n'
        ' ─────────────────────────────────────────────────────────────────────────────────────────'
        '─────────\n'
        ' KPCD-1  recommendation  within three     2015-06-12  untriaged  Within three months, the '
        'force\n'
        '                         months                                  should audit crime record'
        's made in\n'
        '                                                                 the control room.\n'
        '\n'
        ' KPCD-2  recommendation  immediately      2015-03-12  training   Immediately, the force sh'
        'ould\n'
        '                                                                 train every call handler '
        'in the\n'
        '                                                                 crime recording rules.\n'
        '\n')


def test_import_json(hmic):
    assert hmic('import', 'report.txt', '--format', 'json', '--as-of', '2014-08-01') == (
        '{\n'
        '  "report": {\n'
        '    "id": "kent-police-crime-data-integrity-revisit-2015",\n'
        '    "title": "Kent Police: crime data integrity revisit",\n'
        '    "inspectorate": "HMIC",\n'
        '    "force": "Kent Police",\n'
        '    "published": "2015-03-12",\n'
        '    "source": "Imported with hmic from report.txt"\n'
        '  },\n'
        '  "count": 2,\n'
        '  "skipped": 0,\n'
        '  "held": [],\n'
        '  "recommendations": [\n'
        '    {\n'
        '      "id": "KPCD-1",\n'
        '      "report": "kent-police-crime-data-integrity-revisit-2015",\n'
        '      "type": "recommendation",\n'
        '      "parent": null,\n'
        '      "carried_forward_from": null,\n'
        '      "text": "Within three months, the force should audit crime records made in the contr'
        'ol room.",\n'
        '      "quote": null,\n'
        '      "deadline": "three-months",\n'
        '      "due": null,\n'
        '      "themes": [\n'
        '        "untriaged"\n'
        '      ],\n'
        '      "status": "open",\n'
        '      "owner": null,\n'
        '      "waiver": null,\n'
        '      "due_revisions": [],\n'
        '      "history": [\n'
        '        {\n'
        '          "on": "2015-03-12",\n'
        '          "status": "open",\n'
        '          "note": "Imported from report.txt, line 7.",\n'
        '          "by": null,\n'
        '          "evidence": null,\n'
        '          "edit": null,\n'
        '          "proposed_by": null,\n'
        '          "proposed_on": null\n'
        '        }\n'
        '      ],\n'
        '      "priority": null,\n'
        '      "answers": null,\n'
        '      "superseded_by": null,\n'
        '      "response": null,\n'
        '      "inspectorate_status": null,\n'
        '      "verified": null,\n'
        '      "extension_request": null,\n'
        '      "due_date": "2015-06-12",\n'
        '      "original_due_date": "2015-06-12",\n'
        '      "days_left": 315,\n'
        '      "overdue": false,\n'
        '      "outstanding": true,\n'
        '      "rag": "green",\n'
        '      "completed_on": null,\n'
        '      "late": null,\n'
        '      "children": [],\n'
        '      "progress": null,\n'
        '      "rolled_up_rag": "green",\n'
        '      "answered_by": [],\n'
        '      "inspectorate": null,\n'
        '      "rule": "direction",\n'
        '      "because": "a direction opening with deadline wording or saying \'recommends that\'; d'
        'eadline from its own words \'Within three months\'",\n'
        '      "confidence": "high"\n'
        '    },\n'
        '    {\n'
        '      "id": "KPCD-2",\n'
        '      "report": "kent-police-crime-data-integrity-revisit-2015",\n'
        '      "type": "recommendation",\n'
        '      "parent": null,\n'
        '      "carried_forward_from": null,\n'
        '      "text": "Immediately, the force should train every call handler in the crime recordi'
        'ng rules.",\n'
        '      "quote": null,\n'
        '      "deadline": "immediate",\n'
        '      "due": null,\n'
        '      "themes": [\n'
        '        "training"\n'
        '      ],\n'
        '      "status": "open",\n'
        '      "owner": null,\n'
        '      "waiver": null,\n'
        '      "due_revisions": [],\n'
        '      "history": [\n'
        '        {\n'
        '          "on": "2015-03-12",\n'
        '          "status": "open",\n'
        '          "note": "Imported from report.txt, line 10.",\n'
        '          "by": null,\n'
        '          "evidence": null,\n'
        '          "edit": null,\n'
        '          "proposed_by": null,\n'
        '          "proposed_on": null\n'
        '        }\n'
        '      ],\n'
        '      "priority": null,\n'
        '      "answers": null,\n'
        '      "superseded_by": null,\n'
        '      "response": null,\n'
        '      "inspectorate_status": null,\n'
        '      "verified": null,\n'
        '      "extension_request": null,\n'
        '      "due_date": "2015-03-12",\n'
        '      "original_due_date": "2015-03-12",\n'
        '      "days_left": 223,\n'
        '      "overdue": false,\n'
        '      "outstanding": true,\n'
        '      "rag": "green",\n'
        '      "completed_on": null,\n'
        '      "late": null,\n'
        '      "children": [],\n'
        '      "progress": null,\n'
        '      "rolled_up_rag": "green",\n'
        '      "answered_by": [],\n'
        '      "inspectorate": null,\n'
        '      "rule": "direction",\n'
        '      "because": "a direction opening with deadline wording or saying \'recommends that\'; d'
        'eadline from its own words \'Immediately\'",\n'
        '      "confidence": "high"\n'
        '    }\n'
        '  ],\n'
        '  "carried_forward": []\n'
        '}\n')
