"""GDELT 2.0 event files: 61 columns, CAMEO codes, the row's Goldstein and quad class, action places."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events, places

from brinkwatch.ingest import gdelt
from brinkwatch.records import RecordError


def _row(**cells: str) -> str:
    """One GDELT 2.0 row: every column empty except those named (by GDELT column name)."""
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for actor in ("Actor1", "Actor2"):
        names += [
            f"{actor}{c}"
            for c in (
                "Code",
                "Name",
                "CountryCode",
                "KnownGroupCode",
                "EthnicCode",
                "Religion1Code",
                "Religion2Code",
                "Type1Code",
                "Type2Code",
                "Type3Code",
            )
        ]
    names += [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        names += [
            f"{geo}_{c}"
            for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
        ]
    names += ["DATEADDED", "SOURCEURL"]
    assert len(names) == 61
    values = [cells.pop(n, "") for n in names]
    assert not cells, f"unknown columns {cells}"
    return "\t".join(values) + "\n"


STRIKE = _row(
    GLOBALEVENTID="901",
    SQLDATE="20200103",
    Actor1Code="USAMIL",
    Actor1Name="UNITED STATES",
    Actor1CountryCode="USA",
    Actor2Code="IRN",
    Actor2Name="IRAN",
    EventCode="195",
    QuadClass="4",
    GoldsteinScale="-10.0",
    ActionGeo_Type="4",
    ActionGeo_FullName="Baghdad, Baghdad, Iraq",
    ActionGeo_Lat="33.3406",
    ActionGeo_Long="44.4009",
    ActionGeo_FeatureID="-3075212",
)
MEETING = _row(
    GLOBALEVENTID="902",
    SQLDATE="20200104",
    Actor1Code="IRQGOV",
    Actor1Name="IRAQ",
    Actor2Code="USA",
    Actor2Name="UNITED STATES",
    EventCode="043",
    QuadClass="1",
    GoldsteinScale="2.8",
)
STATEMENT = _row(
    GLOBALEVENTID="903",
    SQLDATE="20200104",
    Actor1Code="IRN",
    EventCode="010",
    QuadClass="1",
    GoldsteinScale="0.0",
)
ODD = _row(
    GLOBALEVENTID="904",
    SQLDATE="20200105",
    Actor1Code="ZZZABC",
    Actor1Name="SOME GROUP",
    EventCode="0999",
    QuadClass="1",
    GoldsteinScale="0.0",
)


def test_rows_become_events_with_their_own_goldstein_and_place(tmp_path: Path) -> None:
    path = tmp_path / "20200103.export.CSV"
    path.write_text(STRIKE + MEETING + STATEMENT + ODD, encoding="utf-8")
    stream = gdelt.read(path)
    records = check_idempotent(gdelt.read, path)
    check_stream(records)
    list(stream)
    strike, meeting = events(records)
    assert (strike.id, strike.type, strike.mode, strike.intensity, strike.quad_class) == (
        "gdelt-901",
        "ASSAULT",
        "aerial",
        -10.0,
        4,
    )
    assert (
        strike.date == "2020-01-03"
        and strike.target == ["iran"]
        and strike.source == ["military-of-united-states"]
    )
    [baghdad] = places(records)
    assert strike.place == baghdad.id and baghdad.type == "city" and baghdad.lat == pytest.approx(33.3406)
    assert (meeting.type, meeting.mode, meeting.target) == ("CONSULT", "host", ["united-states"])
    assert stream.stats.unmapped == {"010": 1} and stream.stats.unknown_codes == {"0999": 1}


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (STRIKE + STRIKE.rsplit("\t", 3)[0] + "\n", 2, "", "found 58"),
        (STRIKE.replace("20200103", "20201303", 1), 1, "SQLDATE", "not a real calendar date"),
        (STRIKE.replace("\t-10.0\t", "\tminus ten\t"), 1, "GoldsteinScale", "not a number"),
        (STRIKE.replace("\t195\t", "\tAB5\t"), 1, "EventCode", "not a CAMEO event code"),
        ("GLOBALEVENTID\tSQLDATE\n", 1, "", "the header lacks"),
        ("1\t2\t3\n", 1, "", "the first row has 3 tab-separated columns"),
    ],
)
def test_damaged_rows_name_line_and_column(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    path = tmp_path / "events.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        list(gdelt.read(path))
    assert (err.value.line, err.value.field) == (line, field)
    assert words in str(err.value)


def test_round_trip_into_the_store(tmp_path: Path, store: object) -> None:
    path = tmp_path / "events.csv"
    path.write_text(STRIKE + MEETING, encoding="utf-8")
    store.add_records(gdelt.read(path))  # type: ignore[attr-defined]
    store.add_records(gdelt.read(path))  # type: ignore[attr-defined]
    stored = store.events()  # type: ignore[attr-defined]
    assert [e.id for e in stored] == ["gdelt-901", "gdelt-902"]
    assert stored[0].place is not None
