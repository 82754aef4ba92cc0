"""Checking one YAML entry field by field, so every problem is reported where it is.

Each function takes the raw mapping of an entry plus its location and returns
clean Python values, raising :class:`GazetteerError` with the file, line,
entry id and field on the first thing that is wrong. Cross-entry checks
(duplicate ids, relations to unknown actors) belong to the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pycountry

from brinkwatch import dates
from brinkwatch.knowledge.yaml_source import GazetteerError, LineDict
from brinkwatch.records import ACTOR_TYPES, PLACE_TYPES, RELATION_TYPES

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ACTOR_KEYS = frozenset({
    "id", "name", "type", "aliases", "country", "code", "born", "founded", "died", "dissolved",
    "demonyms", "metonyms", "relations", "note", "source",
})
PLACE_KEYS = frozenset({"id", "name", "type", "country", "lat", "lon", "aliases", "note", "source"})
RELATION_KEYS = frozenset({"type", "target", "role", "valid_from", "valid_to", "source", "confidence"})
STATE_KEYS = frozenset({"name", "aliases", "demonyms", "metonyms", "relations", "note", "source"})


@dataclass(frozen=True)
class Where:
    """The location of an entry: file label, line and entry id, for error messages."""

    file: str
    line: int
    entry: str

    def error(self, field: str, problem: str) -> GazetteerError:
        """An error at this entry naming ``field``."""
        return GazetteerError(self.file, self.line, self.entry, field, problem)


def where_of(raw: Any, file: str, fallback: str) -> Where:
    """The location of a raw entry, named by its id when it has one, else by ``fallback`` (its position)."""
    line = raw.line if isinstance(raw, LineDict) else 0
    entry = raw.get("id") if isinstance(raw, dict) else None
    return Where(file, line, entry if isinstance(entry, str) else fallback)


def check_keys(raw: Any, allowed: frozenset[str], where: Where, what: str) -> dict[str, Any]:
    """Require a mapping whose keys are all known, so a typo ("alias:") is caught, not ignored."""
    if not isinstance(raw, dict):
        raise where.error("", f"expected a mapping describing {what}, got {type(raw).__name__}")
    unknown = sorted(str(k) for k in raw if k not in allowed)
    if unknown:
        raise where.error(unknown[0], f"unknown key; expected one of {', '.join(sorted(allowed))}")
    return raw


def text(raw: dict[str, Any], key: str, where: Where, required: bool = False) -> str | None:
    """A non-empty string field."""
    value = raw.get(key)
    if value is None:
        if required:
            raise where.error(key, "is required")
        return None
    if not isinstance(value, str) or not value.strip():
        raise where.error(key, f"expected a non-empty string, got {value!r}")
    return value.strip()


def slug(raw: dict[str, Any], where: Where) -> str:
    """The entry's id: a lower-case slug that stays stable across releases."""
    value = text(raw, "id", where, required=True)
    assert value is not None
    if not SLUG.match(value):
        raise where.error("id", f"expected a lower-case slug such as 'kataib-hezbollah', got {value!r}")
    return value


def names(raw: dict[str, Any], key: str, where: Where) -> tuple[str, ...]:
    """A list of non-empty strings (aliases, demonyms, metonyms); a single string is accepted too."""
    value = raw.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise where.error(key, f"expected a list of names, got {type(value).__name__}")
    out: list[str] = []
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise where.error(key, f"expected names as non-empty strings, got {item!r}")
        out.append(item.strip())
    return tuple(dict.fromkeys(out))


def partial_date(raw: dict[str, Any], key: str, where: Where) -> str | None:
    """An ISO partial date (YYYY, YYYY-MM, YYYY-MM-DD); YAML may have parsed it as an int or a date."""
    value = raw.get(key)
    if value is None:
        return None
    as_text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    try:
        return dates.check(as_text)
    except dates.DateError as exc:
        raise where.error(key, str(exc)) from None


def choice(raw: dict[str, Any], key: str, allowed: tuple[str, ...], where: Where) -> str:
    """A required field whose value comes from a fixed vocabulary."""
    value = raw.get(key)
    if value not in allowed:
        raise where.error(key, f"expected one of {', '.join(allowed)}, got {value!r}")
    assert isinstance(value, str)
    return value


def country(raw: dict[str, Any], where: Where) -> str | None:
    """An ISO 3166-1 alpha-3 code that pycountry knows."""
    value = text(raw, "country", where)
    if value is None:
        return None
    if not re.fullmatch(r"[A-Z]{3}", value) or pycountry.countries.get(alpha_3=value) is None:
        raise where.error("country", f"expected an ISO 3166-1 alpha-3 code such as IRQ, got {value!r}")
    return value


def coordinate(raw: dict[str, Any], key: str, limit: float, where: Where) -> float | None:
    """A latitude or longitude in decimal degrees within +-limit."""
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
        raise where.error(key, f"expected decimal degrees between {-limit:g} and {limit:g}, got {value!r}")
    return float(value)


def interval(raw: dict[str, Any], start: str, end: str, where: Where) -> tuple[str | None, str | None]:
    """Two partial dates that must not run backwards (born/died, founded/dissolved, valid_from/valid_to)."""
    lo, hi = partial_date(raw, start, where), partial_date(raw, end, where)
    if lo and hi and dates.bounds(hi)[1] < dates.bounds(lo)[0]:
        raise where.error(end, f"{hi} is before {start} {lo}")
    return lo, hi


@dataclass(frozen=True)
class RawRelation:
    """A relation as written under its source actor, before its target is known to exist."""

    type: str
    source: str
    target: str
    role: str | None
    valid_from: str | None
    valid_to: str | None
    note: str | None
    confidence: float
    where: Where


def relations(raw: dict[str, Any], actor_id: str, where: Where) -> list[RawRelation]:
    """The ``relations`` list of an actor entry; ``target`` may be one id or a list of ids."""
    value = raw.get("relations")
    if value is None:
        return []
    if not isinstance(value, list):
        raise where.error("relations", f"expected a list of relations, got {type(value).__name__}")
    out: list[RawRelation] = []
    for n, item in enumerate(value, start=1):
        line = item.line if isinstance(item, LineDict) else where.line
        here = Where(where.file, line, f"{actor_id} relation #{n}")
        rel = check_keys(item, RELATION_KEYS, here, "a relation")
        rel_type = choice(rel, "type", RELATION_TYPES, here)
        targets = rel.get("target")
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not targets or not all(isinstance(t, str) for t in targets):
            raise here.error("target", f"expected an actor id or a list of actor ids, got {targets!r}")
        valid_from, valid_to = interval(rel, "valid_from", "valid_to", here)
        confidence = rel.get("confidence", 1.0)
        numeric = isinstance(confidence, (int, float)) and not isinstance(confidence, bool)
        if not numeric or not 0 <= confidence <= 1:
            raise here.error("confidence", f"expected a number from 0 to 1, got {confidence!r}")
        for target in targets:
            out.append(RawRelation(
                type=rel_type, source=actor_id, target=target, role=text(rel, "role", here),
                valid_from=valid_from, valid_to=valid_to, note=text(rel, "source", here),
                confidence=float(confidence), where=here,
            ))
    return out


def actor_fields(raw: dict[str, Any], where: Where) -> dict[str, Any]:
    """The checked scalar and list fields of an actor entry, ready for :class:`KnownActor`."""
    born, died = interval(raw, "born", "died", where)
    founded, dissolved = interval(raw, "founded", "dissolved", where)
    code = text(raw, "code", where)
    if code is not None and not re.fullmatch(r"[A-Z0-9]{3,15}", code):
        raise where.error("code", f"expected a CAMEO-style code of capitals such as IRQMIL, got {code!r}")
    return {
        "id": slug(raw, where),
        "name": text(raw, "name", where, required=True),
        "type": choice(raw, "type", ACTOR_TYPES, where),
        "aliases": names(raw, "aliases", where),
        "country": country(raw, where),
        "code": code,
        "born": born, "died": died, "founded": founded, "dissolved": dissolved,
        "demonyms": names(raw, "demonyms", where),
        "metonyms": names(raw, "metonyms", where),
    }


def place_fields(raw: dict[str, Any], where: Where) -> dict[str, Any]:
    """The checked fields of a place entry, ready for :class:`KnownPlace`."""
    return {
        "id": slug(raw, where),
        "name": text(raw, "name", where, required=True),
        "type": choice(raw, "type", PLACE_TYPES, where),
        "country": country(raw, where),
        "lat": coordinate(raw, "lat", 90, where),
        "lon": coordinate(raw, "lon", 180, where),
        "aliases": names(raw, "aliases", where),
    }
