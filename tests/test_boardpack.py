"""`hmic report`: the board pack's numbers, its HTML (in a real headless browser) and its XLSX."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from hmic_cli import board_paper, boardpack, query
from hmic_cli.board_words import long_date
from hmic_cli.store import loading
from hmic_cli.vocabulary import Status
from tests.conftest import HMIC

AS_OF = "2014-07-10"
HOSTILE = 'Officers <script>alert("x")</script> & "quoted" text'
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def pack_data(invoke, data_copy) -> Path:
    """The bundled data after a few months of (invented) progress, with hostile text in it."""
    steps = [
        ("update", "NCP-1", "--status", "complete", "--on", "2014-03-01", "--note", "Done =cmd|' /C calc'!A0"),
        ("edit", "NCP-2", "--due", "2014-05-31", "--reason", 'Agreed "later" <b>date</b>', "--on", "2014-03-15"),
        ("edit", "NCP-4", "--text", "=1+1", "--on", "2014-02-01"),
        ("edit", "NCP-5", "--text", HOSTILE, "--owner", "Chief <Inspector>", "--on", "2014-02-01"),
        ("update", "NCP-3", "--status", "in-progress", "--on", "2014-06-20", "--note", "Referral audit begun",
         "--by", "Team <lead>"),
    ]
    for step in steps:
        result = invoke("--data", data_copy, *step)
        assert result.exit_code == 0, result.stderr
    return data_copy


def build(path: Path, since: date | None = date(2014, 6, 1)) -> boardpack.BoardPack:
    every = query.Filters(statuses=tuple(Status))
    return boardpack.build(loading.load(path).dataset, every, date.fromisoformat(AS_OF), since)


def test_the_pack_numbers(pack_data):
    pack = build(pack_data)
    assert pack.overall.total == 9 and pack.overall.complete == 1
    assert pack.by_rag == {"red": 4, "amber": 4, "green": 0, "closed": 1}
    assert [i.rec.id for i in pack.overdue] == ["NCP-3", "NCP-4", "NCP-5", "NCP-2"]  # soonest due first
    assert [i.rec.id for i in pack.amber] == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]
    assert [(m.id, m.entry.status.value) for m in pack.movements] == [("NCP-3", "in-progress")]
    assert pack.closed_late == 1
    assert dict(pack.headline())["Overdue"] == "4"


def test_the_trend_follows_histories_and_revised_due_dates(pack_data):
    trend = {p.on.isoformat(): (p.outstanding, p.overdue) for p in build(pack_data).trend}
    assert list(trend) == ["2014-01-31", "2014-02-28", "2014-03-31", "2014-04-30", "2014-05-31", "2014-06-30",
                           AS_OF]
    assert trend["2014-01-31"] == (9, 5)  # the five immediate items were due on 2014-01-28
    assert trend["2014-03-31"] == (8, 3)  # NCP-1 complete; NCP-2's due date moved to 2014-05-31
    assert trend["2014-05-31"] == (8, 3)  # due that day: not yet overdue
    assert trend["2014-06-30"] == (8, 4)
    assert trend[AS_OF] == (8, 4)


def test_the_trend_of_nothing_and_month_ends():
    assert boardpack.trend([], date(2020, 1, 1)) == [boardpack.TrendPoint(date(2020, 1, 1), 0, 0)]
    assert boardpack.month_ends(date(2020, 1, 15), date(2020, 3, 31)) == [date(2020, 1, 31), date(2020, 2, 29),
                                                                        date(2020, 3, 31)]
    assert len(boardpack.month_ends(date(1990, 1, 1), date(2020, 1, 1))) == boardpack.MAX_POINTS


def html_of(pack_data, invoke, tmp_path, *extra) -> Path:
    target = tmp_path / "board.html"
    result = invoke("--data", pack_data, "report", "--as-of", AS_OF, "--since", "2014-06-01", "-o", target, *extra)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and "board.html" in result.stderr
    return target


def test_html_is_self_contained_and_escapes_the_data(pack_data, invoke, tmp_path):
    from bs4 import BeautifulSoup

    page = html_of(pack_data, invoke, tmp_path).read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find_all("script") == [] and "<script" not in page.lower()
    assert soup.find_all(["link", "iframe", "object", "embed", "img", "base"]) == []
    for tag in soup.find_all(True):
        for attribute in ("src", "href", "xlink:href", "action", "srcset"):
            value = tag.get(attribute)
            assert value is None or value.startswith(("#", "data:")), (tag.name, value)
    style = " ".join(s.get_text() for s in soup.find_all("style"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert "@media print" in style
    assert HOSTILE in soup.get_text()  # shown as text, exactly
    assert "&lt;script&gt;" in page and "&#34;quoted&#34;" in page
    assert "Chief &lt;Inspector&gt;" in page and "&lt;b&gt;date&lt;/b&gt;" in page
    assert soup.select_one("svg polyline.outstanding") is not None
    overdue = [row["data-id"] for row in soup.select("#overdue tr[data-id]")]
    assert overdue == ["NCP-3", "NCP-4", "NCP-5", "NCP-2"]


def test_html_opens_offline_in_a_real_browser(pack_data, invoke, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    target = html_of(pack_data, invoke, tmp_path)
    shot, pdf = tmp_path / "board.png", tmp_path / "board.pdf"
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(target.as_uri(), wait_until="load")
            assert page.evaluate("document.scripts.length") == 0
            for rec_id in ("NCP-2", "NCP-3", "NCP-4", "NCP-5"):
                row = page.locator(f"#overdue-{rec_id}")
                assert row.count() == 1 and rec_id in row.inner_text()
            assert HOSTILE in page.locator("#overdue-NCP-5").inner_text()
            assert page.locator("#amber tr[data-id]").count() == 4
            page.screenshot(path=str(shot), full_page=True)
            page.pdf(path=str(pdf))  # headless Chromium prints with the page's @media print rules
        finally:
            browser.close()
    assert requests and all(url.startswith(("file:", "data:")) for url in requests), requests
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_xlsx_reads_back_with_real_dates_fills_and_no_formulas(pack_data, invoke, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "board.xlsx"
    result = invoke("--data", pack_data, "report", "-f", "xlsx", "--as-of", AS_OF, "--since", "2014-06-01",
                    "-o", target)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "Board", "Changes", "Recommendations", "Log"]
    sheet = book["Recommendations"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["ID", "Report", "Type"] and "Due date" in header and "RAG" in header
    rows = {r[0].value: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2)}
    assert set(rows) == {f"NCP-{n}" for n in range(1, 10)}
    one = rows["NCP-1"]
    assert isinstance(one["Due date"].value, datetime) and one["Due date"].value.date() == date(2014, 1, 28)
    assert "yy" in one["Due date"].number_format
    assert one["Completed on"].value.date() == date(2014, 3, 1) and one["Late"].value == "yes"
    assert rows["NCP-2"]["Original due"].value.date() == date(2014, 1, 28)
    assert rows["NCP-2"]["Due date"].value.date() == date(2014, 5, 31)
    assert rows["NCP-6"]["Days left"].value == 18 and rows["NCP-6"]["Days left"].data_type == "n"
    formula_like = rows["NCP-4"]["Text"]
    assert formula_like.value == "=1+1" and formula_like.data_type == "s"
    assert rows["NCP-5"]["Text"].value == HOSTILE
    fills = {rows[i]["RAG"].value: rows[i]["RAG"].fill.fgColor.rgb for i in ("NCP-1", "NCP-2", "NCP-6")}
    assert set(fills) == {"Closed", "Red", "Amber"} and len(set(fills.values())) == 3
    assert all(rgb and rgb != "00000000" for rgb in fills.values())
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref.startswith("A1:")
    log = book["Log"]
    assert [c.value for c in log[2]][1:4] == ["NCP-3", "open", "in progress"]
    assert isinstance(log["A2"].value, datetime) and log["A2"].value.date() == date(2014, 6, 20)
    summary = book["Summary"]
    assert summary["A3"].value == "As of" and isinstance(summary["B3"].value, datetime)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)


def test_xlsx_without_output_goes_to_a_pipe_and_report_add_still_works(pack_data, invoke, runner):
    from hmic_cli.cli import app

    result = runner.invoke(app, ["--data", str(pack_data), "report", "-f", "xlsx", "--as-of", AS_OF])
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"
    added = invoke("--data", pack_data, "report", "add", "--id", "kent-custody-2015", "--title", "A custody visit",
                   "--force", "Kent Police", "--published", "2015-03-01")
    assert added.exit_code == 0, added.stderr
    assert "kent-custody-2015" in {r["id"] for r in json.loads(pack_data.read_text())["reports"]}
    assert invoke("report", "--since", "2014-08-01", "--as-of", AS_OF).exit_code == 2
    assert invoke("report", "--theme", "no-such-theme", "-o", "/dev/null").exit_code == 2
    helped = invoke("report", "--help")
    assert helped.exit_code == 0 and "add" in helped.stdout and "--since" in helped.stdout


def test_filters_narrow_the_pack(pack_data):
    pack = boardpack.build(loading.load(pack_data).dataset, query.Filters(statuses=tuple(Status),
                           themes=["missing-children"]), date.fromisoformat(AS_OF))
    assert [i.rec.id for i in pack.items] == ["NCP-6", "NCP-7"] and pack.overdue == []


def render_html(pack) -> str:
    from hmic_cli.render import html

    out = io.BytesIO()
    html.board_pack(board_paper.build(pack), out)
    return out.getvalue().decode("utf-8")


def test_the_template_ships_in_the_wheel(tmp_path):
    """The template is package data: build a wheel and look for it."""
    import importlib.util
    import sys

    root = Path(__file__).resolve().parents[1]
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q",
                             "-w", str(tmp_path), str(root)], capture_output=True, text=True, timeout=300)
    if result.returncode:
        pytest.skip(f"could not build a wheel here: {result.stderr[-300:]}")
    import zipfile

    wheel = next(tmp_path.glob("hmic-*.whl"))
    assert "hmic_cli/render/templates/board.html.j2" in zipfile.ZipFile(wheel).namelist()


def test_report_and_the_acceptance_steps_through_the_installed_executable(tmp_path, data_copy):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "FORCE_COLOR"))}
    env |= {"COLUMNS": "100", "NO_COLOR": "1"}

    def run(*args):
        return subprocess.run([HMIC, *map(str, args)], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120)

    assert run("update", "NCP-1", "--status", "complete", "--on", "2014-03-01", "--data", data_copy).returncode == 0
    window = run("list", "--as-of", AS_OF, "--due-within", "30d", "--format", "json", "--data", data_copy)
    assert [r["id"] for r in json.loads(window.stdout)["recommendations"]] == ["NCP-6", "NCP-7", "NCP-8", "NCP-9"]
    every = {r["id"]: r for r in json.loads(run("list", "--all", "--as-of", AS_OF, "--format", "json",
                                                "--data", data_copy).stdout)["recommendations"]}
    assert every["NCP-2"]["rag"] == "red" and every["NCP-6"]["rag"] == "amber"
    assert every["NCP-1"]["completed_on"] == "2014-03-01" and every["NCP-1"]["late"] is True
    for fmt in ("html", "xlsx"):
        target = tmp_path / f"board.{fmt}"
        result = run("--data", data_copy, "report", "--format", fmt, "--as-of", AS_OF, "--output", target)
        assert result.returncode == 0 and result.stdout == "", result.stderr
        assert target.stat().st_size > 2_000
    assert "NCP-2" in (tmp_path / "board.html").read_text(encoding="utf-8")


@pytest.fixture
def t60(tmp_path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import board_tracker

    return board_tracker.write(tmp_path / "t60.json")


def test_the_headline_leads_with_overdue_and_its_change(t60):
    import board_tracker

    pack = boardpack.build(loading.load(t60).dataset, query.Filters(statuses=tuple(Status)), board_tracker.AS_OF,
                           board_tracker.SINCE)
    first = pack.figures[0]
    assert (first.key, first.label) == ("overdue", "Overdue") and first.value == len(pack.overdue)
    waived = [i for i in pack.overdue if i.rec.waiver and i.rec.waiver.until >= board_tracker.AS_OF]
    assert waived and first.detail == f"{len(waived)} waived"
    # the same count on the since day, from the histories and the due dates then in force
    then = sum(1 for i in pack.items
               if boardpack.headline.status_on(i, board_tracker.SINCE) in (Status.open, Status.in_progress,
                                                                           Status.awaiting_sign_off)
               and (d := boardpack.headline.due_on(i, board_tracker.SINCE)) and d < board_tracker.SINCE)
    assert first.then == then and first.change == first.value - then != 0
    assert [f.key for f in pack.figures] == ["overdue", "amber", "awaiting", "no-owner"]
    assert pack.figures[2].value == sum(i.rec.status is Status.awaiting_sign_off for i in pack.items) > 0
    assert pack.figures[3].value == sum(i.outstanding and not i.rec.owner for i in pack.items) > 0
    assert pack.title == "Midshire Police: HMICFRS recommendations"


def test_every_waiver_reason_in_the_html_and_the_xlsx(t60, invoke, tmp_path):
    import board_tracker
    import openpyxl
    from bs4 import BeautifulSoup

    args = ["--data", t60, "report", "--as-of", board_tracker.AS_OF.isoformat(), "--since",
            board_tracker.SINCE.isoformat(), "--marking", "OFFICIAL-SENSITIVE & PERSONAL"]
    assert invoke(*args, "-o", tmp_path / "b.html").exit_code == 0
    assert invoke(*args, "-f", "xlsx", "-o", tmp_path / "b.xlsx").exit_code == 0
    soup = BeautifulSoup((tmp_path / "b.html").read_text(encoding="utf-8"), "html.parser")
    first = soup.select_one(".figures li")
    assert first["id"] == "figure-overdue" and re.search(r"[▲▼=]\d* ?.*since 30 Sep", first.get_text())
    waived = [r for r in loading.load(t60).dataset.recommendations if r.waiver]
    assert len(waived) >= 4
    book = openpyxl.load_workbook(tmp_path / "b.xlsx")
    sheet = book["Recommendations"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(min_row=2)}
    shown = {row["data-id"] for row in soup.select("#overdue tr[data-id], #amber tr[data-id]")}
    assert shown & {rec.id for rec in waived}
    for rec in waived:
        if rec.id in shown:
            cell = soup.select_one(f'[id$="-{rec.id}"] td[data-label="Item"]').get_text(" ")
            state = "waived until" if rec.waiver.until >= board_tracker.AS_OF else "the waiver ran out on"
            assert f"{state} {long_date(rec.waiver.until)}: {rec.waiver.reason}" in cell
        assert rows[rec.id]["Waiver reason"] == rec.waiver.reason
        assert rows[rec.id]["Waived until"].date() == rec.waiver.until
    overdue_heading = soup.select_one("#overdue-title").get_text()
    assert re.fullmatch(r"Overdue \(\d+, \d+ waived\)", overdue_heading)
    revised = [td.get_text(" ") for td in soup.select('#overdue td[data-label="Item"]') if "revised" in td.get_text()]
    assert revised and all(re.search(r"due date revised on \d+ [A-Z][a-z]+ \d{4}, from \d+ [A-Z][a-z]+ \d{4}", r)
                           for r in revised)
    latest = soup.select("#overdue td[data-label='Latest progress']")
    assert latest and all(cell.find("time") or "no progress recorded" in cell.get_text() for cell in latest)


def test_xlsx_print_set_up_title_marking_and_days_left(t60, invoke, tmp_path):
    import board_tracker
    import openpyxl

    target = tmp_path / "b.xlsx"
    result = invoke("--data", t60, "report", "-f", "xlsx", "--as-of", board_tracker.AS_OF.isoformat(),
                    "--marking", "OFFICIAL & SENSITIVE", "-o", target)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(target)
    assert book.properties.title == "Midshire Police: HMICFRS recommendations: board paper, 31 October 2026"
    summary = book["Summary"]
    texts = {c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)}
    assert "HMICFRS, Midshire Police, published 14 March 2024" in texts
    assert "PEEL 2023–25: an inspection of Midshire Police" in texts
    sheet = book["Recommendations"]
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.page_setup.fitToWidth in (None, 1)  # None: openpyxl's reading of the default, 1
    assert sheet.print_title_rows == "$1:$1"
    for ws in book.worksheets:
        assert "OFFICIAL && SENSITIVE" in ws.oddHeader.center.text  # `&&` is a literal & in a header
        assert "OFFICIAL && SENSITIVE" in ws.oddFooter.center.text and "&P of &N" in ws.oddFooter.right.text
    header = [c.value for c in sheet[1]]
    assert header[-4:] == ["Update", "Evidence", "Updated by", "Updated on"] and header[0] == "ID"
    from hmic_cli.importing.sheet_reading import map_columns

    mapped = {c.field: c.heading for c in map_columns(tuple(header), {}) if c.field}  # what `import --updates` reads
    assert (mapped["update"], mapped["evidence"], mapped["updated_by"], mapped["updated_on"], mapped["id"],
            mapped["status"]) == ("Update", "Evidence", "Updated by", "Updated on", "ID", "Status")
    assert {"Status", "Waived until", "Waiver reason", "Due revised on", "Last note"} <= set(header)
    closed = 0
    for row in sheet.iter_rows(min_row=2):
        values = dict(zip(header, (c.value for c in row), strict=True))
        if values["Status"] in ("complete", "superseded"):
            closed += 1
            assert values["Days left"] is None
        assert all(values[h] is None for h in header[-4:])
        if len(values["Text"]) > 60:
            assert sheet.row_dimensions[row[0].row].height >= 30  # room for the wrapped text
    assert closed >= 5


def test_marking_must_be_one_printable_line(invoke):
    result = invoke("report", "--marking", "OFFICIAL\nSECRET", "-o", "/dev/null")
    assert result.exit_code == 2 and "--marking" in result.stderr


def test_carried_forward_items_are_marked_when_the_field_is_there(pack_data):
    """`carried_forward_from` arrives with schema version 2: rendered when an item has it."""
    import dataclasses

    from bs4 import BeautifulSoup

    class Carried:  # an item of a version 2 tracker, as far as the renderers look
        def __init__(self, rec):
            self._rec = rec

        def __getattr__(self, name):
            return "NCP-OLD-7" if name == "carried_forward_from" else getattr(self._rec, name)

    pack = build(pack_data)
    pack.overdue = [dataclasses.replace(i, rec=Carried(i.rec)) if i.rec.id == "NCP-3" else i for i in pack.overdue]
    pack.items = [dataclasses.replace(i, rec=Carried(i.rec)) if i.rec.id == "NCP-3" else i for i in pack.items]
    soup = BeautifulSoup(render_html(pack), "html.parser")
    assert "carried forward from NCP-OLD-7" in soup.select_one("#overdue-NCP-3").get_text(" ")
    assert "carried forward" not in soup.select_one("#overdue-NCP-4").get_text(" ")
    openpyxl = pytest.importorskip("openpyxl")
    from hmic_cli.render import xlsx

    out = io.BytesIO()
    xlsx.board_pack(board_paper.build(pack), out)
    out.seek(0)
    sheet = openpyxl.load_workbook(out)["Recommendations"]
    header = [c.value for c in sheet[1]]
    carried = {r[0].value: r[header.index("Carried forward from")].value for r in sheet.iter_rows(min_row=2)}
    assert carried["NCP-3"] == "NCP-OLD-7" and carried["NCP-4"] is None


@pytest.mark.parametrize(("evidence", "linked"), [
    ("https://intranet.example.police.uk/a?b=c&d=e", True),
    ("HTTP://EXAMPLE.ORG/x", True),
    ("javascript:alert(1)", False),
    ("https://example.org/a b", False),  # not one URL
    ("file:///etc/passwd", False),
    ('https://example.org/"onmouseover="x', False),
    ("Minutes of the 3 Oct board", False),
])
def test_evidence_links_only_for_http_urls(evidence, linked):
    from bs4 import BeautifulSoup

    from hmic_cli.render.board_rows import evidence as render

    soup = BeautifulSoup(f"<p>{render(evidence)}</p>", "html.parser")
    links = soup.find_all("a")
    assert bool(links) is linked and soup.get_text() == evidence
    if linked:
        assert links[0]["href"] == evidence


def test_version_2_edit_entries_change_no_status_in_the_pack(tmp_path):
    """An edit entry (schema version 2) is an update in the tables, never a status in the trend or figures."""
    openpyxl = pytest.importorskip("openpyxl")
    from hmic_cli.render import xlsx

    bundled = json.loads((Path(__file__).resolve().parents[1] / "data" / "recommendations.json").read_text("utf-8"))
    if bundled.get("schema_version") != 2:
        pytest.skip("the bundled data is not version 2 on this branch")
    plain, edited = tmp_path / "plain.json", tmp_path / "edited.json"
    plain.write_text(json.dumps(bundled), encoding="utf-8")
    rec = bundled["recommendations"][2]
    rec["history"].append({"on": "2014-03-02", "edit": {"field": "owner", "from": None, "to": "DI Patel"},
                           "note": "Owner set.", "by": "Clerk"})
    rec["owner"] = "DI Patel"
    signed = bundled["recommendations"][3]
    signed["history"] += [{"on": "2014-03-05", "status": "awaiting-sign-off", "note": "Proposed.", "by": "DI Patel",
                           "evidence": "https://intranet.example/minutes"},
                          {"on": "2014-03-09", "status": "complete", "note": "Signed off.", "by": "ACC Moreno",
                           "proposed_by": "DI Patel", "proposed_on": "2014-03-05"}]
    signed["status"] = "complete"
    edited.write_text(json.dumps(bundled), encoding="utf-8")
    every = query.Filters(statuses=tuple(Status))
    before, after = (boardpack.build(loading.load(p).dataset, every, date(2014, 3, 20), date(2014, 3, 1))
                     for p in (plain, edited))
    assert after.trend[:-1] == before.trend[:-1]  # NCP-4's sign-off on 9 Mar: one fewer outstanding after
    assert (after.trend[-1].outstanding, after.trend[-1].overdue) == (before.trend[-1].outstanding - 1,
                                                                      before.trend[-1].overdue - 1)
    assert after.figures[0].value == before.figures[0].value - 1
    assert after.figures[3].value == before.figures[3].value - 2  # NCP-3 has an owner, NCP-4 is closed
    page = render_html(after)
    assert "owner now DI Patel (was none)" in page  # an edit entry says what changed, in words
    assert "complete on 9 March 2014, by ACC Moreno (signed off; proposed by DI Patel)" in page
    out = io.BytesIO()
    xlsx.board_pack(board_paper.build(after), out)
    out.seek(0)
    log = openpyxl.load_workbook(out)["Log"]
    assert ["NCP-3", "owner: - -> DI Patel"] in [[r[1].value, r[4].value] for r in log.iter_rows(min_row=2)]
