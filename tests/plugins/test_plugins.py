"""A plug-in package's importer, exporter and analysis appear in the CLI, the API and the docs."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from brinkwatch import registry
from brinkwatch.api import create_app

from .conftest import run_cli


def test_registries_hold_the_builtins_and_the_plugin(installed: Path) -> None:
    assert {"jsonl", "gdelt", "acled", "ucdp-ged", "cameo", "polecat", "roster"} <= set(registry.importers())
    assert {"jsonl", "graphml", "gexf", "csv", "record-counts"} <= set(registry.exporters())
    assert {"attribution", "balance", "escalation", "reciprocity", "forecast", "census"} <= set(
        registry.analyses())


def test_plugin_is_gone_when_uninstalled() -> None:
    registry.refresh()
    assert "roster" not in registry.importers()


def test_cli_imports_and_exports_with_the_plugin(plugin_dir: Path, tmp_path: Path) -> None:
    help_text = run_cli(plugin_dir, "import", "--help").stdout
    assert "roster" in help_text and "a roster of actors" in help_text
    assert "record-counts" in run_cli(plugin_dir, "export", "--help").stdout
    roster = tmp_path / "roster.tsv"
    roster.write_text("blue-militia\tBlue Militia\tarmed_group\nred-party\tRed Party\tpolitical_group\n")
    db = str(tmp_path / "s.db")
    done = run_cli(plugin_dir, "import", str(roster), "--format", "roster", "--db", db, "-o", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["added"]["actor"] == 2
    out = tmp_path / "counts.json"
    done = run_cli(plugin_dir, "export", "--format", "record-counts", "--out", str(out), "--db", db)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["actors"] == 2
    census = run_cli(plugin_dir, "analyse", "census", "--type", "armed_group", "--db", db)
    assert census.returncode == 0, census.stderr
    assert json.loads(census.stdout)["total"] == 1
    refused = run_cli(plugin_dir, "analyse", "census", "--type", "nonsense", "--db", db)
    assert refused.returncode == 2 and "no such actor type" in refused.stderr


def test_cli_without_the_plugin_refuses_its_format(tmp_path: Path) -> None:
    from .conftest import run_cli as run

    done = run(tmp_path, "import", str(tmp_path), "--format", "roster")  # tmp_path holds no plug-in
    assert done.returncode == 2 and "roster" in done.stderr


def test_api_serves_the_plugin_analysis(installed: Path, tmp_path: Path) -> None:
    from brinkwatch.records import Actor, Provenance
    from brinkwatch.store import Store

    url = f"sqlite:///{tmp_path / 'api.db'}"
    with Store.open(url) as store:
        store.add_records([Actor(id="x", name="X Brigade", type="armed_group",
                                 provenance=[Provenance(dataset="t", record="1")])])
    with TestClient(create_app(url, static_dir=tmp_path)) as client:
        listed = {a["name"]: a for a in client.get("/api/analyses").json()}
        assert listed["census"]["parameters"][0]["name"] == "type"
        assert client.get("/api/analyses/census", params={"type": "armed_group"}).json()["total"] == 1
        assert client.get("/api/analyses/census", params={"type": "nonsense"}).status_code == 400
        formats = client.get("/api/formats").json()
        assert "roster" in {f["name"] for f in formats["import"]}
        paths = client.get("/openapi.json").json()["paths"]
        assert paths["/api/analyses/census"]["get"]["parameters"][0]["name"] == "type"


def test_generated_docs_list_the_plugin(plugin_dir: Path) -> None:
    text = run_cli(plugin_dir, "plugins", "--markdown").stdout
    assert "| `roster` |" in text and "| `record-counts` |" in text and "| `census` |" in text
