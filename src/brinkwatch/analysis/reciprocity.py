"""Action and reaction: does each side answer the other's hostile acts, how fast and how hard?

A trigger is a hostile act by one side against the other; its response is
the other side's first hostile act against the first within the window. The
response ratio (|response intensity| / |trigger intensity|) tells a calibrated
tit-for-tat apart from escalation (a harder answer) and de-escalation (a
softer one); the band that counts as calibrated is in ``data/reciprocity.yaml``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, Field, model_validator

from brinkwatch.analysis.datafiles import load_model
from brinkwatch.analysis.eventframe import EventFrame, EventGroup, build_frame
from brinkwatch.analysis.evidence import event_evidence
from brinkwatch.analysis.signs import SignsConfig, load_signs
from brinkwatch.analysis.storeapi import AnalysisStore, resolve
from brinkwatch.records import Event
from brinkwatch.store.rows import EventRows

Label = Literal["calibrated", "escalatory", "de-escalatory"]


class Band(BaseModel):
    """Response ratios from ``low`` to ``high`` (inclusive) are calibrated."""

    low: float = Field(gt=0)
    high: float = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.high < self.low:
            raise ValueError("calibrated_band: high is below low")
        return self

    def label(self, ratio: float) -> Label:
        """Which side of the band a ratio falls on."""
        if ratio > self.high:
            return "escalatory"
        if ratio < self.low:
            return "de-escalatory"
        return "calibrated"


class ReciprocityConfig(BaseModel):
    """The contents of ``reciprocity.yaml``."""

    version: int
    min_lag_days: int = Field(ge=0)
    calibrated_band: Band


@lru_cache(maxsize=1)
def load_reciprocity_config() -> ReciprocityConfig:
    """The packaged ``reciprocity.yaml``, read once."""
    return load_model("reciprocity.yaml", ReciprocityConfig)


@dataclass(frozen=True)
class Pair:
    """A trigger and the response to it."""

    trigger: Event
    response: Event
    trigger_side: str
    lag_days: int
    ratio: float | None
    label: Label | None

    def to_dict(self) -> dict[str, Any]:
        """The pair with both events as evidence."""
        return {
            "trigger_side": self.trigger_side,
            "trigger": event_evidence(self.trigger),
            "response": event_evidence(self.response),
            "lag_days": self.lag_days,
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "label": self.label,
        }


@dataclass(frozen=True)
class YearSummary:
    """The pairs whose trigger fell in one year, for triggers by one side."""

    year: int
    trigger_side: str
    triggers: int
    responded: int
    median_lag_days: float | None
    median_ratio: float | None
    calibrated: int
    escalatory: int
    de_escalatory: int
    label: Label | None

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers for JSON."""
        return {
            "year": self.year,
            "trigger_side": self.trigger_side,
            "triggers": self.triggers,
            "responded": self.responded,
            "response_rate": round(self.responded / self.triggers, 4) if self.triggers else None,
            "median_lag_days": self.median_lag_days,
            "median_ratio": None if self.median_ratio is None else round(self.median_ratio, 4),
            "calibrated": self.calibrated,
            "escalatory": self.escalatory,
            "de_escalatory": self.de_escalatory,
            "label": self.label,
        }


@dataclass
class ReciprocityReport:
    """Action-reaction pairs of a dyad, summarised per year, and how they were found."""

    a: str
    b: str
    window_days: int
    pairs: list[Pair]
    years: list[YearSummary]
    config: ReciprocityConfig
    hostile_quads: tuple[int, ...]
    left_out: int

    @property
    def explain(self) -> str:
        """The pairing rule and the band, in words."""
        band = self.config.calibrated_band
        return (
            f"A trigger is a hostile act (quad class {'/'.join(map(str, self.hostile_quads))}) by one side "
            f"against the other; its response is the other side's first hostile act against it "
            f"{self.config.min_lag_days} to {self.window_days} days later (several triggers may share one "
            f"response). Ratio = |response intensity| / |trigger intensity|: calibrated in "
            f"[{band.low:g}, {band.high:g}], escalatory above, de-escalatory below; a year takes the label "
            f"of its median ratio. {self.left_out} hostile acts dated coarser than a day were left out."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report."""
        return {
            "a": self.a,
            "b": self.b,
            "window_days": self.window_days,
            "years": [y.to_dict() for y in self.years],
            "pairs": [p.to_dict() for p in self.pairs],
            "explain": self.explain,
        }


# (trigger position, response position, trigger side name, lag in days, ratio, label)
_Found = tuple[int, int, str, int, float | None, Label | None]


def _pairs_one_way(
    frame: EventFrame, trig_side: int, names: tuple[str, str], window: int, cfg: ReciprocityConfig
) -> tuple[list[_Found], np.ndarray]:
    trig = np.flatnonzero(frame.side == trig_side)
    resp = np.flatnonzero(frame.side != trig_side)
    resp_days = frame.day[resp]
    first = np.searchsorted(resp_days, frame.day[trig] + cfg.min_lag_days, side="left")
    pairs: list[_Found] = []
    for t_i, r_pos in zip(trig, first, strict=True):
        if r_pos >= len(resp):
            continue
        r_i = resp[r_pos]
        lag = int(frame.day[r_i] - frame.day[t_i])
        if lag > window:
            continue
        t_int, r_int = abs(float(frame.intensity[t_i])), abs(float(frame.intensity[r_i]))
        ratio = r_int / t_int if t_int > 0 else None
        label = cfg.calibrated_band.label(ratio) if ratio is not None else None
        pairs.append((int(t_i), int(r_i), names[trig_side], lag, ratio, label))
    return pairs, trig


def reciprocity_pairs(
    events_ab: EventGroup,
    events_ba: EventGroup,
    a: str,
    b: str,
    window_days: int = 30,
    config: ReciprocityConfig | None = None,
    signs: SignsConfig | None = None,
    fetch: Callable[[list[str]], list[Event]] | None = None,
) -> ReciprocityReport:
    """Pure core: pairs and yearly summaries from the events of each direction.

    The events come as records or as the store's columns; pairs cite full
    records, so with columns ``fetch`` (ids to records, e.g.
    ``Store.get_events``) reads just the events that ended up in a pair.
    """
    if fetch is None:
        given = {ev.id: ev for group in (events_ab, events_ba) if not isinstance(group, EventRows)
                 for ev in group}

        def fetch(ids: list[str]) -> list[Event]:
            return [given[i] for i in ids]
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    cfg = config or load_reciprocity_config()
    hostile = sorted((signs or load_signs()).hostile_quads())
    frame = build_frame([events_ab, events_ba])
    is_hostile = np.isin(frame.quad, hostile)
    left_out = int((is_hostile & (frame.precision < 2)).sum())
    frame = frame.take(is_hostile & (frame.precision == 2))
    frame = _sorted(frame)
    found: list[list[_Found]] = []
    triggers: list[np.ndarray] = []
    for side in (0, 1):
        side_found, side_triggers = _pairs_one_way(frame, side, (a, b), window_days, cfg)
        found.append(side_found)
        triggers.append(side_triggers)
    cited = list(dict.fromkeys(frame.ids[i] for side_found in found for f in side_found for i in f[:2]))
    records = {ev.id: ev for ev in fetch(cited)}
    pairs: list[Pair] = []
    years: list[YearSummary] = []
    for side in (0, 1):
        side_pairs = [
            Pair(records[frame.ids[t_i]], records[frame.ids[r_i]], who, lag, ratio, label)
            for t_i, r_i, who, lag, ratio, label in found[side]
        ]
        pairs.extend(side_pairs)
        years.extend(_summarise(frame, triggers[side], side_pairs, (a, b)[side], cfg))
    pairs.sort(key=lambda p: (p.trigger.date or "", p.trigger.id))
    years.sort(key=lambda y: (y.year, y.trigger_side))
    return ReciprocityReport(a, b, window_days, pairs, years, cfg, tuple(hostile), left_out)


def _sorted(frame: EventFrame) -> EventFrame:
    """The frame in date order (ties by id), so searches over days are valid."""
    if not len(frame):
        return frame
    order = np.lexsort((np.array(frame.ids), frame.day))
    return frame.take(order)


def _summarise(
    frame: EventFrame, triggers: np.ndarray, pairs: list[Pair], side: str, cfg: ReciprocityConfig
) -> list[YearSummary]:
    trig_years: dict[int, int] = defaultdict(int)
    for i in triggers:
        trig_years[date.fromordinal(int(frame.day[i])).year] += 1
    by_year: dict[int, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_year[int((p.trigger.date or "0")[:4])].append(p)
    out = []
    for year in sorted(trig_years):
        ps = by_year.get(year, [])
        ratios = [p.ratio for p in ps if p.ratio is not None]
        median = float(np.median(ratios)) if ratios else None
        out.append(YearSummary(
            year=year,
            trigger_side=side,
            triggers=trig_years[year],
            responded=len(ps),
            median_lag_days=float(np.median([p.lag_days for p in ps])) if ps else None,
            median_ratio=median,
            calibrated=sum(p.label == "calibrated" for p in ps),
            escalatory=sum(p.label == "escalatory" for p in ps),
            de_escalatory=sum(p.label == "de-escalatory" for p in ps),
            label=cfg.calibrated_band.label(median) if median is not None else None,
        ))
    return out


def reciprocity(
    store: AnalysisStore, a: str, b: str, window_days: int = 30, config: ReciprocityConfig | None = None
) -> ReciprocityReport:
    """Action-reaction pairs between A and B (actors by id or any name)."""
    a_id, b_id = resolve(store, a), resolve(store, b)
    # all types are read: an event's own quad class (not its type) decides whether it is hostile
    ab = store.event_rows(source=a_id, target=b_id)
    ba = store.event_rows(source=b_id, target=a_id)
    return reciprocity_pairs(ab, ba, a_id, b_id, window_days, config, fetch=store.get_events)
