"""Keep the reports behind each merged event, so cross-document de-duplication can be explained and undone.

When several documents report the same event the store keeps one event with
the provenance of every report; ``event_merges`` holds each report as it
arrived, the event it went into and why. Existing stores get the empty table:
their events stay as they were until ``Store.merge_duplicate_events`` is run.

Revision ID: 0003
Revises: 0002
Create Date: 2024-01-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``event_merges`` and its index on the kept event."""
    op.create_table(
        "event_merges",
        sa.Column("merged_id", sa.String(200), primary_key=True),
        sa.Column(
            "kept_id", sa.String(200), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_index("ix_event_merges_kept", "event_merges", ["kept_id"])


def downgrade() -> None:
    """Drop it again (merged events keep the provenance of every report)."""
    op.drop_index("ix_event_merges_kept", "event_merges")
    op.drop_table("event_merges")
