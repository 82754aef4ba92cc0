"""The ``brinkwatch_dates`` component: date expressions as token spans, unresolved.

Resolution needs the whole document in order and its publication date, so it
happens later (:class:`brinkwatch.nlp.temporal.Timeline`); here each
expression is only found and parsed, which is local and can run in a worker.
What only the parse can tell is recorded on the expression for the resolver:

- ``aside``: the date sits in a relative clause ("a step Blinken reversed in
  February 2021"); it dates its own clause but does not move the narrative
  time. A participle or a noun modifier ("the exception of targeting X in
  January 2020", "the offensive of early 2025") is not an aside: those carry
  the narrative as often as not.
- ``from`` and ``clause``: for "ten days after [a drone struck ... on January
  28]", the index of the date inside the clause that "after" governs, which
  the count starts from, and that clause's token range, whose facts keep
  their own date.
- ``back``: for "on 8 January, five days after [a drone strike killed him]",
  the token range of an introduced clause with no date of its own; its facts
  are dated by counting back from the sentence's date.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from brinkwatch.nlp.annotations import bw
from brinkwatch.nlp.lexicon import load_lexicon
from brinkwatch.nlp.temporal import CALENDAR_KINDS, DateFinder

NOUN_CLAUSE_DEPS = frozenset({"relcl"})


class DateTagger:
    """Finds date expressions in the text and records them on the doc by token span."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = DateFinder(load_lexicon().dates)

    def __call__(self, doc: Doc) -> Doc:
        spans: list[tuple[Span, dict[str, object]]] = []
        for f in self.finder.find(doc.text):
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is not None:
                spans.append((span, dict(f.expr)))
        parsed = doc.has_annotation("DEP")
        for span, expr in spans:
            lead = expr.pop("lead", False)
            if not parsed:
                continue
            if aside(span):
                expr["aside"] = True
            clause = governed_clause(span) if lead else None
            if clause is None:
                continue
            for n, (other, other_expr) in enumerate(spans):
                if other_expr["kind"] in CALENDAR_KINDS and clause.start <= other.start < clause.end:
                    expr["from"] = n
                    expr["clause"] = [clause.start, clause.end]
                    break
            else:
                # "buried on 8 January, five days after [a strike killed him]": the clause is dated
                # by counting back from the sentence's own date
                expr["back"] = [clause.start, clause.end]
        bw(doc)["dates"] = [[span.start, span.end, expr] for span, expr in spans]
        return doc


def aside(span: Span) -> bool:
    """Whether a date sits in a relative clause ("a step Blinken reversed in February 2021")."""
    cur = span.root
    while cur.head.i != cur.i:
        if cur.dep_ in NOUN_CLAUSE_DEPS:
            return True
        cur = cur.head
    return False


def governed_clause(span: Span) -> Span | None:
    """The clause an "after"/"before" ending ``span`` introduces ("after [a drone struck on 28 May]")."""
    word = span[-1]
    if word.lower_ not in ("after", "before"):
        return None
    # "after" is the mark of a clause (its head is the clause's verb) or a preposition over its object
    top = word.head if word.dep_ == "mark" else word
    tokens = sorted(t.i for t in top.subtree if not span.start <= t.i < span.end)
    if not tokens:
        return None
    return span.doc[tokens[0] : tokens[-1] + 1]


@Language.factory("brinkwatch_dates")
def make_date_tagger(nlp: Language, name: str) -> DateTagger:
    """spaCy factory: date expressions (absolute, partial, relative) by token span."""
    return DateTagger(nlp, name)
