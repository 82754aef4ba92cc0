"""The interchange records: validation with located errors, JSONL reading and writing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from brinkwatch.records import (
    Actor,
    AnyRecord,
    Event,
    Provenance,
    RecordError,
    Relation,
    parse_record,
    read_jsonl,
    to_dict,
    to_json,
    write_jsonl,
)


def test_parse_each_kind_and_keep_unknown_keys() -> None:
    actor = parse_record(
        {
            "kind": "actor",
            "id": "kh",
            "name": " Kataib Hezbollah ",
            "type": "armed_group",
            "founded": "2003",
            "x_note": "kept",
        }
    )
    assert isinstance(actor, Actor) and actor.name == "Kataib Hezbollah"  # surrounding blanks stripped
    assert to_dict(actor)["x_note"] == "kept"
    event = parse_record(
        {
            "kind": "event",
            "id": "e",
            "type": "ASSAULT",
            "source": ["kh"],
            "date": "2020-01",
            "date_end": "2020-02",
            "provenance": [{"dataset": "acled", "record": "1"}],
        }
    )
    assert isinstance(event, Event) and event.provenance[0].record == "1"
    assert "mode" not in to_dict(event)  # None fields are left out of the output


@pytest.mark.parametrize(
    ("obj", "field", "fragment"),
    [
        ([1, 2], "", "expected a JSON object"),
        ({"kind": "thing", "id": "x"}, "kind", "expected one of"),
        ({"kind": "actor", "id": "x", "name": "X", "type": "militia"}, "type", "Input should be"),
        ({"kind": "actor", "id": "x", "name": "X", "type": "state", "country": "Iran"}, "country", "pattern"),
        (
            {"kind": "event", "id": "e", "type": "ASSAULT", "date": "2020-02-30"},
            "date",
            "not a real calendar",
        ),
        (
            {"kind": "event", "id": "e", "type": "ASSAULT", "date_end": "2020"},
            "",
            "date_end given without date",
        ),
        (
            {"kind": "event", "id": "e", "type": "ASSAULT", "date": "2020-05", "date_end": "2020-04"},
            "",
            "date_end is before date",
        ),
        (
            {
                "kind": "relation",
                "id": "r",
                "type": "funds",
                "source": "a",
                "target": "b",
                "valid_from": "2010",
                "valid_to": "2009",
            },
            "",
            "valid_to is before valid_from",
        ),
        (
            {"kind": "event", "id": "e", "type": "AID", "provenance": [{"dataset": "acled"}]},
            "provenance.0",
            "needs 'record'",
        ),
        ({"kind": "event", "id": "e", "type": "AID", "intensity": 11}, "intensity", "less than or equal"),
    ],
)
def test_bad_records_name_source_line_and_field(obj: object, field: str, fragment: str) -> None:
    with pytest.raises(RecordError) as info:
        parse_record(obj, "in.jsonl", 7)
    err = info.value
    assert (err.source, err.line, err.field) == ("in.jsonl", 7, field)
    assert fragment in err.problem
    assert str(err).startswith("in.jsonl:7")


def test_provenance_needs_one_origin() -> None:
    with pytest.raises(ValueError, match="either 'document'"):
        Provenance(document="d", dataset="x", record="1")
    with pytest.raises(ValueError, match="'end' is before 'start'"):
        Provenance(document="d", start=5, end=2)


def test_jsonl_round_trip_and_located_errors(tmp_path: Path) -> None:
    records: list[AnyRecord] = [
        Actor(id="a", name="Alpha", type="state"),
        Relation(id="r", type="opposes", source="a", target="a", valid_from="2001"),
    ]
    buffer = io.StringIO()
    assert write_jsonl(records, buffer) == 2
    path = tmp_path / "r.jsonl"
    path.write_text(buffer.getvalue() + "\n\n", encoding="utf-8")  # blank lines are skipped
    assert list(read_jsonl(path)) == records
    assert json.loads(to_json(records[1]))["valid_from"] == "2001"

    path.write_text(buffer.getvalue() + '{"kind": "actor", "id": ', encoding="utf-8")
    with pytest.raises(RecordError, match=r"r\.jsonl:3: not valid JSON"):
        list(read_jsonl(path))
    with pytest.raises(RecordError, match="cannot open"):
        list(read_jsonl(tmp_path / "missing.jsonl"))


def test_invalid_utf8_is_reported_and_nothing_after_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"kind": "actor", "id": "a", "name": "A", "type": "state"}\n{"name": "\xff"}\n')
    with pytest.raises(RecordError, match=r"r\.jsonl:\d+: not valid UTF-8"):
        list(read_jsonl(path))


def test_invalid_utf8_names_its_own_line(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_bytes(b'{"kind": "actor", "id": "a", "name": "A", "type": "state"}\n{"name": "\xff"}\n')
    with pytest.raises(RecordError, match=r"r\.jsonl:2: not valid UTF-8"):
        list(read_jsonl(path))
