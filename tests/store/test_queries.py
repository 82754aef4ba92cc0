"""Queries: relations at a date, event filters and order, provenance, profiles, counts."""

from __future__ import annotations

from datetime import date

import pytest

from brinkwatch.records import Actor, AnyRecord, Document, Event, Relation
from brinkwatch.store import Store


def _actors() -> list[AnyRecord]:
    return [
        Actor(id="a", name="Alpha Brigade", type="armed_group"),
        Actor(id="b", name="Bravo State", type="state"),
        Actor(id="c", name="Charlie Party", type="political_group"),
    ]


@pytest.fixture
def related(store: Store) -> Store:
    store.add_records(
        [
            *_actors(),
            Relation(
                id="r-year", type="supports", source="b", target="a", valid_from="2014", valid_to="2016"
            ),
            Relation(
                id="r-month", type="funds", source="b", target="c", valid_from="2018-03", valid_to="2018-05"
            ),
            Relation(id="r-open", type="opposes", source="a", target="c", valid_from="2019-07-14"),
            Relation(id="r-always", type="allied_with", source="c", target="a"),
        ]
    )
    return store


def _ids(records: list[Relation] | list[Event]) -> list[str]:
    return [r.id for r in records]


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2013-12-31", ["r-always"]),
        ("2014-01-01", ["r-year", "r-always"]),  # a year start covers the year's first day
        (date(2016, 12, 31), ["r-year", "r-always"]),  # ...and a year end its last
        ("2017-01-01", ["r-always"]),
        ("2018-02-28", ["r-always"]),
        ("2018-03-01", ["r-month", "r-always"]),
        ("2018-05-31", ["r-month", "r-always"]),
        ("2018-06-01", ["r-always"]),
        ("2019-07-13", ["r-always"]),
        ("2019-07-14", ["r-open", "r-always"]),
        ("2030", ["r-open", "r-always"]),
        ("2018", ["r-month", "r-always"]),  # a partial query date matches what holds on any of its days
        ("2019-07", ["r-open", "r-always"]),
    ],
)
def test_relations_at_interval_edges_and_partial_dates(
    related: Store, at: str | date, expected: list[str]
) -> None:
    assert sorted(_ids(related.relations(at=at))) == sorted(expected)


def test_relations_by_actor_either_end_and_type(related: Store) -> None:
    assert _ids(related.relations(actor="c")) == ["r-always", "r-month", "r-open"]
    assert _ids(related.relations(actor="a", types=["opposes", "supports"])) == ["r-year", "r-open"]
    assert _ids(related.relations(actor=["b"], at="2015")) == ["r-year"]


def test_later_source_closes_an_open_interval_without_deleting(related: Store) -> None:
    stats = related.add_records(
        [
            Relation(
                id="r-open-ended",
                type="opposes",
                source="a",
                target="c",
                valid_from="2019-08",
                valid_to="2021-03",
            ),
        ]
    )
    assert stats.closed == 1
    assert "r-open" not in _ids(related.relations(at="2022"))
    assert "r-open" in _ids(related.relations(at="2020"))
    (closed,) = [r for r in related.relations(actor="a") if r.id == "r-open"]
    assert closed.valid_to is None  # the record as learned is kept...
    assert closed.model_extra == {
        "closed_by": "r-open-ended",
        "closed_to": "2021-03",
    }  # ...and says who closed it
    exported = {r.id: r for r in related.export() if isinstance(r, Relation)}
    assert exported["r-open"].model_extra == {}  # closure is store state, re-derived on import


def test_symmetric_relation_is_closed_from_either_direction(related: Store) -> None:
    related.add_records(
        [
            Relation(
                id="r-ally-end",
                type="allied_with",
                source="a",
                target="c",
                valid_from="2000",
                valid_to="2010",
            )
        ]
    )
    assert "r-always" not in _ids(related.relations(at="2011"))


@pytest.fixture
def eventful(store: Store) -> Store:
    store.add_records(
        [
            *_actors(),
            Event(id="e-undated", type="ACCUSE", source=["c"], target=["a"]),
            Event(
                id="e-2020-03",
                type="ASSAULT",
                source=["a"],
                target=["b"],
                date="2020-03",
                intensity=-9,
                quad_class=4,
            ),
            Event(id="e-2020-03-02", type="ASSAULT", source=["a"], target=["b", "c"], date="2020-03-02"),
            Event(id="e-2019", type="AID", source=["b"], target=["a"], date="2019", date_end="2020-01"),
            Event(id="e-2021-06-01", type="CONSULT", source=["b", "c"], target=["a"], date="2021-06-01"),
            Event(id="e-self", type="COERCE", source=["a"], target=["a"], date="2022-01-01"),
        ]
    )
    return store


def test_events_ordered_by_date_with_undated_last(eventful: Store) -> None:
    assert _ids(eventful.events()) == [
        "e-2019",
        "e-2020-03",
        "e-2020-03-02",
        "e-2021-06-01",
        "e-self",
        "e-undated",
    ]


def test_events_filters(eventful: Store) -> None:
    assert _ids(eventful.events(actor="c")) == ["e-2020-03-02", "e-2021-06-01", "e-undated"]
    assert _ids(eventful.events(source="b")) == ["e-2019", "e-2021-06-01"]
    assert _ids(eventful.events(target="b")) == ["e-2020-03", "e-2020-03-02"]
    assert _ids(eventful.events(source="a", target="c")) == ["e-2020-03-02"]
    assert _ids(eventful.events(actor=["b", "c"], type="CONSULT")) == ["e-2021-06-01"]
    assert _ids(eventful.events(type=["AID", "ACCUSE"])) == ["e-2019", "e-undated"]
    # since/until keep events whose dates overlap the range, and drop undated ones
    assert _ids(eventful.events(since="2020-01-15", until="2020-03-01")) == ["e-2019", "e-2020-03"]
    assert _ids(eventful.events(since="2020-02-01", until="2020-03-01")) == ["e-2020-03"]
    assert _ids(eventful.events(since="2020-01")) == [
        "e-2019",
        "e-2020-03",
        "e-2020-03-02",
        "e-2021-06-01",
        "e-self",
    ]
    assert _ids(eventful.events(actor="a", until=date(2019, 6, 1))) == ["e-2019"]
    assert _ids(eventful.events(actor="a", since="2021")) == ["e-2021-06-01", "e-self"]


def test_events_actor_in_both_roles_listed_once(eventful: Store) -> None:
    assert _ids(eventful.events(actor="a", since="2022")) == ["e-self"]


def test_events_limit_offset_and_streaming_agree(eventful: Store) -> None:
    everything = _ids(eventful.events(actor="a"))
    assert _ids(eventful.events(actor="a", limit=2)) == everything[:2]
    assert _ids(eventful.events(actor="a", limit=2, offset=3)) == everything[3:5]
    assert [e.id for e in eventful.iter_events(actor="a", chunk=2)] == everything
    assert [e.id for e in eventful.iter_events(chunk=1, limit=4)] == _ids(eventful.events())[:4]


def test_events_keep_fields_and_actor_order(eventful: Store) -> None:
    (ev,) = eventful.events(type="CONSULT")
    assert ev.source == ["b", "c"] and ev.target == ["a"]
    (assault,) = [e for e in eventful.events() if e.id == "e-2020-03"]
    assert (assault.date, assault.intensity, assault.quad_class) == ("2020-03", -9, 4)
    (aid,) = eventful.events(type="AID")
    assert (aid.date, aid.date_end) == ("2019", "2020-01")


def test_provenance_profile_and_counts(store: Store) -> None:
    text = "Bravo State armed Alpha Brigade in 2015. Alpha Brigade then attacked Charlie Party."
    store.add_document(
        Document(id="doc", title="Doc"),
        text,
        [
            *_actors(),
            Relation(
                id="r",
                type="arms",
                source="b",
                target="a",
                valid_from="2015",
                provenance=[{"document": "doc", "start": 0, "end": 40}],
            ),
            Event(
                id="e",
                type="ASSAULT",
                source=["a"],
                target=["c"],
                provenance=[
                    {"document": "doc", "start": 41, "end": 83, "text": "given span"},
                    {"dataset": "acled", "record": "IRQ123"},
                ],
            ),
        ],
    )
    assert [p.text for p in store.provenance("r")] == ["Bravo State armed Alpha Brigade in 2015."]
    assert [(p.text, p.dataset) for p in store.provenance("e")] == [("given span", None), (None, "acled")]
    profile = store.profile("Alpha Brigade")
    assert profile.actor.id == "a"
    assert [r.id for r in profile.relations] == ["r"] and [e.id for e in profile.events] == ["e"]
    assert [d.id for d in profile.documents] == ["doc"]
    assert profile.to_dict()["actor"]["name"] == "Alpha Brigade"
    with pytest.raises(LookupError, match="no actor matches 'Nobody'"):
        store.profile("Nobody")
    assert store.counts() == {
        "documents": 1,
        "actors": 3,
        "places": 0,
        "relations": 1,
        "events": 1,
        "merges": 0,
        "event_merges": 0,
        "provenance": 3,
    }


def test_actor_listing_filters(store: Store) -> None:
    store.add_records(
        [*_actors(), Actor(id="d", name="Délta Militia", type="armed_group", aliases=["Al-Delta"])]
    )
    assert [a.id for a in store.actors(type="armed_group")] == ["a", "d"]
    assert [a.id for a in store.actors(search="delta")] == ["d"]  # accents folded
    assert [a.id for a in store.actors(search="PARTY")] == ["c"]
    assert store.resolve_actor("DELTA MILITIA") == "d"
    assert store.resolve_actor("nothing like it") is None
    assert store.get_actor("Al-Delta") is not None
