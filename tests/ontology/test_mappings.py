"""The mapping tables: they load, fit plover.yaml, and say what the code sets mean where they differ."""

from __future__ import annotations

import pytest

from brinkwatch.ontology import load_ontology
from brinkwatch.ontology import mappings as m


@pytest.mark.parametrize("name", m.CODESETS)
def test_code_sets_load_and_their_values_agree_with_their_types(name: str) -> None:
    codes = m.load_codeset(name).codes
    assert len(codes) > 50
    mapped = {c: e for c, e in codes.items() if e is not None}
    # violence is hostile and aid is cooperative on both axes: a sign error in a table shows here
    assert all(e.goldstein is not None and e.goldstein < 0 for e in mapped.values() if e.type == "ASSAULT")
    assert all(e.goldstein is not None and e.goldstein > 0 for e in mapped.values() if e.type == "AID")
    ontology = load_ontology()
    assert all(e.quad_class == ontology.event_type(e.type).quad_class for e in mapped.values())


def test_cameo_versions_differ_where_their_numbering_does() -> None:
    new, old = m.load_codeset("cameo-1.1"), m.load_codeset("cameo-0.5b1")
    assert (new.get("163").type, new.get("163").mode) == ("SANCTION", "economic")  # type: ignore[union-attr]
    assert (old.get("166").type, old.get("166").mode) == ("SANCTION", "economic")  # type: ignore[union-attr]
    assert new.get("016").type == "REJECT" and old.get("016").type == "SUPPORT"  # type: ignore[union-attr]
    assert new.knows("0213") and not old.knows("0213")


def test_weis_keeps_its_own_meanings() -> None:
    weis = m.load_codeset("weis")
    assert weis.get("223").type == "ASSAULT" and weis.get("094").type == "REQUEST"  # type: ignore[union-attr]
    assert m.load_codeset("cameo-1.1").get("094").type == "ACCUSE"  # type: ignore[union-attr]
    assert weis.knows("023") and weis.get("023") is None
    assert not weis.knows("010")


def test_acled_and_actor_tables() -> None:
    acled = m.load_acled()
    assert acled.get("Battles", "Armed clash").type == "ASSAULT"  # type: ignore[union-attr]
    assert acled.get("Riots", "a sub-type ACLED adds later").mode == "riot"  # type: ignore[union-attr]
    assert (
        acled.knows("Strategic developments", "Other")
        and acled.get("Strategic developments", "Other") is None
    )
    assert not acled.knows("Weather", "Rain")
    assert m.load_acled_inter()["7"] == m.load_acled_inter()["civilians"] == "population"
    assert m.load_actor_roles()["MIL"].actor_type == "government"
    assert m.load_legacy_codes()["AUS"].iso3 == "AUT"


def test_ucdp_and_polecat_rules() -> None:
    ucdp = m.load_ucdp()
    assert {e.type for e in ucdp.violence.values()} == {"ASSAULT"}
    assert (
        ucdp.actor_type("Government of Iraq") == "government" and ucdp.actor_type("Civilians") == "population"
    )
    assert ucdp.actor_type("IS") == "armed_group" and ucdp.place_name("Al Anbār province") == "Al Anbār"
    polecat = m.load_polecat()
    assert polecat.type_aliases["INVESTIGATE"] == ("ACCUSE", "investigate")
    assert m.fold_key("Event Date") == m.fold_key("event_date") == "eventdate"


def test_a_mapping_outside_the_ontology_is_reported_with_file_and_line() -> None:
    with pytest.raises(m.MappingError, match=r"x.tsv:3: 'hug' is not a mode of ASSAULT"):
        m._mapping("x.tsv", 3, "ASSAULT", "hug", None)
    with pytest.raises(m.MappingError, match="'BRAWL' is not a PLOVER event type"):
        m._mapping("x.tsv", 4, "BRAWL", None, None)
    with pytest.raises(ValueError, match="unknown event code set"):
        m.load_codeset("cameo-9")
