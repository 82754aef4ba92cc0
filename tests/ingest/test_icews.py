"""ICEWS event files: CAMEO codes to PLOVER, generic actors as role actors of their country, sectors kept."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events, places

from brinkwatch.ingest import gdelt, icews
from brinkwatch.records import Actor, RecordError

HEADER = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
]


def _tab(*rows: dict[str, str]) -> str:
    lines = ["\t".join(HEADER)]
    lines += ["\t".join(row.get(h, "") for h in HEADER) for row in rows]
    return "\n".join(lines) + "\n"


# Rows written for these tests in ICEWS's published column set.
ARREST = {
    "Event ID": "926001",
    "Event Date": "2015-03-01",
    "Source Name": "Police (Nigeria)",
    "Source Sectors": "Police",
    "Source Country": "Nigeria",
    "Event Text": "Arrest, detain, or charge with legal action",
    "CAMEO Code": "173",
    "Intensity": "-5.0",
    "Target Name": "Citizen (Nigeria)",
    "Target Sectors": "Social",
    "Target Country": "Nigeria",
    "Story ID": "28001",
    "Sentence Number": "1",
    "Publisher": "Example Wire",
    "City": "Lagos",
    "Province": "Lagos State",
    "Country": "Nigeria",
    "Latitude": "6.45",
    "Longitude": "3.39",
}
CLASH = {
    "Event ID": "926002",
    "Event Date": "2015-03-02",
    "Source Name": "Military (Iran)",
    "Source Sectors": "Military,Government",
    "Source Country": "Iran",
    "Event Text": "Fight with small arms and light weapons",
    "CAMEO Code": "190",
    "Intensity": "-10.0",
    "Target Name": "Abdul Karim Zarif",
    "Target Sectors": "Rebels,Insurgents",
    "Target Country": "Afghanistan",
    "Province": "Herat",
    "Country": "Afghanistan",
    "Latitude": "34.34",
    "Longitude": "62.2",
}
VISIT = {
    "Event ID": "926003",
    "Event Date": "2015-03-03",
    "Source Name": "Men (India)",
    "Source Sectors": "",
    "Source Country": "India",
    "Event Text": "Make a visit",
    "CAMEO Code": "42",  # a spreadsheet dropped the leading zero of 042
    "Intensity": "1.9",
    "Target Name": "Iraq",
    "Target Sectors": "",
    "Target Country": "Iraq",
}
STATEMENT = {**VISIT, "Event ID": "926004", "CAMEO Code": "010", "Event Text": "Make statement"}


def _file(tmp_path: Path, *rows: dict[str, str]) -> Path:
    path = tmp_path / "events.2015.20150313084929.tab"
    path.write_text(_tab(*rows), encoding="utf-8")
    return path


def test_rows_become_plover_events_with_role_actors_and_sectors(tmp_path: Path) -> None:
    path = _file(tmp_path, ARREST, CLASH, VISIT, STATEMENT)
    records = check_idempotent(icews.read, path)
    check_stream(records)
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    arrest, clash, visit = events(records)
    assert (arrest.id, arrest.type, arrest.mode, arrest.intensity, arrest.date) == (
        "icews-926001",
        "COERCE",
        "arrest",
        -5.0,
        "2015-03-01",
    )
    police, citizens = actors[arrest.source[0]], actors[arrest.target[0]]
    assert (police.name, police.type, police.country) == ("Police of Nigeria", "government", "NGA")
    assert (citizens.name, citizens.type) == ("Civilians of Nigeria", "population")
    assert (police.model_extra or {})["sectors"] == ["Police"]
    [lagos, herat] = places(records)
    assert (lagos.name, lagos.country, lagos.type) == ("Lagos", "NGA", "city")
    assert (herat.name, herat.type, herat.country) == ("Herat", "province", "AFG")
    military, fighter = actors[clash.source[0]], actors[clash.target[0]]
    assert (clash.type, military.name) == ("ASSAULT", "Military of Iran")
    assert (fighter.name, fighter.type, fighter.country) == ("Abdul Karim Zarif", "armed_group", "AFG")
    assert (fighter.model_extra or {})["sectors"] == ["Rebels", "Insurgents"]
    assert (visit.type, visit.target) == ("CONSULT", ["iraq"])
    men = actors[visit.source[0]]
    assert (men.name, men.country) == ("Men (India)", "IND")
    stream = icews.read(path)
    list(stream)
    assert stream.stats.unmapped == {"010": 1} and stream.stats.layout == "ICEWS event file"


def test_the_same_role_actor_as_gdelt_gives(tmp_path: Path) -> None:
    from test_gdelt import _row

    gdelt_file = tmp_path / "g.export.CSV"
    gdelt_file.write_text(
        _row(
            GLOBALEVENTID="1",
            SQLDATE="20150301",
            Actor1Code="NGACOP",
            Actor1Name="POLICE",
            EventCode="173",
            QuadClass="4",
            GoldsteinScale="-5",
        ),
        encoding="utf-8",
    )
    [from_gdelt] = events(list(gdelt.read(gdelt_file)))
    [from_icews] = events(list(icews.read(_file(tmp_path, ARREST))))
    assert from_gdelt.source == from_icews.source == ["police-of-nigeria"]


def test_no_event_is_attached_to_an_actor_named_by_another_row(tmp_path: Path) -> None:
    rows = [ARREST, CLASH, VISIT, {**CLASH, "Event ID": "926005", "Target Name": "Rahim Dost"}]
    records = list(icews.read(_file(tmp_path, *rows)))
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    by_id = {row["Event ID"]: row for row in rows}
    roles = {"Police": "Police", "Citizen": "Civilians", "Military": "Military"}
    for event in events(records):
        row = by_id[event.provenance[0].record]
        for actor_id, name in ((event.source[0], row["Source Name"]), (event.target[0], row["Target Name"])):
            label, _, country = name.rstrip(")").partition(" (")
            given = {name, f"{roles.get(label, label)} of {country}"}
            assert actors[actor_id].name in given, (event.id, actors[actor_id].name, name)


def test_zipped_release_and_comma_separated_copy(tmp_path: Path) -> None:
    text = _tab(ARREST, CLASH)
    zipped = tmp_path / "events.2015.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("events.2015.20150313084929.tab", text)
    csv_copy = tmp_path / "events.csv"
    with open(csv_copy, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(line.split("\t") for line in text.splitlines())
    for path in (zipped, csv_copy):
        assert [e.id for e in events(list(icews.read(path)))] == ["icews-926001", "icews-926002"]


BAD = [
    ({**ARREST, "Event ID": ""}, "Event ID", "needs its id"),
    ({**ARREST, "Event ID": "9", "Event Date": "2015-02-30"}, "Event Date", "calendar"),
    ({**ARREST, "Event ID": "10", "CAMEO Code": "X1"}, "CAMEO Code", "not a CAMEO event code"),
    ({**ARREST, "Event ID": "11", "Intensity": "12"}, "Intensity", "outside"),
    ({**ARREST, "Event ID": "12", "Latitude": "north"}, "latitude", "not a number"),
]


@pytest.mark.parametrize(("row", "field", "words"), BAD)
def test_damaged_rows_name_line_and_column(
    tmp_path: Path, row: dict[str, str], field: str, words: str
) -> None:
    with pytest.raises(RecordError) as err:
        list(icews.read(_file(tmp_path, ARREST, row)))
    assert (err.value.line, err.value.field) == (3, field) and words in str(err.value)


def test_skip_bad_rows_keeps_the_good_ones(tmp_path: Path) -> None:
    path = _file(tmp_path, ARREST, *(row for row, _, _ in BAD), CLASH)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write("926099\t2015-03-09\tshort row\n")
    stream = icews.read(path, skip_bad_rows=True)
    assert [e.id for e in events(list(stream))] == ["icews-926001", "icews-926002"]
    assert [r.field for r in stream.stats.rejected] == [f for _, f, _ in BAD] + [""]
    assert "found 3" in stream.stats.rejected[-1].reason


def test_round_trip_into_the_store(tmp_path: Path, store: object) -> None:
    path = _file(tmp_path, ARREST, CLASH)
    store.add_records(icews.read(path))  # type: ignore[attr-defined]
    store.add_records(icews.read(path))  # type: ignore[attr-defined]
    assert [e.id for e in store.events(actor="police-of-nigeria")] == ["icews-926001"]  # type: ignore[attr-defined]
    police = store.get_actor("police-of-nigeria")  # type: ignore[attr-defined]
    assert (police.model_extra or {})["sectors"] == ["Police"] and "Police (Nigeria)" in police.aliases
    assert store.resolve_actor("Police (Nigeria)") == "police-of-nigeria"  # type: ignore[attr-defined]
