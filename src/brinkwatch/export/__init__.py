"""Exporters: the whole store in formats other tools read, one module a format.

The formats are registered as ``brinkwatch.exporters`` entry points (see
:mod:`brinkwatch.registry` and ``export/registered.py``); :func:`get_exporter`
keeps the short form ``get_exporter("gexf")(store, path)`` for scripts and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from brinkwatch import registry

if TYPE_CHECKING:
    from brinkwatch.store import Store

Exporter = Callable[["Store", "Path | IO[str]"], dict[str, int]]


def get_exporter(fmt: str) -> Exporter:
    """The writer for a format name, or ValueError listing the known names."""
    try:
        return registry.get_exporter(fmt).write
    except registry.RegistryError as exc:
        raise ValueError(str(exc)) from None
