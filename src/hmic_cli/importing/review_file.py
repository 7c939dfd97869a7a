"""`hmic import FILE --explain` (the outline, each block's decision and reason) and `--review-file FILE`
(the findings as a Markdown task list to tick and edit, then `hmic import --accepted FILE --into T`).

The review file is self-contained: the report's details (title, force, published, report id, source,
inspectorate) as "- Name: value" lines, then under "## Items" one line per item:

    - [x] MPCR-1 | cause of concern | deadline: none | due: - | parent: - | The force does not ... | why: ... (high)

ticked (`[x]`) when the confidence is high, unticked when it is `check`. The id is the one the item
would be given now; type, deadline and parent are in words, and "|" inside a text is written "\\|".
Nothing is written to a tracker.
"""

from __future__ import annotations

from datetime import date

from hmic_cli.command_requests import Import
from hmic_cli.errors import EXIT_OK, UsageError
from hmic_cli.importing.additions import no_items, plan_import, read_findings
from hmic_cli.messages import note
from hmic_cli.output import write_text
from hmic_cli.render.found_grid import DEADLINE_WORDS, type_words
from hmic_cli.store import loading
from hmic_cli.store.atomic import write_output

DETAILS = (("Title", "title"), ("Force", "force"), ("Published", "published"), ("Report id", "id"),
           ("Inspectorate", "inspectorate"), ("Source", "source"))


def explain_or_write(request: Import) -> int:
    if not request.source:
        raise UsageError("--explain and --review-file read a report: give its file", "hmic import REPORT --explain")
    source, meta, found = read_findings(request)
    if request.explain:
        write_text(outline(found, source.name))
        return EXIT_OK
    if not found:
        raise no_items(source, found)
    text, count, held = review_text(request, found, meta, source.name)
    write_output(request.review_file, text.encode("utf-8"))
    note(f"Wrote {count} items to {request.review_file}" + (f" ({held} already held left out)" if held else "")
         + f"; tick the ones to keep, then: hmic import --accepted {request.review_file} --into TRACKER")
    return EXIT_OK


def outline(found, name: str) -> str:
    """Each block of the text, in order, with what was decided and why (see `importing.found.Decision`)."""
    lines = [f"Outline of {name}: {len(found)} items found" + (f", {len(found.closed)} closed" if found.closed else "")]
    for decision in found.decisions:
        block = decision.block
        words = " ".join(block.text.split())
        shown = words if len(words) <= 70 else words[:69] + "…"
        indent = "  " * (1 + block.indent // 2) if block.kind == "bullet" else ""
        lines.append(f"{block.line:>5}  {block.kind:<7} {indent}{shown}")
        verdict = decision.decision
        if decision.decision == "item":
            if decision.item is None:
                verdict = "item, left out (closed, or given again later)"
            else:
                verdict = f"item {decision.item + 1} [{found[decision.item].confidence}]"
        lines.append(f"{'':>5}  {'':<7} -> {verdict}: {decision.reason}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def review_text(request: Import, found, meta: dict, source_name: str) -> tuple[str, int, int]:
    """(the review file's Markdown, items in it, items left out as already held)."""
    loaded = loading.load(request.into or request.data)
    plan = plan_import(request, found, meta, source_name, date.today())(loaded)
    report, added, reasons = plan.details["report"], plan.details["added"], plan.details["reasons"]
    out = [f"# Review: {_cell(report['title'])}", ""]
    shown = {**report, "source": source_name}
    out += [f"- {label}: {_cell(shown.get(key, ''))}" for label, key in DETAILS if shown.get(key)]
    out += ["", "Tick (`[x]`) the items to bring in and untick the others; you may change an item's type, deadline",
            "or parent (the id of a cause of concern in this list, or -). Then run:",
            f"`hmic import --accepted {request.review_file.name} --into TRACKER`", "", "## Items", ""]
    for entry in added:
        why = reasons.get(entry["id"], {})
        tick = "x" if why.get("confidence", "high") == "high" else " "
        out.append(f"- [{tick}] {entry['id']} | {type_words(entry['type'])} "
                   f"| deadline: {DEADLINE_WORDS.get(entry['deadline'], entry['deadline'])} "
                   f"| due: {entry.get('due') or '-'} | parent: {why.get('parent') or '-'} | {_cell(entry['text'])} "
                   f"| why: {_cell(why.get('because', ''))} ({why.get('confidence', 'high')})")
    return "\n".join(out) + "\n", len(added), len(plan.details["held"])
