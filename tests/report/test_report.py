"""The HTML report: self-contained, escaped, and showing what the analyses found."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.sample_store import sample
from brinkwatch.analysis.escalation import load_escalation_config as load_palette
from brinkwatch.cli import app
from brinkwatch.report import gather, render, write_report
from brinkwatch.store import Store


class Page(HTMLParser):
    """Collects tags with their attributes, and the text per element, from the report."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def html(sample_store: Store) -> str:
    return render(gather(sample_store), "Test <report>")


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    parsed = Page()
    parsed.feed(html)
    return parsed


def test_self_contained_no_script_no_network(html: str, page: Page) -> None:
    names = [t for t, _ in page.tags]
    assert "script" not in names and "link" not in names and "iframe" not in names
    for _, attrs in page.tags:
        for key in ("src", "href", "xlink:href", "action"):
            value = attrs.get(key) or ""
            assert not re.match(r"\s*(https?:)?//", value), f"{key}={value}"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html
    assert "@media print" in html
    assert names.count("style") == 1


def test_text_from_the_store_is_escaped(html: str, page: Page) -> None:
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>base</b>" not in html
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in html
    text = "".join(page.text)
    assert "<img src=x onerror=alert(1)> Brigade" in text
    assert "<script>alert('summary')</script> blame" in text
    assert "<title>Test <report></title>" not in html and "Test &lt;report&gt;" in html


def test_patron_chains_and_double_game(page: Page) -> None:
    text = "".join(page.text)
    assert "Kataib Hezbollah → Quds Force → Iran" in text
    assert "Kataib Hezbollah → Popular Mobilization Forces" in text


def test_timeline_has_a_row_per_event_with_its_source_sentence(page: Page, sample_store: Store) -> None:
    rows_in_timeline = [a for t, a in page.tags if t == "blockquote"]
    events = sample_store.events()
    assert len(rows_in_timeline) == sum(min(len(e.provenance), 2) for e in events)
    text = "".join(page.text)
    assert "Two days later American aircraft bombed five sites of the group in Iraq and Syria." in text
    assert "test-fixture, row e1" in text


def test_escalation_charts_are_inline_svg_coloured_by_state(page: Page, sample_store: Store) -> None:
    data = gather(sample_store)
    palette = load_palette()
    svgs = [a for t, a in page.tags if t == "svg" and a.get("class") == "chart"]
    assert len(svgs) == len(data.dyads) >= 2
    fills = {a.get("fill") for t, a in page.tags if t == "rect"}
    for found in data.dyads:
        for period in found.series.periods:
            assert palette.colour(period.state) in fills
    assert any(d.dyad.roll_up for d in data.dyads)  # the proxies' fights rolled up to their patrons


def test_double_games_section_names_the_actor_and_side(sample_store: Store, page: Page) -> None:
    data = gather(sample_store)
    text = "".join(page.text)
    for game in data.balance.ambivalent:
        assert data.name(game.actor) in text and data.name(game.side) in text
    assert any(g.actor == "united-states" and g.side == "pmf" for g in data.balance.ambivalent)


def test_report_of_an_empty_store(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'empty.db'}") as store:
        data = write_report(store, tmp_path / "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert data.dyads == [] and "No events." in html and "No armed group has a recorded patron." in html


def test_report_command_writes_the_file(sample_url: str, tmp_path: Path) -> None:
    out = tmp_path / "nested" / "report.html"
    result = CliRunner().invoke(app, ["report", "--db", sample_url, "--out", str(out), "--title", "T"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<h1>T</h1>" in html
    events = [r for r in sample()["records"] if r["kind"] == "event"]
    assert f"{len(events)} events" in result.output
