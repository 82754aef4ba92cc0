"""The API's defences: who may write, how much a request may send, and what a browser may load.

The server is meant for a laptop first, so reading is open; writing (ingesting
text, which runs extraction and changes the store) needs a bearer token, and a
writable server refuses to listen beyond the loopback interface unless a token
was chosen. Bodies are bounded before they reach a handler, and every response
tells the browser to load nothing from elsewhere and not to sniff types, so
document text can never become markup or script.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from brinkwatch.api.problems import PROBLEM_JSON, Problem, problem_body

MAX_BODY_BYTES = 2 * 1024 * 1024

# The dashboard and the report need nothing outside the server; images may be data: URIs.
CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
# FastAPI's interactive docs page is an inline script that loads Swagger UI from its CDN.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "img-src 'self' data: https://fastapi.tiangolo.com; "
    "object-src 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


class UnsafeBindError(ValueError):
    """A configuration that would expose write access to the network without a token."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    Names other than ``localhost`` count as non-loopback: they may resolve to
    any interface, and the safe answer for an unknown name is "exposed".
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, writable: bool) -> None:
    """Refuse a writable server on a non-loopback address without a token."""
    if writable and not token and not is_loopback(host):
        raise UnsafeBindError(
            f"refusing to serve a writable store on {host}, which other machines can reach, without a token: "
            "pass --token or set BRINKWATCH_TOKEN, or drop --writable, or bind to 127.0.0.1"
        )


def new_token() -> str:
    """A random token for a writable server started without one (printed once by ``serve``)."""
    return secrets.token_urlsafe(24)


def require_token(request: Request) -> None:
    """FastAPI dependency: the request carries ``Authorization: Bearer <the server's token>``.

    401 when no bearer credentials are sent (the client must authenticate), 403
    when they are wrong or the server is read-only. The comparison takes the
    same time whatever the token, so its value cannot be guessed byte by byte.
    """
    expected: str | None = request.app.state.token
    if not request.app.state.writable or not expected:
        raise Problem(403, "read-only",
                      "this server is read-only; start it with --writable to ingest documents")
    header = request.headers.get("authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        raise Problem(401, "unauthenticated", "ingest needs the header 'Authorization: Bearer <token>'",
                      headers={"WWW-Authenticate": 'Bearer realm="brinkwatch"'})
    if not hmac.compare_digest(credentials.strip().encode(), expected.encode()):
        raise Problem(403, "bad-token", "the bearer token is not this server's token")


class BodyLimitMiddleware:
    """Reject request bodies over ``limit`` bytes with a 413 problem, before any handler reads them.

    A declared Content-Length over the limit is refused at once; a body sent in
    chunks is counted as it arrives and refused as soon as it passes the limit,
    so a client cannot make the server buffer more than ``limit`` bytes.
    """

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                await self._refuse(send, 400, "the Content-Length header is not a number")
                return
            if length > self.limit:
                await self._too_large(send)
                return
        if scope.get("method") not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.extend(message.get("body", b""))
            if len(body) > self.limit:
                await self._too_large(send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(bytes(body), receive), send)

    async def _too_large(self, send: Send) -> None:
        await self._refuse(send, 413, f"request body is larger than the limit of {self.limit} bytes",
                           "body-too-large")

    @staticmethod
    async def _refuse(send: Send, status: int, detail: str, kind: str | None = None) -> None:
        payload = json.dumps(problem_body(status, detail, kind)).encode()
        headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode()),
                   (b"connection", b"close"), *_header_pairs(CSP)]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": payload})


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that hands the already-read body to the app once, then defers to the real one."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _header_pairs(csp: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-frame-options", b"DENY"),
    ]


class SecurityHeadersMiddleware:
    """Add the browser-facing security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path in DOCS_PATHS else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _header_pairs(csp) if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
