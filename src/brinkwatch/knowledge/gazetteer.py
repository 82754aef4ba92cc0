"""The gazetteer: known actors, places and their time-bounded relations, indexed for lookup by name.

Loading reads every ``*.yaml`` under ``knowledge/data`` (and any directories an
analyst adds), checks each entry, then checks across entries: ids are unique,
relations point at actors that exist. Only a gazetteer that passes all checks
is returned, so nothing downstream sees half-loaded knowledge.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from brinkwatch import dates
from brinkwatch.knowledge import entries
from brinkwatch.knowledge.entries import RawRelation, Where
from brinkwatch.knowledge.models import GAZETTEER_DATASET, KnownActor, KnownPlace
from brinkwatch.knowledge.names import NameRules
from brinkwatch.knowledge.states import StateOverride, build_states, state_id
from brinkwatch.knowledge.yaml_source import GazetteerError, LineDict, read_yaml
from brinkwatch.records import Actor, Place, Provenance, Relation

DATA_DIR = Path(__file__).parent / "data"
SECTIONS = ("variants", "articles", "titles", "states", "actors", "places")

FORM_ORDER = {"name": 0, "alias": 1, "demonym": 2, "metonym": 3}
"""How directly a surface form names an actor; lookups list the more direct matches first."""

PLACE_ORDER = {"city": 0, "base": 1, "site": 2, "province": 3, "region": 4, "country": 5}
"""Which place a bare name means when several share it: "Baghdad" is the city before the governorate."""


@dataclass(frozen=True)
class ActorMatch:
    """An actor found by name, and whether the name was its name, an alias, a demonym or a metonym."""

    actor: KnownActor
    form: str


@dataclass
class Gazetteer:
    """Known actors, places and relations, with lookup by any spelling of a name."""

    rules: NameRules
    actors: dict[str, KnownActor]
    places: dict[str, KnownPlace]
    relations: list[Relation]
    _actor_index: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _place_index: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _states: dict[str, KnownActor] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._states = {a.country: a for a in self.actors.values() if a.type == "state" and a.country}
        for actor in self.actors.values():
            forms = [(actor.name, "name")] + [(a, "alias") for a in actor.aliases]
            forms += [(d, "demonym") for d in actor.demonyms] + [(m, "metonym") for m in actor.metonyms]
            for text, form in forms:
                for key in self.rules.keys(text):
                    bucket = self._actor_index.setdefault(key, [])
                    if all(aid != actor.id for aid, _ in bucket):
                        bucket.append((actor.id, form))
        for place in self.places.values():
            for text in (place.name, *place.aliases):
                for key in self.rules.keys(text, titles=False):
                    bucket_p = self._place_index.setdefault(key, [])
                    if place.id not in bucket_p:
                        bucket_p.append(place.id)

    def state_of(self, country: str | None) -> KnownActor | None:
        """The state actor of an ISO 3166 alpha-3 code ("IRQ" -> Iraq), or None."""
        return self._states.get(country or "")

    def name_key(self, text: str) -> str:
        """The match key of an actor name under this gazetteer's variant rules (see :class:`NameRules`)."""
        return self.rules.query_key(text)

    def match(self, text: str) -> list[ActorMatch]:
        """Actors named by ``text`` in any spelling; direct namings first (name, alias, demonym, metonym)."""
        keys = [self.rules.query_key(text)]
        if keys[0].startswith("^"):  # an acronym query also matches names indexed folded (ISIS, IRGC)
            keys.append(self.rules.key(text))
        seen: dict[str, str] = {}
        for key in keys:
            for actor_id, form in self._actor_index.get(key, ()):
                seen.setdefault(actor_id, form)
        ranked = sorted(seen.items(), key=lambda item: FORM_ORDER[item[1]])
        return [ActorMatch(self.actors[aid], form) for aid, form in ranked]

    def lookup(self, text: str) -> list[KnownActor]:
        """Actors whose folded names match ``text`` (empty when none does)."""
        return [m.actor for m in self.match(text)]

    def lookup_places(self, text: str) -> list[KnownPlace]:
        """Places named by ``text``, cities before bases, sites, provinces, regions and countries."""
        ids = self._place_index.get(self.rules.query_key(text, titles=False), [])
        if not ids and self.rules.query_key(text, titles=False).startswith("^"):
            ids = self._place_index.get(self.rules.key(text, titles=False), [])
        return sorted((self.places[i] for i in ids), key=lambda p: PLACE_ORDER[p.type])

    def lookup_place(self, text: str) -> KnownPlace | None:
        """The place ``text`` most likely means, or None."""
        found = self.lookup_places(text)
        return found[0] if found else None

    def actor_forms(self) -> Iterator[tuple[str, KnownActor, str]]:
        """Every (surface form, actor, form kind) pair, for building phrase matchers."""
        for actor in self.actors.values():
            yield actor.name, actor, "name"
            for alias in actor.aliases:
                yield alias, actor, "alias"
            for demonym in actor.demonyms:
                yield demonym, actor, "demonym"
            for metonym in actor.metonyms:
                yield metonym, actor, "metonym"

    def relations_of(
        self, actor_id: str, at: date | str | None = None, types: Iterable[str] | None = None
    ) -> list[Relation]:
        """Relations with ``actor_id`` at either end, optionally only those that may hold on ``at``."""
        wanted = set(types) if types is not None else None
        day = dates.bounds(at)[0] if isinstance(at, str) else at
        return [
            r for r in self.relations
            if actor_id in (r.source, r.target)
            and (wanted is None or r.type in wanted)
            and (day is None or dates.holds_on(r.valid_from, r.valid_to, day))
        ]

    def actor_records(self) -> list[Actor]:
        """All known actors as interchange records."""
        return [a.to_record() for a in self.actors.values()]

    def place_records(self) -> list[Place]:
        """All known places as interchange records."""
        return [p.to_record() for p in self.places.values()]


def _data_files(root: Path, builtin: bool) -> list[tuple[Path, str]]:
    """The YAML files under ``root`` (or ``root`` itself) with the label used in messages and provenance."""
    if root.is_file():
        return [(root, str(root))]
    if not root.is_dir():
        raise GazetteerError(str(root), 0, "", "", "no such gazetteer file or directory")
    files = sorted(root.rglob("*.yaml"))
    return [(f, f.relative_to(root).as_posix() if builtin else str(f)) for f in files]


def _section(doc: LineDict, name: str, kind: type, label: str) -> Any:
    value = doc.get(name)
    if value is not None and not isinstance(value, kind):
        raise GazetteerError(label, doc.line, "", name, f"expected a {kind.__name__} in section {name!r}")
    return value


class _Builder:
    """Accumulates checked entries from many files, then cross-checks them into a :class:`Gazetteer`."""

    def __init__(self) -> None:
        self.variant_classes: list[list[str]] = []
        self.articles: list[str] = []
        self.titles: list[str] = []
        self.state_overrides: dict[str, StateOverride] = {}
        self.actors: list[tuple[dict[str, Any], Where]] = []
        self.places: list[tuple[dict[str, Any], Where]] = []
        self.raw_relations: list[RawRelation] = []

    def add_file(self, path: Path, label: str) -> None:
        doc = read_yaml(path, label)
        for key in doc:
            if key not in SECTIONS:
                raise GazetteerError(label, doc.line, "", str(key),
                                     f"unknown section; expected {', '.join(SECTIONS)}")
        for n, spellings in enumerate(_section(doc, "variants", list, label) or [], start=1):
            if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
                raise GazetteerError(label, doc.line, f"variants #{n}", "variants",
                                     f"expected a list of spellings, got {spellings!r}")
            self.variant_classes.append(spellings)
        for section, target in (("articles", self.articles), ("titles", self.titles)):
            for item in _section(doc, section, list, label) or []:
                if not isinstance(item, str):
                    raise GazetteerError(label, doc.line, "", section, f"expected strings, got {item!r}")
                target.append(item)
        for code, raw in (_section(doc, "states", dict, label) or {}).items():
            self._add_state(str(code), raw, label)
        for n, raw in enumerate(_section(doc, "actors", list, label) or [], start=1):
            where = entries.where_of(raw, label, f"actor #{n}")
            entry = entries.check_keys(raw, entries.ACTOR_KEYS, where, "an actor")
            fields = entries.actor_fields(entry, where)
            self.actors.append((fields, where))
            self.raw_relations.extend(entries.relations(raw, fields["id"], where))
        for n, raw in enumerate(_section(doc, "places", list, label) or [], start=1):
            where = entries.where_of(raw, label, f"place #{n}")
            entry = entries.check_keys(raw, entries.PLACE_KEYS, where, "a place")
            fields = entries.place_fields(entry, where)
            self.places.append((fields, where))

    def _add_state(self, code: str, raw: Any, label: str) -> None:
        where = Where(label, raw.line if isinstance(raw, LineDict) else 0, code)
        if pycountry.countries.get(alpha_3=code) is None or len(code) != 3:
            raise where.error("", f"{code!r} is not an ISO 3166-1 alpha-3 code")
        if code in self.state_overrides:
            first = self.state_overrides[code].where
            raise where.error("", f"state {code} is already described at {first.file}:{first.line}")
        entry = entries.check_keys(raw or {}, entries.STATE_KEYS, where, "a state")
        name = entries.text(entry, "name", where)
        self.raw_relations.extend(entries.relations(entry, state_id(code, name), where))
        self.state_overrides[code] = StateOverride(
            name=name,
            aliases=entries.names(entry, "aliases", where),
            demonyms=entries.names(entry, "demonyms", where),
            metonyms=entries.names(entry, "metonyms", where),
            where=where,
        )

    def build(self) -> Gazetteer:
        try:
            rules = NameRules.build(self.variant_classes, self.articles, self.titles)
        except ValueError as exc:
            raise GazetteerError("variants", 0, "", "variants", str(exc)) from None
        actors: dict[str, KnownActor] = {}
        places: dict[str, KnownPlace] = {}
        origin: dict[str, Where] = {}
        for actor, place in build_states(self.state_overrides):
            actors[actor.id] = actor
            places[place.id] = place
            origin[actor.id] = Where(actor.origin, 0, actor.id)
        for fields, where in self.actors:
            if fields["id"] in actors:
                first = _at(origin[fields["id"]])
                raise where.error("id", f"duplicate actor id {fields['id']!r} (first at {first})")
            actors[fields["id"]] = KnownActor(**fields, origin=f"{where.file}:{fields['id']}")
            origin[fields["id"]] = where
        place_origin: dict[str, str] = {pid: "pycountry (an ISO country)" for pid in places}
        for fields, where in self.places:
            if fields["id"] in places:
                first = place_origin[fields["id"]]
                raise where.error("id", f"duplicate place id {fields['id']!r} (first from {first})")
            places[fields["id"]] = KnownPlace(**fields, origin=f"{where.file}:{fields['id']}")
            place_origin[fields["id"]] = _at(where)
        return Gazetteer(rules=rules, actors=actors, places=places, relations=self._relations(actors))

    def _relations(self, actors: dict[str, KnownActor]) -> list[Relation]:
        out: dict[str, Relation] = {}
        for raw in self.raw_relations:
            if raw.target not in actors:
                raise raw.where.error("target", f"relation {raw.type} points at unknown actor {raw.target!r}")
            if raw.target == raw.source:
                raise raw.where.error("target", f"relation {raw.type} from {raw.source!r} to itself")
            rel_id = f"{raw.source}--{raw.type}--{raw.target}"
            if raw.valid_from:
                rel_id += f"--{raw.valid_from}"
            if rel_id in out:
                raise raw.where.error("", f"duplicate relation {raw.type} -> {raw.target} from the same date")
            out[rel_id] = Relation(
                id=rel_id, type=raw.type,
                source=raw.source, target=raw.target, role=raw.role,
                valid_from=raw.valid_from, valid_to=raw.valid_to, confidence=raw.confidence,
                provenance=[Provenance(dataset=GAZETTEER_DATASET, record=f"{raw.where.file}:{raw.source}",
                                       text=raw.note)],
            )
        return list(out.values())


def _at(where: Where) -> str:
    return f"{where.file}:{where.line}" if where.line else where.file


def load_gazetteer(extra: Sequence[str | Path] = (), builtin: bool = True) -> Gazetteer:
    """The gazetteer from the built-in data plus ``extra`` files or directories; cached per arguments.

    ``builtin=False`` loads only ``extra`` (ISO countries are always present).
    Raises :class:`GazetteerError` naming the file, line, entry and field of
    the first problem found.
    """
    return _load(tuple(str(p) for p in extra), builtin)


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...], builtin: bool) -> Gazetteer:
    builder = _Builder()
    roots = ([(DATA_DIR, True)] if builtin else []) + [(Path(p), False) for p in extra]
    for root, is_builtin in roots:
        for path, label in _data_files(root, is_builtin):
            builder.add_file(path, label)
    return builder.build()
