"""The public extraction API: text in, interchange records out.

:class:`Extractor` owns one spaCy pipeline (built once; loading costs about a
second) and turns a document's text into its records: the document, the
actors and places it mentions, the relations and events it states, each fact
with the sentence it came from. ``extract_many`` streams many documents
through ``nlp.pipe`` with batching and, if asked, several processes; long
texts are cut into chunks whose offsets are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from brinkwatch.knowledge import load_gazetteer
from brinkwatch.nlp.assemble import Assembler
from brinkwatch.nlp.pipeline import build_pipeline
from brinkwatch.nlp.textprep import TextSkipped, check_text, chunks
from brinkwatch.records import AnyRecord

DEFAULT_BATCH = 16


@dataclass(frozen=True)
class Meta:
    """What is known of a document besides its text."""

    doc_id: str
    title: str = ""
    published: str | None = None


@dataclass
class _Pending:
    meta: Meta
    text: str
    expected: int
    docs: list[tuple[int, Any]] = field(default_factory=list)


class Extractor:
    """Extracts records from text with a spaCy model (``None``: ``config.spacy_model()``)."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp: Language = build_pipeline(model)
        self.assembler = Assembler(load_gazetteer())
        self.skipped: list[tuple[str, str]] = []
        """(document id, reason) of texts that ``extract_many`` passed over."""

    def extract(
        self, text: str, doc_id: str, title: str = "", published: str | None = None
    ) -> list[AnyRecord]:
        """The records of one document. Raises :class:`TextSkipped` for empty, binary or non-English text."""
        check_text(text)
        meta = Meta(doc_id, title, published)
        pieces = chunks(text)
        # lazily: the assembler reads each chunk's Doc once, so a long text never holds all its Docs
        docs = zip((o for o, _ in pieces), self.nlp.pipe((p for _, p in pieces), batch_size=1), strict=True)
        return self.assembler.records(docs, meta.doc_id, text, meta.title, meta.published)

    def extract_many(
        self,
        items: Iterable[tuple[str, Meta | dict[str, Any]]],
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH,
    ) -> Iterator[list[AnyRecord]]:
        """Records per document, in input order, for (text, meta) pairs; meta is a :class:`Meta` or a dict.

        Texts that :func:`check_text` rejects yield an empty list and are listed in :attr:`skipped`.
        Memory stays flat: documents are read lazily and each is released once its records are out.
        """
        pending: dict[int, _Pending] = {}
        order: list[int] = []

        def feed() -> Iterator[tuple[str, tuple[int, int]]]:
            for n, (text, raw) in enumerate(items):
                meta = (
                    raw
                    if isinstance(raw, Meta)
                    else Meta(
                        str(raw.get("doc_id") or raw.get("id") or n),
                        str(raw.get("title") or ""),
                        raw.get("published"),
                    )
                )
                order.append(n)
                try:
                    check_text(text)
                except TextSkipped as exc:
                    self.skipped.append((meta.doc_id, str(exc)))
                    pending[n] = _Pending(meta, "", 0)
                    continue
                pieces = chunks(text)
                pending[n] = _Pending(meta, text, len(pieces))
                for offset, piece in pieces:
                    yield piece, (n, offset)

        def ready() -> Iterator[list[AnyRecord]]:
            while order and order[0] in pending and len(pending[order[0]].docs) == pending[order[0]].expected:
                n = order.pop(0)
                job = pending.pop(n)
                if job.expected == 0:
                    yield []
                else:
                    yield self.assembler.records(
                        job.docs, job.meta.doc_id, job.text, job.meta.title, job.meta.published
                    )

        for doc, (n, offset) in self.nlp.pipe(
            feed(), as_tuples=True, n_process=n_process, batch_size=batch_size
        ):
            yield from ready()
            pending[n].docs.append((offset, doc))
            yield from ready()
        yield from ready()
