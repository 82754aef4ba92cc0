"""The registry of exporters: ``brinkwatch export --format NAME`` looks a format up here.

Each exporter is a function ``write(store, out) -> dict[str, int]`` that writes
the whole store in one format and returns how many items of each kind it wrote.
``out`` is a path; formats listed in :data:`STREAMABLE` also take an open text
stream (so JSONL can go to stdout). Modules are imported only when their format
is asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from brinkwatch.store import Store

Exporter = Callable[["Store", "Path | IO[str]"], dict[str, int]]

EXPORTERS: dict[str, str] = {
    "jsonl": "brinkwatch.export.jsonl:write",
    "graphml": "brinkwatch.export.graphml:write",
    "gexf": "brinkwatch.export.gexf:write",
    "csv": "brinkwatch.export.csv_tables:write",
}

STREAMABLE = frozenset({"jsonl"})
"""Formats that can be written to a text stream (standard output) instead of a file."""


def get_exporter(fmt: str) -> Exporter:
    """The writer for a format name, or ValueError listing the known names."""
    try:
        target = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; expected one of: {', '.join(EXPORTERS)}") from None
    module_name, func = target.split(":")
    writer: Exporter = getattr(importlib.import_module(module_name), func)
    return writer
