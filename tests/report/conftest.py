"""The report over the shared sample store, built once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.sample_store import load_sample
from brinkwatch.store import Store


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'sample.db'}"
    load_sample(url)
    return url


@pytest.fixture(scope="module")
def sample_store(sample_url: str) -> Iterator[Store]:
    with Store.open(sample_url) as store:
        yield store
