"""Name folding for alias matching: two spellings that fold alike are taken for one name.

The store matches an incoming actor against stored aliases by folded name, so
it must fold exactly as the rest of brinkwatch does; the gazetteer module owns
that folding (``brinkwatch.knowledge.normalize_name``) and this is its one use
in the store.
"""

from __future__ import annotations

from brinkwatch.knowledge import normalize_name as fold

__all__ = ["fold"]
