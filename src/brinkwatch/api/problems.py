"""Errors as RFC 9457 problem details, so every failure has the same machine-readable shape.

A client (the dashboard, a script) never has to guess whether an error body is
HTML, plain text or JSON: it is always ``application/problem+json`` with
``type``, ``title``, ``status`` and ``detail``. Malformed input is a 4xx that
names the parameter and what was expected; an unexpected failure is a 500 that
says nothing about the server's internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "urn:brinkwatch:problem:"

log = logging.getLogger(__name__)


class Problem(Exception):
    """An error the API reports to the client as a problem detail.

    ``kind`` becomes the problem ``type`` (``urn:brinkwatch:problem:<kind>``), a
    stable identifier a client can branch on, unlike the human ``detail``.
    """

    def __init__(self, status: int, kind: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status, self.kind, self.detail, self.headers = status, kind, detail, headers


def problem_body(status: int, detail: str, kind: str | None = None) -> dict[str, Any]:
    """The JSON object of a problem detail; ``about:blank`` when only the HTTP status says what went wrong."""
    return {
        "type": f"{PROBLEM_BASE}{kind}" if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }


def problem_response(
    status: int, detail: str, kind: str | None = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A response carrying a problem detail with the problem media type."""
    return JSONResponse(problem_body(status, detail, kind), status_code=status, media_type=PROBLEM_JSON,
                        headers=headers)


def _validation_detail(exc: RequestValidationError) -> str:
    """One line per invalid input, naming where it was (query, path, body) and what was wrong."""
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        where = f"{loc[0]} parameter '{'.'.join(loc[1:])}'" if len(loc) > 1 else ".".join(loc) or "request"
        lines.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(lines) or "invalid request"


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error the app can raise through the problem-detail format."""

    async def on_problem(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc.status, exc.detail, exc.kind, exc.headers)

    async def on_http(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).description
        return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    async def on_validation(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return problem_response(422, _validation_detail(exc), "invalid-parameter")

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        # the traceback goes to the server log, never to the client
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return problem_response(500, "the server failed to answer this request; see the server log")

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
