"""JUnit XML for CI test reporters: one testsuite per report, one testcase per recommendation.

Valid against the Jenkins xUnit plugin's `junit-10.xsd`. A test case is named by the item's id (its
classname is the report id), so its history in a CI survives edits of the text; the text goes in the
failure body. Failing items are `<failure>`s, waived ones `<skipped>` with the waiver's reason, and every
other checked item passes (closed ones included, their status in `<system-out>`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TextIO

from hmic_cli.render.text import due_text, standing
from hmic_cli.sanitize import inert, one_line

# Characters XML 1.0 cannot hold at all, even escaped (besides the C0 controls `inert` handles).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    """Text XML 1.0 can hold: control characters and non-characters shown as `\\x1b` / `\\ufffe`."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", inert(value))


def _attr(value: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line(value))


def check(verdict, out: TextIO) -> None:
    failing = {id(i) for i in verdict.failing}
    waived = {id(i) for i in verdict.waived}
    by_report = defaultdict(list)
    for item in verdict.checked:
        by_report[item.report.id].append(item)
    root = ET.Element("testsuites", name="hmic check", tests=str(len(verdict.checked)),
                      failures=str(len(verdict.failing)), errors="0", time="0")
    for report_id, items in by_report.items():
        report = items[0].report
        suite = ET.SubElement(root, "testsuite", name=_attr(report_id), tests=str(len(items)),
                              failures=str(sum(id(i) in failing for i in items)), errors="0",
                              skipped=str(sum(id(i) in waived for i in items)), time="0",
                              timestamp=verdict.as_of.isoformat() + "T00:00:00")
        props = ET.SubElement(suite, "properties")
        for name, value in (("title", report.title), ("force", report.force), ("as_of", verdict.as_of.isoformat()),
                            ("fail_on", verdict.policy.value)):
            ET.SubElement(props, "property", name=name, value=_attr(value))
        for item in items:
            rec = item.rec
            case = ET.SubElement(suite, "testcase", classname=_attr(report_id), name=_attr(rec.id), time="0")
            summary = f"{rec.id} {standing(item)} (due {due_text(item)}, status {rec.status.value})"
            if id(item) in failing:
                if rec.waiver is not None:
                    summary += f"; waiver expired {rec.waiver.until.isoformat()}"
                failure = ET.SubElement(case, "failure", message=_attr(summary), type=verdict.policy.value)
                failure.text = _text(f"{summary}\n\n{rec.text}\n\nThemes: {', '.join(rec.themes)}")
            elif id(item) in waived:
                waiver = rec.waiver
                reason = f"waived until {waiver.until.isoformat()}: {waiver.reason}"
                ET.SubElement(case, "skipped", message=_attr(reason), type="waived").text = _text(
                    f"{summary}\n\n{reason}" + (f" (by {waiver.by})" if waiver.by else ""))
            else:
                ET.SubElement(case, "system-out").text = _text(summary)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
