"""The ``brinkwatch_events`` component: who did what to whom, from verbs and event nouns.

Triggers come from ``patterns/events.yaml``: verbs ("bombed", "was
assassinated"), frames that need a particle, preposition or object ("return
to", "lift the ban", "provided air support to"), light verbs carrying an
event noun ("launched a bombardment", "imposed sanctions"), event nouns with
their own arguments ("the assassination of X", "X's visit to Washington",
"drone attacks by X", "sanctions imposed on X") and wrapper verbs whose type
wins over their complement ("threatened to strike"). The source is the
logical subject (by-agent in the passive, possessor or actor modifier of a
noun, or the subject of the verb a nominal hangs from: "took action with the
assassination of X"); the target the object or the "of"/"on"/"against"/"at"
phrase; a place as target stands for the state it belongs to.

A journey's errand is an event of the traveller ("arrived on a visit",
"returned to Geneva for talks"), and an event noun as the subject of a verb
lends the verb its source ("US drone strikes killed X").

Only asserted clauses give events (see :func:`brinkwatch.nlp.syntax.asserted`).
Frames keep token anchors; dates are resolved later, in document order. Each
frame also says how far down the sentence it sits (``embedding``: 0 on the
main line) and, when unasserted, whether it is denied ("will not accept",
"failed to reach") or the purpose of another act ("sent observers to
investigate"), so a reader can pick a sentence's main event and read a
statement of intent the way event coders do.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from brinkwatch.knowledge import Gazetteer, load_gazetteer
from brinkwatch.knowledge.packs import load_knowledge
from brinkwatch.nlp import syntax
from brinkwatch.nlp.annotations import View, bw
from brinkwatch.nlp.arguments import (
    actors_of,
    argument_heads,
    date_in_clause,
    date_in_sentence,
    item_dates,
    place_of,
)
from brinkwatch.nlp.lexicon import Frame, Lexicon, Trigger, load_lexicon

AGENT_PREPS = frozenset({"with", "through", "by", "via", "in"})
# Prepositions that give the errand of a journey: "arrived on a visit", "returned to Geneva for talks".
ERRAND_PREPS = frozenset({"for", "on"})
# Prepositions whose event noun is the means of a passive act: "killed in a strike", "hit during a raid".
INSTRUMENT_PREPS = frozenset({"in", "during", "by"})
# Types whose joint subjects act on one another when no other party is named ("X and Y agreed a truce").
RECIPROCAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Types of stances taken on someone: when their object is an act, the act's author is the one concerned.
STANCE_TYPES = frozenset({"ACCUSE", "PROTEST", "REJECT", "SUPPORT", "THREATEN"})
TAKING_GROUND = Trigger("ASSAULT")
DEMONSTRATIVES = frozenset({"that", "this", "these", "those"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


class EventFinder:
    """Finds event frames and stores them under ``doc._.bw["events"]``."""

    def __init__(
        self, nlp: Language, name: str, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.name = name
        self.lex = lexicon or load_lexicon()
        self.gaz = gazetteer or load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        bw(doc)["events"] = self.frames(doc, asserted_only=True)
        return doc

    def frames(self, doc: Doc, asserted_only: bool) -> list[dict[str, Any]]:
        """Event frames of a parsed, annotated doc; with ``asserted_only`` False the unasserted ones too."""
        view = View(doc)
        consumed: set[int] = set()
        out: list[dict[str, Any]] = []
        for tok in doc:
            if tok.i in consumed or view.is_quiet(tok):
                continue
            frame = self._frame(tok, view, consumed)
            if frame is None or syntax.in_quoted_title(tok, self.lex.cues):
                continue
            frame["asserted"] = syntax.asserted(tok, self.lex.cues)
            if asserted_only and not frame["asserted"]:
                continue
            frame["embedding"] = syntax.embedding(tok)
            if not frame["asserted"]:
                frame["denied"] = syntax.denied(tok, self.lex.cues)
                frame["purpose"] = syntax.is_purpose(tok, self.lex.cues)
            frame["anchor"] = tok.i
            frame["date"] = date_in_clause(tok, view)
            frame["sentence_date"] = date_in_sentence(tok, view)
            frame["present"] = tok.tag_ in PRESENT_TAGS or any(
                c.dep_ == "aux" and c.tag_ in PRESENT_TAGS and c.lemma_ == "be" for c in tok.children
            )
            frame.setdefault("place", place_of(tok, view, self.lex.events.place_preps))
            if self._territorial(tok):
                frame["territorial"] = True
                if not frame["target"]:
                    self._territory_as_target(tok, frame, view)
            out.append(frame)
        return out

    def _territorial(self, tok: Token) -> bool:
        """Whether the event is a measure over a territory: its word or object is "curfew", "siege"..."""
        words = self.lex.events.territorial
        return tok.lemma_.lower() in words or any(
            self._content(o).lemma_.lower() in words for o in syntax.objects(tok)
        )

    def _territory_as_target(self, tok: Token, frame: dict[str, Any], view: View) -> None:
        """A curfew or its lifting falls on the people where it applies: that place's state is the target.

        A state's measure on its own soil keeps no target (the event stands with its source alone).
        """
        preps = self.lex.events.place_preps | {"on", "over"}
        heads = [tok, *(self._content(o) for o in syntax.objects(tok))]
        for head in heads:
            place = place_of(head, view, preps)
            state = self._state_of_place(place, view) if place is not None else None
            if state is None:
                state = next(iter(self._targets([o for _p, o in syntax.preps(head, preps)], view)), None)
            if state is not None and state not in frame["source"]:
                frame["target"] = [state]
                return

    # ------------------------------------------------------------ frames

    def _frame(self, tok: Token, view: View, consumed: set[int]) -> dict[str, Any] | None:
        ev = self.lex.events
        lemma = self._lemma(tok)
        if tok.pos_ == "VERB":
            if lemma in ev.wrappers and any(c.dep_ in ("xcomp", "ccomp") for c in tok.children):
                return self._wrapper(tok, ev.wrappers[lemma], view, consumed)
            if lemma in ev.speech_verbs:
                demand = self._demand(tok, view, consumed)
                if demand is not None:
                    return demand
            frames = ev.frames.get(lemma, ())
            # a fixed phrase ("went on strike") before a journey's errand ("returned to X for talks"),
            # the errand before a bare movement ("returned to X")
            for frame in (f for f in frames if f.object_of_prep):
                found = self._framed(tok, frame, view)
                if found is not None:
                    return found
            if lemma in ev.motion_verbs:
                errand = self._errand(tok, view, consumed)
                if errand is not None:
                    return errand
            for frame in (f for f in frames if not f.object_of_prep):
                found = self._framed(tok, frame, view)
                if found is not None:
                    return found
            if lemma in ev.light_verbs:
                for container in (c for c in tok.children if c.dep_ in ("dobj", "obj")):
                    if container.lemma_.lower() in ev.speech_nouns:
                        demand = self._demand(tok, view, consumed, container)
                        if demand is not None:
                            return demand
                    obj = self._content(container)
                    noun = self._noun_trigger(obj)
                    if noun is not None:
                        consumed.update({obj.i, container.i})
                        return self._light(tok, obj, noun, view, container)
            trigger = ev.verbs.get(lemma)
            if trigger is not None:
                return self._verb(tok, trigger, view)
            return None
        if tok.pos_ == "NOUN":
            if tok.dep_ == "compound" and tok.head.lemma_.lower() not in ev.container_nouns:
                return None  # "riot police", "attack drone": the head noun is what the phrase refers to
            trigger = self._noun_trigger(tok)
            if trigger is not None and not trigger.light_only:
                return self._noun(tok, trigger, view)
        return None

    def _lemma(self, tok: Token) -> str:
        """The word's lemma; for a verb whose tagged lemma no table knows, a regular base form one does.

        Small models mislemmatise some past forms ("staged" -> "stag"); the
        lexicon should not miss a trigger for that.
        """
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or self.lex.events.known(lemma):
            return lemma
        return next((c for c in _base_forms(tok.lower_) if self.lex.events.known(c)), lemma)

    def _errand(self, verb: Token, view: View, consumed: set[int]) -> dict[str, Any] | None:
        """A journey made for an event: "arrived on a visit", "returned to Geneva for talks".

        The traveller is the source of the event the errand noun names, light-only nouns included.
        """
        for _p, obj in syntax.preps(verb, ERRAND_PREPS):
            noun = self._content(obj)
            trigger = self._noun_trigger(noun)
            if trigger is not None:
                consumed.update({obj.i, noun.i})
                return self._light(verb, noun, trigger, view, obj)
        return None

    def _noun_trigger(self, noun: Token) -> Trigger | None:
        """The event a noun names; a compound ("hunger strike", "martial law") wins over its head alone."""
        ev = self.lex.events
        lemma = noun.lemma_.lower()
        if any((c.lower_, lemma) in ev.non_event_compounds for c in noun.lefts):
            return None  # "a press release" is a document, not a release
        for c in noun.lefts:
            compound = ev.noun_compounds.get((c.lower_, lemma)) or ev.noun_compounds.get(
                (c.lower_, noun.lower_)
            )
            if compound is not None:
                return compound
        return ev.nouns.get(lemma)

    def _content(self, noun: Token) -> Token:
        """A container noun passes on to its "of"-phrase: "a state of emergency", "a wave of arrests"."""
        if noun.lemma_.lower() in self.lex.events.container_nouns:
            inner = [o for _p, o in syntax.preps(noun, frozenset({"of"}))]
            if inner and inner[0].pos_ in ("NOUN", "PROPN"):
                return inner[0]
            for c in noun.lefts:
                if c.dep_ == "compound" and c.pos_ == "NOUN" and self._noun_trigger(c) is not None:
                    return c
        return noun

    def _event(
        self, trigger: Trigger, sources: list[str], targets: list[str], tok: Token, confidence: float = 0.7
    ) -> dict[str, Any]:
        mode = self._mode(tok, trigger)
        sources = list(dict.fromkeys(sources))
        targets = [t for t in dict.fromkeys(targets) if t not in sources]
        event = {
            "type": trigger.type,
            "mode": mode,
            "source": sources,
            "target": targets,
            "trigger": tok.text,
            "confidence": confidence,
        }
        if not targets and len(sources) > 1 and trigger.type in RECIPROCAL_TYPES:
            # "Egypt and Jordan signed a treaty": each party is the other's counterpart
            event["target"] = list(sources)
            event["reciprocal"] = True
        return event

    def _mode(self, tok: Token, trigger: Trigger) -> str | None:
        """A modifier such as "drone" or "Katyusha" refines the mode where the type has that mode."""
        modes = self.lex.events.mode_modifiers
        allowed = self._modes_of(trigger.type)
        for c in list(tok.lefts) + ([tok.head] if tok.dep_ == "compound" else []):
            mode = modes.get(c.lower_) or modes.get(c.lemma_.lower())
            if mode and mode in allowed:
                return mode
        return trigger.mode

    @staticmethod
    def _modes_of(kind: str) -> frozenset[str]:
        from brinkwatch.ontology import load_ontology

        return frozenset(load_ontology().event_type(kind).modes)

    def _passive(self, verb: Token) -> bool:
        """A passive whose subject undergoes the act ("X is opposed to Y" is X's own stance)."""
        if not syntax.is_passive(verb):
            return False
        return self._lemma(verb) not in self.lex.events.stative_passives or bool(syntax.agent(verb))

    def _subjects(self, verb: Token, view: View) -> list[str]:
        if self._passive(verb):
            return [k for a in syntax.agent(verb) for k in actors_of(a, view)]
        return self._keys(syntax.logical_subjects(verb), view)

    @staticmethod
    def _keys(tokens: list[Token], view: View, places_too: bool = False) -> list[str]:
        return list(dict.fromkeys(k for t in tokens for k in actors_of(t, view, places_too)))

    def _targets(self, tokens: list[Token], view: View, coordinated: bool = True) -> list[str]:
        """Actors hit by the event; a place (or a country used as one) stands for its state."""
        out: list[str] = []
        for tok in tokens:
            keys = actors_of(tok, view, places_too=True, coordinated=coordinated)
            for k in keys:
                entry = view.actors.get(k, {})
                m = view.mention_at.get(tok.i)
                if m is not None and m[4] and entry.get("type") != "state":
                    k = self._state_of_actor(k, view) or k
                out.append(k)
            if not keys:
                place = view.place_at.get(tok.i)
                if place is not None:
                    state = self._state_of_place(place, view)
                    if state:
                        out.append(state)
        return out

    def _state_of_place(self, place: str, view: View) -> str | None:
        known = self.gaz.places.get(place)
        country = known.country if known else view.places.get(place, {}).get("country")
        state = self.gaz.state_of(country)
        return view.enter_known(state) if state is not None else None

    def _state_of_actor(self, key: str, view: View) -> str | None:
        known = self.gaz.actors.get(key)
        state = self.gaz.state_of(known.country) if known else None
        return state.id if state else None

    def _verb(self, verb: Token, trigger: Trigger, view: View) -> dict[str, Any] | None:
        if trigger.mode == "seize" and any(self._is_territory(o, view) for o in syntax.objects(verb)):
            trigger = TAKING_GROUND  # "seized Bukavu": taking a town is fighting for it, not confiscation
        sources = self._subjects(verb, view)
        if self._passive(verb):
            patients = [s for s in syntax.logical_subjects(verb)] if verb.dep_ != "acl" else [verb.head]
            targets = self._targets(patients, view)
            if not sources:
                sources = self._instrument_sources(verb, view)
        else:
            if not sources:
                sources = self._event_subject_sources(verb, view)
            targets = self._targets(syntax.objects(verb), view)
            if not targets:
                targets = self._targets(
                    [o for _p, o in syntax.preps(verb, self.lex.events.target_preps)], view
                )
            if not targets and trigger.type in STANCE_TYPES:
                targets = self._actors_behind(syntax.objects(verb), view)
        return self._event(trigger, sources, targets, verb)

    def _is_territory(self, obj: Token, view: View) -> bool:
        """Whether an object names ground: a known place ("Goma") or a place noun ("the town")."""
        return obj.i in view.place_at or obj.lemma_.lower() in self.lex.actors.place_nouns

    def _actors_behind(self, objects: list[Token], view: View) -> list[str]:
        """ "condemned the strikes by X", "denied the Turkish raids": a stance on an act is on its actor."""
        out: list[str] = []
        for obj in objects:
            noun = self._content(obj)
            trigger = self._noun_trigger(noun) if noun.pos_ == "NOUN" else None
            if trigger is not None:
                event = self._noun(noun, trigger, view)
                if event is not None:
                    out += event["source"]
        return out

    def _event_subject_sources(self, verb: Token, view: View) -> list[str]:
        """ "US drone strikes killed X", "the bombing by Y killed X": the subject event's source did it."""
        for subj in syntax.logical_subjects(verb):
            trigger = self._noun_trigger(subj) if subj.pos_ == "NOUN" else None
            if trigger is not None:
                event = self._noun(subj, trigger, view)
                if event is not None and event["source"]:
                    return list(event["source"])
        return []

    def _instrument_sources(self, verb: Token, view: View) -> list[str]:
        """ "X was killed in an Israeli strike": an agentless passive's means names who acted."""
        for _p, obj in syntax.preps(verb, INSTRUMENT_PREPS):
            noun = self._content(obj)
            trigger = self._noun_trigger(noun) if noun.pos_ == "NOUN" else None
            if trigger is not None:
                event = self._noun(noun, trigger, view)
                if event is not None and event["source"]:
                    return list(event["source"])
        return []

    def _framed(self, verb: Token, frame: Frame, view: View) -> dict[str, Any] | None:
        children = list(verb.children)
        if frame.particle and not any(c.dep_ == "prt" and c.lower_ in frame.particle for c in children):
            return None
        if frame.advmod and not any(
            c.dep_ in ("advmod", "prt") and c.lower_ in frame.advmod
            for c in [*children, *(g for c in children if c.dep_ == "prep" for g in c.children)]
        ):
            return None  # "using the base together in Anbar": the parser may hang the adverb on the phrase
        objs = syntax.objects(verb)
        if frame.object and not any(self._names_object(o, frame.object) for o in objs):
            return None
        prep_objs = [o for _p, o in syntax.preps(verb, frame.prep)] if frame.prep else []
        if frame.prep and not prep_objs:
            return None
        if frame.object_of_prep and not any(o.lemma_.lower() in frame.object_of_prep for o in prep_objs):
            return None
        sources = self._subjects(verb, view)
        if frame.reciprocal:
            event = self._event(frame.trigger, sources, [], verb)
            event["target"] = list(event["source"])
            event["reciprocal"] = True
            return event
        if frame.particle:
            prep_objs = [o for _p, o in syntax.preps(verb, frame.particle)]
        if frame.object:
            # "provided air support to X", "lifted that ban": the recipient, else the object's own target
            recipients = [o for _p, o in syntax.preps(verb, frozenset({"to", "for", "on", "against"}))]
            targets = self._targets(recipients, view)
            for o in objs:
                targets += self._targets(
                    [x for _p, x in syntax.preps(o, frozenset({"to", "on", "against", "with", "for"}))], view
                )
                if frame.antecedent and any(c.lower_ in DEMONSTRATIVES for c in o.children):
                    event = self._event(frame.trigger, sources, targets, verb)
                    event["antecedent"] = sorted(frame.antecedent)
                    return event
        else:
            targets = self._targets(prep_objs or objs, view)
        return self._event(frame.trigger, sources, targets, verb)

    def _names_object(self, obj: Token, words: frozenset[str]) -> bool:
        """Whether an object is one of ``words``: itself or what its container holds ("a mission of
        observers"), by lemma or form ("the wounded"), or with its modifier ("peacekeeping force")."""
        for tok in dict.fromkeys([obj, self._content(obj)]):
            forms = {tok.lemma_.lower(), tok.lower_}
            if forms & words:
                return True
            modifiers = [c.lower_ for c in tok.lefts if c.dep_ in ("compound", "amod")]
            if any(f"{m} {f}" in words for m in modifiers for f in forms):
                return True
        return False

    def _light(
        self, verb: Token, noun: Token, trigger: Trigger, view: View, container: Token | None = None
    ) -> dict[str, Any] | None:
        """A light verb and its event noun: "launched a bombardment at X", "imposed sanctions on X".

        A container noun between them ("a wave of strikes on X") may carry the target phrase itself.
        """
        sources = self._subjects(verb, view)
        preps = self.lex.events.target_preps
        tokens = [o for _p, o in syntax.preps(noun, preps | {"of"})] + [
            o for _p, o in syntax.preps(verb, preps)
        ]
        if container is not None and container.i != noun.i:
            tokens += [o for _p, o in syntax.preps(container, preps)]
        for of_obj in [o for _p, o in syntax.preps(noun, frozenset({"of"}))]:
            tokens += [o for _p, o in syntax.preps(of_obj, preps)]  # "a suspension of flights to X"
        heads = [h for t in tokens for h in argument_heads(t, view)]
        targets = self._targets(heads, view)
        if not targets and trigger.type == "ASSAULT":
            # "launched an offensive to take Tripoli": the aim of an attack names what it is aimed at
            aims = [c for h in (noun, verb) for c in h.children if c.dep_ in ("acl", "xcomp", "advcl")]
            aims = [a for a in aims if a.pos_ == "VERB"]
            # "to take Tripoli from the government": whoever holds the ground, else the ground's state
            targets = self._targets([o for a in aims for _p, o in syntax.preps(a, frozenset({"from"}))], view)
            targets = targets or self._targets([o for a in aims for o in syntax.objects(a)], view)
        event = self._event(trigger, sources, targets, noun)
        self._items(event, heads, view)
        return event

    def _items(self, event: dict[str, Any], heads: list[Token], view: View) -> None:
        """Listed targets with their own parenthetical dates ("A (2019) and B (2020)") become items."""
        dated = item_dates(heads, view)
        if len(set(dated.values())) > 1 or (dated and len(heads) > 1):
            event["items"] = [[self._targets([h], view, coordinated=False), dated.get(h.i)] for h in heads]

    def _noun(self, noun: Token, trigger: Trigger, view: View) -> dict[str, Any] | None:
        """An event noun: "the assassination of X", "X's visit to Y", "attacks by X", "sanctions on X"."""
        ev = self.lex.events
        if any(c.dep_ == "det" and c.lower_ in self.lex.cues.generic_determiners for c in noun.children):
            return None
        of_objs = [o for _p, o in syntax.preps(noun, frozenset({"of"}))]
        possessors = [c for c in noun.children if c.dep_ == "poss"]
        sources = self._keys([o for _p, o in syntax.preps(noun, frozenset({"by"}))], view)
        if noun.lemma_.lower() in ev.theme_nominals:
            # "the withdrawal of US troops", "the deployment of NATO forces": whoever moves acts
            sources += self._keys(of_objs, view)
            of_objs = []
        targets: list[str] = []
        if possessors:
            if of_objs or noun.lemma_.lower() not in ev.patient_nominals:
                sources += self._keys(possessors, view)
            else:
                targets += self._targets(possessors, view)
        modifiers = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
        # "US Predator attacks": the actor may modify the modifier
        modifiers += [
            g for c in modifiers if c.dep_ == "compound" for g in c.lefts if g.dep_ in ("compound", "nmod")
        ]
        sources += [k for c in modifiers for k in [view.actor_key(c)] if k is not None]
        target_tokens = of_objs + [o for _p, o in syntax.preps(noun, ev.target_preps - {"with"})]
        participle = [c for c in noun.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBG")]
        for acl in participle:
            sources += [k for a in syntax.agent(acl) for k in actors_of(a, view)]
            target_tokens += [o for _p, o in syntax.preps(acl, ev.target_preps)] + [
                o for o in acl.children if o.dep_ == "dobj"
            ]
        heads = [h for t in target_tokens for h in argument_heads(t, view)]
        targets += self._targets(heads, view)
        if not sources:
            sources = self._implicit_agent(noun, view)
        event = self._event(trigger, sources, targets, noun)
        self._items(event, heads, view)
        event["definite"] = any(
            c.dep_ == "det" and c.lower_ in DEMONSTRATIVES | {"the"} for c in noun.children
        )
        return event

    def _demand(
        self, verb: Token, view: View, consumed: set[int], statement: Token | None = None
    ) -> dict[str, Any] | None:
        """ "X said Y must withdraw", "X issued a reminder that Y must comply": a demand by the speaker
        on the complement's subject."""
        holders = [verb] if statement is None else [verb, statement]
        for comp in (c for h in holders for c in h.children):
            if comp.dep_ in ("ccomp", "acl") and any(
                c.dep_ == "aux" and c.lower_ in ("must", "should") for c in comp.children
            ):
                consumed.add(comp.i)
                sources = self._subjects(verb, view)
                targets = self._targets([s for s in comp.children if s.dep_ in ("nsubj", "nsubjpass")], view)
                return self._event(Trigger("REQUEST"), sources, targets, verb)
        return None

    def _implicit_agent(self, noun: Token, view: View) -> list[str]:
        """The subject of the verb a nominal hangs from: "The US took action with the assassination of X"."""
        if noun.dep_ == "pobj" and noun.head.lower_ in AGENT_PREPS:
            verb = noun.head.head
            if verb.pos_ in ("VERB", "AUX"):
                return self._subjects(verb, view)
        return []

    def _wrapper(
        self, verb: Token, trigger: Trigger, view: View, consumed: set[int]
    ) -> dict[str, Any] | None:
        """ "threatened to strike X", "agreed to withdraw", "urged X to ...": the framing verb's type."""
        sources = self._subjects(verb, view)
        targets = self._targets(syntax.objects(verb), view)
        targets += self._targets(
            [o for _p, o in syntax.preps(verb, frozenset({"to", "with", "on", "against"}))], view
        )
        for comp in verb.children:
            if comp.dep_ in ("xcomp", "ccomp"):
                consumed.add(comp.i)
                targets += self._targets(syntax.objects(comp), view)
                targets += self._targets(
                    [o for _p, o in syntax.preps(comp, self.lex.events.target_preps)], view
                )
        return self._event(trigger, sources, targets, verb)


@Language.factory("brinkwatch_events", default_config={"knowledge": []})
def make_event_finder(nlp: Language, name: str, knowledge: list[str]) -> EventFinder:
    """spaCy factory: PLOVER event frames from verbs, frames, light verbs, event nouns and wrappers."""
    return EventFinder(nlp, name, gazetteer=load_knowledge(knowledge))  # knowledge: a user's packs


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of a regular English verb form, most likely first ("staged" -> "stage")."""
    out: list[str] = []
    if word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # "stopped"
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out
