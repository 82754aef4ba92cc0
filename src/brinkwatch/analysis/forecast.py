"""How many hostile acts to expect between two sides in the coming periods, and how likely a confrontation is.

A bivariate Hawkes process (``hawkes``) is fitted to the hostile acts of each
side against the other; the expected counts per future period come from its
closed-form mean, and the chance of at least one confrontation-level act per
period from simulating the fitted process forward. ``backtest`` replays the
past: at each origin the model is fitted on what was known then and its
next-period forecast is scored against what happened, next to two baselines
(persistence and the historical mean).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from brinkwatch.analysis import hawkes
from brinkwatch.analysis.datafiles import load_model
from brinkwatch.analysis.escalation import load_escalation_config
from brinkwatch.analysis.eventframe import EventFrame, EventGroup, build_frame
from brinkwatch.analysis.periods import Unit, check_unit, period_bounds, period_index, period_label, period_of
from brinkwatch.analysis.scoring import poisson_crps, poisson_deviance
from brinkwatch.analysis.signs import SignsConfig, load_signs
from brinkwatch.analysis.storeapi import AnalysisStore, resolve


class BacktestConfig(BaseModel):
    """Rolling-origin settings."""

    min_train_periods: int = Field(ge=2)
    max_origins: int = Field(ge=1)
    rate_floor: float = Field(gt=0)


class ForecastConfig(BaseModel):
    """The contents of ``forecast.yaml``."""

    version: int
    initial_decays: list[float] = Field(min_length=1)
    simulation_paths: int = Field(ge=1)
    seed: int
    backtest: BacktestConfig
    max_simulated_events: int = Field(ge=1)

    @property
    def confrontation_intensity(self) -> float:
        """Confrontation-level: at or below the escalation criteria's ``severe_intensity`` (one threshold)."""
        return load_escalation_config().severe_intensity


@lru_cache(maxsize=1)
def load_forecast_config() -> ForecastConfig:
    """The packaged ``forecast.yaml``, read once."""
    return load_model("forecast.yaml", ForecastConfig)


@dataclass(frozen=True)
class ForecastPeriod:
    """Expected hostile acts in one future period, per direction, and the chance of a confrontation."""

    label: str
    start: date
    end: date
    expected_ab: float
    expected_ba: float
    p_confrontation: float

    def to_dict(self) -> dict[str, Any]:
        """Plain numbers for JSON."""
        return {
            "period": self.label,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "expected_a_to_b": round(self.expected_ab, 4),
            "expected_b_to_a": round(self.expected_ba, 4),
            "expected_total": round(self.expected_ab + self.expected_ba, 4),
            "p_confrontation": round(self.p_confrontation, 4),
        }


@dataclass(frozen=True)
class BacktestRow:
    """One origin: what happened in the next period and what each method predicted."""

    period: str
    observed: int
    predicted: dict[str, float]


@dataclass
class Backtest:
    """Rolling-origin evaluation of next-period counts (both directions together)."""

    rows: list[BacktestRow]
    rate_floor: float

    def scores(self) -> dict[str, dict[str, float]]:
        """Mean Poisson deviance and mean CRPS per method (lower is better)."""
        out: dict[str, dict[str, float]] = {}
        for method in ("hawkes", "persistence", "historical_mean"):
            dev = [poisson_deviance(r.observed, max(r.predicted[method], self.rate_floor)) for r in self.rows]
            crps = [poisson_crps(r.observed, max(r.predicted[method], self.rate_floor)) for r in self.rows]
            out[method] = {"poisson_deviance": float(np.mean(dev)), "crps": float(np.mean(crps))}
        return out

    def to_dict(self) -> dict[str, Any]:
        """Scores and every origin."""
        return {
            "origins": len(self.rows),
            "scores": self.scores(),
            "rows": [
                {"period": r.period, "observed": r.observed,
                 "predicted": {k: round(v, 4) for k, v in r.predicted.items()}}
                for r in self.rows
            ],
        }


@dataclass
class Forecast:
    """The fitted model, the forecast per future period, an optional backtest, and how it was done."""

    a: str
    b: str
    by: Unit
    observed_from: date
    observed_to: date
    fit: hawkes.HawkesFit
    periods: list[ForecastPeriod]
    confrontation_share: tuple[float, float]
    config: ForecastConfig
    hostile_quads: tuple[int, ...]
    left_out: int
    backtest: Backtest | None = None

    @property
    def explain(self) -> str:
        """Model, data and simulation in words."""
        p = self.fit.params
        stationary = "stationary" if p.branching_ratio < 1 else "NOT stationary (counts grow without bound)"
        return (
            f"Bivariate Hawkes process with exponential kernel fitted by maximum likelihood to "
            f"{self.fit.n_events[0]} hostile acts (quad class {'/'.join(map(str, self.hostile_quads))}) by "
            f"{self.a} against {self.b} and {self.fit.n_events[1]} the other way, observed "
            f"{self.observed_from.isoformat()} to {self.observed_to.isoformat()} (acts on the same day "
            f"spread evenly over it; {self.left_out} acts dated coarser than a day left out). Mean reaction "
            f"delay {1 / p.beta:.3g} days; branching ratio {p.branching_ratio:.3g}, {stationary}. Expected "
            f"counts from the model's closed-form mean; P(confrontation) is the share of "
            f"{self.config.simulation_paths} simulated paths (seed {self.config.seed}) with at least one act "
            f"at or below intensity {self.config.confrontation_intensity:g}, each simulated act being one "
            f"with the observed share of such acts per direction ({self.confrontation_share[0]:.3g}, "
            f"{self.confrontation_share[1]:.3g})."
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready forecast."""
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "observed_from": self.observed_from.isoformat(),
            "observed_to": self.observed_to.isoformat(),
            "model": self.fit.to_dict(),
            "periods": [p.to_dict() for p in self.periods],
            "backtest": self.backtest.to_dict() if self.backtest else None,
            "explain": self.explain,
        }


def _spread_times(day: np.ndarray, origin: int) -> np.ndarray:
    """Days since ``origin``, with the k acts of one day placed at (i + 0.5) / k through it.

    Day-precision data ties many acts; a Hawkes likelihood needs distinct
    times, and an even spread is the assumption-free choice.
    """
    order = np.argsort(day, kind="stable")
    sorted_days = day[order]
    starts = np.searchsorted(sorted_days, sorted_days, side="left")
    ends = np.searchsorted(sorted_days, sorted_days, side="right")
    within = (np.arange(len(day)) - starts + 0.5) / (ends - starts)
    out = np.empty(len(day), dtype=np.float64)
    out[order] = sorted_days - origin + within
    return out


def _hostile_frame(events_ab: EventGroup, events_ba: EventGroup, hostile: Sequence[int]
                   ) -> tuple[EventFrame, int]:
    frame = build_frame([events_ab, events_ba])
    is_hostile = np.isin(frame.quad, list(hostile))
    left_out = int((is_hostile & (frame.precision < 2)).sum())
    return frame.take(is_hostile & (frame.precision == 2)), left_out


def _fit_until(frame: EventFrame, origin_day: int, end_day: int, decays: Sequence[float],
               start: hawkes.HawkesParams | None) -> hawkes.HawkesFit:
    """Fit on the acts before ``end_day`` (exclusive), times in days from ``origin_day``."""
    keep = frame.day < end_day
    t = _spread_times(frame.day[keep], origin_day)
    side = frame.side[keep]
    return hawkes.fit([t[side == 0], t[side == 1]], float(end_day - origin_day), decays, start)


def forecast_dyad(
    events_ab: EventGroup,
    events_ba: EventGroup,
    a: str,
    b: str,
    horizon: int = 3,
    by: str = "month",
    backtest: bool = False,
    until: date | None = None,
    config: ForecastConfig | None = None,
    signs: SignsConfig | None = None,
) -> Forecast:
    """Pure core: fit on the acts up to the end of the last observed period and forecast ``horizon`` periods.

    The last observed period is the one holding ``until`` (default: the
    latest act); it is treated as complete.
    """
    if horizon < 1:
        raise ValueError(f"horizon must be at least 1 period, got {horizon}")
    unit = check_unit(by)
    cfg = config or load_forecast_config()
    hostile = tuple(sorted((signs or load_signs()).hostile_quads()))
    frame, left_out = _hostile_frame(events_ab, events_ba, hostile)
    if until is not None:
        frame = frame.take(frame.day <= until.toordinal())
    if not len(frame):
        raise ValueError(f"no day-dated hostile acts between {a} and {b} to fit a forecast on")
    periods = period_index(frame.day, unit)
    first = int(periods.min())
    last = period_of(until, unit) if until is not None else int(periods.max())
    origin = period_bounds(first, unit)[0].toordinal()
    end = period_bounds(last, unit)[1].toordinal() + 1
    fit = _fit_until(frame, origin, end, cfg.initial_decays, None)
    t = _spread_times(frame.day, origin)
    state = hawkes.state_at(fit.params, [t[frame.side == 0], t[frame.side == 1]], float(end - origin))
    future = [period_bounds(last + h, unit) for h in range(1, horizon + 1)]
    edges = [0.0] + [float(hi.toordinal() + 1 - end) for _, hi in future]
    expected = hawkes.expected_counts(fit.params, state, edges)
    share = _confrontation_share(frame, cfg.confrontation_intensity)
    p_conf = _p_confrontation(fit.params, state, edges, share, cfg)
    out_periods = [
        ForecastPeriod(period_label(last + h + 1, unit), lo, hi, float(expected[h, 0]), float(expected[h, 1]),
                       float(p_conf[h]))
        for h, (lo, hi) in enumerate(future)
    ]
    bt = _backtest(frame, unit, first, last, cfg) if backtest else None
    return Forecast(a, b, unit, date.fromordinal(origin), date.fromordinal(end - 1), fit, out_periods, share,
                    cfg, hostile, left_out, bt)


def _confrontation_share(frame: EventFrame, threshold: float) -> tuple[float, float]:
    shares = []
    for side in (0, 1):
        acts = frame.intensity[frame.side == side]
        shares.append(float(np.mean(acts <= threshold)) if len(acts) else 0.0)
    return shares[0], shares[1]


def _p_confrontation(
    params: hawkes.HawkesParams, state: np.ndarray, edges: Sequence[float], share: tuple[float, float],
    cfg: ForecastConfig,
) -> np.ndarray:
    """Share of simulated paths with at least one confrontation-level act in each future period."""
    rng = np.random.default_rng(cfg.seed)
    hits = np.zeros(len(edges) - 1)
    marks_p = np.array(share)
    for _ in range(cfg.simulation_paths):
        times, dims = hawkes.simulate(params, 0.0, edges[-1], rng, state, cfg.max_simulated_events)
        if not len(times):
            continue
        severe = rng.uniform(size=len(times)) < marks_p[dims]
        where = np.searchsorted(edges, times[severe], side="left") - 1
        hits[np.unique(where[(where >= 0) & (where < len(hits))])] += 1
    result: np.ndarray = hits / cfg.simulation_paths
    return result


def _backtest(frame: EventFrame, unit: Unit, first: int, last: int, cfg: ForecastConfig) -> Backtest:
    """Next-period forecasts from each origin, fitted only on what was known at the origin."""
    bt = cfg.backtest
    periods = period_index(frame.day, unit)
    counts = np.bincount(periods - first, minlength=last - first + 1)
    origins = list(range(first + bt.min_train_periods - 1, last))[-bt.max_origins:]
    if not origins:
        have = last - first + 1
        raise ValueError(f"a backtest needs more than {bt.min_train_periods} periods of history, got {have}")
    origin_day = period_bounds(first, unit)[0].toordinal()
    rows: list[BacktestRow] = []
    previous: hawkes.HawkesParams | None = None
    for o in origins:
        end = period_bounds(o, unit)[1].toordinal() + 1
        known = frame.take(frame.day < end)
        if not len(known):
            continue
        fit = _fit_until(known, origin_day, end, cfg.initial_decays[:1], previous)
        previous = fit.params
        t = _spread_times(known.day, origin_day)
        state = hawkes.state_at(fit.params, [t[known.side == 0], t[known.side == 1]], float(end - origin_day))
        nxt_hi = period_bounds(o + 1, unit)[1]
        expected = hawkes.expected_counts(fit.params, state, [0.0, float(nxt_hi.toordinal() + 1 - end)])
        history = counts[: o - first + 1]
        rows.append(BacktestRow(
            period=period_label(o + 1, unit),
            observed=int(counts[o + 1 - first]),
            predicted={
                "hawkes": float(expected.sum()),
                "persistence": float(history[-1]),
                "historical_mean": float(history.mean()),
            },
        ))
    return Backtest(rows, bt.rate_floor)


def forecast(
    store: AnalysisStore,
    a: str,
    b: str,
    horizon: int = 3,
    by: str = "month",
    backtest: bool = False,
    until: date | None = None,
    config: ForecastConfig | None = None,
) -> Forecast:
    """Forecast hostile acts between A and B (actors by id or any name) for ``horizon`` periods."""
    a_id, b_id = resolve(store, a), resolve(store, b)
    ab = store.event_rows(source=a_id, target=b_id, until=until)
    ba = store.event_rows(source=b_id, target=a_id, until=until)
    return forecast_dyad(ab, ba, a_id, b_id, horizon, by, backtest, until, config)
