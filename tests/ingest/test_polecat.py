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


# -- the weekly tab-separated releases ------------------------------------------------------

TSV_HEADER = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude",
    "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date",
    "Story People", "Story Organizations", "Story Locations", "Language", "Version",
]  # fmt: skip


def _tsv(*rows: dict[str, str]) -> str:
    lines = ["\t".join(TSV_HEADER)] + ["\t".join(row.get(h, "") for h in TSV_HEADER) for row in rows]
    return "\n".join(lines) + "\n"


# Rows written for these tests in POLECAT's weekly column set.
WEEKLY = [
    {
        "Event ID": "20230102-0001",
        "Event Date": "2023-01-02",
        "Event Type": "ASSAULT",
        "Event Mode": "drone",
        "Event Intensity": "-10",
        "Quad Code": "MATERIAL CONFLICT",
        "Actor Name": "Iran;Kataib Hezbollah",
        "Actor Country": "IRN;IRQ",
        "Recipient Name": "United States",
        "Recipient Country": "USA",
        "Placename": "Erbil",
        "Country": "IRQ",
        "Latitude": "36.19",
        "Longitude": "44.01",
        "Version": "v1",
    },
    {
        "Event ID": "20230102-0002",
        "Event Date": "2023-01-02",
        "Event Type": "CONSULT",
        "Event Mode": "visit",
        "Quad Code": "VERBAL COOPERATION",
        "Actor Name": "Iraq",
        "Actor Country": "IRQ",
        "Recipient Name": "Iran",
        "Recipient Country": "IRN",
    },
]


def test_weekly_tsv_reads_like_json(tmp_path: Path) -> None:
    path = tmp_path / "ngec_coded_all_2023-01-02.txt"
    path.write_text(_tsv(*WEEKLY), encoding="utf-8")
    stream = polecat.read(path)
    records = list(stream)
    check_stream(records)
    assert stream.stats.layout == "POLECAT weekly tab-separated release"
    strike, visit = events(records)
    assert (strike.id, strike.type, strike.mode, strike.quad_class) == (
        "polecat-20230102-0001",
        "ASSAULT",
        "drone",
        4,
    )
    assert (
        strike.source == ["iran", "kataib-hezbollah"] and strike.target == ["united-states"] and strike.place
    )
    assert (visit.type, visit.mode, visit.source, visit.target) == ("CONSULT", "visit", ["iraq"], ["iran"])


def test_weekly_tsv_skip_bad_rows(tmp_path: Path) -> None:
    bad = [
        {**WEEKLY[1], "Event ID": ""},
        {**WEEKLY[1], "Event ID": "x2", "Event Date": "2023-02-30"},
        {**WEEKLY[1], "Event ID": "x3", "Event Intensity": "-40"},
        {**WEEKLY[1], "Event ID": "x4", "Placename": "Erbil", "Latitude": "north"},
    ]
    path = tmp_path / "weekly.txt"
    path.write_text(_tsv(WEEKLY[0], *bad, WEEKLY[1]) + "x5\t2023-01-02\n", encoding="utf-8")
    with pytest.raises(RecordError, match="event_id"):
        list(polecat.read(path))
    stream = polecat.read(path, skip_bad_rows=True)
    assert len(events(list(stream))) == 2
    assert [(r.line, r.field) for r in stream.stats.rejected] == [
        (3, "event_id"),
        (4, "event_date"),
        (5, "event_intensity"),
        (6, "latitude"),
        (8, ""),
    ]
