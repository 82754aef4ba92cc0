"""ICEWS coded event files: one event a row, CAMEO codes mapped to PLOVER, actors with their sectors.

The Dataverse release (``events.1995.20150313082510.tab``, often zipped) is
tab-separated under a header of 'Event ID', 'Event Date', 'Source Name', 'Source
Sectors', 'Source Country', 'Event Text', 'CAMEO Code', 'Intensity', 'Target Name'
... 'City', 'District', 'Province', 'Country', 'Latitude', 'Longitude'; a
comma-separated copy reads the same. The CAMEO code gives the PLOVER type and
mode (``codesets/cameo-1.1.tsv``; a code whose leading zero a spreadsheet dropped
is read with it), the row's Intensity is the event's intensity.

Actors are what the row says. ICEWS names an actor it cannot identify by its
sector and country ("Police (Nigeria)"): a sector listed in ``icews.yaml`` makes
it the CAMEO role actor of that country ("Police of Nigeria", the same actor as
GDELT's NGACOP); any other is kept under ICEWS's own name with its country. A
named actor is looked up in the gazetteer (preferring its Source Country), else
becomes a new actor of that country typed by its sectors. Every actor keeps the
sectors of the row that introduced it (``sectors``). Events are identified by
ICEWS's Event ID, so re-importing adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    cameo_mapping,
    checked_rows,
    coordinates,
    dataset_event,
    import_stream,
    number,
    one_line,
    open_text,
    read_table,
)
from brinkwatch.ontology.mappings import EventMapping, IcewsRules, load_codeset, load_icews
from brinkwatch.records import Actor, AnyRecord, RecordError

DATASET = "icews"
EXPECT = "an ICEWS event file (tab-separated, with Event ID, Event Date, CAMEO Code ... columns)"
REQUIRED = ("event_id", "event_date", "source_name", "cameo_code", "target_name")
GENERIC = re.compile(r"^(.+?) \(([^()]+)\)$")
PLACE_LEVELS = (("city", "city"), ("district", "province"), ("province", "province"), ("country", "country"))
"""The place columns from the most to the least precise, with the place type each gives."""


def read(path: Path, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors, places and events from an ICEWS event file."""
    return import_stream(DATASET, path, skip_bad_rows, _records)


@dataclass
class _Row:
    """One ICEWS row, checked, before any actor or place is resolved."""

    id: str
    code: str
    mapping: EventMapping
    day: str
    intensity: float | None
    place: tuple[str, str, str] | None
    """(name, place type, country name) of the most precise place the row gives."""
    lat: float | None
    lon: float | None


def _records(path: Path, label: str, stats: ImportStats, skip: bool) -> Iterator[AnyRecord]:
    rules = load_icews()
    codes = load_codeset(rules.codeset).codes
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        table = read_table(fh, label, REQUIRED, EXPECT)
        stats.layout = "ICEWS event file" + (
            "" if table.delimiter == "\t" else f" ({table.delimiter!r}-separated)"
        )

        cell = table.cell

        def check(n: int, cells: list[str]) -> _Row | None:
            if len(cells) != table.width:
                raise table.width_error(n, cells)
            row = cell(cells, "event_id")
            if not row:
                raise RecordError(label, n, "Event ID", "is empty; every ICEWS event needs its id")
            code = cell(cells, "cameo_code")
            if code not in codes and code.isdigit() and len(code) < 3:
                code = code.zfill(3)
            mapping = cameo_mapping(codes, code, stats, label, n, "CAMEO Code")
            if mapping is None:
                return None
            try:
                day = dates.parse(cell(cells, "event_date"))
            except ValueError as exc:
                raise RecordError(label, n, "Event Date", str(exc)) from None
            intensity = number(label, n, "Intensity", cell(cells, "intensity"), float)
            if intensity is not None and not -10 <= intensity <= 10:
                raise RecordError(label, n, "Intensity", f"{intensity} is outside -10..10")
            place = next(
                ((cell(cells, c), t, cell(cells, "country")) for c, t in PLACE_LEVELS if cell(cells, c)), None
            )
            lat = lon = None
            if place is not None:
                lat, lon = coordinates(label, n, cell(cells, "latitude"), cell(cells, "longitude"))
            return _Row(row, code, mapping, day, intensity, place, lat, lon)

        for _, cells, r in checked_rows(table.rows(), check, stats, skip, table.text):
            ends: list[list[str]] = [[], []]
            for side, prefix in enumerate(("source", "target")):
                name = cell(cells, f"{prefix}_name")
                if not name:
                    continue
                sectors = [
                    s.strip()
                    for s in cell(cells, f"{prefix}_sectors").split(rules.sector_separator)
                    if s.strip()
                ]
                actor_id, new_actor = _actor(
                    actors, rules, name, sectors, cell(cells, f"{prefix}_country"), r.id
                )
                if new_actor is not None:
                    stats.actors += 1
                    yield new_actor
                ends[side].append(actor_id)
            place_id = None
            if r.place is not None:
                name, place_type, country_name = r.place
                state = actors.state(country_name) if country_name else None
                place_id, new_place = places.place(
                    name, place_type, state.country if state else None, r.lat, r.lon, r.id
                )
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            text = cell(cells, "event_text")
            who = f"{cell(cells, 'source_name') or '?'} -> {cell(cells, 'target_name') or '?'}"
            stats.events += 1
            summary = f"{who}: {text} (CAMEO {r.code})" if text else f"{who}: CAMEO {r.code}"
            yield dataset_event(
                DATASET, r.id, r.mapping, ends, r.day, place_id, one_line(summary), intensity=r.intensity
            )


def _actor(
    actors: ActorDirectory, rules: IcewsRules, name: str, sectors: list[str], country_name: str, row: str
) -> tuple[str, Actor | None]:
    """The actor a row names: a role actor of its country, a gazetteer actor, or a new one; with sectors."""
    generic = GENERIC.match(name)
    if generic:
        state = actors.state(generic.group(2))
        if state is not None:
            role = rules.generic_roles.get(generic.group(1).casefold())
            if role is not None:
                actor_id, record = actors.by_role([role], state, row)
                if record is not None and name not in record.aliases:
                    record.aliases.append(name)  # "Police (Nigeria)" finds "Police of Nigeria"
            else:
                actor_id, record = actors.by_name(
                    name, row, rules.actor_type(sectors) if sectors else "population", country=state.country
                )
            return actor_id, _with_sectors(record, sectors)
    state = actors.state(country_name) if country_name else None
    actor_id, record = actors.by_name(
        name, row, rules.actor_type(sectors), country=state.country if state else None
    )
    return actor_id, _with_sectors(record, sectors)


def _with_sectors(record: Actor | None, sectors: list[str]) -> Actor | None:
    """The actor record with ICEWS's sectors kept (an extra key, as RECORDS.md allows)."""
    if record is not None and sectors:
        extra = record.__pydantic_extra__
        if extra is not None:
            extra["sectors"] = sectors
    return record
