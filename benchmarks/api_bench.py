"""Latency of the dashboard's heaviest API calls on the demo store, through a real server.

Starts uvicorn on 127.0.0.1 (a free port) in a child process over an existing
store, then times sequential requests with httpx: /api/health as the baseline
(the cost of HTTP, routing and middleware alone), then /api/graph and
/api/timeline, the two calls the dashboard repeats while the user moves the
date slider. Prints p50/p95 per endpoint and p95 as a multiple of the
baseline's. The target is p95 < 100 ms for graph and timeline.

    .venv/bin/brinkwatch demo --no-serve      # builds ./brinkwatch.db
    .venv/bin/python benchmarks/api_bench.py --db brinkwatch.db [--requests 200]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

TARGET_MS = 100.0
SERVER = (
    "import sys, uvicorn\n"
    "from brinkwatch.api import create_app\n"
    "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')\n"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until_up(client: httpx.Client, tries: int = 100) -> None:
    for _ in range(tries):
        try:
            if client.get("/api/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not answer /api/health within 20 seconds")


def timed(client: httpx.Client, path: str, params: dict[str, str], n: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        client.get(path, params=params).raise_for_status()
    out = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(path, params=params).raise_for_status()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("brinkwatch.db"), help="the demo store (SQLite file)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per endpoint")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per endpoint first")
    args = parser.parse_args()
    if not args.db.is_file():
        print(f"skipped: no store at {args.db}; build it with 'brinkwatch demo --no-serve' first")
        return
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, f"sqlite:///{args.db.resolve()}", str(port)])
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            wait_until_up(client)
            counts = client.get("/api/health").json()["counts"]
            print(f"store {args.db}: {counts['actors']} actors, {counts['relations']} relations, "
                  f"{counts['events']} events; {args.requests} requests each after {args.warmup} warm-up")
            cases = [
                ("/api/health (baseline)", "/api/health", {}),
                ("/api/graph", "/api/graph", {}),
                ("/api/graph?at=2019-12", "/api/graph", {"at": "2019-12"}),
                ("/api/timeline", "/api/timeline", {}),
                ("/api/timeline?since=2019", "/api/timeline", {"since": "2019"}),
            ]
            results = {label: timed(client, path, params, args.requests, args.warmup)
                       for label, path, params in cases}
    finally:
        server.terminate()
        server.wait(timeout=10)
    base = p95(results[cases[0][0]])
    print(f"{'endpoint':28} {'p50 ms':>8} {'p95 ms':>8} {'p95/baseline':>13}  target p95 < {TARGET_MS:g} ms")
    for label, values in results.items():
        verdict = "" if label == cases[0][0] else ("ok" if p95(values) < TARGET_MS else "SLOW")
        print(f"{label:28} {statistics.median(values):8.1f} {p95(values):8.1f} {p95(values) / base:13.1f}  "
              f"{verdict}")


if __name__ == "__main__":
    main()
