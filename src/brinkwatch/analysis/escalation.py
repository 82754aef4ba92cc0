"""How close two sides are to open confrontation, period by period.

Each week, month or year of a dyad gets counts by quad class, mean and
minimum intensity, fatalities and a state (cooperation, calm, tension,
provocation, confrontation). The state comes from the criteria in
``data/escalation_states.yaml``, evaluated in order, and each period names
the criterion that decided it, so a reader can see why March was a
"provocation" and not a "confrontation".

Counting is done with numpy over an :class:`EventFrame`, so a dyad with
hundreds of thousands of events is summarised in milliseconds once read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from pydantic import BaseModel, Field, model_validator

from brinkwatch import dates
from brinkwatch.analysis.datafiles import load_model
from brinkwatch.analysis.eventframe import EventFrame, EventGroup, as_rows, build_frame
from brinkwatch.analysis.graph import Chain, PatronGraph, Side, load_attribution_config
from brinkwatch.analysis.periods import (
    Unit,
    check_unit,
    period_bounds,
    period_index,
    period_label,
    period_of,
    placeable,
)
from brinkwatch.analysis.storeapi import AnalysisStore, resolve
from brinkwatch.records import ACTOR_TYPES
from brinkwatch.store.rows import EventRows, take_rows

State = str
"""The name of a state listed under ``states`` in ``escalation_states.yaml`` (checked when it is read)."""

METRICS = (
    "events", "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
    "cooperative", "hostile", "hostile_share", "mean_intensity", "min_intensity", "fatalities",
    "severe_events", "severe_share", "severe_days", "state_force_events",
)

Bound = float | dict[Unit, float]


class Condition(BaseModel):
    """One test of a period metric against a bound (a number, or one per period unit)."""

    metric: str
    at_least: Bound | None = None
    at_most: Bound | None = None
    above: Bound | None = None
    below: Bound | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Condition:
        if self.metric not in METRICS:
            raise ValueError(f"unknown metric {self.metric!r}; known: {', '.join(METRICS)}")
        given = [b for b in (self.at_least, self.at_most, self.above, self.below) if b is not None]
        if len(given) != 1:
            raise ValueError("a condition needs exactly one of at_least, at_most, above, below")
        bound = given[0]
        if isinstance(bound, dict) and set(bound) != {"week", "month", "year"}:
            raise ValueError("a bound given per unit needs week, month and year")
        return self

    def _value(self, bound: Bound, unit: Unit) -> float:
        return bound[unit] if isinstance(bound, dict) else bound

    def holds(self, metrics: Mapping[str, float | None], unit: Unit) -> bool:
        """Whether the period's metric passes; an undefined metric never does."""
        value = metrics[self.metric]
        if value is None:
            return False
        if self.at_least is not None:
            return value >= self._value(self.at_least, unit)
        if self.at_most is not None:
            return value <= self._value(self.at_most, unit)
        if self.above is not None:
            return value > self._value(self.above, unit)
        assert self.below is not None
        return value < self._value(self.below, unit)

    def describe(self, unit: Unit) -> str:
        """The condition in words for this unit, e.g. ``severe_days >= 5``."""
        for op, bound in ((">=", self.at_least), ("<=", self.at_most), (">", self.above), ("<", self.below)):
            if bound is not None:
                return f"{self.metric} {op} {self._value(bound, unit):g}"
        raise AssertionError("validated to have one bound")


class Criterion(BaseModel):
    """A named rule that puts a period in a state when all its conditions hold."""

    name: str
    state: State
    description: str = ""
    when: list[Condition] = Field(default_factory=list)


class StateStyle(BaseModel):
    """One escalation state: its name, how it is drawn, and the words of the legend."""

    name: str
    colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    label: str


class EscalationConfig(BaseModel):
    """The contents of ``escalation_states.yaml``: the states, their order and colours, and the criteria."""

    version: int
    states: list[StateStyle] = Field(min_length=1)
    fallback_colour: str = Field(pattern=r"^#[0-9a-fA-F]{6}$")
    severe_intensity: float = Field(ge=-10, le=10)
    state_force_intensity: float = Field(ge=-10, le=10)
    state_actor_types: list[str]
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _catch_all_last(self) -> EscalationConfig:
        if self.criteria[-1].when:
            raise ValueError("the last criterion must have no conditions, so that every period gets a state")
        unknown = [t for t in self.state_actor_types if t not in ACTOR_TYPES]
        if unknown:
            raise ValueError(f"state_actor_types: unknown actor types {unknown}")
        names = [s.name for s in self.states]
        if len(set(names)) != len(names):
            raise ValueError(f"states: a state is listed twice in {names}")
        undefined = sorted({c.state for c in self.criteria} - set(names))
        if undefined:
            raise ValueError(f"criteria: states {undefined} are not listed under 'states'")
        return self

    @property
    def state_names(self) -> tuple[str, ...]:
        """The states from the most cooperative to the most hostile."""
        return tuple(s.name for s in self.states)

    def colour(self, state: str) -> str:
        """The state's colour, or the fallback for a state this file does not list."""
        return next((s.colour for s in self.states if s.name == state), self.fallback_colour)

    def legend(self, seen: set[str]) -> list[tuple[str, str, str]]:
        """(state, colour, label) for the states in ``seen``, most hostile first, unknown ones last."""
        known = [s for s in reversed(self.states) if s.name in seen]
        unknown = sorted(seen - set(self.state_names))
        return [(s.name, s.colour, s.label) for s in known] + [(u, self.fallback_colour, u) for u in unknown]

    def classify(self, metrics: Mapping[str, float | None], unit: Unit) -> Criterion:
        """The first criterion whose conditions all hold."""
        return next(c for c in self.criteria if all(cond.holds(metrics, unit) for cond in c.when))


@lru_cache(maxsize=1)
def load_escalation_config() -> EscalationConfig:
    """The packaged ``escalation_states.yaml``, read once."""
    return load_model("escalation_states.yaml", EscalationConfig)


@dataclass(frozen=True)
class RolledUp:
    """An event counted for a side through a proxy: which actor did it and the chain to the principal."""

    event_id: str
    actor: str
    chain: Chain


@dataclass
class Period:
    """One period of the series with its numbers, its state and the criterion that decided it."""

    label: str
    start: date
    end: date
    metrics: dict[str, float | None]
    state: State
    criterion: str
    event_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        """Counts by quad class, intensity, fatalities, state and evidence."""
        m = self.metrics
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "events": int(m["events"] or 0),
            "quad_counts": {str(q): int(m[k] or 0) for q, k in enumerate(
                ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"), 1)},
            "mean_intensity": None if m["mean_intensity"] is None else round(m["mean_intensity"], 4),
            "min_intensity": m["min_intensity"],
            "fatalities": int(m["fatalities"] or 0),
            "metrics": m,
            "state": self.state,
            "criterion": self.criterion,
            "event_ids": self.event_ids,
        }


@dataclass
class EscalationSeries:
    """The escalation series of a dyad and how it was computed."""

    a: str
    b: str
    by: Unit
    directed: bool
    roll_up_proxies: bool
    periods: list[Period]
    config: EscalationConfig
    unplaced: int = 0
    undated: int = 0
    rolled_up: list[RolledUp] = field(default_factory=list)

    @property
    def explain(self) -> dict[str, Any]:
        """What was counted, and the criteria in the order they were tried."""
        direction = f"events by {self.a} against {self.b}" if self.directed else (
            f"events between {self.a} and {self.b} in both directions")
        proxies = (
            f"; acts of proxies count for their patrons as of each act's date ({len(self.rolled_up)} events "
            "counted through a proxy chain, listed under rolled_up)" if self.roll_up_proxies else "")
        text = (
            f"{direction}{proxies}, counted per {self.by}; periods without events are included (no-contact). "
            f"{self.undated} undated events and {self.unplaced} dated less precisely than a {self.by} "
            "were left out. Severe means intensity <= "
            f"{self.config.severe_intensity:g}; state force means material conflict at or below "
            f"{self.config.state_force_intensity:g} between actors of type "
            f"{'/'.join(self.config.state_actor_types)}. Each period takes the state of the first criterion "
            "below whose conditions all hold."
        )
        return {
            "text": text,
            "criteria": [
                {"name": c.name, "state": c.state, "description": c.description,
                 "conditions": [cond.describe(self.by) for cond in c.when]}
                for c in self.config.criteria
            ],
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready series with the explanation."""
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "directed": self.directed,
            "roll_up_proxies": self.roll_up_proxies,
            "periods": [p.to_dict() for p in self.periods],
            "rolled_up": [
                {"event": r.event_id, "actor": r.actor, "chain": list(r.chain.actors),
                 "strength": round(r.chain.strength, 6)}
                for r in self.rolled_up
            ],
            "explain": self.explain,
        }


def _state_force(frame: EventFrame, actor_types: Mapping[str, str], config: EscalationConfig) -> np.ndarray:
    """Which events are force used directly between two states or governments."""
    kinds = set(config.state_actor_types)
    candidates = np.flatnonzero((frame.quad == 4) & (frame.intensity <= config.state_force_intensity))
    out = np.zeros(len(frame), dtype=bool)
    for i in candidates:
        out[i] = any(actor_types.get(s) in kinds for s in frame.sources[i]) and any(
            actor_types.get(t) in kinds for t in frame.targets[i])
    return out


def series_from_frame(
    frame: EventFrame,
    by: Unit,
    state_force: np.ndarray,
    config: EscalationConfig,
    first: int | None = None,
    last: int | None = None,
) -> tuple[list[Period], int]:
    """Periods from ``first`` to ``last`` (period indexes; default: the span of the events).

    Returns the periods and how many events were too coarsely dated to place.
    """
    ok = placeable(frame.precision, by)
    unplaced = int((~ok).sum())
    idx = period_index(frame.day, by)
    if first is not None:
        ok &= idx >= first
    if last is not None:
        ok &= idx <= last
    k_all = idx[ok]
    if first is None or last is None:
        if len(k_all) == 0:
            return [], unplaced
        first = int(k_all.min()) if first is None else first
        last = int(k_all.max()) if last is None else last
    n = last - first + 1
    if n <= 0:
        return [], unplaced
    k = k_all - first
    quad = frame.quad[ok]
    inten = frame.intensity[ok]
    fat = frame.fatalities[ok]
    severe = inten <= config.severe_intensity
    count = np.bincount(k, minlength=n)
    by_quad = {q: np.bincount(k[quad == q], minlength=n) for q in (1, 2, 3, 4)}
    total_int = np.bincount(k, weights=inten, minlength=n)
    mins = np.full(n, np.inf)
    np.minimum.at(mins, k, inten)
    fat_sum = np.bincount(k, weights=fat, minlength=n)
    severe_n = np.bincount(k[severe], minlength=n)
    severe_day_periods = period_index(np.unique(frame.day[ok][severe]), by) - first
    severe_days = np.bincount(severe_day_periods, minlength=n)
    force = np.bincount(k[state_force[ok]], minlength=n)
    order = np.argsort(k, kind="stable")
    cuts = np.searchsorted(k[order], np.arange(n + 1))
    kept_ids = np.flatnonzero(ok)
    periods: list[Period] = []
    for j in range(n):
        events = int(count[j])
        hostile = int(by_quad[3][j] + by_quad[4][j])
        metrics: dict[str, float | None] = {
            "events": events,
            "verbal_cooperation": int(by_quad[1][j]),
            "material_cooperation": int(by_quad[2][j]),
            "verbal_conflict": int(by_quad[3][j]),
            "material_conflict": int(by_quad[4][j]),
            "cooperative": int(by_quad[1][j] + by_quad[2][j]),
            "hostile": hostile,
            "hostile_share": hostile / events if events else None,
            "mean_intensity": float(total_int[j] / events) if events else None,
            "min_intensity": float(mins[j]) if events else None,
            "fatalities": int(fat_sum[j]),
            "severe_events": int(severe_n[j]),
            "severe_share": int(severe_n[j]) / events if events else None,
            "severe_days": int(severe_days[j]),
            "state_force_events": int(force[j]),
        }
        crit = config.classify(metrics, by)
        start, end = period_bounds(first + j, by)
        ids = [frame.ids[i] for i in kept_ids[order[cuts[j]:cuts[j + 1]]]]
        periods.append(Period(period_label(first + j, by), start, end, metrics, crit.state, crit.name, ids))
    return periods, unplaced


def escalation_series(
    events_ab: EventGroup,
    events_ba: EventGroup,
    by: str = "month",
    actor_types: Mapping[str, str] | None = None,
    config: EscalationConfig | None = None,
    since: date | None = None,
    until: date | None = None,
) -> tuple[list[Period], EventFrame, int]:
    """Pure core: the periods of a dyad from its events in each direction.

    ``actor_types`` (actor id to RECORDS.md type) tells state-on-state force
    apart from force by or against a non-state actor. Returns the periods,
    the frame they were counted from and the number of unplaceable events.
    """
    unit = check_unit(by)
    cfg = config or load_escalation_config()
    frame = build_frame([events_ab, events_ba])
    force = _state_force(frame, actor_types or {}, cfg)
    first = period_of(since, unit) if since else None
    last = period_of(until, unit) if until else None
    periods, unplaced = series_from_frame(frame, unit, force, cfg, first, last)
    return periods, frame, unplaced


def split_by_sides(
    events: EventGroup, side_a: Side, side_b: Side
) -> tuple[EventRows, EventRows, list[RolledUp]]:
    """Events of A's side against B's side and the reverse, as of each event's date.

    An event counts for a side when one of its sources belongs to that side on
    the event's first day and one of its targets belongs to the other side;
    the proxies through which it was counted are reported.
    """
    rows = as_rows(events)
    ab: list[int] = []
    ba: list[int] = []
    via: list[RolledUp] = []
    for i, eid in enumerate(rows.ids):
        when = rows.date[i]
        if not when:
            continue
        day = dates.bounds(when)[0].toordinal()
        for src_side, dst_side, bucket in ((side_a, side_b, ab), (side_b, side_a, ba)):
            src = next((s for s in rows.source[i] if src_side.belongs(s, day)), None)
            dst = next((t for t in rows.target[i] if dst_side.belongs(t, day) and t != src), None)
            if src is None or dst is None:
                continue
            bucket.append(i)
            for actor in (src, dst):
                chain = src_side.chain_on(actor, day) if actor == src else dst_side.chain_on(actor, day)
                if chain is not None:
                    via.append(RolledUp(eid, actor, chain))
            break
    return take_rows(rows, ab), take_rows(rows, ba), via


def _actor_types(store: AnalysisStore, groups: Sequence[EventRows]) -> dict[str, str]:
    ids = {a for rows in groups for who in (*rows.source, *rows.target) for a in who}
    types: dict[str, str] = {}
    for actor_id in ids:
        actor = store.get_actor(actor_id)
        if actor is not None:
            types[actor_id] = actor.type
    return types


def escalation(
    store: AnalysisStore,
    a: str,
    b: str,
    by: str = "month",
    directed: bool = False,
    roll_up_proxies: bool = False,
    since: date | None = None,
    until: date | None = None,
    config: EscalationConfig | None = None,
) -> EscalationSeries:
    """The escalation series of the dyad A-B (actors by id or any name).

    ``directed`` counts only A's acts against B. ``roll_up_proxies`` counts
    the acts of each side's proxies (attribution as of the act's date, chain
    strength at least ``roll_up_min_strength`` of ``attribution.yaml``) as
    that side's. ``since``/``until`` fix the span; otherwise it runs from the
    first to the last period with an event.
    """
    unit = check_unit(by)
    cfg = config or load_escalation_config()
    a_id, b_id = resolve(store, a), resolve(store, b)
    rolled: list[RolledUp] = []
    if roll_up_proxies:
        graph = PatronGraph.from_relations(store.relations(types=list(load_attribution_config().edges)))
        side_a, side_b = graph.side(a_id), graph.side(b_id)
        found = store.event_rows(source=side_a.actors(), target=side_b.actors(), since=since, until=until)
        if not directed:
            back = store.event_rows(source=side_b.actors(), target=side_a.actors(), since=since, until=until)
            found = _concat(found, back)
        ab, ba, rolled = split_by_sides(found, side_a, side_b)
        if directed:
            ba = EventRows()
    else:
        ab = store.event_rows(source=a_id, target=b_id, since=since, until=until)
        ba = EventRows() if directed else store.event_rows(source=b_id, target=a_id, since=since, until=until)
    types = _actor_types(store, [ab, ba])
    periods, frame, unplaced = escalation_series(ab, ba, unit, types, cfg, since, until)
    return EscalationSeries(
        a_id, b_id, unit, directed, roll_up_proxies, periods, cfg, unplaced, frame.undated, rolled
    )


def _concat(first: EventRows, second: EventRows) -> EventRows:
    """Both groups' rows, the first's first (an event in both is split once, by its first copy)."""
    out = EventRows()
    for name, column in vars(first).items():
        setattr(out, name, [*column, *getattr(second, name)])
    return out
