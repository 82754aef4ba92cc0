"""The store's tables, as SQLAlchemy Core metadata that runs unchanged on SQLite and PostgreSQL.

The tables keep the interchange records (RECORDS.md) plus what querying needs:
every partial date is stored twice, as the text the source gave (so its
precision survives a round trip) and as day numbers (``date.toordinal()``) of
the first and last day it covers, so "what held on this day" and "events
between these days" are integer range scans on an index. Open interval ends
are stored as sentinels instead of NULL so that one composite index serves
the query, and undated events sort after every dated one on both databases
(which disagree about where NULL sorts).

This module is the *current* shape; the Alembic revisions in ``migrations/``
are the history that builds it, and a test checks that the two agree.
"""

from __future__ import annotations

import sqlalchemy as sa

# Day numbers are proleptic Gregorian ordinals (date.toordinal()); these bound every real date.
DAY_MIN = 0
DAY_MAX = 10**7
UNDATED = DAY_MAX  # sort key of an event without a date: after every dated event

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.String(10)),
    sa.Column("published_precision", sa.String(5)),
    sa.Column("sha256", sa.String(64), unique=True),
    sa.Column("text", sa.Text),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extra", sa.Text),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
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
    sa.Index("ix_actors_type", "type"),
)

actor_aliases = sa.Table(
    "actor_aliases",
    metadata,
    sa.Column("actor_id", sa.String(200), sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("normalized", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_alias"),
    sa.Index("ix_actor_aliases_normalized", "normalized"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("country", sa.String(3)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("extra", sa.Text),
)

place_aliases = sa.Table(
    "place_aliases",
    metadata,
    sa.Column("place_id", sa.String(200), sa.ForeignKey("places.id", ondelete="CASCADE"), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("normalized", sa.Text, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.UniqueConstraint("place_id", "alias", name="uq_place_aliases_place_alias"),
    sa.Index("ix_place_aliases_normalized", "normalized"),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("source", sa.String(200), sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("target", sa.String(200), sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("role", sa.Text),
    sa.Column("valid_from", sa.String(10)),
    sa.Column("valid_to", sa.String(10)),
    # first day the relation may hold (DAY_MIN when open) and last day (DAY_MAX when open);
    # ``to_day`` is the *effective* end: a later source that closes the interval lowers it.
    sa.Column("from_day", sa.Integer, nullable=False),
    sa.Column("to_day", sa.Integer, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
    # set when a later relation closed this one's open end: which one, when, and to what date
    sa.Column("closed_by", sa.String(200)),
    sa.Column("closed_to", sa.String(10)),
    sa.Column("superseded_at", sa.DateTime(timezone=True)),
    sa.Column("extra", sa.Text),
    sa.Index("ix_relations_source_days", "source", "from_day", "to_day"),
    sa.Index("ix_relations_target_days", "target", "from_day", "to_day"),
    sa.Index("ix_relations_days", "from_day", "to_day"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("type", sa.String(10), nullable=False),
    sa.Column("mode", sa.String(40)),
    sa.Column("date", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    # first and last day covered; UNDATED in both for an event without a date
    sa.Column("lo", sa.Integer, nullable=False),
    sa.Column("hi", sa.Integer, nullable=False),
    sa.Column("place", sa.String(200)),
    sa.Column("fatalities", sa.Integer),
    sa.Column("intensity", sa.Float),
    sa.Column("quad_class", sa.SmallInteger),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    sa.Column("confidence", sa.Float, nullable=False, server_default="1.0"),
    sa.Column("extra", sa.Text),
    sa.Index("ix_events_lo_id", "lo", "id"),
    sa.Index("ix_events_type_lo", "type", "lo"),
)
# the longest date interval of any event, read in one index step: bounds the scan of a "since" filter
sa.Index("ix_events_span", events.c.hi - events.c.lo)

# One row per (event, role, actor). ``lo`` is copied from the event so that "events of this
# actor, in date order, first N" is a single index range scan, without sorting the actor's events.
event_actors = sa.Table(
    "event_actors",
    metadata,
    sa.Column("event_id", sa.String(200), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("actor_id", sa.String(200), sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("role", sa.String(6), nullable=False),
    sa.Column("position", sa.SmallInteger, nullable=False),
    sa.Column("lo", sa.Integer, nullable=False),
    sa.CheckConstraint("role IN ('source', 'target')", name="ck_event_actors_role"),
    sa.Index("ix_event_actors_actor_lo", "actor_id", "lo", "event_id"),
    sa.Index("ix_event_actors_event", "event_id"),
)

# Where each record came from. ``row_key`` is "<dataset>\x1f<record>" for dataset rows, so a
# re-import of the same row under a new record id is recognised with one indexed lookup.
provenance = sa.Table(
    "provenance",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_kind", sa.String(10), nullable=False),
    sa.Column("record_id", sa.String(200), nullable=False),
    sa.Column("position", sa.SmallInteger, nullable=False),
    sa.Column("document_id", sa.String(200)),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("text", sa.Text),
    sa.Column("dataset", sa.Text),
    sa.Column("record", sa.Text),
    sa.Column("row_key", sa.Text),
    sa.Column("extra", sa.Text),
    sa.Index("ix_provenance_record", "record_id", "record_kind"),
    sa.Index("ix_provenance_row_key", "row_key", "record_kind"),
    sa.Index("ix_provenance_document", "document_id"),
)

# The audit trail of entity resolution: an incoming actor id that was mapped onto an existing actor.
merges = sa.Table(
    "merges",
    metadata,
    sa.Column("merged_id", sa.String(200), primary_key=True),
    sa.Column("kept_id", sa.String(200), sa.ForeignKey("actors.id"), nullable=False),
    sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Index("ix_merges_kept", "kept_id"),
)

# The audit trail of event de-duplication (see ``dedup``): every text report that is part of a merged
# event, as it arrived (``report``, an interchange event as JSON with its actors resolved), the event
# it is part of and why. The merged event is recomputed from these, so a merge can be explained and
# undone; an event that never merged has no rows here (its own row is its report).
event_merges = sa.Table(
    "event_merges",
    metadata,
    sa.Column("merged_id", sa.String(200), primary_key=True),
    sa.Column("kept_id", sa.String(200), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("merged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("report", sa.Text, nullable=False),
    sa.Index("ix_event_merges_kept", "kept_id"),
)
