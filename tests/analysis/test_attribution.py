"""Patron chains on hand-built graphs whose chains are known, and attribution through a real store."""

from __future__ import annotations

from datetime import date

import pytest
from analysis_builders import actor, ev, rel

from brinkwatch.analysis import ActorNotFoundError
from brinkwatch.analysis.attribution import attribute, attribute_actors
from brinkwatch.analysis.graph import load_attribution_config

CFG = load_attribution_config()
W = {k: v.weight for k, v in CFG.edges.items()}


def patrons(relations: list, actor_id: str, at: date | None = None) -> dict[str, float]:
    return dict(attribute_actors(relations, [actor_id], at)[0].patrons())


def test_chain_strength_multiplies_links_and_decays_with_length() -> None:
    relations = [rel("proxy_of", "kh", "qf"), rel("member_of", "qf", "irgc"), rel("commands", "irn", "irgc")]
    found = patrons(relations, "kh")
    assert set(found) == {"qf", "irgc", "irn"}
    assert found["qf"] == pytest.approx(W["proxy_of"])
    assert found["irgc"] == pytest.approx(W["proxy_of"] * W["member_of"] * CFG.decay)
    assert found["irn"] == pytest.approx(W["proxy_of"] * W["member_of"] * W["commands"] * CFG.decay**2)


def test_several_ties_between_two_actors_reinforce_by_noisy_or() -> None:
    relations = [rel("funds", "irn", "kh"), rel("arms", "irn", "kh", confidence=0.5)]
    expected = 1 - (1 - W["funds"]) * (1 - W["arms"] * 0.5)
    assert patrons(relations, "kh")["irn"] == pytest.approx(expected)
    chain = attribute_actors(relations, ["kh"], None)[0].chains[0]
    assert {t.relation.id for t in chain.links[0].ties} == {r.id for r in relations}


def test_cycles_are_not_followed_and_clients_are_not_patrons() -> None:
    relations = [rel("proxy_of", "a", "b"), rel("proxy_of", "b", "a"), rel("funds", "a", "c")]
    chains = attribute_actors(relations, ["a"], None)[0].chains
    assert [c.actors for c in chains] == [("a", "b")]


def test_only_relations_valid_on_the_date_count() -> None:
    relations = [rel("funds", "irn", "kh", valid_from="2015", valid_to="2018-06"),
                 rel("commands", "pmf", "kh", valid_from="2019-01-15")]
    assert set(patrons(relations, "kh", date(2017, 3, 1))) == {"irn"}
    assert set(patrons(relations, "kh", date(2019, 1, 14))) == set()
    assert set(patrons(relations, "kh", date(2019, 1, 15))) == {"pmf"}


def test_without_a_date_a_chain_needs_a_day_on_which_all_links_hold() -> None:
    relations = [rel("proxy_of", "x", "y", valid_to="2010"), rel("proxy_of", "y", "z", valid_from="2011")]
    assert set(patrons(relations, "x")) == {"y"}
    relations.append(rel("supports", "z", "y", valid_from="2009", valid_to="2012"))
    # now y -> z also holds 2009-2010, overlapping x -> y
    assert set(patrons(relations, "x")) == {"y", "z"}


def test_depth_limit_stops_long_chains() -> None:
    names = [f"n{i}" for i in range(CFG.max_depth + 2)]
    relations = [rel("commands", names[i + 1], names[i]) for i in range(len(names) - 1)]
    found = patrons(relations, "n0")
    assert f"n{CFG.max_depth}" in found
    assert f"n{CFG.max_depth + 1}" not in found


def test_attribute_through_the_store_by_name_and_by_event(store) -> None:  # type: ignore[no-untyped-def]
    store.add_records([
        actor("iran", name="Iran", aliases=("Islamic Republic of Iran",)),
        actor("kataib-hezbollah", "armed_group", name="Kataib Hezbollah", aliases=("KH",)),
        actor("united-states", name="United States"),
        rel("proxy_of", "kataib-hezbollah", "iran", valid_from="2007", rid="rel-kh-iran"),
        ev("ASSAULT", "kataib-hezbollah", "united-states", "2019-12-27", -10.0, eid="attack-k1"),
        ev("ASSAULT", "kataib-hezbollah", "united-states", "2005-03-01", -10.0, eid="attack-early"),
    ])
    by_name = attribute(store, "Kataib Hezbollah", at="2020")
    assert by_name.subject == "kataib-hezbollah"
    assert by_name.actors[0].patrons()[0][0] == "iran"
    link = by_name.to_dict()["actors"][0]["chains"][0]["links"][0]
    assert link["relations"][0]["id"] == "rel-kh-iran"
    assert link["relations"][0]["provenance"] == [{"dataset": "test", "record": "rel-kh-iran"}]

    on_event = attribute(store, "attack-k1")
    assert on_event.subject_kind == "event" and on_event.at == date(2019, 12, 27)
    assert on_event.actors[0].patrons()[0][0] == "iran"
    assert "attack-k1" in on_event.explain
    assert attribute(store, "attack-early").actors[0].chains == []  # before the tie began

    with pytest.raises(ActorNotFoundError, match="nobody"):
        attribute(store, "nobody")
