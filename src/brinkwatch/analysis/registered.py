"""brinkwatch's own analyses, registered under the ``brinkwatch.analyses`` entry points.

Each entry describes its parameters (from which ``brinkwatch analyse NAME``
and ``GET /api/analyses/NAME`` are built) and runs the analysis' public store
function. Actor parameters arrive resolved to ids and dates checked, so these
adapters only translate names; the analysis modules are imported when run,
keeping scipy out of every command that does not forecast.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from brinkwatch.registry import Analysis, AnalysisResult, Parameter

if TYPE_CHECKING:
    from brinkwatch.store import Store

PERIODS = ("week", "month", "year")
A = Parameter("a", "actor", "first actor (id or any name)", required=True)
B = Parameter("b", "actor", "second actor (id or any name)", required=True)
BY = Parameter("by", "str", "period of the series", default="month", choices=PERIODS)


def _attribution(store: Store, p: Mapping[str, Any]) -> AnalysisResult:
    from brinkwatch.analysis.attribution import attribute

    return attribute(store, p["subject"], p.get("at"))


def _balance(store: Store, p: Mapping[str, Any]) -> AnalysisResult:
    from brinkwatch.analysis.balance import balance

    return balance(store, p.get("at"), p.get("window", 365))  # the window ends on the last day of "at"


def _escalation(store: Store, p: Mapping[str, Any]) -> AnalysisResult:
    from brinkwatch.analysis.escalation import escalation

    return escalation(store, p["a"], p["b"], by=p.get("by", "month"), directed=p.get("directed", False),
                      roll_up_proxies=p.get("roll_up_proxies", False))


def _reciprocity(store: Store, p: Mapping[str, Any]) -> AnalysisResult:
    from brinkwatch.analysis.reciprocity import reciprocity

    return reciprocity(store, p["a"], p["b"], window_days=p.get("window", 30))


def _forecast(store: Store, p: Mapping[str, Any]) -> AnalysisResult:
    from brinkwatch.analysis.forecast import forecast

    return forecast(store, p["a"], p["b"], horizon=p.get("horizon", 3), by=p.get("by", "month"),
                    backtest=p.get("backtest", False))


attribution = Analysis(
    "attribution", "who is behind an actor or an event: patron chains with evidence", _attribution, (
        Parameter("subject", "str", "actor (id or any name) or event id", required=True),
        Parameter("at", "date", "as of this date (default: the event's date)")))
balance = Analysis(
    "balance", "double games: unbalanced triads and ambivalent dyads over a window", _balance, (
        Parameter("at", "date", "end of the window (default: today)"),
        Parameter("window", "int", "window length in days", default=365, minimum=1, maximum=36500)))
escalation = Analysis(
    "escalation", "escalation state of a dyad per period, with the criterion that decided it", _escalation, (
        A, B, BY,
        Parameter("directed", "bool", "only A's acts against B", default=False),
        Parameter("roll_up_proxies", "bool", "count proxies' acts for their patrons", default=False)))
reciprocity = Analysis(
    "reciprocity", "action-reaction pairs between two actors, summarised per year", _reciprocity, (
        A, B,
        Parameter("window", "int", "days within which a reply counts", default=30, minimum=1, maximum=3650)))
forecast = Analysis(
    "forecast", "Hawkes forecast of hostile acts between two actors, with an optional backtest", _forecast, (
        A, B,
        Parameter("horizon", "int", "periods ahead", default=3, minimum=1, maximum=24),
        BY,
        Parameter("backtest", "bool", "score rolling-origin forecasts", default=False)))
