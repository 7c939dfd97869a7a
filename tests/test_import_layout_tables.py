"""Tables laid out with tabs or spaces (`importing.layout_tables`): a Word table pasted into a text file, or a
PDF's text kept in its layout. Every text here is written for the test, never copied from a report."""

from __future__ import annotations

from datetime import date

from hmic_cli.importing import find

PUBLISHED = date(2030, 3, 1)

SPACED = """Westshire Police: action plan

Recommendations

No.   Recommendation                                      Timescale
1     The force should review its firearms training.      6 months
2     The force should appoint a lead for custody.        Immediately
3     The force should publish its stop and search        12 months
      data every quarter.

The force has accepted every recommendation.
"""

TABBED = ("Ref\tArea for improvement\tOwner\tTarget date\n"
          "1\tThe brigade should map its high-rise buildings.\tGroup Manager\t31 March 2031\n"
          "2\tThe brigade should brief its crews on the map.\tStation Manager\t28 days\n"
          "\tIt should test the briefing at every station.\t\t\n")


def test_a_table_laid_out_with_spaces_gives_one_item_a_row_a_wrapped_cell_joined():
    found = find(SPACED, PUBLISHED)
    assert [(f.type, f.text, f.deadline, f.rule) for f in found] == [
        ("recommendation", "The force should review its firearms training.", "six-months", "table-column"),
        ("recommendation", "The force should appoint a lead for custody.", "immediate", "table-column"),
        ("recommendation", "The force should publish its stop and search data every quarter.", "twelve-months",
         "table-column")]


def test_a_table_laid_out_with_tabs_takes_its_columns_by_place_and_its_deadline_cells():
    found = find(TABBED, PUBLISHED)
    assert [(f.type, f.text[:40], f.deadline, f.due) for f in found] == [
        ("area-for-improvement", "The brigade should map its high-rise bui", "by-date", date(2031, 3, 31)),
        ("area-for-improvement", "The brigade should brief its crews on th", "by-date", date(2030, 3, 29))]
    assert found[1].text.endswith("It should test the briefing at every station.")


def test_a_contents_line_or_prose_with_wide_spaces_is_not_a_table():
    text = ("Contents\n\nSummary  3\nRecommendations  9\nDetailed findings  14\n\nSummary\n\n"
            "We visited in May.  The force has improved.\n")
    assert find(text, PUBLISHED) == []
