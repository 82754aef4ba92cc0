"""The analysis commands: ``attribute``, ``balance``, ``escalation``, ``reciprocity`` and ``forecast``.

Thin: each parses its options, calls the analysis over the store and prints a
rich table (with the explanation underneath) or the result's JSON. An actor
may be given by id or any name; an unknown actor, a bad date or too little
data ends with status 2 and a message saying what was wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, TypeVar

import typer
from rich.table import Table

from brinkwatch import dates
from brinkwatch.analysis.attribution import attribute as run_attribute
from brinkwatch.analysis.balance import balance as run_balance
from brinkwatch.analysis.datafiles import DataFileError
from brinkwatch.analysis.escalation import escalation as run_escalation
from brinkwatch.analysis.escalation import load_escalation_config
from brinkwatch.analysis.reciprocity import reciprocity as run_reciprocity
from brinkwatch.analysis.storeapi import ActorNotFoundError
from brinkwatch.cli.app import DbOption, FormatOption, OutputFormat, app
from brinkwatch.cli.common import fail as _fail
from brinkwatch.cli.common import open_store as _open
from brinkwatch.cli.common import out
from brinkwatch.cli.common import print_json as _print_json

T = TypeVar("T")



def _date(value: str | None, option: str) -> date | None:
    """A partial date option as its first day (``--at 2020`` means 2020-01-01)."""
    if value is None:
        return None
    try:
        return dates.bounds(value)[0]
    except dates.DateError as exc:
        _fail(f"{option}: {exc}")


def _run(call: Callable[[], T]) -> T:
    """Run an analysis, turning the errors a user can cause into a message and status 2."""
    try:
        return call()
    except (ActorNotFoundError, DataFileError, ValueError) as exc:
        _fail(str(exc.args[0]) if isinstance(exc, ActorNotFoundError) else str(exc))


def _explain(text: str) -> None:
    out.print(f"[dim]{text}[/dim]", markup=True)


def _table(title: str, columns: tuple[str, ...]) -> Table:
    """A table whose cells wrap instead of being cut short on a narrow terminal."""
    table = Table(title=title)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


@app.command()
def attribute(
    subject: Annotated[str, typer.Argument(help="Actor (id or any name) or event id.")],
    at: Annotated[str | None, typer.Option("--at", help="As of this date (default: event's date).")] = None,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Who is behind an actor or an event: patron chains with strengths and evidence."""
    when = _date(at, "--at")
    with _open(db) as store:
        result = _run(lambda: run_attribute(store, subject, when))
    if output is OutputFormat.json:
        _print_json(result.to_dict())
        return
    for item in result.actors:
        table = _table(f"Patron chains of {item.actor}", ("patron", "strength", "chain", "relations"))
        for chain in item.chains:
            rel_ids = "; ".join(",".join(t.relation.id for t in link.ties) for link in chain.links)
            table.add_row(chain.patron, f"{chain.strength:.3f}", " -> ".join(chain.actors), rel_ids)
        out.print(table)
    _explain(result.explain)


@app.command()
def balance(
    at: Annotated[str | None, typer.Option("--at", help="End of the window (default: today).")] = None,
    window: Annotated[int, typer.Option("--window", help="Window length in days.", min=1)] = 365,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Unbalanced triads and ambivalent (double-game) dyads over a window."""
    if at is not None:
        _date(at, "--at")
    when = dates.bounds(at)[1] if at else None
    with _open(db) as store:
        report = _run(lambda: run_balance(store, when, window))
    if output is OutputFormat.json:
        _print_json(report.to_dict())
        return
    amb = _table(f"Double game: ambivalent ties ({len(report.ambivalent)})",
                 ("actor", "side", "cooperates with", "hostile to", "+ weight", "- weight"))
    for a in report.ambivalent:
        amb.add_row(a.actor, a.side, ", ".join(a.cooperative_with), ", ".join(a.hostile_to),
                    f"{a.positive:g}", f"{a.negative:g}")
    out.print(amb)
    tri = _table(f"Unbalanced triads ({len(report.triads)})", ("actors", "signs"))
    for t in report.triads:
        tri.add_row(", ".join(t.actors), " ".join("+" if d.sign > 0 else "-" for d in t.dyads))
    out.print(tri)
    _explain(report.explain)


@app.command()
def escalation(
    a: Annotated[str, typer.Argument(help="First actor (id or any name).")],
    b: Annotated[str, typer.Argument(help="Second actor (id or any name).")],
    by: Annotated[str, typer.Option("--by", help="Period: week, month or year.")] = "month",
    directed: Annotated[bool, typer.Option("--directed", help="Only A's acts against B.")] = False,
    roll_up: Annotated[
        bool, typer.Option("--roll-up-proxies", help="Count proxies' acts for their patrons.")
    ] = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Escalation state of a dyad per period, with the criterion that decided each."""
    with _open(db) as store:
        series = _run(lambda: run_escalation(store, a, b, by, directed, roll_up))
    if output is OutputFormat.json:
        _print_json(series.to_dict())
        return
    states = load_escalation_config()  # the colours of escalation_states.yaml
    columns = ("period", "events", "q1", "q2", "q3", "q4", "mean", "min", "deaths", "state", "criterion")
    table = _table(f"Escalation {series.a} {'->' if directed else '<->'} {series.b} by {series.by}", columns)
    for p in series.periods:
        m = p.metrics
        style = states.colour(p.state)
        table.add_row(p.label, f"{m['events']:g}", *(f"{m[k]:g}" for k in (
            "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")),
            _num(m["mean_intensity"]), _num(m["min_intensity"], 1), f"{m['fatalities']:g}",
            f"[{style}]{p.state}[/{style}]", p.criterion)
    out.print(table)
    _explain(series.explain["text"])


@app.command()
def reciprocity(
    a: Annotated[str, typer.Argument(help="First actor (id or any name).")],
    b: Annotated[str, typer.Argument(help="Second actor (id or any name).")],
    window: Annotated[int, typer.Option("--window", help="Days within which a response counts.", min=1)] = 30,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Action-reaction pairs between two actors, summarised per year."""
    with _open(db) as store:
        report = _run(lambda: run_reciprocity(store, a, b, window))
    if output is OutputFormat.json:
        _print_json(report.to_dict())
        return
    table = _table(f"Reciprocity {report.a} / {report.b}, window {report.window_days} days",
                   ("year", "trigger by", "triggers", "answered", "median lag", "median ratio", "label"))
    for y in report.years:
        table.add_row(str(y.year), y.trigger_side, str(y.triggers), str(y.responded),
                      _num(y.median_lag_days, 1), _num(y.median_ratio), y.label or "")
    out.print(table)
    _explain(report.explain)


@app.command()
def forecast(
    a: Annotated[str, typer.Argument(help="First actor (id or any name).")],
    b: Annotated[str, typer.Argument(help="Second actor (id or any name).")],
    horizon: Annotated[int, typer.Option("--horizon", help="Periods ahead.", min=1)] = 3,
    by: Annotated[str, typer.Option("--by", help="Period: week, month or year.")] = "month",
    backtest: Annotated[bool, typer.Option("--backtest", help="Score rolling-origin forecasts.")] = False,
    db: DbOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Hawkes forecast of hostile acts between two actors, optionally with a backtest."""
    with _open(db) as store:
        # scipy is imported only when a forecast is asked for, keeping every other command quick to start
        from brinkwatch.analysis.forecast import forecast as run_forecast

        result = _run(lambda: run_forecast(store, a, b, horizon, by, backtest))
    if output is OutputFormat.json:
        _print_json(result.to_dict())
        return
    table = _table(f"Forecast of hostile acts {result.a} / {result.b}",
                   ("period", f"{result.a} -> {result.b}", f"{result.b} -> {result.a}", "P(confrontation)"))
    for p in result.periods:
        table.add_row(p.label, f"{p.expected_ab:.2f}", f"{p.expected_ba:.2f}", f"{p.p_confrontation:.2f}")
    out.print(table)
    if result.backtest is not None:
        scores = _table(f"Backtest over {len(result.backtest.rows)} origins (lower is better)",
                        ("method", "Poisson deviance", "CRPS"))
        for method, s in result.backtest.scores().items():
            scores.add_row(method, f"{s['poisson_deviance']:.3f}", f"{s['crps']:.3f}")
        out.print(scores)
    _explain(result.explain)
