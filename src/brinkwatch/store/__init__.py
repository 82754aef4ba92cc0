"""The store: schema, migrations, bulk writes with entity resolution, and the queries analysis uses.

``Store.open(url)`` opens (and migrates) a SQLite or PostgreSQL store; see
``docs/architecture.md`` for the interface every other module codes against.
"""

from brinkwatch.store.errors import StoreInputError, UnknownActorError
from brinkwatch.store.reader import ActorSummary
from brinkwatch.store.rows import EventRows
from brinkwatch.store.store import ActorProfile, EventMerge, Store, sha256_text
from brinkwatch.store.writer import AddStats

__all__ = [
    "ActorProfile",
    "ActorSummary",
    "AddStats",
    "EventMerge",
    "EventRows",
    "Store",
    "StoreInputError",
    "UnknownActorError",
    "sha256_text",
]
