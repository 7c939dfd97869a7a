"""Every renderer on results built by hand (`tests/handmade.py`), compared with the exact text expected.

As pip-audit's format tests do: no data file, no loading, no deriving; the result objects are
written out literally and each format's output is spelt out here in full. Tables are rendered at
a pinned width without colour."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from hmic_cli import __version__, formats, logbook, query
from hmic_cli.errors import Problem
from tests import handmade as h

FILTERS = {"due": [], "theme": [], "status": ["open", "in-progress", "awaiting-sign-off", "complete", "superseded"],
           "overdue": False, "due_before": None, "due_within": None, "type": [], "report": [], "owner": [],
           "inspectorate": []}


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch):
    """Rich reads these when a console is made: a fixed width, no colour, whatever runs the tests."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    for name in ("FORCE_COLOR", "GITHUB_STEP_SUMMARY", "GITHUB_ACTIONS", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)


def render(command: str, name: str, result, source=None) -> str:
    fmt = formats.get(command, name)
    out = io.BytesIO() if fmt.binary else io.StringIO()
    if fmt.needs_source:
        fmt.renderer()(result, out, source=source)
    else:
        fmt.renderer()(result, out)
    return out.getvalue().decode("utf-8") if fmt.binary else out.getvalue()


def test_the_hand_made_results_are_what_hmic_derives():
    """The literals in `handmade` agree with hmic's own derivation (so the fixtures are not fiction)."""
    items = [h.I_A1, h.I_A2, h.I_B1, h.I_B2, h.I_B3]
    assert [query.item(i.rec, i.report, h.AS_OF) for i in items] == items
    assert query.sort(items) == h.selection().items
    assert logbook.movements(items, h.log().since, None) == h.log().movements


def history(*entries: tuple) -> list[dict]:
    return [{"on": on, "status": status, "note": note, "by": by, "evidence": evidence, "edit": None,
             "proposed_by": None, "proposed_on": None}
            for on, status, note, by, evidence in entries]


FROM_REPORT_JAN = ("2014-01-28", "open", "From the report.", None, None)
FROM_REPORT_JUN = ("2014-06-01", "open", "From the report.", None, None)


def item_json(rec_id: str) -> dict:
    """list's JSON for one hand-made item: the stored fields, then the derived ones."""
    stored = {
        "A-1": {"report": "r1", "type": "recommendation",
                "text": 'Record every "strategy discussion" on force systems & <CareFirst> | daily.',
                "deadline": "immediate", "due": None, "themes": ["record-keeping", "domestic-abuse"],
                "status": "open", "owner": "Head of Public Protection", "waiver": None,
                "history": history(FROM_REPORT_JAN)},
        "A-2": {"report": "r1", "type": "area-for-improvement",
                "text": "Refer children at risk to the county council without delay.", "deadline": "six-months",
                "due": None, "themes": ["referrals"], "status": "in-progress", "owner": None,
                "waiver": {"until": "2014-09-30", "reason": "Council IT move; agreed at the board", "by": "ACC Smith"},
                "history": history(FROM_REPORT_JAN, ("2014-06-10", "in-progress", "=Pilot started in two districts.",
                                                     "D. Supt Jones", "https://intranet.example/pilot"))},
        "B-1": {"report": "r2", "type": "cause-of-concern", "text": "Audit crime recording in the control room.",
                "deadline": "by-date", "due": "2014-08-21", "themes": ["record-keeping"], "status": "open",
                "owner": None, "waiver": None, "history": history(FROM_REPORT_JUN)},
        "B-2": {"report": "r2", "type": "area-for-improvement", "text": "Improve supervision of crime records.",
                "deadline": "none", "due": None, "themes": ["training"], "status": "open",
                "owner": "Chief Inspector", "waiver": None, "history": history(FROM_REPORT_JUN)},
        "B-3": {"report": "r2", "type": "recommendation", "text": "Train call handlers in the crime recording rules.",
                "deadline": "twelve-months", "due": None, "themes": ["training"], "status": "complete",
                "owner": None, "waiver": None,
                "history": history(FROM_REPORT_JUN, ("2014-07-15", "complete", "All 212 handlers trained.",
                                                     "Training lead", "LMS report 2014-07"))},
    }[rec_id]
    derived = {  # due_date, days_left, overdue, outstanding, rag, completed_on, late
        "A-1": ("2014-01-28", -185, True, True, "red", None, None),
        "A-2": ("2014-07-28", -4, True, True, "red", None, None),
        "B-1": ("2014-08-21", 20, False, True, "amber", None, None),
        "B-2": (None, None, False, True, "green", None, None),
        "B-3": ("2015-06-01", 304, False, False, "closed", "2014-07-15", False),
    }[rec_id]
    fields = {"id": rec_id, **{k: stored[k] for k in ("report", "type")}, "parent": None,
              "carried_forward_from": None, "text": stored["text"], "quote": None,
              **{k: stored[k] for k in ("deadline", "due", "themes", "status", "owner", "waiver")},
              "due_revisions": [], "history": stored["history"],
              "priority": None, "answers": None, "superseded_by": None,  # schema 2 (every issuer): none set here
              "response": None, "inspectorate_status": None, "verified": None, "extension_request": None}
    due, days, overdue, outstanding, rag, completed, late = derived
    return fields | {"due_date": due, "original_due_date": due, "days_left": days, "overdue": overdue,
                     "outstanding": outstanding, "rag": rag, "completed_on": completed, "late": late,
                     "children": [], "progress": None, "rolled_up_rag": rag,  # schema 2: no item has children here
                     "answered_by": [],
                     "inspectorate": "awaiting-review" if rag == "closed" else None}  # closed by the force


def as_json_text(document: dict) -> str:
    """The exact text hmic's JSON is: 2-space indent, `": "` and `,` separators, UTF-8 as is, a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- list ---

def test_list_json():
    expected = {"as_of": "2014-08-01", "filters": FILTERS, "sort": "due", "amber_days": 30, "count": 5,
                "recommendations": [item_json(i) for i in ("A-1", "A-2", "B-1", "B-3", "B-2")]}
    assert render("list", "json", h.selection()) == as_json_text(expected)


def test_list_csv():
    assert render("list", "csv", h.selection()) == (
        "id,report,type,deadline,due_date,original_due_date,days_left,overdue,rag,status,completed_on,late,themes,"
        "owner,text,inspectorate_status,inspectorate_on\n"
        "A-1,r1,recommendation,immediate,2014-01-28,2014-01-28,-185,true,red,open,,,record-keeping;domestic-abuse,"
        'Head of Public Protection,"Record every ""strategy discussion"" on force systems & <CareFirst> | daily.",,\n'
        "A-2,r1,area-for-improvement,six-months,2014-07-28,2014-07-28,-4,true,red,in-progress,,,referrals,,"
        "Refer children at risk to the county council without delay.,,\n"
        "B-1,r2,cause-of-concern,by-date,2014-08-21,2014-08-21,20,false,amber,open,,,record-keeping,,"
        "Audit crime recording in the control room.,,\n"
        "B-3,r2,recommendation,twelve-months,2015-06-01,2015-06-01,304,false,closed,complete,2014-07-15,false,"
        "training,,Train call handlers in the crime recording rules.,awaiting-review,\n"
        "B-2,r2,area-for-improvement,none,,,,false,green,open,,,training,Chief Inspector,"
        "Improve supervision of crime records.,,\n")


ITEM_HEADER = ("| ID | RAG | Deadline | Due date | Days left | Status | Themes | Owner | Text |\n"
               "|---|---|---|---|---|---|---|---|---|\n")
A1_MARKDOWN = ("| A-1 | red | immediately | 2014-01-28 | -185 | open | record-keeping, domestic-abuse | "
               "Head of Public Protection | Record every \"strategy discussion\" on force systems & \\<CareFirst\\> "
               "\\| daily. |\n")
B1_MARKDOWN = ("| B-1 | amber | by a set date | 2014-08-21 | 20 | open | record-keeping |  | "
               "Audit crime recording in the control room. |\n")


def test_list_markdown():
    assert render("list", "markdown", h.selection()) == ITEM_HEADER + A1_MARKDOWN + (
        "| A-2 | red | within six months | 2014-07-28 | -4 | in progress | referrals |  | "
        "Refer children at risk to the county council without delay. |\n") + B1_MARKDOWN + (
        "| B-3 | closed | within twelve months | 2015-06-01 | 304 | complete | training |  | "
        "Train call handlers in the crime recording rules. |\n"
        "| B-2 | green | no deadline set | - |  | open | training | Chief Inspector | "
        "Improve supervision of crime records. |\n")


def test_list_table_at_100_columns():
    assert render("list", "table", h.selection()) == """\
5 recommendations as of 2014-08-01

                  Days
 ID   Due date    left  RAG     Status       Owner             Text
 ──────────────────────────────────────────────────────────────────────────────────────────────────
 A-1  2014-01-28  -185  Red     open         Head of Public    Deadline: immediately
                                             Protection        Themes: record-keeping,
                                                               domestic-abuse
                                                               Record every "strategy discussion"
                                                               on force systems & <CareFirst> |
                                                               daily.

 A-2  2014-07-28    -4  Red     in progress                    Deadline: within six months
                                                               Themes: referrals
                                                               Waived to 2014-09-30
                                                               Refer children at risk to the county
                                                               council without delay.

 B-1  2014-08-21    20  Amber   open                           Deadline: by a set date
                                                               Themes: record-keeping
                                                               Audit crime recording in the control
                                                               room.

 B-3  2015-06-01        Closed  complete                       Deadline: within twelve months
                                                               Themes: training
                                                               Closed 2014-07-15
                                                               Train call handlers in the crime
                                                               recording rules.

 B-2  -                 Green   open         Chief Inspector   Deadline: no deadline set
                                                               Themes: training
                                                               Improve supervision of crime
                                                               records.

"""


def test_list_hmicfrs():
    """Issue 31: the inspectorate's words; B-3, closed by the force with no inspectorate status, awaits review;
    the latest update is the last progress entry (never the entry that added the item); a formula is neutralised."""
    assert render("list", "hmicfrs", h.selection()) == (
        "Reference,Report,Force,Type,Recommendation,Deadline,Due date,Force status,Inspectorate status,"
        "Inspectorate status date,Latest update,Latest update date,Evidence\n"
        'A-1,Child protection revisit,Northamptonshire Police,recommendation,"Record every ""strategy discussion"" '
        'on force systems & <CareFirst> | daily.",immediately,2014-01-28,open,,,,,\n'
        "A-2,Child protection revisit,Northamptonshire Police,area for improvement,Refer children at risk to the "
        "county council without delay.,within six months,2014-07-28,in progress,,,'=Pilot started in two districts.,"
        "2014-06-10,https://intranet.example/pilot\n"
        "B-1,Crime data integrity,Kent Police,cause of concern,Audit crime recording in the control room.,"
        "by a set date,2014-08-21,open,,,,,\n"
        "B-3,Crime data integrity,Kent Police,recommendation,Train call handlers in the crime recording rules.,"
        "within twelve months,2015-06-01,complete,awaiting review,,All 212 handlers trained.,2014-07-15,"
        "LMS report 2014-07\n"
        "B-2,Crime data integrity,Kent Police,area for improvement,Improve supervision of crime records.,"
        "no deadline set,,open,,,,,\n")


def test_list_ics():
    def event(rec_id: str, report: str, summary: list[str], start: str, end: str, categories: str,
              description: list[str]) -> str:
        return "\r\n".join(["BEGIN:VEVENT", *summary, f"DTSTART;VALUE=DATE:{start}", f"DTEND;VALUE=DATE:{end}",
                            "DTSTAMP:20140801T000000Z", f"UID:{report}.{rec_id}@hmic.invalid",
                            f"CATEGORIES:{categories}", *description, "TRANSP:TRANSPARENT", "END:VEVENT"])

    expected = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//hmic//hmic {__version__}//EN", "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:HMIC recommendations due",
        event("A-1", "r1", ['SUMMARY:A-1 due (immediate): Record every "strategy discussion" on force s',
                            " ystems & <CareFirst> | daily."], "20140128", "20140129",
              "RED,record-keeping,domestic-abuse",
              ['DESCRIPTION:Record every "strategy discussion" on force systems & <CareFir',
               " st> | daily.\\n\\nReport: Child protection revisit (Northamptonshire Police)",
               " \\nStatus: open\\nThemes: record-keeping\\, domestic-abuse\\nOwner: Head of Pu",
               " blic Protection"]),
        event("A-2", "r1", ["SUMMARY:A-2 due (six-months): Refer children at risk to the county council",
                            "  without delay."], "20140728", "20140729", "RED,referrals",
              ["DESCRIPTION:Refer children at risk to the county council without delay.\\n",
               " \\nReport: Child protection revisit (Northamptonshire Police)\\nStatus: in-p",
               " rogress\\nThemes: referrals"]),
        event("B-1", "r2", ["SUMMARY:B-1 due (by-date): Audit crime recording in the control room."],
              "20140821", "20140822", "AMBER,record-keeping",
              ["DESCRIPTION:Audit crime recording in the control room.\\n\\nReport: Crime da",
               " ta integrity (Kent Police)\\nStatus: open\\nThemes: record-keeping"]),
        event("B-3", "r2", ["SUMMARY:B-3 due (twelve-months): Train call handlers in the crime recordin",
                            " g rules."], "20150601", "20150602", "CLOSED,training",
              ["DESCRIPTION:Train call handlers in the crime recording rules.\\n\\nReport: C",
               " rime data integrity (Kent Police)\\nStatus: complete\\nThemes: training"]),
        "END:VCALENDAR", ""])  # B-2 has no due date: no event
    assert render("list", "ics", h.selection()) == expected


# --- check ---

VERDICT_LINE = ("FAIL: 1 of 5 recommendations overdue; 1 due within 30 days, 1 waived as of 2014-08-01 "
                "(fail on: overdue)")


def test_check_text():
    assert render("check", "text", h.verdict()) == (
        VERDICT_LINE + "\n"
        '  A-1  due 2014-01-28  185 days overdue  open  Record every "strategy discussion" on force systems & '
        "<CareFirst> | daily.\n"
        "  warning: B-1  due 2014-08-21  20 days left  open  Audit crime recording in the control room.\n"
        "  waived: A-2 until 2014-09-30: Council IT move; agreed at the board\n")


def test_check_json():
    expected = {"verdict": "fail", "as_of": "2014-08-01", "fail_on": "overdue", "warn_within": 30,
                "filters": FILTERS,
                "counts": {"checked": 5, "failing": 1, "warnings": 1, "waived": 1, "overdue": 2, "outstanding": 4,
                           "closed": 1},
                "failing": [item_json("A-1") | {"waiver_state": None}],
                "warnings": [item_json("B-1")],
                "waived": [item_json("A-2") | {"waiver_state": "active"}]}
    assert render("check", "json", h.verdict()) == as_json_text(expected)


def test_check_junit():
    from lxml import etree

    from tests.conftest import JUNIT_XSD

    text = render("check", "junit", h.verdict())
    etree.XMLSchema(etree.parse(str(JUNIT_XSD))).assertValid(etree.fromstring(text.encode("utf-8")))
    assert text == """\
<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="hmic check" tests="5" failures="1" errors="0" time="0">
  <testsuite name="r1" tests="2" failures="1" errors="0" skipped="1" time="0" timestamp="2014-08-01T00:00:00">
    <properties>
      <property name="title" value="Child protection revisit"/>
      <property name="force" value="Northamptonshire Police"/>
      <property name="as_of" value="2014-08-01"/>
      <property name="fail_on" value="overdue"/>
    </properties>
    <testcase classname="r1" name="A-1" time="0">
      <failure message="A-1 185 days overdue (due 2014-01-28, status open)" type="overdue">\
A-1 185 days overdue (due 2014-01-28, status open)

Record every "strategy discussion" on force systems &amp; &lt;CareFirst&gt; | daily.

Themes: record-keeping, domestic-abuse</failure>
    </testcase>
    <testcase classname="r1" name="A-2" time="0">
      <skipped message="waived until 2014-09-30: Council IT move; agreed at the board" type="waived">\
A-2 4 days overdue (due 2014-07-28, status in-progress)

waived until 2014-09-30: Council IT move; agreed at the board (by ACC Smith)</skipped>
    </testcase>
  </testsuite>
  <testsuite name="r2" tests="3" failures="0" errors="0" skipped="0" time="0" timestamp="2014-08-01T00:00:00">
    <properties>
      <property name="title" value="Crime data integrity"/>
      <property name="force" value="Kent Police"/>
      <property name="as_of" value="2014-08-01"/>
      <property name="fail_on" value="overdue"/>
    </properties>
    <testcase classname="r2" name="B-1" time="0">
      <system-out>B-1 20 days left (due 2014-08-21, status open)</system-out>
    </testcase>
    <testcase classname="r2" name="B-2" time="0">
      <system-out>B-2 no due date (due no due date, status open)</system-out>
    </testcase>
    <testcase classname="r2" name="B-3" time="0">
      <system-out>B-3 complete (due 2015-06-01, status complete)</system-out>
    </testcase>
  </testsuite>
</testsuites>
"""


# The data file the GitHub annotations point into: A-1's id on line 4, B-1's on line 7.
DATA_TEXT = """{"schema_version": 1, "reports": [], "themes": [],
 "recommendations": [
  {
   "id": "A-1"},
  {"id": "A-2"},
  {
   "id": "B-1"}]}
"""

CHECK_MARKDOWN = f"""\
## ❌ hmic check: fail

{VERDICT_LINE}

| Checked | Failing | Warnings | Waived | Overdue | Outstanding | Closed |
|---|---|---|---|---|---|---|
| 5 | 1 | 1 | 1 | 2 | 4 | 1 |

### Failing recommendations

{ITEM_HEADER}{A1_MARKDOWN}
### Due within 30 days (warnings)

{ITEM_HEADER}{B1_MARKDOWN}
### Waived

| ID | Due date | Waived until | Reason | By |
|---|---|---|---|---|
| A-2 | 2014-07-28 | 2014-09-30 | Council IT move; agreed at the board | ACC Smith |
"""


def test_check_github(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step.\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    source = h.Source(Path("trackers/force.json"), DATA_TEXT)
    assert render("check", "github", h.verdict(), source) == (
        "::error file=trackers/force.json,line=4,title=A-1 185 days overdue::"
        'A-1 (immediate, due 2014-01-28, status open):%0ARecord every "strategy discussion" on force systems & '
        "<CareFirst> | daily.\n"
        "::warning file=trackers/force.json,line=7,title=B-1 20 days left::"
        "B-1 (by-date, due 2014-08-21, status open):%0AAudit crime recording in the control room.\n")
    assert summary.read_text(encoding="utf-8") == "Earlier step.\n" + CHECK_MARKDOWN + "\n"


def test_check_markdown():
    assert render("check", "markdown", h.verdict()) == CHECK_MARKDOWN


# --- log ---

def test_log_json():
    def change(on, rec_id, before, after, note, evidence=None, by=None):
        return {"on": on, "id": rec_id, "from": before, "to": after, "note": note, "evidence": evidence, "by": by,
                "edit": None, "proposed_by": None, "proposed_on": None}

    expected = {"since": "2014-06-01", "until": None, "filters": FILTERS, "count": 5, "changes": [
        change("2014-07-15", "B-3", "open", "complete", "All 212 handlers trained.", "LMS report 2014-07",
               "Training lead"),
        change("2014-06-10", "A-2", "open", "in-progress", "=Pilot started in two districts.",
               "https://intranet.example/pilot", "D. Supt Jones"),
        *(change("2014-06-01", rec_id, None, "open", "From the report.") for rec_id in ("B-1", "B-2", "B-3"))]}
    assert render("log", "json", h.log()) == as_json_text(expected)


def test_log_csv():
    assert render("log", "csv", h.log()) == (
        "on,id,from,to,note,evidence,by,edit,proposed_by,proposed_on\n"
        "2014-07-15,B-3,open,complete,All 212 handlers trained.,LMS report 2014-07,Training lead,,,\n"
        "2014-06-10,A-2,open,in-progress,'=Pilot started in two districts.,https://intranet.example/pilot,"
        "D. Supt Jones,,,\n"
        "2014-06-01,B-1,,open,From the report.,,,,,\n"
        "2014-06-01,B-2,,open,From the report.,,,,,\n"
        "2014-06-01,B-3,,open,From the report.,,,,,\n")


def test_log_markdown():
    assert render("log", "markdown", h.log()) == (
        "| On | ID | Change | Note | Evidence | By |\n"
        "|---|---|---|---|---|---|\n"
        "| 2014-07-15 | B-3 | open → complete | All 212 handlers trained. | LMS report 2014-07 | Training lead |\n"
        "| 2014-06-10 | A-2 | open → in-progress | =Pilot started in two districts. | "
        "https://intranet.example/pilot | D. Supt Jones |\n"
        "| 2014-06-01 | B-1 | → open | From the report. |  |  |\n"
        "| 2014-06-01 | B-2 | → open | From the report. |  |  |\n"
        "| 2014-06-01 | B-3 | → open | From the report. |  |  |\n")


def test_log_table_at_100_columns():
    assert render("log", "table", h.log()) == """\
On          ID   Change             Note              Evidence                        By
───────────────────────────────────────────────────────────────────────────────────────────────────
2014-07-15  B-3  open → complete    All 212 handlers  LMS report 2014-07              Training lead
                                    trained.
2014-06-10  A-2  open →             =Pilot started    https://intranet.example/pilot  D. Supt Jones
                 in-progress        in two
                                    districts.
2014-06-01  B-1  → open             From the report.
2014-06-01  B-2  → open             From the report.
2014-06-01  B-3  → open             From the report.
"""


def test_log_table_as_cards_at_40_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    first_entries = "".join(f"2014-06-01\n  ID: {rec_id}\n  Change: → open\n  Note: From the report.\n\n"
                            for rec_id in ("B-1", "B-2", "B-3"))
    assert render("log", "table", h.log()) == (
        "2014-07-15\n  ID: B-3\n  Change: open → complete\n  Note: All 212 handlers trained.\n"
        "  Evidence: LMS report 2014-07\n  By: Training lead\n\n"
        "2014-06-10\n  ID: A-2\n  Change: open → in-progress\n  Note: =Pilot started in two districts.\n"
        "  Evidence:\n  https://intranet.example/pilot\n  By: D. Supt Jones\n\n" + first_entries)


def test_the_vendored_junit_schema_is_the_shared_one():
    from tests.conftest import JUNIT_XSD, ROOT

    shared = ROOT.parent / "shared" / "schemas" / "junit-10.xsd"
    if not shared.is_file():
        pytest.skip("shared/schemas is not beside the checkout (the vendored copy is used alone)")
    assert JUNIT_XSD.read_bytes() == shared.read_bytes()


def test_every_format_of_every_command_is_tested_here():
    """A format added to the registry, for any command, needs its exact test here or in
    `test_formats_exact_commands.py` (a test named `test_<command>_<format>...`, a hyphen in the command
    as an underscore): every one of them, with no list of formats let off."""
    from tests import test_formats_exact_commands

    names = [name for name in [*globals(), *vars(test_formats_exact_commands)] if name.startswith("test_")]
    registered = {(command, fmt.name) for command, fmts in formats.REGISTRY.items() for fmt in fmts}
    untested = sorted(f"{command} {fmt}" for command, fmt in registered
                      if not any(name.startswith(f"test_{command.replace('-', '_')}_{fmt}") for name in names))
    assert len(registered) > 40 and untested == []


PROBLEMS = [("trackers/force.json", [Problem("duplicate key 'status'", "recommendations[2].status", 41, 7),
                                     Problem("not valid JSON: Expecting ',' delimiter", "", 80, 3)]),
            ("trackers/valid.json", [])]


def test_validate_text():
    assert render("validate", "text", PROBLEMS) == (
        "trackers/force.json:41:7: recommendations[2].status: duplicate key 'status'\n"
        "trackers/force.json:80:3: not valid JSON: Expecting ',' delimiter\n"
        "trackers/force.json: 2 problems\n"
        "trackers/valid.json: valid\n")


def test_validate_json():
    assert json.loads(render("validate", "json", PROBLEMS)) == {"valid": False, "files": [
        {"file": "trackers/force.json", "valid": False, "count": 2, "problems": [
            {"path": "recommendations[2].status", "line": 41, "column": 7, "message": "duplicate key 'status'"},
            {"path": "", "line": 80, "column": 3, "message": "not valid JSON: Expecting ',' delimiter"}]},
        {"file": "trackers/valid.json", "valid": True, "count": 0, "problems": []}]}


def _config_view():
    from hmic_cli.commands.read import ConfigView

    return ConfigView(Path("/force/hmic.toml"), [
        ("data", Path("/force/tracker.json"), "/force/hmic.toml"), ("amber_days", 30, "default"),
        ("require_evidence", True, "HMIC_REQUIRE_EVIDENCE"),
        ("approvers", ["Supt Khan", "DCI Reid"], "/force/hmic.toml"),
        ("owners", {"Supt Khan": "khan@force.example"}, "/force/hmic.toml"), ("escalate_to", None, "default")])


def test_config_json():
    assert json.loads(render("config", "json", _config_view())) == {"file": "/force/hmic.toml", "settings": {
        "data": {"value": "/force/tracker.json", "origin": "/force/hmic.toml"},
        "amber_days": {"value": 30, "origin": "default"},
        "require_evidence": {"value": True, "origin": "HMIC_REQUIRE_EVIDENCE"},
        "approvers": {"value": ["Supt Khan", "DCI Reid"], "origin": "/force/hmic.toml"},
        "owners": {"value": {"Supt Khan": "khan@force.example"}, "origin": "/force/hmic.toml"},
        "escalate_to": {"value": None, "origin": "default"}}}


def test_config_table():
    assert [line.rstrip() for line in render("config", "table", _config_view()).splitlines()] == [
        "Project file: /force/hmic.toml",
        "Key               Value                           Origin",
        "─" * 71,
        "data              /force/tracker.json             /force/hmic.toml",
        "amber_days        30                              default",
        "require_evidence  true                            HMIC_REQUIRE_EVIDENCE",
        "approvers         Supt Khan, DCI Reid             /force/hmic.toml",
        "owners            Supt Khan <khan@force.example>  /force/hmic.toml",
        "escalate_to       -                               default"]


def test_check_sarif(tmp_path, monkeypatch):
    """SARIF 2.1.0: a failing item, a waived one (an accepted suppression with its reason) and a warning,
    each at its line in the tracker."""
    monkeypatch.chdir(tmp_path)
    source = h.Source(Path("trackers/force.json"), DATA_TEXT)
    text = render("check", "sarif", h.verdict(), source)

    def rule(rule_id, name, short, full, level):
        return {"id": rule_id, "name": name, "shortDescription": {"text": short}, "fullDescription": {"text": full},
                "defaultConfiguration": {"level": level}}

    def at(line):
        return [{"physicalLocation": {"artifactLocation": {"uri": "trackers/force.json"},
                                      "region": {"startLine": line}}}]

    def result(rule_id, index, level, message, line, rec_id, report, due, days, status):
        return {"ruleId": rule_id, "ruleIndex": index, "level": level, "message": {"text": message},
                "locations": at(line), "partialFingerprints": {"hmicItem/v1": rec_id},
                "properties": {"id": rec_id, "report": report, "due_date": due, "days_left": days, "status": status}}

    waived = result("overdue", 0, "error", "A-2 4 days overdue (due 2014-07-28, status in-progress): "
                    "Refer children at risk to the county council without delay.", 5, "A-2", "r1", "2014-07-28", -4,
                    "in-progress")
    waived["suppressions"] = [{"kind": "external", "status": "accepted",
                               "justification": "waived until 2014-09-30: Council IT move; agreed at the board "
                                                "(by ACC Smith)"}]
    expected = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "hmic", "version": __version__, "semanticVersion": __version__, "rules": [
            rule("overdue", "RecommendationOverdue", "Recommendation overdue",
                 "An outstanding recommendation is past its due date.", "error"),
            rule("due-soon", "RecommendationDueSoon", "Recommendation due soon",
                 "An outstanding recommendation falls due within --warn-within days.", "warning"),
            rule("record-rewritten", "RecordRewritten", "Record rewritten",
                 "The change rewrites the tracker's past: a history entry changed or removed, an item, report or "
                 "theme removed, a due date moved without a revision, a closure without the evidence or sign-off "
                 "required, or a waiver extended without a reason.", "error")]}},
        "invocations": [{"executionSuccessful": True,
                         "properties": {"as_of": "2014-08-01", "fail_on": "overdue", "verdict": "fail"}}],
        "results": [
            result("overdue", 0, "error", 'A-1 185 days overdue (due 2014-01-28, status open): Record every '
                   '"strategy discussion" on force systems & <CareFirst> | daily.', 4, "A-1", "r1", "2014-01-28",
                   -185, "open"),
            waived,
            result("due-soon", 1, "warning", "B-1 20 days left (due 2014-08-21, status open): Audit crime recording "
                   "in the control room.", 7, "B-1", "r2", "2014-08-21", 20, "open")],
        "artifacts": [{"location": {"uri": "trackers/force.json"}, "mimeType": "application/json"}],
    }]}
    assert text == json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
