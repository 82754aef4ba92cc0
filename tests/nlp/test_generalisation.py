"""Broader lexicon and unnamed actors: each rule of the generalisation pass on a sentence of its own.

The sentences are invented for these tests. Each names the trigger class it exercises (light verb
plus event noun, container noun, verb frame, new verb) and, where the source is an unnamed group
("Moldovan separatists", "the government"), that the group becomes an actor only because it acts.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Found


def _main(found: Found, kind: str) -> tuple[list[str], list[str]]:
    events = found.events_of(kind)
    assert events, f"no {kind} event among {[(e.type, e.source, e.target) for e in found.events]}"
    return [found.name(s) for s in events[0].source], [found.name(t) for t in events[0].target]


@pytest.mark.parametrize(
    ("text", "kind", "source"),
    [
        # light verb + event noun, and a container noun passing the event on to its "of"-phrase
        ("Turkish authorities imposed a curfew in Diyarbakir on 3 May 2016.", "COERCE", "Turkey"),
        ("The Turkish government declared a state of emergency in July 2016.", "COERCE", "Turkey"),
        ("Iran issued a stern warning to Azerbaijan on 4 October 2021.", "THREATEN", "Iran"),
        ("Germany announced a suspension of arms sales to Turkey in October 2019.", "SANCTION", "Germany"),
        ("Russia launched a wave of air strikes on Ukraine in October 2022.", "ASSAULT", "Russia"),
        ("Georgia lodged a formal complaint with Russia in August 2018.", "ACCUSE", "Georgia"),
        ("Peru reached a consensus with Ecuador in 1998.", "AGREE", "Peru"),
        ("Ethiopia declared a unilateral truce in Tigray in June 2021.", "RETREAT", "Ethiopia"),
        # compound event nouns win over their head: a hunger strike is a protest, not an attack
        ("Kurdish prisoners began a hunger strike in Diyarbakir in 2012.", "PROTEST", "Kurdish prisoners"),
        # verb frames: lifting controls is a concession, lifting sanctions a retreat
        ("Egypt lifted the curfew in Cairo in November 2013.", "CONCEDE", "Egypt"),
        ("Canada lifted sanctions on Libya in 2004.", "RETREAT", "Canada"),
        ("Chad broke relations with Qatar in 2017.", "SANCTION", "Chad"),
        ("Kazakhstan closed its border with Kyrgyzstan in 2019.", "COERCE", "Kazakhstan"),
        ("Angola restored diplomatic ties with Portugal in 1976.", "SUPPORT", "Angola"),
        # verbs added by PLOVER definition
        ("Hungry refugees looted the embassy of Chad in 2003.", "COERCE", "refugees"),
        ("Sweden froze the assets of Libya in 2011.", "SANCTION", "Sweden"),
        ("Armenia reinforced its positions near Goris in 2021.", "MOBILIZE", "Armenia"),
    ],
)
def test_trigger_and_source(extract: Callable[..., Found], text: str, kind: str, source: str) -> None:
    sources, _targets = _main(extract(text), kind)
    assert source.lower() in [s.lower() for s in sources]


def test_unnamed_group_with_a_demonym_keeps_its_country(extract: Callable[..., Found]) -> None:
    found = extract("Moldovan separatists shelled Chisinau in March 1992.")
    sources, _ = _main(found, "ASSAULT")
    assert sources == ["Moldovan separatists"]
    actor = found.actor("Moldovan separatists")
    assert actor.type == "armed_group"
    assert actor.country == "MDA"


def test_institution_with_a_country_modifier_is_its_own_actor(extract: Callable[..., Found]) -> None:
    found = extract("The Iraqi parliament condemned Turkey in May 2020.")
    sources, targets = _main(found, "ACCUSE")
    assert sources == ["Iraqi parliament"] and targets == ["Turkey"]
    actor = found.actor("Iraqi parliament")
    assert actor.type == "government"
    assert actor.country == "IRQ"


def test_partitive_subject_acts_as_its_members(extract: Callable[..., Found]) -> None:
    found = extract("Thousands of Tamil farmers marched on Colombo in 2018.")
    sources, _ = _main(found, "PROTEST")
    assert sources == ["Tamil farmers"]


def test_a_people_in_the_plural_is_an_actor_when_it_acts(extract: Callable[..., Found]) -> None:
    found = extract("Kurds rallied in Erbil in June 2010.")
    sources, _ = _main(found, "PROTEST")
    assert sources == ["Kurds"]


def test_groups_that_do_not_act_are_not_reported(extract: Callable[..., Found]) -> None:
    found = extract("Many farmers and teachers live in the valley near Herat.")
    assert found.events == []
    assert not found.has_actor("farmers")
    assert not found.has_actor("teachers")


def test_counted_victims_are_not_an_actor(extract: Callable[..., Found]) -> None:
    found = extract("Chad bombed a camp near Lake Chad in 2020, killing 40 fighters.")
    assert not found.has_actor("fighters")


def test_fighters_of_a_named_group_are_that_group(extract: Callable[..., Found]) -> None:
    found = extract("Fighters of the Islamic State attacked Kirkuk in October 2016.")
    sources, _ = _main(found, "ASSAULT")
    assert sources == ["Islamic State"]


def test_singular_person_noun_is_not_a_group(extract: Callable[..., Found]) -> None:
    found = extract("An Iraqi militia leader condemned the raid in 2020.")
    assert not any(a.name.lower().endswith("leader") for a in found.actors)


def test_event_noun_modifying_an_actor_noun_is_no_event(extract: Callable[..., Found]) -> None:
    found = extract("Bolivian riot police guarded the square in La Paz in 2019.")
    assert found.events_of("PROTEST") == []


def test_forcing_people_out_is_coercion(extract: Callable[..., Found]) -> None:
    sources, _ = _main(extract("The Myanmar army forced out thousands of villagers in 2017."), "COERCE")
    assert sources == ["Myanmar"]
