"""The extract and eval commands through the Typer runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from brinkwatch.cli import app

runner = CliRunner()

TEXT = "In 2011 the Dawn Movement was financed by Qatar. Qatar's envoy visited Egypt in May 2012.\n"


def test_extract_file_prints_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "dawn report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "2012-06"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0] == {**records[0], "kind": "document", "id": "dawn-report", "published": "2012-06"}
    assert any(r["kind"] == "relation" and r["type"] == "funds" for r in records)


def test_extract_stdin_and_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "--format", "table"], input=TEXT)
    assert result.exit_code == 0, result.output
    assert "funds" in result.stdout and "Dawn Movement" in result.stdout


def test_extract_reports_bad_inputs(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    foreign = tmp_path / "foreign.txt"
    foreign.write_text(
        "La milicia atacó la base el martes y el gobierno respondió con nuevas sanciones "
        "contra sus dirigentes en la ciudad.",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(empty), str(foreign), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "empty" in result.stderr
    assert "foreign: skipped: does not look like English" in result.stderr
    assert "no such file" in result.stderr


def test_extract_rejects_a_bad_publication_date(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "-", "--published", "2021-13"], input=TEXT)
    assert result.exit_code == 2
    assert "--published" in result.output or "--published" in result.stderr


def test_eval_scores_extract_output(tmp_path: Path) -> None:
    text = tmp_path / "doc.txt"
    text.write_text(TEXT, encoding="utf-8")
    out = runner.invoke(app, ["extract", str(text)])
    predicted = tmp_path / "doc.jsonl"
    predicted.write_text(out.stdout, encoding="utf-8")
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "document: doc.txt\nactors:\n  - names: [Qatar]\n  - names: [Dawn Movement]\n  - names: [Egypt]\n"
        "relations:\n  - {type: funds, source: Qatar, target: Dawn Movement, valid_from: '2011'}\n"
        "events:\n  - {type: CONSULT, source: Qatar, target: Egypt, date: '2012-05'}\n"
        "  - {type: AID, source: Qatar, target: Dawn Movement, date: '2011'}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["eval", str(gold), str(predicted), "--show"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "F1 actors=1.000 relations=1.000 events=1.000 mean=1.000"
    as_json = json.loads(runner.invoke(app, ["eval", str(gold), str(predicted), "--json"]).stdout)
    assert as_json["relations"]["tp"] == 1


def test_eval_names_a_bad_gold_entry(tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        "actors:\n  - names: [Qatar]\nrelations:\n  - {type: funds, source: Qatar, target: Oman}\n",
        encoding="utf-8",
    )
    predicted = tmp_path / "p.jsonl"
    predicted.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(gold), str(predicted)])
    assert result.exit_code == 2
    assert "relations[0]: 'Oman' is not listed under actors" in result.stderr
