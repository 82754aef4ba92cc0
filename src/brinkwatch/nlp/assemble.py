"""From annotated chunks of one document to its interchange records.

This is the document-level step that needs everything the components found,
in order: dates are resolved against the running narrative time and the
publication date; definite event nouns take over the participants of the
event they refer back to ("that ban", "the sanctions"); listed items with
their own dates become their own events; the same event or relation told
twice becomes one record with two sources; actors get stable ids and the
aliases the text used. Only actors the text uses as actors, and the generic
groups that take part in a fact, become actor records.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from brinkwatch import dates
from brinkwatch.knowledge import Gazetteer
from brinkwatch.nlp.annotations import bw
from brinkwatch.nlp.arguments import sentence_span
from brinkwatch.nlp.temporal import CALENDAR_KINDS, Resolved, Timeline
from brinkwatch.ontology import load_ontology
from brinkwatch.records import (
    SYMMETRIC_RELATIONS,
    Actor,
    AnyRecord,
    Document,
    Event,
    Place,
    Provenance,
    Relation,
)

ANTECEDENT_SENTENCES = 12
"""How far back a definite event noun ("the sanctions") looks for the event it refers to."""

GATHERING_TYPES = frozenset({"CONSULT"})
"""Types whose mentions in neighbouring sentences by the same source on the same date are one occasion."""

UNTARGETED_TYPES = frozenset({"PROTEST", "MOBILIZE", "RETREAT", "THREATEN"})
"""Event types that are complete with a source alone ("protesters rallied", "troops withdrew", "X vowed
revenge": a threat need not name whom it is aimed at)."""


@dataclass
class _Fact:
    """A frame placed in the document: absolute sentence offsets, resolved date, provenance."""

    frame: dict[str, Any]
    sentence: tuple[int, int, str]
    position: int
    sentence_index: int
    date: Resolved | None = None
    provenance: list[Provenance] = field(default_factory=list)
    until: Resolved | None = None
    """For a relation, the end its clause gives ("until 2009")."""
    own_date: bool = False
    """Whether the date came from the fact's own clause or sentence rather than the narrative."""


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


def _vague(entry: dict[str, Any]) -> bool:
    """A generic one-word group that is neither a people nor tied to a country or patron."""
    return bool(
        entry.get("generic")
        and " " not in entry.get("name", "")
        and entry.get("type") != "population"
        and not entry.get("country")
        and not entry.get("patron")
    )


class Assembler:
    """Builds one document's records from its chunk docs (in order, with their character offsets)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self.ontology = load_ontology()

    def records(
        self,
        chunk_docs: Iterable[tuple[int, Doc]],
        doc_id: str,
        text: str,
        title: str = "",
        published: str | None = None,
    ) -> list[AnyRecord]:
        """All records of one document from its chunk docs, each read once (see :class:`DocumentBuilder`)."""
        builder = DocumentBuilder(self, doc_id, text, title, published)
        for offset, doc in chunk_docs:
            builder.add(offset, doc)
        return builder.finish()

    # ------------------------------------------------------------------ dates

    @staticmethod
    def _resolve_dates(
        doc: Doc, timeline: Timeline
    ) -> tuple[dict[int, Resolved], dict[int, Resolved | None]]:
        """Each date expression resolved in order, and the narrative time at the start of each sentence.

        A date the tagger marked ``aside`` (in a relative clause) dates its
        clause without moving the narrative. One counted from a date in the
        clause it introduces ("ten days after [a drone struck ... on January
        28]") counts from that date, and dates the main clause only: a fact
        inside the introduced clause that took the count as its date gets the
        clause's own date instead.
        """
        resolved: dict[int, Resolved] = {}
        narrative: dict[int, Resolved | None] = {}
        found = bw(doc)["dates"]
        order = sorted(range(len(found)), key=lambda n: found[n][0])
        j = 0
        for sent in doc.sents:
            while j < len(order) and found[order[j]][0] < sent.start:
                j += 1
            narrative[sent.start] = timeline.current
            while j < len(order) and found[order[j]][0] < sent.end:
                n = order[j]
                expr = found[n][2]
                anchor = None
                if expr.get("from") is not None and 0 <= expr["from"] < len(found):
                    anchor = timeline.resolve(found[expr["from"]][2], advance=False)
                if expr.get("back") is not None:
                    j += 1  # dates its introduced clause only, from the sentence's date (below)
                    continue
                value = timeline.resolve(expr, advance=not expr.get("aside"), anchor=anchor)
                if value is not None:
                    resolved[n] = value
                j += 1
        data = bw(doc)
        for n, (start, _end, expr) in enumerate(found):
            if expr.get("back") is None:
                continue
            inner_start, inner_end = expr["back"]
            sent = doc[start].sent
            main = [
                m
                for m, (s2, _e2, other) in enumerate(found)
                if m in resolved
                and other.get("kind") in CALENDAR_KINDS
                and sent.start <= s2 < sent.end
                and not inner_start <= s2 < inner_end
            ]
            if not main:
                continue
            earlier = Timeline.counted(resolved[main[0]], expr["unit"], -expr["hi"], -expr["lo"])
            if earlier is None:
                continue
            resolved[len(found) + n] = earlier  # an index of its own, past the found expressions
            for frame in data["events"] + data["relations"]:
                if inner_start <= frame["anchor"] < inner_end:
                    frame["date"] = len(found) + n
        for n, (_start, _end, expr) in enumerate(found):
            if expr.get("clause") is None or expr.get("from") is None:
                continue
            inner_start, inner_end = expr["clause"]
            for frame in data["events"] + data["relations"]:
                if inner_start <= frame["anchor"] < inner_end:
                    for key in ("date", "sentence_date"):
                        if frame.get(key) == n:
                            frame[key] = expr["from"]
        return resolved, narrative

    @staticmethod
    def _event_date(
        frame: dict[str, Any], resolved: dict[int, Resolved], narrative: Resolved | None
    ) -> Resolved | None:
        """The clause's date, else the sentence's, else the narrative time (not for the present tense)."""
        for key in ("date", "sentence_date"):
            n = frame.get(key)
            if n is not None and n in resolved:
                return resolved[n]
        if frame.get("present"):
            return None
        return narrative

    # ------------------------------------------------------------------ events

    def _events(self, facts: list[_Fact], actors: dict[str, dict[str, Any]], doc_id: str) -> list[Event]:
        expanded: list[_Fact] = []
        for fact in facts:
            expanded += self._split_items(fact)
        kept: list[_Fact] = []
        for fact in expanded:
            self._inherit(fact, kept)
            f = fact.frame
            # a bare "troops", "rebels" or "officers" left unresolved names nobody an analyst can follow;
            # "Moldovan separatists", "Tamil farmers" and populations ("refugees") stay
            for role in ("source", "target"):
                f[role] = [k for k in f[role] if not _vague(actors.get(k, {}))]
            if not f["target"] and not (
                f["source"] and (f["type"] in UNTARGETED_TYPES or f.get("territorial"))
            ):
                continue
            if not f["source"] and not f["target"]:
                continue
            if not f["source"] and not fact.own_date:
                continue  # an unattributed act with no date of its own is too loose to report
            merged = False
            for other in kept:
                if self._same_event(other, fact):
                    self._merge_event(other, fact)
                    merged = True
                    break
            if not merged:
                kept.append(fact)
        return [self._event_record(f, actors, doc_id) for f in kept]

    @staticmethod
    def _split_items(fact: _Fact) -> list[_Fact]:
        """ "sanctions on A, B (2019) and C (2020)": one event per listed item, each with its own date."""
        items = fact.frame.get("items")
        if not items:
            return [fact]
        out: list[_Fact] = []
        for targets, item_date in items:
            if not targets:
                continue
            frame = {**fact.frame, "target": list(targets), "items": None}
            out.append(
                _Fact(
                    frame,
                    fact.sentence,
                    fact.position + len(out),
                    fact.sentence_index,
                    date=item_date or fact.date,
                    provenance=list(fact.provenance),
                    own_date=fact.own_date or item_date is not None,
                )
            )
        return out or [fact]

    @staticmethod
    def _inherit(fact: _Fact, earlier: list[_Fact]) -> None:
        """A definite event noun lacking a participant takes it from the event it refers back to."""
        f = fact.frame
        wanted = set(f.get("antecedent") or ())
        if not wanted and f.get("definite") and not f["source"]:
            wanted = {f["type"]}
        if not wanted:
            return
        for other in reversed(earlier):
            if fact.sentence_index - other.sentence_index > ANTECEDENT_SENTENCES:
                break
            o = other.frame
            if o["type"] not in wanted:
                continue
            if f.get("antecedent") and not f["target"]:
                f["target"] = [t for t in o["target"] if t not in f["source"]]
            if not f["source"]:
                f["source"] = list(o["source"])
            return

    @staticmethod
    def _same_event(a: _Fact, b: _Fact) -> bool:
        """The same occurrence told twice: same type, shared target, compatible sources and dates."""
        fa, fb = a.frame, b.frame
        if fa["type"] != fb["type"]:
            return False
        if (
            fa["type"] in GATHERING_TYPES
            and fa["source"]
            and set(fa["source"]) == set(fb["source"])
            and abs(a.sentence_index - b.sentence_index) <= 2
            and a.date == b.date
        ):
            return True  # a visit and the meetings held during it are one occasion
        if not set(fa["target"]) & set(fb["target"]):
            return False
        if fa["source"] and fb["source"] and not set(fa["source"]) & set(fb["source"]):
            return False
        if a.date is None or b.date is None:
            return a.sentence_index == b.sentence_index or (not fa["source"] or not fb["source"])
        sa = dates.span(a.date.date, a.date.date_end)
        sb = dates.span(b.date.date, b.date.date_end)
        return sa is not None and sb is not None and dates.overlaps(sa, sb)

    @staticmethod
    def _merge_event(into: _Fact, other: _Fact) -> None:
        f, o = into.frame, other.frame
        f["source"] = list(dict.fromkeys(f["source"] + o["source"]))
        f["target"] = list(dict.fromkeys(f["target"] + o["target"]))
        f["place"] = f.get("place") or o.get("place")
        if into.date is None or (other.date is not None and len(other.date.date) > len(into.date.date)):
            into.date = other.date or into.date
        for p in other.provenance:
            if p not in into.provenance:
                into.provenance.append(p)

    def _event_record(self, fact: _Fact, actors: dict[str, dict[str, Any]], doc_id: str) -> Event:
        f = fact.frame
        info = self.ontology.event_type(f["type"])

        def names(keys: list[str]) -> str:
            return " and ".join(actors.get(k, {}).get("name", k) for k in keys) or "someone"

        summary = f"{names(f['source'])} {f['trigger']} {names(f['target'])}".strip()
        date = fact.date
        return Event(
            id=f"{doc_id}:event:{_hash(f['type'], f['source'], f['target'], fact.position)}",
            type=f["type"],
            mode=f.get("mode"),
            source=f["source"],
            target=f["target"],
            date=date.date if date else None,
            date_end=date.date_end if date else None,
            place=f.get("place"),
            intensity=info.intensity_of(f.get("mode")),
            quad_class=info.quad_class,
            summary=summary,
            confidence=f.get("confidence", 0.7),
            provenance=fact.provenance,
        )

    # ------------------------------------------------------------------ relations

    @staticmethod
    def _relations(facts: list[_Fact], doc_id: str) -> list[Relation]:
        by_key: dict[tuple[str, str, str], Relation] = {}
        for fact in facts:
            f = fact.frame
            source, target = f["source"], f["target"]
            if f["type"] in SYMMETRIC_RELATIONS and target < source:
                source, target = target, source
            key = (f["type"], source, target)
            existing = by_key.get(key)
            valid_from = fact.date.date if fact.date else None
            valid_to = (fact.until.date_end or fact.until.date) if fact.until else None
            if valid_from and valid_to and valid_to < valid_from:
                valid_to = None
            if existing is None:
                by_key[key] = Relation(
                    id=f"{doc_id}:relation:{_hash(*key)}",
                    type=f["type"],
                    source=source,
                    target=target,
                    role=f.get("role"),
                    valid_from=valid_from,
                    valid_to=valid_to,
                    confidence=f.get("confidence", 0.7),
                    provenance=list(fact.provenance),
                )
                continue
            existing.role = existing.role or f.get("role")
            if valid_from and (existing.valid_from is None or valid_from < existing.valid_from):
                existing.valid_from = valid_from
            existing.confidence = min(1.0, max(existing.confidence, f.get("confidence", 0.7)) + 0.1)
            for p in fact.provenance:
                if p not in existing.provenance:
                    existing.provenance.append(p)
        return list(by_key.values())

    # ------------------------------------------------------------------ actors and places

    def _actors(self, actors: dict[str, dict[str, Any]], used: set[str], referenced: set[str]) -> list[Actor]:
        out: list[Actor] = []
        for key, entry in actors.items():
            if key not in referenced and (key not in used or entry.get("generic")):
                continue
            known = self.gaz.actors.get(key) if entry.get("known") else None
            aliases = [s for s in entry["surfaces"] if s != (known.name if known else entry["name"])]
            if known is not None:
                out.append(
                    Actor(
                        id=key,
                        name=known.name,
                        type=known.type,
                        aliases=aliases,
                        country=known.country,
                        code=known.code,
                        born=known.born,
                        founded=known.founded,
                        died=known.died,
                        dissolved=known.dissolved,
                        confidence=1.0,
                    )
                )
            else:
                out.append(
                    Actor(
                        id=key,
                        name=entry["name"],
                        type=entry["type"],
                        aliases=aliases,
                        country=entry.get("country"),
                        confidence=0.6 if entry.get("generic") else 0.8,
                    )
                )
        return out

    def _places(self, places: dict[str, dict[str, Any]]) -> list[Place]:
        out: list[Place] = []
        for key, entry in places.items():
            known = self.gaz.places.get(key) if entry.get("known") else None
            if known is not None:
                aliases = [s for s in entry["surfaces"] if s != known.name]
                out.append(
                    Place(
                        id=key,
                        name=known.name,
                        type=known.type,
                        country=known.country,
                        lat=known.lat,
                        lon=known.lon,
                        aliases=aliases,
                        confidence=1.0,
                    )
                )
            else:
                out.append(
                    Place(
                        id=key,
                        name=entry["name"],
                        type=entry["type"],
                        aliases=entry["surfaces"],
                        confidence=0.6,
                    )
                )
        return out


class DocumentBuilder:
    """One document's records built chunk by chunk, so no chunk's ``Doc`` outlives its :meth:`add`.

    A long text arrives as many chunk docs; they are read in order (dates
    resolve against the narrative time the earlier chunks set) and only plain
    data is kept from each, so the caller can drop a ``Doc`` as soon as it
    has been added. What needs the whole document (merging facts told twice,
    choosing the actors) waits for :meth:`finish`.
    """

    def __init__(
        self, assembler: Assembler, doc_id: str, text: str, title: str = "", published: str | None = None
    ) -> None:
        self.assembler = assembler
        self.doc_id = doc_id
        self.document = Document(
            id=doc_id,
            title=title,
            published=published,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )
        self.actors: dict[str, dict[str, Any]] = {}
        self.places: dict[str, dict[str, Any]] = {}
        self.used_as_actor: set[str] = set()
        self.events: list[_Fact] = []
        self.relations: list[_Fact] = []
        self.timeline = Timeline(published)
        self.sentence_index = 0

    def add(self, offset: int, doc: Doc) -> None:
        """Take what the next chunk (starting at character ``offset`` of the text) found."""
        data = bw(doc)
        for key, entry in data["actors"].items():
            merged = self.actors.setdefault(key, {**entry, "surfaces": []})
            for s in entry["surfaces"]:
                if s not in merged["surfaces"]:
                    merged["surfaces"].append(s)
        for key, place in data["places"].items():
            merged_place = self.places.setdefault(key, {**place, "surfaces": []})
            for s in place.get("surfaces", []):
                if s not in merged_place["surfaces"]:
                    merged_place["surfaces"].append(s)
        for _start, _end, key, form, place_use in data["mentions"]:
            if not place_use and form not in ("pronoun", "relative"):
                self.used_as_actor.add(key)
        resolved, narrative = self.assembler._resolve_dates(doc, self.timeline)
        by_anchor: list[tuple[str, dict[str, Any]]] = [("event", f) for f in data["events"]] + [
            ("relation", f) for f in data["relations"]
        ]
        sent_starts = {s.start: n for n, s in enumerate(doc.sents)}
        for kind, frame in sorted(by_anchor, key=lambda kf: kf[1]["anchor"]):
            tok = doc[frame["anchor"]]
            start, end, sent_text = sentence_span(tok.sent)
            fact = _Fact(
                frame,
                (start + offset, end + offset, sent_text),
                tok.idx + offset,
                self.sentence_index + sent_starts.get(tok.sent.start, 0),
            )
            fact.provenance = [
                Provenance(document=self.doc_id, start=start + offset, end=end + offset, text=sent_text)
            ]
            if kind == "event":
                fact.date = self.assembler._event_date(frame, resolved, narrative.get(tok.sent.start))
                fact.own_date = any(frame.get(k) in resolved for k in ("date", "sentence_date"))
                if frame.get("items"):
                    frame["items"] = [
                        [targets, resolved.get(n) if n is not None else None] for targets, n in frame["items"]
                    ]
                self.events.append(fact)
            else:
                start_n, end_n = frame.get("date"), frame.get("until")
                fact.date = resolved.get(start_n) if start_n is not None else None
                fact.until = resolved.get(end_n) if end_n is not None else None
                self.relations.append(fact)
        self.sentence_index += len(sent_starts)

    def finish(self) -> list[AnyRecord]:
        """The document's records: the document, its actors, places, relations and events."""
        asm = self.assembler
        event_records = asm._events(self.events, self.actors, self.doc_id)
        relation_records = asm._relations(self.relations, self.doc_id)
        referenced = {k for e in event_records for k in (*e.source, *e.target)} | {
            k for r in relation_records for k in (r.source, r.target)
        }
        out: list[AnyRecord] = [self.document]
        out += asm._actors(self.actors, self.used_as_actor, referenced)
        out += asm._places(self.places)
        out += relation_records
        out += event_records
        return out
