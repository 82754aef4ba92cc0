"""Extraction speed and memory: the full pipeline beside the bare spaCy model, same texts, same run.

    python benchmarks/extract_bench.py [TEXT_FILE ...] [--docs N] [--stream N] [--rounds N] [--model NAME]

Texts: the given files (e.g. shared/seed/*.txt), else a built-in paragraph,
cut into paragraph-sized documents and repeated to ``--docs`` documents.
Prints words per second of (1) the bare base model's ``nlp.pipe``, (2) the
full extractor (pipeline and record assembly) in one process and their ratio,
(3) the extractor with two processes and its speed-up over one, and (4) the
resident memory while ``--stream`` small documents flow through
``extract_many``, every tenth of the way: flat means no leak.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

BUILT_IN = (
    "On March 3, 2019, the Popular Mobilization Forces said US aircraft had struck a depot near Qaim. "
    "Kataib Hezbollah, an Iran-backed militia led by Abu Mahdi al-Muhandis, accused Washington. "
    "The next day Iraq's prime minister met the US ambassador in Baghdad and demanded an investigation."
)


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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--stream", type=int, default=10_000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    import spacy

    from brinkwatch import config
    from brinkwatch.nlp import Extractor, Meta

    texts = documents(args.files, args.docs)
    n_words = words(texts)
    items = [(t, Meta(f"d{i}")) for i, t in enumerate(texts)]
    print(f"{len(texts)} documents, {n_words} words; model {config.spacy_model(args.model)}")

    bare = spacy.load(config.spacy_model(args.model))
    extractor = Extractor(args.model)
    list(bare.pipe(texts[:20]))  # warm both up
    list(extractor.extract_many(items[:20]))

    # alternate the two, best of --rounds each: the machine may be shared and noisy
    bare_best = full_best = float("inf")
    for _round in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        bare_best = min(bare_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _records in extractor.extract_many(items, batch_size=32):
            pass
        full_best = min(full_best, time.perf_counter() - t0)
    bare_wps, full_wps = n_words / bare_best, n_words / full_best
    print(f"bare spaCy nlp.pipe:        {bare_wps:8.0f} words/s")
    print(f"brinkwatch, 1 process:      {full_wps:8.0f} words/s   ratio to bare {full_wps / bare_wps:.2f}")

    t0 = time.perf_counter()
    for _records in extractor.extract_many(items, n_process=2, batch_size=32):
        pass
    two_wps = n_words / (time.perf_counter() - t0)
    print(f"brinkwatch, 2 processes:    {two_wps:8.0f} words/s   speed-up {two_wps / full_wps:.2f}x")

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
    return 0


if __name__ == "__main__":
    sys.exit(main())
