"""Reading records: health, actors, relations, events, places, provenance, search."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.sample_store import sample


def test_health_counts_match_the_fixture(client: TestClient) -> None:
    body = client.get("/api/health").json()
    kinds = [r["kind"] for r in sample()["records"]]
    assert body["status"] == "ok"
    for kind in ("actor", "place", "relation", "event"):
        assert body["counts"][f"{kind}s"] == kinds.count(kind)
    assert body["counts"]["documents"] == len(sample()["documents"])


def test_actors_filter_search_and_page(client: TestClient) -> None:
    groups = client.get("/api/actors", params={"type": "armed_group"}).json()
    assert {a["id"] for a in groups["items"]} == {"kataib-hezbollah", "pmf", "evil-group"}
    assert groups["total"] == 3
    by_alias = client.get("/api/actors", params={"search": "hashd"}).json()
    assert [a["id"] for a in by_alias["items"]] == ["pmf"]
    page1 = client.get("/api/actors", params={"limit": 2}).json()
    page2 = client.get("/api/actors", params={"limit": 2, "offset": 2}).json()
    assert page1["total"] == page2["total"] == 7
    assert len(page1["items"]) == len(page2["items"]) == 2
    assert not {a["id"] for a in page1["items"]} & {a["id"] for a in page2["items"]}


def test_actor_profile_by_alias(client: TestClient) -> None:
    body = client.get("/api/actors/KH").json()
    assert body["actor"]["id"] == "kataib-hezbollah"
    assert {r["id"] for r in body["relations"]} == {"r-qf-arms-kh", "r-kh-member-pmf", "r-us-opposes-kh"}
    assert "ev-k1" in {e["id"] for e in body["events"]}
    assert {d["id"] for d in body["documents"]} == {"k1-report", "embassy-note"}
    assert set(body["documents"][0]) == {"id", "title", "published"}


def test_relations_at_a_date(client: TestClient) -> None:
    in_2010 = {r["id"] for r in client.get("/api/relations", params={"at": "2010"}).json()["items"]}
    assert "r-us-allied-iraq" in in_2010 and "r-kh-member-pmf" not in in_2010
    in_2015 = {r["id"] for r in client.get("/api/relations", params={"at": "2015-03-01"}).json()["items"]}
    assert "r-kh-member-pmf" in in_2015 and "r-us-allied-iraq" not in in_2015
    of_us = client.get("/api/relations", params={"actor": "Washington"}).json()["items"]
    assert {r["id"] for r in of_us} == {"r-us-opposes-kh", "r-us-allied-iraq"}


def test_events_filtered_and_paged_with_total(client: TestClient) -> None:
    body = client.get("/api/events", params={"actor": "kataib-hezbollah", "since": "2019-12-28",
                                             "until": "2019-12-31"}).json()
    # date order by first day: the month-long siege (from 2019-12-01) before the 28th and 29th; the attack
    # on the 27th ends before 'since'
    assert [e["id"] for e in body["items"]] == ["ev-embassy", "ev-accuse", "ev-strikes"]
    assert body["total"] == len(body["items"])
    assaults = client.get("/api/events", params={"type": "ASSAULT"}).json()
    assert assaults["total"] == 2
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == [r["kind"] for r in sample()["records"]].count("event")
    assert len(page["items"]) == 2
    first_three = [e["id"] for e in client.get("/api/events", params={"limit": 3}).json()["items"]]
    assert [e["id"] for e in page["items"]] == first_three[1:3]


def test_places_carry_coordinates(client: TestClient) -> None:
    items = {p["id"]: p for p in client.get("/api/places").json()["items"]}
    assert items["baghdad"]["lat"] == 33.315 and items["baghdad"]["lon"] == 44.366


def test_provenance_gives_the_sentence_and_the_document(client: TestClient) -> None:
    body = client.get("/api/provenance/ev-strikes").json()
    assert body["record_id"] == "ev-strikes"
    [source] = body["sources"]
    assert source["document"] == "k1-report" and source["title"] == "Rockets hit K-1 <b>base</b>"
    assert source["published"] == "2019-12-28"
    text = next(d["text"] for d in sample()["documents"] if d["document"]["id"] == "k1-report")
    assert text[source["start"]:source["end"]] == source["text"]
    dataset = client.get("/api/provenance/r-qf-arms-kh").json()["sources"]
    assert dataset[0]["dataset"] == "test-fixture" and dataset[0]["record"] == "r2"


def test_search_finds_actors_events_and_documents(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "embassy"}).json()
    assert [e["id"] for e in body["events"]] == ["ev-embassy"]
    assert [d["id"] for d in body["documents"]] == ["embassy-note"]
    assert client.get("/api/search", params={"q": "quds"}).json()["actors"][0]["id"] == "quds-force"
