"""Partial ISO 8601 dates: the precision a source gives, and the interval it covers.

Sources fix dates to a year, a month or a day. brinkwatch keeps that precision
instead of inventing a day, and turns a partial date into the closed interval
of days it covers whenever two dates have to be compared.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

PRECISIONS = ("year", "month", "day")


class DateError(ValueError):
    """A string that is not a partial ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)."""


def check(value: str) -> str:
    """Return ``value`` if it is a valid partial date, else raise :class:`DateError`."""
    bounds(value)
    return value


def precision(value: str) -> str:
    """'year', 'month' or 'day' for a partial date."""
    m = PARTIAL_DATE.match(value)
    if not m:
        raise DateError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    return PRECISIONS[sum(1 for g in m.groups() if g is not None) - 1]


def bounds(value: str) -> tuple[date, date]:
    """First and last day covered by a partial date ("2020-01" -> Jan 1 .. Jan 31)."""
    m = PARTIAL_DATE.match(value)
    if not m:
        raise DateError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
    y, mo, d = m.groups()
    try:
        year = int(y)
        if mo is None:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(mo)
        if d is None:
            return date(year, month, 1), date(year, month, monthrange(year, month)[1])
        day = date(year, month, int(d))
    except ValueError as exc:
        raise DateError(f"{value!r} is not a real calendar date ({exc})") from None
    return day, day


def span(start: str | None, end: str | None = None) -> tuple[date, date] | None:
    """The interval from the first day of ``start`` to the last day of ``end`` (or of ``start``)."""
    if not start:
        return None
    lo, hi = bounds(start)
    if end:
        hi = bounds(end)[1]
    return lo, hi


def overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """True when two closed day intervals share at least one day."""
    return a[0] <= b[1] and b[0] <= a[1]


def holds_on(valid_from: str | None, valid_to: str | None, when: date) -> bool:
    """Whether an interval with optional partial-date ends may hold on ``when``.

    An open end is unbounded; a partial end covers its whole unit, so a
    relation valid from "2003" holds on 2003-01-01.
    """
    if valid_from and bounds(valid_from)[0] > when:
        return False
    return not (valid_to and bounds(valid_to)[1] < when)
