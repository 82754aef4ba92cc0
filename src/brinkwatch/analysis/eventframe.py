"""Events as parallel numpy arrays: the form in which series are counted quickly.

A dyad can hold hundreds of thousands of events; turning them once into
arrays of day, precision, quad class, intensity and fatalities lets every
analysis aggregate with numpy instead of looping over records again. A frame
is built from the store's plain columns (:class:`~brinkwatch.store.EventRows`,
no provenance, no records) or from records, so the pure cores stay testable
on hand-built events; either way it keeps each event's id, so every number
leads back to its records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from brinkwatch import dates
from brinkwatch.analysis.periods import PRECISION_CODES
from brinkwatch.ontology import load_ontology
from brinkwatch.records import Event
from brinkwatch.store.rows import EventRows

EventGroup = Sequence[Event] | EventRows


@lru_cache(maxsize=1 << 16)
def _day_and_precision(value: str) -> tuple[int, int]:
    """First day and precision code of a partial date; cached because a dyad repeats its dates."""
    return dates.bounds(value)[0].toordinal(), PRECISION_CODES[dates.precision(value)]


@lru_cache(maxsize=1024)
def _type_intensity(event_type: str, mode: str | None) -> float:
    """The PLOVER type's intensity (refined by mode), for events that carry none of their own."""
    return load_ontology().event_type(event_type).intensity_of(mode)


@lru_cache(maxsize=256)
def _type_quad(event_type: str) -> int:
    """The PLOVER type's quad class, for events that carry none of their own."""
    return load_ontology().event_type(event_type).quad_class


def as_rows(group: EventGroup) -> EventRows:
    """A group of events as columns (records are converted; rows are taken as they are)."""
    return group if isinstance(group, EventRows) else EventRows.from_events(group)


@dataclass(frozen=True)
class EventFrame:
    """Dated events and their numbers, index-aligned with ``ids``.

    ``day`` is the first day the event's date covers (``date.toordinal()``);
    ``precision`` says how much of that is known (0 year, 1 month, 2 day), so
    callers can leave out events too coarse for their question. ``side`` is a
    free label per event (the direction of a dyad: 0 for A to B, 1 for B to A).
    ``sources``/``targets`` are the actor ids of each event.
    """

    ids: list[str]
    sources: list[tuple[str, ...]]
    targets: list[tuple[str, ...]]
    day: np.ndarray
    precision: np.ndarray
    quad: np.ndarray
    intensity: np.ndarray
    fatalities: np.ndarray
    side: np.ndarray
    undated: int

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, mask_or_order: np.ndarray) -> EventFrame:
        """The events where a boolean mask is true, or at an array of positions, as a new frame."""
        idx = np.flatnonzero(mask_or_order) if mask_or_order.dtype == bool else mask_or_order
        return EventFrame(
            ids=[self.ids[i] for i in idx],
            sources=[self.sources[i] for i in idx],
            targets=[self.targets[i] for i in idx],
            day=self.day[idx],
            precision=self.precision[idx],
            quad=self.quad[idx],
            intensity=self.intensity[idx],
            fatalities=self.fatalities[idx],
            side=self.side[idx],
            undated=self.undated,
        )


def build_frame(groups: Sequence[EventGroup]) -> EventFrame:
    """One frame over several groups of events; ``side`` is each event's group number.

    Undated events cannot be placed in time and are counted, not kept. An
    event that appears in more than one group (an event whose sources and
    targets include both sides) is kept once, in its first group.
    """
    ids: list[str] = []
    sources: list[tuple[str, ...]] = []
    targets: list[tuple[str, ...]] = []
    day: list[int] = []
    prec: list[int] = []
    quad: list[int] = []
    inten: list[float] = []
    fat: list[int] = []
    side: list[int] = []
    seen: set[str] = set()
    undated = 0
    for number, group in enumerate(groups):
        rows = as_rows(group)
        for i, eid in enumerate(rows.ids):
            if eid in seen:
                continue
            seen.add(eid)
            when = rows.date[i]
            if not when:
                undated += 1
                continue
            ids.append(eid)
            sources.append(rows.source[i])
            targets.append(rows.target[i])
            first, code = _day_and_precision(when)
            day.append(first)
            prec.append(code)
            q = rows.quad_class[i]
            quad.append(_type_quad(rows.type[i]) if q is None else q)
            value = rows.intensity[i]
            inten.append(_type_intensity(rows.type[i], rows.mode[i]) if value is None else value)
            fat.append(rows.fatalities[i] or 0)
            side.append(number)
    return EventFrame(
        ids=ids,
        sources=sources,
        targets=targets,
        day=np.array(day, dtype=np.int64),
        precision=np.array(prec, dtype=np.int8),
        quad=np.array(quad, dtype=np.int8),
        intensity=np.array(inten, dtype=np.float64),
        fatalities=np.array(fat, dtype=np.int64),
        side=np.array(side, dtype=np.int8),
        undated=undated,
    )
