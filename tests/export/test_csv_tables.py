"""CSV tables: one row per record, readable back, a zip or a folder, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from brinkwatch.export import csv_tables
from brinkwatch.store import Store


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_folder_has_one_row_per_record(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    counts = csv_tables.write(sample_store, out)
    files = sorted(p.name for p in out.iterdir())
    assert files == ["actors.csv", "documents.csv", "events.csv", "places.csv", "relations.csv"]
    tables = {name: read((out / f"{name}.csv").read_text(encoding="utf-8")) for name in csv_tables.COLUMNS}
    store_counts = sample_store.counts()
    for name in csv_tables.COLUMNS:
        assert len(tables[name]) == store_counts[name] == counts[name]
    strikes = next(r for r in tables["events"] if r["id"] == "ev-strikes")
    assert (strikes["source"], strikes["target"]) == ("united-states", "kataib-hezbollah")
    assert strikes["fatalities"] == "25"
    assert strikes["sources"] == "k1-report"
    assert "American aircraft bombed five sites" in strikes["evidence"]
    aliases = next(r for r in tables["actors"] if r["id"] == "kataib-hezbollah")["aliases"].split("; ")
    assert "KH" in aliases


def test_zip_holds_the_same_tables(sample_store: Store, tmp_path: Path) -> None:
    csv_tables.write(sample_store, tmp_path / "folder")
    csv_tables.write(sample_store, tmp_path / "tables.zip")
    with zipfile.ZipFile(tmp_path / "tables.zip") as zf:
        assert sorted(zf.namelist()) == sorted(f"{n}.csv" for n in csv_tables.COLUMNS)
        for name in csv_tables.COLUMNS:
            zipped = zf.read(f"{name}.csv").decode("utf-8")
            assert zipped == (tmp_path / "folder" / f"{name}.csv").read_bytes().decode("utf-8")


def test_formulas_are_defused_but_numbers_kept(sample_store: Store, tmp_path: Path) -> None:
    csv_tables.write(sample_store, tmp_path / "t")
    events = read((tmp_path / "t" / "events.csv").read_text(encoding="utf-8"))
    undated = next(r for r in events if r["id"] == "ev-undated")
    assert undated["summary"].startswith("'=HYPERLINK")
    assert undated["intensity"] == "-2.0" and undated["date"] == ""


def test_a_file_where_the_folder_should_be_is_refused(sample_store: Store, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(NotADirectoryError, match="taken"):
        csv_tables.write(sample_store, tmp_path / "taken")
