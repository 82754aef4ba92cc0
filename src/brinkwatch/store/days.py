"""Partial dates as integer day numbers, the form the store indexes and compares.

A partial date covers an interval of days ("2020-01" is Jan 1..31); the store
keeps its first and last day as ``date.toordinal()`` numbers so interval
queries are integer comparisons that both databases index the same way.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from brinkwatch import dates
from brinkwatch.store.schema import DAY_MAX, DAY_MIN, UNDATED


@lru_cache(maxsize=1 << 16)
def day_bounds(value: str) -> tuple[int, int]:
    """First and last day number of a partial date; cached because imports repeat a few thousand dates."""
    lo, hi = dates.bounds(value)
    return lo.toordinal(), hi.toordinal()


def query_bounds(value: date | str) -> tuple[int, int]:
    """Day numbers of a query date given as a ``date`` or a partial ISO string."""
    if isinstance(value, date):
        day = value.toordinal()
        return day, day
    return day_bounds(value)


def interval_days(start: str | None, end: str | None) -> tuple[int, int]:
    """An interval with optional partial-date ends; open ends become DAY_MIN / DAY_MAX."""
    lo = day_bounds(start)[0] if start else DAY_MIN
    hi = day_bounds(end)[1] if end else DAY_MAX
    return lo, hi


def event_days(start: str | None, end: str | None) -> tuple[int, int]:
    """First and last day of an event; an undated event gets UNDATED for both (it sorts last)."""
    if not start:
        return UNDATED, UNDATED
    lo, hi = day_bounds(start)
    if end:
        hi = day_bounds(end)[1]
    return lo, hi
