"""POLECAT / PLOVER event records: JSON Lines, a JSON array streamed element by element, or POLECAT's
weekly tab-separated releases (a header of 'Event ID', 'Event Date', 'Actor Name' ... columns).

POLECAT and the PLOVER examples spell their fields in several ways ("event_date",
"story_date", "Event Date"; an actor as a string or an object); ``polecat.yaml``
lists the keys each field may come from, so a new spelling is a data change.
Older PLOVER labels (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) are read as today's
types. A type outside PLOVER is counted and reported; a mode that plover.yaml
does not list for the type is dropped from the event and counted. In the TSV,
several actors share a cell separated by ';' (countries likewise). Events are
identified by the record's event id, so re-importing adds nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    checked_rows,
    dataset_provenance,
    import_stream,
    numbered_rows,
    one_line,
    open_text,
    present,
)
from brinkwatch.ingest.tabular import trusted_event as _event
from brinkwatch.ontology import load_ontology
from brinkwatch.ontology.mappings import PolecatRules, fold_key, load_polecat
from brinkwatch.records import AnyRecord, RecordError

DATASET = "polecat"
EXPECT = "POLECAT/PLOVER JSON (JSON Lines or a JSON array of event objects) or POLECAT's weekly TSV"
CHUNK = 1 << 16


def read(path: Path, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors, places and events from a POLECAT/PLOVER JSON, JSON Lines or weekly TSV file."""
    return import_stream(DATASET, path, skip_bad_rows, _records)


def _objects(fh: IO[str], label: str, stats: ImportStats) -> Iterator[tuple[int, Any, str]]:
    """(line, decoded value, raw text) for each JSON Lines line, array element or TSV row.

    A JSON Lines line that does not decode is yielded as its RecordError, so that the
    caller can set it aside; a broken array cannot be read past, and stops the import.
    """
    head = fh.read(CHUNK)
    stripped = head.lstrip()
    if not stripped:
        raise RecordError(label, 1, "", f"the file is empty; expected {EXPECT}")
    if stripped[0] == "[":
        stats.layout = "POLECAT/PLOVER JSON array"
        for n, value in _array(fh, label, head):
            yield n, value, json.dumps(value, ensure_ascii=False)
        return
    first_line = stripped.split("\n", 1)[0]
    if stripped[0] != "{" and "\t" in first_line:
        stats.layout = "POLECAT weekly tab-separated release"
        yield from _tsv(fh, label, head)
        return
    if stripped[0] != "{":
        raise RecordError(label, 1, "", f"not {EXPECT}: it starts with {stripped[:20]!r}")
    stats.layout = "POLECAT/PLOVER JSON Lines"
    lines = (head + fh.read()).splitlines() if len(head) < CHUNK else None
    source = iter(lines) if lines is not None else _lines(fh, head)
    for n, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            yield n, json.loads(line), line
        except json.JSONDecodeError as exc:
            yield n, RecordError(label, n, "", f"not valid JSON: {exc.msg} at column {exc.colno}"), line


def _tsv(fh: IO[str], label: str, head: str) -> Iterator[tuple[int, Any, str]]:
    """POLECAT's weekly TSV: one record a row under a header ('Event ID', 'Actor Name' ...).

    Cells are read as the JSON keys of the same names; an empty cell is a missing value.
    A row of the wrong width is yielded as its RecordError.
    """
    rows = numbered_rows(_lines(fh, head), label, "\t")
    first = next(rows, None)
    if first is None:
        raise RecordError(label, 1, "", f"the file is empty; expected {EXPECT}")
    header = [h.strip() for h in first[1]]
    width = len(header)
    folded = {fold_key(h) for h in header}
    fields = load_polecat().fields
    missing = [name for name in ("id", "date", "type") if not folded & set(fields[name])]
    if missing:
        raise RecordError(
            label,
            first[0],
            "",
            f"not {EXPECT}: the tab-separated header has no event {', '.join(missing)} column"
            f" (found: {', '.join(header[:8])})",
        )
    for n, cells in rows:
        text = "\t".join(cells)
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != width:
            yield (
                n,
                RecordError(label, n, "", f"expected {width} tab-separated columns, found {len(cells)}"),
                text,
            )
            continue
        yield n, {k: v for k, v in zip(header, cells, strict=True) if present(v)}, text


def _lines(fh: IO[str], head: str) -> Iterator[str]:
    """Lines (without their line break) of a stream whose first chunk has already been read."""
    pending = head
    while True:
        *complete, pending = pending.split("\n")
        yield from complete
        more = fh.read(CHUNK)
        if not more:
            break
        pending += more
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


def _records(path: Path, label: str, stats: ImportStats, skip: bool) -> Iterator[AnyRecord]:
    rules = load_polecat()
    ontology = load_ontology()
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    field = rules.fields

    def check(n: int, obj: Any) -> _Row | None:
        if isinstance(obj, RecordError):
            raise obj
        if not isinstance(obj, dict):
            raise RecordError(label, n, "", f"expected a JSON object, got {type(obj).__name__}")
        f = _folded(obj)
        row = _pick(f, field["id"])
        if row is None:
            raise RecordError(label, n, "event_id", "missing; every event needs its id")
        row = str(row)
        raw_type = str(_pick(f, field["type"]) or "").strip().upper()
        type_, alias_mode = rules.type_aliases.get(raw_type, (raw_type, None))
        if type_ not in ontology.event_types:
            stats.unknown_codes[raw_type or "(no type)"] += 1
            return None
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
        return _Row(
            id=row,
            type=type_,
            mode=mode,
            day=day,
            intensity=intensity if intensity is not None else info.intensity_of(mode),
            quad=quad if quad is not None else info.quad_class,
            sides=(
                _actor_refs(_pick(f, field["source"]), _pick(f, field["source_country"]), rules),
                _actor_refs(_pick(f, field["target"]), _pick(f, field["target_country"]), rules),
            ),
            place=_place_values(label, n, f, rules),
            summary=one_line(str(_pick(f, field["summary"]) or "")),
        )

    with open_text(path, EXPECT) as fh:
        objects = ((n, (obj, text)) for n, obj, text in _objects(fh, label, stats))
        for _, _, r in checked_rows(objects, lambda n, o: check(n, o[0]), stats, skip, lambda o: o[1]):
            ends: list[list[str]] = [[], []]
            for side, refs in enumerate(r.sides):
                for ref in refs:
                    actor_id, new_actor = _actor(actors, ref, r.id)
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                    if actor_id not in ends[side]:
                        ends[side].append(actor_id)
            place_id = None
            if r.place is not None:
                place_id, new_place = places.place(*r.place, r.id)
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            stats.events += 1
            yield _event(
                {
                    "kind": "event",
                    "id": f"polecat-{r.id}",
                    "type": r.type,
                    "mode": r.mode,
                    "source": ends[0],
                    "target": ends[1],
                    "date": r.day,
                    "date_end": None,
                    "place": place_id,
                    "fatalities": None,
                    "intensity": r.intensity,
                    "quad_class": r.quad,
                    "summary": r.summary,
                    "confidence": 1.0,
                    "provenance": dataset_provenance(DATASET, r.id),
                }
            )


@dataclass
class _Row:
    """One POLECAT record, checked, before any actor or place is resolved."""

    id: str
    type: str
    mode: str | None
    day: str
    intensity: float
    quad: int
    sides: tuple[list[tuple[str, str | None, str | None]], list[tuple[str, str | None, str | None]]]
    place: tuple[str, str, str | None, float | None, float | None] | None
    summary: str


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
    """(name, country, code) for each actor given as a string, an object, or a list of either.

    POLECAT's TSV lists several actors in one cell separated by ';', with their countries
    likewise; the two lists are paired in order.
    """
    if isinstance(value, str) and ";" in value:
        value = [v.strip() for v in value.split(";") if v.strip()]
        countries = [c.strip() for c in country.split(";")] if isinstance(country, str) else []
        if len(countries) == len(value):
            value = [{"name": v, "country": c or None} for v, c in zip(value, countries, strict=True)]
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


def _place_values(
    label: str, n: int, f: dict[str, Any], rules: PolecatRules
) -> tuple[str, str, str | None, float | None, float | None] | None:
    """(name, type, country, lat, lon) of the record's location, checked; None when it gives none."""
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
        return None
    try:
        lat_f = float(lat) if lat not in (None, "") else None
        lon_f = float(lon) if lon not in (None, "") else None
    except (TypeError, ValueError):
        raise RecordError(label, n, "latitude", f"coordinates {lat!r}, {lon!r} are not numbers") from None
    if (lat_f is not None and not -90 <= lat_f <= 90) or (lon_f is not None and not -180 <= lon_f <= 180):
        raise RecordError(label, n, "latitude", f"coordinates {lat_f}, {lon_f} are out of range")
    iso = str(country) if country and len(str(country)) == 3 and str(country).isalpha() else None
    return str(value), "city", iso.upper() if iso else None, lat_f, lon_f
