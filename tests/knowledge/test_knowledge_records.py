"""The gazetteer as interchange records: everything it produces passes the RECORDS.md contract."""

from __future__ import annotations

import io
from collections import Counter

from brinkwatch.knowledge import GAZETTEER_DATASET, load_gazetteer
from brinkwatch.records import Actor, AnyRecord, Place, Relation, read_jsonl, write_jsonl


def test_records_round_trip_through_jsonl() -> None:
    gaz = load_gazetteer()
    records: list[AnyRecord] = [*gaz.actor_records(), *gaz.place_records(), *gaz.relations]
    buffer = io.StringIO()
    assert write_jsonl(records, buffer) == len(records)
    buffer.seek(0)
    back = list(read_jsonl(buffer, name="gazetteer.jsonl"))
    assert back == records
    kinds = Counter(type(r).__name__ for r in back)
    assert kinds["Actor"] == len(gaz.actors) and kinds["Place"] == len(gaz.places)
    assert kinds["Relation"] == len(gaz.relations)


def test_ids_are_unique_within_each_kind() -> None:
    gaz = load_gazetteer()
    for records in (gaz.actor_records(), gaz.place_records(), gaz.relations):
        ids = [r.id for r in records]
        assert len(ids) == len(set(ids))


def test_every_record_names_its_gazetteer_entry() -> None:
    gaz = load_gazetteer()
    records: list[Actor | Place | Relation] = [*gaz.actor_records(), *gaz.place_records(), *gaz.relations]
    for rec in records:
        assert rec.confidence <= 1.0
        assert len(rec.provenance) == 1
        prov = rec.provenance[0]
        assert prov.dataset == GAZETTEER_DATASET and prov.record
    kh = next(a for a in gaz.actor_records() if a.id == "kataib-hezbollah")
    assert kh.provenance[0].record == "actors/iraq_armed_groups.yaml:kataib-hezbollah"
    usa = next(a for a in gaz.actor_records() if a.id == "united-states")
    assert usa.provenance[0].record == "states.yaml:USA"


def test_actor_record_lists_demonyms_and_metonyms_as_aliases_without_the_name() -> None:
    usa = next(a for a in load_gazetteer().actor_records() if a.id == "united-states")
    assert usa.type == "state" and usa.country == "USA" and usa.code == "USA"
    assert {"Americans", "Washington", "United States of America"} <= set(usa.aliases)
    assert usa.name not in usa.aliases
    assert len(usa.aliases) == len(set(usa.aliases))
