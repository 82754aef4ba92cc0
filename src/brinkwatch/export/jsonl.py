"""The store as interchange records (RECORDS.md), one JSON object a line.

This is the lossless export: ``brinkwatch import --format jsonl`` reads it back
into an equal store. Written to a file, it goes through a temporary file in the
same folder that replaces the target only when complete, so an interrupted
export never leaves a truncated file that looks whole.
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import IO, TYPE_CHECKING

from brinkwatch.records import to_json

if TYPE_CHECKING:
    from brinkwatch.store import Store


def _write_stream(store: Store, fh: IO[str]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for record in store.export():
        fh.write(to_json(record))
        fh.write("\n")
        counts[record.kind] += 1
    return dict(counts)


def write(store: Store, out: Path | IO[str]) -> dict[str, int]:
    """Write every record of the store to ``out`` (a path or an open text stream); counts by kind."""
    if not isinstance(out, str | Path):
        return _write_stream(store, out)
    target = Path(out)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            counts = _write_stream(store, fh)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts
