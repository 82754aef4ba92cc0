"""Code mappings read from data: dataset event codes -> PLOVER type and mode, and the actor code tables.

Importers never hard-code what a CAMEO, WEIS or ACLED category means. They ask this
module, which reads the TSV/YAML files next to it (``codesets/*.tsv``,
``acled_plover.tsv``, ``acled_inter.tsv``, ``cameo_actor_roles.tsv``,
``legacy_actor_codes.tsv``, ``ucdp.yaml``, ``polecat.yaml``), so an analyst can
correct a mapping without touching Python. Every PLOVER type and mode named in a
table is checked against ``plover.yaml`` when the table loads; a mistake is reported
with the file and line, before any dataset row is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from brinkwatch.ontology import load_ontology
from brinkwatch.records import ACTOR_TYPES, PLACE_TYPES

CODESETS = ("cameo-1.1", "cameo-0.5b1", "weis")
"""Event code sets brinkwatch can read, in order of preference when a table fits several equally."""

LEGACY_CODESETS = frozenset({"cameo-0.5b1", "weis"})
"""Code sets of the KEDS era, whose actor codes follow ``legacy_actor_codes.tsv`` before ISO 3166."""


class MappingError(ValueError):
    """A mapping table that does not fit the ontology, located by file and line."""

    def __init__(self, file: str, line: int, problem: str) -> None:
        self.file, self.line, self.problem = file, line, problem
        super().__init__(f"{file}:{line}: {problem}")


@dataclass(frozen=True)
class EventMapping:
    """What one dataset category means in PLOVER: type, mode, and its place on the -10..10 axis.

    ``goldstein`` is the code's own Goldstein value where the source scale gives
    one (CAMEO, WEIS); otherwise the intensity comes from the ontology's type and mode.
    """

    type: str
    mode: str | None
    quad_class: int
    goldstein: float | None = None

    @property
    def intensity(self) -> float:
        """The Goldstein value if the code has one, else the PLOVER type/mode intensity."""
        if self.goldstein is not None:
            return self.goldstein
        return load_ontology().event_type(self.type).intensity_of(self.mode)


@dataclass(frozen=True)
class CodeSet:
    """One event code set: every valid code, mapped to PLOVER or to None (valid but no PLOVER event)."""

    name: str
    codes: dict[str, EventMapping | None]

    def knows(self, code: str) -> bool:
        """Whether ``code`` is a code of this set at all (mapped or not)."""
        return code in self.codes

    def get(self, code: str) -> EventMapping | None:
        """The PLOVER mapping of a code; None for an unknown code or one with no PLOVER event."""
        return self.codes.get(code)


@dataclass(frozen=True)
class ActorRole:
    """A CAMEO actor role code (MIL, GOV ...): the actor type it implies, and how role actors are named."""

    actor_type: str
    label: str
    title: str

    def name(self, country: str | None) -> str:
        """The role actor's name: 'Military of Iran', or 'Military (country not given)'."""
        return f"{self.title} of {country}" if country else f"{self.title} (country not given)"


@dataclass(frozen=True)
class LegacyCode:
    """A KEDS-era actor code: the ISO country it stands for, or the body it names."""

    iso3: str | None
    name: str | None
    actor_type: str


@dataclass(frozen=True)
class UcdpRules:
    """How UCDP GED rows become events, places and actors (see ``ucdp.yaml``)."""

    violence: dict[str, EventMapping]
    date_precision: dict[str, str]
    place_types: dict[str, str]
    actor_rules: list[dict[str, Any]]
    multi_actor_separator: re.Pattern[str]
    state_prefix: str
    place_suffixes: tuple[str, ...]

    def place_name(self, name: str) -> str:
        """A GED place name without its trailing feature word ("Al Fallūjah town" -> "Al Fallūjah")."""
        for suffix in self.place_suffixes:
            if name.endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)].strip()
        return name

    def actor_type(self, name: str) -> str:
        """The type of a UCDP side the gazetteer does not know, by the first matching name rule."""
        for rule in self.actor_rules:
            if "prefix" in rule and name.startswith(rule["prefix"]):
                return str(rule["actor_type"])
            if "exact" in rule and name == rule["exact"]:
                return str(rule["actor_type"])
            if rule.get("default"):
                return str(rule["actor_type"])
        return "armed_group"


@dataclass(frozen=True)
class PolecatRules:
    """Which JSON keys carry which field in POLECAT/PLOVER records (see ``polecat.yaml``)."""

    fields: dict[str, tuple[str, ...]]
    actor_fields: dict[str, tuple[str, ...]]
    location_fields: dict[str, tuple[str, ...]]
    type_aliases: dict[str, tuple[str, str | None]]
    quad_aliases: dict[str, int] = field(default_factory=dict)


def _text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _read_tsv(name: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a commented TSV as (line number, {column: value}); the first uncommented line is the header."""
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for n, raw in enumerate(_text(name).splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise MappingError(name, n, f"expected {len(header)} tab-separated columns, found {len(cells)}")
        rows.append((n, dict(zip(header, (c.strip() for c in cells), strict=True))))
    return rows


def _mapping(file: str, line: int, type_: str, mode: str | None, goldstein: float | None) -> EventMapping:
    """Build a mapping, checking the type and mode against plover.yaml."""
    ontology = load_ontology()
    if type_ not in ontology.event_types:
        raise MappingError(
            file, line, f"{type_!r} is not a PLOVER event type; known: {', '.join(ontology.event_types)}"
        )
    info = ontology.event_types[type_]
    if mode and mode not in info.modes:
        known = ", ".join(info.modes) or "none"
        raise MappingError(file, line, f"{mode!r} is not a mode of {type_} in plover.yaml; known: {known}")
    if goldstein is not None and not -10.0 <= goldstein <= 10.0:
        raise MappingError(file, line, f"Goldstein value {goldstein} is outside -10..10")
    return EventMapping(type=type_, mode=mode or None, quad_class=info.quad_class, goldstein=goldstein)


@lru_cache(maxsize=len(CODESETS))
def load_codeset(name: str) -> CodeSet:
    """Read ``codesets/<name>.tsv`` once per process."""
    if name not in CODESETS:
        raise ValueError(f"unknown event code set {name!r}; expected one of: {', '.join(CODESETS)}")
    file = f"codesets/{name}.tsv"
    codes: dict[str, EventMapping | None] = {}
    for n, row in _read_tsv(file):
        code = row["code"]
        if not code.isdigit() or not 2 <= len(code) <= 4:
            raise MappingError(file, n, f"{code!r} is not a 2- to 4-digit event code")
        if code in codes:
            raise MappingError(file, n, f"code {code} is listed twice")
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            raise MappingError(file, n, f"goldstein {row['goldstein']!r} is not a number") from None
        codes[code] = (
            _mapping(file, n, row["plover_type"], row["plover_mode"], goldstein)
            if row["plover_type"]
            else None
        )
    return CodeSet(name=name, codes=codes)


@dataclass(frozen=True)
class AcledMap:
    """ACLED event/sub-event types -> PLOVER, with a per-event-type fallback ('*')."""

    entries: dict[tuple[str, str], EventMapping | None]
    """Keys are case-folded: exports differ in capitals ('Battle-No change of territory')."""

    def knows(self, event_type: str, sub_event_type: str) -> bool:
        """Whether the table says anything about this category (a mapping or an explicit 'no event')."""
        e, s = event_type.casefold(), sub_event_type.casefold()
        return (e, s) in self.entries or (e, "*") in self.entries

    def get(self, event_type: str, sub_event_type: str) -> EventMapping | None:
        """The mapping for the exact sub-event type, else the event type's fallback, else None."""
        e, s = event_type.casefold(), sub_event_type.casefold()
        return self.entries.get((e, s), self.entries.get((e, "*")))


@lru_cache(maxsize=1)
def load_acled() -> AcledMap:
    """Read ``acled_plover.tsv``; goldstein is None so intensity comes from the PLOVER type/mode."""
    file = "acled_plover.tsv"
    entries: dict[tuple[str, str], EventMapping | None] = {}
    for n, row in _read_tsv(file):
        key = (row["event_type"].casefold(), row["sub_event_type"].casefold())
        entries[key] = (
            _mapping(file, n, row["plover_type"], row["plover_mode"], None) if row["plover_type"] else None
        )
    return AcledMap(entries)


@lru_cache(maxsize=1)
def load_acled_inter() -> dict[str, str]:
    """ACLED interaction codes and labels (lower-cased) -> actor type."""
    file = "acled_inter.tsv"
    out: dict[str, str] = {}
    for n, row in _read_tsv(file):
        if row["actor_type"] not in ACTOR_TYPES:
            raise MappingError(
                file, n, f"{row['actor_type']!r} is not an actor type; known: {', '.join(ACTOR_TYPES)}"
            )
        out[row["inter"]] = row["actor_type"]
        out[row["label"].lower()] = row["actor_type"]
    return out


@lru_cache(maxsize=1)
def load_actor_roles() -> dict[str, ActorRole]:
    """CAMEO actor role suffixes (GOV, MIL ...) -> type and label."""
    file = "cameo_actor_roles.tsv"
    out: dict[str, ActorRole] = {}
    for n, row in _read_tsv(file):
        if row["actor_type"] not in ACTOR_TYPES:
            raise MappingError(
                file, n, f"{row['actor_type']!r} is not an actor type; known: {', '.join(ACTOR_TYPES)}"
            )
        out[row["role"]] = ActorRole(actor_type=row["actor_type"], label=row["label"], title=row["title"])
    return out


@lru_cache(maxsize=1)
def load_legacy_codes() -> dict[str, LegacyCode]:
    """KEDS-era actor codes -> ISO country or named body."""
    file = "legacy_actor_codes.tsv"
    out: dict[str, LegacyCode] = {}
    for n, row in _read_tsv(file):
        if row["actor_type"] not in ACTOR_TYPES:
            raise MappingError(
                file, n, f"{row['actor_type']!r} is not an actor type; known: {', '.join(ACTOR_TYPES)}"
            )
        if not row["iso3"] and not row["name"]:
            raise MappingError(file, n, "a legacy code needs an ISO code or a name")
        out[row["code"]] = LegacyCode(
            iso3=row["iso3"] or None, name=row["name"] or None, actor_type=row["actor_type"]
        )
    return out


@lru_cache(maxsize=1)
def load_state_names() -> dict[str, str]:
    """Country names datasets use that the gazetteer does not (case-folded) -> ISO 3166 alpha-3."""
    file = "state_names.tsv"
    out: dict[str, str] = {}
    for n, row in _read_tsv(file):
        iso3 = row["iso3"]
        if not (len(iso3) == 3 and iso3.isalpha() and iso3.isupper()):
            raise MappingError(file, n, f"{iso3!r} is not an ISO 3166 alpha-3 code")
        out[row["name"].casefold()] = iso3
    return out


def _yaml(name: str) -> dict[str, Any]:
    data = yaml.safe_load(_text(name))
    if not isinstance(data, dict):
        raise MappingError(name, 1, "expected a mapping at the top level")
    return data


@lru_cache(maxsize=1)
def load_ucdp() -> UcdpRules:
    """Read ``ucdp.yaml``."""
    file = "ucdp.yaml"
    data = _yaml(file)
    violence = {
        str(k): _mapping(file, 0, str(v["plover_type"]), v.get("plover_mode"), None)
        for k, v in data["type_of_violence"].items()
    }
    place_types = {str(k): str(v) for k, v in data["where_prec"].items()}
    for key, value in place_types.items():
        if value not in PLACE_TYPES:
            raise MappingError(
                file, 0, f"where_prec {key}: {value!r} is not a place type; known: {', '.join(PLACE_TYPES)}"
            )
    return UcdpRules(
        violence=violence,
        date_precision={str(k): str(v) for k, v in data["date_prec"].items()},
        place_types=place_types,
        actor_rules=list(data["actor_types"]),
        multi_actor_separator=re.compile(str(data["multi_actor_separator"])),
        state_prefix=str(data["state_prefix"]),
        place_suffixes=tuple(str(s) for s in data["place_suffixes"]),
    )


def _keys(values: Any) -> tuple[str, ...]:
    return tuple(fold_key(str(v)) for v in values)


def fold_key(key: str) -> str:
    """Fold a JSON key so 'Event Date', 'event_date' and 'EventDate' compare equal."""
    return key.lower().replace(" ", "").replace("_", "").replace("-", "")


@lru_cache(maxsize=1)
def load_polecat() -> PolecatRules:
    """Read ``polecat.yaml``; type aliases are checked against the ontology."""
    file = "polecat.yaml"
    data = _yaml(file)
    ontology = load_ontology()
    aliases: dict[str, tuple[str, str | None]] = {}
    for old, new in data["type_aliases"].items():
        target, mode = (new["type"], new.get("mode")) if isinstance(new, dict) else (new, None)
        if target not in ontology.event_types:
            raise MappingError(file, 0, f"type alias {old}: {target!r} is not a PLOVER event type")
        aliases[str(old).upper()] = (str(target), mode)
    return PolecatRules(
        fields={k: _keys(v) for k, v in data["fields"].items()},
        actor_fields={k: _keys(v) for k, v in data["actor_fields"].items()},
        location_fields={k: _keys(v) for k, v in data["location_fields"].items()},
        type_aliases=aliases,
        quad_aliases={str(k).upper(): int(v) for k, v in data["quad_aliases"].items()},
    )


@dataclass(frozen=True)
class GdeltRules:
    """How GDELT 2.0 rows are read (see ``gdelt.yaml``)."""

    codeset: str
    place_types: dict[str, str]
    header_aliases: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_gdelt() -> GdeltRules:
    """Read ``gdelt.yaml``."""
    file = "gdelt.yaml"
    data = _yaml(file)
    if data["codeset"] not in CODESETS:
        raise MappingError(file, 0, f"codeset {data['codeset']!r} is not one of {', '.join(CODESETS)}")
    place_types = {str(k): str(v) for k, v in data["geo_types"].items()}
    for key, value in place_types.items():
        if value not in PLACE_TYPES:
            raise MappingError(
                file, 0, f"geo_types {key}: {value!r} is not a place type; known: {', '.join(PLACE_TYPES)}"
            )
    aliases = {str(k): str(v) for k, v in (data.get("header_aliases") or {}).items()}
    return GdeltRules(codeset=str(data["codeset"]), place_types=place_types, header_aliases=aliases)


@dataclass(frozen=True)
class AcledRules:
    """How ACLED rows are read, dated and placed (see ``acled.yaml``)."""

    date_precision: dict[str, str]
    place_types: dict[str, str]
    week_days: int
    columns: dict[str, str]
    assoc_separator: str
    layouts: list[dict[str, Any]]

    def layout(self, names: list[str], columns: set[str]) -> str:
        """The name of the first layout in ``acled.yaml`` that a header fits."""
        letters = "".join(names)
        upper = sum(c.isupper() for c in letters) > sum(c.islower() for c in letters)
        raw = {n.strip().lower() for n in names}
        for layout in self.layouts:
            if layout.get("case") == "upper" and not upper:
                continue
            if layout.get("case") != "upper" and "case" in layout:
                continue
            if not all(c in columns for c in layout.get("has", ())):
                continue
            if any(c in columns for c in layout.get("lacks", ())):
                continue
            if not all(c in raw for c in layout.get("raw", ())):
                continue
            return str(layout["name"])
        return "ACLED export"


@lru_cache(maxsize=1)
def load_acled_rules() -> AcledRules:
    """Read ``acled.yaml``."""
    file = "acled.yaml"
    data = _yaml(file)
    place_types = {str(k): str(v) for k, v in data["geo_precision"].items()}
    for key, value in place_types.items():
        if value not in PLACE_TYPES:
            raise MappingError(file, 0, f"geo_precision {key}: {value!r} is not a place type")
    precision = {str(k): str(v) for k, v in data["time_precision"].items()}
    for key, value in precision.items():
        if value not in ("day", "week", "month"):
            raise MappingError(file, 0, f"time_precision {key}: {value!r} is not day, week or month")
    return AcledRules(
        date_precision=precision,
        place_types=place_types,
        week_days=int(data["week_days"]),
        columns={str(k): str(v) for k, v in data["columns"].items()},
        assoc_separator=str(data["assoc_separator"]),
        layouts=list(data["layouts"]),
    )


@dataclass(frozen=True)
class IcewsRules:
    """How ICEWS event files are read (see ``icews.yaml``)."""

    codeset: str
    generic_roles: dict[str, ActorRole]
    sector_types: list[tuple[str, str]]
    default_type: str
    sector_separator: str

    def actor_type(self, sectors: list[str]) -> str:
        """The type of a named actor from its ICEWS sectors, by the first rule that matches."""
        for word, actor_type in self.sector_types:
            if any(word.lower() in s.lower() for s in sectors):
                return actor_type
        return self.default_type


@lru_cache(maxsize=1)
def load_icews() -> IcewsRules:
    """Read ``icews.yaml``; role codes are checked against ``cameo_actor_roles.tsv``."""
    file = "icews.yaml"
    data = _yaml(file)
    if data["codeset"] not in CODESETS:
        raise MappingError(file, 0, f"codeset {data['codeset']!r} is not one of {', '.join(CODESETS)}")
    roles = load_actor_roles()
    generic: dict[str, ActorRole] = {}
    for label, code in data["generic_roles"].items():
        if code not in roles:
            raise MappingError(file, 0, f"generic_roles {label}: {code!r} is not in cameo_actor_roles.tsv")
        generic[str(label).casefold()] = roles[code]
    rules = []
    for rule in data["sector_types"]:
        if rule["actor_type"] not in ACTOR_TYPES:
            raise MappingError(file, 0, f"sector_types: {rule['actor_type']!r} is not an actor type")
        rules.append((str(rule["contains"]), str(rule["actor_type"])))
    if data["default_type"] not in ACTOR_TYPES:
        raise MappingError(file, 0, f"default_type: {data['default_type']!r} is not an actor type")
    return IcewsRules(
        codeset=str(data["codeset"]),
        generic_roles=generic,
        sector_types=rules,
        default_type=str(data["default_type"]),
        sector_separator=str(data["sector_separator"]),
    )
