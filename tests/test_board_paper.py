"""The board paper (`report`): on a 48-item tracker over four reports with two meetings in git, the HTML,
Word and Excel papers carry the same sections in the contract's order, read back with real parsers
(BeautifulSoup, python-docx, openpyxl): the decisions naming their items, counts by report and type in
words, one "Changes since the last meeting" with each item's text and no path or commit id, the latest
progress never a note hmic wrote itself, and the register appendix; no internal code anywhere."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import board_paper_tracker as bpt  # noqa: E402
from gitrepo import Repo, needs_git  # noqa: E402

CODES = re.compile(r"awaiting-sign-off|in-progress|area-for-improvement|cause-of-concern|by-date|six-months|"
                   r"three-months|twelve-months|Untriaged|peel-2023|custody-2024|vetting-2025|call-handling-2026|"
                   r"\d{4}-\d\d-\d\d")
SYSTEM = ("Imported from", "Added to the tracker.", "Owner set to", "Made in the report")
REPORTS = {title for _, title, _ in bpt.board_tracker.REPORTS}
PURPOSE = "To update the board on the force's progress against four HMICFRS reports."


@pytest.fixture(scope="module")
def papers(tmp_path_factory) -> dict:
    """The tracker committed at the last meeting (30 Sep) and now (31 Oct); the paper in each format."""
    repo = Repo(tmp_path_factory.mktemp("meetings"))
    now = bpt.current()
    repo.write(bpt.at_last_meeting(now))
    first = repo.commit("The tracker at the September board", bpt.LAST_MEETING)
    repo.write(now)
    repo.commit("The tracker for the October board", bpt.AS_OF.isoformat())
    made = {"repo": repo, "commit": first}
    for fmt in ("html", "docx", "xlsx"):
        target = repo.path / f"paper.{fmt}"
        result = repo.hmic("--data", "tracker.json", "report", "--as-of", bpt.AS_OF.isoformat(), "--since-ref",
                           "HEAD~1", "--purpose", PURPOSE, "--marking", "OFFICIAL", "-f", fmt, "-o", target)
        assert result.returncode == 0, result.stderr
        made[fmt] = target
    return made


def html_soup(papers):
    from bs4 import BeautifulSoup

    return BeautifulSoup(papers["html"].read_text(encoding="utf-8"), "lxml")


def expected_register() -> set[str]:
    doc = bpt.current()
    out = set()
    for rec in doc["recommendations"]:
        closed_on = [h["on"] for h in rec["history"] if h.get("status") in ("complete", "superseded")]
        if rec["status"] not in ("complete", "superseded") or (closed_on and closed_on[-1] >= bpt.LAST_MEETING):
            out.add(rec["id"])
    return out


@needs_git
def test_the_html_paper_in_the_contracts_order(papers):
    soup = html_soup(papers)
    order = [s["id"] for s in soup.select("main > section")]
    wanted = ["purpose", "headline", "decisions", "counts", "overdue", "amber", "awaiting", "changes", "appendix"]
    assert [s for s in order if s in wanted] == wanted
    assert soup.select_one("#purpose").get_text(" ", strip=True).endswith(PURPOSE)
    assert soup.h1.get_text() == f"Midshire Police: {bpt.JOINT} recommendations"  # each body once
    asks = {li["id"]: li for li in soup.select("#decisions > ol > li")}
    assert set(asks) == {"decision-closures", "decision-due-dates", "decision-waivers", "decision-owners"}
    named = {k: {s.get_text() for s in li.select("li .id")} for k, li in asks.items()}
    awaiting = {r["id"] for r in bpt.current()["recommendations"] if r["status"] == "awaiting-sign-off"}
    assert named["decision-closures"] == awaiting and awaiting
    assert named["decision-due-dates"] == {"MID-11"}
    assert "MID-23" in named["decision-waivers"] and "ending within 30 days" in asks["decision-waivers"].get_text()
    assert "MID-4" in named["decision-owners"]
    custody = next(tr for tr in soup.select("#counts tbody tr") if "custody" in tr.th.get_text())
    assert re.search(r"\d+ recommendations, \d+ areas? for improvement", custody.get_text(" "))
    assert "1 cause of concern" in soup.select_one("#counts").get_text(" ")


@needs_git
def test_one_change_section_in_words_with_no_path_or_commit(papers):
    soup = html_soup(papers)
    assert len(soup.select("#changes")) == 1 and not soup.select("#movements, #since-meeting, #revisions")
    text = soup.select_one("main").get_text(" ")
    assert "tracker.json" not in text and papers["commit"][:7] not in text
    groups = {h["id"].removeprefix("changes-"): h.find_next("table") for h in soup.select("#changes h3")}
    assert {"closed", "proposed", "due", "waivers", "added", "owners"} <= set(groups)
    for table in groups.values():
        ids = [th.get_text() for th in table.select("tbody th")]
        assert len(ids) == len(set(ids))  # nothing twice
        assert all(td.get_text(strip=True) for td in table.select('td[data-label="Item"]'))  # the item's text
    due = groups["due"].get_text(" ")
    assert "MID-11" in due and "31 March 2027" in due and "The new custody system goes live in March." in due
    assert "MID-23" in groups["waivers"].get_text() and "MID-2" in groups["owners"].get_text()
    assert {"MID-1.1", "MID-1.2", "MID-2.1", "MID-2.2"} <= {th.get_text() for th in groups["added"].select("th")}


@needs_git
def test_latest_progress_is_the_owners_never_a_system_note(papers):
    soup = html_soup(papers)
    cells = soup.select('td[data-label="Latest progress"]')
    assert cells
    for cell in cells:
        assert not any(s in cell.get_text() for s in SYSTEM), cell.get_text()
    assert bpt.PROGRESS in soup.select_one('#appendix tr[data-id="MID-2"]').get_text(" ")
    assert "no progress recorded" in soup.select_one("#overdue-MID-4").get_text(" ")


@needs_git
def test_every_red_item_has_its_report_type_progress_and_expected_closure(papers):
    soup = html_soup(papers)
    rows = soup.select("#overdue tbody tr")
    assert len(rows) > 10
    for row in rows:
        assert row.select_one('td[data-label="Item"] .source').get_text().rsplit(": ", 1)[0] in REPORTS
        assert row.select_one('td[data-label="Item"] .kind').get_text() in (
            "recommendation", "area for improvement", "cause of concern", "action")
        assert row.select_one('td[data-label="Latest progress"]').get_text(strip=True)
        assert row.select_one('td[data-label="Expected closure"]').get_text(strip=True)


@needs_git
def test_the_register_appendix_by_report_with_actions_under_parents(papers):
    soup = html_soup(papers)
    ids = [tr["data-id"] for tr in soup.select("#appendix tbody tr")]
    assert set(ids) == expected_register() and len(ids) == len(set(ids))
    assert ids[ids.index("MID-1") + 1: ids.index("MID-1") + 3] == ["MID-1.1", "MID-1.2"]
    assert "child" in soup.select_one('#appendix tr[data-id="MID-1.1"]')["class"]
    titles = [h.get_text() for h in soup.select("#appendix h3")]
    assert len(titles) == 4 and titles[0].startswith("PEEL 2023")


@needs_git
def test_no_internal_code_in_any_format(papers):
    import docx
    import openpyxl

    soup = html_soup(papers)
    for tag in soup.select("style, time"):
        tag.decompose()
    said = {"html": soup.get_text(" ")}
    document = docx.Document(papers["docx"])
    said["docx"] = "\n".join([p.text for p in document.paragraphs] +
                             [c.text for t in document.tables for r in t.rows for c in r.cells])
    book = openpyxl.load_workbook(papers["xlsx"])
    for name in ("Summary", "Board", "Changes", "Recommendations", "Log"):
        said[name] = "\n".join(str(c.value) for row in book[name].iter_rows() for c in row
                               if isinstance(c.value, str) and not c.value.startswith("http"))
    for where, text in said.items():
        found = CODES.findall(text)
        assert not found, (where, found[:5])


@needs_git
def test_the_word_paper_has_the_same_sections_styles_marking_and_page_numbers(papers):
    import docx
    from docx.enum.section import WD_ORIENT

    document = docx.Document(papers["docx"])
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == ("Title", f"Midshire Police: {bpt.JOINT} recommendations")
    level1 = [t for s, t in headings if s == "Heading 1"]
    assert [t.split(" (")[0] for t in level1] == ["Purpose", "Headline", "The board is asked to", "The reports",
                                                  "Overdue", "Due within 30 days", "Awaiting sign-off",
                                                  "Changes since the last meeting", "Appendix: the register"]
    assert len([t for s, t in headings if s == "Heading 2"]) >= 4 + 6  # four reports, six groups of changes
    assert document.tables and {t.style.name for t in document.tables} == {"Board table"}
    assert all(t.rows[0]._tr.trPr.xml.count("tblHeader") == 1 for t in document.tables)  # repeated on each page
    asks = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert len(asks) == 4 and asks[0].startswith("approve the closure of")
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in document.sections)
    for section in document.sections:
        assert "OFFICIAL" in section.header.paragraphs[0].text
        footer = section.footer._element.xml
        assert "OFFICIAL" in footer and 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    register = document.tables[-4:]  # the appendix: one table per report
    ids = {r.cells[0].text for t in register for r in t.rows[1:]}
    assert ids == expected_register()
    # the long part (written as XML beside the package, docx_body.splice) is where its marker paragraph was: in
    # the last, landscape section, before that section's properties, and the marker is gone
    body = document.element.body
    assert body[-1].tag == docx.oxml.ns.qn("w:sectPr")
    assert document.sections[-1].orientation == WD_ORIENT.LANDSCAPE
    assert "hmic-long-part" not in body.xml and body.xml.count("Appendix: the register") == 1


@needs_git
def test_the_workbook_has_a_printable_board_sheet_and_a_full_sheet(papers):
    import openpyxl

    book = openpyxl.load_workbook(papers["xlsx"])
    assert book.sheetnames == ["Summary", "Board", "Changes", "Recommendations", "Log"]
    board = book["Board"]
    header = [c.value for c in board[1]]
    assert len(header) <= 10 and header[:4] == ["ID", "Report", "Type", "Item"]
    assert board.page_setup.orientation == "landscape" and board.sheet_properties.pageSetUpPr.fitToPage
    assert board.page_setup.fitToWidth in (None, 1) and board.page_setup.fitToHeight == 0  # one page wide
    # Excel fits the columns to the printable width: the scale it comes to is what the board reads
    pixels = sum(int(board.column_dimensions[c.column_letter].width * 7 + 5) for c in board[1])
    printable = (297 / 25.4 - board.page_margins.left - board.page_margins.right) * 96
    assert min(1.0, printable / pixels) >= 0.6
    assert {r[0].value for r in board.iter_rows(min_row=2)} == expected_register()
    full = book["Recommendations"]
    names = [c.value for c in full[1]]
    assert {"Report", "Type", "Parent", "Last evidence", "Update", "Status"} <= set(names)
    rows = {r[0].value: r for r in full.iter_rows(min_row=2)}
    col = names.index
    assert rows["MID-1.1"][col("Parent")].value == "MID-1" and rows["MID-1.1"][col("Type")].value == "action"
    assert rows["MID-2"][col("Status")].value == "in progress"
    links = [r[col("Last evidence")] for r in rows.values() if r[col("Last evidence")].value]
    assert links
    for cell in links:
        assert bool(cell.hyperlink) is cell.value.startswith(("http://", "https://")), cell.value
    changes = book["Changes"]
    assert "MID-11" in {r[1].value for r in changes.iter_rows(min_row=2)}


def test_the_headline_counts_owners_as_they_were_on_the_since_day(tmp_path):
    """An owner set since the last meeting (a version 2 edit entry) counted as none then: the delta is right."""
    from hmic_cli import boardpack, query
    from hmic_cli.store import loading
    from hmic_cli.vocabulary import Status

    doc = bpt.current()
    rec = next(r for r in doc["recommendations"] if r["id"] == "MID-5")
    assert rec.get("owner") and rec["status"] != "complete"
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(doc), encoding="utf-8")
    rec["history"].append({"on": "2026-10-15", "edit": {"field": "owner", "from": None, "to": rec["owner"]},
                           "note": f"Owner set to {rec['owner']}.", "by": "Compliance Lead"})
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    every = query.Filters(statuses=tuple(Status))
    before, after = (boardpack.build(loading.load(p).dataset, every, bpt.AS_OF, bpt.SINCE).figures[3]
                     for p in (plain, edited))
    assert after.value == before.value and after.then == before.then + 1


def test_a_waiver_runs_on_its_last_day_and_not_the_next():
    from hmic_cli import waivers
    from hmic_cli.models import Waiver

    waiver = Waiver(until=date(2026, 10, 31), reason="Agreed.")
    assert waivers.runs(waiver, date(2026, 10, 31)) and not waivers.runs(waiver, date(2026, 11, 1))
    assert waivers.state(waiver, date(2026, 11, 1)) == "expired" and waivers.state(None, date(2026, 11, 1)) is None
    assert waivers.expiring(waiver, date(2026, 10, 1), 30) and not waivers.expiring(waiver, date(2026, 9, 30), 30)


def test_purpose_must_be_printable_text(invoke, tmp_path):
    data = tmp_path / "t.json"
    data.write_text(json.dumps(bpt.current()), encoding="utf-8")
    result = invoke("--data", data, "report", "--purpose", "bad\x1b[31m", "-o", tmp_path / "p.html")
    assert result.exit_code == 2 and "--purpose" in result.stderr and not (tmp_path / "p.html").exists()
