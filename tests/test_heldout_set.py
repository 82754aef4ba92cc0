"""The held-out set stays whole: every document has a readable gold file and a line in documents.csv.

These checks do not run the extractor (that is ``benchmarks/heldout_bench.py``);
they keep the set's own promises: at least twenty documents, at least half on
conflicts other than Iraq, at least four registers, and the bench's index
reader failing clearly on a bad line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from brinkwatch.evaluation import load_gold

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "benchmarks" / "heldout"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("heldout_bench", ROOT / "benchmarks" / "heldout_bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["heldout_bench"] = module
    spec.loader.exec_module(module)
    return module


def test_every_document_has_gold_and_an_index_line() -> None:
    bench = _bench()
    cases = bench.find_cases(FOLDER)
    assert len(cases) >= 20
    for case in cases:
        gold = load_gold(case.gold)
        assert gold.actors, case.name
        assert case.meta, f"{case.text.name} is missing from documents.csv"
        for column in ("set", "register", "conflict", "group", "published", "source", "licence"):
            assert case.meta.get(column), f"{case.text.name}: empty {column}"
        assert case.meta["published"] == case.published, case.name


def test_set_covers_other_conflicts_and_registers() -> None:
    cases = _bench().find_cases(FOLDER)
    other = [c for c in cases if c.meta["group"] == "other"]
    assert 2 * len(other) >= len(cases)
    assert len({c.meta["register"] for c in cases}) >= 4
    assert {c.meta["group"] for c in cases} == {"iraq", "other"}


def test_index_line_without_file_is_an_error(tmp_path: Path) -> None:
    bench = _bench()
    (tmp_path / "documents.csv").write_text("file,register\n,news\n", encoding="utf-8")
    with pytest.raises(bench.BenchError, match=r"documents.csv:2: column 'file' is empty"):
        bench.read_index(tmp_path)
