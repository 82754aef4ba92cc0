"""Built-in knowledge beyond the founding case: Yemen, Lebanon and the Palestinian groups, Syria,
Russia's private military companies, the Great Lakes and Ukraine since 2014.

The checks resolve names as a reader writes them (transliterations, acronyms,
French names), ask who held a post or backed whom on a given day, and guard
the index against one name meaning two actors, which would silently merge
them during extraction.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from brinkwatch import dates
from brinkwatch.knowledge import Gazetteer
from brinkwatch.knowledge.models import KnownPlace

DATA = Path(__file__).resolve().parents[2] / "src" / "brinkwatch" / "knowledge" / "data"
NEW_PLACE_FILES = (
    "yemen.yaml", "syria.yaml", "great_lakes.yaml", "ukraine.yaml", "lebanon_palestine.yaml", "africa.yaml",
)

SHARED_NAMES = {"Congo"}
"""Names known to mean two actors: "Congo" is the Republic of the Congo's name and DR Congo's short name."""

BOXES: dict[str, tuple[float, float, float, float]] = {  # south, north, west, east
    "YEM": (12.0, 19.0, 42.5, 54.6),
    "COD": (-13.5, 5.4, 12.2, 31.3),
    "UKR": (44.3, 52.4, 22.1, 40.3),
    "SYR": (32.3, 37.4, 35.6, 42.4),
}




def _leaders(gaz: Gazetteer, office: str, role_word: str, day: str) -> list[str]:
    return sorted(r.source for r in gaz.relations_of(office, at=day, types=["leads"])
                  if r.target == office and r.role and role_word in r.role)


@pytest.mark.parametrize(
    ("query", "actor_id"),
    [
        ("Aidarus al-Zoubaidi", "aidarous-al-zubaidi"),
        ("Abed Rabbo Mansour Hadi", "abdrabbuh-mansur-hadi"),
        ("Arab coalition", "saudi-led-coalition"),
        ("AQAP", "al-qaeda-in-the-arabian-peninsula"),
        ("Hussein Badreddin al-Houthi", "hussein-al-houthi"),
        ("Islamic Resistance in Lebanon", "hezbollah"),
        ("Naim Kassem", "naim-qassem"),
        ("Hajj Radwan", "imad-mughniyeh"),
        ("Harakat al-Muqawama al-Islamiya", "hamas"),
        ("Ezzedine al-Qassam Brigades", "izz-ad-din-al-qassam-brigades"),
        ("Ziad al-Nakhala", "ziyad-al-nakhalah"),
        ("Tzahal", "israel-defense-forces"),
        ("Abu Mohammad al-Jolani", "ahmed-al-sharaa"),
        ("Ahmad al-Shara", "ahmed-al-sharaa"),
        ("Jabhat Fateh al-Sham", "al-nusra-front"),
        ("HTS", "hayat-tahrir-al-sham"),
        ("Kurdistan Workers Party", "kurdistan-workers-party"),
        ("Mazlum Abdi", "mazloum-abdi"),
        ("Liwa Fatemiyoun", "fatemiyoun-division"),
        ("PMC Wagner", "wagner-group"),
        ("Evgeny Prigozhin", "yevgeny-prigozhin"),
        ("Khalifa Hifter", "khalifa-haftar"),
        ("Hemedti", "mohamed-hamdan-dagalo"),
        ("Mouvement du 23 mars", "march-23-movement"),
        ("M23", "march-23-movement"),
        ("Alliance Fleuve Congo", "congo-river-alliance"),
        ("Forces démocratiques de libération du Rwanda", "democratic-forces-for-the-liberation-of-rwanda"),
        ("Volontaires pour la défense de la patrie", "wazalendo"),
        ("DNR", "donetsk-peoples-republic"),
        ("Lugansk People's Republic", "luhansk-peoples-republic"),
    ],
)
def test_names_of_the_other_systems_resolve(gaz: Gazetteer, query: str, actor_id: str) -> None:
    assert [a.id for a in gaz.lookup(query)] == [actor_id]


def test_no_name_means_two_actors_unless_listed_as_shared(gaz: Gazetteer) -> None:
    clashes = {
        (text, tuple(sorted(m.actor.id for m in gaz.match(text))))
        for text, _actor, _kind in gaz.actor_forms()
        if text not in SHARED_NAMES and len(gaz.match(text)) > 1
    }
    assert clashes == set()


def test_short_acronyms_of_the_new_actors_need_capitals(gaz: Gazetteer) -> None:
    assert gaz.lookup("sdf") == [] and gaz.lookup("rsf") == [] and gaz.lookup("afc") == []
    assert [a.id for a in gaz.lookup("RSF")] == ["rapid-support-forces"]


@pytest.mark.parametrize(
    ("day", "holders"),
    [
        ("1990-06-01", ["subhi-al-tufayli"]),
        ("1991-12-01", ["abbas-al-musawi"]),
        ("2006-07-12", ["hassan-nasrallah"]),
        ("2024-10-15", []),  # between Nasrallah's killing and Qassem's election
        ("2025-03-01", ["naim-qassem"]),
    ],
)
def test_hezbollah_secretary_general_on_a_day(gaz: Gazetteer, day: str, holders: list[str]) -> None:
    assert _leaders(gaz, "hezbollah", "secretary-general", day) == holders


@pytest.mark.parametrize(
    ("office", "role_word", "day", "holders"),
    [
        ("hamas", "political bureau", "2020-01-01", ["ismail-haniyeh"]),
        ("hamas", "political bureau", "2024-09-01", ["yahya-sinwar"]),
        ("syria", "president", "2010-01-01", ["bashar-al-assad"]),
        ("syria", "president", "2024-12-20", []),
        ("syria", "president", "2025-06-01", ["ahmed-al-sharaa"]),
        ("yemen", "president", "2015-03-26", ["abdrabbuh-mansur-hadi"]),
        ("yemen", "chairman", "2023-01-01", ["rashad-al-alimi"]),
        ("wagner-group", "", "2020-01-01", ["dmitry-utkin", "yevgeny-prigozhin"]),
        ("wagner-group", "", "2023-09-01", []),
        ("palestinian-islamic-jihad", "secretary-general", "2020-01-01", ["ziyad-al-nakhalah"]),
    ],
)
def test_who_held_a_post_when(
    gaz: Gazetteer, office: str, role_word: str, day: str, holders: list[str]
) -> None:
    assert _leaders(gaz, office, role_word, day) == holders


def test_successive_hezbollah_leaders_do_not_overlap(gaz: Gazetteer) -> None:
    terms = sorted(
        (dates.bounds(r.valid_from), dates.bounds(r.valid_to) if r.valid_to else None, r.source)
        for r in gaz.relations_of("hezbollah", types=["leads"])
        if r.role == "secretary-general" and r.valid_from
    )
    assert len(terms) == 4
    for (_, end, holder), (start, _, successor) in itertools.pairwise(terms):
        assert end is not None, f"{holder} has no end but {successor} followed"
        # a start known only to the year may fall on any day of it, so judge by its latest possible day
        assert start[1] >= end[0], f"{successor} took over before {holder} left"


@pytest.mark.parametrize(
    ("client", "day", "patron", "holds"),
    [
        ("march-23-movement", "2024-06-01", "rwanda-defence-force", True),
        ("march-23-movement", "2024-06-01", "rwanda", True),
        ("march-23-movement", "2018-06-01", "rwanda-defence-force", False),  # between the two rebellions
        ("donetsk-peoples-republic", "2015-02-01", "russia", True),
        ("donetsk-peoples-republic", "2014-04-20", "russia", False),  # before the court's 11 May 2014 finding
        ("assad-government", "2016-01-01", "russian-armed-forces", True),
        ("assad-government", "2025-01-01", "russian-armed-forces", False),
        ("libyan-national-army", "2020-01-01", "wagner-group", True),
        ("fatemiyoun-division", "2019-06-01", "quds-force", True),
    ],
)
def test_patron_relations_hold_on_their_dates(
    gaz: Gazetteer, client: str, day: str, patron: str, holds: bool
) -> None:
    backing = {"supports", "arms", "funds", "commands", "proxy_of"}
    found = {r.source if r.target == client else r.target
             for r in gaz.relations_of(client, at=day, types=backing)}
    assert (patron in found) is holds


def test_m23_joins_the_congo_river_alliance_only_at_its_launch(gaz: Gazetteer) -> None:
    def member(day: str) -> bool:
        return any(r.target == "congo-river-alliance"
                   for r in gaz.relations_of("march-23-movement", at=day, types=["member_of"]))

    assert not member("2023-12-01")
    assert member("2024-01-15")


def test_new_places_resolve_and_lie_in_their_country(gaz: Gazetteer) -> None:
    hudaydah = gaz.lookup_place("Al Hudaydah")
    assert hudaydah is not None and hudaydah.id == "hodeidah"
    kobane = gaz.lookup_place("Kobanê")
    assert kobane is not None and kobane.id == "kobani"
    checked = 0
    for name in NEW_PLACE_FILES:
        for entry in yaml.safe_load((DATA / "places" / name).read_text(encoding="utf-8"))["places"]:
            place = gaz.places[entry["id"]]
            if place.lat is None or place.lon is None:
                continue
            assert entry.get("source"), f"{place.id} has coordinates but no source"
            south, north, west, east = BOXES[str(place.country)]
            assert south <= place.lat <= north and west <= place.lon <= east, place.id
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("marib", "sanaa", 100, 140),  # Wikipedia: about 120 km east of Sanaa
        ("hodeidah-port", "hodeidah", 1, 10),  # the port lies at the city
        ("rubaya", "goma", 20, 60),  # two hours by dirt road west of Goma
    ],
)
def test_distances_agree_with_reported_ones(
    gaz: Gazetteer, km: Callable[[KnownPlace, KnownPlace], float], a: str, b: str, low: float, high: float
) -> None:
    assert low <= km(gaz.places[a], gaz.places[b]) <= high


def test_an_abbreviation_is_not_a_title(gaz: Gazetteer) -> None:
    assert [m.actor.id for m in gaz.match("DR Congo")] == ["democratic-republic-of-the-congo"]
    assert [m.actor.id for m in gaz.match("Dr Ali al-Sistani")] == ["ali-al-sistani"]
