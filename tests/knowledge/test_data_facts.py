"""Consistency of the facts in the built-in gazetteer data.

The checks here do not restate the data: they test properties a wrong entry
would break. Successive office holders must not overlap, a person's
relations must not outlast his death, coordinates must fall inside the
country they are filed under, and places that published reports put a known
distance apart must be about that far apart in the data. Every coordinate
must also carry the citation it was checked against.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from brinkwatch import dates
from brinkwatch.knowledge import Gazetteer
from brinkwatch.knowledge.models import KnownPlace

DATA = Path(__file__).resolve().parents[2] / "src" / "brinkwatch" / "knowledge" / "data"

# Generous bounding boxes (south, north, west, east) of the countries whose
# places carry coordinates; a swapped lat/lon or a sign slip lands outside.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "IRQ": (29.0, 37.4, 38.7, 48.7),
    "SYR": (32.3, 37.4, 35.6, 42.4),
    "JOR": (29.1, 33.4, 34.9, 39.4),
    "IRN": (25.0, 39.8, 44.0, 63.4),
}




def _holders(gaz: Gazetteer, office: str, role_word: str, day: date) -> list[str]:
    return sorted(
        r.source for r in gaz.relations_of(office, at=day, types=["leads"])
        if r.role and role_word in r.role
    )


def _terms(gaz: Gazetteer, office: str, role_word: str) -> list[tuple[date, date, date, str]]:
    """(first day, earliest and latest possible last day, holder) of each term, in order.

    A term ending at month precision ("2013-02") may have ended on any day of
    that month, so overlap is judged on the earliest and gaps on the latest.
    """
    terms = []
    for r in gaz.relations_of(office, types=["leads"]):
        if r.role and role_word in r.role and r.valid_from:
            first, last = dates.bounds(r.valid_to) if r.valid_to else (date(2100, 1, 1), date(2100, 1, 1))
            terms.append((dates.bounds(r.valid_from)[0], first, last, r.source))
    return sorted(terms)


@pytest.mark.parametrize(
    ("office", "role_word"),
    [("us-department-of-defense", "secretary of defense"), ("united-states", "president"),
     ("iraq", "prime minister")],
)
def test_office_holders_never_overlap_beyond_the_handover_day(
    gaz: Gazetteer, office: str, role_word: str
) -> None:
    terms = _terms(gaz, office, role_word)
    assert len(terms) >= 5
    for (_, earliest_end, _, holder), (start, _, _, successor) in itertools.pairwise(terms):
        # a handover day belongs to both terms; anything longer is a data error
        assert start >= earliest_end, f"{holder} still in office when {successor} took over"


def test_secretary_of_defense_line_has_no_long_gap(gaz: Gazetteer) -> None:
    terms = _terms(gaz, "us-department-of-defense", "secretary of defense")
    for (_, _, latest_end, holder), (start, _, _, successor) in itertools.pairwise(terms):
        # only the few-day acting tenures left out of the data (Norquist, Salesses) may fall between
        assert start - latest_end <= timedelta(days=8), f"gap between {holder} and {successor}"


@pytest.mark.parametrize(
    ("day", "holder"),
    [
        (date(2019, 3, 1), "patrick-shanahan"),
        (date(2019, 7, 1), "mark-esper"),
        (date(2020, 12, 1), "christopher-miller"),
        (date(2025, 3, 1), "pete-hegseth"),
    ],
)
def test_acting_and_current_secretaries_are_known(gaz: Gazetteer, day: date, holder: str) -> None:
    assert _holders(gaz, "us-department-of-defense", "secretary of defense", day) == [holder]


def test_esper_holds_two_distinct_terms_with_a_gap_between(gaz: Gazetteer) -> None:
    terms = _terms(gaz, "us-department-of-defense", "secretary of defense")
    terms = [t for t in terms if t[3] == "mark-esper"]
    assert len(terms) == 2
    # between his acting term and his confirmation nobody listed in the data was secretary
    assert _holders(gaz, "us-department-of-defense", "secretary of defense", date(2019, 7, 18)) == []


def test_new_secretaries_resolve_by_name(gaz: Gazetteer) -> None:
    assert [a.id for a in gaz.lookup("Pete Hegseth")] == ["pete-hegseth"]
    assert [a.id for a in gaz.lookup("Patrick M. Shanahan")] == ["patrick-shanahan"]
    assert [a.id for a in gaz.lookup("Christopher C. Miller")] == ["christopher-miller"]


def test_no_relation_of_a_dead_person_starts_or_ends_after_death(gaz: Gazetteer) -> None:
    for actor in gaz.actors.values():
        if actor.type != "person" or not actor.died:
            continue
        last_day = dates.bounds(actor.died)[1]
        for rel in gaz.relations:
            if rel.source != actor.id:
                continue
            if rel.valid_from:
                assert dates.bounds(rel.valid_from)[0] <= last_day, f"{rel.id} starts after {actor.id} died"
            if rel.valid_to:
                assert dates.bounds(rel.valid_to)[0] <= last_day, f"{rel.id} ends after {actor.id} died"


def test_leadership_of_the_dead_is_closed(gaz: Gazetteer) -> None:
    for actor in gaz.actors.values():
        if actor.type != "person" or not actor.died:
            continue
        day_after = dates.bounds(actor.died)[1] + timedelta(days=1)
        led = gaz.relations_of(actor.id, at=day_after, types=["leads"])
        still = [r.target for r in led if r.source == actor.id]
        assert still == [], f"{actor.id} still leads {still} after his death"


def test_coordinates_fall_inside_their_country(gaz: Gazetteer) -> None:
    checked = 0
    for place in gaz.places.values():
        if place.lat is None or place.lon is None or place.country not in BOXES or place.type == "country":
            continue
        south, north, west, east = BOXES[place.country]
        inside = south <= place.lat <= north and west <= place.lon <= east
        assert inside, f"{place.id} is outside {place.country}"
        checked += 1
    assert checked >= 40


def test_main_iraqi_cities_and_bases_have_coordinates(gaz: Gazetteer) -> None:
    cities = [p for p in gaz.places.values() if p.country == "IRQ" and p.type == "city"]
    assert len([p for p in cities if p.lat is not None]) >= 25
    assert all(p.lat is not None for p in cities)
    for base in ("ain-al-asad-air-base", "al-taqaddum-air-base", "k1-air-base", "camp-taji",
                 "camp-speicher", "victory-base-complex", "baghdad-international-airport"):
        assert gaz.places[base].lat is not None, base


@pytest.mark.parametrize(
    ("a", "b", "low", "high"),
    [
        ("tower-22", "al-tanf", 15, 30),  # AP: al-Tanf is 20 km north of Tower 22
        ("victory-base-complex", "baghdad-international-airport", 2, 10),  # Camp Victory ~5 km from BIAP
        ("camp-taji", "baghdad", 15, 35),  # about 27 km north of Baghdad
        ("al-taqaddum-air-base", "baghdad", 60, 90),  # about 74 km west of Baghdad
        ("balad-air-base", "baghdad", 55, 85),  # 64 km north of Baghdad
        ("us-embassy-baghdad-compound", "green-zone", 0, 3),  # the embassy is inside the Green Zone
        ("camp-speicher", "tikrit", 5, 20),  # near Tikrit
        ("k1-air-base", "kirkuk", 5, 20),  # in Kirkuk governorate, by the city
        ("erbil-international-airport", "erbil", 3, 15),  # at Ankawa, by Erbil
        ("kufa", "najaf", 5, 15),  # 10 km north-east of Najaf
        ("jurf-al-sakhar", "baghdad", 45, 75),  # about 60 km south-west of Baghdad
    ],
)
def test_distances_agree_with_reported_ones(
    gaz: Gazetteer, km: Callable[[KnownPlace, KnownPlace], float], a: str, b: str, low: float, high: float
) -> None:
    assert low <= km(gaz.places[a], gaz.places[b]) <= high


def _raw_places(path: Path) -> list[dict[str, object]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["places"])


@pytest.mark.parametrize("name", ["iraq.yaml", "region.yaml"])
def test_checked_coordinates_cite_their_source(name: str) -> None:
    for entry in _raw_places(DATA / "places" / name):
        if "lat" not in entry or (name == "region.yaml" and entry["type"] != "base"):
            continue
        assert entry.get("source"), f"{entry['id']} has coordinates but no source"
