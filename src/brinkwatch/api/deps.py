"""What a request handler needs from the app: the one open store.

The app opens its store once (opening migrates the schema, too slow to repeat
per request) and shares it: the store takes a fresh connection from its pool
for every query, and SQLite runs in WAL mode, so requests handled in parallel
threads read safely while an ingest writes.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from brinkwatch.store import Store


def get_store(request: Request) -> Store:
    """The app's store (opened by :func:`brinkwatch.api.create_app`)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
