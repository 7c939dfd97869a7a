"""Dates as people type them (issue 22, item 6): one parser (`dates.parse_day`) for every date option
and every date cell; numeric dates always day first; nothing guessed; a bad date names its option."""

from __future__ import annotations

from datetime import date

import pytest

from hmic_cli.dates import parse_day
from tests.conftest import flat

TODAY = date(2025, 1, 15)


@pytest.mark.parametrize(("typed", "expected"), [
    ("2014-07-31", date(2014, 7, 31)),
    ("31/07/2014", date(2014, 7, 31)),
    ("07/08/2014", date(2014, 8, 7)),  # day first, always: 7 August, never 8 July
    ("7/8/2014", date(2014, 8, 7)),
    ("31.07.2014", date(2014, 7, 31)),
    ("31-07-2014", date(2014, 7, 31)),
    ("31/07/14", date(2014, 7, 31)),
    ("2014/07/31", date(2014, 7, 31)),
    ("31 July 2014", date(2014, 7, 31)),
    ("31 Jul 2014", date(2014, 7, 31)),
    ("31 july 2014", date(2014, 7, 31)),
    ("1st Sept 2014", date(2014, 9, 1)),
    ("Thursday 31st July 2014", date(2014, 7, 31)),
    ("July 31, 2014", date(2014, 7, 31)),
    ("31-Jul-14", date(2014, 7, 31)),  # Excel's d-mmm-yy
    ("  31  July   2014 ", date(2014, 7, 31)),
    ("today", TODAY),
    ("Yesterday", date(2025, 1, 14)),
    ("tomorrow", date(2025, 1, 16)),
    ("+30d", date(2025, 2, 14)),
    ("-2w", date(2025, 1, 1)),
    ("+3m", date(2025, 4, 15)),
    ("+1y", date(2026, 1, 15)),
])
def test_dates_as_people_type_them(typed, expected):
    assert parse_day(typed, TODAY) == expected


@pytest.mark.parametrize(("typed", "why"), [
    ("31/02/2014", "February 2014 has no day 31"),
    ("29/02/2015", "February 2015 has no day 29"),
    ("2014-02-30", "February 2014 has no day 30"),
    ("07/13/2014", "no month 13"),  # a month-first date is refused, never swapped round
    ("March 2025", "no day"),  # a missing day is never filled in silently
    ("31 July", "no year"),
    ("31 Julember 2014", "not a date"),
    ("20140731", "not a date"),
    ("next week", "not a date"),
    ("", "not a date"),
    ("31 July 2014 at noon", "not a date"),
])
def test_impossible_or_unreadable_dates_are_refused(typed, why):
    with pytest.raises(ValueError, match=why):
        parse_day(typed, TODAY)


def test_a_month_alone_is_its_last_day_only_when_the_caller_says_so():
    assert parse_day("March 2025", TODAY, month_end_ok=True) == date(2025, 3, 31)
    assert parse_day("Feb 2024", TODAY, month_end_ok=True) == date(2024, 2, 29)
    assert parse_day("31/03/2025", TODAY, month_end_ok=True) == date(2025, 3, 31)


@pytest.mark.parametrize("args", [
    ["list", "--as-of"], ["list", "--due-before"], ["show", "NCP-1", "--as-of"], ["log", "--since"],
    ["log", "--until"], ["summary", "--as-of"], ["themes", "--as-of"], ["check", "--as-of"],
    ["report", "--since"], ["report", "--as-of"],
])
def test_a_bad_date_in_a_read_option_is_exit_2_naming_the_option_and_the_value(invoke, args):
    result = invoke(*args, "31/02/2014")
    assert result.exit_code == 2
    message = flat(result.stderr)
    assert f"Invalid value for '{args[-1]}'" in message
    assert "'31/02/2014'" in message and "February 2014 has no day 31" in message


@pytest.mark.parametrize("args", [
    ["update", "NCP-1", "--status", "in-progress", "--on"],
    ["add", "--report", "r", "--text", "t", "--deadline", "by-date", "--theme", "training", "--due"],
    ["edit", "NCP-1", "--reason", "r", "--due"],
    ["waive", "NCP-1", "--reason", "r", "--until"],
    ["report", "add", "--id", "r", "--title", "t", "--force", "f", "--published"],
])
def test_a_bad_date_in_a_write_option_is_exit_2_and_nothing_is_written(invoke, data_copy, args):
    before = data_copy.read_bytes()
    result = invoke("--data", data_copy, *args, "31 Jly 2014")
    assert result.exit_code == 2
    assert f"Invalid value for '{args[-1]}'" in flat(result.stderr) and "'31 Jly 2014'" in flat(result.stderr)
    assert data_copy.read_bytes() == before


def test_typed_dates_reach_the_command(invoke, data_copy):
    """`--on 31/03/2014` is recorded as 2014-03-31, and `--as-of 1 August 2014` judges as that day."""
    result = invoke("--data", data_copy, "update", "NCP-1", "--status", "in-progress", "--on", "31/03/2014")
    assert result.exit_code == 0, result.stderr
    import json

    doc = json.loads(data_copy.read_text())
    assert doc["recommendations"][0]["history"][-1]["on"] == "2014-03-31"
    listed = json.loads(invoke("--data", data_copy, "list", "--as-of", "1 August 2014", "--format", "json").stdout)
    assert listed["as_of"] == "2014-08-01"
