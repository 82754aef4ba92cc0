"""The Hawkes model: exact likelihood, analytic gradient, recovery of simulated parameters, expectations."""

from __future__ import annotations

import numpy as np
import pytest

from brinkwatch.analysis import hawkes
from brinkwatch.analysis.hawkes import HawkesParams

TRUE = HawkesParams(np.array([0.15, 0.08]), np.array([[0.25, 0.3], [0.45, 0.1]]), 0.4)


def naive_log_likelihood(p: HawkesParams, times: list[np.ndarray], horizon: float) -> float:
    """The textbook O(n^2) likelihood, written independently of the module's recursion."""
    ll = 0.0
    for i in range(2):
        for t in times[i]:
            lam = p.mu[i]
            for j in range(2):
                earlier = times[j][times[j] < t]
                lam += p.alpha[i, j] * p.beta * np.exp(-p.beta * (t - earlier)).sum()
            ll += np.log(lam)
        ll -= p.mu[i] * horizon
        for j in range(2):
            ll -= p.alpha[i, j] * np.sum(1 - np.exp(-p.beta * (horizon - times[j])))
    return float(ll)


def simulated(horizon: float, seed: int) -> list[np.ndarray]:
    t, d = hawkes.simulate(TRUE, 0.0, horizon, np.random.default_rng(seed))
    return [t[d == 0], t[d == 1]]


def test_likelihood_matches_the_quadratic_formula() -> None:
    times = simulated(400.0, 1)
    assert sum(len(t) for t in times) > 50
    other = HawkesParams(np.array([0.3, 0.2]), np.array([[0.1, 0.5], [0.2, 0.3]]), 1.3)
    for p in (TRUE, other):
        assert hawkes.log_likelihood(p, times, 400.0) == pytest.approx(naive_log_likelihood(p, times, 400.0),
                                                                       rel=1e-10)


def test_analytic_gradient_matches_finite_differences() -> None:
    times = simulated(400.0, 2)
    stream = hawkes._Stream.build(times, 400.0)
    theta = hawkes._pack(TRUE)
    _, grad = hawkes._objective(theta, stream)
    h = 1e-6
    def f(x: np.ndarray) -> float:
        return float(hawkes._objective(x, stream)[0])

    numeric = [(f(theta + e * h) - f(theta - e * h)) / (2 * h) for e in np.eye(len(theta))]
    assert grad == pytest.approx(numeric, rel=1e-5, abs=1e-4)


def test_fit_recovers_simulated_parameters() -> None:
    """About 5,500 events: tolerances of 15% on rates and decay, 0.07 on each branching coefficient."""
    horizon = 12_000.0
    times = simulated(horizon, 3)
    fit = hawkes.fit(times, horizon)
    assert fit.converged
    assert fit.params.mu == pytest.approx(TRUE.mu, rel=0.15)
    assert fit.params.beta == pytest.approx(TRUE.beta, rel=0.15)
    assert np.abs(fit.params.alpha - TRUE.alpha).max() < 0.07
    assert fit.log_likelihood >= hawkes.log_likelihood(TRUE, times, horizon)


def test_expected_counts_match_simulation_and_the_stationary_rate() -> None:
    state = np.array([3.0, 0.5])  # a burst of recent acts by the first side
    edges = [0.0, 5.0, 30.0]
    expected = hawkes.expected_counts(TRUE, state, edges)
    rng = np.random.default_rng(4)
    sims = np.zeros((2000, 2, 2))
    for k in range(len(sims)):
        t, d = hawkes.simulate(TRUE, 0.0, 30.0, rng, state)
        for interval in range(2):
            inside = (t > edges[interval]) & (t <= edges[interval + 1])
            sims[k, interval] = np.bincount(d[inside], minlength=2)
    mean, se = sims.mean(axis=0), sims.std(axis=0) / np.sqrt(len(sims))
    assert np.all(np.abs(expected - mean) < 4 * se + 1e-9)
    # far from the origin the rate is the stationary one, (I - alpha)^-1 mu
    stationary = np.linalg.solve(np.eye(2) - TRUE.alpha, TRUE.mu)
    late = hawkes.expected_counts(TRUE, state, [1000.0, 1100.0])[0] / 100.0
    assert late == pytest.approx(stationary, rel=1e-6)


def test_expected_counts_stay_finite_at_a_branching_ratio_of_one() -> None:
    critical = HawkesParams(np.array([0.1, 0.1]), np.array([[0.5, 0.5], [0.5, 0.5]]), 1.0)
    assert critical.branching_ratio == pytest.approx(1.0)
    counts = hawkes.expected_counts(critical, np.zeros(2), [0.0, 10.0])
    assert np.all(np.isfinite(counts)) and np.all(counts > 1.0)  # more than the background 0.1 * 10


def test_bad_times_are_rejected() -> None:
    with pytest.raises(ValueError, match="2 dimensions"):
        hawkes.fit([np.array([1.0])], 10.0)
    with pytest.raises(ValueError, match=r"\[0, 10"):
        hawkes.fit([np.array([11.0]), np.array([])], 10.0)
