"""What a tracker already holds, for every import (report texts and spreadsheets alike).

An incoming item is *already held* when the tracker has an item with the same wording (its `text`
or its stored `quote`, compared after `wording` folds case, quotes, dashes and spaces) under the
same report: the same report id, or a report of the same force published on the same day (the same
report imported again under another `--report` id). It is skipped and named ("already held as WM-3").

An incoming item that repeats an *outstanding* item of an earlier report of the same force is new
(a later report that repeats a recommendation still open), and is linked to it:
`carried_forward_from` names the earlier item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from hmic_cli.vocabulary import OUTSTANDING

_QUOTES = re.compile("[\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2032\u2033\u00ab\u00bb]")
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d-]+")
_FORCE_WORDS = frozenset({"police", "constabulary", "service", "force", "the", "and"})


_ASCII_QUOTES = str.maketrans("", "", "\"'`")
_ASCII_DASHES = re.compile(r"\s*-+\s*")


@lru_cache(maxsize=16384)  # an item's wording is folded for each look-up of one import
def wording(text: str) -> str:
    """`text` folded for comparing: Unicode compatibility forms, case, quotes dropped, every dash a
    hyphen with no space round it, spaces collapsed, closing punctuation dropped.

    ASCII text (most of a tracker) takes a quicker way to the same result: NFKC leaves it as it is,
    its case folds as `lower` does, and its dashes and spaces go in one pass (a test compares the two
    ways): the 100,000 generated texts of the benchmark fold in 0.71 s so, 0.87 s the long way."""
    if text.isascii():
        folded = " ".join(text.lower().translate(_ASCII_QUOTES).split())
        return (_ASCII_DASHES.sub("-", folded) if "-" in folded else folded).rstrip(" .;:,")
    return _folded(text)


def _folded(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _DASHES.sub("-", _QUOTES.sub("", folded))
    folded = " ".join(folded.split())
    return re.sub(r"\s*-\s*", "-", folded).rstrip(" .;:,")


@lru_cache(maxsize=1024)
def force_key(force: str) -> str:
    """A force's name folded: "West Mercia Police" and "west mercia" are one force."""
    words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", force).casefold())
    return " ".join(w for w in words if w not in _FORCE_WORDS) or " ".join(words)


@dataclass
class Holdings:
    """The tracker's items by report and wording, and its outstanding items by force and wording."""

    by_report: dict[str, dict[str, str]] = field(default_factory=dict)  # report id -> wording -> item id
    by_edition: dict[tuple[str, date], dict[str, str]] = field(default_factory=dict)  # (force, published)
    outstanding: dict[str, dict[str, tuple[date, str]]] = field(default_factory=dict)  # force -> wording

    @classmethod
    def of(cls, dataset, force: str | None = None, report_id: str | None = None) -> Holdings:
        """The tracker's holdings; with `force` (and `report_id`), only those an import of that force's
        report can meet: items of `report_id`, or of a report of the same force. No other item can be
        held as one of it, or carried forward to it, and its wording need not be folded."""
        held = cls()
        reports = {r.id: r for r in dataset.reports}
        if force is not None:
            mine = force_key(force)
            reports = {key: r for key, r in reports.items() if key == report_id or force_key(r.force) == mine}
        for rec in dataset.recommendations:
            report = reports.get(rec.report)
            if report is None and force is not None:
                continue
            for said in {rec.text, rec.quote} - {None}:
                held.add(rec.id, said, rec.report, report.force if report else "", report.published if report
                         else None, rec.status in OUTSTANDING)
        return held

    def add(self, item_id: str, text: str, report_id: str, force: str, published: date | None,
            outstanding: bool = True) -> None:
        key = wording(text)
        self.by_report.setdefault(report_id, {}).setdefault(key, item_id)
        if published is not None:
            self.by_edition.setdefault((force_key(force), published), {}).setdefault(key, item_id)
            if outstanding:
                earlier = self.outstanding.setdefault(force_key(force), {})
                if key not in earlier or published < earlier[key][0]:
                    earlier[key] = (published, item_id)

    def held_as(self, texts: list[str | None], report_id: str, force: str, published: date | None) -> str | None:
        """The id under which the tracker already holds this wording for this report, or None."""
        same = [self.by_report.get(report_id, {})]
        if published is not None:
            same.append(self.by_edition.get((force_key(force), published), {}))
        for text in texts:
            if text:
                key = wording(text)
                for table in same:
                    if key in table:
                        return table[key]
        return None

    def carried_from(self, texts: list[str | None], force: str, published: date | None) -> str | None:
        """The outstanding item of an earlier report of the same force that this wording repeats."""
        if published is None:
            return None
        earlier = self.outstanding.get(force_key(force), {})
        for text in texts:
            if text and (found := earlier.get(wording(text))) and found[0] < published:
                return found[1]
        return None


def carried_forward(item: dict, earlier: str | None, version: int) -> dict:
    """`item` with `carried_forward_from: earlier` after its report (schema 2; a version 1 file has no
    such field, and the link is left out: `hmic migrate` first to keep it)."""
    if not earlier or version < 2:
        return item
    out = {}
    for key, value in item.items():
        out[key] = value
        if key == "report":
            out["carried_forward_from"] = earlier
    return out
