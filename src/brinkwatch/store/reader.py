"""Reading records back out of the store: rows to interchange records, and the filtered queries.

Records are rebuilt without re-validation: everything in the store was
validated on the way in, and exporting a million events should cost the
database's time, not pydantic's. :func:`build` sets the instance state as
``model_construct`` does, but with each model's defaults read once, since
``model_construct`` itself (written in Python) costs several times a row's read.
Related rows (event actors, provenance, aliases) are fetched per chunk of ids
with one ``IN`` query each, never one query per record.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel

from brinkwatch.records import Actor, Document, Event, Place, Provenance, Relation
from brinkwatch.store import schema as t
from brinkwatch.store.bulk import chunks
from brinkwatch.store.days import query_bounds

ActorFilter = str | Sequence[str] | None
CORROBORATION = "corroboration"  # derived key of a text event read back: how many documents report it
DateLike = date | str | None

M = TypeVar("M", bound=BaseModel)
# per model: every field with its plain default (a placeholder for factory fields), and the factories
_Defaults = tuple[dict[str, Any], dict[str, Any]]
_DEFAULTS: dict[type[BaseModel], _Defaults] = {}
_new = object.__new__
_set = object.__setattr__


def _defaults(cls: type[BaseModel]) -> _Defaults:
    """A model's fields in order with their plain defaults, and its default factories; read once per class."""
    found = _DEFAULTS.get(cls)
    if found is None:
        fields = cls.model_fields
        template = {n: None if f.default_factory is not None else f.default for n, f in fields.items()}
        factories = {n: f.default_factory for n, f in fields.items() if f.default_factory is not None}
        found = _DEFAULTS[cls] = (template, factories)
    return found


def build(cls: type[M], values: dict[str, Any], extra: dict[str, Any] | None = None) -> M:
    """A record from stored (already validated) values, the instance state ``model_construct`` would set.

    ``values`` holds fields of the model only (absent ones take their defaults
    and stay out of the fields-set, so dumps with ``exclude_unset`` read as the
    input did); ``extra`` holds the unknown keys the record carried.
    """
    template, factories = _defaults(cls)
    state = template.copy()  # keeps the model's field order, which dumps follow
    state.update(values)
    for name, factory in factories.items():
        if name not in values:
            state[name] = factory()
    obj = _new(cls)
    _set(obj, "__dict__", state)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", extra or {})
    _set(obj, "__pydantic_private__", None)
    return obj


def _extra(raw: str | None) -> dict[str, Any]:
    return json.loads(raw) if raw else {}


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Drop None so a rebuilt record equals the one that went in (defaults stay defaults)."""
    return {k: v for k, v in values.items() if v is not None}


def provenance_by_record(conn: sa.Connection, kind: str, ids: Sequence[str]) -> dict[str, list[Provenance]]:
    """Provenance lists for many records of one kind, in their original order."""
    p = t.provenance
    out: dict[str, list[Provenance]] = defaultdict(list)
    for part in chunks(ids):
        query = (
            sa.select(
                p.c.record_id,
                p.c.document_id,
                p.c.start,
                p.c.end,
                p.c.text,
                p.c.dataset,
                p.c.record,
                p.c.extra,
            )
            .where(p.c.record_kind == kind, p.c.record_id.in_(part))
            .order_by(p.c.record_id, p.c.position)
        )
        for rid, doc, start, end, text, dataset, record, extra in conn.execute(query):
            fields = _clean(
                {
                    "document": doc,
                    "start": start,
                    "end": end,
                    "text": text,
                    "dataset": dataset,
                    "record": record,
                }
            )
            out[rid].append(build(Provenance, fields, _extra(extra)))
    return out


def _aliases(
    conn: sa.Connection, table: sa.Table, owner_col: str, ids: Sequence[str]
) -> dict[str, list[str]]:
    """Aliases other than the canonical name (position 0), in the order they were learned."""
    owner = table.c[owner_col]
    out: dict[str, list[str]] = defaultdict(list)
    for part in chunks(ids):
        query = (
            sa.select(owner, table.c.alias)
            .where(owner.in_(part), table.c.position > 0)
            .order_by(owner, table.c.position)
        )
        for oid, alias in conn.execute(query):
            out[oid].append(alias)
    return out


def actors_from_rows(conn: sa.Connection, rows: Sequence[sa.RowMapping]) -> list[Actor]:
    """Actor records for actor rows, with aliases and provenance."""
    ids = [r["id"] for r in rows]
    aliases = _aliases(conn, t.actor_aliases, "actor_id", ids)
    provs = provenance_by_record(conn, "actor", ids)
    out = []
    for r in rows:
        fields = _clean(
            {
                k: r[k]
                for k in (
                    "id",
                    "name",
                    "type",
                    "country",
                    "code",
                    "born",
                    "founded",
                    "died",
                    "dissolved",
                    "confidence",
                )
            }
        )
        fields.update(aliases=aliases.get(r["id"], []), provenance=provs.get(r["id"], []))
        out.append(build(Actor, fields, _extra(r["extra"])))
    return out


def places_from_rows(conn: sa.Connection, rows: Sequence[sa.RowMapping]) -> list[Place]:
    """Place records for place rows, with aliases and provenance."""
    ids = [r["id"] for r in rows]
    aliases = _aliases(conn, t.place_aliases, "place_id", ids)
    provs = provenance_by_record(conn, "place", ids)
    out = []
    for r in rows:
        fields = _clean({k: r[k] for k in ("id", "name", "type", "country", "lat", "lon", "confidence")})
        fields.update(aliases=aliases.get(r["id"], []), provenance=provs.get(r["id"], []))
        out.append(build(Place, fields, _extra(r["extra"])))
    return out


def document_from_row(r: sa.RowMapping) -> Document:
    """A document record (metadata only; the text stays in the store)."""
    fields = _clean({k: r[k] for k in ("id", "published", "url", "sha256")})
    fields["title"] = r["title"]
    return build(Document, fields, _extra(r["extra"]))


def relations_from_rows(
    conn: sa.Connection, rows: Sequence[sa.RowMapping], with_closure: bool
) -> list[Relation]:
    """Relation records as learned.

    ``with_closure`` adds ``closed_by``/``closed_to`` to those a later source closed
    (queries show it; export leaves it out, since re-importing re-derives it).
    """
    provs = provenance_by_record(conn, "relation", [r["id"] for r in rows])
    out = []
    for r in rows:
        fields = _clean(
            {
                k: r[k]
                for k in ("id", "type", "source", "target", "role", "valid_from", "valid_to", "confidence")
            }
        )
        extra = _extra(r["extra"])
        if with_closure and r["closed_by"] is not None:
            extra.update(closed_by=r["closed_by"], closed_to=r["closed_to"])
        fields["provenance"] = provs.get(r["id"], [])
        out.append(build(Relation, fields, extra))
    return out


def events_by_ids(conn: sa.Connection, ids: Sequence[str], derived: bool = True) -> list[Event]:
    """Event records for ids, in the order of ``ids``.

    ``derived`` adds what the store works out rather than keeps: ``corroboration``,
    the number of distinct documents reporting a text event (several once
    reports of it were merged; see :mod:`brinkwatch.store.dedup`).
    """
    rows: dict[str, sa.RowMapping] = {}
    for part in chunks(ids):
        for r in conn.execute(sa.select(t.events).where(t.events.c.id.in_(part))).mappings():
            rows[r["id"]] = r
    roles: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"source": [], "target": []})
    ea = t.event_actors
    for part in chunks(ids):
        query = (
            sa.select(ea.c.event_id, ea.c.role, ea.c.actor_id)
            .where(ea.c.event_id.in_(part))
            .order_by(ea.c.event_id, ea.c.role, ea.c.position)
        )
        for eid, role, actor_id in conn.execute(query):
            roles[eid][role].append(actor_id)
    provs = provenance_by_record(conn, "event", ids)
    out = []
    for eid in ids:
        r = rows[eid]
        fields = _clean(
            {
                k: r[k]
                for k in (
                    "id",
                    "type",
                    "mode",
                    "date",
                    "date_end",
                    "place",
                    "fatalities",
                    "intensity",
                    "quad_class",
                    "confidence",
                )
            }
        )
        who = roles.get(eid, {"source": [], "target": []})
        sources = provs.get(eid, [])
        fields.update(summary=r["summary"], source=who["source"], target=who["target"], provenance=sources)
        extra = _extra(r["extra"])
        if derived:
            documents = {p.document for p in sources if p.document is not None}
            if documents:
                extra[CORROBORATION] = len(documents)
        out.append(build(Event, fields, extra))
    return out


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``Store.events``; actor ids are already canonical."""

    actor: list[str] | None = None
    source: list[str] | None = None
    target: list[str] | None = None
    types: list[str] | None = None
    since: DateLike = None
    until: DateLike = None
    longest_span: int = 0  # max(hi - lo) over stored events: how far before ``since`` a match may start

    def id_query(self) -> sa.Select[tuple[int, str]]:
        """``(lo, id)`` of matching events in date order (undated last), without duplicates.

        When an actor filter is given the query is driven by the ``event_actors``
        index on ``(actor_id, lo, event_id)``: a range scan already in date order,
        so "the first 50 events of this actor" reads about 50 index entries.
        """
        e, ea = t.events, t.event_actors
        actor_terms = [
            (ids, role)
            for ids, role in ((self.actor, None), (self.source, "source"), (self.target, "target"))
            if ids is not None
        ]
        conditions: list[sa.ColumnElement[bool]] = []
        if actor_terms:
            (ids, role), rest = actor_terms[0], actor_terms[1:]
            lo_col, id_col = ea.c.lo, ea.c.event_id
            conditions.append(ea.c.actor_id.in_(ids))
            if role is not None:
                conditions.append(ea.c.role == role)
            for other_ids, other_role in rest:
                other = ea.alias()
                sub = [other.c.event_id == ea.c.event_id, other.c.actor_id.in_(other_ids)]
                if other_role is not None:
                    sub.append(other.c.role == other_role)
                conditions.append(sa.exists().where(*sub))
            query = sa.select(lo_col, id_col).select_from(ea)
            if self.types or self.since is not None:
                query = query.join(e, e.c.id == ea.c.event_id)
            if len(ids) > 1 or role is None:
                query = query.distinct()
        else:
            lo_col, id_col = e.c.lo, e.c.id
            query = sa.select(lo_col, id_col).select_from(e)
        if self.types:
            conditions.append(e.c.type.in_(self.types))
        if self.since is not None:
            since_day = query_bounds(self.since)[0]
            conditions.append(e.c.hi >= since_day)
            conditions.append(lo_col >= since_day - self.longest_span)  # implied by the line above; indexable
        if self.until is not None:
            conditions.append(lo_col <= query_bounds(self.until)[1])
        if self.since is not None or self.until is not None:
            conditions.append(lo_col < t.UNDATED)
        return query.where(*conditions).order_by(lo_col, id_col)


def iter_event_ids(
    conn: sa.Connection, flt: EventFilter, limit: int | None, offset: int, chunk: int
) -> Iterator[list[str]]:
    """Matching event ids in date order, a chunk at a time (keyset pagination, constant memory)."""
    base = flt.id_query()
    last: tuple[int, str] | None = None
    remaining = limit
    skip = offset
    while remaining is None or remaining > 0:
        lo_col, id_col = base.selected_columns[0], base.selected_columns[1]
        query = base
        if last is not None:
            query = query.where(sa.or_(lo_col > last[0], sa.and_(lo_col == last[0], id_col > last[1])))
        size = chunk if remaining is None else min(chunk, remaining)
        rows = conn.execute(query.limit(size).offset(skip)).all()
        skip = 0
        if not rows:
            return
        last = (rows[-1][0], rows[-1][1])
        yield [r[1] for r in rows]
        if remaining is not None:
            remaining -= len(rows)
        if len(rows) < size:
            return


@dataclass(frozen=True)
class ActorSummary:
    """What a graph node or a timeline label needs of an actor: far cheaper than a full :class:`Actor`.

    Building full actor records (aliases, provenance) for the whole store costs
    more than the rest of a graph request, so the API asks for these instead.
    """

    id: str
    name: str
    type: str
    country: str | None


def actor_summaries(conn: sa.Connection, ids: Sequence[str]) -> dict[str, ActorSummary]:
    """Id, name, type and country of the given actors (unknown ids are left out)."""
    a = t.actors
    found: dict[str, ActorSummary] = {}
    for part in chunks(sorted(set(ids))):
        rows = conn.execute(sa.select(a.c.id, a.c.name, a.c.type, a.c.country).where(a.c.id.in_(part)))
        found.update({r.id: ActorSummary(r.id, r.name, r.type, r.country) for r in rows})
    return found
