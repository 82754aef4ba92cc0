"""Small record builders for the analysis tests: hand-built graphs and event series."""

from __future__ import annotations

from itertools import count

from brinkwatch.records import Actor, Event, Provenance, Relation

_ids = count(1)


def prov(label: str) -> list[Provenance]:
    """Dataset provenance naming the test row, so evidence can be traced in assertions."""
    return [Provenance(dataset="test", record=label)]


def actor(
    actor_id: str, type_: str = "state", name: str | None = None, aliases: tuple[str, ...] = ()
) -> Actor:
    return Actor(id=actor_id, name=name or actor_id.upper(), type=type_, aliases=list(aliases),
                 provenance=prov(actor_id))


def rel(type_: str, source: str, target: str, valid_from: str | None = None, valid_to: str | None = None,
        confidence: float = 1.0, rid: str | None = None) -> Relation:
    rid = rid or f"r{next(_ids)}"
    return Relation(id=rid, type=type_, source=source, target=target, valid_from=valid_from,
                    valid_to=valid_to, confidence=confidence, provenance=prov(rid))


def ev(type_: str, source: str, target: str, day: str, intensity: float | None = None,
       fatalities: int | None = None, quad: int | None = None, eid: str | None = None) -> Event:
    eid = eid or f"e{next(_ids)}"
    return Event(id=eid, type=type_, source=[source], target=[target], date=day, intensity=intensity,
                 fatalities=fatalities, quad_class=quad, provenance=prov(eid))
