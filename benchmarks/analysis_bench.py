"""Analysis results on real datasets, and the speed targets of the analysis engine.

    .venv/bin/python benchmarks/analysis_bench.py                     # everything
    .venv/bin/python benchmarks/analysis_bench.py --only speed --events 200000
    .venv/bin/python benchmarks/analysis_bench.py --data /work/shared/data --work /tmp/bw-bench

Results (skipped politely when the data folder or a file is absent):

1. KEDS Gulf (CAMEO/WEIS table, imported with ``brinkwatch.ingest`` ``cameo``):
   escalation by month of Iraq-Kuwait and United States-Iraq around the 1990-91
   Gulf War, reciprocity United States-Iraq by year, and a rolling-origin
   backtest of the Hawkes forecast for United States-Iraq.
2. UCDP GED Iraq (``ucdp-ged``): escalation by year, Government of Iraq vs
   Islamic State, with fatalities.

Speed (figures printed with a baseline measured in the same run):

3. escalation of one dyad in a SQLite store of ``--events`` (default 1,000,000)
   synthetic events (target < 1 s); baseline: the store query for the dyad's
   events as full records (``Store.events``), printed with the columnar read
   (``Store.event_rows``) the analysis actually uses.
4. a Hawkes fit on ~100,000 simulated events (target < 10 s), wall and CPU
   time; baseline: one likelihood-and-gradient evaluation, so the ratio is the
   fit's cost in evaluations.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import numpy as np

from brinkwatch.analysis import hawkes
from brinkwatch.analysis.escalation import escalation
from brinkwatch.analysis.forecast import forecast
from brinkwatch.analysis.reciprocity import reciprocity
from brinkwatch.ingest.importers import get_importer
from brinkwatch.records import Actor, AnyRecord, Event, EventType, Provenance
from brinkwatch.store import Store


def _store_with(path: Path, fmt: str, source: Path) -> Store:
    """A SQLite store holding one imported dataset, built once and reused by later runs."""
    store = Store.open(f"sqlite:///{path}")
    if not store.counts().get("events"):  # new, or an earlier build interrupted (one transaction)
        t0 = time.perf_counter()
        store.add_records(get_importer(fmt)(source))
        print(f"  imported {source.name} in {time.perf_counter() - t0:.1f} s")
    return store


def _escalation_table(store: Store, a: str, b: str, since: date, until: date, by: str = "month") -> None:
    series = escalation(store, a, b, by=by, since=since, until=until)
    print(f"\n  escalation {series.a} <-> {series.b} by {by}")
    print(f"  {'period':8} {'events':>6} {'q1':>4} {'q2':>4} {'q3':>4} {'q4':>4} {'mean':>6} {'min':>6} "
          f"{'deaths':>6}  state / criterion")
    for p in series.periods:
        m = p.metrics
        mean = "" if m["mean_intensity"] is None else f"{m['mean_intensity']:.2f}"
        low = "" if m["min_intensity"] is None else f"{m['min_intensity']:.1f}"
        quads = " ".join(f"{m[k]:4.0f}" for k in (
            "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"))
        print(f"  {p.label:8} {m['events']:6.0f} {quads} {mean:>6} {low:>6} {m['fatalities']:6.0f}"
              f"  {p.state} / {p.criterion}")


def keds(data: Path, work: Path) -> None:
    source = data / "keds_gulf_cameo.tsv"
    if not source.exists():
        print(f"[keds] {source} not found: skipped")
        return
    print("[keds] KEDS Gulf CAMEO/WEIS events")
    with _store_with(work / "keds.db", "cameo", source) as store:
        _escalation_table(store, "iraq", "kuwait", date(1990, 5, 1), date(1991, 4, 30))
        _escalation_table(store, "united-states", "iraq", date(1990, 6, 1), date(1991, 6, 30))
        rec = reciprocity(store, "united-states", "iraq", window_days=30)
        print("\n  reciprocity united-states / iraq, window 30 days, 1988-1994")
        print(f"  {'year':4} {'trigger':14} {'triggers':>8} {'answered':>8} {'lag':>5} {'ratio':>6}  label")
        for y in rec.years:
            if 1988 <= y.year <= 1994:
                lag = "" if y.median_lag_days is None else f"{y.median_lag_days:.1f}"
                ratio = "" if y.median_ratio is None else f"{y.median_ratio:.2f}"
                print(f"  {y.year:4} {y.trigger_side:14} {y.triggers:8} {y.responded:8} {lag:>5} {ratio:>6}"
                      f"  {y.label or ''}")
        t0 = time.perf_counter()
        fc = forecast(store, "united-states", "iraq", horizon=3, backtest=True, until=date(1998, 12, 31))
        took = time.perf_counter() - t0
        assert fc.backtest is not None
        print(f"\n  forecast united-states / iraq from {fc.observed_to} ({took:.1f} s with backtest)")
        print(f"  model: {fc.fit.to_dict()}")
        for p in fc.periods:
            print(f"  {p.label}: expected {p.expected_ab:.1f} + {p.expected_ba:.1f}, "
                  f"P(confrontation) {p.p_confrontation:.2f}")
        print(f"  backtest over {len(fc.backtest.rows)} monthly origins (lower is better):")
        for method, s in fc.backtest.scores().items():
            print(f"    {method:16} Poisson deviance {s['poisson_deviance']:8.3f}   CRPS {s['crps']:8.3f}")


def ucdp(data: Path, work: Path) -> None:
    source = data / "ucdp_ged_iraq.csv"
    if not source.exists():
        print(f"[ucdp] {source} not found: skipped")
        return
    print("\n[ucdp] UCDP GED Iraq")
    with _store_with(work / "ucdp.db", "ucdp-ged", source) as store:
        _escalation_table(store, "iraq", "islamic-state", date(2004, 1, 1), date(2018, 12, 31), by="year")
        _escalation_table(store, "united-states", "iraq", date(1989, 1, 1), date(2011, 12, 31), by="year")


def _synthetic(n: int, focal_share: float, seed: int) -> Iterator[AnyRecord]:
    """Actors, then ``n`` events among 200 actors, ``focal_share`` of them between a0 and a1."""
    rng = random.Random(seed)
    actors = [f"a{i}" for i in range(200)]
    for a in actors:
        yield Actor(id=a, name=a.upper(), type="state",
                    provenance=[Provenance(dataset="synthetic", record=a)])
    types: list[tuple[EventType, Literal[1, 2, 3, 4], float]] = [
        ("ASSAULT", 4, -10.0), ("THREATEN", 3, -6.0), ("CONSULT", 1, 1.0), ("AID", 2, 7.0)]
    start = date(1990, 1, 1)
    for k in range(n):
        if rng.random() < focal_share:
            src, dst = ("a0", "a1") if rng.random() < 0.5 else ("a1", "a0")
        else:
            src, dst = rng.sample(actors, 2)
        etype, quad, inten = rng.choice(types)
        day = start + timedelta(days=rng.randrange(365 * 30))
        yield Event.model_construct(
            id=f"s{k}", type=etype, source=[src], target=[dst], date=day.isoformat(), intensity=inten,
            quad_class=quad, fatalities=None, confidence=1.0, summary="",
            provenance=[Provenance(dataset="synthetic", record=str(k))])


def speed(work: Path, n_events: int) -> None:
    print(f"\n[speed] escalation over a store of {n_events:,} events (SQLite)")
    path = work / f"synthetic-{n_events}.db"
    with Store.open(f"sqlite:///{path}") as store:
        if store.counts().get("events", 0) < n_events:
            t0 = time.perf_counter()
            store.add_records(_synthetic(n_events, 0.02, 7))
            print(f"  built the store in {time.perf_counter() - t0:.0f} s")
        escalation(store, "a0", "a1")  # warm the page cache once, as an analyst's second query would
        q_times, r_times, e_times = [], [], []
        for _ in range(3):
            t0 = time.perf_counter()
            ab = store.events(source="a0", target="a1")
            ba = store.events(source="a1", target="a0")
            q_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.event_rows(source="a0", target="a1")
            store.event_rows(source="a1", target="a0")
            r_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            series = escalation(store, "a0", "a1")
            e_times.append(time.perf_counter() - t0)
        q, e = min(q_times), min(e_times)
        print(f"  dyad a0<->a1: {len(ab) + len(ba):,} events, {len(series.periods)} monthly periods")
        print(f"  baseline store query (both directions): {q:.3f} s")
        print(f"  columnar read the analysis uses (event_rows, both directions): {min(r_times):.3f} s")
        print(f"  escalation (query + frame + numpy aggregation + states): {e:.3f} s "
              f"(ratio {e / q:.2f} x the query; target < 1 s: {'met' if e < 1 else 'NOT met'})")


def hawkes_speed(n_target: int = 100_000) -> None:
    print(f"\n[speed] Hawkes fit on ~{n_target:,} simulated events")
    true = hawkes.HawkesParams(np.array([0.2, 0.1]), np.array([[0.3, 0.2], [0.4, 0.1]]), 0.5)
    rate = float(np.linalg.solve(np.eye(2) - true.alpha, true.mu).sum())
    horizon = n_target / rate
    t, d = hawkes.simulate(true, 0.0, horizon, np.random.default_rng(11))
    times = [t[d == 0], t[d == 1]]
    stream = hawkes._Stream.build(times, horizon)
    theta = hawkes._pack(true)
    w0, c0 = time.perf_counter(), time.process_time()
    for _ in range(5):
        hawkes._objective(theta, stream)
    one_wall, one_cpu = (time.perf_counter() - w0) / 5, (time.process_time() - c0) / 5
    w0, c0 = time.perf_counter(), time.process_time()
    fit = hawkes.fit(times, horizon)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    p = fit.params
    print(f"  {len(t):,} events over {horizon:,.0f} days")
    print(f"  baseline one likelihood+gradient evaluation: {one_wall * 1000:.0f} ms wall, "
          f"{one_cpu * 1000:.0f} ms CPU")
    print(f"  fit: {wall:.2f} s wall, {cpu:.2f} s CPU (= {wall / one_wall:.0f} evaluations; target < 10 s: "
          f"{'met' if wall < 10 else 'NOT met'})")
    print(f"  recovered mu {np.round(p.mu, 4)} (true {true.mu}), beta {p.beta:.4f} (true {true.beta})")
    print(f"  recovered alpha {np.round(p.alpha, 3).tolist()} (true {true.alpha.tolist()})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data"),
                        help="folder of the real datasets")
    parser.add_argument("--work", type=Path, default=Path("/tmp/brinkwatch-analysis-bench"),
                        help="folder for the benchmark stores (reused between runs)")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the synthetic store")
    parser.add_argument("--only", choices=("results", "speed"), help="run one half only")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.only != "speed":
        if args.data.exists():
            keds(args.data, args.work)
            ucdp(args.data, args.work)
        else:
            print(f"{args.data} not found: dataset results skipped")
    if args.only != "results":
        speed(args.work, args.events)
        hawkes_speed()


if __name__ == "__main__":
    main()
