"""Store speed: bulk import against a bare executemany, and query latency at scale.

    .venv/bin/python benchmarks/store_bench.py                 # 1,000,000 events, SQLite and PostgreSQL
    .venv/bin/python benchmarks/store_bench.py --events 100000 --db sqlite

For each database this measures, on fresh databases with the same schema:

1. baseline: the same event, event-actor and provenance rows written with a bare
   ``executemany`` of tuples on the raw DBAPI connection (precompiled SQL, the
   store's PRAGMAs) in batches, one transaction, no checks;
2. store: ``Store.add_records`` on the synthetic records (validation-free
   records built as the importers build them, so the figure is the store's own
   cost: id and dataset-row deduplication, actor resolution, date bounds);

generating the synthetic input is timed alone in the same run and taken out
of both figures, so the ratio compares the writes only;

and prints the import rate of each and their ratio (target: store >= 0.5 x
baseline), then p50/p95 latency of ``events(actor=..., limit=100)`` (the CLI's
default page) and ``relations(at=...)`` on the imported store (target p50 < 50 ms).
PostgreSQL uses scratch databases on ``--pg`` (default 127.0.0.1:5432, user
postgres) that are dropped afterwards; it is skipped politely if unreachable.
"""

from __future__ import annotations

import argparse
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from brinkwatch.ingest.tabular import construct, dataset_provenance
from brinkwatch.records import Actor, AnyRecord, Event, Relation
from brinkwatch.store import Store
from brinkwatch.store.bulk import EVENT_ACTOR_COLUMNS, EVENT_COLUMNS, PROVENANCE_COLUMNS, insert_sql
from brinkwatch.store.days import event_days

EVENT_TYPES = ("ASSAULT", "THREATEN", "ACCUSE", "CONSULT", "AID", "PROTEST", "COERCE", "AGREE")
FIRST_DAY = date(1979, 1, 1).toordinal()
LAST_DAY = date(2024, 12, 31).toordinal()


class Synthetic:
    """A reproducible synthetic dataset: actors, relations, and events with dataset provenance."""

    def __init__(self, n_events: int, n_actors: int, n_relations: int, seed: int = 7) -> None:
        self.n_events, self.n_actors, self.n_relations, self.seed = n_events, n_actors, n_relations, seed
        self.actor_ids = [f"actor-{i:05d}" for i in range(n_actors)]

    def _rng(self) -> random.Random:
        return random.Random(self.seed)

    def _pick(self, rng: random.Random) -> str:
        # skewed like real event data: a few actors appear in most events
        return self.actor_ids[min(int(rng.paretovariate(1.2)) - 1, self.n_actors - 1)]

    def _event_fields(self, rng: random.Random, i: int) -> dict[str, Any]:
        day = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
        precision = rng.random()
        when = (
            day.isoformat() if precision < 0.9 else day.isoformat()[:7] if precision < 0.98 else str(day.year)
        )
        source = self._pick(rng)
        target = self._pick(rng)
        return {
            "id": f"ev-{i:08d}",
            "type": rng.choice(EVENT_TYPES),
            "date": when,
            "source": [source],
            "target": [target] if target != source else [],
            "intensity": round(rng.uniform(-10, 10), 1),
            "quad_class": rng.randint(1, 4),
            "summary": "synthetic event",
            "dataset_row": f"row-{i}",
        }

    def actors(self) -> list[AnyRecord]:
        return [Actor(id=a, name=f"Synthetic Actor {a[6:]}", type="armed_group") for a in self.actor_ids]

    def relations(self) -> list[AnyRecord]:
        rng = random.Random(self.seed + 1)
        out: list[AnyRecord] = []
        for i in range(self.n_relations):
            start = date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
            end = start + timedelta(days=rng.randint(30, 4000)) if rng.random() < 0.7 else None
            out.append(
                Relation(
                    id=f"rel-{i:06d}",
                    type=rng.choice(["supports", "arms", "funds", "opposes"]),
                    source=self._pick(rng),
                    target=self._pick(rng),
                    valid_from=start.isoformat()[:7],
                    valid_to=end.isoformat()[:7] if end else None,
                )
            )
        return out

    def events(self) -> Iterator[Event]:
        """Events as records, built without validation (the benchmark measures the store, not pydantic)."""
        rng = self._rng()
        for i in range(self.n_events):
            f = self._event_fields(rng, i)
            prov = dataset_provenance("synthetic", f.pop("dataset_row"))
            yield construct(Event, {**f, "confidence": 1.0, "provenance": prov})

    def event_rows(self) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]], tuple[Any, ...]]]:
        """The same events as the tuples the store writes: event row, its actor rows, its provenance row."""
        rng = self._rng()
        for i in range(self.n_events):
            f = self._event_fields(rng, i)
            lo, hi = event_days(f["date"], None)
            eid = f["id"]
            row = (eid, f["type"], None, f["date"], None, lo, hi, None, None, f["intensity"],
                   f["quad_class"], f["summary"], 1.0, None)
            actors = [(eid, a, role, 0, lo) for role in ("source", "target") for a in f[role]]
            record = f["dataset_row"]
            key = f"synthetic\x1f{record}"
            prov = ("event", eid, 0, None, None, None, None, "synthetic", record, key, None)
            yield row, actors, prov


def baseline_import(url: str, data: Synthetic, batch: int) -> float:
    """Seconds to write the event rows with a bare executemany into a fresh store's schema.

    As fast as the database goes from Python: precompiled INSERTs and tuples on
    the raw DBAPI connection (the store's own, so the same PRAGMAs), batches of
    ``batch`` events, one transaction, no checks, no deduplication.
    """
    with Store.open(url) as store:
        store.add_records(data.actors())
        start = time.perf_counter()
        with store.engine.begin() as conn:
            sql = [
                insert_sql(conn.dialect, "events", EVENT_COLUMNS),
                insert_sql(conn.dialect, "event_actors", EVENT_ACTOR_COLUMNS),
                insert_sql(conn.dialect, "provenance", PROVENANCE_COLUMNS),
            ]
            cur = conn.connection.cursor()
            rows: list[tuple[Any, ...]] = []
            actor_rows: list[tuple[Any, ...]] = []
            prov_rows: list[tuple[Any, ...]] = []
            for row, actors, prov in data.event_rows():
                rows.append(row)
                actor_rows.extend(actors)
                prov_rows.append(prov)
                if len(rows) >= batch:
                    for statement, part in zip(sql, (rows, actor_rows, prov_rows), strict=True):
                        cur.executemany(statement, part)
                    rows, actor_rows, prov_rows = [], [], []
            if rows:
                for statement, part in zip(sql, (rows, actor_rows, prov_rows), strict=True):
                    cur.executemany(statement, part)
            cur.close()
        return time.perf_counter() - start


def store_import(url: str, data: Synthetic, batch: int) -> float:
    """Seconds for ``Store.add_records`` to import the same events into a fresh store."""
    with Store.open(url) as store:
        store.add_records(data.actors())
        start = time.perf_counter()
        stats = store.add_records(data.events(), batch_size=batch)
        elapsed = time.perf_counter() - start
        assert stats.added["event"] == data.n_events, stats
        store.add_records(data.relations())
        again = time.perf_counter()
        repeat = store.add_records(data.events(), batch_size=batch)
        print(
            f"  re-import of the same events (all skipped): {time.perf_counter() - again:.1f} s, "
            f"added {repeat.added['event']}"
        )
    return elapsed


def latencies(fn: Callable[[], object], n: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds of ``n`` calls."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def query_latency(url: str, data: Synthetic, n: int) -> None:
    rng = random.Random(3)
    with Store.open(url) as store:
        store.events(actor=data.actor_ids[0], limit=100)  # warm the connection pool and caches
        actors = iter([rng.choice(data.actor_ids) for _ in range(n)])
        p50, p95 = latencies(lambda: store.events(actor=next(actors), limit=100), n)
        print(f"  events(actor=random, limit=100):          p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
        busiest = iter([data.actor_ids[0]] * n)
        p50, p95 = latencies(lambda: store.events(actor=next(busiest), limit=100), n)
        print(f"  events(actor=busiest, limit=100):         p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
        ranged = iter([rng.choice(data.actor_ids[:20]) for _ in range(n)])
        p50, p95 = latencies(
            lambda: store.events(actor=next(ranged), since="2010", until="2012", limit=100), n
        )
        print(f"  events(actor=top-20, 2010..2012, limit=100): p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")
        days = [date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY)) for _ in range(n)]
        sizes: list[int] = []
        day_iter = iter(days)
        p50, p95 = latencies(lambda: sizes.append(len(store.relations(at=next(day_iter)))), n)
        print(
            f"  relations(at=random day):                 p50 {p50:7.2f} ms   p95 {p95:7.2f} ms"
            f"   ({statistics.mean(sizes):,.0f} relations returned on average)"
        )
        pairs = iter(
            [
                (rng.choice(data.actor_ids[:50]), date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY)))
                for _ in range(n)
            ]
        )

        def actor_at() -> object:
            a, d = next(pairs)
            return store.relations(actor=a, at=d)

        p50, p95 = latencies(actor_at, n)
        print(f"  relations(actor=top-50, at=random day):   p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")


def _sqlite_urls(tmp: Path) -> tuple[str, str]:
    return f"sqlite:///{tmp / 'baseline.db'}", f"sqlite:///{tmp / 'store.db'}"


def _pg_urls(server: str) -> tuple[str, str, Callable[[], None]] | None:
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        print(f"PostgreSQL at {server} not reachable, skipped ({exc.orig})")
        return None
    names = [f"bw_bench_{secrets.token_hex(4)}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            for name in names:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return f"{server}/{names[0]}", f"{server}/{names[1]}", drop


def _generation(stream: Iterator[object]) -> float:
    """Seconds to produce a synthetic stream without writing it anywhere."""
    start = time.perf_counter()
    for _ in stream:
        pass
    return time.perf_counter() - start


def run(label: str, baseline_url: str, store_url: str, data: Synthetic, args: argparse.Namespace) -> None:
    print(f"\n{label}: {data.n_events:,} events, {data.n_actors:,} actors, {data.n_relations:,} relations")
    # generating the synthetic rows and records is part of both timings: measured alone, then subtracted
    gen_rows, gen_records = _generation(data.event_rows()), _generation(data.events())
    print(f"  generating the input alone: rows {gen_rows:.1f} s, records {gen_records:.1f} s (subtracted)")
    base = baseline_import(baseline_url, data, args.batch) - gen_rows
    print(f"  baseline executemany: {base:8.1f} s  {data.n_events / base:10,.0f} events/s")
    ours = store_import(store_url, data, args.batch) - gen_records
    print(f"  Store.add_records:    {ours:8.1f} s  {data.n_events / ours:10,.0f} events/s")
    print(f"  ratio store/baseline: {base / ours:.2f} (target >= 0.50)")
    query_latency(store_url, data, args.queries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=2_000)
    parser.add_argument("--relations", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=5_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    args = parser.parse_args(argv)
    data = Synthetic(args.events, args.actors, args.relations)
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="bw-bench-") as tmp:
            run("SQLite", *_sqlite_urls(Path(tmp)), data, args)
    if args.db in ("postgresql", "both"):
        pg = _pg_urls(args.pg)
        if pg is not None:
            baseline_url, store_url, drop = pg
            try:
                run("PostgreSQL", baseline_url, store_url, data, args)
            finally:
                drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
