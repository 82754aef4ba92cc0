"""Grammatical roles over spaCy's dependency parse, shared by the event and relation finders.

English hides who did what to whom behind passives, relative clauses,
participles, control verbs and coordination. These helpers undo that once:
the logical subject of a verb (through "which", "led by", "forced X to"),
its objects, its by-agent, the conjuncts of a noun phrase, and whether a
clause is asserted as fact (not negated, modal, conditional or wished for).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from brinkwatch.nlp.lexicon import Cues

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJ = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
CLAUSE = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "pcomp", "csubj", "parataxis"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Verbs whose object is the subject of their infinitive: "led X to establish", "forced X to issue".
OBJECT_CONTROL = frozenset(
    {
        "lead",
        "force",
        "compel",
        "urge",
        "ask",
        "allow",
        "push",
        "prompt",
        "encourage",
        "help",
        "cause",
        "enable",
        "persuade",
        "order",
        "invite",
        "pressure",
        "drive",
        "oblige",
        "permit",
        "tell",
        "instruct",
        "get",
    }
)


def in_quoted_title(tok: Token, cues: Cues) -> bool:
    """Inside the quoted title of a report ("a report entitled: '...'"), not the author's own words."""
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.sent.start - 1, tok.i - 40), -1):
        t = doc[i]
        if t.text in ("”", "’"):
            return False
        if t.text in ("“", '"'):
            before = doc[max(i - 3, tok.sent.start) : i]
            return any(b.lower_ in cues.title_markers for b in before)
    return False


def is_passive(verb: Token) -> bool:
    """A passive clause ("was financed by"), or a past participle modifying a noun ("the bloc led by")."""
    if any(c.dep_ in ("nsubjpass", "auxpass", "csubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN":
        return False
    return verb.dep_ == "acl" or (verb.dep_ == "advcl" and any(c.dep_ == "agent" for c in verb.children))


LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "inside", "throughout"})


def conjuncts(tok: Token) -> list[Token]:
    """The token and the heads it is coordinated with ("X, Y and Z").

    "the militia in Iraq and Syria" often comes out of the parser with "Syria"
    coordinated with "militia": a conjunct that follows a locative phrase of the
    token is read as coordinated with that phrase's object instead.
    """
    out = [tok]
    places = [o.i for p, o in preps(tok, LOCATIVE_PREPS)]
    for c in tok.conjuncts:
        if c.i > tok.i and any(tok.i < i < c.i for i in places):
            continue
        if c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def preps(tok: Token, lemmas: frozenset[str] | set[str] | None = None) -> Iterator[tuple[str, Token]]:
    """(preposition, its object) for the token's prepositional children, optionally only some prepositions."""
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and (lemmas is None or c.lower_ in lemmas):
            for o in c.children:
                if o.dep_ in ("pobj", "pcomp"):
                    yield c.lower_, o
        if c.dep_ == "prt" and lemmas is not None and c.lower_ in lemmas:
            # "pulled out of X": the particle carries the preposition
            for p in c.children:
                if p.dep_ == "prep":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            yield c.lower_, o


def agent(verb: Token) -> list[Token]:
    """The by-phrase objects of a passive verb."""
    return [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]


def _relative_antecedent(tok: Token) -> Token | None:
    """For a relative pronoun inside a relative clause, the noun the clause modifies."""
    clause = tok.head
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        if clause.dep_ not in ("prep", "pobj", "xcomp", "conj"):
            return None
        clause = clause.head
    return clause.head if clause.dep_ in ("relcl", "acl") else None


def resolve_relative(tok: Token) -> Token:
    """ "who"/"which"/"that" stand for the noun their clause modifies; other tokens stand for themselves."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in ("WDT", "WP", "WP$", "DT"):
        antecedent = _relative_antecedent(tok)
        if antecedent is not None:
            return antecedent
    return tok


def logical_subjects(verb: Token) -> list[Token]:
    """Who the verb's clause is about, seen through coordination, relative clauses and control.

    "X, which operated under ..." -> X; "X was forced to return" -> X;
    "led Chalabi to establish" -> Chalabi; "bombed a camp, then targeted" -> the
    first verb's subject.
    """
    found = [
        _reduced_relative(resolve_relative(c))
        for c in verb.children
        if c.dep_ in ("nsubj", "nsubjpass", "csubj")
    ]
    if found:
        return found
    if verb.dep_ == "acomp":  # "he is prepared to lift": the adjective's subject is the copula's
        return logical_subjects(verb.head)
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN":
        return [verb.head]
    if verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VB"):
        governor = verb.head
        objects = [c for c in governor.children if c.dep_ in ("dobj", "obj")]
        if objects and (verb.dep_ == "xcomp" or governor.lemma_ in OBJECT_CONTROL):
            return objects
        return logical_subjects(governor)
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return logical_subjects(verb.head)
    if verb.dep_ == "pcomp" or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        # "by attacking X", "after killing X": the subject of the clause it hangs from;
        # "prevented X from joining": its object
        head = verb.head.head if verb.dep_ == "pcomp" else verb.head
        if verb.dep_ == "pcomp" and verb.head.lower_ == "from":
            objects = [c for c in head.children if c.dep_ in ("dobj", "obj")]
            if objects:
                return objects
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "acomp":
            # "are guilty of violating X": the subject of the adjective's copula
            return logical_subjects(head)
    return []


def _reduced_relative(subject: Token) -> Token:
    """ "The Red Cross operating in Iraq said": a participle parsed as the subject stands for its noun."""
    if subject.pos_ == "VERB" and subject.tag_ in ("VBG", "VBN"):
        inner = [c for c in subject.children if c.dep_ in ("nsubj", "nsubjpass")]
        if inner:
            return inner[0]
    return subject


def objects(verb: Token) -> list[Token]:
    """Direct objects (and datives), with the noun a participle modifies as the object of a passive."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")]
    if not found and verb.dep_ == "acl" and verb.tag_ == "VBN":
        found = [verb.head]
    return found


MAIN_LINE = frozenset({"ROOT", "ccomp", "xcomp", "acomp", "conj", "parataxis"})


def embedding(tok: Token) -> int:
    """How many modifier or argument links lie between a word and the root of its sentence.

    0 for the main line of what the sentence says: the root verb, its clausal
    complements ("said it would withdraw"), its predicative adjectives ("is
    willing to withdraw") and coordinated clauses. Each adverbial clause,
    relative clause, prepositional phrase, modifier or nominal argument on the
    way up adds one ("after years of occupation", "In a letter handed over to
    X", "the Israeli-occupied West Bank"): the further down, the more it is
    background to the sentence's own news.
    """
    hops = 0
    while tok.head.i != tok.i:
        if tok.dep_ not in MAIN_LINE:
            hops += 1
        tok = tok.head
    return hops


def is_purpose(tok: Token, cues: Cues) -> bool:
    """A to-infinitive that gives the aim of another act ("sent observers to investigate", "in order to").

    Not the complement of a verb of intent the parser hung as an adverbial ("vowed to fight").
    """
    return (
        tok.tag_ == "VB"
        and tok.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        and tok.head.lemma_ not in OBJECT_CONTROL
        and tok.head.lemma_.lower() not in cues.irrealis_governors
    )


def denied(tok: Token, cues: Cues) -> bool:
    """Whether the clause says the act did not or will not happen ("will not accept", "failed to reach").

    Negation on the word or on a verb governing it along the main line, or a
    governing verb such as "fail" or "refuse"; a refusal, unlike a mere
    possibility, is news in itself.
    """
    cur = tok
    while True:
        if negated(cur, cues) and (cur.i == tok.i or cur.pos_ in ("VERB", "AUX")):
            return True
        if cur.i != tok.i and cur.lemma_.lower() in cues.negating_governors:
            return True
        if cur.dep_ not in ("xcomp", "ccomp", "acomp", "dobj", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head


def clause_of(tok: Token) -> Token:
    """The head of the clause a token belongs to (a verb, or the root)."""
    cur = tok
    while cur.dep_ not in CLAUSE and cur.head.i != cur.i:
        cur = cur.head
    return cur


def negated(tok: Token, cues: Cues) -> bool:
    """A negation attached to the word itself or, for a noun, to the determiner ("no attack")."""
    return any(
        c.dep_ in ("neg", "det", "preconj", "advmod") and c.lower_ in cues.negation for c in tok.children
    )


def _contrasted(tok: Token) -> bool:
    """ "rather than strikes on X", "instead of attacking X": the alternative that did not happen."""
    head = tok.head
    if (tok.dep_ in ("pobj", "pcomp") and head.dep_ in ("prep", "cc")) or tok.dep_ == "conj":
        marker = head if tok.dep_ != "conj" else next((c for c in head.children if c.dep_ == "cc"), None)
        if marker is None:
            return False
        before = tok.doc[marker.i - 1].lower_ if marker.i > 0 else ""
        pair = (before, marker.lower_)
        return pair in (("rather", "than"), ("instead", "of"))
    return False


def asserted(tok: Token, cues: Cues) -> bool:
    """Whether the clause around ``tok`` states something that happened.

    False for negation ("did not strike"), modals and the future ("could
    strike", "will require"), conditions ("if they attack"), wishes and plans
    ("seeks to use", "plans to strike") and generic noun phrases ("any open
    confrontation"). Checks the word, then each governing verb up to the root.
    """
    if negated(tok, cues):
        return False
    if any(c.dep_ == "det" and c.lower_ in cues.generic_determiners for c in tok.children):
        return False
    if (tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "conj") and tok.head.dep_ == "prep") or (
        tok.tag_ == "VBG" and tok.dep_ == "conj" and tok.head.tag_ == "VBG" and tok.head.dep_ == "pcomp"
    ):
        prep = tok.head if tok.dep_ == "pcomp" else tok.head.head
        if prep.head.pos_ in ("NOUN", "PROPN"):
            # "the task of dismissing X", "a response for breaking into X": a description, not a report
            return False
    if _contrasted(tok):
        return False
    cur = tok
    while True:
        if any(c.dep_ == "aux" and c.lower_ in cues.modal_aux for c in cur.children):
            return False
        if cur.i != tok.i and cur.pos_ in ("VERB", "AUX") and negated(cur, cues):
            return False
        if any(c.dep_ == "mark" and c.lower_ in cues.conditional_marks for c in cur.children):
            return False
        # "was to be funded": be + to-infinitive is a plan, not a fact
        if cur.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            head = cur.head
            if cur.dep_ == "xcomp" and head.lemma_ in cues.irrealis_governors:
                return False
            if cur.dep_ == "xcomp" and head.lemma_ == "be":
                return False
            if cur.dep_ == "advcl" and head.lemma_ not in OBJECT_CONTROL:
                return False  # "arrived to join": a purpose, not (yet) a fact
        if (
            cur.dep_
            in (
                "xcomp",
                "ccomp",
                "acomp",
                "advcl",
                "pcomp",
                "pobj",
                "dobj",
                "nsubj",
                "nsubjpass",
                "conj",
                "relcl",
                "acl",
                "prep",
                "amod",
                "compound",
                "appos",
                "attr",
            )
            and cur.head.i != cur.i
        ):
            parent = cur.head
            if cur.dep_ in ("xcomp", "acomp", "pobj", "prep") and parent.lemma_ in cues.irrealis_governors:
                return False
            cur = parent
            continue
        return True
