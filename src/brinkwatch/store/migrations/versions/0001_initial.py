"""The first schema: documents, actors and aliases, places, relations, events, provenance, merges.

Written out column by column rather than from ``schema.metadata`` so that the
revision stays what it was when later revisions change the metadata.

Revision ID: 0001
Revises:
Create Date: 2024-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_ID = 200


def upgrade() -> None:
    """Create every table and index of the first schema."""
    op.create_table(
        "documents",
        sa.Column("id", sa.String(_ID), primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_precision", sa.String(5)),
        sa.Column("sha256", sa.String(64), unique=True),
        sa.Column("text", sa.Text),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra", sa.Text),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(_ID), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("code", sa.String(40)),
        sa.Column("born", sa.String(10)),
        sa.Column("founded", sa.String(10)),
        sa.Column("died", sa.String(10)),
        sa.Column("dissolved", sa.String(10)),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra", sa.Text),
    )
    op.create_index("ix_actors_type", "actors", ["type"])
    op.create_table(
        "actor_aliases",
        sa.Column("actor_id", sa.String(_ID), sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
    )
    op.create_index("ix_actor_aliases_normalized", "actor_aliases", ["normalized"])
    op.create_table(
        "places",
        sa.Column("id", sa.String(_ID), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra", sa.Text),
    )
    op.create_table(
        "place_aliases",
        sa.Column("place_id", sa.String(_ID), sa.ForeignKey("places.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("normalized", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("place_id", "alias", name="uq_place_aliases_place_alias"),
    )
    op.create_index("ix_place_aliases_normalized", "place_aliases", ["normalized"])
    op.create_table(
        "relations",
        sa.Column("id", sa.String(_ID), primary_key=True),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("source", sa.String(_ID), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("target", sa.String(_ID), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("role", sa.Text),
        sa.Column("valid_from", sa.String(10)),
        sa.Column("valid_to", sa.String(10)),
        sa.Column("from_day", sa.Integer, nullable=False),
        sa.Column("to_day", sa.Integer, nullable=False),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(_ID)),
        sa.Column("closed_to", sa.String(10)),
        sa.Column("superseded_at", sa.DateTime(timezone=True)),
        sa.Column("extra", sa.Text),
    )
    op.create_index("ix_relations_source_days", "relations", ["source", "from_day", "to_day"])
    op.create_index("ix_relations_target_days", "relations", ["target", "from_day", "to_day"])
    op.create_index("ix_relations_days", "relations", ["from_day", "to_day"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(_ID), primary_key=True),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("mode", sa.String(40)),
        sa.Column("date", sa.String(10)),
        sa.Column("date_end", sa.String(10)),
        sa.Column("lo", sa.Integer, nullable=False),
        sa.Column("hi", sa.Integer, nullable=False),
        sa.Column("place", sa.String(_ID)),
        sa.Column("fatalities", sa.Integer),
        sa.Column("intensity", sa.Float),
        sa.Column("quad_class", sa.SmallInteger),
        sa.Column("summary", sa.Text, nullable=False, server_default=""),
        sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
        sa.Column("extra", sa.Text),
    )
    op.create_index("ix_events_lo_id", "events", ["lo", "id"])
    op.create_index("ix_events_type_lo", "events", ["type", "lo"])
    op.create_table(
        "event_actors",
        sa.Column("event_id", sa.String(_ID), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.String(_ID), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("role", sa.String(6), nullable=False),
        sa.Column("position", sa.SmallInteger, nullable=False),
        sa.Column("lo", sa.Integer, nullable=False),
        sa.CheckConstraint("role IN ('source', 'target')", name="ck_event_actors_role"),
    )
    op.create_index("ix_event_actors_actor_lo", "event_actors", ["actor_id", "lo", "event_id"])
    op.create_index("ix_event_actors_event", "event_actors", ["event_id"])
    op.create_table(
        "provenance",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_kind", sa.String(10), nullable=False),
        sa.Column("record_id", sa.String(_ID), nullable=False),
        sa.Column("position", sa.SmallInteger, nullable=False),
        sa.Column("document_id", sa.String(_ID)),
        sa.Column("start", sa.Integer),
        sa.Column("end", sa.Integer),
        sa.Column("text", sa.Text),
        sa.Column("dataset", sa.Text),
        sa.Column("record", sa.Text),
        sa.Column("row_key", sa.Text),
        sa.Column("extra", sa.Text),
    )
    op.create_index("ix_provenance_record", "provenance", ["record_id", "record_kind"])
    op.create_index("ix_provenance_row_key", "provenance", ["row_key", "record_kind"])
    op.create_index("ix_provenance_document", "provenance", ["document_id"])
    op.create_table(
        "merges",
        sa.Column("merged_id", sa.String(_ID), primary_key=True),
        sa.Column("kept_id", sa.String(_ID), sa.ForeignKey("actors.id"), nullable=False),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_merges_kept", "merges", ["kept_id"])


def downgrade() -> None:
    """Drop the whole schema (children before parents)."""
    for table in (
        "merges",
        "provenance",
        "event_actors",
        "events",
        "relations",
        "place_aliases",
        "places",
        "actor_aliases",
        "actors",
        "documents",
    ):
        op.drop_table(table)
