"""UCDP Georeferenced Event Dataset (GED) CSV: lethal events with sides, deaths and place.

Every GED event is organised lethal violence, so each becomes an ASSAULT (see
``ucdp.yaml``): side A acts on side B, and one-sided violence targets the
civilians. The fatalities are UCDP's best estimate. The date keeps the
start..end span UCDP gives, or is written at month or year precision when
``date_prec`` says only that much is known. HDX exports add an HXL tag row
(``#date+year``...) under the header; it is recognised and skipped. Events are
identified by UCDP's ``id``, so re-importing adds nothing.
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
    label_of,
    number,
    one_line,
    open_text,
    trusted_event,
)
from brinkwatch.knowledge import load_gazetteer
from brinkwatch.ontology.mappings import UcdpRules, load_ucdp
from brinkwatch.records import AnyRecord, RecordError

DATASET = "ucdp-ged"
EXPECT = "a UCDP GED CSV file"
REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best")


def read(path: Path) -> ImportStream:
    """Stream actors, places and events from a UCDP GED CSV file."""
    path = Path(path)
    label = label_of(path)
    stats = ImportStats(dataset=DATASET, source=label)
    return ImportStream(_records(path, label, stats), stats)


def _is_hxl(cells: list[str]) -> bool:
    """An HXL hashtag row: every filled cell is a tag such as '#date+year'."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c.startswith("#") for c in filled)


def _records(path: Path, label: str, stats: ImportStats) -> Iterator[AnyRecord]:
    rules = load_ucdp()
    gazetteer = load_gazetteer()
    actors = ActorDirectory(dataset=DATASET, gazetteer=gazetteer)
    places = PlaceDirectory(dataset=DATASET, gazetteer=gazetteer)
    dates = DateCache()
    countries: dict[str, str | None] = {}
    with open_text(path, EXPECT) as fh:
        col, rows = checked_csv(fh, label, REQUIRED, EXPECT)

        def cell(cells: list[str], name: str) -> str:
            i = col.get(name)
            return cells[i].strip() if i is not None else ""

        for n, cells in rows:
            if n == 2 and _is_hxl(cells):
                stats.notes.append("HXL tag row skipped")
                continue
            stats.rows += 1
            row = cell(cells, "id")
            if not row:
                raise RecordError(label, n, "id", "is empty; every GED event needs its id")
            violence = cell(cells, "type_of_violence")
            mapping = rules.violence.get(violence)
            if mapping is None:
                raise RecordError(label, n, "type_of_violence", f"{violence!r} is not 1, 2 or 3")
            start, end = _dates(label, n, cell(cells, "date_start"), cell(cells, "date_end"), dates)
            start, end = _precise(start, end, rules.date_precision.get(cell(cells, "date_prec"), "day"))
            country = cell(cells, "iso3") or _country(cell(cells, "country"), countries)
            ends: list[list[str]] = [[], []]
            for side, name_col in enumerate(("side_a", "side_b")):
                for name in _sides(cell(cells, name_col), rules):
                    actor_id, new_actor = _actor(actors, name, row, rules, country)
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                    ends[side].append(actor_id)
            best = number(label, n, "best", cell(cells, "best"), int)
            if best is not None and best < 0:
                raise RecordError(label, n, "best", f"{best} is negative")
            place_id = None
            where = cell(cells, "where_coordinates")
            if where:
                lat, lon = coordinates(label, n, cell(cells, "latitude"), cell(cells, "longitude"))
                place_type = rules.place_types.get(cell(cells, "where_prec"), "site")
                place_id, new_place = places.place(
                    rules.place_name(where), place_type, country, lat, lon, row
                )
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            summary = one_line(
                cell(cells, "source_headline") or f"{cell(cells, 'side_a')} vs {cell(cells, 'side_b')}"
            )
            stats.events += 1
            yield trusted_event(
                {
                    "kind": "event",
                    "id": f"ucdp-ged-{row}",
                    "type": mapping.type,
                    "mode": mapping.mode,
                    "source": ends[0],
                    "target": ends[1],
                    "date": start,
                    "date_end": end,
                    "place": place_id,
                    "fatalities": best,
                    "intensity": mapping.intensity,
                    "quad_class": mapping.quad_class,
                    "summary": summary,
                    "confidence": 1.0,
                    "provenance": dataset_provenance(DATASET, row),
                }
            )


def _actor(
    actors: ActorDirectory,
    name: str,
    row: str,
    rules: UcdpRules,
    country: str | None,
) -> tuple[str, AnyRecord | None]:
    """A side's actor: "Government of X" is the state X when the gazetteer knows X; otherwise by name.

    ``country`` (where the event happened) only breaks ties between gazetteer actors of the
    same name; a new actor is not given it, since a side often comes from elsewhere.
    """
    if name.startswith(rules.state_prefix):
        rest = name[len(rules.state_prefix) :]
        if any(a.type == "state" for a in actors.gazetteer.lookup(rest)):
            return actors.by_name(rest, row, "state")
    return actors.by_name(name, row, rules.actor_type(name), prefer_country=country)


def _dates(label: str, n: int, start_text: str, end_text: str, dates: DateCache) -> tuple[str, str | None]:
    """Start and end day (end None when empty), checked and in order."""
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
    return start, end


def _precise(start: str, end: str | None, precision: str) -> tuple[str, str | None]:
    """One day stays a day; a span within the unit the precision names becomes that unit."""
    if end == start:
        return start, None
    if end is not None and precision in ("month", "year"):
        cut_start, cut_end = at_precision(start, precision), at_precision(end, precision)
        if cut_start == cut_end:
            return cut_start, None
    return start, end


def _sides(text: str, rules: UcdpRules) -> list[str]:
    """The actors of one side: several governments are listed in one cell."""
    return [part.strip() for part in rules.multi_actor_separator.split(text) if part.strip()] if text else []


def _country(name: str, cache: dict[str, str | None]) -> str | None:
    """ISO alpha-3 of a country name via the gazetteer's states (older exports lack ``iso3``)."""
    if name not in cache:
        states = [a for a in load_gazetteer().lookup(name) if a.type == "state"] if name else []
        cache[name] = states[0].country if states else None
    return cache[name]
