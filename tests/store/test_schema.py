"""The schema the migrations build is the schema the code describes, on both databases."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from brinkwatch.store import Store, migrate
from brinkwatch.store.schema import metadata


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index:sqlalchemy.exc.SAWarning")
def test_migrations_build_the_described_schema(db_url: str) -> None:
    # (SQLite's reflection cannot see expression indexes; the next test checks that one directly)
    with Store.open(db_url) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
        assert migrate.current_revision(store.engine) == migrate.head_revision()


def test_opening_twice_keeps_data_and_does_not_remigrate(db_url: str) -> None:
    from brinkwatch.records import Actor

    with Store.open(db_url) as store:
        store.add_records([Actor(id="iran", name="Iran", type="state")])
    with Store.open(db_url) as store:
        assert store.counts()["actors"] == 1
        tables = set(sa.inspect(store.engine).get_table_names())
    assert {
        "documents",
        "actors",
        "actor_aliases",
        "events",
        "event_actors",
        "relations",
        "provenance",
        "merges",
        "places",
        "alembic_version",
    } <= tables


def test_query_indexes_exist(store: Store) -> None:
    inspector = sa.inspect(store.engine)
    ea = {ix["name"]: ix["column_names"] for ix in inspector.get_indexes("event_actors")}
    assert ea["ix_event_actors_actor_lo"] == ["actor_id", "lo", "event_id"]
    rel = {ix["name"]: ix["column_names"] for ix in inspector.get_indexes("relations")}
    assert rel["ix_relations_source_days"] == ["source", "from_day", "to_day"]
    aliases = {ix["name"]: ix["column_names"] for ix in inspector.get_indexes("actor_aliases")}
    assert aliases["ix_actor_aliases_normalized"] == ["normalized"]


def test_event_span_expression_index_exists(store: Store) -> None:
    if store.engine.dialect.name == "sqlite":
        query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'ix_events_span'"
    else:
        query = "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_events_span'"
    with store.engine.connect() as conn:
        (definition,) = conn.execute(sa.text(query)).one()
    assert "hi - lo" in definition.replace("(", "").replace(")", "")
