"""Reading reports for `hmic import`: each kind of file to plain text lines, and every way reading can fail."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from hmic_cli.errors import EXIT_DATA, EXIT_USAGE, DataError, UsageError
from hmic_cli.importing import Source, find, read_source
from hmic_cli.importing import sources as sources_module

SAMPLES = Path(__file__).resolve().parent / "import_samples"
HEADER = "Southfield Police - Stop and search inspection 2030"
LONG = ("Within three months the force should review how officers record the grounds for every stop and search, "
        "and make sure that supervisors check a sample of the records each month.")


# --- plain text and standard input -------------------------------------------------------------------

def test_text_file_is_read_as_it_is(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Recommendations\r\n\r\n- The force should act.\r\n", encoding="utf-8")
    source = read_source(str(path))
    assert source == Source("Recommendations\n\n- The force should act.\n", "text", "report.txt")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks_are_honoured(tmp_path, encoding):
    path = tmp_path / "report.TXT"
    path.write_text("Café recommendations\n", encoding=encoding)
    assert read_source(str(path)).text == "Café recommendations\n"


def test_form_feeds_become_blank_lines(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_text("one\ftwo\n", encoding="utf-8")
    assert read_source(str(path)).text == "one\n\ntwo\n"


def test_stdin_text():
    source = read_source("-", "Recommendations\n\n- Within six months the force should act.\n")
    assert (source.kind, source.name) == ("text", "<stdin>")
    assert [item.deadline for item in find(source.text, None)] == ["six-months"]


def test_stdin_is_sniffed_for_html_and_markdown():
    html = read_source("-", "<!DOCTYPE html><html><body><h2>Recommendations</h2><ul><li>Act.</li></ul></body></html>")
    assert (html.kind, html.text) == ("html", "Recommendations\n\n- Act.\n")
    markdown = read_source("-", "## Areas for improvement\n\n* The force **should** act.\n")
    assert (markdown.kind, markdown.text) == ("markdown", "Areas for improvement\n\n- The force should act.\n")


def test_stdin_is_read_when_no_text_is_given(monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Recommendations\n\n- Act now.\n"))
    assert read_source("-").text == "Recommendations\n\n- Act now.\n"


# --- Markdown ------------------------------------------------------------------------------------------

def test_markdown_sample_keeps_its_lines_and_list_structure():
    path = SAMPLES / "westmoor-vetting.md"
    source = read_source(str(path))
    assert source.kind == "markdown" and source.name == "westmoor-vetting.md"
    lines = source.text.split("\n")
    assert len(source.text.splitlines()) == len(path.read_text(encoding="utf-8").splitlines())
    assert lines[0] == "Westmoor Police: vetting and counter-corruption"
    assert lines[10] == "Causes of concern"
    assert lines[17] == "- Within 8 weeks, the force should clear the backlog of vetting renewals."
    assert lines[19] == "  vulnerable people."
    assert "See the full methodology for how" in source.text
    for markup in ("#", "**", "](", "> "):
        assert markup not in source.text


def test_markdown_nested_lists_fences_and_rules():
    text = ("Title\n=====\n\n1. First:\n   * inner one\n   * inner two\n2) Second\n\n```\n- not a list\n```\n"
            "***\n| a | b |\n|---|---|\n")
    from hmic_cli.importing.markdown_text import markdown_to_text

    assert markdown_to_text(text).split("\n") == [
        "Title", "", "", "- First:", "  - inner one", "  - inner two", "- Second", "", "", "", "", "",
        "| a | b |", "|---|---|", ""]


@pytest.mark.parametrize("line", ["[" * 100_000, "<!--" * 25_000 + "-->", "<a " * 33_000, "**" * 50_000,
                                  "x" + "`" * 100_000, "x" + "_a" * 50_000])
def test_markdown_pathological_lines_take_linear_time(line):
    from hmic_cli.importing.markdown_text import markdown_to_text

    assert markdown_to_text(line + "\nRecommendations\n").split("\n")[-2] == "Recommendations"


def test_markdown_comments_links_and_code():
    from hmic_cli.importing.markdown_text import markdown_to_text

    text = "Keep <!-- hidden\nstill hidden --> this\n[[see](u) ![img](i.png) `code` <span>x</span>\n<!-- open\nrest"
    assert markdown_to_text(text) == "Keep\nthis\n[see  code x\n"  # line numbers kept; unclosed comment runs on


# --- HTML ----------------------------------------------------------------------------------------------

def test_html_sample_drops_furniture_and_keeps_structure():
    source = read_source(str(SAMPLES / "eastvale-missing.html"))
    assert source.kind == "html"
    lines = source.text.split("\n")
    assert lines[0] == "Eastvale Police: how the force looks for missing children"
    assert "Recommendations" in lines
    assert "- put in place arrangements to ensure that:" in lines
    assert "  - high-risk cases are reviewed by an inspector;" in lines
    assert "- The force should improve how it uses maps of where children go missing from." in lines
    for furniture in ("analytics", "font-family", "Inspectorate home", "Home", "footer", "Page 1 of 1",
                      "<", "should be read in full"):
        assert furniture not in source.text


def test_html_paragraph_whitespace_collapses_and_br_breaks_lines(tmp_path):
    path = tmp_path / "r.htm"
    path.write_text("<p>The   force\n   should <b>act</b>.<br>Next line</p><ol><li>One<li>Two</ol>"
                    "<table><tr><td>Cell one</td><td>Cell two</td></tr></table>", encoding="utf-8")
    assert read_source(str(path)).text == "The force should act.\nNext line\n\n- One\n- Two\n\nCell one\n\nCell two\n"


def test_html_nested_thousands_deep_is_read_without_overflow():
    source = read_source("-", "<html><body>" + "<div>" * 5000 + "<h2>Recommendations</h2><ul><li>Act."
                         + "<ul><li>Deeper" * 2000 + "</body></html>")
    lines = source.text.split("\n")
    assert lines[:3] == ["Recommendations", "", "- Act."]
    assert lines[-2] == "  " * 2000 + "- Deeper"


def test_html_charset_from_meta(tmp_path):
    path = tmp_path / "old.html"
    path.write_bytes('<meta charset="windows-1252"><p>Caf\xe9 \x93quotes\x94</p>'.encode("latin-1"))
    assert read_source(str(path)).text == "Café “quotes”\n"


# --- PDF -----------------------------------------------------------------------------------------------

def make_pdf(path: Path, pages: list[list[str]], *, header: str | None = HEADER, user_password: str | None = None,
             owner_password: str | None = None) -> Path:
    from fpdf.enums import EncryptionMethod

    from tests.pdfs import report_pdf

    pdf = report_pdf(header)
    if owner_password is not None:
        pdf.set_encryption(owner_password=owner_password, user_password=user_password or "",
                           encryption_method=EncryptionMethod.RC4)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    path.write_bytes(bytes(pdf.output()))
    return path


PDF_PAGES = [
    ["Southfield Police: stop and search", "Published on: 9 October 2030",
     "Inspectors looked at 200 records of stop and search and spoke to officers and people who had been stopped."],
    ["Recommendations", LONG, "The force should immediately:", "- stop using paper forms;",
     "- brief every officer on the new guidance."],
    ["Areas for improvement", "- The force should improve how it explains the results of searches to the public.",
     "Officers we spoke to were keen to learn."],
]


def test_pdf_is_read_page_by_page_without_furniture(tmp_path):
    source = read_source(str(make_pdf(tmp_path / "southfield.pdf", PDF_PAGES)))
    assert source.kind == "pdf" and source.name == "southfield.pdf"
    assert HEADER not in source.text
    assert "Page" not in source.text
    lines = source.text.split("\n")
    assert LONG in lines  # the wrapped paragraph is one line again
    assert "- stop using paper forms;" in lines and "Areas for improvement" in lines
    found = find(source.text, date(2030, 10, 9))
    assert [(item.type, item.deadline, item.text) for item in found] == [
        ("recommendation", "three-months", LONG),
        ("recommendation", "immediate", "Stop using paper forms."),
        ("recommendation", "immediate", "Brief every officer on the new guidance."),
        ("area-for-improvement", "none",
         "The force should improve how it explains the results of searches to the public.")]


def test_pdf_single_page_keeps_its_only_header(tmp_path):
    source = read_source(str(make_pdf(tmp_path / "one.pdf", [PDF_PAGES[1]])))
    assert source.text.startswith(HEADER)  # one page cannot show a header repeating
    assert "Page 1 of 1" not in source.text


def test_pdf_readable_with_an_empty_user_password(tmp_path):
    path = make_pdf(tmp_path / "owner.pdf", PDF_PAGES, owner_password="owner-only")
    assert LONG in read_source(str(path)).text


def test_pdf_encrypted_with_a_password_is_refused(tmp_path):
    path = make_pdf(tmp_path / "locked.pdf", PDF_PAGES, owner_password="owner", user_password="secret")
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    assert caught.value.exit_code == EXIT_DATA
    assert caught.value.file == str(path)
    assert "encrypted" in caught.value.message and "unprotected copy" in caught.value.hint


def test_pdf_damaged_is_refused_quietly(tmp_path, capfd):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    assert "not a readable PDF" in caught.value.message
    assert capfd.readouterr().err == ""  # pypdf's own warnings do not leak to the terminal


def test_pdf_without_text_is_refused(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    assert "no text" in caught.value.message and "OCR" in caught.value.hint


# --- failures --------------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    with pytest.raises(DataError) as caught:
        read_source(str(tmp_path / "nowhere.txt"))
    assert caught.value.exit_code == EXIT_DATA
    assert caught.value.message == "no such file" and "check the path" in caught.value.hint


def test_folder(tmp_path):
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    with pytest.raises(DataError) as caught:
        read_source(str(folder))
    assert "folder" in caught.value.message


def test_unreadable_file(tmp_path):
    import os

    path = tmp_path / "secret.txt"
    path.write_text("x", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running with privileges that read any file")
        with pytest.raises(DataError) as caught:
            read_source(str(path))
        assert "permission denied" in caught.value.message
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("name", ["report.docx", "report", "report.json"])
def test_unknown_kind_is_a_usage_error(tmp_path, name):
    with pytest.raises(UsageError) as caught:
        read_source(str(tmp_path / name))
    assert caught.value.exit_code == EXIT_USAGE
    assert name in caught.value.message and ".txt, .md, .html or .pdf" in caught.value.hint


def test_undecodable_text_says_where(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Recommendations\nCaf\xe9 society\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 4)
    assert "not UTF-8" in problem.message and "0xe9" in problem.message
    assert "UTF-8" in caught.value.hint


def test_binary_content_is_refused(tmp_path):
    path = tmp_path / "binary.md"
    path.write_bytes(b"# Title\n\x00\x01\x02")
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    assert "binary" in caught.value.message and caught.value.problems[0].line == 2


def test_reading_is_bounded(tmp_path, monkeypatch):
    monkeypatch.setattr(sources_module, "MAX_BYTES", 64)
    path = tmp_path / "big.txt"
    path.write_text("x" * 65, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_source(str(path))
    assert "larger than 64 bytes" in caught.value.message
    path.write_text("x" * 64, encoding="utf-8")
    assert read_source(str(path)).text == "x" * 64
    with pytest.raises(DataError):
        read_source("-", "y" * 65)
