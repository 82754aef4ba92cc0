"""Unbalanced triads and ambivalent (double-game) dyads on hand-built signed graphs."""

from __future__ import annotations

from datetime import date

from analysis_builders import actor, ev, rel

from brinkwatch.analysis.balance import balance, balance_report, signed_dyads, unbalanced_triads


def test_unbalanced_and_balanced_triads() -> None:
    relations = [
        # + + -: unbalanced
        rel("allied_with", "a", "b"), rel("allied_with", "b", "c"), rel("opposes", "a", "c"),
        rel("allied_with", "x", "y"), rel("opposes", "y", "z"), rel("opposes", "x", "z"),  # + - -: balanced
        rel("opposes", "p", "q"), rel("opposes", "q", "r"), rel("opposes", "p", "r"),  # - - -: unbalanced
    ]
    triads = unbalanced_triads(signed_dyads(relations, []))
    assert sorted(t.actors for t in triads) == [("a", "b", "c"), ("p", "q", "r")]


def test_events_can_outweigh_a_relation() -> None:
    relations = [rel("allied_with", "a", "b")]
    attacks = [ev("ASSAULT", "a", "b", f"2020-01-{d:02d}") for d in range(1, 8)]
    dyad = signed_dyads(relations, attacks)[("a", "b")]
    assert dyad.positive == 5.0 and dyad.negative == 7.0 and dyad.sign == -1
    assert len(dyad.negative_ids) == 7 and dyad.positive_ids == [relations[0].id]


def test_double_game_with_a_side_and_its_proxy() -> None:
    relations = [rel("proxy_of", "militia", "patron", rid="tie")]
    events = [
        *[ev("COOPERATE", "usa", "patron", f"2020-02-{d:02d}") for d in (1, 2, 3)],
        *[ev("ASSAULT", "militia", "usa", f"2020-03-{d:02d}") for d in (1, 2)],
        ev("CONSULT", "usa", "friend", "2020-02-01"),
    ]
    report = balance_report(relations, events, date(2020, 6, 30), 365)
    found = {(a.actor, a.side): a for a in report.ambivalent}
    assert ("usa", "patron") in found
    amb = found[("usa", "patron")]
    assert amb.cooperative_with == ("patron",) and amb.hostile_to == ("militia",)
    assert (amb.positive, amb.negative) == (3.0, 2.0)
    # the patron-client tie itself is not a double game, and a friend with one kind of tie is not either
    assert ("militia", "patron") not in found and ("patron", "militia") not in found
    assert all(a.actor != "friend" and a.side != "friend" for a in report.ambivalent)
    assert report.to_dict()["ambivalent"][0]["side_members"] == ["militia", "patron"]


def test_balance_through_the_store_uses_the_window(store) -> None:  # type: ignore[no-untyped-def]
    store.add_records([
        actor("a"), actor("b"), actor("c"),
        rel("allied_with", "a", "b"), rel("allied_with", "b", "c"),
        ev("ASSAULT", "a", "c", "2020-05-01", eid="in-window"),
        ev("ASSAULT", "a", "c", "2018-05-01", eid="too-old"),
    ])
    report = balance(store, at="2020-06-30", window_days=365)
    assert [t.actors for t in report.triads] == [("a", "b", "c")]
    ac = report.dyads[("a", "c")]
    assert ac.negative_ids == ["in-window"]
    assert report.events == 1
