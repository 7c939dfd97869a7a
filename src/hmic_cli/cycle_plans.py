"""The write commands of the inspectorate's cycle (issue 31), as plans for the one write path:
`report edit` (the response clock and its publication), `update --inspectorate` (the inspectorate's own
status), `verify` (a closure checked after the demonstration period) and `reopen` (a change that did not
hold). Each records an entry in the item's history, with `by`; a refusal is exit 2 with nothing written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from hmic_cli import history, people, reissuing
from hmic_cli.errors import UsageError
from hmic_cli.ids import resolve
from hmic_cli.project import Settings
from hmic_cli.query import find_item
from hmic_cli.store.transaction import Plan
from hmic_cli.vocabulary import InspectorateStatus, Status, word

if TYPE_CHECKING:
    from hmic_cli.store.loading import Loaded


def _find(loaded: Loaded, wanted: str, what: str):
    history.needs_v2(loaded.dataset.schema_version, what)
    return find_item(loaded.dataset, wanted)


@dataclass
class ReportEdit:
    id: str
    response_days: int | None = None
    responded: date | None = None
    response_url: str | None = None  # "" clears it
    clear_responded: bool = False
    issuer: str | None = None  # who issued it (issuers.py)
    by: str | None = None  # who changed it (said in the message: a report has no history)


def _report_sets(change: ReportEdit, report, today: date) -> tuple[dict, list[str]]:
    sets: dict = {}
    said: list[str] = []
    if change.response_days is not None and change.response_days != report.response_days:
        sets["response_days"] = change.response_days
        said.append(f"response due {change.response_days} days after publication")
    if change.responded is not None:
        history.not_future(change.responded, today)
        if change.responded < report.published:
            raise UsageError(f"--responded {change.responded.isoformat()} is before the report was published "
                             f"({report.published.isoformat()})", "give the day the response was published")
        if change.responded != report.responded:
            sets["responded"] = change.responded.isoformat()
            said.append(f"response published {change.responded.isoformat()}")
    if change.clear_responded and report.responded is not None:
        sets["responded"] = None
        said.append("response date cleared")
    if change.response_url is not None and (change.response_url.strip() or None) != report.response_url:
        sets["response_url"] = change.response_url.strip() or None
        said.append("response address " + ("set" if sets["response_url"] else "cleared"))
    if change.issuer is not None and change.issuer != (report.issuer or "hmicfrs"):
        sets["issuer"] = change.issuer
        said.append(f"issuer set to {change.issuer}")
    return sets, said


def edit_report(change: ReportEdit, today: date):
    """A plan-maker for `hmic report edit REPORT`."""
    if change.response_days is not None and not 1 <= change.response_days <= 3660:
        raise UsageError(f"--response-days {change.response_days} is out of range", "give 1 to 3660 days")
    if change.clear_responded and change.responded is not None:
        raise UsageError("--responded and --clear-responded cannot go together", "give one of them")

    def plan(loaded: Loaded) -> Plan:
        dataset = loaded.dataset
        history.needs_v2(dataset.schema_version, "a report's issuer" if change.issuer else "a report's response clock")
        index, report = resolve({r.id: (i, r) for i, r in enumerate(dataset.reports)}, change.id, "report")
        sets, said = _report_sets(change, report, today)
        if "issuer" in sets:
            reissuing.check(dataset, report, sets["issuer"])
            text = reissuing.inspectorate(report, sets["issuer"])
            if text is not None and text != report.inspectorate:
                sets["inspectorate"] = text
                said.append(f"inspectorate {text}")
        if not said:
            raise UsageError(f"nothing to change on report {report.id}",
                             "give --issuer NAME, --response-days N, --responded DATE or --response-url URL")

        def edit(value: dict) -> dict:
            for key, new in sets.items():
                if new is None:
                    value.pop(key, None)
                else:
                    value[key] = new
            return value

        who = f" (by {change.by})" if change.by else ""
        return Plan(reports={index: edit}, message=f"Edited report {report.id}: {'; '.join(said)}{who}")

    return plan


@dataclass
class InspectorateUpdate:
    id: str
    status: InspectorateStatus
    on: date | None = None
    note: str | None = None
    by: str | None = None


def inspectorate(change: InspectorateUpdate, today: date):
    """A plan-maker for `hmic update ID --inspectorate STATUS --on DATE [--note TEXT]`."""
    note = (change.note or "").strip() or None
    if change.status is InspectorateStatus.no_further_action_needed and not note:
        raise UsageError("no further action needed carries its reason: give --note TEXT",
                         "say why the inspectorate needs no further action (it is never 'superseded')")

    def plan(loaded: Loaded) -> Plan:
        index, rec = _find(loaded, change.id, "the inspectorate's status")
        on = change.on or today
        history.not_future(on, today)
        history.from_publication(on, rec, history.published(loaded.dataset, rec))
        before = rec.inspectorate_status
        value = {"status": change.status.value, "on": on.isoformat(), **({"note": note} if note else {})}
        if before is not None and before.status is change.status and before.on == on and before.note == note:
            raise UsageError(f"{rec.id} already has this inspectorate status", "give a different status, date or note")
        said = f"the inspectorate's status: {word(change.status)} on {on.isoformat()}"
        entry = history.edit_entry(on, "inspectorate", before.status.value if before else None, change.status.value,
                                   f"The inspectorate's status: {word(change.status)}"
                                   + (f": {note}" if note else "."), change.by)
        return Plan(edits={index: history.item_edit([entry], {"inspectorate_status": value})},
                     message=f"Recorded {rec.id}: {said}")

    return plan


@dataclass
class Verify:
    id: str
    note: str
    by: str | None
    evidence: str | None = None
    on: date | None = None


def verify(change: Verify, today: date, rules: Settings):
    """A plan-maker for `hmic verify ID --note TEXT [--evidence URL]`."""
    if not (change.note or "").strip():
        raise UsageError("verifying needs --note TEXT", "say how the change was seen to hold")
    if rules.verify_after_days is None:
        raise UsageError("this tracker does not verify closures (no verify_after_days in the project file)",
                         "set verify_after_days = N in hmic.toml to ask for a demonstration period")

    def plan(loaded: Loaded) -> Plan:
        index, rec = _find(loaded, change.id, "a verification")
        if rec.status is not Status.complete:
            raise UsageError(f"{rec.id} is '{word(rec.status)}', not complete: only a closed item "
                             "is verified", f"close it first (hmic update {rec.id} --status complete, or sign-off)")
        if rec.verified is not None:
            raise UsageError(f"{rec.id} was verified on {rec.verified.on.isoformat()}",
                             f"if the change did not hold: hmic reopen {rec.id} --reason TEXT")
        if not change.by:
            raise UsageError(f"cannot tell who is verifying {rec.id}", "give --by NAME or set HMIC_USER")
        if people.same(change.by, rec.owner):
            raise UsageError(f"{change.by} owns {rec.id}: an owner cannot verify their own item",
                             "someone other than the owner verifies it")
        on = change.on or today
        history.not_future(on, today)
        closed = history.closed_on(rec)
        earliest = closed + timedelta(days=rules.verify_after_days) if closed else on
        if on < earliest:
            raise UsageError(f"{rec.id} closed on {closed.isoformat()}: it can be verified from {earliest.isoformat()}"
                             f" ({rules.verify_after_days} days on)", "verify it once the change has held that long")
        value = {"on": on.isoformat(), "by": change.by, "note": change.note.strip(),
                 **({"evidence": change.evidence} if change.evidence else {})}
        entry = history.edit_entry(on, "verified", None, on.isoformat(), f"Verified: {change.note.strip()}", change.by)
        return Plan(edits={index: history.item_edit([entry], {"verified": value})},
                     message=f"Verified {rec.id} on {on.isoformat()} by {change.by}")

    return plan


@dataclass
class Reopen:
    id: str
    reason: str
    by: str | None
    on: date | None = None


def reopen(change: Reopen, today: date):
    """A plan-maker for `hmic reopen ID --reason TEXT`: back to in-progress; its history and any verification
    kept in the history (the verification itself is cleared: the change did not hold)."""
    if not (change.reason or "").strip():
        raise UsageError("reopening needs --reason TEXT", "say why the change did not hold")

    def plan(loaded: Loaded) -> Plan:
        index, rec = _find(loaded, change.id, "reopening an item")
        if rec.status not in (Status.complete, Status.superseded):
            raise UsageError(f"{rec.id} is '{word(rec.status)}', not closed: nothing to reopen",
                             "only a complete or superseded item is reopened")
        on = history.status_day(change.on, today, rec, history.published(loaded.dataset, rec))
        reason = re.sub(r"\s+", " ", change.reason.strip())
        entries = [history.status_entry(on, Status.in_progress, f"Reopened: {reason}", change.by)]
        sets: dict = {}
        if rec.verified is not None:
            sets["verified"] = None
            entries.insert(0, history.edit_entry(on, "verified", rec.verified.on.isoformat(), None,
                                                 f"Verification withdrawn: {reason}", change.by))
        return Plan(edits={index: history.item_edit(entries, sets, status=Status.in_progress.value)},
                     message=f"Reopened {rec.id} on {on.isoformat()}: back to in progress")

    return plan
