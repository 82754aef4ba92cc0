"""Choosing which dyads the report (and the demo) look at, and who stands at the top of a chain.

A report cannot chart every pair of actors. Proxy conflicts are about the
patrons behind the fighters, so it first takes the pairs of sides with the
most events between them (each actor replaced by its top patron, the end of
its strongest full chain, and counted with proxies rolled up), then the pairs
of actors with the most events between them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from brinkwatch.analysis.graph import PatronGraph, load_attribution_config
from brinkwatch.store import Store

PRINCIPAL_TYPE = "state"  # a state acting as a whole is a principal, even when it has allies or sponsors


@dataclass(frozen=True)
class Dyad:
    """A pair of actors to analyse; ``roll_up`` counts the acts of their proxies as theirs."""

    a: str
    b: str
    roll_up: bool = False
    events: int = 0

    @property
    def key(self) -> tuple[frozenset[str], bool]:
        """The same pair counted the same way, whichever actor is named first."""
        return frozenset((self.a, self.b)), self.roll_up


def patron_graph(store: Store) -> PatronGraph:
    """The patron ties of the whole store (all dates), as attribution reads them."""
    return PatronGraph.from_relations(store.relations(types=list(load_attribution_config().edges)))


def top_patron(graph: PatronGraph, actor: str, principals: set[str]) -> str:
    """The actor at the top of ``actor``'s strongest full chain, if strong enough to roll up; else itself.

    A full chain ends at an actor with no patron of its own; "strong enough" is
    ``roll_up_min_strength`` of ``attribution.yaml``, the bar escalation uses
    when it rolls proxies up, so the two agree on who speaks for whom. Actors
    in ``principals`` (the states) speak for themselves and are never rolled up.
    """
    if actor in principals:
        return actor
    threshold = graph.config.roll_up_min_strength
    full = [c for c in graph.chains(actor, None) if not graph.links(c.patron, None)]
    strong = [c for c in full if c.strength >= threshold]
    return strong[0].patron if strong else actor


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def main_dyads(store: Store, n: int = 3, min_events: int = 2, focus: Sequence[Dyad] = ()) -> list[Dyad]:
    """``focus`` first, then the ``n`` busiest pairs of sides (patrons with their proxies), then of actors.

    Pairs with fewer than ``min_events`` events are left out: one event makes
    no series. A pair of sides is kept only where proxies add events to what
    the two patrons did to each other directly.
    """
    graph = patron_graph(store)
    principals = {a.id for a in store.actors(type=PRINCIPAL_TYPE)}
    tops: dict[str, str] = {}
    direct: Counter[tuple[str, str]] = Counter()
    sides: Counter[tuple[str, str]] = Counter()
    for event in store.iter_events():
        for s in set(event.source):
            for t in set(event.target):
                if s == t:
                    continue
                direct[_pair(s, t)] += 1
                ps = tops.setdefault(s, top_patron(graph, s, principals))
                pt = tops.setdefault(t, top_patron(graph, t, principals))
                if ps != pt:
                    sides[_pair(ps, pt)] += 1

    def busiest(counts: Counter[tuple[str, str]], roll_up: bool) -> list[Dyad]:
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return [Dyad(a, b, roll_up, count) for (a, b), count in ranked if count >= min_events][:n]

    rolled = Counter({pair: count for pair, count in sides.items() if count > direct.get(pair, 0)})
    chosen = list(focus)
    for dyad in busiest(rolled, True) + busiest(direct, False):
        if dyad.key not in {d.key for d in chosen}:
            chosen.append(dyad)
    return chosen
