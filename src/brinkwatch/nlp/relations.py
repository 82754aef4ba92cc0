"""The ``brinkwatch_relations`` component: lasting ties between actors, from the patterns in relations.yaml.

Each finder reads one construction of English that states a relation:
verbs ("led by", "was financed by", "formed by"), roles ("the first chairman
of", "Badr's leader", "US Vice President X", "in his capacity as deputy head
of"), offices taken ("took over the presidency of", "assumed its leadership"),
kinship ("the younger brother of"), proxies ("Iran's proxy militias",
"Iranian tools"), backing ("Iran-backed", "with Saudi backing"), control
("under the command of"), loyalty ("loyalty to"), membership ("a faction of",
"had an armed force called"), and ties ("his relationship with"). A frame is
kept only when both ends are actors and the clause is asserted.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.knowledge import Gazetteer, load_gazetteer
from brinkwatch.knowledge.packs import load_knowledge
from brinkwatch.nlp import syntax
from brinkwatch.nlp.annotations import View, bw
from brinkwatch.nlp.arguments import actors_of, date_in_clause
from brinkwatch.nlp.lexicon import Lexicon, load_lexicon

COPULA = frozenset({"be", "become", "remain", "serve", "act"})


class RelationFinder:
    """Finds relation frames and stores them under ``doc._.bw["relations"]``."""

    def __init__(
        self, nlp: Language, name: str, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.name = name
        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        view = View(doc)
        frames: list[dict[str, Any]] = []
        rel = self.lex.relations
        for tok in doc:
            if view.is_quiet(tok) and tok.lower_ not in rel.backing_adjectives:
                continue
            lemma = tok.lemma_.lower()
            lower = tok.lower_
            found: list[dict[str, Any]] = []
            if tok.pos_ in ("VERB", "AUX"):
                found += self._verb(tok, lemma, view)
                found += self._office(tok, lemma, view)
            predicate_denied = tok.dep_ in ("attr", "oprd") and (
                syntax.negated(tok.head, self.lex.cues)
                or any(c.dep_ == "aux" and c.lower_ in self.lex.cues.modal_aux for c in tok.head.children)
            )
            if tok.pos_ in ("NOUN", "PROPN") and not predicate_denied:
                # "It is not a branch of Y", "X may become Y's proxy": a denied predicate states no tie
                if lemma in rel.role_nouns or lower in rel.role_nouns:
                    found += self._role(tok, view)
                if lemma in rel.kin_nouns:
                    found += self._kin(tok, view)
                if lemma in rel.proxy_nouns:
                    found += self._proxy(tok, view)
                if lemma in rel.backing_nouns:
                    found += self._backing_noun(tok, lemma, view)
                if lemma in rel.control_nouns:
                    found += self._control(tok, lemma, view)
                if lemma in rel.loyalty_nouns:
                    found += self._loyalty(tok, view)
                if lemma in rel.part_nouns:
                    found += self._part(tok, view)
                if lemma in rel.tie_nouns:
                    found += self._tie(tok, view)
            if lower in rel.backing_adjectives and tok.dep_ in ("amod", "compound", "acl"):
                for frame in self._backing_adjective(tok, view):
                    # "Iran-backed militias fired on 3 May": the modifier says the backing held then,
                    # not that it began then, so the clause's date bounds nothing
                    frame.setdefault("date", None)
                    frame.setdefault("until", None)
                    found.append(frame)
            for frame in found:
                if frame["source"] != frame["target"]:
                    frame.setdefault("anchor", tok.i)
                    frame.setdefault("date", date_in_clause(tok, view, ending=False))
                    frame.setdefault("until", date_in_clause(tok, view, ending=True))
                    frames.append(frame)
        bw(doc)["relations"] = frames
        return doc

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _frames(
        kind: str, sources: list[str], targets: list[str], role: str | None = None, confidence: float = 0.7
    ) -> list[dict[str, Any]]:
        return [
            {"type": kind, "source": s, "target": t, "role": role, "confidence": confidence}
            for s in sources
            for t in targets
            if s != t
        ]

    def _refine(self, kind: str, sources: list[str], view: View) -> str:
        """ "lead"/"command" by an organisation is command; by a person, leadership."""
        types = {view.actors.get(s, {}).get("type") for s in sources}
        if kind in ("leads", "commands"):
            return "leads" if types == {"person"} else "commands"
        return kind

    def _patients(self, verb: Token, view: View) -> list[str]:
        """Who a verb's action is about: passive subject, the noun a participle modifies, else the subject."""
        cur = verb
        while (
            cur.dep_ == "conj"
            and cur.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in syntax.SUBJ for c in cur.children)
        ):
            cur = cur.head
        out: list[str] = []
        own = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
        if cur.dep_ == "advcl" and cur.tag_ == "VBN" and not own:
            # "X, led by Y, ..." after its noun; "Backed by Y, X ..." before the clause it modifies
            if cur.i < cur.head.i:
                return self._keys(syntax.logical_subjects(cur.head), view)
            return self._left_neighbour(cur, view)
        if cur.dep_ == "acl" and not own:
            # a participle after its noun modifies that noun and the conjuncts before it, never
            # those after it: "the INC, led by X; the INA, led by Y; the PUK" gives the PUK no leader
            before = [t for t in syntax.conjuncts(cur.head) if t.i < cur.i]
            out = list(dict.fromkeys(k for t in before for k in actors_of(t, view, coordinated=False)))
            out = out or self._left_neighbour(cur, view)
            return out
        for s in syntax.logical_subjects(cur):
            out += actors_of(s, view)
        return out

    @staticmethod
    def _keys(tokens: list[Token], view: View) -> list[str]:
        """The actors of several noun phrases, each once."""
        return list(dict.fromkeys(k for t in tokens for k in actors_of(t, view)))

    @staticmethod
    def _left_neighbour(verb: Token, view: View) -> list[str]:
        """ "NP, led by X" misattached by the parser: the nearest actor phrase just before the participle."""
        for i in range(verb.i - 1, max(verb.i - 8, verb.sent.start - 1), -1):
            tok = verb.doc[i]
            if tok.is_punct:
                continue
            found = actors_of(tok, view, coordinated=False)
            if found:
                return [k for k in found if view.actors.get(k, {}).get("type") != "person"]
            if tok.pos_ == "NOUN" and tok.i == verb.i - 1:
                return []  # "a breakaway group led by X": the participle has its own, unnamed, noun
        return []

    def _holders(self, noun: Token, view: View) -> list[str]:
        """Who holds a role noun: copula subject, apposition, named person the title precedes, "as"-phrase."""
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if nxt is not None and nxt.i in view.mention_at and view.mention_at[nxt.i][0] == nxt.i:
            key = view.actor_key(nxt)
            if key is not None and view.actors.get(key, {}).get("type") == "person":
                return [key]  # a title right before a name: "Vice President Dick Cheney"
        top = noun
        while top.dep_ == "conj" and top.head.pos_ == "NOUN":
            top = top.head  # "its founder and leader": coordinated roles share the holder
        if top.dep_ == "appos" and top.head.pos_ in ("NOUN", "PROPN"):
            # "Mazloum Abdi, the SDF's commander": the name the appositive describes, not its conjuncts
            named = [c for c in syntax.conjuncts(top.head) if c.i < top.i]
            if noun.tag_ in ("NN", "NNP"):
                named = named[-1:]  # "X and Y – the real leader of ...": one leader, the nearest name
            found = list(dict.fromkeys(k for c in named for k in actors_of(c, view, coordinated=False)))
            if found:
                return found
            while top.dep_ in ("appos", "conj") and top.head.pos_ in ("NOUN", "PROPN"):
                top = top.head
        head = top.head
        if top.dep_ in ("compound", "amod") and head.pos_ == "PROPN":
            return actors_of(head, view)  # "Badr leader Hadi al-Amiri"
        if top.dep_ in ("attr", "oprd", "acomp") and head.lemma_ in COPULA | {
            "name",
            "appoint",
            "elect",
            "make",
        }:
            subjects = [s for s in head.children if s.dep_ in ("nsubj", "nsubjpass")]
            return [k for s in subjects for k in actors_of(s, view)]
        if top.dep_ == "appos":
            return actors_of(head, view)
        if top.dep_ == "nsubj" and head.lemma_ == "be":
            # "Its political leader is Bertrand Bisimwa": the copula's complement holds the role
            return [k for c in head.children if c.dep_ == "attr" for k in actors_of(c, view)]
        appos = [c for c in noun.children if c.dep_ == "appos"]
        if appos:
            return [k for a in appos for k in actors_of(a, view)]
        if top.dep_ == "pobj" and head.lower_ == "as":
            governor = head.head
            if governor.pos_ in ("NOUN",):
                return [k for c in governor.children if c.dep_ == "poss" for k in actors_of(c, view)]
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects:
                # "the Pentagon named him as the leader of Y": the object holds the role, not the namer
                return [k for o in objects for k in actors_of(o, view)]
            return [k for s in syntax.logical_subjects(governor) for k in actors_of(s, view)]
        if top.dep_ in ("dobj",) and head.lemma_ in ("hold", "have", "occupy"):
            return [k for s in syntax.logical_subjects(head) for k in actors_of(s, view)]
        return []

    def _owner(self, noun: Token, view: View, states: bool = True) -> list[str]:
        """Whose role or office it is: "of"-phrase, possessor, or an actor compound before the noun."""
        out: list[str] = []
        for _p, obj in syntax.preps(noun, frozenset({"of", "in", "at", "for"})):
            out += actors_of(obj, view)
        for c in noun.children:
            if c.dep_ in ("poss", "compound", "nmod", "amod") and c.i < noun.i:
                key = view.actor_key(c)
                if key is not None and key not in out and (states or view.actors[key].get("type") != "state"):
                    out.append(key)
        return out

    def _role_text(self, noun: Token) -> str:
        mods = [
            c
            for c in noun.lefts
            if c.dep_ in ("amod", "compound")
            and (
                c.lower_ in self.lex.relations.role_modifiers
                or c.lower_ in self.lex.relations.role_nouns
                or c.lower_ in ("defense", "defence", "foreign", "interior", "prime", "vice")
            )
        ]
        words = [m.lower_ for m in sorted(mods, key=lambda t: t.i)] + [noun.lower_]
        return " ".join(words)

    # ------------------------------------------------------------ finders

    def _verb(self, verb: Token, lemma: str, view: View) -> list[dict[str, Any]]:
        rel = self.lex.relations
        particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        kind = rel.phrasal.get((lemma, particle)) if particle else None
        kind = kind or rel.verbs.get(lemma)
        inverse = kind is None and lemma in rel.inverse_verbs
        kind = kind or rel.inverse_verbs.get(lemma)
        if kind is None or not syntax.asserted(verb, self.lex.cues):
            return []
        if syntax.is_passive(verb):
            sources = [k for a in syntax.agent(verb) for k in actors_of(a, view)]
            targets = self._patients(verb, view)
        else:
            # "X, who led HTS, and Y": a relative clause speaks of its antecedent alone
            single = verb.dep_ == "relcl"
            sources = [
                k for s in syntax.logical_subjects(verb) for k in actors_of(s, view, coordinated=not single)
            ]
            targets = [k for o in syntax.objects(verb) for k in actors_of(o, view)]
            if not targets and kind == "founded":
                targets = self._named_object(verb, view)
        if not sources or not targets:
            return []
        if kind == "allied_with" and not any(c.lower_ == "with" for c in verb.children):
            return []
        if inverse:
            return self._frames(kind, targets, sources)
        return self._frames(self._refine(kind, sources, view), sources, targets)

    def _named_object(self, verb: Token, view: View) -> list[str]:
        """The first organisation named in the object clause: "established what he called the X House"."""
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp", "dobj"):
                for t in c.subtree:
                    key = view.actor_key(t)
                    if key is not None and view.actors[key].get("type") not in ("person", "state"):
                        return [key]
        return []

    def _office(self, verb: Token, lemma: str, view: View) -> list[dict[str, Any]]:
        """ "took over the Council's presidency", "assumed its leadership": the subject leads the owner."""
        rel = self.lex.relations
        if lemma not in rel.office_verbs:
            return []
        offices = [o for o in syntax.objects(verb) if o.lemma_.lower() in rel.office_nouns]
        if not offices or not syntax.asserted(verb, self.lex.cues):
            return []
        holders = [k for s in syntax.logical_subjects(verb) for k in actors_of(s, view)]
        out: list[dict[str, Any]] = []
        for office in offices:
            owners = self._owner(office, view)
            out += self._frames(
                rel.office_nouns[office.lemma_.lower()], holders, owners, self._role_text(office)
            )
        return out

    def _role(self, noun: Token, view: View) -> list[dict[str, Any]]:
        rel = self.lex.relations
        if syntax.negated(noun, self.lex.cues) or (
            noun.dep_ == "attr" and syntax.negated(noun.head, self.lex.cues)
        ):
            return []
        holders = self._holders(noun, view)
        if not holders:
            return []
        owners = [o for o in self._owner(noun, view) if o not in holders]
        role = self._role_text(noun)
        if not owners:
            owners = self._shared_state(noun, view)
        title = self._title(noun)
        kind = next(
            (rel.role_nouns[t] for t in title if t in rel.role_nouns),
            rel.role_nouns.get(noun.lemma_.lower()) or rel.role_nouns[noun.lower_],
        )
        heads_state = any(t in rel.head_titles for t in title)
        if heads_state:
            kind = "leads"  # "Iraq's prime minister": the head of government leads the state
        people = all(view.actors.get(h, {}).get("type") == "person" for h in holders)
        # "President Bill Clinton's order": a name in passing, as a possessor, says nothing of the office
        in_passing = any(t.tag_ == "POS" for t in noun.doc[noun.i + 1 : min(noun.i + 6, len(noun.doc))])
        if not owners and heads_state and people and not in_passing:
            owners = self._home_state(holders, view)  # "President Joe Biden": his own state
        elif (
            not owners
            and people
            and any(t in rel.org_titles for t in title)
            and noun.dep_ in ("attr", "oprd", "appos")
        ):
            owners = self._topic_organisation(noun, view)  # "became the first secretary-general in 1989"
        deputy = any(w in role.split() for w in ("vice", "deputy", "assistant"))
        out: list[dict[str, Any]] = []
        for owner in owners:
            owner_type = view.actors.get(owner, {}).get("type")
            k = kind
            if owner_type == "state" and kind == "leads" and (deputy or not heads_state):
                k = "member_of"
            elif kind == "leads" and deputy and owner_type != "state":
                k = "leads"
            out += self._frames(k, holders, [owner], role)
        return out

    def _home_state(self, holders: list[str], view: View) -> list[str]:
        """The state the gazetteer says a known person belongs to, entered into the document's actors."""
        out: list[str] = []
        for h in holders:
            known = self.gaz.actors.get(h)
            if known is None or known.type != "person" or not known.country:
                continue
            state = self.gaz.state_of(known.country)
            if state is not None:
                out.append(view.enter_known(state))
        return out

    @staticmethod
    def _topic_organisation(noun: Token, view: View) -> list[str]:
        """The organisation a passage is about: the most often named one in the last three sentences."""
        doc = noun.doc
        start = noun.sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        counts: dict[str, int] = {}
        latest: dict[str, int] = {}
        for i in range(start, noun.i):
            m = view.mention_at.get(i)
            if m is None or m[0] != i or m[4]:
                continue
            kind = view.actors.get(m[2], {}).get("type")
            if kind in ("organization", "armed_group", "political_group") and not view.actors[m[2]].get(
                "generic"
            ):
                counts[m[2]] = counts.get(m[2], 0) + 1
                latest[m[2]] = i
        if not counts:
            return []
        return [max(counts, key=lambda k: (counts[k], latest[k]))]

    @staticmethod
    def _title(noun: Token) -> list[str]:
        """The title a role noun ends, longest reading first: "prime minister", "secretary-general"."""
        doc = noun.doc
        words = [noun.lower_]
        j = noun.i - 1
        while j > noun.sent.start:
            t = doc[j]
            if t.text in ("-", "‑") and not t.whitespace_ and not doc[j - 1].whitespace_:
                words[0] = f"{doc[j - 1].lower_}-{words[0]}"
                j -= 2
                continue
            if t.dep_ in ("compound", "amod") and t.head.i == noun.i and t.is_lower:
                words.insert(0, t.lower_)
                j -= 1
                continue
            break
        k = noun.i + 1
        while k + 1 < len(doc) and doc[k].text in ("-", "‑") and not doc[k - 1].whitespace_:
            if doc[k].whitespace_:
                break
            words[-1] = f"{words[-1]}-{doc[k + 1].lower_}"  # "secretary-general", "commander-in-chief"
            k += 2
        return [" ".join(words[n:]) for n in range(len(words))]

    def _shared_state(self, noun: Token, view: View) -> list[str]:
        """A coordinated title shares the first one's state: "US Vice President X and Defense Minister Y"."""
        doc = noun.doc
        i = noun.i - 1
        while i > noun.sent.start and doc[i].dep_ == "compound" and doc[i].i not in view.mention_at:
            i -= 1  # over "Defense"
        if i <= noun.sent.start or doc[i].lower_ not in ("and", ","):
            return []
        j = i - 1
        if j not in view.mention_at:
            return []
        first = view.mention_at[j][0] - 1  # the title before the first name
        if first < noun.sent.start:
            return []
        title = doc[first]
        if (
            title.lemma_.lower() not in self.lex.relations.role_nouns
            and title.lower_ not in self.lex.relations.role_nouns
        ):
            return []
        return [o for o in self._owner(title, view) if view.actors.get(o, {}).get("type") == "state"]

    def _kin(self, noun: Token, view: View) -> list[dict[str, Any]]:
        """ "X is the younger brother of Y"; "X succeeded his older brother, Y"."""
        relatives = [k for _p, o in syntax.preps(noun, frozenset({"of"})) for k in actors_of(o, view)]
        relatives += [k for c in noun.children if c.dep_ == "poss" for k in actors_of(c, view)]
        holders = self._holders(noun, view)
        if syntax.negated(noun, self.lex.cues):
            return []
        people = [k for k in relatives if view.actors.get(k, {}).get("type") == "person"]
        holders = [k for k in holders if view.actors.get(k, {}).get("type") == "person"]
        return self._frames("kin_of", holders, people, self._role_text(noun))

    def _proxy(self, noun: Token, view: View) -> list[dict[str, Any]]:
        """ "X are Iranian tools", "Iran's proxy militias", "proxies of Iran": the client is X's proxy."""
        patrons: list[str] = []
        for c in noun.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < noun.i:
                key = view.actor_key(c)
                if key is not None:
                    patrons.append(key)
        patrons += [k for _p, o in syntax.preps(noun, frozenset({"of", "for"})) for k in actors_of(o, view)]
        clients: list[str] = []
        own = view.actor_key(noun)
        if own is not None:
            clients.append(own)
            if noun.dep_ in ("compound", "amod"):
                # "Iran's proxy militias": the possessor hangs on the head noun
                patrons += [
                    k
                    for c in noun.head.children
                    if c.dep_ == "poss"
                    for k in [view.actor_key(c)]
                    if k is not None and k != own
                ]
        elif noun.dep_ in ("compound", "amod") and noun.head.pos_ in ("NOUN", "PROPN"):
            clients += actors_of(noun.head, view)
        else:
            clients += self._holders(noun, view)
        if noun.dep_ == "attr" and syntax.negated(noun.head, self.lex.cues):
            return []
        return self._frames("proxy_of", [c for c in clients if c not in patrons], patrons)

    def _backing_adjective(self, adj: Token, view: View) -> list[dict[str, Any]]:
        """ "Iran-backed militias", "Saudi-funded party", "Iran-aligned factions"."""
        backing = self.lex.relations.backing_adjectives[adj.lower_]
        own = view.actor_key(adj)
        patrons = [
            k for t in adj.subtree if t is not adj for k in [view.actor_key(t)] if k is not None and k != own
        ]
        doc = adj.doc
        if not patrons and adj.i >= 2 and doc[adj.i - 1].text in ("-", "‑"):
            # the hyphen often leaves "Iran" as a sibling of "backed", or inside a known collective's name
            before = doc[adj.i - 2]
            key = view.actor_key(before)
            if key is not None and key != own:
                patrons.append(key)
            else:
                patrons += self._named_state(before.text, view)
        clients = actors_of(adj.head, view, coordinated=False) if adj.dep_ in ("amod", "compound") else []
        if adj.dep_ == "acl":
            clients = actors_of(adj.head, view, coordinated=False)
            patrons = [k for a in syntax.agent(adj) for k in actors_of(a, view)] or patrons
        patrons = list(dict.fromkeys(patrons))
        if backing.reverse:
            return self._frames(backing.type, clients, patrons, confidence=0.8)
        return self._frames(backing.type, patrons, clients, confidence=0.8)

    def _named_state(self, text: str, view: View) -> list[str]:
        """A state named by a word inside another actor's name ("Iran" in a known "Iran-backed militias")."""
        for match in self.gaz.match(text):
            if match.actor.type == "state":
                return [view.enter_known(match.actor)]
        return []

    def _backing_noun(self, noun: Token, lemma: str, view: View) -> list[dict[str, Any]]:
        """ "established with Saudi Arabia's backing", "with the support of X"."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("with", "through", "thanks", "at", "on"):
            return []  # "with Saudi backing", "at the initiative of the YPG"
        backers = [
            k for c in noun.children if c.dep_ in ("poss", "amod", "compound") for k in actors_of(c, view)
        ]
        backers += [k for _p, o in syntax.preps(noun, frozenset({"of", "from"})) for k in actors_of(o, view)]
        verb = noun.head.head
        if verb.pos_ not in ("VERB", "AUX") or not syntax.asserted(verb, self.lex.cues):
            return []
        backed = self._patients(verb, view)
        return self._frames(self.lex.relations.backing_nouns[lemma], backers, backed)

    def _control(self, noun: Token, lemma: str, view: View) -> list[dict[str, Any]]:
        """ "X operated under the command of Y": Y commands (a person: leads) X."""
        if noun.dep_ != "pobj" or noun.head.lower_ not in ("under", "within"):
            return []
        controllers = [k for _p, o in syntax.preps(noun, frozenset({"of"})) for k in actors_of(o, view)]
        controllers += [k for c in noun.children if c.dep_ == "poss" for k in actors_of(c, view)]
        governor = noun.head.head
        if governor.pos_ in ("VERB", "AUX"):
            if not syntax.asserted(governor, self.lex.cues):
                return []
            controlled = [k for s in syntax.logical_subjects(governor) for k in actors_of(s, view)]
        else:
            controlled = actors_of(governor, view)
        kind = self.lex.relations.control_nouns[lemma]
        out: list[dict[str, Any]] = []
        for c in controllers:
            k = kind
            if kind in ("commands", "leads"):
                k = "leads" if view.actors.get(c, {}).get("type") == "person" else "commands"
            out += self._frames(k, [c], controlled)
        return out

    def _loyalty(self, noun: Token, view: View) -> list[dict[str, Any]]:
        """ "X acknowledged loyalty to Y", "X's allegiance to Y"."""
        lords = [k for _p, o in syntax.preps(noun, frozenset({"to"})) for k in actors_of(o, view)]
        if not lords and noun.dep_ == "dobj":  # "declared loyalty to X" with "to" hung on the verb
            lords = [k for _p, o in syntax.preps(noun.head, frozenset({"to"})) for k in actors_of(o, view)]
        vassals = [k for c in noun.children if c.dep_ == "poss" for k in actors_of(c, view)]
        verb = noun.head
        if not vassals and noun.dep_ in ("dobj", "attr") and verb.pos_ in ("VERB", "AUX"):
            if not syntax.asserted(verb, self.lex.cues):
                return []
            vassals = [k for s in syntax.logical_subjects(verb) for k in actors_of(s, view)]
        return self._frames("loyal_to", vassals, lords)

    def _part(self, noun: Token, view: View) -> list[dict[str, Any]]:
        """ "X, a faction of Y", "X is part of Y", "Y had an armed force called X"."""
        wholes = [k for _p, o in syntax.preps(noun, frozenset({"of", "within"})) for k in actors_of(o, view)]
        if noun.dep_ in ("dobj",) and noun.head.lemma_ in ("have", "maintain", "form", "create", "establish"):
            verb = noun.head
            if not syntax.asserted(verb, self.lex.cues):
                return []
            wholes = [k for s in syntax.logical_subjects(verb) for k in actors_of(s, view)]
            parts: list[str] = []
            for c in noun.children:
                if c.dep_ == "appos":
                    parts += actors_of(c, view)
                if c.dep_ == "acl" and c.lemma_ in ("call", "name", "know"):
                    for o in c.children:
                        if o.dep_ in ("oprd", "dobj", "attr", "xcomp") or (
                            o.dep_ == "prep" and o.lower_ == "as"
                        ):
                            target = next((p for p in o.children if p.dep_ == "pobj"), o)
                            parts += actors_of(target, view)
            return self._frames("member_of", parts, wholes)
        if not wholes:
            return []
        parts = self._holders(noun, view)
        if not parts and view.actor_key(noun) is not None:
            parts = [view.actor_key(noun) or ""]
        return self._frames("member_of", [p for p in parts if p and p not in wholes], wholes)

    def _tie(self, noun: Token, view: View) -> list[dict[str, Any]]:
        """ "promote his relationship with Iran": the possessor is allied with the "with"-phrase."""
        partners = [k for _p, o in syntax.preps(noun, frozenset({"with"})) for k in actors_of(o, view)]
        if not partners:
            return []
        owners = [k for c in noun.children if c.dep_ == "poss" for k in actors_of(c, view)]
        if not syntax.asserted(noun, self.lex.cues):
            return []
        if (
            not owners
            and noun.dep_ == "dobj"
            and noun.head.lemma_ in ("have", "maintain", "build", "develop")
        ):
            owners = [k for s in noun.head.children if s.dep_ == "nsubj" for k in actors_of(s, view)]
        return self._frames("allied_with", owners, partners, confidence=0.6)


@Language.factory("brinkwatch_relations", default_config={"knowledge": []})
def make_relation_finder(nlp: Language, name: str, knowledge: list[str]) -> RelationFinder:
    """spaCy factory: relation frames from verbs, roles, kinship, backing, control and membership patterns."""
    return RelationFinder(nlp, name, gazetteer=load_knowledge(knowledge))  # knowledge: a user's packs
