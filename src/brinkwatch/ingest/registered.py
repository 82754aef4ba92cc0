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

from brinkwatch.records import AnyRecord
from brinkwatch.registry import Importer

Read = Callable[[Path, Mapping[str, str]], Iterable[AnyRecord]]


def _reader(target: str, options: tuple[str, ...] = ()) -> Read:
    """``read(path, options)`` calling ``module:function(path, **options)``, refusing unknown options."""
    module_name, func = target.split(":")

    def read(path: Path, given: Mapping[str, str]) -> Iterable[AnyRecord]:
        unknown = sorted(set(given) - set(options))
        if unknown:
            takes = f"takes {', '.join(options)}" if options else "takes no options"
            raise ValueError(f"unknown option {', '.join(unknown)} for this format (it {takes})")
        function: Callable[..., Iterable[AnyRecord]] = getattr(importlib.import_module(module_name), func)
        return function(path, **given)

    return read


jsonl = Importer("jsonl", "interchange records (RECORDS.md), one JSON object a line; what `export` writes",
                 _reader("brinkwatch.ingest.jsonl_records:read"))
gdelt = Importer("gdelt", "GDELT 2.0 event files (tab-separated, 61 columns, CAMEO codes)",
                 _reader("brinkwatch.ingest.gdelt:read"))
acled = Importer("acled", "ACLED CSV exports (actors by name, PLOVER types via acled_plover.tsv)",
                 _reader("brinkwatch.ingest.acled:read"))
ucdp_ged = Importer("ucdp-ged", "UCDP Georeferenced Event Dataset CSV (lethal events, deaths, places)",
                    _reader("brinkwatch.ingest.ucdp_ged:read"))
cameo = Importer("cameo", "CAMEO/WEIS event tables (date, source, target, code); option codeset=NAME",
                 _reader("brinkwatch.ingest.cameo_table:read", ("codeset",)))
polecat = Importer("polecat", "POLECAT / PLOVER event records in JSON Lines or a JSON array",
                   _reader("brinkwatch.ingest.polecat:read"))
