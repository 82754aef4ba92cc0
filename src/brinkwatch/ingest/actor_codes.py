"""Dataset actors and places -> brinkwatch ids: CAMEO-style codes and names, via the gazetteer.

An event dataset names its actors by code (USA, IRQMIL, KUW) or by name
("Military Forces of Iraq (2014-)"). The same actor must get the same id as in
text extraction and in other datasets, so the built-in gazetteer decides first
(states are the slugs of their common names, e.g. ``united-states``). What the
gazetteer does not know becomes a new actor. A code made of a country and role
codes (IRQMIL, MNCUSA), or a role code with the row's country (GOV + CHN), is the
role actor of that country, named from its parts ("Military of Iraq",
``military-of-iraq``), the same for every dataset. Any other code is named by the
row's own name (or, without one, by the code): a name one row gives is never
lent to another row that shares only the code. Each actor is emitted once, as a
record, before the first event that uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from brinkwatch.ingest.tabular import construct, dataset_provenance, slug
from brinkwatch.knowledge import Gazetteer, KnownActor, KnownPlace, load_gazetteer
from brinkwatch.ontology.mappings import ActorRole, load_actor_roles, load_legacy_codes, load_state_names
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
    _by_code_row: dict[tuple[str, str | None, str | None], str] = field(default_factory=dict)
    _by_role: dict[tuple[tuple[str, ...], str | None], str] = field(default_factory=dict)
    _emitted: set[str] = field(default_factory=set)
    _states: dict[str, KnownActor | None] = field(default_factory=dict)
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

    def by_code(
        self, code: str, row: str, name_hint: str | None = None, country_code: str | None = None
    ) -> tuple[str, Actor | None]:
        """The actor id for a CAMEO-style code, and the Actor record to emit first if it is new here.

        A code the gazetteer knows, or one made of a country and role codes (IRQMIL, MNCUSA),
        names its actor by itself and is resolved once per import. A role code alone (GOV)
        takes its country from ``country_code`` (GDELT's Actor1CountryCode). Any other code
        says too little, so its actor is named by the row's own ``name_hint``: never by a
        name an earlier row gave the same code (GDELT writes MINISTRY, PRESIDENT, POLICE ...
        under one code).
        """
        actor_id = self.resolved_codes.get(code)
        if actor_id is not None:
            return actor_id, None
        key = (code, name_hint, country_code)
        actor_id = self._by_code_row.get(key)
        if actor_id is not None:
            return actor_id, None
        record, code_alone = self._resolve_code(code, row, name_hint, country_code)
        if code_alone:
            self.resolved_codes[code] = record.id
        else:
            self._by_code_row[key] = record.id
        return record.id, self._emit(record)

    def by_name(
        self,
        name: str,
        row: str,
        fallback_type: str,
        prefer_country: str | None = None,
        country: str | None = None,
    ) -> tuple[str, Actor | None]:
        """The actor id for a name; a new actor (typed ``fallback_type``) when the gazetteer has none.

        ``prefer_country`` picks among several gazetteer actors of that name; it is not
        given to a new actor, whose country the name alone does not tell. ``country`` is
        given to a new actor: the source states it (ICEWS's Source Country).
        """
        key = (name, prefer_country or country)
        actor_id = self._by_name.get(key)
        if actor_id is not None:
            return actor_id, None
        found = self.gazetteer.lookup(name)
        want = prefer_country or country
        if found:
            same_country = [a for a in found if want and a.country == want]
            record = self._known(same_country[0] if same_country else found[0], name, row)
        else:
            record = self._new(
                slug(name) or f"actor-{len(self._by_name)}", name, fallback_type, country, None, row
            )
        self._by_name[key] = record.id
        return record.id, self._emit(record)

    def by_role(
        self, roles: list[ActorRole], country: KnownActor | None, row: str, code: str | None = None
    ) -> tuple[str, Actor | None]:
        """The role actor of a country ("Military of Iran"), the same for every dataset that names it."""
        key = (tuple(r.title for r in roles), country.id if country else None)
        actor_id = self._by_role.get(key)
        if actor_id is not None:
            return actor_id, None
        record = self._role_actor(roles, country, row, code)
        self._by_role[key] = record.id
        return record.id, self._emit(record)

    def state(self, name: str) -> KnownActor | None:
        """The state a country name stands for, in any spelling datasets use (see :func:`state_named`)."""
        if name not in self._states:
            self._states[name] = state_named(self.gazetteer, name)
        return self._states[name]

    def _emit(self, record: Actor) -> Actor | None:
        if record.id in self._emitted:
            return None
        self._emitted.add(record.id)
        return record

    def _resolve_code(
        self, code: str, row: str, name_hint: str | None, country_code: str | None
    ) -> tuple[Actor, bool]:
        """The actor of a code, and whether the code alone decided it (so it can be cached by code)."""
        known = self._known_code(code)
        if known is not None:
            return self._known(known, code, row, code=code), True
        legacy = load_legacy_codes().get(code) if self.legacy else None
        if legacy is not None and legacy.name:
            by_name = self.gazetteer.lookup(legacy.name)
            if by_name:
                return self._known(by_name[0], code, row, code=code), True
            return self._new(slug(legacy.name), legacy.name, legacy.actor_type, None, code, row), True
        parsed = self._role_parts(code)
        if parsed is not None:
            country, roles = parsed
            if country is not None:
                return self._role_actor(roles, country, row, code), True
            stated = self._known_code(country_code) if country_code else None
            if stated is not None and stated.type != "state":
                stated = None
            return self._role_actor(roles, stated, row, code), False
        if name_hint:
            found = self.gazetteer.lookup(name_hint)
            if found:
                return self._known(found[0], code, row, code=code), False
        name = _title(name_hint) if name_hint else code
        actor_id = f"code-{slug(code)}" + (f"-{slug(name_hint)}" if name_hint else "")
        return self._new(actor_id, name, CODE_FALLBACK_TYPE, None, code, row), False

    def _known_code(self, code: str) -> KnownActor | None:
        """A gazetteer actor for a whole code; legacy tables read three-letter codes the KEDS way first."""
        if self.legacy:
            legacy = load_legacy_codes().get(code)
            if legacy is not None:
                return self._code_index.get(legacy.iso3) if legacy.iso3 else None
        return self._code_index.get(code)

    def _role_parts(self, code: str) -> tuple[KnownActor | None, list[ActorRole]] | None:
        """IRQMIL -> (Iraq, [military]); MNCUSA -> (United States, [multinational]); GOV -> (None, [gov]).

        None when the code is not made of three-letter parts that are at most one state and
        otherwise role codes.
        """
        if not code or len(code) % 3:
            return None
        roles_table = load_actor_roles()
        country: KnownActor | None = None
        roles: list[ActorRole] = []
        for i in range(0, len(code), 3):
            part = code[i : i + 3]
            role = roles_table.get(part)
            if role is not None:
                roles.append(role)
                continue
            state = self._known_code(part)
            if state is None or state.type != "state" or country is not None:
                return None
            country = state
        return (country, roles) if roles else None

    def _role_actor(
        self, roles: list[ActorRole], country: KnownActor | None, row: str, code: str | None
    ) -> Actor:
        """'Military of Iran': a gazetteer body of that name if there is one (never the state itself)."""
        first = roles[0]
        name = first.name(country.name if country else None)
        if len(roles) > 1:
            name += f" ({', '.join(r.label for r in roles[1:])})"
        forms = [name]
        if country is not None:
            forms.append(f"{country.name} {' '.join(r.label for r in roles)}")
        for form in forms:
            found = [a for a in self.gazetteer.lookup(form) if a.type != "state"]
            if found:
                return self._known(found[0], code or form, row, code=code)
        return self._new(slug(name), name, first.actor_type, country.country if country else None, code, row)

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


_PARENTHESIS = re.compile(r"^(.*?)\s*\((.+)\)\s*$")


def state_named(gazetteer: Gazetteer, name: str) -> KnownActor | None:
    """The state a dataset's country name stands for, or None.

    Datasets spell states their own way: UCDP adds the former name in parentheses
    ("Myanmar (Burma)", "DR Congo (Zaire)"), ICEWS writes "Russian Federation", older
    files "Ivory Coast". The gazetteer's names are tried first, then the name without its
    parenthesis and the parenthesis alone, then ``state_names.tsv`` (names to ISO codes).
    """
    name = name.strip()
    tries = [name]
    m = _PARENTHESIS.match(name)
    if m:
        tries += [m.group(1), m.group(2)]
    for text in tries:
        states = [a for a in gazetteer.lookup(text) if a.type == "state"] if text else []
        if states:
            return states[0]
    aliases = load_state_names()
    for text in tries:
        iso3 = aliases.get(text.casefold())
        if iso3:
            return gazetteer.state_of(iso3)
    return None


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
