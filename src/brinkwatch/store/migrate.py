"""Bring a database's schema up to date with the Alembic revisions shipped in this package.

Opening a store migrates it, so a user never runs a separate command and an
old ``brinkwatch.db`` keeps working after an upgrade. The common case (the
schema is already current) costs one query instead of loading Alembic's
script directory and environment.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("brinkwatch.store") / "migrations"))
    return cfg


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest revision shipped with this brinkwatch."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("brinkwatch ships no schema migrations")
    return head


def current_revision(engine: sa.Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> None:
    """Apply any revisions the database lacks, in one transaction where the database allows it."""
    if current_revision(engine) == head_revision():
        return
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
