"""Partial ISO dates: precision, the days they cover, and interval tests at the edges."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brinkwatch import dates


@pytest.mark.parametrize(
    ("value", "precision", "first", "last"),
    [
        ("2020", "year", date(2020, 1, 1), date(2020, 12, 31)),
        ("2020-02", "month", date(2020, 2, 1), date(2020, 2, 29)),  # leap year
        ("2019-02", "month", date(2019, 2, 1), date(2019, 2, 28)),
        ("2020-12", "month", date(2020, 12, 1), date(2020, 12, 31)),
        ("2020-01-03", "day", date(2020, 1, 3), date(2020, 1, 3)),
    ],
)
def test_precision_and_bounds(value: str, precision: str, first: date, last: date) -> None:
    assert dates.precision(value) == precision
    assert dates.bounds(value) == (first, last)
    assert dates.check(value) == value


@pytest.mark.parametrize("bad", ["20", "2020-1", "2020-13", "2019-02-29", "2020/01/03", "January 2020", ""])
def test_bad_dates_say_what_was_expected(bad: str) -> None:
    with pytest.raises(dates.DateError, match=repr(bad).replace("/", ".")[1:-1] or "is not"):
        dates.bounds(bad)


def test_span_overlaps_and_holds_on() -> None:
    assert dates.span(None) is None
    assert dates.span("2004-06", "2004-08") == (date(2004, 6, 1), date(2004, 8, 31))
    summer = dates.span("2004-06", "2004-08")
    assert summer is not None
    assert dates.overlaps(summer, (date(2004, 8, 31), date(2005, 1, 1)))
    assert not dates.overlaps(summer, (date(2004, 9, 1), date(2005, 1, 1)))
    assert dates.holds_on("2003", None, date(2003, 1, 1))
    assert not dates.holds_on("2003", None, date(2002, 12, 31))
    assert dates.holds_on(None, "2010-05", date(2010, 5, 31))
    assert not dates.holds_on(None, "2010-05", date(2010, 6, 1))
    assert dates.holds_on(None, None, date(1900, 1, 1))


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_real_day_is_its_own_interval_inside_its_month_and_year(day: date) -> None:
    iso = day.isoformat()
    assert dates.bounds(iso) == (day, day)
    month_lo, month_hi = dates.bounds(iso[:7])
    year_lo, year_hi = dates.bounds(iso[:4])
    assert year_lo <= month_lo <= day <= month_hi <= year_hi
    assert (month_hi.month, year_hi.month, year_hi.day) == (day.month, 12, 31)
