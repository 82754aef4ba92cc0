"""The dashboard in a real browser against a real server: what an analyst clicks, and what shows.

Expected values are worked out from the fixture records (which relation holds on which day,
which events involve whom), never read back from the page or the API under test.
"""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from brinkwatch.dates import bounds, holds_on

from .fixture_records import ACTORS, DOC1_TITLE, EVENTS, HOSTILE_MARKUP, PLACES, RELATIONS, span

pytestmark = pytest.mark.browser

NAMES = {a.id: a.name for a in ACTORS}


def holding(day: str) -> set[str]:
    """Ids of the fixture relations valid on a day."""
    when = date.fromisoformat(day)
    return {r.id for r in RELATIONS if holds_on(r.valid_from, r.valid_to, when)}


def set_as_of(page: Page, day: str) -> None:
    page.fill("#as-of-date", day)
    page.dispatch_event("#as-of-date", "change")
    page.wait_for_selector(f'body[data-as-of="{day}"]')


def click_canvas(page: Page, point: dict[str, float] | None) -> None:
    """Click at a point of the graph canvas given in the canvas' own (rendered) coordinates."""
    box = page.locator("#graph").bounding_box()
    assert box is not None and point is not None, "graph or element not drawn"
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def sources_text(page: Page) -> list[str]:
    page.wait_for_selector("#details-body .sources[data-loaded='1']")
    return page.locator("#details-body .source-text").all_inner_texts()


def test_first_view_shows_counts_and_the_graph_of_the_last_day(page: Page) -> None:
    counts = page.inner_text("#counts")
    assert f"{len(ACTORS)} actors" in counts and f"{len(EVENTS)} events" in counts
    last_day = max(bounds(e.date)[1] for e in EVENTS if e.date).isoformat()
    assert page.input_value("#as-of-date") == last_day
    visible = page.evaluate("window.brinkwatch.visible()")
    assert set(visible["edges"]) == holding(last_day)
    # the leaders killed on 2020-01-03 have no relation left, so they are not drawn
    assert "qasem-soleimani" not in visible["nodes"]


def test_moving_the_slider_requeries_the_graph(page: Page) -> None:
    page.focus("#as-of")
    page.keyboard.press("Home")  # the earliest day of the store
    earliest = min(bounds(r.valid_from)[0] for r in RELATIONS if r.valid_from).isoformat()
    page.wait_for_selector(f'body[data-as-of="{earliest}"]')
    assert set(page.evaluate("window.brinkwatch.visible()")["edges"]) == holding(earliest)

    set_as_of(page, "2019-12-31")
    visible = page.evaluate("window.brinkwatch.visible()")
    assert set(visible["edges"]) == holding("2019-12-31")
    assert {"qasem-soleimani", "abu-mahdi-al-muhandis"} <= set(visible["nodes"])
    # the patron relations of the chain Kataib Hezbollah -> Quds Force -> Iran are highlighted
    assert {"rel-qf-arms-kh", "rel-qf-funds-kh", "rel-iran-commands-qf"} <= set(visible["patronLinks"])
    assert {"kataib-hezbollah", "quds-force", "iran"} <= set(visible["chained"])
    assert "united-states" not in visible["chained"]


def test_clicking_a_node_opens_the_actor_profile(page: Page) -> None:
    set_as_of(page, "2019-12-31")
    click_canvas(page, page.evaluate("window.brinkwatch.nodePosition('kataib-hezbollah')"))
    page.wait_for_selector(".profile[data-loaded='1']")
    assert page.inner_text("#details-title") == "Kataib Hezbollah"
    own = [r for r in RELATIONS if "kataib-hezbollah" in (r.source, r.target)]
    assert page.locator(".gantt .gantt-row").count() == len(own)
    involved = [e for e in EVENTS if "kataib-hezbollah" in e.source + e.target]
    assert page.locator(".profile .event-link").count() == len(involved)
    # markup in a document title is shown as written, not interpreted
    assert DOC1_TITLE in page.inner_text(".profile .doc-list")
    assert page.locator(".profile .doc-list b").count() == 0
    # the patron chain, as of the chosen day, runs up through the Quds Force to Iran
    page.wait_for_selector(".chain-path")
    paths = page.locator(".chain-path").all_inner_texts()
    assert any(NAMES["quds-force"] in p and NAMES["iran"] in p
               and p.index(NAMES["quds-force"]) < p.index(NAMES["iran"]) for p in paths), paths
    # each link of the chain opens the relation behind it, with its source sentence
    page.click(".chain-links button[data-relation='rel-qf-arms-kh']")
    page.wait_for_selector(".relation-detail[data-record='rel-qf-arms-kh']")
    assert sources_text(page) == [span("doc1", 0).text]


def test_clicking_an_edge_shows_its_source_sentence(page: Page) -> None:
    set_as_of(page, "2019-12-31")
    click_canvas(page, page.evaluate("window.brinkwatch.edgeMidpoint('rel-kh-member-pmf')"))
    page.wait_for_selector(".relation-detail")
    assert sources_text(page) == [span("doc1", 1).text]


def test_an_event_source_with_a_script_tag_is_shown_as_text(page: Page) -> None:
    page.click("circle[data-event='ev-kh-threat']")
    page.wait_for_selector(".event-detail")
    texts = sources_text(page)
    assert len(texts) == 1 and HOSTILE_MARKUP in texts[0]
    assert page.locator("#details-body script").count() == 0
    assert page.evaluate("window.__pwned") is None
    # the trail goes back to the actor of the event
    page.click("#details-body .actor-link[data-actor='kataib-hezbollah']")
    page.wait_for_selector(".profile[data-loaded='1']")
    page.click("#details-back")
    assert page.inner_text("#details-title").startswith("THREATEN")


def test_escalation_chart_draws_one_band_per_period(page: Page) -> None:
    page.select_option("#esc-a", "united-states")
    page.select_option("#esc-b", "kataib-hezbollah")
    page.select_option("#esc-by", "month")
    page.wait_for_selector("#escalation-chart[data-state='drawn']")
    totals: dict[str, int] = {}
    for event in EVENTS:
        actors = set(event.source + event.target)
        if {"united-states", "kataib-hezbollah"} <= actors and event.date:
            totals[event.date[:7]] = totals.get(event.date[:7], 0) + 1
    drawn = {
        str(el.get_attribute("data-period")): int(el.get_attribute("data-total") or "0")
        for el in page.locator("#escalation-chart .period").all()
    }
    for month, n in totals.items():
        assert drawn.get(month) == n, (month, drawn)
    assert sum(drawn.values()) == sum(totals.values())
    assert all(el.get_attribute("data-state") for el in page.locator("#escalation-chart .period").all())
    page.hover("#escalation-chart .period[data-period='2019-12']")
    tip = page.locator(".tooltip")
    assert tip.is_visible() and tip.inner_text().startswith("2019-12")
    assert "Why:" in tip.inner_text()  # the criterion that decided the state


def test_map_places_open_their_events(page: Page) -> None:
    located = {e.place for e in EVENTS if e.place}
    assert page.locator("#map-chart .place-dot").count() == len(located & {p.id for p in PLACES})
    page.click("#map-chart .place-dot[data-place='al-qaim']")
    page.wait_for_selector(".place-detail")
    page.click(".place-detail .event-link[data-event='ev-alqaim-strikes']")
    assert sources_text(page) == [span("doc1", 3).text]


def test_timeline_filter_by_actor(page: Page) -> None:
    page.select_option("#timeline-actor", "iran")
    expected = {e.id for e in EVENTS if "iran" in e.source + e.target and e.date}
    expect(page.locator("#timeline-chart .event-dot")).to_have_count(len(expected))
    drawn = {el.get_attribute("data-event") for el in page.locator("#timeline-chart .event-dot").all()}
    assert drawn == expected


def test_search_finds_an_actor_by_alias_and_opens_it(page: Page) -> None:
    page.fill("#search", "Kataib")
    page.wait_for_selector("#search-results:not([hidden]) [data-actor='kataib-hezbollah']")
    page.click("#search-results [data-actor='kataib-hezbollah']")
    page.wait_for_selector(".profile[data-loaded='1']")
    assert page.inner_text("#details-title") == "Kataib Hezbollah"
    assert page.locator("#search-results").is_hidden()
