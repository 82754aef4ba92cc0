"""Date expressions: found in text, resolved against the narrative and the publication date."""

from __future__ import annotations

import pytest

from brinkwatch.nlp.lexicon import load_lexicon
from brinkwatch.nlp.temporal import DateFinder, Resolved, Timeline


@pytest.fixture(scope="module")
def finder() -> DateFinder:
    return DateFinder(load_lexicon().dates)


def resolve_all(
    finder: DateFinder, text: str, published: str | None = None
) -> list[tuple[str, Resolved | None]]:
    timeline = Timeline(published)
    return [(text[f.start : f.end], timeline.resolve(f.expr)) for f in finder.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended on November 3, 2011.", Resolved("2011-11-03")),
        ("They met on 14 February 1999 in Basra.", Resolved("1999-02-14")),
        ("Fighting resumed in October 2016.", Resolved("2016-10")),
        ("The group was founded in 1987.", Resolved("1987")),
        ("Raids continued through the winter of 2007.", Resolved("2007-12", "2008-02")),
        ("The spring of 2011 brought protests.", Resolved("2011-03", "2011-05")),
        ("Tension rose in early March 2012.", Resolved("2012-03")),
        ("Elections were called for the end of 2015.", Resolved("2015-10", "2015-12")),
        ("Militias multiplied in the 1980s.", Resolved("1980", "1989")),
    ],
)
def test_absolute_and_partial_dates(finder: DateFinder, text: str, expected: Resolved) -> None:
    found = resolve_all(finder, text)
    assert [r for _s, r in found] == [expected]


def test_day_without_year_takes_the_narrative_year(finder: DateFinder) -> None:
    text = "The envoy arrived in June 2016. On September 9 of that year he left, and on May 2 he returned."
    found = resolve_all(finder, text)
    assert [r.date for _s, r in found if r] == ["2016-06", "2016-09-09", "2016-05-02"]


def test_relative_expressions_count_from_publication(finder: DateFinder) -> None:
    text = (
        "Over the past three months the raids grew; last month two bases were hit; two years ago it was calm."
    )
    found = resolve_all(finder, text, published="2020-04-15")
    assert [r for _s, r in found] == [
        Resolved("2020-01", "2020-04"),
        Resolved("2020-03"),
        Resolved("2018"),
    ]


def test_relative_expressions_need_a_publication_date(finder: DateFinder) -> None:
    assert resolve_all(finder, "Last month the convoy was hit.") == [("Last month", None)]


def test_that_year_without_narrative_is_unknown(finder: DateFinder) -> None:
    assert resolve_all(finder, "That year the militia split.") == [("That year", None)]


def test_numbers_that_are_not_years(finder: DateFinder) -> None:
    text = "Some 2,000 fighters, order No. 12.1999, $1995 in cash and 2001% growth."
    assert finder.find(text) == []


def test_may_as_a_verb_is_not_a_month(finder: DateFinder) -> None:
    assert finder.find("They may 5 times reconsider; in May 5 people came") != []
    texts = [text for text, _r in resolve_all(finder, "They may 5 times reconsider.")]
    assert texts == []


def test_parenthetical_year_is_found(finder: DateFinder) -> None:
    assert [s for s, _r in resolve_all(finder, "sanctions on Group A (2017) and Group B (2018)")] == [
        "2017",
        "2018",
    ]
