"""The graph and timeline views the dashboard draws."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_graph_at_a_date_marks_patron_links_and_chains(client: TestClient) -> None:
    body = client.get("/api/graph", params={"at": "2016"}).json()
    assert body["at"] == "2016"
    edges = {e["id"]: e for e in body["edges"]}
    assert set(edges) == {"r-iran-commands-qf", "r-qf-arms-kh", "r-kh-member-pmf", "r-us-opposes-kh"}
    assert edges["r-qf-arms-kh"]["patron_link"] is True
    assert edges["r-us-opposes-kh"]["patron_link"] is False
    node_ids = {n["id"] for n in body["nodes"]}
    assert node_ids == {"iran", "quds-force", "kataib-hezbollah", "pmf", "united-states"}
    assert all(set(n) == {"id", "name", "type", "country"} for n in body["nodes"])
    # KH is the proxy at the bottom; its patrons go up to Iran through the Quds Force, and to the PMF
    assert ["kataib-hezbollah", "quds-force", "iran"] in body["proxy_chains"]
    assert ["kataib-hezbollah", "pmf"] in body["proxy_chains"]
    assert all(chain[0] == "kataib-hezbollah" for chain in body["proxy_chains"])


def test_graph_before_a_relation_began_leaves_it_out(client: TestClient) -> None:
    body = client.get("/api/graph", params={"at": "2008-01"}).json()
    ids = {e["id"] for e in body["edges"]}
    assert "r-kh-member-pmf" not in ids and "r-qf-arms-kh" in ids
    assert ["kataib-hezbollah", "quds-force", "iran"] in body["proxy_chains"]


def test_graph_neighbourhood_of_an_actor(client: TestClient) -> None:
    one_hop = client.get("/api/graph", params={"actor": "Quds Force", "depth": 1}).json()
    assert {n["id"] for n in one_hop["nodes"]} == {"quds-force", "iran", "kataib-hezbollah"}
    zero = client.get("/api/graph", params={"actor": "quds-force", "depth": 0}).json()
    assert [n["id"] for n in zero["nodes"]] == ["quds-force"] and zero["edges"] == []


def test_timeline_items_and_actor_names(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"actor": "united-states"}).json()
    items = body["items"]
    assert [i["id"] for i in items] == ["ev-aid", "ev-tikrit", "ev-mosul", "ev-embassy", "ev-k1", "ev-accuse",
                                       "ev-strikes", "ev-threat"]
    k1 = next(i for i in items if i["id"] == "ev-k1")
    assert set(k1) == {"id", "date", "date_end", "type", "mode", "quad_class", "intensity", "source",
                       "target", "place", "summary"}
    assert (k1["source"], k1["target"], k1["place"]) == (["kataib-hezbollah"], ["united-states"], "kirkuk")
    assert body["actors"]["kataib-hezbollah"] == "Kataib Hezbollah"
    mentioned = {a for i in items for a in (*i["source"], *i["target"])}
    assert set(body["actors"]) == mentioned


def test_timeline_period(client: TestClient) -> None:
    body = client.get("/api/timeline", params={"since": "2020", "until": "2020"}).json()
    assert {i["id"] for i in body["items"]} == {"ev-embassy", "ev-threat"}
