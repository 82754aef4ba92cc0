"""Calendar periods (ISO weeks, months, years) as integer indexes, for vectorised counting.

Series are aggregated with numpy, so a day becomes an integer period index in
one array operation; labels and bounds are computed only for the periods that
are printed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import numpy as np

Unit = Literal["week", "month", "year"]
UNITS: tuple[Unit, ...] = ("week", "month", "year")

_EPOCH = date(1970, 1, 1).toordinal()
_MONDAY = date(1970, 1, 5).toordinal()  # the first Monday of the epoch anchors ISO weeks

# The coarsest date precision that still fixes an event's period: a week needs a
# day, a month needs at least a month, a year anything.
_NEEDED = {"week": 2, "month": 1, "year": 0}
PRECISION_CODES = {"year": 0, "month": 1, "day": 2}


def check_unit(unit: str) -> Unit:
    """``unit`` if it is week, month or year, else ValueError naming the choices."""
    for known in UNITS:
        if unit == known:
            return known
    raise ValueError(f"unknown period {unit!r}; expected one of: {', '.join(UNITS)}")


def placeable(precision_codes: np.ndarray, unit: Unit) -> np.ndarray:
    """Which events are dated precisely enough to belong to one period of ``unit``."""
    return np.asarray(precision_codes >= _NEEDED[unit])


def period_index(day_ordinals: np.ndarray, unit: Unit) -> np.ndarray:
    """Integer period of each day (``date.toordinal()`` numbers); consecutive periods differ by one."""
    ords = np.asarray(day_ordinals, dtype=np.int64)
    if unit == "week":
        return (ords - _MONDAY) // 7
    days = (ords - _EPOCH).astype("datetime64[D]")
    if unit == "month":
        return days.astype("datetime64[M]").astype(np.int64)
    return days.astype("datetime64[Y]").astype(np.int64)


def period_of(day: date, unit: Unit) -> int:
    """The period index of a single day."""
    return int(period_index(np.array([day.toordinal()]), unit)[0])


def period_bounds(index: int, unit: Unit) -> tuple[date, date]:
    """First and last day of a period."""
    if unit == "week":
        start = date.fromordinal(_MONDAY + 7 * index)
        return start, start + timedelta(days=6)
    if unit == "month":
        year, month = divmod(index, 12)
        start = date(1970 + year, month + 1, 1)
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start, nxt - timedelta(days=1)
    return date(1970 + index, 1, 1), date(1970 + index, 12, 31)


def period_label(index: int, unit: Unit) -> str:
    """ISO label of a period: 1990-W31, 1990-08 or 1990."""
    start, _ = period_bounds(index, unit)
    if unit == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if unit == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"
