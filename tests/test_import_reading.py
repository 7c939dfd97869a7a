"""The eleven patterns of issue 30, each on text written for it (never a report's), and the reasons
and confidence each item found carries."""

from __future__ import annotations

from datetime import date

import pytest

from hmic_cli.importing import find
from hmic_cli.importing.issuer_detect import detect_issuer

PUBLISHED = date(2030, 3, 1)


def kinds(found) -> list[tuple[str, str]]:
    return [(f.type, f.text[:30]) for f in found]


# 1. an inline label on the same line as its first item
def test_an_inline_label_types_the_item_on_its_line():
    found = find("Midshire audit of custody\n\nRecommendations: The constabulary should review its cell checks.\n\n"
                 "Cause of concern: The constabulary does not check detainees often enough.\n", PUBLISHED)
    assert [f.type for f in found] == ["recommendation", "cause-of-concern"]
    assert found[0].text == "The constabulary should review its cell checks."
    assert "Recommendations" in found[0].because


# 2. a frame lead-in, then items as dashes, letters or indented lines with no marker
@pytest.mark.parametrize("items", [
    "- it reviews its rota;\n- it trains its call handlers.",
    "a) review its rota;\nb) train its call handlers.",
    "    review its rota;\n    train its call handlers.",
])
def test_a_frame_lead_in_opens_each_item_whatever_its_form(items):
    text = f"Northshire news\n\nBy June 2031, the brigade should make sure:\n{items}\n\nOther news follows here.\n"
    found = find(text, PUBLISHED)
    assert len(found) == 2, kinds(found)
    assert all(f.deadline == "by-date" and f.due == date(2031, 6, 30) for f in found)
    assert "By June 2031" in found[0].because


def test_a_frame_naming_the_inspectorate_is_a_lead_in():
    found = find("Update page\n\nThe inspectorate has recommended that the brigade should:\n"
                 "- publish its plan for on-call crews;\n- audit its hydrants.\n", PUBLISHED)
    assert [f.text for f in found] == ["Publish its plan for on-call crews.", "Audit its hydrants."]


# 3. a bare entry with no heading at all
def test_a_bare_entry_on_a_register_page_is_an_item_to_check():
    found = find("Register entry 4411\n\nAll forces should publish their stop and search data every month.\n",
                 PUBLISHED)
    assert len(found) == 1 and found[0].rule == "bare-direction" and found[0].confidence == "check"


# 4. plain imperatives inside a recommendations list
def test_plain_imperatives_in_a_recommendations_section_are_items():
    found = find("Recommendations\n\nBe clearer about who owns each custody risk.\n\n"
                 "After the risk assessment, provide the detainee with a leaflet.\n\nAnnex A\n\nSome notes.\n",
                 PUBLISHED)
    assert [f.text[:10] for f in found] == ["Be clearer", "After the "]


# 5. a cause of concern section with no "Recommendations" heading; named sub-headings
def test_a_cause_of_concern_section_parents_the_directions_after_it():
    found = find("Cause of concern\n\nThe brigade does not know which buildings are high risk.\n\n"
                 "The brigade should:\n- survey its high-rise buildings;\n- share what it finds with crews.\n",
                 PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "recommendation", "recommendation"]
    assert [f.parent for f in found] == [None, 0, 0]


def test_a_sub_heading_naming_a_cause_of_concern_opens_one_each():
    found = find("Protection cause of concern\n\nThe brigade audits too few premises.\n\n"
                 "Response cause of concern\n\nThe brigade has too few crews at night.\n", PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "cause-of-concern"]


def test_under_a_cause_of_concern_only_the_statement_is_a_cause():
    found = find("Cause of concern\n\n- The force does not record hate crime well.\n"
                 "- The force should train its staff in recording.\n- The force should audit its records.\n",
                 PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "recommendation", "recommendation"]
    assert [f.parent for f in found] == [None, 0, 0]


# 6. an item's own sub-list belongs to that item
def test_an_items_sub_list_is_part_of_it():
    found = find("Recommendations\n\n- The force should write a new custody policy.\n"
                 "  They should also include:\n  - the checks on intoxicated detainees;\n  - the handover rules.\n"
                 "- The force should audit its cells.\n", PUBLISHED)
    assert len(found) == 2, kinds(found)
    assert "handover rules" in found[0].text


# 7. text that is not an item
@pytest.mark.parametrize("text", [
    "Summary\n\nThe inspection looked at:\n- how calls are answered;\n- how victims are kept informed.\n",
    "Recommendations\n\nThis recommendation should be cost neutral.\n",
    "Recommendations\n\nForce response: we have trained every supervisor.\n",
    "Publication type: Inspection report\n\nThe force was inspected in May.\n",
])
def test_text_that_is_not_an_item_gives_none(text):
    assert find(text, PUBLISHED) == []


def test_a_closing_statement_before_the_items_it_quotes_closes_them():
    found = find("Letter to the chief constable\n\nWe are satisfied that the causes of concern have been addressed, "
                 "and we have decided to close them.\n\nIn 2029 we identified two causes of concern, which were that "
                 "the force:\n- did not answer calls quickly enough;\n- did not supervise its investigations.\n",
                 PUBLISHED)
    assert found == [] and len(found.closed) == 2


# 8. relative deadlines count from the day the items were issued
def test_a_relative_deadline_counts_from_the_day_the_letter_says_they_were_issued():
    found = find("Letter\n\nOn 3 May 2030, we issued the force with a cause of concern.\n\nRecommendations\n\n"
                 "Within 28 days, the force should produce an action plan.\n", date(2030, 9, 1))
    assert found[-1].due == date(2030, 5, 31) and "3 May 2030" in found[-1].because


# 9. "This recommendation is complete" is history, not a reason to drop the item
def test_a_register_entry_ending_complete_is_still_an_item():
    found = find("Recommendation\n\nAll forces should record the ethnicity of people they stop.\n\n"
                 "This recommendation is complete\n", PUBLISHED)
    assert len(found) == 1 and found[0].text.startswith("All forces should record")


def test_the_title_is_never_a_status_line():
    from hmic_cli.importing import metadata

    meta = metadata("Recommendation\n\nAll forces should record the ethnicity of people they stop.\n\n"
                    "This recommendation is complete\n")
    assert meta.get("title") != "This recommendation is complete"


# issue 32: other issuers' headings
def test_other_issuers_headings_map_to_core_types_with_their_priority():
    found = find("Priority concerns\n\n1. Too many prisoners were locked in their cells all day.\n\n"
                 "Key concerns\n\n2. Staff did not know the safeguarding procedures.\n\n"
                 "Accelerated cause of concern\n\nThe force does not answer 999 calls quickly enough.\n", PUBLISHED)
    assert [(f.type, f.priority) for f in found] == [("cause-of-concern", "priority concern"),
                                                     ("cause-of-concern", "key concern"),
                                                     ("accelerated-cause-of-concern", None)]


def test_a_coroners_matters_of_concern_are_items_and_the_action_paragraph_is_not():
    found = find("REGULATION 28 REPORT TO PREVENT FUTURE DEATHS\n\nMATTERS OF CONCERN\n\n"
                 "(1) The custody suite had no working alarm in cell 4.\n(2) Checks were recorded but not done.\n\n"
                 "ACTION SHOULD BE TAKEN\n\nIn my opinion action should be taken to prevent future deaths.\n",
                 PUBLISHED)
    assert [f.type for f in found] == ["recommendation", "recommendation"]


@pytest.mark.parametrize("text, issuer", [
    ("HM Inspectorate of Constabulary in Scotland\nA review of custody", "hmics"),
    ("Report on an unannounced inspection\nHM Chief Inspector of Prisons", "hmi-prisons"),
    ("REGULATION 28: REPORT TO PREVENT FUTURE DEATHS", "coroner"),
    ("Internal Audit Report 2030/31: Overtime", "internal-audit"),
    ("HMICFRS\nPEEL 2030: Midshire Police", "hmicfrs"),
    ("Independent Office for Police Conduct learning report", "iopc"),
    ("HMI Probation: an inspection of youth services", "hmi-probation"),
    ("HMCPSI area inspection", "hmcpsi"),
    ("A leaflet about bins", None),
])
def test_detect_issuer(text, issuer):
    assert detect_issuer(text) == issuer


def test_every_item_says_why_and_how_sure():
    found = find("Areas for improvement\n\n- The force should improve its call handling.\n", PUBLISHED)
    item = found[0]
    assert item.rule == "under-heading" and item.confidence == "high"
    assert "Areas for improvement" in item.because
    decisions = [(d.block.line, d.decision) for d in found.decisions]
    assert decisions == [(1, "heading"), (3, "item")]


def test_an_internal_audit_table_with_a_priority_column():
    found = find("Internal Audit Report: overtime claims\n\n"
                 "| Ref | Finding | Priority | Target date |\n|---|---|---|---|\n"
                 "| 1 | Overtime claims were approved by the claimant's own team. | High | by 30 June 2030 |\n"
                 "| 2 | Claims older than three months were paid without review. | Medium | by 31 December 2030 |\n",
                 PUBLISHED)
    assert [(f.type, f.priority, f.due) for f in found] == [("recommendation", "High", date(2030, 6, 30)),
                                                            ("recommendation", "Medium", date(2030, 12, 31))]
    assert detect_issuer("Internal Audit Report: overtime claims") == "internal-audit"


def test_a_prisons_report_with_concern_and_recommendation_labels():
    found = find("Priority concerns and recommendations\n\n"
                 "1. Concern: Too many prisoners spent most of the day locked in their cells.\n"
                 "Recommendation: Leaders should make sure prisoners spend more time out of their cells.\n\n"
                 "2. Concern: Staff did not know how to refer prisoners at risk of self-harm.\n"
                 "Recommendation: Leaders should train staff in the referral process.\n\n"
                 "Key concerns and recommendations\n\n"
                 "3. Concern: The library was rarely open.\n", PUBLISHED)
    assert [(f.type, f.priority, f.parent) for f in found] == [
        ("cause-of-concern", "priority concern", None), ("recommendation", None, 0),
        ("cause-of-concern", "priority concern", None), ("recommendation", None, 2),
        ("cause-of-concern", "key concern", None)]
    assert found[0].text == "Too many prisoners spent most of the day locked in their cells."


def test_a_lead_in_is_judged_by_its_own_sentence_and_its_paragraph_names_the_kind():
    named = find("Press release\n\nThe inspectorate has made two recommendations to the force. These are:\n"
                 "- review its custody rota;\n- publish its data.\n", PUBLISHED)
    assert [f.text for f in named] == ["Review its custody rota.", "Publish its data."]
    scope = find("Our progress against the recommendations in the report of May 2029. The inspection focused on:\n"
                 "- the identification of misconduct;\n- staff confidence.\n", PUBLISHED)
    assert scope == [] and "a scope or background list" in scope.decisions[0].reason
