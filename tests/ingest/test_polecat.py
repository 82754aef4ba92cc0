"""POLECAT/PLOVER JSON: JSON Lines and arrays, field spellings, old PLOVER labels, counted oddities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_checks import check_idempotent, check_stream, events

from brinkwatch.ingest import polecat
from brinkwatch.records import RecordError

RECORDS = [
    {
        "event_id": "p-1",
        "event_date": "2020-01-03",
        "event_type": "ASSAULT",
        "event_mode": "drone",
        "event_intensity": -10,
        "quad_code": "MATERIAL CONFLICT",
        "actor": {"name": "United States", "country": "USA"},
        "recipient": {"name": "Kataib Hezbollah"},
        "location": {"name": "Baghdad", "country": "IRQ", "lat": 33.34, "lon": 44.40},
    },
    {
        "Event ID": "p-2",
        "Story Date": "2020-01-05",
        "Event Type": "demand",
        "Mode": "",
        "Source Actor": "Iraq",
        "Target Actor": "United States",
        "Event Text": "Iraq asks US troops to leave.",
    },
    {
        "event_id": "p-3",
        "event_date": "2020-01-06",
        "event_type": "FIGHT",
        "event_mode": "conventional",
        "actor": "Iran",
        "recipient": "United States",
    },
    {"event_id": "p-4", "event_date": "2020-01-07", "event_type": "GREET", "actor": "Iran"},
]


def test_json_lines_and_arrays_give_the_same_records(tmp_path: Path) -> None:
    lines = tmp_path / "events.jsonl"
    lines.write_text("\n".join(json.dumps(r) for r in RECORDS) + "\n", encoding="utf-8")
    array = tmp_path / "events.json"
    array.write_text(json.dumps(RECORDS, indent=2), encoding="utf-8")
    from_lines = check_idempotent(polecat.read, lines)
    from_array = check_idempotent(polecat.read, array)
    assert from_lines == from_array
    check_stream(from_lines)
    strike, demand, fight = events(from_lines)
    assert (strike.id, strike.type, strike.mode, strike.intensity, strike.quad_class) == (
        "polecat-p-1",
        "ASSAULT",
        "drone",
        -10.0,
        4,
    )
    assert strike.source == ["united-states"] and strike.target == ["kataib-hezbollah"] and strike.place
    assert (demand.type, demand.source, demand.summary) == (
        "REQUEST",
        ["iraq"],
        "Iraq asks US troops to leave.",
    )
    assert (fight.type, fight.mode) == ("ASSAULT", None)
    stream = polecat.read(lines)
    list(stream)
    assert stream.stats.unknown_codes == {"GREET": 1}
    assert sum(stream.stats.skipped.values()) == 1 and "conventional" in next(iter(stream.stats.skipped))


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        (
            '{"event_id": "a", "event_date": "2020-01-03", "event_type": "AGREE"}\n'
            '{"event_id": "b", "event_d',
            2,
            "",
            "not valid JSON",
        ),
        (
            '{"event_id": "a", "event_date": "2020-13-03", "event_type": "AGREE"}\n',
            1,
            "event_date",
            "calendar",
        ),
        ('{"event_date": "2020-01-03", "event_type": "AGREE"}\n', 1, "event_id", "missing"),
        (
            '[\n {"event_id": "a", "event_date": "2020-01-03", "event_type": "AGREE"},\n {"event_id": "b"',
            3,
            "",
            "not valid JSON",
        ),
        (
            '{"event_id": "a", "event_date": "2020-01-03", "event_type": "AGREE", "event_intensity": 42}\n',
            1,
            "event_intensity",
            "outside",
        ),
    ],
)
def test_damaged_records_name_line_and_field(
    tmp_path: Path, text: str, line: int, field: str, words: str
) -> None:
    path = tmp_path / "events.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        list(polecat.read(path))
    assert (err.value.line, err.value.field) == (line, field)
    assert words in str(err.value)


def test_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    path.write_text("event_id\tevent_date\n", encoding="utf-8")
    with pytest.raises(RecordError, match=r"not POLECAT/PLOVER JSON.*no event type column"):
        list(polecat.read(path))


def test_long_arrays_stream_across_buffer_refills(tmp_path: Path) -> None:
    many = [
        {
            "event_id": f"e{i}",
            "event_date": "2020-01-03",
            "event_type": "CONSULT",
            "actor": "Iran",
            "recipient": "Iraq",
            "event_text": "x" * 200,
        }
        for i in range(800)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(many, indent=1), encoding="utf-8")
    assert len(events(list(polecat.read(path)))) == 800


def test_round_trip_into_the_store(tmp_path: Path, store: object) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in RECORDS), encoding="utf-8")
    store.add_records(polecat.read(path))  # type: ignore[attr-defined]
    store.add_records(polecat.read(path))  # type: ignore[attr-defined]
    assert len(store.events()) == 3  # type: ignore[attr-defined]
