"""Name folding and transliteration-variant matching for actor and place names.

The same militia is written Kata'ib Hezbollah, Kataib Hizballah and Kataeb
Hezbollah; the same general Qassem Soleimani, Qasem Suleimani and Ghasem
Soleimani. Matching must treat these as one name, so every part of brinkwatch
that compares names goes through this module: :func:`normalize_name` is the
one folding of case, accents, apostrophes and punctuation, and
:class:`NameRules` turns a folded name into a *match key* in which each
spelling variant is replaced by its class representative, Arabic articles are
dropped and leading titles stripped. Which spellings are equivalent, which
words are articles and which are titles is data (``data/names/*.yaml``), so an
analyst extends it without touching this code.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4]")
_SEPARATORS = re.compile(r"[-\u2010-\u2015._/]+")
_OTHER_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,5}$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

ACRONYM_MARK = "^"
"""Prefix of a match key that must match case-sensitively (an all-capitals acronym such as US or IS)."""


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_name(text: str) -> str:
    """Fold a name for comparison: the one folding used everywhere in brinkwatch.

    NFKD with accents removed, lower case, apostrophes/backticks/curly quotes
    dropped (so Kata'ib becomes kataib rather than kata ib), hyphens, dots,
    underscores and slashes turned into spaces, other punctuation dropped,
    whitespace collapsed, and a leading "the " removed.
    """
    folded = _strip_accents(text).casefold()
    folded = _APOSTROPHES.sub("", folded)
    folded = _SEPARATORS.sub(" ", folded)
    folded = _OTHER_PUNCT.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def acronym_key(text: str) -> str | None:
    """The case-sensitive key of an all-capitals acronym ("U.S." -> "^US"), or None.

    Short acronyms collide with ordinary words once lower-cased (US/us,
    IS/is, INC/inc), so they only match a query written in capitals too.
    """
    stripped = _LEADING_THE.sub("", text.strip())
    if _ACRONYM.match(stripped):
        return ACRONYM_MARK + stripped.replace(".", "")
    return None


@dataclass(frozen=True)
class NameRules:
    """Equivalence classes of spellings, Arabic articles and titles, loaded from data.

    ``classes`` maps every folded spelling (one or more words) to its class
    representative; ``articles`` are words dropped wherever they stand
    (al, el, ash...); ``titles`` are folded word sequences stripped from the
    front of a person's name (ayatollah, major general, prime minister...).
    """

    classes: dict[tuple[str, ...], str] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    titles: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def build(
        cls, variant_classes: Iterable[Sequence[str]], articles: Iterable[str], titles: Iterable[str]
    ) -> NameRules:
        """Build the rules from raw data; the first spelling of each class is its representative.

        Raises ValueError when a spelling is claimed by two classes, since a
        spelling that means two things cannot be folded either way.
        """
        classes: dict[tuple[str, ...], str] = {}
        members: dict[str, tuple[str, ...]] = {}
        for spellings in variant_classes:
            folded = [normalize_name(s) for s in spellings]
            folded = [f for f in dict.fromkeys(folded) if f]
            if not folded:
                continue
            rep = folded[0]
            for spelling in folded:
                words = tuple(spelling.split())
                if words in classes and classes[words] != rep:
                    raise ValueError(
                        f"spelling {spelling!r} is in two variant classes ({classes[words]!r} and {rep!r})"
                    )
                classes[words] = rep
            members[rep] = tuple(folded)
        # longest titles first so "grand ayatollah" is stripped before "ayatollah" would leave "grand"
        title_words = sorted({tuple(normalize_name(t).split()) for t in titles if normalize_name(t)},
                             key=len, reverse=True)
        return cls(
            classes=classes,
            members=members,
            articles=frozenset(normalize_name(a) for a in articles if normalize_name(a)),
            titles=tuple(title_words),
        )

    @property
    def _longest_variant(self) -> int:
        return max((len(k) for k in self.classes), default=1)

    def strip_titles(self, words: list[str]) -> list[str]:
        """Remove leading titles, repeatedly, but never the whole name ("President" stays "president")."""
        changed = True
        while changed:
            changed = False
            for title in self.titles:
                n = len(title)
                if len(words) > n and tuple(words[:n]) == title:
                    words = words[n:]
                    changed = True
                    break
        return words

    def _spellings(self, words: list[str]) -> Iterator[tuple[list[str], str | None]]:
        """Split words into known spellings, longest first, and single unknown words.

        Yields (words of the span, class representative or None for an unknown word).
        """
        i = 0
        longest = self._longest_variant
        while i < len(words):
            for n in range(min(longest, len(words) - i), 0, -1):
                rep = self.classes.get(tuple(words[i : i + n]))
                if rep is not None:
                    yield words[i : i + n], rep
                    i += n
                    break
            else:
                yield [words[i]], None
                i += 1

    def canonical_words(self, words: list[str]) -> list[str]:
        """Replace each known spelling (longest first) by its class representative and drop articles."""
        out: list[str] = []
        for span, rep in self._spellings(words):
            out.extend(rep.split() if rep is not None else span)
        kept = [w for w in out if w not in self.articles]
        return kept or out

    def key(self, text: str, titles: bool = True) -> str:
        """The match key of a name: two names match when their keys are equal.

        ``titles=False`` keeps leading titles, for places ("Imam Ali Shrine").
        A trailing possessive ("Iran's") is dropped first.
        """
        raw = _POSSESSIVE.sub("", text.strip())
        words = normalize_name(raw).split()
        first = raw.split()[:1]
        # an all-capital first word is an abbreviation, not a title: "DR Congo" is not "Dr Congo"
        if titles and not (first and len(first[0]) > 1 and first[0].isupper()):
            words = self.strip_titles(words)
        return " ".join(self.canonical_words(words))

    def keys(self, text: str, titles: bool = True) -> set[str]:
        """Every key a surface form is indexed under: its match key, plus the acronym key if it is one."""
        found = {self.key(text, titles)} - {""}
        acro = acronym_key(text)
        if acro is None:
            return found
        # three letters or fewer collide with words (US/us, IS/is); longer ones (ISIS, IRGC) are safe folded
        return {acro} if len(acro) <= 4 else found | {acro}

    def query_key(self, text: str, titles: bool = True) -> str:
        """The key to look a query up under: acronym key for all-capitals queries, else the match key."""
        return acronym_key(text) or self.key(text, titles)

    def variants(self, text: str, limit: int = 64) -> list[str]:
        """Folded spelling variants of a name: each known spelling swapped for the others in its class.

        With and without articles, and without a leading title. Meant for
        building phrase patterns; capped at ``limit`` because the product of
        several multi-spelling words grows fast.
        """
        words = normalize_name(text).split()
        bases = [words]
        stripped = self.strip_titles(list(words))
        if stripped != words:
            bases.append(stripped)
        found: dict[str, None] = {}
        for base in bases:
            for variant in self._expand(base, limit):
                found[variant] = None
                no_article = " ".join(w for w in variant.split() if w not in self.articles)
                if no_article:
                    found[no_article] = None
                if len(found) >= limit:
                    return list(found)[:limit]
        return list(found)[:limit]

    def _expand(self, words: list[str], limit: int) -> Iterable[str]:
        slots: list[tuple[str, ...]] = []
        for span, rep in self._spellings(words):
            here = " ".join(span)
            slots.append((here, *[m for m in self.members[rep] if m != here]) if rep is not None else (here,))
        for combo in itertools.islice(itertools.product(*slots), limit):
            yield " ".join(combo)
