"""Escalation states on hand-built event series, the criteria file, and proxy roll-up through a store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from analysis_builders import actor, ev, rel

from brinkwatch.analysis.datafiles import DataFileError, load_model
from brinkwatch.analysis.escalation import (
    EscalationConfig,
    escalation,
    escalation_series,
    load_escalation_config,
)

TYPES = {"a": "state", "b": "state", "m": "armed_group"}


def series() -> tuple[list, list]:
    ab = [
        ev("AID", "a", "b", "2020-01-05"),
        ev("CONSULT", "a", "b", "2020-01-20"),
        ev("ACCUSE", "a", "b", "2020-03-02"),
        ev("COERCE", "a", "b", "2020-04-10", intensity=-7.0),
        *[ev("ASSAULT", "a", "b", f"2020-05-{d:02d}", intensity=-10.0) for d in (1, 3, 5, 7, 9, 11, 13, 15)],
        ev("ASSAULT", "a", "b", "2020-06-11", intensity=-10.0),
    ]
    ba = [
        ev("REJECT", "b", "a", "2020-03-04"),
        ev("ASSAULT", "b", "a", "2020-06-12", intensity=-10.0),
        ev("ASSAULT", "m", "a", "2020-07-01", intensity=-10.0, fatalities=30),
    ]
    return ab, ba


def test_each_state_and_the_criterion_that_decided_it() -> None:
    ab, ba = series()
    periods, _, unplaced = escalation_series(ab, ba, "month", TYPES)
    got = [(p.label, p.state, p.criterion) for p in periods]
    assert got == [
        ("2020-01", "cooperation", "cooperative-contact"),
        ("2020-02", "calm", "no-contact"),
        ("2020-03", "tension", "hostile-words"),
        ("2020-04", "provocation", "limited-hostile-acts"),
        ("2020-05", "confrontation", "sustained-violence"),
        ("2020-06", "confrontation", "state-on-state-force"),
        ("2020-07", "confrontation", "mass-casualties"),
    ]
    assert unplaced == 0


def test_period_numbers() -> None:
    ab, ba = series()
    periods = {p.label: p for p in escalation_series(ab, ba, "month", TYPES)[0]}
    march = periods["2020-03"].to_dict()
    assert march["quad_counts"] == {"1": 0, "2": 0, "3": 2, "4": 0}
    assert march["mean_intensity"] == pytest.approx((-2.0 + -4.0) / 2)  # PLOVER ACCUSE and REJECT
    assert march["min_intensity"] == -4.0
    assert periods["2020-02"].to_dict()["events"] == 0
    assert periods["2020-02"].metrics["mean_intensity"] is None
    assert periods["2020-07"].to_dict()["fatalities"] == 30
    assert len(periods["2020-05"].event_ids) == 8


def test_directed_series_and_one_state_attack_is_not_state_on_state_force() -> None:
    ab, _ = series()
    periods = {p.label: p for p in escalation_series(ab, [], "month", TYPES)[0]}
    assert periods["2020-06"].state == "provocation"  # one act only: below the two-act bar
    assert "2020-07" not in periods


def test_week_and_year_units_and_coarse_dates() -> None:
    ab = [ev("ASSAULT", "a", "b", d, intensity=-10.0) for d in ("1990-08-02", "1990-08-03", "1990-08-04")]
    ab.append(ev("THREATEN", "a", "b", "1990-07"))
    weeks, _, unplaced = escalation_series(ab, [], "week", TYPES)
    assert unplaced == 1
    assert [(p.label, p.state) for p in weeks] == [("1990-W31", "confrontation")]
    assert weeks[0].start == date(1990, 7, 30)
    years, _, unplaced = escalation_series(ab, [], "year", TYPES)
    assert unplaced == 0 and years[0].label == "1990" and years[0].metrics["events"] == 4
    # three severe days in a year are not sustained violence; two state acts are state-on-state force
    assert years[0].criterion == "state-on-state-force"


def test_since_and_until_fix_the_span_with_calm_periods() -> None:
    ab = [ev("AID", "a", "b", "2020-02-10")]
    span = {"since": date(2019, 12, 1), "until": date(2020, 3, 31)}
    periods, _, _ = escalation_series(ab, [], "month", TYPES, **span)
    assert [(p.label, p.state) for p in periods] == [
        ("2019-12", "calm"), ("2020-01", "calm"), ("2020-02", "cooperation"), ("2020-03", "calm")]


def test_criteria_file_errors_name_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "states.yaml"
    head = ("version: 1\nsevere_intensity: -9\nstate_force_intensity: -9.5\nstate_actor_types: [state]\n"
            "states: [{name: calm, colour: '#e0e0e0', label: calm}]\nfallback_colour: '#9e9e9e'\n")
    bad.write_text(head + "criteria:\n  - {name: x, state: calm, when: [{metric: nonsense, at_least: 1}]}\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"states.yaml: field 'criteria.0.when.0'.*unknown metric"):
        load_model("escalation_states.yaml", EscalationConfig, bad)
    bad.write_text(head + "criteria:\n  - {name: x, state: calm, when: [{metric: events, at_least: 1}]}\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match="last criterion must have no conditions"):
        load_model("escalation_states.yaml", EscalationConfig, bad)
    bad.write_text(head + "criteria:\n  - {name: x, state: war, when: []}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"states \['war'\] are not listed under 'states'"):
        load_model("escalation_states.yaml", EscalationConfig, bad)


def test_states_are_defined_once_in_order_with_colours() -> None:
    config = load_escalation_config()
    assert config.state_names == ("cooperation", "calm", "tension", "provocation", "confrontation")
    assert {c.state for c in config.criteria} <= set(config.state_names)
    assert [s for s, _, _ in config.legend({"calm", "confrontation", "mystery"})] == [
        "confrontation", "calm", "mystery"]
    assert config.colour("mystery") == config.fallback_colour


def test_roll_up_counts_proxy_acts_for_the_patron_from_the_tie_on(store) -> None:  # type: ignore[no-untyped-def]
    store.add_records([
        actor("usa", name="United States"), actor("iran", name="Iran"),
        actor("kh", "armed_group", name="Kataib Hezbollah"),
        rel("proxy_of", "kh", "iran", valid_from="2019-06"),
        ev("ASSAULT", "kh", "usa", "2019-05-20", -10.0, eid="before-tie"),
        ev("ASSAULT", "kh", "usa", "2019-12-27", -10.0, eid="rocket"),
        ev("ASSAULT", "usa", "kh", "2019-12-29", -10.0, eid="airstrike"),
        ev("THREATEN", "iran", "usa", "2019-12-30", eid="threat"),
    ])
    plain = escalation(store, "Iran", "United States")
    assert [p.label for p in plain.periods] == ["2019-12"]
    assert plain.periods[0].state == "tension"
    rolled = escalation(store, "iran", "usa", roll_up_proxies=True)
    dec = next(p for p in rolled.periods if p.label == "2019-12")
    assert sorted(dec.event_ids) == ["airstrike", "rocket", "threat"]
    assert dec.state == "provocation"
    assert "before-tie" not in {e for p in rolled.periods for e in p.event_ids}
    assert {r.event_id for r in rolled.rolled_up} == {"rocket", "airstrike"}
    assert rolled.to_dict()["rolled_up"][0]["chain"] == ["kh", "iran"]
    directed = escalation(store, "iran", "usa", roll_up_proxies=True, directed=True)
    assert sorted(e for p in directed.periods for e in p.event_ids) == ["rocket", "threat"]
