"""Shared fixtures: a real store on a real database, SQLite and PostgreSQL.

Every store test runs twice, once on a fresh SQLite file and once on a scratch
PostgreSQL database, because the two disagree in ways that matter (NULL
ordering, parameter limits, transactional DDL) and a store that passes on one
only is not portable. The PostgreSQL database is created once per test session
(per xdist worker) and dropped at the end; each test gets its tables emptied.
In CI (env ``CI`` set) an unreachable server fails the run instead of skipping,
so a broken CI database can never pass silently.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from brinkwatch.store import Store

PG_SERVER = os.environ.get("BRINKWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")


def _pg_admin_engine() -> sa.Engine:
    """An autocommit engine on the server's maintenance database, for CREATE/DROP DATABASE."""
    return sa.create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", pool_pre_ping=True)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a scratch PostgreSQL database for this session, dropped afterwards."""
    admin = _pg_admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        message = f"PostgreSQL not reachable at {PG_SERVER}: {exc.orig}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    name = f"bw_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _empty_database(url: str) -> None:
    """Drop every table (and the migration stamp) so the next test starts from nothing."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database URL with nothing in it: a fresh SQLite file, or the emptied scratch PostgreSQL database."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("db") / "brinkwatch.db"
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("pg_server_url")
    _empty_database(url)
    yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open :class:`brinkwatch.store.Store` on ``db_url``, closed after the test."""
    with Store.open(db_url) as opened:
        yield opened
