"""Bulk import and one-dyad escalation at scale, on GDELT-shaped events, SQLite and PostgreSQL.

    python benchmarks/scale_bench.py [--rows N] [--seed S] [--pg URL] [--work DIR] [--skip-sqlite]

1. **Generator.** ``--rows`` (default 500,000) events shaped like GDELT's
   CAMEO-coded output, written as a CAMEO table (date, source, target, code):
   actor codes drawn from a Zipf law over states with and without role
   suffixes (GOV, MIL, REB, COP, OPP, CVL, BUS, MED...), so a few dyads hold
   most events as in GDELT; CAMEO root codes weighted by the shares GDELT
   reports (verbal cooperation and consultation most frequent, material
   conflict about a tenth); dates over ten years. The seed makes it
   reproducible.
2. **Import** through the real CLI (``brinkwatch import --format cameo``,
   validation on), into a fresh SQLite file and a fresh PostgreSQL database:
   rows per second end to end. Baseline in the same run: reading and splitting
   the same file, the floor any importer pays.
3. **Escalation** of the largest dyad by month in each store: median of five
   runs. Baseline: the store's columnar read of that dyad's events, the part
   the analysis cannot avoid.

Targets of the scale-out issue: import >= 100k rows/s into SQLite and >= 150k
rows/s into PostgreSQL; escalation by month < 0.5 s at 10 M events in
PostgreSQL. ``docs/scale.md`` gives measured figures and the projection.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STATES = [
    *("USA", "IRN", "IRQ", "SYR", "ISR", "RUS", "CHN", "TUR", "SAU", "YEM", "LBN", "UKR", "GBR", "FRA"),
    *("DEU", "PAK", "AFG", "IND", "EGY", "LBY", "SDN", "ETH", "SOM", "NGA", "MLI", "COD", "RWA", "ARM"),
    *("AZE", "JPN", "PRK", "KOR"),
]
ROLES = ("", "", "", "GOV", "MIL", "REB", "COP", "OPP", "CVL", "BUS", "MED", "JUD", "LEG")
# CAMEO root codes with GDELT-like shares (%): cooperation and consultation dominate
ROOTS = {
    "01": 16, "02": 7, "03": 6, "04": 20, "05": 9, "06": 3, "07": 2, "08": 2, "09": 2,
    "10": 2, "11": 5, "12": 2, "13": 2, "14": 2, "15": 1, "16": 1, "17": 5, "18": 4, "19": 8, "20": 1,
}  # fmt: skip
SUBCODES = {"01": "0", "02": "0", "03": "6", "04": "2", "05": "1", "11": "2", "17": "3", "19": "0"}


def generate(path: Path, rows: int, seed: int) -> None:
    """Write ``rows`` GDELT-shaped events as a CAMEO table (reproducible for one seed)."""
    rng = random.Random(seed)
    # Zipf over actors ranked as in GDELT: states as a whole first (in list order), then their parts
    actors = [s + r for r in dict.fromkeys(ROLES) for s in STATES]
    weights = [1 / (rank + 1) for rank in range(len(actors))]
    codes = list(ROOTS)
    code_weights = list(ROOTS.values())
    days = 3650
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("date\tsource\ttarget\tcode\n")
        sources = rng.choices(actors, weights, k=rows)
        targets = rng.choices(actors, weights, k=rows)
        roots = rng.choices(codes, code_weights, k=rows)
        for n in range(rows):
            source, target = sources[n], targets[n]
            if source[:3] == target[:3]:
                target = rng.choice(STATES)
            root = roots[n]
            code = root + SUBCODES.get(root, "0") if rng.random() < 0.6 else root + "0"
            day = 14610 + rng.randrange(days)  # days since 1970: 2010 onwards
            y, m, d = time.gmtime(day * 86400)[:3]
            fh.write(f"{y:04d}-{m:02d}-{d:02d}\t{source}\t{target}\t{code}\n")


def split_rate(path: Path) -> float:
    start = time.perf_counter()
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line.rstrip("\n").split("\t")
            n += 1
    return n / (time.perf_counter() - start)


def import_rate(path: Path, url: str, rows: int) -> float:
    command = [sys.executable, "-c", "from brinkwatch.cli import main; main()", "import", str(path)]
    start = time.perf_counter()
    done = subprocess.run([*command, "--format", "cameo", "--db", url], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"import into {url} failed: {done.stderr[-2000:]}")
    return rows / elapsed


def escalation_times(url: str) -> tuple[float, float, str, int]:
    """(median escalation s, median columnar read s, dyad, events of the dyad) for the largest dyad."""
    from brinkwatch.analysis.escalation import escalation
    from brinkwatch.store import Store

    with Store.open(url) as store:
        with store.engine.connect() as conn:
            import sqlalchemy as sa

            row = conn.execute(
                sa.text(
                    "SELECT s.actor_id, t.actor_id, count(*) AS n FROM event_actors s "
                    "JOIN event_actors t ON s.event_id = t.event_id AND s.role = 'source' "
                    "AND t.role = 'target' GROUP BY s.actor_id, t.actor_id ORDER BY n DESC LIMIT 1"
                )
            ).one()
        a, b = str(row[0]), str(row[1])
        runs, reads = [], []
        for _ in range(5):
            start = time.perf_counter()
            store.event_rows(source=a, target=b)
            store.event_rows(source=b, target=a)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            escalation(store, a, b, by="month")
            runs.append(time.perf_counter() - start)
        count = len(store.event_rows(source=a, target=b).ids) + len(store.event_rows(source=b, target=a).ids)
    return statistics.median(runs), statistics.median(reads), f"{a} - {b}", count


def fresh_pg(server: str) -> str:
    import sqlalchemy as sa

    name = f"bw_scale_{os.getpid()}"
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{server}/{name}"


def drop_pg(server: str, url: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--work", default=None, help="folder for the generated file and the SQLite store")
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="bw-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    table = work / f"gdelt_shaped_{args.rows}_{args.seed}.tsv"
    if not table.exists():
        start = time.perf_counter()
        generate(table, args.rows, args.seed)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - start:.1f} s: {table}")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    floor = split_rate(table)
    print(f"baseline, read and split the file: {floor:,.0f} rows/s")
    targets = []
    if not args.skip_sqlite:
        db = work / "scale.db"
        db.unlink(missing_ok=True)
        targets.append(("SQLite", f"sqlite:///{db}", 100_000))
    pg_url = None
    if not args.skip_pg:
        pg_url = fresh_pg(args.pg)
        targets.append(("PostgreSQL", pg_url, 150_000))
    try:
        for name, url, goal in targets:
            rate = import_rate(table, url, args.rows)
            ratio = rate / floor
            print(f"{name}: import {rate:,.0f} rows/s end to end ({ratio:.3f} x split; target {goal:,})")
            run, read, dyad, n = escalation_times(url)
            print(
                f"{name}: escalation by month of {dyad} ({n:,} events): {run:.3f} s median of 5; "
                f"columnar read of its events {read:.3f} s ({run / read:.1f} x the read)"
            )
    finally:
        if pg_url is not None:
            drop_pg(args.pg, pg_url)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
