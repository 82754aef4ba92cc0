"""The interchange records of ``RECORDS.md`` (version 1) as typed, validated models.

These records are brinkwatch's public contract: what ``extract`` prints, what
``export`` writes and ``import`` reads back. Everything that crosses a module
boundary (readers, importers, the store, analysis) speaks in these types, so a
mistake in a record is caught where it enters, with the file, line and field.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Annotated, Any, Literal, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from brinkwatch import dates

PartialDate = Annotated[str, AfterValidator(dates.check)]

ActorType = Literal[
    "state", "government", "armed_group", "political_group", "person", "organization", "population"
]
PlaceType = Literal["country", "province", "city", "base", "site", "region"]
RelationType = Literal[
    "leads", "member_of", "founded", "commands", "funds", "arms", "supports",
    "allied_with", "loyal_to", "proxy_of", "opposes", "kin_of", "succeeded",
]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN",
    "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
]

# The same vocabularies as tuples, for code that iterates or validates outside pydantic.
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)
PLACE_TYPES: tuple[str, ...] = get_args(PlaceType)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
SYMMETRIC_RELATIONS = frozenset({"allied_with", "kin_of"})


class _Base(BaseModel):
    """Unknown keys are kept (RECORDS.md allows them) but never required."""

    model_config = ConfigDict(extra="allow", frozen=False, str_strip_whitespace=True)


class Provenance(_Base):
    """Where a record came from: a span of a document, or a row of a dataset."""

    document: str | None = None
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    text: str | None = None
    dataset: str | None = None
    record: str | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> Provenance:
        if (self.document is None) == (self.dataset is None):
            raise ValueError(
                "provenance needs either 'document' (with start/end/text) or 'dataset' (with record)"
            )
        if self.dataset is not None and self.record is None:
            raise ValueError("dataset provenance needs 'record', the source row id")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("provenance 'end' is before 'start'")
        return self


class Document(_Base):
    kind: Literal["document"] = "document"
    id: str = Field(min_length=1)
    title: str = ""
    published: PartialDate | None = None
    url: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class Actor(_Base):
    kind: Literal["actor"] = "actor"
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    code: str | None = None
    born: PartialDate | None = None
    founded: PartialDate | None = None
    died: PartialDate | None = None
    dissolved: PartialDate | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    provenance: list[Provenance] = Field(default_factory=list)


class Place(_Base):
    kind: Literal["place"] = "place"
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    type: PlaceType
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    aliases: list[str] = Field(default_factory=list)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    provenance: list[Provenance] = Field(default_factory=list)


class Relation(_Base):
    kind: Literal["relation"] = "relation"
    id: str = Field(min_length=1)
    type: RelationType
    source: str = Field(min_length=1)
    target: str = Field(min_length=1)
    role: str | None = None
    valid_from: PartialDate | None = None
    valid_to: PartialDate | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    provenance: list[Provenance] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Relation:
        if (
            self.valid_from
            and self.valid_to
            and dates.bounds(self.valid_to)[1] < dates.bounds(self.valid_from)[0]
        ):
            raise ValueError("valid_to is before valid_from")
        return self


class Event(_Base):
    kind: Literal["event"] = "event"
    id: str = Field(min_length=1)
    type: EventType
    mode: str | None = None
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    place: str | None = None
    fatalities: int | None = Field(default=None, ge=0)
    intensity: float | None = Field(default=None, ge=-10, le=10)
    quad_class: Literal[1, 2, 3, 4] | None = None
    summary: str = ""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    provenance: list[Provenance] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Event:
        if self.date_end and not self.date:
            raise ValueError("date_end given without date")
        if self.date and self.date_end and dates.bounds(self.date_end)[1] < dates.bounds(self.date)[0]:
            raise ValueError("date_end is before date")
        return self


Record = Annotated[Document | Actor | Place | Relation | Event, Field(discriminator="kind")]
_RECORD: TypeAdapter[Document | Actor | Place | Relation | Event] = TypeAdapter(Record)

AnyRecord = Document | Actor | Place | Relation | Event


class RecordError(ValueError):
    """A record that does not fit the contract, located by file, line and field."""

    def __init__(self, source: str, line: int, field: str, problem: str) -> None:
        self.source, self.line, self.field, self.problem = source, line, field, problem
        where = f"{source}:{line}" + (f": field '{field}'" if field else "")
        super().__init__(f"{where}: {problem}")


def _field_path(loc: tuple[int | str, ...]) -> str:
    # the discriminated union puts the kind first in the location; drop it
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("document", "actor", "place", "relation", "event"):
        parts = parts[1:]
    return ".".join(parts)


def parse_record(obj: Any, source: str = "<input>", line: int = 0) -> AnyRecord:
    """Validate one decoded JSON object as a record, or raise :class:`RecordError`."""
    if not isinstance(obj, dict):
        raise RecordError(source, line, "", f"expected a JSON object, got {type(obj).__name__}")
    kind = obj.get("kind")
    if kind not in ("document", "actor", "place", "relation", "event"):
        raise RecordError(
            source, line, "kind", f"expected one of document, actor, place, relation, event; got {kind!r}"
        )
    try:
        return _RECORD.validate_python(obj)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise RecordError(source, line, _field_path(err["loc"]), err["msg"]) from None


def read_jsonl(path: str | Path | IO[str] | IO[bytes], name: str | None = None) -> Iterator[AnyRecord]:
    """Stream records from a JSON Lines file (or open stream), one object a line.

    Blank lines are skipped. The first bad line raises :class:`RecordError`
    naming the file, line and field, before anything after it is read. Files
    are read as bytes and decoded line by line, so invalid UTF-8 is reported
    at the line that holds it rather than where a read buffer happened to end.
    """
    if isinstance(path, (str, Path)):
        label = name or str(path)
        try:
            fh: IO[str] | IO[bytes] = open(path, "rb")  # noqa: SIM115 - closed in finally
        except OSError as exc:
            raise RecordError(label, 0, "", f"cannot open: {exc.strerror}") from None
        close = True
    else:
        fh, close = path, False
        label = name or str(getattr(path, "name", "<stream>"))
    try:
        lines = cast("Iterable[str | bytes]", fh)
        for n, raw in enumerate(lines, 1):
            line: str
            if isinstance(raw, bytes):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    problem = f"not valid UTF-8 ({exc.reason} at byte {exc.start})"
                    raise RecordError(label, n, "", problem) from None
            else:
                line = str(raw)
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RecordError(label, n, "", f"not valid JSON: {exc.msg} at column {exc.colno}") from None
            yield parse_record(obj, label, n)
    finally:
        if close:
            fh.close()


def to_json(record: AnyRecord) -> str:
    """One compact JSON line for a record, without empty optional fields."""
    return json.dumps(to_dict(record), ensure_ascii=False, separators=(",", ":"))


def to_dict(record: AnyRecord) -> dict[str, Any]:
    """The record as a plain dict, leaving out keys that are None."""
    return record.model_dump(mode="json", exclude_none=True)


def write_jsonl(records: Iterable[AnyRecord], out: IO[str]) -> int:
    """Write records as JSON Lines; returns how many were written."""
    n = 0
    for rec in records:
        out.write(to_json(rec))
        out.write("\n")
        n += 1
    return n
