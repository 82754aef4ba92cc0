"""What every dataset importer shares: opening files, numbered rows, dates, ids, stats, fast records.

Importers stream: they read a row, check it cheaply, and yield records, so a
file of any size imports in constant memory. A damaged row stops the import
with a :class:`~brinkwatch.records.RecordError` naming the file, the line and
the column; a well-formed row whose category has no PLOVER meaning is not an
error but is counted in :class:`ImportStats`, which the ``import`` command can
print and which is logged when the stream ends, so nothing is dropped silently.
"""

from __future__ import annotations

import csv
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar, cast

import pycountry
from pydantic import BaseModel

from brinkwatch.knowledge.names import normalize_name
from brinkwatch.records import AnyRecord, Event, Provenance, RecordError

log = logging.getLogger("brinkwatch.ingest")

M = TypeVar("M", bound=BaseModel)

_MAGIC = {
    b"\x1f\x8b": "a gzip archive",
    b"PK": "a zip archive",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
}


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
        parts += self.notes
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
        level = logging.WARNING if self.stats.rows_without_event else logging.INFO
        log.log(level, "%s", self.stats.summary())

    def __iter__(self) -> Iterator[AnyRecord]:
        return self._records

    def __next__(self) -> AnyRecord:
        return next(self._records)


def label_of(path: Path) -> str:
    """How a file is named in messages: as the user gave it."""
    return str(path)


def open_text(path: Path, expect: str) -> IO[str]:
    """Open a text dataset file, refusing up front what is clearly not one (archives, binaries).

    ``expect`` names the format for the message ("a GDELT 2.0 event file").
    """
    label = label_of(path)
    try:
        with open(path, "rb") as raw:
            head = raw.read(4096)
    except OSError as exc:
        raise RecordError(label, 0, "", f"cannot open: {exc.strerror}") from None
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise RecordError(label, 0, "", f"this is {what}, not {expect}; extract it first")
    if b"\x00" in head:
        raise RecordError(label, 0, "", f"this is a binary file, not {expect}")
    return open(path, encoding="utf-8-sig", newline="")


def numbered_rows(fh: IO[str], label: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for each record of a delimited file; quoted fields may span lines.

    The line number is where the record starts, which is what a user looks for.
    Bad UTF-8 is reported with the line it is on.
    """
    reader = csv.reader(
        fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
    )
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise RecordError(label, reader.line_num + 1, "", f"not valid UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise RecordError(label, reader.line_num, "", f"not valid CSV ({exc})") from None
        yield start, cells
        start = reader.line_num + 1


def check_header(label: str, header: list[str], required: tuple[str, ...], expect: str) -> dict[str, int]:
    """Column name -> index, or a RecordError on line 1 listing the missing columns."""
    index = {name.strip().lower(): i for i, name in enumerate(header)}
    missing = [c for c in required if c not in index]
    if missing:
        raise RecordError(
            label,
            1,
            "",
            f"not {expect}: the header lacks column(s) {', '.join(missing)}"
            + f" (found: {', '.join(h.strip() for h in header[:12])}{' ...' if len(header) > 12 else ''})",
        )
    return index


def checked_csv(
    fh: IO[str], label: str, required: tuple[str, ...], expect: str
) -> tuple[dict[str, int], Iterator[tuple[int, list[str]]]]:
    """The header's column index and the data rows of a CSV export, each row the header's width.

    Blank rows are passed over; a row of another width is a damaged file and
    raises a RecordError naming its line, before anything after it is read.
    """
    rows = numbered_rows(fh, label, ",")
    first = next(rows, None)
    if first is None:
        raise RecordError(label, 1, "", f"the file is empty; expected {expect}")
    col = check_header(label, first[1], required, expect)
    width = len(first[1])

    def data() -> Iterator[tuple[int, list[str]]]:
        for n, cells in rows:
            if len(cells) != width:
                if not any(c.strip() for c in cells):
                    continue
                found = f"expected {width} comma-separated columns, found {len(cells)}"
                raise RecordError(label, n, "", found)
            yield n, cells

    return col, data()


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
_WRITTEN = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -,]+(\d{4})$")
_WRITTEN_US = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}),? (\d{4})$")


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
    """'2020-01-03', '20200103', '03 January 2020', 'January 3, 2020', '2020-01' or '2020' -> ISO."""
    s = text.strip()
    parts: tuple[str, str | None, str | None]
    if (m := _ISO.match(s)) or (m := _COMPACT.match(s)):
        parts = (m.group(1), m.group(2), m.group(3))
    elif (m := _WRITTEN.match(s)) and m.group(2).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(2).lower()]), m.group(1))
    elif (m := _WRITTEN_US.match(s)) and m.group(1).lower() in _MONTHS:
        parts = (m.group(3), str(_MONTHS[m.group(1).lower()]), m.group(2))
    else:
        raise ValueError(f"{text!r} is not a date (expected e.g. 2020-01-03, 20200103 or 03 January 2020)")
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
    """An optional number cell: None when empty, else the number, else a RecordError naming the cell."""
    s = text.strip()
    if not s:
        return None
    try:
        return kind(float(s)) if kind is int and "." in s else kind(s)
    except ValueError:
        raise RecordError(label, line, column, f"{text!r} is not a number") from None


_new = object.__new__
_set = object.__setattr__


def dataset_provenance(dataset: str, record: str) -> list[Provenance]:
    """The provenance of an imported record: dataset and source row id (built as :func:`construct` does)."""
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
    _set(obj, "__pydantic_extra__", {})
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
