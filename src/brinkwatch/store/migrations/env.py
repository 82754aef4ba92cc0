"""Alembic environment: migrations always run on a connection the store hands over.

brinkwatch migrates its own schema when a store is opened, so there is no
alembic.ini and no URL here; :mod:`brinkwatch.store.migrate` passes the open
connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from brinkwatch.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
