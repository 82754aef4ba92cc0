"""The store as a GraphML graph: actors as nodes, relations and events as directed edges.

GraphML is what yEd, Cytoscape, networkx and igraph read. Every record keeps its
id and its dates as edge data, so a graph opened elsewhere can still be traced
back to the store's sources. Relations give one edge each; an event gives one
edge per (source actor, target actor) pair, and an event with no target (a
protest, a mobilisation) has no edge here (it is in the CSV and JSONL exports).

The XML is streamed with the standard library, so exporting a large event
dataset does not build the whole document in memory. The helpers below (clean
text, atomic file output, the list of edges) are shared with the GEXF writer.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import XMLGenerator
from xml.sax.xmlreader import AttributesImpl

from brinkwatch.records import Actor, Event, Relation

if TYPE_CHECKING:
    from brinkwatch.store import Store

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# Characters XML 1.0 cannot carry even escaped (most C0 controls, lone surrogates, U+FFFE/FFFF).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: object) -> str:
    """``value`` as text an XML parser accepts: disallowed control characters are dropped."""
    return _NOT_XML.sub("", str(value))


class XmlWriter:
    """A streaming XML writer: every attribute value and text is escaped and cleaned on the way out."""

    def __init__(self, fh: IO[bytes]) -> None:
        self._xml = XMLGenerator(fh, encoding="utf-8", short_empty_elements=True)
        self._xml.startDocument()

    def start(self, name: str, attrs: Mapping[str, object] | None = None) -> None:
        """Open an element; attributes whose value is None are left out."""
        clean = {k: xml_safe(v) for k, v in (attrs or {}).items() if v is not None}
        self._xml.startElement(name, AttributesImpl(clean))

    def end(self, name: str, newline: bool = False) -> None:
        """Close an element, optionally followed by a line break to keep the file readable."""
        self._xml.endElement(name)
        if newline:
            self._xml.ignorableWhitespace("\n")

    def leaf(self, name: str, attrs: Mapping[str, object] | None = None, text: object = None) -> None:
        """An element with attributes and optional text content and no children."""
        self.start(name, attrs)
        if text is not None:
            self._xml.characters(xml_safe(text))
        self.end(name)

    def finish(self) -> None:
        """End the document (flushes the underlying writer)."""
        self._xml.endDocument()


@contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces ``path`` only when the block finishes without error.

    An export interrupted half-way (a full disk, a store error) leaves the
    previous file untouched instead of a truncated one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # a plain exclusive create (not mkstemp) so the file gets the user's usual permissions
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with tmp.open("xb") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class GraphEdge:
    """One directed edge of the exported graph, from a relation or from one actor pair of an event."""

    id: str
    source: str
    target: str
    record: Relation | Event

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def type(self) -> str:
        return self.record.type


def graph_edges(store: Store) -> Iterator[GraphEdge]:
    """Relations first, then events (streamed, in date order), each as the edges it gives."""
    for rel in store.relations():
        yield GraphEdge(rel.id, rel.source, rel.target, rel)
    for event in store.iter_events():
        pairs = [(s, t) for s in event.source for t in event.target if s != t]
        for n, (source, target) in enumerate(pairs):
            edge_id = event.id if len(pairs) == 1 else f"{event.id}#{n + 1}"
            yield GraphEdge(edge_id, source, target, event)


# (key id, applies to, attribute name, GraphML type)
_KEYS = (
    ("n_name", "node", "name", "string"),
    ("n_type", "node", "type", "string"),
    ("n_country", "node", "country", "string"),
    ("n_code", "node", "code", "string"),
    ("n_aliases", "node", "aliases", "string"),
    ("n_founded", "node", "founded", "string"),
    ("n_dissolved", "node", "dissolved", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_record", "edge", "record", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_role", "edge", "role", "string"),
    ("e_valid_from", "edge", "valid_from", "string"),
    ("e_valid_to", "edge", "valid_to", "string"),
    ("e_mode", "edge", "mode", "string"),
    ("e_date", "edge", "date", "string"),
    ("e_date_end", "edge", "date_end", "string"),
    ("e_place", "edge", "place", "string"),
    ("e_intensity", "edge", "intensity", "double"),
    ("e_quad_class", "edge", "quad_class", "int"),
    ("e_fatalities", "edge", "fatalities", "int"),
    ("e_summary", "edge", "summary", "string"),
    ("e_confidence", "edge", "confidence", "double"),
)


def _actor_data(actor: Actor) -> dict[str, object]:
    return {
        "n_name": actor.name, "n_type": actor.type, "n_country": actor.country, "n_code": actor.code,
        "n_aliases": "; ".join(actor.aliases) or None,
        "n_founded": actor.founded or actor.born, "n_dissolved": actor.dissolved or actor.died,
    }


def edge_fields(edge: GraphEdge) -> dict[str, object]:
    """The attributes of an edge's record (relation or event), shared by the GraphML and GEXF writers."""
    rec = edge.record
    fields: dict[str, object] = {"kind": rec.kind, "record": rec.id, "type": rec.type,
                                 "confidence": rec.confidence}
    if isinstance(rec, Relation):
        fields.update(role=rec.role, valid_from=rec.valid_from, valid_to=rec.valid_to)
    else:
        fields.update(mode=rec.mode, date=rec.date, date_end=rec.date_end, place=rec.place,
                      intensity=rec.intensity, quad_class=rec.quad_class, fatalities=rec.fatalities,
                      summary=rec.summary or None)
    return fields


def _edge_data(edge: GraphEdge) -> dict[str, object]:
    return {f"e_{key}": value for key, value in edge_fields(edge).items()}


def write(store: Store, out: Path) -> dict[str, int]:
    """Write the store's actors, relations and events to the GraphML file ``out``; returns the counts."""
    counts = {"nodes": 0, "edges": 0}
    with atomic_output(Path(out)) as fh:
        xml = XmlWriter(fh)
        xml.start("graphml", {"xmlns": GRAPHML_NS})
        for key, domain, name, kind in _KEYS:
            xml.leaf("key", {"id": key, "for": domain, "attr.name": name, "attr.type": kind})
        xml.start("graph", {"id": "brinkwatch", "edgedefault": "directed"})
        for actor in store.actors():
            xml.start("node", {"id": actor.id})
            for key, value in _actor_data(actor).items():
                if value is not None:
                    xml.leaf("data", {"key": key}, value)
            xml.end("node", newline=True)
            counts["nodes"] += 1
        for edge in graph_edges(store):
            xml.start("edge", {"id": edge.id, "source": edge.source, "target": edge.target})
            for key, value in _edge_data(edge).items():
                if value is not None:
                    xml.leaf("data", {"key": key}, value)
            xml.end("edge", newline=True)
            counts["edges"] += 1
        xml.end("graph")
        xml.end("graphml")
        xml.finish()
    return counts
