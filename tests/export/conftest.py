"""A SQLite store filled with the shared sample records, opened for the export tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from api.sample_store import load_sample
from brinkwatch.store import Store


@pytest.fixture
def sample_store(tmp_path: Path) -> Iterator[Store]:
    url = f"sqlite:///{tmp_path / 'sample.db'}"
    load_sample(url)
    with Store.open(url) as store:
        yield store
