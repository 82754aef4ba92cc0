"""Cross-document event de-duplication: one stored event per real-world event reported in text.

Several articles about the same strike would otherwise leave one stored event
each, and every count downstream (escalation, reciprocity, forecast) would
measure how often something was reported rather than how often it happened.
The rules are conservative, because a false merge is worse than a missed one:

- only events extracted from text (document provenance) merge, and only with
  each other; dataset rows keep their identity (datasets dedupe themselves);
- two reports are compared only within a *block*: the same PLOVER type and
  the same date, at day or month precision; a year, a span (``date_end``) or
  no date never merges, and neither does an event without any actor;
- modes agree or one is missing (the more specific is kept); at day precision
  places agree or one is missing, at month precision both name the same place;
- per role the resolved actor sets are equal, or one is a non-empty subset of
  the other (the merged event has the union);
- two reports from the same document never merge (its extractor already told
  them apart).

Order independence: the events of a block are a function of the set of
reports in it, never of the order they arrived in. Each write clusters the
whole block again from the original reports (kept in ``event_merges``):
greedily, in a canonical order (the reports naming most actors first, so a
full report gathers the partial ones), and a report that fits more than one
cluster stays on its own. Only ids depend on order: a stored event keeps its
id when reports join it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from brinkwatch import dates
from brinkwatch.records import Event, Provenance
from brinkwatch.store import schema as t
from brinkwatch.store.bulk import chunks
from brinkwatch.store.days import day_bounds
from brinkwatch.store.reader import events_by_ids

BlockKey = tuple[str, str]  # (PLOVER type, date) within which reports are compared


def block_of(ev: Event) -> BlockKey | None:
    """The block a text event is compared within, or None when the event never merges."""
    provs = ev.provenance
    if not provs or any(p.dataset is not None for p in provs):
        return None
    if ev.date is None or ev.date_end is not None or not (ev.source or ev.target):
        return None
    if dates.precision(ev.date) == "year":
        return None
    return ev.type, ev.date


@dataclass(frozen=True)
class Report:
    """One document's account of an event, as it arrived (actors resolved), and where it is stored now."""

    event: Event
    stored_in: str | None = None  # id of the stored event it is part of; None for an incoming report

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def documents(self) -> frozenset[str]:
        return frozenset(p.document for p in self.event.provenance if p.document is not None)


def _size_order(ev: Event) -> tuple[int, bool, bool, str]:
    """Reports naming most actors first: they gather the partial ones; the rest only fixes the order."""
    return -(len(ev.source) + len(ev.target)), ev.mode is None, ev.place is None, ev.id


def _specific_order(ev: Event) -> tuple[bool, int, bool, str]:
    """The report whose summary, intensity and quad class the merged event takes: the most specific."""
    return ev.mode is None, -(len(ev.source) + len(ev.target)), ev.place is None, ev.id


def _role_fits(a: frozenset[str], b: frozenset[str]) -> bool:
    """Equal actor sets, or one a non-empty subset of the other."""
    return a == b or (bool(a) and bool(b) and (a <= b or b <= a))


@dataclass
class _Cluster:
    """Reports taken as one event so far, with what they say together."""

    by_month: bool
    reports: list[Report] = field(default_factory=list)
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    mode: str | None = None
    place: str | None = None
    documents: frozenset[str] = frozenset()

    def accepts(self, r: Report) -> bool:
        ev = r.event
        if self.documents & r.documents:
            return False
        if ev.mode is not None and self.mode is not None and ev.mode != self.mode:
            return False
        if self.by_month:
            # a month is a wide window: only a named, shared place makes two reports one event
            if ev.place is None or ev.place != self.place:
                return False
        elif ev.place is not None and self.place is not None and ev.place != self.place:
            return False
        return _role_fits(frozenset(ev.source), self.source) and _role_fits(frozenset(ev.target), self.target)

    def add(self, r: Report) -> None:
        ev = r.event
        self.reports.append(r)
        self.source |= frozenset(ev.source)
        self.target |= frozenset(ev.target)
        self.mode = self.mode or ev.mode
        self.place = self.place or ev.place
        self.documents |= r.documents


def cluster(reports: Iterable[Report]) -> list[list[Report]]:
    """The reports of one block grouped into events; the result does not depend on the input order."""
    clusters: list[_Cluster] = []
    for r in sorted(reports, key=lambda r: _size_order(r.event)):
        fits = [c for c in clusters if c.accepts(r)]
        if len(fits) == 1:
            fits[0].add(r)
            continue
        alone = _Cluster(by_month=r.event.date is not None and dates.precision(r.event.date) == "month")
        alone.add(r)  # no fit, or several: ambiguous, so it stays on its own
        clusters.append(alone)
    return [c.reports for c in clusters]


def kept_id(members: Sequence[Report]) -> str:
    """The merged event's id: a stored event's own id if one is among them (ids stay), else the smallest."""
    stored = [r.id for r in members if r.id == r.stored_in]
    return min(stored) if stored else min(r.id for r in members)


def _provenance_key(p: Provenance) -> tuple[str | None, int | None, int | None]:
    return p.document, p.start, p.end


def combine(members: Sequence[Report], event_id: str) -> Event:
    """One event from a cluster's reports: what they agree on, the union of their actors, every source."""
    events = sorted((r.event for r in members), key=_specific_order)
    first = events[0]
    if len(events) == 1:
        return first
    provenance: dict[tuple[str | None, int | None, int | None], Provenance] = {}
    for ev in events:
        for p in ev.provenance:
            provenance.setdefault(_provenance_key(p), p)
    fatalities = [ev.fatalities for ev in events if ev.fatalities is not None]
    by_size = sorted(events, key=_size_order)
    return first.model_copy(
        update={
            "id": event_id,
            "source": list(dict.fromkeys(a for ev in by_size for a in ev.source)),
            "target": list(dict.fromkeys(a for ev in by_size for a in ev.target)),
            "mode": next((ev.mode for ev in events if ev.mode is not None), None),
            "place": next((ev.place for ev in events if ev.place is not None), None),
            "fatalities": max(fatalities) if fatalities else None,
            "confidence": max(ev.confidence for ev in events),
            "provenance": list(provenance.values()),
        }
    )


def reason(report: Report, merged: Event) -> str:
    """Why a report is part of a merged event, in the terms of the rules above."""
    ev = report.event

    def within(mine: list[str], theirs: list[str]) -> str:
        relation = "=" if set(mine) == set(theirs) else "within"
        return f"[{', '.join(mine)}] {relation} [{', '.join(theirs)}]"

    parts = [
        f"same {ev.type} on {ev.date}",
        f"source {within(ev.source, merged.source)}",
        f"target {within(ev.target, merged.target)}",
    ]
    if ev.mode != merged.mode:
        parts.append(f"mode {ev.mode or 'none'} refined to {merged.mode}")
    if ev.place != merged.place:
        parts.append(f"place {ev.place or 'none'} refined to {merged.place}")
    parts.append(f"reported in {', '.join(sorted(report.documents))}")
    if ev.id == merged.id:
        parts.append("its id kept")
    return "; ".join(parts)


@dataclass
class BlockPlan:
    """What re-clustering a block changes: stored events to remove, events to write with their reports."""

    delete: list[str] = field(default_factory=list)
    insert: list[tuple[Event, list[Report]]] = field(default_factory=list)


def plan_block(reports: Sequence[Report]) -> BlockPlan:
    """Cluster a block's reports (stored and incoming) and compare with what is stored.

    A stored event whose reports form exactly one cluster again is left alone;
    every other stored event of the block is replaced by the new clusters.
    """
    stored: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        if r.stored_in is not None:
            stored[r.stored_in].add(r.id)
    plan = BlockPlan()
    unchanged: set[str] = set()
    for members in cluster(reports):
        homes = {r.stored_in for r in members}
        home = next(iter(homes))
        if len(homes) == 1 and home is not None and stored[home] == {r.id for r in members}:
            unchanged.add(home)
            continue
        plan.insert.append((combine(members, kept_id(members)), members))
    plan.delete = sorted(set(stored) - unchanged)
    return plan


def load_blocks(conn: sa.Connection, keys: Iterable[BlockKey]) -> dict[BlockKey, list[Report]]:
    """The stored reports of each block: a merged event's from ``event_merges``, another event's own row."""
    wanted = set(keys)
    out: dict[BlockKey, list[Report]] = {key: [] for key in wanted}
    if not wanted:
        return out
    e, p = t.events, t.provenance
    own = (p.c.record_kind == "event", p.c.record_id == e.c.id)
    from_text = sa.exists().where(*own, p.c.document_id.is_not(None))
    from_dataset = sa.exists().where(*own, p.c.dataset.is_not(None))
    types = sorted({key[0] for key in wanted})
    days = sorted({day_bounds(key[1])[0] for key in wanted})
    ids: list[str] = []
    for day_part in chunks(days):
        query = sa.select(e.c.id, e.c.type, e.c.date).where(
            e.c.type.in_(types), e.c.lo.in_(day_part), e.c.date_end.is_(None), from_text, ~from_dataset
        )
        ids.extend(eid for eid, etype, day in conn.execute(query) if (etype, day) in wanted)
    ids.sort()
    snapshots: dict[str, list[str]] = defaultdict(list)
    m = t.event_merges
    for part in chunks(ids):
        query = sa.select(m.c.kept_id, m.c.report).where(m.c.kept_id.in_(part)).order_by(m.c.merged_id)
        for kept, report in conn.execute(query):
            snapshots[kept].append(report)
    for ev in events_by_ids(conn, ids, derived=False):
        key = block_of(ev)
        if key not in out:
            continue  # an event without actors: it never merges
        if ev.id in snapshots:
            out[key].extend(Report(Event.model_validate_json(s), ev.id) for s in snapshots[ev.id])
        else:
            out[key].append(Report(ev, ev.id))
    return out


def text_blocks(conn: sa.Connection) -> set[BlockKey]:
    """Every block that holds at least one stored text event (to re-cluster a whole store)."""
    e, p = t.events, t.provenance
    text_ids = sa.select(p.c.record_id).where(p.c.record_kind == "event", p.c.document_id.is_not(None))
    query = (
        sa.select(e.c.type, e.c.date)
        .where(e.c.id.in_(text_ids), e.c.date_end.is_(None), e.c.date.is_not(None))
        .distinct()
    )
    return {(etype, day) for etype, day in conn.execute(query) if dates.precision(day) != "year"}
