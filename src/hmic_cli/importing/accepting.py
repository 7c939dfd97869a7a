"""`hmic import --accepted REVIEW.md --into T`: the ticked items of a review file (see `review_file`)
brought in with the types, deadlines and parents as edited there; the report from the file's details
(flags such as --title still win). No source file is read. A second run adds nothing: the items are
then held, and skipped as any import skips them.

Problems are usage errors (exit 2) naming the line: an item line that cannot be read, a type or
deadline hmic does not know, a due date that is not a date, a parent that is not a ticked item of
the file. Nothing is written when any line is wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hmic_cli.command_requests import Import
from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.importing.additions import note_held, plan_import, preview
from hmic_cli.importing.found import Found
from hmic_cli.importing.job import Job
from hmic_cli.importing.review_file import DETAILS
from hmic_cli.render.found_grid import DEADLINE_WORDS, TYPE_WORDS

_ITEM = re.compile(r"^\s*[-*]\s*\[(?P<tick>[ xX])\]\s*(?P<rest>\S.*)$")
_DETAIL = re.compile(r"^\s*-\s*(?P<label>[A-Za-z ]+):\s*(?P<value>.*)$")
_SPLIT = re.compile(r"\s*(?<!\\)\|\s*")
_NAMED = re.compile(r"^(?P<name>deadline|due|parent|why)\s*:\s*(?P<value>.*)$", re.I)
_TYPES = {**{words: code for code, words in TYPE_WORDS.items()}, **{code: code for code in TYPE_WORDS}}
_DEADLINES = {**{words: code for code, words in DEADLINE_WORDS.items()}, **{code: code for code in DEADLINE_WORDS}}


def _read_lines(path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(str(path), [Problem(f"cannot be read as UTF-8 text: {exc}")],
                        "give the review file written by hmic import REPORT --review-file FILE") from None


def _item(rest: str, where: str) -> dict:
    parts = [part.replace("\\|", "|") for part in _SPLIT.split(rest.strip())]
    if len(parts) < 3:
        raise UsageError(f"{where}: an item line needs an id, a type and the text, separated by '|'",
                         "keep the line as hmic wrote it, changing only the tick, type, deadline or parent")
    named, text = {}, []
    for part in parts[2:]:
        found = _NAMED.match(part)
        if found and found.group("name").lower() not in named:
            named[found.group("name").lower()] = found.group("value").strip()
        else:
            text.append(part)
    kind = _TYPES.get(parts[1].strip().lower())
    if kind is None:
        raise UsageError(f"{where}: '{parts[1]}' is not a type",
                         "use recommendation, area for improvement, cause of concern or accelerated cause of concern")
    deadline = _DEADLINES.get(named.get("deadline", "none").lower())
    if deadline is None:
        raise UsageError(f"{where}: '{named['deadline']}' is not a deadline",
                         "use " + ", ".join(DEADLINE_WORDS.values()))
    due_text = named.get("due", "-")
    try:
        due = None if due_text in ("", "-") else date.fromisoformat(due_text)
    except ValueError:
        raise UsageError(f"{where}: due date '{due_text}' is not a date", "write it as YYYY-MM-DD, or -") from None
    if deadline == "by-date" and due is None:
        raise UsageError(f"{where}: a deadline 'by a date' needs its due date", "write it as due: YYYY-MM-DD")
    return {"id": parts[0].strip(), "type": kind, "deadline": deadline, "due": due,
            "parent": named.get("parent", "-").strip(), "text": " | ".join(text).strip()}


def read_review(path) -> tuple[dict, list[Found]]:
    """(the report's details, the ticked items as Found with parents as indexes) of a review file."""
    details, ticked, ids = {}, [], {}
    in_items = False
    labels = {label.lower(): key for label, key in DETAILS}
    for number, line in enumerate(_read_lines(path), start=1):
        if line.strip().lower() == "## items":
            in_items = True
            continue
        found = _ITEM.match(line) if in_items else None
        if found:
            entry = _item(found.group("rest"), f"{path}, line {number}")
            if found.group("tick") != " ":
                entry["line"] = number
                ids[entry["id"]] = len(ticked)
                ticked.append(entry)
            continue
        detail = None if in_items else _DETAIL.match(line)
        if detail and detail.group("label").strip().lower() in labels:
            details[labels[detail.group("label").strip().lower()]] = detail.group("value").replace("\\|", "|").strip()
    items = []
    for entry in ticked:
        parent = None
        if entry["parent"] not in ("", "-"):
            if entry["parent"] not in ids:
                raise UsageError(f"{path}, line {entry['line']}: parent {entry['parent']} is not a ticked item of "
                                 "this file", "tick that item, or write parent: -")
            parent = ids[entry["parent"]]
        items.append(Found(entry["type"], entry["text"], entry["text"], entry["deadline"], entry["due"], parent, 0,
                           rule="accepted", because=f"ticked in {path.name}"))
    return details, items


def job(request: Import, today: date):
    details, found = read_review(request.accepted)
    if not found:
        raise UsageError(f"{request.accepted}: no item is ticked", "tick the items to bring in: - [x]")
    meta = {key: details[key] for key in ("title", "force") if details.get(key)}
    if details.get("published"):
        try:
            meta["published"] = date.fromisoformat(details["published"])
        except ValueError:
            raise UsageError(f"{request.accepted}: Published '{details['published']}' is not a date",
                             "write it as YYYY-MM-DD") from None
    request = replace(request, report=request.report or details.get("id"),
                      inspectorate=request.inspectorate or details.get("inspectorate"))
    name = details.get("source") or request.accepted.name
    return Job(
        make=plan_import(request, found, meta, name, today),
        result=lambda plan: preview(**plan.details, skipped=plan.skipped, as_of=request.as_of, source=name),
        after=lambda plan, shown: note_held(plan.details["held"]),
        preview_note=f"Read {len(found)} ticked items from {request.accepted.name}; preview only: add --into FILE "
                     "to add them to a tracker.")
