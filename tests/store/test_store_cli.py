"""The store's command line: import, export, queries and ingest, through Typer's runner on both databases."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.store import Store

RECORDS: list[dict[str, Any]] = [
    {"kind": "document", "id": "memo", "title": "Memo", "published": "2020-01", "sha256": "b" * 64},
    {"kind": "actor", "id": "iran", "name": "Iran", "type": "state", "aliases": ["Islamic Republic of Iran"]},
    {
        "kind": "actor",
        "id": "kataib-hezbollah",
        "name": "Kata'ib Hezbollah",
        "type": "armed_group",
        "aliases": ["KH"],
    },
    {"kind": "actor", "id": "usa", "name": "United States", "type": "state", "aliases": ["US"]},
    {
        "kind": "relation",
        "id": "r1",
        "type": "supports",
        "source": "iran",
        "target": "kataib-hezbollah",
        "valid_from": "2007",
        "provenance": [{"document": "memo", "start": 0, "end": 4, "text": "Iran"}],
    },
    {
        "kind": "relation",
        "id": "r2",
        "type": "opposes",
        "source": "usa",
        "target": "kataib-hezbollah",
        "valid_from": "2009",
        "valid_to": "2009-12",
    },
    {
        "kind": "event",
        "id": "e1",
        "type": "ASSAULT",
        "source": ["kataib-hezbollah"],
        "target": ["usa"],
        "date": "2019-12-27",
        "summary": "Rocket attack on K-1 base",
        "provenance": [{"dataset": "test", "record": "1"}],
    },
    {
        "kind": "event",
        "id": "e2",
        "type": "ASSAULT",
        "source": ["usa"],
        "target": ["kataib-hezbollah"],
        "date": "2019-12-29",
        "summary": "Air strikes",
        "provenance": [{"dataset": "test", "record": "2"}],
    },
]

runner = CliRunner()


def _write(path: Path, rows: Sequence[dict[str, Any] | str]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_then_queries(db_url: str, tmp_path: Path) -> None:
    src = _write(tmp_path / "records.jsonl", RECORDS)
    code, out, _ = _invoke("import", "--format", "jsonl", str(src), "--db", db_url, "--output", "json")
    assert code == 0
    assert json.loads(out)["added"] == {"document": 1, "actor": 3, "relation": 2, "event": 2}

    code, out, _ = _invoke("events", "--actor", "KH", "--db", db_url, "-f", "json")
    assert code == 0 and [e["id"] for e in json.loads(out)] == ["e1", "e2"]
    code, out, _ = _invoke("events", "--since", "2019-12-28", "--db", db_url, "-f", "json")
    assert [e["id"] for e in json.loads(out)] == ["e2"]
    code, out, _ = _invoke("events", "--actor", "usa", "--type", "assault", "--limit", "1", "--db", db_url)
    assert code == 0 and "│ e1" in out and "e2" not in out  # tables wrap long cells; ids stay whole

    code, out, _ = _invoke("relations", "--at", "2010", "--db", db_url, "-f", "json")
    assert [r["id"] for r in json.loads(out)] == ["r1"]
    code, out, _ = _invoke("relations", "--actor", "United States", "--db", db_url)
    assert code == 0 and "opposes" in out and "supports" not in out

    code, out, _ = _invoke("actors", "--search", "hezbollah", "--db", db_url, "-f", "json")
    assert [a["id"] for a in json.loads(out)] == ["kataib-hezbollah"]
    code, out, _ = _invoke("actors", "--type", "state", "--db", db_url)
    assert "Iran" in out and "United States" in out and "Hezbollah" not in out

    code, out, _ = _invoke("show", "Kataib Hezbollah", "--db", db_url)
    assert code == 0
    assert "Kata'ib Hezbollah" in out and "supports" in out and "│ e2" in out and "memo" in out
    code, out, _ = _invoke("show", "kataib-hezbollah", "--db", db_url, "-f", "json")
    profile = json.loads(out)
    assert profile["event_count"] == 2 and [d["id"] for d in profile["documents"]] == ["memo"]


def test_export_round_trip_through_the_cli(db_url: str, tmp_path: Path) -> None:
    src = _write(tmp_path / "records.jsonl", RECORDS)
    assert _invoke("import", "--format", "jsonl", str(src), "--db", db_url)[0] == 0
    code, out, err = _invoke("export", "--db", db_url)
    assert code == 0 and "exported" in err
    exported = [json.loads(line) for line in out.splitlines()]
    assert {r["id"] for r in exported} == {r["id"] for r in RECORDS}
    target = tmp_path / "out.jsonl"
    assert _invoke("export", "--format", "jsonl", "--out", str(target), "--db", db_url)[0] == 0
    assert [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] == exported
    # re-importing the export adds nothing
    code, out, _ = _invoke("import", "--format", "jsonl", str(target), "--db", db_url, "--output", "json")
    assert code == 0 and json.loads(out)["added"] == {}


def test_bad_input_exits_2_naming_the_place_and_stores_nothing(db_url: str, tmp_path: Path) -> None:
    bad_json = _write(tmp_path / "bad_json.jsonl", [*map(json.dumps, RECORDS[:3]), "{oops"])
    code, _, err = _invoke("import", "--format", "jsonl", str(bad_json), "--db", db_url)
    assert code == 2 and f"{bad_json}:4: not valid JSON" in err and "nothing was imported" in err

    bad_field = _write(tmp_path / "bad_field.jsonl", [RECORDS[1], {**RECORDS[6], "date": "2019-13-01"}])
    code, _, err = _invoke("import", "--format", "jsonl", str(bad_field), "--db", db_url)
    assert code == 2 and f"{bad_field}:2: field 'date'" in err

    bad_ref = _write(tmp_path / "bad_ref.jsonl", [RECORDS[1], {**RECORDS[4], "target": "ghost"}])
    code, _, err = _invoke("import", "--format", "jsonl", str(bad_ref), "--db", db_url)
    assert code == 2 and "record 2: relation 'r1': field 'target': unknown actor 'ghost'" in err

    code, _, err = _invoke("import", "--format", "nosuch", str(bad_ref), "--db", db_url)
    assert code == 2 and "'nosuch' is not one of" in err and "jsonl" in err  # the registry's formats
    code, _, err = _invoke("events", "--since", "last week", "--db", db_url)
    assert code == 2 and "--since" in err
    code, _, err = _invoke("show", "Nobody At All", "--db", db_url)
    assert code == 2 and "no actor matches" in err
    code, _, err = _invoke("export", "--format", "graphml", "--db", db_url)
    assert code == 2 and "--out" in err

    with Store.open(db_url) as store:
        assert store.counts() == {k: 0 for k in store.counts()}


def test_ingest_command_stores_documents(db_url: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The embassy was attacked.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    code, out, err = _invoke(
        "ingest",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "c.pdf"),
        "--no-extract",
        "--published",
        "2020-01-01",
        "--db",
        db_url,
        "-f",
        "json",
    )
    assert code == 2  # c.pdf is an error; a.txt is stored all the same
    assert json.loads(out)["added"] == ["a"]
    assert "c.pdf: unsupported file type '.pdf'" in err and "b.txt: empty file" in err
    code, out, _ = _invoke("ingest", str(tmp_path / "a.txt"), "--no-extract", "--db", db_url)
    assert code == 0 and "0 documents added, 1 already stored" in out
    with Store.open(db_url) as store:
        (doc,) = store.documents()
        assert (doc.id, doc.published) == ("a", "2020-01-01")


def _report(doc: str, sentence: str) -> list[dict[str, Any]]:
    return [
        {"kind": "document", "id": doc, "title": doc, "published": "2020-01", "sha256": doc[0] * 64},
        {
            "kind": "event",
            "id": f"{doc}:event:1",
            "type": "ASSAULT",
            "source": ["usa"],
            "target": ["kataib-hezbollah"],
            "date": "2019-12-29",
            "summary": "Air strikes",
            "provenance": [{"document": doc, "start": 0, "end": len(sentence), "text": sentence}],
        },
    ]


def test_event_shows_every_report_of_a_merged_event(db_url: str, tmp_path: Path) -> None:
    rows = [*RECORDS[1:4], *_report("alpha", "US jets hit KH sites."), *_report("beta", "Strikes hit KH.")]
    src = _write(tmp_path / "reports.jsonl", rows)
    assert _invoke("import", "--format", "jsonl", str(src), "--db", db_url)[0] == 0
    code, out, _ = _invoke("event", "beta:event:1", "--db", db_url, "-f", "json")
    assert code == 0
    shown = json.loads(out)
    assert shown["id"] == "alpha:event:1" and shown["corroboration"] == 2
    assert [m["report_id"] for m in shown["merges"]] == ["alpha:event:1", "beta:event:1"]
    code, out, _ = _invoke("event", "alpha:event:1", "--db", db_url)
    assert code == 0 and "US jets hit KH sites." in out and "Strikes hit KH." in out
    code, _, err = _invoke("event", "nosuch", "--db", db_url)
    assert code == 2 and "no event 'nosuch'" in err
    code, out, _ = _invoke("merge-events", "--db", db_url)
    assert code == 0 and "1 events before, 1 after" in out
