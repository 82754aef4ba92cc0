"""``POST /api/ingest``: add one text to the store, with everything extracted from it.

Only a writable server with the bearer token accepts it (see ``security``).
The text and its extracted records are stored in one transaction by
``Store.add_document``, so a failure leaves the store as it was; the same text
sent twice is stored once. The spaCy pipeline is loaded on the first ingest,
not at start-up, so a read-only server never pays for it.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field

from brinkwatch.api.deps import StoreDep
from brinkwatch.api.problems import Problem
from brinkwatch.api.security import require_token
from brinkwatch.ingest.documents import slug
from brinkwatch.records import Document, PartialDate, RecordError
from brinkwatch.store import UnknownActorError, sha256_text

if TYPE_CHECKING:
    from brinkwatch.nlp import Extractor

router = APIRouter(prefix="/api")
_extractor_lock = threading.Lock()


class IngestRequest(BaseModel):
    """The body of an ingest request; ``text`` is plain text, never interpreted as markup."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(default="", max_length=500)
    text: str = Field(min_length=1)
    published: PartialDate | None = None


def document_id(title: str, digest: str) -> str:
    """A readable, stable id: the title as a slug (as file ingest does with names) and the sha256 start."""
    return f"{slug(title)[:60].rstrip('-')}-{digest[:10]}"


def extractor(app: FastAPI) -> Extractor:
    """The app's extractor, loaded once on first use (loading spaCy takes seconds). Call under the lock."""
    found: Extractor | None = getattr(app.state, "extractor", None)
    if found is None:
        from brinkwatch.nlp import Extractor

        found = Extractor()
        app.state.extractor = found
    return found


@router.post("/ingest", dependencies=[Depends(require_token)])
def ingest(body: IngestRequest, store: StoreDep, request: Request) -> dict[str, Any]:
    """Extract actors, places, relations and events from the text and store them with the text."""
    digest = sha256_text(body.text)
    known = store.find_document(digest)
    if known is not None:
        return {"document": known, "created": False, "records": {}}
    doc = Document(id=document_id(body.title, digest), title=body.title, published=body.published,
                   sha256=digest)
    with _extractor_lock:  # a spaCy pipeline is not documented as safe to share between threads
        records = extractor(request.app).extract(body.text, doc_id=doc.id, title=doc.title,
                                                 published=doc.published)
    try:
        doc_id, created = store.add_document(doc, body.text, records)
    except (UnknownActorError, RecordError, ValueError) as exc:
        raise Problem(422, "not-stored",
                      f"the extracted records were refused, nothing was stored: {exc}") from None
    counts = Counter(r.kind for r in records) if created else Counter()
    return {"document": doc_id, "created": created, "records": dict(counts)}
