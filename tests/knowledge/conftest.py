"""Shared fixtures of the knowledge tests: the loaded gazetteer and a distance between places."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from brinkwatch.knowledge import Gazetteer, load_gazetteer
from brinkwatch.knowledge.models import KnownPlace


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _km(a: KnownPlace, b: KnownPlace) -> float:
    """Great-circle distance between two places with coordinates."""
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="session")
def km() -> Callable[[KnownPlace, KnownPlace], float]:
    """Checks compare published distances with the data's coordinates."""
    return _km
