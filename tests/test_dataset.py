"""The bundled dataset holds exactly the nine recommendations of the seed text."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from hmic_cli.store.loading import load
from tests.conftest import SEED

CONTRACT_THEMES = {
    "domestic-abuse": {"NCP-1", "NCP-2"},
    "record-keeping": {"NCP-1"},
    "multi-agency": {"NCP-2", "NCP-3", "NCP-8"},
    "referrals": {"NCP-3"},
    "training": {"NCP-4"},
    "frontline-response": {"NCP-5"},
    "missing-children": {"NCP-6", "NCP-7"},
    "information-sharing": {"NCP-6"},
    "custody": {"NCP-9"},
}


def test_nine_recommendations_five_immediate_four_six_months():
    dataset = load().dataset
    assert len(dataset.recommendations) == 9
    counts = Counter(r.deadline.value for r in dataset.recommendations)
    assert counts == {"immediate": 5, "six-months": 4}
    assert {r.status.value for r in dataset.recommendations} == {"open"}
    assert len({r.id for r in dataset.recommendations}) == 9


def test_report_metadata_and_estimated_date():
    (report,) = load().dataset.reports
    assert report.published.isoformat() == "2014-01-28"
    assert "estimate" in (report.published_note or "").lower()
    assert report.inspectorate == "HMIC"
    assert report.force == "Northamptonshire Police"
    assert "seed" in report.source


def test_theme_assignment_follows_the_contract():
    dataset = load().dataset
    assert {t.id for t in dataset.themes} == set(CONTRACT_THEMES)
    actual = {t: {r.id for r in dataset.recommendations if t in r.themes} for t in CONTRACT_THEMES}
    assert actual == CONTRACT_THEMES


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside the checkout")
def test_every_text_is_traceable_word_for_word_to_the_source():
    source = SEED.read_text(encoding="utf-8")
    bullets = [re.sub(r"^-\s*", "", line).strip() for line in source.splitlines() if line.startswith("-")]
    assert len(bullets) == 9
    for rec in load().dataset.recommendations:
        verbatim = rec.quote or rec.text
        assert verbatim in bullets, rec.id
        if rec.quote:  # corrected typos only: same words but one
            diff = [a for a, b in zip(rec.text.split(), rec.quote.split(), strict=True) if a != b]
            assert len(diff) == 1, rec.id
