"""Cross-document event de-duplication: one stored event per real-world event, on both databases."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from brinkwatch.records import Actor, AnyRecord, Document, Event
from brinkwatch.store import Store
from brinkwatch.store.bulk import EVENT_ACTOR_COLUMNS, EVENT_COLUMNS, PROVENANCE_COLUMNS, insert_rows
from brinkwatch.store.days import event_days
from brinkwatch.store.schema import metadata

ACTORS = [
    Actor(id="usa", name="United States", type="state", aliases=["US"]),
    Actor(id="kh", name="Kata'ib Hezbollah", type="armed_group", aliases=["Kataib Hezbollah"]),
    Actor(id="soleimani", name="Qassem Soleimani", type="person"),
    Actor(id="muhandis", name="Abu Mahdi al-Muhandis", type="person"),
    Actor(id="iraq", name="Iraq", type="state"),
]


def _report(doc: str, n: int, type: str = "ASSAULT", date: str | None = "2019-12-29", **kw: Any) -> Event:
    """Event ``n`` of document ``doc``, with a sentence of its own as provenance."""
    sentence = f"{doc} sentence {n}"
    return Event(
        id=f"{doc}:event:{n}", type=type, date=date, summary=f"{type} told by {doc}",
        provenance=[{"document": doc, "start": 10 * n, "end": 10 * n + len(sentence), "text": sentence}],
        **kw,
    )


def _ingest(store: Store, doc: str, *records: AnyRecord) -> None:
    """Store a document with the records extracted from it, as ingest does (one transaction)."""
    text = f"the text of {doc}"
    store.add_document(Document(id=doc, title=doc.upper()), text, [*ACTORS, *records])


def _shape(events: list[Event]) -> list[tuple[Any, ...]]:
    """Events without their ids: what must not depend on the order documents came in."""
    shapes = [
        (
            e.type, e.mode, e.date, e.place, e.fatalities, e.summary, e.confidence, tuple(sorted(e.source)),
            tuple(sorted(e.target)), tuple(sorted((p.document or "", p.start or 0) for p in e.provenance)),
            (e.model_extra or {}).get("corroboration"),
        )
        for e in events
    ]
    return sorted(shapes, key=repr)


def _clear(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())


def test_three_reports_of_one_strike_are_one_event_with_every_sentence(store: Store) -> None:
    first = _report("reuters", 1, source=["usa"], target=["kh"], mode="aerial", fatalities=9)
    _ingest(store, "reuters", first)
    # the same group under another id: resolved to the stored actor before reports are compared
    other_kh = Actor(id="kataib-hezbollah", name="Kataib Hezbollah", type="armed_group")
    _ingest(store, "ap", other_kh, _report("ap", 1, source=["usa"], target=[other_kh.id], fatalities=25))
    _ingest(store, "bbc", _report("bbc", 1, source=["usa"], target=["kh", "iraq"]))
    (event,) = store.events()
    assert event.id == "reuters:event:1"  # the first stored keeps its id
    assert (event.mode, event.fatalities) == ("aerial", 25)
    assert (event.source, event.target) == (["usa"], ["kh", "iraq"])
    assert sorted(p.document for p in event.provenance) == ["ap", "bbc", "reuters"]
    assert sorted(p.text for p in store.provenance(event.id)) == [
        "ap sentence 1", "bbc sentence 1", "reuters sentence 1"
    ]
    assert (event.model_extra or {})["corroboration"] == 3
    assert store.count_events(actor="kh") == 1 and len(store.event_rows(actor="usa")) == 1
    # a merged report's id leads to the event; the audit trail keeps each report and why it belongs
    got = store.get_event("bbc:event:1")
    assert got is not None and got.id == event.id
    merges = store.event_merges("ap:event:1")
    assert [m.report_id for m in merges] == ["ap:event:1", "bbc:event:1", "reuters:event:1"]
    assert all(m.kept_id == event.id for m in merges)
    ap, bbc, _ = merges
    assert ap.report.target == ["kh"] and ap.report.mode is None  # as it arrived, actors resolved
    assert "mode none refined to aerial" in ap.reason and "reported in ap" in ap.reason
    assert "target [kh, iraq] = [kh, iraq]" in bbc.reason
    assert store.counts()["event_merges"] == 3
    assert [d.id for d in store.profile("kh").documents] == ["ap", "bbc", "reuters"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"date": "2019"}, {"date": "2019"}),  # year precision never merges
        ({}, {"date": "2019-12-30"}),  # another day
        ({"date": "2019-12"}, {"date": "2019-12-29"}),  # month and day precision
        ({"date": "2019-12", "place": "baghdad"}, {"date": "2019-12"}),  # a month needs the same place
        ({"date": "2019-12", "place": "baghdad"}, {"date": "2019-12", "place": "erbil"}),
        ({"place": "baghdad"}, {"place": "erbil"}),  # a day with two places
        ({"mode": "aerial"}, {"mode": "rocket"}),  # two different modes are two acts
        ({"type": "ASSAULT"}, {"type": "COERCE"}),
        ({"date_end": "2019-12-31"}, {"date_end": "2019-12-31"}),  # a span is not a day
        ({"source": ["kh"]}, {}),  # disjoint sources
        ({"source": []}, {}),  # an unknown source is not a subset of a known one
        ({"target": ["soleimani"]}, {"target": ["muhandis"]}),
        ({"source": [], "target": []}, {"source": [], "target": []}),  # no actor at all
    ],
)
def test_reports_that_differ_stay_apart(store: Store, first: dict[str, Any], second: dict[str, Any]) -> None:
    base = {"source": ["usa"], "target": ["kh"]}
    _ingest(store, "a", _report("a", 1, **{**base, **first}))
    _ingest(store, "b", _report("b", 1, **{**base, **second}))
    assert store.counts()["events"] == 2 and store.counts()["event_merges"] == 0


def test_month_precision_merges_only_at_the_same_named_place(store: Store) -> None:
    _ingest(store, "a", _report("a", 1, date="2020-03", source=["usa"], target=["kh"], place="taji"))
    _ingest(store, "b", _report("b", 1, date="2020-03", source=["usa"], target=["kh"], place="taji"))
    _ingest(store, "c", _report("c", 2, date="2020-04", source=["usa"], target=["kh"]))
    _ingest(store, "d", _report("d", 2, date="2020-04", source=["usa"], target=["kh"]))
    assert [(e.date, e.place, len(e.provenance)) for e in store.events()] == [
        ("2020-03", "taji", 2), ("2020-04", None, 1), ("2020-04", None, 1)
    ]


def test_dataset_rows_keep_their_identity(store: Store) -> None:
    row = {"source": ["usa"], "target": ["kh"], "type": "ASSAULT", "date": "2019-12-29"}
    store.add_records(
        [
            *ACTORS,
            Event(id="acled-1", provenance=[{"dataset": "acled", "record": "1"}], **row),
            Event(id="acled-2", provenance=[{"dataset": "acled", "record": "2"}], **row),
        ]
    )
    _ingest(store, "a", _report("a", 1, source=["usa"], target=["kh"]))
    _ingest(store, "b", _report("b", 1, source=["usa"], target=["kh"]))
    events = store.events()
    assert sorted(e.id for e in events) == ["a:event:1", "acled-1", "acled-2"]
    from_rows = [e for e in events if e.id.startswith("acled")]
    assert [(e.model_extra or {}).get("corroboration") for e in from_rows] == [None, None]


def test_two_reports_in_one_document_stay_apart(store: Store) -> None:
    both = {"source": ["usa"], "target": ["kh"]}
    _ingest(store, "a", _report("a", 1, **both), _report("a", 2, **both))
    assert store.counts()["events"] == 2
    # a report from another document fits both: ambiguous, so it stays on its own too
    _ingest(store, "b", _report("b", 1, source=["usa"], target=["kh"]))
    assert store.counts()["events"] == 3 and store.counts()["event_merges"] == 0


# Reports of one day: a full account and partial ones, a rival account, and a report from another day.
DOCUMENTS: dict[str, list[Event]] = {
    "d1": [_report("d1", 1, date="2020-01-03", source=["usa"], target=["soleimani"])],
    "d2": [
        _report("d2", 1, date="2020-01-03", source=["usa"], target=["soleimani", "muhandis"], mode="aerial"),
        _report("d2", 2, date="2020-01-03", type="PROTEST", source=["iraq"]),
    ],
    "d3": [
        _report("d3", 1, date="2020-01-03", source=["usa"], target=["muhandis"], fatalities=10),
        _report("d3", 2, date="2020-01-03", type="PROTEST", source=["iraq"], mode="demo"),
    ],
    "d4": [_report("d4", 1, date="2020-01-04", source=["usa"], target=["soleimani"])],
    "d5": [_report("d5", 1, date="2020-01-03", source=["usa", "iraq"], target=["soleimani", "kh"])],
}


def test_ingest_order_does_not_change_the_events(store: Store) -> None:
    shapes = set()
    for order in itertools.permutations(DOCUMENTS):
        _clear(store)
        for doc in order:
            _ingest(store, doc, *DOCUMENTS[doc])
        shapes.add(tuple(_shape(store.events())))
    (shape,) = shapes
    # (type, mode, date, fatalities, targets, documents) of each event
    assert {(s[0], s[1], s[2], s[4], s[8], tuple(d for d, _ in s[9])) for s in shape} == {
        ("ASSAULT", None, "2020-01-03", None, ("kh", "soleimani"), ("d5",)),
        # d1 fits both d5's account and the d2/d3 one: ambiguous, so it stays on its own
        ("ASSAULT", None, "2020-01-03", None, ("soleimani",), ("d1",)),
        ("ASSAULT", None, "2020-01-04", None, ("soleimani",), ("d4",)),
        ("ASSAULT", "aerial", "2020-01-03", 10, ("muhandis", "soleimani"), ("d2", "d3")),
        ("PROTEST", "demo", "2020-01-03", None, (), ("d2", "d3")),
    }


def test_a_full_report_arriving_last_gathers_partial_ones_stored_apart(store: Store) -> None:
    _ingest(store, "d3", *DOCUMENTS["d3"])
    _ingest(store, "d1", *DOCUMENTS["d1"])
    assert store.count_events(type="ASSAULT") == 2  # soleimani and muhandis alone: not the same act yet
    stats_before = store.counts()
    _ingest(store, "d2", *DOCUMENTS["d2"])
    assert store.count_events(type="ASSAULT") == 1
    (strike,) = store.events(type="ASSAULT")
    assert strike.id == "d1:event:1"  # of the stored events merged, the smallest id stays
    assert store.get_event("d3:event:1") == strike
    assert store.counts()["event_merges"] == stats_before["event_merges"] + 3 + 2


def test_ingesting_again_adds_nothing(store: Store) -> None:
    for doc, events in DOCUMENTS.items():
        _ingest(store, doc, *events)
    before = store.counts()
    shape = _shape(store.events())
    for doc, events in DOCUMENTS.items():
        _ingest(store, doc, *events)  # the same texts: known by sha256
    stats = store.add_records([*ACTORS, *(e for events in DOCUMENTS.values() for e in events)])
    assert stats.added["event"] == 0 and stats.events_merged == 0
    assert stats.skipped["event"] == sum(len(events) for events in DOCUMENTS.values())
    assert store.counts() == before and _shape(store.events()) == shape


def test_add_stats_count_new_events_and_merged_reports(store: Store) -> None:
    first = store.add_records([*ACTORS, *DOCUMENTS["d1"], *DOCUMENTS["d2"]])
    assert first.added["event"] == 2 and first.events_merged == 1
    second = store.add_records(DOCUMENTS["d3"])
    assert second.added["event"] == 0 and second.events_merged == 2


def test_export_and_import_keep_merged_events(store: Store, db_url: str) -> None:
    for doc, events in DOCUMENTS.items():
        _ingest(store, doc, *events)
    exported = list(store.export())
    assert all("corroboration" not in (r.model_extra or {}) for r in exported)  # derived, not stored
    shape = _shape(store.events())
    _clear(store)
    store.add_records(exported)
    assert _shape(store.events()) == shape
    assert sum(store.add_records(exported).added.values()) == 0


def test_merge_duplicate_events_of_a_store_filled_before_deduplication(store: Store) -> None:
    store.add_records(ACTORS)
    old: list[AnyRecord] = [*DOCUMENTS["d1"], *DOCUMENTS["d2"], *DOCUMENTS["d3"]]
    with store.engine.begin() as conn:  # rows as an older brinkwatch wrote them: one event per report
        for ev in old:
            assert isinstance(ev, Event)
            lo, hi = event_days(ev.date, ev.date_end)
            values = {**ev.model_dump(), "lo": lo, "hi": hi, "extra": None}
            insert_rows(conn, "events", EVENT_COLUMNS, [tuple(values[c] for c in EVENT_COLUMNS)])
            who = [(ev.id, a, "source", i, lo) for i, a in enumerate(ev.source)]
            who += [(ev.id, a, "target", i, lo) for i, a in enumerate(ev.target)]
            insert_rows(conn, "event_actors", EVENT_ACTOR_COLUMNS, who)
            p = ev.provenance[0]
            prov = ("event", ev.id, 0, p.document, p.start, p.end, p.text, None, None, None, None)
            insert_rows(conn, "provenance", PROVENANCE_COLUMNS, [prov])
    assert store.counts()["events"] == 5
    stats = store.merge_duplicate_events()
    assert store.counts()["events"] == 2 and stats.events_merged == 3
    assert sorted(len(e.provenance) for e in store.events()) == [2, 3]
    again = store.merge_duplicate_events()  # nothing left to merge: the events stay as they are
    assert store.counts()["events"] == 2 and again.added["event"] == again.events_merged == 0
