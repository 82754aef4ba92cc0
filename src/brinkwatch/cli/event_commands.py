"""Commands about single events: ``event`` (one event, every report behind it) and ``merge-events``.

An analyst who doubts a point on a chart needs the sentences behind it and,
when several articles were folded into one event, why they were.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from brinkwatch.cli.app import DbOption, FormatOption, OutputFormat, app
from brinkwatch.cli.common import fail as _fail
from brinkwatch.cli.common import open_store as _open
from brinkwatch.cli.common import out
from brinkwatch.cli.common import print_json as _print_json
from brinkwatch.records import to_dict


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="Event id, or the id of any report merged into it.")],
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """One event with every sentence or dataset row that reports it, and how reports were merged."""
    with _open(db) as store:
        found = store.get_event(event_id)
        if found is None:
            _fail(f"no event {event_id!r} in the store")
        sources = store.provenance(found.id)
        merges = store.event_merges(found.id)
    if output is OutputFormat.json:
        _print_json({**to_dict(found), "merges": [m.to_dict() for m in merges]})
        return
    when = found.date or "undated" if not found.date_end else f"{found.date}..{found.date_end}"
    out.print(f"[bold]{found.type}[/bold] {when} ({found.id})", markup=True)
    for label, value in (
        ("source", ", ".join(found.source)),
        ("target", ", ".join(found.target)),
        ("mode", found.mode),
        ("place", found.place),
        ("summary", found.summary),
        ("reports", (found.model_extra or {}).get("corroboration")),
    ):
        if value:
            out.print(f"  {label}: {value}", markup=False)
    table = Table("document or dataset", "where", "text", title="sources")
    for p in sources:
        where = f"{p.start}-{p.end}" if p.start is not None else (p.record or "")
        table.add_row(escape(p.document or p.dataset or ""), where, escape(p.text or ""))
    out.print(table)
    if merges:
        merged = Table("report", "merged at", "why", title="reports merged into this event")
        for m in merges:
            merged.add_row(escape(m.report_id), m.merged_at.isoformat(timespec="seconds"), escape(m.reason))
        out.print(merged)


@app.command("merge-events")
def merge_events(db: DbOption = None) -> None:
    """Fold reports of the same event from different documents into one (for stores filled before 0.3)."""
    with _open(db) as store:
        before = store.count_events()
        store.merge_duplicate_events()
        after = store.count_events()
    out.print(f"{before} events before, {after} after: {before - after} duplicate reports merged")
