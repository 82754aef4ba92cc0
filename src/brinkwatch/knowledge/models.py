"""The gazetteer's entries: known actors and places, and how they become interchange records.

These are plain frozen dataclasses rather than the pydantic records because
they carry what a record does not (demonyms, capital-city metonyms, the file
an entry came from) and are shared read-only by every extractor in a process.
"""

from __future__ import annotations

from dataclasses import dataclass

from brinkwatch.records import Actor, Place, Provenance

GAZETTEER_DATASET = "brinkwatch-gazetteer"
"""The dataset name in the provenance of every record the gazetteer produces."""


@dataclass(frozen=True)
class KnownActor:
    """An actor brinkwatch knows before reading any text.

    ``aliases`` are other names and spellings; ``demonyms`` ("Iraqi",
    "Iraqis") and ``metonyms`` (a capital standing for its government,
    "Baghdad") also resolve to the actor but are kept apart because an
    extractor may want to treat them with less confidence than a name.
    ``origin`` is "<file>:<id>", the record id used in provenance.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    code: str | None = None
    born: str | None = None
    founded: str | None = None
    died: str | None = None
    dissolved: str | None = None
    demonyms: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    origin: str = ""

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """Every string that names this actor: name, aliases, demonyms and metonyms."""
        return (self.name, *self.aliases, *self.demonyms, *self.metonyms)

    def to_record(self) -> Actor:
        """The actor as an interchange record; demonyms and metonyms are listed among its aliases."""
        others = dict.fromkeys((*self.aliases, *self.demonyms, *self.metonyms))
        aliases = [a for a in others if a != self.name]
        return Actor(
            id=self.id,
            name=self.name,
            type=self.type,
            aliases=aliases,
            country=self.country,
            code=self.code,
            born=self.born,
            founded=self.founded,
            died=self.died,
            dissolved=self.dissolved,
            confidence=1.0,
            provenance=[Provenance(dataset=GAZETTEER_DATASET, record=self.origin or self.id)],
        )


@dataclass(frozen=True)
class KnownPlace:
    """A place brinkwatch knows: a country, governorate, city, military base or site."""

    id: str
    name: str
    type: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    aliases: tuple[str, ...] = ()
    origin: str = ""

    def to_record(self) -> Place:
        """The place as an interchange record."""
        return Place(
            id=self.id,
            name=self.name,
            type=self.type,
            country=self.country,
            lat=self.lat,
            lon=self.lon,
            aliases=list(self.aliases),
            confidence=1.0,
            provenance=[Provenance(dataset=GAZETTEER_DATASET, record=self.origin or self.id)],
        )
