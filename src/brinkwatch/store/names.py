"""Name folding for alias matching: two spellings that fold alike are taken for one name.

The store matches an incoming actor against known aliases by folded name, so the
folding must be the one used everywhere else. The gazetteer module
(``brinkwatch.knowledge.normalize_name``) owns it; until that module exists this
file carries a private fallback with the same intent (case, accents,
apostrophes, the Arabic article, hyphens and punctuation).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|el)\s+")


def _fallback(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = _APOSTROPHES.sub("", plain)
    plain = _NON_WORD.sub(" ", plain).strip()
    plain = _ARTICLE.sub("", plain)
    return " ".join(plain.split())


def _choose() -> Callable[[str], str]:
    try:
        from brinkwatch.knowledge import normalize_name
    except ImportError:
        return _fallback
    return normalize_name


fold: Callable[[str], str] = _choose()
"""Fold a name for matching (``"Kata'ib al-Hezbollah"`` -> ``"kataib hezbollah"``)."""
