"""The store: one object that keeps records and answers the questions analysis asks of them.

SQLite (the default, a file next to the user) and PostgreSQL run the same code:
SQLAlchemy Core for the statements, Alembic for the schema, both applied on
:meth:`Store.open`.

Transactions: every public write is one transaction. ``add_records`` writes the
whole stream it is given in one transaction (buffered into ``executemany``
batches, but committed once at the end), so a bad record anywhere in an import
leaves the store exactly as it was. ``add_document`` stores a document and the
records extracted from it in one transaction, which is what ingest needs: a
document is never stored without its facts, nor its facts without it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from brinkwatch import config
from brinkwatch.records import Actor, AnyRecord, Document, Event, Place, Provenance, Relation, to_dict
from brinkwatch.store import dedup, migrate
from brinkwatch.store import schema as t
from brinkwatch.store.bulk import chunks, stored_values
from brinkwatch.store.days import query_bounds
from brinkwatch.store.names import fold
from brinkwatch.store.reader import (
    ActorFilter,
    ActorSummary,
    DateLike,
    EventFilter,
    actor_summaries,
    actors_from_rows,
    document_from_row,
    events_by_ids,
    iter_event_ids,
    places_from_rows,
    provenance_by_record,
    relations_from_rows,
)
from brinkwatch.store.rows import EventRows, read_event_rows
from brinkwatch.store.writer import AddStats, RecordWriter

EXPORT_CHUNK = 2000
RELATION_RECORD_COLUMNS = (
    "id", "type", "source", "target", "role", "valid_from", "valid_to", "confidence",
    "closed_by", "closed_to", "extra",
)
ANALYZE_AFTER = 50_000  # records added in one call after which the planner statistics are refreshed


@dataclass
class ActorProfile:
    """Everything the store knows about one actor: names, ties over time, events and sources."""

    actor: Actor
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    merged_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The profile as plain JSON-ready data."""
        return {
            "actor": to_dict(self.actor),
            "merged_ids": self.merged_ids,
            "relations": [to_dict(r) for r in self.relations],
            "events": [to_dict(e) for e in self.events],
            "documents": [to_dict(d) for d in self.documents],
        }


@dataclass
class EventMerge:
    """One report of a merged event: the report as it arrived, when it was merged and why."""

    kept_id: str
    report_id: str
    merged_at: datetime
    reason: str
    report: Event

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data."""
        return {
            "kept_id": self.kept_id,
            "report_id": self.report_id,
            "merged_at": self.merged_at.isoformat(),
            "reason": self.reason,
            "report": to_dict(self.report),
        }


def sha256_text(text: str) -> str:
    """The sha256 hex digest of a text's UTF-8 bytes (the document identity RECORDS.md uses)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


SQLITE_PRAGMAS = (
    "foreign_keys=ON",  # enforce references like PostgreSQL
    "journal_mode=WAL",  # readers run during an import
    "synchronous=NORMAL",  # WAL stays consistent; only the last commits may be lost on power failure
    "cache_size=-65536",  # 64 MiB of page cache: an import's index pages stay in memory
    "temp_store=MEMORY",  # sorts for DISTINCT / ORDER BY and index builds stay off disk
)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """Per-connection settings for a store file (see :data:`SQLITE_PRAGMAS` for why each)."""
    cur = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def create_engine(url: str) -> sa.Engine:
    """An engine for a store URL, tuned per database."""
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _as_list(value: ActorFilter) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


class Store:
    """A brinkwatch store on SQLite or PostgreSQL. Use :meth:`open`, preferably as a context manager."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        """Open (creating and migrating as needed) the store at ``url``, default ``config.db_url()``."""
        engine = create_engine(config.db_url(url))
        migrate.upgrade(engine)
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing ------------------------------------------------------------------------------

    def add_records(self, records: Iterable[AnyRecord], batch_size: int = 5000) -> AddStats:
        """Store a stream of records in one transaction; see :mod:`brinkwatch.store.writer` for the rules.

        Raises :class:`~brinkwatch.store.errors.UnknownActorError` for a reference to an
        actor that is neither stored nor earlier in the stream, and lets a
        ``RecordError`` from the stream's reader through; either way nothing of
        the call is stored.
        """
        with self.engine.begin() as conn:
            writer = RecordWriter(conn, datetime.now(UTC), batch_size)
            for record in records:
                writer.add(record)
            writer.flush()
        if sum(writer.stats.added.values()) >= ANALYZE_AFTER:
            self._refresh_statistics()
        return writer.stats

    def _refresh_statistics(self) -> None:
        """Refresh the planner's table statistics after a bulk load.

        Right after a large import PostgreSQL still plans for the empty tables it
        last measured (autovacuum gets there later) and may scan where it should
        use an index; SQLite's ``PRAGMA optimize`` does the same job.
        """
        with self.engine.begin() as conn:
            if self.engine.dialect.name == "postgresql":
                conn.execute(
                    sa.text("ANALYZE events, event_actors, provenance, relations, actors, actor_aliases")
                )
            elif self.engine.dialect.name == "sqlite":
                conn.execute(sa.text("PRAGMA optimize"))

    def add_document(
        self, document: Document, text: str, records: Iterable[AnyRecord] = ()
    ) -> tuple[str, bool]:
        """Store a document's text (and the records extracted from it) in one transaction.

        Idempotent by the text's sha256: the same text again returns the stored
        id and ``False`` and stores nothing. A different text under a stored id
        gets the next free id (``id-2``, ``id-3``...), and the records' document
        provenance is rewritten to it; the id actually used is returned. An event
        that other documents already reported joins the stored one
        (:mod:`brinkwatch.store.dedup`).
        """
        digest = sha256_text(text)
        with self.engine.begin() as conn:
            docs = t.documents
            found = conn.execute(sa.select(docs.c.id).where(docs.c.sha256 == digest)).first()
            if found is not None:
                return found[0], False
            doc_id = self._free_document_id(conn, document.id)
            stored = document.model_copy(update={"id": doc_id, "sha256": digest})
            writer = RecordWriter(conn, datetime.now(UTC))
            writer.add_document_record(stored, text)
            for record in records:
                writer.add(_rehome(record, document.id, doc_id) if doc_id != document.id else record)
            writer.flush()
        return doc_id, True

    @staticmethod
    def _free_document_id(conn: sa.Connection, wanted: str) -> str:
        docs = t.documents
        taken = {
            r[0]
            for r in conn.execute(
                sa.select(docs.c.id).where(sa.or_(docs.c.id == wanted, docs.c.id.like(f"{wanted}-%")))
            )
        }
        if wanted not in taken:
            return wanted
        n = 2
        while f"{wanted}-{n}" in taken:
            n += 1
        return f"{wanted}-{n}"

    # -- actors and places --------------------------------------------------------------------

    def resolve_actor(self, name: str) -> str | None:
        """The id of the actor a name or id stands for, or None.

        Tries the id itself, then merged ids, then folded aliases; when several
        actors share the folded alias, the one whose canonical name it is wins,
        then the smallest id (so the answer is stable).
        """
        with self.engine.connect() as conn:
            return self._resolve(conn, name)

    def _resolve(self, conn: sa.Connection, name: str) -> str | None:
        if conn.execute(sa.select(t.actors.c.id).where(t.actors.c.id == name)).first():
            return name
        kept = conn.execute(sa.select(t.merges.c.kept_id).where(t.merges.c.merged_id == name)).first()
        if kept is not None:
            return str(kept[0])
        folded = fold(name)
        if not folded:
            return None
        al = t.actor_aliases
        hit = conn.execute(
            sa.select(al.c.actor_id).where(al.c.normalized == folded).order_by(al.c.position, al.c.actor_id)
        ).first()
        return None if hit is None else str(hit[0])

    def _canonical_ids(self, conn: sa.Connection, ids: list[str] | None) -> list[str] | None:
        """Map merged actor ids to the ids they were merged into (unknown ids stay as given)."""
        if ids is None:
            return None
        rows = conn.execute(
            sa.select(t.merges.c.merged_id, t.merges.c.kept_id).where(t.merges.c.merged_id.in_(ids))
        )
        kept: dict[str, str] = {merged: kept_id for merged, kept_id in rows}
        return list(dict.fromkeys(kept.get(i, i) for i in ids))

    def get_actor(self, key: str) -> Actor | None:
        """The actor with this id, merged id or alias, or None."""
        with self.engine.connect() as conn:
            actor_id = self._resolve(conn, key)
            if actor_id is None:
                return None
            rows = conn.execute(sa.select(t.actors).where(t.actors.c.id == actor_id)).mappings().all()
            return actors_from_rows(conn, rows)[0]

    def actors(self, type: str | None = None, search: str | None = None) -> list[Actor]:
        """Actors by name; ``type`` filters by type, ``search`` by folded substring of any name or the id."""
        a, al = t.actors, t.actor_aliases
        query = sa.select(a)
        if type is not None:
            query = query.where(a.c.type == type)
        if search:
            pattern = f"%{fold(search)}%"
            named = sa.select(al.c.actor_id).where(al.c.normalized.like(pattern))
            query = query.where(sa.or_(a.c.id.in_(named), a.c.id.like(f"%{search.lower()}%")))
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(a.c.name, a.c.id)).mappings().all()
            return actors_from_rows(conn, rows)

    def actor_summaries(self, ids: Collection[str]) -> dict[str, ActorSummary]:
        """Id, name, type and country of the given actors (unknown ids left out), for graphs and labels."""
        with self.engine.connect() as conn:
            return actor_summaries(conn, list(ids))

    def places(self) -> list[Place]:
        """Every place, by name."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.places).order_by(t.places.c.name, t.places.c.id)).mappings().all()
            return places_from_rows(conn, rows)

    # -- relations and events -----------------------------------------------------------------

    def relations(
        self, actor: ActorFilter = None, at: DateLike = None, types: Sequence[str] | str | None = None
    ) -> list[Relation]:
        """Relations touching ``actor`` (either end) that may hold ``at`` a date, ordered by start.

        ``at`` is a ``date`` or a partial ISO date; a relation matches when its
        interval (partial ends covering their whole unit, a closed-by-later-source
        end taking effect) shares a day with it. Relations a later source closed
        carry ``closed_by`` and ``closed_to``.
        """
        r = t.relations
        conditions: list[sa.ColumnElement[bool]] = []
        with self.engine.connect() as conn:
            ids = self._canonical_ids(conn, _as_list(actor))
            if ids is not None:
                conditions.append(sa.or_(r.c.source.in_(ids), r.c.target.in_(ids)))
            if at is not None:
                lo, hi = query_bounds(at)
                conditions.extend([r.c.from_day <= hi, r.c.to_day >= lo])
            if types is not None:
                conditions.append(r.c.type.in_([types] if isinstance(types, str) else list(types)))
            # only the columns a record needs: the timestamps would cost a datetime parse per row
            columns = [r.c[name] for name in RELATION_RECORD_COLUMNS]
            query = sa.select(*columns).where(*conditions).order_by(r.c.from_day, r.c.id)
            rows = conn.execute(query).mappings().all()
            return relations_from_rows(conn, rows, with_closure=True)

    def events(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        type: str | Sequence[str] | None = None,
        since: DateLike = None,
        until: DateLike = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Event]:
        """Events matching every filter given, ordered by date (undated last), then id.

        ``actor`` matches either side, ``source``/``target`` one side; each takes
        an id or a list of ids (any of them). ``since``/``until`` keep events whose
        dates overlap the range and drop undated ones.
        """
        return list(self.iter_events(actor, source, target, type, since, until, limit, offset))

    def iter_events(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        type: str | Sequence[str] | None = None,
        since: DateLike = None,
        until: DateLike = None,
        limit: int | None = None,
        offset: int = 0,
        chunk: int = EXPORT_CHUNK,
    ) -> Iterator[Event]:
        """Like :meth:`events`, streaming in chunks so a million events never sit in memory at once."""
        with self.engine.connect() as conn:
            flt = self._event_filter(conn, actor, source, target, type, since, until)
            for ids in iter_event_ids(conn, flt, limit, offset, chunk):
                yield from events_by_ids(conn, ids)

    def event_rows(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        since: DateLike = None,
        until: DateLike = None,
        types: str | Sequence[str] | None = None,
    ) -> EventRows:
        """The events :meth:`events` would return, as plain columns without provenance or records.

        For analyses that count over many events (a dyad's escalation series):
        one query for the event columns and one for their actors, no pydantic.
        :meth:`get_event` gives any of them back as a full record.
        """
        with self.engine.connect() as conn:
            flt = self._event_filter(conn, actor, source, target, types, since, until)
            return read_event_rows(conn, flt)

    def get_event(self, event_id: str) -> Event | None:
        """The stored event with this id, or the one a report of this id was merged into, or None.

        The event carries its provenance (every report's sentence) and, when it
        was reported in text, ``corroboration``: how many documents report it.
        """
        found = self.get_events([event_id])
        return found[0] if found else None

    def get_events(self, event_ids: Sequence[str]) -> list[Event]:
        """The stored events with these ids, in the order given; unknown ids are left out.

        The id of a report merged into another event gives that event.
        """
        m = t.event_merges
        with self.engine.connect() as conn:
            kept: dict[str, str] = {}
            for part in chunks(list(dict.fromkeys(event_ids))):
                query = sa.select(m.c.merged_id, m.c.kept_id).where(m.c.merged_id.in_(part))
                kept.update((merged, kept_id) for merged, kept_id in conn.execute(query))
            wanted = list(dict.fromkeys(kept.get(i, i) for i in event_ids))
            known = stored_values(conn, t.events.name, "id", wanted)
            return events_by_ids(conn, [i for i in wanted if i in known])

    def event_merges(self, event_id: str) -> list[EventMerge]:
        """The reports a merged event was made of, each as it arrived and why it belongs; [] when not merged.

        ``event_id`` may be the event's id or any of its reports' ids.
        """
        m = t.event_merges
        with self.engine.connect() as conn:
            hit = conn.execute(sa.select(m.c.kept_id).where(m.c.merged_id == event_id)).first()
            kept = event_id if hit is None else str(hit[0])
            rows = conn.execute(
                sa.select(m.c.merged_id, m.c.merged_at, m.c.reason, m.c.report)
                .where(m.c.kept_id == kept)
                .order_by(m.c.merged_id)
            ).all()
        return [
            EventMerge(kept, merged_id, merged_at, reason, Event.model_validate_json(report))
            for merged_id, merged_at, reason, report in rows
        ]

    def merge_duplicate_events(self) -> AddStats:
        """Merge the text events that report the same event, in a store filled before de-duplication.

        Stores written since keep their events merged as they are added; this
        clusters every block of stored text events again (the same rules, see
        :mod:`brinkwatch.store.dedup`), in one transaction.
        """
        with self.engine.begin() as conn:
            writer = RecordWriter(conn, datetime.now(UTC))
            writer.rebuild_blocks(dedup.text_blocks(conn))
        return writer.stats

    def count_events(
        self,
        actor: ActorFilter = None,
        source: ActorFilter = None,
        target: ActorFilter = None,
        type: str | Sequence[str] | None = None,
        since: DateLike = None,
        until: DateLike = None,
    ) -> int:
        """How many events :meth:`events` would return without a limit."""
        with self.engine.connect() as conn:
            flt = self._event_filter(conn, actor, source, target, type, since, until)
            query = sa.select(sa.func.count()).select_from(flt.id_query().order_by(None).subquery())
            return int(conn.execute(query).scalar_one())

    def _event_filter(
        self,
        conn: sa.Connection,
        actor: ActorFilter,
        source: ActorFilter,
        target: ActorFilter,
        type: str | Sequence[str] | None,
        since: DateLike,
        until: DateLike,
    ) -> EventFilter:
        longest = 0
        if since is not None:
            span = t.events.c.hi - t.events.c.lo
            longest = int(conn.execute(sa.select(sa.func.max(span))).scalar_one() or 0)
        return EventFilter(
            longest_span=longest,
            actor=self._canonical_ids(conn, _as_list(actor)),
            source=self._canonical_ids(conn, _as_list(source)),
            target=self._canonical_ids(conn, _as_list(target)),
            types=_as_list(type),
            since=since,
            until=until,
        )

    # -- documents and provenance -------------------------------------------------------------

    def documents(self) -> list[Document]:
        """Every document's metadata, by id."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.documents).order_by(t.documents.c.id)).mappings().all()
        return [document_from_row(r) for r in rows]

    def find_document(self, sha256: str) -> str | None:
        """The id of the document whose text has this sha256, or None (lets ingest skip known texts early)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.documents.c.id).where(t.documents.c.sha256 == sha256)).first()
        return None if row is None else str(row[0])

    def document_text(self, doc_id: str) -> str | None:
        """A document's full text, or None when unknown or stored without text (an imported record)."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(t.documents.c.text).where(t.documents.c.id == doc_id)).first()
        return None if row is None else row[0]

    def provenance(self, record_id: str) -> list[Provenance]:
        """Where a record came from; document spans without stored text get it cut from the document."""
        p = t.provenance
        with self.engine.connect() as conn:
            kinds = [
                r[0]
                for r in conn.execute(
                    sa.select(p.c.record_kind)
                    .where(p.c.record_id == record_id)
                    .distinct()
                    .order_by(p.c.record_kind)
                )
            ]
            out: list[Provenance] = []
            texts: dict[str, str | None] = {}
            for kind in kinds:
                for prov in provenance_by_record(conn, kind, [record_id]).get(record_id, []):
                    if prov.text is None and prov.document is not None and prov.start is not None:
                        if prov.document not in texts:
                            row = conn.execute(
                                sa.select(t.documents.c.text).where(t.documents.c.id == prov.document)
                            ).first()
                            texts[prov.document] = None if row is None else row[0]
                        full = texts[prov.document]
                        if full is not None:
                            prov = prov.model_copy(update={"text": full[prov.start : prov.end]})
                    out.append(prov)
        return out

    def profile(self, actor: str, event_limit: int | None = None) -> ActorProfile:
        """An actor's profile by id, merged id or alias; raises LookupError when no actor matches."""
        found = self.get_actor(actor)
        if found is None:
            raise LookupError(f"no actor matches {actor!r} (by id, merged id or alias)")
        relations = self.relations(actor=found.id)
        events = self.events(actor=found.id, limit=event_limit)
        p, ea, r = t.provenance, t.event_actors, t.relations
        with self.engine.connect() as conn:
            merged = [
                row[0]
                for row in conn.execute(
                    sa.select(t.merges.c.merged_id)
                    .where(t.merges.c.kept_id == found.id)
                    .order_by(t.merges.c.merged_id)
                )
            ]
            event_ids = sa.select(ea.c.event_id).where(ea.c.actor_id == found.id)
            relation_ids = sa.select(r.c.id).where(sa.or_(r.c.source == found.id, r.c.target == found.id))
            doc_ids = sa.select(p.c.document_id).where(
                p.c.document_id.is_not(None),
                sa.or_(
                    sa.and_(p.c.record_kind == "actor", p.c.record_id == found.id),
                    sa.and_(p.c.record_kind == "event", p.c.record_id.in_(event_ids)),
                    sa.and_(p.c.record_kind == "relation", p.c.record_id.in_(relation_ids)),
                ),
            )
            rows = (
                conn.execute(
                    sa.select(t.documents).where(t.documents.c.id.in_(doc_ids)).order_by(t.documents.c.id)
                )
                .mappings()
                .all()
            )
        return ActorProfile(found, relations, events, [document_from_row(row) for row in rows], merged)

    # -- whole store --------------------------------------------------------------------------

    def export(self) -> Iterator[AnyRecord]:
        """Every record, as interchange records: documents, actors, places, relations, then events."""
        yield from self.documents()
        with self.engine.connect() as conn:
            for table, build in ((t.actors, actors_from_rows), (t.places, places_from_rows)):
                rows = conn.execute(sa.select(table).order_by(table.c.id)).mappings().all()
                for part in range(0, len(rows), EXPORT_CHUNK):
                    yield from build(conn, rows[part : part + EXPORT_CHUNK])
            r = t.relations
            rows = conn.execute(sa.select(r).order_by(r.c.learned_at, r.c.id)).mappings().all()
            for part in range(0, len(rows), EXPORT_CHUNK):
                yield from relations_from_rows(conn, rows[part : part + EXPORT_CHUNK], with_closure=False)
        with self.engine.connect() as conn:  # events as stored: no derived keys (import derives them again)
            for ids in iter_event_ids(conn, EventFilter(), None, 0, EXPORT_CHUNK):
                yield from events_by_ids(conn, ids, derived=False)

    def counts(self) -> dict[str, int]:
        """How many records of each kind the store holds (plus actor and event merges, provenance entries)."""
        tables = {
            "documents": t.documents,
            "actors": t.actors,
            "places": t.places,
            "relations": t.relations,
            "events": t.events,
            "merges": t.merges,
            "event_merges": t.event_merges,
            "provenance": t.provenance,
        }
        with self.engine.connect() as conn:
            return {
                name: int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
                for name, table in tables.items()
            }


def _rehome(record: AnyRecord, old: str, new: str) -> AnyRecord:
    """A record whose document provenance pointing at ``old`` now points at ``new``."""
    provs = getattr(record, "provenance", None)
    if not provs or not any(p.document == old for p in provs):
        return record
    moved = [p.model_copy(update={"document": new}) if p.document == old else p for p in provs]
    return record.model_copy(update={"provenance": moved})
