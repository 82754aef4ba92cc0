"""Writing records into the store: bulk, idempotent, with actor resolution.

One :class:`RecordWriter` lives for one transaction. Actors, places and
documents are written as they arrive (they are few, and later records refer to
them); relations and events are buffered and flushed with Core ``executemany``
in batches, because per-row ORM objects would cost several times the database's
own insert time on a million-event import.

Events, their actor rows and their provenance go through the raw DBAPI
connection with precompiled SQL and tuples (:mod:`brinkwatch.store.bulk`):
per-row dicts through Core cost more than the database's own insert time.

Idempotency: a record whose id is already stored is skipped, and so is a
relation or event whose dataset row (``provenance.dataset`` + ``record``) is
already stored under another id, so re-importing a dataset adds nothing. When
a table held no records of the kind at the start of the call (a fresh store,
the common bulk load) nothing stored can clash, so the ids and row keys of the
call are remembered in memory instead of looked up batch by batch; past
:data:`MEMORY_LIMIT` entries the writer falls back to the lookups, which see
everything the call has written.

Event de-duplication: a text event (document provenance) dated to a day or a
month is not inserted as it comes; at flush it joins the stored reports of its
block (same type and date) and :mod:`brinkwatch.store.dedup` decides which
reports are one event. Dataset events never take that path.

Actor resolution: an incoming actor whose id is stored gets its new aliases
added; otherwise, if its name or an alias folds to a stored actor's alias, it is
mapped onto that actor, the mapping is recorded in ``merges``, and every later
reference to the incoming id (in this call or any later one) is rewritten.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from brinkwatch import dates
from brinkwatch.records import (
    SYMMETRIC_RELATIONS,
    Actor,
    AnyRecord,
    Document,
    Event,
    Place,
    Provenance,
    Relation,
    to_json,
)
from brinkwatch.store import dedup
from brinkwatch.store import schema as t
from brinkwatch.store.bulk import (
    EVENT_ACTOR_COLUMNS,
    EVENT_COLUMNS,
    PROVENANCE_COLUMNS,
    chunks,
    insert_rows,
    stored_values,
    table_has_rows,
)
from brinkwatch.store.days import day_bounds, interval_days
from brinkwatch.store.errors import UnknownActorError, check_no_nul
from brinkwatch.store.names import fold
from brinkwatch.store.reader import CORROBORATION
from brinkwatch.store.schema import UNDATED

ROW_KEY_SEP = "\x1f"
MEMORY_LIMIT = 2_000_000  # ids + row keys remembered per record kind before falling back to lookups

# (event row tuple, source ids, target ids, provenance row tuples, dataset row keys)
_BufferedEvent = tuple[tuple[Any, ...], list[str], list[str], list[tuple[Any, ...]], list[str]]


@dataclass
class AddStats:
    """What one ``add_records`` call did, per record kind."""

    added: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    merged: int = 0
    closed: int = 0
    events_merged: int = 0  # text events stored as further reports of an event, not as events of their own

    def to_dict(self) -> dict[str, Any]:
        """Plain counts for JSON output."""
        return {
            "added": dict(self.added),
            "skipped": dict(self.skipped),
            "updated": dict(self.updated),
            "merged": self.merged,
            "closed": self.closed,
            "events_merged": self.events_merged,
        }


def extra_json(record: Actor | Place | Relation | Event | Document | Provenance) -> str | None:
    """Unknown keys a record carried (RECORDS.md allows them), kept so export gives them back.

    An event's ``corroboration`` is left out: the store derives it on reading, so
    an exported event that is imported again does not keep a stale count.
    """
    extra = record.model_extra
    if extra and isinstance(record, Event) and CORROBORATION in extra:
        extra = {k: v for k, v in extra.items() if k != CORROBORATION}
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def row_key(prov: Provenance) -> str | None:
    """The dataset-row identity of a provenance entry, or None for document spans."""
    if prov.dataset is None:
        return None
    return f"{prov.dataset}{ROW_KEY_SEP}{prov.record}"


def _dedupe(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class _CallMemory:
    """The ids and dataset-row keys one call wrote for a kind whose table was empty when it began."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.keys: set[str] = set()

    def remember(self, items: Iterable[tuple[str, list[str]]]) -> bool:
        """Add written records; False once the memory is past its limit (the caller then drops it)."""
        for rid, keys in items:
            self.ids.add(rid)
            self.keys.update(keys)
        return len(self.ids) + len(self.keys) <= MEMORY_LIMIT


class RecordWriter:
    """Writes a stream of records on one open connection (inside the caller's transaction)."""

    def __init__(self, conn: sa.Connection, now: datetime, batch_size: int = 5000) -> None:
        self.conn = conn
        self.now = now
        self.batch_size = batch_size
        self.stats = AddStats()
        self._canon: dict[str, str] = {}  # incoming actor id -> stored actor id
        self._added_here: set[str] = set()  # actor ids first given in this stream (stored or merged)
        self._pending_refs: list[tuple[str, str, str, str, int]] = []  # kind, id, field, actor id, position
        self._position = 0  # ordinal of the current record in the stream, for error messages
        self._event_buffer: dict[str, _BufferedEvent] = {}  # by event id, in arrival order
        self._reports: dict[str, Event] = {}  # buffered text events that may merge (see dedup), by id
        self._relations: list[tuple[Relation, dict[str, Any]]] = []
        # per record kind: what this call wrote, while nothing stored before it can clash (None: look up)
        self._memory: dict[str, _CallMemory | None] = {}
        self._inserted_since_analyze = 0
        self._inserted_at_analyze = 0

    # -- the stream -------------------------------------------------------------------------

    def add(self, record: AnyRecord) -> None:
        """Take one record; relations and events may wait in a buffer until :meth:`flush`."""
        self._position += 1
        if isinstance(record, Event):
            self._buffer_event(record)
        elif isinstance(record, Relation):
            self._buffer_relation(record)
        elif isinstance(record, Actor):
            self._check_fields(record)
            self._add_actor(record)
        elif isinstance(record, Place):
            self._check_fields(record)
            self._add_place(record)
        else:
            self.add_document_record(record)

    def _check_fields(self, record: Actor | Place | Document) -> None:
        """NUL check of every text field and list item (these records are few, so a full walk is cheap)."""
        values: dict[str, object] = {}
        for name, value in record.model_dump(exclude={"provenance"}).items():
            if isinstance(value, list):
                values.update({f"{name}.{i}": item for i, item in enumerate(value)})
            else:
                values[name] = value
        check_no_nul(record.kind, record.id, values, self._position)

    def flush(self) -> None:
        """Write every buffered relation and event."""
        self._flush_relations()
        self._flush_events()

    # -- actors -----------------------------------------------------------------------------

    def canonical(self, actor_id: str) -> str | None:
        """The stored actor an id stands for (itself, or the actor it was merged into), or None."""
        hit = self._canon.get(actor_id)
        if hit is not None:
            return hit
        self._load_canonical([actor_id])
        return self._canon.get(actor_id)

    def _load_canonical(self, ids: Sequence[str]) -> None:
        missing = [i for i in _dedupe(ids) if i not in self._canon]
        for part in chunks(missing):
            for (actor_id,) in self.conn.execute(sa.select(t.actors.c.id).where(t.actors.c.id.in_(part))):
                self._canon[actor_id] = actor_id
            query = sa.select(t.merges.c.merged_id, t.merges.c.kept_id).where(t.merges.c.merged_id.in_(part))
            for merged_id, kept_id in self.conn.execute(query):
                self._canon[merged_id] = kept_id

    def _add_actor(self, actor: Actor) -> None:
        kept = self.canonical(actor.id)
        if kept is None:
            kept, reason = self._match_by_alias(actor)
            if kept is not None:
                self.conn.execute(
                    t.merges.insert().values(
                        merged_id=actor.id, kept_id=kept, merged_at=self.now, reason=reason
                    )
                )
                self._canon[actor.id] = kept
                self._added_here.add(actor.id)
                self.stats.merged += 1
        if kept is None:
            self._insert_actor(actor)
            self._canon[actor.id] = actor.id
            self._added_here.add(actor.id)
            self.stats.added["actor"] += 1
            return
        changed = self._add_aliases(t.actor_aliases, "actor_id", kept, [actor.name, *actor.aliases])
        changed |= self._fill_actor_fields(kept, actor)
        changed |= self._add_provenance_once("actor", kept, actor.provenance)
        (self.stats.updated if changed else self.stats.skipped)["actor"] += 1

    def _match_by_alias(self, actor: Actor) -> tuple[str | None, str]:
        """The one stored actor the incoming one's names fold to, preferring the same type."""
        names = {fold(n): n for n in [actor.name, *actor.aliases]}
        names.pop("", None)
        if not names:
            return None, ""
        query = (
            sa.select(t.actor_aliases.c.actor_id, t.actor_aliases.c.normalized, t.actors.c.type)
            .join(t.actors, t.actors.c.id == t.actor_aliases.c.actor_id)
            .where(t.actor_aliases.c.normalized.in_(list(names)))
        )
        hits: dict[str, tuple[str, str]] = {}
        for actor_id, normalized, actor_type in self.conn.execute(query):
            hits.setdefault(actor_id, (normalized, actor_type))
        candidates = sorted(hits)
        if len(candidates) > 1:
            candidates = [c for c in candidates if hits[c][1] == actor.type]
        if len(candidates) != 1:
            return None, ""  # no match, or ambiguous: keep the incoming actor separate
        kept = candidates[0]
        normalized, kept_type = hits[kept]
        reason = f"name {names[normalized]!r} folds to {normalized!r}, an alias of {kept!r} ({kept_type})"
        return kept, reason

    def _insert_actor(self, actor: Actor) -> None:
        self.conn.execute(
            t.actors.insert().values(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                country=actor.country,
                code=actor.code,
                born=actor.born,
                founded=actor.founded,
                died=actor.died,
                dissolved=actor.dissolved,
                confidence=actor.confidence,
                learned_at=self.now,
                extra=extra_json(actor),
            )
        )
        self._add_aliases(t.actor_aliases, "actor_id", actor.id, [actor.name, *actor.aliases])
        self._add_provenance_once("actor", actor.id, actor.provenance)

    def _fill_actor_fields(self, actor_id: str, actor: Actor) -> bool:
        """Fill fields the stored actor lacks from the incoming one; never overwrite what is known."""
        row = self.conn.execute(sa.select(t.actors).where(t.actors.c.id == actor_id)).mappings().one()
        fill = {
            name: getattr(actor, name)
            for name in ("country", "code", "born", "founded", "died", "dissolved")
            if row[name] is None and getattr(actor, name) is not None
        }
        if fill:
            self.conn.execute(t.actors.update().where(t.actors.c.id == actor_id).values(**fill))
        return bool(fill)

    def _add_aliases(self, table: sa.Table, owner_col: str, owner: str, names: list[str]) -> bool:
        """Add the names an owner does not have yet; position 0 is the canonical name."""
        owner_c = table.c[owner_col]
        rows = self.conn.execute(sa.select(table.c.alias, table.c.position).where(owner_c == owner)).all()
        have = {alias for alias, _ in rows}
        position = max((pos for _, pos in rows), default=-1) + 1
        new = []
        for name in _dedupe(n for n in names if n):
            if name in have:
                continue
            new.append({owner_col: owner, "alias": name, "normalized": fold(name), "position": position})
            position += 1
        if new:
            self.conn.execute(table.insert(), new)
        return bool(rows) and bool(new)

    # -- places and documents ---------------------------------------------------------------

    def _add_place(self, place: Place) -> None:
        exists = self.conn.execute(sa.select(t.places.c.id).where(t.places.c.id == place.id)).first()
        if exists is None:
            self.conn.execute(
                t.places.insert().values(
                    id=place.id,
                    name=place.name,
                    type=place.type,
                    country=place.country,
                    lat=place.lat,
                    lon=place.lon,
                    confidence=place.confidence,
                    learned_at=self.now,
                    extra=extra_json(place),
                )
            )
            self._add_aliases(t.place_aliases, "place_id", place.id, [place.name, *place.aliases])
            self._add_provenance_once("place", place.id, place.provenance)
            self.stats.added["place"] += 1
            return
        changed = self._add_aliases(t.place_aliases, "place_id", place.id, [place.name, *place.aliases])
        changed |= self._add_provenance_once("place", place.id, place.provenance)
        (self.stats.updated if changed else self.stats.skipped)["place"] += 1

    def add_document_record(self, doc: Document, text: str | None = None) -> str | None:
        """Store a document; returns None when the same id or the same text (sha256) is already stored."""
        self._check_fields(doc)
        check_no_nul("document", doc.id, {"text": text}, self._position)
        docs = t.documents
        clash = (
            sa.or_(docs.c.id == doc.id, docs.c.sha256 == doc.sha256) if doc.sha256 else docs.c.id == doc.id
        )
        if self.conn.execute(sa.select(docs.c.id).where(clash)).first() is not None:
            self.stats.skipped["document"] += 1
            return None
        self.conn.execute(
            docs.insert().values(
                id=doc.id,
                title=doc.title,
                url=doc.url,
                published=doc.published,
                published_precision=dates.precision(doc.published) if doc.published else None,
                sha256=doc.sha256,
                text=text,
                ingested_at=self.now,
                extra=extra_json(doc),
            )
        )
        self.stats.added["document"] += 1
        return doc.id

    # -- provenance -------------------------------------------------------------------------

    def provenance_rows(
        self, kind: str, record_id: str, provs: list[Provenance], first: int = 0
    ) -> list[dict[str, Any]]:
        """Provenance table rows for a record's provenance list."""
        rows = [
            {
                "record_kind": kind,
                "record_id": record_id,
                "position": first + i,
                "document_id": p.document,
                "start": p.start,
                "end": p.end,
                "text": p.text,
                "dataset": p.dataset,
                "record": p.record,
                "row_key": row_key(p),
                "extra": extra_json(p),
            }
            for i, p in enumerate(provs)
        ]
        for i, row in enumerate(rows):
            check_no_nul(kind, record_id, row, self._position, prefix=f"provenance.{i}.")
        return rows

    def _add_provenance_once(self, kind: str, record_id: str, provs: list[Provenance]) -> bool:
        """Add the provenance entries a record does not already have (re-imports add nothing)."""
        if not provs:
            return False
        p = t.provenance
        existing = self.conn.execute(
            sa.select(p.c.document_id, p.c.start, p.c.end, p.c.dataset, p.c.record, p.c.position).where(
                p.c.record_id == record_id, p.c.record_kind == kind
            )
        ).all()
        have = {tuple(row[:5]) for row in existing}
        first = max((row[5] for row in existing), default=-1) + 1
        new = [x for x in provs if (x.document, x.start, x.end, x.dataset, x.record) not in have]
        if new:
            self.conn.execute(p.insert(), self.provenance_rows(kind, record_id, new, first))
        return bool(new)

    # -- relations --------------------------------------------------------------------------

    def _reference(self, kind: str, record_id: str, fieldname: str, actor_id: str) -> str | None:
        """The stored id for a reference if known now; otherwise remember it for the bulk lookup at flush."""
        kept = self._canon.get(actor_id)
        if kept is None:
            self._pending_refs.append((kind, record_id, fieldname, actor_id, self._position))
        return kept

    def _check_pending_refs(self) -> None:
        """Resolve references unknown when buffered, one lookup per chunk; raise for the first bad one.

        An id that was unknown when its record arrived but was added later in the
        same stream is still an error: actors must come first, whatever the batch size.
        """
        if not self._pending_refs:
            return
        refs, self._pending_refs = self._pending_refs, []
        self._load_canonical([ref[3] for ref in refs if ref[3] not in self._added_here])
        for kind, record_id, fieldname, actor_id, position in refs:
            if actor_id in self._added_here or actor_id not in self._canon:
                raise UnknownActorError(kind, record_id, fieldname, actor_id, position)

    def _buffer_relation(self, rel: Relation) -> None:
        self._reference("relation", rel.id, "source", rel.source)
        self._reference("relation", rel.id, "target", rel.target)
        from_day, to_day = interval_days(rel.valid_from, rel.valid_to)
        row = {
            "id": rel.id,
            "type": rel.type,
            "source": rel.source,
            "target": rel.target,
            "role": rel.role,
            "valid_from": rel.valid_from,
            "valid_to": rel.valid_to,
            "from_day": from_day,
            "to_day": to_day,
            "confidence": rel.confidence,
            "learned_at": self.now,
            "closed_by": None,
            "closed_to": None,
            "superseded_at": None,
            "extra": extra_json(rel),
        }
        check_no_nul("relation", rel.id, row, self._position)
        self._relations.append((rel, row))
        if len(self._relations) >= self.batch_size:
            self._flush_relations()

    def _flush_relations(self) -> None:
        if not self._relations:
            return
        self._check_pending_refs()
        batch, self._relations = self._relations, []
        items = [(rel.id, [k for k in map(row_key, rel.provenance) if k is not None]) for rel, _ in batch]
        fresh = self._fresh("relation", t.relations, items)
        rows: list[dict[str, Any]] = []
        prov_rows: list[dict[str, Any]] = []
        written: list[tuple[str, list[str]]] = []
        for (rel, row), item in zip(batch, items, strict=True):
            if rel.id not in fresh:
                self.stats.skipped["relation"] += 1
                continue
            fresh.discard(rel.id)  # a repeated id later in the same batch is a duplicate
            row["source"], row["target"] = self._canon[row["source"]], self._canon[row["target"]]
            rows.append(row)
            written.append(item)
            prov_rows.extend(self.provenance_rows("relation", rel.id, rel.provenance))
        self._close_open_relations(rows)
        if rows:
            self.conn.execute(t.relations.insert(), rows)
            self.stats.added["relation"] += len(rows)
        if prov_rows:
            self.conn.execute(t.provenance.insert(), prov_rows)
        self._remember("relation", written)

    @staticmethod
    def _keys(row: dict[str, Any]) -> list[tuple[str, str, str]]:
        keys = [(row["type"], row["source"], row["target"])]
        if row["type"] in SYMMETRIC_RELATIONS:
            keys.append((row["type"], row["target"], row["source"]))
        return keys

    def _close_open_relations(self, rows: list[dict[str, Any]]) -> None:
        """A relation with a known end closes earlier open-ended ones of the same type and pair.

        "Earlier" is the order of learning: relations already stored, then those
        before it in the stream. The earlier record is kept as it was learned;
        only its effective end (``to_day``) changes, with ``closed_by``,
        ``closed_to`` and ``superseded_at`` saying which record closed it and when.
        """
        closers = [row for row in rows if row["valid_to"] is not None]
        if not closers:
            return
        wanted = {key for row in closers for key in self._keys(row)}
        open_by_key: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        r = t.relations
        sources = sorted({key[1] for key in wanted})
        for part in chunks(sources):
            query = sa.select(r.c.id, r.c.type, r.c.source, r.c.target, r.c.from_day, r.c.valid_to).where(
                r.c.source.in_(part), r.c.valid_to.is_(None), r.c.closed_by.is_(None)
            )
            for stored in self.conn.execute(query).mappings():
                key = (stored["type"], stored["source"], stored["target"])
                if key in wanted:
                    open_by_key.setdefault(key, []).append({**stored, "stored": True, "closed_by": None})
        updates: list[dict[str, Any]] = []
        for row in rows:
            if row["valid_to"] is None:
                open_by_key.setdefault((row["type"], row["source"], row["target"]), []).append(row)
                continue
            closing = {
                "to_day": row["to_day"],
                "closed_by": row["id"],
                "closed_to": row["valid_to"],
                "superseded_at": self.now,
            }
            for key in self._keys(row):
                still_open = []
                for candidate in open_by_key.get(key, []):
                    if candidate["from_day"] > row["to_day"]:
                        still_open.append(candidate)
                        continue
                    candidate.update(closing)
                    self.stats.closed += 1
                    if candidate.get("stored"):
                        updates.append({"b_id": candidate["id"], **closing})
                open_by_key[key] = still_open
        if updates:
            self.conn.execute(
                r.update()
                .where(r.c.id == sa.bindparam("b_id"))
                .values(
                    to_day=sa.bindparam("to_day"),
                    closed_by=sa.bindparam("closed_by"),
                    closed_to=sa.bindparam("closed_to"),
                    superseded_at=sa.bindparam("superseded_at"),
                ),
                updates,
            )

    # -- events -----------------------------------------------------------------------------

    def _buffer_event(self, ev: Event) -> None:
        """Check an event and keep it as tuples ready for ``executemany`` (the per-record hot path)."""
        eid = ev.id
        if eid in self._event_buffer:  # the same id twice in one batch: keep the first
            self.stats.skipped["event"] += 1
            return
        canon = self._canon
        source, target = ev.source, ev.target
        for actor_id in source:
            if actor_id not in canon:
                self._reference("event", eid, "source", actor_id)
        for actor_id in target:
            if actor_id not in canon:
                self._reference("event", eid, "target", actor_id)
        row, provs, keys = self._event_tuples(ev)
        self._event_buffer[eid] = (row, source, target, provs, keys)
        if not keys and dedup.block_of(ev) is not None:  # a dataset row (keys) never merges
            self._reports[eid] = ev
        if len(self._event_buffer) >= self.batch_size:
            self._flush_events()

    def _event_tuples(self, ev: Event) -> tuple[tuple[Any, ...], list[tuple[Any, ...]], list[str]]:
        """The event's row, its provenance rows and its dataset row keys, NUL-checked."""
        eid = ev.id
        day, day_end = ev.date, ev.date_end
        if day:
            lo, hi = day_bounds(day)
            if day_end:
                hi = day_bounds(day_end)[1]
        else:
            lo = hi = UNDATED
        mode, place, summary = ev.mode, ev.place, ev.summary
        row = (
            eid, ev.type, mode, day, day_end, lo, hi, place, ev.fatalities, ev.intensity, ev.quad_class,
            summary, ev.confidence, extra_json(ev) if ev.__pydantic_extra__ else None,
        )
        # one containment test over the text fields; the field is named only when one fails
        if "\x00" in f"{eid}{ev.type}{mode}{day}{day_end}{place}{summary}":
            check_no_nul("event", eid, dict(zip(EVENT_COLUMNS, row, strict=True)), self._position)
        provs: list[tuple[Any, ...]] = []
        keys: list[str] = []
        for i, p in enumerate(ev.provenance):
            dataset, record, text = p.dataset, p.record, p.text
            key = None if dataset is None else f"{dataset}{ROW_KEY_SEP}{record}"
            if key is not None:
                keys.append(key)
            prov = (
                "event", eid, i, p.document, p.start, p.end, text, dataset, record, key,
                extra_json(p) if p.__pydantic_extra__ else None,
            )
            if "\x00" in f"{p.document}{text}{dataset}{record}":
                check_no_nul(
                    "event", eid, dict(zip(PROVENANCE_COLUMNS, prov, strict=True)), self._position,
                    prefix=f"provenance.{i}.",
                )
            provs.append(prov)
        return row, provs, keys

    def _flush_events(self) -> None:
        if not self._event_buffer:
            return
        self._check_pending_refs()
        buffer, self._event_buffer = self._event_buffer, {}
        candidates, self._reports = self._reports, {}
        fresh = self._fresh("event", t.events, [(eid, entry[4]) for eid, entry in buffer.items()])
        keep: list[tuple[Any, ...]] = []
        actor_rows: list[tuple[Any, ...]] = []
        prov_rows: list[tuple[Any, ...]] = []
        written: list[tuple[str, list[str]]] = []
        reports: list[Event] = []
        for eid, (row, source, target, provs, keys) in buffer.items():
            if eid not in fresh:
                continue
            if eid in candidates:
                reports.append(candidates[eid])
                continue
            keep.append(row)
            prov_rows.extend(provs)
            written.append((eid, keys))
            actor_rows.extend(self._actor_rows(eid, row[5], source, target))
        self.stats.skipped["event"] += len(buffer) - len(keep) - len(reports)
        if keep:
            insert_rows(self.conn, "events", EVENT_COLUMNS, keep)
            insert_rows(self.conn, "event_actors", EVENT_ACTOR_COLUMNS, actor_rows)
            insert_rows(self.conn, "provenance", PROVENANCE_COLUMNS, prov_rows)
            self._remember("event", written)
            self.stats.added["event"] += len(keep)
            self._keep_statistics_current(len(keep))
        if reports:
            self._merge_reports(reports)

    def _actor_rows(self, eid: str, lo: int, source: list[str], target: list[str]) -> list[tuple[Any, ...]]:
        """``event_actors`` rows of an event, its actor ids resolved to the stored ones."""
        canon = self._canon
        rows: list[tuple[Any, ...]] = []
        if len(source) == 1:
            rows.append((eid, canon[source[0]], "source", 0, lo))
        elif source:
            rows.extend((eid, a, "source", i, lo) for i, a in enumerate(_dedupe(canon[a] for a in source)))
        if len(target) == 1:
            rows.append((eid, canon[target[0]], "target", 0, lo))
        elif target:
            rows.extend((eid, a, "target", i, lo) for i, a in enumerate(_dedupe(canon[a] for a in target)))
        return rows

    # -- cross-document event de-duplication --------------------------------------------------

    def _merge_reports(self, incoming: list[Event]) -> None:
        """Store text events that may report an event already told: each block is clustered again.

        A report whose id is already stored as part of a merged event is skipped
        (re-importing adds nothing); the others join their block's reports, and
        :func:`dedup.plan_block` says which stored events to replace by which.
        """
        canon = self._canon
        known = stored_values(self.conn, t.event_merges.name, "merged_id", (ev.id for ev in incoming))
        self.stats.skipped["event"] += sum(1 for ev in incoming if ev.id in known)
        fresh = [
            ev.model_copy(
                update={
                    "source": _dedupe(canon[a] for a in ev.source),
                    "target": _dedupe(canon[a] for a in ev.target),
                }
            )
            for ev in incoming
            if ev.id not in known
        ]
        self._remember("event", [(ev.id, []) for ev in fresh])
        blocks = dedup.load_blocks(self.conn, {key for ev in fresh if (key := dedup.block_of(ev))})
        for ev in fresh:
            key = dedup.block_of(ev)
            if key is not None:
                blocks[key].append(dedup.Report(ev))
        self._rebuild(blocks)

    def rebuild_blocks(self, keys: set[dedup.BlockKey]) -> None:
        """Cluster stored blocks again (a store filled before de-duplication existed)."""
        self._rebuild(dedup.load_blocks(self.conn, keys))

    def _rebuild(self, blocks: dict[dedup.BlockKey, list[dedup.Report]]) -> None:
        """Apply each block's plan: drop the stored events it replaces, write new ones and their reports."""
        plans = [dedup.plan_block(reports) for _, reports in sorted(blocks.items())]
        delete = [eid for plan in plans for eid in plan.delete]
        m, p, e = t.event_merges, t.provenance, t.events
        merged_at: dict[str, datetime] = {}
        for part in chunks(delete):
            query = sa.select(m.c.merged_id, m.c.merged_at).where(m.c.kept_id.in_(part))
            merged_at.update((merged_id, when) for merged_id, when in self.conn.execute(query))
            self.conn.execute(m.delete().where(m.c.kept_id.in_(part)))
            self.conn.execute(p.delete().where(p.c.record_kind == "event", p.c.record_id.in_(part)))
            self.conn.execute(t.event_actors.delete().where(t.event_actors.c.event_id.in_(part)))
            self.conn.execute(e.delete().where(e.c.id.in_(part)))
        rows: list[tuple[Any, ...]] = []
        actor_rows: list[tuple[Any, ...]] = []
        prov_rows: list[tuple[Any, ...]] = []
        merge_rows: list[dict[str, Any]] = []
        for plan in plans:
            # events of the block before (stored + incoming reports) and after: the difference was merged
            incoming = sum(1 for _, members in plan.insert for r in members if r.stored_in is None)
            self.stats.added["event"] += max(0, len(plan.insert) - len(plan.delete))
            self.stats.events_merged += max(0, incoming + len(plan.delete) - len(plan.insert))
            for merged, members in plan.insert:
                row, provs, _ = self._event_tuples(merged)
                rows.append(row)
                prov_rows.extend(provs)
                actor_rows.extend(  # a merged event's actors are resolved already
                    (merged.id, a, role, i, row[5])
                    for role, ids in (("source", merged.source), ("target", merged.target))
                    for i, a in enumerate(ids)
                )
                if len(members) > 1:
                    merge_rows.extend(
                        {
                            "merged_id": r.id,
                            "kept_id": merged.id,
                            "merged_at": merged_at.get(r.id, self.now),
                            "reason": dedup.reason(r, merged),
                            "report": to_json(r.event),
                        }
                        for r in members
                    )
        insert_rows(self.conn, "events", EVENT_COLUMNS, rows)
        insert_rows(self.conn, "event_actors", EVENT_ACTOR_COLUMNS, actor_rows)
        insert_rows(self.conn, "provenance", PROVENANCE_COLUMNS, prov_rows)
        if merge_rows:
            self.conn.execute(m.insert(), merge_rows)

    def _keep_statistics_current(self, inserted: int) -> None:
        """On PostgreSQL, re-ANALYZE the growing tables each time this call has doubled them.

        The deduplication lookups run once per batch. PostgreSQL plans them from
        table statistics, which for a fresh or fast-growing table say "tiny", so
        it picks sequential scans that get slower with every batch (quadratic
        import time). ANALYZE inside the transaction counts our own new rows, and
        doubling keeps the number of ANALYZE runs logarithmic in the import size.
        """
        if self.conn.dialect.name != "postgresql" or self._memory.get("event") is not None:
            return
        self._inserted_since_analyze += inserted
        if self._inserted_since_analyze >= max(self.batch_size, self._inserted_at_analyze):
            self.conn.execute(sa.text("ANALYZE events, event_actors, provenance"))
            self._inserted_at_analyze += self._inserted_since_analyze
            self._inserted_since_analyze = 0

    # -- deduplication ----------------------------------------------------------------------

    def _memory_for(self, kind: str, table: sa.Table) -> _CallMemory | None:
        """The call's memory for a kind, created at its first batch if nothing of the kind is stored yet."""
        if kind not in self._memory:
            p = t.provenance
            stored = table_has_rows(self.conn, table) or table_has_rows(
                self.conn, p, p.c.record_kind == kind, p.c.row_key.is_not(None)
            )
            self._memory[kind] = None if stored else _CallMemory()
        return self._memory[kind]

    def _remember(self, kind: str, written: list[tuple[str, list[str]]]) -> None:
        memory = self._memory.get(kind)
        if memory is not None and not memory.remember(written):
            self._memory[kind] = None  # too large to keep: everything written is in the table anyway

    def _fresh(self, kind: str, table: sa.Table, items: list[tuple[str, list[str]]]) -> set[str]:
        """Ids among ``(id, dataset row keys)`` not stored yet, neither by id nor by dataset row.

        The first of several items with the same id or row key wins.
        """
        memory = self._memory_for(kind, table)
        if memory is not None:
            stored, stored_keys = memory.ids, memory.keys
        else:
            stored = stored_values(self.conn, table.name, "id", (rid for rid, _ in items))
            condition = f"record_kind = '{kind}'"  # kind is one of the writer's constants, not input
            stored_keys = stored_values(
                self.conn, "provenance", "row_key", (k for _, keys in items for k in keys), condition
            )
        fresh: set[str] = set()
        seen_keys: set[str] = set()
        for rid, keys in items:
            if rid in stored or rid in fresh:
                continue
            if keys:
                if any(k in stored_keys or k in seen_keys for k in keys):
                    continue
                seen_keys.update(keys)
            fresh.add(rid)
        return fresh
