"""The analysis endpoints answer over the sample store with the analyses' own results."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_escalation_by_month_between_a_proxy_and_a_state(client: TestClient) -> None:
    body = client.get("/api/escalation", params={"a": "KH", "b": "United States"}).json()
    assert (body["a"], body["b"], body["by"]) == ("kataib-hezbollah", "united-states", "month")
    december = next(p for p in body["periods"] if p["period"] == "2019-12")
    # the K-1 attack, the accusation, the strikes and the embassy siege
    assert december["events"] == 4 and december["fatalities"] == 26
    assert december["state"] in {"provocation", "confrontation"} and december["criterion"]


def test_escalation_rolls_proxies_up_to_their_patron(client: TestClient) -> None:
    direct = client.get("/api/escalation", params={"a": "iran", "b": "united-states", "by": "year"}).json()
    rolled = client.get("/api/escalation", params={"a": "iran", "b": "united-states", "by": "year",
                                                   "roll_up_proxies": "true"}).json()
    count = {p["period"]: p["events"] for p in direct["periods"]}
    count_rolled = {p["period"]: p["events"] for p in rolled["periods"]}
    assert count == {"2020": 1}
    assert count_rolled["2019"] >= 3 and {r["actor"] for r in rolled["rolled_up"]} == {"kataib-hezbollah"}


def test_attribution_of_an_event_follows_the_chain_to_iran(client: TestClient) -> None:
    body = client.get("/api/attribution/ev-k1").json()
    assert body["subject_kind"] == "event"
    [kh] = body["actors"]
    patrons = [p["patron"] for p in kh["patrons"]]
    assert "iran" in patrons and "quds-force" in patrons
    chain = next(c for c in kh["chains"] if c["patron"] == "iran")
    assert chain["actors"] == ["kataib-hezbollah", "quds-force", "iran"]
    assert chain["links"][0]["relations"][0]["id"] == "r-qf-arms-kh"


def test_attribution_of_an_actor_as_of_a_date(client: TestClient) -> None:
    body = client.get("/api/attribution/kataib-hezbollah", params={"at": "2010"}).json()
    patrons = {p["patron"] for p in body["actors"][0]["patrons"]}
    assert "pmf" not in patrons and "iran" in patrons


def test_balance_finds_the_double_game(client: TestClient) -> None:
    # the US backed the PMF twice (2015, 2016) while fighting Kataib Hezbollah, a PMF member
    body = client.get("/api/balance", params={"at": "2020-01-31", "window": 2000}).json()
    assert body["at"] == "2020-01-31" and body["window_days"] == 2000
    [game] = [a for a in body["ambivalent"] if a["actor"] == "united-states"]
    assert game["side"] == "pmf" and game["side_members"] == ["kataib-hezbollah", "pmf"]
    assert game["cooperative_with"] == ["pmf"] and game["hostile_to"] == ["kataib-hezbollah"]
    short = client.get("/api/balance", params={"at": "2020-01-31", "window": 60}).json()
    assert not [a for a in short["ambivalent"] if a["actor"] == "united-states"]


def test_reciprocity_pairs_the_attack_with_the_strikes(client: TestClient) -> None:
    body = client.get("/api/reciprocity", params={"a": "kataib-hezbollah", "b": "united-states",
                                                  "window": 10}).json()
    # the first hostile US act after the attack is the accusation a day later (intensity 4 against 10)
    [pair] = body["pairs"]
    assert (pair["trigger"]["id"], pair["response"]["id"], pair["lag_days"]) == ("ev-k1", "ev-accuse", 1)
    assert pair["ratio"] == 0.4


def test_forecast_gives_the_requested_horizon(client: TestClient) -> None:
    body = client.get("/api/forecast", params={"a": "kataib-hezbollah", "b": "united-states",
                                               "horizon": 2}).json()
    assert [p["period"] for p in body["periods"]] == ["2020-01", "2020-02"]
    assert all(0 <= p["p_confrontation"] <= 1 for p in body["periods"])


def test_forecast_without_hostile_acts_is_a_400(client: TestClient) -> None:
    response = client.get("/api/forecast", params={"a": "united-states", "b": "iraq-government"})
    assert response.status_code == 400
    assert "hostile" in response.json()["detail"]
