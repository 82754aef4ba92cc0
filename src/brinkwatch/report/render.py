"""The report as one self-contained HTML page: inline CSS, inline SVG, no script, nothing fetched.

Every section is a function from :class:`ReportData` to markup built with
:mod:`brinkwatch.report.markup`, so all text from the store is escaped.
"""

from __future__ import annotations

from importlib import resources

from brinkwatch.analysis.attribution import ActorAttribution
from brinkwatch.analysis.graph import Chain
from brinkwatch.records import Event, Provenance
from brinkwatch.report.charts import escalation_chart, legend
from brinkwatch.report.gather import ReportData
from brinkwatch.report.markup import Safe, el, head, join, num
from brinkwatch.report.sections_analysis import balance_section, forecast_section, reciprocity_section

COUNTED = ("documents", "actors", "places", "relations", "events")
MAX_CHAINS_PER_GROUP = 3
MAX_SOURCES_PER_EVENT = 2


def _css() -> str:
    return resources.files(__package__).joinpath("style.css").read_text(encoding="utf-8")


def chain_text(data: ReportData, chain: Chain) -> str:
    """A chain as names, proxy first: "Kataib Hezbollah → Quds Force → Iran"."""
    return " → ".join(data.name(a) for a in chain.actors)


def _overview(data: ReportData) -> Safe:
    rows = [el("tr", el("th", kind), num(data.counts.get(kind, 0))) for kind in COUNTED]
    by_type = [
        el("tr", el("th", kind.replace("_", " ")), num(len(members)),
           el("td", ", ".join(a.name for a in members[:12]) + (" …" if len(members) > 12 else "")))
        for kind, members in data.actors_by_type
    ]
    return el("section",
              el("h2", "What the store holds", id="overview"),
              el("table", el("tbody", join(rows)), class_="compact"),
              el("h3", "Actors by type"),
              el("table", head("type", num("actors", "th"), "the most active"), el("tbody", join(by_type))))


def _chains_row(data: ReportData, found: ActorAttribution) -> Safe:
    chains = found.chains[:MAX_CHAINS_PER_GROUP]
    lines = [el("div", el("span", chain_text(data, c), class_="chain"), f" — strength {c.strength:.2f}")
             for c in chains]
    return el("tr", el("th", data.name(found.actor)), el("td", join(lines)))


def _chains(data: ReportData) -> Safe:
    if not data.chains:
        body = el("p", "No armed group has a recorded patron.", class_="empty")
    else:
        body = el("table", head("armed group", "patron chains (strongest first)"),
                  el("tbody", join(_chains_row(data, f) for f in data.chains)))
    note = el("p", "A chain runs from the group up through those who command, fund, arm or back it. "
                   "Its strength multiplies the strength of each tie and weakens with every intermediary; "
                   "see the attribution settings in analysis/data/attribution.yaml.", class_="note")
    return el("section", el("h2", "Patron chains", id="chains"), note, body)


def _escalation(data: ReportData) -> Safe:
    if not data.dyads:
        return el("section", el("h2", "Escalation", id="escalation"),
                  el("p", "No events between two actors.", class_="empty"))
    figures = []
    states: set[str] = set()
    for found in data.dyads:
        series = found.series
        states.update(p.state for p in series.periods)
        title = data.dyad_title(found)
        latest = series.periods[-1] if series.periods else None
        count = len(series.periods)
        summary = (el("p", f"{count} {series.by}{'' if count == 1 else 's'}; latest ({latest.label}): ",
                      el("span", latest.state, class_="state"), f" ({latest.criterion}).")
                   if latest else Safe(""))
        chart = escalation_chart(series, f"Escalation: {title}")
        figures.append(el("figure", el("h3", title), chart, summary))
    explain = data.dyads[0].series.explain["text"]
    return el("section", el("h2", "Escalation", id="escalation"),
              el("p", "Bar height: events between the two sides in the period; colour: the period's state.",
                 class_="note"),
              legend(states), join(figures), el("p", explain, class_="explain"))


def _source_quote(data: ReportData, prov: Provenance) -> Safe:
    if prov.document is not None:
        where = data.document_titles.get(prov.document) or prov.document
    else:
        where = f"{prov.dataset}, row {prov.record}"
    return el("blockquote", prov.text or "", " ", el("span", f"({where})", class_="source"))


def _event_row(data: ReportData, event: Event) -> Safe:
    who = ", ".join(data.name(a) for a in event.source) or "—"
    whom = ", ".join(data.name(a) for a in event.target) or "—"
    when = event.date or "undated"
    if event.date_end:
        when = f"{when} – {event.date_end}"
    quotes = [_source_quote(data, p) for p in event.provenance[:MAX_SOURCES_PER_EVENT]]
    return el("tr", el("td", when), el("td", event.type), el("td", f"{who} → {whom}"),
              el("td", event.summary, join(quotes)))


def _timeline(data: ReportData) -> Safe:
    total = data.counts.get("events", len(data.events))
    note = (el("p", f"The first {len(data.events)} of {total} events, in date order.", class_="note")
            if total > len(data.events) else Safe(""))
    table = el("table", head("date", "type", "who → whom", "what, and the source"),
               el("tbody", join(_event_row(data, e) for e in data.events)))
    return el("section", el("h2", "Timeline of events", id="timeline"), note,
              table if data.events else el("p", "No events.", class_="empty"))


NAV = (("overview", "What the store holds"), ("chains", "Patron chains"), ("escalation", "Escalation"),
       ("double-games", "Double games"), ("reciprocity", "Action and reaction"), ("forecast", "Forecast"),
       ("timeline", "Timeline of events"))


def render(data: ReportData, title: str = "brinkwatch report") -> str:
    """The whole HTML document."""
    nav = el("nav", el("ol", join(el("li", el("a", text, href=f"#{anchor}")) for anchor, text in NAV)))
    body = el("body",
              el("header", el("h1", title),
                 el("p", f"Generated {data.generated.isoformat()} from {data.store_url} by brinkwatch.",
                    class_="meta")),
              nav, _overview(data), _chains(data), _escalation(data),
              balance_section(data), reciprocity_section(data), forecast_section(data), _timeline(data))
    head = el("head", Safe('<meta charset="utf-8">'),
              Safe('<meta name="viewport" content="width=device-width, initial-scale=1">'),
              el("title", title), el("style", Safe(_css())))
    return "<!doctype html>\n" + el("html", head, body, lang="en") + "\n"
