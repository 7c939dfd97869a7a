"""Rules over the outline of a report (issue 30, second round): status lines, numbered sub-headings,
"cause for concern", "We recommend that ..." inside a paragraph, and a direction under a cause of
concern heading. Every text here is written for the test, never copied from a report."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hmic_cli.importing import find
from hmic_cli.importing.outline import depth, status_line

PUBLISHED = date(2030, 3, 1)


def kinds(found) -> list[tuple[str, str]]:
    return [(f.type, f.text[:30]) for f in found]


def imported(invoke, path, text: str, *flags: str) -> dict:
    """`hmic import PATH --published 2030-03-01 --format json` of `text` written to `path`: its JSON preview."""
    path.write_text(text, encoding="utf-8")
    result = invoke("import", path, "--published", "2030-03-01", "--format", "json", *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("line", ["2 of 6 implemented", "0 out of 3 recommendations achieved", "Completed",
                                  "Not implemented", "Superseded", "Status: In progress", "RAG: Amber", "In progress."])
def test_a_status_line_is_known(line):
    assert status_line(line)


@pytest.mark.parametrize("line", ["Implementation of the custody plan", "The force has implemented the plan.",
                                  "Recommendations", "Open data and transparency"])
def test_other_lines_are_not_status_lines(line):
    assert status_line(line) is None


def test_a_tally_under_a_heading_does_not_end_its_section():
    text = ("Lowmoor unit: follow-up\n\nPriority recommendations\n3 of 5 achieved\n"
            "  • Achieved\n  • Not achieved\n"
            "  • The unit should appoint one lead for detainee welfare (2.1)\n"
            "  • Staff should record every search they carry out (2.4)\n")
    found = find(text, PUBLISHED)
    assert [f.type for f in found] == ["recommendation", "recommendation"], kinds(found)
    assert found[0].text.startswith("The unit should appoint")


def test_status_lines_between_items_are_not_items():
    text = ("Recommendations\n\nThe brigade should test its hydrants every year.\n\nStatus: Open\n\n"
            "The brigade should publish its test results.\n\nCompleted\n")
    found = find(text, PUBLISHED)
    assert [f.text[:20] for f in found] == ["The brigade should t", "The brigade should p"]


def test_depth_of_a_numbered_heading():
    assert (depth("4 Recommendations"), depth("4.2 Custody"), depth("4.2.1 Cells"), depth("Custody")) == (1, 2, 3, 0)


def test_a_numbered_sub_heading_keeps_the_section_and_the_next_peer_ends_it():
    text = ("5 Recommendations\n\n5.1 Custody\n\n- The force should audit its cell checks.\n\n"
            "5.2 Vetting\n\n- The force should clear its vetting backlog.\n\n6 Our approach\n\n"
            "- The force should note our methods here.\n")
    found = find(text, PUBLISHED)
    assert [f.text[:30] for f in found] == ["The force should audit its cel", "The force should clear its vet"]
    assert all(f.type == "recommendation" and f.rule == "under-heading" for f in found)


def test_cause_for_concern_is_read_as_cause_of_concern():
    text = ("Cause for concern\n\nThe brigade cannot show that its crews read site risk records.\n\n"
            "Recommendation\n\nBy 1 May 2031, the brigade should check that crews read site risk records.\n")
    found = find(text, PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "recommendation"], kinds(found)
    assert found[1].parent == 0 and found[1].due == date(2031, 5, 1)


def test_a_direction_under_a_cause_of_concern_heading_is_a_recommendation_to_check():
    text = ("Causes of concern\n\nThe Brigade Should make sure its board reviews risks each quarter\n\n"
            "The brigade should make sure its risk register is kept up to date.\n")
    found = find(text, PUBLISHED)
    assert [f.type for f in found] == ["recommendation", "recommendation"], kinds(found)
    assert all(f.confidence == "check" and f.rule == "direction-not-cause" and f.parent is None for f in found)


def test_a_shortcoming_that_mentions_should_stays_the_cause():
    text = ("Cause of concern\n\nThe force does not do what it should to protect people who go missing.\n\n"
            "Recommendations\n\nThe force should review every missing person record within three months.\n")
    found = find(text, PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "recommendation"], kinds(found)
    assert found[1].parent == 0


def test_we_recommend_inside_a_paragraph_is_one_item_of_that_sentence():
    text = ("Call handling\n\nWe listened to forty calls in March. We recommend that the force reviews how it "
            "grades non-emergency calls within six months. Staff were courteous throughout. We also recommend "
            "that the force publishes its answering times.\n")
    found = find(text, PUBLISHED)
    assert [f.text[:40] for f in found] == ["We recommend that the force reviews how ",
                                            "We also recommend that the force publish"], kinds(found)
    assert found[0].deadline == "six-months" and found[1].deadline == "none"
    assert all(f.rule == "recommending-sentence" for f in found)
    assert "Staff were courteous" not in found[0].text


@pytest.mark.parametrize("prose", [
    "The review recommends that forces improve their training. It was published in May.",
    "In 2029 we recommended that the force review its training. It has done so.",
    "Officers told us, \"we recommend that the force buys more cars\". We saw no plan for it.",
])
def test_someone_elses_or_an_earlier_recommendation_is_not_an_item(prose):
    assert find(f"Background\n\n{prose}\n", PUBLISHED) == []


def test_a_summarys_short_list_is_not_counted_twice():
    text = ("Summary of recommendations\n\n1. Review the cell call-bell contract.\n2. Record every strip search.\n\n"
            "Custody\n\nRecommendation 1\n\nWithin six months, the force should review its cell call-bell contract so "
            "that bells are answered within two minutes.\n\nRecommendation 2\n\nThe force should record every strip "
            "search on its custody system.\n")
    found = find(text, PUBLISHED)
    assert [f.text[:30] for f in found] == ["Within six months, the force s", "The force should record every "]
    assert found[0].deadline == "six-months"


def test_a_summary_item_with_no_later_match_stays():
    text = ("Summary of recommendations\n\n1. Publish the custody inspection schedule.\n\n"
            "Findings\n\nRecommendation 1\n\nThe force should train its detention officers in first aid.\n")
    found = find(text, PUBLISHED)
    assert [f.text[:25] for f in found] == ["Publish the custody inspe", "The force should train it"]


def test_topic_headings_inside_a_numbered_list_of_recommendations_keep_the_section():
    text = ("Recommendations\n\nCustody\n\n1. Within three months, the force should audit its cell checks.\n\n"
            "Vetting\n\n2. Within six months, the force should clear its vetting backlog.\n\n"
            "Our approach\n\n3. We spoke to forty officers and staff.\n\n4. Staff should be proud of the unit.\n")
    found = find(text, PUBLISHED)
    assert [f.deadline for f in found] == ["three-months", "six-months"], kinds(found)


def test_a_chapter_numbered_as_a_list_is_its_heading_and_the_next_chapter_ends_it():
    """Plain text from a PDF gives "2. Areas for improvement" as a numbered list item: it is the heading (the items
    under it are areas for improvement), and "3. Conclusion", a title numbered next, ends the section."""
    text = ("Rivermouth Constabulary: records inspection\n\n1. Introduction\n\nWe visited in May.\n\n"
            "2. Areas for improvement\n\nThe constabulary should check its crime records weekly.\n\n"
            "The constabulary should train its call takers in the counting rules.\n\n3. Conclusion\n\n"
            "The constabulary has made progress.\n")
    found = find(text, PUBLISHED)
    assert [(f.type, f.rule) for f in found] == [("area-for-improvement", "under-heading")] * 2, kinds(found)


def test_a_labelled_recommendation_keeps_its_chapter_and_the_next_chapter_is_not_an_item():
    text = ("2. Recommendations\n\nRecommendation 1\nWithin three months the constabulary should record the "
            "views of children present.\n\nRecommendation 2: Immediately, the constabulary should review its "
            "open cases.\n\n3. Next steps\n\nWe will return next year.\n")
    found = find(text, PUBLISHED)
    assert [f.deadline for f in found] == ["three-months", "immediate"], kinds(found)


def test_a_numbered_direction_after_the_chapter_heading_stays_an_item():
    text = ("2. Recommendations\n\n1. The constabulary should audit its cells.\n\n"
            "2. The constabulary should publish the audit.\n\n3. The constabulary should act on it.\n")
    assert len(find(text, PUBLISHED)) == 3


def test_an_afi_label_is_an_area_for_improvement_and_leaves_the_text():
    text = ("Findings\n\nAFI 1: The constabulary should share information with schools.\n\n"
            "AFI 2 - The constabulary should evaluate its diversion scheme.\n")
    found = find(text, PUBLISHED)
    assert [(f.type, f.text[:30]) for f in found] == [("area-for-improvement", "The constabulary should share "),
                                                      ("area-for-improvement", "The constabulary should evalua")]


def test_a_contents_list_does_not_open_a_section_of_items():
    text = ("Contents\n\nSummary\nRecommendations\nDetailed findings\n\nSummary\n\nThe force has improved and "
            "it should keep going.\n\nDetailed findings\n\nThe force should be proud of its custody suites.\n")
    assert find(text, PUBLISHED) == []


def test_a_deadline_column_holding_only_a_date_gives_the_due_date():
    text = ("| No. | Recommendation | Target date |\n|---|---|---|\n"
            "| 1 | The brigade should map its high-rise buildings. | 31 March 2031 |\n"
            "| 2 | The brigade should brief its crews on the map. | 30/06/2031 |\n"
            "| 3 | The brigade should review the map each year. | Ongoing |\n")
    found = find(text, PUBLISHED)
    assert [(f.deadline, f.due) for f in found] == [("by-date", date(2031, 3, 31)), ("by-date", date(2031, 6, 30)),
                                                     ("none", None)]


def test_a_day_first_numeric_date_after_by_is_a_deadline():
    found = find("Recommendations\n\nBy 15/09/2031 the brigade should replace its breathing sets.\n", PUBLISHED)
    assert (found[0].deadline, found[0].due) == ("by-date", date(2031, 9, 15))


def test_learning_recommendations_are_recommendations_and_the_force_response_is_not():
    text = ("Learning recommendations\n\nLearning recommendation 1\n\nThe IOPC recommends that Westvale Police "
            "reviews its guidance on rousing detainees.\n\nWestvale Police response\n\nThe force accepted this "
            "recommendation and has rewritten its guidance.\n\nLearning recommendation 2\n\nThe IOPC recommends "
            "that Westvale Police trains its detention officers in the new guidance.\n")
    found = find(text, PUBLISHED)
    assert [f.text[:40] for f in found] == ["The IOPC recommends that Westvale Police",
                                            "The IOPC recommends that Westvale Police"], kinds(found)
    assert "trains its detention" in found[1].text


def test_the_inspectors_summary_of_judgements_is_not_items():
    text = ("Westshire Police: an inspection\n\nHM Inspector's observations\n\nI am concerned about how the force "
            "answers calls. The force needs to improve how it answers non-emergency calls.\n\n"
            "The force should also make sure its supervisors review more investigations.\n")
    assert find(text, PUBLISHED) == []
    decisions = [d.reason for d in find(text, PUBLISHED).decisions if d.decision == "not taken"]
    assert any("summary of judgements" in reason for reason in decisions)


def test_deadline_wording_under_the_summary_of_judgements_is_still_an_item():
    text = ("Westshire Police: an inspection\n\nHMI's summary\n\nI am concerned about call handling.\n\n"
            "Within six months, the force should publish its call answering times.\n")
    found = find(text, PUBLISHED)
    assert [f.deadline for f in found] == ["six-months"]


def test_a_bare_direction_with_no_summary_heading_is_still_taken_to_check():
    found = find("Westshire register entry\n\nThe force should make sure its supervisors review more "
                 "investigations.\n", PUBLISHED)
    assert [(f.rule, f.confidence) for f in found] == [("bare-direction", "check")]


def test_a_cause_worded_as_needs_to_improve_stays_the_cause():
    text = ("Cause of concern\n\nThe force needs to improve how it answers emergency calls.\n\nRecommendations\n\n"
            "Within three months, the force should:\n- review its call handling rota; and\n- train call handlers.\n")
    found = find(text, PUBLISHED)
    assert [f.type for f in found] == ["cause-of-concern", "recommendation", "recommendation"], kinds(found)
    assert found[1].parent == 0 and found[2].parent == 0


MARKDOWN = """# Westshire Police: custody inspection

## Recommendations

### Cells

The force should audit its cell checks every month.

### Vetting

The force should clear its vetting backlog.

## Our approach

The force should note that we visited four suites.
"""


def test_markdown_heading_levels_are_read():
    from hmic_cli.importing.markdown_text import heading_levels

    assert heading_levels("# A\n\n```\n## not a heading\n```\n\n> ### B\ntext\n") == {1: 1, 7: 3}


def test_a_deeper_markdown_sub_heading_keeps_the_section_and_a_peer_ends_it(invoke, tmp_path):
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker).exit_code == 0
    found = imported(invoke, tmp_path / "westshire-custody.md", MARKDOWN, "--data", str(tracker), "--force",
                     "Westshire Police")
    texts = [item["text"] for item in found["recommendations"]]
    assert texts == ["The force should audit its cell checks every month.",
                     "The force should clear its vetting backlog."]


HTML = ("<html><head><title>x</title></head><body><h1>Westshire Police: custody inspection</h1>"
        "<h2>Recommendations</h2><h3>Cells</h3><p>The force should audit its cell checks every month.</p>"
        "<h3>Vetting</h3><p>The force should clear its vetting backlog.</p>"
        "<h2>Our approach</h2><p>The force should note that we visited four suites.</p></body></html>")


def test_html_heading_levels_keep_a_section_under_its_sub_headings(invoke, tmp_path):
    tracker = tmp_path / "tracker.json"
    assert invoke("init", "--empty", tracker).exit_code == 0
    found = imported(invoke, tmp_path / "westshire-custody.html", HTML, "--data", str(tracker), "--force",
                     "Westshire Police")
    texts = [item["text"] for item in found["recommendations"]]
    assert texts == ["The force should audit its cell checks every month.",
                     "The force should clear its vetting backlog."]


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_soft_hyphens_and_ligatures_read_as_the_reader_sees_them(invoke, tmp_path, suffix):
    """A PDF's or a web page's text: a soft hyphen inside "should:" (which hid the lead-in, so its list became
    one item) and "ﬁ" ligatures; each item of the list is its own, in plain letters."""
    lead, first = "By 1 May 2031, the constabulary shou\u00adld:", "review its \ufb01rearms training;"
    if suffix == ".txt":
        body = (f"Westshire Police: \ufb01rearms inspection\n\nRecommendations\n\n{lead}\n- {first}\n"
                "- brief every of\ufb01cer.\n")
    else:
        body = (f"<h1>Westshire Police: \ufb01rearms inspection</h1><h2>Recommendations</h2><p>{lead}</p>"
                f"<ul><li>{first}</li><li>brief every of&#xfb01;cer.</li></ul>")
    found = imported(invoke, tmp_path / f"westshire{suffix}", body)
    assert [r["text"] for r in found["recommendations"]] == ["Review its firearms training.", "Brief every officer."]
    assert found["report"]["title"] == "Westshire Police: firearms inspection"


def test_bullets_a_font_draws_are_list_items(invoke, tmp_path):
    """A Word file's Symbol bullet comes out of its PDF as U+F0B7; others as diamonds or arrows. Each starts a list
    item (two items with no full stop do not run together) and leaves the item's text."""
    found = imported(invoke, tmp_path / "westshire.txt",
                     "Westshire Police: custody inspection\n\nAreas for improvement\n\n"
                     "\uf0b7 The force should audit its cell checks\n\uf0b7 The force should clear its backlog\n"
                     "\u25c6 The force should record every search\n\u27a4 The force should brief every officer\n")
    assert [r["text"] for r in found["recommendations"]] == [
        "The force should audit its cell checks", "The force should clear its backlog",
        "The force should record every search", "The force should brief every officer"]
