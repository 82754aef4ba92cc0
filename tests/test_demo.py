"""``brinkwatch demo`` end to end on a tiny corpus written here, with the real spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from brinkwatch.cli import app
from brinkwatch.demo import DemoError, find_corpus, remove_store_file
from brinkwatch.store import Store

ARTICLE_1 = """---
title: Rockets and reprisals
published: 2019-12-30
---
On 27 December 2019 rockets fired by Kataib Hezbollah struck the K-1 base near Kirkuk and killed an American
contractor. On 29 December 2019 the United States bombed five Kataib Hezbollah sites in Iraq and Syria.
"""

ARTICLE_2 = """---
title: The embassy
published: 2020-01-02
---
On 31 December 2019 supporters of Kataib Hezbollah attacked the United States embassy in Baghdad.
Iran denied any role and warned the United States against further strikes.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE_1, encoding="utf-8")
    (folder / "b.md").write_text(ARTICLE_2, encoding="utf-8")
    return folder


def test_demo_builds_the_store_writes_the_report_and_prints_findings(corpus: Path, tmp_path: Path) -> None:
    db, out = tmp_path / "demo.db", tmp_path / "out" / "report.html"
    db.write_bytes(b"")  # an empty leftover file is replaced
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db), "--out", str(out),
                                      "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    for heading in ("what the store holds", "main patron chains", "escalation by year", "double games"):
        assert heading in result.output.lower()
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "United States and Iran (with their proxies)" in html
    with Store.open(f"sqlite:///{db}") as store:
        counts = store.counts()
        assert counts["documents"] == 2 and counts["events"] >= 1
        # the gazetteer's known patronage is loaded, so Kataib Hezbollah has a patron chain
        kh = store.resolve_actor("Kataib Hezbollah")
        assert kh is not None
        assert store.relations(actor=kh, types=["supports", "arms", "funds", "commands", "member_of",
                                                "proxy_of", "loyal_to"])
    # a second run recreates the store rather than adding to it
    again = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db), "--out", str(out),
                                     "--corpus", str(corpus)])
    assert again.exit_code == 0, again.output
    with Store.open(f"sqlite:///{db}") as store:
        assert store.counts() == counts


def test_demo_refuses_to_replace_a_file_that_is_not_a_store(corpus: Path, tmp_path: Path) -> None:
    precious = tmp_path / "thesis.db"
    precious.write_text("my thesis, not a database")
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(precious), "--corpus", str(corpus),
                                      "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "not a SQLite database" in result.output
    assert precious.read_text() == "my thesis, not a database"


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DemoError, match="example corpus not found"):
        find_corpus(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DemoError, match=r"no \.md"):
        find_corpus(tmp_path / "empty")
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(tmp_path / "d.db"),
                                      "--corpus", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "--corpus" in result.output


def test_default_corpus_is_the_repository_example() -> None:
    found = find_corpus()
    assert found.parts[-2:] == ("examples", "iraq")


def test_old_store_and_its_wal_files_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(f"sqlite:///{db}"):
        pass
    (tmp_path / "old.db-wal").write_bytes(b"")
    remove_store_file(db)
    assert not db.exists() and not (tmp_path / "old.db-wal").exists()


def test_serve_refuses_a_writable_network_bind_without_token(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRINKWATCH_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db"), "--host", "0.0.0.0",
                                      "--writable"])
    assert result.exit_code == 2
    assert "without a token" in result.output and not (tmp_path / "s.db").exists()
