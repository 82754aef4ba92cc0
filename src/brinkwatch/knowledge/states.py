"""Every ISO 3166 country as a state actor and a country place, from pycountry plus our overrides.

pycountry keeps the ISO list current, so brinkwatch does not; what ISO does
not give (the name people write, "Iran" rather than "Iran, Islamic Republic
of"; demonyms; the capital standing for the government) comes from the
``states:`` section of the data files, keyed by alpha-3 code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pycountry

from brinkwatch.knowledge.entries import Where
from brinkwatch.knowledge.models import KnownActor, KnownPlace
from brinkwatch.knowledge.names import normalize_name

PYCOUNTRY_ORIGIN = "pycountry"


@dataclass(frozen=True)
class StateOverride:
    """What a data file adds to one ISO country."""

    name: str | None
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[str, ...]
    where: Where


def state_slug(name: str) -> str:
    """The actor id of a state: the slug of its common name ("United States" -> united-states)."""
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(name)).strip("-")


def state_id(code: str, name: str | None = None) -> str:
    """The actor id of the ISO country ``code``, given the name a data file gives it (if any)."""
    country = pycountry.countries.get(alpha_3=code)
    return state_slug(name or _iso_names(country)[0])


def _iso_names(country: object) -> list[str]:
    found = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
    return [n for n in found if isinstance(n, str)]


def build_states(overrides: dict[str, StateOverride]) -> Iterator[tuple[KnownActor, KnownPlace]]:
    """One (state actor, country place) pair per ISO country, sorted by alpha-3 code."""
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        code = country.alpha_3
        extra = overrides.get(code)
        iso = _iso_names(country)
        name = extra.name if extra and extra.name else iso[0]
        aliases = tuple(a for a in dict.fromkeys([*iso, *(extra.aliases if extra else ())]) if a != name)
        origin = extra.where.file + ":" + code if extra else f"{PYCOUNTRY_ORIGIN}:{code}"
        slug = state_id(code, name)
        actor = KnownActor(
            id=slug, name=name, type="state", aliases=aliases, country=code, code=code,
            demonyms=extra.demonyms if extra else (), metonyms=extra.metonyms if extra else (),
            origin=origin,
        )
        place = KnownPlace(id=slug, name=name, type="country", country=code, aliases=aliases, origin=origin)
        yield actor, place
