"""SARIF 2.1.0 for code scanning (`check --format sarif`): one result per failing item at the line of its
`id` in the tracker; a waived item is a result with an accepted external suppression carrying the
waiver's reason; warnings (`--warn-within`) are `warning` results; each change that rewrites the record
(`--against`) is an `error` result at its place. Valid against the OASIS SARIF 2.1.0 schema (tests)."""

from __future__ import annotations

import json
from typing import TextIO
from urllib.parse import quote

from hmic_cli import __version__
from hmic_cli.jsontext.locate import id_lines
from hmic_cli.render.github import annotation_path
from hmic_cli.render.present import due_text, standing
from hmic_cli.sanitize import inert

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
RULES = {
    "overdue": ("Recommendation overdue", "An outstanding recommendation is past its due date."),
    "outstanding": ("Recommendation outstanding", "A recommendation is not complete or superseded."),
    "due-soon": ("Recommendation due soon", "An outstanding recommendation falls due within --warn-within days."),
    "record-rewritten": ("Record rewritten", "The change rewrites the tracker's past: a history entry changed or "
                         "removed, an item, report or theme removed, a due date moved without a revision, a closure "
                         "without the evidence or sign-off required, or a waiver extended without a reason."),
}


def _rule(rule_id: str) -> dict:
    name, text = RULES[rule_id]
    return {"id": rule_id, "name": "".join(w.capitalize() for w in name.split()), "shortDescription": {"text": name},
            "fullDescription": {"text": text},
            "defaultConfiguration": {"level": "warning" if rule_id == "due-soon" else "error"}}


def check(verdict, out: TextIO, source=None) -> None:
    """`source` is the tracker as read (`store.loading.Loaded`): results point at its lines."""
    lines = id_lines(source.text()) if source is not None and (verdict.failing or verdict.waived
                                                               or verdict.warnings) else {}
    uri = quote(annotation_path(source.path)) if source is not None else None  # a URI reference
    policy_rule = "outstanding" if verdict.policy.value == "outstanding" else "overdue"
    rule_ids = [policy_rule, "due-soon", "record-rewritten"]
    index = {r: n for n, r in enumerate(rule_ids)}
    results = []

    def location(line: int | None, column: int | None = None) -> list[dict]:
        if uri is None:
            return []
        physical: dict = {"artifactLocation": {"uri": uri}}
        if line:
            physical["region"] = {"startLine": line, **({"startColumn": column} if column else {})}
        return [{"physicalLocation": physical}]

    def item_result(item, rule: str, level: str) -> dict:
        rec = item.rec
        text = inert(f"{rec.id} {standing(item)} (due {due_text(item)}, status {rec.status.value}): {rec.text}")
        return {"ruleId": rule, "ruleIndex": index[rule], "level": level, "message": {"text": text},
                "locations": location(lines.get(rec.id)),
                "partialFingerprints": {"hmicItem/v1": rec.id},
                "properties": {"id": rec.id, "report": rec.report, "due_date": due_text(item),
                               "days_left": item.days_left, "status": rec.status.value}}

    for item in verdict.failing:
        results.append(item_result(item, policy_rule, "error"))
    for item in verdict.waived:
        result = item_result(item, policy_rule, "error")
        waiver = item.rec.waiver
        justification = f"waived until {waiver.until.isoformat()}: {waiver.reason}" + (
            f" (by {waiver.by})" if waiver.by else "")
        result["suppressions"] = [{"kind": "external", "status": "accepted", "justification": inert(justification)}]
        results.append(result)
    for item in verdict.warnings:
        results.append(item_result(item, "due-soon", "warning"))
    for finding in verdict.rewrites:
        results.append({"ruleId": "record-rewritten", "ruleIndex": index["record-rewritten"], "level": "error",
                        "message": {"text": inert(finding.message)},
                        "locations": location(finding.line, finding.column),
                        "partialFingerprints": {"hmicRecord/v1": f"{finding.kind}:{finding.id}:{finding.path}"},
                        "properties": {"kind": finding.kind, "id": finding.id, "path": finding.path}})
    run = {
        "tool": {"driver": {"name": "hmic", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(r) for r in rule_ids]}},
        "invocations": [{"executionSuccessful": True,
                         "properties": {"as_of": verdict.as_of.isoformat(), "fail_on": verdict.policy.value,
                                        "verdict": "pass" if verdict.passed else "fail"}}],
        "results": results,
    }
    if uri is not None:
        run["artifacts"] = [{"location": {"uri": uri}, "mimeType": "application/json"}]
    out.write(json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False))
    out.write("\n")
