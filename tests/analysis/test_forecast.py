"""Forecast and backtest on events simulated from a known Hawkes process, and the scoring rules."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from analysis_builders import actor, ev
from scipy import stats

from brinkwatch.analysis import hawkes
from brinkwatch.analysis.forecast import forecast, forecast_dyad
from brinkwatch.analysis.scoring import poisson_crps, poisson_deviance

TRUE = hawkes.HawkesParams(np.array([0.1, 0.05]), np.array([[0.3, 0.3], [0.4, 0.1]]), 0.3)
START = date(2010, 1, 1)


def simulated_events(days: float, seed: int) -> tuple[list, list]:
    t, d = hawkes.simulate(TRUE, 0.0, days, np.random.default_rng(seed))
    ab, ba = [], []
    for k, (time, side) in enumerate(zip(t, d, strict=True)):
        day = (START + timedelta(days=int(time))).isoformat()
        severe = k % 4 == 0
        intensity = -10.0 if severe else -2.0
        etype = "ASSAULT" if severe else "ACCUSE"
        (ab if side == 0 else ba).append(ev(etype, "a" if side == 0 else "b", "b" if side == 0 else "a", day,
                                            intensity, eid=f"s{k}"))
    return ab, ba


def test_forecast_periods_follow_the_observed_span() -> None:
    ab, ba = simulated_events(1095.0, 5)
    cooperative = [ev("AID", "a", "b", "2011-05-01")]
    fc = forecast_dyad(ab + cooperative, ba, "a", "b", horizon=3, by="month")
    assert fc.observed_from == START and fc.observed_to == date(2012, 12, 31)
    assert [p.label for p in fc.periods] == ["2013-01", "2013-02", "2013-03"]
    assert sum(fc.fit.n_events) == len(ab) + len(ba)  # the cooperative event is not a hostile act
    for p in fc.periods:
        assert p.expected_ab > 0 and p.expected_ba > 0 and 0.0 <= p.p_confrontation <= 1.0
    # a quarter of the acts are confrontation-level, so with several acts a month a confrontation is likely
    assert fc.periods[0].p_confrontation > 0.5
    assert fc.confrontation_share[0] == pytest.approx(0.25, abs=0.05)
    assert "branching ratio" in fc.explain


def test_backtest_scores_hawkes_against_baselines() -> None:
    ab, ba = simulated_events(1460.0, 6)
    fc = forecast_dyad(ab, ba, "a", "b", horizon=1, by="month", backtest=True)
    assert fc.backtest is not None
    rows = fc.backtest.rows
    assert len(rows) == 24 and rows[-1].period == "2013-12"
    scores = fc.backtest.scores()
    # on data drawn from a Hawkes process the fitted model beats last-period persistence
    assert scores["hawkes"]["poisson_deviance"] < scores["persistence"]["poisson_deviance"]
    assert scores["hawkes"]["crps"] < scores["persistence"]["crps"]


def test_no_hostile_acts_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no day-dated hostile acts between a and b"):
        forecast_dyad([ev("AID", "a", "b", "2020-01-01")], [], "a", "b")


def test_poisson_deviance() -> None:
    assert poisson_deviance(4, 4.0) == pytest.approx(0.0)
    assert poisson_deviance(0, 2.0) == pytest.approx(4.0)
    assert poisson_deviance(3, 1.0) == pytest.approx(2 * (3 * np.log(3) - 2))


@pytest.mark.parametrize(("observed", "mean"), [(0, 0.7), (3, 2.5), (10, 1.2)])
def test_poisson_crps_equals_the_expectation_form(observed: int, mean: float) -> None:
    """CRPS = E|X - y| - E|X - X'| / 2, computed here from the pmf directly."""
    k = np.arange(200)
    pmf = stats.poisson.pmf(k, mean)
    first = np.sum(pmf * np.abs(k - observed))
    second = np.sum(pmf[:, None] * pmf[None, :] * np.abs(k[:, None] - k[None, :]))
    assert poisson_crps(observed, mean) == pytest.approx(first - second / 2, rel=1e-8)


def test_forecast_through_the_store(store) -> None:  # type: ignore[no-untyped-def]
    ab, ba = simulated_events(730.0, 7)
    store.add_records([actor("a", name="Aland"), actor("b", name="Borduria"), *ab, *ba])
    fc = forecast(store, "Aland", "b", horizon=2)
    assert len(fc.periods) == 2 and fc.to_dict()["model"]["events"] == [len(ab), len(ba)]
