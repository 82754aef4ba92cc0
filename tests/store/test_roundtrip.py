"""Property: records imported into the store come back out of export unchanged, on both databases."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brinkwatch.records import (
    ACTOR_TYPES,
    EVENT_TYPES,
    PLACE_TYPES,
    RELATION_TYPES,
    AnyRecord,
    parse_record,
    read_jsonl,
    to_dict,
    write_jsonl,
)
from brinkwatch.store import Store
from brinkwatch.store.schema import metadata

# Printable text without NUL (which PostgreSQL text cannot hold) and without surrounding blanks
# (the records strip them on validation, so they would not survive the first parse either).
_TEXT = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
_NUMBER = st.floats(min_value=-10, max_value=10, allow_nan=False)
_CONF = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def partial_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1900, 2030))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return f"{year:04d}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{draw(st.integers(1, 28)):02d}"


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def record_sets(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A consistent set of records: unique ids, names that fold apart, references that resolve."""
    out: list[dict[str, Any]] = []
    n_docs = draw(st.integers(0, 2))
    doc_ids = [f"doc-{i}" for i in range(n_docs)]
    for i, doc_id in enumerate(doc_ids):
        out.append(
            {
                "kind": "document",
                "id": doc_id,
                "title": draw(st.one_of(st.just(""), _TEXT)),
                "published": draw(_maybe(partial_dates())),
                "url": draw(_maybe(st.just(f"https://x.test/{i}"))),
                "sha256": f"{i:064x}",
            }
        )
    row = iter(range(10**6))

    def provenance() -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 2))):
            if len(doc_ids) > 0 and draw(st.booleans()):
                start = draw(st.integers(0, 50))
                items.append(
                    {
                        "document": draw(st.sampled_from(doc_ids)),
                        "start": start,
                        "end": start + draw(st.integers(0, 30)),
                        "text": draw(_maybe(_TEXT)),
                    }
                )
            else:
                items.append(
                    {"dataset": draw(st.sampled_from(["acled", "gdelt"])), "record": f"row-{next(row)}"}
                )
        return items

    n_actors = draw(st.integers(1, 4))
    actor_ids = [f"actor-{i}" for i in range(n_actors)]
    for i, actor_id in enumerate(actor_ids):
        record = {
            "kind": "actor",
            "id": actor_id,
            "name": f"{draw(_TEXT)} n{i}",
            "type": draw(st.sampled_from(ACTOR_TYPES)),
            "aliases": [f"{draw(_TEXT)} a{i}x{j}" for j in range(draw(st.integers(0, 3)))],
            "country": draw(_maybe(st.sampled_from(["IRN", "IRQ", "USA"]))),
            "code": draw(_maybe(st.sampled_from(["IRN", "IRQMIL"]))),
            "founded": draw(_maybe(partial_dates())),
            "confidence": draw(_CONF),
            "provenance": provenance(),
        }
        if draw(st.booleans()):
            record["note"] = draw(_TEXT)  # an unknown key RECORDS.md allows
        out.append(record)
    for i in range(draw(st.integers(0, 2))):
        out.append(
            {
                "kind": "place",
                "id": f"place-{i}",
                "name": f"{draw(_TEXT)} p{i}",
                "type": draw(st.sampled_from(PLACE_TYPES)),
                "lat": draw(_maybe(st.floats(-90, 90))),
                "lon": draw(_maybe(st.floats(-180, 180))),
                "aliases": [f"{draw(_TEXT)} pa{i}"],
                "provenance": provenance(),
            }
        )
    for i in range(draw(st.integers(0, 3))):
        start = draw(_maybe(partial_dates()))
        end = draw(_maybe(partial_dates()))
        if start and end and end < start:
            start, end = end, start
        out.append(
            {
                "kind": "relation",
                "id": f"rel-{i}",
                "type": draw(st.sampled_from(RELATION_TYPES)),
                "source": draw(st.sampled_from(actor_ids)),
                "target": draw(st.sampled_from(actor_ids)),
                "role": draw(_maybe(_TEXT)),
                "valid_from": start,
                "valid_to": end,
                "confidence": draw(_CONF),
                "provenance": provenance(),
            }
        )
    # one type per event, so no two text events report the same event (merging has its own tests)
    event_types = draw(st.permutations(EVENT_TYPES))
    for i in range(draw(st.integers(0, 5))):
        day = draw(_maybe(partial_dates()))
        end = draw(_maybe(partial_dates())) if day else None
        if day and end and end < day:
            day, end = end, day
        out.append(
            {
                "kind": "event",
                "id": f"ev-{i}",
                "type": event_types[i],
                "mode": draw(_maybe(st.sampled_from(["military", "cyber"]))),
                "source": draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=2)),
                "target": draw(st.lists(st.sampled_from(actor_ids), unique=True, max_size=2)),
                "date": day,
                "date_end": end,
                "place": draw(_maybe(st.just("place-x"))),
                "fatalities": draw(_maybe(st.integers(0, 10**6))),
                "intensity": draw(_maybe(_NUMBER)),
                "quad_class": draw(_maybe(st.integers(1, 4))),
                "summary": draw(st.one_of(st.just(""), _TEXT)),
                "confidence": draw(_CONF),
                "provenance": provenance(),
            }
        )
    return [{k: v for k, v in r.items() if v is not None} for r in out]


def _clear(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def _zero_unsigned(value: Any) -> Any:
    """-0.0 as 0.0: SQLite keeps no sign on a zero REAL, and the two are the same number."""
    if isinstance(value, float):
        return value + 0.0
    if isinstance(value, dict):
        return {k: _zero_unsigned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_zero_unsigned(v) for v in value]
    return value


def _canonical(records: list[AnyRecord]) -> list[str]:
    return sorted(json.dumps(_zero_unsigned(to_dict(r)), sort_keys=True) for r in records)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=record_sets())
def test_import_then_export_gives_the_same_records(store: Store, raw: list[dict[str, Any]]) -> None:
    _clear(store)
    records = [parse_record(obj, "generated", n) for n, obj in enumerate(raw, 1)]
    # through the JSONL file format too, as `import` and `export` use it
    buffer = io.StringIO()
    write_jsonl(records, buffer)
    buffer.seek(0)
    store.add_records(read_jsonl(buffer, "generated.jsonl"))
    exported = list(store.export())
    assert _canonical(exported) == _canonical(records)
    # and exporting is stable: what came out goes back in as nothing new
    assert sum(store.add_records(exported).added.values()) == 0
