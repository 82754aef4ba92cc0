"""Ingest on Ray: a pool of Ray actors, each holding one loaded pipeline, and the driver writing.

Why this shape: loading spaCy and the gazetteer costs about a second and a few
hundred MB, so each worker loads the pipeline once (a Ray actor) and is fed
batches of documents; records come back to the driver, which alone writes to
the store, one transaction per document. The store's documents, keyed by the
text's sha256, are the run journal: a document is either stored whole with its
records or not at all, so a run killed at any point and started again skips
what is stored and ends with every record exactly once.

Without an address Ray starts on this machine with as many CPUs as workers, so
the same command runs on a laptop and, with ``--address auto`` or
``ray://host:10001``, on a cluster whose nodes have brinkwatch installed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brinkwatch.ingest.documents import IngestReport, Problem, SourceText, read_documents
from brinkwatch.records import AnyRecord
from brinkwatch.store import Store, sha256_text

BATCH_CHARS = 60_000
"""About this much text goes to a worker in one call: big enough to amortise the call, small enough
to keep every worker busy near the end of a run."""


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide to run: ``address`` None starts a local Ray with ``workers`` CPUs."""

    address: str | None = None
    workers: int = 2
    model: str | None = None
    knowledge: tuple[str, ...] = ()
    """Knowledge packs each worker loads beside the built-in knowledge (paths every node can read)."""
    batch_chars: int = BATCH_CHARS


@dataclass(frozen=True)
class Extracted:
    """One document's outcome on a worker: its records, or why the extractor passed it over."""

    doc_id: str
    records: list[AnyRecord]
    skipped: str | None = None


class ExtractionWorker:
    """The body of a Ray actor: one pipeline, loaded at start, used for every batch it is sent."""

    def __init__(self, model: str | None, knowledge: tuple[str, ...] = ()) -> None:
        from brinkwatch.nlp import Extractor

        self.extractor = Extractor(model=model, knowledge=knowledge)

    def extract(self, batch: list[tuple[str, dict[str, Any]]]) -> list[Extracted]:
        """Records for each (text, meta) in the batch, in order; skipped texts say why."""
        self.extractor.skipped.clear()
        results = list(self.extractor.extract_many(batch))
        reasons = dict(self.extractor.skipped)
        return [
            Extracted(meta["doc_id"], records, reasons.get(meta["doc_id"]))
            for (_, meta), records in zip(batch, results, strict=True)
        ]

    def pid(self) -> int:
        """The worker's process id (tests check that work really spreads over processes)."""
        import os

        return os.getpid()


def start_ray(options: RayOptions) -> None:
    """Connect to the cluster at ``options.address``, or start a local Ray sized to the workers."""
    import ray

    if ray.is_initialized():
        return
    if options.address:
        ray.init(address=options.address, log_to_driver=False)
    else:
        ray.init(num_cpus=options.workers, include_dashboard=False, log_to_driver=False)


def _batches(
    sources: Iterable[SourceText], published: str | None, limit: int
) -> Iterator[tuple[list[tuple[str, dict[str, Any]]], dict[str, SourceText]]]:
    batch: list[tuple[str, dict[str, Any]]] = []
    by_id: dict[str, SourceText] = {}
    size = 0
    seen: set[str] = set()
    for n, source in enumerate(sources):
        doc = source.document
        key = doc.id if doc.id not in seen else f"{doc.id}~{n}"  # two files may share a stem
        seen.add(key)
        meta = {"doc_id": key, "title": doc.title, "published": doc.published or published}
        batch.append((source.text, meta))
        by_id[key] = source
        size += len(source.text)
        if size >= limit:
            yield batch, by_id
            batch, by_id, size = [], {}, 0
    if batch:
        yield batch, by_id


def ingest_on_ray(
    store: Store,
    paths: Iterable[str | Path],
    options: RayOptions,
    published: str | None = None,
    on_document: Any = None,
) -> IngestReport:
    """Extract documents on Ray workers and store each with its records (the driver writes).

    Texts already in the store (by sha256) are not sent. At most two batches per
    worker are in flight, so the driver's memory stays bounded however large the
    input. ``on_document`` (optional) is called after each document is settled,
    for progress bars.
    """
    import ray
    from ray.util import ActorPool

    report = IngestReport()

    def unseen() -> Iterator[SourceText]:
        for source in read_documents(paths, report.problems.append):
            known = store.find_document(sha256_text(source.text))
            if known is not None:
                report.already_stored.append(known)
                if on_document is not None:
                    on_document()
                continue
            yield source

    start_ray(options)
    remote_worker = ray.remote(num_cpus=1)(ExtractionWorker)
    workers: list[Any] = [
        remote_worker.remote(options.model, options.knowledge) for _ in range(options.workers)
    ]
    pool = ActorPool(workers)
    pending: deque[dict[str, SourceText]] = deque()
    try:
        for batch, by_id in _batches(unseen(), published, options.batch_chars):
            while len(pending) >= 2 * options.workers:
                _settle(store, pool.get_next(), pending.popleft(), published, report, on_document)
            pool.submit(lambda actor, value: actor.extract.remote(value), batch)
            pending.append(by_id)
        while pending:
            _settle(store, pool.get_next(), pending.popleft(), published, report, on_document)
    finally:
        for worker in workers:
            ray.kill(worker)
    return report


def _settle(
    store: Store,
    results: list[Extracted],
    by_id: dict[str, SourceText],
    published: str | None,
    report: IngestReport,
    on_document: Any,
) -> None:
    for result in results:
        source = by_id[result.doc_id]
        doc = source.document
        if doc.published is None and published is not None:
            doc = doc.model_copy(update={"published": published})
        if result.skipped is not None:
            report.problems.append(Problem("skipped", source.path, f"not stored: {result.skipped}"))
        else:
            records = result.records
            if result.doc_id != doc.id:
                records = [_own(record, result.doc_id, doc.id) for record in records]
            try:
                doc_id, created = store.add_document(doc, source.text, records)
            except ValueError as exc:  # RecordError and StoreInputError: this document is left out
                report.problems.append(Problem("error", source.path, f"not stored: {exc}"))
            else:
                if created:
                    report.added.append(doc_id)
                    report.extracted.update(r.kind for r in records)
                else:
                    report.already_stored.append(doc_id)
        if on_document is not None:
            on_document()


def _own(record: AnyRecord, run_key: str, doc_id: str) -> AnyRecord:
    """The record with the run's batch key replaced by the document's id in its id and provenance."""
    data = record.model_dump()
    if isinstance(data.get("id"), str) and data["id"].startswith(run_key):
        data["id"] = doc_id + data["id"][len(run_key) :]
    if data.get("kind") == "document":
        data["id"] = doc_id
    for prov in data.get("provenance") or []:
        if prov.get("document") == run_key:
            prov["document"] = doc_id
    return type(record).model_validate(data)
