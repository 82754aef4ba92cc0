"""The ``brinkwatch_dates`` component: date expressions as token spans, unresolved.

Resolution needs the whole document in order and its publication date, so it
happens later (:class:`brinkwatch.nlp.temporal.Timeline`); here each
expression is only found and parsed, which is local and can run in a worker.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.nlp.annotations import bw
from brinkwatch.nlp.lexicon import load_lexicon
from brinkwatch.nlp.temporal import DateFinder


class DateTagger:
    """Finds date expressions in the text and records them on the doc by token span."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = DateFinder(load_lexicon().dates)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for f in self.finder.find(doc.text):
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is not None:
                found.append([span.start, span.end, f.expr])
        bw(doc)["dates"] = found
        return doc


@Language.factory("brinkwatch_dates")
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    """spaCy factory: date expressions (absolute, partial, relative) by token span."""
    return DateTagger(nlp, name)
