"""A third-party plug-in package, written into a temporary folder as a real installed distribution.

The package ``bw_sample_plugin`` declares one importer, one exporter and one
analysis in the ``entry_points.txt`` of its ``.dist-info`` folder, exactly as
``pip install`` would leave it, and the folder goes on ``sys.path`` (and on
``PYTHONPATH`` for the command line run as a subprocess). Nothing in
brinkwatch names it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from brinkwatch import registry

PLUGIN = '''
"""A plug-in for brinkwatch: a roster importer, a count exporter and a census analysis."""
import json
from pathlib import Path
from brinkwatch.records import Actor, Provenance
from brinkwatch.registry import Analysis, Exporter, Importer, Parameter


def read_roster(path, options):
    """One actor a line: 'id<TAB>name<TAB>type'."""
    if options:
        raise ValueError("the roster format takes no options")
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        actor_id, name, kind = line.split("\\t")
        yield Actor(id=actor_id, name=name, type=kind,
                    provenance=[Provenance(dataset="roster", record=str(n))])


def write_counts(store, out):
    counts = store.counts()
    Path(out).write_text(json.dumps(counts), encoding="utf-8")
    return {"kinds": len(counts)}


class Census:
    def __init__(self, total, kind):
        self.total, self.kind = total, kind

    @property
    def explain(self):
        return f"{self.total} actors of type {self.kind or 'any'} in the store"

    def to_dict(self):
        return {"total": self.total, "type": self.kind, "explain": self.explain}


def run_census(store, params):
    kind = params.get("type")
    if kind == "nonsense":
        raise ValueError("no such actor type")
    return Census(len(store.actors(type=kind)), kind)


roster = Importer("roster", "a roster of actors, one 'id, name, type' a line", read_roster)
counts = Exporter("record-counts", "how many records of each kind the store holds, as JSON", write_counts)
census = Analysis("census", "how many actors the store knows", run_census,
                  (Parameter("type", "str", "only actors of this type"),))
'''

ENTRY_POINTS = """\
[brinkwatch.importers]
roster = bw_sample_plugin:roster

[brinkwatch.exporters]
record-counts = bw_sample_plugin:counts

[brinkwatch.analyses]
census = bw_sample_plugin:census
"""


@pytest.fixture(scope="session")
def plugin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site folder holding the plug-in module and its dist-info, as pip would install them."""
    site = tmp_path_factory.mktemp("site")
    (site / "bw_sample_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "bw_sample_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: bw-sample-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return site


@pytest.fixture
def installed(plugin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The plug-in importable and its entry points visible in this process (undone after the test)."""
    monkeypatch.syspath_prepend(str(plugin_dir))
    registry.refresh()
    yield plugin_dir
    monkeypatch.undo()
    registry.refresh()


def run_cli(plugin_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``brinkwatch ARGS`` in a fresh interpreter that has the plug-in on its path."""
    path = [str(plugin_dir), *(os.path.abspath(p) for p in sys.path if p)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), "COLUMNS": "200",
           "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-c", "from brinkwatch.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)
