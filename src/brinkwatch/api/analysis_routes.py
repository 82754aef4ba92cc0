"""Endpoints that answer the analyst's questions: attribution, balance, escalation, reciprocity, forecast.

Each is a thin call into ``brinkwatch.analysis``; the answer is the analysis
result's own ``to_dict()``, which carries how it was computed. Actor
parameters accept an id or any alias and are resolved first, so an unknown
name is a 404 naming the parameter rather than an empty answer. An analysis
that rejects its parameters (ValueError) becomes a 400 with its message.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Query

from brinkwatch.analysis.attribution import attribute
from brinkwatch.analysis.balance import balance as compute_balance
from brinkwatch.analysis.escalation import escalation as compute_escalation
from brinkwatch.analysis.forecast import forecast as compute_forecast
from brinkwatch.analysis.periods import Unit
from brinkwatch.analysis.reciprocity import reciprocity as compute_reciprocity
from brinkwatch.api.deps import StoreDep
from brinkwatch.api.params import check_date, resolve_actor
from brinkwatch.api.problems import Problem

router = APIRouter(prefix="/api")


@contextmanager
def analysis_errors(what: str) -> Iterator[None]:
    """Turn an analysis' complaint about its input into a 404 (a missing record) or a 400."""
    try:
        yield
    except LookupError as exc:
        message = str(exc.args[0]) if exc.args else type(exc).__name__  # KeyError's str() adds quotes
        raise Problem(404, "unknown-record", f"{what}: {message}") from None
    except ValueError as exc:
        raise Problem(400, "bad-parameter", f"{what}: {exc}") from None


@router.get("/attribution/{actor_or_event_id}")
def attribution(actor_or_event_id: str, store: StoreDep, at: str | None = None) -> dict[str, Any]:
    """Who stands behind an actor or an event: chains of patrons, each with strength and evidence."""
    day = check_date("at", at)
    with analysis_errors("attribution"):
        return attribute(store, actor_or_event_id, at=day).to_dict()


@router.get("/balance")
def balance(store: StoreDep, at: str | None = None,
            window: Annotated[int, Query(ge=1, le=36500, description="days before 'at' to look at")] = 365,
            ) -> dict[str, Any]:
    """Double games: unbalanced triads and dyads that both cooperate and fight, with evidence."""
    day = check_date("at", at)
    with analysis_errors("balance"):
        return compute_balance(store, at=day, window_days=window).to_dict()


@router.get("/escalation")
def escalation(store: StoreDep, a: str, b: str, by: Unit = "month", directed: bool = False,
               roll_up_proxies: bool = False) -> dict[str, Any]:
    """The escalation series of a dyad: per period counts, intensity, fatalities, state and why."""
    first, second = resolve_actor(store, "a", a), resolve_actor(store, "b", b)
    with analysis_errors("escalation"):
        return compute_escalation(store, first, second, by=by, directed=directed,
                                  roll_up_proxies=roll_up_proxies).to_dict()


@router.get("/reciprocity")
def reciprocity(store: StoreDep, a: str, b: str,
                window: Annotated[int, Query(ge=1, le=3650, description="days within which a reply counts")]
                = 30) -> dict[str, Any]:
    """Action and reaction between two actors: who answers whom, how fast and in kind."""
    first, second = resolve_actor(store, "a", a), resolve_actor(store, "b", b)
    with analysis_errors("reciprocity"):
        return compute_reciprocity(store, first, second, window_days=window).to_dict()


@router.get("/forecast")
def forecast(store: StoreDep, a: str, b: str,
             horizon: Annotated[int, Query(ge=1, le=24, description="periods ahead")] = 3,
             by: Unit = "month", backtest: bool = False) -> dict[str, Any]:
    """Expected hostile acts each way in the coming periods and the chance of a confrontation."""
    first, second = resolve_actor(store, "a", a), resolve_actor(store, "b", b)
    with analysis_errors("forecast"):
        return compute_forecast(store, first, second, horizon=horizon, by=by, backtest=backtest).to_dict()
