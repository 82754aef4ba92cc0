"""Actor recognition: who the text talks about, and every span that refers to each of them.

Passes, each adding mentions where no earlier pass found one:

1. gazetteer names in any spelling (longest match; names, aliases, demonyms,
   capital-city metonyms), and known places;
2. names spaCy's NER finds that the gazetteer lacks, typed by their head noun
   (filtered: laws, documents, headlines and photo credits are not actors);
3. acronyms the text defines ("... (PMF)") and short names of people already
   named in full (surname, "Al-Hakim");
4. collective actors: "Iran-backed militias", "Shiite militias", "the militias"
   (one per patron and noun) and generic groups ("protesters", "police");
   state agents ("US forces", "the Trump administration") as their state;
5. definite descriptions ("the council") and pronouns, resolved to the most
   salient compatible antecedent, conservatively.

A country or capital after "in", "to", "near"... is a place, not an actor
("a visit to Washington"); its mention is kept with ``place_use`` so events can
still find where things happened and whose territory it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from brinkwatch.knowledge import Gazetteer, KnownActor, KnownPlace, load_gazetteer, normalize_name
from brinkwatch.knowledge.packs import load_knowledge
from brinkwatch.nlp import syntax
from brinkwatch.nlp.annotations import ActorEntry, PlaceEntry, bw
from brinkwatch.nlp.lexicon import Lexicon, load_lexicon

MAX_NAME_TOKENS = 8
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]{0,1}[A-Z]{1,6}$")
_HAS_DIGIT = re.compile(r"\d")
_QUOTES = "\"'“”‘’«»"
_NAME_PUNCT = frozenset({"-", "‑", "'", "’", ".", "&"})


def slug(text: str) -> str:
    """A stable id from a name: lower case ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "actor"


@dataclass
class _Mention:
    start: int
    end: int
    key: str
    form: str
    surface: str = ""
    place_use: bool = False


class _Resolver:
    """Salience for short references: the most recent compatible mention, subjects first."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @staticmethod
    def role_weight(tok: Token) -> int:
        dep = tok.dep_
        if dep in ("nsubj", "nsubjpass"):
            main = tok.head.dep_ == "ROOT" or (tok.head.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
            relative = tok.tag_ in ("WDT", "WP")
            return 5 if relative else (12 if main else 8)
        head = tok.head
        if dep in ("compound", "poss", "amod", "appos") and head.dep_ in ("nsubj", "nsubjpass"):
            return 10
        if dep in ("dobj", "attr", "relcl"):
            return 5
        return 0

    @staticmethod
    def _parallel_subjects(candidate: Token, pronoun: Token) -> bool:
        if candidate.dep_ not in ("nsubj", "nsubjpass") or pronoun.dep_ not in ("nsubj", "nsubjpass"):
            return False
        a, b = candidate.head, pronoun.head
        return (b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i)

    def best(
        self, tok: Token, candidates: list[_Mention], preferred: Callable[[_Mention], bool] = lambda m: False
    ) -> _Mention | None:
        """The best antecedent for ``tok``: the most salient compatible actor of the last few sentences.

        Salience belongs to the actor, not to one mention (as in Lappin and Leass's
        equivalence classes): the best-placed mention within two sentences counts in
        full, and every other mention of the same actor within three sentences adds a
        little (for a subject pronoun, more), so the topic of a passage ("He was
        born ... He studied ... he joined") outweighs a person named once in a
        subordinate clause ("When Saddam crushed the party, he fled").
        """
        starts = [tok.sent.start]
        while len(starts) < 4 and starts[-1] > 0:
            starts.append(tok.doc[starts[-1] - 1].sent.start)
        window_start = starts[min(2, len(starts) - 1)]
        topic_start = starts[-1]
        best_of: dict[str, tuple[float, int, _Mention]] = {}
        topic: Counter[str] = Counter()
        for m in {id(m): m for m in candidates}.values():  # a mention is indexed under each of its tokens
            if m.end > tok.i or m.start < topic_start:
                continue
            topic[m.key] += 1
            if m.start < window_start:
                continue
            head = self.doc[m.start : m.end].root
            distance = next(n for n, s in enumerate(starts) if m.start >= s)
            score = self.role_weight(head) - 6 * distance + m.start / 1000.0 + (8 if preferred(m) else 0)
            if head.dep_ in ("amod", "compound", "poss") and head.head.dep_ in ("nsubj", "nsubjpass"):
                head = head.head  # "the Iraqi government": the demonym stands for the subject it modifies
            if self._parallel_subjects(head, tok):
                score += 20  # "X prevented ..., but later it lifted ...": coordinated clauses share a subject
            elif m.form == "pronoun" and distance == 0 and tok.doc[m.start].lower_ == tok.lower_:
                score += 8  # "its first commander, before X assumed its leadership": the same referent
            if m.key not in best_of or score > best_of[m.key][0]:
                best_of[m.key] = (score, m.start, m)
        if not best_of:
            return None
        # topic continuity is a matter of subjects ("He ... he"); a possessive or object leans on recency
        per_mention = 3.0 if tok.dep_ in ("nsubj", "nsubjpass") else 1.0
        ranked = sorted(
            (
                (score + per_mention * min(topic[key] - 1, 3), start, m)
                for key, (score, start, m) in best_of.items()
            ),
            key=lambda s: (s[0], s[1]),
        )
        return ranked[-1][2]


class ActorRecognizer:
    """The ``brinkwatch_actors`` component."""

    def __init__(
        self, nlp: Language, name: str, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None
    ) -> None:
        self.name = name
        self.gaz = gazetteer or load_gazetteer()
        self.lex = lexicon or load_lexicon()
        rules = self.gaz.rules
        self.first_words: set[str] = set()
        for form, _actor, _kind in self.gaz.actor_forms():
            self._index_first(form)
        for place in self.gaz.places.values():
            for form in (place.name, *place.aliases):
                self._index_first(form)
        self.not_actor_keys = {rules.key(n) for n in self.lex.actors.not_actors}
        self._match_cache: dict[str, tuple[list[tuple[KnownActor, str]], KnownPlace | None]] = {}
        self._key_cache: dict[str, str] = {}
        lex = self.lex.actors
        self.actor_nouns = frozenset(
            lex.org_heads.keys()
            | lex.collective_nouns.keys()
            | lex.generic_groups.keys()
            | lex.person_nouns
            | lex.anaphoric_nouns
            | lex.state_agents
            | lex.military_nouns
            | lex.collective_references
            | lex.native_collectives
            | lex.part_nouns
            | self.lex.relations.role_nouns.keys()
        )
        """Common nouns that name actors (organisations, groups, people, roles, state agents)."""

    def _index_first(self, form: str) -> None:
        key = self.gaz.rules.key(form)
        if key:
            self.first_words.add(key.split()[0])
        stripped = form.replace(".", "")
        if stripped.isupper():
            self.first_words.add(stripped.lower())

    def _word_key(self, text: str) -> str:
        key = self._key_cache.get(text)
        if key is None:
            key = self.gaz.rules.key(text)
            if len(self._key_cache) < 200_000:
                self._key_cache[text] = key
        return key

    def _lookup(self, text: str) -> tuple[list[tuple[KnownActor, str]], KnownPlace | None]:
        hit = self._match_cache.get(text)
        if hit is None:
            actors = [(m.actor, m.form) for m in self.gaz.match(text)]
            place = self.gaz.lookup_place(text)
            hit = (actors, place)
            if len(self._match_cache) < 200_000:
                self._match_cache[text] = hit
        return hit

    # ------------------------------------------------------------------ passes

    def __call__(self, doc: Doc) -> Doc:
        data = bw(doc)
        state = _DocState(doc, self, data["actors"], data["places"])
        quiet = self._quiet_sentences(doc)
        data["quiet"] = sorted(quiet)
        credit = self._credit_tokens(doc)
        self._gazetteer_pass(doc, state)
        self._ner_pass(doc, state, quiet, credit)
        self._name_pass(doc, state, quiet, credit)
        self._acronym_pass(doc, state)
        self._short_name_pass(doc, state)
        self._collective_pass(doc, state)
        self._dateline_pass(doc, state)
        self._anaphor_pass(doc, state)
        self._place_use_pass(doc, state)
        state.collect_surfaces()
        unique = {id(m): m for m in state.mentions.values()}.values()
        data["mentions"] = [
            [m.start, m.end, m.key, m.form, m.place_use] for m in sorted(unique, key=lambda m: m.start)
        ]
        data["place_mentions"] = sorted(state.place_mentions)
        return doc

    def _quiet_sentences(self, doc: Doc) -> set[int]:
        """Headlines, bracketed teasers and pull quotes: text that repeats or announces, not reports."""
        quiet: set[int] = set()
        sents = list(doc.sents)
        norm_sents = [set(w.lower_ for w in s if w.is_alpha) for s in sents]
        for n, sent in enumerate(sents):
            words = [t for t in sent if t.is_alpha]
            text = sent.text.strip()
            if not words:
                continue
            if text.startswith("[") and text.endswith("]"):
                quiet.add(sent.start)
                continue
            capitalised = sum(1 for t in words if t.text[0].isupper())
            ends_like_prose = text[-1:] in '.!?"”’)'
            if not ends_like_prose and (
                len(words) <= 6 or (len(words) <= 14 and capitalised >= 0.6 * len(words))
            ):
                quiet.add(sent.start)
                continue
            # a pull quote stands alone in its paragraph and repeats a sentence found elsewhere
            alone = ("\n" in doc[max(sent.start - 1, 0)].text_with_ws or sent.start == 0) and (
                "\n" in sent[-1].text_with_ws or sent.end == len(doc) or "\n" in doc[sent.end - 1].whitespace_
            )
            if alone and len(norm_sents[n]) >= 5:
                for m, other in enumerate(norm_sents):
                    repeats = (
                        m != n
                        and len(other) > len(norm_sents[n]) * 0.8
                        and len(norm_sents[n] & other) >= 0.85 * len(norm_sents[n])
                    )
                    # keep the longer one (the sentence in its paragraph), quiet the repeat
                    if repeats and (len(other) > len(norm_sents[n]) or m > n):
                        quiet.add(sent.start)
                        break
        return quiet

    def _credit_tokens(self, doc: Doc) -> set[int]:
        """Tokens inside a parenthesis that credits a photo or a wire ("(X Media Office, via AP)")."""
        out: set[int] = set()
        stack: list[int] = []
        for tok in doc:
            if tok.text == "(":
                stack.append(tok.i)
            elif tok.text == ")" and stack:
                start = stack.pop()
                inner = doc[start + 1 : tok.i]
                if any(t.lower_ in self.lex.actors.credit_cues for t in inner):
                    out.update(range(start, tok.i + 1))
        return out

    def _gazetteer_pass(self, doc: Doc, state: _DocState) -> None:
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if (
                not (tok.text[:1].isupper() or tok.text[:1].isdigit())
                or self._word_key(tok.text).split()[:1] == []
                or self._word_key(tok.text).split()[0] not in self.first_words
            ):
                i += 1
                continue
            found = None
            for length in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
                last = doc[i + length - 1]
                if not (last.is_alpha or last.text[:1].isalnum()) or (last.is_sent_start and length > 1):
                    continue
                if any(doc[j].is_sent_start for j in range(i + 1, i + length)):
                    continue
                if not (last.text[:1].isupper() or last.is_digit) or last.lower_ in self.gaz.rules.articles:
                    continue
                span = doc[i : i + length]
                if any((t.is_punct and t.text not in _NAME_PUNCT) or t.tag_ == "POS" for t in span):
                    continue
                actors, place = self._lookup(span.text)
                if actors or place:
                    found = (span, actors, place)
                    break
            if found is None:
                i += 1
                continue
            span, actors, place = found
            start = self._extend_article(doc, span.start)
            if actors and not self._accept_known(span, actors[0]):
                i += 1
                continue
            if actors:
                actor, form = actors[0]
                state.add_known(actor, start, span.end, form, doc[start : span.end].text)
            elif place is not None:
                state.add_place_known(place, start, span.end)
            i = span.end

    @staticmethod
    def _extend_article(doc: Doc, start: int) -> int:
        """Include a preceding "al-"/"Al-" in a name's span ("al-Muhandis")."""
        if (
            start >= 2
            and doc[start - 1].text in ("-", "‑")
            and doc[start - 2].lower_ in ("al", "el", "ash", "as")
        ):
            return start - 2
        return start

    def _accept_known(self, span: Span, hit: tuple[KnownActor, str]) -> bool:
        """Reject a gazetteer hit that is part of a longer capitalised name the gazetteer does not know."""
        actor, form = hit
        root = span.root
        if actor.type == "person" and form == "alias" and self._inside_longer_name(span):
            return False  # "Hossein" of "Hossein Tabatabai" is not a known person's short name
        prev = span.doc[span.start - 1] if span.start > 0 else None
        if (
            form == "alias"
            and len(span) == 1
            and prev is not None
            and span[0].ent_iob_ == "I"
            and prev.pos_ == "PROPN"
            and prev.text[:1].isupper()
        ):
            return False  # "Wagner" ending the name "Therese Kayikwamba Wagner" is a surname
        if (
            actor.type == "population"
            and root.dep_ in ("compound", "amod", "nmod")
            and root.head.i >= span.end
        ):
            return False  # "Iraqi Shia leaders": the leaders are the actor, not the community
        if form == "demonym":
            # "Syrian Arab Army": a demonym opening a longer name the NER found is part of that name
            nxt_tok = span.doc[span.end] if span.end < len(span.doc) else None
            return not (
                nxt_tok is not None
                and nxt_tok.ent_iob_ == "I"
                and span[0].ent_type_ in ("ORG", "FAC")
                and nxt_tok.text[:1].isupper()
            )
        if actor.type == "state" and span[0].ent_type_ in ("LOC", "FAC", "GPE") and span[0].ent_iob_ == "I":
            first = span.start
            while first > 0 and span.doc[first].ent_iob_ == "I":
                first -= 1
            while first < span.start and span.doc[first].pos_ == "DET":
                first += 1
            if first < span.start:
                return False  # "the Gulf of Aden": a capital inside a longer place name
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        # "Iraq Liberation Law", "Iran Air": the state is a modifier of another name
        return not (
            actor.type == "state"
            and nxt is not None
            and nxt.ent_iob_ == "I"
            and nxt.ent_type_ in ("ORG", "FAC")
            and nxt.text[:1].isupper()
            and nxt.lower_ not in self.lex.actors.state_agents
        )

    @staticmethod
    def _inside_longer_name(span: Span) -> bool:
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        return any(
            t is not None
            and t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.ent_type_ == "PERSON"
            and not t.is_sent_start
            for t in (before, after)
        )

    def _ner_pass(self, doc: Doc, state: _DocState, quiet: set[int], credit: set[int]) -> None:
        lex = self.lex.actors
        for ent in doc.ents:
            if any(i in state.covered for i in range(ent.start, ent.end)):
                continue
            span = self._trim(ent)
            if span is None or len(span) == 0:
                continue
            label = ent.label_
            if (
                label == "ORG"
                and span.start > ent.start
                and doc[span.start - 1].is_title
                and doc[span.start - 1].pos_ != "DET"
            ):
                label = "PERSON"  # a rank or title was cut from the front: "Specialist Kennedy Sanders"
            head_kind = next((lex.org_heads[w] for w in _singulars(span[-1]) if w in lex.org_heads), None)
            if (
                label in ("GPE", "LOC", "FAC")
                and head_kind is not None
                and len(span) > 1
                and self.gaz.lookup_place(span.text) is None
            ):
                label = "ORG"  # "the Southern Bloc" tagged as a location: its head noun says organisation
            if label in ("GPE", "LOC", "FAC"):
                place = self.gaz.lookup_place(span.text)
                if place is not None:
                    state.add_place_known(place, span.start, span.end)
                elif not (span.sent.start in quiet or span.start in credit):
                    state.add_place_new(span, label)
                continue
            if label not in ("PERSON", "ORG"):
                continue
            if (
                span.sent.start in quiet
                or span.start in credit
                or syntax.in_quoted_title(span[0], self.lex.cues)
            ):
                continue
            text = span.text
            if _HAS_DIGIT.search(text) or self.gaz.rules.key(text) in self.not_actor_keys:
                continue
            head = span[-1]
            if any(w in lex.non_actor_heads for w in _singulars(head)):
                continue
            if len(span) > 1 and span[0].lower_ in lex.non_actor_heads:
                continue  # "Operation Peace Spring", "Battle of Mosul": named undertakings, not actors
            if self._inside_compound_word(span):
                continue  # "Don" of "Rostov-on-Don"
            if label == "ORG" and self._named_thing(span):
                continue  # "the bulk carrier True Confidence": a name of something no actor noun describes
            if not any(t.text[:1].isupper() for t in span):
                continue  # a lower-case "name" is a tagging slip
            if self._modifies_a_thing(span):
                continue  # "a Katyusha rocket": the name classifies a thing
            if label == "PERSON" and self._located(span):
                state.add_place_new(span, "GPE")  # "the towns of Kobani and Tal Abyad", "near Ras al-Ayn"
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                label == "ORG"
                and len(span) == 1
                and nxt is not None
                and nxt.lower_ in self.lex.relations.role_nouns
            ):
                continue  # "Defense Minister": part of a title
            if (
                len(span) == 1
                and span.start >= 2
                and doc[span.start - 1].lower_ == "of"
                and doc[span.start - 2].lower_ in self.lex.relations.role_nouns
            ):
                continue  # "Secretary of State", "Minister of Defence": the office, not a body
            if len(span) == 1 and head.lemma_.lower() in lex.anaphoric_nouns:
                continue  # "Council": a short reference, resolved with the definite descriptions
            if self._only_titles(span):
                continue
            if label == "PERSON" or (label == "ORG" and self._looks_like_person(span, state)):
                self._add_person(span, state)
            else:
                kind = next(
                    (lex.org_heads[w] for w in _singulars(head) if w in lex.org_heads), "organization"
                )
                actors, _place = self._lookup(text)
                if actors:
                    state.add_known(actors[0][0], span.start, span.end, actors[0][1], text)
                else:
                    state.add_new(span.start, span.end, _clean_name(text), kind, "ner")

    def _inside_compound_word(self, span: Span) -> bool:
        """A name glued by hyphens to a lower-case word before it is part of one word ("Rostov-on-Don")."""
        doc = span.doc
        if span.start < 2 or doc[span.start - 1].text not in ("-", "‑") or doc[span.start - 1].whitespace_:
            return False
        before = doc[span.start - 2]
        # an Arabic article ("al-Muhandis") opens a name; any other lower-case word glues it into one
        return before.is_lower and not before.whitespace_ and before.lower_ not in self.gaz.rules.articles

    def _named_thing(self, span: Span) -> bool:
        """ "the carrier True Confidence": a common noun right before the name says what it names.

        Only nouns for actors (organisations, groups, people, roles, state agents)
        introduce actors; any other noun introduces a ship, a product or a place.
        """
        doc = span.doc
        if span.start == 0:
            return False
        noun = doc[span.start - 1]
        if noun.pos_ != "NOUN" or not noun.is_lower:
            return False
        return not self._actor_noun(noun)

    def _modifies_a_thing(self, span: Span) -> bool:
        """An unknown name used as a modifier of a common noun that no actor noun is ("Katyusha rockets")."""
        root = span.root
        head = root.head
        if root.dep_ != "compound" or head.i < span.end or head.pos_ != "NOUN":
            return False
        return not self._actor_noun(head)

    def _actor_noun(self, noun: Token) -> bool:
        """Whether a common noun names actors (see :attr:`actor_nouns`)."""
        return noun.lemma_.lower() in self.actor_nouns or noun.lower_ in self.actor_nouns

    def _located(self, span: Span) -> bool:
        """A "person" NER found where only a place can stand: after a locative preposition or a place noun."""
        root = span.root
        cur = root
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in ("appos", "compound") and cur.head.lemma_.lower() in self.lex.actors.place_nouns:
            return True
        if cur.dep_ != "pobj":
            return False
        prep = cur.head
        if prep.lower_ in self.lex.cues.place_preps and prep.lower_ not in (
            "from",
            "by",
            "with",
            "for",
            "to",
        ):
            return True
        return prep.lower_ == "of" and prep.head.lemma_.lower() in self.lex.actors.place_nouns

    def _only_titles(self, span: Span) -> bool:
        """A span that is nothing but a title ("Ayatollah", "General")."""
        words = tuple(self._word_key(span.text).split())
        return words in set(self.gaz.rules.titles)

    def _name_pass(self, doc: Doc, state: _DocState, quiet: set[int], credit: set[int]) -> None:
        """Capitalised names ending in an organisation noun that the NER missed ("the Southern Bloc")."""
        heads = self.lex.actors.org_heads
        for tok in doc:
            if tok.i in state.covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
                continue
            kind = next((heads[w] for w in _singulars(tok) if w in heads), None)
            if (
                kind is None
                or tok.sent.start in quiet
                or tok.i in credit
                or syntax.in_quoted_title(tok, self.lex.cues)
            ):
                continue
            start = tok.i
            while (
                start > tok.sent.start
                and doc[start - 1].pos_ in ("PROPN", "ADJ")
                and doc[start - 1].is_title
                and (start - 1) not in state.covered
                and not doc[start - 1].is_sent_start
            ):
                start -= 1
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if start == tok.i or (nxt is not None and nxt.is_title and nxt.pos_ in ("PROPN", "NOUN")):
                continue  # a single word, or part of a longer name ("Police Squads")
            name = doc[start : tok.i + 1]
            if any(w in self.lex.actors.non_actor_heads for w in _singulars(tok)):
                continue
            if self.gaz.rules.key(name.text) in self.not_actor_keys:
                continue  # "a Foreign Terrorist Organization": a legal category, not a body
            state.add_new(start, tok.i + 1, _clean_name(name.text), kind, "ner")

    def _looks_like_person(self, span: Span, state: _DocState) -> bool:
        """An ORG label on a bare surname of someone already named ("Shahroudi")."""
        return len(span) == 1 and state.person_by_surname(self._word_key(span.text)) is not None

    def _trim(self, ent: Span) -> Span | None:
        """Drop a leading "the", titles, quotes and a trailing possessive from an entity span."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].pos_ == "DET" or doc[start].text in _QUOTES or doc[start].is_punct):
            start += 1
        while end > start and (
            doc[end - 1].text in _QUOTES
            or doc[end - 1].tag_ == "POS"
            or doc[end - 1].is_punct
            or doc[end - 1].text in ("'s", "’s", "-")
        ):
            end -= 1
        words = [normalize_name(t.text) for t in doc[start:end]]
        kept = self.gaz.rules.strip_titles(list(words))
        if len(kept) < len(words) and all(w for w in words[: len(words) - len(kept)]):
            start += len(words) - len(kept)  # "Specialist Kennedy Sanders": the rank is not the name
        bracket = next((i for i in range(start + 1, end) if doc[i].text in ("(", "[")), None)
        if bracket is not None:
            end = bracket  # "the National Congress (CNDP": the bracketed acronym is a name of its own
        return doc[start:end] if end > start else None

    def _add_person(self, span: Span, state: _DocState) -> None:
        words = span.text.split()
        stripped = self.gaz.rules.strip_titles([self._word_key(w) for w in words])
        skip = len(words) - len(stripped)
        name_span = span.doc[span.start + skip : span.end] if skip and skip < len(span) else span
        actors, _place = self._lookup(name_span.text)
        if actors and actors[0][0].type == "person":
            state.add_known(actors[0][0], span.start, span.end, actors[0][1], span.text)
            return
        # a span made of surnames of people already named ("Soleimani Al-Muhandis")
        parts = [
            state.person_by_surname(self._word_key(t.text))
            for t in name_span
            if t.is_alpha and self._word_key(t.text)
        ]
        if parts and all(p is not None for p in parts) and len(parts) > 1:
            for t in name_span:
                key = state.person_by_surname(self._word_key(t.text)) if t.is_alpha else None
                if key is not None:
                    state.add_mention(t.i, t.i + 1, key, "short", t.text)
            return
        name_key = self._word_key(name_span.text)
        if len(name_key.split()) == 1:
            known = state.person_by_surname(name_key, before=span.start)
            if known is not None:
                state.add_mention(span.start, span.end, known, "short", span.text)
                return
        state.add_new(
            span.start,
            span.end,
            _clean_name(name_span.text),
            "person",
            "ner",
            country=self._demonym_country(span, state),
        )

    def _demonym_country(self, span: Span, state: _DocState) -> str | None:
        """ "Iranian Ayatollah X": the country of the demonym just before the name."""
        i = span.start - 1
        nouns = self.lex.actors.person_nouns
        while i >= max(span.start - 3, 0) and (span.doc[i].text[:1].isupper() or span.doc[i].lower_ in nouns):
            m = state.mentions.get(i)
            if m is not None and m.form == "demonym":
                known = self.gaz.actors.get(m.key)
                return known.country if known else None
            i -= 1
        return None

    def _acronym_pass(self, doc: Doc, state: _DocState) -> None:
        """ "Popular Mobilization Forces (PMF)": the acronym names the same actor everywhere in the text."""
        defined: dict[str, str] = {}
        for tok in doc:
            if tok.text != "(" or tok.i + 2 >= len(doc) or doc[tok.i + 2].text != ")":
                continue
            acro = doc[tok.i + 1]
            prev = state.mentions.get(tok.i - 1)
            if prev is None or not _ACRONYM.match(acro.text):
                continue
            defined[acro.text] = prev.key
        if not defined:
            return
        for tok in doc:
            key = defined.get(tok.text)
            if key is None:
                continue
            held = state.mentions.get(tok.i)
            if tok.i not in state.covered:
                state.add_mention(tok.i, tok.i + 1, key, "acronym", tok.text)
            elif held is not None and held.form == "ner" and (held.start, held.end) == (tok.i, tok.i + 1):
                held.key, held.form = key, "acronym"  # NER took the acronym for a new name of its own

    def _short_name_pass(self, doc: Doc, state: _DocState) -> None:
        """Surnames and "Al-X" of people named in full elsewhere in the text; the nearest earlier one wins.

        A one-word gazetteer alias yields to a person the text has named in full: after
        "Naim Qassem", a bare "Qassem" is he, not the Qassem Soleimani the gazetteer knows.
        """
        if not state.surnames:
            return
        for m in {id(m): m for m in state.mentions.values()}.values():
            if (
                m.form != "alias"
                or m.end - m.start != 1
                or state.actors.get(m.key, {}).get("type") != "person"
            ):
                continue
            local = state.person_by_surname(self._word_key(doc[m.start].text), before=m.start)
            if local is not None and local != m.key:
                m.key, m.form = local, "short"
        for tok in doc:
            if tok.i in state.covered or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            if (
                tok.i + 1 < len(doc)
                and doc[tok.i + 1].text[:1].isupper()
                and doc[tok.i + 1].is_alpha
                and doc[tok.i + 1].i not in state.covered
            ):
                continue  # part of a longer unknown name
            key = state.person_by_surname(self._word_key(tok.text), before=tok.i)
            if key is None:
                continue
            start = self._extend_article(doc, tok.i)
            if any(i in state.covered for i in range(start, tok.i)):
                start = tok.i
            state.add_mention(start, tok.i + 1, key, "short", doc[start : tok.i + 1].text)

    def _collective_pass(self, doc: Doc, state: _DocState) -> None:
        """Collectives ("Iran-backed militias"), generic groups ("protesters"), state agents ("US forces")."""
        lex = self.lex.actors
        pending: list[tuple[Token, str, str | None, str | None]] = []
        native_country: dict[int, str] = {}
        for tok in doc:
            if tok.i in state.covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = tok.lemma_.lower()
            modifier = self._state_modifier(tok, state)
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            # "Iran's General X", "Syria's envoy, X,": the title belongs to the named person
            appositive_name = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in tok.children)
            before_name = (nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title) or appositive_name
            if (
                modifier is not None
                and lemma in lex.state_agents
                and tok.dep_ != "compound"
                and not before_name
            ):
                start = min(
                    [modifier[0]]
                    + [c.i for c in tok.lefts if c.dep_ in ("amod", "compound") and c.i >= modifier[0]]
                )
                state.add_mention(
                    self._free_start(start, tok, state),
                    tok.i + 1,
                    modifier[1],
                    "agent",
                    doc[start : tok.i + 1].text,
                )
                continue
            if lemma in lex.led_bodies and tok.tag_ == "NN" and self._led_by_state(tok, state):
                # "the Saudi-led coalition": a body of its own, named by who leads it
                led = next(c for c in tok.lefts if c.lower_ == "led")
                text = doc[led.i - 2 : tok.i + 1].text
                # the mention starts at "led": the leader's own name stays a mention of the leader
                known, _place = self._lookup(text)
                if known:
                    state.add_known(known[0][0], led.i, tok.i + 1, "alias", text)
                else:
                    state.add_new(led.i, tok.i + 1, text, lex.led_bodies[lemma], "collective", surface=text)
                continue
            if self._people_noun(tok):
                # "Kurds", "ethnic Albanians": a people named in the plural, reported only when it acts
                start = self._proper_modifier_start(tok, state)
                text = doc[start : tok.i + 1].text
                state.add_new(
                    start,
                    tok.i + 1,
                    text,
                    "population",
                    "generic",
                    generic=True,
                    key=f"group-{slug(text)}",
                    surface=text,
                    plural=True,
                )
                continue
            if lemma in lex.collective_nouns and tok.tag_ in ("NNS", "NNPS"):
                patron, ident = self._patron(tok, state)
                if (
                    patron is not None
                    and lemma in lex.native_collectives
                    and self._demonym_only(tok, patron, state)
                ):
                    # "Rwandan rebels" fight in or for Rwanda's people; they are not Rwanda's proxies
                    native_country[tok.i] = patron
                    patron = None
                pending.append((tok, lemma, patron, ident))
                continue
            if lemma in lex.generic_groups and not self._group_actor(tok, state):
                continue
            if lemma in lex.generic_groups and tok.dep_ != "compound" and modifier is not None:
                # "Fijian rebels": a group of that country, not the country itself
                start = self._free_start(modifier[0], tok, state)
                surface = doc[modifier[0] : tok.i + 1].text
                country = self.gaz.actors[modifier[1]].country if modifier[1] in self.gaz.actors else None
                state.add_new(
                    start,
                    tok.i + 1,
                    surface,
                    lex.generic_groups[lemma],
                    "generic",
                    generic=True,
                    key=f"group-{slug(surface)}",
                    country=country,
                    surface=surface,
                )
                continue
            if lemma in lex.generic_groups and tok.dep_ != "compound" and not modifier:
                text = tok.lower_ if tok.tag_ in ("NNS", "NNPS") else tok.lemma_.lower()
                prev = doc[tok.i - 1] if tok.i > 0 else None
                start = self._proper_modifier_start(tok, state)
                if start < tok.i:
                    text = doc[start : tok.i + 1].text  # "Jewish settlers", "Yoruba leaders"
                elif prev is not None and prev.lower_ == "security" and lemma == "force":
                    start, text = tok.i - 1, "security forces"
                elif lemma in ("force", "official", "authority", "leader"):
                    continue  # too vague alone
                state.add_new(
                    start,
                    tok.i + 1,
                    text,
                    lex.generic_groups[lemma],
                    "generic",
                    generic=True,
                    key=f"group-{slug(text)}",
                )
        self._add_collectives(doc, state, pending, native_country)

    @staticmethod
    def _led_by_state(tok: Token, state: _DocState) -> bool:
        """Whether "<state or demonym>-led" modifies the noun ("Saudi-led", "US-led")."""
        doc = tok.doc
        for c in tok.lefts:
            if c.lower_ != "led":
                continue
            before = doc[c.i - 2] if c.i >= 2 and doc[c.i - 1].text in ("-", "‑") else None
            if before is not None and before.i in state.mentions:
                return state.actors.get(state.mentions[before.i].key, {}).get("type") == "state"
        return False

    def _group_actor(self, tok: Token, state: _DocState) -> bool:
        """Whether a group noun stands for an unnamed actor of its own.

        Not a singular person noun ("an Iraqi militia leader" describes someone named elsewhere), not a
        part of a named actor ("fighters of X", "ISIL fighters": X acts), and not a count of victims
        ("killing 25 fighters").
        """
        if tok.tag_ not in ("NNS", "NNPS") and tok.lemma_.lower() in self.lex.actors.person_nouns:
            return False
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return False
        for c in tok.lefts:
            m = state.mentions.get(c.i)
            named = m is not None and state.actors.get(m.key, {}).get("type") not in ("state", None)
            if c.dep_ in ("compound", "nmod", "poss") and named:
                return False
        counted = any(c.dep_ == "nummod" for c in tok.children)
        return not (counted and tok.dep_ in ("dobj", "nsubjpass", "pobj", "conj"))

    @staticmethod
    def _people_noun(tok: Token) -> bool:
        """A plural nationality or ethnic name used as a noun phrase head ("Kurds", "Palestinians")."""
        return (
            tok.ent_type_ == "NORP"
            and tok.tag_ in ("NNS", "NNPS")
            and tok.text[:1].isupper()
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
        )

    @staticmethod
    def _demonym_only(tok: Token, key: str, state: _DocState) -> bool:
        """Whether the only tie between a collective and a state is a demonym or name modifier."""
        return any(
            c.dep_ in ("amod", "compound") and (m := state.mentions.get(c.i)) is not None and m.key == key
            for c in tok.lefts
        ) and not any(c.lower_.startswith("pro") or "-" in c.text for c in tok.lefts)

    def _country_of(self, key: str | None) -> str | None:
        """The country code of a known state actor, for an unnamed group of that country."""
        known = self.gaz.actors.get(key or "")
        return known.country if known is not None else None

    @staticmethod
    def _proper_modifier_start(tok: Token, state: _DocState) -> int:
        """Start of the capitalised modifiers naming who a group is ("Fijian", "Ivory Coast", "Jewish")."""
        start = tok.i
        for c in sorted(tok.lefts, key=lambda t: -t.i):
            if c.i != start - 1 or c.dep_ not in ("amod", "compound", "nmod") or c.i in state.covered:
                break
            first = c.i == c.sent.start and not (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE"))
            if not (c.is_title or c.is_upper) or first:
                break  # "Hungry refugees": a capital at the start of a sentence names nobody
            start = c.left_edge.i if c.left_edge.i >= c.i - 2 and c.left_edge.is_title else c.i
        return start

    def _state_modifier(self, tok: Token, state: _DocState) -> tuple[int, str] | None:
        """A state, demonym or person before a noun ("US soldiers", "Iraqi police", "Bush administration")."""
        for c in tok.lefts:
            if c.dep_ not in ("compound", "amod", "nmod", "poss"):
                continue
            m = state.mentions.get(c.i)
            if m is None:
                continue
            entry = state.actors.get(m.key)
            kind = entry.get("type") if entry else None
            if kind == "state" or (kind == "person" and tok.lemma_.lower() == "administration"):
                return m.start, m.key
        return None

    def _patron(self, tok: Token, state: _DocState) -> tuple[str | None, str | None]:
        """A collective's patron ("Iran-backed", "Iran's proxy", "pro-Iranian") and identifying modifier."""
        lex = self.lex
        patron: str | None = None
        weak: str | None = None
        ident: str | None = None
        for c in tok.lefts:
            word = c.lower_
            if c.dep_ in ("amod", "compound") and c.lower_ in lex.relations.backing_adjectives:
                for sub in c.subtree:
                    m = state.mentions.get(sub.i)
                    if m is not None and state.actors.get(m.key, {}).get("type") != "person":
                        patron = m.key
            elif c.dep_ == "poss":
                m = state.mentions.get(c.i)
                proxy_like = (
                    any(
                        x.lower_ in lex.relations.proxy_nouns or x.lower_ in lex.relations.backing_adjectives
                        for x in tok.lefts
                    )
                    or tok.lemma_.lower() in lex.relations.proxy_nouns
                )
                if m is not None and proxy_like:
                    patron = m.key
            elif word in lex.actors.identifying_modifiers or (
                c.dep_ in ("amod", "compound") and word.replace("’", "'") in lex.actors.identifying_modifiers
            ):
                ident = c.text
            elif word == "pro" or (c.dep_ in ("amod", "compound") and word.startswith("pro-")):
                for sub in c.subtree:
                    m = state.mentions.get(sub.i)
                    if m is not None:
                        patron = m.key
            elif c.dep_ in ("amod", "compound"):
                m = state.mentions.get(c.i)
                # "Iranian militias": a demonym modifier names the patron when nothing else does
                if m is not None and m.form == "demonym":
                    weak = m.key
        if patron is None:
            # "pro-Iranian militias" is tokenised pro - Iranian: "pro" may sit outside the modifier's subtree
            doc = tok.doc
            for i in range(max(tok.i - 4, 0), tok.i - 1):
                if doc[i].lower_ == "pro" and doc[i + 1].text == "-" and (i + 2) in state.mentions:
                    patron = state.mentions[i + 2].key
        return patron or weak, ident

    def _add_collectives(
        self,
        doc: Doc,
        state: _DocState,
        pending: list[tuple[Token, str, str | None, str | None]],
        native_country: dict[int, str],
    ) -> None:
        """One collective per patron and noun; unmodified references join the dominant one."""
        lex = self.lex.actors
        patrons: Counter[tuple[str, str]] = Counter()
        for _tok, lemma, patron, _ident in pending:
            if patron is not None:
                patrons[(patron, lemma)] += 1
        # collectives the gazetteer already names ("Iran-backed militias") count as patrons' collectives too
        for key, entry in state.actors.items():
            words = entry.get("name", "").lower().split()
            if entry.get("known") and len(words) >= 2 and entry.get("type") == "armed_group":
                noun = next((lem for lem in lex.collective_nouns if words[-1] == _plural(doc, lem)), None)
                if noun is not None and "-backed" in words[0]:
                    patron = next(
                        (
                            m.key
                            for m in state.mentions.values()
                            if m.key != key
                            and state.actors.get(m.key, {}).get("type") == "state"
                            and state.actors[m.key]["name"].lower() == words[0].split("-")[0]
                        ),
                        None,
                    )
                    if patron is not None:
                        patrons[(patron, noun)] += 1
        by_patron: dict[str, str] = {}
        for (patron, lemma), _n in patrons.most_common():
            by_patron.setdefault(patron, lemma)
        recent: dict[str, str] = {}
        for tok, lemma, patron, ident in pending:
            start = min(
                [tok.i]
                + [
                    c.left_edge.i
                    for c in tok.lefts
                    if c.dep_ in ("amod", "compound", "poss", "npadvmod", "nmod")
                ]
            )
            while start < tok.i and (
                doc[start].lower_ in ("the", "these", "those", "some", "its", "their")
                or doc[start].dep_ == "det"
            ):
                start += 1
            surface = doc[start : tok.i + 1].text
            if patron is None:
                dominant = [(n, p) for (p, lem), n in patrons.items() if lem == lemma]
                definite = any(
                    c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that")
                    for c in tok.lefts
                )
                if dominant and (ident is not None or definite):
                    patron = max(dominant)[1]
                elif definite and lemma in recent:
                    state.add_mention(start, tok.i + 1, recent[lemma], "collective", surface)
                    continue
            if patron is not None and lemma in lex.collective_references and patron in by_patron:
                lemma = by_patron[
                    patron
                ]  # "its proxies", "Tehran's allied factions": the patron's collective
            if patron is not None:
                patron_entry = state.actors.get(patron, {})
                patron_name = patron_entry.get("name", patron)
                name = f"{patron_name}-backed {_plural(doc, lemma)}"
                key = f"{slug(patron_name)}-backed-{slug(_plural(doc, lemma))}"
                state.add_new(
                    self._free_start(start, tok, state),
                    tok.i + 1,
                    name,
                    lex.collective_nouns[lemma],
                    "collective",
                    key=key,
                    patron=patron,
                    surface=surface,
                    plural=True,
                )
            elif ident is not None:
                name = f"{ident[:1].upper()}{ident[1:]} {_plural(doc, lemma)}"
                key = slug(name)
                state.add_new(
                    self._free_start(start, tok, state),
                    tok.i + 1,
                    name,
                    lex.collective_nouns[lemma],
                    "collective",
                    key=key,
                    surface=surface,
                    plural=True,
                )
            elif lemma in lex.generic_groups and self._group_actor(tok, state):
                # "Fijian rebels", "the rebels": a real if unnamed group, reported only when it acts
                start = min(start, self._proper_modifier_start(tok, state))
                text = doc[start : tok.i + 1].text if start < tok.i else tok.lower_
                key = f"group-{slug(text)}"
                state.add_new(
                    self._free_start(start, tok, state),
                    tok.i + 1,
                    text,
                    lex.generic_groups[lemma],
                    "generic",
                    generic=True,
                    key=key,
                    country=self._country_of(native_country.get(tok.i)),
                    surface=text,
                    plural=True,
                )
            else:
                continue
            recent[lemma] = key

    @staticmethod
    def _free_start(start: int, tok: Token, state: _DocState) -> int:
        """The collective's span starts after any name inside it ("Iran" in "Iran-backed militias")."""
        free = start
        for i in range(start, tok.i):
            if i in state.covered:
                free = i + 1
        return free

    def _anaphor_pass(self, doc: Doc, state: _DocState) -> None:
        """Definite descriptions, relative pronouns and personal pronouns, most salient antecedent first."""
        lex = self.lex.actors
        resolver = _Resolver(doc)
        for tok in doc:
            held = state.mentions.get(tok.i)
            # "the rebels" was taken for a generic group; it may still refer back to a named one
            regeneric = (
                held is not None
                and held.form == "generic"
                and held.end - held.start == 1
                and tok.lemma_.lower() in lex.typed_anaphors
            )
            if tok.i in state.covered and not regeneric:
                continue
            lower = tok.lower_
            lemma = tok.lemma_.lower()
            if any(c.dep_ in ("compound", "nmod") and c.i in state.mentions for c in tok.lefts):
                continue  # "the Badr Corps militia": named by its modifier, not a reference back
            if (
                tok.i + 1 < len(doc)
                and tok.i + 1 in state.mentions
                and state.mentions[tok.i + 1].start == tok.i + 1
            ):
                continue  # "the group Harakat al-Nujaba": the noun introduces the name after it
            typed_plural = lemma in lex.typed_anaphors and tok.tag_ == "NNS"
            if (
                (lemma in lex.anaphoric_nouns or lemma in lex.typed_anaphors)
                and tok.pos_ in ("NOUN", "PROPN")
                and (tok.tag_ in ("NN", "NNP") or typed_plural)
                and any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in tok.lefts)
                and not any(c.dep_ in ("amod", "compound") for c in tok.lefts)
            ) or (
                tok.text[:1].isupper()
                and lemma in lex.anaphoric_nouns
                and tok.tag_ == "NNP"
                and not any(c.dep_ == "compound" for c in tok.lefts)
                and tok.i > 0
                and not doc[tok.i - 1].text[:1].isupper()
                and tok.dep_ != "compound"
            ):
                key = self._definite_antecedent(tok, lemma, state)
                if key is not None and regeneric and held is not None:
                    held.key, held.form = key, "anaphor"
                elif key is not None:
                    state.add_mention(tok.i, tok.i + 1, key, "anaphor", tok.text)
                continue
            if regeneric:
                continue
            if tok.tag_ in ("WDT", "WP") and lower in syntax.RELATIVE_PRONOUNS:
                antecedent = syntax.resolve_relative(tok)
                m = state.mentions.get(antecedent.i) if antecedent.i != tok.i else None
                if m is None and antecedent.i != tok.i:
                    m = next(
                        (
                            state.mentions[c.i]
                            for c in antecedent.children
                            if c.dep_ in ("appos", "nmod", "compound") and c.i in state.mentions
                        ),
                        None,
                    )
                if m is not None and not m.place_use:
                    state.add_mention(tok.i, tok.i + 1, m.key, "relative", tok.text)
                continue
            kind = lex.pronouns.get(lower)
            if kind is None or (tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$")):
                continue
            if kind == "plural" and self._plural_subject_nearby(tok, state):
                continue
            key = self._pronoun_antecedent(tok, kind, state, resolver)
            if key is not None:
                state.add_mention(tok.i, tok.i + 1, key, "pronoun", tok.text)

    @staticmethod
    def _plural_subject_nearby(tok: Token, state: _DocState) -> bool:
        """ "the politicians have their relations": a plural subject that is not an actor takes "their"."""
        clause = syntax.clause_of(tok)
        for c in clause.children:
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and c.i < tok.i
                and c.tag_ in ("NNS", "NNPS")
                and c.i not in state.mentions
            ):
                return True
        return False

    def _definite_antecedent(self, tok: Token, lemma: str, state: _DocState) -> str | None:
        """The salient actor a definite description names: "the council" -> one named "... Council"."""
        best: _Mention | None = None
        best_score = -1.0
        general = lemma in self.lex.actors.general_anaphors
        earlier = Counter(
            m.key for m in {id(m): m for m in state.mentions.values()}.values() if m.end <= tok.i
        )
        recent_from = tok.doc[tok.sent.start - 1].sent.start if tok.sent.start > 0 else 0
        for m in state.mentions.values():
            if m.end > tok.i or m.place_use:
                continue
            entry = state.actors.get(m.key, {})
            kind = entry.get("type")
            words = set(entry.get("name", "").lower().split()) | set(m.surface.lower().split())
            fits = lemma in words or f"{lemma}s" in words
            typed = self.lex.actors.typed_anaphors.get(lemma)
            if typed and not fits:
                fits = (
                    kind == typed and m.start >= tok.sent.start - 80
                )  # "the militia": the armed group in view
            if general and not fits:
                fits = (
                    kind in ("organization", "political_group", "armed_group")
                    and m.start >= tok.sent.start - 80
                )
            if not fits:
                continue
            # salience: how often the actor was named, and whether just now; a modifier counts less
            score = 2.0 * earlier[m.key] + (3.0 if m.start >= recent_from else 0.0) + m.start / 1e6
            if tok.doc[m.start : m.end].root.dep_ == "compound":
                score -= 2.0
            if score > best_score:
                best, best_score = m, score
        return best.key if best else None

    def _pronoun_antecedent(self, tok: Token, kind: str, state: _DocState, resolver: _Resolver) -> str | None:
        def compatible(m: _Mention) -> bool:
            if m.place_use:
                return False
            entry = state.actors.get(m.key, {})
            atype = entry.get("type")
            if kind == "person":
                return atype == "person"
            if kind == "thing":
                return atype not in ("person", "population") and not _plural_mention(tok.doc, m, entry)
            return _plural_mention(tok.doc, m, entry)

        candidates = [m for m in state.mentions.values() if compatible(m)]
        prefer: set[str] = set()
        if tok.dep_ == "poss" and tok.head.lemma_.lower() in self.lex.actors.military_nouns:
            prefer = {"armed_group", "government"}  # "its first commander": a fighting body's
        found = resolver.best(tok, candidates, lambda m: state.actors.get(m.key, {}).get("type") in prefer)
        if found is None and kind == "thing":
            # "After its overthrow of X, the United States ...": a fronted possessive looks ahead
            root = tok.sent.root
            if tok.i < root.i:
                for c in root.children:
                    if c.dep_ in ("nsubj", "nsubjpass") and c.i in state.mentions and c.i > tok.i:
                        return state.mentions[c.i].key
        return found.key if found else None

    @staticmethod
    def _dateline_pass(doc: Doc, state: _DocState) -> None:
        """ "BAGHDAD, 30 December 2019 - ...": a news dateline names where the report was filed.

        A place that opens a line and is followed by a comma or bracket and, within a
        few words, a dash (or is written in capitals and followed by punctuation) is
        the dateline, never the subject of the first sentence.
        """
        for m in {id(m): m for m in state.mentions.values()}.values():
            if m.place_use or m.end >= len(doc):
                continue
            before = doc[m.start - 1] if m.start > 0 else None
            line_start = before is None or before.is_space or "\n" in before.whitespace_
            if not line_start:
                continue
            span = doc[m.start : m.end]
            after = doc[m.end]
            capitals = span.text.isupper() and len(span.text) > 2 and after.is_punct
            dashed = after.text in (",", "(") and any(
                t.text in ("-", "–", "—", "--") for t in doc[m.end + 1 : min(m.end + 9, len(doc))]
            )
            if capitals or dashed:
                m.place_use = True

    def _place_use_pass(self, doc: Doc, state: _DocState) -> None:
        """Mark countries and capitals used as places ("in Iraq", "a visit to Washington")."""
        cues = self.lex.cues
        facility = self.lex.actors.non_actor_heads
        for m in {id(m): m for m in state.mentions.values()}.values():
            entry = state.actors.get(m.key, {})
            root = doc[m.start : m.end].root
            head = root.head
            if (
                m.form == "demonym"
                and root.dep_ in ("amod", "compound")
                and head.lemma_.lower() in self.lex.actors.demonym_non_agent_heads
            ):
                m.place_use = True  # "British daily", "Iraqi territory"
                continue
            is_facility = (
                entry.get("name", "").split()[-1:] and entry.get("name", "").split()[-1].lower() in facility
            ) or root.lemma_.lower() in facility
            if not (entry.get("type") == "state" or is_facility) or m.form in (
                "demonym",
                "agent",
                "pronoun",
                "relative",
                "anaphor",
            ):
                continue
            if (
                root.dep_ == "pobj"
                and head.lower_ in cues.place_preps
                and head.head.lemma_.lower() not in cues.relational_heads
            ) or (
                root.dep_ == "conj"
                and root.head.i in state.mentions
                and state.mentions[root.head.i].place_use
            ):
                m.place_use = True
            elif root.dep_ == "appos" and head.i in state.place_tokens:
                m.place_use = True  # "Anbar, Iraq"
            elif root.dep_ == "npadvmod" and head.ent_type_ == "DATE":
                m.place_use = True
            if m.place_use:
                place = self.gaz.lookup_place(doc[m.start : m.end].text) or self._country_place(m.key)
                if place is not None:
                    state.add_place_known(place, m.start, m.end, mark_covered=False)

    def _country_place(self, actor_key: str) -> KnownPlace | None:
        actor = self.gaz.actors.get(actor_key)
        if actor is None or not actor.country:
            return None
        return next(
            (p for p in self.gaz.places.values() if p.type == "country" and p.country == actor.country), None
        )


def _singulars(tok: Token) -> list[str]:
    """A head noun's lemma and singular forms: proper nouns ("Brigades") keep their plural as lemma."""
    lower = tok.lower_
    forms = [tok.lemma_.lower(), lower]
    if lower.endswith("ies"):
        forms.append(lower[:-3] + "y")
    elif lower.endswith("s"):
        forms.append(lower[:-1])
    return forms


def _plural(doc: Doc, lemma: str) -> str:
    """The plural of a collective noun as the text would write it."""
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "x", "ch", "sh")):
        return lemma + "es"
    if lemma.endswith("man"):
        return lemma[:-3] + "men"  # "militiaman" -> "militiamen"
    return lemma + "s"


def _plural_mention(doc: Doc, m: _Mention, entry: ActorEntry) -> bool:
    """Whether a mention can be taken up by "they": "the Americans", "militias", not "the United States"."""
    if m.form in ("pronoun", "relative"):
        return doc[m.start].lower_ in ("they", "them", "their", "themselves")
    if entry.get("type") == "state" and m.form in ("name", "alias", "acronym", "metonym"):
        return False
    return (bool(entry.get("plural")) and m.form in ("collective", "generic")) or doc[m.end - 1].tag_ in (
        "NNS",
        "NNPS",
    )


def _clean_name(text: str) -> str:
    """A name as the text writes it, without surrounding quotes, a leading "the" or a possessive."""
    text = text.strip().strip(_QUOTES).strip()
    text = re.sub(r"^(the|The)\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    return text.strip(_QUOTES + " ")


class _DocState:
    """The actors and mentions found so far in one document."""

    def __init__(
        self, doc: Doc, rec: ActorRecognizer, actors: dict[str, ActorEntry], places: dict[str, PlaceEntry]
    ) -> None:
        self.doc = doc
        self.rec = rec
        self.actors = actors
        self.places = places
        self.mentions: dict[int, _Mention] = {}  # by first token; covered holds every token
        self.covered: set[int] = set()
        self.place_mentions: list[list[int | str]] = []
        self.place_tokens: set[int] = set()
        self.surnames: dict[str, list[tuple[int, str]]] = {}

    def add_mention(self, start: int, end: int, key: str, form: str, surface: str) -> None:
        if any(i in self.covered for i in range(start, end)):
            return
        m = _Mention(start, end, key, form, surface)
        for i in range(start, end):
            self.mentions[i] = m
            self.covered.add(i)
        entry = self.actors.get(key)
        if entry is not None and entry.get("type") == "person" and form in ("name", "alias", "ner"):
            self._index_surname(key, surface, start)

    def collect_surfaces(self) -> None:
        """Every form an actor was named by, except in place use, pronouns and agents (the aliases).

        "US soldiers" acts for the United States but is not one of its names.

        An all-lower-case form ("the group", "the corps") is a description, not a name: it
        is resolved to its actor but not kept as an alias, where the store would later
        match every other "group" to this actor.
        """
        for m in sorted({id(m): m for m in self.mentions.values()}.values(), key=lambda m: m.start):
            entry = self.actors.get(m.key)
            if entry is None or m.place_use or m.form in ("pronoun", "relative", "agent"):
                continue
            clean = _clean_name(m.surface)
            if clean and clean.islower() and clean != entry.get("name"):
                continue
            if clean and clean not in entry["surfaces"]:
                entry["surfaces"].append(clean)

    def _index_surname(self, key: str, surface: str, position: int) -> None:
        words = [w for w in re.split(r"[\s]+", _clean_name(surface)) if w]
        if len(words) < 2:
            return
        rules = self.rec.gaz.rules
        last = rules.key(words[-1])
        first = rules.key(rules.strip_titles([rules.key(w) for w in words])[0]) if words else ""
        for k in {last, first} - {""}:
            bucket = self.surnames.setdefault(k, [])
            bucket.append((position, key))

    def person_by_surname(self, word_key: str, before: int | None = None) -> str | None:
        """The person a bare surname (or unique first name) refers to: the latest named before ``before``."""
        bucket = self.surnames.get(word_key)
        if not bucket:
            return None
        keys = {k for _p, k in bucket}
        if len(keys) == 1:
            return bucket[0][1]
        earlier = [(p, k) for p, k in bucket if before is None or p < before]
        return max(earlier)[1] if earlier else None

    def add_known(self, actor: KnownActor, start: int, end: int, form: str, surface: str) -> None:
        if actor.id not in self.actors:
            self.actors[actor.id] = {
                "name": actor.name,
                "type": actor.type,
                "known": True,
                "surfaces": [],
                "plural": False,
            }
        self.add_mention(start, end, actor.id, form, surface)
        if form == "demonym" and surface.lower().endswith("s"):
            self.actors[actor.id]["plural"] = True

    def add_new(
        self,
        start: int,
        end: int,
        name: str,
        kind: str,
        form: str,
        *,
        key: str | None = None,
        generic: bool = False,
        country: str | None = None,
        patron: str | None = None,
        surface: str | None = None,
        plural: bool = False,
    ) -> None:
        key = key or slug(name)
        known = self.rec.gaz.actors.get(key)
        if key not in self.actors:
            entry: ActorEntry = {"name": name, "type": kind, "known": False, "surfaces": [], "plural": plural}
            if known is not None and known.name.lower() != name.lower():
                key = f"{key}-{slug(kind)}"  # a new actor must not borrow a known actor's id
            if generic:
                entry["generic"] = True
            if country:
                entry["country"] = country
            if patron:
                entry["patron"] = patron
            self.actors.setdefault(key, entry)
        self.add_mention(start, end, key, form, surface if surface is not None else self.doc[start:end].text)

    def add_place_known(self, place: KnownPlace, start: int, end: int, mark_covered: bool = True) -> None:
        if place.id not in self.places:
            self.places[place.id] = {"name": place.name, "type": place.type, "known": True, "surfaces": []}
        self._place_mention(place.id, start, end, mark_covered)

    def add_place_new(self, span: Span, label: str) -> None:
        name = _clean_name(span.text)
        if not name or not name[:1].isupper():
            return
        key = f"place-{slug(name)}"
        lowered = name.lower()
        kind = (
            "base"
            if "base" in lowered or "camp" in lowered
            else ("site" if label == "FAC" else ("region" if label == "LOC" else "city"))
        )
        self.places.setdefault(key, {"name": name, "type": kind, "known": False, "surfaces": []})
        self._place_mention(key, span.start, span.end, True)

    def _place_mention(self, key: str, start: int, end: int, mark_covered: bool) -> None:
        if mark_covered:
            if any(i in self.covered or i in self.place_tokens for i in range(start, end)):
                return
            self.covered.update(range(start, end))
        self.place_tokens.update(range(start, end))
        self.place_mentions.append([start, end, key])
        surface = _clean_name(self.doc[start:end].text)
        entry = self.places[key]
        if surface and surface != entry["name"] and surface not in entry["surfaces"]:
            entry["surfaces"].append(surface)


@Language.factory("brinkwatch_actors", default_config={"knowledge": []})
def make_actor_recognizer(nlp: Language, name: str, knowledge: list[str]) -> ActorRecognizer:
    """spaCy factory: actors and places from the gazetteer, NER and short references."""
    return ActorRecognizer(nlp, name, gazetteer=load_knowledge(knowledge))  # knowledge: a user's packs
