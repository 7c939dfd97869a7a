"""JUnit XML for CI test reporters: one testsuite per report, one testcase per recommendation.

Failing items are `<failure>`s; every other checked item passes (complete and superseded ones
included, with their status in `<system-out>`), so the totals add up to what was checked.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from hmic_cli.render.text import standing
from hmic_cli.sanitize import inert, one_line


def _text(value: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped: show them as `\\x1b`."""
    return inert(value)


def check(verdict, out: TextIO) -> None:
    failing = {id(i) for i in verdict.failing}
    by_report = defaultdict(list)
    for item in verdict.checked:
        by_report[item.report.id].append(item)
    root = ET.Element("testsuites", name="hmic check", tests=str(len(verdict.checked)),
                      failures=str(len(verdict.failing)), errors="0", skipped="0", time="0")
    for report_id, items in by_report.items():
        report = items[0].report
        fails = sum(id(i) in failing for i in items)
        suite = ET.SubElement(root, "testsuite", name=one_line(report_id), tests=str(len(items)),
                              failures=str(fails), errors="0", skipped="0", time="0",
                              timestamp=verdict.as_of.isoformat() + "T00:00:00")
        props = ET.SubElement(suite, "properties")
        for name, value in (("title", report.title), ("force", report.force), ("as_of", verdict.as_of.isoformat()),
                            ("fail_on", verdict.policy.value)):
            ET.SubElement(props, "property", name=name, value=one_line(value))
        for item in items:
            rec = item.rec
            case = ET.SubElement(suite, "testcase", classname=one_line(report_id),
                                 name=one_line(f"{rec.id}: {_short(rec.text)}"), time="0")
            if id(item) in failing:
                message = one_line(f"{rec.id} {standing(item)} (due {item.due_date.isoformat()}, "
                                   f"status {rec.status.value})")
                failure = ET.SubElement(case, "failure", message=message, type=verdict.policy.value)
                failure.text = _text(f"{message}\n\n{rec.text}\n\nThemes: {', '.join(rec.themes)}")
            else:
                ET.SubElement(case, "system-out").text = one_line(
                    f"{rec.id}: {standing(item)} (due {item.due_date.isoformat()}, status {rec.status.value})")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
