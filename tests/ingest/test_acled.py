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


# -- every published layout, by detection -----------------------------------------------------
# The rows below are written for these tests in each layout's published column set.

UPPER_2015 = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,"
    "INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,"
    "LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES\n"
    "475,7001NIG,7001,12/03/2016,2016,1,Battle-No change of territory,Military Forces of Nigeria (2015-),,"
    "1,Boko Haram,,2,12,Nigeria,Borno,Maiduguri,,Maiduguri,11.8464,13.1603,1,Local press,"
    "Soldiers and fighters exchanged fire outside the town.,4\n"
    "475,7002NIG,7002,13/03/2016,2016,2,Riots/Protests,Protesters (Nigeria),Students (Nigeria),"
    "6,,,0,60,Nigeria,Lagos,Ikeja,,Ikeja,6.6018,3.3515,1,Local press,Students marched.,0\n"
)
API_2016 = (
    '"","gwno","event_id_cnty","event_id_no_cnty","event_date","year","time_precision","event_type",'
    '"actor1","ally_actor_1","inter1","actor2","ally_actor_2","inter2","interaction","country","admin1",'
    '"admin2","admin3","location","latitude","longitude","geo_precision","source","notes","fatalities"\n'
    '"1",625,"7101SUD",7101,"2016-04-02",2016,1,"Remote violence","Military Forces of Sudan (1989-2019)",'
    'NA,1,"Civilians (Sudan)",NA,7,17,"Sudan","North Darfur",NA,NA,"Tawila",13.5,24.23,1,"Press",'
    '"Shelling of a village.",2\n'
    '"2",625,"7102SUD",7102,"2016-04-03",2016,1,"Strategic development",'
    '"Military Forces of Sudan (1989-2019)",'
    'NA,1,NA,NA,0,10,"Sudan","Khartoum",NA,NA,"Khartoum",15.55,32.53,1,"Press",NA,0\n'
)
API_2019_HEADER = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,"
    "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3\n"
)
API_2019 = API_2019_HEADER + (
    "6001,368,IRQ7201,7201,2019-06-14,2019,1,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Unidentified Armed Group (Iraq),,3,Military Forces of Iraq (2014-),,1,13,Middle East,Iraq,Baghdad,,,"
    "Baghdad,33.3406,44.4009,1,Press,National,Rockets fell near a base.,0,1561000000,IRQ\n"
)
API_2020 = API_2019_HEADER + (
    "6101,368,IRQ7301,7301,9-May-20,2020,1,Protests,Peaceful protest,Protesters (Iraq),,6,,,0,60,"
    "Middle East,Iraq,Basrah,,,Basrah,30.5,47.8,1,Press,National,A sit-in.,0,1589000000,IRQ\n"
)


def _current(*rows: dict[str, str], preamble: str = "") -> str:
    return preamble + _csv(*rows)


@pytest.mark.parametrize(
    ("text", "layout", "ids"),
    [
        (UPPER_2015, "ACLED 2015-2018 export", ["acled-7001NIG", "acled-7002NIG"]),
        (API_2016, "ACLED 2016 API export", ["acled-7101SUD"]),
        (API_2019, "ACLED 2019-2022 API export", ["acled-IRQ7201"]),
        (API_2020, "ACLED 2019-2022 API export", ["acled-IRQ7301"]),
        (
            _current(ROCKETS, preamble="ACLED Data Export (Sample)\n"),
            "ACLED current export",
            ["acled-IRQ1001"],
        ),
    ],
)
def test_every_layout_imports_as_published(tmp_path: Path, text: str, layout: str, ids: list[str]) -> None:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    stream = acled.read(path)
    records = list(stream)
    check_stream(records)
    assert stream.stats.layout.startswith(layout)
    assert [e.id for e in events(records)] == ids
    assert not stream.stats.rejected


def test_old_layouts_keep_their_meaning(tmp_path: Path) -> None:
    path = tmp_path / "upper.csv"
    path.write_text(UPPER_2015, encoding="utf-8")
    battle, protest = events(list(acled.read(path)))
    assert (battle.type, battle.date, battle.fatalities) == ("ASSAULT", "2016-03-12", 4)  # day/month/year
    # time precision 2: the week around the day; the ally is on the protesters' side
    assert (protest.type, protest.mode, protest.date, protest.date_end) == (
        "PROTEST",
        None,  # the old 'Riots/Protests' does not say which
        "2016-03-10",
        "2016-03-16",
    )
    assert protest.source == ["protesters-nigeria", "students-nigeria"] and protest.target == []
    excel = tmp_path / "excel.csv"
    excel.write_text(API_2020, encoding="utf-8")
    [sit_in] = events(list(acled.read(excel)))
    assert sit_in.date == "2020-05-09"


def test_r_exports_with_na_and_row_names_import(tmp_path: Path) -> None:
    # write.csv: an empty first header cell; write.table: no header cell for the row names at all
    with_cell = tmp_path / "write_csv.csv"
    with_cell.write_text(API_2016, encoding="utf-8")
    without_cell = tmp_path / "write_table.csv"
    without_cell.write_text(API_2016.split(",", 1)[1], encoding="utf-8")
    for path in (with_cell, without_cell):
        stream = acled.read(path)
        [shelling] = events(list(stream))
        assert (shelling.type, shelling.date, shelling.fatalities) == ("ASSAULT", "2016-04-02", 2)
        assert shelling.target == ["civilians-sudan"]
        assert stream.stats.unmapped == {"Strategic development": 1}  # NA actor2 with inter2 0 is fine
    r_current = tmp_path / "r_current.csv"
    r_current.write_text(
        _csv({**PROTEST, "actor2": "NA", "assoc_actor_2": "NA", "inter2": "0", "fatalities": "NA"}),
        encoding="utf-8",
    )
    [protest] = events(list(acled.read(r_current)))
    assert protest.target == [] and protest.fatalities is None


def test_associated_actors_and_date_precision_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_text(
        _csv(
            {
                **ROCKETS,
                "assoc_actor_1": "Popular Mobilization Forces; Asaib Ahl al-Haq",
                "time_precision": "2",
            },
        ),
        encoding="utf-8",
    )
    [rockets] = events(list(acled.read(path)))
    assert rockets.source[0] == "kataib-hezbollah" and len(rockets.source) == 3
    assert (rockets.date, rockets.date_end) == ("2019-12-31", "2020-01-06")


ACLED_BAD_ROWS = [
    ({**ROCKETS, "event_id_cnty": ""}, "event_id_cnty", "needs its id"),
    ({**ROCKETS, "event_id_cnty": "B2", "event_date": "3rd of Jan"}, "event_date", "not a date"),
    ({**ROCKETS, "event_id_cnty": "B3", "inter1": "9"}, "inter1", "interaction code"),
    ({**ROCKETS, "event_id_cnty": "B4", "inter2": "0"}, "inter2", "actor2 is 'Military Forces"),
    ({**ROCKETS, "event_id_cnty": "B5", "fatalities": "many"}, "fatalities", "not a number"),
    ({**ROCKETS, "event_id_cnty": "B6", "fatalities": "-2"}, "fatalities", "negative"),
    ({**ROCKETS, "event_id_cnty": "B7", "latitude": "133.0"}, "latitude", "not a latitude"),
]


def test_skip_bad_rows_imports_the_rest_and_names_each_cause(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    text = _csv(ROCKETS, *(row for row, _, _ in ACLED_BAD_ROWS), PROTEST) + "IRQ1005,2020-01-07,2020\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError, match="needs its id"):
        list(acled.read(path))
    stream = acled.read(path, skip_bad_rows=True)
    assert [e.id for e in events(list(stream))] == ["acled-IRQ1001", "acled-IRQ1002"]
    rejected = stream.stats.rejected
    assert [r.line for r in rejected] == [*range(3, 3 + len(ACLED_BAD_ROWS)), 4 + len(ACLED_BAD_ROWS)]
    for reject, (_, field, words) in zip(rejected, ACLED_BAD_ROWS, strict=False):
        assert reject.field == field and words in reject.reason, reject
    assert "found 3" in rejected[-1].reason and rejected[-1].text.startswith("IRQ1005")


def test_a_semicolon_separated_excel_export_reads_the_same(tmp_path: Path) -> None:
    comma = tmp_path / "comma.csv"
    comma.write_text(_csv(ROCKETS, PROTEST), encoding="utf-8")
    semicolon = tmp_path / "excel.csv"
    with open(semicolon, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=HEADER, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        for row in (ROCKETS, PROTEST):
            writer.writerow({k: row.get(k, "") for k in HEADER})
    assert list(acled.read(semicolon)) == list(acled.read(comma))


def test_a_pandas_export_with_float_codes_reads_the_same(tmp_path: Path) -> None:
    floats = {k: f"{PROTEST[k]}.0" for k in ("time_precision", "iso", "geo_precision")}
    plain, pandas = tmp_path / "plain.csv", tmp_path / "pandas.csv"
    plain.write_text(_csv(ROCKETS, PROTEST), encoding="utf-8")
    rockets = {**ROCKETS, "inter1": "3.0", "inter2": "8.0", "fatalities": "0.0"}
    pandas.write_text(_csv(rockets, {**PROTEST, **floats}), encoding="utf-8")
    assert list(acled.read(pandas)) == list(acled.read(plain))
    assert [e.date for e in events(list(acled.read(pandas)))] == ["2020-01-03", "2020-01"]
