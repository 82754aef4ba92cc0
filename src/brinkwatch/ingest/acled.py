"""ACLED CSV exports: one event a row, actors by name, PLOVER types from ``acled_plover.tsv``.

Actor names ("Military Forces of Iraq (2014-)") are resolved against the
gazetteer, preferring an actor of the event's country; a name it does not know
becomes a new actor typed by the row's interaction code (``acled_inter.tsv``).
Dates may be ISO ("2020-01-03") or written ("03 January 2020"); a row of month
precision is dated to the month. Rows of a category with no PLOVER event
("Strategic developments / Other") are counted and reported, not imported.
Events are identified by ``event_id_cnty``, so re-importing adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    at_precision,
    checked_csv,
    coordinates,
    dataset_provenance,
    iso3_from_numeric,
    label_of,
    number,
    one_line,
    open_text,
    trusted_event,
)
from brinkwatch.ontology.mappings import load_acled, load_acled_inter, load_acled_rules
from brinkwatch.records import AnyRecord, RecordError

DATASET = "acled"
EXPECT = "an ACLED CSV export"
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "location",
    "latitude",
    "longitude",
    "fatalities",
)


def read(path: Path) -> ImportStream:
    """Stream actors, places and events from an ACLED CSV export."""
    path = Path(path)
    label = label_of(path)
    stats = ImportStats(dataset=DATASET, source=label)
    return ImportStream(_records(path, label, stats), stats)


def _records(path: Path, label: str, stats: ImportStats) -> Iterator[AnyRecord]:
    mapping_table = load_acled()
    inter_types = load_acled_inter()
    rules = load_acled_rules()
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        col, rows = checked_csv(fh, label, REQUIRED, EXPECT)

        def cell(cells: list[str], name: str) -> str:
            i = col.get(name)
            return cells[i].strip() if i is not None else ""

        for n, cells in rows:
            stats.rows += 1
            row = cell(cells, "event_id_cnty")
            if not row:
                raise RecordError(label, n, "event_id_cnty", "is empty; every ACLED event needs its id")
            event_type, sub_type = cell(cells, "event_type"), cell(cells, "sub_event_type")
            if not mapping_table.knows(event_type, sub_type):
                stats.unknown_codes[f"{event_type} / {sub_type}"] += 1
                continue
            mapping = mapping_table.get(event_type, sub_type)
            if mapping is None:
                stats.unmapped[f"{event_type} / {sub_type}"] += 1
                continue
            try:
                day = dates.parse(cell(cells, "event_date"))
            except ValueError as exc:
                raise RecordError(label, n, "event_date", str(exc)) from None
            day = at_precision(day, rules.date_precision.get(cell(cells, "time_precision"), "day"))
            country = iso3_from_numeric(cell(cells, "iso"))
            ends: list[list[str]] = [[], []]
            for side, (name_col, inter_col) in enumerate((("actor1", "inter1"), ("actor2", "inter2"))):
                name = cell(cells, name_col)
                if not name:
                    continue
                inter = cell(cells, inter_col)
                actor_type = inter_types.get(inter) or inter_types.get(inter.lower())
                if actor_type is None:
                    raise RecordError(
                        label, n, inter_col, f"{inter!r} is not an ACLED interaction code (1-8)"
                    )
                actor_id, new_actor = actors.by_name(name, row, actor_type, prefer_country=country)
                if new_actor is not None:
                    stats.actors += 1
                    yield new_actor
                ends[side].append(actor_id)
            fatalities = number(label, n, "fatalities", cell(cells, "fatalities"), int)
            if fatalities is not None and fatalities < 0:
                raise RecordError(label, n, "fatalities", f"{fatalities} is negative")
            place_id = None
            location = cell(cells, "location")
            if location:
                lat, lon = coordinates(label, n, cell(cells, "latitude"), cell(cells, "longitude"))
                place_type = rules.place_types.get(cell(cells, "geo_precision"), "city")
                place_id, new_place = places.place(location, place_type, country, lat, lon, row)
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            summary = one_line(cell(cells, "notes")) or f"{event_type}: {sub_type}"
            stats.events += 1
            yield trusted_event(
                {
                    "kind": "event",
                    "id": f"acled-{row}",
                    "type": mapping.type,
                    "mode": mapping.mode,
                    "source": ends[0],
                    "target": ends[1],
                    "date": day,
                    "date_end": None,
                    "place": place_id,
                    "fatalities": fatalities,
                    "intensity": mapping.intensity,
                    "quad_class": mapping.quad_class,
                    "summary": summary,
                    "confidence": 1.0,
                    "provenance": dataset_provenance(DATASET, row),
                }
            )
