"""A user's knowledge pack adds actors, places, titles and roles to extraction, without editing the package.

The pack is written into a temporary folder for a conflict the built-in
knowledge does not cover (names invented for the test), and reaches the
extraction three ways: ``brinkwatch extract --knowledge``, the config file,
and a spaCy pipeline of someone else's, built from its config.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from brinkwatch import config
from brinkwatch.cli import app
from brinkwatch.knowledge import GazetteerError, check_pack, load_gazetteer

PACK = """\
titles: [Warden]
actors:
  - {id: velmar-front, name: Velmar Liberation Front, type: armed_group, aliases: [VLF], country: MMR}
  - id: oskar-brannik
    name: Oskar Brannik
    type: person
    relations: [{type: leads, target: velmar-front, role: field commander, valid_from: "2021"}]
places:
  - {id: port-tessel, name: Port Tessel, type: city, country: MMR}
"""
TEXT = ("Warden Oskar Brannik, the commander of the Velmar Liberation Front, spoke in Port Tessel on "
        "2 March 2024. On 3 March 2024 the VLF attacked Myanmar military positions in Port Tessel.\n")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("packs") / "velmar"
    (folder / "actors").mkdir(parents=True)
    (folder / "actors" / "velmar.yaml").write_text(PACK, encoding="utf-8")
    return folder


def _records(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_check_reports_what_the_pack_adds(pack: Path) -> None:
    summary = check_pack(pack)
    assert summary.actors == ["oskar-brannik", "velmar-front"] and summary.places == ["port-tessel"]
    assert summary.relations == 1
    assert "velmar-front" not in load_gazetteer().actors  # the built-in knowledge is untouched
    done = CliRunner().invoke(app, ["knowledge", "check", str(pack)])
    assert done.exit_code == 0 and "adds 2 actors, 1 places and 1 relations" in done.output


def test_a_bad_pack_is_refused_naming_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.yaml").write_text("actors:\n  - {id: x, name: X, type: armed_group}\n"
                                "  - {id: y, name: Y, type: militia}\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        check_pack(bad)
    assert caught.value.file.endswith("a.yaml") and caught.value.line == 3 and caught.value.field == "type"
    done = CliRunner().invoke(app, ["knowledge", "check", str(bad)])
    assert done.exit_code == 2 and "a.yaml:3" in done.output and "'type'" in done.output
    clash = tmp_path / "clash.yaml"
    clash.write_text("actors:\n  - {id: kataib-hezbollah, name: K, type: armed_group}\n", encoding="utf-8")
    assert CliRunner().invoke(app, ["knowledge", "check", str(clash)]).exit_code == 2


def _check_extraction(records: list[dict[str, object]]) -> None:
    ids = {r["id"] for r in records}
    assert {"velmar-front", "oskar-brannik", "port-tessel"} <= ids  # the pack's ids: found by the gazetteer
    leads = [r for r in records if r["kind"] == "relation" and r["type"] == "leads"]
    assert any(r["source"] == "oskar-brannik" and r["target"] == "velmar-front" and r["role"] == "commander"
               for r in leads)  # the title "Warden" (the pack's) is not part of the name
    events = [r for r in records if r["kind"] == "event"]
    assert any("velmar-front" in r["source"] for r in events)  # type: ignore[operator]


def _extract(*args: str, cwd: Path | None = None) -> list[dict[str, object]]:
    """``brinkwatch extract -`` on TEXT in a fresh process (so the config file of ``cwd`` is read)."""
    command = [sys.executable, "-c", "from brinkwatch.cli import main; main()", "extract", "-", *args]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(os.path.abspath(p) for p in sys.path if p)}
    done = subprocess.run(command, input=TEXT, capture_output=True, text=True, timeout=300, check=False,
                          cwd=cwd, env=env)
    assert done.returncode == 0, done.stderr
    return _records(done.stdout)


def test_cli_extract_with_knowledge_option(pack: Path) -> None:
    _check_extraction(_extract("--knowledge", str(pack)))
    without = {r["id"] for r in _extract()}
    assert "velmar-front" not in without and "port-tessel" not in without


def test_config_file_names_the_pack(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "brinkwatch.toml").write_text(f'knowledge = ["{pack.name}"]\n', encoding="utf-8")
    (tmp_path / pack.name).symlink_to(pack)  # a path relative to the config file's folder
    _check_extraction(_extract(cwd=tmp_path))


def test_settings_order_option_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BRINKWATCH_KNOWLEDGE", raising=False)
    monkeypatch.delenv("BRINKWATCH_CONFIG", raising=False)
    (tmp_path / "brinkwatch.toml").write_text('knowledge = ["a"]\nmodel = "m1"\n', encoding="utf-8")
    assert config.knowledge_paths() == [str(tmp_path / "a")] and config.spacy_model() == "m1"
    monkeypatch.setenv("BRINKWATCH_KNOWLEDGE", os.pathsep.join(["b", "c"]))
    assert config.knowledge_paths() == ["b", "c"]
    assert config.knowledge_paths(["d"]) == ["d"]
    (tmp_path / "other.toml").write_text("colour = 1\n", encoding="utf-8")
    monkeypatch.setenv("BRINKWATCH_CONFIG", str(tmp_path / "other.toml"))
    with pytest.raises(config.ConfigError, match=r"other\.toml: unknown setting colour"):
        config.spacy_model()


def test_spacy_pipeline_built_from_config(pack: Path, tmp_path: Path) -> None:
    import brinkwatch.nlp  # noqa: F401  (registers the factories, as an entry point would)

    nlp = spacy.load(config.DEFAULT_MODEL)
    nlp.add_pipe("brinkwatch_dates")
    for name in ("brinkwatch_actors", "brinkwatch_relations", "brinkwatch_events"):
        nlp.add_pipe(name, config={"knowledge": [str(pack)]})
    nlp.to_disk(tmp_path / "pipeline")
    rebuilt = spacy.load(tmp_path / "pipeline")  # from config.cfg: the pack path travels in the config
    assert rebuilt.config["components"]["brinkwatch_actors"]["knowledge"] == [str(pack)]
    doc = rebuilt(TEXT)
    found = doc._.bw
    assert {"velmar-front", "oskar-brannik"} <= set(found["actors"])
    assert "port-tessel" in found["places"]
