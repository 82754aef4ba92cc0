"""Fixtures for the dashboard's end-to-end tests: a real server over a real store, a real browser.

The server is the production app (``brinkwatch.api.create_app``) under uvicorn on a free
loopback port, serving the built front end and a SQLite store filled with the hand-written
records of ``fixture_records``. The browser is Debian's chromium driven by Playwright. Each
page records console errors, uncaught exceptions and every request it makes, and a test fails
if the dashboard logged an error or tried to reach any host but the local server.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from .fixture_records import fill

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
DIST = Path(__file__).resolve().parents[2] / "src" / "brinkwatch" / "web" / "dist"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _unavailable(reason: str) -> None:
    """Skip on a developer machine that lacks a prerequisite; fail in CI, where it must be there."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dist_dir() -> Path:
    if not (DIST / "index.html").is_file():
        _unavailable(f"the dashboard is not built ({DIST / 'index.html'} missing): run `make web`")
    return DIST


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, dist_dir: Path) -> Iterator[str]:
    """Base URL of a live brinkwatch server over the fixture store."""
    import uvicorn

    from brinkwatch.api import create_app

    db = tmp_path_factory.mktemp("web") / "dashboard.db"
    url = f"sqlite:///{db}"
    fill(url)
    app = create_app(url, static_dir=dist_dir)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the brinkwatch server did not start within 15 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium, or `make browser`)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Watch:
    """What a page did besides what the test looked at: console errors, exceptions, requests."""

    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture()
def watch() -> Watch:
    return Watch()


@pytest.fixture()
def page(browser: Browser, server: str, watch: Watch) -> Iterator[Page]:
    """The dashboard, loaded and ready; after the test, no console error and no foreign request."""
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    pg = context.new_page()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            watch.errors.append(f"console: {message.text}")

    def on_request(request: Request) -> None:
        url = request.url
        watch.requests.append(url)
        host = urlsplit(url).hostname
        if url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            watch.foreign.append(url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda error: watch.errors.append(f"uncaught: {error}"))
    pg.on("request", on_request)
    pg.goto(server)
    pg.wait_for_selector("body[data-ready]", timeout=20_000)
    assert pg.evaluate("document.body.dataset.ready") == "1", pg.inner_text("#graph-status")
    try:
        yield pg
    finally:
        context.close()
    assert watch.errors == [], f"the dashboard logged errors: {watch.errors}"
    assert watch.foreign == [], f"the dashboard reached beyond the local server: {watch.foreign}"
