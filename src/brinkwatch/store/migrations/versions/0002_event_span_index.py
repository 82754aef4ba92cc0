"""Index the length of each event's date interval, so a "since" filter can bound its index scan.

An event matches ``since S`` when its last day is on or after S. The query
indexes are on the first day, so without a lower bound on it every older event
of the actor is read and discarded. With the longest stored interval known
(``max(hi - lo)``, read from this index in one step), ``lo >= S - longest``
bounds the scan without losing any event.

Revision ID: 0002
Revises: 0001
Create Date: 2024-01-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the expression index on ``hi - lo``."""
    op.create_index("ix_events_span", "events", [sa.text("(hi - lo)")])


def downgrade() -> None:
    """Drop it again."""
    op.drop_index("ix_events_span", "events")
