"""Scoring extracted records against a gold file: precision, recall and F1 for actors, relations and events.

The gold file (YAML) lists what a careful analyst takes from one document:
actors by every name that counts for them, relations and events by type,
source, target and date, some marked optional (a system may report them
without penalty). Matching follows the project's evaluation rules:

- an extracted actor is a gold actor when its name or an alias equals one of
  the gold names after folding (case, accents, apostrophes, hyphens and
  other punctuation, a leading "the"); a second extracted actor for the same
  gold actor is a missed merge and counts as a false positive;
- a relation matches on type (one of the gold types), source and target (either
  way round for symmetric types) and, when both give ``valid_from``, dates
  that overlap;
- an event matches on type, one source and one target among the gold ones (an
  empty gold list accepts anything) and, when the gold gives a date, an
  extracted date span that overlaps it;
- each gold fact takes at most one extracted record, as many as possible
  (maximum bipartite matching), required facts before optional ones.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from brinkwatch import dates
from brinkwatch.records import SYMMETRIC_RELATIONS

_DROP = re.compile(r"['`\u2018\u2019]")
_SPACE_OUT = re.compile(r"[-_./,()\"\u201c\u201d]")


class EvaluationError(ValueError):
    """A gold or prediction file that cannot be read, named with file, entry and problem."""


def fold(name: str) -> str:
    """The folding under which two names count as the same name."""
    text = "".join(c for c in unicodedata.normalize("NFKD", str(name)) if not unicodedata.combining(c))
    text = _SPACE_OUT.sub(" ", _DROP.sub("", text.lower()))
    text = " ".join(text.split())
    return text[4:] if text.startswith("the ") else text


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _span(start: Any, end: Any = None) -> tuple[date, date] | None:
    """The days a partial date (optionally with an end) covers; None for no or an unreadable date."""
    if start in (None, ""):
        return None
    try:
        return dates.span(str(start), str(end) if end not in (None, "") else None)
    except dates.DateError:
        return None


@dataclass
class GoldActor:
    names: set[str]
    canonical: str
    optional: bool


@dataclass
class GoldFact:
    """A gold relation or event: allowed types, gold actor indexes at each end, its date span."""

    types: set[str]
    sources: set[int]
    targets: set[int]
    when: tuple[date, date] | None
    optional: bool
    raw: dict[str, Any]


@dataclass
class Gold:
    document: str | None
    actors: list[GoldActor]
    by_name: dict[str, int]
    relations: list[GoldFact]
    events: list[GoldFact]


@dataclass
class Predictions:
    actors: dict[str, dict[str, Any]]
    relations: list[dict[str, Any]]
    events: list[dict[str, Any]]


def load_gold(path: str | Path) -> Gold:
    """Read a gold file; an entry that names an unlisted actor or lacks a field raises EvaluationError."""
    where = str(path)
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except OSError as exc:
        raise EvaluationError(f"{where}: cannot open: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise EvaluationError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise EvaluationError(f"{where}: expected a mapping with actors, relations and events")
    actors: list[GoldActor] = []
    by_name: dict[str, int] = {}
    for n, entry in enumerate(data.get("actors") or []):
        names = [str(x) for x in _listed(entry.get("names") if isinstance(entry, dict) else None)]
        if not names:
            raise EvaluationError(f"{where}: actors[{n}]: expected 'names' with at least one name")
        actors.append(GoldActor({fold(x) for x in names}, names[0], bool(entry.get("optional"))))
        for x in names:
            by_name.setdefault(fold(x), len(actors) - 1)

    def refs(section: str, n: int, value: Any) -> set[int]:
        out: set[int] = set()
        for name in _listed(value):
            key = fold(name)
            if key not in by_name:
                raise EvaluationError(f"{where}: {section}[{n}]: {name!r} is not listed under actors")
            out.add(by_name[key])
        return out

    def facts(section: str, date_keys: tuple[str, str | None]) -> list[GoldFact]:
        out: list[GoldFact] = []
        for n, raw in enumerate(data.get(section) or []):
            if not isinstance(raw, dict) or "type" not in raw:
                raise EvaluationError(f"{where}: {section}[{n}]: expected a mapping with 'type'")
            end_key = date_keys[1]
            out.append(
                GoldFact(
                    types={str(t) for t in _listed(raw["type"])},
                    sources=refs(section, n, raw.get("source")),
                    targets=refs(section, n, raw.get("target")),
                    when=_span(raw.get(date_keys[0]), raw.get(end_key) if end_key else None),
                    optional=bool(raw.get("optional")),
                    raw=raw,
                )
            )
        return out

    return Gold(
        document=data.get("document"),
        actors=actors,
        by_name=by_name,
        relations=facts("relations", ("valid_from", None)),
        events=facts("events", ("date", "date_end")),
    )


def load_predictions(path: str | Path) -> Predictions:
    """Read extracted records (JSONL); other kinds than actor, relation and event are ignored."""
    actors: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    try:
        fh = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot open: {exc.strerror}") from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvaluationError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
            kind = rec.get("kind") if isinstance(rec, dict) else None
            if kind == "actor":
                actors[str(rec.get("id"))] = rec
            elif kind == "relation":
                relations.append(rec)
            elif kind == "event":
                events.append(rec)
    return Predictions(actors, relations, events)


def _max_matching(gold_ids: Iterable[int], candidates: dict[int, list[int]], owner: dict[int, int]) -> None:
    """Kuhn's augmenting paths: each gold fact gets its own prediction where possible (pred -> gold)."""

    def augment(g: int, visited: set[int]) -> bool:
        for p in candidates.get(g, ()):
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or augment(owner[p], visited):
                owner[p] = g
                return True
        return False

    for g in gold_ids:
        augment(g, set())


@dataclass
class Figures:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else (1.0 if self.gold == 0 else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


@dataclass
class Result:
    """Scores per kind, with what was missed and what was extra for ``--show``."""

    document: str | None
    actors: Figures
    relations: Figures
    events: Figures
    missed: dict[str, list[Any]] = field(default_factory=dict)
    extra: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def mean_f1(self) -> float:
        return (self.actors.f1 + self.relations.f1 + self.events.f1) / 3

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "actors": self.actors.to_dict(),
            "relations": self.relations.to_dict(),
            "events": self.events.to_dict(),
            "missed": self.missed,
            "extra": self.extra,
            "mean_f1": self.mean_f1,
        }

    def show_lines(self) -> list[str]:
        lines: list[str] = []
        for kind in ("actors", "relations", "events"):
            lines.append(f"missed {kind}:")
            lines += [f"    {m}" for m in self.missed.get(kind, [])]
        for kind in ("actors", "duplicate_actors", "relations", "events"):
            lines.append(f"extra {kind}:")
            lines += [f"    {m}" for m in self.extra.get(kind, [])]
        return lines

    def summary_lines(self) -> list[str]:
        lines = [
            f"{name:9s} P={f.precision:.2f} R={f.recall:.2f} F1={f.f1:.2f} "
            f"(tp {f.tp}, predicted {f.predicted}, gold {f.gold})"
            for name, f in (("actors", self.actors), ("relations", self.relations), ("events", self.events))
        ]
        lines.append(
            f"F1 actors={self.actors.f1:.3f} relations={self.relations.f1:.3f} "
            f"events={self.events.f1:.3f} mean={self.mean_f1:.3f}"
        )
        return lines


def _pair(
    golds: Sequence[GoldFact],
    preds: Sequence[dict[str, Any]],
    fits: Callable[[GoldFact, dict[str, Any]], bool],
) -> tuple[Figures, list[Any], list[dict[str, Any]]]:
    candidates = {g: [p for p, pred in enumerate(preds) if fits(gold, pred)] for g, gold in enumerate(golds)}
    required = [g for g, gold in enumerate(golds) if not gold.optional]
    optional = [g for g, gold in enumerate(golds) if gold.optional]
    owner: dict[int, int] = {}
    _max_matching(required, candidates, owner)
    taken = set(owner)
    optional_owner: dict[int, int] = {}
    _max_matching(
        optional, {g: [p for p in candidates[g] if p not in taken] for g in optional}, optional_owner
    )
    matched_gold = set(owner.values())
    used = taken | set(optional_owner)
    missed = [golds[g].raw for g in required if g not in matched_gold]
    extra = [pred for p, pred in enumerate(preds) if p not in used]
    return Figures(len(owner), len(preds) - len(optional_owner), len(required)), missed, extra


def score(gold: Gold, predicted: Predictions) -> Result:
    """Compare predictions with the gold facts of one document."""
    gold_of: dict[str, int] = {}
    for actor_id, rec in predicted.actors.items():
        for form in [rec.get("name", ""), *_listed(rec.get("aliases"))]:
            index = gold.by_name.get(fold(form))
            if index is not None:
                gold_of[actor_id] = index
                break
    seen: set[int] = set()
    extra_actors: list[str] = []
    duplicates: list[str] = []
    for actor_id, rec in predicted.actors.items():
        index = gold_of.get(actor_id)
        if index is None:
            extra_actors.append(rec.get("name", actor_id))
        elif index in seen:
            duplicates.append(rec.get("name", actor_id))
        else:
            seen.add(index)
    required = [i for i, a in enumerate(gold.actors) if not a.optional]
    optional_hits = sum(1 for i in seen if gold.actors[i].optional)
    actor_figures = Figures(
        sum(1 for i in required if i in seen), len(predicted.actors) - optional_hits, len(required)
    )

    def ends(pred: dict[str, Any], key: str) -> set[int | None]:
        return {gold_of.get(x) for x in _listed(pred.get(key))}

    def relation_fits(g: GoldFact, pred: dict[str, Any]) -> bool:
        if pred.get("type") not in g.types:
            return False
        s, t = gold_of.get(pred.get("source", "")), gold_of.get(pred.get("target", ""))
        ok = s in g.sources and t in g.targets
        if not ok and pred.get("type") in SYMMETRIC_RELATIONS:
            ok = t in g.sources and s in g.targets
        when = _span(pred.get("valid_from"))
        return ok and (g.when is None or when is None or dates.overlaps(g.when, when))

    def event_fits(g: GoldFact, pred: dict[str, Any]) -> bool:
        if pred.get("type") not in g.types:
            return False
        if g.sources and not ends(pred, "source") & g.sources:
            return False
        if g.targets and not ends(pred, "target") & g.targets:
            return False
        if g.when is not None:
            when = _span(pred.get("date"), pred.get("date_end"))
            return when is not None and dates.overlaps(g.when, when)
        return True

    rel_figures, missed_rel, extra_rel = _pair(gold.relations, predicted.relations, relation_fits)
    evt_figures, missed_evt, extra_evt = _pair(gold.events, predicted.events, event_fits)
    return Result(
        document=gold.document,
        actors=actor_figures,
        relations=rel_figures,
        events=evt_figures,
        missed={
            "actors": [gold.actors[i].canonical for i in required if i not in seen],
            "relations": missed_rel,
            "events": missed_evt,
        },
        extra={
            "actors": extra_actors,
            "duplicate_actors": duplicates,
            "relations": [
                {k: r.get(k) for k in ("type", "source", "target", "valid_from")} for r in extra_rel
            ],
            "events": [{k: e.get(k) for k in ("type", "source", "target", "date")} for e in extra_evt],
        },
    )
