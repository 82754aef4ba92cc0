"""Relation patterns, each on sentences written for the test."""

from __future__ import annotations

from collections.abc import Callable

from conftest import Found


def test_led_by_participle(extract: Callable[..., Found]) -> None:
    found = extract("They met the Harbor Workers Union, led by Samira Qasim, at the port.")
    rel = found.relation("leads", "Samira Qasim", "Harbor Workers Union")
    assert rel is not None
    quote = rel.provenance[0].text
    assert quote is not None and quote.startswith("They met the Harbor Workers Union")


def test_passive_financing_with_date(extract: Callable[..., Found]) -> None:
    found = extract("In 2011 the Dawn Movement was financed by Qatar.")
    rel = found.relation("funds", "Qatar", "Dawn Movement")
    assert rel is not None and rel.valid_from == "2011"


def test_founded_by_with_apposition_and_year(extract: Callable[..., Found]) -> None:
    found = extract("The Reform Front was formed by Syria's former envoy, Karim Haddad, in 1994.")
    rel = found.relation("founded", "Karim Haddad", "Reform Front")
    assert rel is not None and rel.valid_from == "1994"


def test_copula_role_with_possessive_pronoun(extract: Callable[..., Found]) -> None:
    found = extract("The Mountain Lions Brigade was based in Kirkuk. Yusuf Darwish was its first commander.")
    rel = found.relation("leads", "Yusuf Darwish", "Mountain Lions Brigade")
    assert rel is not None and rel.role == "first commander"


def test_kinship_is_symmetric_and_told_once(extract: Callable[..., Found]) -> None:
    found = extract(
        "Layla Mansour is the younger sister of Omar Mansour. "
        "Layla Mansour later replaced her older sister's rival. Omar Mansour praised Layla Mansour."
    )
    kin = [r for r in found.relations if r.type == "kin_of"]
    assert len(kin) == 1
    assert kin[0].role == "younger sister"


def test_succeeded_and_office_taken(extract: Callable[..., Found]) -> None:
    found = extract(
        "Nabil Sarraf chaired the Southern Bloc until 2009. Then Hana Jaber took over the bloc's leadership "
        "and succeeded Nabil Sarraf."
    )
    assert found.relation("leads", "Hana Jaber", "Southern Bloc") is not None
    assert found.relation("succeeded", "Hana Jaber", "Nabil Sarraf") is not None


def test_backed_adjective_and_proxy_noun(extract: Callable[..., Found]) -> None:
    found = extract("Turkey-backed fighters entered Afrin in 2018. Critics called them Turkey's proxies.")
    fighters = [a for a in found.actors if a.name == "Turkey-backed fighters"]
    assert fighters, [a.name for a in found.actors]
    assert found.relation("supports", "Turkey", "Turkey-backed fighters") is not None


def test_under_the_command_of(extract: Callable[..., Found]) -> None:
    found = extract("The Desert Hawks Battalion operated under the command of the Syrian Arab Army.")
    assert found.relation("commands", "Syrian Arab Army", "Desert Hawks Battalion") is not None


def test_loyalty_to(extract: Callable[..., Found]) -> None:
    found = extract("The Sadrist Movement declared loyalty to Muqtada al-Sadr in 2004.")
    assert found.relation("loyal_to", "Sadrist Movement", "Muqtada al-Sadr") is not None


def test_armed_wing_called(extract: Callable[..., Found]) -> None:
    found = extract("The Unity Party had an armed wing called the Crescent Brigades.")
    assert found.relation("member_of", "Crescent Brigades", "Unity Party") is not None


def test_titles_give_membership_of_the_state(extract: Callable[..., Found]) -> None:
    found = extract(
        "She met then French Foreign Minister Alain Juppe and Defence Minister Gerard Longuet in Paris."
    )
    juppe = found.relation("member_of", "Alain Juppe", "France")
    longuet = found.relation("member_of", "Gerard Longuet", "France")
    assert juppe is not None and juppe.role == "foreign minister"
    assert longuet is not None


def test_backing_noun(extract: Callable[..., Found]) -> None:
    found = extract("The Free Coast Council was established with Egypt's backing in 2012.")
    assert found.relation("supports", "Egypt", "Free Coast Council") is not None


def test_negated_relation_is_not_a_relation(extract: Callable[..., Found]) -> None:
    found = extract("The Dawn Movement was never financed by Qatar.")
    assert all(r.type != "funds" for r in found.relations)


def test_interval_from_and_until(extract: Callable[..., Found]) -> None:
    found = extract("From 2004 Hana Jaber chaired the Southern Bloc until 2009.")
    rel = found.relation("leads", "Hana Jaber", "Southern Bloc")
    assert rel is not None
    assert (rel.valid_from, rel.valid_to) == ("2004", "2009")


def test_backing_adjective_does_not_date_the_backing_by_the_clause(extract: Callable[..., Found]) -> None:
    # the attack is dated; the backing only held then, so the relation carries no start date
    found = extract("Turkey-backed fighters shelled the town of Tal Rifaat on 12 March 2019.")
    backing = found.relation("supports", "Turkey", "Turkey-backed fighters")
    assert backing is not None
    assert backing.valid_from is None and backing.valid_to is None


def test_denied_predicate_noun_states_no_tie(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Valley Liberation Brigades are not a wing of the Northern Reform Party. "
        "The Mountain Guards are a wing of the Northern Reform Party."
    )
    assert found.relation("member_of", "Mountain Guards", "Northern Reform Party") is not None
    assert found.relation("member_of", "Valley Liberation Brigades", "Northern Reform Party") is None


def test_participle_modifies_only_the_conjuncts_before_it(extract: Callable[..., Found]) -> None:
    found = extract(
        "The alliance included the Northern Reform Party, led by Hamid Karimi; the Valley Liberation "
        "Front, led by Jalal Ahmadi; the Mountain Guards; and the River Union."
    )
    assert found.relation("leads", "Hamid Karimi", "Northern Reform Party") is not None
    assert found.relation("leads", "Jalal Ahmadi", "Valley Liberation Front") is not None
    led = {found.name(r.target) for r in found.relations if r.type == "leads"}
    assert not led & {"Mountain Guards", "River Union"}


def test_backed_group_located_in_places_backs_no_place(extract: Callable[..., Found]) -> None:
    found = extract(
        "Aircraft struck depots of the Iran-backed militia Kataib Hezbollah in Iraq and Syria on 3 May 2019."
    )
    assert found.relation("supports", "Iran", "Kataib Hezbollah") is not None
    assert not [r for r in found.relations if r.type == "supports" and found.name(r.target) == "Syria"]


def test_named_as_leader_gives_the_role_to_the_object(extract: Callable[..., Found]) -> None:
    found = extract("The ministry described Hamid Karimi as the leader of the Valley Liberation Brigades.")
    assert found.relation("leads", "Hamid Karimi", "Valley Liberation Brigades") is not None
    assert [r for r in found.relations if r.type in ("leads", "commands")] == [
        found.relation("leads", "Hamid Karimi", "Valley Liberation Brigades")
    ]


def test_participle_on_an_unnamed_noun_reaches_no_further_back(extract: Callable[..., Found]) -> None:
    found = extract("The Pentagon blamed a militia backed by the Revolutionary Guards for the attack.")
    assert not [r for r in found.relations if r.type == "supports"]


def test_head_of_government_title_leads_the_state(extract: Callable[..., Found]) -> None:
    found = extract(
        "Iraq's prime minister, Mohammed Shia al-Sudani, met the envoy. "
        "Iraq's foreign minister, Fuad Hussein, met him too."
    )
    assert found.relation("leads", "Mohammed Shia al-Sudani", "Iraq") is not None
    assert found.relation("member_of", "Fuad Hussein", "Iraq") is not None
    assert found.relation("leads", "Fuad Hussein", "Iraq") is None


def test_hyphenated_title_is_one_title(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Valley Liberation Brigades ended their campaign. "
        "Their secretary-general, Hamid Karimi, said the group would regroup."
    )
    rel = found.relation("leads", "Hamid Karimi", "Valley Liberation Brigades")
    assert rel is not None


def test_head_title_of_a_known_person_leads_their_state(extract: Callable[..., Found]) -> None:
    found = extract("President Joe Biden blamed the militias on 28 January 2024.")
    assert found.relation("leads", "Joe Biden", "United States") is not None


def test_organisational_title_without_owner_takes_the_organisation_in_view(
    extract: Callable[..., Found],
) -> None:
    found = extract(
        "The Valley Liberation Brigades grew quickly in the 1980s. "
        "Hamid Karimi became the first secretary-general in 1989."
    )
    rel = found.relation("leads", "Hamid Karimi", "Valley Liberation Brigades")
    assert rel is not None and rel.valid_from == "1989"


def test_relative_clause_and_appositive_describe_one_name(extract: Callable[..., Found]) -> None:
    found = extract(
        "On 10 March 2025 the interim president, Hamid Karimi, who led the Valley Liberation Front, "
        "and Jalal Ahmadi, the Mountain Guards' commander, signed an agreement."
    )
    assert found.relation("leads", "Hamid Karimi", "Valley Liberation Front") is not None
    assert found.relation("leads", "Jalal Ahmadi", "Valley Liberation Front") is None
    assert found.relation("leads", "Jalal Ahmadi", "Mountain Guards") is not None


def test_role_as_subject_of_the_copula(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Valley Liberation Front took the city in 2012. Its political leader is Hamid Karimi."
    )
    assert found.relation("leads", "Hamid Karimi", "Valley Liberation Front") is not None


def test_inverse_verb_initiative_and_backbone(extract: Callable[..., Found]) -> None:
    found = extract(
        "The Valley Liberation Front was formed in October 2015 at the initiative of the Mountain Guards. "
        "The Mountain Guards have always been the backbone of the Valley Liberation Front. "
        "The Northern Alliance includes the River Union."
    )
    assert found.relation("founded", "Mountain Guards", "Valley Liberation Front") is not None
    assert found.relation("member_of", "Mountain Guards", "Valley Liberation Front") is not None
    assert found.relation("member_of", "River Union", "Northern Alliance") is not None
    assert found.relation("member_of", "Northern Alliance", "River Union") is None
