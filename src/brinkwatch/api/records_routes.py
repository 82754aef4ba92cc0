"""Endpoints that read stored records: health, actors, relations, events, places, provenance, search.

Records leave the API in exactly the interchange shape (``records.to_dict``),
so what a client reads here is what ``brinkwatch export --format jsonl`` would
write. Document text only ever travels as a JSON string value.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from brinkwatch.api.deps import StoreDep
from brinkwatch.api.params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    check_date,
    check_range,
    optional_actor,
    resolve_actor,
)
from brinkwatch.api.problems import Problem
from brinkwatch.records import Document, to_dict

router = APIRouter(prefix="/api")

ActorTypeParam = Literal["state", "government", "armed_group", "political_group", "person", "organization",
                         "population"]
EventTypeParam = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN",
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
SEARCH_HITS = 20


def document_ref(doc: Document) -> dict[str, Any]:
    """The short form of a document that lists carry: id, title and publication date."""
    return {"id": doc.id, "title": doc.title, "published": doc.published}


@router.get("/health")
def health(store: StoreDep) -> dict[str, Any]:
    """Whether the server can read its store, and how many records of each kind it holds."""
    return {"status": "ok", "counts": store.counts()}


@router.get("/actors")
def actors(store: StoreDep, type: ActorTypeParam | None = None, search: str | None = None,
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Actors, optionally of one type or matching a name, a page at a time."""
    found = store.actors(type=type, search=search.strip() if search else None)
    return {"total": len(found), "items": [to_dict(a) for a in found[offset:offset + limit]]}


@router.get("/actors/{actor_id}")
def actor_profile(actor_id: str, store: StoreDep) -> dict[str, Any]:
    """One actor with its relations, the events it took part in and the documents that mention it."""
    canonical = resolve_actor(store, "actor_id", actor_id)
    profile = store.profile(canonical)
    return {
        "actor": to_dict(profile.actor),
        "relations": [to_dict(r) for r in profile.relations],
        "events": [to_dict(e) for e in profile.events],
        "documents": [document_ref(d) for d in profile.documents],
    }


@router.get("/relations")
def relations(store: StoreDep, at: str | None = None, actor: str | None = None) -> dict[str, Any]:
    """Relations, optionally only those holding on a date and those touching one actor."""
    day = check_date("at", at)
    who = optional_actor(store, "actor", actor)
    found = store.relations(actor=who, at=day)
    return {"items": [to_dict(r) for r in found]}


@router.get("/events")
def events(store: StoreDep, actor: str | None = None, type: EventTypeParam | None = None,
           since: str | None = None, until: str | None = None,
           limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Events in date order (undated last), filtered by actor, type and period, a page at a time."""
    lo, hi = check_date("since", since), check_date("until", until)
    check_range(lo, hi)
    who = optional_actor(store, "actor", actor)
    total = store.count_events(actor=who, type=type, since=lo, until=hi)
    page = store.events(actor=who, type=type, since=lo, until=hi, limit=limit, offset=offset)
    return {"total": total, "items": [to_dict(e) for e in page]}


@router.get("/places")
def places(store: StoreDep) -> dict[str, Any]:
    """Every place, with coordinates where known; events refer to these ids."""
    return {"items": [to_dict(p) for p in store.places()]}


@router.get("/provenance/{record_id}")
def provenance(record_id: str, store: StoreDep) -> dict[str, Any]:
    """Where a record came from: the sentences of documents, or the rows of datasets."""
    found = store.provenance(record_id)
    if not found:
        raise Problem(404, "unknown-record", f"no record with id {record_id!r} (or it has no sources)")
    docs = {d.id: d for d in store.documents()} if any(p.document for p in found) else {}
    sources = []
    for p in found:
        doc = docs.get(p.document) if p.document else None
        sources.append({
            "document": p.document, "title": doc.title if doc else None,
            "published": doc.published if doc else None, "start": p.start, "end": p.end, "text": p.text,
            "dataset": p.dataset, "record": p.record,
        })
    return {"record_id": record_id, "sources": sources}


@router.get("/search")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)]) -> dict[str, Any]:
    """Actors by name or alias, events by summary, documents by title: the first matches of each."""
    needle = q.strip().casefold()
    if not needle:
        raise Problem(400, "empty-query", "query parameter 'q' is blank")
    found_actors = store.actors(search=q.strip())[:SEARCH_HITS]
    found_events = []
    for event in store.iter_events():
        if needle in event.summary.casefold():
            found_events.append(event)
            if len(found_events) >= SEARCH_HITS:
                break
    found_docs = [d for d in store.documents() if needle in d.title.casefold()][:SEARCH_HITS]
    return {"actors": [to_dict(a) for a in found_actors], "events": [to_dict(e) for e in found_events],
            "documents": [document_ref(d) for d in found_docs]}
