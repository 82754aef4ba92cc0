"""Extraction speed and memory: the full pipeline beside the bare spaCy model, same texts, same run.

    python benchmarks/extract_bench.py [TEXT_FILE ...] [--docs N] [--stream N] [--rounds N] [--model NAME]
                                       [--start-method fork|spawn|forkserver]

Texts: the given files (e.g. shared/seed/*.txt), else a built-in paragraph,
cut into paragraph-sized documents and repeated to ``--docs`` documents.
Prints words per second of (1) the bare base model's ``nlp.pipe``, (2) the
full extractor (pipeline and record assembly) in one process and their ratio,
(3) the extractor with two processes and its speed-up over one, and (4) the
resident memory while ``--stream`` small documents flow through
``extract_many``, every tenth of the way: flat means no leak.

The 2-process figure is easy to get wrong on a small shared machine, so the
script says what it rests on: bare, 1-process and 2-process runs are
interleaved round by round and reported as median and range; the load
average and CPU count are printed at start and end; worker start-up is timed
apart from the work; a check run proves two worker processes parse; and the
work the parent does alone (deserialising the workers' Docs, assembling
records) is timed, which bounds what a second process can give.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

BUILT_IN = (
    "On March 3, 2019, the Popular Mobilization Forces said US aircraft had struck a depot near Qaim. "
    "Kataib Hezbollah, an Iran-backed militia led by Abu Mahdi al-Muhandis, accused Washington. "
    "The next day Iraq's prime minister met the US ambassador in Baghdad and demanded an investigation."
)

BUSY_LOAD = 0.5
"""Load average per CPU above which other work is taking CPU time from the measurement."""


def rss_mb() -> float:
    """Resident set size of this process (Linux /proc), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def documents(paths: list[str], n: int) -> list[str]:
    texts = [Path(p).read_text(encoding="utf-8") for p in paths if Path(p).exists()] or [BUILT_IN]
    paragraphs = [p.strip() for t in texts for p in re.split(r"\n\s*\n", t) if len(p.split()) >= 20]
    return [paragraphs[i % len(paragraphs)] for i in range(n)]


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def machine(when: str) -> bool:
    """Print CPU count and load average; whether the machine looked busy."""
    cpus = os.cpu_count() or 1
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    load = os.getloadavg()
    busy = load[0] > BUSY_LOAD * usable
    print(
        f"machine at {when}: {cpus} CPUs ({usable} usable), load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1/5/15 min){'  BUSY' if busy else ''}"
    )
    return busy


def cpu_seconds() -> tuple[float, float]:
    """User+system CPU seconds of this process and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


class Run:
    """Wall and CPU time of repeated runs of one variant."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.parent_cpu: list[float] = []
        self.child_cpu: list[float] = []

    def time(self, work: Callable[[], object]) -> float:
        p0, c0 = cpu_seconds()
        t0 = time.perf_counter()
        work()
        wall = time.perf_counter() - t0
        p1, c1 = cpu_seconds()
        self.wall.append(wall)
        self.parent_cpu.append(p1 - p0)
        self.child_cpu.append(c1 - c0)
        return wall

    def wps(self, n_words: int) -> str:
        """Median words/s and the range over the rounds."""
        rates = sorted(n_words / w for w in self.wall)
        return f"{statistics.median(rates):8.0f} words/s (range {rates[0]:.0f}-{rates[-1]:.0f})"

    def cpu(self) -> str:
        return (
            f"CPU s per run: parent {statistics.median(self.parent_cpu):.2f}, "
            f"workers {statistics.median(self.child_cpu):.2f}, wall {statistics.median(self.wall):.2f}"
        )


def median_range(values: list[float]) -> str:
    v = sorted(values)
    return f"{statistics.median(v):.2f}x (range {v[0]:.2f}-{v[-1]:.2f} over {len(v)} rounds)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--stream", type=int, default=10_000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(), default=None)
    args = ap.parse_args(argv)
    if args.start_method:
        multiprocessing.set_start_method(args.start_method, force=True)

    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    from brinkwatch import config
    from brinkwatch.nlp import Extractor, Meta

    busy_start = machine("start")
    texts = documents(args.files, args.docs)
    n_words = words(texts)
    items = [(t, Meta(f"d{i}")) for i, t in enumerate(texts)]
    print(
        f"{len(texts)} documents, {n_words} words; model {config.spacy_model(args.model)}; "
        f"batch {args.batch}; start method {multiprocessing.get_start_method()}"
    )

    bare = spacy.load(config.spacy_model(args.model))
    extractor = Extractor(args.model)
    list(bare.pipe(texts[:20]))  # warm both up
    list(extractor.extract_many(items[:20]))

    def run_many(work: list[tuple[str, Any]], n_process: int, batch: int = args.batch) -> None:
        for _records in extractor.extract_many(work, n_process=n_process, batch_size=batch):
            pass

    # Do two processes really parse? A stamp component records the pid that ran it on each Doc.
    @Language.component("bench_pid_stamp")
    def stamp(doc: Doc) -> Doc:
        doc.user_data["bench_pid"] = os.getpid()
        return doc

    extractor.nlp.add_pipe("bench_pid_stamp", last=True)
    pids = [
        doc.user_data.get("bench_pid")
        for doc in extractor.nlp.pipe(texts[: 4 * 2], n_process=2, batch_size=max(1, min(args.batch, 4)))
    ]
    extractor.nlp.remove_pipe("bench_pid_stamp")
    workers = {p for p in pids if p != os.getpid()}
    print(
        f"worker check: {len(workers)} worker pids parsed {len(pids)} docs "
        f"({'OK' if len(workers) == 2 and None not in pids else 'NOT two workers'})"
    )

    # Start-up and shutdown of the two workers, timed on a run with almost no work.
    tiny = items[:2]
    startup = statistics.median(
        Run().time(lambda: run_many(tiny, 2, 1)) - Run().time(lambda: run_many(tiny, 1, 1)) for _ in range(3)
    )

    # What only the parent can do in a 2-process run: rebuild each Doc from the bytes a worker
    # sends, and assemble records. Timed on Docs parsed once here.
    parsed = list(extractor.nlp.pipe(texts, batch_size=args.batch))
    t0 = time.perf_counter()
    blobs = [d.to_bytes() for d in parsed]
    t_ser = time.perf_counter() - t0
    t0 = time.perf_counter()
    for blob in blobs:
        Doc(extractor.nlp.vocab).from_bytes(blob)
    t_deser = time.perf_counter() - t0
    t0 = time.perf_counter()
    for (text, meta), doc in zip(items, parsed, strict=True):
        extractor.assembler.records([(0, doc)], meta.doc_id, text)
    t_assemble = time.perf_counter() - t0
    del parsed, blobs

    # Interleaved rounds: bare, 1 process, 2 processes, so a burst of load hits all three alike.
    def parse_bare() -> None:
        for _doc in bare.pipe(texts, batch_size=args.batch):
            pass

    runs = {"bare": Run(), "one": Run(), "two": Run()}
    speedups: list[float] = []
    for n in range(args.rounds):
        runs["bare"].time(parse_bare)
        one = runs["one"].time(lambda: run_many(items, 1))
        two = runs["two"].time(lambda: run_many(items, 2))
        speedups.append(one / two)
        load = os.getloadavg()[0]
        print(f"  round {n + 1}: 1 process {one:6.2f} s, 2 processes {two:6.2f} s, load {load:.2f}")

    bare_wps = n_words / statistics.median(runs["bare"].wall)
    one_wall = statistics.median(runs["one"].wall)
    full_wps = n_words / one_wall
    print(f"bare spaCy nlp.pipe:        {runs['bare'].wps(n_words)}")
    print(f"brinkwatch, 1 process:      {runs['one'].wps(n_words)}   ratio to bare {full_wps / bare_wps:.2f}")
    print(f"brinkwatch, 2 processes:    {runs['two'].wps(n_words)}")
    print(f"2-process speed-up over 1:  {median_range(speedups)}")
    print(f"  1 process  {runs['one'].cpu()}")
    print(f"  2 processes {runs['two'].cpu()}")
    print(
        f"  worker start-up and shutdown: {startup:.2f} s per run "
        f"({startup / statistics.median(runs['two'].wall):.0%} of a 2-process run)"
    )
    parent_only = t_deser + t_assemble
    print(
        f"  parent-only work: Doc.from_bytes {t_deser:.2f} s + assembly {t_assemble:.2f} s "
        f"= {parent_only / one_wall:.0%} of the 1-process wall time "
        f"(Doc.to_bytes in the workers: {t_ser:.2f} s)"
    )
    # On two CPUs three processes share the work of one plus the Docs' round trip through bytes
    # (to_bytes in the workers, from_bytes in the parent); the parent's part cannot be split.
    total_cpu = one_wall + t_ser + t_deser
    bound = one_wall / (max(parent_only, total_cpu / 2) + startup)
    print(f"  best speed-up these parts allow on 2 free CPUs: about {bound:.2f}x")

    def stream() -> Iterator[tuple[str, Meta]]:
        for i in range(args.stream):
            yield BUILT_IN, Meta(f"s{i}")

    step = max(args.stream // 10, 1)
    print(f"memory while {args.stream} small documents stream through extract_many (RSS, MB):")
    readings = [rss_mb()]
    for n, _records in enumerate(extractor.extract_many(stream(), batch_size=64), 1):
        if n % step == 0:
            readings.append(rss_mb())
            print(f"  after {n:6d}: {readings[-1]:7.1f}")
    print(f"RSS growth over the stream: {readings[-1] - readings[1]:+.1f} MB after the first tenth")

    busy_end = machine("end")
    if busy_start or busy_end:
        print(
            f"WARNING: load average above {BUSY_LOAD} per CPU: other processes shared the CPUs, so the "
            "speed-up and words/s above understate a quiet machine; rerun when it is idle"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
