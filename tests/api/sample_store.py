"""A small hand-written store shared by the API, report and export tests.

Seven actors (one with markup in its name), two places, five relations with
open and closed intervals, and seven events: dated at day, month and no
precision, with fatalities, an event without a target, and markup or a
spreadsheet formula in summaries and source sentences. Two documents carry a
script tag in their text. Everything is in ``data/sample_store.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from brinkwatch.records import Document, parse_record
from brinkwatch.store import Store

SAMPLE = Path(__file__).parent / "data" / "sample_store.json"


def sample() -> dict[str, Any]:
    """The raw fixture: ``documents`` (each a document record and its text) and ``records``."""
    data: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return data


def load_sample(url: str) -> None:
    """Fill the (empty) store at ``url``: actors and places, then documents with text, then the rest."""
    data = sample()
    records = [parse_record(obj, str(SAMPLE), n) for n, obj in enumerate(data["records"], 1)]
    with Store.open(url) as store:
        store.add_records(r for r in records if r.kind in ("actor", "place"))
        for doc in data["documents"]:
            store.add_document(Document(**doc["document"]), doc["text"])
        store.add_records(r for r in records if r.kind in ("relation", "event"))
