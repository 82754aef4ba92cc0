"""The static HTML report: one self-contained file that reads well on screen and on paper.

``write_report(store, out)`` runs the analyses over the store (``gather``) and
renders them (``render``) into a single HTML file: inline CSS, charts as inline
SVG, no script and nothing loaded from the network, so it can be mailed,
archived or printed as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from brinkwatch.export.graphml import atomic_output
from brinkwatch.report.dyads import Dyad
from brinkwatch.report.gather import ReportData, gather
from brinkwatch.report.render import render
from brinkwatch.store import Store


def write_html(html: str, out: Path) -> Path:
    """Write the page so that ``out`` is replaced only by a complete file."""
    with atomic_output(out) as fh:
        fh.write(html.encode("utf-8"))
    return out


def write_report(store: Store, out: Path, title: str = "brinkwatch report",
                 focus: Sequence[Dyad] = ()) -> ReportData:
    """Analyse the store and write the report to ``out``; returns what it showed.

    ``focus`` dyads are charted first, before the busiest pairs the report finds itself.
    """
    data = gather(store, focus=focus)
    write_html(render(data, title), Path(out))
    return data


__all__ = ["Dyad", "ReportData", "gather", "render", "write_html", "write_report"]
