"""What every importer shares: date forms, missing values, preamble lines, compressed and odd files."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from brinkwatch.ingest.importers import detect_format
from brinkwatch.ingest.tabular import compact_span, open_text, parse_date, present, read_table
from brinkwatch.records import RecordError


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-01-03", "2020-01-03"),
        ("2020-01-03 00:00:00", "2020-01-03"),
        ("20200103", "2020-01-03"),
        ("03 January 2020", "2020-01-03"),
        ("3-January-2020", "2020-01-03"),
        ("January 3, 2020", "2020-01-03"),
        ("9-May-20", "2020-05-09"),
        ("12-Mar-97", "1997-03-12"),
        ("18/04/2001", "2001-04-18"),  # ACLED's day/month/year
        ("05/13/2020", "2020-05-13"),  # a month/day/year that cannot be the other way round
        ("2020/01/03", "2020-01-03"),
        ("2020-01", "2020-01"),
        ("2020", "2020"),
    ],
)
def test_every_date_form_datasets_use(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31-Feb-20", "3rd of Jan", "2020-13-01", "32/01/2020"])
def test_what_is_not_a_date_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


def test_missing_value_markers_and_date_spans() -> None:
    assert [present(t) for t in ("NA", " N/A ", "#N/A", "NULL", "nan", "", "0", "Iraq")] == [
        "",
        "",
        "",
        "",
        "",
        "",
        "0",
        "Iraq",
    ]
    assert compact_span("2005-06-01", "2005-06-30") == ("2005-06", None)
    assert compact_span("2005-01-01", "2005-12-31") == ("2005", None)
    assert compact_span("2005-06-10", "2005-06-25") == ("2005-06-10", "2005-06-25")
    assert compact_span("2005-06-10", "2005-06-10") == ("2005-06-10", None)


def test_a_header_is_found_below_preamble_lines_and_aliases_apply() -> None:
    text = "Export (Sample)\nGenerated 2024-01-01\nEVENT_ID_CNTY,Event Date,ALLY_ACTOR_1\nX1,2020-01-03,B\n"
    table = read_table(
        io.StringIO(text), "f.csv", ("event_id_cnty", "event_date"), "x", {"ally_actor_1": "assoc"}
    )
    assert table.line == 3 and len(table.preamble) == 2
    assert table.col == {"event_id_cnty": 0, "event_date": 1, "assoc": 2}
    assert list(table.rows()) == [(4, ["X1", "2020-01-03", "B"])]
    with pytest.raises(RecordError, match=r"f.csv:3: not x: the header lacks column\(s\) fatalities"):
        read_table(io.StringIO(text), "f.csv", ("event_id_cnty", "fatalities"), "x")


def test_compressed_files_are_read_through_and_others_named(tmp_path: Path) -> None:
    text = "a\tb\nçà\t1\n"
    gz = tmp_path / "t.tsv.gz"
    gz.write_bytes(gzip.compress(text.encode()))
    zipped = tmp_path / "t.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("README.txt", "x")  # the larger data file wins, not the readme
        archive.writestr("data/t.tsv", text * 3)
    for path, expected in ((gz, text), (zipped, text * 3)):
        with open_text(path, "a table") as fh:
            assert fh.read() == expected
    workbook = tmp_path / "export.csv"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(RecordError, match="an Excel workbook, not a table; save the sheet as CSV"):
        open_text(workbook, "a table")
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(RecordError, match="a binary file"):
        open_text(binary, "a table")


def test_windows_1252_bytes_are_read_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes(b"id,name\n1,Kata'ib\n2," + "Côte d’Ivoire".encode("cp1252") + b"\n")
    with open_text(path, "a table") as fh:
        assert fh.read().splitlines()[-1] == "2,Côte d’Ivoire"


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        ("ACLED (Sample)\nevent_id_cnty,event_date,event_type,actor1\n", "acled"),
        ("GWNO,EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,ACTOR1\n", "acled"),
        ("id,year,type_of_violence,side_a,side_b\n", "ucdp-ged"),
        ("Event ID\tEvent Date\tSource Name\tCAMEO Code\n", "icews"),
        ("Event ID\tEvent Date\tEvent Type\tActor Name\n", "polecat"),
        ('{"event_id": "1", "event_type": "AGREE"}\n', "polecat"),
        ('{"kind": "actor", "id": "x", "name": "X", "type": "state"}\n', "jsonl"),
        ("\t".join(["410412347", "20050103", *[""] * 56]) + "\n", "gdelt"),
        ("1990-08-02\tIRQ\tKUW\t223\n", "cameo"),
        ("date\tsource\ttarget\tcode\n", "cameo"),
        ("hello world\n", None),
    ],
)
def test_formats_are_recognised_from_the_head_of_a_file(tmp_path: Path, head: str, fmt: str | None) -> None:
    path = tmp_path / "file.dat"
    path.write_text(head, encoding="utf-8")
    assert detect_format(path) == fmt
