"""Scoring against gold files written here: folding, merges, optional facts, symmetry, dates, matching."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.evaluation import EvaluationError, fold, load_gold, load_predictions, score

GOLD = """
document: test.txt
actors:
  - names: [United States, US, Washington]
  - names: [Kata'ib Hezbollah, KH]
  - names: [Abu Ali, Ali]
  - names: [Abu Omar]
  - names: [Reuters]
    optional: true
relations:
  - {type: [supports, funds], source: United States, target: KH, valid_from: "2015"}
  - {type: kin_of, source: Abu Ali, target: Abu Omar}
  - {type: leads, source: Abu Omar, target: KH, optional: true}
events:
  - {type: ASSAULT, source: United States, target: KH, date: "2019-12"}
  - {type: ASSAULT, source: United States, target: KH, date: "2020-01"}
  - {type: ACCUSE, source: [], target: United States}
"""


def write(tmp_path: Path, gold: str, records: list[dict[str, Any]]) -> tuple[Path, Path]:
    g = tmp_path / "gold.yaml"
    g.write_text(gold, encoding="utf-8")
    p = tmp_path / "pred.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return g, p


def actor(aid: str, name: str, *aliases: str) -> dict[str, Any]:
    return {"kind": "actor", "id": aid, "name": name, "type": "state", "aliases": list(aliases)}


def test_fold_matches_spellings() -> None:
    assert fold("The Kata’ib-Hezbollah") == fold("kataib hezbollah") == "kataib hezbollah"
    assert fold("Ḥashd al-Shaabi") == "hashd al shaabi"


def test_actor_matching_duplicates_and_optional(tmp_path: Path) -> None:
    g, p = write(
        tmp_path,
        GOLD,
        [
            actor("us", "Washington"),  # matches by a gold alias
            actor("kh", "Kataib Hezbollah"),  # matches after folding the apostrophe
            actor("kh2", "Hezbollah Brigades", "KH"),  # second actor for KH: a missed merge
            actor("reuters", "Reuters"),  # optional: neither reward nor penalty
            actor("x", "Somebody Else"),  # extra
        ],
    )
    result = score(load_gold(g), load_predictions(p))
    assert (result.actors.tp, result.actors.predicted, result.actors.gold) == (2, 4, 4)
    assert result.extra["duplicate_actors"] == ["Hezbollah Brigades"]
    assert result.extra["actors"] == ["Somebody Else"]
    assert sorted(result.missed["actors"]) == ["Abu Ali", "Abu Omar"]


def test_relations_types_symmetry_dates_and_optional(tmp_path: Path) -> None:
    records = [
        actor("us", "US"),
        actor("kh", "KH"),
        actor("a", "Abu Ali"),
        actor("o", "Abu Omar"),
        {
            "kind": "relation",
            "id": "r1",
            "type": "funds",
            "source": "us",
            "target": "kh",
            "valid_from": "2016",
        },
        {"kind": "relation", "id": "r2", "type": "kin_of", "source": "o", "target": "a"},
        {"kind": "relation", "id": "r3", "type": "leads", "source": "o", "target": "kh"},
    ]
    g, p = write(tmp_path, GOLD, records)
    result = score(load_gold(g), load_predictions(p))
    # r1: dates 2016 vs 2015 do not overlap -> miss and extra; r2 matches reversed; r3 optional
    assert (result.relations.tp, result.relations.predicted, result.relations.gold) == (1, 2, 2)
    records[4]["valid_from"] = "2015-06"
    g, p = write(tmp_path, GOLD, records)
    assert score(load_gold(g), load_predictions(p)).relations.f1 == 1.0


def test_events_need_overlapping_dates_and_match_one_to_one(tmp_path: Path) -> None:
    base = [actor("us", "US"), actor("kh", "KH")]

    def event(
        eid: str,
        date: str | None,
        end: str | None = None,
        kind: str = "ASSAULT",
        source: list[str] | None = None,
        target: list[str] | None = None,
    ) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "kind": "event",
            "id": eid,
            "type": kind,
            "source": source or ["us"],
            "target": target or ["kh"],
        }
        if date:
            rec["date"] = date
        if end:
            rec["date_end"] = end
        return rec

    # one prediction spanning both months can take only one gold event; the second fits the other month
    g, p = write(
        tmp_path,
        GOLD,
        [
            *base,
            event("e1", "2019-12", "2020-01"),
            event("e2", "2020-01-03"),
            event("e3", None, kind="ACCUSE", source=["kh"], target=["us"]),
        ],
    )
    result = score(load_gold(g), load_predictions(p))
    assert (result.events.tp, result.events.predicted, result.events.gold) == (3, 3, 3)
    # an undated prediction cannot match a dated gold event
    g, p = write(tmp_path, GOLD, [*base, event("e1", None)])
    assert score(load_gold(g), load_predictions(p)).events.tp == 0


def test_summary_lines_end_with_the_three_f1_and_their_mean(tmp_path: Path) -> None:
    g, p = write(tmp_path, GOLD, [actor("us", "US")])
    lines = score(load_gold(g), load_predictions(p)).summary_lines()
    assert lines[-1].startswith("F1 actors=0.400 relations=0.000 events=0.000 mean=0.133")


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ("actors:\n  - names: []\n", "actors[0]: expected 'names'"),
        ("actors:\n  - names: [A]\nevents:\n  - {source: A}\n", "events[0]: expected a mapping with 'type'"),
        (
            "actors:\n  - names: [A]\nrelations:\n  - {type: leads, source: A, target: B}\n",
            "relations[0]: 'B' is not listed under actors",
        ),
        ("[unclosed", "not valid YAML"),
    ],
)
def test_bad_gold_files_are_named(tmp_path: Path, gold: str, message: str) -> None:
    g, _p = write(tmp_path, gold, [])
    with pytest.raises(EvaluationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_gold(g)


def test_bad_prediction_line_is_named(tmp_path: Path) -> None:
    p = tmp_path / "p.jsonl"
    p.write_text('{"kind": "actor", "id": "a", "name": "A"}\nnot json\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"p.jsonl:2: not valid JSON"):
        load_predictions(p)
