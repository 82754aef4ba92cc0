"""Dataset actors and places -> brinkwatch ids: CAMEO-style codes and names, via the gazetteer.

An event dataset names its actors by code (USA, IRQMIL, KUW) or by name
("Military Forces of Iraq (2014-)"). The same actor must get the same id as in
text extraction and in other datasets, so the built-in gazetteer decides first
(states are the slugs of their common names, e.g. ``united-states``). What the
gazetteer does not know becomes a new actor: a country code plus role suffixes
(IRQMIL) is named from its parts (``iraq-military``), anything else is named by
its code or its name. Each actor is emitted once, as a record, before the first
event that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brinkwatch.ingest.tabular import construct, dataset_provenance, slug
from brinkwatch.knowledge import Gazetteer, KnownActor, KnownPlace, load_gazetteer
from brinkwatch.ontology.mappings import load_actor_roles, load_legacy_codes
from brinkwatch.records import Actor, Place

CODE_FALLBACK_TYPE = "organization"
"""The type of an actor known only by an unrecognised code: the least committal of the actor types."""


@dataclass
class ActorDirectory:
    """Resolves one import's actor references to ids and hands out each new actor record once.

    ``legacy`` selects the KEDS-era reading of three-letter codes
    (``legacy_actor_codes.tsv`` before ISO 3166), for WEIS and CAMEO 0.5B1 tables.
    """

    dataset: str
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    legacy: bool = False
    resolved_codes: dict[str, str] = field(default_factory=dict)
    """Code -> actor id for every code already resolved; hot loops read it before calling :meth:`by_code`."""
    _by_name: dict[tuple[str, str | None], str] = field(default_factory=dict)
    _emitted: set[str] = field(default_factory=set)
    _code_index: dict[str, KnownActor] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A code identifies a gazetteer actor only when no other actor carries it: the gazetteer
        # gives role codes such as IRQGOV to many people and bodies, and a state owns its ISO code.
        holders: dict[str, list[KnownActor]] = {}
        for actor in self.gazetteer.actors.values():
            if actor.code:
                holders.setdefault(actor.code, []).append(actor)
        for code, found in holders.items():
            states = [a for a in found if a.type == "state"]
            if len(states) == 1 or len(found) == 1:
                self._code_index[code] = states[0] if states else found[0]

    def by_code(self, code: str, row: str, name_hint: str | None = None) -> tuple[str, Actor | None]:
        """The actor id for a CAMEO-style code, and the Actor record to emit first if it is new here.

        ``name_hint`` (GDELT gives one) names an actor the code alone cannot.
        """
        actor_id = self.resolved_codes.get(code)
        if actor_id is not None:
            return actor_id, None
        record = self._resolve_code(code, row, name_hint)
        self.resolved_codes[code] = record.id
        return record.id, self._emit(record)

    def by_name(
        self,
        name: str,
        row: str,
        fallback_type: str,
        prefer_country: str | None = None,
    ) -> tuple[str, Actor | None]:
        """The actor id for a name; a new actor (typed ``fallback_type``) when the gazetteer has none.

        ``prefer_country`` picks among several gazetteer actors of that name; it is not
        given to a new actor, whose country the name alone does not tell.
        """
        key = (name, prefer_country)
        actor_id = self._by_name.get(key)
        if actor_id is not None:
            return actor_id, None
        found = self.gazetteer.lookup(name)
        if found:
            same_country = [a for a in found if prefer_country and a.country == prefer_country]
            record = self._known(same_country[0] if same_country else found[0], name, row)
        else:
            record = self._new(
                slug(name) or f"actor-{len(self._by_name)}", name, fallback_type, None, None, row
            )
        self._by_name[key] = record.id
        return record.id, self._emit(record)

    def _emit(self, record: Actor) -> Actor | None:
        if record.id in self._emitted:
            return None
        self._emitted.add(record.id)
        return record

    def _resolve_code(self, code: str, row: str, name_hint: str | None) -> Actor:
        known = self._known_code(code)
        if known is not None:
            return self._known(known, code, row, code=code)
        legacy = load_legacy_codes().get(code) if self.legacy else None
        if legacy is not None and legacy.name:
            by_name = self.gazetteer.lookup(legacy.name)
            if by_name:
                return self._known(by_name[0], code, row, code=code)
            return self._new(slug(legacy.name), legacy.name, legacy.actor_type, None, code, row)
        composite = self._composite(code, row)
        if composite is not None:
            return composite
        if name_hint:
            found = self.gazetteer.lookup(name_hint)
            if found:
                return self._known(found[0], code, row, code=code)
        name = _title(name_hint) if name_hint else code
        return self._new(f"code-{slug(code)}", name, CODE_FALLBACK_TYPE, None, code, row)

    def _known_code(self, code: str) -> KnownActor | None:
        """A gazetteer actor for a whole code; legacy tables read three-letter codes the KEDS way first."""
        if self.legacy:
            legacy = load_legacy_codes().get(code)
            if legacy is not None:
                return self._code_index.get(legacy.iso3) if legacy.iso3 else None
        return self._code_index.get(code)

    def _composite(self, code: str, row: str) -> Actor | None:
        """IRQMIL -> 'Iraq military': a known country followed by known role suffixes."""
        if len(code) <= 3 or len(code) % 3:
            return None
        country = self._known_code(code[:3])
        roles = load_actor_roles()
        parts = [roles.get(code[i : i + 3]) for i in range(3, len(code), 3)]
        if country is None or country.type != "state" or any(p is None for p in parts):
            return None
        labels = " ".join(p.label for p in parts if p is not None)
        name = f"{country.name} {labels}"
        found = self.gazetteer.lookup(name)
        if found:
            return self._known(found[0], code, row, code=code)
        first = parts[0]
        assert first is not None
        return self._new(slug(name), name, first.actor_type, country.country, code, row)

    def _known(self, known: KnownActor, surface: str, row: str, code: str | None = None) -> Actor:
        aliases = [surface] if surface != known.name else []
        return construct(
            Actor,
            {
                "id": known.id,
                "name": known.name,
                "type": known.type,
                "aliases": aliases,
                "country": known.country,
                "code": code or known.code,
                "provenance": dataset_provenance(self.dataset, row),
            },
        )

    def _new(
        self, actor_id: str, name: str, type_: str, country: str | None, code: str | None, row: str
    ) -> Actor:
        aliases = [code] if code and code != name else []
        return construct(
            Actor,
            {
                "id": actor_id,
                "name": name,
                "type": type_,
                "aliases": aliases,
                "country": country,
                "code": code,
                "provenance": dataset_provenance(self.dataset, row),
            },
        )


def _title(name: str) -> str:
    """GDELT writes names in capitals ("UNITED STATES"); a new actor reads better in title case."""
    return name.title() if name.isupper() else name


@dataclass
class PlaceDirectory:
    """Resolves dataset locations to place ids, preferring the gazetteer, and emits each new place once."""

    dataset: str
    gazetteer: Gazetteer = field(default_factory=load_gazetteer)
    _ids: dict[tuple[str, str | None], str] = field(default_factory=dict)
    _emitted: set[str] = field(default_factory=set)

    def place(
        self,
        name: str,
        type_: str,
        country: str | None,
        lat: float | None,
        lon: float | None,
        row: str,
    ) -> tuple[str, Place | None]:
        """The place id for a named location, and the Place record to emit if it is new here."""
        key = (name, country)
        place_id = self._ids.get(key)
        if place_id is not None:
            return place_id, None
        known = self._known(name, country)
        if known is not None:
            record = construct(
                Place,
                {
                    "id": known.id,
                    "name": known.name,
                    "type": known.type,
                    "country": known.country,
                    "lat": known.lat if known.lat is not None else lat,
                    "lon": known.lon if known.lon is not None else lon,
                    "aliases": [name] if name != known.name else [],
                    "provenance": dataset_provenance(self.dataset, row),
                },
            )
        else:
            place_id = slug(f"{name} {country}") if country else slug(name)
            record = construct(
                Place,
                {
                    "id": place_id,
                    "name": name,
                    "type": type_,
                    "country": country,
                    "lat": lat,
                    "lon": lon,
                    "provenance": dataset_provenance(self.dataset, row),
                },
            )
        self._ids[key] = record.id
        if record.id in self._emitted:
            return record.id, None
        self._emitted.add(record.id)
        return record.id, record

    def _known(self, name: str, country: str | None) -> KnownPlace | None:
        for place in self.gazetteer.lookup_places(name):
            if country is None or place.country in (None, country):
                return place
        return None
