"""What the built-in formats read, which format a file looks like, and ``get_importer(fmt)``.

The formats themselves are registered as ``brinkwatch.importers`` entry points
(:mod:`brinkwatch.registry`, ``ingest/registered.py``). Each built-in importer is a
function ``read(path, skip_bad_rows=False) -> Iterator[AnyRecord]`` that streams
interchange records (actors first where it can, then events) with dataset
provenance, in constant memory; dataset importers return an
:class:`~brinkwatch.ingest.tabular.ImportStream` whose ``stats`` say which layout
was found and what was left out. ``get_importer("gdelt")(path)`` is the short form
for scripts and tests.

:func:`detect_format` reads the head of a file and says which format it looks
like, so that a file given under the wrong ``--format`` gets an error naming the
right one.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from brinkwatch.ingest.tabular import PREAMBLE_LIMIT, column_key, open_text
from brinkwatch.records import AnyRecord, RecordError

Importer = Callable[..., Iterable[AnyRecord]]

FORMATS: dict[str, str] = {
    "jsonl": "brinkwatch interchange records, JSON Lines (RECORDS.md)",
    "gdelt": "GDELT event files: 1.0 historical (57 columns), 1.0 daily (58), 2.0 (61), or with a header row",
    "acled": "ACLED CSV exports: 2015-2018 (upper case, GWNO), 2016 API, 2019-2022 API, current (2023-)",
    "ucdp-ged": "UCDP GED CSV: plain download, HDX export (HXL tag row), zipped download",
    "icews": "ICEWS coded event files (Dataverse .tab, or CSV)",
    "cameo": "CAMEO/WEIS event tables: date, source, target, code (KEDS, TABARI, PETRARCH output)",
    "polecat": "POLECAT/PLOVER: JSON Lines, JSON array, or the weekly tab-separated releases",
}
"""What each format reads, for ``--help``, the README and error messages. All accept .gz and .zip."""


def get_importer(fmt: str) -> Importer:
    """``read(path, skip_bad_rows=False)`` of a registered format, or ValueError listing the known names."""
    from brinkwatch import registry

    try:
        importer = registry.get_importer(fmt)
    except registry.RegistryError as exc:
        raise ValueError(str(exc)) from None

    def read(path: Path, skip_bad_rows: bool = False) -> Iterable[AnyRecord]:
        return importer.read(path, {SKIP_BAD_ROWS: "true"} if skip_bad_rows else {})

    return read


SKIP_BAD_ROWS = "skip_bad_rows"
"""The option ``--skip-bad-rows`` passes to an importer (``true``); one that cannot skip refuses it."""


_SIGNATURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("acled", ("event_id_cnty", "event_date", "event_type")),
    ("acled", ("gwno", "event_date", "event_type", "actor1")),
    ("ucdp-ged", ("type_of_violence", "side_a", "side_b")),
    ("icews", ("event_id", "cameo_code", "source_name")),
    ("polecat", ("event_id", "event_type", "actor_name")),
    ("polecat", ("event_id", "event_type", "quad_code")),
    ("gdelt", ("globaleventid", "sqldate")),
    ("cameo", ("date", "source", "target", "code")),
)
"""Header columns (folded as importers fold them) that mark each format."""


def detect_format(path: Path) -> str | None:
    """The format a file looks like from its first lines, or None when none fits."""
    try:
        with open_text(Path(path), "a dataset file") as fh:
            head = [line for _, line in zip(range(PREAMBLE_LIMIT + 2), fh, strict=False)]
    except (RecordError, OSError, UnicodeError):
        return None
    text = "".join(head).lstrip()
    if not text:
        return None
    if text[0] in "[{":
        first = text.lstrip("[ \r\n\t").split("\n", 1)[0].rstrip(", ")
        try:
            obj = json.loads(first)
        except json.JSONDecodeError:
            return "polecat" if text[0] == "[" else None
        is_record = isinstance(obj, dict) and obj.get("kind") in (
            "document",
            "actor",
            "place",
            "relation",
            "event",
        )
        return "jsonl" if is_record else "polecat"
    for line in head:
        delimiter = "\t" if "\t" in line else ","
        cells = next(csv.reader([line], delimiter=delimiter), [])
        keys = {column_key(c) for c in cells}
        for fmt, needed in _SIGNATURES:
            if all(k in keys for k in needed):
                return fmt
    cells = head[0].rstrip("\r\n").split("\t")
    if len(cells) in (57, 58, 61) and cells[0].strip().isdigit():
        return "gdelt"
    if len(cells) == 4 and cells[3].strip().isdigit():
        return "cameo"
    return None


def wrong_format_hint(path: Path, fmt: str) -> str | None:
    """'this looks like an ACLED export: try --format acled' when the file fits another format."""
    found = detect_format(path)
    if found is None or found == fmt:
        return None
    return f"this looks like {FORMATS[found].split(':')[0]}: try --format {found}"
