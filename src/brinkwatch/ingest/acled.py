"""ACLED CSV exports of every published layout: one event a row, actors by name, PLOVER types from data.

ACLED's files changed shape several times: the 2015-2018 exports have upper-case
headers with GWNO and ALLY_ACTOR_1 and no sub-event types; the 2016 API wrote the
same in lower case, often saved by R with a row-name column; the 2019-2022 API
added sub-event types, data_id and iso3; exports since 2023 add disorder_type and
civilian_targeting, and a download may carry a "(Sample)" line above the header.
The importer finds the header, maps old column names to today's (``acled.yaml``)
and says which layout it recognised. Dates may be ISO, written ("03 January
2020"), Excel-style ("9-May-20") or day/month/year; R's "NA" is an empty cell.

Actor names ("Military Forces of Iraq (2014-)") are resolved against the
gazetteer, preferring an actor of the event's country; a name it does not know
becomes a new actor typed by the row's interaction code (``acled_inter.tsv``).
Associated actors (``assoc_actor_1``, "A; B") stand on their actor's side. A row
dated to the week (time_precision 2) keeps the week as date..date_end, one dated
to the month keeps the month. Rows of a category with no PLOVER event
("Strategic developments / Other") are counted and reported, not imported.
Events are identified by ``event_id_cnty``, so re-importing adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    at_precision,
    checked_rows,
    coordinates,
    dataset_event,
    days_around,
    import_stream,
    iso3_from_numeric,
    number,
    one_line,
    open_text,
    present,
    read_table,
)
from brinkwatch.ontology.mappings import (
    AcledRules,
    EventMapping,
    load_acled,
    load_acled_inter,
    load_acled_rules,
)
from brinkwatch.records import AnyRecord, RecordError

DATASET = "acled"
EXPECT = "an ACLED CSV export"
REQUIRED = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "actor1",
    "inter1",
    "country",
    "location",
    "latitude",
    "longitude",
    "fatalities",
)
SIDES = (("actor1", "inter1", "assoc_actor_1"), ("actor2", "inter2", "assoc_actor_2"))
NO_ACTOR = "0"
"""The interaction code of an empty actor slot (a one-sided event has inter2 0)."""


def read(path: Path, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors, places and events from an ACLED CSV export of any published layout."""
    return import_stream(DATASET, path, skip_bad_rows, _records)


@dataclass
class _Row:
    """One ACLED row, checked: everything the records need, before any actor or place is resolved."""

    id: str
    mapping: EventMapping
    date: str
    date_end: str | None
    country: str | None
    sides: tuple[list[tuple[str, str]], list[tuple[str, str]]]
    """(name, actor type) of each actor on each side, main actor first."""
    fatalities: int | None
    location: str
    lat: float | None
    lon: float | None
    place_type: str
    summary: str


def _records(path: Path, label: str, stats: ImportStats, skip: bool) -> Iterator[AnyRecord]:
    mapping_table = load_acled()
    inter_types = load_acled_inter()
    rules = load_acled_rules()
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        table = read_table(fh, label, REQUIRED, EXPECT, aliases=rules.columns)
        col = table.col
        stats.layout = rules.layout(table.names, set(col))
        if table.preamble:
            stats.notes.append(f"{len(table.preamble)} line(s) above the header skipped")

        cell = table.cell

        def side(
            n: int, cells: list[str], name_col: str, inter_col: str, assoc_col: str
        ) -> list[tuple[str, str]]:
            name = cell(cells, name_col)
            inter = cell(cells, inter_col)
            if not name:
                return []
            if not inter or inter == NO_ACTOR:
                raise RecordError(
                    label,
                    n,
                    inter_col,
                    f"{name_col} is {name!r} but {inter_col} is {inter or 'empty'} (no actor)",
                )
            actor_type = inter_types.get(inter) or inter_types.get(inter.lower())
            if actor_type is None:
                raise RecordError(
                    label, n, inter_col, f"{inter!r} is not an ACLED interaction code (0-8 or its label)"
                )
            out = [(name, actor_type)]
            for assoc in cell(cells, assoc_col).split(rules.assoc_separator):
                if assoc.strip() and present(assoc):
                    out.append((assoc.strip(), actor_type))
            return out

        def check(n: int, cells: list[str]) -> _Row | None:
            if len(cells) != table.width:
                raise table.width_error(n, cells)
            row = cell(cells, "event_id_cnty")
            if not row:
                raise RecordError(label, n, "event_id_cnty", "is empty; every ACLED event needs its id")
            event_type, sub_type = cell(cells, "event_type"), cell(cells, "sub_event_type")
            category = f"{event_type} / {sub_type}" if sub_type else event_type
            if not mapping_table.knows(event_type, sub_type):
                stats.unknown_codes[category] += 1
                return None
            mapping = mapping_table.get(event_type, sub_type)
            if mapping is None:
                stats.unmapped[category] += 1
                return None
            try:
                day = dates.parse(cell(cells, "event_date"))
            except ValueError as exc:
                raise RecordError(label, n, "event_date", str(exc)) from None
            start, end = _dated(day, cell(cells, "time_precision"), rules)
            sides = (side(n, cells, *SIDES[0]), side(n, cells, *SIDES[1]))
            fatalities = cast("int | None", number(label, n, "fatalities", cell(cells, "fatalities"), int))
            if fatalities is not None and fatalities < 0:
                raise RecordError(label, n, "fatalities", f"{fatalities} is negative")
            location = cell(cells, "location")
            lat = lon = None
            if location:
                lat, lon = coordinates(label, n, cell(cells, "latitude"), cell(cells, "longitude"))
            country = iso3_from_numeric(cell(cells, "iso")) or cell(cells, "iso3").upper() or None
            if country is None and cell(cells, "country"):
                state = actors.state(cell(cells, "country"))
                country = state.country if state else None
            return _Row(
                id=row,
                mapping=mapping,
                date=start,
                date_end=end,
                country=country,
                sides=sides,
                fatalities=fatalities,
                location=location,
                lat=lat,
                lon=lon,
                place_type=rules.place_types.get(cell(cells, "geo_precision"), "city"),
                summary=one_line(cell(cells, "notes")) or category.replace(" / ", ": "),
            )

        for _, _, r in checked_rows(table.rows(), check, stats, skip, table.text):
            ends: list[list[str]] = [[], []]
            for i, named in enumerate(r.sides):
                for name, actor_type in named:
                    actor_id, new_actor = actors.by_name(name, r.id, actor_type, prefer_country=r.country)
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                    if actor_id not in ends[i]:
                        ends[i].append(actor_id)
            place_id = None
            if r.location:
                place_id, new_place = places.place(r.location, r.place_type, r.country, r.lat, r.lon, r.id)
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            stats.events += 1
            yield dataset_event(
                DATASET, r.id, r.mapping, ends, r.date, place_id, r.summary,
                date_end=r.date_end, fatalities=r.fatalities,
            )  # fmt: skip


def _dated(day: str, precision_code: str, rules: AcledRules) -> tuple[str, str | None]:
    """The event's date at the precision ACLED vouches for: a day, the week around it, or the month."""
    precision = rules.date_precision.get(precision_code, "day")
    if precision == "week" and len(day) == 10:
        return days_around(day, rules.week_days, rules.week_days)
    if precision == "month":
        return at_precision(day, "month"), None
    return day, None
