"""`check --format github|junit|sarif` on a tracker that cannot be read: its one error, in the format CI
reads, at the file and line (the message on stderr and exit 3 are as for every format), so the CI run
shows the broken line rather than nothing."""

from __future__ import annotations

import json
from pathlib import Path

from hmic_cli import __version__
from hmic_cli.errors import DataError
from hmic_cli.render.github import _data, _property, annotation_path
from hmic_cli.render.junit import _attr, _escaped, _quoted, _text

FORMATS = ("github", "junit", "sarif")


def _first(error: DataError) -> tuple[str, int | None, int | None]:
    problem = error.problems[0] if error.problems else None
    message = f"{error.file}: {problem.message if problem else error.message}"
    return message, problem.line if problem else None, problem.column if problem else None


def rendered(name: str, error: DataError) -> str:
    """The error as format `name` writes it."""
    message, line, column = _first(error)
    where = annotation_path(Path(error.file))
    if name == "github":
        place = f"file={_property(where)}" + (f",line={line}" if line else "") + (f",col={column}" if column else "")
        return f"::error {place},title={_property('Tracker cannot be read')}::{_data(message)}\n"
    if name == "junit":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="hmic check" tests="1" failures="0" '
                'errors="1">\n  <testsuite name="hmic check" tests="1" failures="0" errors="1">\n'
                f'    <testcase classname="tracker" name={_quoted(_attr(where))}>\n'
                f'      <error type="unreadable" message={_quoted(_attr(message))}>{_escaped(_text(message))}'
                '</error>\n    </testcase>\n  </testsuite>\n</testsuites>\n')
    region = {"startLine": line} | ({"startColumn": column} if column else {}) if line else None
    location = {"physicalLocation": {"artifactLocation": {"uri": where}} | ({"region": region} if region else {})}
    run = {"tool": {"driver": {"name": "hmic", "version": __version__, "rules": [
        {"id": "tracker-unreadable", "shortDescription": {"text": "Tracker cannot be read"}}]}},
        "results": [{"ruleId": "tracker-unreadable", "level": "error", "message": {"text": message},
                     "locations": [location]}]}
    return json.dumps({"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
                       "runs": [run]}, indent=2, ensure_ascii=False) + "\n"
