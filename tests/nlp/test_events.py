"""Event patterns: voice, nominalisations, coordination, places, dates, and what is not an event."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from brinkwatch.ontology import load_ontology
from conftest import Found


def test_active_verb_with_place_date_and_ontology_values(extract: Callable[..., Found]) -> None:
    found = extract("Turkish jets bombed the Qandil Brigades near Erbil on April 9, 2019.")
    [event] = found.events_of("ASSAULT")
    assert found.name(event.source[0]) == "Turkey"
    assert found.name(event.target[0]) == "Qandil Brigades"
    assert event.mode == "aerial"
    assert event.date == "2019-04-09"
    assert event.place == "erbil"
    info = load_ontology().event_type("ASSAULT")
    assert event.quad_class == info.quad_class
    assert event.intensity == info.intensity_of("aerial")


def test_passive_with_by_agent(extract: Callable[..., Found]) -> None:
    found = extract("In March 2016 the Hamra Brigade was attacked by the Islamic State.")
    [event] = found.events_of("ASSAULT")
    assert [found.name(s) for s in event.source] == ["Islamic State"]
    assert [found.name(t) for t in event.target] == ["Hamra Brigade"]
    assert event.date == "2016-03"


def test_agentless_passive_has_no_source(extract: Callable[..., Found]) -> None:
    found = extract("Tariq Nouri was assassinated in Basra in October 2012.")
    [event] = found.events_of("ASSAULT")
    assert event.source == []
    assert event.mode == "assassination"
    assert event.date == "2012-10"


def test_nominalisation_with_possessor_and_destination(extract: Callable[..., Found]) -> None:
    found = extract("Jordan's visit to Egypt in 2017 eased tensions.")
    [event] = found.events_of("CONSULT")
    assert found.name(event.source[0]) == "Jordan"
    assert found.name(event.target[0]) == "Egypt"
    assert event.mode == "visit"


def test_nominalisation_with_participle_and_coordinated_targets(extract: Callable[..., Found]) -> None:
    found = extract("The sanctions imposed by Canada on Syria and Iran in 2012 hurt trade.")
    [event] = found.events_of("SANCTION")
    assert [found.name(s) for s in event.source] == ["Canada"]
    assert {found.name(t) for t in event.target} == {"Syria", "Iran"}


def test_listed_items_with_their_own_years_are_separate_events(extract: Callable[..., Found]) -> None:
    found = extract(
        "Canada imposed sanctions on several groups in 2017, such as the Qandil Brigades (2017), "
        "and the Hamra Front (2018)."
    )
    dated = sorted((e.date or "", [found.name(t) for t in e.target]) for e in found.events_of("SANCTION"))
    assert dated == [("2017", ["Qandil Brigades"]), ("2018", ["Hamra Front"])]


def test_light_verb_carries_the_noun_event(extract: Callable[..., Found]) -> None:
    found = extract("In May 2018 the Hamra Front launched a rocket attack on a Turkish base.")
    [event] = found.events_of("ASSAULT")
    assert found.name(event.source[0]) == "Hamra Front"
    assert found.name(event.target[0]) == "Turkey"
    assert event.mode == "rocket"


def test_implicit_agent_of_a_nominal(extract: Callable[..., Found]) -> None:
    found = extract("In 2015 Russia escalated with the bombing of the Hamra Front.")
    [event] = found.events_of("ASSAULT")
    assert found.name(event.source[0]) == "Russia"


def test_reciprocal_cooperation(extract: Callable[..., Found]) -> None:
    found = extract("In 2014 Kurdish troops and Iraqi soldiers were using the airfield together.")
    [event] = found.events_of("COOPERATE")
    assert set(event.source) == set(event.target) and "iraq" in event.source


@pytest.mark.parametrize(
    "text",
    [
        "Russia will not attack the Hamra Front in 2019.",
        "Russia could strike the Hamra Front in 2019.",
        "If Russia attacks the Hamra Front in 2019, Turkey will respond.",
        "Russia seeks to attack the Hamra Front in 2019.",
        "Any attack on the Hamra Front in 2019 would require a large force.",
        "Russia did not bomb the Hamra Front in 2019.",
        "Russia chose talks rather than strikes on the Hamra Front in 2019.",
    ],
)
def test_unasserted_statements_are_not_events(extract: Callable[..., Found], text: str) -> None:
    assert extract(text).events_of("ASSAULT") == []


def test_threat_wraps_its_complement(extract: Callable[..., Found]) -> None:
    found = extract("In June 2019 Iran threatened to strike the Hamra Front.")
    assert found.events_of("ASSAULT") == []
    [event] = found.events_of("THREATEN")
    assert found.name(event.source[0]) == "Iran"
    assert found.name(event.target[0]) == "Hamra Front"


def test_narrative_time_and_relative_dates(extract: Callable[..., Found]) -> None:
    found = extract(
        "Clashes began in July 2014. Egypt condemned the Hamra Front. "
        "Over the last two months Jordan has accused the Hamra Front of smuggling.",
        published="2020-06",
    )
    condemn = [e for e in found.events_of("ACCUSE") if found.name(e.source[0]) == "Egypt"]
    accuse = [e for e in found.events_of("ACCUSE") if found.name(e.source[0]) == "Jordan"]
    assert condemn[0].date == "2014-07"
    assert (accuse[0].date, accuse[0].date_end) == ("2020-04", "2020-06")


def test_same_event_told_twice_is_one_record(extract: Callable[..., Found]) -> None:
    found = extract(
        "On May 4, 2018, Turkey bombed the Qandil Brigades. The bombing of the Qandil Brigades by Turkey "
        "on May 4, 2018 killed nine."
    )
    [event] = found.events_of("ASSAULT")
    assert len(event.provenance) == 2
