"""The board paper across issuers: "Themes raised by more than one issuer" (HTML, Word, Excel, read back with
real parsers), and a paper made `--as-of` a past day asks the board only what stood on that day."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from docx import Document
from openpyxl import load_workbook

AS_OF = "2025-06-30"


def _ok(invoke):
    def ok(*args):
        result = invoke(*args)
        assert result.exit_code == 0, result.stderr
        return result

    return ok


def _start(invoke, tmp_path, monkeypatch, toml: str = ""):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HMIC_USER", "Ann Clerk")
    monkeypatch.delenv("HMIC_DATA", raising=False)
    assert invoke("init", "--empty", "tracker.json", "--no-config").exit_code == 0
    (tmp_path / "hmic.toml").write_text('data = "tracker.json"\n' + toml, encoding="utf-8")
    return _ok(invoke)


def _three_issuers(invoke, tmp_path, monkeypatch):
    ok = _start(invoke, tmp_path, monkeypatch)
    ok("report", "add", "--id", "peel", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01")
    ok("report", "add", "--id", "pfd", "--title", "Prevention of future deaths: J Smith", "--force", "Kent",
       "--published", "2025-04-01", "--issuer", "coroner")
    ok("report", "add", "--id", "ia", "--title", "Custody audit", "--force", "Kent", "--published", "2025-04-10",
       "--issuer", "internal-audit")
    for rid, report, theme, text in (
        ("R1", "peel", "custody", "Review the use of force in custody."),
        ("R2", "peel", "custody", "Record every strip search."),
        ("R3", "peel", "training", "Train custody sergeants."),
        ("PFD-1", "pfd", "custody", "Detainees were not checked as often as the plan required."),
        ("IA-1", "ia", "custody", "Cell checks were not recorded."),
        ("IA-2", "ia", "record-keeping", "Property was not logged."),
    ):
        ok("add", "--id", rid, "--report", report, "--deadline", "six-months", "--theme", theme, "--text", text,
           "--on", "2025-04-11")
    ok("update", "R2", "--status", "complete", "--note", "Done.", "--on", "2025-05-01")
    return ok


def _shared_section(html: str):
    return BeautifulSoup(html, "html.parser").find(id="shared-themes")


def test_a_theme_several_issuers_raise_is_shown_in_their_words_in_every_format(invoke, tmp_path, monkeypatch):
    _three_issuers(invoke, tmp_path, monkeypatch)
    html = invoke("report", "--as-of", AS_OF, "--format", "html")
    assert html.exit_code == 0, html.stderr
    section = _shared_section(html.stdout)
    assert section is not None
    rows = section.find("tbody").find_all("tr")
    assert len(rows) == 1  # workforce and investigating crime are each raised by one issuer only
    said = " ".join(rows[0].get_text(" ").split())
    assert said.startswith("Custody")
    assert "HMICFRS: 2 recommendations (1 outstanding)" in said
    assert "Coroner: 1 matter of concern (1 outstanding)" in said
    assert "Internal audit: 1 finding (1 outstanding)" in said
    assert rows[0].find("td", class_="num").get_text(strip=True) == "3"
    assert "internal-audit" not in section.get_text() and "coroner:" not in section.get_text()  # words, not codes

    out = tmp_path / "paper.docx"
    assert invoke("report", "--as-of", AS_OF, "--format", "docx", "--output", str(out)).exit_code == 0
    doc = Document(io.BytesIO(out.read_bytes()))
    assert any(p.text == "Themes raised by more than one issuer (1)" for p in doc.paragraphs)
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Theme"
                 and t.rows[0].cells[1].text == "Issuers, in their words")
    cells = [c.text for c in table.rows[1].cells]
    assert cells[0] == "Custody" and cells[2] == "3"
    assert "Coroner: 1 matter of concern (1 outstanding)" in cells[1]

    book = tmp_path / "paper.xlsx"
    assert invoke("report", "--as-of", AS_OF, "--format", "xlsx", "--output", str(book)).exit_code == 0
    sheet = load_workbook(book)["Summary"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    at = next(n for n, row in enumerate(values) if row[0] == "Themes raised by more than one issuer (1)")
    assert values[at + 1][:3] == ["Theme", "Issuers, in their words", "Outstanding"]
    assert values[at + 2][0] == "Custody" and values[at + 2][2] == 3
    assert "Internal audit: 1 finding (1 outstanding)" in values[at + 2][1]


def test_no_section_when_no_theme_is_shared(invoke, tmp_path, monkeypatch):
    ok = _three_issuers(invoke, tmp_path, monkeypatch)
    ok("edit", "PFD-1", "--add-theme", "information-sharing", "--remove-theme", "custody")
    ok("edit", "IA-1", "--add-theme", "record-keeping", "--remove-theme", "custody")
    html = invoke("report", "--as-of", AS_OF, "--format", "html")
    soup = BeautifulSoup(html.stdout, "html.parser")
    assert soup.find(id="counts") is not None and _shared_section(html.stdout) is None
    assert "more than one issuer" not in soup.get_text()
    ok("edit", "IA-2", "--add-theme", "information-sharing")  # the coroner's theme, now also internal audit's
    section = _shared_section(invoke("report", "--as-of", AS_OF, "--format", "html").stdout)
    said = " ".join(section.get_text(" ").split())
    assert "Information sharing" in said and "Internal audit: 1 finding (1 outstanding)" in said


def _asks(invoke, as_of: str) -> dict[str, str]:
    html = invoke("report", "--as-of", as_of, "--format", "html")
    assert html.exit_code == 0, html.stderr
    asks = BeautifulSoup(html.stdout, "html.parser").find(id="decisions")
    return {li["id"].removeprefix("decision-"): " ".join(li.get_text(" ").split())
            for li in asks.find_all("li", id=True)}


def test_a_past_as_of_day_asks_only_what_stood_then(invoke, tmp_path, monkeypatch):
    ok = _start(invoke, tmp_path, monkeypatch, "max_revisions = 0\nsign_off = true\n")
    ok("report", "add", "--id", "peel", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01",
       "--response-days", "56")
    for rid in ("R1", "R2", "R3"):
        ok("add", "--id", rid, "--report", "peel", "--deadline", "six-months", "--theme", "custody",
           "--text", f"Item {rid}.", "--owner", "DI Patel", "--on", "2025-03-02")
    ok("edit", "R1", "--due", "2025-12-31", "--reason", "New system", "--category", "resources",
       "--on", "2025-04-01", "--by", "DI Patel")
    ok("edit", "R2", "--due", "2026-01-31", "--reason", "Staff moved", "--category", "resources",
       "--on", "2025-05-10", "--by", "DI Patel")  # asked after 20 April
    ok("approve", "R1", "--by", "Supt Okafor", "--on", "2025-05-01")  # decided after 20 April
    ok("update", "R3", "--status", "awaiting-sign-off", "--evidence", "audit.pdf", "--note", "Done.",
       "--on", "2025-05-05", "--by", "DI Patel")
    ok("sign-off", "R3", "--by", "Supt Okafor", "--on", "2025-05-12")
    ok("report", "edit", "peel", "--responded", "2025-04-25")

    before = _asks(invoke, "2025-03-20")  # nothing asked yet, the response still to come
    assert "extensions" not in before and "closures" not in before
    april = _asks(invoke, "2025-04-20")
    assert "R1 to 31 December 2025" in april["extensions"]  # waiting then, approved since
    assert "R2" not in april["extensions"] and "1 extension request" in april["extensions"]  # asked later
    assert "closures" not in april  # R3 proposed on 5 May
    assert "PEEL 2025 (due 26 April 2025)" in april["responses"]  # published on 25 April, after the day
    may = _asks(invoke, "2025-05-06")
    assert "R3" in may["closures"] and "responses" not in may
    assert "extensions" not in may  # R1 decided on 1 May, R2 not asked until 10 May
    later = _asks(invoke, "2025-05-15")
    assert "R2 to 31 January 2026" in later["extensions"] and "R1" not in later["extensions"]
    assert "closures" not in later  # signed off on 12 May


def test_a_past_as_of_day_notes_waivers_and_revised_dates_as_they_stood(invoke, tmp_path, monkeypatch):
    ok = _start(invoke, tmp_path, monkeypatch)
    ok("report", "add", "--id", "peel", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01")
    for rid in ("W1", "W2", "D1"):
        ok("add", "--id", rid, "--report", "peel", "--deadline", "six-months", "--theme", "custody",
           "--text", f"Item {rid}.", "--owner", "DI Patel", "--on", "2025-03-02")
    ok("waive", "W1", "--until", "2025-06-10", "--reason", "Waiting for guidance.", "--on", "2025-05-10")
    ok("waive", "W1", "--until", "2025-12-31", "--reason", "Guidance delayed.", "--on", "2025-06-01")  # renewed later
    ok("waive", "W2", "--until", "2025-06-15", "--reason", "System change.", "--on", "2025-06-05")  # granted later
    ok("edit", "D1", "--due", "2025-10-31", "--reason", "Training moved.", "--on", "2025-05-15")
    ok("update", "D1", "--status", "complete", "--note", "Done.", "--on", "2025-05-25")  # closed after the day
    asks = _asks(invoke, "2025-05-20")
    assert "W1" in asks["waivers"] and "W2" not in asks["waivers"]
    assert "1 waiver ending within 30 days" in asks["waivers"]
    assert "D1" in asks["due-dates"]
    now = _asks(invoke, "2025-06-06")  # W1 renewed to December; W2 granted the day before
    assert "W2" in now["waivers"] and "W1" not in now["waivers"]


def test_a_past_as_of_day_asks_owners_for_items_that_had_none_then(invoke, tmp_path, monkeypatch):
    ok = _start(invoke, tmp_path, monkeypatch)
    ok("report", "add", "--id", "peel", "--title", "PEEL 2025", "--force", "Kent", "--published", "2025-03-01")
    ok("add", "--id", "O1", "--report", "peel", "--deadline", "six-months", "--theme", "custody",
       "--text", "Item O1.", "--on", "2025-03-02")  # no owner, overdue from 2 September
    ok("add", "--id", "O2", "--report", "peel", "--deadline", "six-months", "--theme", "custody",
       "--text", "Item O2.", "--owner", "DI Patel", "--on", "2025-03-02")
    ok("edit", "O1", "--owner", "Supt Okafor", "--on", "2025-09-20")  # given an owner after the day
    asks = _asks(invoke, "2025-09-10")
    assert "O1" in asks["owners"] and "O2" not in asks["owners"]
    assert "owners" not in _asks(invoke, "2025-09-25")


def test_each_reports_counts_are_in_its_issuers_words(invoke, tmp_path, monkeypatch):
    ok = _three_issuers(invoke, tmp_path, monkeypatch)
    ok("add", "--id", "IA-3", "--report", "ia", "--deadline", "six-months", "--theme", "custody",
       "--text", "Keys were not signed for.", "--on", "2025-04-11")
    html = invoke("report", "--as-of", AS_OF, "--format", "html").stdout
    rows = {" ".join(tr.get_text(" ").split()) for tr in BeautifulSoup(html, "html.parser").find_all("tr")}
    assert any(r.startswith("Prevention of future deaths: J Smith") and "1 matter of concern" in r for r in rows)
    assert any(r.startswith("Custody audit") and "3 findings" in r for r in rows)
    assert any(r.startswith("PEEL 2025") and "3 recommendations" in r for r in rows)
