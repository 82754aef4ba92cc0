"""UCDP Georeferenced Event Dataset (GED) CSV: lethal events with sides, deaths and place.

Every GED event is organised lethal violence, so each becomes an ASSAULT (see
``ucdp.yaml``): side A acts on side B, and one-sided violence targets the
civilians. The fatalities are UCDP's best estimate. The date keeps the
start..end span UCDP gives (a whole calendar month or year is written as that
month or year). Layouts: the plain CSV download, the HDX export (an HXL tag row
such as ``#date+year`` under the header, recognised and skipped) and the zipped
download (read through); columns are matched case-insensitively, below any
preamble lines. "Government of X" is the state X for every country, whatever
spelling of X UCDP uses. Events are identified by UCDP's ``id``, so re-importing
adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    Table,
    checked_rows,
    compact_span,
    coordinates,
    dataset_event,
    import_stream,
    number,
    one_line,
    open_text,
    read_table,
)
from brinkwatch.knowledge import load_gazetteer
from brinkwatch.ontology.mappings import EventMapping, UcdpRules, load_ucdp
from brinkwatch.records import AnyRecord, RecordError

DATASET = "ucdp-ged"
EXPECT = "a UCDP GED CSV file"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")


def read(path: Path, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors, places and events from a UCDP GED CSV file (plain, HDX or zipped)."""
    return import_stream(DATASET, path, skip_bad_rows, _records)


def _is_hxl(cells: list[str]) -> bool:
    """An HXL hashtag row: every filled cell is a tag such as '#date+year'."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


@dataclass
class _Row:
    """One GED row, checked: everything the records need, before any actor or place is resolved."""

    id: str
    mapping: EventMapping
    start: str
    end: str | None
    country: str | None
    sides: tuple[list[str], list[str]]
    best: int | None
    where: str
    lat: float | None
    lon: float | None
    place_type: str
    summary: str


def _records(path: Path, label: str, stats: ImportStats, skip: bool) -> Iterator[AnyRecord]:
    rules = load_ucdp()
    gazetteer = load_gazetteer()
    actors = ActorDirectory(dataset=DATASET, gazetteer=gazetteer)
    places = PlaceDirectory(dataset=DATASET, gazetteer=gazetteer)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        table = read_table(fh, label, REQUIRED, EXPECT)
        stats.layout = _layout(table, fh)
        hxl_line = table.line + 1

        cell = table.cell

        def check(n: int, cells: list[str]) -> _Row:
            if len(cells) != table.width:
                raise table.width_error(n, cells)
            row = cell(cells, "id")
            if not row:
                raise RecordError(label, n, "id", "is empty; every GED event needs its id")
            violence = cell(cells, "type_of_violence")
            mapping = rules.violence.get(violence)
            if mapping is None:
                raise RecordError(label, n, "type_of_violence", f"{violence!r} is not 1, 2 or 3")
            start, end = _dates(label, n, cell(cells, "date_start"), cell(cells, "date_end"), dates)
            best = cast("int | None", number(label, n, "best", cell(cells, "best"), int))
            if best is not None and best < 0:
                raise RecordError(label, n, "best", f"{best} is negative")
            where = cell(cells, "where_coordinates")
            lat = lon = None
            if where:
                lat, lon = coordinates(label, n, cell(cells, "latitude"), cell(cells, "longitude"))
            country_name = cell(cells, "country")
            iso3 = cell(cells, "iso3")
            state = actors.state(country_name) if country_name and not iso3 else None
            return _Row(
                id=row,
                mapping=mapping,
                start=start,
                end=end,
                country=iso3 or (state.country if state else None),
                sides=(_sides(cell(cells, "side_a"), rules), _sides(cell(cells, "side_b"), rules)),
                best=best,
                where=where,
                lat=lat,
                lon=lon,
                place_type=rules.place_types.get(cell(cells, "where_prec"), "site"),
                summary=one_line(
                    cell(cells, "source_headline") or f"{cell(cells, 'side_a')} vs {cell(cells, 'side_b')}"
                ),
            )

        def data_rows() -> Iterator[tuple[int, list[str]]]:
            for n, cells in table.rows():
                if n == hxl_line and _is_hxl(cells):
                    stats.notes.append("HXL tag row skipped")
                    stats.layout = stats.layout.replace("UCDP GED CSV", "UCDP GED CSV, HDX export", 1)
                else:
                    yield n, cells

        for _, _, r in checked_rows(data_rows(), check, stats, skip, table.text):
            ends: list[list[str]] = [[], []]
            for side, names in enumerate(r.sides):
                for name in names:
                    actor_id, new_actor = _actor(actors, name, r.id, rules, r.country)
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                    ends[side].append(actor_id)
            place_id = None
            if r.where:
                place_id, new_place = places.place(
                    rules.place_name(r.where), r.place_type, r.country, r.lat, r.lon, r.id
                )
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            stats.events += 1
            yield dataset_event(
                DATASET, r.id, r.mapping, ends, r.start, place_id, r.summary,
                date_end=r.end, fatalities=r.best,
            )  # fmt: skip


def _layout(table: Table, fh: IO[str]) -> str:
    """Which published form of GED this is, for the summary."""
    member = getattr(getattr(fh, "buffer", None), "member", None)
    parts = ["UCDP GED CSV"]
    if member:
        parts.append(f"zipped ({member})")
    if table.preamble:
        parts.append(f"{len(table.preamble)} preamble line(s) skipped")
    return ", ".join(parts)


def _actor(
    actors: ActorDirectory,
    name: str,
    row: str,
    rules: UcdpRules,
    country: str | None,
) -> tuple[str, AnyRecord | None]:
    """A side's actor: "Government of X" is the state X, for every country; otherwise by name.

    X is read the way :func:`state_named` reads a country name, so "Government of Myanmar
    (Burma)" is Myanmar just as "Government of Bangladesh" is Bangladesh. ``country`` (where
    the event happened) only breaks ties between gazetteer actors of the same name; a new
    actor is not given it, since a side often comes from elsewhere.
    """
    if name.startswith(rules.state_prefix):
        state = actors.state(name[len(rules.state_prefix) :])
        if state is not None:
            return actors.by_name(state.name, row, "state", prefer_country=state.country)
    return actors.by_name(name, row, rules.actor_type(name), prefer_country=country)


def _dates(label: str, n: int, start_text: str, end_text: str, dates: DateCache) -> tuple[str, str | None]:
    """Start and end day, checked and in order, at the precision the span really has.

    UCDP's ``date_prec`` says how uncertain the span is, and the span itself already says
    it: a week or a month of uncertainty is a start..end range, which is kept as it is (a
    whole calendar month or year is written as that month or year).
    """
    try:
        start = dates.parse(start_text)
    except ValueError as exc:
        raise RecordError(label, n, "date_start", str(exc)) from None
    if not end_text:
        return start, None
    try:
        end = dates.parse(end_text)
    except ValueError as exc:
        raise RecordError(label, n, "date_end", str(exc)) from None
    if end < start:
        raise RecordError(label, n, "date_end", f"{end} is before date_start {start}")
    return compact_span(start, end)


def _sides(text: str, rules: UcdpRules) -> list[str]:
    """The actors of one side: several governments are listed in one cell."""
    return [part.strip() for part in rules.multi_actor_separator.split(text) if part.strip()] if text else []
