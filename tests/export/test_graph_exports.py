"""GraphML and GEXF exports parse back with the standard XML parser, with the right counts and times."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from brinkwatch.export import gexf, graphml
from brinkwatch.records import Event
from brinkwatch.store import Store

GML = "{http://graphml.graphdrawing.org/xmlns}"
GX = "{http://gexf.net/1.3}"


def expected_edges(store: Store) -> int:
    """Relations, plus one edge per distinct (source, target) pair of each event."""
    pairs = sum(len([(s, t) for s in e.source for t in e.target if s != t]) for e in store.iter_events())
    return len(store.relations()) + pairs


def test_graphml_parses_with_every_actor_and_edge(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    counts = graphml.write(sample_store, out)
    root = ET.parse(out).getroot()
    graph = root.find(f"{GML}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    nodes = graph.findall(f"{GML}node")
    edges = graph.findall(f"{GML}edge")
    assert {n.get("id") for n in nodes} == {a.id for a in sample_store.actors()}
    assert len(edges) == expected_edges(sample_store) == counts["edges"]
    node_ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in node_ids and e.get("target") in node_ids for e in edges)
    keys = {k.get("id"): k.get("attr.name") for k in root.findall(f"{GML}key")}
    data = {keys[d.get("key", "")]: d.text for d in _edge(edges, "r-us-allied-iraq").findall(f"{GML}data")}
    assert data["type"] == "allied_with" and data["valid_from"] == "2008-11" and data["valid_to"] == "2011-12"


def test_graphml_keeps_markup_as_text(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    graphml.write(sample_store, out)
    root = ET.parse(out).getroot()
    names = [d.text for d in root.iter(f"{GML}data") if d.get("key") == "n_name"]
    assert "<img src=x onerror=alert(1)> Brigade" in names
    assert b"<img" not in out.read_bytes()  # escaped in the file, restored by the parser


def _edge(edges: list[ET.Element], edge_id: str) -> ET.Element:
    return next(e for e in edges if e.get("id") == edge_id)


def test_gexf_is_dynamic_with_intervals_from_records(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    gexf.write(sample_store, out)
    root = ET.parse(out).getroot()
    assert root.tag == f"{GX}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GX}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    nodes = graph.findall(f"{GX}nodes/{GX}node")
    edges = graph.findall(f"{GX}edges/{GX}edge")
    assert len(nodes) == len(sample_store.actors())
    assert len(edges) == expected_edges(sample_store)
    # a relation open at the end: start only, widened from a month to its first day
    opposes = _edge(edges, "r-us-opposes-kh")
    assert (opposes.get("start"), opposes.get("end"), opposes.get("kind")) == ("2009-07-01", None, "opposes")
    # a closed relation: the last day of its last month
    allied = _edge(edges, "r-us-allied-iraq")
    assert (allied.get("start"), allied.get("end")) == ("2008-11-01", "2011-12-31")
    # events: a day, a month-to-month span, and a month
    def interval(edge_id: str) -> tuple[str | None, str | None]:
        edge = _edge(edges, edge_id)
        return edge.get("start"), edge.get("end")

    assert interval("ev-k1") == ("2019-12-27", "2019-12-27")
    assert interval("ev-embassy") == ("2019-12-01", "2020-01-31")
    assert interval("ev-threat") == ("2020-01-01", "2020-01-31")


def test_gexf_attribute_values_refer_to_declared_attributes(sample_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "g.gexf"
    gexf.write(sample_store, out)
    root = ET.parse(out).getroot()
    declared = {(a.get("id"), block.get("class")) for block in root.iter(f"{GX}attributes")
                for a in block.findall(f"{GX}attribute")}
    for cls, tag in (("node", "node"), ("edge", "edge")):
        for element in root.iter(f"{GX}{tag}"):
            for value in element.iter(f"{GX}attvalue"):
                assert (value.get("for"), cls) in declared
    k1 = next(e for e in root.iter(f"{GX}edge") if e.get("id") == "ev-k1")
    values = {v.get("for"): v.get("value") for v in k1.iter(f"{GX}attvalue")}
    assert values["fatalities"] == "1" and values["record"] == "ev-k1" and values["kind"] == "event"


def test_event_with_several_targets_gives_one_edge_per_pair(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'multi.db'}"
    with Store.open(url) as store:
        from brinkwatch.records import Actor

        store.add_records([
            Actor(id="a", name="A", type="state"), Actor(id="b", name="B", type="state"),
            Actor(id="c", name="C", type="state"),
            Event(id="ev", type="CONSULT", source=["a"], target=["b", "c"], date="2020-02-03"),
        ])
        counts = gexf.write(store, tmp_path / "m.gexf")
    edges = ET.parse(tmp_path / "m.gexf").getroot().findall(f"{GX}graph/{GX}edges/{GX}edge")
    assert counts["edges"] == 2
    assert sorted((e.get("id"), e.get("source"), e.get("target")) for e in edges) == [
        ("ev#1", "a", "b"), ("ev#2", "a", "c")]


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    from brinkwatch.records import Actor

    url = f"sqlite:///{tmp_path / 'ctl.db'}"
    with Store.open(url) as store:
        store.add_records([Actor(id="x", name="bad\x01name\x0bhere", type="person")])
        graphml.write(store, tmp_path / "c.graphml")
        gexf.write(store, tmp_path / "c.gexf")
    assert ET.parse(tmp_path / "c.gexf").getroot().find(f"{GX}graph/{GX}nodes/{GX}node").get("label") == (
        "badnamehere")
    ET.parse(tmp_path / "c.graphml")


def test_failed_export_leaves_the_previous_file(sample_store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "g.gexf"
    out.write_text("previous")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("store went away")

    monkeypatch.setattr(sample_store, "iter_events", broken)
    with pytest.raises(RuntimeError):
        gexf.write(sample_store, out)
    assert out.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
