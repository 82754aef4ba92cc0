"""Event typing against the PLOVER gold-standard sentences (adapted from the CAMEO manual).

    python benchmarks/plover_bench.py [PATH/plover_gsr_cameo.json] [--show N]

For each hand-coded sentence the extraction pipeline runs on the sentence
alone; its main event frame gives the predicted PLOVER type, and the source is
"found" when one of the frame's source actors was named by the gold source
text. The main frame is the one on the sentence's main line (fewest adjunct
and modifier links above its trigger, so "after years of occupation" or "In
a letter handed over to X" is background), asserted before unasserted, then
the first. Prints event-type accuracy and the source rate. Older PLOVER labels
are mapped as the data's README says (DEMAND=REQUEST, DISAPPROVE=ACCUSE,
FIGHT=ASSAULT, INVESTIGATE=ACCUSE). An unasserted frame is read as PLOVER
codes it: the aim of an act ("sent observers to investigate") keeps its type,
a refusal of a cooperative act ("will not accept", "failed to agree") is
REJECT, and any other statement of intent is AGREE (cooperative) or THREATEN
(hostile). Skips politely when the data file is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from brinkwatch.ontology import Ontology

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover_gsr_cameo.json"
OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=0, help="print this many misclassified sentences")
    ap.add_argument(
        "--show-sources", type=int, default=0, help="print this many sentences whose source was missed"
    )
    args = ap.parse_args(argv)
    path = Path(args.path)
    if not path.exists():
        print(f"skipped: {path} not found (pass the path to plover_gsr_cameo.json)")
        return 0

    from brinkwatch.knowledge import normalize_name
    from brinkwatch.nlp import Extractor
    from brinkwatch.nlp.annotations import bw
    from brinkwatch.nlp.events import EventFinder
    from brinkwatch.ontology import load_ontology

    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    extractor = Extractor()
    finder = extractor.nlp.get_pipe("brinkwatch_events")
    assert isinstance(finder, EventFinder)
    ontology = load_ontology()
    started = time.perf_counter()
    correct = with_source = source_found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    misses: list[str] = []
    source_misses: list[str] = []
    for row, doc in zip(rows, extractor.nlp.pipe(r["text"] for r in rows), strict=True):
        gold = OLD_LABELS.get(row["event"], row["event"])
        frames = finder.frames(doc, asserted_only=False)
        frame = min(frames, key=lambda f: (f["embedding"], not f["asserted"], f["anchor"]), default=None)
        predicted = "NONE" if frame is None else plover_type(frame, ontology)
        correct += predicted == gold
        confusion[(gold, predicted)] += predicted != gold
        if predicted != gold:
            misses.append(f"{gold:9s} -> {predicted:9s} {row['text']}")
        sources = [s.get("actorText", "") for s in row.get("source") or [] if s.get("actorText")]
        if sources:
            with_source += 1
            actors: dict[str, Any] = bw(doc)["actors"]
            names = {
                normalize_name(n)
                for k in (frame or {}).get("source", [])
                for n in [actors.get(k, {}).get("name", k), *actors.get(k, {}).get("surfaces", [])]
            }
            wanted = {normalize_name(s) for s in sources}
            found = any(w and n and (w in n or n in w) for w in wanted for n in names)
            source_found += found
            if not found:
                source_misses.append(
                    f"{'|'.join(sources)[:24]:24s} got {'|'.join(sorted(names))[:30]:30s} {row['text']}"
                )
    elapsed = time.perf_counter() - started
    print(f"sentences: {len(rows)} ({elapsed:.1f} s)")
    print(f"event type accuracy: {correct / len(rows):.3f} ({correct}/{len(rows)})")
    print(
        f"source actor found: {source_found / max(with_source, 1):.3f} ({source_found}/{with_source} "
        "sentences with a gold source)"
    )
    print(
        "most frequent confusions (gold -> predicted):",
        ", ".join(f"{g}->{p} {n}" for (g, p), n in confusion.most_common(8) if n),
    )
    for line in misses[: args.show]:
        print("  ", line)
    for line in source_misses[: args.show_sources]:
        print("  ", line)
    return 0


def plover_type(frame: dict[str, Any], ontology: Ontology) -> str:
    """The PLOVER type of a frame, reading an unasserted one as the gold standard codes it."""
    kind: str = frame["type"]
    if frame["asserted"] or kind in ("THREATEN", "REJECT", "REQUEST") or frame.get("purpose"):
        return kind
    cooperative = ontology.event_type(kind).quad_class <= 2
    if frame.get("denied") and cooperative:
        return "REJECT"
    return "AGREE" if cooperative else "THREATEN"


if __name__ == "__main__":
    sys.exit(main())
