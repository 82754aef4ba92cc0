"""Built-in knowledge: the gazetteer of actors, places and their time-bounded relations.

The knowledge itself is YAML under ``data/`` (format in ``data/README.md``);
this package reads, checks and indexes it, and folds names so that every
transliteration of a name finds the same actor.
"""

from brinkwatch.knowledge.gazetteer import ActorMatch, Gazetteer, load_gazetteer
from brinkwatch.knowledge.models import GAZETTEER_DATASET, KnownActor, KnownPlace
from brinkwatch.knowledge.names import NameRules, normalize_name
from brinkwatch.knowledge.packs import PackSummary, check_pack, load_knowledge
from brinkwatch.knowledge.yaml_source import GazetteerError


def name_variants(text: str, limit: int = 64) -> list[str]:
    """Folded spelling variants of ``text`` under the built-in rules (see :meth:`NameRules.variants`)."""
    return load_gazetteer().rules.variants(text, limit)


def name_key(text: str) -> str:
    """The built-in match key of ``text``: equal keys mean the same name in another spelling."""
    return load_gazetteer().rules.query_key(text)


__all__ = [
    "GAZETTEER_DATASET",
    "ActorMatch",
    "Gazetteer",
    "GazetteerError",
    "KnownActor",
    "KnownPlace",
    "NameRules",
    "PackSummary",
    "check_pack",
    "load_gazetteer",
    "load_knowledge",
    "name_key",
    "name_variants",
    "normalize_name",
]
