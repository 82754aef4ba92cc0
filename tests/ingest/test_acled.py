"""ACLED CSV exports: categories via the mapping table, actors via the gazetteer or the inter code."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events, places

from brinkwatch.ingest import acled
from brinkwatch.records import Actor, RecordError

HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def _csv(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in HEADER})
    return out.getvalue()


ROCKETS = {
    "event_id_cnty": "IRQ1001",
    "event_date": "03 January 2020",
    "time_precision": "1",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "Kataib Hezbollah",
    "inter1": "3",
    "actor2": "Military Forces of the United States",
    "inter2": "8",
    "iso": "368",
    "country": "Iraq",
    "location": "Baghdad",
    "latitude": "33.3406",
    "longitude": "44.4009",
    "geo_precision": "1",
    "notes": 'Rockets hit a base, "no casualties".',
    "fatalities": "0",
}
PROTEST = {
    "event_id_cnty": "IRQ1002",
    "event_date": "2020-01-05",
    "time_precision": "3",
    "event_type": "Protests",
    "sub_event_type": "Peaceful protest",
    "actor1": "Protesters (Iraq)",
    "inter1": "Protesters",
    "iso": "368",
    "country": "Iraq",
    "location": "Basra",
    "latitude": "30.5",
    "longitude": "47.8",
    "geo_precision": "1",
    "fatalities": "",
}
OTHER = {
    "event_id_cnty": "IRQ1003",
    "event_date": "2020-01-06",
    "event_type": "Strategic developments",
    "sub_event_type": "Other",
    "actor1": "Protesters (Iraq)",
    "inter1": "6",
    "iso": "368",
    "country": "Iraq",
    "location": "Basra",
    "latitude": "30.5",
    "longitude": "47.8",
    "fatalities": "0",
}
ALIEN = {**OTHER, "event_id_cnty": "IRQ1004", "event_type": "Alien landing", "sub_event_type": "Saucer"}


def test_rows_become_events_actors_and_places(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(_csv(ROCKETS, PROTEST, OTHER, ALIEN), encoding="utf-8")
    records = check_idempotent(acled.read, path)
    check_stream(records)
    rockets, protest = events(records)
    assert (rockets.id, rockets.type, rockets.mode, rockets.date) == (
        "acled-IRQ1001",
        "ASSAULT",
        "missile",
        "2020-01-03",
    )
    assert rockets.source == ["kataib-hezbollah"] and rockets.fatalities == 0
    assert rockets.summary == 'Rockets hit a base, "no casualties".'
    assert (protest.type, protest.mode, protest.date, protest.fatalities) == (
        "PROTEST",
        "demo",
        "2020-01",
        None,
    )
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    assert actors[protest.source[0]].type == "population"
    assert actors[rockets.target[0]].type in ("government", "state")
    assert {p.name for p in places(records)} >= {"Basra"}
    stream = acled.read(path)
    list(stream)
    assert stream.stats.unmapped == {"Strategic developments / Other": 1}
    assert stream.stats.unknown_codes == {"Alien landing / Saucer": 1}


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({**ROCKETS, "event_date": "3rd of Jan"}, "event_date", "not a date"),
        ({**ROCKETS, "inter1": "9"}, "inter1", "interaction code"),
        ({**ROCKETS, "fatalities": "many"}, "fatalities", "not a number"),
        ({**ROCKETS, "latitude": "133.0"}, "latitude", "not a latitude"),
    ],
)
def test_damaged_rows_name_line_and_column(
    tmp_path: Path, row: dict[str, str], field: str, words: str
) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(_csv(PROTEST, row), encoding="utf-8")
    with pytest.raises(RecordError) as err:
        list(acled.read(path))
    assert (err.value.line, err.value.field) == (3, field)
    assert words in str(err.value)


def test_truncated_row_and_wrong_file(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(_csv(ROCKETS) + "IRQ1005,2020-01-07,2020\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"acled.csv:3: expected 31 comma-separated columns, found 3"):
        list(acled.read(path))
    other = tmp_path / "other.csv"
    other.write_text("id,when,what\n1,2020,x\n", encoding="utf-8")
    with pytest.raises(RecordError, match="not an ACLED CSV export: the header lacks column"):
        list(acled.read(other))


def test_round_trip_into_the_store(tmp_path: Path, store: object) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(_csv(ROCKETS, PROTEST), encoding="utf-8")
    store.add_records(acled.read(path))  # type: ignore[attr-defined]
    store.add_records(acled.read(path))  # type: ignore[attr-defined]
    assert sorted(e.id for e in store.events()) == ["acled-IRQ1001", "acled-IRQ1002"]  # type: ignore[attr-defined]
