"""The analysis commands end to end on a real SQLite store: JSON output, tables and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from analysis_builders import actor, ev, rel
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.store import Store

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    events = [ev("ASSAULT", "kh", "usa", f"2020-{m:02d}-{d:02d}", -10.0, eid=f"k{m}-{d}")
              for m in range(1, 13) for d in (3, 9, 17)]
    events += [ev("ASSAULT", "usa", "kh", f"2020-{m:02d}-20", -10.0, eid=f"u{m}") for m in range(1, 13)]
    with Store.open(str(path)) as store:
        store.add_records([
            actor("usa", name="United States"), actor("iran", name="Iran"),
            actor("kh", "armed_group", name="Kataib Hezbollah"),
            rel("proxy_of", "kh", "iran", valid_from="2010", rid="kh-iran"), *events,
        ])
    return str(path)


def test_escalation_json_by_name(db: str) -> None:
    args = ["escalation", "Kataib Hezbollah", "United States", "--db", db, "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["periods"]) == 12 and data["periods"][0]["events"] == 4
    assert data["explain"]["criteria"][0]["name"] == "sustained-violence"


def test_roll_up_and_table_output(db: str) -> None:
    args = ["escalation", "iran", "usa", "--roll-up-proxies", "--by", "year", "--db", db]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "Escalation iran <-> usa by year" in result.stdout and "2020" in result.stdout
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert [(p["period"], p["state"], p["criterion"]) for p in data["periods"]] == [
        ("2020", "confrontation", "sustained-violence")]
    assert len(data["rolled_up"]) == 48  # every event involves the proxy


def test_attribute_reciprocity_balance_and_forecast(db: str) -> None:
    attr = runner.invoke(app, ["attribute", "k1-3", "--db", db, "--format", "json"])
    assert attr.exit_code == 0, attr.output
    assert json.loads(attr.stdout)["actors"][0]["patrons"][0]["patron"] == "iran"
    rec = runner.invoke(app, ["reciprocity", "kh", "usa", "--window", "10", "--db", db, "--format", "json"])
    assert rec.exit_code == 0 and json.loads(rec.stdout)["pairs"]
    bal = runner.invoke(app, ["balance", "--at", "2020-12-31", "--db", db])
    assert bal.exit_code == 0 and "Unbalanced triads" in bal.stdout
    fc = runner.invoke(app, ["forecast", "kh", "usa", "--horizon", "2", "--db", db, "--format", "json"])
    assert fc.exit_code == 0, fc.output
    assert [p["period"] for p in json.loads(fc.stdout)["periods"]] == ["2021-01", "2021-02"]


def test_errors_are_clear(db: str) -> None:
    unknown = runner.invoke(app, ["escalation", "Atlantis", "usa", "--db", db])
    assert unknown.exit_code == 2 and "unknown actor 'Atlantis'" in unknown.stderr
    bad_unit = runner.invoke(app, ["escalation", "kh", "usa", "--by", "decade", "--db", db])
    assert bad_unit.exit_code == 2 and "unknown period 'decade'" in bad_unit.stderr
    bad_date = runner.invoke(app, ["attribute", "kh", "--at", "2020-13", "--db", db])
    assert bad_date.exit_code == 2 and "--at" in bad_date.stderr
    too_short = runner.invoke(app, ["forecast", "kh", "usa", "--backtest", "--db", db])
    assert too_short.exit_code == 2 and "backtest needs more than" in too_short.stderr
