"""The ways real reports set out their items (issue 22 item 3), each on a text written for its test:
what `hmic import` finds, with which type, deadline and cause of concern."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from hmic_cli.importing import find, metadata, read_source
from tests import inprocess

PUBLISHED = date(2031, 4, 4)


def hmic(*args) -> subprocess.CompletedProcess:
    """`hmic ARGS` in this process (`tests.inprocess`), with the environment a real run would get."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HMIC_", "GITHUB_", "FORCE_COLOR"))}
    return inprocess.run(args, env | {"NO_COLOR": "1", "COLUMNS": "120"})


def imported(path: Path, *flags: str) -> dict:
    done = hmic("import", path, "--format", "json", *flags)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    return json.loads(done.stdout)


def kinds(found) -> list[tuple[str, str, str]]:
    return [(item.type, item.deadline, item.text) for item in found]


# --- a lead-in that names the inspector -------------------------------------------------------------

INSPECTOR = """Eastvale Constabulary: vetting inspection

HMI Jo Bloggs made three recommendations in this report:

1. The force should check every vetting file opened before 2029.
2. The force should train its vetting unit in the new code.
3. The force should publish its vetting figures every quarter.

Our findings

The vetting unit is small and its work is careful.
"""


def test_a_lead_in_naming_the_inspector_lists_one_item_per_number():
    found = find(INSPECTOR, PUBLISHED)
    assert [item.text for item in found] == [
        "The force should check every vetting file opened before 2029.",
        "The force should train its vetting unit in the new code.",
        "The force should publish its vetting figures every quarter."]
    assert {(item.type, item.deadline) for item in found} == {("recommendation", "none")}


# --- a register entry: one recommendation, no heading, no deadline, bullets inside ------------------

REGISTER = ("Northvale Police: Custody inspection 2030 (4711)\n\n"
            "The force should take steps to make sure detainees' property is recorded and kept safe. This work "
            "should include: ◦ a review of the property store at each custody suite; ◦ an audit of property records "
            "against the store.\n\n4th May 2031 awaiting-review\n9th June 2031\n\n"
            "The force has bought new lockers for two suites.\n")


def test_a_register_entry_is_one_recommendation_with_its_bullets_inside():
    found = find(REGISTER, PUBLISHED)
    assert len(found) == 1
    item = found[0]
    assert (item.type, item.deadline, item.due) == ("recommendation", "none", None)
    assert item.text.startswith("The force should take steps to make sure detainees' property is recorded")
    assert "(a) a review of the property store at each custody suite; (b) an audit of property records" in item.text


def test_a_register_entry_directing_the_force_by_name_is_found_without_a_heading():
    text = "Northvale Police: stop and search 2030 (9)\n\nNorthvale Police should record the grounds for " \
           "every search.\n\n2nd March 2031 awaiting-review\n"
    assert kinds(find(text, PUBLISHED)) == [
        ("recommendation", "none", "Northvale Police should record the grounds for every search.")]


def test_general_statements_and_hindsight_are_not_actors_directions():
    text = ("Each force should identify the risks its communities face.\n\n"
            "More should be done across policing.\n\n"
            "Officers should have been told sooner.\n\n"
            "The findings of this review should be of interest to every force.\n")
    assert find(text, PUBLISHED) == []


# --- tables ----------------------------------------------------------------------------------------

TABLE = ("# Westmoor Police: custody revisit\n\n"
         "| Ref | Cause of concern | Recommendation | Timescale |\n"
         "|-----|------------------|----------------|-----------|\n"
         "| 1 | The force does not check detainees' welfare often enough. "
         "| The force should check every detainee at least hourly. | Within three months |\n"
         "|   |   | The force should record each welfare check. | Immediately |\n"
         "| 2 | | The force should review its custody staffing. | By 31 March 2032 |\n")


def test_a_markdown_table_gives_one_item_a_row_with_its_cause_of_concern_as_parent(tmp_path):
    path = tmp_path / "westmoor.md"
    path.write_text(TABLE, encoding="utf-8")
    found = find(read_source(str(path)).text, PUBLISHED)
    assert kinds(found) == [
        ("cause-of-concern", "none", "The force does not check detainees' welfare often enough."),
        ("recommendation", "three-months", "The force should check every detainee at least hourly."),
        ("recommendation", "immediate", "The force should record each welfare check."),
        ("recommendation", "by-date", "The force should review its custody staffing.")]
    assert [item.parent for item in found] == [None, 0, 0, 0]
    assert found[3].due == date(2032, 3, 31)


def test_a_markdown_table_through_hmic_links_each_row_to_its_cause(tmp_path):
    path = tmp_path / "westmoor.md"
    path.write_text(TABLE, encoding="utf-8")
    result = imported(path, "--published", "2031-04-04", "--force", "Westmoor Police", "--title", "Revisit")
    items = result["recommendations"]
    assert [item["type"] for item in items] == ["cause-of-concern"] + ["recommendation"] * 3
    cause = items[0]["id"]
    assert all(f"under cause of concern {cause}" in item["history"][0]["note"] for item in items[1:])
    assert [item.get("parent") for item in items] == [None, cause, cause, cause]  # schema 2's link
    assert [item["due_date"] for item in items[1:]] == ["2031-07-04", "2031-04-04", "2032-03-31"]


def test_a_flattened_web_table_one_cell_a_line_types_its_column():
    text = ("Areas for development\n\nSection |\nAreas for development |\nNumber |\n---|---|---|\n"
            "Leadership |\nThe force should publish its plan for the control room. |\n1 |\n"
            "Delivery |\nThe force should train call handlers in risk assessment. |\n2 |\n")
    assert kinds(find(text, PUBLISHED)) == [
        ("area-for-improvement", "none", "The force should publish its plan for the control room."),
        ("area-for-improvement", "none", "The force should train call handlers in risk assessment.")]


def test_a_form_row_with_slashes_gives_only_the_recommendation_cell():
    text = ("Stop and search: Northvale Police\n\nNo. / Recommendation / Force update\n"
            "1. / Chief constables should publish search records monthly. / We publish them each quarter.\n"
            "2. / Chief constables should brief officers on the code. / Done in May.\n")
    assert [item.text for item in find(text, PUBLISHED)] == [
        "Chief constables should publish search records monthly.",
        "Chief constables should brief officers on the code."]


# --- revisit letters that close what they quote ----------------------------------------------------

REVISIT = """Southmere Fire and Rescue Service: Cause of concern revisit letter

Cause of concern

The service does not keep its risk information up to date.

By 30 June 2030, the service should:

  • review every site-specific risk visit;
  • train its crews in recording risk.

We revisited the service in March 2031. We are satisfied that the service has made enough progress, \
and we have closed the cause of concern and its recommendations.
"""


def test_a_revisit_letter_that_closes_what_it_quotes_finds_nothing_open():
    found = find(REVISIT, PUBLISHED)
    assert found == []
    assert [item.type for item in found.closed] == ["cause-of-concern", "recommendation", "recommendation"]


def test_a_statement_closing_an_earlier_reports_items_closes_none_of_these():
    text = ("Recommendations\n\n- The force should review its custody training.\n\n"
            "Our previous recommendations have been discharged.\n\n"
            "- The force should publish its custody figures.\n")
    found = find(text, PUBLISHED)
    assert len(found) == 2 and found.closed == []


def test_a_revisit_letter_is_not_imported_as_open_items(tmp_path):
    path = tmp_path / "revisit.txt"
    path.write_text(REVISIT, encoding="utf-8")
    done = hmic("import", path, "--published", "2031-04-04")
    assert done.returncode == 3
    err = done.stderr.decode()
    assert "says all 3 items it gives are closed" in err and "Traceback" not in err
    still_open = REVISIT.replace("we have closed the cause of concern and its recommendations",
                                 "we will return in the summer")
    path.write_text(still_open, encoding="utf-8")
    assert len(imported(path, "--published", "2031-04-04")["recommendations"]) == 3


# --- causes of concern and their recommendations ------------------------------------------------------

CAUSE = """Cause of concern

The force is not recording crime accurately at the first opportunity.

By 31 March 2031, the force should provide an action plan for crime recording. The force should make sure:

  • every crime is recorded within 24 hours;
  • supervisors check recording decisions daily.

Area for improvement

The force should improve how it tells victims about their case.
"""


def test_a_cause_of_concern_is_an_item_and_its_recommendations_point_to_it():
    found = find(CAUSE, PUBLISHED)
    assert kinds(found) == [
        ("cause-of-concern", "none", "The force is not recording crime accurately at the first opportunity."),
        ("recommendation", "by-date", "By 31 March 2031, the force should provide an action plan for crime recording."),
        ("recommendation", "by-date", "The force should make sure every crime is recorded within 24 hours."),
        ("recommendation", "by-date", "The force should make sure supervisors check recording decisions daily."),
        ("area-for-improvement", "none", "The force should improve how it tells victims about their case.")]
    assert [item.parent for item in found] == [None, 0, 0, 0, None]
    assert {item.due for item in found[1:4]} == {date(2031, 3, 31)}


# --- a summary that lists what the body gives in full ------------------------------------------------

SUMMARY = """Summary

Our recommendations:

- The force should review its custody training.
- The force should publish its custody figures.

Recommendations

Recommendation 1: The force should review its custody training so that every detention officer is trained by 2032.

Recommendation 2: The force should publish its custody figures.
"""


def test_a_summary_list_repeated_in_the_body_is_counted_once():
    assert [item.text for item in find(SUMMARY, PUBLISHED)] == [
        "The force should review its custody training so that every detention officer is trained by 2032.",
        "The force should publish its custody figures."]


# --- metadata from the text ----------------------------------------------------------------------------

LETTER = """PEEL 2030/31 – Westshire Police

Sent on 21 May 2031

Recommendations

The force should review its call handling.
"""


def test_metadata_reads_force_title_and_the_date_sent():
    assert metadata(LETTER) == {"title": "PEEL 2030/31 – Westshire Police", "force": "Westshire Police",
                                "published": date(2031, 5, 21)}


@pytest.mark.parametrize(("text", "published"), [
    ("Custody in Westshire\n\nPublished on: 4 April 2031\n\nBody.\n", date(2031, 4, 4)),
    ("Custody in Westshire\n\n22 June 2007\n\nThe aim of this inspection was to look at custody.\n", date(2007, 6, 22)),
    ("Custody in Westshire\n\nSent on:\n14 December 2030\n", date(2030, 12, 14)),
    ("Custody in Westshire\n\nThe force was inspected in detail over many weeks.\n\n8th April 2031\n", None),
])
def test_metadata_reads_the_publication_date_where_the_text_gives_it(text, published):
    assert metadata(text).get("published") == published


def test_metadata_reads_a_force_area_named_alone_in_the_title():
    assert metadata("Merseyside – National child protection inspection (1)\n\nBody.\n")["force"] == "Merseyside Police"


@pytest.mark.parametrize("body", ["the National Police Chiefs' Council should publish guidance.",
                                  "the Scottish Police Authority should hold the chief to account.",
                                  "the Police Federation should be consulted."])
def test_bodies_named_like_a_force_are_not_the_force(body):
    text = f"A thematic inspection of youth violence\n\nPublished 3 April 2030\n\nBy 1 May 2031, {body}\n"
    assert "force" not in metadata(text)
    assert metadata(text.replace("youth violence", "youth violence in Westshire Police"))["force"] == "Westshire Police"


@pytest.mark.parametrize("issuer", ["HM Inspectorate of Constabulary in Scotland",
                                    "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services",
                                    "Independent Office for Police Conduct"])
def test_the_issuers_name_above_the_title_is_not_the_title(issuer):
    text = f"{issuer}\nThematic inspection of custody in Westshire Police\nPublished 2 February 2030\n\nBody.\n"
    assert metadata(text)["title"] == "Thematic inspection of custody in Westshire Police"


def test_a_title_that_opens_with_the_issuers_name_is_the_title():
    title = "HM Inspectorate of Prisons report on an unannounced inspection of HMP Westshire"
    assert metadata(f"{title}\nPublished 2 February 2030\n\nBody.\n")["title"] == title


def test_import_needs_no_force_title_or_date_flags_when_the_text_says_them(tmp_path):
    path = tmp_path / "peel.txt"
    path.write_text(LETTER, encoding="utf-8")
    report = imported(path)["report"]
    assert (report["force"], report["title"], report["published"]) == (
        "Westshire Police", "PEEL 2030/31 – Westshire Police", "2031-05-21")
    flags = imported(path, "--force", "Eastshire Police", "--published", "2031-06-01", "--title", "Mine")["report"]
    assert (flags["force"], flags["title"], flags["published"]) == ("Eastshire Police", "Mine", "2031-06-01")
