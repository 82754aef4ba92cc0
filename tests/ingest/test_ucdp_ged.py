"""UCDP GED CSV: ASSAULTs with best-estimate deaths, date precision, HXL rows, several governments a side."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events, places

from brinkwatch.ingest import ucdp_ged
from brinkwatch.records import Actor, RecordError

HEADER = [
    "id",
    "year",
    "type_of_violence",
    "conflict_name",
    "side_a",
    "side_b",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "latitude",
    "longitude",
    "country",
    "iso3",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
]
HXL = {
    "year": "#date+year",
    "side_a": "#group+name+first",
    "where_coordinates": "#loc+name",
    "date_start": "#date+start",
    "best": "#affected+killed",
}


def _csv(*rows: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in HEADER})
    return out.getvalue()


CLASH = {
    "id": "5001",
    "type_of_violence": "1",
    "side_a": "Government of Iraq",
    "side_b": "Mahdi Army",
    "source_headline": "Clashes in Basra",
    "where_prec": "1",
    "where_coordinates": "Al Başrah town",
    "latitude": "30.5",
    "longitude": "47.8",
    "country": "Iraq",
    "iso3": "IRQ",
    "date_prec": "1",
    "date_start": "2008-03-25",
    "date_end": "2008-03-25",
    "best": "12",
}
MONTH = {
    "id": "5002",
    "type_of_violence": "3",
    "side_a": "Zarqawi Network",
    "side_b": "Civilians",
    "where_prec": "4",
    "where_coordinates": "Diyala province",
    "country": "Iraq",
    "date_prec": "4",
    "date_start": "2005-06-01",
    "date_end": "2005-06-30",
    "best": "40",
}
COALITION = {
    "id": "5003",
    "type_of_violence": "1",
    "side_a": "Government of United Kingdom, Government of United States of America",
    "side_b": "Government of Iraq",
    "where_prec": "6",
    "where_coordinates": "Iraq",
    "country": "Iraq",
    "date_prec": "2",
    "date_start": "2003-03-20",
    "date_end": "2003-03-24",
    "best": "80",
}


def test_rows_become_assaults_with_sides_deaths_dates_and_places(tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(_csv(HXL, CLASH, MONTH, COALITION), encoding="utf-8")
    records = check_idempotent(ucdp_ged.read, path)
    check_stream(records)
    clash, month, coalition = events(records)
    assert (clash.id, clash.type, clash.fatalities, clash.date, clash.date_end) == (
        "ucdp-ged-5001",
        "ASSAULT",
        12,
        "2008-03-25",
        None,
    )
    assert clash.source == ["iraq"] and clash.summary == "Clashes in Basra"
    assert (month.date, month.date_end, month.fatalities) == ("2005-06", None, 40)
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    assert actors[month.target[0]].type == "population" and actors[month.source[0]].type == "armed_group"
    assert coalition.source == ["united-kingdom", "united-states"] and coalition.target == ["iraq"]
    assert (coalition.date, coalition.date_end) == ("2003-03-20", "2003-03-24")
    basra = next(p for p in places(records) if p.id == clash.place)
    assert "town" not in basra.name and basra.type == "city"
    stream = ucdp_ged.read(path)
    list(stream)
    assert "HXL tag row skipped" in stream.stats.notes and stream.stats.rows == 3


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ({**CLASH, "type_of_violence": "4"}, "type_of_violence", "not 1, 2 or 3"),
        ({**CLASH, "date_start": "2008-02-31"}, "date_start", "not a real calendar date"),
        ({**CLASH, "date_end": "2008-03-01"}, "date_end", "before date_start"),
        ({**CLASH, "best": "-3"}, "best", "negative"),
    ],
)
def test_damaged_rows_name_line_and_column(
    tmp_path: Path, row: dict[str, str], field: str, words: str
) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(_csv(HXL, MONTH, row), encoding="utf-8")
    with pytest.raises(RecordError) as err:
        list(ucdp_ged.read(path))
    assert (err.value.line, err.value.field) == (4, field)
    assert words in str(err.value)


def test_round_trip_into_the_store(tmp_path: Path, store: object) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(_csv(CLASH, MONTH), encoding="utf-8")
    store.add_records(ucdp_ged.read(path))  # type: ignore[attr-defined]
    store.add_records(ucdp_ged.read(path))  # type: ignore[attr-defined]
    stored = store.events(actor="iraq")  # type: ignore[attr-defined]
    assert [(e.id, e.fatalities) for e in stored] == [("ucdp-ged-5001", 12)]


REAL = os.environ.get("BRINKWATCH_UCDP_SAMPLE", "/work/shared/data/ucdp_ged_iraq.csv")


@pytest.mark.skipif(not Path(REAL).exists(), reason="the real UCDP sample is not on this machine")
def test_the_real_hdx_export_imports_whole() -> None:
    stream = ucdp_ged.read(Path(REAL))
    records = list(stream)
    assert stream.stats.events == stream.stats.rows > 7000
    assert not stream.stats.rows_without_event
    check_stream(records[:500])


# -- layouts, governments of every country, date ranges, recovery ------------------------------


def test_the_zipped_download_reads_like_the_plain_csv(tmp_path: Path) -> None:
    text = _csv(CLASH, MONTH, COALITION)
    plain = tmp_path / "ged.csv"
    plain.write_text(text, encoding="utf-8")
    zipped = tmp_path / "ged231-csv.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("GEDEvent_v23_1.csv", text)
    stream = ucdp_ged.read(zipped)
    assert list(stream) == list(ucdp_ged.read(plain))
    assert "zipped (GEDEvent_v23_1.csv)" in stream.stats.layout


def test_an_upper_case_header_below_a_title_line_is_found(tmp_path: Path) -> None:
    path = tmp_path / "ged_upper.csv"
    body = _csv(CLASH).split("\n", 1)
    path.write_text("UCDP GED extract\n" + body[0].upper() + "\n" + body[1], encoding="utf-8")
    stream = ucdp_ged.read(path)
    assert [e.id for e in events(list(stream))] == ["ucdp-ged-5001"]
    assert "1 preamble line(s) skipped" in stream.stats.layout


@pytest.mark.parametrize(
    ("side", "state"),
    [
        ("Government of Myanmar (Burma)", "myanmar"),
        ("Government of Bangladesh", "bangladesh"),
        ("Government of Russia (Soviet Union)", "russia"),
        ("Government of DR Congo (Zaire)", "democratic-republic-of-the-congo"),
        ("Government of Yemen (North Yemen)", "yemen"),
        ("Government of Bosnia-Herzegovina", "bosnia-and-herzegovina"),
        ("Government of Ivory Coast", "cote-divoire"),
        ("Government of Cambodia (Kampuchea)", "cambodia"),
    ],
)
def test_every_government_is_its_state(tmp_path: Path, side: str, state: str) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(
        _csv({**CLASH, "side_a": side, "side_b": "KNU", "country": "", "iso3": ""}), encoding="utf-8"
    )
    records = list(ucdp_ged.read(path))
    [event] = events(records)
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    assert event.source == [state] and actors[state].type == "state"


def test_store_answers_for_a_state_ucdp_names_with_its_former_name(tmp_path: Path, store: object) -> None:
    path = tmp_path / "ged.csv"
    row = {**CLASH, "side_a": "Government of Myanmar (Burma)", "side_b": "KNU", "country": "Myanmar (Burma)"}
    path.write_text(_csv({**row, "iso3": "MMR"}), encoding="utf-8")
    store.add_records(ucdp_ged.read(path))  # type: ignore[attr-defined]
    assert store.resolve_actor("Myanmar") == "myanmar"  # type: ignore[attr-defined]
    assert [e.id for e in store.events(actor="myanmar")] == ["ucdp-ged-5001"]  # type: ignore[attr-defined]


def test_a_date_range_inside_a_month_keeps_its_days(tmp_path: Path) -> None:
    path = tmp_path / "ged.csv"
    path.write_text(
        _csv({**MONTH, "date_start": "2005-06-10", "date_end": "2005-06-25"}, {**MONTH, "id": "5009"}),
        encoding="utf-8",
    )
    ranged, whole_month = events(list(ucdp_ged.read(path)))
    assert (ranged.date, ranged.date_end) == ("2005-06-10", "2005-06-25")
    assert (whole_month.date, whole_month.date_end) == ("2005-06", None)


def test_skip_bad_rows_sets_each_damaged_row_aside(tmp_path: Path) -> None:
    bad = [
        ({**CLASH, "id": "6001", "type_of_violence": "4"}, "type_of_violence"),
        ({**CLASH, "id": "6002", "date_start": "2008-02-31"}, "date_start"),
        ({**CLASH, "id": "6003", "date_end": "2008-03-01"}, "date_end"),
        ({**CLASH, "id": "6004", "best": "-3"}, "best"),
        ({**CLASH, "id": ""}, "id"),
        ({**CLASH, "id": "6005", "latitude": "95"}, "latitude"),
    ]
    path = tmp_path / "ged.csv"
    path.write_text(_csv(HXL, CLASH, *(row for row, _ in bad), MONTH), encoding="utf-8")
    stream = ucdp_ged.read(path, skip_bad_rows=True)
    assert [e.id for e in events(list(stream))] == ["ucdp-ged-5001", "ucdp-ged-5002"]
    assert [(r.line, r.field) for r in stream.stats.rejected] == [
        (4 + i, field) for i, (_, field) in enumerate(bad)
    ]
