"""The store as flat CSV tables, for spreadsheets, R and pandas.

``out`` ending in ``.zip`` gives one zip archive; any other path is a folder
(created if needed). Either holds ``documents.csv``, ``actors.csv``,
``places.csv`` (events refer to place ids), ``relations.csv`` and
``events.csv``: UTF-8, a header row, one record a row. Lists (aliases, an
event's source and target actors) are joined with ``"; "``. ``sources``
names where each row came from (a document id, or ``dataset:row``) and
``evidence`` holds the source sentences, so a row in a spreadsheet can still
be checked against its text.

Cells of free text that begin with ``=``, ``+``, ``-``, ``@`` or a tab get a
leading apostrophe: spreadsheets would otherwise run text copied from a
hostile document as a formula. Numbers are left alone.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from brinkwatch.export.graphml import atomic_output
from brinkwatch.records import Actor, Event, Place, Provenance, Relation

if TYPE_CHECKING:
    from brinkwatch.store import Store

COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("id", "title", "published", "url", "sha256"),
    "actors": ("id", "name", "type", "country", "code", "aliases", "born", "founded", "died", "dissolved",
               "confidence", "sources"),
    "places": ("id", "name", "type", "country", "lat", "lon", "aliases", "confidence", "sources"),
    "relations": ("id", "type", "source", "target", "role", "valid_from", "valid_to", "confidence",
                  "sources", "evidence"),
    "events": ("id", "date", "date_end", "type", "mode", "source", "target", "place", "fatalities",
               "intensity", "quad_class", "summary", "confidence", "sources", "evidence"),
}
NUMERIC = frozenset({"lat", "lon", "confidence", "fatalities", "intensity", "quad_class"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if column not in NUMERIC and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _sources(provenance: list[Provenance]) -> str:
    refs = [p.document if p.document else f"{p.dataset}:{p.record}" for p in provenance]
    return "; ".join(dict.fromkeys(refs))


def _evidence(provenance: list[Provenance]) -> str:
    return " | ".join(dict.fromkeys(p.text for p in provenance if p.text))


def _with_sources(rec: Actor | Place | Relation | Event) -> dict[str, object]:
    row: dict[str, object] = rec.model_dump()
    row["sources"] = _sources(rec.provenance)
    row["evidence"] = _evidence(rec.provenance)
    return row


def _rows(store: Store, table: str) -> Iterator[dict[str, object]]:
    """The rows of one table as dicts keyed by column, from the store's typed records (events streamed)."""
    if table == "documents":
        return (doc.model_dump() for doc in store.documents())
    records: Iterable[Actor | Place | Relation | Event]
    if table == "actors":
        records = store.actors()
    elif table == "places":
        records = store.places()
    elif table == "relations":
        records = store.relations()
    else:
        records = store.iter_events()
    return (_with_sources(rec) for rec in records)


def _write_table(store: Store, table: str, fh: IO[bytes]) -> int:
    """Stream one table as CSV into a binary file; returns the number of rows."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    columns = COLUMNS[table]
    writer.writerow(columns)
    n = 0
    for row in _rows(store, table):
        writer.writerow([_cell(c, row.get(c)) for c in columns])
        n += 1
    text.flush()
    text.detach()  # leave the underlying file open for its owner to close
    return n


def write(store: Store, out: Path) -> dict[str, int]:
    """Write the five tables to a folder, or to a zip archive when ``out`` ends in ``.zip``.

    Each file (or the archive) replaces the old one only once it is complete.
    Returns the number of rows written per table.
    """
    out = Path(out)
    counts: dict[str, int] = {}
    if out.suffix.lower() == ".zip":
        with atomic_output(out) as fh, zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for table in COLUMNS:
                with zf.open(f"{table}.csv", "w") as member:
                    counts[table] = _write_table(store, table, member)
        return counts
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out}: CSV export needs a folder (or a path ending in .zip), found a file")
    for table in COLUMNS:
        with atomic_output(out / f"{table}.csv") as fh:
            counts[table] = _write_table(store, table, fh)
    return counts
