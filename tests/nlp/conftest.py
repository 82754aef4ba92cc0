"""One real pipeline for the extraction tests: loading the spaCy model and gazetteer costs a second or two."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from brinkwatch.nlp import Extractor
from brinkwatch.records import Actor, AnyRecord, Event, Relation


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor: Extractor) -> Language:
    return extractor.nlp


class Found:
    """The records of one extraction, with lookups by actor name for readable assertions."""

    def __init__(self, records: list[AnyRecord]) -> None:
        self.records = records
        self.actors = [r for r in records if isinstance(r, Actor)]
        self.relations = [r for r in records if isinstance(r, Relation)]
        self.events = [r for r in records if isinstance(r, Event)]
        self.by_id = {a.id: a for a in self.actors}

    def actor(self, name: str) -> Actor:
        folded = name.lower()
        for a in self.actors:
            if a.name.lower() == folded or folded in (x.lower() for x in a.aliases):
                return a
        raise AssertionError(f"no actor {name!r} among {[a.name for a in self.actors]}")

    def has_actor(self, name: str) -> bool:
        try:
            self.actor(name)
        except AssertionError:
            return False
        return True

    def name(self, actor_id: str) -> str:
        return self.by_id[actor_id].name

    def relation(self, kind: str, source: str, target: str) -> Relation | None:
        s, t = self.actor(source).id, self.actor(target).id
        for r in self.relations:
            if r.type == kind and (
                (r.source, r.target) == (s, t)
                or (kind in ("kin_of", "allied_with") and (r.source, r.target) == (t, s))
            ):
                return r
        return None

    def events_of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.type == kind]


@pytest.fixture(scope="session")
def extract(extractor: Extractor) -> Callable[..., Found]:
    def run(text: str, published: str | None = None) -> Found:
        return Found(extractor.extract(text, doc_id="test", published=published))

    return run
