"""`hmic import`: a report's items found by `importing`, given ids, themes and a report, then previewed or
appended to a tracker through the one write path. A second import of the same text adds nothing."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from hmic_cli import defaults, importing, plans, query
from hmic_cli.command_requests import Import
from hmic_cli.errors import DataError, Problem, UsageError
from hmic_cli.history import needs_v2
from hmic_cli.importing import report_issuer, report_meta
from hmic_cli.importing.carried import RESTATED, SAME_WORDING, Proposal, accepted
from hmic_cli.importing.held import Holdings, carried_forward, force_key
from hmic_cli.importing.issuer_detect import detect_issuer
from hmic_cli.importing.job import Job
from hmic_cli.importing.restated import refers_back, restated_from
from hmic_cli.importing.reviewing import review_on_terminal
from hmic_cli.issuer_registry import of_name
from hmic_cli.issuers import check_priority
from hmic_cli.messages import note
from hmic_cli.models import ITEM_ID, RECOMMENDATION, REPORT, SLUG
from hmic_cli.query import Item, item
from hmic_cli.sanitize import one_line
from hmic_cli.store import loading
from hmic_cli.store.transaction import Plan
from hmic_cli.triage import Matcher
from hmic_cli.vocabulary import Deadline, RecType

CAUSES = ("cause-of-concern", "accelerated-cause-of-concern")


@dataclass
class Preview:
    """What an import found (and, with --into, added): the report and the items as `list` shows them."""

    report: dict
    items: list[Item]
    skipped: list[str]  # the ids of the items already held
    as_of: date
    source: str
    held: list[dict] = field(default_factory=list)  # {"id", "text"}: each item found that the tracker holds
    reasons: dict[str, dict] = field(default_factory=dict)  # id -> {"rule", "because", "confidence"} (`why`)
    carried: list = field(default_factory=list)  # carried.Proposal: each item found that re-issues an earlier one
    superseding: list[str] = field(default_factory=list)  # the new ids whose earlier item is superseded (accepted)


def why(found, parents: dict[int, str]) -> dict:
    """What the preview says of an item found: the rule that took it, why, how sure, and its parent's id."""
    return {"rule": found.rule, "because": found.because, "confidence": found.confidence,
            "parent": parents.get(found.parent) if found.parent is not None else None}


def check_request(request: Import) -> None:
    """Flags that cannot make a valid report or item id are usage errors (exit 2) naming the flag."""
    if request.report is not None and not re.fullmatch(SLUG, request.report):
        raise UsageError(f"--report {request.report!r} is not a report id",
                         "use lower-case letters and digits in words joined by '-' (e.g. kent-custody-2024)")
    if request.prefix is not None and not (re.fullmatch(ITEM_ID, f"{request.prefix}-99999")
                                           and request.prefix[-1:].isalnum()):
        raise UsageError(f"--prefix {request.prefix!r} cannot start an item id",
                         "use letters, digits, '.', '_' or '-', starting and ending with a letter or digit, "
                         f"at most {32 - 6} characters (ids are PREFIX-N)")


def _report(request: Import, meta: dict, source_name: str, existing: dict) -> dict:
    """The report entry: an existing one named by --report, else one from the flags and the text."""
    if request.report and request.report in existing:
        report_issuer.check(existing[request.report], request.issuer, meta.get("issuer"))
        return existing[request.report]
    published = request.published or meta.get("published")
    title = request.title or meta.get("title") or meta.get("title_from_name")
    force = request.force or meta.get("force")
    for flag, value in (("--published", published), ("--title", title), ("--force", force)):
        if not value:
            raise UsageError(f"the report's {flag[2:]} is neither given nor found in the text",
                             f"give {flag} (and --report ID to name the report)")
    base = report_meta.slug(force, title, str(published.year))
    same = existing.get(base)
    if not request.report and same and same["published"] == published.isoformat() and same["force"] == force:
        report_issuer.check(same, request.issuer, meta.get("issuer"))
        return same  # the same report imported again
    report_id = request.report or report_meta.unique_slug(base, set(existing))
    inspectorate = request.inspectorate
    issuer = request.issuer or meta.get("issuer")
    if not inspectorate and issuer and issuer != "hmicfrs":
        inspectorate = of_name(issuer).label
    entry = {"id": report_id, "title": title,
             "inspectorate": inspectorate or report_meta.inspectorate_for(published), "force": force,
             "published": published.isoformat()}
    if request.url:
        entry["url"] = request.url
    if request.response_days is not None:  # issue 31: the response clock
        entry["response_days"] = request.response_days
    entry["source"] = f"Imported with hmic from {source_name}"
    if issuer:  # `import --issuer`, or read from the text (a schema_version 1 tracker refuses the flag alone)
        entry["issuer"] = issuer
    return entry


def plan_import(request: Import, found: list, meta: dict, source_name: str, today: date):
    """The plan-maker for `transaction.apply`: report (if new), `untriaged` (if needed) and the new items."""

    def make(loaded: loading.Loaded) -> Plan:
        dataset = loaded.dataset
        theme_ids = [t.id for t in dataset.themes]
        query.known("theme", request.themes, theme_ids)
        existing = {r.id: _as_dict(r) for r in dataset.reports}
        report = _report_for(request, meta, source_name, existing, dataset.schema_version)
        holdings = Holdings.of(dataset, report["force"], report["id"])  # the held of this report's force alone
        matcher = Matcher([(t.id, t.label, t.description) for t in dataset.themes])
        taken = {r.id for r in dataset.recommendations}
        prefix = request.prefix or report.get("prefix") or plans.prefix_for(report["id"])
        published = date.fromisoformat(report["published"])
        on = min(published, today)
        ids = plans.fresh_ids(prefix, taken)  # one scan of the held ids for the whole import
        new, skipped, untriaged, proposals = [], [], False, []
        reasons: dict[str, dict] = {}
        back = getattr(found, "refers_back", False)
        parents: dict[int, str] = {}
        for n, f in enumerate(found):
            held_as = holdings.held_as([f.text, f.quote], report["id"], report["force"], published)
            if held_as:
                skipped.append({"id": held_as, "text": f.text})
                parents[n] = held_as
                continue
            themes = list(dict.fromkeys(matcher.match(f.text) + request.themes))
            if not themes:
                themes, untriaged = [defaults.UNTRIAGED], True
            item_id = next(ids)
            parents[n] = item_id
            note = f"Imported from {source_name}" + (f", line {f.line}" if f.line else "")
            if f.parent is not None and f.parent in parents:
                note += f"; under cause of concern {parents[f.parent]}"
            carried, match = _carried(holdings, f, report["force"], published, back)
            if carried and dataset.schema_version >= 2:
                proposals.append(Proposal(item_id, carried, match))
            holdings.add(item_id, f.text, report["id"], report["force"], published, outstanding=False)
            new.append(carried_forward(plans.item_dict(plans.NewItem(
                report=report["id"], text=f.text, quote=f.quote, deadline=Deadline(f.deadline), due=f.due,
                type=RecType(f.type), themes=themes, owner=request.owner, by=request.by, note=note + "."), item_id, on),
                carried,
                dataset.schema_version))
            _with_links(new[-1], f, parents, report, dataset.schema_version)
            reasons[item_id] = why(f, parents)
        append: dict[str, list[dict]] = {"recommendations": new}
        if new and report["id"] not in existing:
            append["reports"] = [report_meta.with_prefix(report, prefix, dataset.schema_version)]
        if untriaged and defaults.UNTRIAGED not in theme_ids:
            append["themes"] = [{"id": defaults.UNTRIAGED, "label": "Untriaged",
                                 "description": "Imported items no theme matched: give them a theme with hmic edit."}]
        proposals, edits, recorded = accepted(dataset, proposals, report["title"], on, request)
        return Plan(append=append, edits=edits, message=_said(new, skipped, len(found), source_name, proposals,
                                                              recorded),
                    skipped=[s["id"] for s in skipped],
                    details={"report": report, "added": new, "held": skipped, "reasons": reasons,
                             "carried": proposals, "superseding": recorded})

    return make


def _carried(holdings: Holdings, found, force: str, published: date, back: bool) -> tuple[str | None, str]:
    """The outstanding item of an earlier report of the force that `found` re-issues (the same wording, or a cause
    of concern restated when the text refers back), and how it matched."""
    carried = holdings.carried_from([found.text, found.quote], force, published)
    if carried is None and back and found.type in CAUSES:
        return restated_from(found.text, holdings.outstanding.get(force_key(force), {}), published), RESTATED
    return carried, SAME_WORDING


def _report_for(request: Import, meta: dict, source_name: str, existing: dict, version: int) -> dict:
    """The import's report; on a version 1 tracker `--issuer` is refused and an issuer read from the text left out."""
    report = _report(request, meta, source_name, existing)
    if version < 2:
        if request.issuer:
            needs_v2(version, "a report's issuer")
        report.pop("issuer", None)
    return report


def _with_links(entry: dict, found, parents: dict[int, str], report: dict, version: int) -> None:
    """A new item's priority (in its issuer's words) and its parent: the cause of concern it answers (version 2)."""
    priority = priority_of(found, report, version)
    if priority:
        entry["priority"] = priority
    if version >= 2 and found.parent is not None and found.parent in parents:
        entry["parent"] = parents[found.parent]


def _said(new: list[dict], skipped: list[dict], found: int, source_name: str, proposals: list | None = None,
          recorded: list[str] | None = None) -> str:
    if not new:
        return f"Nothing to add: the tracker already holds all {found} items of {source_name}."
    message = f"Added {len(new)} items ({new[0]['id']}..{new[-1]['id']}) from {source_name}"
    if recorded:
        message += "; superseded " + ", ".join(f"{p.earlier} by {p.id}" for p in proposals if p.id in recorded)
    return message + (f"; {len(skipped)} already held were skipped" if skipped else "")


def priority_of(found, report: dict, schema_version: int) -> str | None:
    """A found item's priority label as its issuer words it (schema_version 2), or None when the issuer
    knows no such priority (the label is then left out, never a reason to refuse the import)."""
    label = getattr(found, "priority", None)
    if not label or schema_version < 2:
        return None
    try:
        return check_priority(of_name(report.get("issuer") or "hmicfrs"), label)
    except UsageError:
        return None


def _as_dict(report) -> dict:
    from pydantic_core import to_jsonable_python

    return {k: v for k, v in to_jsonable_python(report).items() if v is not None}


def preview(report: dict, added: list[dict], skipped: list[str], as_of: date, source: str,
            held: list[dict] | None = None, reasons: dict | None = None, carried: list | None = None,
            superseding: list[str] | None = None) -> Preview:
    model = REPORT.validate_json(json.dumps(report))
    items = [item(RECOMMENDATION.validate_json(json.dumps(d)), model, as_of) for d in added]
    return Preview(report, items, skipped, as_of, source, held or [], reasons or {}, carried or [], superseding or [])


def note_held(held: list[dict], limit: int = 10) -> None:
    """Name on stderr each item found that the tracker already holds ("already held as WM-3: ...")."""
    for h in held[:limit]:
        text = one_line(h["text"])
        note(f"already held as {h['id']}: {text if len(text) <= 90 else text[:89] + '…'}")
    if len(held) > limit:
        note(f"... and {len(held) - limit} more already held")


def read_findings(request: Import):
    """(source, meta, found) for a report's text: read, its details and its items (closed ones noted)."""
    check_request(request)
    stdin_text = importing.sources.read_stdin() if request.source == "-" else None
    source = importing.read_source(request.source, stdin_text)
    meta = importing.metadata(source.text)
    issuer = detect_issuer(source.text)
    if issuer and issuer != "hmicfrs":
        meta["issuer"] = issuer  # who wrote it, where the text says so (`--issuer` wins)
    if "title" not in meta and request.source != "-":
        meta["title_from_name"] = _title_from_name(source.name)
    published = request.published or meta.get("published")
    found = importing.find(source.text, published, source.levels)
    found.refers_back = refers_back(source.text)
    closed = getattr(found, "closed", [])
    if closed and found:
        note(f"Left out {len(closed)} items that {source.name} says are closed: "
             + "; ".join(item.text[:60] for item in closed[:5]) + ("; ..." if len(closed) > 5 else ""))
    return source, meta, found


def no_items(source, found) -> DataError:
    closed = getattr(found, "closed", [])
    if closed:
        return DataError(source.name, [Problem(f"the text says all {len(closed)} items it gives are closed "
                                               "(a revisit or closure letter): there is nothing open to import")],
                         "record the closures in the tracker with hmic update ID --status complete")
    return DataError(source.name, [Problem("no recommendations, areas for improvement or causes of concern "
                                           "were found in it")],
                     "check it is the report's text (a scanned PDF has none); headings such as "
                     "'Recommendations' or 'Areas for improvement' and deadline wording guide the search; "
                     "hmic import FILE --explain shows how each part was read")


def _title_from_name(name: str) -> str:
    """A title from a file's name when the text has no title line ("kent-custody-2024.txt" -> "Kent custody 2024")."""
    stem = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", name)
    words = " ".join(re.split(r"[-_\s]+", stem)).strip()
    return words[:1].upper() + words[1:] if words else name


def job(request: Import, today: date):
    """A report's text as an import job: its items found, given ids, themes and a report."""
    source, meta, found = read_findings(request)
    if not found:
        raise no_items(source, found)
    if request.review:
        found = review_on_terminal(found, source.name)
    return Job(
        make=plan_import(request, found, meta, source.name, today),
        result=lambda plan: preview(**plan.details, skipped=plan.skipped, as_of=request.as_of, source=source.name),
        after=lambda plan, shown: note_held(plan.details["held"]),
        preview_note=f"Found {len(found)} items in {source.name}; preview only: add --into FILE to add them to a "
                     "tracker.")
