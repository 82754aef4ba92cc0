"""Escalation charts as inline SVG, drawn in Python so the report needs no script and no network.

One chart per dyad: a bar per period whose height is the number of events
and whose colour is the period's escalation state, over a strip that shows the
state of every period (quiet periods included), with the y scale, a few period
labels, and a tooltip (SVG ``<title>``) per bar giving the numbers and the
criterion that decided the state.
"""

from __future__ import annotations

from brinkwatch.analysis.escalation import EscalationSeries, load_escalation_config
from brinkwatch.report.markup import Safe, el, join

WIDTH, HEIGHT = 760, 200
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 40
STRIP = 8  # height of the state strip under the bars
MAX_LABELS = 10
MAX_BAR = 48  # a series of a few periods gets bars of this width, not one bar across the chart


def escalation_chart(series: EscalationSeries, title: str) -> Safe:
    """The SVG chart of one escalation series (an empty-state note when it has no periods)."""
    palette = load_escalation_config()  # states and colours: analysis/data/escalation_states.yaml
    periods = series.periods
    if not periods:
        return el("p", "No dated events between these actors.", class_="empty")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - STRIP - 4
    step = min(plot_w / len(periods), MAX_BAR)
    peak = max(int(p.metrics.get("events") or 0) for p in periods) or 1
    base_y = TOP + plot_h
    shapes: list[Safe] = [
        el("line", x1=LEFT, y1=base_y, x2=LEFT + step * len(periods), y2=base_y, class_="axis"),
        el("line", x1=LEFT, y1=TOP, x2=LEFT, y2=base_y, class_="axis"),
        el("text", str(peak), x=LEFT - 6, y=TOP + 4, class_="tick", text_anchor="end"),
        el("text", "0", x=LEFT - 6, y=base_y, class_="tick", text_anchor="end"),
        el("text", "events", x=12, y=TOP + plot_h / 2, class_="tick", text_anchor="middle",
           transform=f"rotate(-90 12 {TOP + plot_h / 2:.1f})"),
    ]
    label_every = max(1, -(-len(periods) // MAX_LABELS))
    for i, period in enumerate(periods):
        x = LEFT + i * step
        count = int(period.metrics.get("events") or 0)
        colour = palette.colour(period.state)
        fatalities = int(period.metrics.get("fatalities") or 0)
        tip = (f"{period.label}: {count} events, {fatalities} deaths, state {period.state} "
               f"({period.criterion})")
        height = plot_h * count / peak
        width = max(step - 1.0, 1.0)
        if count:
            shapes.append(el("rect", el("title", tip), x=f"{x:.2f}", y=f"{base_y - height:.2f}",
                             width=f"{width:.2f}", height=f"{height:.2f}", fill=colour))
        shapes.append(el("rect", el("title", tip), x=f"{x:.2f}", y=base_y + 3, width=f"{width:.2f}",
                         height=STRIP, fill=colour))
        if i % label_every == 0:
            shapes.append(el("text", period.label, x=f"{x + step / 2:.2f}", y=base_y + STRIP + 18,
                             class_="tick", text_anchor="middle"))
    return el("svg", el("title", title), join(shapes), xmlns="http://www.w3.org/2000/svg",
              viewBox=f"0 0 {WIDTH} {HEIGHT}", width="100%", role="img", class_="chart")


def legend(states: set[str]) -> Safe:
    """The colour key for the states drawn (in escalation order)."""
    items = [
        el("li", el("svg", el("rect", width=12, height=12, fill=colour), width=12, height=12, class_="swatch",
                    aria_hidden="true"), label)
        for _, colour, label in load_escalation_config().legend(states)
    ]
    return el("ul", join(items), class_="legend")
