"""Adding records: idempotency, actor resolution and merges, unknown references, atomicity."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from brinkwatch.records import Actor, AnyRecord, Document, Event, Place, RecordError, Relation
from brinkwatch.store import Store, StoreInputError, UnknownActorError


def _base() -> list[AnyRecord]:
    return [
        Actor(id="iran", name="Iran", type="state", aliases=["Islamic Republic of Iran"], country="IRN"),
        Actor(id="kataib-hezbollah", name="Kata'ib Hezbollah", type="armed_group", aliases=["KH"]),
        Actor(id="usa", name="United States", type="state", aliases=["US", "Washington"]),
        Relation(
            id="r-arms",
            type="arms",
            source="iran",
            target="kataib-hezbollah",
            valid_from="2007",
            provenance=[{"dataset": "test", "record": "rel-1"}],
        ),
        Event(
            id="e-1",
            type="ASSAULT",
            source=["kataib-hezbollah"],
            target=["usa"],
            date="2019-12-27",
            fatalities=1,
            provenance=[{"dataset": "test", "record": "row-1"}],
        ),
        Event(
            id="e-2",
            type="ASSAULT",
            source=["usa"],
            target=["kataib-hezbollah"],
            date="2019-12-29",
            fatalities=25,
            provenance=[{"dataset": "test", "record": "row-2"}],
        ),
    ]


def test_add_counts_and_reimport_adds_nothing(store: Store) -> None:
    stats = store.add_records(_base())
    assert stats.added == {"actor": 3, "relation": 1, "event": 2}
    before = store.counts()
    again = store.add_records(_base())
    assert sum(again.added.values()) == 0
    assert again.skipped == {"actor": 3, "relation": 1, "event": 2}
    assert store.counts() == before


def test_same_dataset_row_under_a_new_id_is_not_added_twice(store: Store) -> None:
    store.add_records(_base())
    dup = Event(
        id="e-renamed",
        type="ASSAULT",
        source=["usa"],
        date="2019-12-29",
        provenance=[{"dataset": "test", "record": "row-2"}],
    )
    stats = store.add_records([dup])
    assert stats.skipped["event"] == 1
    assert [e.id for e in store.events()] == ["e-1", "e-2"]


def test_duplicate_ids_within_one_call_are_stored_once(store: Store) -> None:
    records = _base()
    records.append(records[-1].model_copy())
    stats = store.add_records(records)
    assert stats.added["event"] == 2 and stats.skipped["event"] == 1


def test_known_id_gets_new_aliases_and_missing_fields(store: Store) -> None:
    store.add_records(_base())
    stats = store.add_records(
        [Actor(id="usa", name="United States", type="state", aliases=["America"], country="USA", code="USA")]
    )
    assert stats.updated["actor"] == 1
    usa = store.get_actor("usa")
    assert usa is not None
    assert usa.aliases == ["US", "Washington", "America"]
    assert (usa.country, usa.code) == ("USA", "USA")


def test_actor_matching_a_stored_alias_is_merged_and_references_rewritten(store: Store) -> None:
    store.add_records(_base())
    incoming: list[AnyRecord] = [
        Actor(id="kh", name="Kataib Hezbollah", type="armed_group", aliases=["Hezbollah Brigades"]),
        Event(
            id="e-3",
            type="THREATEN",
            source=["kh"],
            target=["usa"],
            date="2020-01",
            provenance=[{"dataset": "test", "record": "row-3"}],
        ),
        Relation(id="r-2", type="supports", source="iran", target="kh"),
    ]
    stats = store.add_records(incoming)
    assert stats.merged == 1
    assert store.counts()["actors"] == 3 and store.counts()["merges"] == 1
    (e3,) = [e for e in store.events() if e.id == "e-3"]
    assert e3.source == ["kataib-hezbollah"]
    assert {r.target for r in store.relations(actor="iran")} == {"kataib-hezbollah"}
    # the merged id keeps working in queries and lookups, now and in later imports
    assert store.resolve_actor("kh") == "kataib-hezbollah"
    assert [e.id for e in store.events(actor="kh")] == ["e-1", "e-2", "e-3"]
    later = store.add_records([Event(id="e-4", type="ACCUSE", source=["kh"], date="2020-02")])
    assert later.added["event"] == 1
    profile = store.profile("Hezbollah Brigades")
    assert profile.actor.id == "kataib-hezbollah" and profile.merged_ids == ["kh"]
    assert "Hezbollah Brigades" in profile.actor.aliases


def test_ambiguous_alias_match_keeps_the_actor_separate(store: Store) -> None:
    # names of two stored actors, neither of the incoming type: no basis to pick one
    store.add_records(
        [
            Actor(id="badr-org", name="Badr Organization", type="political_group", aliases=["Badr"]),
            Actor(id="badr-brigade", name="Badr Brigade", type="armed_group", aliases=["Badr Corps"]),
        ]
    )
    stats = store.add_records([Actor(id="badr-person", name="Badr", type="person", aliases=["Badr Corps"])])
    assert stats.merged == 0 and stats.added["actor"] == 1
    assert store.counts()["actors"] == 3


def test_unknown_actor_reference_names_record_and_actor_and_stores_nothing(store: Store) -> None:
    store.add_records(_base())
    before = store.counts()
    bad: list[AnyRecord] = [
        Actor(id="pmf", name="Popular Mobilization Forces", type="armed_group"),
        Event(id="e-9", type="ASSAULT", source=["pmf"], target=["ghost-militia"], date="2020"),
    ]
    with pytest.raises(UnknownActorError) as info:
        store.add_records(bad)
    assert "event 'e-9'" in str(info.value) and "'ghost-militia'" in str(info.value)
    assert info.value.field == "target"
    assert store.counts() == before  # the actor given before the bad event was rolled back too


def test_reader_error_midway_rolls_back_the_whole_call(store: Store) -> None:
    def stream() -> Iterator[AnyRecord]:
        yield from _base()
        raise RecordError("input.jsonl", 7, "date", "not a date")

    with pytest.raises(RecordError):
        store.add_records(stream(), batch_size=1)
    assert store.counts() == {k: 0 for k in store.counts()}


def test_places_and_documents_records(store: Store) -> None:
    store.add_records(
        [
            Place(
                id="ain-al-asad",
                name="Ain al-Asad",
                type="base",
                country="IRQ",
                lat=33.8,
                lon=42.44,
                aliases=["Al Asad Airbase"],
            ),
            Document(id="doc-a", title="A", published="2020-01", sha256="a" * 64),
        ]
    )
    stats = store.add_records(
        [
            Place(id="ain-al-asad", name="Ain al-Asad", type="base", aliases=["Asad"]),
            Document(id="doc-b", title="B", sha256="a" * 64),
        ]
    )
    assert stats.skipped["document"] == 1  # same sha256 under another id is the same document
    (place,) = store.places()
    assert place.aliases == ["Al Asad Airbase", "Asad"]
    assert [d.id for d in store.documents()] == ["doc-a"]
    assert store.document_text("doc-a") is None


def test_add_document_is_idempotent_by_text_and_renames_clashing_ids(store: Store) -> None:
    store.add_records(_base())
    doc = Document(id="report", title="Report", published="2020-01-05")
    text = "Kata'ib Hezbollah attacked the base. The United States struck back."
    extracted: list[AnyRecord] = [
        Event(
            id="report-e1",
            type="ASSAULT",
            source=["kataib-hezbollah"],
            date="2020-01",
            provenance=[{"document": "report", "start": 0, "end": 36}],
        ),
    ]
    assert store.add_document(doc, text, extracted) == ("report", True)
    assert store.add_document(doc, text, extracted) == ("report", False)
    other = "A different text under the same file name."
    new_id, created = store.add_document(
        doc,
        other,
        [
            Event(
                id="report-e2",
                type="AID",
                source=["iran"],
                date="2020",
                provenance=[{"document": "report", "start": 0, "end": 11}],
            ),
        ],
    )
    assert (new_id, created) == ("report-2", True)
    assert store.provenance("report-e2")[0].document == "report-2"
    assert store.provenance("report-e2")[0].text == "A different"
    assert store.provenance("report-e1")[0].text == "Kata'ib Hezbollah attacked the base."
    assert store.document_text("report") == text


def test_failed_extraction_records_leave_no_document(store: Store) -> None:
    bad: list[AnyRecord] = [Event(id="x", type="AID", source=["nobody"])]
    with pytest.raises(UnknownActorError):
        store.add_document(Document(id="d"), "some text", bad)
    assert store.documents() == []


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_actor_given_after_the_event_naming_it_is_an_error_whatever_the_batch(
    store: Store, batch_size: int
) -> None:
    late: list[AnyRecord] = [
        Actor(id="iran", name="Iran", type="state"),
        Event(id="e-early", type="AID", source=["iran"], target=["hezbollah"], date="2006"),
        Actor(id="hezbollah", name="Hezbollah", type="armed_group"),
    ]
    with pytest.raises(UnknownActorError) as info:
        store.add_records(late, batch_size=batch_size)
    assert info.value.position == 2 and str(info.value).startswith("record 2: event 'e-early'")
    assert store.counts()["actors"] == 0


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (Event(id="e-nul", type="AID", summary="bad\x00summary"), "summary"),
        (Actor(id="a-nul", name="Name", type="state", aliases=["ok", "b\x00d"]), "aliases.1"),
        (Event(id="e-nul", type="AID", provenance=[{"document": "d", "text": "x\x00"}]), "provenance.0.text"),
    ],
)
def test_text_with_nul_is_refused_alike_on_both_databases(
    store: Store, record: AnyRecord, field: str
) -> None:
    with pytest.raises(StoreInputError) as info:
        store.add_records([Actor(id="fine", name="Fine", type="state"), record])
    assert info.value.field == field and info.value.position == 2 and "NUL" in str(info.value)
    assert store.counts()["actors"] == 0
