"""Loading gazetteer files: good data loads, bad data is refused with its file, line, entry and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from brinkwatch.knowledge import GAZETTEER_DATASET, GazetteerError, load_gazetteer

GOOD = """
variants:
  - [kataib, kataeb]
actors:
  - id: test-militia
    name: Test Militia
    type: armed_group
    aliases: [TM Brigades]
    country: IRQ
    code: IRQMIL
    founded: "2007"
    relations:
      - {type: supports, target: iran, valid_from: "2008-03", source: a test report}
  - id: test-leader
    name: Abu Test al-Kataib
    type: person
    born: 1960-05-01
    relations:
      - type: leads
        target: [test-militia]
        valid_from: "2007"
        valid_to: "2019-12"
        role: secretary-general
places:
  - {id: test-base, name: Camp Test, type: base, country: IRQ, lat: 33.5, lon: 44.25, aliases: [Test Base]}
states:
  IRQ:
    name: Iraq
    demonyms: [Iraqi]
    metonyms: [Baghdad]
    relations:
      - {type: opposes, target: test-militia, valid_from: "2010"}
"""


def write(tmp_path: Path, body: str, name: str = "test.yaml") -> Path:
    folder = tmp_path / "kb"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def load_only(tmp_path: Path, body: str) -> GazetteerError:
    folder = write(tmp_path, body)
    with pytest.raises(GazetteerError) as caught:
        load_gazetteer(extra=[folder], builtin=False)
    return caught.value


def test_a_good_file_loads_with_relations_and_provenance(tmp_path: Path) -> None:
    folder = write(tmp_path, GOOD)
    gaz = load_gazetteer(extra=[folder], builtin=False)
    militia = gaz.actors["test-militia"]
    assert militia.founded == "2007" and militia.code == "IRQMIL"
    assert gaz.actors["test-leader"].born == "1960-05-01"
    assert [a.id for a in gaz.lookup("Kataeb")] == []
    assert [a.id for a in gaz.lookup("Abu Test al-Kataeb")] == ["test-leader"]
    assert gaz.actors["iraq"].demonyms == ("Iraqi",)
    leads = [r for r in gaz.relations if r.type == "leads"]
    assert len(leads) == 1
    assert (leads[0].source, leads[0].target, leads[0].valid_to) == ("test-leader", "test-militia", "2019-12")
    assert leads[0].id == "test-leader--leads--test-militia--2007"
    prov = leads[0].provenance[0]
    assert prov.dataset == GAZETTEER_DATASET and prov.record == f"{folder / 'test.yaml'}:test-leader"
    supports = next(r for r in gaz.relations if r.type == "supports")
    assert supports.provenance[0].text == "a test report"
    assert gaz.lookup_place("Test Base") == gaz.places["test-base"]
    state_rel = next(r for r in gaz.relations if r.type == "opposes")
    assert (state_rel.source, state_rel.target) == ("iraq", "test-militia")
    assert str(state_rel.provenance[0].record).endswith("test.yaml:iraq")


def test_every_iso_country_is_present_without_any_data(tmp_path: Path) -> None:
    gaz = load_gazetteer(extra=[write(tmp_path, "actors: []")], builtin=False)
    assert gaz.actors["bolivia"].code == "BOL"
    assert gaz.places["bolivia"].type == "country"
    assert sum(1 for a in gaz.actors.values() if a.type == "state") == 249


@pytest.mark.parametrize(
    ("body", "line", "entry", "field", "problem"),
    [
        (
            """
            actors:
              - id: a
                name: A
                type: militia
            """,
            3, "a", "type", "expected one of state, government",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person}
              - id: b
                name: B
                type: person
                born: "1960-13-01"
            """,
            4, "b", "born", "not a real calendar date",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person, died: "1950", born: "1960"}
            """,
            3, "a", "died", "before born",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person}
              - {id: a, name: A again, type: person}
            """,
            4, "a", "id", "duplicate actor id 'a'",
        ),
        (
            """
            actors:
              - id: a
                name: A
                type: person
                relations:
                  - {type: leads, target: nobody}
            """,
            7, "a relation #1", "target", "unknown actor 'nobody'",
        ),
        (
            """
            actors:
              - id: a
                name: A
                type: person
                relations:
                  - {type: rules, target: iraq}
            """,
            7, "a relation #1", "type", "expected one of leads",
        ),
        (
            """
            actors:
              - id: a
                name: A
                type: person
                relations:
                  - {type: leads, target: iraq, valid_from: "2010", valid_to: "2009"}
            """,
            7, "a relation #1", "valid_to", "before valid_from",
        ),
        (
            """
            actors:
              - {id: A Bad Id, name: A, type: person}
            """,
            3, "A Bad Id", "id", "lower-case slug",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person, alias: [x]}
            """,
            3, "a", "alias", "unknown key",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person, country: XXX}
            """,
            3, "a", "country", "alpha-3",
        ),
        (
            """
            places:
              - {id: p, name: P, type: city, lat: 95, lon: 10}
            """,
            3, "p", "lat", "between -90 and 90",
        ),
        (
            """
            places:
              - {id: p, name: P, type: town}
            """,
            3, "p", "type", "expected one of country, province",
        ),
        (
            """
            places:
              - {id: iraq, name: Iraq again, type: country}
            """,
            3, "iraq", "id", "duplicate place id 'iraq'",
        ),
        (
            """
            states:
              XYZ: {name: Nowhere}
            """,
            3, "XYZ", "", "not an ISO 3166-1 alpha-3 code",
        ),
        (
            """
            actors:
              - {id: a, name: A, type: person}
            people: []
            """,
            2, "", "people", "unknown section",
        ),
    ],
)
def test_bad_entries_are_refused_with_their_location(
    tmp_path: Path, body: str, line: int, entry: str, field: str, problem: str
) -> None:
    error = load_only(tmp_path, body)
    assert error.file.endswith("test.yaml")
    assert (error.line, error.entry, error.field) == (line, entry, field)
    assert problem in error.problem
    assert "test.yaml" in str(error) and problem in str(error)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    error = load_only(tmp_path, "actors:\n  - {id: a, name: [unclosed\n")
    assert error.line >= 2 and "not valid YAML" in error.problem


def test_a_duplicate_relation_is_refused(tmp_path: Path) -> None:
    error = load_only(tmp_path, """
        actors:
          - id: a
            name: A
            type: person
            relations:
              - {type: leads, target: iraq, valid_from: "2010"}
              - {type: leads, target: iraq, valid_from: "2010", role: again}
        """)
    assert error.entry == "a relation #2" and "duplicate relation" in error.problem


def test_an_added_folder_cannot_redefine_a_builtin_actor(tmp_path: Path) -> None:
    folder = write(tmp_path, """
        actors:
          - {id: kataib-hezbollah, name: Another KH, type: armed_group}
        """)
    with pytest.raises(GazetteerError, match=r"duplicate actor id 'kataib-hezbollah'.*first at actors/"):
        load_gazetteer(extra=[folder])


def test_an_added_folder_extends_the_builtin_gazetteer(tmp_path: Path) -> None:
    folder = write(tmp_path, """
        actors:
          - id: new-faction
            name: Saraya Test
            type: armed_group
            relations:
              - {type: member_of, target: popular-mobilization-forces, valid_from: "2015"}
        """)
    gaz = load_gazetteer(extra=[folder])
    assert gaz.lookup("Saraya Test")[0].id == "new-faction"
    assert any(r.source == "new-faction" for r in gaz.relations_of("popular-mobilization-forces"))


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such gazetteer file or directory"):
        load_gazetteer(extra=[tmp_path / "absent"], builtin=False)
