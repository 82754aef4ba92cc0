"""The event ontology: PLOVER types, modes, quad classes and intensities, read from data.

The vocabulary lives in ``plover.yaml`` so an analyst can read and extend it;
code asks this module instead of hard-coding a type's meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class EventTypeInfo:
    """One PLOVER event type and what it means numerically."""

    name: str
    quad_class: int
    intensity: float
    description: str
    modes: dict[str, float] = field(default_factory=dict)

    def intensity_of(self, mode: str | None) -> float:
        """The mode's intensity where it has one, else the type's."""
        if mode is not None and mode in self.modes:
            return self.modes[mode]
        return self.intensity


@dataclass(frozen=True)
class Ontology:
    """The loaded ontology: event types by name and quad-class labels."""

    event_types: dict[str, EventTypeInfo]
    quad_classes: dict[int, str]

    def event_type(self, name: str) -> EventTypeInfo:
        """Look up a PLOVER type by name, raising KeyError with the known names if absent."""
        try:
            return self.event_types[name]
        except KeyError:
            known = ", ".join(self.event_types)
            raise KeyError(f"unknown PLOVER event type {name!r}; known: {known}") from None


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Read ``plover.yaml`` once per process."""
    text = resources.files(__package__).joinpath("plover.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    types = {
        name: EventTypeInfo(
            name=name,
            quad_class=int(spec["quad_class"]),
            intensity=float(spec["intensity"]),
            description=str(spec.get("description", "")),
            modes={str(k): float(v) for k, v in (spec.get("modes") or {}).items()},
        )
        for name, spec in data["event_types"].items()
    }
    return Ontology(event_types=types, quad_classes={int(k): str(v) for k, v in data["quad_classes"].items()})
