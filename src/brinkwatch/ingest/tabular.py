"""What every dataset importer shares: dates, ids, stats, rejected rows, fast records.

Opening files (``files.py``) and reading headers and rows (``tables.py``) live in
their own modules and are re-exported here. Importers stream: they read a row,
check it cheaply, and yield records, so a file of any size imports in constant
memory. A damaged row stops the import with a
:class:`~brinkwatch.records.RecordError` naming the file, the line and the
column, or, with ``skip_bad_rows``, is kept aside as a :class:`Reject` and
written to a reject file; a well-formed row whose category has no PLOVER
meaning is not an error but is counted in :class:`ImportStats`, which the
``import`` command can print and which is logged when the stream ends, so
nothing is dropped silently.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

import pycountry
from pydantic import BaseModel

from brinkwatch.ingest.files import label_of as label_of
from brinkwatch.ingest.files import open_text as open_text
from brinkwatch.ingest.tables import MISSING
from brinkwatch.ingest.tables import PREAMBLE_LIMIT as PREAMBLE_LIMIT
from brinkwatch.ingest.tables import Table as Table
from brinkwatch.ingest.tables import column_key as column_key
from brinkwatch.ingest.tables import numbered_rows as numbered_rows
from brinkwatch.ingest.tables import present as present
from brinkwatch.ingest.tables import read_table as read_table
from brinkwatch.knowledge.names import normalize_name
from brinkwatch.ontology.mappings import EventMapping
from brinkwatch.records import AnyRecord, Event, Provenance, RecordError

log = logging.getLogger("brinkwatch.ingest")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Reject:
    """A row an import left out (``skip_bad_rows``): where it is, what was wrong, and the row itself."""

    file: str
    line: int
    field: str
    reason: str
    text: str


REJECT_COLUMNS = ("file", "line", "field", "reason", "row")


def write_rejects(rejects: list[Reject], path: Path) -> None:
    """Write rejected rows as a tab-separated table (the bad-rows log a bulk loader keeps).

    Tabs and line breaks inside a cell are written as spaces so that every rejected row stays one line.
    """

    def clean(text: str) -> str:
        return " ".join(text.replace("\t", " ").splitlines())

    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(REJECT_COLUMNS) + "\n")
        for r in rejects:
            fh.write("\t".join((clean(r.file), str(r.line), r.field, clean(r.reason), clean(r.text))) + "\n")


@dataclass
class ImportStats:
    """What an import read and what it could not turn into records, for the summary the user sees."""

    dataset: str
    source: str
    rows: int = 0
    events: int = 0
    actors: int = 0
    places: int = 0
    unknown_codes: Counter[str] = field(default_factory=Counter)
    """Codes that are not codes of the dataset's vocabulary at all, by code."""
    unmapped: Counter[str] = field(default_factory=Counter)
    """Valid categories with no PLOVER event (plain statements, 'Other'), by category."""
    skipped: Counter[str] = field(default_factory=Counter)
    """Other rows that produced no event, by reason."""
    notes: list[str] = field(default_factory=list)
    layout: str = ""
    """The published layout the importer recognised ("ACLED 2015-2018 export ..."), for the summary."""
    rejected: list[Reject] = field(default_factory=list)
    """Rows left out under ``skip_bad_rows``, each with its line and the reason."""

    def reject(self, error: RecordError, text: str) -> None:
        """Keep a damaged row aside (``skip_bad_rows``): the error says where and why, ``text`` is the row."""
        self.rejected.append(Reject(self.source, error.line, error.field, error.problem, text))

    @property
    def rows_without_event(self) -> int:
        """Rows read that produced no event, whatever the reason."""
        return sum(self.unknown_codes.values()) + sum(self.unmapped.values()) + sum(self.skipped.values())

    def summary(self) -> str:
        """One paragraph for people: counts, then what was not imported and why."""
        parts = [
            f"{self.source}: {self.rows} rows -> {self.events} events, "
            f"{self.actors} new actors, {self.places} places"
        ]
        if self.layout:
            parts.append(f"layout: {self.layout}")
        parts += self.notes
        if self.rejected:
            parts.append(
                f"{len(self.rejected)} damaged rows rejected: "
                + _top(Counter(r.field or "row" for r in self.rejected))
            )
        if self.unknown_codes:
            parts.append(
                f"{sum(self.unknown_codes.values())} rows with unknown codes not imported: "
                + _top(self.unknown_codes)
            )
        if self.unmapped:
            parts.append(
                f"{sum(self.unmapped.values())} rows with no PLOVER equivalent not imported: "
                + _top(self.unmapped)
            )
        if self.skipped:
            parts.append(f"{sum(self.skipped.values())} rows skipped: " + _top(self.skipped))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """The stats as plain JSON-ready data, for ``--format json``."""
        return {
            "dataset": self.dataset,
            "source": self.source,
            "rows": self.rows,
            "events": self.events,
            "actors": self.actors,
            "places": self.places,
            "unknown_codes": dict(self.unknown_codes),
            "unmapped": dict(self.unmapped),
            "skipped": dict(self.skipped),
            "notes": list(self.notes),
            "layout": self.layout,
            "rejected": len(self.rejected),
        }


def _top(counts: Counter[str], n: int = 8) -> str:
    shown = ", ".join(f"{k} ({v})" for k, v in counts.most_common(n))
    return shown + (f", and {len(counts) - n} more" if len(counts) > n else "")


class ImportStream(Iterator[AnyRecord]):
    """The records of one import, with its :class:`ImportStats` on ``.stats``.

    An importer returns this instead of a bare generator so that the caller can
    print what was not imported once the stream is consumed; the summary is
    also logged (warning level when rows were left out) when the stream ends.
    Iterating with ``for`` runs the underlying generator directly, so the wrapper
    costs nothing per record.
    """

    def __init__(self, records: Iterator[AnyRecord], stats: ImportStats) -> None:
        self.stats = stats
        self._records = self._logged(records)

    def _logged(self, records: Iterator[AnyRecord]) -> Iterator[AnyRecord]:
        yield from records
        left_out = self.stats.rows_without_event or self.stats.rejected
        level = logging.WARNING if left_out else logging.INFO
        log.log(level, "%s", self.stats.summary())

    def __iter__(self) -> Iterator[AnyRecord]:
        return self._records

    def __next__(self) -> AnyRecord:
        return next(self._records)


RecordsOf = Callable[[Path, str, "ImportStats", bool], Iterator[AnyRecord]]
"""An importer's record generator: (path, label, stats, skip_bad_rows) -> records."""


def import_stream(dataset: str, path: Path, skip_bad_rows: bool, records: RecordsOf) -> ImportStream:
    """The stream every importer's ``read`` returns: its records, with stats labelled by file.

    With ``skip_bad_rows`` a damaged row is set aside in ``stats.rejected`` instead of
    stopping the import.
    """
    path = Path(path)
    label = label_of(path)
    stats = ImportStats(dataset=dataset, source=label)
    return ImportStream(records(path, label, stats, skip_bad_rows), stats)


C = TypeVar("C")
R = TypeVar("R")


def checked_rows(
    rows: Iterable[tuple[int, C]],
    check: Callable[[int, C], R | None],
    stats: ImportStats,
    skip: bool,
    text: Callable[[C], str],
) -> Iterator[tuple[int, C, R]]:
    """(line, raw row, checked row) for each row that ``check`` accepts.

    Counts every row; a row whose check raises :class:`RecordError` stops the import,
    or with ``skip`` is kept as a reject (its raw text from ``text``); a row checked
    to ``None`` (nothing to import, already counted by the check) is passed over.
    """
    for n, raw in rows:
        stats.rows += 1
        try:
            checked = check(n, raw)
        except RecordError as exc:
            if not skip:
                raise
            stats.reject(exc, text(raw))
            continue
        if checked is not None:
            yield n, raw, checked


def coordinates(label: str, line: int, lat_text: str, lon_text: str) -> tuple[float | None, float | None]:
    """Latitude and longitude cells as numbers, or a RecordError naming the line and the column."""
    lat = number(label, line, "latitude", lat_text, float)
    lon = number(label, line, "longitude", lon_text, float)
    if lat is not None and not -90 <= lat <= 90:
        raise RecordError(label, line, "latitude", f"{lat} is not a latitude")
    if lon is not None and not -180 <= lon <= 180:
        raise RecordError(label, line, "longitude", f"{lon} is not a longitude")
    return lat, lon


_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\d{6})?$")
_WRITTEN = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ ,-]+(\d{4})$")
_WRITTEN_US = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")
_EXCEL = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YMD_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
CENTURY_PIVOT = 50
"""A two-digit year (Excel's '9-May-20') above this is 19xx, else 20xx: event data start after 1950."""


class DateCache:
    """Parse the date forms datasets use into partial ISO dates, remembering each distinct string.

    Event files repeat a few thousand distinct dates over millions of rows, so
    the cache turns date parsing into one dict lookup a row; it is cleared when
    it grows large so memory stays bounded on any file.
    """

    LIMIT = 100_000

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def parse(self, text: str) -> str:
        """A partial ISO date (YYYY, YYYY-MM, YYYY-MM-DD) or ValueError saying what was expected."""
        hit = self._seen.get(text)
        if hit is not None:
            return hit
        value = parse_date(text)
        if len(self._seen) >= self.LIMIT:
            self._seen.clear()
        self._seen[text] = value
        return value


def parse_date(text: str) -> str:
    """ISO ('2020-01-03', '2020-01', '2020'), compact ('20200103'), written ('03 January 2020',
    'January 3, 2020'), Excel ('9-May-20') or slashed ('03/01/2020', day first) -> partial ISO date."""
    s = text.strip()
    parts: tuple[str, str | None, str | None]
    if (m := _ISO.match(s)) or (m := _COMPACT.match(s)):
        parts = (m.group(1), m.group(2), m.group(3))
    elif (m := _WRITTEN.match(s)) and m.group(2).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1))
    elif (m := _WRITTEN_US.match(s)) and m.group(1).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(1).lower()]), m.group(2))
    elif (m := _EXCEL.match(s)) and m.group(2).lower() in _MONTHS:
        yy = int(m.group(3))
        parts = (
            str(yy + (1900 if yy > CENTURY_PIVOT else 2000)),
            str(_MONTHS[m.group(2).lower()]),
            m.group(1),
        )
    elif m := _SLASHED.match(s):
        # ACLED and most exports outside the US write day/month/year; a first number that
        # cannot be a day-of-month pair the other way round (05/13/2020) is month/day/year
        first, second = int(m.group(1)), int(m.group(2))
        d, mo = (second, first) if second > 12 >= first else (first, second)
        parts = (m.group(3), str(mo), str(d))
    elif m := _YMD_SLASHED.match(s):
        parts = (m.group(1), m.group(2), m.group(3))
    else:
        raise ValueError(
            f"{text!r} is not a date (expected e.g. 2020-01-03, 20200103, 03 January 2020, "
            "9-May-20 or 03/01/2020)"
        )
    year, month, day = parts
    try:
        if month is None:
            return year
        if day is None:
            date(int(year), int(month), 1)
            return f"{year}-{int(month):02d}"
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real calendar date ({exc})") from None


def slug(text: str) -> str:
    """A record id fragment from a name, folded the way the gazetteer folds names."""
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-")


def number(
    label: str, line: int, column: str, text: str, kind: type[int] | type[float]
) -> int | float | None:
    """An optional number cell: None when empty or "NA", else the number, else a RecordError naming it."""
    s = text.strip()
    if not s or s in MISSING:
        return None
    try:
        return kind(float(s)) if kind is int and "." in s else kind(s)
    except ValueError:
        raise RecordError(label, line, column, f"{text!r} is not a number") from None


_new = object.__new__
_set = object.__setattr__


def dataset_provenance(dataset: str, record: str, url: str | None = None) -> list[Provenance]:
    """The provenance of an imported record: dataset and source row id (built as :func:`construct` does).

    ``url`` is the article the row was coded from, where the dataset gives one (GDELT's
    SOURCEURL); it is kept as the provenance's ``url`` (an extra key, as RECORDS.md allows).
    """
    obj = _new(Provenance)
    _set(
        obj,
        "__dict__",
        {
            "document": None,
            "start": None,
            "end": None,
            "text": None,
            "dataset": dataset,
            "record": record,
        },
    )
    _set(obj, "__pydantic_fields_set__", {"dataset", "record"})
    _set(obj, "__pydantic_extra__", {"url": url} if url else {})
    _set(obj, "__pydantic_private__", None)
    return [obj]


_Spec = tuple[tuple[str, ...], dict[str, Any], dict[str, Callable[[], Any]]]
_SPECS: dict[type[BaseModel], _Spec] = {}


def _spec(cls: type[BaseModel]) -> _Spec:
    """A model's field order, plain defaults and default factories, read once per class."""
    spec = _SPECS.get(cls)
    if spec is None:
        fields = cls.model_fields
        plain = {n: f.default for n, f in fields.items() if not f.is_required() and f.default_factory is None}
        factories = {
            n: cast(Callable[[], Any], f.default_factory)
            for n, f in fields.items()
            if f.default_factory is not None
        }
        spec = _SPECS[cls] = (tuple(fields), plain, factories)
    return spec


def construct(cls: type[M], values: dict[str, Any]) -> M:
    """Build a record from values the importer has already checked, without pydantic validation.

    ``model_construct`` is slower than validating (it is written in Python), and
    validation is the bulk of the cost of a parsed row, so trusted rows are built
    here: plain defaults are read from the model once, default factories (lists)
    are called for each record so no two records share a list, then the instance
    state is set exactly as pydantic's own ``model_construct`` sets it. The
    importer's checks (dates, codes, numbers, vocabularies) are what make a row
    trusted; tests compare the result with the validated model so a pydantic
    change cannot drift unnoticed.
    """
    order, plain, factories = _spec(cls)
    if len(values) == len(order):  # the caller gave every field, in field order (the fast path)
        state = values
    else:  # fill in defaults, keeping the model's field order so dumps read the same as validated records
        state = {
            n: values[n] if n in values else (factories[n]() if n in factories else plain[n]) for n in order
        }
    obj = _new(cls)
    _set(obj, "__dict__", state)
    _set(obj, "__pydantic_fields_set__", set(values))
    _set(obj, "__pydantic_extra__", {})
    _set(obj, "__pydantic_private__", None)
    return obj


_EVENT_FIELDS = set(Event.model_fields)


def trusted_event(state: dict[str, Any]) -> Event:
    """An Event from checked values for every field, in field order: the per-row fast :func:`construct`."""
    obj = _new(Event)
    _set(obj, "__dict__", state)
    _set(obj, "__pydantic_fields_set__", _EVENT_FIELDS.copy())
    _set(obj, "__pydantic_extra__", {})
    _set(obj, "__pydantic_private__", None)
    return obj


def cameo_mapping(
    codes: dict[str, EventMapping | None], code: str, stats: ImportStats, label: str, line: int, column: str
) -> EventMapping | None:
    """The PLOVER mapping of a row's CAMEO code, or None for a row with nothing to import.

    A numeric code the code set does not know, and a known code with no PLOVER meaning,
    are counted in ``stats`` (nothing is dropped silently); anything else is a damaged row.
    """
    if code not in codes:
        if not code.isdigit():
            raise RecordError(label, line, column, f"{code!r} is not a CAMEO event code")
        stats.unknown_codes[code] += 1
        return None
    mapping = codes[code]
    if mapping is None:
        stats.unmapped[code] += 1
    return mapping


def dataset_event(
    dataset: str,
    row: str,
    mapping: EventMapping,
    ends: list[list[str]],
    day: str,
    place: str | None,
    summary: str,
    *,
    date_end: str | None = None,
    fatalities: int | None = None,
    intensity: float | None = None,
    quad_class: int | None = None,
    url: str | None = None,
) -> Event:
    """The event of one dataset row, id ``<dataset>-<row>``: its category's PLOVER type, mode,
    intensity and quad class unless the row gives its own, with the row as provenance."""
    return trusted_event(
        {
            "kind": "event",
            "id": f"{dataset}-{row}",
            "type": mapping.type,
            "mode": mapping.mode,
            "source": ends[0],
            "target": ends[1],
            "date": day,
            "date_end": date_end,
            "place": place,
            "fatalities": fatalities,
            "intensity": mapping.intensity if intensity is None else intensity,
            "quad_class": mapping.quad_class if quad_class is None else quad_class,
            "summary": summary,
            "confidence": 1.0,
            "provenance": dataset_provenance(dataset, row, url=url),
        }
    )


def days_around(day: str, before: int, after: int) -> tuple[str, str]:
    """A day widened to a range: ('2020-01-08', 3, 3) -> ('2020-01-05', '2020-01-11')."""
    d = date.fromisoformat(day)
    return (d - timedelta(days=before)).isoformat(), (d + timedelta(days=after)).isoformat()


def compact_span(start: str, end: str | None) -> tuple[str, str | None]:
    """A start..end pair at the precision it really has: one day stays a day, a whole calendar
    month becomes '2005-06', a whole year '2005'; any other span is kept as it is."""
    if end is None or end == start:
        return start, None
    if len(start) == len(end) == 10 and start[8:] == "01":
        if start[:4] == end[:4] and start[5:] == "01-01" and end[5:] == "12-31":
            return start[:4], None
        nxt = date.fromisoformat(end) + timedelta(days=1)
        if start[:7] == end[:7] and nxt.day == 1:
            return start[:7], None
    return start, end


def at_precision(day: str, precision: str) -> str:
    """A date cut to the precision a source vouches for: ('2020-01-03', 'month') -> '2020-01'."""
    return day[: {"year": 4, "month": 7}.get(precision, len(day))]


def iso3_from_numeric(code: str) -> str | None:
    """ISO 3166 numeric country code (ACLED's ``iso``) -> alpha-3, or None when unknown or empty."""
    s = code.strip()
    if not s.isdigit():
        return None
    country = pycountry.countries.get(numeric=s.zfill(3))
    return country.alpha_3 if country is not None else None


SUMMARY_LIMIT = 200


def one_line(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """A summary: whitespace collapsed, cut to ``limit`` characters, no dangling space."""
    return " ".join(text.split())[:limit].rstrip()
