"""brinkwatch's own export formats, registered under the ``brinkwatch.exporters`` entry points.

Thin adapters over each module's public ``write``, imported when the format is
written. A third-party exporter is declared the same way (``docs/plugins.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from brinkwatch.registry import Exporter

if TYPE_CHECKING:
    from brinkwatch.store import Store


def _writer(target: str) -> Callable[[Store, Path | IO[str]], dict[str, int]]:
    module_name, func = target.split(":")

    def write(store: Store, out: Path | IO[str]) -> dict[str, int]:
        function: Callable[[Store, Path | IO[str]], dict[str, int]] = getattr(
            importlib.import_module(module_name), func)
        return function(store, out)

    return write


jsonl = Exporter("jsonl", "interchange records, one JSON object a line (lossless: import reads it back)",
                 _writer("brinkwatch.export.jsonl:write"), streamable=True)
graphml = Exporter("graphml", "GraphML for Gephi, yEd, NetworkX and igraph (actors as nodes, relations and "
                   "events as edges)", _writer("brinkwatch.export.graphml:write"))
gexf = Exporter("gexf", "GEXF 1.3 with time intervals, for Gephi's timeline",
                _writer("brinkwatch.export.gexf:write"))
csv = Exporter("csv", "CSV tables, one a record kind (a folder, or a .zip archive)",
               _writer("brinkwatch.export.csv_tables:write"))
