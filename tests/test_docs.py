"""Docs that cannot drift: every registered format and analysis, command and setting is documented.

The README and ``docs/*.md`` are what a newcomer reads; a format, analysis,
command or setting missing from them does not exist for that reader. The
registered names come from the registries and the command line itself, so a
new one fails this test until it is written down.
"""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import typer

from brinkwatch import config, registry
from brinkwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DOCS = "\n".join(p.read_text(encoding="utf-8") for p in PAGES)
FORMATS = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")


def _own(group: str) -> list[str]:
    """The names brinkwatch itself registers in ``group`` (an installed plug-in documents its own)."""
    found = entry_points(group=group)
    return sorted(ep.name for ep in found if ep.dist is not None and ep.dist.name == "brinkwatch")


def _commands() -> list[str]:
    """Every command of the command line, sub-commands as 'group sub' (analyses are checked as analyses)."""
    root: Any = typer.main.get_command(app)
    names: list[str] = []
    for name, command in root.commands.items():
        names.append(name)
        if hasattr(command, "commands") and name != "analyse":  # a command group
            names += [f"{name} {sub}" for sub in command.commands]
    return names


GROUPS = [registry.IMPORTERS_GROUP, registry.EXPORTERS_GROUP, registry.ANALYSES_GROUP]


@pytest.mark.parametrize("group", GROUPS)
def test_every_registered_format_and_analysis_is_in_formats_md(group: str) -> None:
    names = _own(group)
    assert names, f"no {group} entry points: reinstall brinkwatch (pip install -e .)"
    table = {"brinkwatch.importers": registry.importers, "brinkwatch.exporters": registry.exporters,
             "brinkwatch.analyses": registry.analyses}[group]()
    missing = [n for n in names if f"| `{n}` | {table[n].help}" not in FORMATS]
    assert not missing, f"docs/formats.md lacks {missing}: regenerate it with `brinkwatch plugins --markdown`"


def test_generated_list_matches_docs() -> None:
    own = all(n in _own(g) for g, t in ((registry.IMPORTERS_GROUP, registry.importers()),
                                         (registry.EXPORTERS_GROUP, registry.exporters()),
                                         (registry.ANALYSES_GROUP, registry.analyses())) for n in t)
    if not own:
        pytest.skip("a plug-in is installed: the generated list is longer than brinkwatch's own")
    assert FORMATS.endswith(registry.markdown())


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command: str) -> None:
    assert re.search(rf"(`|brinkwatch ){re.escape(command)}\b", DOCS), (
        f"`brinkwatch {command}` is not mentioned in README.md or docs/")


@pytest.mark.parametrize("setting", sorted(config.SETTINGS))
def test_every_setting_is_documented(setting: str) -> None:
    assert re.search(rf"`{setting}\b", DOCS), f"config file setting {setting!r} is not documented"
    env = config.SETTINGS[setting]
    assert env in DOCS, f"environment variable {env} is not documented"
    assert "brinkwatch.toml" in DOCS and "~/.config/brinkwatch/config.toml" in DOCS


def test_readme_knowledge_pack_is_valid(tmp_path: Path) -> None:
    from brinkwatch.knowledge import check_pack

    found = re.search(r"```yaml\n# packs/rakhine/arakan.yaml\n(.*?)```", DOCS, re.S)
    assert found, "the README's example knowledge pack is gone"
    (tmp_path / "arakan.yaml").write_text(found.group(1), encoding="utf-8")
    summary = check_pack(tmp_path)
    assert summary.actors == ["arakan-army", "twan-mrat-naing"] and summary.places == ["sittwe"]
