"""The public extraction API: text in, interchange records out.

:class:`Extractor` owns one spaCy pipeline (built once; loading costs about a
second) and turns a document's text into its records: the document, the
actors and places it mentions, the relations and events it states, each fact
with the sentence it came from. ``extract_many`` streams many documents
through ``nlp.pipe`` with batching and, if asked, several processes; long
texts are cut into chunks whose offsets are kept, and each chunk's ``Doc`` is
handed to the document's :class:`DocumentBuilder` and dropped, so a long text
never holds all its Docs at once.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from brinkwatch.knowledge.packs import load_knowledge
from brinkwatch.nlp.assemble import Assembler, DocumentBuilder
from brinkwatch.nlp.pipeline import build_pipeline
from brinkwatch.nlp.textprep import CHUNK_CHARS, TextSkipped, check_text, chunks
from brinkwatch.records import AnyRecord

DEFAULT_BATCH = 16


@dataclass(frozen=True)
class Meta:
    """What is known of a document besides its text."""

    doc_id: str
    title: str = ""
    published: str | None = None

    @classmethod
    def of(cls, raw: Meta | dict[str, Any], n: int) -> Meta:
        """``raw`` itself, or a dict's ``doc_id`` (else ``id``, else the position ``n``), title and date."""
        if isinstance(raw, Meta):
            return raw
        return cls(
            str(raw.get("doc_id") or raw.get("id") or n), str(raw.get("title") or ""), raw.get("published")
        )


@dataclass
class _Job:
    """A document on its way through ``nlp.pipe``: its builder (``None`` if skipped), chunks still due."""

    builder: DocumentBuilder | None
    remaining: int


class Extractor:
    """Extracts records from text with a spaCy model (``None``: ``config.spacy_model()``).

    ``chunk_chars`` is the longest piece of text parsed as one ``Doc``; longer
    texts are cut (see :func:`brinkwatch.nlp.textprep.chunks`). ``knowledge``
    lists knowledge packs added to the built-in gazetteer.
    """

    def __init__(
        self, model: str | None = None, chunk_chars: int = CHUNK_CHARS, knowledge: Sequence[str] = ()
    ) -> None:
        self.nlp: Language = build_pipeline(model, knowledge)
        self.assembler = Assembler(load_knowledge(knowledge))
        self.chunk_chars = chunk_chars
        self.skipped: list[tuple[str, str]] = []
        """(document id, reason) of texts that ``extract_many`` passed over."""

    def extract(
        self, text: str, doc_id: str, title: str = "", published: str | None = None
    ) -> list[AnyRecord]:
        """The records of one document. Raises :class:`TextSkipped` for empty, binary or non-English text."""
        check_text(text)
        pieces = chunks(text, self.chunk_chars)
        # lazily: the assembler reads each chunk's Doc once, so a long text never holds all its Docs
        docs = zip((o for o, _ in pieces), self.nlp.pipe((p for _, p in pieces), batch_size=1), strict=True)
        return self.assembler.records(docs, doc_id, text, title, published)

    def extract_many(
        self,
        items: Iterable[tuple[str, Meta | dict[str, Any]]],
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH,
    ) -> Iterator[list[AnyRecord]]:
        """Records per document, in input order, for (text, meta) pairs; meta is a :class:`Meta` or a dict.

        Texts that :func:`check_text` rejects yield an empty list and are listed in :attr:`skipped`.
        Memory stays flat: documents are read lazily, each chunk's Doc is dropped once its
        document's builder has read it, and a document is released once its records are out.
        """
        # nlp.pipe yields in input order, so the chunks of the document at the head of the
        # queue arrive, in order, before any chunk of the next one
        jobs: deque[_Job] = deque()

        def feed() -> Iterator[tuple[str, int]]:
            for n, (text, raw) in enumerate(items):
                meta = Meta.of(raw, n)
                try:
                    check_text(text)
                except TextSkipped as exc:
                    self.skipped.append((meta.doc_id, str(exc)))
                    jobs.append(_Job(None, 0))
                    continue
                pieces = chunks(text, self.chunk_chars)
                builder = DocumentBuilder(self.assembler, meta.doc_id, text, meta.title, meta.published)
                jobs.append(_Job(builder, len(pieces)))
                for offset, piece in pieces:
                    yield piece, offset

        def finished() -> Iterator[list[AnyRecord]]:
            while jobs and jobs[0].remaining == 0:
                builder = jobs.popleft().builder
                yield builder.finish() if builder is not None else []

        for doc, offset in self.nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size):
            yield from finished()  # skipped texts before this chunk's document
            job = jobs[0]
            if job.builder is None or job.remaining == 0:
                raise RuntimeError("nlp.pipe returned a chunk after its document was complete")
            job.builder.add(offset, doc)
            job.remaining -= 1
            del doc  # read once: the builder kept what it needs
            yield from finished()
        yield from finished()
