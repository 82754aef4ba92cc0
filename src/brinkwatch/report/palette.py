"""The report's colours and legend for escalation states, read from ``states.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel


class StateStyle(BaseModel):
    """How one state is drawn and described in the legend."""

    colour: str
    label: str


class Palette(BaseModel):
    """The contents of ``states.yaml``."""

    version: int
    order: list[str]
    states: dict[str, StateStyle]
    fallback_colour: str

    def colour(self, state: str) -> str:
        """The state's colour, or the fallback for a state this file does not know."""
        style = self.states.get(state)
        return style.colour if style else self.fallback_colour

    def legend(self, seen: set[str]) -> list[tuple[str, str, str]]:
        """(state, colour, label) for the states in ``seen``, in the file's order, unknown ones last."""
        ordered = [s for s in self.order if s in seen] + sorted(seen - set(self.order))
        return [(s, self.colour(s), self.states[s].label if s in self.states else s) for s in ordered]


@lru_cache(maxsize=1)
def load_palette() -> Palette:
    """The packaged ``states.yaml``, read once."""
    text = resources.files(__package__).joinpath("states.yaml").read_text(encoding="utf-8")
    return Palette.model_validate(yaml.safe_load(text))
