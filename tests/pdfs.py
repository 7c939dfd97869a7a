"""Test PDFs laid out as reports come: a running header and a "Page N of M" footer (fpdf2)."""

from __future__ import annotations


def report_pdf(header: str | None, from_page: int = 1):
    """An FPDF document whose pages from `from_page` on carry `header` at the top, and every page a footer."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            if header and self.page_no() >= from_page:
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    return Report()
