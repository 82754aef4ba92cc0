"""Structural balance and the double game in the signed graph of actors.

Cooperative ties count positive and hostile ones negative (``data/signs.yaml``).
A triad whose three net signs multiply to a negative number is unbalanced: a
friend of a friend is an enemy, or three actors are each other's enemies; such
triads are where alignments are unstable. An ambivalent dyad is the double
game itself: an actor that cooperates with a side and is hostile to the same
side, directly or through that side's proxies (attribution on the day in
question).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from brinkwatch import dates
from brinkwatch.analysis.graph import PatronGraph
from brinkwatch.analysis.signs import SignsConfig, event_sign, load_signs, relation_sign
from brinkwatch.analysis.storeapi import AnalysisStore
from brinkwatch.records import Event, Relation


@dataclass
class Dyad:
    """The cooperative and hostile evidence between two actors (unordered)."""

    actors: tuple[str, str]
    positive: float = 0.0
    negative: float = 0.0
    positive_ids: list[str] = field(default_factory=list)
    negative_ids: list[str] = field(default_factory=list)

    @property
    def sign(self) -> int:
        """+1 or -1 by the heavier side, 0 when they weigh the same."""
        return (self.positive > self.negative) - (self.negative > self.positive)

    def add(self, sign: int, weight: float, record_id: str) -> None:
        """Count one record on its side."""
        if sign > 0:
            self.positive += weight
            self.positive_ids.append(record_id)
        elif sign < 0:
            self.negative += weight
            self.negative_ids.append(record_id)

    def to_dict(self, max_ids: int) -> dict[str, Any]:
        """Weights, net sign and the records behind each side (ids capped, counts complete)."""
        return {
            "actors": list(self.actors),
            "sign": self.sign,
            "positive_weight": self.positive,
            "negative_weight": self.negative,
            "positive_records": len(self.positive_ids),
            "negative_records": len(self.negative_ids),
            "positive_ids": self.positive_ids[:max_ids],
            "negative_ids": self.negative_ids[:max_ids],
        }


def _key(u: str, v: str) -> tuple[str, str]:
    return (u, v) if u < v else (v, u)


def signed_dyads(
    relations: Iterable[Relation], events: Iterable[Event], config: SignsConfig | None = None
) -> dict[tuple[str, str], Dyad]:
    """Pure core: every pair of actors with a signed tie, and the records behind it."""
    cfg = config or load_signs()
    dyads: dict[tuple[str, str], Dyad] = {}

    def add(u: str, v: str, sign: int, weight: float, rid: str) -> None:
        if u == v or sign == 0:
            return
        k = _key(u, v)
        dyads.setdefault(k, Dyad(k)).add(sign, weight, rid)

    for rel in relations:
        add(rel.source, rel.target, relation_sign(rel, cfg), cfg.relation_weight, rel.id)
    for ev in events:
        sign = event_sign(ev, cfg)
        for s in ev.source:
            for t in ev.target:
                add(s, t, sign, 1.0, ev.id)
    return dyads


@dataclass(frozen=True)
class Triad:
    """Three actors whose net signs multiply to a negative number."""

    actors: tuple[str, str, str]
    dyads: tuple[Dyad, Dyad, Dyad]


def unbalanced_triads(dyads: dict[tuple[str, str], Dyad]) -> list[Triad]:
    """Every triangle of signed dyads with a negative product of signs."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for (u, v), d in dyads.items():
        if d.sign:
            neighbours[u].add(v)
            neighbours[v].add(u)
    found: list[Triad] = []
    for u in sorted(neighbours):
        later = sorted(n for n in neighbours[u] if n > u)
        for v, w in combinations(later, 2):
            if w not in neighbours[v]:
                continue
            ds = (dyads[_key(u, v)], dyads[_key(u, w)], dyads[_key(v, w)])
            if ds[0].sign * ds[1].sign * ds[2].sign < 0:
                found.append(Triad((u, v, w), ds))
    return found


@dataclass(frozen=True)
class Ambivalence:
    """An actor that cooperates with a side and is hostile to it (directly or to its proxies)."""

    actor: str
    side: str
    cooperative_with: tuple[str, ...]
    hostile_to: tuple[str, ...]
    positive: float
    negative: float
    dyads: tuple[Dyad, ...]

    @property
    def share(self) -> float:
        """The weaker kind of tie over the stronger: 1 is an even double game."""
        return min(self.positive, self.negative) / max(self.positive, self.negative)


def ambivalent_dyads(
    dyads: dict[tuple[str, str], Dyad], sides: dict[str, set[str]], config: SignsConfig | None = None
) -> list[Ambivalence]:
    """Actors with both kinds of tie to one side, a side being a principal and its proxies.

    ``sides`` maps each principal to its proxies on the day in question (an
    actor without proxies is a side of one). A tie with a proxy counts toward
    the side; the actor must not itself belong to the side.
    """
    cfg = config or load_signs()
    thresholds = cfg.ambivalence
    ties: dict[str, list[Dyad]] = defaultdict(list)
    for (u, v), d in dyads.items():
        ties[u].append(d)
        ties[v].append(d)
    out: list[Ambivalence] = []
    principals = set(sides) | {a for pair in dyads for a in pair}
    for principal in sorted(principals):
        members = {principal} | sides.get(principal, set())
        by_actor: dict[str, list[Dyad]] = defaultdict(list)
        for m in members:
            for d in ties.get(m, []):
                other = d.actors[0] if d.actors[1] == m else d.actors[1]
                if other not in members:
                    by_actor[other].append(d)
        for actor, ds in sorted(by_actor.items()):
            pos = sum(d.positive for d in ds)
            neg = sum(d.negative for d in ds)
            if min(pos, neg) < thresholds.min_weight or min(pos, neg) < thresholds.min_share * max(pos, neg):
                continue
            if actor in sides and principal in sides[actor]:
                continue  # the principal is the actor's own proxy: a patron-client quarrel, not a side
            coop = tuple(sorted({m for d in ds if d.positive for m in d.actors if m in members}))
            host = tuple(sorted({m for d in ds if d.negative for m in d.actors if m in members}))
            out.append(Ambivalence(actor, principal, coop, host, pos, neg, tuple(ds)))
    out.sort(key=lambda a: (-a.share, a.actor, a.side))
    return out


def proxy_sides(graph: PatronGraph, actors: Sequence[str], day: int) -> dict[str, set[str]]:
    """Each patron's proxies on ``day``: clients whose strongest chain to it reaches roll_up_min_strength."""
    threshold = graph.config.roll_up_min_strength
    sides: dict[str, set[str]] = defaultdict(set)
    for actor in actors:
        for chain in graph.chains(actor, day):
            if chain.strength >= threshold:
                sides[chain.patron].add(actor)
    return dict(sides)


@dataclass
class BalanceReport:
    """Unbalanced triads and ambivalent dyads of the signed graph over a window."""

    at: date
    window_days: int
    dyads: dict[tuple[str, str], Dyad]
    triads: list[Triad]
    ambivalent: list[Ambivalence]
    sides: dict[str, set[str]]
    config: SignsConfig
    relations: int
    events: int

    @property
    def explain(self) -> str:
        """The sign rules and thresholds in words."""
        amb = self.config.ambivalence
        since = self.at - timedelta(days=self.window_days)
        parts = [
            f"Signed graph from {self.relations} relations valid on {self.at.isoformat()} and",
            f"{self.events} events from {since.isoformat()} to {self.at.isoformat()}: relation signs by type",
            f"and event signs by quad class (signs.yaml); a relation weighs {self.config.relation_weight:g}",
            "events. A dyad's sign is that of its heavier side. A triad is unbalanced when the product",
            "of its three signs is negative. An actor is ambivalent toward a side (a principal and its",
            "proxies as of the date) when its cooperative and hostile weights toward the side are both at",
            f"least {amb.min_weight:g} and the smaller is at least {amb.min_share:g} of the larger. Evidence",
            f"lists at most {self.config.max_evidence_ids} ids per dyad and side; counts are complete.",
        ]
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready report with evidence."""
        cap = self.config.max_evidence_ids
        return {
            "at": self.at.isoformat(),
            "window_days": self.window_days,
            "dyads": len(self.dyads),
            "unbalanced_triads": [
                {"actors": list(t.actors), "dyads": [d.to_dict(cap) for d in t.dyads]} for t in self.triads
            ],
            "ambivalent": [
                {
                    "actor": a.actor,
                    "side": a.side,
                    "side_members": sorted({a.side} | self.sides.get(a.side, set())),
                    "cooperative_with": list(a.cooperative_with),
                    "hostile_to": list(a.hostile_to),
                    "positive_weight": a.positive,
                    "negative_weight": a.negative,
                    "share": round(a.share, 4),
                    "dyads": [d.to_dict(cap) for d in a.dyads],
                }
                for a in self.ambivalent
            ],
            "explain": self.explain,
        }


def balance_report(
    relations: Sequence[Relation],
    events: Sequence[Event],
    at: date,
    window_days: int,
    config: SignsConfig | None = None,
) -> BalanceReport:
    """Pure core: the report from the relations valid on ``at`` and the events of the window."""
    cfg = config or load_signs()
    dyads = signed_dyads(relations, events, cfg)
    graph = PatronGraph.from_relations(relations)
    actors = sorted({a for pair in dyads for a in pair} | {t.client for t in graph.ties})
    sides = proxy_sides(graph, actors, at.toordinal())
    triads = unbalanced_triads(dyads)
    ambivalent = ambivalent_dyads(dyads, sides, cfg)
    return BalanceReport(at, window_days, dyads, triads, ambivalent, sides, cfg, len(relations), len(events))


def balance(
    store: AnalysisStore,
    at: date | str | None = None,
    window_days: int = 365,
    config: SignsConfig | None = None,
) -> BalanceReport:
    """Balance over the ``window_days`` up to ``at`` (default today), from the store."""
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    day = date.today() if at is None else at if isinstance(at, date) else dates.bounds(at)[1]
    relations = store.relations(at=day)
    events = list(store.iter_events(since=day - timedelta(days=window_days), until=day))
    return balance_report(relations, events, day, window_days, config)
