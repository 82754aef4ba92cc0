"""Events as plain columns: the light read path for analyses that count, not cite.

An escalation series over a dyad with tens of thousands of events needs each
event's day, type, quad class, intensity and actors, never its provenance or
a validated record. :class:`EventRows` carries exactly those as parallel
lists, read with one query driven by the same indexed filter as
``Store.events``; the ids stay, so any
number can be traced back to its records with ``Store.get_event``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa

from brinkwatch.records import Event
from brinkwatch.store import schema as t
from brinkwatch.store.days import event_days
from brinkwatch.store.reader import EventFilter


@dataclass
class EventRows:
    """Parallel columns of events in date order (undated last), index-aligned.

    ``lo``/``hi`` are the first and last day the date covers as
    ``date.toordinal()`` numbers (``schema.UNDATED`` for an undated event);
    ``quad_class``/``intensity`` are the event's own values, None when the
    source gave none (the ontology's defaults are the analysis' business).
    """

    ids: list[str] = field(default_factory=list)
    date: list[str | None] = field(default_factory=list)
    lo: list[int] = field(default_factory=list)
    hi: list[int] = field(default_factory=list)
    type: list[str] = field(default_factory=list)
    mode: list[str | None] = field(default_factory=list)
    quad_class: list[int | None] = field(default_factory=list)
    intensity: list[float | None] = field(default_factory=list)
    fatalities: list[int | None] = field(default_factory=list)
    source: list[tuple[str, ...]] = field(default_factory=list)
    target: list[tuple[str, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_events(cls, events: Iterable[Event]) -> EventRows:
        """The same columns from records (so pure analysis cores take either form)."""
        rows = cls()
        for ev in events:
            lo, hi = event_days(ev.date, ev.date_end)
            rows.ids.append(ev.id)
            rows.date.append(ev.date)
            rows.lo.append(lo)
            rows.hi.append(hi)
            rows.type.append(ev.type)
            rows.mode.append(ev.mode)
            rows.quad_class.append(ev.quad_class)
            rows.intensity.append(ev.intensity)
            rows.fatalities.append(ev.fatalities)
            rows.source.append(tuple(ev.source))
            rows.target.append(tuple(ev.target))
        return rows


def read_event_rows(conn: sa.Connection, flt: EventFilter) -> EventRows:
    """The events matching ``flt`` as :class:`EventRows`, in ``Store.events`` order.

    One query: the filter's indexed id scan joined to the events (by primary
    key) and to their actor rows, so each event arrives as one row per actor,
    consecutive, sources before targets in their stored order.
    """
    e, ea = t.events, t.event_actors.alias("who")
    matching = flt.id_query().order_by(None).subquery()
    match_lo, match_id = matching.c[0], matching.c[1]
    query = (
        sa.select(
            e.c.id, e.c.date, e.c.lo, e.c.hi, e.c.type, e.c.mode, e.c.quad_class, e.c.intensity,
            e.c.fatalities, ea.c.role, ea.c.actor_id,
        )
        .select_from(matching)
        .join(e, e.c.id == match_id)
        .outerjoin(ea, ea.c.event_id == match_id)
        .order_by(match_lo, match_id, ea.c.role, ea.c.position)
    )
    rows = EventRows()
    current: str | None = None
    sources: list[str] = []
    targets: list[str] = []
    for eid, day, lo, hi, etype, mode, quad, intensity, fatalities, role, actor_id in conn.execute(query):
        if eid != current:
            if current is not None:
                rows.source.append(tuple(sources))
                rows.target.append(tuple(targets))
            current, sources, targets = eid, [], []
            rows.ids.append(eid)
            rows.date.append(day)
            rows.lo.append(lo)
            rows.hi.append(hi)
            rows.type.append(etype)
            rows.mode.append(mode)
            rows.quad_class.append(quad)
            rows.intensity.append(intensity)
            rows.fatalities.append(fatalities)
        if role is not None:
            (targets if role == "target" else sources).append(actor_id)
    if current is not None:
        rows.source.append(tuple(sources))
        rows.target.append(tuple(targets))
    return rows


def take_rows(rows: EventRows, indexes: Iterable[int]) -> EventRows:
    """The rows at ``indexes``, in that order, as new columns."""
    picked = list(indexes)
    out = EventRows()
    for name in (
        "ids", "date", "lo", "hi", "type", "mode", "quad_class", "intensity", "fatalities", "source", "target"
    ):
        column = getattr(rows, name)
        setattr(out, name, [column[i] for i in picked])
    return out
