"""Reading documents (plain text, Markdown, HTML, JSONL) and ingesting them into the store.

Readers turn files into :class:`SourceText` (a ``Document`` record plus its
text); :func:`ingest_paths` stores each one with the records an extractor finds
in it. A problem with one file (unsupported, too big, empty, malformed) is
reported with the file (and line) and the batch goes on: one bad file in a
folder of hundreds should cost that file, not the run.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

import yaml
from pydantic import ValidationError

from brinkwatch.records import AnyRecord, Document
from brinkwatch.store import Store, sha256_text

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
"""Files above this are refused: a 20 MB text is a dump, not a document, and would stall extraction."""

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".jsonl"}

Level = Literal["error", "warning", "skipped"]


@dataclass(frozen=True)
class SourceText:
    """A document's metadata record and its full text, with the file it came from."""

    document: Document
    text: str
    path: str


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: ``where`` is the file, or ``file:line`` inside a JSONL file."""

    level: Level
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Reporter = Callable[[Problem], None]


def _log_problem(problem: Problem) -> None:
    log.log(logging.ERROR if problem.level == "error" else logging.WARNING, "%s", problem)


class _FileProblem(Exception):
    """One input that cannot be read; carried to the reporter, never past it."""

    def __init__(self, level: Level, where: str, message: str) -> None:
        super().__init__(message)
        self.problem = Problem(level, where, message)


# -- paths ----------------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read: each file named, and the supported files of each folder (recursively, sorted).

    A file named explicitly is always tried (so an unsupported one is reported);
    inside a folder, files of other types, hidden files and a corpus's own README
    (which describes the documents rather than being one) are not documents.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and child.suffix.lower() in SUFFIXES
                    and not child.name.startswith(".")
                    and child.stem.lower() != "readme"
                ):
                    yield child
        else:
            yield path


def slug(text: str) -> str:
    """A lower-case, hyphenated id from a file stem ("Report 2020_01" -> "report-2020-01")."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "document"


# -- reading one file -----------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _FileProblem("error", str(path), "no such file") from None
    if size > MAX_BYTES:
        raise _FileProblem(
            "error", str(path), f"file is {size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB"
        )
    if path.suffix.lower() not in SUFFIXES:
        known = ", ".join(sorted(SUFFIXES))
        raise _FileProblem(
            "error", str(path), f"unsupported file type {path.suffix or '(none)'!r}; expected {known}"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _FileProblem("error", str(path), f"cannot read: {exc.strerror}") from None


def decode(data: bytes, where: str, report: Reporter) -> str:
    """UTF-8 text (a BOM dropped); invalid bytes become U+FFFD with a warning, NULs are removed."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data.count(b"\n", 0, exc.start) + 1
        report(
            Problem(
                "warning",
                where,
                f"not valid UTF-8 (first bad byte at offset {exc.start}, line {bad}); "
                "invalid bytes replaced with U+FFFD",
            )
        )
        text = data.decode("utf-8-sig", errors="replace")
    if "\x00" in text:
        report(Problem("warning", where, "NUL characters removed"))
        text = text.replace("\x00", "")
    return text


def _date_text(value: Any) -> str | None:
    """YAML reads 2020-01-03 as a date; the records want the ISO string at the source's precision."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    """YAML front matter between a leading ``---`` line and the next ``---`` line, and the body after it."""
    if not text.startswith("---"):
        return {}, text
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() == "---":
            try:
                meta = yaml.safe_load("".join(lines[1:i])) or {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = f" (line {mark.line + 2})" if mark is not None else ""
                raise _FileProblem("error", where, f"front matter is not valid YAML{line}") from None
            if not isinstance(meta, dict):
                raise _FileProblem(
                    "error", where, "front matter must be a mapping of keys such as title, published"
                )
            return meta, "".join(lines[i + 1 :])
    raise _FileProblem("error", where, "front matter opened with '---' is never closed by a '---' line")


def _document(doc_id: str, text: str, meta: dict[str, Any], where: str) -> Document:
    fields: dict[str, Any] = {
        "id": doc_id,
        "title": str(meta.get("title") or ""),
        "published": _date_text(meta.get("published")),
        "url": meta.get("url"),
        "sha256": sha256_text(text),
    }
    if meta.get("sources") is not None:
        fields["sources"] = meta["sources"]
    try:
        return Document.model_validate(fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = ".".join(str(p) for p in err["loc"])
        raise _FileProblem("error", where, f"field '{name}': {err['msg']}") from None


def _read_text_file(path: Path, text: str) -> Iterator[SourceText]:
    meta, body = split_front_matter(text, str(path))
    if not body.strip():
        raise _FileProblem("skipped", str(path), "empty file (no text after front matter), skipped")
    yield SourceText(_document(slug(path.stem), body, meta, str(path)), body, str(path))


def _read_html_file(path: Path, html: str) -> Iterator[SourceText]:
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not body or not body.strip():
        raise _FileProblem("skipped", str(path), "no main text found in the HTML, skipped")
    found = trafilatura.extract_metadata(html)
    meta = {"title": found.title, "published": found.date, "url": found.url} if found is not None else {}
    where = str(path)
    try:
        doc = _document(slug(path.stem), body, meta, where)
    except _FileProblem:  # page metadata is a guess: a bad date there must not cost the text
        doc = _document(slug(path.stem), body, {"title": meta.get("title")}, where)
    yield SourceText(doc, body, where)


def _read_jsonl_file(path: Path, text: str, report: Reporter) -> Iterator[SourceText]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            report(Problem("error", where, f"not valid JSON: {exc.msg} at column {exc.colno}"))
            continue
        if not isinstance(obj, dict):
            report(Problem("error", where, f"expected a JSON object, got {type(obj).__name__}"))
            continue
        body = obj.get("text")
        if not isinstance(body, str):
            report(Problem("error", where, "field 'text': expected a string with the document's text"))
            continue
        if not body.strip():
            report(Problem("skipped", where, "empty text, skipped"))
            continue
        if "\x00" in body:
            report(Problem("warning", where, "NUL characters removed"))
            body = body.replace("\x00", "")
        doc_id = obj.get("id")
        if doc_id is not None and not isinstance(doc_id, str | int):
            report(Problem("error", where, "field 'id': expected a string"))
            continue
        try:
            doc = _document(str(doc_id) if doc_id is not None else f"{slug(path.stem)}-{n}", body, obj, where)
        except _FileProblem as exc:
            report(exc.problem)
            continue
        yield SourceText(doc, body, where)


def read_documents(paths: Iterable[str | Path], report: Reporter = _log_problem) -> Iterator[SourceText]:
    """Documents from files and folders; problems go to ``report`` (default: the log) and reading goes on.

    ``.txt``/``.md`` with optional YAML front matter (title, published, url,
    sources), ``.html``/``.htm`` through trafilatura, ``.jsonl`` of objects
    with id, title, text, published, url. The document id is the slug of the
    file stem (or the JSONL ``id``); ``sha256`` is of the text.
    """
    for path in expand_paths(paths):
        try:
            data = _read_bytes(path)
            if not data.strip():
                raise _FileProblem("skipped", str(path), "empty file, skipped")
            text = decode(data, str(path), report)
            suffix = path.suffix.lower()
            if suffix == ".jsonl":
                yield from _read_jsonl_file(path, text, report)
            elif suffix in HTML_SUFFIXES:
                yield from _read_html_file(path, text)
            else:
                yield from _read_text_file(path, text)
        except _FileProblem as exc:
            report(exc.problem)


# -- ingest ---------------------------------------------------------------------------------


_EXTRACTOR_SKIP = "TextSkipped"
"""The extractor's "not a text I read" error (empty, binary, not English): a skip, not a failure.

Matched by name so that reading and storing documents does not import the NLP stack.
"""


class Extractor(Protocol):
    """What ingest needs of the extraction engine (``brinkwatch.nlp.Extractor``)."""

    def extract(
        self, text: str, *, doc_id: str, title: str = "", published: str | None = None
    ) -> list[AnyRecord]:
        """The records found in one document's text."""
        ...


@dataclass
class IngestReport:
    """What an ingest run did: documents stored or already known, records extracted, problems met."""

    added: list[str] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    extracted: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that cost a file or a document."""
        return [p for p in self.problems if p.level == "error"]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return {
            "added": self.added,
            "already_stored": self.already_stored,
            "extracted": dict(self.extracted),
            "problems": [{"level": p.level, "where": p.where, "message": p.message} for p in self.problems],
        }


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    extractor: Extractor | None = None,
    progress: bool = True,
    published: str | None = None,
) -> IngestReport:
    """Read documents and store each with its extracted records, one transaction per document.

    Idempotent by sha256: a text already stored is neither extracted again nor
    stored. ``published`` is the publication date to assume for documents that
    do not give one. A document whose records the store refuses is reported and
    left out entirely; the others go on.
    """
    report = IngestReport()
    files = list(expand_paths(paths))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, disable=not progress, transient=True) as bar:
        task = bar.add_task("ingest", total=len(files))
        for path in files:
            bar.update(task, description=f"ingest {path.name}")
            for source in read_documents([path], report.problems.append):
                _ingest_one(store, source, extractor, published, report)
            bar.advance(task)
    return report


def _ingest_one(
    store: Store, source: SourceText, extractor: Extractor | None, published: str | None, report: IngestReport
) -> None:
    doc = source.document
    if doc.published is None and published is not None:
        doc = doc.model_copy(update={"published": published})
    known = store.find_document(sha256_text(source.text))
    if known is not None:
        report.already_stored.append(known)
        return
    try:
        records = (
            extractor.extract(source.text, doc_id=doc.id, title=doc.title, published=doc.published)
            if extractor is not None
            else []
        )
        doc_id, created = store.add_document(doc, source.text, records)
    except ValueError as exc:  # RecordError and StoreInputError included: this document is left out
        skipped = type(exc).__name__ == _EXTRACTOR_SKIP
        report.problems.append(Problem("skipped" if skipped else "error", source.path, f"not stored: {exc}"))
        return
    if created:
        report.added.append(doc_id)
        report.extracted.update(r.kind for r in records)
    else:
        report.already_stored.append(doc_id)
