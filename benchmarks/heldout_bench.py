"""Extraction scored on a blind held-out set: documents the extraction rules were never tuned on.

    python benchmarks/heldout_bench.py [--dir benchmarks/heldout] [--group KEY] [--show NAME] [--save DIR]

The development gold (``../shared/eval/dev``) is a single article whose scores
are near perfect, so it cannot tell a rule that generalises from one that only
fits that article. ``benchmarks/heldout/`` holds documents in other styles and on
other conflicts, each ``NAME.txt`` with a ``NAME.gold.yaml`` written before the
extractor was ever run on it (see the folder's README.md).

For each document the extractor runs exactly as ``brinkwatch extract FILE
--published DATE --format jsonl`` does: the CLI's own input function (document
reader, ``--published`` check), the same ``Extractor`` built once for the whole
set, the same ``extract_many`` call, the records serialised with ``to_json`` and
read back; ``DATE`` is the gold file's ``published``. So what is scored is what
a user gets, never internal state. The records are scored with
``brinkwatch.evaluation`` (the rules of ``shared/eval/score.py``).

Prints one line per document (precision, recall and F1 of actors, relations and
events, and the mean F1), then the micro-averaged figures over the set (true
positives, predictions and gold facts summed before dividing, so long documents
weigh more) and the macro mean (the average of the documents' mean F1).
``--group KEY`` adds the same summary for each value of a column of the folder's
``documents.csv`` (``set``, ``register``, ``conflict``, ``group``).
``--show NAME`` lists what one document missed and what was extra; ``--save DIR``
writes each document's JSON Lines so they can be scored with ``score.py`` too.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_DIR = HERE / "heldout"
KINDS = ("actors", "relations", "events")


class BenchError(ValueError):
    """A held-out document without a usable gold file, named with the file and the problem."""


@dataclass
class Case:
    """One held-out document: its text file, its gold file and the publication date the gold gives."""

    name: str
    text: Path
    gold: Path
    published: str | None
    meta: dict[str, str]


def read_index(folder: Path) -> dict[str, dict[str, str]]:
    """``documents.csv`` of the folder by file name (register, conflict, group...); empty if there is none."""
    path = folder / "documents.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    index: dict[str, dict[str, str]] = {}
    for line, row in enumerate(rows, start=2):
        name = (row.get("file") or "").strip()
        if not name:
            raise BenchError(f"{path}:{line}: column 'file' is empty")
        index[name] = {k: (v or "").strip() for k, v in row.items() if k}
    return index


def find_cases(folder: Path) -> list[Case]:
    """Every ``*.txt`` in ``folder`` with its gold file; a missing or unreadable gold file is an error."""
    index = read_index(folder)
    cases: list[Case] = []
    for text in sorted(folder.glob("*.txt")):
        gold = text.with_name(text.stem + ".gold.yaml")
        if not gold.exists():
            raise BenchError(f"{text}: no gold file {gold.name} beside it")
        try:
            data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise BenchError(f"{gold}: not valid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise BenchError(f"{gold}: expected a mapping with document, published, actors, ...")
        if data.get("document") not in (None, text.name):
            raise BenchError(f"{gold}: field 'document' is {data.get('document')!r}, expected {text.name!r}")
        published = data.get("published")
        cases.append(Case(text.stem, text, gold, None if published is None else str(published),
                          index.get(text.name, {})))
    if not cases:
        raise BenchError(f"{folder}: no *.txt documents")
    return cases


def extract_jsonl(extractor: Any, case: Case) -> list[dict[str, Any]]:
    """The records ``brinkwatch extract FILE --published DATE --format jsonl`` prints, parsed back.

    The inputs come from the CLI's own ``_inputs`` (document reader and date
    check), so a change there shows here too.
    """
    from brinkwatch import dates
    from brinkwatch.cli.extract_commands import _inputs
    from brinkwatch.records import to_json

    try:
        published = dates.check(case.published) if case.published else None
    except dates.DateError as exc:
        raise BenchError(f"{case.gold}: field 'published': {exc}") from None
    items = list(_inputs([str(case.text)], published))
    if not items:
        raise BenchError(f"{case.text}: the document reader returned nothing")
    lines = [to_json(rec) for records in extractor.extract_many(items, n_process=1) for rec in records]
    return [json.loads(line) for line in lines]


def predictions(records: list[dict[str, Any]]) -> Any:
    """Records sorted by kind the way ``evaluation.load_predictions`` reads a JSONL file."""
    from brinkwatch.evaluation import Predictions

    out = Predictions({}, [], [])
    for rec in records:
        kind = rec.get("kind")
        if kind == "actor":
            out.actors[str(rec.get("id"))] = rec
        elif kind == "relation":
            out.relations.append(rec)
        elif kind == "event":
            out.events.append(rec)
    return out


def micro(results: list[Any]) -> dict[str, Any]:
    """Figures per kind with true positives, predictions and gold facts summed over the documents."""
    from brinkwatch.evaluation import Figures

    return {
        kind: Figures(
            sum(getattr(r, kind).tp for r in results),
            sum(getattr(r, kind).predicted for r in results),
            sum(getattr(r, kind).gold for r in results),
        )
        for kind in KINDS
    }


def _pr(f: Any) -> str:
    return f"{f.precision:5.2f} {f.recall:5.2f} {f.f1:5.2f}"


def summary(label: str, results: list[Any]) -> list[str]:
    """Micro P/R/F1 per kind, their mean, and the macro mean of the documents' mean F1."""
    totals = micro(results)
    mean = sum(totals[k].f1 for k in KINDS) / 3
    macro = sum(r.mean_f1 for r in results) / len(results)
    lines = [f"{label} ({len(results)} documents)"]
    for kind in KINDS:
        f = totals[kind]
        lines.append(f"  {kind:9s} P={f.precision:.3f} R={f.recall:.3f} F1={f.f1:.3f} "
                     f"(tp {f.tp}, predicted {f.predicted}, gold {f.gold})")
    lines.append(f"  F1 actors={totals['actors'].f1:.3f} relations={totals['relations'].f1:.3f} "
                 f"events={totals['events'].f1:.3f} mean={mean:.3f} (macro mean of documents {macro:.3f})")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", default=str(DEFAULT_DIR), help="folder of NAME.txt and NAME.gold.yaml")
    ap.add_argument("--group", metavar="KEY", action="append", default=[],
                    help="also summarise per value of a documents.csv column: set, register, conflict, group")
    ap.add_argument("--show", metavar="NAME", help="list the missed and extra facts of one document")
    ap.add_argument("--save", metavar="DIR", help="write each document's extracted JSON Lines here")
    args = ap.parse_args(argv)

    from brinkwatch.evaluation import EvaluationError, load_gold, score
    from brinkwatch.nlp import Extractor

    try:
        cases = find_cases(Path(args.dir))
    except BenchError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.show and args.show.removesuffix(".txt") not in {c.name for c in cases}:
        print(f"--show {args.show}: no such document in {args.dir}", file=sys.stderr)
        return 2
    for key in args.group:
        missing = [c.text.name for c in cases if key not in c.meta]
        if missing:
            print(f"--group {key}: {Path(args.dir) / 'documents.csv'} has no column {key!r} "
                  f"for {', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}", file=sys.stderr)
            return 2
    save = Path(args.save) if args.save else None
    if save:
        save.mkdir(parents=True, exist_ok=True)

    extractor = Extractor()
    started = time.perf_counter()
    results: dict[str, Any] = {}
    print(f"{'':22s} {'actors P R F1':>17s} {'relations P R F1':>17s} {'events P R F1':>17s} {'mean':>5s}")
    for case in cases:
        try:
            gold = load_gold(case.gold)
            records = extract_jsonl(extractor, case)
        except (EvaluationError, BenchError) as exc:
            print(exc, file=sys.stderr)
            return 2
        if save:
            with open(save / f"{case.name}.jsonl", "w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(rec, ensure_ascii=False) + "\n" for rec in records)
        result = score(gold, predictions(records))
        results[case.name] = result
        print(f"{case.name:22s} {_pr(result.actors):>17s} {_pr(result.relations):>17s} "
              f"{_pr(result.events):>17s} {result.mean_f1:5.2f}")
    elapsed = time.perf_counter() - started

    print()
    for line in summary(f"micro-averaged over the set, {elapsed:.1f} s", list(results.values())):
        print(line)
    for key in args.group:
        values: dict[str, list[Any]] = {}
        for case in cases:
            values.setdefault(case.meta[key], []).append(results[case.name])
        print(f"\nby {key}:")
        for value, group in sorted(values.items()):
            for line in summary(f"{key} = {value}", group):
                print(line)

    if args.show:
        print(f"\n{args.show}:")
        for line in results[args.show.removesuffix(".txt")].show_lines():
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
