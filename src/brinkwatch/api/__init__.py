"""The brinkwatch HTTP API (FastAPI): records, graph, timeline, analyses, ingest, and the dashboard.

``create_app(db_url, token=None, writable=False, static_dir=None)`` builds the
application; ``brinkwatch serve`` runs it with uvicorn. The endpoints are
documented at ``/docs`` when the server runs.
"""

from brinkwatch.api.app import create_app

__all__ = ["create_app"]
