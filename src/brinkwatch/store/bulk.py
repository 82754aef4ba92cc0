"""Bulk statements on the raw DBAPI connection: precompiled SQL and tuples for the hot tables.

An import writes hundreds of thousands of event, event-actor and provenance
rows. Passing them through SQLAlchemy Core means a dict per row and a
``construct_params`` call per row, which cost more than SQLite's own insert
time. The statements here are rendered once per table from the schema (so
they cannot drift from it) in the driver's parameter style, and executed with
``executemany`` on the connection SQLAlchemy already has open, inside the same
transaction: sqlite3 batches ``executemany`` natively. On PostgreSQL a batch
goes through ``COPY ... FROM STDIN`` instead (psycopg 3's copy support), which
sends rows as one stream rather than one statement each and is several times
faster for the tens of thousands of rows an import flushes at once; the
writer has already checked which rows are new, so the copy never conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, TypeVar

import sqlalchemy as sa

from brinkwatch.store import schema as t

T = TypeVar("T")
COPY_FROM = 64
"""Rows from which PostgreSQL gets ``COPY`` rather than ``executemany`` (below it the setup costs more)."""
IN_CHUNK = 500  # values per IN (...) lookup: well under SQLite's and PostgreSQL's parameter limits

# Columns written by the bulk path, in tuple order. The provenance primary key is generated.
EVENT_COLUMNS = tuple(c.name for c in t.events.columns)
EVENT_ACTOR_COLUMNS = tuple(c.name for c in t.event_actors.columns)
PROVENANCE_COLUMNS = tuple(c.name for c in t.provenance.columns if c.name != "pk")


def _marker(dialect: sa.Dialect) -> str:
    """The driver's positional parameter marker (``?`` for sqlite3, ``%s`` for psycopg)."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


@lru_cache(maxsize=32)
def insert_sql(dialect: sa.Dialect, table: str, columns: tuple[str, ...]) -> str:
    """``INSERT INTO table (cols) VALUES (?, ...)`` with identifiers quoted as the dialect needs."""
    quote = dialect.identifier_preparer.quote
    marks = ", ".join([_marker(dialect)] * len(columns))
    return f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) VALUES ({marks})"


@lru_cache(maxsize=64)
def _lookup_sql(dialect: sa.Dialect, table: str, column: str, n: int, condition: str) -> str:
    quote = dialect.identifier_preparer.quote
    marks = ", ".join([_marker(dialect)] * n)
    where = f"{quote(column)} IN ({marks})" + (f" AND {condition}" if condition else "")
    return f"SELECT {quote(column)} FROM {quote(table)} WHERE {where}"


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterable[Sequence[T]]:
    """Consecutive slices of at most ``size`` items (one ``IN (...)`` lookup each)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def raw_cursor(conn: sa.Connection) -> Any:
    """A DBAPI cursor on the connection's current transaction."""
    return conn.connection.cursor()


def insert_rows(
    conn: sa.Connection, table: str, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """``executemany`` of plain tuples (in ``columns`` order) into ``table``."""
    if not rows:
        return
    cur = raw_cursor(conn)
    try:
        if conn.dialect.name == "postgresql" and len(rows) >= COPY_FROM:
            with cur.copy(copy_sql(conn.dialect, table, columns)) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cur.executemany(insert_sql(conn.dialect, table, columns), rows)
    finally:
        cur.close()


@lru_cache(maxsize=32)
def copy_sql(dialect: sa.Dialect, table: str, columns: tuple[str, ...]) -> str:
    """``COPY table (cols) FROM STDIN`` with identifiers quoted as the dialect needs."""
    quote = dialect.identifier_preparer.quote
    return f"COPY {quote(table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"


def stored_values(
    conn: sa.Connection, table: str, column: str, values: Iterable[str], condition: str = ""
) -> set[str]:
    """Which of ``values`` are stored in ``table.column`` (``condition``: a constant extra SQL filter)."""
    wanted = list(dict.fromkeys(values))
    found: set[str] = set()
    if not wanted:
        return found
    cur = raw_cursor(conn)
    try:
        for i in range(0, len(wanted), IN_CHUNK):
            part = wanted[i : i + IN_CHUNK]
            cur.execute(_lookup_sql(conn.dialect, table, column, len(part), condition), part)
            found.update(row[0] for row in cur.fetchall())
    finally:
        cur.close()
    return found


def table_has_rows(conn: sa.Connection, table: sa.Table, *where: sa.ColumnElement[bool]) -> bool:
    """Whether any row of ``table`` matches ``where`` (one index or table probe)."""
    query = sa.select(sa.literal(1)).select_from(table).where(*where).limit(1)
    return conn.execute(query).first() is not None
