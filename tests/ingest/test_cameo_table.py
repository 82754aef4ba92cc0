"""CAMEO/WEIS event tables: code sets, actor codes, counted unknown codes, damaged rows, store round trip."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events

from brinkwatch.ingest import cameo_table
from brinkwatch.ingest.importers import get_importer
from brinkwatch.records import Actor, RecordError

CAMEO_11 = (
    "date\tsource\ttarget\tcode\n"
    "2020-01-03\tUSA\tIRN\t190\n"  # fight
    "2020-01-03\tIRNMIL\tUSA\t1384\n"  # threaten conventional attack (4-digit code)
    "2020-01-05\tIRQGOV\tUSA\t042\n"  # make a visit
    "2020-01-06\tIRQ\tUSA\t010\n"  # plain statement: no PLOVER event
    "2020-01-07\tXYZ\tUSA\t999\n"  # not a CAMEO code: counted
    "2020-01-08\tAUS\tIRQ\t163\n"  # embargo (CAMEO 1.1 numbering)
)

WEIS = (
    "1990-08-02\tIRQ\tKUW\t223\n"  # military engagement
    "1990-08-03\tUAR\tIRQ\t121\n"  # criticize
    "1990-08-04\tAUS\tIRQ\t193\n"  # reduce aid (AUS is Austria in the KEDS codes)
    "1990-08-05\tIRQ\tKUW\t212\n"  # detain
    "1990-08-05\tIRQ\tKUW\t023\n"  # neutral comment: no PLOVER event
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cameo_11_table_maps_codes_and_actors(tmp_path: Path) -> None:
    path = _write(tmp_path, "news.tsv", CAMEO_11)
    stream = cameo_table.read(path)
    records = list(stream)
    check_stream(records)
    evs = {e.provenance[0].record: e for e in events(records)}
    assert set(evs) == {"2", "3", "4", "7"}
    fight, threat, visit, embargo = evs["2"], evs["3"], evs["4"], evs["7"]
    assert (fight.type, fight.intensity, fight.quad_class) == ("ASSAULT", -10.0, 4)
    assert fight.source == ["united-states"] and fight.target == ["iran"]
    assert threat.type == "THREATEN" and threat.source == ["military-of-iran"]
    assert (visit.type, visit.mode) == ("CONSULT", "visit")
    assert (embargo.type, embargo.mode, embargo.source) == ("SANCTION", "economic", ["australia"])
    actors = {r.id: r for r in records if isinstance(r, Actor)}
    assert actors["military-of-iran"].type == "government" and actors["military-of-iran"].country == "IRN"
    assert actors["military-of-iran"].code == "IRNMIL"
    assert actors["government-of-iraq"].type == "government"
    assert stream.stats.unknown_codes == {"999": 1}
    assert stream.stats.unmapped == {"010": 1}
    assert "cameo-1.1" in stream.stats.summary() and "999 (1)" in stream.stats.summary()


def test_weis_table_is_recognised_and_read_with_legacy_actor_codes(tmp_path: Path) -> None:
    path = _write(tmp_path, "gulf.tsv", WEIS)
    assert cameo_table.detect_codeset(path, str(path)) == "weis"
    stream = cameo_table.read(path)
    evs = events(list(stream))
    assert [e.type for e in evs] == ["ASSAULT", "ACCUSE", "SANCTION", "COERCE"]
    assert evs[0].target == ["kuwait"] and evs[1].source == ["egypt"] and evs[2].source == ["austria"]
    assert evs[3].mode == "arrest"
    assert stream.stats.unmapped == {"023": 1}
    # the same table read as CAMEO would turn 223/212 into unknown codes: the set matters
    forced = cameo_table.read(path, codeset="cameo-1.1")
    list(forced)
    assert forced.stats.unknown_codes == {"223": 1, "212": 1}


def test_ids_are_stable_and_registry_finds_the_importer(tmp_path: Path) -> None:
    path = _write(tmp_path, "news.tsv", CAMEO_11)
    records = check_idempotent(get_importer("cameo"), path)
    assert events(records)[0].id == "cameo-news-2"


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ("date\tsource\ttarget\tcode\n2020-01-03\tUSA\tIRN\t190\n2020-01-04\tUSA\tIRN\n", 3, "", "found 3"),
        ("date\tsource\ttarget\tcode\n2020-02-30\tUSA\tIRN\t190\n", 2, "date", "not a real calendar date"),
        (
            "date\tsource\ttarget\tcode\n2020-01-03\tUSA\tIRN\t190\n2020-01-03\tUSA\tIRN\t9x9\n",
            3,
            "code",
            "'9x9'",
        ),
        ("date\tsource\ttarget\tcode\nyesterday\tUSA\tIRN\t190\n", 2, "date", "not a date"),
    ],
)
def test_damaged_rows_name_line_and_column(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    path = _write(tmp_path, "gulf.tsv", text)
    with pytest.raises(RecordError) as err:
        list(cameo_table.read(path, codeset="cameo-1.1"))
    assert (err.value.line, err.value.field) == (line, field)
    assert words in str(err.value) and "gulf.tsv" in str(err.value)


def test_compressed_tables_are_read_through_and_other_files_refused(tmp_path: Path) -> None:
    archive = tmp_path / "gulf.tsv.gz"
    archive.write_bytes(gzip.compress(CAMEO_11.encode()))
    plain = _write(tmp_path, "news.tsv", CAMEO_11)
    assert [e.type for e in events(list(cameo_table.read(archive)))] == [
        e.type for e in events(list(cameo_table.read(plain)))
    ]
    pdf = tmp_path / "paper.tsv"
    pdf.write_bytes(b"%PDF-1.4 not a table")
    with pytest.raises(RecordError, match="a PDF document"):
        cameo_table.read(pdf)
    csv_file = _write(tmp_path, "other.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(RecordError, match="not a CAMEO event table"):
        cameo_table.read(csv_file)
    no_codes = _write(tmp_path, "words.tsv", "x\ty\tz\tw\na\tb\tc\td\n")
    with pytest.raises(RecordError, match="no row has a CAMEO or WEIS event code"):
        cameo_table.read(no_codes)


def test_round_trip_into_the_store_adds_nothing_the_second_time(tmp_path: Path, store: object) -> None:
    path = _write(tmp_path, "news.tsv", CAMEO_11)
    store.add_records(cameo_table.read(path))  # type: ignore[attr-defined]
    counts = store.counts()  # type: ignore[attr-defined]
    assert counts["events"] == 4
    store.add_records(cameo_table.read(path))  # type: ignore[attr-defined]
    assert store.counts() == counts  # type: ignore[attr-defined]
    stored = store.events(source="military-of-iran")  # type: ignore[attr-defined]
    assert [e.type for e in stored] == ["THREATEN"]


def test_skip_bad_rows_sets_damaged_rows_aside(tmp_path: Path) -> None:
    damaged = CAMEO_11 + "2020-02-30\tUSA\tIRN\t190\n" + "2020-01-09\tUSA\tIRN\tXX\n" + "2020-01-09\tUSA\n"
    path = _write(tmp_path, "news.tsv", damaged + "2020-01-10\tIRN\tUSA\t042\n")
    with pytest.raises(RecordError):
        list(cameo_table.read(path, codeset="cameo-1.1"))
    stream = cameo_table.read(path, codeset="cameo-1.1", skip_bad_rows=True)
    assert len(events(list(stream))) == 5
    assert [(r.line, r.field) for r in stream.stats.rejected] == [(8, "date"), (9, "code"), (10, "")]
    assert stream.stats.rejected[1].text == "2020-01-09\tUSA\tIRN\tXX"
