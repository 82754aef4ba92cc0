"""What the analyses need from a store, and how they turn a name into an actor id.

The analyses are pure functions over interchange records; the store-facing
wrappers take the store itself and ask it only for read queries (``relations``,
``events``, ``event_rows``, ``get_actor``...). They name its type
:data:`AnalysisStore` rather than restate those method signatures in a
protocol of their own, which drifted from the store's whenever it changed.
"""

from __future__ import annotations

from brinkwatch.records import Event
from brinkwatch.store import Store

AnalysisStore = Store
"""The store as the analyses use it: read-only, through :class:`brinkwatch.store.Store`'s queries."""


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
