"""Extraction on Ray beside the plain one-process path: same texts, same run.

    python benchmarks/ray_bench.py [TEXT_FILE ...] [--docs N] [--rounds N] [--address ADDR]

Prints words per second of (1) the plain path, ``Extractor.extract_many`` in
this process, (2) one Ray worker and (3) two Ray workers, each fed the same
documents through the code that ``brinkwatch ingest --engine ray`` uses
(:class:`brinkwatch.scale.ray_ingest.ExtractionWorker` actors fed batches of
documents, results back to the driver), and the ratios the scale-out issue
asks for: one Ray worker against the plain path (target >= 0.9) and two
workers against one (target >= 1.6 on two free CPUs). Runs are interleaved
round by round and reported as median and range; workers are started and
their pipelines loaded before the clock starts, as they are once per run in
a real ingest. The store is left out: this measures extraction, the part Ray
spreads; writes stay with the driver.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_bench import documents, machine, words


def _batches(texts: list[str], size: int) -> list[list[tuple[str, dict[str, Any]]]]:
    items = [(t, {"doc_id": f"d{n}", "published": None}) for n, t in enumerate(texts)]
    return [items[i : i + size] for i in range(0, len(items), size)]


def run_plain(extractor: Any, texts: list[str]) -> float:
    start = time.perf_counter()
    for _ in extractor.extract_many((t, {"doc_id": f"d{n}"}) for n, t in enumerate(texts)):
        pass
    return time.perf_counter() - start


def run_ray(pool_actors: list[Any], texts: list[str], batch: int) -> float:
    from ray.util import ActorPool

    pool = ActorPool(pool_actors)
    start = time.perf_counter()
    for _ in pool.map_unordered(lambda a, v: a.extract.remote(v), _batches(texts, batch)):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("texts", nargs="*")
    parser.add_argument("--docs", type=int, default=240)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=8, help="documents per call to a worker")
    parser.add_argument("--address", default=None)
    args = parser.parse_args()

    import ray

    from brinkwatch.nlp import Extractor
    from brinkwatch.scale.ray_ingest import ExtractionWorker

    texts = documents(args.texts, args.docs)
    n_words = words(texts)
    machine("start")
    print(f"{len(texts)} documents, {n_words:,} words, {args.rounds} rounds, batches of {args.batch}")
    if args.address:
        ray.init(address=args.address, log_to_driver=False)
    else:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    remote = ray.remote(num_cpus=1)(ExtractionWorker)
    workers = [remote.remote(None) for _ in range(2)]  # type: ignore[attr-defined]
    ray.get([w.pid.remote() for w in workers])  # pipelines loaded before timing
    warm = _batches(texts[:8], 8)[0]
    ray.get([w.extract.remote(warm) for w in workers])
    extractor = Extractor()
    list(extractor.extract_many((t, {"doc_id": "w"}) for t in texts[:8]))

    plain, one, two = [], [], []
    for r in range(args.rounds):
        plain.append(n_words / run_plain(extractor, texts))
        one.append(n_words / run_ray(workers[:1], texts, args.batch))
        two.append(n_words / run_ray(workers, texts, args.batch))
        print(f"round {r + 1}: plain {plain[-1]:,.0f}  ray x1 {one[-1]:,.0f}  ray x2 {two[-1]:,.0f} words/s")

    def summary(values: list[float]) -> str:
        return f"{statistics.median(values):,.0f} words/s (range {min(values):,.0f}-{max(values):,.0f})"

    print(f"plain one-process path: {summary(plain)}")
    print(f"one Ray worker:         {summary(one)}")
    print(f"two Ray workers:        {summary(two)}")
    ratios_one = [o / p for o, p in zip(one, plain, strict=True)]
    ratios_two = [t / o for t, o in zip(two, one, strict=True)]
    print(
        f"one Ray worker / plain: {statistics.median(ratios_one):.2f} "
        f"(range {min(ratios_one):.2f}-{max(ratios_one):.2f}; target >= 0.9)"
    )
    print(
        f"two Ray workers / one:  {statistics.median(ratios_two):.2f} "
        f"(range {min(ratios_two):.2f}-{max(ratios_two):.2f}; target >= 1.6)"
    )
    machine("end")
    ray.shutdown()


if __name__ == "__main__":
    main()
