"""Checks every importer test applies: stream order, record validity, idempotent ids, store round trip."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from brinkwatch.records import AnyRecord, Event, Place


def check_stream(records: list[AnyRecord]) -> None:
    """Actors and places come before the events using them; every record equals its validated twin."""
    seen: set[str] = set()
    for record in records:
        if isinstance(record, Event):
            for ref in [*record.source, *record.target, *([record.place] if record.place else [])]:
                assert ref in seen, f"{record.id} uses {ref} before it was emitted"
            assert record.provenance and record.provenance[0].dataset and record.provenance[0].record
            assert record.confidence == 1.0
        else:
            seen.add(record.id)
        # the fast, unvalidated construction must equal what validation builds from the same data
        rebuilt = type(record).model_validate(record.model_dump())
        assert rebuilt == record
        assert rebuilt.model_dump(mode="json", exclude_none=True) == record.model_dump(
            mode="json", exclude_none=True
        )


def check_idempotent(read: Callable[[Path], Iterator[AnyRecord]], path: Path) -> list[AnyRecord]:
    """Two reads of one file give the same ids, and event ids are unique."""
    first = list(read(path))
    second = list(read(path))
    assert [r.id for r in first] == [r.id for r in second]
    event_ids = [r.id for r in first if isinstance(r, Event)]
    assert len(event_ids) == len(set(event_ids))
    return first


def events(records: list[AnyRecord]) -> list[Event]:
    """The events of a stream."""
    return [r for r in records if isinstance(r, Event)]


def places(records: list[AnyRecord]) -> list[Place]:
    """The places of a stream."""
    return [r for r in records if isinstance(r, Place)]
