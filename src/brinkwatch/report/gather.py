"""Everything the report shows, computed from the store by the analysis modules, before any HTML.

Keeping the numbers apart from the markup lets the demo print the same
findings to the terminal that the report renders, and lets tests check the
findings without parsing HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from brinkwatch import dates
from brinkwatch.analysis.attribution import ActorAttribution, attribute_actors
from brinkwatch.analysis.balance import BalanceReport, balance
from brinkwatch.analysis.escalation import EscalationSeries, escalation
from brinkwatch.analysis.forecast import Forecast, forecast
from brinkwatch.analysis.graph import load_attribution_config
from brinkwatch.analysis.periods import Unit
from brinkwatch.analysis.reciprocity import ReciprocityReport, reciprocity
from brinkwatch.records import Actor, Event
from brinkwatch.report.dyads import Dyad, main_dyads
from brinkwatch.store import Store

MAX_MONTHS = 72  # a longer series is charted by year: a bar per month stops being readable
TIMELINE_LIMIT = 1000


@dataclass
class DyadFindings:
    """The analyses of one dyad: escalation over time, action and reaction, and the forecast.

    ``forecast`` is None when the model has nothing to fit (no day-dated
    hostile acts); ``forecast_note`` then says why.
    """

    dyad: Dyad
    series: EscalationSeries
    reciprocity: ReciprocityReport
    forecast: Forecast | None
    forecast_note: str = ""


@dataclass
class ReportData:
    """The report's content, section by section."""

    generated: date
    store_url: str
    counts: dict[str, int]
    actors: dict[str, Actor]
    actors_by_type: list[tuple[str, list[Actor]]]  # most active first within each type
    chains: list[ActorAttribution]
    dyads: list[DyadFindings]
    balance: BalanceReport
    events: list[Event]
    document_titles: dict[str, str] = field(default_factory=dict)

    def name(self, actor_id: str) -> str:
        """An actor's name, or its id when the store does not know it."""
        found = self.actors.get(actor_id)
        return found.name if found else actor_id

    def dyad_title(self, found: DyadFindings) -> str:
        """"A and B", marked when proxies are rolled up into their patrons."""
        title = f"{self.name(found.dyad.a)} and {self.name(found.dyad.b)}"
        return f"{title} (with their proxies)" if found.dyad.roll_up else title


def escalation_for(store: Store, dyad: Dyad) -> EscalationSeries:
    """The dyad's series by month, or by year when monthly bars would be too many to read."""
    series = escalation(store, dyad.a, dyad.b, by="month", roll_up_proxies=dyad.roll_up)
    if len(series.periods) > MAX_MONTHS:
        series = escalation(store, dyad.a, dyad.b, by="year", roll_up_proxies=dyad.roll_up)
    return series


def forecast_for(store: Store, dyad: Dyad, by: Unit) -> tuple[Forecast | None, str]:
    """The dyad's forecast by ``by``, or None and the reason when there is nothing to fit."""
    try:
        return forecast(store, dyad.a, dyad.b, by=by), ""
    except ValueError as exc:
        return None, str(exc)


def findings(store: Store, dyad: Dyad) -> DyadFindings:
    """All the analyses of one dyad."""
    series = escalation_for(store, dyad)
    predicted, why = forecast_for(store, dyad, series.by)
    return DyadFindings(dyad, series, reciprocity(store, dyad.a, dyad.b), predicted, why)


@dataclass
class Activity:
    """One pass over the events: how many each actor took part in, and the days they cover."""

    per_actor: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None

    @classmethod
    def of(cls, store: Store) -> Activity:
        """Count over every event of the store (streamed)."""
        found = cls()
        for event in store.iter_events():
            found.per_actor.update(set(event.source) | set(event.target))
            if event.date:
                lo, hi = dates.bounds(event.date)[0], dates.bounds(event.date_end or event.date)[1]
                found.first = lo if found.first is None or lo < found.first else found.first
                found.last = hi if found.last is None or hi > found.last else found.last
        return found


def balance_over(store: Store, activity: Activity) -> BalanceReport:
    """Balance as of the last dated event, over every event since the first (at least a year back).

    The default (today, one year back) would find nothing in a corpus about
    past years; the double game of a proxy conflict plays out over its whole span.
    """
    first, last = activity.first, activity.last
    if first is None or last is None:
        return balance(store)
    return balance(store, at=last, window_days=max(365, (last - first).days + 1))


def patron_chains(store: Store, actors: dict[str, Actor]) -> list[ActorAttribution]:
    """Attribution at any date for every armed group that has a patron, strongest patronage first."""
    config = load_attribution_config()
    groups = sorted(a.id for a in actors.values() if a.type == "armed_group")
    found = attribute_actors(store.relations(types=list(config.edges)), groups, None, config)
    with_chains = [f for f in found if f.chains]
    return sorted(with_chains, key=lambda f: (-f.chains[0].strength, f.actor))


def gather(store: Store, n_dyads: int = 3, focus: Sequence[Dyad] = ()) -> ReportData:
    """Run the analyses over the whole store and collect the report's content.

    ``focus`` dyads are charted first, before the busiest ones.
    """
    actors = {a.id: a for a in store.actors()}
    activity = Activity.of(store)
    by_type: dict[str, list[Actor]] = {}
    for actor in sorted(actors.values(), key=lambda a: (-activity.per_actor[a.id], a.name)):
        by_type.setdefault(actor.type, []).append(actor)
    type_order = Counter({t: len(v) for t, v in by_type.items()}).most_common()
    dyads = [findings(store, d) for d in main_dyads(store, n_dyads, focus=focus)]
    return ReportData(
        generated=date.today(),
        store_url=store.url,
        counts=store.counts(),
        actors=actors,
        actors_by_type=[(t, by_type[t]) for t, _ in type_order],
        chains=patron_chains(store, actors),
        dyads=dyads,
        balance=balance_over(store, activity),
        events=store.events(limit=TIMELINE_LIMIT),
        document_titles={d.id: d.title for d in store.documents()},
    )
