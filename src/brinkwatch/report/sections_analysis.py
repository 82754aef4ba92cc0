"""Report sections for the analyses of ambivalence, action and reaction, and the forecast.

Each section shows the finding first, in words a reader can check, and the
analysis' own explanation of how it was computed in small print after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from brinkwatch.report.markup import Safe, el, head, join, num

if TYPE_CHECKING:
    from brinkwatch.report.gather import DyadFindings, ReportData

MAX_DOUBLE_GAMES = 20
MAX_TRIADS = 10


def _names(data: ReportData, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(data.name(i) for i in ids)


def balance_section(data: ReportData) -> Safe:
    """Double games (an actor cooperating with and hostile to one side) and unbalanced triads."""
    report = data.balance
    parts: list[Safe] = [el("h2", "Double games", id="double-games")]
    if report.ambivalent:
        rows = [
            el("tr", el("th", data.name(a.actor)), el("td", data.name(a.side)),
               el("td", _names(data, a.cooperative_with)), el("td", _names(data, a.hostile_to)),
               num(f"{a.positive:g} / {a.negative:g}"), num(f"{a.share:.2f}"))
            for a in report.ambivalent[:MAX_DOUBLE_GAMES]
        ]
        parts.append(el("table", head("actor", "toward the side of", "cooperates with", "hostile to",
                                      num("weights + / −", "th"), num("evenness", "th")),
                        el("tbody", join(rows))))
    else:
        parts.append(el("p", "No actor both cooperates with and fights the same side in this window.",
                        class_="empty"))
    if report.triads:
        items = [el("li", _names(data, t.actors), ": ", ", ".join(
                    f"{data.name(d.actors[0])}–{data.name(d.actors[1])} {'+' if d.sign > 0 else '−'}"
                    for d in t.dyads))
                 for t in report.triads[:MAX_TRIADS]]
        parts += [el("h3", "Unbalanced triads"), el("ul", join(items))]
    parts.append(el("p", report.explain, class_="explain"))
    return el("section", join(parts))


def _reciprocity_table(data: ReportData, found: DyadFindings) -> Safe:
    report = found.reciprocity
    if not report.years:
        return el("p", "No hostile act by either side was answered in kind within "
                       f"{report.window_days} days.", class_="empty")
    rows = [
        el("tr", el("td", y.year), el("td", data.name(y.trigger_side)), num(y.triggers), num(y.responded),
           num("—" if y.median_lag_days is None else f"{y.median_lag_days:g}"),
           num("—" if y.median_ratio is None else f"{y.median_ratio:.2f}"), el("td", y.label or "—"))
        for y in report.years
    ]
    return el("table", head("year", "acts first", num("hostile acts", "th"), num("answered", "th"),
                            num("median days to answer", "th"), num("median answer / act", "th"), "pattern"),
              el("tbody", join(rows)))


def reciprocity_section(data: ReportData) -> Safe:
    """For each main dyad, per year: how often and how fast hostile acts were answered, and how hard."""
    parts: list[Safe] = [el("h2", "Action and reaction", id="reciprocity")]
    for found in data.dyads:
        parts += [el("h3", data.dyad_title(found)), _reciprocity_table(data, found)]
    if data.dyads:
        parts.append(el("p", data.dyads[0].reciprocity.explain, class_="explain"))
    else:
        parts.append(el("p", "No dyad with events.", class_="empty"))
    return el("section", join(parts))


def _forecast_block(data: ReportData, found: DyadFindings) -> Safe:
    predicted = found.forecast
    if predicted is None:
        return el("p", f"No forecast: {found.forecast_note}.", class_="empty")
    a, b = data.name(predicted.a), data.name(predicted.b)
    rows = [
        el("tr", el("td", p.label), num(f"{p.expected_ab:.2f}"), num(f"{p.expected_ba:.2f}"),
           num(f"{p.p_confrontation:.0%}"))
        for p in predicted.periods
    ]
    return join([
        el("p", f"Fitted on hostile acts from {predicted.observed_from.isoformat()} to "
                f"{predicted.observed_to.isoformat()}.", class_="note"),
        el("table", head(predicted.by, num(f"expected acts {a} → {b}", "th"),
                         num(f"expected acts {b} → {a}", "th"),
                         num("chance of a confrontation-level act", "th")),
           el("tbody", join(rows))),
        el("p", predicted.explain, class_="explain"),
    ])


def forecast_section(data: ReportData) -> Safe:
    """For each main dyad: expected hostile acts in the coming periods and the chance of a severe one."""
    parts: list[Safe] = [el("h2", "Forecast", id="forecast")]
    for found in data.dyads:
        parts += [el("h3", data.dyad_title(found)), _forecast_block(data, found)]
    if not data.dyads:
        parts.append(el("p", "No dyad with events.", class_="empty"))
    return el("section", join(parts))
