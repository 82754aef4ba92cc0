"""The public API end to end: records, provenance, bad input, long texts, many documents, processes."""

from __future__ import annotations

import hashlib
import weakref
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.nlp import Extractor, Meta, TextSkipped
from brinkwatch.nlp.textprep import chunks
from brinkwatch.records import Document, Event, Relation, parse_record, to_dict

STORY = (
    "The Hamra Front was founded by Rami Saleh in 2009.\n\n"
    "On March 2, 2016, Turkish jets bombed the Hamra Front near Mosul. "
    "Rami Saleh accused Turkey of killing civilians.\n"
)


def test_one_document_gives_valid_records_with_provenance(extractor: Extractor) -> None:
    records = extractor.extract(STORY, doc_id="story", title="A story", published="2016-03")
    doc = records[0]
    assert isinstance(doc, Document)
    assert doc.sha256 == hashlib.sha256(STORY.encode()).hexdigest()
    for rec in records:
        parse_record(to_dict(rec))  # round-trips through the contract's validation
    facts = [r for r in records if isinstance(r, (Event, Relation))]
    assert {r.type for r in facts} >= {"founded", "ASSAULT", "ACCUSE"}
    for fact in facts:
        for p in fact.provenance:
            assert p.document == "story"
            assert STORY[p.start : p.end] == p.text  # offsets point at the sentence in the original


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("\x00\x01\x02binary\x03\x04\x05" * 50, "binary"),
        (
            "Die Regierung hat am Montag neue Sanktionen gegen die Milizen im Irak verhängt, "
            "nachdem es zu Angriffen auf Stützpunkte gekommen war.",
            "English",
        ),
    ],
)
def test_bad_input_is_skipped_with_a_reason(extractor: Extractor, text: str, reason: str) -> None:
    with pytest.raises(TextSkipped, match=reason):
        extractor.extract(text, doc_id="bad")


def test_long_text_is_chunked_and_offsets_stay_right(extractor: Extractor) -> None:
    filler = "Nothing of note happened in the town that week, and the market stayed open late.\n\n"
    text = filler * 70_000 + STORY  # about 5.7 MB
    assert len(text) > 5_000_000
    pieces = chunks(text)
    assert len(pieces) > 50 and "".join(p for _o, p in pieces) == text
    records = extractor.extract(text, doc_id="long", published="2016-03")
    events = [r for r in records if isinstance(r, Event) and r.type == "ASSAULT"]
    assert events
    p = events[0].provenance[0]
    assert p.start is not None and p.end is not None
    assert text[p.start : p.end] == p.text and p.start > 5_000_000


def test_extract_many_keeps_order_and_reports_skipped(extractor: Extractor) -> None:
    items: list[tuple[str, Meta | dict[str, Any]]] = [
        (STORY, Meta("a")),
        ("", {"doc_id": "empty"}),
        ("Egypt condemned the Hamra Front in 2012.", {"doc_id": "b", "published": "2012"}),
    ]
    before = len(extractor.skipped)
    out = list(extractor.extract_many(items, batch_size=2))
    assert [r[0].id if r else None for r in out] == ["a", None, "b"]
    assert extractor.skipped[before:] == [("empty", "empty text")]


def test_two_processes_give_the_same_records(extractor: Extractor) -> None:
    texts = [(STORY.replace("2016", str(2000 + n)), Meta(f"d{n}")) for n in range(4)]
    one = [[to_dict(r) for r in recs] for recs in extractor.extract_many(texts, n_process=1)]
    two = [[to_dict(r) for r in recs] for recs in extractor.extract_many(texts, n_process=2, batch_size=1)]
    assert one == two


class _DocCensus:
    """Counts the Docs that have left the pipeline and are still alive (a weakref callback per Doc)."""

    def __init__(self) -> None:
        self.live = 0
        self.peak = 0
        self.seen = 0

    def __call__(self, doc: Doc) -> Doc:
        self.seen += 1
        self.live += 1
        self.peak = max(self.peak, self.live)
        weakref.finalize(doc, self._gone)
        return doc

    def _gone(self) -> None:
        self.live -= 1


CENSUS = _DocCensus()
Language.component("test_doc_census", func=CENSUS)


def test_extract_many_streams_a_long_document(extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """A many-chunk text holds about a batch of Docs, not all of them, and gives what extract gives."""
    monkeypatch.setattr(extractor, "chunk_chars", 600)
    filler = "Nothing of note happened in the town that week, and the market stayed open late.\n\n"
    # dates and actors in early chunks that later chunks refer back to ("the next day", "the group")
    middle = "The next day the Hamra Front attacked Turkish troops.\n\n"
    text = STORY + filler * 80 + middle + filler * 80 + STORY
    n_chunks = len(chunks(text, extractor.chunk_chars))
    assert n_chunks >= 20
    expected = [to_dict(r) for r in extractor.extract(text, doc_id="long", published="2016-03")]
    extractor.nlp.add_pipe("test_doc_census", last=True)
    try:
        CENSUS.peak = CENSUS.seen = 0
        batch = 4
        items: list[tuple[str, Meta | dict[str, Any]]] = [(text, Meta("long", published="2016-03"))]
        out = [[to_dict(r) for r in recs] for recs in extractor.extract_many(items, batch_size=batch)]
    finally:
        extractor.nlp.remove_pipe("test_doc_census")
    assert CENSUS.seen == n_chunks
    assert CENSUS.peak <= batch + 2  # the batch in flight and the chunk being read, whatever the length
    assert out == [expected]
