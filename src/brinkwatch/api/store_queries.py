"""Actor summaries: the one read query the API needs that ``Store`` does not offer.

The graph and the timeline need only the id, name, type and country of the
actors they show, and building full actor records (aliases, provenance) for
the whole store costs more than the rest of the request. It runs on the
store's own actor table, so the answers agree with the store's.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import sqlalchemy as sa

from brinkwatch.store import Store
from brinkwatch.store import schema as t

IN_CHUNK = 500  # ids per IN (...): well under SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class ActorSummary:
    """What a node or a timeline label needs of an actor."""

    id: str
    name: str
    type: str
    country: str | None


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
