"""Interchange records (RECORDS.md) from a JSON Lines file, validated line by line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from brinkwatch.ingest.tabular import ImportStats, ImportStream, label_of
from brinkwatch.records import AnyRecord, RecordError, parse_record, read_jsonl


def read(path: Path, skip_bad_rows: bool = False) -> Iterator[AnyRecord]:
    """Stream the records of a JSONL file; a bad line raises RecordError with file, line and field.

    With ``skip_bad_rows`` a bad line is set aside in the stream's ``stats.rejected``
    and the rest is read.
    """
    if not skip_bad_rows:
        return read_jsonl(path)
    label = label_of(Path(path))
    stats = ImportStats(dataset="jsonl", source=label, layout="brinkwatch interchange records (JSON Lines)")
    return ImportStream(_tolerant(Path(path), stats), stats)


def _tolerant(path: Path, stats: ImportStats) -> Iterator[AnyRecord]:
    label = label_of(path)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise RecordError(label, 0, "", f"cannot open: {exc.strerror}") from None
    with fh:
        for n, raw in enumerate(fh, 1):
            text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if not text.strip():
                continue
            stats.rows += 1
            try:
                try:
                    obj = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError as exc:
                    raise RecordError(label, n, "", f"not valid UTF-8 ({exc.reason})") from None
                except json.JSONDecodeError as exc:
                    raise RecordError(
                        label, n, "", f"not valid JSON: {exc.msg} at column {exc.colno}"
                    ) from None
                record = parse_record(obj, label, n)
            except RecordError as exc:
                stats.reject(exc, text)
                continue
            yield record
