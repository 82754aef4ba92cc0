"""From a noun phrase in the parse to the actors it names, and from a trigger to its date.

Events and relations both need to turn a grammatical argument ("a camp for
the Martyrs Brigades", "a liberal figure like Ahmed Chalabi", "members of
Shiite militias", "Iran's former Ayatollah, Ruhollah Khomeini") into actor
keys, and to find the date expression that belongs to a word's clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from brinkwatch.nlp import syntax
from brinkwatch.nlp.annotations import View
from brinkwatch.nlp.lexicon import load_lexicon

# Prepositions after a part noun that name the whole ("members of X", "a camp for X", "fighters from X").
PART_PREPS = frozenset({"of", "for", "from"})
EXAMPLE_PREPS = frozenset({"like", "as", "including"})


def actors_of(
    tok: Token, view: View, places_too: bool = False, depth: int = 0, coordinated: bool = True
) -> list[str]:
    """Actor keys a noun phrase headed by ``tok`` refers to (with its conjuncts if ``coordinated``)."""
    out: list[str] = []
    for head in syntax.conjuncts(tok) if coordinated else [tok]:
        for key in _actors_of_one(head, view, places_too, depth):
            if key not in out:
                out.append(key)
    return out


def _actors_of_one(tok: Token, view: View, places_too: bool, depth: int) -> list[str]:
    tok = syntax.resolve_relative(tok)
    key = view.actor_key(tok, places_too)
    if key is not None:
        # "American and British forces": each coordinated modifier names an actor of its own
        joined = [
            k
            for c in tok.children
            if c.dep_ in ("amod", "compound") and view.actor_key(c) is not None
            for other in c.conjuncts
            for k in [view.actor_key(other)]
            if k is not None and k != key
        ]
        return list(dict.fromkeys([key, *joined]))
    if depth > 3:
        return []
    found: list[str] = []
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "appos":
            found += actors_of(c, view, places_too, depth + 1)
        elif c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS | {"such"}:
            # "groups such as X and Y", "a figure like X"
            for o in c.subtree:
                if o.dep_ == "pobj" and (o.head.head.i == tok.i or o.head.i == c.i):
                    found += actors_of(o, view, places_too, depth + 1)
                    break
    if found:
        return found
    if lemma in load_lexicon().actors.part_nouns:
        for _prep, obj in syntax.preps(tok, PART_PREPS):
            found += actors_of(obj, view, places_too, depth + 1)
        for c in tok.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod"):
                k = view.actor_key(c, places_too)
                if k is not None and k not in found:
                    found.append(k)
        if found:
            return found
    for c in tok.children:
        if c.dep_ in ("nmod", "compound") and c.i < tok.i:
            k = view.actor_key(c, places_too)
            if k is not None and view.actors.get(k, {}).get("type") != "state":
                return [k]
    # "X was one of the first organizations that ...": the organizations are X
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("of", "among")
        and tok.head.head.lower_ in ("one", "some", "among")
    ):
        one = tok.head.head
        if one.dep_ in ("attr", "oprd") and one.head.pos_ in ("VERB", "AUX"):
            for subj in one.head.children:
                if subj.dep_ in ("nsubj", "nsubjpass"):
                    return actors_of(subj, view, places_too, depth + 1)
    return []


def argument_heads(tok: Token, view: View) -> list[Token]:
    """The heads of the items an argument lists: its conjuncts, or the examples after "such as"/"like".

    A list the parser broke off ("A, B (2019), and C (2020)" with C hung elsewhere)
    is continued over ", and" to the next actor name.
    """
    heads = syntax.conjuncts(tok)
    examples = [c for c in tok.children if c.dep_ == "prep" and c.lower_ in EXAMPLE_PREPS]
    if not examples and tok.i not in view.mention_at:
        # "groups in 2017, such as X": the parser may hang "such as" elsewhere; take the next one close by
        window = tok.doc[tok.i + 1 : min(tok.i + 10, tok.sent.end)]
        examples = [
            t
            for t in window
            if t.dep_ == "prep"
            and t.lower_ in EXAMPLE_PREPS
            and (t.lower_ != "as" or t.doc[t.i - 1].lower_ == "such")
        ][:1]
    for c in examples:
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if objs:
            heads = syntax.conjuncts(objs[0])
            break
    if len(heads) < 2:
        return heads
    doc = tok.doc
    j = _item_end(heads[-1], view)
    while j < len(doc) and (doc[j].text in (",", "(", ")") or j in view.date_at):
        j += 1
    if j + 1 < len(doc) and doc[j].lower_ in ("and", "or") and (j + 1) in view.mention_at:
        start, end = view.mention_at[j + 1][0], view.mention_at[j + 1][1]
        if start == j + 1:
            heads.append(doc[start:end].root)
    return heads


def _item_end(tok: Token, view: View) -> int:
    """Where a listed item's own words end: its actor mention, else the token."""
    m = view.mention_at.get(tok.i)
    return m[1] if m is not None else tok.i + 1


def place_of(tok: Token, view: View, preps: frozenset[str]) -> str | None:
    """The place an event happened: a place (or a country used as one) after "in", "at", "near"..."""
    for _prep, obj in syntax.preps(tok, preps):
        for cand in [obj, *obj.subtree]:
            key = view.place_at.get(cand.i)
            if key is not None:
                return key
    return None


END_PREPS = frozenset({"until", "till", "through", "to"})
"""Prepositions that make a date the end of an interval ("chaired the bloc until 2009")."""


def date_in_clause(tok: Token, view: View, ending: bool | None = None) -> int | None:
    """The date expression of the word's own phrase or clause, the nearest one if several.

    ``ending`` True keeps only dates after "until"/"till"..., False only the others, None any.
    """
    dates = view.data["dates"]
    if not dates:
        return None
    sent = tok.sent
    subtree = {t.i for t in tok.subtree}
    # a relative or adverbial clause with its own subject tells of another event
    for c in tok.children:
        if (
            c.dep_ in ("relcl", "advcl", "ccomp", "conj")
            and any(g.dep_ in syntax.SUBJ for g in c.children)
            and c.lemma_ not in ("call", "name")
        ):
            subtree -= {t.i for t in c.subtree}
    clause = syntax.clause_of(tok)
    best: tuple[int, int] | None = None
    for n, (start, end, _expr) in enumerate(dates):
        if start < sent.start or end > sent.end:
            continue
        head = tok.doc[start:end].root
        inside = start in subtree
        same_clause = syntax.clause_of(head).i == clause.i or head.head.i == tok.i
        if not (inside or same_clause) or _item_date(head, view):
            continue
        is_end = head.dep_ == "pobj" and head.head.lower_ in END_PREPS
        if ending is not None and is_end != ending:
            continue
        distance = abs(start - tok.i)
        if best is None or distance < best[0]:
            best = (distance, n)
    return best[1] if best else None


def date_in_sentence(tok: Token, view: View) -> int | None:
    """Any date expression of the sentence (nearest to the word), for facts whose clause has none."""
    sent = tok.sent
    best: tuple[int, int] | None = None
    for n, (start, end, _expr) in enumerate(view.data["dates"]):
        if start < sent.start or end > sent.end or _item_date(tok.doc[start:end].root, view):
            continue
        if _in_other_nominal_clause(tok.doc[start:end].root, tok):
            continue
        distance = abs(start - tok.i)
        if best is None or distance < best[0]:
            best = (distance, n)
    return best[1] if best else None


def _in_other_nominal_clause(date_head: Token, trigger: Token) -> bool:
    """A date in a clause modifying a noun ("knowledge that X was formed in 1982") dates that clause."""
    cur = date_head
    while cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl") and not (cur.left_edge.i <= trigger.i <= cur.right_edge.i):
            return True
        cur = cur.head
    return False


def _item_date(head: Token, view: View) -> bool:
    """A parenthetical year that belongs to the item before it ("Al-Nujaba (2019)")."""
    doc = head.doc
    i = head.i
    return 0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text == ")"


def item_dates(tokens: list[Token], view: View) -> dict[int, int]:
    """For items of a list, the parenthetical date each carries; an undated item takes the next item's.

    "A, B (2019), and C (2020)": A and B 2019, C 2020.
    """
    doc = tokens[0].doc if tokens else None
    found: dict[int, int] = {}
    if doc is None:
        return found
    for tok in tokens:
        j = _item_end(tok, view)
        if j + 2 < len(doc) and doc[j].text == "(" and j + 1 in view.date_at and doc[j + 2].text == ")":
            found[tok.i] = view.date_at[j + 1]
    if not found:
        return found
    pending: list[int] = []
    for tok in tokens:
        if tok.i in found:
            for p in pending:
                found[p] = found[tok.i]
            pending = []
        else:
            pending.append(tok.i)
    return found


def sentence_span(sent: Span) -> tuple[int, int, str]:
    """Character offsets and text of a sentence, without surrounding white space."""
    text = sent.text
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    start = sent.start_char + lead
    return start, start + len(stripped), stripped
