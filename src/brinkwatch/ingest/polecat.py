"""POLECAT / PLOVER event records in JSON: JSON Lines, or one JSON array streamed element by element.

POLECAT and the PLOVER examples spell their fields in several ways ("event_date",
"story_date", "Event Date"; an actor as a string or an object); ``polecat.yaml``
lists the keys each field may come from, so a new spelling is a data change.
Older PLOVER labels (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) are read as today's
types. A type outside PLOVER is counted and reported; a mode that plover.yaml
does not list for the type is dropped from the event and counted. Events are
identified by the record's event id, so re-importing adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    dataset_provenance,
    label_of,
    one_line,
    open_text,
)
from brinkwatch.ingest.tabular import trusted_event as _event
from brinkwatch.ontology import load_ontology
from brinkwatch.ontology.mappings import PolecatRules, fold_key, load_polecat
from brinkwatch.records import AnyRecord, RecordError

DATASET = "polecat"
EXPECT = "POLECAT/PLOVER JSON (JSON Lines or a JSON array of event objects)"
CHUNK = 1 << 16


def read(path: Path) -> ImportStream:
    """Stream actors, places and events from a POLECAT/PLOVER JSON or JSON Lines file."""
    path = Path(path)
    label = label_of(path)
    stats = ImportStats(dataset=DATASET, source=label)
    return ImportStream(_records(path, label, stats), stats)


def _objects(fh: IO[str], label: str) -> Iterator[tuple[int, Any]]:
    """(line, decoded value) for each JSON Lines line or each element of a top-level array."""
    head = fh.read(CHUNK)
    stripped = head.lstrip()
    if not stripped:
        raise RecordError(label, 1, "", f"the file is empty; expected {EXPECT}")
    if stripped[0] == "[":
        yield from _array(fh, label, head)
        return
    if stripped[0] != "{":
        raise RecordError(label, 1, "", f"not {EXPECT}: it starts with {stripped[:20]!r}")
    lines = (head + fh.read()).splitlines() if len(head) < CHUNK else None
    source = iter(lines) if lines is not None else _lines(fh, head)
    for n, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(label, n, "", f"not valid JSON: {exc.msg} at column {exc.colno}") from None


def _lines(fh: IO[str], head: str) -> Iterator[str]:
    """Lines of a stream whose first chunk has already been read."""
    pending = head
    for chunk in iter(lambda: fh.read(CHUNK), ""):
        pending += chunk
        *complete, pending = pending.split("\n")
        yield from complete
    if pending:
        yield pending


def _array(fh: IO[str], label: str, buffer: str) -> Iterator[tuple[int, Any]]:
    """Elements of a top-level JSON array, decoded one at a time so memory stays bounded."""
    decoder = json.JSONDecoder()
    pos = buffer.index("[") + 1
    line = 1 + buffer.count("\n", 0, pos)
    eof = False
    while True:
        while True:  # skip whitespace and commas, refilling the buffer as needed
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                line += buffer[pos] == "\n"
                pos += 1
            if pos < len(buffer) or eof:
                break
            buffer, pos = buffer[pos:] + fh.read(CHUNK), 0
            eof = pos >= len(buffer)
        if pos >= len(buffer):
            raise RecordError(label, line, "", "the JSON array is not closed (truncated file?)")
        if buffer[pos] == "]":
            return
        while True:
            try:
                value, end = decoder.raw_decode(buffer, pos)
                break
            except json.JSONDecodeError as exc:
                more = "" if eof else fh.read(CHUNK)
                if not more:
                    raise RecordError(
                        label, line + buffer.count("\n", pos, exc.pos), "", f"not valid JSON: {exc.msg}"
                    ) from None
                buffer, pos = buffer[pos:] + more, 0
        yield line, value
        line += buffer.count("\n", pos, end)
        pos = end


def _pick(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in obj and obj[key] not in (None, ""):
            return obj[key]
    return None


def _folded(obj: dict[str, Any]) -> dict[str, Any]:
    return {fold_key(str(k)): v for k, v in obj.items()}


def _records(path: Path, label: str, stats: ImportStats) -> Iterator[AnyRecord]:
    rules = load_polecat()
    ontology = load_ontology()
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        for n, obj in _objects(fh, label):
            if not isinstance(obj, dict):
                raise RecordError(label, n, "", f"expected a JSON object, got {type(obj).__name__}")
            stats.rows += 1
            f = _folded(obj)
            field = rules.fields
            row = _pick(f, field["id"])
            if row is None:
                raise RecordError(label, n, "event_id", "missing; every event needs its id")
            row = str(row)
            raw_type = str(_pick(f, field["type"]) or "").strip().upper()
            type_, alias_mode = rules.type_aliases.get(raw_type, (raw_type, None))
            if type_ not in ontology.event_types:
                stats.unknown_codes[raw_type or "(no type)"] += 1
                continue
            info = ontology.event_types[type_]
            mode = str(_pick(f, field["mode"]) or alias_mode or "").strip().lower() or None
            if mode is not None and mode not in info.modes:
                stats.skipped[f"mode {mode!r} not in plover.yaml for {type_} (event kept without mode)"] += 1
                mode = None
            date_text = _pick(f, field["date"])
            if date_text is None:
                raise RecordError(label, n, "event_date", "missing")
            try:
                day = dates.parse(str(date_text))
            except ValueError as exc:
                raise RecordError(label, n, "event_date", str(exc)) from None
            intensity = _intensity(label, n, _pick(f, field["intensity"]))
            quad = _quad(label, n, _pick(f, field["quad_class"]), rules)
            ends: list[list[str]] = [[], []]
            for side, (name_key, country_key) in enumerate(
                (("source", "source_country"), ("target", "target_country"))
            ):
                for ref in _actor_refs(_pick(f, field[name_key]), _pick(f, field[country_key]), rules):
                    actor_id, new_actor = _actor(actors, ref, row)
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                    ends[side].append(actor_id)
            place_id, new_place = _place(label, n, f, rules, places, row)
            if new_place is not None:
                stats.places += 1
                yield new_place
            summary = one_line(str(_pick(f, field["summary"]) or ""))
            stats.events += 1
            yield _event(
                {
                    "kind": "event",
                    "id": f"polecat-{row}",
                    "type": type_,
                    "mode": mode,
                    "source": ends[0],
                    "target": ends[1],
                    "date": day,
                    "date_end": None,
                    "place": place_id,
                    "fatalities": None,
                    "intensity": intensity if intensity is not None else info.intensity_of(mode),
                    "quad_class": quad if quad is not None else info.quad_class,
                    "summary": summary,
                    "confidence": 1.0,
                    "provenance": dataset_provenance(DATASET, row),
                }
            )


def _intensity(label: str, n: int, value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RecordError(label, n, "event_intensity", f"{value!r} is not a number") from None
    if not -10 <= number <= 10:
        raise RecordError(label, n, "event_intensity", f"{number} is outside -10..10")
    return number


def _quad(label: str, n: int, value: Any, rules: PolecatRules) -> int | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    quad = rules.quad_aliases.get(text) or (int(text) if text.isdigit() else None)
    if quad not in (1, 2, 3, 4):
        raise RecordError(
            label, n, "quad_code", f"{value!r} is not a quad class (1-4 or e.g. 'VERBAL CONFLICT')"
        )
    return quad


def _actor_refs(value: Any, country: Any, rules: PolecatRules) -> list[tuple[str, str | None, str | None]]:
    """(name, country, code) for each actor given as a string, an object, or a list of either."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    refs: list[tuple[str, str | None, str | None]] = []
    for item in items:
        if isinstance(item, dict):
            f = _folded(item)
            name, code = _pick(f, rules.actor_fields["name"]), _pick(f, rules.actor_fields["code"])
            item_country = _pick(f, rules.actor_fields["country"]) or country
        else:
            name, code, item_country = item, None, country
        if name or code:
            refs.append(
                (str(name or code), str(item_country) if item_country else None, str(code) if code else None)
            )
    return refs


def _actor(actors: ActorDirectory, ref: tuple[str, str | None, str | None], row: str) -> tuple[str, Any]:
    name, country, code = ref
    if code:
        return actors.by_code(code, row, name)
    return actors.by_name(name, row, "organization", prefer_country=country)


def _place(
    label: str,
    n: int,
    f: dict[str, Any],
    rules: PolecatRules,
    places: PlaceDirectory,
    row: str,
) -> tuple[str | None, Any]:
    value = _pick(f, rules.fields["location"])
    lat, lon = _pick(f, rules.fields["latitude"]), _pick(f, rules.fields["longitude"])
    country = _pick(f, rules.fields["location_country"])
    if isinstance(value, dict):
        loc = _folded(value)
        value = _pick(loc, rules.location_fields["name"])
        lat = _pick(loc, rules.location_fields["latitude"]) if lat is None else lat
        lon = _pick(loc, rules.location_fields["longitude"]) if lon is None else lon
        country = _pick(loc, rules.location_fields["country"]) or country
    if not value:
        return None, None
    try:
        lat_f = float(lat) if lat is not None else None
        lon_f = float(lon) if lon is not None else None
    except (TypeError, ValueError):
        raise RecordError(label, n, "latitude", f"coordinates {lat!r}, {lon!r} are not numbers") from None
    if (lat_f is not None and not -90 <= lat_f <= 90) or (lon_f is not None and not -180 <= lon_f <= 180):
        raise RecordError(label, n, "latitude", f"coordinates {lat_f}, {lon_f} are out of range")
    iso = str(country) if country and len(str(country)) == 3 and str(country).isalpha() else None
    return places.place(str(value), "city", iso.upper() if iso else None, lat_f, lon_f, row)
