"""The records behind a number, in the form every analysis result reports them.

Every score must lead back to the dataset row or the sentence that produced
it, so results carry record ids with their provenance rather than bare counts.
"""

from __future__ import annotations

from typing import Any

from brinkwatch.records import Event, Relation


def relation_evidence(relation: Relation) -> dict[str, Any]:
    """A relation as evidence: what it says, when it holds, and where it was read."""
    return {
        "id": relation.id,
        "kind": "relation",
        "type": relation.type,
        "source": relation.source,
        "target": relation.target,
        "valid_from": relation.valid_from,
        "valid_to": relation.valid_to,
        "confidence": relation.confidence,
        "provenance": [p.model_dump(mode="json", exclude_none=True) for p in relation.provenance],
    }


def event_evidence(event: Event) -> dict[str, Any]:
    """An event as evidence: who did what to whom and when, and where it was read."""
    return {
        "id": event.id,
        "kind": "event",
        "type": event.type,
        "source": list(event.source),
        "target": list(event.target),
        "date": event.date,
        "intensity": event.intensity,
        "provenance": [p.model_dump(mode="json", exclude_none=True) for p in event.provenance],
    }
