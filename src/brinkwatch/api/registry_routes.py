"""Endpoints built from the registries: ``GET /api/analyses``, ``GET /api/analyses/{name}`` and the formats.

One route is made per registered analysis (``/api/analyses/escalation``,
``/api/analyses/<a plug-in's name>``), with a query parameter per
:class:`~brinkwatch.registry.Parameter`, so each appears in the OpenAPI
document with its own parameters and descriptions. Actors are resolved
(404 naming the parameter) and dates checked (400) before the analysis runs;
the answer is the result's ``to_dict()``, which carries its ``explain``.
The router is built when the app is, so an installed plug-in is served by
the next app made.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query

from brinkwatch import registry
from brinkwatch.api.analysis_routes import analysis_errors
from brinkwatch.api.deps import StoreDep
from brinkwatch.api.params import check_date, resolve_actor
from brinkwatch.store import Store

_TYPES: dict[str, type] = {"actor": str, "date": str, "int": int, "bool": bool, "str": str}


def _describe(analysis: registry.Analysis) -> dict[str, Any]:
    return {
        "name": analysis.name, "help": analysis.help, "path": f"/api/analyses/{analysis.name}",
        "parameters": [{"name": p.name, "kind": p.kind, "help": p.help, "required": p.required,
                        "default": p.default, "choices": list(p.choices) or None}
                       for p in analysis.parameters],
    }


def _query(p: registry.Parameter) -> inspect.Parameter:
    kind: Any = StrEnum(f"{p.name}_choices", {c: c for c in p.choices}) if p.choices else _TYPES[p.kind]
    query = Query(description=p.help, ge=p.minimum, le=p.maximum)
    annotation: Any = Annotated[kind if p.required else kind | None, query]
    default = inspect.Parameter.empty if p.required else p.default
    return inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


def _endpoint(analysis: registry.Analysis) -> Callable[..., dict[str, Any]]:
    def run(store: Store, **given: Any) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for p in analysis.parameters:
            value = given.get(p.name)
            if value is None:
                continue
            if p.kind == "actor":
                value = resolve_actor(store, p.name, value)
            elif p.kind == "date":
                value = check_date(p.name, value)
            params[p.name] = str(value) if isinstance(value, StrEnum) else value
        with analysis_errors(analysis.name):
            return analysis.run(store, params).to_dict()

    store = inspect.Parameter("store", inspect.Parameter.KEYWORD_ONLY, annotation=StoreDep)
    run.__signature__ = inspect.Signature([store, *map(_query, analysis.parameters)])  # type: ignore[attr-defined]
    run.__name__ = f"analysis_{analysis.name.replace('-', '_')}"
    run.__doc__ = analysis.help[:1].upper() + analysis.help[1:] + "."
    return run


def build_router() -> APIRouter:
    """The registry's routes as they stand now (one per analysis, plus the listings)."""
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
        router.add_api_route(f"/analyses/{analysis.name}", _endpoint(analysis), methods=["GET"],
                             summary=analysis.help, tags=["analyses"])
    return router
