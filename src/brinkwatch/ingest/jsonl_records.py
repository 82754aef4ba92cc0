"""Interchange records (RECORDS.md) from a JSON Lines file, validated line by line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from brinkwatch.records import AnyRecord, read_jsonl


def read(path: Path) -> Iterator[AnyRecord]:
    """Stream the records of a JSONL file; a bad line raises RecordError with file, line and field."""
    yield from read_jsonl(path)
