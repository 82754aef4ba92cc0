"""Endpoints shaped for drawing: the network at a date and the timeline of events.

These return compact views rather than whole records (no provenance, names
looked up once in an ``actors`` map) because the dashboard redraws them on
every slider move; provenance is one click away at ``/api/provenance/{id}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from brinkwatch.api.deps import StoreDep
from brinkwatch.api.graph_view import build_graph
from brinkwatch.api.params import check_date, check_range, optional_actor
from brinkwatch.records import Event

router = APIRouter(prefix="/api")

TIMELINE_DEFAULT = 2000
TIMELINE_MAX = 10000


def timeline_item(event: Event) -> dict[str, Any]:
    """One event as the timeline draws it: when, what, who to whom, where, and the one-line summary."""
    return {
        "id": event.id, "date": event.date, "date_end": event.date_end, "type": event.type,
        "mode": event.mode, "quad_class": event.quad_class, "intensity": event.intensity,
        "source": event.source, "target": event.target, "place": event.place, "summary": event.summary,
    }


@router.get("/graph")
def graph(store: StoreDep, at: str | None = None, actor: str | None = None,
          depth: Annotated[int, Query(ge=0, le=6, description="relation hops around 'actor'")] = 2,
          ) -> dict[str, Any]:
    """Actors and the relations that may hold on ``at`` (all relations without it), with proxy chains.

    With ``actor``, only its neighbourhood within ``depth`` hops. Actors with
    no relation in view are left out, except the one asked for.
    """
    day = check_date("at", at)
    centre = optional_actor(store, "actor", actor)
    relations = store.relations(at=day)
    ends = {i for r in relations for i in (r.source, r.target)}
    actors = store.actor_summaries(ends | ({centre} if centre else set()))
    return build_graph(actors, relations, day, centre=centre, depth=depth)


@router.get("/timeline")
def timeline(store: StoreDep, actor: str | None = None, since: str | None = None, until: str | None = None,
             limit: Annotated[int, Query(ge=1, le=TIMELINE_MAX, description="most events returned")]
             = TIMELINE_DEFAULT) -> dict[str, Any]:
    """Events in date order (undated last) and the names of every actor they mention."""
    lo, hi = check_date("since", since), check_date("until", until)
    check_range(lo, hi)
    who = optional_actor(store, "actor", actor)
    events = store.events(actor=who, since=lo, until=hi, limit=limit)
    mentioned = {i for e in events for i in (*e.source, *e.target)}
    names = {a.id: a.name for a in store.actor_summaries(mentioned).values()}
    return {"items": [timeline_item(e) for e in events], "actors": names}
