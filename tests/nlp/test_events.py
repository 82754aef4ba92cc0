"""Event patterns: voice, nominalisations, coordination, places, dates, and what is not an event."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.nlp.annotations import bw
from brinkwatch.nlp.events import EventFinder, _base_forms
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


# ---------------------------------------------------------------- frames, one pattern each

Frames = Callable[[str], tuple[Doc, list[dict[str, Any]]]]


@pytest.fixture(scope="session")
def frames(nlp: Language) -> Frames:
    """Every frame of one sentence, asserted or not, with the doc for naming its actors."""
    finder = nlp.get_pipe("brinkwatch_events")
    assert isinstance(finder, EventFinder)

    def run(text: str) -> tuple[Doc, list[dict[str, Any]]]:
        doc = nlp(text)
        return doc, finder.frames(doc, asserted_only=False)

    return run


def frame_at(frames: Frames, text: str, trigger: str) -> tuple[dict[str, Any], list[str]]:
    """The frame a word triggers, and the names of its sources."""
    doc, found = frames(text)
    frame = next((f for f in found if doc[f["anchor"]].text == trigger), None)
    assert frame is not None, (
        f"no frame at {trigger!r}: {[(doc[f['anchor']].text, f['type']) for f in found]}"
    )
    actors = bw(doc)["actors"]
    return frame, [actors[k]["name"] for k in frame["source"]]


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "source"),
    [
        # a transitive "return" gives something back; "returned to" alone is a movement
        (
            "The Hamra Front returned the prisoners to Jordan in May.",
            "returned",
            "CONCEDE/return",
            "Hamra Front",
        ),
        (
            "The Red Crescent handed over food to the Hamra Front.",
            "handed",
            "AID/humanitarian",
            "Red Crescent",
        ),
        (
            "Jordanian helicopters evacuated the injured from Erbil.",
            "evacuated",
            "AID/humanitarian",
            "Jordan",
        ),
        ("Jordan accepted the demands of the Hamra Front.", "accepted", "CONCEDE", "Jordan"),
        ("Egypt withdrew its peacekeeping force from Jordan.", "withdrew", "SANCTION/discontinue", "Egypt"),
        ("Egypt withdrew its troops from Jordan.", "withdrew", "RETREAT/withdraw", "Egypt"),
        ("Jordan sent inspectors to the Egyptian border.", "sent", "ACCUSE/investigate", "Jordan"),
        ("The Hamra Front violated the truce with Jordan.", "violated", "ASSAULT", "Hamra Front"),
        ("The Hamra Front violated the ban on rallies.", "violated", "REJECT", "Hamra Front"),
        (
            "Egypt ended its mediation between Jordan and the Hamra Front.",
            "ended",
            "SANCTION/discontinue",
            "Egypt",
        ),
        ("The Hamra Front blew up a pipeline in Jordan.", "blew", "COERCE", "Hamra Front"),
        ("The Hamra Front blew up a bus in Amman.", "blew", "ASSAULT/explosives", "Hamra Front"),
        ("Jordan put its army on alert.", "put", "MOBILIZE/alert", "Jordan"),
        ("Egypt pushed for a new round of talks with Jordan.", "pushed", "REQUEST", "Egypt"),
        ("The Hamra Front insisted on the release of its fighters.", "insisted", "REQUEST", "Hamra Front"),
        ("Jordanian soldiers set fire to a school.", "set", "COERCE", "Jordan"),
        ("Jordanian students threw stones at the police.", "threw", "PROTEST/riot", "Jordanian students"),
        # event nouns
        ("The Hamra Front staged a rally against Jordan.", "staged", "PROTEST/demo", "Hamra Front"),
        ("Egypt gave a warm welcome to the Jordanian king.", "gave", "CONSULT/host", "Egypt"),
        ("Jordan imposed a media blackout on Erbil.", "imposed", "COERCE/censor", "Jordan"),
        ("The Hamra Front launched rocket fire at Jordan.", "launched", "ASSAULT/rocket", "Hamra Front"),
        ("Turkish forces were engaged in ethnic cleansing.", "cleansing", "ASSAULT", "Turkey"),
        ("Egypt completed the withdrawal of its troops.", "completed", "RETREAT/withdraw", "Egypt"),
        # a journey made for an event, and a statement that makes a demand
        ("The Jordanian foreign minister arrived in Cairo on a visit.", "arrived", "CONSULT/visit", "Jordan"),
        ("Egypt returned to Geneva for talks.", "returned", "CONSULT", "Egypt"),
        ("Egypt issued a statement that the Hamra Front must disarm.", "issued", "REQUEST", "Egypt"),
        # the subject's own stance in a passive form; an event noun as the subject of a verb
        ("Jordan is opposed to any Egyptian mediation.", "opposed", "REJECT", "Jordan"),
        (
            "Recent US drone attacks have killed five Hamra Front leaders.",
            "attacks",
            "ASSAULT/drone",
            "United States",
        ),
        (
            "Recent US drone attacks have killed five Hamra Front leaders.",
            "killed",
            "ASSAULT",
            "United States",
        ),
        (
            "The withdrawal of Turkish troops from Erbil began in May.",
            "withdrawal",
            "RETREAT/withdraw",
            "Turkey",
        ),
        # arguments: a participle misparsed as the subject, a copular adjective, part nouns from data
        (
            "The Red Cross operating in Syria said Russian troops must allow access.",
            "said",
            "REQUEST",
            "Red Cross",
        ),
        ("Jordan is guilty of attacking the Hamra Front.", "attacking", "ASSAULT", "Jordan"),
        ("Officials from the Hamra Front visited Amman.", "visited", "CONSULT/visit", "Hamra Front"),
        ("The government of Jordan arrested five journalists.", "arrested", "COERCE/arrest", "Jordan"),
    ],
)
def test_event_pattern(frames: Frames, text: str, trigger: str, kind: str, source: str) -> None:
    frame, sources = frame_at(frames, text, trigger)
    assert "/".join(x for x in (frame["type"], frame["mode"]) if x) == kind
    assert sources == [source]


def test_model_lemma_slips_are_read_through() -> None:
    assert _base_forms("staged")[0] == "stage"
    assert "stop" in _base_forms("stopped")
    assert "carry" in _base_forms("carried")


def test_press_release_is_not_an_event(frames: Frames) -> None:
    _doc, found = frames("Jordan arrested five men, according to a press release by the Hamra Front.")
    assert [f["type"] for f in found] == ["COERCE"]


def test_frame_with_no_actor_named_keeps_its_type(frames: Frames) -> None:
    frame, sources = frame_at(
        frames, "The inmates continued their hunger strike for a second week.", "continued"
    )
    assert (frame["type"], frame["mode"], sources) == ("PROTEST", "hunger", [])


@pytest.mark.parametrize(
    ("text", "trigger", "asserted"),
    [
        ("The Hamra Front tried to storm the Jordanian embassy.", "storm", True),  # an attempt is an act
        ("Jordan is prepared to lift the ban on the Hamra Front.", "lift", False),
        ("Jordan decided to release the prisoners.", "release", True),  # a decision is not an agreement
    ],
)
def test_attempts_and_decisions_are_acts_readiness_is_not(
    frames: Frames, text: str, trigger: str, asserted: bool
) -> None:
    frame, _sources = frame_at(frames, text, trigger)
    assert frame["asserted"] is asserted


def test_vow_frames_its_complement(frames: Frames) -> None:
    frame, sources = frame_at(frames, "The Hamra Front swore to fight Jordan.", "swore")
    assert (frame["type"], sources) == ("THREATEN", ["Hamra Front"])


def test_refusals_purposes_and_the_main_line(frames: Frames) -> None:
    accept, _ = frame_at(frames, "Egypt said it would not accept the refugees.", "accept")
    assert (accept["asserted"], accept["denied"]) == (False, True)
    reach, _ = frame_at(frames, "Jordan and Egypt failed to reach an agreement.", "reach")
    assert reach["denied"] is True
    will, _ = frame_at(frames, "Egypt said it will release the prisoners.", "release")
    assert (will["denied"], will["purpose"]) == (False, False)
    purpose, _ = frame_at(
        frames, "Jordan sent officials to Erbil to investigate the killings.", "investigate"
    )
    assert purpose["purpose"] is True
    doc, found = frames("In a letter handed over to Egypt, Jordan said it would withdraw its troops.")
    main = min(found, key=lambda f: f["embedding"])
    assert doc[main["anchor"]].text == "withdraw"


def test_demonym_on_a_weapon_names_the_state_that_fires_it(extract: Callable[..., Found]) -> None:
    found = extract("In 1994 Syrian helicopter gunships fired on the convoy of Ahmed Jibril.")
    [event] = found.events_of("ASSAULT")
    assert [found.name(s) for s in event.source] == ["Syria"]
    assert [found.name(t) for t in event.target] == ["Ahmed Jibril"]


def test_agentless_passive_takes_its_source_from_the_means(extract: Callable[..., Found]) -> None:
    found = extract("Two Hamas commanders were killed in a Turkish strike in 2014.")
    [event] = found.events_of("ASSAULT")
    assert [found.name(s) for s in event.source] == ["Turkey"]
    assert [found.name(t) for t in event.target] == ["Hamas"]


def test_vowing_revenge_is_a_threat_even_without_a_named_target(extract: Callable[..., Found]) -> None:
    found = extract("The Qandil Brigades vowed revenge in May 2003.")
    [event] = found.events_of("THREATEN")
    assert [found.name(s) for s in event.source] == ["Qandil Brigades"]
    assert event.date == "2003-05"


def test_joint_signatories_are_each_others_counterparts(extract: Callable[..., Found]) -> None:
    found = extract(
        "In 2001 Egypt and Jordan signed a peace agreement. In 2005 Syria and Turkey agreed a truce."
    )
    pairs = sorted(
        (sorted(found.name(s) for s in e.source), sorted(found.name(t) for t in e.target))
        for e in found.events_of("AGREE")
    )
    assert pairs == [(["Egypt", "Jordan"], ["Egypt", "Jordan"]), (["Syria", "Turkey"], ["Syria", "Turkey"])]


def test_condemning_an_act_accuses_its_author(extract: Callable[..., Found]) -> None:
    found = extract("In 2016 Egypt denounced the Turkish incursion.")
    [event] = found.events_of("ACCUSE")
    assert [found.name(s) for s in event.source] == ["Egypt"]
    assert [found.name(t) for t in event.target] == ["Turkey"]


def test_seizing_a_town_is_an_assault_and_seizing_goods_is_not(extract: Callable[..., Found]) -> None:
    found = extract(
        "In 2011 the Hamra Front seized Goma. In 2013 the Hamra Front seized weapons from Jordan."
    )
    [assault] = found.events_of("ASSAULT")
    assert [found.name(s) for s in assault.source] == ["Hamra Front"]
    assert [found.name(t) for t in assault.target] == ["Democratic Republic of the Congo"]
    assert not any(e.date == "2011" for e in found.events_of("COERCE"))


def test_an_air_campaign_is_an_attack(extract: Callable[..., Found]) -> None:
    found = extract("In 2012 Turkey began an air campaign against the Hamra Front.")
    [event] = found.events_of("ASSAULT")
    assert [found.name(s) for s in event.source] == ["Turkey"]
    assert [found.name(t) for t in event.target] == ["Hamra Front"]
    assert event.mode == "aerial"


def test_an_offensive_is_aimed_at_what_it_sets_out_to_take(extract: Callable[..., Found]) -> None:
    found = extract("In 2007 the Hamra Front launched an offensive to take Goma.")
    [event] = found.events_of("ASSAULT")
    assert [found.name(s) for s in event.source] == ["Hamra Front"]
    assert [found.name(t) for t in event.target] == ["Democratic Republic of the Congo"]


def test_withdrawing_from_a_place_withdraws_from_its_state(extract: Callable[..., Found]) -> None:
    found = extract("In 2010 Egypt withdrew its troops from southern Syria.")
    [event] = found.events_of("RETREAT")
    assert [found.name(s) for s in event.source] == ["Egypt"]
    assert [found.name(t) for t in event.target] == ["Syria"]


def test_coordinated_demonyms_before_an_agent_noun_are_each_a_source(extract: Callable[..., Found]) -> None:
    found = extract("On 3 May 2021 Turkish and Russian troops shelled the Valley Liberation Front.")
    (attack,) = found.events_of("ASSAULT")
    assert set(attack.source) == {"turkey", "russia"}
