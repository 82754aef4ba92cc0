"""Extraction: a spaCy pipeline that turns text into actors, relations and events with dates and sources.

``Extractor`` is the public API; the components (``brinkwatch_dates``,
``brinkwatch_actors``, ``brinkwatch_relations``, ``brinkwatch_events``) are
registered spaCy factories, and the patterns they read are data in
``nlp/patterns/*.yaml``.
"""

from brinkwatch.nlp.extractor import Extractor, Meta
from brinkwatch.nlp.pipeline import ModelError, build_pipeline
from brinkwatch.nlp.textprep import TextSkipped

__all__ = ["Extractor", "Meta", "ModelError", "TextSkipped", "build_pipeline"]
