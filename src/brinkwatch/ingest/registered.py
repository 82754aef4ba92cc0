"""brinkwatch's own import formats, registered under the ``brinkwatch.importers`` entry points.

Each entry is a thin adapter over an importer module's public ``read``: the
module is imported only when its format is read, so listing the formats (for
``brinkwatch import --help``) loads none of them. A third-party importer is
written the same way in its own package (``docs/plugins.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from brinkwatch.ingest.importers import FORMATS, SKIP_BAD_ROWS
from brinkwatch.records import AnyRecord
from brinkwatch.registry import Importer

Read = Callable[[Path, Mapping[str, str]], Iterable[AnyRecord]]


def _reader(target: str, options: tuple[str, ...] = ()) -> Read:
    """``read(path, options)`` calling ``module:function(path, **options)``, refusing unknown options.

    Every built-in importer can skip damaged rows, so ``skip_bad_rows`` is always taken.
    """
    module_name, func = target.split(":")

    def read(path: Path, given: Mapping[str, str]) -> Iterable[AnyRecord]:
        kwargs: dict[str, object] = {k: v for k, v in given.items() if k != SKIP_BAD_ROWS}
        unknown = sorted(set(kwargs) - set(options))
        if unknown:
            takes = f"takes {', '.join(options)}" if options else "takes no options"
            raise ValueError(f"unknown option {', '.join(unknown)} for this format (it {takes})")
        if given.get(SKIP_BAD_ROWS, "").lower() in ("1", "true", "yes"):
            kwargs[SKIP_BAD_ROWS] = True
        function: Callable[..., Iterable[AnyRecord]] = getattr(importlib.import_module(module_name), func)
        return function(path, **kwargs)

    return read


jsonl = Importer(
    "jsonl", FORMATS["jsonl"] + "; what `export` writes", _reader("brinkwatch.ingest.jsonl_records:read")
)
gdelt = Importer("gdelt", FORMATS["gdelt"], _reader("brinkwatch.ingest.gdelt:read"))
acled = Importer("acled", FORMATS["acled"], _reader("brinkwatch.ingest.acled:read"))
ucdp_ged = Importer("ucdp-ged", FORMATS["ucdp-ged"], _reader("brinkwatch.ingest.ucdp_ged:read"))
icews = Importer("icews", FORMATS["icews"], _reader("brinkwatch.ingest.icews:read"))
cameo = Importer(
    "cameo",
    FORMATS["cameo"] + "; option codeset=NAME",
    _reader("brinkwatch.ingest.cameo_table:read", ("codeset",)),
)
polecat = Importer("polecat", FORMATS["polecat"], _reader("brinkwatch.ingest.polecat:read"))
