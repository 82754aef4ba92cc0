"""How fast the dashboard shows something, and how fast it shows the graph, on the demo store.

Measured in Debian's chromium through Playwright with the browser's own Performance API:
first paint and first contentful paint (``performance.getEntriesByType("paint")``), the moment
the network graph is drawn (the dashboard's ``brinkwatch:graph-drawn`` mark, set once the
graph of the as-of date is on screen), and the moment every panel has loaded. Each run uses a
fresh browser context (empty cache). A blank static page served the same way in the same run is
the baseline, so the figures are read as "how much slower than an empty page", which holds
from one machine to another better than milliseconds do.

    brinkwatch demo --no-serve          # builds ./brinkwatch.db
    make web                            # builds the front end
    .venv/bin/python benchmarks/dashboard_bench.py [--db brinkwatch.db] [--runs 7]

Target: first paint under 2 s on the demo store.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
DIST = Path(__file__).resolve().parents[1] / "src" / "brinkwatch" / "web" / "dist"
BLANK = ("<!doctype html><html><head><meta charset='utf-8'><title>blank</title></head>"
         "<body><p>blank</p></body></html>")

# read in the page after load: paint timings and the dashboard's own marks, in ms since navigation start
TIMINGS_JS = """() => {
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  const mark = (name) => {
    const m = performance.getEntriesByName(name);
    return m.length ? m[0].startTime : null;
  };
  return { fp: paint['first-paint'] ?? null, fcp: paint['first-contentful-paint'] ?? null,
           graph: mark('brinkwatch:graph-drawn'), ready: mark('brinkwatch:ready') };
}"""


def _loopback_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def dashboard_server(db: Path, dist: Path) -> Iterator[str]:
    """The real brinkwatch app under uvicorn on a free loopback port."""
    import uvicorn

    from brinkwatch.api import create_app

    sock = _loopback_socket()
    app = create_app(f"sqlite:///{db}", static_dir=dist)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the brinkwatch server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def blank_server() -> Iterator[str]:
    """A blank page from the standard library's file server: the baseline of a first paint."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(BLANK, encoding="utf-8")

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

        handler = functools.partial(Quiet, directory=folder)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()
            httpd.server_close()


def measure(browser: Any, url: str, wait_for: str | None) -> dict[str, float | None]:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url)
        if wait_for:
            page.wait_for_selector(wait_for, timeout=60_000)
        else:
            page.wait_for_load_state("load")
        page.wait_for_timeout(50)  # let the paint entries be recorded
        timings: dict[str, float | None] = page.evaluate(TIMINGS_JS)
        return timings
    finally:
        context.close()


def summary(values: list[float | None]) -> str:
    got = [v for v in values if v is not None]
    if not got:
        return "n/a"
    return f"{statistics.median(got):8.0f} ms  (min {min(got):.0f}, max {max(got):.0f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--db", type=Path, default=Path("brinkwatch.db"),
                        help="SQLite store (default ./brinkwatch.db)")
    parser.add_argument("--runs", type=int, default=7, help="page loads per measurement (default 7)")
    parser.add_argument("--dist", type=Path, default=DIST, help="the built front end")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"skipped: no store at {args.db}; build the demo store with `brinkwatch demo --no-serve`")
        return 0
    if not (args.dist / "index.html").is_file():
        print(f"skipped: the front end is not built ({args.dist}); run `make web`")
        return 0
    if not Path(CHROMIUM).exists():
        print(f"skipped: {CHROMIUM} is not installed (`make browser`)")
        return 0
    from playwright.sync_api import sync_playwright

    with (sync_playwright() as pw, dashboard_server(args.db, args.dist) as app_url,
          blank_server() as blank_url):
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            measure(browser, app_url, "body[data-ready]")  # warm the server and the OS file cache
            base = [measure(browser, blank_url, None) for _ in range(args.runs)]
            dash = [measure(browser, app_url, "body[data-ready]") for _ in range(args.runs)]
        finally:
            browser.close()

    print(f"dashboard on {args.db}, {args.runs} cold page loads each, median (min, max)")
    print(f"  baseline blank page  first paint            {summary([r['fp'] for r in base])}")
    print(f"  baseline blank page  first contentful paint {summary([r['fcp'] for r in base])}")
    print(f"  dashboard            first paint            {summary([r['fp'] for r in dash])}")
    print(f"  dashboard            first contentful paint {summary([r['fcp'] for r in dash])}")
    print(f"  dashboard            graph drawn            {summary([r['graph'] for r in dash])}")
    print(f"  dashboard            all panels loaded      {summary([r['ready'] for r in dash])}")
    base_fp = [r["fp"] for r in base if r["fp"] is not None]
    dash_fp = [r["fp"] for r in dash if r["fp"] is not None]
    if base_fp and dash_fp:
        ratio = statistics.median(dash_fp) / statistics.median(base_fp)
        verdict = "meets" if statistics.median(dash_fp) < 2000 else "MISSES"
        print(f"  first paint ratio to the blank page: {ratio:.2f}x; {verdict} the < 2 s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
