"""The store as a dynamic GEXF 1.3 graph, so Gephi can play the network over time.

Gephi's timeline needs every edge to say when it exists. A relation exists from
the first day of ``valid_from`` to the last day of ``valid_to`` (an open end
stays open); an event edge exists from the first day of ``date`` to the last
day of ``date_end`` or, without one, of ``date`` itself: a strike in
"2020-01" lights up for the whole of January 2020. Partial dates are widened
to the days they cover because GEXF's ``date`` time format takes only full
days. Edges carry ``kind`` (the relation or event type) so the parallel edges
of a multigraph stay apart. An undated record has an edge with no interval,
which Gephi shows at every time.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from brinkwatch import dates
from brinkwatch.export.graphml import GraphEdge, XmlWriter, atomic_output, edge_fields, graph_edges
from brinkwatch.records import Actor, Relation

if TYPE_CHECKING:
    from brinkwatch.store import Store

GEXF_NS = "http://gexf.net/1.3"

# (attribute id, GEXF type) for nodes and for edges; the id doubles as the title.
_NODE_ATTRS = (("type", "string"), ("country", "string"), ("code", "string"), ("aliases", "string"))
_EDGE_ATTRS = (
    ("record", "string"), ("kind", "string"), ("role", "string"), ("mode", "string"),
    ("date", "string"), ("date_end", "string"), ("valid_from", "string"), ("valid_to", "string"),
    ("place", "string"), ("intensity", "double"), ("quad_class", "integer"), ("fatalities", "integer"),
    ("summary", "string"), ("confidence", "double"),
)


def edge_interval(edge: GraphEdge) -> tuple[date | None, date | None]:
    """The days an edge exists: (start, end), either end None when the record leaves it open."""
    rec = edge.record
    if isinstance(rec, Relation):
        start = dates.bounds(rec.valid_from)[0] if rec.valid_from else None
        end = dates.bounds(rec.valid_to)[1] if rec.valid_to else None
        return start, end
    if not rec.date:
        return None, None
    return dates.bounds(rec.date)[0], dates.bounds(rec.date_end or rec.date)[1]


def _node_values(actor: Actor) -> dict[str, object]:
    return {"type": actor.type, "country": actor.country, "code": actor.code,
            "aliases": "; ".join(actor.aliases) or None}


def _edge_values(edge: GraphEdge) -> dict[str, object]:
    return {key: value for key, value in edge_fields(edge).items() if key != "type"}  # type is the label


def _declare(xml: XmlWriter, cls: str, attrs: tuple[tuple[str, str], ...]) -> None:
    xml.start("attributes", {"class": cls})
    for name, kind in attrs:
        xml.leaf("attribute", {"id": name, "title": name, "type": kind})
    xml.end("attributes")


def _attvalues(xml: XmlWriter, values: dict[str, object]) -> None:
    present = {k: v for k, v in values.items() if v is not None}
    if not present:
        return
    xml.start("attvalues")
    for key, value in present.items():
        xml.leaf("attvalue", {"for": key, "value": value})
    xml.end("attvalues")


def write(store: Store, out: Path) -> dict[str, int]:
    """Write the store as a dynamic, directed GEXF 1.3 multigraph to ``out``; returns the counts."""
    counts = {"nodes": 0, "edges": 0}
    with atomic_output(Path(out)) as fh:
        xml = XmlWriter(fh)
        xml.start("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
        xml.start("meta", {"lastmodifieddate": date.today().isoformat()})
        xml.leaf("creator", text="brinkwatch")
        xml.end("meta")
        xml.start("graph", {"mode": "dynamic", "defaultedgetype": "directed", "timeformat": "date",
                            "timerepresentation": "interval"})
        _declare(xml, "node", _NODE_ATTRS)
        _declare(xml, "edge", _EDGE_ATTRS)
        xml.start("nodes")
        for actor in store.actors():
            xml.start("node", {"id": actor.id, "label": actor.name})
            _attvalues(xml, _node_values(actor))
            xml.end("node", newline=True)
            counts["nodes"] += 1
        xml.end("nodes")
        xml.start("edges")
        for edge in graph_edges(store):
            start, end = edge_interval(edge)
            xml.start("edge", {"id": edge.id, "source": edge.source, "target": edge.target, "kind": edge.type,
                               "label": edge.type, "start": start.isoformat() if start else None,
                               "end": end.isoformat() if end else None})
            _attvalues(xml, _edge_values(edge))
            xml.end("edge", newline=True)
            counts["edges"] += 1
        xml.end("edges")
        xml.end("graph")
        xml.end("gexf")
        xml.finish()
    return counts
