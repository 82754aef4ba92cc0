"""GDELT 2.0 event files: 61 tab-separated columns, no header, CAMEO 1.1 codes.

Each row becomes an event whose type and mode come from its CAMEO code (via
``codesets/cameo-1.1.tsv``), whose intensity is the row's own Goldstein value and
whose quad class is the row's; the action location becomes a Place. Rows are
identified by GLOBALEVENTID, so re-importing a file adds nothing. A GDELT 1.0
file (57 or 58 columns) is refused up front rather than misread.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    dataset_provenance,
    label_of,
    number,
    numbered_rows,
    open_text,
    trusted_event,
)
from brinkwatch.ontology.mappings import load_codeset, load_gdelt
from brinkwatch.records import AnyRecord, RecordError

DATASET = "gdelt"
EXPECT = "a GDELT 2.0 event file (61 tab-separated columns)"
WIDTH = 61
COL = {
    "GLOBALEVENTID": 0,
    "SQLDATE": 1,
    "Actor1Code": 5,
    "Actor1Name": 6,
    "Actor2Code": 15,
    "Actor2Name": 16,
    "EventCode": 26,
    "QuadClass": 29,
    "GoldsteinScale": 30,
    "ActionGeo_Type": 51,
    "ActionGeo_FullName": 52,
    "ActionGeo_Lat": 56,
    "ActionGeo_Long": 57,
    "ActionGeo_FeatureID": 58,
}


def read(path: Path) -> ImportStream:
    """Stream actors, places and events from a GDELT 2.0 event file."""
    path = Path(path)
    label = label_of(path)
    stats = ImportStats(dataset=DATASET, source=label)
    return ImportStream(_records(path, label, stats), stats)


def _records(path: Path, label: str, stats: ImportStats) -> Iterator[AnyRecord]:
    rules = load_gdelt()
    codes = load_codeset(rules.codeset).codes
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    with open_text(path, EXPECT) as fh:
        for n, cells in numbered_rows(fh, label, "\t"):
            if len(cells) != WIDTH:
                if len(cells) == 1 and not cells[0].strip():
                    continue
                hint = " (a GDELT 1.0 file?)" if n == 1 and len(cells) in (57, 58) else ""
                raise RecordError(
                    label, n, "", f"expected {WIDTH} tab-separated columns, found {len(cells)}{hint}"
                )
            stats.rows += 1
            row = cells[COL["GLOBALEVENTID"]].strip()
            if not row.isdigit():
                raise RecordError(
                    label,
                    n,
                    "GLOBALEVENTID",
                    f"{row!r} is not a GDELT event id" + (f"; expected {EXPECT}" if n == 1 else ""),
                )
            code = cells[COL["EventCode"]].strip()
            if code not in codes:
                if not code.isdigit():
                    raise RecordError(label, n, "EventCode", f"{code!r} is not a CAMEO event code")
                stats.unknown_codes[code] += 1
                continue
            mapping = codes[code]
            if mapping is None:
                stats.unmapped[code] += 1
                continue
            try:
                day = dates.parse(cells[COL["SQLDATE"]])
            except ValueError as exc:
                raise RecordError(label, n, "SQLDATE", str(exc)) from None
            goldstein = number(label, n, "GoldsteinScale", cells[COL["GoldsteinScale"]], float)
            if goldstein is not None and not -10 <= goldstein <= 10:
                raise RecordError(label, n, "GoldsteinScale", f"{goldstein} is outside -10..10")
            quad = number(label, n, "QuadClass", cells[COL["QuadClass"]], int)
            if quad is not None and quad not in (1, 2, 3, 4):
                raise RecordError(label, n, "QuadClass", f"{quad} is not a quad class (1-4)")
            ends: list[list[str]] = [[], []]
            for side, (code_col, name_col) in enumerate(
                (("Actor1Code", "Actor1Name"), ("Actor2Code", "Actor2Name"))
            ):
                actor_code = cells[COL[code_col]].strip()
                if not actor_code:
                    continue
                actor_id, new_actor = actors.by_code(actor_code, row, cells[COL[name_col]].strip() or None)
                if new_actor is not None:
                    stats.actors += 1
                    yield new_actor
                ends[side].append(actor_id)
            place_id = None
            geo_name = cells[COL["ActionGeo_FullName"]].strip()
            if geo_name:
                place_id, new_place = _place(label, n, cells, geo_name, row, places)
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            names = [cells[COL["Actor1Name"]].strip() or "?", cells[COL["Actor2Name"]].strip() or "?"]
            stats.events += 1
            yield trusted_event(
                {
                    "kind": "event",
                    "id": f"gdelt-{row}",
                    "type": mapping.type,
                    "mode": mapping.mode,
                    "source": ends[0],
                    "target": ends[1],
                    "date": day,
                    "date_end": None,
                    "place": place_id,
                    "fatalities": None,
                    "intensity": goldstein if goldstein is not None else mapping.intensity,
                    "quad_class": quad if quad is not None else mapping.quad_class,
                    "summary": f"{names[0]} -> {names[1]}: CAMEO {code}",
                    "confidence": 1.0,
                    "provenance": dataset_provenance(DATASET, row),
                }
            )


def _place(
    label: str,
    n: int,
    cells: list[str],
    name: str,
    row: str,
    places: PlaceDirectory,
) -> tuple[str, AnyRecord | None]:
    """The action location as a place id (and a Place to emit), checking the coordinates."""
    lat = number(label, n, "ActionGeo_Lat", cells[COL["ActionGeo_Lat"]], float)
    lon = number(label, n, "ActionGeo_Long", cells[COL["ActionGeo_Long"]], float)
    if lat is not None and not -90 <= lat <= 90:
        raise RecordError(label, n, "ActionGeo_Lat", f"{lat} is not a latitude")
    if lon is not None and not -180 <= lon <= 180:
        raise RecordError(label, n, "ActionGeo_Long", f"{lon} is not a longitude")
    place_type = load_gdelt().place_types.get(cells[COL["ActionGeo_Type"]].strip(), "site")
    return places.place(name, place_type, None, lat, lon, row)
