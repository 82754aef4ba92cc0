"""Who is behind an actor or an act: patron chains through commanders, funders, arms suppliers and sponsors.

"Who is behind this attack?" is answered by walking the patron ties valid on
the day in question (``graph.PatronGraph``) from each actor that carried the
act out. Every link of every chain keeps the relations that make it, with
their provenance, so the answer can be checked against its sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from brinkwatch import dates
from brinkwatch.analysis.evidence import event_evidence, relation_evidence
from brinkwatch.analysis.graph import (
    FIRST_DAY,
    LAST_DAY,
    AttributionConfig,
    Chain,
    PatronGraph,
    load_attribution_config,
)
from brinkwatch.analysis.storeapi import ActorNotFoundError, AnalysisStore, find_event, resolve
from brinkwatch.records import Event, Relation


def _day_text(day: int, open_value: int) -> str | None:
    return None if day == open_value else date.fromordinal(day).isoformat()


def chain_to_dict(chain: Chain) -> dict[str, Any]:
    """A chain with every link's strength and the relations (and provenance) behind it."""
    return {
        "patron": chain.patron,
        "actors": list(chain.actors),
        "strength": round(chain.strength, 6),
        "valid_from": _day_text(chain.first_day, FIRST_DAY),
        "valid_to": _day_text(chain.last_day, LAST_DAY),
        "links": [
            {
                "client": link.client,
                "patron": link.patron,
                "strength": round(link.strength, 6),
                "relations": [
                    {**relation_evidence(t.relation), "weight": round(t.weight, 6)} for t in link.ties
                ],
            }
            for link in chain.links
        ],
    }


@dataclass
class ActorAttribution:
    """The patron chains of one actor on one day (or at any time)."""

    actor: str
    chains: list[Chain]

    def patrons(self) -> list[tuple[str, float]]:
        """Each patron once, with its strongest chain's strength, strongest first."""
        best: dict[str, float] = {}
        for chain in self.chains:
            best[chain.patron] = max(best.get(chain.patron, 0.0), chain.strength)
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))

    def to_dict(self) -> dict[str, Any]:
        """Patrons ranked, then every chain with its evidence."""
        return {
            "actor": self.actor,
            "patrons": [{"patron": p, "strength": round(s, 6)} for p, s in self.patrons()],
            "chains": [chain_to_dict(c) for c in self.chains],
        }


@dataclass
class Attribution:
    """The answer to "who is behind this actor / this event", with how it was computed."""

    subject: str
    subject_kind: Literal["actor", "event"]
    at: date | None
    actors: list[ActorAttribution]
    config: AttributionConfig
    event: Event | None = None
    relations_considered: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def explain(self) -> str:
        """How the chains were found, in words, with the parameters from ``attribution.yaml``."""
        cfg = self.config
        when = f"as of {self.at.isoformat()}" if self.at else "at any time (each chain must hold on some day)"
        subject = (
            f"event {self.subject} (its source actors {', '.join(a.actor for a in self.actors) or 'none'})"
            if self.subject_kind == "event"
            else f"actor {self.subject}"
        )
        weights = ", ".join(f"{k} {v.weight:g} (patron = {v.patron_is})" for k, v in cfg.edges.items())
        text = (
            f"Patron chains of {subject} {when}, from {self.relations_considered} patron relations. "
            f"Tie weights: {weights}; each multiplied by the relation's confidence; several ties between the "
            f"same two actors combine by noisy-or. Chain strength = product of link strengths x "
            f"{cfg.decay:g}^(links-1); at most {cfg.max_depth} links, no actor twice, chains below "
            f"{cfg.min_strength:g} dropped."
        )
        return " ".join([text, *self.notes])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready result, the explanation included."""
        return {
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            "at": self.at.isoformat() if self.at else None,
            "event": event_evidence(self.event) if self.event else None,
            "actors": [a.to_dict() for a in self.actors],
            "explain": self.explain,
        }


def attribute_actors(
    relations: Iterable[Relation],
    actors: Sequence[str],
    at: date | None,
    config: AttributionConfig | None = None,
) -> list[ActorAttribution]:
    """Pure core: the patron chains of each actor over the given relations, as of ``at``."""
    graph = PatronGraph.from_relations(relations, config)
    day = at.toordinal() if at else None
    return [ActorAttribution(actor, graph.chains(actor, day)) for actor in actors]


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return dates.bounds(value)[0]


def attribute(
    store: AnalysisStore, actor_or_event_id: str, at: date | str | None = None,
    config: AttributionConfig | None = None,
) -> Attribution:
    """Patron chains of an actor (by id or any name), or of an event's source actors as of its date.

    For an event, ``at`` defaults to the first day of the event's date; for
    an actor, without ``at`` every relation counts whatever its dates, but a
    chain must have a day on which all its links hold.
    """
    graph_config = config or load_attribution_config()
    when = _as_date(at)
    event = find_event(store, actor_or_event_id)
    notes: list[str] = []
    if event is not None:
        if when is None and event.date:
            when = dates.bounds(event.date)[0]
            notes.append(f"The event is dated {event.date}; its first day is used.")
        subjects = list(event.source)
        if not subjects:
            notes.append("The event names no source actor, so there is nobody to attribute.")
        kind: Literal["actor", "event"] = "event"
    else:
        try:
            subjects = [resolve(store, actor_or_event_id)]
        except ActorNotFoundError:
            raise ActorNotFoundError(actor_or_event_id, also_event=True) from None
        kind = "actor"
    relations = store.relations(at=when, types=list(graph_config.edges))
    result = attribute_actors(relations, subjects, when, graph_config)
    return Attribution(
        subject=actor_or_event_id if kind == "event" else subjects[0],
        subject_kind=kind,
        at=when,
        actors=result,
        config=graph_config,
        event=event,
        relations_considered=len(relations),
        notes=notes,
    )
