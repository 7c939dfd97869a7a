"""`hmic import` on hostile or awkward input (issue 24 classes 2, 3, 4, 6): it stays linear, bounds what
a PDF may ask for, reads HTML as a browser does, and blames the right party with the right exit code.
Through a real `hmic` process where a timeout (forked: tests/forked.py), standard input or a library's
warning on stderr is the point (pytest records warnings in its own process, so only a real stderr shows
one); the rest in this process (`tests.inprocess`), with the environment a real run would have."""

from __future__ import annotations

import io
import json
import os
import subprocess
import types
from pathlib import Path

import pytest

from tests import forked, inprocess
from tests.conftest import HMIC

META = ("--published", "2031-04-04", "--force", "Westshire Police", "--title", "Custody")
REC = "The force should review its custody training."


def env() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GITHUB_", "FORCE_COLOR"))} | {
        "NO_COLOR": "1", "COLUMNS": "120"}


def hmic(*args) -> subprocess.CompletedProcess:
    return inprocess.run(args, env())


def hmic_process(*args, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([HMIC, *map(str, args)], env=env(), input=stdin, capture_output=True, timeout=timeout)


def hmic_timed(*args, timeout: float) -> subprocess.CompletedProcess:
    """A real process that the timeout kills (forked from this one, tests/forked.py: the timeout then
    bounds the command's own work, not Python's start-up too)."""
    return forked.run(args, env(), timeout=timeout)


def texts(done: subprocess.CompletedProcess) -> list[str]:
    assert done.returncode == 0, done.stderr.decode()
    return [item["text"] for item in json.loads(done.stdout)["recommendations"]]


# --- class 2: linear in the input --------------------------------------------------------------------
# Each shape took tens of seconds to minutes at these sizes when a regex backtracked over a run; linear,
# each takes well under a second beyond start-up. A quadratic step cannot finish within the timeout.

SHAPES = {
    "bullet-spaces.txt": f"Recommendations\n\n- The force should{' ' * 40_000}- review its policy.\n",
    "ideographic.txt": f"Recommendations\n\nThe force should{chr(0x3000) * 40_000}review its policy.\n",
    "heading.md": f"# Recommendations{' ' * 120_000}\n\n- {REC}\n",
    "underscores.md": f"# Recommendations\n\n- {REC}\n\n- The force should sign form{'_' * 40_000}B.\n",
}

FOUND = {"bullet-spaces.txt": ["The force should - review its policy."],
         "ideographic.txt": ["The force should review its policy."],
         "heading.md": [REC], "underscores.md": [REC, f"The force should sign form{'_' * 40_000}B."]}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_runs_that_once_backtracked_import_in_linear_time(tmp_path, name):
    path = tmp_path / name
    path.write_text(SHAPES[name], encoding="utf-8")
    done = hmic_timed("import", path, *META, "--format", "json", timeout=45)
    assert texts(done) == FOUND[name]


def test_ids_for_many_items_come_from_one_scan_of_the_held_ids(invoke, tmp_path, monkeypatch):
    """Importing N items into a tracker that holds M ids with the same prefix reads the M ids once
    (about M + N pattern matches), not once per new id (N x M)."""
    from hmic_cli import plans

    tracker = tmp_path / "t.json"
    assert invoke("init", "--empty", str(tracker)).exit_code == 0
    held = tmp_path / "held.txt"
    held.write_text("Recommendations\n\n" + "".join(f"- The force should act on matter {i}.\n" for i in range(300)))
    assert invoke("import", str(held), *META, "--report", "wc", "--prefix", "WC", "--into", str(tracker)).exit_code == 0
    calls = {"match": 0}
    real = plans.re

    class Counting:
        def __init__(self, pattern):
            self.pattern = pattern

        def match(self, text):
            calls["match"] += 1
            return self.pattern.match(text)

    shim = types.SimpleNamespace(**{name: getattr(real, name) for name in dir(real) if not name.startswith("__")})
    shim.compile = lambda *args, **kwargs: Counting(real.compile(*args, **kwargs))
    monkeypatch.setattr(plans, "re", shim)
    more = tmp_path / "more.txt"
    more.write_text("Recommendations\n\n" + "".join(f"- The force should review area {i}.\n" for i in range(300)))
    result = invoke("import", str(more), *META, "--report", "wc", "--prefix", "WC", "--into", str(tracker))
    assert result.exit_code == 0, result.output
    assert 300 <= calls["match"] <= 300 + 10  # once per held id; a scan per new id would be 90,000
    ids = [r["id"] for r in json.loads(tracker.read_text())["recommendations"]]
    assert ids[-1] == "WC-600" and len(set(ids)) == 600


# --- class 3: PDFs as they come -------------------------------------------------------------------------

def _text_pdf(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Recommendations", "", REC):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_pdf_with_only_an_owner_password_aes_128_imports(tmp_path):
    pytest.importorskip("fpdf")
    from pypdf import PdfReader, PdfWriter

    plain = _text_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="only-the-owner", algorithm="AES-128")
    locked = tmp_path / "aes.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert PdfReader(locked).is_encrypted
    assert texts(hmic("import", locked, *META, "--format", "json")) == [REC]


def test_a_small_pdf_whose_pages_draw_one_large_stream_is_refused_quickly(tmp_path):
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    writer = PdfWriter()
    operation = b"BT /F1 12 Tf 72 720 Td (The force should review its custody training) Tj ET\n"
    stream = StreamObject()
    stream.set_data(operation * (1024 * 1024 // len(operation)))
    content = writer._add_object(stream.flate_encode())
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for _ in range(220):  # 220 pages x the same 1 MB stream: past the 200 MiB bound
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Contents")] = content
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 100_000
    done = hmic_timed("import", path, *META, timeout=60)  # extracting it all takes many minutes
    assert done.returncode == 3
    err = done.stderr.decode()
    assert "bytes of page content" in err and "bomb.pdf" in err and "Traceback" not in err


# --- class 4: HTML as a browser reads it -----------------------------------------------------------------

HIDDEN = f"""<!DOCTYPE html>
<html><head><title>The force should title this.</title></head><body>
<h2>Recommendations</h2>
<![CDATA[The force should cdata this.]]>
<?php echo "The force should php this."; ?>
<template><p>The force should template this.</p></template>
<script>var a = "<p>The force should script this.</p>";</script>
<style>/* The force should style this. */</style>
<noscript><p>The force should noscript this.</p></noscript>
<!-- <p>The force should comment this.</p> -->
<p>{REC}</p>
</body></html>
"""


def test_text_a_browser_never_shows_never_becomes_an_item(tmp_path):
    path = tmp_path / "hidden.html"
    path.write_text(HIDDEN, encoding="utf-8")
    assert texts(hmic("import", path, *META, "--format", "json")) == [REC]


@pytest.mark.parametrize(("label", "body", "expected"), [
    ("utf-16", "The force should review the detainees’ rights leaflet.".encode(),
     "The force should review the detainees’ rights leaflet."),
    ("UTF-16LE", "The force should review the detainees’ rights leaflet.".encode(),
     "The force should review the detainees’ rights leaflet."),
    ("utf-7", b"The force should review +AGEA- leaflet.", "The force should review +AGEA- leaflet."),
    ("no-such-charset", b"The force should review the leaflet.", "The force should review the leaflet."),
    ("latin1", "The force should review the detainees’ rights leaflet.".encode("cp1252"),
     "The force should review the detainees’ rights leaflet."),
])
def test_meta_charset_is_read_as_the_encoding_standard_says(tmp_path, label, body, expected):
    page = (b'<html><head><meta charset="' + label.encode() + b'"></head><body><h2>Recommendations</h2><p>'
            + body + b"</p></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page)
    assert texts(hmic("import", path, *META, "--format", "json")) == [expected]


@pytest.mark.parametrize("page", ["https://www.example.org/inspections/westshire-custody-2031.html",
                                  "westshire-custody-2031.html"])
def test_a_page_that_looks_like_a_link_or_a_file_name_gives_no_library_warning(tmp_path, page):
    path = tmp_path / "link.html"
    path.write_text(page, encoding="utf-8")
    done = hmic_process("import", path, *META)
    err = done.stderr.decode()
    assert done.returncode == 3 and "were found" in err
    assert "Warning" not in err and "BeautifulSoup" not in err, err


def test_no_library_warning_reaches_stderr(tmp_path):
    path = tmp_path / "xhtml.html"
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<html><body><h2>Recommendations</h2><p>{REC}</p>'
                    "</body></html>\n", encoding="utf-8")
    done = hmic_process("import", path, *META, "--format", "json")
    assert texts(done) == [REC]
    err = done.stderr.decode()
    assert "Warning" not in err and "warn" not in err.lower(), err


# --- class 6: exit codes that say who is at fault ---------------------------------------------------------

@pytest.mark.parametrize(("flag", "value"), [("--report", "Bad_Id"), ("--prefix", "../x"), ("--prefix", "A" * 40)])
def test_bad_import_metadata_is_a_usage_error_naming_the_flag(tmp_path, flag, value):
    path = tmp_path / "r.txt"
    path.write_text(f"Recommendations\n\n- {REC}\n", encoding="utf-8")
    tracker = tmp_path / "t.json"
    assert hmic("init", "--empty", tracker).returncode == 0
    before = tracker.read_bytes()
    for into in ((), ("--into", tracker)):
        done = hmic("import", path, *META, flag, value, *into)
        assert done.returncode == 2, done.stderr.decode()
        assert flag in done.stderr.decode() and "Traceback" not in done.stderr.decode()
    assert tracker.read_bytes() == before


def test_undecodable_bytes_on_standard_input_name_standard_input_and_utf8():
    done = hmic_process("import", "-", *META, stdin=b"Recommendations\n\n- The force should \xff\xfe review it.\n")
    assert done.returncode == 3
    err = done.stderr.decode()
    assert "standard input" in err and "UTF-8" in err and "surrogate" not in err and "Traceback" not in err
