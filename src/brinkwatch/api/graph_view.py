"""The network as the dashboard draws it: actors, the relations between them, and proxy chains.

Which relation types tie a client to a patron, and how chains are followed, is
the attribution analysis' knowledge (``analysis/data/attribution.yaml`` via
:class:`brinkwatch.analysis.graph.PatronGraph`): the graph marks exactly those
edges as ``patron_link`` and lists exactly the chains attribution would find,
so the picture and the attribution numbers never disagree. Everything here
works in memory on relations already loaded, which keeps ``/api/graph`` fast
enough to redraw while the user drags the date slider.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from typing import Any

from brinkwatch.analysis.graph import PatronGraph
from brinkwatch.records import Relation
from brinkwatch.store import ActorSummary

MAX_CHAINS = 200  # a dense graph has combinatorially many paths; the strongest ones are the telling ones


def neighbourhood(relations: Iterable[Relation], centre: str, depth: int) -> set[str]:
    """Actors within ``depth`` relation hops of ``centre``, in either direction."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for rel in relations:
        adjacent[rel.source].add(rel.target)
        adjacent[rel.target].add(rel.source)
    seen, frontier = {centre}, deque([(centre, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist == depth:
            continue
        for other in adjacent[node] - seen:
            seen.add(other)
            frontier.append((other, dist + 1))
    return seen


def proxy_chains(patrons: PatronGraph, actors: Mapping[str, ActorSummary]) -> list[list[str]]:
    """Chains from each proxy at the bottom up to a top patron, strongest first.

    A proxy at the bottom is a group (not a person: a person's membership is
    not proxy warfare) that has a patron and is nobody's patron itself. Of its
    chains only maximal ones are kept, those that end where attribution finds
    no patron further up, so each line reads "proxy, intermediaries, top patron".
    """
    clients = {t.client for t in patrons.ties}
    patron_ids = {t.patron for t in patrons.ties}
    starts = sorted(c for c in clients - patron_ids if c in actors and actors[c].type != "person")
    found: list[tuple[float, list[str]]] = []
    for start in starts:
        chains = patrons.chains(start, None)
        prefixes = {c.actors[:-1] for c in chains}
        found.extend((c.strength, list(c.actors)) for c in chains if c.actors not in prefixes)
    found.sort(key=lambda sc: (-sc[0], sc[1]))
    return [chain for _, chain in found[:MAX_CHAINS]]


def build_graph(actors: Mapping[str, ActorSummary], relations: list[Relation], at: str | None,
                centre: str | None = None, depth: int = 2) -> dict[str, Any]:
    """The ``/api/graph`` answer, from relations already filtered to those that may hold on ``at``."""
    if centre is not None:
        keep = neighbourhood(relations, centre, depth)
        relations = [r for r in relations if r.source in keep and r.target in keep]
    node_ids = {centre} if centre else set()
    for rel in relations:
        node_ids.update((rel.source, rel.target))
    patrons = PatronGraph.from_relations(relations)
    patron_types = set(patrons.config.edges)
    nodes = [{"id": a.id, "name": a.name, "type": a.type, "country": a.country}
             for a in (actors[i] for i in sorted(node_ids) if i in actors)]
    edges = [
        {"id": r.id, "type": r.type, "source": r.source, "target": r.target, "role": r.role,
         "valid_from": r.valid_from, "valid_to": r.valid_to, "patron_link": r.type in patron_types}
        for r in relations
    ]
    return {"at": at, "nodes": nodes, "edges": edges, "proxy_chains": proxy_chains(patrons, actors)}
