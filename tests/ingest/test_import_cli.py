"""`brinkwatch import` through the real command line: --skip-bad-rows, reject file, wrong formats, help."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from test_acled import ACLED_BAD_ROWS, PROTEST, ROCKETS, _csv
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.store import Store

runner = CliRunner()


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _damaged_export(tmp_path: Path) -> Path:
    path = tmp_path / "acled_2020.csv"
    text = _csv(ROCKETS, *(row for row, _, _ in ACLED_BAD_ROWS), PROTEST) + "IRQ1005,2020-01-07,2020\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_all_or_nothing_by_default(tmp_path: Path, db_url: str) -> None:
    path = _damaged_export(tmp_path)
    code, _, err = _invoke("import", "--format", "acled", str(path), "--db", db_url)
    assert code == 2 and f"{path}:3: field 'event_id_cnty'" in err and "nothing was imported" in err
    with Store.open(db_url) as store:
        assert store.events() == []


def test_skip_bad_rows_imports_the_rest_and_writes_the_reject_file(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a PostgreSQL store has no folder: its reject file goes to the current one
    path = _damaged_export(tmp_path)
    code, out, err = _invoke(
        "import", "--format", "acled", str(path), "--db", db_url, "--skip-bad-rows", "--output", "json"
    )
    assert code == 0, err
    summary = json.loads(out)
    assert summary["added"]["event"] == 2 and summary["import"]["rejected"] == len(ACLED_BAD_ROWS) + 1
    assert summary["import"]["layout"].startswith("ACLED current export")
    reject_file = Path(summary["rejects_file"])
    if db_url.startswith("sqlite"):
        assert reject_file.parent == Path(db_url.removeprefix("sqlite:///")).parent  # beside the store
    else:
        assert reject_file.parent == Path(".")
    with open(reject_file, encoding="utf-8", newline="") as fh:
        rejected = list(csv.DictReader(fh, delimiter="\t"))
    assert [r["line"] for r in rejected] == [str(n) for n in (*range(3, 3 + len(ACLED_BAD_ROWS)), 11)]
    assert all(r["file"] == str(path) for r in rejected)
    assert rejected[0]["field"] == "event_id_cnty" and "needs its id" in rejected[0]["reason"]
    assert rejected[3]["reason"].startswith("actor2 is 'Military Forces") and rejected[-1]["row"].startswith(
        "IRQ1005"
    )
    with Store.open(db_url) as store:
        assert sorted(e.id for e in store.events()) == ["acled-IRQ1001", "acled-IRQ1002"]


def test_table_output_counts_the_rejected_rows(tmp_path: Path) -> None:
    path = _damaged_export(tmp_path)
    rejects = tmp_path / "bad_rows.tsv"
    db = tmp_path / "store.db"
    code, out, _ = _invoke(
        "import",
        "--format",
        "acled",
        str(path),
        "--db",
        str(db),
        "--skip-bad-rows",
        "--rejects",
        str(rejects),
    )
    assert code == 0
    assert f"{len(ACLED_BAD_ROWS) + 1} damaged rows rejected; listed in {rejects}" in out
    assert "layout: ACLED current export" in out
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == len(ACLED_BAD_ROWS) + 2


def test_a_file_under_the_wrong_format_names_the_right_one(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(_csv(ROCKETS), encoding="utf-8")
    db = str(tmp_path / "store.db")
    for wrong in ("ucdp-ged", "gdelt", "icews", "cameo"):
        code, _, err = _invoke("import", "--format", wrong, str(path), "--db", db)
        assert code == 2 and "try --format acled" in err, (wrong, err)
    icews_file = tmp_path / "events.tab"
    icews_file.write_text(
        "Event ID\tEvent Date\tSource Name\tCAMEO Code\tTarget Name\n1\t2015-01-01\tX\t042\tY\n"
    )
    code, _, err = _invoke("import", "--format", "cameo", str(icews_file), "--db", db)
    assert code == 2 and "try --format icews" in err and "Traceback" not in err


def test_help_names_every_format_and_layout() -> None:
    code, out, _ = _invoke("import", "--help")
    assert code == 0
    for words in ("icews", "polecat", "GDELT 1.0", "57", "2015-2018", "HDX", "--skip-bad-rows", "9-May-20"):
        assert words in out, words


def test_jsonl_and_gdelt_skip_bad_rows_through_the_command(tmp_path: Path) -> None:
    from test_gdelt import MEETING, STRIKE

    db = str(tmp_path / "store.db")
    records = tmp_path / "records.jsonl"
    good = '{"kind": "actor", "id": "iran", "name": "Iran", "type": "state"}'
    records.write_text(good + '\n{"kind": "actor", "id": "x"}\nnot json\n', encoding="utf-8")
    code, out, _ = _invoke(
        "import", "--format", "jsonl", str(records), "--db", db, "--skip-bad-rows", "-o", "json"
    )
    summary = json.loads(out)
    assert code == 0 and summary["added"]["actor"] == 1 and summary["import"]["rejected"] == 2
    events_file = tmp_path / "20200103.export.CSV"
    events_file.write_text(STRIKE + STRIKE.replace("901", "9x1", 1) + MEETING, encoding="utf-8")
    code, out, _ = _invoke("import", "--format", "gdelt", str(events_file), "--db", db, "--skip-bad-rows")
    assert code == 0 and "1 damaged rows rejected" in out
    reject_file = tmp_path / f"store.rejects.{events_file.name}.tsv"
    [header, row] = reject_file.read_text(encoding="utf-8").splitlines()
    assert header == "file\tline\tfield\treason\trow" and row.split("\t")[1:3] == ["2", "GLOBALEVENTID"]


def test_a_clean_file_writes_no_reject_file(tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_text(_csv(ROCKETS, PROTEST), encoding="utf-8")
    db = tmp_path / "store.db"
    code, out, _ = _invoke("import", "--format", "acled", str(path), "--db", str(db), "--skip-bad-rows")
    assert code == 0 and "no damaged rows" in out
    assert not list(tmp_path.glob("*.rejects.*"))
