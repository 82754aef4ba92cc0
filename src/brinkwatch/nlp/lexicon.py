"""The extraction patterns, read from ``nlp/patterns/*.yaml`` and checked once per process.

Which words announce events, relations, actor types, negation or dates is
linguistic knowledge an analyst should be able to read and extend, so it
lives in data; this module turns the files into typed, validated tables and
reports a bad entry by file and key instead of failing later in the middle
of a document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from brinkwatch.ontology import load_ontology
from brinkwatch.records import ACTOR_TYPES, RELATION_TYPES


class LexiconError(ValueError):
    """A pattern file entry that does not fit its format, named by file and key."""


@dataclass(frozen=True)
class Trigger:
    """A PLOVER event type and optional mode that a word announces."""

    type: str
    mode: str | None = None
    light_only: bool = False


@dataclass(frozen=True)
class Frame:
    """A trigger that needs a particle, preposition, object or adverb to be an event."""

    lemma: str
    trigger: Trigger
    prep: frozenset[str] = frozenset()
    particle: frozenset[str] = frozenset()
    object: frozenset[str] = frozenset()
    advmod: frozenset[str] = frozenset()
    object_of_prep: frozenset[str] = frozenset()
    antecedent: frozenset[str] = frozenset()
    reciprocal: bool = False


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, Trigger]
    frames: dict[str, tuple[Frame, ...]]
    light_verbs: frozenset[str]
    nouns: dict[str, Trigger]
    wrappers: dict[str, Trigger]
    mode_modifiers: dict[str, str]
    target_preps: frozenset[str]
    place_preps: frozenset[str]
    patient_nominals: frozenset[str]
    noun_compounds: dict[tuple[str, str], Trigger]
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    motion_verbs: frozenset[str]
    stative_passives: frozenset[str]
    theme_nominals: frozenset[str]
    non_event_compounds: frozenset[tuple[str, str]]
    container_nouns: frozenset[str]
    territorial: frozenset[str]

    def known(self, lemma: str) -> bool:
        """Whether a verb lemma is in any event table (to check a lemma the tagger may have got wrong)."""
        return (
            lemma in self.verbs
            or lemma in self.frames
            or lemma in self.light_verbs
            or lemma in self.wrappers
            or lemma in self.speech_verbs
            or lemma in self.motion_verbs
        )


@dataclass(frozen=True)
class Backing:
    """A relation type and whether the modified actor is its source (reverse) rather than its target."""

    type: str
    reverse: bool = False


@dataclass(frozen=True)
class RelationLexicon:
    verbs: dict[str, str]
    inverse_verbs: dict[str, str]
    phrasal: dict[tuple[str, str], str]
    role_nouns: dict[str, str]
    head_titles: frozenset[str]
    org_titles: frozenset[str]
    role_modifiers: frozenset[str]
    office_nouns: dict[str, str]
    office_verbs: frozenset[str]
    kin_nouns: frozenset[str]
    proxy_nouns: frozenset[str]
    backing_adjectives: dict[str, Backing]
    backing_nouns: dict[str, str]
    control_nouns: dict[str, str]
    loyalty_nouns: frozenset[str]
    part_nouns: frozenset[str]
    tie_nouns: frozenset[str]


@dataclass(frozen=True)
class ActorLexicon:
    org_heads: dict[str, str]
    collective_nouns: dict[str, str]
    collective_references: frozenset[str]
    native_collectives: frozenset[str]
    identifying_modifiers: frozenset[str]
    generic_groups: dict[str, str]
    state_agents: frozenset[str]
    non_actor_heads: frozenset[str]
    not_actors: tuple[str, ...]
    anaphoric_nouns: frozenset[str]
    general_anaphors: frozenset[str]
    pronouns: dict[str, str]
    person_nouns: frozenset[str]
    credit_cues: frozenset[str]
    demonym_non_agent_heads: frozenset[str]
    military_nouns: frozenset[str]
    part_nouns: frozenset[str]
    place_nouns: frozenset[str]
    typed_anaphors: dict[str, str]
    led_bodies: dict[str, str]


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    modal_aux: frozenset[str]
    irrealis_governors: frozenset[str]
    negating_governors: frozenset[str]
    conditional_marks: frozenset[str]
    generic_determiners: frozenset[str]
    title_markers: frozenset[str]
    place_preps: frozenset[str]
    relational_heads: frozenset[str]


UNITS = ("day", "week", "month", "year")
"""Units a date count is made of ("five days", "two weeks later")."""


@dataclass(frozen=True)
class CalendarWords:
    """The date words of ``patterns/dates.yaml`` that weekdays, counts and guards are read from."""

    weekdays: dict[str, int]
    day_times: tuple[str, ...]
    counted_after: tuple[str, ...]
    counted_before: tuple[str, ...]
    next_day: tuple[str, ...]
    previous_day: tuple[str, ...]
    vague_counts: dict[str, tuple[int, int]]
    not_years_after: frozenset[str]


@dataclass(frozen=True)
class DateLexicon:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    month_parts: tuple[str, ...]
    numbers: dict[str, int]
    anaphoric_years: tuple[str, ...]
    anaphoric_months: tuple[str, ...]
    calendar: CalendarWords


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractor reads from the pattern files."""

    events: EventLexicon
    relations: RelationLexicon
    actors: ActorLexicon
    cues: Cues
    dates: DateLexicon


class _File:
    """One pattern file with typed accessors that name the file and key on a bad value."""

    def __init__(self, name: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise LexiconError(f"patterns/{name}: expected a mapping at the top level")
        self.name = name
        self.data: dict[str, Any] = data

    @classmethod
    def read(cls, name: str) -> _File:
        """The packaged pattern file ``patterns/<name>``."""
        text = resources.files("brinkwatch.nlp").joinpath("patterns", name).read_text(encoding="utf-8")
        try:
            return cls(name, yaml.safe_load(text))
        except yaml.YAMLError as exc:
            raise LexiconError(f"patterns/{name}: not valid YAML: {exc}") from None

    def fail(self, key: str, problem: str) -> LexiconError:
        return LexiconError(f"patterns/{self.name}: {key}: {problem}")

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self.data:
            if default is None:
                raise self.fail(key, "missing")
            return default
        return self.data[key]

    def words(self, key: str) -> frozenset[str]:
        value = self.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list of words, got {type(value).__name__}")
        for v in value:
            if not isinstance(v, str):
                # YAML reads bare on/off/yes/no as booleans and digits as numbers
                raise self.fail(key, f'{v!r} is not a word; quote it ("on", "no")')
        return frozenset(v.lower() for v in value)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a mapping, got {type(value).__name__}")
        return {str(k).lower(): v for k, v in value.items()}

    def choice(self, key: str, value: Any, allowed: tuple[str, ...] | frozenset[str]) -> str:
        if str(value) not in allowed:
            raise self.fail(key, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return str(value)


def _trigger(f: _File, key: str, value: Any) -> Trigger:
    """Parse "TYPE", "TYPE/mode" or {type: "TYPE/mode", light_only: bool}."""
    light = False
    if isinstance(value, dict):
        light = bool(value.get("light_only", False))
        value = value.get("type")
    if not isinstance(value, str):
        raise f.fail(key, "expected an event type such as ASSAULT or ASSAULT/drone")
    type_name, _, mode = value.partition("/")
    ontology = load_ontology()
    f.choice(key, type_name, tuple(ontology.event_types))
    if mode and mode not in ontology.event_type(type_name).modes:
        raise f.fail(key, f"mode {mode!r} is not a mode of {type_name} in ontology/plover.yaml")
    return Trigger(type_name, mode or None, light)


def _pair(f: _File, key: str, value: Any) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        raise f.fail(key, "expected [first month, last month]")
    return int(value[0]), int(value[1])


def _events(f: _File) -> EventLexicon:
    frames: dict[str, list[Frame]] = {}
    for i, raw in enumerate(f.get("frames", [])):
        key = f"frames[{i}]"
        if not isinstance(raw, dict) or "lemma" not in raw or "type" not in raw:
            raise f.fail(key, "expected a mapping with lemma and type")

        def words(name: str, raw: dict[str, Any] = raw) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(name, []) or [])

        frame = Frame(
            lemma=str(raw["lemma"]).lower(),
            trigger=_trigger(f, key, raw["type"]),
            prep=words("prep"),
            particle=words("particle"),
            object=words("object"),
            advmod=words("advmod"),
            object_of_prep=words("object_of_prep"),
            reciprocal=bool(raw.get("reciprocal", False)),
            antecedent=frozenset(
                f.choice(key, t, tuple(load_ontology().event_types)) for t in raw.get("antecedent", []) or []
            ),
        )
        frames.setdefault(frame.lemma, []).append(frame)
    return EventLexicon(
        verbs={k: _trigger(f, f"verbs.{k}", v) for k, v in f.mapping("verbs").items()},
        frames={k: tuple(v) for k, v in frames.items()},
        light_verbs=f.words("light_verbs"),
        nouns={k: _trigger(f, f"nouns.{k}", v) for k, v in f.mapping("nouns").items()},
        wrappers={k: _trigger(f, f"wrappers.{k}", v) for k, v in f.mapping("wrappers").items()},
        mode_modifiers={k: str(v) for k, v in f.mapping("mode_modifiers").items()},
        target_preps=f.words("target_preps"),
        place_preps=f.words("place_preps"),
        patient_nominals=f.words("patient_nominals"),
        noun_compounds={
            _compound(f, k): _trigger(f, f"noun_compounds.{k}", v)
            for k, v in f.mapping("noun_compounds").items()
        },
        speech_verbs=f.words("speech_verbs"),
        speech_nouns=f.words("speech_nouns"),
        motion_verbs=f.words("motion_verbs"),
        stative_passives=f.words("stative_passives"),
        theme_nominals=f.words("theme_nominals"),
        non_event_compounds=frozenset(
            _compound(f, w, "non_event_compounds") for w in f.words("non_event_compounds")
        ),
        container_nouns=f.words("container_nouns"),
        territorial=f.words("territorial"),
    )


def _compound(f: _File, key: str, table: str = "noun_compounds") -> tuple[str, str]:
    modifier, _, noun = key.rpartition(" ")
    if not modifier:
        raise f.fail(f"{table}.{key}", "expected 'modifier noun'")
    return modifier, noun


def _relations(f: _File) -> RelationLexicon:
    def rel(key: str, value: Any) -> str:
        return f.choice(key, value, RELATION_TYPES)

    backing: dict[str, Backing] = {}
    for k, v in f.mapping("backing_adjectives").items():
        if isinstance(v, dict):
            backing[k] = Backing(rel(f"backing_adjectives.{k}", v.get("type")), bool(v.get("reverse", False)))
        else:
            backing[k] = Backing(rel(f"backing_adjectives.{k}", v))
    phrasal: dict[tuple[str, str], str] = {}
    for k, v in f.mapping("phrasal").items():
        verb, _, particle = k.partition(" ")
        if not particle:
            raise f.fail(f"phrasal.{k}", "expected 'verb particle'")
        phrasal[(verb, particle)] = rel(f"phrasal.{k}", v)
    return RelationLexicon(
        verbs={k: rel(f"verbs.{k}", v) for k, v in f.mapping("verbs").items()},
        inverse_verbs={k: rel(f"inverse_verbs.{k}", v) for k, v in f.mapping("inverse_verbs").items()},
        phrasal=phrasal,
        role_nouns={k: rel(f"role_nouns.{k}", v) for k, v in f.mapping("role_nouns").items()},
        head_titles=f.words("head_titles"),
        org_titles=f.words("org_titles"),
        role_modifiers=f.words("role_modifiers"),
        office_nouns={k: rel(f"office_nouns.{k}", v) for k, v in f.mapping("office_nouns").items()},
        office_verbs=f.words("office_verbs"),
        kin_nouns=f.words("kin_nouns"),
        proxy_nouns=f.words("proxy_nouns"),
        backing_adjectives=backing,
        backing_nouns={k: rel(f"backing_nouns.{k}", v) for k, v in f.mapping("backing_nouns").items()},
        control_nouns={k: rel(f"control_nouns.{k}", v) for k, v in f.mapping("control_nouns").items()},
        loyalty_nouns=f.words("loyalty_nouns"),
        part_nouns=f.words("part_nouns"),
        tie_nouns=f.words("tie_nouns"),
    )


def _actors(f: _File) -> ActorLexicon:
    def types(key: str) -> dict[str, str]:
        return {k: f.choice(f"{key}.{k}", v, ACTOR_TYPES) for k, v in f.mapping(key).items()}

    pronouns = {
        k: f.choice(f"pronouns.{k}", v, ("person", "thing", "plural"))
        for k, v in f.mapping("pronouns").items()
    }
    return ActorLexicon(
        org_heads=types("org_heads"),
        collective_nouns=types("collective_nouns"),
        collective_references=f.words("collective_references"),
        native_collectives=f.words("native_collectives"),
        identifying_modifiers=f.words("identifying_modifiers"),
        generic_groups=types("generic_groups"),
        state_agents=f.words("state_agents"),
        non_actor_heads=f.words("non_actor_heads"),
        not_actors=tuple(str(x) for x in f.get("not_actors", [])),
        anaphoric_nouns=f.words("anaphoric_nouns"),
        general_anaphors=f.words("general_anaphors"),
        pronouns=pronouns,
        person_nouns=f.words("person_nouns"),
        credit_cues=f.words("credit_cues"),
        demonym_non_agent_heads=f.words("demonym_non_agent_heads"),
        military_nouns=f.words("military_nouns"),
        part_nouns=f.words("part_nouns"),
        place_nouns=f.words("place_nouns"),
        typed_anaphors=types("typed_anaphors"),
        led_bodies=types("led_bodies"),
    )


def _cues(f: _File) -> Cues:
    return Cues(
        negation=f.words("negation"),
        modal_aux=f.words("modal_aux"),
        irrealis_governors=f.words("irrealis_governors"),
        negating_governors=f.words("negating_governors"),
        conditional_marks=f.words("conditional_marks"),
        generic_determiners=f.words("generic_determiners"),
        title_markers=f.words("title_markers"),
        place_preps=f.words("place_preps"),
        relational_heads=f.words("relational_heads"),
    )


def _calendar(f: _File) -> CalendarWords:
    weekdays = {k: v for k, v in f.mapping("weekdays").items()}
    for k, v in weekdays.items():
        if not (isinstance(v, int) and 0 <= v <= 6):
            raise f.fail(f"weekdays.{k}", "expected a weekday number 0 (Monday) .. 6 (Sunday)")
    vague: dict[str, tuple[int, int]] = {}
    for k, v in f.mapping("vague_counts").items():
        if not (isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v) and v[0] <= v[1]):
            raise f.fail(f"vague_counts.{k}", "expected [fewest, most] units")
        if k.rstrip("s") not in UNITS:
            raise f.fail(f"vague_counts.{k}", f"expected a plural of {', '.join(UNITS)}")
        vague[k] = (int(v[0]), int(v[1]))
    return CalendarWords(
        weekdays=weekdays,
        day_times=tuple(sorted(f.words("day_times"))),
        counted_after=tuple(sorted(f.words("counted_after"))),
        counted_before=tuple(sorted(f.words("counted_before"))),
        next_day=tuple(sorted(f.words("next_day"))),
        previous_day=tuple(sorted(f.words("previous_day"))),
        vague_counts=vague,
        not_years_after=f.words("not_years_after"),
    )


def _dates(f: _File) -> DateLexicon:
    months = {k: int(v) for k, v in f.mapping("months").items()}
    for k, m in months.items():
        if not 1 <= m <= 12:
            raise f.fail(f"months.{k}", "expected a month number 1..12")
    return DateLexicon(
        months=months,
        seasons={k: _pair(f, f"seasons.{k}", v) for k, v in f.mapping("seasons").items()},
        year_parts={k: _pair(f, f"year_parts.{k}", v) for k, v in f.mapping("year_parts").items()},
        month_parts=tuple(str(x).lower() for x in f.get("month_parts", [])),
        numbers={k: int(v) for k, v in f.mapping("numbers").items()},
        anaphoric_years=tuple(str(x).lower() for x in f.get("anaphoric_years", [])),
        anaphoric_months=tuple(str(x).lower() for x in f.get("anaphoric_months", [])),
        calendar=_calendar(f),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and check every pattern file once per process."""
    return Lexicon(
        events=_events(_File.read("events.yaml")),
        relations=_relations(_File.read("relations.yaml")),
        actors=_actors(_File.read("actors.yaml")),
        cues=_cues(_File.read("cues.yaml")),
        dates=_dates(_File.read("dates.yaml")),
    )
