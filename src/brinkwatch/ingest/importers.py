"""``get_importer(fmt)``: the reader of a format, looked up in the plug-in registry.

The formats themselves are registered as ``brinkwatch.importers`` entry points
(see :mod:`brinkwatch.registry` and ``ingest/registered.py``); this function
keeps the short form ``get_importer("gdelt")(path)`` for scripts and tests.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from brinkwatch import registry
from brinkwatch.records import AnyRecord

Importer = Callable[[Path], Iterable[AnyRecord]]


def get_importer(fmt: str) -> Importer:
    """The reader for a format name (no options), or ValueError listing the known names."""
    try:
        importer = registry.get_importer(fmt)
    except registry.RegistryError as exc:
        raise ValueError(str(exc)) from None
    return lambda path: importer.read(path, {})
