"""GDELT 2.0 event files: 61 columns, CAMEO codes, the row's Goldstein and quad class, action places."""

from __future__ import annotations

import csv
import gzip
import zipfile
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events, places

from brinkwatch.ingest import gdelt
from brinkwatch.records import Actor, RecordError


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


# -- every published layout, by detection -----------------------------------------------------

_GEO_ADM2 = {"Actor1Geo_ADM2Code", "Actor2Geo_ADM2Code", "ActionGeo_ADM2Code"}


def _row_in(width: int, **cells: str) -> str:
    """A row of a GDELT 1.0 layout: the 2.0 row without the ADM2 codes (and, for 57, without SOURCEURL)."""
    full = _row(**cells).rstrip("\n").split("\t")
    names = _NAMES_61
    kept = [v for n, v in zip(names, full, strict=True) if n not in _GEO_ADM2]
    assert len(kept) == 58
    return "\t".join(kept[:width]) + "\n"


def _names_61() -> list[str]:
    """The GDELT 2.0 column names, in order: each column named by itself through _row."""
    actor = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
             "Type1Code", "Type2Code", "Type3Code")  # fmt: skip
    geo = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    names = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    names += [f"{a}{c}" for a in ("Actor1", "Actor2") for c in actor]
    names += ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
              "NumMentions", "NumSources", "NumArticles", "AvgTone"]  # fmt: skip
    names += [f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in geo]
    names += ["DATEADDED", "SOURCEURL"]
    assert _row(**{n: n for n in names}).rstrip("\n").split("\t") == names
    return names


_NAMES_61 = _names_61()
URL = "https://news.example.org/2020/01/03/strike.html"
STRIKE_CELLS = {
    "GLOBALEVENTID": "901",
    "SQLDATE": "20200103",
    "Actor1Code": "USAMIL",
    "Actor1Name": "UNITED STATES",
    "Actor1CountryCode": "USA",
    "Actor2Code": "IRN",
    "Actor2Name": "IRAN",
    "EventCode": "195",
    "QuadClass": "4",
    "GoldsteinScale": "-10.0",
    "ActionGeo_Type": "4",
    "ActionGeo_FullName": "Baghdad, Baghdad, Iraq",
    "ActionGeo_CountryCode": "IZ",
    "ActionGeo_Lat": "33.3406",
    "ActionGeo_Long": "44.4009",
    "DATEADDED": "20200103",
    "SOURCEURL": URL,
}


@pytest.mark.parametrize(
    ("width", "layout", "has_url"),
    [
        (57, "GDELT 1.0 historical backfile", False),
        (58, "GDELT 1.0 daily file", True),
        (61, "GDELT 2.0 event file", True),
    ],
)
def test_every_layout_is_recognised_by_its_columns(
    tmp_path: Path, width: int, layout: str, has_url: bool
) -> None:
    cells = dict(STRIKE_CELLS)
    if width == 61:
        cells["DATEADDED"] = "20200103120000"
        text = _row(**cells)
    else:
        text = _row_in(width, **cells)
    assert len(text.rstrip("\n").split("\t")) == width
    path = tmp_path / "20200103.export.CSV"
    path.write_text(text, encoding="utf-8")
    stream = gdelt.read(path)
    records = list(stream)
    check_stream(records)
    assert stream.stats.layout.startswith(layout)
    [strike] = events(records)
    assert (strike.type, strike.date, strike.intensity, strike.target) == (
        "ASSAULT",
        "2020-01-03",
        -10.0,
        ["iran"],
    )
    [baghdad] = places(records)
    assert (baghdad.country, baghdad.lat) == ("IRQ", pytest.approx(33.3406))
    provenance = strike.provenance[0]
    assert (provenance.model_extra or {}).get("url") == (URL if has_url else None)


def test_a_header_row_export_is_read_by_column_name(tmp_path: Path) -> None:
    # a BigQuery export: comma-separated, a header, the columns in another order
    names = ["SOURCEURL", *[n for n in _NAMES_61 if n != "SOURCEURL"]]
    names[names.index("SQLDATE")] = "Day"  # as some exports name it
    values = [STRIKE_CELLS.get("SQLDATE" if n == "Day" else n, "") for n in names]
    path = tmp_path / "bq.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([names, values])
    stream = gdelt.read(path)
    [strike] = events(list(stream))
    assert "header row" in stream.stats.layout
    assert (strike.id, strike.type, (strike.provenance[0].model_extra or {})["url"]) == (
        "gdelt-901",
        "ASSAULT",
        URL,
    )


def test_zipped_and_gzipped_daily_files_are_read_through(tmp_path: Path) -> None:
    text = _row(**STRIKE_CELLS) + MEETING
    zipped = tmp_path / "20200103.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("20200103.export.CSV", text)
    gz = tmp_path / "20200103.export.CSV.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    for path in (zipped, gz):
        assert [e.id for e in events(list(gdelt.read(path)))] == ["gdelt-901", "gdelt-902"]


# -- actors as the row says -----------------------------------------------------------------

GENERIC_ROWS = [
    # (id, Actor1Code, Actor1Name, Actor1CountryCode)
    ("1001", "GOV", "MINISTRY OF FOREIGN AFFAIRS", "CHN"),
    ("1002", "GOV", "PRESIDENT", "IRN"),
    ("1003", "GOV", "PRIME MINISTER", ""),
    ("1004", "MIL", "SOLDIER", "IRN"),
    ("1005", "IRNMIL", "IRANIAN", "IRN"),
    ("1006", "MNCUSA", "APPLE", "USA"),
    ("1007", "MNCUSA", "EXXON", "USA"),
    ("1008", "BUS", "COMPANY", "CHN"),
    ("1009", "CVL", "RESIDENTS", "IRQ"),
    ("1010", "XYZ", "SOME FRONT", ""),
    ("1011", "XYZ", "ANOTHER FRONT", ""),
    ("1012", "CHNGOV", "BEIJING", "CHN"),
]


def _generic_file(tmp_path: Path) -> Path:
    path = tmp_path / "generic.export.CSV"
    path.write_text(
        "".join(
            _row(
                GLOBALEVENTID=row,
                SQLDATE="20200110",
                Actor1Code=code,
                Actor1Name=name,
                Actor1CountryCode=country,
                Actor2Code="IRQ",
                Actor2Name="IRAQ",
                EventCode="042",
                QuadClass="1",
                GoldsteinScale="1.9",
            )
            for row, code, name, country in GENERIC_ROWS
        ),
        encoding="utf-8",
    )
    return path


def test_generic_codes_become_role_actors_of_their_country(tmp_path: Path) -> None:
    records = list(gdelt.read(_generic_file(tmp_path)))
    check_stream(records)
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    source = {e.provenance[0].record: actors[e.source[0]] for e in events(records)}
    assert source["1001"].name == "Government of China" and source["1001"].type == "government"
    assert source["1001"].id == source["1012"].id  # GOV + CHN and CHNGOV are one actor
    assert source["1002"].name == "Government of Iran" and source["1002"].country == "IRN"
    assert source["1003"].name == "Government (country not given)" and source["1003"].country is None
    assert source["1004"].name == source["1005"].name == "Military of Iran"
    assert source["1006"].name == "Multinational corporations of United States"
    assert source["1006"].id == source["1007"].id
    assert source["1008"].name == "Businesses of China"
    assert (source["1009"].name, source["1009"].type) == ("Civilians of Iraq", "population")
    assert (source["1010"].name, source["1011"].name) == ("Some Front", "Another Front")


ROLES = {"GOV": "Government", "MIL": "Military", "MNC": "Multinational corporations", "BUS": "Businesses",
         "CVL": "Civilians"}  # fmt: skip
COUNTRIES = {"CHN": "China", "IRN": "Iran", "USA": "United States", "IRQ": "Iraq"}


def _names_the_row_gives(code: str, name: str, country: str) -> set[str]:
    """Every name an actor of this row may carry: the row's own name, or what its code and country mean."""
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    places = {COUNTRIES[p] for p in parts if p in COUNTRIES} or ({COUNTRIES[country]} if country else set())
    roles = [ROLES[p] for p in parts if p in ROLES]
    given = {name.title()} | {COUNTRIES[p] for p in parts if p in COUNTRIES and not roles}
    for role in roles:
        given |= {f"{role} of {place}" for place in places} or {f"{role} (country not given)"}
    return given


def test_no_event_is_attached_to_an_actor_named_by_another_row(tmp_path: Path) -> None:
    records = list(gdelt.read(_generic_file(tmp_path)))
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    said = {row: (code, name, country) for row, code, name, country in GENERIC_ROWS}
    for event in events(records):
        code, name, country = said[event.provenance[0].record]
        actor = actors[event.source[0]]
        assert actor.name in _names_the_row_gives(code, name, country), (event.id, actor.name, name)
        assert actors[event.target[0]].name == "Iraq"
        for other_row, (_, other_name, _) in said.items():
            if other_row != event.provenance[0].record and other_name != name:
                assert actor.name.casefold() != other_name.title().casefold(), (event.id, actor.name)


# -- row-level recovery ---------------------------------------------------------------------

BAD_ROWS = [
    (STRIKE.replace("20200103", "20201303", 1).replace("901", "911", 1), "SQLDATE", "calendar"),
    (STRIKE.replace("\t-10.0\t", "\tminus ten\t").replace("901", "912", 1), "GoldsteinScale", "not a number"),
    (STRIKE.replace("\t195\t", "\tAB5\t").replace("901", "913", 1), "EventCode", "not a CAMEO event code"),
    (STRIKE.rsplit("\t", 3)[0] + "\n", "", "found 58"),
    (STRIKE.replace("901", "9x1", 1), "GLOBALEVENTID", "not a GDELT event id"),
    (STRIKE.replace("\t4\t-10.0", "\t7\t-10.0").replace("901", "914", 1), "QuadClass", "not a quad class"),
]


def test_skip_bad_rows_imports_the_rest_and_lists_each_damaged_row(tmp_path: Path) -> None:
    path = tmp_path / "damaged.export.CSV"
    path.write_text(STRIKE + "".join(text for text, _, _ in BAD_ROWS) + MEETING, encoding="utf-8")
    with pytest.raises(RecordError):
        list(gdelt.read(path))
    stream = gdelt.read(path, skip_bad_rows=True)
    assert [e.id for e in events(list(stream))] == ["gdelt-901", "gdelt-902"]
    rejected = stream.stats.rejected
    assert [r.line for r in rejected] == list(range(2, 2 + len(BAD_ROWS)))
    for reject, (_, field, words) in zip(rejected, BAD_ROWS, strict=True):
        assert reject.field == field and words in reject.reason and reject.file == str(path)
    assert "6 damaged rows rejected" in stream.stats.summary()


def test_source_url_and_place_country_survive_the_store(tmp_path: Path, store: object) -> None:
    path = tmp_path / "events.csv"
    path.write_text(_row(**STRIKE_CELLS), encoding="utf-8")
    store.add_records(gdelt.read(path))  # type: ignore[attr-defined]
    [stored] = store.events()  # type: ignore[attr-defined]
    assert (stored.provenance[0].model_extra or {})["url"] == URL
    assert [p.country for p in store.places()] == ["IRQ"]  # type: ignore[attr-defined]
