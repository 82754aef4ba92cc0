"""Two read queries the API needs that ``Store`` does not offer (yet): an event count and actor summaries.

Both are about speed on the dashboard's hot paths. A paged event listing needs
the total, and counting by fetching every event would read the whole table;
the graph and the timeline need only the id, name, type and country of the
actors they show, and building full actor records (aliases, provenance) for
the whole store costs more than the rest of the request. Each runs the
store's own SQL (its event filter, its actor table) on its engine, so the
answers agree with the store's. They belong in ``Store`` and can move there.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import sqlalchemy as sa

from brinkwatch.store import Store
from brinkwatch.store import schema as t
from brinkwatch.store.reader import EventFilter

IN_CHUNK = 500  # ids per IN (...): well under SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class ActorSummary:
    """What a node or a timeline label needs of an actor."""

    id: str
    name: str
    type: str
    country: str | None


def count_events(store: Store, actor: str | None = None, type: str | None = None,
                 since: str | None = None, until: str | None = None) -> int:
    """How many events match; ``actor`` must already be a canonical actor id."""
    flt = EventFilter(actor=[actor] if actor else None, types=[type] if type else None,
                      since=since, until=until)
    ids = flt.id_query().order_by(None).subquery()
    with store.engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(ids)).scalar_one())


def actor_summaries(store: Store, ids: Collection[str]) -> dict[str, ActorSummary]:
    """Id, name, type and country of the given actors (unknown ids are left out)."""
    a = t.actors
    wanted = sorted(set(ids))
    found: dict[str, ActorSummary] = {}
    with store.engine.connect() as conn:
        for part in range(0, len(wanted), IN_CHUNK):
            rows = conn.execute(sa.select(a.c.id, a.c.name, a.c.type, a.c.country)
                                .where(a.c.id.in_(wanted[part:part + IN_CHUNK])))
            found.update({r.id: ActorSummary(r.id, r.name, r.type, r.country) for r in rows})
    return found
