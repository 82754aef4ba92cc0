"""Import speed: rows/s parsing a CAMEO table to records, and end to end into a fresh SQLite store.

Usage: ``python benchmarks/import_bench.py [--data DIR] [--repeat N] [--clock wall|cpu]``. DIR (default
``../shared/data`` relative to the repository) holds
``keds_gulf_cameo.tsv`` (and optionally ``ucdp_ged_iraq.csv``); without it the
script says so and exits 0. Figures are printed with ratios against baselines
measured in the same run on the same file, so they compare across machines:

- ``split``: reading the file and splitting each line, the floor any parser pays;
- ``validated``: building the same events through pydantic validation, the cost
  the importer's trusted construction avoids.

A GDELT 2.0 file of 50,000 rows is generated (fixed seed) and parsed too.

Targets: parsing >= 300,000 rows/s; end to end (parse + store) >= 100,000 rows/s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from brinkwatch.ingest import cameo_table, gdelt, ucdp_ged
from brinkwatch.knowledge import load_gazetteer
from brinkwatch.records import Event

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
"""``../shared/data`` beside the repository, wherever it is checked out."""


CLOCK: list[Callable[[], float]] = [time.perf_counter]
"""The clock in-process figures use: wall time, or (``--clock cpu``) this process's CPU time,
which a machine shared with other work disturbs far less."""


def _best(run: Callable[[], int], repeat: int) -> tuple[float, int]:
    """(median seconds, rows) over ``repeat`` runs."""
    times, rows = [], 0
    for _ in range(repeat):
        start = CLOCK[0]()
        rows = run()
        times.append(CLOCK[0]() - start)
    return statistics.median(times), rows


def _split(path: Path) -> int:
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line.rstrip("\r\n").split("\t")
            n += 1
    return n - 1


def _parse(path: Path) -> int:
    stream = cameo_table.read(path)
    for _ in stream:
        pass
    return stream.stats.rows


def _parse_skipping(path: Path) -> int:
    """The same parse with ``skip_bad_rows`` (the row-level recovery path)."""
    stream = cameo_table.read(path, skip_bad_rows=True)
    for _ in stream:
        pass
    return stream.stats.rows


def _validated(path: Path) -> int:
    """The same events, each rebuilt through pydantic validation (the baseline the fast path avoids)."""
    stream = cameo_table.read(path)
    for record in stream:
        if isinstance(record, Event):
            Event.model_validate(record.__dict__)
    return stream.stats.rows


def _store(path: Path) -> int:
    from brinkwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/bench.db") as store:
        stream = cameo_table.read(path)
        store.add_records(stream)
        return stream.stats.rows


def _cli(path: Path) -> int | None:
    """`brinkwatch import --format cameo` in a subprocess, if the command exists; None otherwise."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            sys.executable,
            "-c",
            "from brinkwatch.cli import main; main()",
            "import",
            "--format",
            "cameo",
            str(path),
            "--db",
            f"{tmp}/cli.db",
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"  (CLI import not measured: exit {done.returncode}: {done.stderr.strip()[-200:]})")
            return None
    return 1


def _gdelt_rows(n: int) -> str:
    """``n`` GDELT 2.0 rows (61 columns) drawn with a fixed seed from a few codes, names and places."""
    rng = random.Random(12)
    codes = ["USA", "IRN", "IRQ", "USAGOV", "IRNMIL", "GOV", "MIL", "BUS", "MNCUSA", "CVL", "SYRREB", "XYZ"]
    names = ["UNITED STATES", "IRAN", "IRAQ", "TEHRAN", "MINISTRY", "PRESIDENT", "COMPANY", "POLICE"]
    places = ["Baghdad, Baghdad, Iraq", "Tehran, Tehran, Iran", "Iraq", "Damascus, Dimashq, Syria"]
    lines = []
    for i in range(n):
        cells = [""] * 61
        cells[0], cells[1] = str(10_000_000 + i), f"2020{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        cells[5], cells[6], cells[7] = rng.choice(codes), rng.choice(names), rng.choice(["", "IRN", "USA"])
        cells[15], cells[16] = rng.choice(codes), rng.choice(names)
        cells[26], cells[29], cells[30] = rng.choice(["042", "043", "190", "173", "112", "036"]), "1", "1.9"
        cells[51], cells[52], cells[56], cells[57] = "4", rng.choice(places), "33.3", "44.4"
        cells[60] = f"https://news.example.org/{i}"
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _gdelt(repeat: int) -> None:
    """GDELT 2.0 parse speed on a generated file (no real GDELT file is kept), against splitting it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "20200101.export.CSV"
        path.write_text(_gdelt_rows(50_000), encoding="utf-8")

        def parse() -> int:
            stream = gdelt.read(path)
            for _ in stream:
                pass
            return stream.stats.rows

        split_s, n = _best(lambda: _split(path) + 1, repeat)
        parse_s, _ = _best(parse, repeat)
        print(
            f"GDELT 2.0, {n} generated rows: parse to records {n / parse_s:,.0f} rows/s "
            f"({split_s / parse_s:.3f} x split)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall")
    args = parser.parse_args()
    if args.clock == "cpu":
        CLOCK[0] = time.process_time
    table = args.data / "keds_gulf_cameo.tsv"
    if not table.exists():
        print(f"skipped: {table} not found (give --data DIR)")
        return
    load_gazetteer()  # loaded once per process by every importer; not part of a row's cost
    split_s, rows = _best(lambda: _split(table), args.repeat)
    parse_s, _ = _best(lambda: _parse(table), args.repeat)
    skip_s, _ = _best(lambda: _parse_skipping(table), args.repeat)
    valid_s, _ = _best(lambda: _validated(table), args.repeat)
    print(f"{table.name}: {rows} rows (code set {cameo_table.detect_codeset(table, str(table))})")
    print(f"  split only          {rows / split_s:12,.0f} rows/s")
    print(f"  parse to records    {rows / parse_s:12,.0f} rows/s   ({split_s / parse_s:.2f} x split)")
    print(f"  --skip-bad-rows     {rows / skip_s:12,.0f} rows/s   ({parse_s / skip_s:.2f} x parse)")
    print(
        f"  + pydantic validate {rows / valid_s:12,.0f} rows/s   (parse is {valid_s / parse_s:.2f} x faster)"
    )
    store_s, _ = _best(lambda: _store(table), args.repeat)
    print(
        f"  end to end, SQLite  {rows / store_s:12,.0f} rows/s   ({parse_s / store_s:.2f} x parse; "
        "includes schema creation)"
    )
    start = time.perf_counter()
    if _cli(table) is not None:
        cli_s = time.perf_counter() - start
        print(f"  CLI import          {rows / cli_s:12,.0f} rows/s   (includes interpreter start-up)")
    _gdelt(args.repeat)
    ged = args.data / "ucdp_ged_iraq.csv"
    if ged.exists():

        def ged_rows() -> int:
            stream = ucdp_ged.read(ged)
            for _ in stream:
                pass
            return stream.stats.rows

        ged_s, ged_n = _best(ged_rows, args.repeat)
        print(f"{ged.name}: {ged_n} rows, parse to records {ged_n / ged_s:,.0f} rows/s")


if __name__ == "__main__":
    main()
