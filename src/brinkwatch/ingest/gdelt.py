"""GDELT event files, 1.0 and 2.0: tab-separated, usually without a header, CAMEO 1.1 codes.

The layout is recognised by the first row's width and content, not by the file's
name: 57 columns is a GDELT 1.0 historical backfile (1979 to March 2013), 58 a
GDELT 1.0 daily file (April 2013 on: SOURCEURL added), 61 a GDELT 2.0 file (an
ADM2Code in each of the three geographies). A file that starts with a header row
(a BigQuery export, tab- or comma-separated) is read by column name instead.

Each row becomes an event whose type and mode come from its CAMEO code (via
``codesets/cameo-1.1.tsv``), whose intensity is the row's own Goldstein value and
whose quad class is the row's; the action location becomes a Place with its
country, and the source article's URL is kept in the provenance (``url``). An
actor is what its row says: a code the gazetteer knows, a role actor of its
country for codes such as IRNMIL or GOV with Actor1CountryCode (see
:class:`~brinkwatch.ingest.actor_codes.ActorDirectory`), otherwise the row's own
name, never one an earlier row gave the same code. Rows are identified by
GLOBALEVENTID, so re-importing a file adds nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from brinkwatch.ingest.actor_codes import ActorDirectory, PlaceDirectory
from brinkwatch.ingest.tabular import (
    DateCache,
    ImportStats,
    ImportStream,
    cameo_mapping,
    checked_rows,
    column_key,
    dataset_event,
    import_stream,
    number,
    numbered_rows,
    open_text,
)
from brinkwatch.ontology.mappings import EventMapping, load_codeset, load_gdelt
from brinkwatch.records import AnyRecord, RecordError

DATASET = "gdelt"
_UNSEEN = object()
EXPECT = "a GDELT event file (57, 58 or 61 tab-separated columns)"

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone")  # fmt: skip
_GEO_1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _columns(geo: tuple[str, ...], tail: tuple[str, ...]) -> tuple[str, ...]:
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"{actor}{c}" for actor in ("Actor1", "Actor2") for c in _ACTOR]
    names += list(_EVENT)
    names += [f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in geo]
    return (*names, *tail)


LAYOUTS: dict[int, tuple[str, tuple[str, ...]]] = {
    57: ("GDELT 1.0 historical backfile (57 columns)", _columns(_GEO_1, ("DATEADDED",))),
    58: ("GDELT 1.0 daily file (58 columns)", _columns(_GEO_1, ("DATEADDED", "SOURCEURL"))),
    61: ("GDELT 2.0 event file (61 columns)", _columns(_GEO_2, ("DATEADDED", "SOURCEURL"))),
}
"""Column count -> (layout name, column names), after the GDELT 1.0 and 2.0 event codebooks."""

USED = ("GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code",
        "Actor2Name", "Actor2CountryCode", "EventCode", "QuadClass", "GoldsteinScale", "ActionGeo_Type",
        "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long")  # fmt: skip


def read(path: Path, skip_bad_rows: bool = False) -> ImportStream:
    """Stream actors, places and events from a GDELT 1.0 or 2.0 event file."""
    return import_stream(DATASET, path, skip_bad_rows, _records)


_Checked = tuple[str, str, EventMapping, str, float | None, int | None, float | None, float | None]
"""One row, checked, before any actor or place is resolved: id, code, mapping, day, Goldstein,
quad class, latitude, longitude."""


def _records(path: Path, label: str, stats: ImportStats, skip: bool) -> Iterator[AnyRecord]:
    rules = load_gdelt()
    codes = load_codeset(rules.codeset).codes
    actors = ActorDirectory(dataset=DATASET)
    places = PlaceDirectory(dataset=DATASET)
    dates = DateCache()
    place_countries: dict[str, object] = {}
    with open_text(path, EXPECT) as fh:
        first = fh.readline()
        if not first.strip():
            raise RecordError(label, 1, "", f"the file is empty; expected {EXPECT}")
        delimiter = "\t" if "\t" in first else ","
        rows = numbered_rows(itertools.chain([first], fh), label, delimiter)
        header_cells = first.rstrip("\r\n").split(delimiter)
        if any(column_key(h.strip('"')) == "globaleventid" for h in header_cells):
            next(rows)
            keys: dict[str, int] = {}
            for i, h in enumerate(header_cells):
                key = column_key(h.strip('"'))
                keys.setdefault(rules.header_aliases.get(key, key), i)
            missing = [c for c in USED if column_key(c) not in keys]
            if missing:
                raise RecordError(label, 1, "", f"not {EXPECT}: the header lacks {', '.join(missing)}")
            col = {c: keys[column_key(c)] for c in USED}
            url_col = keys.get("sourceurl")
            width = len(header_cells)
            stats.layout = f"GDELT export with a header row ({width} columns)"
        else:
            width = len(header_cells)
            if width not in LAYOUTS:
                raise RecordError(
                    label,
                    1,
                    "",
                    f"not {EXPECT}: the first row has {width} "
                    f"{'tab' if delimiter == chr(9) else 'comma'}-separated columns",
                )
            stats.layout, names = LAYOUTS[width]
            col = {c: names.index(c) for c in USED}
            url_col = names.index("SOURCEURL") if "SOURCEURL" in names else None
        sep = "tab" if delimiter == "\t" else "comma"
        actor_cols = tuple(
            (col[f"{a}Code"], col[f"{a}Name"], col[f"{a}CountryCode"]) for a in ("Actor1", "Actor2")
        )
        c_geo_type = col["ActionGeo_Type"]
        place_types = rules.place_types
        resolved = actors.resolved_codes
        c_id, c_date, c_code, c_quad, c_gold = (
            col[c] for c in ("GLOBALEVENTID", "SQLDATE", "EventCode", "QuadClass", "GoldsteinScale")
        )
        c_lat, c_lon, c_geo = col["ActionGeo_Lat"], col["ActionGeo_Long"], col["ActionGeo_FullName"]

        def check(n: int, cells: list[str]) -> _Checked | None:
            if len(cells) != width:
                raise RecordError(
                    label, n, "", f"expected {width} {sep}-separated columns, found {len(cells)}"
                )
            row = cells[c_id].strip()
            if not row.isdigit():
                raise RecordError(label, n, "GLOBALEVENTID", f"{row!r} is not a GDELT event id")
            code = cells[c_code].strip()
            mapping = cameo_mapping(codes, code, stats, label, n, "EventCode")
            if mapping is None:
                return None
            try:
                day = dates.parse(cells[c_date])
            except ValueError as exc:
                raise RecordError(label, n, "SQLDATE", str(exc)) from None
            goldstein = number(label, n, "GoldsteinScale", cells[c_gold], float)
            if goldstein is not None and not -10 <= goldstein <= 10:
                raise RecordError(label, n, "GoldsteinScale", f"{goldstein} is outside -10..10")
            quad = number(label, n, "QuadClass", cells[c_quad], int)
            if quad is not None and quad not in (1, 2, 3, 4):
                raise RecordError(label, n, "QuadClass", f"{quad} is not a quad class (1-4)")
            lat = lon = None
            if cells[c_geo]:  # coordinates matter (and are checked) only for a row with a place
                lat = number(label, n, "ActionGeo_Lat", cells[c_lat], float)
                lon = number(label, n, "ActionGeo_Long", cells[c_lon], float)
                if lat is not None and not -90 <= lat <= 90:
                    raise RecordError(label, n, "ActionGeo_Lat", f"{lat} is not a latitude")
                if lon is not None and not -180 <= lon <= 180:
                    raise RecordError(label, n, "ActionGeo_Long", f"{lon} is not a longitude")
            return row, code, mapping, day, goldstein, quad, lat, lon  # type: ignore[return-value]

        filled = ((n, cells) for n, cells in rows if len(cells) > 1 or cells[0].strip())
        for _, cells, checked in checked_rows(filled, check, stats, skip, delimiter.join):
            row, code, mapping, day, goldstein, quad, lat, lon = checked
            ends: list[list[str]] = [[], []]
            said = ["?", "?"]
            for side, (i_code, i_name, i_country) in enumerate(actor_cols):
                actor_code = cells[i_code].strip()
                if not actor_code:
                    continue
                name = cells[i_name].strip()
                said[side] = name or actor_code
                actor_id = resolved.get(actor_code)  # codes that name their actor alone: one lookup
                if actor_id is None:
                    actor_id, new_actor = actors.by_code(
                        actor_code, row, name or None, cells[i_country].strip() or None
                    )
                    if new_actor is not None:
                        stats.actors += 1
                        yield new_actor
                ends[side].append(actor_id)
            place_id = None
            geo_name = cells[c_geo].strip()
            if geo_name:
                country = place_countries.get(geo_name, _UNSEEN)
                if country is _UNSEEN:
                    state = actors.state(geo_name.rsplit(",", 1)[-1])
                    country = place_countries[geo_name] = state.country if state else None
                place_type = place_types.get(cells[c_geo_type].strip(), "site")
                place_id, new_place = places.place(geo_name, place_type, country, lat, lon, row)  # type: ignore[arg-type]
                if new_place is not None:
                    stats.places += 1
                    yield new_place
            url = cells[url_col].strip() if url_col is not None else ""
            stats.events += 1
            yield dataset_event(
                DATASET, row, mapping, ends, day, place_id, f"{said[0]} -> {said[1]}: CAMEO {code}",
                intensity=goldstein, quad_class=quad, url=url or None,
            )  # fmt: skip
