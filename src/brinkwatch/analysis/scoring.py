"""Proper scores for count forecasts: Poisson deviance and the CRPS of a Poisson predictive distribution.

Backtests compare the Hawkes forecast with naive baselines on the same
origins; both scores are lower-is-better and reward a forecast for putting
its probability where the observed count fell.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import stats


def poisson_deviance(observed: int, mean: float) -> float:
    """2 (y log(y / m) - (y - m)); zero when the mean equals the observation."""
    if mean <= 0:
        raise ValueError(f"a Poisson mean must be positive, got {mean}")
    term = observed * math.log(observed / mean) if observed > 0 else 0.0
    return 2.0 * (term - (observed - mean))


def poisson_crps(observed: int, mean: float) -> float:
    """Continuous ranked probability score of Poisson(mean) at ``observed``: sum_k (F(k) - 1{k >= y})^2.

    The sum runs until the predictive CDF is within 1e-12 of one beyond the
    observation, after which the remaining terms are negligible.
    """
    if mean <= 0:
        raise ValueError(f"a Poisson mean must be positive, got {mean}")
    top = int(max(observed, stats.poisson.ppf(1 - 1e-12, mean))) + 1
    k = np.arange(top + 1)
    cdf = stats.poisson.cdf(k, mean)
    step = (k >= observed).astype(float)
    return float(np.sum((cdf - step) ** 2))
