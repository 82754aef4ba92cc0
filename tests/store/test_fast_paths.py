"""The store's fast paths against its record paths: columnar event rows, lookups by id, bulk dedup."""

from __future__ import annotations

from brinkwatch.records import Actor, Event, Provenance
from brinkwatch.store import EventRows, Store
from brinkwatch.store.days import event_days


def _actors() -> list[Actor]:
    return [Actor(id=a, name=a.title(), type="state") for a in ("iran", "iraq", "kuwait")]


def _event(eid: str, day: str | None, source: list[str], target: list[str], row: str, **kw: object) -> Event:
    return Event(
        id=eid, type="ASSAULT", date=day, source=source, target=target,
        provenance=[Provenance(dataset="t.tsv", record=row)], **kw,
    )


EVENTS = [
    _event("e3", "1990-08-02", ["iraq"], ["kuwait"], "3", intensity=-10.0, quad_class=4, fatalities=7),
    _event("e1", "1990-08", ["iraq", "iran"], ["kuwait"], "1", mode="military"),
    _event("e2", None, ["kuwait"], ["iraq"], "2"),
    _event("e4", "1990", [], ["iraq"], "4", date_end="1991"),
]


def test_event_rows_has_the_columns_and_order_of_events(store: Store) -> None:
    store.add_records([*_actors(), *EVENTS])
    for kwargs in ({}, {"actor": "iraq"}, {"source": "iraq", "target": "kuwait"}, {"since": "1990-08-01"}):
        records = store.events(**kwargs)  # type: ignore[arg-type]
        rows = store.event_rows(**kwargs)
        assert rows.ids == [e.id for e in records], kwargs
        assert rows.source == [tuple(e.source) for e in records]
        assert rows.target == [tuple(e.target) for e in records]
        assert rows.date == [e.date for e in records]
        assert rows.intensity == [e.intensity for e in records]
        assert rows.quad_class == [e.quad_class for e in records]
        assert rows.fatalities == [e.fatalities for e in records]
        assert rows.mode == [e.mode for e in records]
        assert list(zip(rows.lo, rows.hi, strict=True)) == [event_days(e.date, e.date_end) for e in records]
    assert store.event_rows(types=["PROTEST"]).ids == []
    assert len(store.event_rows(source="kuwait", target="iraq")) == 1


def test_event_rows_from_records_match_the_stored_ones(store: Store) -> None:
    store.add_records([*_actors(), *EVENTS])
    assert EventRows.from_events(store.events()) == store.event_rows()


def test_get_event_and_get_events_return_full_records(store: Store) -> None:
    store.add_records([*_actors(), *EVENTS])
    got = store.get_event("e1")
    assert got is not None and got.provenance[0].record == "1" and got.source == ["iraq", "iran"]
    assert store.get_event("nope") is None
    assert [e.id for e in store.get_events(["e3", "nope", "e1", "e3"])] == ["e3", "e1"]


def test_a_fresh_store_and_a_filled_one_deduplicate_alike(store: Store) -> None:
    """The first import dedups in memory (nothing stored can clash), later ones by lookups."""
    store.add_records(_actors())
    again = _event("other-id", "1990-08-02", ["iraq"], ["kuwait"], "3")  # same dataset row as e3
    first = store.add_records([*EVENTS, EVENTS[0], again], batch_size=2)  # duplicates across batches
    assert first.added["event"] == 4 and first.skipped["event"] == 2
    second = store.add_records([*EVENTS, again], batch_size=2)
    assert second.added["event"] == 0 and second.skipped["event"] == 5
    assert store.counts()["events"] == 4
    assert store.counts()["provenance"] == 4  # one per event (the actors here carry none)
