"""What the brinkwatch components leave on a spaCy ``Doc``: plain data, one dict per document.

Components run in the spaCy pipeline, possibly in worker processes
(``nlp.pipe(n_process=...)``), and docs come back serialised, so the
annotations are JSON-like values (lists, dicts, strings, numbers) under the
``Doc._.bw`` extension rather than objects. This module names their shapes
and gives the components a typed view with token-level lookups.

Keys of ``doc._.bw``:

- ``actors``: actor key -> :class:`ActorEntry` dict
- ``mentions``: ``[start, end, key, form, place_use]`` token spans
- ``places``: place key -> :class:`PlaceEntry` dict
- ``place_mentions``: ``[start, end, place key]``
- ``dates``: ``[start, end, expr]`` with ``expr`` from :mod:`brinkwatch.nlp.temporal`, plus
  what the parse adds (:mod:`brinkwatch.nlp.dating`): ``aside``, ``from``/``clause`` and ``back``
- ``quiet``: sentence start tokens of headlines, captions and pull quotes (no facts taken from them)
- ``relations`` and ``events``: fact frames (see :mod:`brinkwatch.nlp.relations`, ``.events``)
"""

from __future__ import annotations

from typing import Any, TypedDict

from spacy.tokens import Doc, Token

from brinkwatch.knowledge import KnownActor


class ActorEntry(TypedDict, total=False):
    """An actor seen in one document: known (gazetteer id) or new (named from the text)."""

    name: str
    type: str
    known: bool
    generic: bool
    country: str
    patron: str
    plural: bool
    surfaces: list[str]


class PlaceEntry(TypedDict, total=False):
    name: str
    type: str
    known: bool
    country: str
    surfaces: list[str]


if not Doc.has_extension("bw"):
    Doc.set_extension("bw", default=None)


def bw(doc: Doc) -> dict[str, Any]:
    """The document's annotation dict, created empty on first use."""
    data = doc._.bw
    if data is None:
        data = {
            "actors": {},
            "mentions": [],
            "places": {},
            "place_mentions": [],
            "dates": [],
            "quiet": [],
            "relations": [],
            "events": [],
        }
        doc._.bw = data
    return data


class View:
    """Token-level lookups over the annotations, rebuilt by each component that needs them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.data = bw(doc)
        self.actors: dict[str, ActorEntry] = self.data["actors"]
        self.places: dict[str, PlaceEntry] = self.data["places"]
        self.mention_at: dict[int, tuple[int, int, str, str, bool]] = {}
        for m in self.data["mentions"]:
            start, end, key, form, place_use = m
            for i in range(start, end):
                self.mention_at[i] = (start, end, key, form, place_use)
        self.place_at: dict[int, str] = {}
        for start, end, key in self.data["place_mentions"]:
            for i in range(start, end):
                self.place_at[i] = key
        self.date_at: dict[int, int] = {}
        for n, (start, end, _expr) in enumerate(self.data["dates"]):
            for i in range(start, end):
                self.date_at[i] = n
        quiet_starts = set(self.data["quiet"])
        self.quiet_tokens: set[int] = set()
        if quiet_starts:
            for sent in doc.sents:
                if sent.start in quiet_starts:
                    self.quiet_tokens.update(range(sent.start, sent.end))

    def actor_key(self, tok: Token, places_too: bool = False) -> str | None:
        """The actor a token refers to, if any (a state used as a place counts only with ``places_too``)."""
        m = self.mention_at.get(tok.i)
        if m is None or (m[4] and not places_too):
            return None
        return m[2]

    def enter_known(self, actor: KnownActor) -> str:
        """Make a gazetteer actor the text never named (a patron inferred from "Iran-backed", a
        person's own state) one of the document's actors, so the facts about it can name it."""
        self.actors.setdefault(
            actor.id, {"name": actor.name, "type": actor.type, "known": True, "surfaces": [], "plural": False}
        )
        return actor.id

    def is_quiet(self, tok: Token) -> bool:
        """Whether the token's sentence is a headline, caption or pull quote."""
        return tok.i in self.quiet_tokens
