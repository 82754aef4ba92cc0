"""The brinkwatch spaCy pipeline: a base model chosen by the user plus the brinkwatch components.

The base model is a setting (``config.spacy_model()``: the small English model
by default, ``en_core_web_trf`` for accuracy); the brinkwatch components are
registered spaCy factories, so ``nlp.pipe`` batching and multiprocessing work
as for any spaCy pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch import config

# importing the modules registers their factories with spaCy
from brinkwatch.nlp import actors, dating, events, relations  # noqa: F401


@Language.component("brinkwatch_lines")
def mark_line_starts(doc: Doc) -> Doc:
    """A line break starts a sentence: headings, captions and list items are not run into the next line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


COMPONENTS = ("brinkwatch_dates", "brinkwatch_actors", "brinkwatch_relations", "brinkwatch_events")
KNOWING = frozenset(COMPONENTS[1:])
"""The components that read the gazetteer, and so take a ``knowledge`` list of packs in their config."""


class ModelError(RuntimeError):
    """The configured spaCy model is not installed."""


def build_pipeline(model: str | None = None, knowledge: Sequence[str] = ()) -> Language:
    """Load the base model and append the brinkwatch components after its parser and NER.

    ``knowledge`` lists knowledge packs (``config.knowledge_paths()``) that the
    components add to the built-in gazetteer; it is part of each component's
    config, so the pipeline saved to disk keeps it.
    """
    name = config.spacy_model(model)
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it (e.g. `pip install {name}`) "
            "or choose another with --model or BRINKWATCH_MODEL"
        ) from None
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(missing)}; brinkwatch needs both")
    nlp.add_pipe("brinkwatch_lines", before="parser")
    for component in COMPONENTS:
        nlp.add_pipe(component, config={"knowledge": list(knowledge)} if component in KNOWING else {})
    return nlp
