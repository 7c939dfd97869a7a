"""Import's carried-forward links: an item found that re-issues an outstanding item of an earlier report of the
same force (the same wording, `held.Holdings.carried_from`; or a cause of concern restated in other words,
`restated.restated_from`) is proposed as "carried forward from OLD" in the preview (table and JSON).

The new item always names the earlier one (`carried_forward_from`, as imports did before): that link only says
where it came from. Superseding the earlier item closes it, which is the user's decision: with
`import --link-carried` each proposal is accepted and the earlier item is superseded by the new one through
`linking.superseded_end`, the step `hmic supersede` takes (a status entry 'Superseded by NEW: ...' and
`superseded_by`), in the same write as the import. Without it, `hmic supersede OLD --by NEW` does it later.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from hmic_cli.history import last_status_entry
from hmic_cli.linking import superseded_end

SAME_WORDING, RESTATED = "same-wording", "restated"
MATCH_WORDS = {SAME_WORDING: "the same wording", RESTATED: "restates it in other words"}


@dataclass(frozen=True, slots=True)
class Proposal:
    id: str  # the new item
    earlier: str  # the item it carries forward
    match: str  # SAME_WORDING or RESTATED
    report: str = ""  # the earlier item's report title

    def as_dict(self, recorded: bool) -> dict:
        return {"id": self.id, "carried_forward_from": self.earlier, "match": self.match,
                "earlier_report": self.report, "superseded": recorded}

    def words(self) -> str:
        said = f"{self.id} carried forward from {self.earlier}"
        return said + (f" ({self.report})" if self.report else "") + f": {MATCH_WORDS[self.match]}"


def titled(dataset, proposals: list[Proposal]) -> list[Proposal]:
    """The proposals with each earlier item's report title (looked up only when there are proposals)."""
    if not proposals:
        return proposals
    wanted = {p.earlier for p in proposals}
    report_of = {rec.id: rec.report for rec in dataset.recommendations if rec.id in wanted}
    titles = {r.id: r.title for r in dataset.reports}
    return [replace(p, report=titles.get(report_of.get(p.earlier, ""), "")) for p in proposals]


def superseding(dataset, proposals: list[Proposal], report_title: str, on: date,
                by: str | None) -> tuple[dict, list[str]]:
    """The edits that supersede each proposal's earlier item by its new one (`import --link-carried`), by the
    earlier item's index, and the new ids whose proposal they record: one per earlier item, the first new
    item that carries it forward winning."""
    index_of = {rec.id: i for i, rec in enumerate(dataset.recommendations)}
    edits: dict = {}
    recorded: list[str] = []
    for p in proposals:
        i = index_of.get(p.earlier)
        if i is None or i in edits:
            continue
        old = dataset.recommendations[i]
        last = last_status_entry(old)
        day = max(on, last.on) if last is not None else on  # status entries never go backwards
        edits[i] = superseded_end(old, p.id, f"re-issued in {report_title} (imported)", day, by)
        recorded.append(p.id)
    return edits, recorded


def accepted(dataset, proposals: list[Proposal], report_title: str, on: date, request) -> tuple[list, dict, list]:
    """(the proposals with their earlier reports' titles, the superseding edits, the new ids they record): the
    edits only with `import --link-carried` (`request.link_carried`), each recorded `by` the importer."""
    proposals = titled(dataset, proposals)
    if not (proposals and request.link_carried):
        return proposals, {}, []
    return (proposals, *superseding(dataset, proposals, report_title, on, request.by))
