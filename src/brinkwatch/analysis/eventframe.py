"""Events as parallel numpy arrays: the form in which series are counted quickly.

A dyad can hold hundreds of thousands of events; turning them once into
arrays of day, precision, quad class, intensity and fatalities lets every
analysis aggregate with numpy instead of looping over records again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from brinkwatch import dates
from brinkwatch.analysis.periods import PRECISION_CODES
from brinkwatch.analysis.signs import event_intensity, event_quad
from brinkwatch.records import Event


@lru_cache(maxsize=1 << 16)
def _day_and_precision(value: str) -> tuple[int, int]:
    """First day and precision code of a partial date; cached because a dyad repeats its dates."""
    return dates.bounds(value)[0].toordinal(), PRECISION_CODES[dates.precision(value)]


@dataclass(frozen=True)
class EventFrame:
    """Dated events and their numbers, index-aligned with ``events``.

    ``day`` is the first day the event's date covers (``date.toordinal()``);
    ``precision`` says how much of that is known (0 year, 1 month, 2 day), so
    callers can leave out events too coarse for their question. ``side`` is a
    free label per event (the direction of a dyad: 0 for A to B, 1 for B to A).
    """

    events: list[Event]
    day: np.ndarray
    precision: np.ndarray
    quad: np.ndarray
    intensity: np.ndarray
    fatalities: np.ndarray
    side: np.ndarray
    undated: int

    def __len__(self) -> int:
        return len(self.events)

    def take(self, mask: np.ndarray) -> EventFrame:
        """The events where ``mask`` is true, as a new frame."""
        idx = np.flatnonzero(mask)
        return EventFrame(
            events=[self.events[i] for i in idx],
            day=self.day[idx],
            precision=self.precision[idx],
            quad=self.quad[idx],
            intensity=self.intensity[idx],
            fatalities=self.fatalities[idx],
            side=self.side[idx],
            undated=self.undated,
        )


def build_frame(groups: Sequence[Sequence[Event]]) -> EventFrame:
    """One frame over several groups of events; ``side`` is each event's group number.

    Undated events cannot be placed in time and are counted, not kept. An
    event that appears in more than one group (an event whose sources and
    targets include both sides) is kept once, in its first group.
    """
    kept: list[Event] = []
    day: list[int] = []
    prec: list[int] = []
    quad: list[int] = []
    inten: list[float] = []
    fat: list[int] = []
    side: list[int] = []
    seen: set[str] = set()
    undated = 0
    for number, group in enumerate(groups):
        for ev in group:
            if ev.id in seen:
                continue
            seen.add(ev.id)
            if not ev.date:
                undated += 1
                continue
            kept.append(ev)
            first, code = _day_and_precision(ev.date)
            day.append(first)
            prec.append(code)
            quad.append(event_quad(ev))
            inten.append(event_intensity(ev))
            fat.append(ev.fatalities or 0)
            side.append(number)
    return EventFrame(
        events=kept,
        day=np.array(day, dtype=np.int64),
        precision=np.array(prec, dtype=np.int8),
        quad=np.array(quad, dtype=np.int8),
        intensity=np.array(inten, dtype=np.float64),
        fatalities=np.array(fat, dtype=np.int64),
        side=np.array(side, dtype=np.int8),
        undated=undated,
    )
