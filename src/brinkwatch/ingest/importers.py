"""The registry of record importers: ``brinkwatch import --format NAME`` looks a format up here.

Each importer is a function ``read(path) -> Iterator[AnyRecord]`` that streams
interchange records (actors first where it can, then events) with dataset
provenance, in constant memory. Modules are imported only when their format is
asked for, so a heavy importer costs nothing to the others.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path

from brinkwatch.records import AnyRecord

Importer = Callable[[Path], Iterator[AnyRecord]]

IMPORTERS: dict[str, str] = {
    "jsonl": "brinkwatch.ingest.jsonl_records:read",
    "gdelt": "brinkwatch.ingest.gdelt:read",
    "acled": "brinkwatch.ingest.acled:read",
    "ucdp-ged": "brinkwatch.ingest.ucdp_ged:read",
    "cameo": "brinkwatch.ingest.cameo_table:read",
    "polecat": "brinkwatch.ingest.polecat:read",
}


def get_importer(fmt: str) -> Importer:
    """The reader for a format name, or ValueError listing the known names."""
    try:
        target = IMPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown import format {fmt!r}; expected one of: {', '.join(IMPORTERS)}") from None
    module_name, func = target.split(":")
    reader: Importer = getattr(importlib.import_module(module_name), func)
    return reader
