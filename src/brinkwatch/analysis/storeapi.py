"""What the analyses need from a store, and how they turn a name into an actor id.

The analyses are pure functions over interchange records; the store-facing
wrappers ask the store only for what is described here. Writing it down as a
protocol keeps the analyses testable without a database and shows at a glance
which store queries they lean on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Protocol

from brinkwatch.records import Actor, Event, Relation
from brinkwatch.store.rows import EventRows

ActorFilter = str | Sequence[str] | None
DateArg = date | str | None


class AnalysisStore(Protocol):
    """The read-only part of :class:`brinkwatch.store.Store` that analysis uses."""

    def get_actor(self, ref: str) -> Actor | None: ...

    def resolve_actor(self, name: str) -> str | None: ...

    def relations(
        self, actor: str | None = None, at: DateArg = None, types: Sequence[str] | None = None
    ) -> list[Relation]: ...

    def events(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        type: str | Sequence[str] | None = None,
        since: DateArg = None,
        until: DateArg = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]: ...

    def event_rows(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        since: DateArg = None,
        until: DateArg = None,
        types: str | Sequence[str] | None = None,
    ) -> EventRows: ...

    def get_event(self, event_id: str) -> Event | None: ...

    def get_events(self, event_ids: Sequence[str]) -> list[Event]: ...

    def iter_events(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        type: str | Sequence[str] | None = None,
        since: DateArg = None,
        until: DateArg = None,
    ) -> Iterator[Event]: ...


class ActorNotFoundError(LookupError):
    """An actor reference that matches no actor id or name in the store."""

    def __init__(self, ref: str, also_event: bool = False) -> None:
        self.ref = ref
        what = "no event or actor" if also_event else "no actor"
        super().__init__(f"unknown actor {ref!r}: {what} in the store has that id, name or alias")


def resolve(store: AnalysisStore, ref: str) -> str:
    """The id of the actor ``ref`` names (an id, a canonical name or any alias), or UnknownActorError."""
    actor = store.get_actor(ref)
    if actor is not None:
        return actor.id
    found = store.resolve_actor(ref)
    if found is None:
        raise ActorNotFoundError(ref)
    return found


def find_event(store: AnalysisStore, event_id: str) -> Event | None:
    """The stored event with this id, or None."""
    return store.get_event(event_id)
