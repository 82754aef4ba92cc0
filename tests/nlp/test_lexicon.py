"""The pattern files load, and a bad entry is reported by file and key."""

from __future__ import annotations

import pytest

from brinkwatch.nlp.lexicon import LexiconError, _events, _File, load_lexicon
from brinkwatch.records import EVENT_TYPES, RELATION_TYPES


def test_packaged_patterns_load_and_use_known_types() -> None:
    lex = load_lexicon()
    assert lex.events.verbs["assassinate"].type == "ASSAULT"
    assert lex.events.verbs["assassinate"].mode == "assassination"
    assert {t.type for t in lex.events.verbs.values()} <= set(EVENT_TYPES)
    assert set(lex.relations.role_nouns.values()) <= set(RELATION_TYPES)
    assert "on" in lex.events.target_preps  # quoted in YAML, so not read as a boolean


def test_unknown_event_type_names_file_and_key() -> None:
    bad = _File(
        "events.yaml",
        {
            "verbs": {"clobber": "SMASH"},
            "light_verbs": [],
            "target_preps": [],
            "place_preps": [],
            "patient_nominals": [],
        },
    )
    with pytest.raises(LexiconError, match=r"patterns/events.yaml: verbs.clobber: 'SMASH' is not one of"):
        _events(bad)


def test_unknown_mode_is_reported() -> None:
    bad = _File("events.yaml", {"verbs": {"clobber": "ASSAULT/telepathy"}})
    with pytest.raises(LexiconError, match="mode 'telepathy' is not a mode of ASSAULT"):
        _events(bad)


def test_yaml_boolean_in_a_word_list_is_reported() -> None:
    bad = _File("events.yaml", {"verbs": {}, "light_verbs": [True]})
    with pytest.raises(LexiconError, match="light_verbs: True is not a word; quote it"):
        _events(bad)


def test_top_level_must_be_a_mapping() -> None:
    with pytest.raises(LexiconError, match="expected a mapping"):
        _File("dates.yaml", ["january"])


def test_part_nouns_and_the_new_event_tables_load() -> None:
    lex = load_lexicon()
    assert {"member", "government", "thousand"} <= lex.actors.part_nouns
    assert ("press", "release") in lex.events.non_event_compounds
    assert "withdrawal" in lex.events.theme_nominals and "oppose" in lex.events.stative_passives
    assert lex.events.known("stage") and not lex.events.known("stag")
    assert "fail" in lex.cues.negating_governors


def test_non_event_compound_needs_two_words() -> None:
    bad = _File("events.yaml", {"verbs": {}, "non_event_compounds": ["release"]})
    with pytest.raises(LexiconError, match=r"non_event_compounds\.release: expected 'modifier noun'"):
        _events(bad)
