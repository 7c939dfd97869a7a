"""`hmic import`'s preview, as a table and as JSON, of either kind: a report's text (the report and the
items found, as `list` shows them, and the texts already held) or a spreadsheet tracker (the mapping,
each column's heading and the field it was read as; the reports; the items found; those already held;
the rows whose RAG differs from hmic's; every value that could not be read, with its cell). JSON
never imports Rich."""

from __future__ import annotations

from typing import TextIO

from hmic_cli.render.found_grid import found_grid
from hmic_cli.render.grid import Column, Grid, put
from hmic_cli.render.json_format import dump, item_dict
from hmic_cli.render.present import BOLD
from hmic_cli.render.table import item_grid
from hmic_cli.render.terminal import console
from hmic_cli.sanitize import inert, one_line


def table(result, out: TextIO) -> None:
    """What was found (or added), as the recommendations table."""
    if hasattr(result, "columns"):  # a spreadsheet's import
        return _sheet_table(result, out)
    from rich.text import Text

    con = console(out)
    report = result.report
    con.print(Text(one_line(f"{report['title']} — {report['force']}, published {report['published']} "
                            f"[{report['id']}]"), style="bold"))
    n = len(result.items)
    con.print(Text(f"{n} item{'s' if n != 1 else ''} from {one_line(result.source)}"
                   + (f"; {len(result.skipped)} already held" if result.skipped else "")))
    if result.items and getattr(result, "reasons", None):
        con.print()
        put(con, found_grid(result.items, result.reasons))
        checks = sum(1 for r in result.reasons.values() if r["confidence"] == "check")
        if checks:
            con.print(Text(f"? marks {checks} item{'s' if checks != 1 else ''} to check: "
                           "hmic import FILE --explain says why each was taken"))
    elif result.items:
        con.print()
        put(con, item_grid(result.items))
    _carried(con, result)


def _carried(con, result) -> None:
    """The carried-forward links proposed (or, with --link-carried, recorded), one line each."""
    proposals = getattr(result, "carried", None)
    if not proposals:
        return
    from rich.text import Text

    done = set(getattr(result, "superseding", ()))
    con.print()
    con.print(Text(f"Carried forward ({len(proposals)}): re-issues of outstanding items of earlier reports",
                   style="bold"))
    for p in proposals:
        state = f"accepted: {p.earlier} superseded by {p.id}" if p.id in done else "proposed"
        con.print(Text(one_line(f"  {p.words()} ({state})")))
    if len(done) < len(proposals):
        con.print(Text("To supersede each earlier item by its new one, import with --link-carried "
                       "(or later: hmic supersede OLD --by NEW --reason TEXT)."))


def json(result, out: TextIO) -> None:
    """The report and the items found (as in list's JSON), and the texts skipped as held."""
    if hasattr(result, "columns"):  # a spreadsheet's import
        return _sheet_json(result, out)
    dump({
        "report": result.report,
        "count": len(result.items),
        "skipped": len(result.skipped),
        "held": getattr(result, "held", []),
        "recommendations": [_with_reason(item_dict(i), getattr(result, "reasons", {})) for i in result.items],
        "carried_forward": [p.as_dict(p.id in getattr(result, "superseding", ()))
                            for p in getattr(result, "carried", [])],
    }, out)


def _with_reason(entry: dict, reasons: dict) -> dict:
    why = reasons.get(entry.get("id"))
    if why:
        entry.update(rule=why["rule"], because=why["because"], confidence=why["confidence"])
    return entry


def _sheet_table(result, out: TextIO) -> None:
    from rich.text import Text

    con = console(out)
    con.print(Text(one_line(f"{result.file}, sheet {result.sheet}: headings in row {result.header_row}, "
                            f"{result.rows} rows below"), style="bold"))
    put(con, Grid([Column("Column"), Column("Heading", wrap=True), Column("Read as", wrap=True)],
                  [[c.letter, one_line(c.heading), c.field or f"(not used: {c.why})"] for c in result.columns]))
    for r in result.reports:
        con.print(Text(one_line(f"{'New report' if r.get('new') else 'Report'}: {r['title']} — {r['force']}, "
                                f"published {r['published']} [{r['id']}]")))
    n = len(result.items)
    con.print(Text(f"{n} item{'s' if n != 1 else ''} to add; {len(result.held)} already held; "
                   f"{result.blank} blank rows" + (f"; {len(result.problems)} values could not be read"
                                                   if result.problems else "")))
    if result.items:
        con.print()
        put(con, item_grid(result.items))
    if result.held:
        con.print()
        put(con, Grid([Column("Row", right=True), Column("Already held as"), Column("Text", wrap=True)],
                      [[str(h["row"]), (one_line(h["id"]), BOLD), inert(h["text"])] for h in result.held]))
    if result.rag:
        con.print()
        put(con, Grid([Column("ID"), Column("Cell"), Column("Sheet's RAG"), Column("hmic's RAG")],
                      [[(one_line(r["id"]), BOLD), one_line(r["cell"]), r["sheet"], r["derived"]]
                       for r in result.rag], title=f"RAG differs as of {result.as_of.isoformat()}"))
    if result.problems:
        con.print()
        put(con, Grid([Column("Cell"), Column("Could not be read", wrap=True)],
                      [[one_line(p.path), inert(p.message)] for p in result.problems]))


def _sheet_json(result, out: TextIO) -> None:
    dump({
        "file": result.file,
        "sheet": result.sheet,
        "header_row": result.header_row,
        "as_of": result.as_of.isoformat(),
        "columns": [{"column": c.letter, "heading": c.heading, "field": c.field} for c in result.columns],
        "rows": result.rows,
        "blank": result.blank,
        "reports": result.reports,
        "count": len(result.items),
        "recommendations": [item_dict(i) for i in result.items],
        "held": result.held,
        "rag_differs": result.rag,
        "problems": [{"cell": p.path, "message": p.message} for p in result.problems],
    }, out)
