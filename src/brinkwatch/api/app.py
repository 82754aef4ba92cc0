"""The application factory: one store, the routers, the defences, and the dashboard at ``/``.

Everything configurable is an argument of :func:`create_app`, so tests, the
``serve`` command and the benchmark build exactly the same app and differ only
in what they pass.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from brinkwatch import __version__
from brinkwatch.api import analysis_routes, graph_routes, ingest_routes, records_routes
from brinkwatch.api.problems import install_problem_handlers
from brinkwatch.api.security import MAX_BODY_BYTES, BodyLimitMiddleware, SecurityHeadersMiddleware, new_token
from brinkwatch.store import Store

DEFAULT_STATIC = Path(__file__).resolve().parent.parent / "web" / "dist"

NO_DASHBOARD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>brinkwatch</title></head>
<body><h1>brinkwatch</h1>
<p>The dashboard has not been built. Run <code>make web</code> in the brinkwatch folder, then restart
<code>brinkwatch serve</code>.</p>
<p>The HTTP API is running: see <a href="docs">the API documentation</a> and
<a href="api/health">api/health</a>.</p></body></html>
"""


def create_app(db_url: str | None = None, token: str | None = None, writable: bool = False,
               static_dir: str | Path | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """Build the brinkwatch HTTP API over the store at ``db_url`` (None: the configured store).

    ``writable`` enables ``POST /api/ingest``, which always needs the bearer
    ``token``: when a writable app is built without one, a random token is
    made (``app.state.token``) for the caller to show, so the write endpoint
    is never open to anyone who can reach the port. ``static_dir`` is the
    built dashboard (default: the package's ``web/dist``), served at ``/``
    when it exists.
    """
    store = Store.open(db_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="brinkwatch", version=__version__, lifespan=lifespan,
                  description="Temporal knowledge graph of a proxy conflict: records, graph, analyses.")
    app.state.store = store
    app.state.writable = writable
    app.state.token = token or (new_token() if writable else None)
    install_problem_handlers(app)
    app.add_middleware(BodyLimitMiddleware, limit=max_body)
    app.add_middleware(SecurityHeadersMiddleware)
    for module in (records_routes, graph_routes, ingest_routes):
        app.include_router(module.router)
    app.include_router(analysis_routes.build_router())  # from the analysis registry, plug-ins included

    static = Path(static_dir) if static_dir is not None else DEFAULT_STATIC
    if (static / "index.html").is_file():
        app.mount("/", StaticFiles(directory=static, html=True), name="dashboard")
    else:
        @app.get("/", response_class=HTMLResponse, include_in_schema=False)
        def no_dashboard() -> str:
            return NO_DASHBOARD

    return app
