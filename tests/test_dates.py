from datetime import date

import pytest

from hmic_cli.dates import add_months, parse_day


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2014, 1, 28), 6, date(2014, 7, 28)),
    (date(2013, 8, 31), 6, date(2014, 2, 28)),
    (date(2015, 8, 31), 6, date(2016, 2, 29)),
    (date(2014, 1, 31), 3, date(2014, 4, 30)),
    (date(2014, 1, 28), 0, date(2014, 1, 28)),
    (date(2014, 12, 31), 12, date(2015, 12, 31)),
])
def test_calendar_months_clamp_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_parse_day_accepts_iso_and_today():
    assert parse_day("2014-07-29") == date(2014, 7, 29)
    assert parse_day("today") == date.today()


@pytest.mark.parametrize("bad", ["2014-02-30", "20140128", "29/13/2014", "", "2014-W01-1"])
def test_parse_day_rejects_non_dates(bad):
    with pytest.raises(ValueError, match="not a date"):
        parse_day(bad)
