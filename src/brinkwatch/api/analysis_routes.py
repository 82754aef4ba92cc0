"""Endpoints that answer the analyst's questions, built from the analysis registry.

Every registered analysis (brinkwatch's own and any plug-in's) is served at
``GET /api/analyses/{name}``, listed with its parameters at
``GET /api/analyses``, and described in the OpenAPI document with one query
parameter per :class:`~brinkwatch.registry.Parameter`. brinkwatch's own
analyses keep their shorter paths (``/api/escalation``, ``/api/balance``,
``/api/reciprocity``, ``/api/forecast``, ``/api/attribution/{id}``), served by
the same endpoints. Actor parameters accept an id or any alias and are resolved
first, so an unknown name is a 404 naming the parameter; a date that is not one
is a 400; an analysis that rejects its parameters (ValueError) is a 400 with
its message. The answer is the result's own ``to_dict()``, with its ``explain``.
The router is built with the app, so a plug-in installed since is served.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Query

from brinkwatch import registry
from brinkwatch.api.deps import StoreDep
from brinkwatch.api.params import check_date, resolve_actor
from brinkwatch.api.problems import Problem
from brinkwatch.store import Store

SHORT_PATHS = ("balance", "escalation", "reciprocity", "forecast")
"""brinkwatch's analyses served at ``/api/{name}`` too, the paths the dashboard and earlier clients use."""


@contextmanager
def analysis_errors(what: str) -> Iterator[None]:
    """Turn an analysis' complaint about its input into a 404 (a missing record) or a 400."""
    try:
        yield
    except LookupError as exc:
        message = str(exc.args[0]) if exc.args else type(exc).__name__  # KeyError's str() adds quotes
        raise Problem(404, "unknown-record", f"{what}: {message}") from None
    except ValueError as exc:
        raise Problem(400, "bad-parameter", f"{what}: {exc}") from None


def run_analysis(store: Store, analysis: registry.Analysis, given: dict[str, Any]) -> dict[str, Any]:
    """Check the parameters given (resolve actors, check dates), run the analysis, answer its JSON."""
    params = registry.prepare(analysis, given, lambda name, value: resolve_actor(store, name, value),
                              check_date)
    with analysis_errors(analysis.name):
        return analysis.run(store, params).to_dict()


def _query(p: registry.Parameter) -> inspect.Parameter:
    kind = p.value_type
    annotation: Any = Annotated[kind if p.required else kind | None,
                                Query(description=p.help, ge=p.minimum, le=p.maximum)]
    default = inspect.Parameter.empty if p.required else p.default
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _endpoint(analysis: registry.Analysis) -> Callable[..., dict[str, Any]]:
    """A handler whose signature FastAPI reads as one query parameter per analysis parameter."""
    def handler(store: Store, **given: Any) -> dict[str, Any]:
        return run_analysis(store, analysis, given)

    store = inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=StoreDep)
    handler.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [store, *map(_query, analysis.parameters)])
    handler.__name__ = f"analysis_{analysis.name.replace('-', '_')}"
    handler.__doc__ = analysis.help[:1].upper() + analysis.help[1:] + "."
    return handler


def _describe(analysis: registry.Analysis) -> dict[str, Any]:
    return {
        "name": analysis.name, "help": analysis.help, "path": f"/api/analyses/{analysis.name}",
        "parameters": [{"name": p.name, "kind": p.kind, "help": p.help, "required": p.required,
                        "default": p.default, "choices": list(p.choices) or None}
                       for p in analysis.parameters],
    }


def build_router() -> APIRouter:
    """The analysis routes for the registry as it stands now."""
    router = APIRouter(prefix="/api")
    found = registry.analyses()

    @router.get("/analyses")
    def analyses() -> list[dict[str, Any]]:
        """Every registered analysis with its parameters: what ``/api/analyses/{name}`` accepts."""
        return [_describe(a) for a in found.values()]

    @router.get("/formats")
    def formats() -> dict[str, list[dict[str, Any]]]:
        """The registered import and export formats (``brinkwatch import/export --format``)."""
        return {
            "import": [{"name": i.name, "help": i.help} for i in registry.importers().values()],
            "export": [{"name": e.name, "help": e.help, "streamable": e.streamable}
                       for e in registry.exporters().values()],
        }

    for analysis in found.values():
        endpoint = _endpoint(analysis)
        router.add_api_route(f"/analyses/{analysis.name}", endpoint, methods=["GET"], summary=analysis.help,
                             tags=["analyses"])
        if analysis.name in SHORT_PATHS:
            router.add_api_route(f"/{analysis.name}", endpoint, methods=["GET"], summary=analysis.help,
                                 operation_id=f"short_{analysis.name}")

    if "attribution" in found:
        attribution_analysis = found["attribution"]

        @router.get("/attribution/{actor_or_event_id}")
        def attribution(actor_or_event_id: str, store: StoreDep, at: str | None = None) -> dict[str, Any]:
            """Who stands behind an actor or an event: chains of patrons, each with strength and evidence."""
            return run_analysis(store, attribution_analysis, {"subject": actor_or_event_id, "at": at})

    return router
