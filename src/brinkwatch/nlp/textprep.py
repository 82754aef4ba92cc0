"""Before parsing: is this English prose at all, and how to cut a long text into parseable pieces.

spaCy refuses texts above ``nlp.max_length`` and slows down on huge docs, so
a long text is cut at paragraph breaks (else at sentence ends, else at white
space) into chunks that each keep their character offset in the original:
provenance offsets then point into the document as the user has it.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

CHUNK_CHARS = 25_000
"""Chunk size: the parser's working memory grows with a Doc's length (about 4 KB a character with
the small English model), and ``extract_many`` batches chunks, so 16 chunks of this size stay near
1.5 GB. An ordinary article (up to about 4,000 words) is one chunk."""

MIN_WORDS_FOR_LANGUAGE = 12
MIN_STOPWORD_RATIO = 0.15
"""English prose has 35-50% stop words; other languages written in Latin script score near zero."""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+")


class TextSkipped(ValueError):
    """A text brinkwatch does not extract from (empty, binary, not English), with the reason."""


def check_text(text: str) -> None:
    """Raise :class:`TextSkipped` for an empty, binary or non-English text."""
    if not text.strip():
        raise TextSkipped("empty text")
    sample = text[:20_000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    if controls > 0.05 * len(sample):
        raise TextSkipped("looks binary (control characters or undecodable bytes), not text")
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) >= MIN_WORDS_FOR_LANGUAGE:
        ratio = sum(1 for w in words if w in STOP_WORDS) / len(words)
        if ratio < MIN_STOPWORD_RATIO:
            raise TextSkipped(f"does not look like English ({ratio:.0%} English function words)")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering ``text``, each at most ``size`` characters, cut at natural breaks."""
    if len(text) <= size:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            end = _break_before(text, start, end)
        out.append((start, text[start:end]))
        start = end
    return out


def _break_before(text: str, start: int, end: int) -> int:
    """The best cut in text[start:end]: the last paragraph break, else sentence end, else space."""
    window = text[start:end]
    floor = len(window) // 2
    for pattern in (_PARAGRAPH, _SENTENCE_END):
        cuts = [m.end() for m in pattern.finditer(window) if m.end() > floor]
        if cuts:
            return start + cuts[-1]
    space = window.rfind(" ", floor)
    return start + space + 1 if space > 0 else end
