"""Property-based: mutated data files through the real CLI exit 0 or 3, never crash, and exit 0
only when an independent oracle (the JSON Schema via `jsonschema`, plus the cross-reference rules
written out again here) says the file is valid."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hmic_cli.cli import app
from hmic_cli.store.loading import bundled_path
from tests.conftest import PINNED_ENV

BASE = json.loads(bundled_path().read_text(encoding="utf-8"))


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, prefix + (i,))


PATHS = [p for p in paths(BASE) if p]
VALUES = [None, 0, -1, 1, 1.5, True, "", "x", [], {}, "2014-02-30", "2014-02-28", "open", "complete", "NCP-1",
          "six-months", "by-date", "multi-agency", "nope", ["multi-agency"], "[bold]x[/bold]", "\x1b[31m"]
INJECT = ["", ",", "}", "]", '"', "\\", "\x00", "\x1b[2J", "<<<<<<< HEAD\n", "\ufeff", "\xff", "NaN", '"x": 1,',
          "[bold]", "\u202e", "\n=======\n"]


def get_parent(doc, path):
    node = doc
    for part in path[:-1]:
        node = node[part]
    return node


def mutate(data, kind: str, path, value, position: int, snippet: str) -> bytes:
    doc = json.loads(json.dumps(BASE))
    if kind in ("drop", "retype", "duplicate"):
        parent = get_parent(doc, path)
        if kind == "drop":
            del parent[path[-1]]
        elif kind == "retype":
            parent[path[-1]] = value
        elif isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        else:
            text = json.dumps(doc, indent=2)
            key = json.dumps(path[-1]) + ": "
            at = text.find(key)
            return (text[:at] + key + json.dumps(value) + ", " + text[at:]).encode()
        return json.dumps(doc, indent=2).encode()
    text = json.dumps(doc, indent=2, ensure_ascii=False).encode()
    position %= len(text) + 1
    if kind == "truncate":
        return text[:position]
    return text[:position] + snippet.encode("utf-8", "surrogatepass") + text[position:]


# The data file's rules written out here from the README's data section, not taken from hmic's own
# `schema` command: an oracle built from hmic's output would agree with hmic's mistakes.
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}\Z", "format": "date"}
_TEXT = {"type": "string", "minLength": 1}
_STRING = {"type": "string"}
_OPTIONAL = {"type": ["string", "null"]}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"}
_STATUS = {"enum": ["open", "in-progress", "awaiting-sign-off", "complete", "superseded"]}


def _object(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(required),
            "properties": required | (optional or {})}


def _array(items: dict, min_items: int = 0) -> dict:
    return {"type": "array", "items": items, "minItems": min_items}


SCHEMA = _object(
    {"schema_version": {"const": 1, "type": "integer"},
     "reports": _array(_object({"id": _SLUG, "title": _TEXT, "inspectorate": _TEXT, "force": _TEXT,
                                "published": _DATE, "source": _TEXT},
                               {"published_note": _OPTIONAL, "url": _OPTIONAL})),
     "themes": _array(_object({"id": _SLUG, "label": _TEXT, "description": _STRING})),
     "recommendations": _array(_object(
         {"id": {"type": "string", "pattern": r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,30}[A-Za-z0-9])?\Z"},
          "report": _TEXT, "text": _TEXT,
          "deadline": {"enum": ["immediate", "three-months", "six-months", "twelve-months", "by-date", "none"]},
          "themes": _array(_STRING, 1), "status": _STATUS},
         {"type": {"enum": ["recommendation", "area-for-improvement", "cause-of-concern"]},
          "quote": _OPTIONAL, "due": {"anyOf": [_DATE, {"type": "null"}]}, "owner": _OPTIONAL,
          "waiver": {"anyOf": [{"type": "null"}, _object({"until": _DATE, "reason": _TEXT}, {"by": _OPTIONAL})]},
          "due_revisions": _array(_object({"on": _DATE, "previous": {"anyOf": [_DATE, {"type": "null"}]},
                                           "due": _DATE, "reason": _TEXT}, {"by": _OPTIONAL})),
          "history": _array(_object({"on": _DATE, "status": _STATUS, "note": _STRING},
                                    {"by": _OPTIONAL, "evidence": _OPTIONAL}))}))},
    {"$schema": _OPTIONAL},
)
# Version 2 (README, "A team's tracker"): every version 1 field, plus parents, actions, edit entries,
# sign-off fields on entries, and report prefixes.
_ID = SCHEMA["properties"]["recommendations"]["items"]["properties"]["id"]
_CHANGE = _object({"field": {"enum": ["text", "owner", "themes", "type", "deadline", "due", "parent", "waiver",
                                       "priority", "answers", "superseded_by", "carried_forward_from"]},
                   "from": {"anyOf": [_STRING, {"type": "null"}, _array(_STRING)]},
                   "to": {"anyOf": [_STRING, {"type": "null"}, _array(_STRING)]}})
SCHEMA_V2 = json.loads(json.dumps(SCHEMA))
SCHEMA_V2["properties"]["schema_version"] = {"const": 2, "type": "integer"}
SCHEMA_V2["properties"]["reports"]["items"]["properties"]["prefix"] = {
    "anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,14}[A-Za-z0-9])?\Z"}]}
_ITEM = SCHEMA_V2["properties"]["recommendations"]["items"]
_ITEM["properties"]["type"]["enum"].append("action")
_ITEM["properties"]["parent"] = {"anyOf": [{"type": "null"}, _ID]}
_ITEM["properties"]["carried_forward_from"] = {"anyOf": [{"type": "null"}, _ID]}
# Every issuer (issue 32): a report's issuer (a slug), an item's priority, the items an action answers, the
# later item that supersedes it.
SCHEMA_V2["properties"]["reports"]["items"]["properties"]["issuer"] = {
    "anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"}]}
_ITEM["properties"]["priority"] = {"anyOf": [{"type": "null"},
                                             {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,23}\Z"}]}
_ITEM["properties"]["answers"] = {"anyOf": [{"type": "null"}, _array(_ID)]}
_ITEM["properties"]["superseded_by"] = {"anyOf": [{"type": "null"}, _ID]}
_ENTRY = _ITEM["properties"]["history"]["items"]
_ENTRY["required"].remove("status")
_ENTRY["properties"].update({"status": {"anyOf": [_STATUS, {"type": "null"}]},
                             "edit": {"anyOf": [{"type": "null"}, _CHANGE]},
                             "proposed_by": _OPTIONAL, "proposed_on": {"anyOf": [_DATE, {"type": "null"}]}})
# The inspectorate's cycle (README, "The inspectorate's cycle"): optional fields of version 2 only.
_NULL = {"type": "null"}
_ITEM["properties"]["type"]["enum"].append("accelerated-cause-of-concern")
SCHEMA_V2["properties"]["reports"]["items"]["properties"].update({
    "response_days": {"anyOf": [_NULL, {"type": "integer", "minimum": 1, "maximum": 3660}]},
    "responded": {"anyOf": [_DATE, _NULL]}, "response_url": _OPTIONAL})
_CATEGORY = {"anyOf": [_NULL, {"enum": ["resources", "partner-dependency", "national-dependency", "scope-change",
                                        "other"]}]}
_ITEM["properties"].update({
    "response": _OPTIONAL,
    "inspectorate_status": {"anyOf": [_NULL, _object(
        {"status": {"enum": ["being-progressed", "awaiting-review", "complete", "no-further-action-needed",
                             "partly-achieved", "disputed"]}, "on": _DATE}, {"note": _OPTIONAL})]},
    "verified": {"anyOf": [_NULL, _object({"on": _DATE, "note": _TEXT}, {"by": _OPTIONAL, "evidence": _OPTIONAL})]},
    "extension_request": {"anyOf": [_NULL, _object({"on": _DATE, "due": _DATE, "reason": _TEXT},
                                                   {"category": _CATEGORY, "by": _OPTIONAL})]}})
_ITEM["properties"]["due_revisions"]["items"]["properties"].update(
    {"category": _CATEGORY, "requested_by": _OPTIONAL, "approved_on": {"anyOf": [_DATE, _NULL]}})
_CHANGE["properties"]["field"]["enum"] += ["response", "inspectorate", "verified", "extension"]
_PARENTS = {"action": {"recommendation", "area-for-improvement"},
            "recommendation": {"cause-of-concern", "accelerated-cause-of-concern"},
            "area-for-improvement": {"cause-of-concern", "accelerated-cause-of-concern"}, "cause-of-concern": set(),
            "accelerated-cause-of-concern": set()}
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if isinstance(value, str):
        datetime.strptime(value, "%Y-%m-%d")
    return True


def oracle(raw: bytes) -> bool:
    """Valid by rules stated independently of hmic's code."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
        dup = []

        def hook(pairs):
            if len({k for k, _ in pairs}) != len(pairs):
                dup.append(pairs)
            return dict(pairs)

        doc = json.loads(text, object_pairs_hook=hook, parse_constant=lambda c: float("nan"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    if dup or "<<<<<<< " in text or "\n=======\n" in text:
        return False
    version = doc.get("schema_version") if isinstance(doc, dict) else None
    schema = SCHEMA_V2 if version == 2 and type(version) is int else SCHEMA
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMATS)
    if not validator.is_valid(doc):
        return False
    for kind in ("reports", "themes", "recommendations"):
        ids = [e["id"] for e in doc[kind]]
        if len(ids) != len(set(ids)):
            return False
    reports = {r["id"] for r in doc["reports"]}
    themes = {t["id"] for t in doc["themes"]}
    for rec in doc["recommendations"]:
        if rec["report"] not in reports or not set(rec["themes"]) <= themes:
            return False
        if rec["deadline"] == "by-date" and rec.get("due") is None:
            return False
        history = rec.get("history", [])
        if [h["on"] for h in history] != sorted(h["on"] for h in history):
            return False
        if any((h.get("status") is None) == (h.get("edit") is None) for h in history):
            return False
        if any(h.get("edit") is not None and (h.get("proposed_by"), h.get("proposed_on")) != (None, None)
               for h in history):
            return False
        said = [h["status"] for h in history if h.get("status") is not None]
        if said and said[-1] != rec["status"]:
            return False
        kind = rec.get("type") or "recommendation"
        parent = next((p for p in doc["recommendations"] if p["id"] == rec.get("parent")), None)
        answers = rec.get("answers")
        if rec.get("parent") is None and kind == "action" and not answers:
            return False
        if answers is not None and (kind != "action" or any(
                a == rec["id"] or (next((p for p in doc["recommendations"] if p["id"] == a), {"type": "action"})
                                   .get("type") or "recommendation") == "action" for a in answers)):
            return False
        if _supersede_broken(rec, doc["recommendations"]):
            return False
        if rec.get("parent") is not None and (parent is None or parent is rec
                                              or (parent.get("type") or "recommendation") not in _PARENTS[kind]):
            return False
        earlier = rec.get("carried_forward_from")
        if earlier is not None and (earlier == rec["id"] or earlier not in {p["id"] for p in doc["recommendations"]}):
            return False
        if version == 1 and kind == "action":
            return False
        revisions = rec.get("due_revisions", [])
        if [r["on"] for r in revisions] != sorted(r["on"] for r in revisions):
            return False
        if revisions and revisions[-1]["due"] != rec.get("due"):
            return False
        published = next(r["published"] for r in doc["reports"] if r["id"] == rec["report"])
        if published > "9998-12-31" and rec.get("due") is None and rec["deadline"] not in ("by-date", "none"):
            return False
    return True


def _supersede_broken(rec: dict, recs: list[dict]) -> bool:
    """`superseded_by` names another item of the file, and following it never comes back to `rec`."""
    later = rec.get("superseded_by")
    if later is None:
        return False
    by_id = {p["id"]: p for p in recs}
    seen = {rec["id"]}
    while later is not None:
        if later in seen or later not in by_id:
            return later == rec["id"] or later not in by_id
        seen.add(later)
        later = by_id[later].get("superseded_by")
    return False


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["drop", "retype", "duplicate", "truncate", "inject"]),
    path=st.sampled_from(PATHS),
    value=st.sampled_from(VALUES),
    position=st.integers(min_value=0, max_value=20_000),
    snippet=st.sampled_from(INJECT) | st.text(max_size=4),
)
def test_mutated_files_exit_0_or_3_and_0_only_when_valid(kind, path, value, position, snippet):
    from typer.testing import CliRunner

    raw = mutate(BASE, kind, path, value, position, snippet)
    expected_valid = oracle(raw)
    event("valid" if expected_valid else "invalid")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "data.json"
        target.write_bytes(raw)
        runner = CliRunner(env=PINNED_ENV)
        for args in (["validate", str(target)], ["--data", str(target), "check", "--fail-on", "never"]):
            result = runner.invoke(app, args)
            assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
            assert "Traceback" not in result.output
            assert result.exit_code == (0 if expected_valid else 3), (args, kind, path, value, result.output)


def test_the_oracle_tells_valid_from_invalid():
    """The oracle is not trivially false: some mutations are valid, and hmic agrees."""
    assert oracle(bundled_path().read_bytes())
    assert oracle(mutate(BASE, "retype", ("recommendations", 0, "owner"), "x", 0, ""))
    assert oracle(mutate(BASE, "drop", ("recommendations", 0, "type"), None, 0, ""))
    assert not oracle(mutate(BASE, "retype", ("recommendations", 0, "owner"), 0, 0, ""))
    assert not oracle(mutate(BASE, "duplicate", ("themes", 0), None, 0, ""))


def test_the_oracle_names_the_same_fields_as_the_models():
    """The oracle is written apart from hmic, but a field added to the models must be added here too."""
    from hmic_cli.models import RECOMMENDATION_FIELDS

    assert set(SCHEMA_V2["properties"]["recommendations"]["items"]["properties"]) == set(RECOMMENDATION_FIELDS)
    assert not oracle(mutate(BASE, "retype", ("recommendations", 0, "history", 0, "on"), "2014-02-30", 0, ""))
    assert not oracle(mutate(BASE, "retype", ("recommendations", 0, "id"), "NCP-1\n", 0, ""))
