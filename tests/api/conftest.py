"""The API under test: the real app over a real SQLite file holding the shared sample records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.sample_store import load_sample
from brinkwatch.api import create_app

TOKEN = "s3cret-test-token"


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store filled once per test module (the read-only tests never change it)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'sample.db'}"
    load_sample(url)
    return url


@pytest.fixture(scope="module")
def client(sample_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A read-only app with no dashboard build (an empty static folder)."""
    static = tmp_path_factory.mktemp("no-dist")
    with TestClient(create_app(sample_url, static_dir=static)) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A writable app with a token, over its own copy of the sample store."""
    url = f"sqlite:///{tmp_path / 'rw.db'}"
    load_sample(url)
    with TestClient(create_app(url, token=TOKEN, writable=True, static_dir=tmp_path)) as test_client:
        yield test_client
