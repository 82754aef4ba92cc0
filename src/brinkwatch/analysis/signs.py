"""Whether a tie is cooperative or hostile, and how intense an event is.

Balance, reciprocity and the forecast all have to agree on what a hostile act
is; the answer lives in ``data/signs.yaml`` and is asked here. An event that
does not carry its own intensity or quad class (text extraction may leave them
out) takes its PLOVER type's values from the ontology, so every event can be
placed on the same -10..+10 axis.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, Field

from brinkwatch.analysis.datafiles import load_model
from brinkwatch.ontology import load_ontology
from brinkwatch.records import RELATION_TYPES, Event, Relation


class Ambivalence(BaseModel):
    """When a dyad with both kinds of tie counts as a double game."""

    min_weight: float = Field(ge=0)
    min_share: float = Field(ge=0, le=1)


class SignsConfig(BaseModel):
    """The contents of ``signs.yaml``."""

    version: int
    relations: dict[str, int]
    quad_classes: dict[int, int]
    relation_weight: float = Field(gt=0)
    ambivalence: Ambivalence
    max_evidence_ids: int = Field(ge=1)

    def model_post_init(self, context: object) -> None:
        """Reject a sign outside -1/0/+1 or a relation type the records contract does not know."""
        for name, sign in self.relations.items():
            if name not in RELATION_TYPES:
                raise ValueError(f"relations.{name}: not a relation type ({', '.join(RELATION_TYPES)})")
            if sign not in (-1, 0, 1):
                raise ValueError(f"relations.{name}: sign must be -1, 0 or 1, got {sign}")
        for quad, sign in self.quad_classes.items():
            if quad not in (1, 2, 3, 4) or sign not in (-1, 0, 1):
                raise ValueError(f"quad_classes.{quad}: expected quad class 1..4 with sign -1, 0 or 1")

    def hostile_quads(self) -> frozenset[int]:
        """Quad classes whose events are hostile acts."""
        return frozenset(q for q, s in self.quad_classes.items() if s < 0)


@lru_cache(maxsize=1)
def load_signs() -> SignsConfig:
    """The packaged ``signs.yaml``, read once."""
    return load_model("signs.yaml", SignsConfig)


def event_intensity(event: Event) -> float:
    """The event's own intensity, else its PLOVER type's (refined by mode)."""
    if event.intensity is not None:
        return event.intensity
    return load_ontology().event_type(event.type).intensity_of(event.mode)


def event_quad(event: Event) -> int:
    """The event's own quad class, else its PLOVER type's."""
    if event.quad_class is not None:
        return event.quad_class
    return load_ontology().event_type(event.type).quad_class


def event_sign(event: Event, config: SignsConfig | None = None) -> int:
    """+1 cooperative, -1 hostile, 0 neutral, by the event's quad class."""
    cfg = config or load_signs()
    return cfg.quad_classes.get(event_quad(event), 0)


def relation_sign(relation: Relation, config: SignsConfig | None = None) -> int:
    """+1 cooperative, -1 hostile, 0 neutral, by relation type."""
    cfg = config or load_signs()
    return cfg.relations.get(relation.type, 0)
