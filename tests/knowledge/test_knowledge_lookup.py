"""Lookups in the built-in gazetteer: names in any spelling, demonyms, metonyms, places, relations."""

from __future__ import annotations

from datetime import date

import pytest

from brinkwatch.knowledge import Gazetteer


@pytest.mark.parametrize(
    ("query", "actor_id"),
    [
        ("Kataeb Hezbollah", "kataib-hezbollah"),
        ("Kata'ib Hizballah", "kataib-hezbollah"),
        ("KH", "kataib-hezbollah"),
        ("Asa'ib Ahl al-Haq", "asaib-ahl-al-haq"),
        ("Asaeb Ahl al-Haq", "asaib-ahl-al-haq"),
        ("Harakat Hizbullah al-Nujaba", "harakat-hezbollah-al-nujaba"),
        ("Martyrs Brigades", "kataib-sayyid-al-shuhada"),
        ("Hashd al-Shaabi", "popular-mobilization-forces"),
        ("PMF", "popular-mobilization-forces"),
        ("Muhandis", "abu-mahdi-al-muhandis"),
        ("Abu Mahdi al-Mohandes", "abu-mahdi-al-muhandis"),
        ("Ghasem Soleimani", "qassem-soleimani"),
        ("Major General Qasem Suleimani", "qassem-soleimani"),
        ("Grand Ayatollah Sayyid Ali al-Sistani", "ali-al-sistani"),
        ("Abd al-Aziz al-Hakim", "abdul-aziz-al-hakim"),
        ("Mohammad Bakir al-Hakim", "muhammad-baqir-al-hakim"),
        ("Prime Minister Nuri al-Maliki", "nouri-al-maliki"),
        ("Ayatollah Mahmoud Hashemi Shahroudi", "mahmoud-hashemi-shahroudi"),
        ("IRGC-QF", "quds-force"),
        ("the Pentagon", "us-department-of-defense"),
        ("CENTCOM", "us-central-command"),
        ("OFAC", "ofac"),
        ("Daesh", "islamic-state"),
        ("ISIS", "islamic-state"),
        ("Hizballah", "hezbollah"),
        ("Ansarullah", "houthis"),
        ("Islamic Republic of Iran", "iran"),
        ("U.S.", "united-states"),
    ],
)
def test_names_in_any_spelling_find_the_actor(gaz: Gazetteer, query: str, actor_id: str) -> None:
    assert actor_id in [a.id for a in gaz.lookup(query)]


@pytest.mark.parametrize(
    ("query", "actor_id", "form"),
    [
        ("Americans", "united-states", "demonym"),
        ("Iranian", "iran", "demonym"),
        ("Iraqis", "iraq", "demonym"),
        ("Saudi", "saudi-arabia", "demonym"),
        ("Turkish", "turkey", "demonym"),
        ("Washington", "united-states", "metonym"),
        ("Tehran", "iran", "metonym"),
        ("Baghdad", "iraq", "metonym"),
        ("Riyadh", "saudi-arabia", "metonym"),
        ("the Kremlin", "russia", "metonym"),
        ("Jerusalem", "israel", "metonym"),
    ],
)
def test_demonyms_and_capital_metonyms_resolve_to_the_state(
    gaz: Gazetteer, query: str, actor_id: str, form: str
) -> None:
    matches = gaz.match(query)
    assert matches and matches[0].actor.id == actor_id and matches[0].form == form


def test_pronoun_us_is_not_the_united_states(gaz: Gazetteer) -> None:
    assert gaz.lookup("us") == []
    assert gaz.lookup("is") == []


def test_unknown_names_find_nothing(gaz: Gazetteer) -> None:
    assert gaz.lookup("Brigades of Nobody in Particular") == []
    assert gaz.lookup_place("Atlantis") is None


def test_at_least_sixty_states_have_demonyms_and_metonyms(gaz: Gazetteer) -> None:
    states = [a for a in gaz.actors.values() if a.type == "state"]
    assert sum(1 for s in states if s.demonyms) >= 60
    assert sum(1 for s in states if s.metonyms) >= 60
    expected = {"united-states", "iran", "iraq", "saudi-arabia", "syria", "turkey", "russia"}
    assert {s.id for s in states} >= expected


@pytest.mark.parametrize(
    ("query", "place_id", "place_type"),
    [
        ("Ain al-Assad", "ain-al-asad-air-base", "base"),
        ("Al Asad Air Base", "ain-al-asad-air-base", "base"),
        ("Hareer", "harir-air-base", "base"),
        ("Baghdad", "baghdad", "city"),
        ("Baghdad Province", "baghdad-governorate", "province"),
        ("Irbil", "erbil", "city"),
        ("Albu Kamal", "abu-kamal", "city"),
        ("Deir al-Zor", "deir-ez-zor", "city"),
        ("Nineveh", "nineveh-governorate", "province"),
        ("Camp Victory", "victory-base-complex", "base"),
        ("Tower 22", "tower-22", "base"),
        ("al-Tanf garrison", "al-tanf", "base"),
        ("Iraq", "iraq", "country"),
    ],
)
def test_places_resolve_across_spellings(gaz: Gazetteer, query: str, place_id: str, place_type: str) -> None:
    place = gaz.lookup_place(query)
    assert place is not None and place.id == place_id and place.type == place_type


def test_all_iraqi_governorates_are_known(gaz: Gazetteer) -> None:
    provinces = [p for p in gaz.places.values() if p.type == "province" and p.country == "IRQ"]
    assert len(provinces) == 19


def test_coordinates_lie_in_the_stated_country(gaz: Gazetteer) -> None:
    boxes = {  # generous bounding boxes (lat_min, lat_max, lon_min, lon_max)
        "IRQ": (29.0, 37.5, 38.7, 48.7), "IRN": (25.0, 39.8, 44.0, 63.4), "SYR": (32.3, 37.4, 35.7, 42.4),
        "JOR": (29.1, 33.4, 34.9, 39.4), "LBN": (33.0, 34.7, 35.1, 36.7), "SAU": (16.0, 32.2, 34.5, 55.7),
    }
    checked = 0
    for place in gaz.places.values():
        if place.lat is None or place.lon is None or place.country not in boxes:
            continue
        lat_min, lat_max, lon_min, lon_max = boxes[place.country]
        assert lat_min <= place.lat <= lat_max and lon_min <= place.lon <= lon_max, place.id
        checked += 1
    assert checked >= 35


def test_time_bounded_roles_answer_who_held_a_post_when(gaz: Gazetteer) -> None:
    def prime_minister(day: str) -> list[str]:
        return [r.source for r in gaz.relations_of("iraq", at=day, types=["leads"])
                if r.role and "prime minister" in r.role]

    assert prime_minister("2007-01-01") == ["nouri-al-maliki"]
    assert prime_minister("2016-06-30") == ["haider-al-abadi"]
    assert prime_minister("2021-07-08") == ["mustafa-al-kadhimi"]
    quds = [r.source for r in gaz.relations_of("quds-force", at=date(2021, 1, 1), types=["leads"])]
    assert quds == ["esmail-qaani"]


def test_persons_leading_groups_are_linked(gaz: Gazetteer) -> None:
    leaders = {r.source for r in gaz.relations_of("badr-organization", types=["leads"])}
    assert "hadi-al-amiri" in leaders
    kin = gaz.relations_of("muhammad-baqir-al-hakim", types=["kin_of"])
    assert [(r.source, r.role) for r in kin] == [("abdul-aziz-al-hakim", "younger brother")]


def test_relations_only_point_at_known_actors(gaz: Gazetteer) -> None:
    assert gaz.relations
    for rel in gaz.relations:
        assert rel.source in gaz.actors and rel.target in gaz.actors


def test_actor_forms_cover_every_surface_form(gaz: Gazetteer) -> None:
    forms = {(text, actor.id, kind) for text, actor, kind in gaz.actor_forms()}
    assert ("Washington", "united-states", "metonym") in forms
    assert ("Kata'ib Hezbollah", "kataib-hezbollah", "name") in forms
    assert ("KH", "kataib-hezbollah", "alias") in forms
