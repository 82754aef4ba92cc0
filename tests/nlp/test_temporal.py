"""Date expressions: found in text, resolved against the narrative and the publication date."""

from __future__ import annotations

import pytest

from brinkwatch.nlp import Extractor
from brinkwatch.nlp.lexicon import load_lexicon
from brinkwatch.nlp.temporal import DateFinder, Resolved, Timeline
from brinkwatch.records import Event


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


# ---------------------------------------------------------------- issue 3: each fact its own date


def dates_of(finder: DateFinder, text: str, published: str | None = None) -> list[tuple[str, str | None]]:
    """(expression, resolved start) in text order, for compact assertions."""
    return [(s, r.date if r else None) for s, r in resolve_all(finder, text, published)]


def test_day_month_without_year_takes_the_narrative_year(finder: DateFinder) -> None:
    text = "That changed in the summer of 2024. On 30 July an Israeli strike killed a commander."
    assert dates_of(finder, text, "2024-12") == [("the summer of 2024", "2024-06"), ("30 July", "2024-07-30")]


def test_day_month_without_narrative_takes_the_publication_year(finder: DateFinder) -> None:
    assert dates_of(finder, "On 22 January the allies hit eight sites.", "2024-03") == [
        ("22 January", "2024-01-22")
    ]


def test_a_yearless_date_after_publication_is_last_year_and_an_aside(finder: DateFinder) -> None:
    text = (
        "The attack on January 28 was the first since the war began in October. "
        "Two days after the attack, it paused."
    )
    assert dates_of(finder, text, "2024-02-08") == [
        ("January 28", "2024-01-28"),
        ("in October", "2023-10"),
        ("Two days after", "2024-01-30"),
    ]


def test_month_without_year_and_its_parts(finder: DateFinder) -> None:
    text = (
        "On 14 November 2023 he spoke. In December the navy sailed. "
        "In mid-February they struck, and that April."
    )
    assert dates_of(finder, text) == [
        ("14 November 2023", "2023-11-14"),
        ("In December", "2023-12"),
        ("In mid-February", "2023-02"),
        ("that April", "2023-04"),
    ]


def test_counted_from_the_last_resolved_date(finder: DateFinder) -> None:
    text = (
        "On 12 January 2024 the allies struck. Five days later the State Department designated the group. "
        "A week after the attack it struck again. "
        "Two months later it stopped; a year before, it had not begun."
    )
    assert resolve_all(finder, text) == [
        ("12 January 2024", Resolved("2024-01-12")),
        ("Five days later", Resolved("2024-01-17")),
        ("A week after", Resolved("2024-01-24")),
        ("Two months later", Resolved("2024-03")),
        ("a year before", Resolved("2023")),
    ]


def test_a_count_needs_a_narrative_and_keeps_its_precision(finder: DateFinder) -> None:
    unanchored = dates_of(finder, "Five days later the group was listed.", "2024-02-08")
    assert unanchored == [("Five days later", None)]
    text = (
        "He was killed in January 2020. "
        "Washington listed his deputy a month later, and days later the group."
    )
    assert resolve_all(finder, text) == [
        ("January 2020", Resolved("2020-01")),
        ("a month later", Resolved("2020-02")),
        ("days later", Resolved("2020-02", "2020-03")),
    ]


def test_an_explicit_date_in_apposition_wins_over_the_count(finder: DateFinder) -> None:
    text = (
        "From 23 September strikes grew. Four days later, on 27 September, jets bombed. "
        "Three weeks later, on 19 October."
    )
    assert dates_of(finder, text, "2024-12") == [
        ("23 September", "2024-09-23"),
        ("Four days later, on 27 September", "2024-09-27"),
        ("Three weeks later, on 19 October", "2024-10-19"),
    ]


def test_the_next_day_and_the_evening_before(finder: DateFinder) -> None:
    text = (
        "On 17 September 2024 pagers exploded, and radios blew up the next day. "
        "He had spoken the evening before."
    )
    assert dates_of(finder, text) == [
        ("17 September 2024", "2024-09-17"),
        ("the next day", "2024-09-18"),
        ("the evening before", "2024-09-17"),
    ]


def test_weekdays_count_back_from_the_publication_day(finder: DateFinder) -> None:
    # 8 February 2024 was a Thursday
    text = "A strike on Wednesday night killed him; talks resume next Monday, and last Thursday was calm."
    assert dates_of(finder, text, "2024-02-08") == [
        ("on Wednesday night", "2024-02-07"),
        ("next Monday", "2024-02-12"),
        ("last Thursday", "2024-02-01"),
    ]
    assert dates_of(finder, "The car struck on Wednesday was theirs.", "2024-02") == [("on Wednesday", None)]


def test_weekdays_count_back_from_a_dateline(finder: DateFinder) -> None:
    # 28 September 2024 was a Saturday; the dateline, not publication, fixes "on Sunday"
    text = "BEIRUT, Sept. 28 (Reuters) - Israel said on Sunday it would strike."
    assert dates_of(finder, text, "2024-10-02") == [("Sept. 28", "2024-09-28"), ("on Sunday", "2024-09-22")]


def test_the_following_weekday_with_its_date(finder: DateFinder) -> None:
    text = "The drone hit on 28 January 2024. The response began the following Friday, February 2."
    assert dates_of(finder, text) == [
        ("28 January 2024", "2024-01-28"),
        ("the following Friday, February 2", "2024-02-02"),
    ]
    assert dates_of(finder, "The drone hit on 28 January 2024. The response began the following Friday.") == [
        ("28 January 2024", "2024-01-28"),
        ("the following Friday", "2024-02-02"),
    ]


def test_day_ranges(finder: DateFinder) -> None:
    text = (
        "Between 27 and 31 March 2022 soldiers took Moura. "
        "On 23 and 24 June 2023 the men marched; on May 3-5, 2019 too."
    )
    assert [r for _s, r in resolve_all(finder, text)] == [
        Resolved("2022-03-27", "2022-03-31"),
        Resolved("2023-06-23", "2023-06-24"),
        Resolved("2019-05-03", "2019-05-05"),
    ]


def test_the_past_week_and_last_week(finder: DateFinder) -> None:
    # 8 February 2024 was a Thursday: last week ran from Monday 29 January to Sunday 4 February
    text = "The strikes of the past week are not the first; last week was calmer."
    assert [r for _s, r in resolve_all(finder, text, "2024-02-08")] == [
        Resolved("2024-02-01", "2024-02-08"),
        Resolved("2024-01-29", "2024-02-04"),
    ]


def test_names_and_counts_are_not_dates(finder: DateFinder) -> None:
    text = "The March 23 Movement cited resolution 1701 and the 14 March alliance."
    assert finder.find(text) == []


def test_a_full_stop_after_a_month_is_not_part_of_it(finder: DateFinder) -> None:
    assert [(f.start, f.end) for f in finder.find("It began in December.")] == [(9, 20)]


# ------------------------------------------------------------- in the pipeline: which date a fact takes


def event_dates(extractor: Extractor, text: str, published: str) -> dict[tuple[str, ...], str | None]:
    """Each event's (source ids..., "->", target ids...) -> its date."""
    records = extractor.extract(text, doc_id="t", published=published)
    return {(*e.source, "->", *e.target): e.date for e in records if isinstance(e, Event)}


def test_a_count_after_a_dated_clause_dates_the_main_clause_only(extractor: Extractor) -> None:
    text = "Israel killed a Hezbollah commander ten days after Hezbollah attacked Israel on January 28."
    assert event_dates(extractor, text, "2024-02-08") == {
        ("israel", "->", "hezbollah"): "2024-02-07",  # the main clause: ten days after 28 January
        ("hezbollah", "->", "israel"): "2024-01-28",  # the clause "after" introduces keeps its own date
    }


def test_a_date_in_a_relative_clause_does_not_move_the_narrative(extractor: Extractor) -> None:
    text = (
        "On 12 January 2024 American forces struck Houthi targets. "
        "It was a step that Antony Blinken had reversed in February 2021. "
        "On 22 January American forces struck the Houthis again."
    )
    found = extractor.extract(text, doc_id="t", published="2024-03")
    dated = sorted(e.date for e in found if isinstance(e, Event) and e.date)
    assert "2024-01-22" in dated
    assert "2021-01-22" not in dated


def test_a_clause_introduced_by_a_count_after_a_date_is_dated_back(extractor: Extractor) -> None:
    text = "Iran fired missiles at US troops on 8 January 2020, five days after a US drone killed Soleimani."
    assert event_dates(extractor, text, "2020-02") == {
        ("iran", "->", "united-states"): "2020-01-08",  # the main clause keeps the date it states
        ("united-states", "->", "qassem-soleimani"): "2020-01-03",  # five days before it
    }
